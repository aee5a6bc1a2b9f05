import { isMap } from '../core/is-map';
import { routeKey, RouteOwner } from '../ingress/extra-routes';
import { AppObject, refOf } from './construct-app-objects';

/** The annotation this tool writes for an Ingress' certResolver: its routers are then TLS routers only (extra-routes.ts meets). */
const TLS_ANNOTATIONS = ['traefik.ingress.kubernetes.io/router.tls', 'traefik.ingress.kubernetes.io/router.tls.certresolver'];

/**
 * Round 67 (67b-2): the routes the app's Ingresses hold, as the extraObjects route rules take them (ingress/rules.ts
 * builds the same map from `ingresses[]`): by routeKey, the first Ingress of a route owning it, named by file and
 * object. An Ingress of another class than Traefik's (or none, which K3s' Traefik also serves) is not Traefik's router.
 */
export function ingressRouteOwners(objects: readonly AppObject[]): Map<string, RouteOwner> {
  const owners = new Map<string, RouteOwner>();
  for (const { object, file } of objects) {
    if (object.kind !== 'Ingress' || typeof object.apiVersion !== 'string' || !object.apiVersion.startsWith('networking.k8s.io/')) continue;
    const spec = isMap(object.spec) ? object.spec : {};
    if (typeof spec.ingressClassName === 'string' && spec.ingressClassName !== 'traefik') continue;
    const metadata = isMap(object.metadata) ? object.metadata : {};
    const annotations = isMap(metadata.annotations) ? metadata.annotations : {};
    const tls = TLS_ANNOTATIONS.some((key) => annotations[key] !== undefined && annotations[key] !== 'false');
    const owner = `${refOf(object)} in ${file}`;
    for (const rule of Array.isArray(spec.rules) ? spec.rules.filter(isMap) : []) {
      if (typeof rule.host !== 'string' || !rule.host) continue;
      const paths = isMap(rule.http) && Array.isArray(rule.http.paths) ? rule.http.paths.filter(isMap) : [];
      for (const { path } of paths) {
        const text = typeof path === 'string' && path ? path : '/';
        const key = routeKey(rule.host, text);
        if (!owners.has(key)) owners.set(key, { owner, tls, host: rule.host, path: text });
      }
    }
  }
  return owners;
}
