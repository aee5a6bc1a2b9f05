import type { TraefikFlag } from './arguments';
import { traefikChartRules } from './chart-versions';
import { goTruthy } from './go-truth';
import { isMap } from '../core/is-map';
import { formatPath, keyText, Path, Problem } from '../core/problem';
import type { Version } from '../semver';

type Values = Readonly<Record<string, unknown>>;

/** What gives an entrypoint middlewares: a values key the chart writes as the flag, or a flag of the argument lists. */
type Source =
  | { readonly key: readonly string[]; readonly value: unknown; readonly text: string }
  | { readonly flag: TraefikFlag; readonly text: string };

const valueAt = (values: unknown, path: readonly string[]) =>
  path.reduce<unknown>((node, key) => (isMap(node) && Object.hasOwn(node, key) ? node[key] : undefined), values);

/** The text sprig's `join ","` makes of a value (`strslice`: a list's items but null, a text as one item, anything else as one item). */
function joined(value: unknown): string {
  if (Array.isArray(value))
    return value
      .filter((item) => item !== null && item !== undefined)
      .map((item) => (typeof item === 'string' ? item : String(item)))
      .join(',');
  return typeof value === 'string' ? value : String(value);
}

/**
 * What gives entrypoint `name` the middlewares Traefik reads for it (`entryPoints.<name>.http.middlewares`, a list of texts,
 * traefik/traefik pkg/config/static/entrypoints.go `HTTPConfig.Middlewares`), empty when it reads none. The chart writes the
 * version's `ports.<name>` key as that flag when Go-true (chart-versions.ts `entrypointMiddlewares`), and every flag of that
 * name in any case (the entrypoint name keeps its spelling) adds to it: paerser appends a list flag given twice
 * (flag/flagparser.go `setValue`: `v + "," + value`) and reads an empty text as no list (parser/element_fill.go `setSlice`),
 * so two empty ones still make a list (of empty names). A bare flag is refused on its own (arguments.ts).
 */
export function entrypointMiddlewares(values: Values, flags: readonly TraefikFlag[], name: string, chart: Version): Source[] {
  const key = ['ports', name, ...traefikChartRules(chart).entrypointMiddlewares.split('.')];
  const value = valueAt(values, key);
  const sources: Source[] = [
    ...(goTruthy(valueAt(values, ['ports', name])) && goTruthy(value) ? [{ key, value, text: joined(value) }] : []),
    ...flags.flatMap((flag) => {
      const match = /^entrypoints\.([^.]+)\.http\.middlewares$/i.exec(flag.written);
      return match !== null && match[1] === name && flag.raw !== undefined ? [{ flag, text: flag.raw }] : [];
    }),
  ];
  if (sources.map((source) => source.text).join(',') === '') return [];
  const named = sources.filter((source) => source.text !== '');
  return named.length ? named : sources.slice(-1);
}

/**
 * The middlewares of the entrypoint where Traefik answers `/ping`: Traefik puts an entrypoint's middlewares in front of every
 * root router on it, its own ping router (`ping@internal`) included (traefik/traefik pkg/server/aggregator.go `applyModel`:
 * `cp.Middlewares = append(m.Middlewares, cp.Middlewares...)` for each router with the entrypoint's model `<name>@internal`,
 * no router skipped, at v2.9.4, v2.11.2, v3.0.0, v3.3.6, v3.6.0 and v3.7.9; the model is built from
 * `ep.HTTP.Middlewares` in pkg/provider/traefik/internal.go `entryPointModels`). The kubelet's probes then get that
 * middleware's answer (basicAuth 401, ipAllowList 403), or a 404 when it does not exist (the router is dropped).
 */
export function pingMiddlewareProblems(
  values: Values,
  flags: readonly TraefikFlag[],
  pingName: string,
  chart: Version,
  where: string,
  down: string,
  portKey: readonly string[],
  at: (key: readonly string[], value: unknown) => Path,
): Problem[] {
  return entrypointMiddlewares(values, flags, pingName, chart).map((source) => {
    const [path, how, fix] =
      'flag' in source
        ? [source.flag.path, `gives entrypoint ${keyText(pingName)} middlewares`, 'remove the flag']
        : [
            at(source.key, source.value),
            `gives entrypoint ${keyText(pingName)} middlewares (the chart writes --entryPoints.${keyText(pingName)}.http.middlewares)`,
            'remove the key',
          ];
    return {
      path,
      message:
        `${how}, and Traefik answers /ping on ${where}: Traefik puts an entrypoint's middlewares in front of every router on it, ` +
        `the router to ping@internal included, so the kubelet's readiness and liveness probes meet the middlewares first (basicAuth answers ` +
        `401, ipAllowList 403, and a middleware that does not exist drops the router: 404), ${down}: ${fix} and put the middlewares on the routers that need ` +
        `them (an IngressRoute's middlewares, an Ingress' traefik.ingress.kubernetes.io/router.middlewares annotation), or serve /ping ` +
        `on another entrypoint (--ping.entryPoint=<name> and ${formatPath(portKey)} set to its port)`,
    };
  });
}
