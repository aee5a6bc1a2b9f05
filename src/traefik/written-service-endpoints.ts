import type { WrittenObject } from '../core/object-identity';
import { isMap } from '../core/is-map';
import { apiGroup } from '../validate/kinds';

type Values = Readonly<Record<string, unknown>>;

/**
 * 82a-19: an EndpointSlice (labelled `kubernetes.io/service-name`) or Endpoints (of the Service's own name) that joins
 * a Service this tool writes for the config (the `loadBalancers` Services, src/cluster/written-objects.ts): its
 * addresses become backends behind that Service's VIP, as extra-object-takeovers.ts refuses for the chart's Services,
 * in the same words. `namespace` is where the item lands.
 */
export function writtenServiceEndpointsProblem(object: Values, namespace: string, written: readonly WrittenObject[]): string | undefined {
  const { apiVersion, kind } = object;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined;
  const metadata = isMap(object.metadata) ? object.metadata : {};
  const labels = isMap(metadata.labels) ? metadata.labels : {};
  const group = apiGroup(apiVersion);
  const service =
    kind === 'EndpointSlice' && group === 'discovery.k8s.io'
      ? labels['kubernetes.io/service-name']
      : kind === 'Endpoints' && group === ''
        ? metadata.name
        : undefined;
  const joined = written.find((w) => w.kind === 'Service' && w.apiVersion === 'v1' && w.namespace === namespace && w.name === service);
  if (!joined) return undefined;
  return (
    `is an ${kind} (of Service ${namespace}/${joined.name}, which ${joined.key} writes) that adds backends to a Service this tool ` +
    'or the chart owns, behind its VIP, which this tool cannot judge: give your backends a Service of their own'
  );
}
