import type { Path } from '../core/problem';
import { servesTls } from './chart-failures';
import type { Entrypoint } from './entrypoints';
import { EntrypointRedirect, entrypointRedirects, redirectChart } from './redirects';

type Values = Record<string, unknown>;

/**
 * Whether `web` redirects every http:// request to HTTPS that clients can follow on the VIP: to an entrypoint with its
 * TLS switch on (chart-failures.ts servesTls), exposed on Traefik's own Service, with scheme https. The chart key names
 * the entrypoint, whose Service port the chart puts in the Location; a flag's `:port` is that Service port, and a flag's
 * entrypoint name makes Traefik put the entrypoint's address port there (traefik/traefik pkg/provider/traefik/internal.go
 * getRedirectPort, v3.6), which must then be a Service port of a TLS entrypoint too. A redirect anywhere else leaves a
 * TLS-only router's http:// answer a 404 (or an unreachable Location).
 */
export function webRedirectsToTls(values: Values, chartVersion: string, ports: readonly Entrypoint[], prefix: Path): boolean {
  const web = entrypointRedirects(values, chartVersion, prefix).find((redirect) => redirect.from.toLowerCase() === 'web');
  const target = web && redirectLanding(web, landings(ports));
  return !!target && servesTls(values, target.name, redirectChart(chartVersion)) && web.scheme === 'https';
}

/** Traefik's entrypoints by name and by the port of Traefik's own Service (the VIP) they are exposed on. */
export interface Landings {
  readonly ports: readonly Entrypoint[];
  readonly byName: ReadonlyMap<string, Entrypoint>;
  readonly byServicePort: ReadonlyMap<number, Entrypoint>;
}

/** The Landings of `ports`. */
export function landings(ports: readonly Entrypoint[]): Landings {
  const onVip = ports.filter((entry) => entry.services.includes('default') && entry.exposedPort !== undefined);
  return {
    ports,
    byName: new Map(ports.map((entry) => [entry.name, entry])),
    // The first entrypoint on a port wins, as ports.find would.
    byServicePort: new Map([...onVip].reverse().map((entry) => [entry.exposedPort!, entry])),
  };
}

/**
 * The port of the Location a redirect answers: a flag's `:port`, or for a flag naming an entrypoint that entrypoint's
 * address port (Traefik's getEntryPointPort, the container port: 8443 for websecure, which is why the chart renders its
 * key as `to=:<exposedPort>`); undefined for the chart key, which names the entrypoint whose Service port it renders.
 */
export function locationPort(redirect: RedirectTo, { byName }: Landings): number | undefined {
  return redirect.door === 'key' ? undefined : (redirect.port ?? byName.get(redirect.to)?.port);
}

type RedirectTo = Pick<EntrypointRedirect, 'to' | 'door'> & { readonly port?: number };

/**
 * The entrypoint a redirected client lands on through the VIP, or undefined: the chart key names the entrypoint whose
 * Service port the chart puts in the Location; a flag's Location port (locationPort) must be a Service port too.
 */
export function redirectLanding(redirect: RedirectTo, at: Landings): Entrypoint | undefined {
  const named = at.byName.get(redirect.to);
  if (redirect.door === 'key') return named && at.byServicePort.get(named.exposedPort!) === named ? named : undefined;
  const location = locationPort(redirect, at);
  return location === undefined ? undefined : at.byServicePort.get(location);
}

/**
 * The entrypoint a redirect sends clients to, on the VIP or off it (redirectLanding is the VIP's alone): the chart key's
 * entrypoint by name; a Location port reached through any Service's port (`exposedPort`), or on a node through a host
 * port (or the container port itself under hostNetwork); undefined when nothing listens there.
 */
export function redirectTarget(redirect: RedirectTo, at: Landings, hostNetwork: boolean): Entrypoint | undefined {
  const location = locationPort(redirect, at);
  if (location === undefined) return at.byName.get(redirect.to);
  const { ports } = at;
  return (
    ports.find((entry) => entry.services.length > 0 && entry.exposedPort === location) ??
    ports.find((entry) => entry.hostPort === location) ??
    (hostNetwork ? ports.find((entry) => entry.port === location) : undefined)
  );
}
