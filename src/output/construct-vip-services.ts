import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { isMap } from '../core/is-map';
import { blankedPath } from './construct-render';
import { judgedByCaller } from './construct-gate';

/**
 * What decides whether and where kube-vip announces a Service: its type, its `kube-vip.io/` annotations (the VIPs,
 * the lease), `spec.loadBalancerIP(s)` and `spec.loadBalancerClass` (kube-vip-cloud-provider and kube-vip read these).
 */
function vipFields(object: ApiObject): string | undefined {
  let json: unknown;
  try {
    json = object.toJson();
  } catch {
    return undefined; // an object cdk8s cannot render is the construct gate's (construct-render.ts)
  }
  if (!isMap(json) || json.apiVersion !== 'v1' || json.kind !== 'Service') return undefined;
  const spec = isMap(json.spec) ? json.spec : {};
  const annotations = isMap(json.metadata) && isMap(json.metadata.annotations) ? json.metadata.annotations : {};
  const kubeVip = Object.entries(annotations).filter(([key]) => key.startsWith('kube-vip.io/'));
  return JSON.stringify([spec.type, kubeVip, spec.loadBalancerIP, spec.loadBalancerIPs, spec.loadBalancerClass]);
}

/** The constructs whose VIP Services are guarded: one inside another is left to the outer one. */
const guarded = new WeakSet<IConstruct>();

/**
 * Round 63 (attack 63b-1, t10): a K3sVipCluster judges every VIP it serves together (one Service per VIP and port,
 * the VIPs' networks, the shared leases), from its props. A LoadBalancer Service added under it later (a plain
 * `ApiObject`, another construct) or a patch (`addJsonPatch`) of the VIP fields of one it made would be announced by
 * kube-vip unchecked, e.g. a second Service on Traefik's VIP and port 443. Called at the end of the constructor: it
 * remembers the Services made there and returns the validation that refuses such a change, by object path, as
 * `extraObjects` refuses a LoadBalancer Service. The VIPs themselves are not shown.
 */
export function vipServicesUnchanged(
  cluster: IConstruct,
  owner = 'cluster',
  instead = 'declare the Service in loadBalancers[] (its VIP in ips) or Traefik in traefik, not as an object or patch',
): () => string[] {
  // Under synth the config's own rules judged every VIP, and nothing patches its objects: no renders (each validation
  // rendered every object of the cluster again, once per chart: a third of a 20-cluster synth's time).
  if (judgedByCaller(cluster)) return () => [];
  guarded.add(cluster);
  const objects = () => cluster.node.findAll().filter((child): child is ApiObject => ApiObject.isApiObject(child));
  const made = new Map(objects().map((object) => [object, vipFields(object)]));
  // A LoadBalancerService inside a cluster is judged by the cluster's validation (one message per change).
  const judgedAbove = () => cluster.node.scopes.slice(0, -1).some((scope) => guarded.has(scope));
  return () =>
    judgedAbove()
      ? []
      : objects().flatMap((object) => {
          const fields = vipFields(object);
          if (fields === undefined || (made.has(object) && made.get(object) === fields)) return [];
          const [type] = JSON.parse(fields) as [unknown];
          if (!made.has(object) && type !== 'LoadBalancer') return [];
          const what = made.has(object)
            ? `is a Service this ${owner} made, whose VIP fields (type, kube-vip.io/ annotations, loadBalancerIP, loadBalancerClass) a patch changed`
            : `is a LoadBalancer Service added under this ${owner}, which kube-vip would serve`;
          return [
            `${blankedPath(object)} ${what}, and so escapes this tool's VIP checks (one Service per VIP and port, the VIP's network, ` +
              `the shared lease): ${instead}`,
          ];
        });
}
