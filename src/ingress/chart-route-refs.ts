import type { Path, Problem } from '../core/problem';
import { isMap } from '../core/is-map';
import { compareVersions, parseVersion } from '../semver';
import { chartIngressRoutes } from '../traefik/extra-objects';
import { routeBackendProblems } from './route-backends';
import { backendValueProblems } from './crd-backend-values';
import { ingressRouteBackendFieldProblems, type Deployed } from './traefik-service-fields';

type Values = Readonly<Record<string, unknown>>;

/** The chart tag whose templates/ingressroute.yaml renders any `ingressRoute.<name>` (v29 had only dashboard and healthcheck). */
const ANY_NAME = parseVersion('30.0.0');

/**
 * 66b-3: the chart's own `ingressRoute.<name>` is an IngressRoute too: traefik/traefik-helm-chart
 * templates/ingressroute.yaml (v30.0.0 to v41.3.0) writes `services` and `middlewares` with toYaml into its one route,
 * and templates/dashboard-ingressroute.yaml and healthcheck-ingressroute.yaml (v22 to v29) write `middlewares` (their
 * service is the fixed `api@internal`/`ping@internal`). So they get the rules an `extraObjects` IngressRoute route gets
 * (route-backends.ts: Service name, port, namespace, middleware name) and the CRD's backend fields: the IngressRoute
 * CRD's `routes[].services[]` has the same fields as a TraefikService's `weighted.services[]` at every tag read (v30.0.0,
 * v37.1.0, v39.0.7, v41.3.0: traefik/crds/traefik.io_ingressroutes.yaml and traefik.io_traefikservices.yaml), so
 * traefik-service-fields.ts and crd-backend-values.ts judge their fields and values against the deployed chart's CRD. A middleware reference has `name` and
 * `namespace` only.
 */
export function chartRouteRefProblems(values: Values, prefix: Path, deployed: Deployed): Problem[] {
  const anyName = compareVersions(deployed.chart, ANY_NAME) >= 0;
  return chartIngressRoutes(values).flatMap(([name, config]): Problem[] => {
    if (!anyName && name !== 'dashboard' && name !== 'healthcheck') return [];
    const at = [...prefix, 'values', 'ingressRoute', name];
    const route = anyName ? config : { middlewares: config.middlewares };
    const services = anyName && Array.isArray(config.services) ? config.services : [];
    const fields = services.flatMap((ref, k): Problem[] => [
      ...ingressRouteBackendFieldProblems(ref, [...at, 'services', k], deployed),
      ...backendValueProblems(ref, [...at, 'services', k], deployed.chart, 'IngressRoute'),
    ]);
    const middlewares: unknown[] = Array.isArray(config.middlewares) ? config.middlewares : [];
    const extra = middlewares.flatMap((ref, i): Problem[] =>
      isMap(ref)
        ? Object.keys(ref)
            .filter((key) => key !== 'name' && key !== 'namespace')
            .map((key) => ({
              path: [...at, 'middlewares', i, key],
              message:
                "is not a field of an IngressRoute's middleware reference (traefik.io_ingressroutes.yaml: name, namespace), so the API server drops it and Traefik never reads it: write name and, if needed, namespace",
            }))
        : [],
    );
    return [...routeBackendProblems(route, at), ...fields, ...extra];
  });
}
