import { Path } from '../core/problem';
import { parseVersion, Version } from '../semver';
import { traefikFlags } from './arguments';
import { chartVersionSupport, OLDEST_CHART, traefikChartRules, upstreamChartVersion } from './chart-versions';

type Values = Record<string, unknown>;
const isMap = (value: unknown): value is Values => typeof value === 'object' && value !== null && !Array.isArray(value);
const valueAt = (values: unknown, path: readonly string[]) =>
  path.reduce<unknown>((node, key) => (isMap(node) && Object.hasOwn(node, key) ? node[key] : undefined), values);

/** The chart whose keys are read: a chart older than the table is refused by its own rule, the oldest known one read meanwhile. */
export const redirectChart = (chartVersion: string): Version =>
  chartVersionSupport(chartVersion).error ? OLDEST_CHART : parseVersion(upstreamChartVersion(chartVersion));

/**
 * Where `redirections` sits under `ports.<name>` in `chart`'s keys: under `http` from v39, directly from v34, and
 * undefined before v34 (`redirectTo`, chart-versions.ts).
 */
export function redirectionsUnder(chart: Version): string[] | undefined {
  const key = traefikChartRules(chart).redirectKey;
  return key === 'ports.web.http.redirections' ? ['http'] : key === 'ports.web.redirections' ? [] : undefined;
}

/** An entrypoint redirection: every request on entrypoint `from` is sent to entrypoint `to`. */
export interface EntrypointRedirect {
  readonly from: string;
  readonly to: string;
  /** A flag's `:port` target: the port the redirect's Location names, which clients reach on the Service's port. */
  readonly port?: number;
  /** The scheme of the Location, lower-cased: the chart key's or flag's `scheme`, else Traefik's default `https`. */
  readonly scheme: string;
  /** The flag item that set `scheme`, when one did (it overrides the chart key's, which the chart writes first). */
  readonly schemeFlag?: Path;
  /** The key (or flag item) that sets `to`. */
  readonly path: Path;
  /** The chart key, which the chart checks and fails on (chart-failures.ts), or a flag, which Traefik reads as written. */
  readonly door: 'key' | 'flag';
  /** The chart key written by redirectToHttps (`path` names it), not by the values. */
  readonly generated?: boolean;
}

/**
 * The entrypoint redirections of the merged values: `ports.<name>.redirections.entryPoint.to` from chart v34,
 * under `http` from v39 (the other key is ignored), which the chart renders as
 * `--entryPoints.<name>.http.redirections.entryPoint.to=:<exposedPort of ports.<to>>` (traefik/templates/_podtemplate.tpl),
 * and the flag itself, by entrypoint name or `:port` (the chart fails on a key naming no entrypoint, so `:port` is the
 * flag's alone). Traefik takes a `to` matching `^:(\d+)$` as the port of the Location it answers, else an entrypoint
 * name whose address port it uses (traefik/traefik pkg/provider/traefik/internal.go getRedirectPort, v3.6). Traefik's redirect router outranks every
 * other router on the entrypoint (its priority defaults to MaxInt32-1, traefik/traefik pkg/config/static/entrypoints.go).
 * One redirect per entrypoint: the last flag wins (the chart's own come first). A flag's `to` is kept as written (`port`
 * only for decimal digits naming 1 to 65535): Traefik takes a name only exactly as the entrypoint's, blanks and case included
 * (a map lookup, getEntryPointPort), and otherwise logs an error and makes no redirection. Given the user's own values
 * (`user`), a chart key they do not hold is redirectToHttps' and named so.
 */
export function entrypointRedirects(values: Values, chartVersion: string, prefix: Path, user?: Values): EntrypointRedirect[] {
  const under = redirectionsUnder(redirectChart(chartVersion));
  const found = new Map<string, Omit<EntrypointRedirect, 'scheme'>>();
  const schemes = new Map<string, string>();
  const schemeFlags = new Map<string, Path>();
  const ports = isMap(values.ports) ? values.ports : {};
  for (const [from, port] of Object.entries(ports)) {
    if (!under || !isMap(port)) continue;
    const http = under.length ? port.http : port;
    const redirections = isMap(http) ? http.redirections : undefined;
    const entryPoint = isMap(redirections) ? redirections.entryPoint : undefined;
    const to = isMap(entryPoint) ? entryPoint.to : undefined;
    const scheme = isMap(entryPoint) ? entryPoint.scheme : undefined;
    if (typeof scheme === 'string' && scheme !== '') schemes.set(from.toLowerCase(), scheme.toLowerCase());
    if (typeof to === 'string' && to !== '') {
      const key = ['ports', from, ...under, 'redirections', 'entryPoint', 'to'];
      const typed = user === undefined || valueAt(user, key) !== undefined;
      const path = typed ? [...prefix, 'values', ...key] : [...prefix, 'redirectToHttps'];
      found.set(from.toLowerCase(), { from, to, path, door: 'key', ...(!typed && { generated: true }) });
    }
  }
  for (const flag of traefikFlags(values, prefix)) {
    // The chart writes its keys as flags before additionalArguments, and Traefik takes the last of a flag given twice.
    const schemeOf = /^entrypoints\.([^.]+)\.http\.redirections\.entrypoint\.scheme$/.exec(flag.name)?.[1];
    if (schemeOf && flag.value) {
      schemes.set(schemeOf.toLowerCase(), flag.value.toLowerCase());
      schemeFlags.set(schemeOf.toLowerCase(), flag.path);
    }
    const from = /^entrypoints\.([^.]+)\.http\.redirections\.entrypoint\.to$/.exec(flag.name)?.[1];
    // A bare flag is argumentProblems' to refuse (it takes the next item).
    if (!from || flag.raw === undefined) continue;
    // Leading zeros are Traefik's `^:(\d+)$` too, and a browser reads `host:0443` as port 443.
    const port = /^:(\d+)$/.exec(flag.raw)?.[1];
    const valid = port !== undefined && Number(port) >= 1 && Number(port) <= 65535;
    found.set(from, { from, to: flag.raw, ...(valid && { port: Number(port) }), path: flag.path, door: 'flag' });
  }
  return [...found.values()].map((redirect) => {
    const from = redirect.from.toLowerCase();
    const schemeFlag = schemeFlags.get(from);
    return { ...redirect, scheme: schemes.get(from) ?? 'https', ...(schemeFlag && { schemeFlag }) };
  });
}
