import { formatPath, Path, Problem, shownValue } from '../core/problem';
import { CHART_ENTRYPOINTS, chartExposedPort } from './entrypoints';
import { goTruthy } from './go-truth';
import { parseVersion, Version } from '../semver';
import { traefikFlags } from './arguments';
import { chartVersionSupport, OLDEST_CHART, TraefikChartRules, traefikChartRules, upstreamChartVersion } from './chart-versions';
import { isMap } from '../core/is-map';
import { renderedInteger } from './yaml-number';

type Values = Record<string, unknown>;
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

/** Where each form of the chart key (chart-versions.ts `redirectKey`, the version axis) names its target under `ports.<name>`. */
const TARGET_AT: Readonly<Record<TraefikChartRules['redirectKey'], readonly string[]>> = {
  'ports.web.redirectTo': ['redirectTo'],
  'ports.web.redirectTo.port': ['redirectTo', 'port'],
  'ports.web.redirections': ['redirections', 'entryPoint', 'to'],
  'ports.web.http.redirections': ['http', 'redirections', 'entryPoint', 'to'],
};

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
 * The entrypoint redirections of the merged values. The chart key of its version (TARGET_AT): to v24
 * `ports.<name>.redirectTo: <to>`, from v25 `ports.<name>.redirectTo.port`, which the chart renders as
 * `--entrypoints.<name>.http.redirections.entryPoint.to=:<exposedPort of ports.<to>>` and `.scheme=https`
 * (traefik/templates/_podtemplate.tpl, v20.1.1 to v33.2.1); from v34 `ports.<name>.redirections.entryPoint.to`, under
 * `http` from v39 (the other key is ignored), rendered the same way with its own `scheme` (v34.0.0 to v41.3.0).
 * And the flag itself, by entrypoint name or `:port` (the chart fails on a key naming no entrypoint, so `:port` is the
 * flag's alone). Traefik takes a `to` matching `^:(\d+)$` as the port of the Location it answers, else an entrypoint
 * name whose address port it uses (traefik/traefik pkg/provider/traefik/internal.go getRedirectPort, v3.6). Traefik's redirect router outranks every
 * other router on the entrypoint (its priority defaults to MaxInt32-1, traefik/traefik pkg/config/static/entrypoints.go).
 * One redirect per entrypoint: the last flag wins (the chart's own come first). A flag's `to` is kept as written (`port`
 * only for decimal digits naming 1 to 65535): Traefik takes a name only exactly as the entrypoint's, blanks and case included
 * (a map lookup, getEntryPointPort), and otherwise logs an error and makes no redirection. Given the user's own values
 * (`user`), a chart key they do not hold is redirectToHttps' and named so.
 */
export function entrypointRedirects(values: Values, chartVersion: string, prefix: Path, user?: Values): EntrypointRedirect[] {
  const targetAt = TARGET_AT[traefikChartRules(redirectChart(chartVersion)).redirectKey];
  // `redirections.entryPoint` holds its scheme beside `to`; `redirectTo` has none (the chart writes https).
  const schemeAt = targetAt.at(-1) === 'to' ? [...targetAt.slice(0, -1), 'scheme'] : undefined;
  const found = new Map<string, Omit<EntrypointRedirect, 'scheme'>>();
  const schemes = new Map<string, string>();
  const schemeFlags = new Map<string, Path>();
  const ports = isMap(values.ports) ? values.ports : {};
  for (const [from, port] of Object.entries(ports)) {
    if (!isMap(port)) continue;
    const to = valueAt(port, targetAt);
    const scheme = schemeAt && valueAt(port, schemeAt);
    if (typeof scheme === 'string' && scheme !== '') schemes.set(from.toLowerCase(), scheme.toLowerCase());
    if (typeof to === 'string' && to !== '') {
      const key = ['ports', from, ...targetAt];
      const typed = user === undefined || valueAt(user, key) !== undefined;
      const path = typed ? [...prefix, 'values', ...key] : [...prefix, 'redirectToHttps'];
      found.set(from.toLowerCase(), { from, to, path, door: 'key', ...(!typed && { generated: true }) });
    }
  }
  for (const flag of traefikFlags(values, prefix, chartVersion)) {
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

/**
 * The chart key before v34 the chart's template fails on or renders to nothing, whatever is served (`entrypoints`: the
 * entrypoint names deployed). templates/_podtemplate.tpl (v20.1.1 to v33.2.1) reads any Go-true `ports.<name>.redirectTo`
 * as `$toPort := index $.Values.ports <target>` and writes `to=:{{ $toPort.exposedPort }}`: a target naming no key of
 * `ports` is a nil pointer and Helm fails; a target without exposedPort gives `to=:`, where Traefik makes no redirection.
 * The target is `redirectTo` itself to v24 (a text: `index` takes no other key) and `redirectTo.port` from v25, where any
 * other form fails ("Syntax of `ports.web.redirectTo` has changed to `ports.web.redirectTo.port`" to v30.1.0, reading
 * `.port` of a non-map after).
 */
export function redirectToFailures(
  values: Values,
  chartVersion: string,
  entrypoints: readonly string[],
  prefix: Path,
  user: Values,
): Problem[] {
  const chart = redirectChart(chartVersion);
  const targetAt = TARGET_AT[traefikChartRules(chart).redirectKey];
  if (targetAt[0] !== 'redirectTo') return [];
  const chartName = `Traefik chart ${chart.tag.slice(1)}`;
  const ports = isMap(values.ports) ? values.ports : {};
  const known = (name: unknown): name is string =>
    typeof name === 'string' && (Object.hasOwn(ports, name) ? ports[name] !== null : entrypoints.includes(name));
  const named = (key: string[]) => (valueAt(user, key) === undefined ? [...prefix, 'redirectToHttps'] : [...prefix, 'values', ...key]);
  const describe = (value: unknown) => (typeof value === 'string' ? shownValue(value) : `a ${describeKind(value)}`);
  return Object.entries(ports).flatMap(([from, port]): Problem[] => {
    if (!goTruthy(port) || !isMap(port) || !goTruthy(port.redirectTo)) return [];
    const key = ['ports', from, 'redirectTo'];
    const write = `write ${formatPath([...prefix, 'values', ...key, ...targetAt.slice(1)])}: websecure`;
    if (targetAt.length > 1 && !isMap(port.redirectTo)) {
      return [
        {
          path: named(key),
          message: `is ${describe(port.redirectTo)}, but ${chartName} takes only a map with the target entrypoint's name under port there, and fails on any other form: ${write}`,
        },
      ];
    }
    const to = valueAt(port, targetAt);
    if (!known(to)) {
      const none = to === undefined || to === null;
      const given = none ? 'names no target entrypoint' : `is ${describe(to)}, which names no key of ports`;
      return [
        {
          path: named(none ? key : [...key, ...targetAt.slice(1)]),
          message:
            `${given}, and ${chartName} fails on it (a nil pointer reading the target's exposedPort): write an entrypoint's name exactly as ` +
            `under ${formatPath([...prefix, 'values', 'ports'])} (websecure); a port target is the flag's alone ` +
            `(--entrypoints.${from}.http.redirections.entrypoint.to=:<port>)`,
        },
      ];
    }
    // The chart's own entrypoints all have an exposedPort in values.yaml (v20.1.1 to v33.2.1).
    const target = ports[to];
    const exposed =
      isMap(target) && Object.hasOwn(target, 'exposedPort') ? target.exposedPort : CHART_ENTRYPOINTS.includes(to) ? 0 : undefined;
    if (isMap(target) && Object.hasOwn(target, 'exposedPort') && renderedInteger(exposed) === 0) {
      return [{ path: named([...key, ...targetAt.slice(1)]), message: zeroTargetMessage(chartName, `--entrypoints.${from}`, to, prefix) }];
    }
    if (exposed !== undefined && exposed !== null && exposed !== '') return [];
    return [
      {
        path: named([...key, ...targetAt.slice(1)]),
        message:
          `redirects to ${to}, which has no exposedPort, so ${chartName} writes --entrypoints.${from}.http.redirections.entryPoint.to=: ` +
          `and Traefik makes no redirection: give ${formatPath([...prefix, 'values', 'ports', to, 'exposedPort'])} the port clients reach it on`,
      },
    ];
  });
}

const describeKind = (value: unknown) => (Array.isArray(value) ? 'list' : isMap(value) ? 'map' : typeof value);

/**
 * A redirect whose target entrypoint's exposedPort is 0: the chart writes `to=:{{ $toPort.exposedPort }}`, `:0`, which
 * is no port (as the flag is refused, redirect-rules.ts), while the Service publishes the entrypoint on its `port`.
 */
export function zeroTargetMessage(chartName: string, flag: string, to: string, prefix: Path): string {
  return (
    `redirects to ${to}, whose exposedPort is 0, so ${chartName} writes ${flag}.http.redirections.entryPoint.to=:0, which is no port ` +
    `(the Service publishes ${to} on its port instead): give ${formatPath([...prefix, 'values', 'ports', to, 'exposedPort'])} the port clients reach it on${chartExposedPort(to) ? ` (the chart's is ${chartExposedPort(to)})` : ''}`
  );
}
