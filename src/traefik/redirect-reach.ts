import type { Path } from '../core/problem';
import { servesTls } from './chart-failures';
import type { Entrypoint } from './entrypoints';
import { EntrypointRedirect, entrypointRedirects, redirectChart } from './redirects';
import { traefikChartRules } from './chart-versions';
import type { Version } from '../semver';

type Values = Record<string, unknown>;
const isMap = (value: unknown): value is Values => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The entrypoint `web` redirects to by the chart key of charts before v34, which entrypointRedirects does not read:
 * `ports.web.redirectTo: <name>` to v24, `ports.web.redirectTo.port: <name>` from v25 (chart-versions.ts `redirectKey`),
 * which the chart renders as `to=:<exposedPort of ports.<name>>` (traefik/templates/_podtemplate.tpl).
 */
function oldChartTarget(values: Values, chart: Version): string | undefined {
  const key = traefikChartRules(chart).redirectKey;
  const web = isMap(values.ports) && isMap(values.ports.web) ? values.ports.web : {};
  const to =
    key === 'ports.web.redirectTo'
      ? web.redirectTo
      : key === 'ports.web.redirectTo.port' && isMap(web.redirectTo)
        ? web.redirectTo.port
        : undefined;
  return typeof to === 'string' && to !== '' ? to : undefined;
}

/**
 * Whether `web` redirects every http:// request to HTTPS that clients can follow on the VIP: to an entrypoint with its
 * TLS switch on (chart-failures.ts servesTls), exposed on Traefik's own Service, with scheme https. The chart key names
 * the entrypoint, whose Service port the chart puts in the Location; a flag's `:port` is that Service port, and a flag's
 * entrypoint name makes Traefik put the entrypoint's address port there (traefik/traefik pkg/provider/traefik/internal.go
 * getRedirectPort, v3.6), which must then be a Service port of a TLS entrypoint too. A redirect anywhere else leaves a
 * TLS-only router's http:// answer a 404 (or an unreachable Location).
 */
export function webRedirectsToTls(values: Values, chartVersion: string, ports: readonly Entrypoint[], prefix: Path): boolean {
  const chart = redirectChart(chartVersion);
  const web = entrypointRedirects(values, chartVersion, prefix).find((redirect) => redirect.from.toLowerCase() === 'web');
  const old = web ? undefined : oldChartTarget(values, chart);
  if (!web && old === undefined) return false;
  const target = redirectLanding(web ?? { to: old!, door: 'key' }, landings(ports));
  return !!target && servesTls(values, target.name, chart) && (web?.scheme ?? 'https') === 'https';
}

/** Traefik's entrypoints by name and by the port of Traefik's own Service (the VIP) they are exposed on. */
export interface Landings {
  readonly byName: ReadonlyMap<string, Entrypoint>;
  readonly byServicePort: ReadonlyMap<number, Entrypoint>;
}

/** The Landings of `ports`. */
export function landings(ports: readonly Entrypoint[]): Landings {
  const onVip = ports.filter((entry) => entry.services.includes('default') && entry.exposedPort !== undefined);
  return {
    byName: new Map(ports.map((entry) => [entry.name, entry])),
    // The first entrypoint on a port wins, as ports.find would.
    byServicePort: new Map([...onVip].reverse().map((entry) => [entry.exposedPort!, entry])),
  };
}

/**
 * The entrypoint a redirected client lands on through the VIP, or undefined: the chart key names the entrypoint whose
 * Service port the chart puts in the Location; a flag's `:port` is a Service port, and a flag's entrypoint name makes
 * Traefik put that entrypoint's address port in the Location, which must be a Service port too.
 */
export function redirectLanding(
  redirect: Pick<EntrypointRedirect, 'to' | 'door'> & { readonly port?: number },
  { byName, byServicePort }: Landings,
): Entrypoint | undefined {
  const named = byName.get(redirect.to);
  if (redirect.door === 'key') return named && byServicePort.get(named.exposedPort!) === named ? named : undefined;
  const location = redirect.port ?? named?.port;
  return location === undefined ? undefined : byServicePort.get(location);
}
