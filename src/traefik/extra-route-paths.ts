import { holdsRouteToken, routeTokens } from '../core/route-tokens';
import type { Path, Problem } from '../core/problem';
import { isMap } from '../core/is-map';
import { apiGroup } from '../validate/kinds';
import { routeTokenProblem } from '../config/route-path-format';
import { fileRoutes } from '../ingress/file-routes';
import { renderedObjectsAt } from './extra-objects';

/**
 * 87b-2: a route's path holding a secret token (core/route-tokens.ts) is refused whichever door writes it, as
 * `ingresses[].path` is (config/route-path-format.ts): the chart writes every value into the HelmChartConfig in dist/
 * (committed to Git), and the route serves the token to whoever reads the repository. Judged: the path fields of the
 * route objects `extraObjects` renders, the match rules of the chart's `ingressRoute.<name>` and of the file
 * provider's routers. Each problem is at the key that holds the token, never showing it.
 */

type Values = Readonly<Record<string, unknown>>;

/** The chart writes the values, routes included, into the HelmChartConfig. */
const ROUTE_TOKEN_PROBLEM = routeTokenProblem("the route and Traefik's HelmChartConfig in dist/");

const TRAEFIK_GROUPS = ['traefik.io', 'traefik.containo.us'];

/**
 * The arguments of a rule's path matchers, `Path`, `PathPrefix`, `PathRegexp` (Traefik v3 rule syntax and v2's,
 * whose matchers take several: traefik/traefik v3.6.0 pkg/muxer/http/matcher.go; v2.11.0 pkg/muxer/http/matcher_v2.go),
 * each a Go string in backquotes or double quotes; in any case (a misspelt matcher's arguments are written too).
 */
const PATH_MATCHER = /\bPath(?:Prefix|Regexp)?\s*\(((?:`[^`]*`|"(?:[^"\\]|\\.)*"|[\s,])+)/gi;
/** Longer rules are judged by the rule readers alone (one alternative per quote, so the matcher reads a rule once). */
const MAX_RULE = 100_000;
const ruleHoldsToken = (rule: unknown): boolean =>
  typeof rule === 'string' && rule.length <= MAX_RULE && [...rule.matchAll(PATH_MATCHER)].some(([, args]) => holdsRouteToken(args));

const textHoldsToken = (value: unknown): boolean => typeof value === 'string' && holdsRouteToken(value);

/** The values at `keys` below `value` (`[]` stands for every item of a list), each with its key path. */
function valuesAt(value: unknown, keys: ReadonlyArray<string | '[]'>, at: Path = []): Array<{ value: unknown; at: Path }> {
  if (keys.length === 0) return [{ value, at }];
  const [key, ...rest] = keys;
  if (key === '[]') return Array.isArray(value) ? value.flatMap((item, i) => valuesAt(item, rest, [...at, i])) : [];
  return isMap(value) && Object.hasOwn(value, key) ? valuesAt(value[key], rest, [...at, key]) : [];
}

/** The value at a key path (list items by their index). */
const valueAt = (value: unknown, path: Path): unknown =>
  path.reduce<unknown>((at, key) => (Array.isArray(at) || isMap(at) ? (at as Record<string | number, unknown>)[key] : undefined), value);

/** Where each route kind writes a path (a rule, for an IngressRoute), by API group and kind. */
const PATH_FIELDS: ReadonlyArray<{ groups: readonly string[]; kind: string; fields: ReadonlyArray<ReadonlyArray<string>>; rule?: true }> = [
  { groups: ['networking.k8s.io', 'extensions'], kind: 'Ingress', fields: [['spec', 'rules', '[]', 'http', 'paths', '[]', 'path']] },
  {
    // sigs.k8s.io/gateway-api apis/v1 httproute_types.go: HTTPPathMatch, HTTPPathModifier of URLRewrite and RequestRedirect.
    groups: ['gateway.networking.k8s.io'],
    kind: 'HTTPRoute',
    fields: [
      ['spec', 'rules', '[]', 'matches', '[]', 'path', 'value'],
      ...['urlRewrite', 'requestRedirect'].flatMap((filter) =>
        ['replaceFullPath', 'replacePrefixMatch'].map((field) => ['spec', 'rules', '[]', 'filters', '[]', filter, 'path', field]),
      ),
    ],
  },
  { groups: TRAEFIK_GROUPS, kind: 'IngressRoute', fields: [['spec', 'routes', '[]', 'match']], rule: true },
  {
    // traefik/traefik v3.6.0 pkg/config/dynamic/middlewares.go: the middlewares that write, match or request a path
    // (ErrorPage.Query, the page it requests; ForwardAuth.Address, the URL it calls, 88a-4), and the paths of the
    // error page's service (its health check's, its sticky cookie's: traefik/traefik-helm-chart v39.0.7
    // traefik/crds/traefik.io_middlewares.yaml, vendored in crds/traefik/).
    groups: TRAEFIK_GROUPS,
    kind: 'Middleware',
    fields: [
      ['spec', 'replacePath', 'path'],
      ['spec', 'addPrefix', 'prefix'],
      ['spec', 'stripPrefix', 'prefixes', '[]'],
      ['spec', 'stripPrefixRegex', 'regex', '[]'],
      ['spec', 'replacePathRegex', 'regex'],
      ['spec', 'replacePathRegex', 'replacement'],
      ['spec', 'redirectRegex', 'regex'],
      ['spec', 'redirectRegex', 'replacement'],
      ['spec', 'errors', 'query'],
      ['spec', 'forwardAuth', 'address'],
      ['spec', 'errors', 'service', 'healthCheck', 'path'],
      ['spec', 'errors', 'service', 'sticky', 'cookie', 'path'],
    ],
  },
];

/** The paths of one object `extraObjects` renders that hold a token, below the object. */
export function objectRouteTokens(object: Values): Path[] {
  const group = typeof object.apiVersion === 'string' ? apiGroup(object.apiVersion) : '';
  const kind = PATH_FIELDS.find((entry) => entry.kind === object.kind && entry.groups.includes(group));
  if (!kind) return [];
  const holds = kind.rule ? ruleHoldsToken : textHoldsToken;
  return kind.fields.flatMap((keys) =>
    valuesAt(object, keys)
      .filter(({ value }) => holds(value))
      .map(({ at }) => at),
  );
}

/** Every route path the Traefik values write that holds a token (`prefix`: where the settings live). */
export function routeTokenProblems(values: Values, prefix: Path): Problem[] {
  const items = Array.isArray(values.extraObjects) ? values.extraObjects : [];
  const fromItems = items.flatMap((item, i) =>
    renderedObjectsAt(item).flatMap(({ object, at }) =>
      objectRouteTokens(object).map((field) => ({
        path: [...prefix, 'values', 'extraObjects', i, ...at, ...field],
        message: ROUTE_TOKEN_PROBLEM,
      })),
    ),
  );
  // The chart's own IngressRoutes (templates/ingressroute.yaml `match: {{ $config.matchRule }}`), enabled or not: the value is written.
  const chartRoutes = isMap(values.ingressRoute) ? Object.entries(values.ingressRoute) : [];
  const fromChart = chartRoutes.flatMap(([name, config]) =>
    isMap(config) && ruleHoldsToken(config.matchRule)
      ? [{ path: [...prefix, 'values', 'ingressRoute', name, 'matchRule'], message: ROUTE_TOKEN_PROBLEM }]
      : [],
  );
  const fromFile = fileRoutes(values).routes.flatMap(({ path, at, keys, rule }) =>
    ruleHoldsToken(rule)
      ? [
          {
            path: [...prefix, ...path],
            message: `${at}.rule ${ROUTE_TOKEN_PROBLEM}`,
            ...(keys ? { textPart: `${at}.rule`, textPath: [...keys, 'rule'] } : { textPart: at }),
          },
        ]
      : [],
  );
  return [...fromItems, ...fromChart, ...fromFile];
}

/**
 * 87b-6: where a config's data holds a route path with a token, and the token itself (for `new --from`, which copies
 * nothing then, as for any secret synth refuses): the first-class routes' paths and every route of `traefik.values`.
 */
export function configRouteTokens(data: unknown): Array<{ path: Path; value: string }> {
  if (!isMap(data)) return [];
  const tokensOf = (text: unknown): string[] => (typeof text === 'string' ? routeTokens(text) : []);
  const firstClass = ['ingresses', 'httpRoutes'].flatMap((key) =>
    valuesAt(data, [key, '[]', 'path']).flatMap(({ value, at }) => tokensOf(value).map((token) => ({ path: at, value: token }))),
  );
  const traefik = isMap(data.traefik) && isMap(data.traefik.values) ? data.traefik.values : undefined;
  // What is written at a problem's path: the token runs of its text (a file provider's text may hold several).
  const fromValues = traefik
    ? routeTokenProblems(traefik, ['traefik']).flatMap(({ path }) => tokensOf(valueAt(data, path)).map((token) => ({ path, value: token })))
    : [];
  return [...firstClass, ...fromValues];
}
