import type { Problem } from '../core/problem';
import type { GatewayRouter } from './route-gateways';

/**
 * 71b-10: the routers of the extraObjects HTTPRoutes (or the app's, beside a K3sVipCluster) that serve a host on the
 * Gateway's HTTP listener only, while web redirects every http:// request to HTTPS (`redirect`: the key that does it, and
 * how to undo it): the request never reaches the route on web, and no HTTPS listener takes the host, so it answers 404,
 * as gateway/rules.ts tells a plain `httpRoutes` entry. One problem per route object (the first four keys of `at`, the
 * item) and host.
 */
export function redirectedPlainRouteProblems(
  redirect: { readonly key: string; readonly undo: string } | undefined,
  routers: readonly GatewayRouter[],
): Problem[] {
  if (!redirect) return [];
  const item = (router: GatewayRouter) => router.at.slice(0, 4);
  const secure = new Set(routers.filter((r) => r.entryPoint === 'websecure').map((r) => `${item(r).join('\u0000')} ${r.host}`));
  const said = new Set<string>();
  return routers.flatMap((router): Problem[] => {
    const key = `${item(router).join('\u0000')} ${router.host}`;
    if (router.entryPoint !== 'web' || secure.has(key) || said.has(key)) return [];
    said.add(key);
    return [
      {
        path: item(router),
        message:
          `serves "${router.host}" on the Gateway's HTTP listener only, but ${redirect.key} sends every http:// request to HTTPS, ` +
          `where no listener of the Gateway takes "${router.host}", so it would answer 404: attach the route to an HTTPS listener ` +
          `of the host (an httpRoutes entry with tls.issuer makes one), or ${redirect.undo}`,
      },
    ];
  });
}
