import type { Path, Problem } from '../core/problem';
import { isMap } from '../core/is-map';
import { deployedTraefik } from '../traefik/acme-option-names';
import { chartRulesOf } from '../traefik/chart-versions';
import { extraObjectRoutes } from '../traefik/extra-objects';
import { matchersOf, parsedRule } from '../traefik/rule-syntax';
import { defaultSyntax, ownSyntax } from './v3-rule-syntax';

type Values = Readonly<Record<string, unknown>>;

/**
 * Matchers of Traefik v3's rule syntax that Traefik v2's does not have, with the v2 form to write (51b-7). Traefik v2's
 * HTTP matchers (traefik/traefik pkg/muxer/http/matcher.go `httpFuncs`, v2.11): ClientIP, Method, Host, HostHeader,
 * HostRegexp, Path, PathPrefix, Headers, HeadersRegexp and Query; PathRegexp, Header, HeaderRegexp and QueryRegexp
 * are v3's (doc.traefik.io migration/v2-to-v3 "Rules"). Names in any case.
 */
const V3_ONLY: ReadonlyMap<string, string> = new Map([
  ['pathregexp', 'write Path(`/{name:regexp}`) (a gorilla/mux template)'],
  ['header', 'write Headers(`name`, `value`)'],
  ['headerregexp', 'write HeadersRegexp(`name`, `regexp`)'],
  ['queryregexp', 'write Query(`key=value`) with the exact values (v2 has no query regexp)'],
]);

/** Why Traefik v2's rule syntax refuses `rule` (a v3-only matcher), or reads its HostRegexp literally, and what to write. */
export function v2RuleProblem(rule: unknown): { why: string; fix: string; refused: boolean } | undefined {
  const tree = parsedRule(rule);
  if (!tree) return undefined;
  for (const { name, values } of matchersOf(tree)) {
    const fix = V3_ONLY.get(name.toLowerCase());
    if (fix) return { why: `uses matcher ${name}, which Traefik v2's rule syntax does not have`, fix, refused: true };
    // v2's HostRegexp takes a gorilla/mux template: outside {name:regexp} parts the text is matched literally.
    if (name.toLowerCase() === 'hostregexp' && values.some((v) => !v.includes('{') && /[\\^$*+?()[\]|]/.test(v))) {
      return {
        why: `gives HostRegexp a plain regexp, which Traefik v2 reads as a template matched literally outside {name:regexp} parts`,
        fix: 'write HostRegexp(`{name:regexp}.example.com`) (a gorilla/mux template)',
        refused: false,
      };
    }
  }
  return undefined;
}

/**
 * IngressRoute rules (`extraObjects`) that the deployed Traefik v2 (chart before v28.0.0 unless image.tag says v3,
 * chart-versions.ts, acme-option-names.ts deployedTraefik) refuses or reads otherwise in its v2 rule syntax (51b-7): a
 * route with `syntax: v3` is left alone (Traefik v2.11 reads it in v3's syntax, `core.defaultRuleSyntax` likewise).
 */
export function v2RuleProblems(values: Values, prefix: Path, chartVersion: string): Problem[] {
  if (deployedTraefik(values, chartRulesOf(chartVersion))?.version.major !== 2) return [];
  const fallback = defaultSyntax(values, prefix, chartVersion) === 'v3' ? 'v3' : 'v2';
  return extraObjectRoutes(values, ['IngressRoute']).flatMap(({ route, at }): Problem[] => {
    if (!isMap(route) || (ownSyntax(route) ?? fallback) === 'v3') return [];
    const problem = v2RuleProblem(route.match);
    if (!problem) return [];
    const effect = problem.refused ? 'Traefik refuses the router and the route never serves' : 'the route never matches what it meant';
    return [
      {
        path: [...prefix, ...at, 'match'],
        message: `${problem.why}, so ${effect} on this chart's Traefik v2: ${problem.fix}, or set syntax: v3 on the route (Traefik v2.11)`,
      },
    ];
  });
}
