import { keyText, quotedText, type Path, type Problem } from '../core/problem';
import { isMap } from '../core/is-map';
import { closest } from '../core/closest';
import { parseVersion } from '../semver';
import { apiGroup } from '../validate/kinds';
import { deployedTraefik } from '../traefik/acme-option-names';
import { traefikFlags } from '../traefik/arguments';
import { chartRulesOf, chartVersionSupport, OLDEST_CHART, upstreamChartVersion } from '../traefik/chart-versions';
import { entrypoints } from '../traefik/entrypoints';
import { chartIngressRoutes, extraObjectRoutes, renderedObjects } from '../traefik/extra-objects';
import { fileRoutes } from './file-routes';
import { crdBackendRefProblems } from './crd-backend-refs';
import { middlewareFieldProblems } from './middleware-fields';
import { optionObjectProblems } from './option-object-values';
import { sniWithoutTlsProblem } from './tcp-route-tls';
import { routeBackendProblems } from './route-backends';
import { chartRouteRefProblems } from './chart-route-refs';
import { chartMatchRuleProblem } from './chart-match-rule';
import { typoAmong } from '../traefik/values-key-nearby';
import { renderedChartIngressRoutes } from '../traefik/chart-ingress-routes';
import { crossNamespaceProblems } from './cross-namespace-refs';
import { entrypointLayers, type LayeredRouter, routeObjectLayerProblems, wrongLayerProblems } from './entrypoint-layers';
import { ruleBeyondBounds, ruleValueProblem } from './rule-values';
import { RULE_BOUNDS } from '../traefik/rule-syntax';
import { v2RuleProblem } from './v2-rule-syntax';
import { defaultSyntax, ownSyntax, v3RuleProblem } from './v3-rule-syntax';

type Values = Readonly<Record<string, unknown>>;

/**
 * The checks of Traefik's route objects (extraObjects IngressRoute and IngressRouteTCP, the chart's ingressRoute values)
 * that need no Ingress, so a config and the TraefikHelmChartConfig construct apply them alike (52b-1): field types,
 * rules Traefik cannot build, the rule syntax a route is read in, the API group the chart's CRDs serve, entrypoint names.
 */
export function routeObjectProblems(values: Values, prefix: Path, chartVersion: string): { errors: Problem[]; warnings: Problem[] } {
  const deployed = deployedTraefik(values, chartRulesOf(chartVersion));
  const major = deployed?.version.major;
  const release = deployed?.exact ? deployed.version : undefined;
  // Traefik v3 reads a rule as v2 only for exactly `v2`, Traefik v2.11 as v3 only for exactly `v3` (mux.go `switch syntax`).
  const other = major === 2 ? 'v3' : 'v2';
  const read = (syntax: unknown): 'v2' | 'v3' => (syntax === other ? other : other === 'v3' ? 'v2' : 'v3');
  const fallback = read(defaultSyntax(values, prefix, chartVersion));
  const known = entrypointNames(values, prefix, chartVersion);
  const warnings: Problem[] = [];
  const routes = extraObjectRoutes(values, ['IngressRoute', 'IngressRouteTCP']).flatMap(({ kind, spec, route, at }, n, all): Problem[] => {
    if (!isMap(route)) return [];
    const path = [...prefix, ...at];
    const own = ownSyntax(route);
    const syntax = own === undefined ? fallback : read(own);
    const problems = [...fieldProblems(route, path, kind), ...routeBackendProblems(route, path)];
    const rule = ruleValueProblem(route.match, syntax, kind === 'IngressRouteTCP', release);
    if (rule)
      problems.push({
        path: [...path, 'match'],
        message: `${rule.why}, so ${rule.effect ?? 'Traefik refuses the router and the route never serves'}: ${rule.fix}`,
      });
    if (!rule && ruleBeyondBounds(route.match)) warnings.push({ path: [...path, 'match'], message: BEYOND_BOUNDS });
    const sni =
      kind === 'IngressRouteTCP' && !rule ? sniWithoutTlsProblem(route.match, spec.tls !== undefined && spec.tls !== null) : undefined;
    if (sni) problems.push({ path: [...path, 'match'], message: sni });
    // Traefik v3 reads `syntax: v2` with its v2 parser, whose matchers are v2's (httpFuncsV2, pkg/muxer/http/matcher_v2.go
    // v3.6.0: no PathRegexp, Header, HeaderRegexp or QueryRegexp), as Traefik v2 does (v2-rule-syntax.ts, 52b-11).
    const v2 = major === 3 && syntax === 'v2' && kind === 'IngressRoute' && !rule ? v2RuleProblem(route.match) : undefined;
    if (v2?.refused) {
      const where = own === 'v2' ? 'its syntax: v2' : 'core.defaultRuleSyntax v2';
      problems.push({
        path: [...path, 'match'],
        message: `${v2.why}, and Traefik v3 reads this rule in that syntax (${where}), so it refuses the router and the route never serves: drop syntax v2 (v3's syntax has the matcher), or ${v2.fix}`,
      });
    }
    // The entrypoint names of the object, once per object (its first route).
    const first = all.findIndex((other) => other.spec === spec) === n;
    if (!first) return problems;
    const names = entrypointProblems(spec, path.slice(0, -2), known);
    warnings.push(...names.filter((p) => !p.nearMiss));
    return [...names.filter((p) => p.nearMiss), ...problems];
  });
  const version = chartVersionSupport(chartVersion).error ? OLDEST_CHART : parseVersion(upstreamChartVersion(chartVersion));
  const rendered = new Map(renderedChartIngressRoutes(values, version).map((one) => [one.name, one.matchRule]));
  const chart = chartIngressRoutes(values).flatMap(([name, config]): Problem[] => {
    const rule = ruleValueProblem(config.matchRule, fallback, false, release);
    const path = [...prefix, 'values', 'ingressRoute', name, 'matchRule'];
    // A slip of the chart's own route (`dashbaord`) is said once, as a slip (values-key-typos.ts, 80a-18).
    const slip = !Object.hasOwn(
      isMap(values.ingressRoute) ? values.ingressRoute : {},
      typoAmong(name, ['dashboard', 'healthcheck']) ?? name,
    );
    const missing = rendered.has(name) && !slip ? chartMatchRuleProblem(config, rendered.get(name), path.slice(0, -1)) : undefined;
    // 76b-11: a rule past what this tool reads is said as an extraObjects route's is.
    if (!rule && ruleBeyondBounds(config.matchRule)) warnings.push({ path, message: BEYOND_BOUNDS });
    // The chart renders `entryPoints` as the IngressRoute's (templates/ingressroute.yaml, `range $config.entryPoints`), 57b-4.
    const names = entrypointProblems(config, path.slice(0, -1), known);
    warnings.push(...names.filter((p) => !p.nearMiss));
    return [
      ...names.filter((p) => p.nearMiss),
      ...(missing ? [missing] : []),
      ...(rule
        ? [{ path, message: `${rule.why}, so ${rule.effect ?? 'Traefik refuses the router and the route never serves'}: ${rule.fix}` }]
        : []),
    ];
  });
  // The file provider's routers (56b-6), of `content` or of a mounted ConfigMap (57b-5): the same checks, at the text's
  // key, with the router's key path in the text.
  const deployedChart = { chart: version, traefik: release };
  const file = fileRoutes(values, deployedChart);
  for (const { path, what } of file.untraced)
    warnings.push({
      path: [...prefix, ...path],
      message: `makes Traefik's file provider read the ${what}, whose files this tool cannot trace to a ConfigMap of extraObjects in kube-system, so the rules of their routers are not judged`,
    });
  const byText = new Map<string, Problem[]>();
  // A router's problems are said at the text with its key path (textPart), each router's beside the others' (59b-7).
  // 69b-24: with the key path inside the text (textPath), the problem stands at that line of the config where it can be said.
  // 70b-14: a problem with its own line in the text is said there, apart from the router's others (its own textPart).
  // 80a-14: a text's own parse error stands at its place in the text (textIndex), as a secret in a text does.
  const add = (path: Path, message: string, part?: string, textPath?: Path, textIndex?: number) => {
    const piece = part !== undefined && textPath ? `${part}\0${JSON.stringify(textPath)}` : part;
    const key = JSON.stringify([path, piece ?? null]);
    const problem = {
      path: [...prefix, ...path],
      message,
      ...(piece !== undefined && { textPart: piece }),
      ...(textPath && { textPath }),
      ...(textIndex !== undefined && { textIndex }),
    };
    byText.set(key, [...(byText.get(key) ?? []), problem]);
  };
  for (const { path, file: name, refused, fix, tomlRouters, dropped, at } of file.texts) {
    // Round 68: a misspelt section loads nothing, without a word from Traefik.
    if (dropped)
      add(
        path,
        `has ${dropped.length > 1 ? 'keys' : 'a key'} at its root that Traefik's file provider drops unread (${dropped.join('; ')}), ` +
          `so nothing under ${dropped.length > 1 ? 'them' : 'it'} in ${name} is loaded: Traefik's sections are http, tcp, udp and tls (any case)`,
      );
    if (tomlRouters)
      add(
        path,
        `is TOML naming routers, which this tool does not read, so their rules cannot be judged, while Traefik reads ${name} and serves them: ` +
          'write the file as YAML under a name ending .yaml (e.g. [http.routers.r] with rule = "Host(`a.example`)" becomes ' +
          'http: {routers: {r: {rule: "Host(`a.example`)"}}}), each key once',
      );
    else if (refused)
      add(
        path,
        `${refused}, so Traefik's file provider cannot read ${name} (read as ${/\.toml$/i.test(name) ? 'TOML' : 'YAML'}) and serves none of its routers: ${fix ?? FIX_FILE}`,
        undefined,
        undefined,
        at,
      );
    else if (!dropped)
      warnings.push({
        path: [...prefix, ...path],
        message: `${/\.toml$/i.test(name) ? 'is TOML, which this tool does not read' : 'holds a YAML tag or merge key this tool does not read'}, so the rules of its routers are not judged (Traefik reads it as ${name})`,
      });
  }
  // 68b-9, 68b-2: a router on an entrypoint of the other protocol, as a route object's (entrypoint-layers.ts).
  const layerOf = entrypointLayers(values, prefix, chartVersion);
  const wrongLayer = (path: Path, at: string, entryPoints: unknown, router: LayeredRouter, keys?: Path) => {
    for (const problem of wrongLayerProblems(entryPoints, [], layerOf, router))
      add(
        path,
        `${at}.entryPoints[${String(problem.path[0])}] ${problem.message.replace('the route never', 'it never')}`,
        at,
        keys && [...keys, 'entryPoints', ...problem.path],
      );
  };
  for (const { path, at, entryPoints, keys } of file.udpRoutes)
    wrongLayer(path, at, entryPoints, { what: 'a UDP router', protocol: 'UDP' }, keys);
  for (const { path, at, value, type, keys } of file.badValues)
    add(
      path,
      `${at} is ${isMap(value) ? 'a map' : Array.isArray(value) ? 'a list' : quotedText(String(value), () => false, '')}, not ${type === 'boolean' ? 'true or false' : 'a whole number'}, so Traefik's file provider cannot read the file and serves none of its routers: write ${type === 'boolean' ? 'true or false' : 'an integer'}`,
      at,
      keys,
    );
  for (const { path, at, keys, tcp, rule, ruleSyntax, priority, entryPoints, tls } of file.routes) {
    const inText = (...rest: Path) => keys && [...keys, ...rest];
    // Entrypoint names as an IngressRoute's (57b-4): a case variant refused, another name warned.
    for (const name of entrypointProblems({ entryPoints }, [], known)) {
      const message = `${at}.entryPoints[${String(name.path[1])}] ${name.message.replace('the route never', 'it never')}`;
      if (name.nearMiss) add(path, message, at, inText('entryPoints', name.path[1]));
      else warnings.push({ path: [...prefix, ...path], message, ...(keys && { textPath: inText('entryPoints', name.path[1]) }) });
    }
    wrongLayer(path, at, entryPoints, { what: tcp ? 'a TCP router' : 'an HTTP router', protocol: 'TCP' }, keys);
    if (priority !== undefined && priority !== null && !(typeof priority === 'number' && Number.isInteger(priority)))
      add(
        path,
        `${at}.priority is ${quotedText(String(priority), () => false, '')}, not a whole number, so Traefik's file provider cannot read the file and serves none of its routers: write an integer`,
        at,
        inText('priority'),
      );
    const syntax = typeof ruleSyntax === 'string' && ruleSyntax !== '' ? read(ruleSyntax) : fallback;
    const problem = ruleValueProblem(rule, syntax, tcp, release);
    if (problem) {
      add(
        path,
        `${at}.rule ${problem.why}, so ${problem.effect ?? 'Traefik refuses the router and it never serves'}: ${problem.fix}`,
        at,
        inText('rule'),
      );
      continue;
    }
    // A file router's `tls` key, empty too, makes it a TLS router (file:"allowEmpty", pkg/config/dynamic tcp_config.go).
    const sni = tcp ? sniWithoutTlsProblem(rule, tls !== undefined) : undefined;
    if (sni) add(path, `${at}.rule ${sni.replace('the route never', 'it never')}`, at, inText('rule'));
    const other = syntax === 'v3' ? (major === 3 ? v3RuleProblem(rule, tcp) : undefined) : tcp ? undefined : v2RuleProblem(rule);
    if (other?.refused)
      add(
        path,
        `${at}.rule ${other.why}, and Traefik reads it in the ${syntax} syntax, so it refuses the router and it never serves: ${other.fix}`,
        at,
        inText('rule'),
      );
  }
  // One problem per router of a text (and one for the text as a whole): a config keeps one error per key path and textPart.
  const fileError: Problem[] = [...byText.values()].map((all) => ({
    ...all[0],
    message: all.map((p) => p.message).join('; and '),
  }));
  const crossNamespace = crossNamespaceProblems(values, prefix, chartVersion, deployedChart);
  warnings.push(...crossNamespace.warnings);
  const errors = [
    ...containousProblems(values, prefix, chartVersion, major),
    ...shapeProblems(values, prefix),
    ...routes,
    ...crdBackendRefProblems(values, prefix, deployedChart),
    ...middlewareFieldProblems(values, prefix, deployedChart),
    ...optionObjectProblems(values, prefix),
    ...chart,
    ...chartRouteRefProblems(values, prefix, deployedChart),
    ...crossNamespace.errors,
    ...routeObjectLayerProblems(values, prefix, chartVersion, layerOf),
    ...fileError,
  ].map(({ path, message, textPart, textPath, textIndex }) => ({
    path,
    message,
    ...(textPart !== undefined && { textPart }),
    ...(textPath && { textPath }),
    ...(textIndex !== undefined && { textIndex }),
  }));
  return { errors, warnings: warnings.map(({ path, message, textPath }) => ({ path, message, ...(textPath && { textPath }) })) };
}

/** A rule past what this tool parses (rule-values.ts ruleBeyondBounds): its values are still judged, not the rest. */
const BEYOND_BOUNDS =
  `is a rule past what this tool reads in full (over ${RULE_BOUNDS.chars} characters or ${RULE_BOUNDS.tokens} tokens): its matchers' ` +
  'values are judged, not its grammar nor its hosts against the generated Ingresses: split it into several routes';

const FIX_FILE = 'write the routers and services as YAML, each key once, with only the fields Traefik knows (case aside)';

/**
 * The fields of an IngressRoute or IngressRouteTCP the CRD requires or types (52b-10, in part: the whole schema is not
 * vendored): `spec` and `spec.routes` required, `routes` a list, each route's `match` required, `entryPoints` a list
 * of texts (traefik/traefik-helm-chart traefik/crds/traefik.io_ingressroutes.yaml and traefik.io_ingressroutetcps.yaml,
 * v39.0.7: `required: [routes]`, `required: [match]`, `entryPoints: type: array, items: type: string`). The API server
 * refuses the object otherwise, and with it the whole Traefik release.
 */
function shapeProblems(values: Values, prefix: Path): Problem[] {
  const items = Array.isArray(values.extraObjects) ? values.extraObjects : [];
  const fails = 'so the API server refuses the object and the whole Traefik release fails';
  return items.flatMap((item, i) =>
    renderedObjects(item).flatMap((object): Problem[] => {
      const group = typeof object.apiVersion === 'string' ? apiGroup(object.apiVersion) : '';
      if (
        (object.kind !== 'IngressRoute' && object.kind !== 'IngressRouteTCP') ||
        (group !== 'traefik.io' && group !== 'traefik.containo.us')
      )
        return [];
      const at = [...prefix, 'values', 'extraObjects', i];
      if (!isMap(object.spec))
        return [
          {
            path: [...at, 'spec'],
            message: `is missing or no map, which Traefik's ${object.kind} CRD requires, ${fails}: give spec.routes`,
          },
        ];
      const { routes, entryPoints } = object.spec;
      const problems: Problem[] = [];
      if (!Array.isArray(routes))
        problems.push({
          path: [...at, 'spec', 'routes'],
          message: `is ${routes === undefined ? 'missing' : 'no list'}, where Traefik's ${object.kind} CRD requires a list of routes, ${fails}`,
        });
      else
        routes.forEach((route, j) => {
          if (isMap(route) && typeof route.match !== 'string')
            problems.push({
              path: [...at, 'spec', 'routes', j, 'match'],
              message: `is ${route.match === undefined ? 'missing' : 'no text'}, where Traefik's ${object.kind} CRD requires a rule, ${fails}: ${matchFix(object.kind)}`,
            });
        });
      if (
        entryPoints !== undefined &&
        entryPoints !== null &&
        !(Array.isArray(entryPoints) && entryPoints.every((e) => typeof e === 'string'))
      )
        problems.push({
          path: [...at, 'spec', 'entryPoints'],
          message: `is no list of entrypoint names, which Traefik's ${object.kind} CRD takes, ${fails}: write entryPoints: [websecure]`,
        });
      return problems;
    }),
  );
}

/**
 * `traefik.containo.us` objects where the chart's CRDs define only traefik.io (52b-4): traefik/traefik-helm-chart
 * traefik/crds/ holds traefik.io_*.yaml (and hub.traefik.io) alone at v28.0.0 and v39.0.7, traefik.containo.us_*.yaml up
 * to v27.0.2 (checked with git ls-tree at those tags; the traefik.containo.us files were dropped with Traefik v3,
 * whose CRD provider watches traefik.io only: doc.traefik.io migration/v2-to-v3 "Kubernetes CRD"), so Helm finds no
 * resource for the object and fails the whole Traefik release.
 */
function containousProblems(values: Values, prefix: Path, chartVersion: string, major: number | undefined): Problem[] {
  const crds = chartRulesOf(chartVersion).traefikMajor === 3;
  if (major !== 3 && !crds) return [];
  const why = crds
    ? `but chart ${chartVersion} installs Traefik v3's CRDs, which define only traefik.io (and Traefik v3 watches no other), so Helm finds no such resource and fails the whole Traefik release`
    : "but the image's Traefik v3 watches only traefik.io (its CRD provider dropped traefik.containo.us), so the object is never served";
  const items = Array.isArray(values.extraObjects) ? values.extraObjects : [];
  return items.flatMap((item, i) =>
    renderedObjects(item).flatMap((object): Problem[] => {
      if (typeof object.apiVersion !== 'string' || apiGroup(object.apiVersion) !== 'traefik.containo.us') return [];
      return [
        {
          path: [...prefix, 'values', 'extraObjects', i, 'apiVersion'],
          message: `is ${quotedText(object.apiVersion, () => false, '')}, Traefik v2's API group, ${why}: write traefik.io/v1alpha1`,
        },
      ];
    }),
  );
}

/**
 * An IngressRoute's or IngressRouteTCP's route's `priority` and `kind` as its CRD types them (51b-2; 68b-16: named by the
 * object's own CRD, traefik.io_ingressroutetcps.yaml types `priority` alike): `priority` an integer, `kind` the
 * enum `Rule` (traefik/traefik docs/content/reference/dynamic-configuration/traefik.io_ingressroutes.yaml, v3.6:
 * `priority: type: integer`, `kind: enum: [Rule]`); the API server refuses another value, and with it the release. A
 * priority past 2^53-1 (52b-9) is no number YAML readers in JavaScript and Helm (float64) carry exactly: it would be
 * written as another one, and past int64 (Traefik's `int`; the CRD's `maximum: 9223372036854775000`, traefik-helm-chart
 * traefik/crds/traefik.io_ingressroutes.yaml v39.0.7) the API server refuses it.
 */
function fieldProblems(route: Values, at: Path, kind: string): Problem[] {
  const problems: Problem[] = [];
  const http = kind === 'IngressRoute';
  const { priority } = route;
  if (priority !== undefined && priority !== null && !Number.isSafeInteger(priority)) {
    const big = typeof priority === 'number' && Number.isInteger(priority);
    problems.push({
      path: [...at, 'priority'],
      message: big
        ? 'is a whole number beyond 9007199254740991 (2^53-1), the largest YAML and Helm carry exactly, so another number would be written ' +
          "(and one beyond int64, Traefik's priority, makes the API server refuse the object): write a smaller whole number"
        : `is ${shownPriority(priority)}; Traefik's ${kind} CRD takes an integer, and the API server refuses the object: write a whole number`,
    });
  }
  if (http && route.kind !== undefined && route.kind !== 'Rule') {
    const shown = typeof route.kind === 'string' ? `"${route.kind.slice(0, 40)}"` : typeof route.kind;
    problems.push({
      path: [...at, 'kind'],
      message: `is ${shown}; Traefik's IngressRoute CRD takes only Rule (case matters), and the API server refuses the object: write kind: Rule or leave it out`,
    });
  }
  return problems;
}

/** A priority that is no integer, for a message (52b-16a): a map or list by what it is, never its text. */
function shownPriority(priority: unknown): string {
  if (Array.isArray(priority)) return 'a list';
  if (isMap(priority) || (typeof priority === 'object' && priority !== null)) return 'a map';
  if (typeof priority === 'string') return `${quotedText(priority.slice(0, 40), () => false, '')} (a string)`;
  return `${String(priority).slice(0, 40)} (a ${typeof priority})`;
}

/**
 * The entrypoints Traefik will have: the chart's and those `ports` adds (entrypoints.ts), and those a
 * `--entrypoints.<name>.*` flag defines; undefined when a flag defines one (paerser's names there are read here in any case).
 */
export function entrypointNames(values: Values, prefix: Path, chartVersion: string): { exact: string[]; anyCase: string[] } {
  const flags = traefikFlags(values, prefix, chartVersion);
  // A version this tool cannot read (refused elsewhere) is judged by the oldest chart's entrypoints, as chartRulesOf does.
  const version = chartVersionSupport(chartVersion).error ? OLDEST_CHART : parseVersion(upstreamChartVersion(chartVersion));
  const ports = entrypoints(values, prefix, flags, version).map((entry) => entry.name);
  const given = isMap(values.ports) ? Object.keys(values.ports).filter((name) => (values.ports as Values)[name] !== null) : [];
  const byFlag = flags.flatMap((flag) => (/^entrypoints\.[^.]+\./.test(flag.name) ? [flag.written.split('.')[1]] : []));
  return { exact: [...new Set([...ports, ...given])], anyCase: byFlag.map((name) => name.toLowerCase()) };
}

/**
 * An IngressRoute's or IngressRouteTCP's `entryPoints` naming no entrypoint (52b-15): Traefik looks names up exactly, case
 * included, and skips the router there ("EntryPoint doesn't exist", traefik/traefik pkg/server/router/router.go v3.6.0).
 * A name that differs from one only in letter case is refused (`nearMiss`); another is a warning, as an entrypoint may
 * come from where this tool does not look.
 */
export function entrypointProblems(
  spec: Values,
  at: Path,
  known: ReturnType<typeof entrypointNames>,
): Array<Problem & { nearMiss: boolean }> {
  if (!Array.isArray(spec.entryPoints)) return [];
  return spec.entryPoints.flatMap((name, i): Array<Problem & { nearMiss: boolean }> => {
    if (typeof name !== 'string' || known.exact.includes(name) || known.anyCase.includes(name.toLowerCase())) return [];
    const cased = known.exact.find((other) => other.toLowerCase() === name.toLowerCase());
    const near = cased ?? closest(name, known.exact);
    return [
      {
        nearMiss: cased !== undefined,
        path: [...at, 'entryPoints', i],
        message:
          `is ${quotedText(name, () => false, '')}, which names no entrypoint of this Traefik (names are exact, case included), so Traefik skips ` +
          `the router there and the route never serves on it: ${near ? `write ${keyText(near)}` : `use one of ${known.exact.map(keyText).join(', ')}`}`,
      },
    ];
  });
}

/** 67b-6: the rule to suggest: a TCP router takes HostSNI, not Host (doc.traefik.io routing/routers "Rule" for TCP routers). */
function matchFix(kind: unknown): string {
  return kind === 'IngressRouteTCP'
    ? 'write match: HostSNI(`a.example.com`) (with tls), or HostSNI(`*`) for a route without TLS'
    : 'write match: Host(`a.example.com`)';
}
