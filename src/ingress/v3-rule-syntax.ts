import { quotedText, type Path, type Problem } from '../core/problem';
import { isMap } from '../core/is-map';
import { deployedTraefik } from '../traefik/acme-option-names';
import { traefikFlags } from '../traefik/arguments';
import { chartRulesOf } from '../traefik/chart-versions';
import { chartIngressRoutes, extraObjectRoutes } from '../traefik/extra-objects';
import { matchersOf, parsedRule } from '../traefik/rule-syntax';

type Values = Readonly<Record<string, unknown>>;

/**
 * The matchers of Traefik v3's rule syntax and how many values each takes, by lower-case name (the parser takes a
 * matcher's name as written, in lower case, upper case or title case, pkg/rules/parser.go; rule-syntax.ts names each
 * matcher so, and rule-values.ts refuses another case): HTTP routers' from traefik/traefik pkg/muxer/http/matcher.go `httpFuncs` (`expectNParameters`), TCP routers'
 * from pkg/muxer/tcp/matcher.go `tcpFuncs` (`expect1Parameter`), read at v3.6.0. The v2 syntax (`httpFuncsV2`, `tcpFuncsV2`) took any number of values per matcher and had `Headers`,
 * `HeadersRegexp` and `HostHeader` besides (doc.traefik.io migration/v2-to-v3 "Rules": "All matchers now take a single
 * value (except Header, HeaderRegexp, Query, and QueryRegexp which take two)").
 */
const HTTP_MATCHERS: ReadonlyMap<string, { name: string; counts: readonly number[] }> = new Map(
  (
    [
      ['ClientIP', [1]],
      ['Method', [1]],
      ['Host', [1]],
      ['HostRegexp', [1]],
      ['Path', [1]],
      ['PathRegexp', [1]],
      ['PathPrefix', [1]],
      ['Header', [2]],
      ['HeaderRegexp', [2]],
      ['Query', [1, 2]],
      ['QueryRegexp', [1, 2]],
    ] as const
  ).map(([name, counts]) => [name.toLowerCase(), { name, counts }]),
);
const TCP_MATCHERS: typeof HTTP_MATCHERS = new Map(
  (['ALPN', 'ClientIP', 'HostSNI', 'HostSNIRegexp'] as const).map((name) => [name.toLowerCase(), { name, counts: [1] }]),
);

/** v2's matchers that v3 renamed. */
const RENAMED: Readonly<Record<string, string>> = { headers: 'Header', headersregexp: 'HeaderRegexp', hostheader: 'Host' };

/** v2's `{name:regexp}` path and host templates (gorilla/mux), which v3 reads literally (Path, PathPrefix) or as a Go regexp. */
const TEMPLATE = /\{[A-Za-z_][A-Za-z0-9_]*:/;
const TEMPLATED = new Set(['host', 'hostregexp', 'path', 'pathprefix']);

/** Why Traefik v3's syntax refuses `rule` (`refused`), or reads a v2 form in it otherwise, and what to write; else undefined. */
export function v3RuleProblem(rule: unknown, tcp: boolean): { why: string; fix: string; refused: boolean } | undefined {
  const tree = parsedRule(rule);
  if (!tree) return undefined;
  const table = tcp ? TCP_MATCHERS : HTTP_MATCHERS;
  for (const { name, values } of matchersOf(tree)) {
    const key = name.toLowerCase();
    const known = table.get(key);
    if (!known) {
      const names = [...table.values()].map((m) => m.name).join(', ');
      const fix = !tcp && RENAMED[key] ? `write ${RENAMED[key]}, its v3 name` : `use one of ${names}`;
      return { why: `uses matcher ${name}, which Traefik v3's rule syntax does not have`, fix, refused: true };
    }
    if (!known.counts.includes(values.length)) {
      const fix =
        known.counts[0] === 1 && values.length > 1
          ? `write one ${known.name}(\`...\`) per value, joined by || (in parentheses where && joins them)`
          : `give it ${known.counts.join(' or ')} value(s)`;
      return {
        why: `gives ${known.name} ${values.length} value(s), where Traefik v3's rule syntax takes ${known.counts.join(' or ')}`,
        fix,
        refused: true,
      };
    }
    if (TEMPLATED.has(key) && values.some((value) => TEMPLATE.test(value))) {
      return {
        why: `gives ${known.name} a v2 {name:regexp} template, which Traefik v3's rule syntax reads ${key === 'hostregexp' ? 'as a plain Go regexp' : 'literally'}`,
        fix: `write a Go regexp in ${key.startsWith('host') ? 'HostRegexp' : 'PathRegexp'}(\`...\`)`,
        refused: false,
      };
    }
  }
  return undefined;
}

/** The message for a v3RuleProblem; `v2`: how the route keeps the v2 form. */
function message(problem: NonNullable<ReturnType<typeof v3RuleProblem>>, v2: string): string {
  const effect = problem.refused ? 'Traefik refuses the router and the route never serves' : 'the route never matches what it meant';
  return `${problem.why}, so ${effect}: ${problem.fix}, or keep the v2 form and ${v2}`;
}

const V2_ON_ROUTE = 'set syntax: v2 on the route (or core.defaultRuleSyntax: v2 in the values)';
/**
 * 76b-9: the chart's IngressRoute has no route `syntax` to set: templates/ingressroute.yaml renders only `entryPoints`,
 * `matchRule`, `services`, `middlewares`, `tls`, `annotations` and `labels` of `ingressRoute.<name>` (traefik/traefik-helm-chart
 * v39.0.7), and no annotation sets an IngressRoute's syntax.
 */
const V2_ON_CHART_ROUTE =
  "set core.defaultRuleSyntax: v2 in the values (every route's default: the chart renders no syntax of ingressRoute.<name>; " +
  'for this route alone, write it as an IngressRoute in extraObjects with syntax: v2 on its route)';

/**
 * A route's own `syntax`, where it sets one: Traefik's muxer takes the other parser for exactly its name (`switch syntax
 * { case "v2": ... default: v3 }`, pkg/muxer/http/mux.go and tcp/mux.go, v3.6.0; v2.11 the same for "v3"), and an empty
 * one is the default's (51b-3).
 */
export const ownSyntax = (route: Values): string | undefined =>
  typeof route.syntax === 'string' && route.syntax !== '' ? route.syntax : undefined;

/** The rule syntax a router without `syntax` gets: `core.defaultRuleSyntax`, which the chart writes as the flag, or the flag itself (the last wins). */
export function defaultSyntax(values: Values, prefix: Path, chartVersion: string): unknown {
  const flags = traefikFlags(values, prefix, chartVersion).filter((flag) => flag.name === 'core.defaultrulesyntax');
  if (flags.length) return flags[flags.length - 1].value;
  return isMap(values.core) ? values.core.defaultRuleSyntax : undefined;
}

/**
 * IngressRoute and IngressRouteTCP rules (`extraObjects`, and the chart's own `ingressRoute.<name>.matchRule`) that the
 * deployed Traefik v3 refuses, or reads otherwise, in its v3 rule syntax (50b-5): Traefik logs the error and the router
 * never serves. The deployed major is the chart's (chart-versions.ts `traefikMajor`, v3 from chart v28.0.0) or
 * `image.tag`'s (acme-option-names.ts deployedTraefik). A route with `syntax: v2` (exactly: `V2` is v3, as in Traefik's muxer), or every route when Traefik gets
 * `core.defaultRuleSyntax: v2` and the route sets no `syntax: v3`, is read in the v2 syntax and left alone.
 */
export function v3RuleProblems(values: Values, prefix: Path, chartVersion: string): Problem[] {
  if (deployedTraefik(values, chartRulesOf(chartVersion))?.version.major !== 3) return [];
  const fallback = defaultSyntax(values, prefix, chartVersion) === 'v2' ? 'v2' : 'v3';
  const fromChart = chartIngressRoutes(values).flatMap(([name, config]): Problem[] => {
    const problem = fallback === 'v3' ? v3RuleProblem(config.matchRule, false) : undefined;
    const ignored = config.syntax !== undefined ? ' (the chart does not render its syntax key, so Traefik never sees it)' : '';
    const path = [...prefix, 'values', 'ingressRoute', name, 'matchRule'];
    return problem ? [{ path, message: message(problem, V2_ON_CHART_ROUTE) + ignored }] : [];
  });
  const fromItems = extraObjectRoutes(values, ['IngressRoute', 'IngressRouteTCP']).flatMap(({ kind, route, at }): Problem[] => {
    if (!isMap(route)) return [];
    const own = ownSyntax(route);
    if ((own ?? fallback) === 'v2') return [];
    const problem = v3RuleProblem(route.match, kind === 'IngressRouteTCP');
    const note =
      own !== undefined && own !== 'v3'
        ? ` (its syntax ${quotedText(own, () => false, '')} is not v2: Traefik reads the rule as v2 only for exactly v2, any other syntax as v3)`
        : '';
    return problem ? [{ path: [...prefix, ...at, 'match'], message: message(problem, V2_ON_ROUTE) + note }] : [];
  });
  return [...fromChart, ...fromItems];
}
