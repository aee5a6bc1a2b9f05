import { Path } from '../core/problem';
import { goTruthy } from './go-truth';

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
}

type Values = Record<string, unknown>;
const isMap = (value: unknown): value is Values => typeof value === 'object' && value !== null && !Array.isArray(value);
const numberOr = (value: unknown, fallback?: number) => (typeof value === 'number' ? value : fallback);

/**
 * Whether an entrypoint is exposed on the Service named `service` (`default` for Traefik's own): one value up to
 * chart v26, a map of Service names from v27 (`expose: {default: true}`). The chart renders the port for any value
 * Go templates hold true (`go-truth.ts`), not only `true`: traefik/traefik-helm-chart traefik/templates/_service.tpl,
 * `{{- if $config.expose }}` (v20.1.1 to v26.1.0) and `{{- if (index (default dict $config.expose) $.serviceName) }}`
 * (v27.0.0 to v41.3.0). A key set to null is dropped by Helm's merge, as if unset; one left unset keeps the chart's.
 */
function exposedOn(expose: unknown, service: string, fallback: boolean): boolean {
  if (isMap(expose)) return Object.hasOwn(expose, service) ? goTruthy(expose[service]) : service === 'default' && fallback;
  if (typeof expose === 'boolean') return expose;
  if (expose === undefined) return service === 'default' && fallback;
  return service === 'default' && goTruthy(expose);
}

/** Every entrypoint the chart will render, and the ports of the Service named `service` (`80/TCP`). */
export function entrypoints(values: Values, prefix: Path): Entrypoint[] {
  const given = isMap(values.ports) ? values.ports : {};
  const names = [...new Set([...Object.keys(CHART_PORTS), ...Object.keys(given)])];
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
    const exposed = exposedOn(entry.expose, 'default', chart?.expose ?? false);
    const services = [...(service.enabled === false ? [] : ['default']), ...extra].filter((service) =>
      exposedOn(entry.expose, service, service === 'default' && (chart?.expose ?? false)),
    );
    return [
      {
        name,
        path: user === undefined ? [...prefix] : [...prefix, 'values', 'ports', name],
        port,
        ...(exposed && { exposedPort: numberOr(entry.exposedPort, chart?.exposedPort ?? port) }),
        protocol: typeof entry.protocol === 'string' ? entry.protocol : 'TCP',
        ...(typeof entry.hostPort === 'number' && { hostPort: entry.hostPort }),
        services,
      },
    ];
  });
}

/** The ports an additional Service named `service` exposes (entrypoints whose `expose.<service>` is true). */
export function additionalServicePorts(values: Values, service: string): string[] {
  const given = isMap(values.ports) ? values.ports : {};
  return Object.entries(given).flatMap(([name, entry]) => {
    if (!isMap(entry) || !exposedOn(entry.expose, service, false)) return [];
    const chart = Object.hasOwn(CHART_PORTS, name) ? CHART_PORTS[name] : undefined;
    const port = numberOr(entry.exposedPort, chart?.exposedPort ?? numberOr(entry.port, chart?.port));
    return port === undefined ? [] : [`${port}/${typeof entry.protocol === 'string' ? entry.protocol : 'TCP'}`];
  });
}
