import type { Path, Problem } from '../core/problem';
import { isMap } from '../core/is-map';
import { apiGroup } from '../validate/kinds';
import { renderedObjects } from '../traefik/extra-objects';
import { backendProblems } from './route-backends';
import { FAILOVER_SINCE, hasField, HRW_SINCE, traefikServiceFieldProblems, type Deployed } from './traefik-service-fields';

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
 * (traefik-service-fields.ts).
 */
export function crdBackendRefProblems(values: Values, prefix: Path, deployed: Deployed): Problem[] {
  const items = Array.isArray(values.extraObjects) ? values.extraObjects : [];
  return items.flatMap((item, i) =>
    renderedObjects(item).flatMap((object): Problem[] => {
      const group = typeof object.apiVersion === 'string' ? apiGroup(object.apiVersion) : '';
      if ((group !== 'traefik.io' && group !== 'traefik.containo.us') || !isMap(object.spec)) return [];
      const at = [...prefix, 'values', 'extraObjects', i, 'spec'];
      const list = (parent: unknown, key: string, path: Path): Problem[] =>
        isMap(parent) && Array.isArray(parent[key])
          ? (parent[key] as unknown[]).flatMap((ref, j) => backendProblems(ref, [...path, key, j]))
          : [];
      const { spec } = object;
      const { failover } = spec;
      if (object.kind === 'IngressRouteUDP')
        return Array.isArray(spec.routes) ? spec.routes.flatMap((route, j) => list(route, 'services', [...at, 'routes', j])) : [];
      if (object.kind !== 'TraefikService') return [];
      return [
        ...list(spec.weighted, 'services', [...at, 'weighted']),
        ...backendProblems(spec.mirroring, [...at, 'mirroring']),
        ...list(spec.mirroring, 'mirrors', [...at, 'mirroring']),
        ...(hasField(deployed, HRW_SINCE) ? list(spec.highestRandomWeight, 'services', [...at, 'highestRandomWeight']) : []),
        ...(hasField(deployed, FAILOVER_SINCE) && isMap(failover)
          ? ['service', 'fallback'].flatMap((key) => backendProblems(failover[key], [...at, 'failover', key]))
          : []),
        ...traefikServiceFieldProblems(spec, at, deployed),
      ];
    }),
  );
}
