import { Path } from '../core/problem';
import { goTruthy } from './go-truth';
import { rulesFor, Version } from '../semver';
import { renderedInteger } from './yaml-number';
import { flagIsFalse, flagIsTrue, TraefikFlag } from './arguments';
import { traefikChartRules } from './chart-versions';
import { isMap } from '../core/is-map';

/**
 * The chart's entrypoints as they will be deployed: its defaults (traefik/traefik-helm-chart
 * traefik/values.yaml, the same ports v20 to v41: `web` 8000 exposed as 80, `websecure` 8443 as 443,
 * `traefik` 8080 and `metrics` 9100 not exposed) with the merged values over them.
 */
const CHART_PORTS: Readonly<Record<string, { port: number; exposedPort?: number; expose: boolean }>> = {
  traefik: { port: 8080, expose: false },
  metrics: { port: 9100, expose: false },
  web: { port: 8000, exposedPort: 80, expose: true },
  websecure: { port: 8443, exposedPort: 443, expose: true },
};
/** The chart's own entrypoints, each with a default port in traefik/values.yaml. */
export const CHART_ENTRYPOINTS: readonly string[] = Object.keys(CHART_PORTS);
/** The Service port the chart exposes one of its own entrypoints on by default (`web` 80, `websecure` 443), if any. */
export const chartExposedPort = (name: string): number | undefined =>
  Object.hasOwn(CHART_PORTS, name) ? CHART_PORTS[name].exposedPort : undefined;

export interface Entrypoint {
  readonly name: string;
  /** Where it is set: the `traefik.values.ports.<name>` key, or the chart's default. */
  readonly path: Path;
  /** Container port. */
  readonly port: number;
  /** Port on the Service, when exposed there. */
  readonly exposedPort?: number;
  readonly protocol: string;
  /** Port opened on the node itself. */
  readonly hostPort?: number;
  /** The Services it is exposed on: `default` (Traefik's own) and the names of `service.additionalServices`. */
  readonly services: readonly string[];
  /** The UDP port Traefik's HTTP/3 listener binds in the pod: the chart's for `http3.enabled`, or one a flag switches on. */
  readonly http3?: Http3ContainerPort;
}

/**
 * The `<name>-http3` container port (protocol UDP) the chart adds to the pods when `ports.<name>.http3.enabled` is
 * Go-true (templates/_podtemplate.tpl, v20.1.1 to v41.3.0): `containerPort: {{ $config.port }}` and, only when
 * `$config.hostPort` is set, `hostPort: {{ default $config.hostPort $config.http3.advertisedPort }}`.
 */
export interface Http3ContainerPort {
  /** The key that sets the port on the node: `http3.advertisedPort` when it supplies the host port, else the entrypoint. */
  readonly path: Path;
  readonly port: number;
  readonly hostPort?: number;
  /** Its UDP port on Traefik's own Service: `http3.advertisedPort`, else the entrypoint's `exposedPort` (when exposed). */
  readonly servicePort?: number;
  /** Switched on by a `--entrypoints.<name>.http3*` flag alone: Traefik listens, but the chart declares no port for it. */
  readonly byFlag?: boolean;
}

type Values = Record<string, unknown>;
/**
 * A port as the chart renders it: every port key of `ports.<name>` is printed unquoted (`containerPort: {{ $config.port }}`,
 * `hostPort: {{ $config.hostPort }}`, `- port: {{ default $config.port $config.exposedPort }}`, `- port: {{ $http3Port }}`
 * in _podtemplate.tpl and _service.tpl, v20.1.1 to v41.3.0), so a text such as `"443"` becomes the integer 443 (charts
 * with a values schema refuse the text first; those without one, before v34.2.0, render it).
 */
const numberOr = (value: unknown, fallback?: number) => renderedInteger(value) ?? fallback;

/**
 * An exposed entrypoint's port on a Service: `default $config.port $config.exposedPort` (templates/_service.tpl, v20.1.1
 * to v41.3.0), so an exposedPort Go holds false (`0`, `null`, which also deletes the chart's default) falls back to `port`
 * (79b-8); unset, the chart's default exposedPort.
 */
function servicePortOf(entry: Values, chartExposed: number | undefined, port: number | undefined): number | undefined {
  if (Object.hasOwn(entry, 'exposedPort') && !goTruthy(entry.exposedPort)) return port;
  return numberOr(entry.exposedPort, chartExposed ?? port);
}

/**
 * Whether an entrypoint is exposed on the Service named `service` (`default` for Traefik's own), as the chart version
 * reads `expose` (chart-versions.ts `servicesByName`): one value up to chart v26, where any value Go templates hold true
 * exposes it on Traefik's own Service, a map included (`{{- if $config.expose }}`, traefik/templates/_service.tpl v20.1.1
 * to v26.1.0); a map of Service names from v27 (`{{- if (index (default dict $config.expose) $.serviceName) }}`, v27.0.0
 * to v41.3.0). A key set to null is dropped by Helm's merge, as if unset; one left unset keeps the chart's.
 */
function exposedOn(expose: unknown, service: string, fallback: boolean, byName: boolean): boolean {
  if (expose === undefined) return service === 'default' && fallback;
  if (!byName) return service === 'default' && goTruthy(expose);
  if (isMap(expose)) return Object.hasOwn(expose, service) ? goTruthy(expose[service]) : service === 'default' && fallback;
  if (typeof expose === 'boolean') return expose;
  return service === 'default' && goTruthy(expose);
}

/**
 * The entrypoints whose HTTP/3 a flag switches on, by name (as written: a map key keeps its spelling), with the flag:
 * `--entrypoints.<name>.http3[=true]`, or any `--entrypoints.<name>.http3.<option>` flag, which creates the HTTP/3
 * block as any sub-option does (traefik/paerser parser/labels_decode.go); `--entrypoints.<name>.http3=false` after it
 * turns it off again. The last flag wins.
 */
export function http3Flags(flags: readonly TraefikFlag[]): Map<string, Path> {
  const on = new Map<string, Path>();
  for (const flag of flags) {
    const match = /^entrypoints\.([^.]+)\.http3(\..+)?$/i.exec(flag.written);
    if (!match) continue;
    if (match[2] !== undefined || flagIsTrue(flag)) on.set(match[1], flag.path);
    else if (flagIsFalse(flag)) on.delete(match[1]);
  }
  return on;
}

/**
 * Every entrypoint the chart will render, and the ports of the Service named `service` (`80/TCP`). `flags` are the
 * values' Traefik flags: one that switches an entrypoint's HTTP/3 on makes Traefik bind its port over UDP too.
 */
export function entrypoints(values: Values, prefix: Path, flags: readonly TraefikFlag[], version: Version): Entrypoint[] {
  const { servicesByName } = traefikChartRules(version);
  const byFlag = http3Flags(flags);
  const given = isMap(values.ports) ? values.ports : {};
  // `ports: null` drops every chart default (Helm's coalesce removes a default given as null).
  const names = [...new Set([...(values.ports === null ? [] : Object.keys(CHART_PORTS)), ...Object.keys(given)])];
  const service = isMap(values.service) ? values.service : {};
  // Services that exist: Traefik's own unless disabled, and each additional one that is a map and not disabled.
  const additional = isMap(service.additionalServices) ? service.additionalServices : {};
  const extra = Object.keys(additional).filter((name) => isMap(additional[name]) && (additional[name] as Values).enabled !== false);
  return names.flatMap((name) => {
    const user = Object.hasOwn(given, name) ? given[name] : undefined;
    // `ports.<name>: null` removes a chart entrypoint (Helm drops null keys).
    if (user === null) return [];
    const entry = isMap(user) ? user : {};
    const chart = Object.hasOwn(CHART_PORTS, name) ? CHART_PORTS[name] : undefined;
    const port = numberOr(entry.port, chart?.port);
    if (port === undefined) return [];
    const exposed = exposedOn(entry.expose, 'default', chart?.expose ?? false, servicesByName);
    const services = [...(service.enabled === false ? [] : ['default']), ...extra].filter((service) =>
      exposedOn(entry.expose, service, service === 'default' && (chart?.expose ?? false), servicesByName),
    );
    const path = user === undefined ? [...prefix] : [...prefix, 'values', 'ports', name];
    const hostPort = numberOr(entry.hostPort);
    const exposedPort = exposed ? servicePortOf(entry, chart?.exposedPort, port) : undefined;
    const flag = byFlag.get(name);
    const http3 =
      isMap(entry.http3) && goTruthy(entry.http3.enabled)
        ? http3ContainerPort(entry, port, path, exposedPort)
        : flag && { path: flag, port, byFlag: true };
    return [
      {
        name,
        path,
        port,
        ...(exposedPort !== undefined && { exposedPort }),
        protocol: typeof entry.protocol === 'string' ? entry.protocol : 'TCP',
        ...(hostPort !== undefined && { hostPort }),
        services,
        ...(http3 && { http3 }),
      },
    ];
  });
}

/**
 * The chart's entrypoints the values drop with a null (`ports.<name>: null`, or `ports: null` for all of them: Helm's
 * coalesce removes a default given as null, helm/helm pkg/chartutil/coalesce.go), each with the key that drops it.
 */
export function removedEntrypoints(values: Values, prefix: Path): Array<{ name: string; path: Path }> {
  const ports = [...prefix, 'values', 'ports'];
  if (values.ports === null) return Object.keys(CHART_PORTS).map((name) => ({ name, path: ports }));
  const given = isMap(values.ports) ? values.ports : {};
  return Object.keys(CHART_PORTS)
    .filter((name) => Object.hasOwn(given, name) && given[name] === null)
    .map((name) => ({ name, path: [...ports, name] }));
}

function http3ContainerPort(entry: Values, port: number, path: Path, exposedPort: number | undefined): Http3ContainerPort {
  const http3 = entry.http3 as Values;
  // On the Service: `default $exposedPort $config.http3.advertisedPort` (http3Ports), where the entrypoint is exposed.
  const advertisedService = numberOr(http3.advertisedPort);
  const servicePort = exposedPort === undefined ? undefined : advertisedService || exposedPort;
  const onService = servicePort !== undefined && { servicePort };
  // `if $config.hostPort`, then `default $config.hostPort $config.http3.advertisedPort`: both tested by Go truth.
  if (!goTruthy(entry.hostPort)) return { path, port, ...onService };
  const advertised = goTruthy(http3.advertisedPort) ? numberOr(http3.advertisedPort) : undefined;
  const hostPort = advertised ?? numberOr(entry.hostPort);
  return {
    path: advertised === undefined ? path : [...path, 'http3', 'advertisedPort'],
    port,
    ...(hostPort !== undefined && { hostPort }),
    ...onService,
  };
}

/** The ports an additional Service named `service` exposes (entrypoints whose `expose.<service>` is true). */
export function additionalServicePorts(values: Values, service: string, version: Version): string[] {
  const { servicesByName } = traefikChartRules(version);
  const given = isMap(values.ports) ? values.ports : {};
  return Object.entries(given).flatMap(([name, entry]) => {
    if (!isMap(entry) || !exposedOn(entry.expose, service, false, servicesByName)) return [];
    const chart = Object.hasOwn(CHART_PORTS, name) ? CHART_PORTS[name] : undefined;
    const own = numberOr(entry.port, chart?.port);
    const port = servicePortOf(entry, chart?.exposedPort, own);
    return port === undefined ? [] : [`${port}/${typeof entry.protocol === 'string' ? entry.protocol : 'TCP'}`];
  });
}

/**
 * How the chart adds an entrypoint's HTTP/3 port (`ports.<name>.http3.enabled`, Go truth) to its Services, by upstream
 * chart version (traefik/traefik-helm-chart traefik/templates/service.yaml and _service.tpl):
 * - v20.1.1 to v27.x: `traefik.service-ports` adds `<name>-http3` (UDP) right after the entrypoint's own port, outside
 *   its `expose` test, so on every Service that lists the entrypoint's protocol (the TCP one, whatever `single` says);
 * - v28.0.0 to v30.x: the same, inside the `expose` test (only where the entrypoint is exposed);
 * - from v31.0.0: service.yaml makes `<name>-http3` an entry of its own with protocol UDP, exposed as the entrypoint is:
 *   on the Service itself with `single`, else on its `-udp` Service, as a UDP entrypoint.
 * Its port is `http3.advertisedPort`, else the entrypoint's `exposedPort`. The chart fails without the entrypoint's TLS
 * switch (`tls.enabled`, `http.tls.enabled` from v39.0.0; on in the chart's `websecure`), which chart-failures.ts reports.
 */
interface Http3Rules {
  readonly exposedOnly: boolean;
  readonly ownEntry: boolean;
  readonly tlsSwitch: readonly string[];
}
const HTTP3_RULES: ReadonlyArray<{ since: string } & Partial<Http3Rules>> = [
  { since: '20.0.0', exposedOnly: false, ownEntry: false, tlsSwitch: ['tls', 'enabled'] },
  { since: '28.0.0', exposedOnly: true },
  { since: '31.0.0', ownEntry: true },
  { since: '39.0.0', tlsSwitch: ['http', 'tls', 'enabled'] },
];

/** One HTTP/3 port of a Service (`443/UDP`), and whether it moves to the `-udp` Service when `single` is off. */
export interface Http3Port {
  readonly port: string;
  readonly udpService: boolean;
}

/** The HTTP/3 ports the chart adds to the Service named `service` (`default` for Traefik's own). */
export function http3Ports(values: Values, service: string, version: Version): Http3Port[] {
  const rules = rulesFor<Http3Rules>(HTTP3_RULES, version);
  const { servicesByName } = traefikChartRules(version);
  const given = isMap(values.ports) ? values.ports : {};
  return Object.entries(given).flatMap(([name, entry]) => {
    if (!isMap(entry) || !isMap(entry.http3) || !goTruthy(entry.http3.enabled)) return [];
    const tls = rules.tlsSwitch.reduce<unknown>((node, key) => (isMap(node) ? node[key] : undefined), entry);
    if (!goTruthy(tls ?? (name === 'websecure' ? true : undefined))) return [];
    const chart = Object.hasOwn(CHART_PORTS, name) ? CHART_PORTS[name] : undefined;
    const exposed = exposedOn(entry.expose, service, service === 'default' && (chart?.expose ?? false), servicesByName);
    if ((rules.exposedOnly || rules.ownEntry) && !exposed) return [];
    const advertised = numberOr(entry.http3.advertisedPort);
    const port =
      advertised !== undefined && advertised !== 0
        ? advertised
        : numberOr(entry.exposedPort, chart?.exposedPort ?? numberOr(entry.port, chart?.port));
    if (port === undefined) return [];
    return [{ port: `${port}/UDP`, udpService: rules.ownEntry || entry.protocol === 'UDP' }];
  });
}

/**
 * Whether Traefik sends every http:// request on `web` elsewhere (to HTTPS), whichever door set it: the chart key of
 * its version (chart-versions.ts `redirectKey`; the template turns it into `--entryPoints.web.http.redirections.entryPoint.to`,
 * traefik/templates/_podtemplate.tpl) or that flag itself.
 */
export function webRedirects(values: Values, flags: readonly TraefikFlag[], redirectKey: string): boolean {
  const web = isMap(values.ports) && isMap(values.ports.web) ? values.ports.web : {};
  const at = (...path: string[]) => path.reduce<unknown>((node, key) => (isMap(node) ? node[key] : undefined), web);
  const byKey: Record<string, unknown> = {
    'ports.web.redirectTo': at('redirectTo'),
    'ports.web.redirectTo.port': at('redirectTo', 'port'),
    'ports.web.redirections': at('redirections', 'entryPoint', 'to'),
    'ports.web.http.redirections': at('http', 'redirections', 'entryPoint', 'to'),
  };
  return (
    goTruthy(byKey[redirectKey]) || flags.some((flag) => flag.name === 'entrypoints.web.http.redirections.entrypoint.to' && !!flag.value)
  );
}
