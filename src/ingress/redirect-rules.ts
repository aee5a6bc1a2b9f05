import { Report } from '../core/problem';
import type { ClusterConfig } from '../config/schema';
import type { EffectiveTraefik } from '../traefik/effective';
import type { Entrypoint } from '../traefik/entrypoints';
import { EntrypointRedirect, entrypointRedirects } from '../traefik/redirects';

/**
 * The entrypoint a redirect sends clients to. A `:port` target is the port of the Location Traefik answers, which a
 * client reaches on the VIP through a Service port (`exposedPort`), or on a node through a host port (or the
 * container port itself under hostNetwork); undefined when nothing listens there.
 */
function redirectTarget(redirect: EntrypointRedirect, traefik: EffectiveTraefik): Entrypoint | undefined {
  const { entrypoints } = traefik;
  const { port, to } = redirect;
  if (port === undefined) return entrypoints.find((entry) => entry.name.toLowerCase() === to.toLowerCase());
  return (
    entrypoints.find((entry) => entry.services.length > 0 && entry.exposedPort === port) ??
    entrypoints.find((entry) => entry.hostPort === port) ??
    (traefik.hostNetwork ? entrypoints.find((entry) => entry.port === port) : undefined)
  );
}

/**
 * An entrypoint redirection sends every request on its entrypoint elsewhere (traefik/redirects.ts). The Ingresses
 * served there (`web` for plain HTTP, `websecure` for TLS) cannot be reached when it sends them to the entrypoint
 * itself (a loop, or HTTPS on a plain port), to an entrypoint the chart does not define or a port nothing listens on,
 * to one no Service exposes on the VIP (`traefik`, `metrics`: clients cannot follow), or from websecure to plain
 * `web` or with `scheme: http` anywhere (a TLS Ingress' routers match HTTPS only): judged like taking the entrypoint off every Service (rules.ts).
 */
export function checkRedirects(config: ClusterConfig, traefik: EffectiveTraefik, error: Report): void {
  const users = (tls: boolean) => config.ingresses.flatMap((ingress, i) => (!!ingress.tls === tls ? [i] : []));
  for (const redirect of entrypointRedirects(traefik.values, config.traefik.chartVersion, ['traefik'])) {
    const { from, to, port, path } = redirect;
    const source = from.toLowerCase();
    const served = source === 'websecure' ? users(true) : source === 'web' ? users(false) : [];
    if (!served.length) continue;
    const target = redirectTarget(redirect, traefik);
    const name = target?.name.toLowerCase();
    const label = port === undefined ? to : `${to} (entrypoint ${target?.name})`;
    const why = !target
      ? port === undefined
        ? `to ${JSON.stringify(to)}, which is no entrypoint under traefik.values.ports`
        : `to port ${port}, where no entrypoint of Traefik's listens on the VIP (no Service port, host port or hostNetwork port)`
      : name === source
        ? `${port === undefined ? '' : `through ${to} `}to itself, where every request is redirected again`
        : !target.services.length && target.hostPort === undefined && !traefik.hostNetwork
          ? `to ${label}, which no Service exposes on the VIP, so clients cannot follow it`
          : source === 'websecure' && (name === 'web' || redirect.scheme === 'http')
            ? `to plain HTTP on ${port === undefined ? to : label}, where TLS routers never match`
            : undefined;
    if (!why) continue;
    const scheme = source === 'websecure' ? 'https://' : 'http://';
    error(
      path,
      `redirects entrypoint ${from} ${why}, so ${served.map((i) => `ingresses[${i}]`).join(', ')} ` +
        `(${scheme}${config.ingresses[served[0]].host}) cannot be reached on the VIP: remove the redirection`,
    );
  }
}
