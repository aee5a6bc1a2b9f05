import type { Path, Problem } from '../core/problem';
import { isMap } from '../core/is-map';
import { apiGroup } from '../validate/kinds';
import { renderedObjects } from '../traefik/extra-objects';
import { backendProblems } from './route-backends';
import { backendValueProblems, stickyProblems } from './crd-backend-values';
import { traefikServiceShapeProblems } from './traefik-service-shape';
import { tcpTlsProblems, tcpUdpBackendProblems } from './tcp-udp-backend-values';
import {
  FAILOVER_SINCE,
  hasField,
  HRW_SINCE,
  ingressRouteBackendFieldProblems,
  traefikServiceFieldProblems,
  type Deployed,
} from './traefik-service-fields';

type Values = Readonly<Record<string, unknown>>;

/**
 * 64b-8: the backend references of the Traefik CRDs in `extraObjects` that route-fields.ts does not walk as routes:
 * an IngressRouteUDP's `spec.routes[].services[]` (no `match`, so not a route there), and a TraefikService's
 * `spec.weighted.services[]`, `spec.mirroring` (itself the main backend: name, namespace, kind, port inline) and
 * `spec.mirroring.mirrors[]`. Field names: traefik/traefik pkg/provider/kubernetes/crd/traefikio/v1alpha1
 * ingressrouteudp.go (`RouteUDP.Services []ServiceUDP`), service.go (`TraefikServiceSpec.Weighted *WeightedRoundRobin`
 * with `Services []Service`, `Mirroring *Mirroring` embedding `LoadBalancerSpec` with `Mirrors []MirrorService`), and
 * doc.traefik.io routing/providers/kubernetes-crd "Kind: TraefikService". Each is held to the IngressRoute backend rules
 * (route-backends.ts): Traefik resolves it by the same name, namespace and port lookup. 65b-2: so are
 * `spec.highestRandomWeight.services[]` and `spec.failover.service`/`fallback` (service.go `HighestRandomWeight`,
 * `Failover`) where the deployed chart's CRD has them, and a TraefikService's fields are checked against that CRD
 * (traefik-service-fields.ts). 66b-1, 66b-2, 66b-13: every backend's values are held to the CRD's schema
 * (crd-backend-values.ts), an IngressRoute's `routes[].services[]` to the same fields and values as a TraefikService's
 * backends, and a TraefikService is one load balancer with something behind it (traefik-service-shape.ts).
 */
export function crdBackendRefProblems(values: Values, prefix: Path, deployed: Deployed): Problem[] {
  const items = Array.isArray(values.extraObjects) ? values.extraObjects : [];
  return items.flatMap((item, i) =>
    renderedObjects(item).flatMap((object): Problem[] => {
      const group = typeof object.apiVersion === 'string' ? apiGroup(object.apiVersion) : '';
      if ((group !== 'traefik.io' && group !== 'traefik.containo.us') || !isMap(object.spec)) return [];
      const at = [...prefix, 'values', 'extraObjects', i, 'spec'];
      const crd = object.kind === 'IngressRoute' ? 'IngressRoute' : 'TraefikService';
      const judge = (ref: unknown, path: Path, level?: 'mirror' | 'mirroring') =>
        backendValueProblems(ref, path, deployed.chart, crd, level);
      const list = (parent: unknown, key: string, path: Path, own = true): Problem[] =>
        isMap(parent) && Array.isArray(parent[key])
          ? (parent[key] as unknown[]).flatMap((ref, j) => [
              ...(own ? backendProblems(ref, [...path, key, j]) : []),
              ...(object.kind === 'IngressRouteUDP' ? [] : judge(ref, [...path, key, j], key === 'mirrors' ? 'mirror' : undefined)),
            ])
          : [];
      const { spec } = object;
      const { failover } = spec;
      const routes = Array.isArray(spec.routes) ? spec.routes : [];
      // 67b-1: a TCP or UDP backend by its own CRD (its entrypoints' protocol: entrypoint-layers.ts).
      const layer4 = (kind: 'IngressRouteTCP' | 'IngressRouteUDP'): Problem[] =>
        routes.flatMap((route, j) =>
          isMap(route) && Array.isArray(route.services)
            ? route.services.flatMap((ref, k) => tcpUdpBackendProblems(ref, [...at, 'routes', j, 'services', k], kind, deployed.chart))
            : [],
        );
      if (object.kind === 'IngressRouteUDP')
        return [...routes.flatMap((route, j) => list(route, 'services', [...at, 'routes', j])), ...layer4('IngressRouteUDP')];
      if (object.kind === 'IngressRouteTCP') return [...layer4('IngressRouteTCP'), ...tcpTlsProblems(spec, at)];
      // An IngressRoute's backends are judged by name and port in route-fields.ts (routeBackendProblems); here, by the CRD.
      if (object.kind === 'IngressRoute')
        return routes.flatMap((route, j) => [
          ...list(route, 'services', [...at, 'routes', j], false),
          ...(isMap(route) && Array.isArray(route.services)
            ? route.services.flatMap((ref, k) => ingressRouteBackendFieldProblems(ref, [...at, 'routes', j, 'services', k], deployed))
            : []),
        ]);
      if (object.kind !== 'TraefikService') return [];
      const failoverRefs = (path: Path): Problem[] =>
        isMap(failover)
          ? ['service', 'fallback'].flatMap((key) => [
              ...backendProblems(failover[key], [...path, key]),
              ...judge(failover[key], [...path, key]),
            ])
          : [];
      return [
        ...traefikServiceShapeProblems(spec, at, deployed),
        ...(isMap(spec.weighted) ? stickyProblems(spec.weighted.sticky, [...at, 'weighted'], crd, deployed.chart) : []),
        ...judge(spec.mirroring, [...at, 'mirroring'], 'mirroring'),
        ...list(spec.weighted, 'services', [...at, 'weighted']),
        ...backendProblems(spec.mirroring, [...at, 'mirroring']),
        ...list(spec.mirroring, 'mirrors', [...at, 'mirroring']),
        ...(hasField(deployed, HRW_SINCE) ? list(spec.highestRandomWeight, 'services', [...at, 'highestRandomWeight']) : []),
        ...(hasField(deployed, FAILOVER_SINCE) ? failoverRefs([...at, 'failover']) : []),
        ...traefikServiceFieldProblems(spec, at, deployed),
      ];
    }),
  );
}
