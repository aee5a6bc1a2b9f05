import { Report } from '../core/problem';
import type { ClusterConfig } from '../config/schema';
import type { EffectiveTraefik } from '../traefik/effective';
import { entrypointRedirects } from '../traefik/redirects';

/**
 * An entrypoint redirection sends every request on its entrypoint elsewhere (traefik/redirects.ts). The Ingresses
 * served there (`web` for plain HTTP, `websecure` for TLS) cannot be reached when it sends them to the entrypoint
 * itself (a loop, or HTTPS on a plain port), to an entrypoint the chart does not define, or from websecure to plain
 * `web` (a TLS Ingress' routers match HTTPS only): judged like taking the entrypoint off every Service (rules.ts).
 */
export function checkRedirects(config: ClusterConfig, traefik: EffectiveTraefik, error: Report): void {
  const names = traefik.entrypoints.map((entry) => entry.name.toLowerCase());
  const users = (tls: boolean) => config.ingresses.flatMap((ingress, i) => (!!ingress.tls === tls ? [i] : []));
  for (const { from, to, path } of entrypointRedirects(traefik.values, config.traefik.chartVersion, ['traefik'])) {
    const [source, target] = [from.toLowerCase(), to.toLowerCase()];
    const served = source === 'websecure' ? users(true) : source === 'web' ? users(false) : [];
    if (!served.length) continue;
    const why =
      target === source
        ? 'to itself, where every request is redirected again'
        : !names.includes(target)
          ? `to ${JSON.stringify(to)}, which is no entrypoint under traefik.values.ports`
          : source === 'websecure' && target === 'web'
            ? 'to plain HTTP on web, where TLS routers never match'
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
