import { isMap } from '../core/is-map';
import { GATEWAY_NAMESPACE, httpsRedirectName } from '../gateway/model';
import { httpsRedirectHosts } from '../gateway/route-gateways';
import { extraHttpRouteProblems } from '../gateway/rules';
import { gatewayProviderOn, TURN_ON_GATEWAY, unservedTraefikRoutes } from '../gateway/unserved-routes';
import { apiGroup } from '../validate/kinds';
import { AppObject, Scope, where } from './construct-app-objects';
import { besideExtraObjectProblems } from './construct-beside-extra-objects';
import { notedClusterConfig, notedTraefikRelease } from './construct-services';

/**
 * 69b-17: the app's HTTPRoutes and GRPCRoutes on a Traefik Gateway (this tool's, or a Gateway of the app of Traefik's
 * class) while the app's Traefik release has its Gateway API provider off: refused as `httpRoutes` and extraObjects
 * routes are (gateway/unserved-routes.ts), for nothing would serve them. An app object without a namespace lands in
 * `default`. An app without a TraefikHelmChartConfig has no provider to judge.
 */
export function gatewayParityFindings({ all }: Scope, objects: readonly AppObject[], judge: (o: AppObject) => boolean): string[] {
  const release = all.map(notedTraefikRelease).find((r) => r !== undefined);
  if (!release || gatewayProviderOn(!!release.gateway, release.values)) return [];
  const unserved = unservedTraefikRoutes(
    objects.map((o) => o.object),
    release.values,
    'default',
  );
  return objects.filter(judge).flatMap((o) => {
    const gateway = unserved(o.object);
    return gateway
      ? [
          `${where(o)}: is attached to Gateway ${gateway}, which nothing serves while Traefik's Gateway API provider is off: ` +
            `${TURN_ON_GATEWAY} (a K3sVipCluster's traefik props; a TraefikHelmChartConfig's gateway prop)`,
        ]
      : [];
  });
}

/**
 * 69b-11, 72a-3, 72a-4: the app's HTTPRoutes beside a K3sVipCluster (or added under it; `judge` picks them, never those
 * its config's `httpRoutes` made) are judged as items of its `traefik.values.extraObjects`, placed after its own
 * items, with the very function the config door judges those with (gateway/rules.ts extraHttpRouteProblems): a
 * listener, host and path another route holds, a namespace the Gateway does not admit, an Ingress's host (a
 * warning), cert-manager's HTTP-01 challenge, web's redirect. An app object without a namespace lands in `default`.
 * Each message names the object (file, kind, name, construct path), and an app route another one meets, by its name too.
 */
export function besideRouteProblems(
  scope: Scope,
  objects: readonly AppObject[],
  judge: (o: AppObject) => boolean,
): { readonly errors: string[]; readonly warnings: string[] } {
  const routes = objects.filter((o) => judge(o) && isHttpRoute(o.object) && !madeByClusterConfig(o));
  return besideExtraObjectProblems(scope, routes, extraHttpRouteProblems);
}

const isHttpRoute = (object: Readonly<Record<string, unknown>>): boolean =>
  object.kind === 'HTTPRoute' && apiGroup(String(object.apiVersion)) === 'gateway.networking.k8s.io';

/**
 * Whether `o` is one of the HTTPRoutes a K3sVipCluster above it writes for its config's `httpRoutes` and their HTTPS
 * redirects (gateway/wiring.ts gatewayObjects), which its config's rules judged.
 */
function madeByClusterConfig(o: AppObject): boolean {
  const metadata = isMap(o.object.metadata) ? o.object.metadata : {};
  const identity = `${String(metadata.namespace)}/${String(metadata.name)}`;
  return !!o.construct?.node.scopes.some((scope) => {
    const config = notedClusterConfig(scope);
    if (!config?.traefik.gateway) return false;
    const redirects = httpsRedirectHosts(config).map((host) => `${GATEWAY_NAMESPACE}/${httpsRedirectName(host)}`);
    return [...config.httpRoutes.map((route) => `${route.namespace}/${route.name}`), ...redirects].includes(identity);
  });
}
