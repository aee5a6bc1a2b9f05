import type { Path, Problem } from '../core/problem';
import { isMap } from '../core/is-map';
import { FAILOVER_SINCE, hasField, HRW_SINCE, type Deployed } from './traefik-service-fields';

type Values = Readonly<Record<string, unknown>>;

/**
 * 66b-13: a TraefikService is one load balancer. Traefik's CRD provider builds one of `weighted`, `mirroring` (and
 * `highestRandomWeight`, `failover` where the release has them), `weighted` first, and reads no other; one with none
 * is "unspecified service type": not built (traefik/traefik pkg/provider/kubernetes/crd/kubernetes.go
 * `buildTraefikService`), so every route to it serves errors. A `weighted` or `highestRandomWeight` with no services
 * builds a load balancer with nothing behind it, which answers every request with an error.
 * `failover.errors.maxRequestBodyBytes` is an int64 in the CRD (traefik/traefik-helm-chart
 * traefik/crds/traefik.io_traefikservices.yaml, v40.0.0 to v41.3.0), which the API server holds it to.
 */
export function traefikServiceShapeProblems(spec: Values, at: Path, deployed: Deployed): Problem[] {
  const kinds = [
    'weighted',
    'mirroring',
    ...(hasField(deployed, HRW_SINCE) ? ['highestRandomWeight'] : []),
    ...(hasField(deployed, FAILOVER_SINCE) ? ['failover'] : []),
  ];
  const set = kinds.filter((key) => spec[key] !== undefined && spec[key] !== null);
  const problems: Problem[] = set.slice(1).map((key) => ({
    path: [...at, key],
    message: `is a second load balancer beside ${set[0]}; a TraefikService is one of ${kinds.join(', ')}, and Traefik builds only one of them (weighted before mirroring) and ignores the other: keep one, and put the other in a TraefikService of its own`,
  }));
  if (set.length === 0)
    problems.push({
      path: at,
      message: `sets none of ${kinds.join(', ')}, so Traefik refuses it ("unspecified service type") and every route to it serves errors: write one of them`,
    });
  for (const key of ['weighted', 'highestRandomWeight'].filter((one) => set.includes(one))) {
    const services = isMap(spec[key]) ? spec[key].services : undefined;
    if (services === undefined || services === null || (Array.isArray(services) && services.length === 0))
      problems.push({
        path: [...at, key, 'services'],
        message: `${services === undefined || services === null ? 'is missing' : 'is empty'}, so the load balancer has no service behind it and answers every request with an error: list at least one service`,
      });
  }
  const errors = isMap(spec.failover) ? spec.failover.errors : undefined;
  const bytes = isMap(errors) ? errors.maxRequestBodyBytes : undefined;
  if (set.includes('failover') && bytes !== undefined && bytes !== null && !Number.isInteger(bytes))
    problems.push({
      path: [...at, 'failover', 'errors', 'maxRequestBodyBytes'],
      message: `is ${typeof bytes === 'string' ? 'a text' : `a ${Array.isArray(bytes) ? 'list' : typeof bytes}`}; the TraefikService CRD takes an integer (a number of bytes) here, so the API server refuses the object and the whole Traefik release fails: write a whole number, unquoted`,
    });
  return problems;
}
