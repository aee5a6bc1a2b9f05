import { isMap } from '../core/is-map';
import { routeKey, RouteOwner, sameRouteMessage } from '../ingress/extra-routes';
import { ofTraefikClass } from '../ingress/legacy-class';
import { AppObject, refOf, where } from './construct-app-objects';

/** The annotation this tool writes for an Ingress' certResolver: its routers are then TLS routers only (extra-routes.ts meets). */
const TLS_ANNOTATIONS = ['traefik.ingress.kubernetes.io/router.tls', 'traefik.ingress.kubernetes.io/router.tls.certresolver'];

/**
 * Round 67 (67b-2): the routes the app's Ingresses hold, as the extraObjects route rules take them (ingress/rules.ts
 * builds the same map from `ingresses[]`): by routeKey, the first Ingress of a route owning it, named by file and
 * object. An Ingress of another class than Traefik's (or none, which K3s' Traefik also serves) is not Traefik's router.
 */
export function ingressRouteOwners(objects: readonly AppObject[]): Map<string, RouteOwner> {
  return ingressRoutes(objects).owners;
}

/**
 * Round 68 (68b-14): an Ingress of the app on a host and path another Ingress of the app already routes, refused as
 * `ingresses[]` refuses it (extra-routes.ts sameRouteMessage): Traefik builds both routers with one rule and priority,
 * so which backend serves is arbitrary. `own` says which construct says it (the later object's, as identities).
 */
export function ingressTwinFindings(objects: readonly AppObject[], own: (later: AppObject, earlier: AppObject) => boolean): string[] {
  return ingressRoutes(objects)
    .twins.filter(({ later, earlier }) => own(later, earlier))
    .map(({ later, at, message }) => `${where(later)}: ${at} ${message}`);
}

interface Twin {
  readonly later: AppObject;
  readonly earlier: AppObject;
  readonly at: string;
  readonly message: string;
}

function ingressRoutes(objects: readonly AppObject[]): { owners: Map<string, RouteOwner>; twins: Twin[] } {
  const owners = new Map<string, RouteOwner>();
  const holders = new Map<string, AppObject>();
  const twins: Twin[] = [];
  for (const o of objects) {
    const { object, file } = o;
    if (object.kind !== 'Ingress' || typeof object.apiVersion !== 'string' || !object.apiVersion.startsWith('networking.k8s.io/')) continue;
    const spec = isMap(object.spec) ? object.spec : {};
    if (!ofTraefikClass(object)) continue;
    const metadata = isMap(object.metadata) ? object.metadata : {};
    const annotations = isMap(metadata.annotations) ? metadata.annotations : {};
    const tls = TLS_ANNOTATIONS.some((key) => annotations[key] !== undefined && annotations[key] !== 'false');
    const owner = `${refOf(object)} in ${file}`;
    const rules = Array.isArray(spec.rules) ? spec.rules : [];
    rules.forEach((rule, r) => {
      if (!isMap(rule) || typeof rule.host !== 'string' || !rule.host) return;
      const paths = isMap(rule.http) && Array.isArray(rule.http.paths) ? rule.http.paths : [];
      paths.forEach((entry, p) => {
        if (!isMap(entry)) return;
        const text = typeof entry.path === 'string' && entry.path ? entry.path : '/';
        const key = routeKey(rule.host as string, text);
        const earlier = holders.get(key);
        if (!earlier) {
          owners.set(key, { owner, tls, host: rule.host as string, path: text });
          holders.set(key, o);
        } else if (earlier !== o)
          twins.push({
            later: o,
            earlier,
            at: `spec.rules[${r}].http.paths[${p}].path`,
            message: sameRouteMessage(rule.host as string, text, owners.get(key)!.owner),
          });
      });
    });
  }
  return { owners, twins };
}
