import { formatPath } from '../core/problem';
import { isMap } from '../core/is-map';
import { challengeProblemsOfRoutes } from '../gateway/rules';
import { gatewayProviderOn, TURN_ON_GATEWAY, unservedTraefikRoutes } from '../gateway/unserved-routes';
import { effectiveClusterTraefik } from '../traefik/settings';
import { apiGroup } from '../validate/kinds';
import { AppObject, Scope, where } from './construct-app-objects';
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
 * 69b-11: the app's HTTPRoutes on a K3sVipCluster's Gateway get the HTTP-01 challenge rule its httpRoutes and
 * extraObjects routes get (gateway/rules.ts): one that catches the challenge of the cluster's HTTP-01 certificates is
 * refused, and (71b-10) one on the HTTP listener alone behind web's redirect to HTTPS. An app object without a namespace lands in `default`.
 */
export function challengeParityFindings({ all }: Scope, objects: readonly AppObject[], judge: (o: AppObject) => boolean): string[] {
  const config = all.map(notedClusterConfig).find((c) => c !== undefined);
  if (!config) return [];
  const routes = objects.filter(
    (o) => judge(o) && o.object.kind === 'HTTPRoute' && apiGroup(String(o.object.apiVersion)) === 'gateway.networking.k8s.io',
  );
  if (!routes.length) return [];
  const landed = routes.map(({ object }) => {
    const metadata = isMap(object.metadata) ? object.metadata : {};
    return typeof metadata.namespace === 'string' && metadata.namespace
      ? object
      : { ...object, metadata: { ...metadata, namespace: 'default' } };
  });
  return challengeProblemsOfRoutes(config, effectiveClusterTraefik(config), landed).flatMap(({ path, message }) => {
    const [, , , i, ...rest] = path;
    const o = typeof i === 'number' ? routes[i] : undefined;
    return o ? [`${where(o)}: ${rest.length ? `${formatPath(rest)} ` : ''}${message}`] : [];
  });
}
