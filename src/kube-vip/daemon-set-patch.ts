import { ApiObject } from 'cdk8s';
import { isMap } from '../core/is-map';
import { renderedJson } from '../core/rendered-json';

type Values = Record<string, unknown>;

/** What kube-vip's settings are: the container's image, args and env, and the pod's hostNetwork (it binds the VIPs there). */
export interface KubeVipPodSettings {
  readonly image: string;
  readonly args: readonly string[];
  readonly env: readonly unknown[];
  readonly hostNetwork: boolean;
}

const WHAT_TO_DO =
  "set kube-vip through the construct props (K3sVipCluster: kubeVip), which are held to the config's kubeVip rules; a patch " +
  'or a cdk8s resolver that changes them is not checked (other fields, e.g. resources or tolerations, may still be patched)';

/**
 * Round 71 (71d-11): the props are checked (version range, control-plane VIP outside the Service network, interface,
 * Service VIPs on), then rendered as the DaemonSet's env and image. An `addJsonPatch` or a cdk8s resolver (App
 * `resolvers`, applied by `ApiObject.toJson()`) could re-point the VIP, downgrade kube-vip or set `svc_enable=false`
 * where no rule looks: each setting rendered otherwise than checked is one finding, said without its value, as a patch of
 * Traefik's checked values is (traefik/values-patch.ts). An object cdk8s cannot render is the construct gate's.
 */
export function kubeVipPatchProblems(object: ApiObject, checked: KubeVipPodSettings): string[] {
  const rendered = renderedJson(object);
  if (rendered === undefined) return [];
  const pod = isMap(rendered) && isMap(rendered.spec) && isMap(rendered.spec.template) ? rendered.spec.template.spec : undefined;
  const containers = isMap(pod) && Array.isArray(pod.containers) ? pod.containers : [];
  const container: Values = containers.find((c): c is Values => isMap(c) && c.name === 'kube-vip') ?? {};
  const changed: string[] = [];
  if (!sameData(container.image, checked.image)) changed.push('containers[kube-vip].image');
  if (!sameData(container.args, checked.args)) changed.push('containers[kube-vip].args');
  if (!sameData(container.env, checked.env)) changed.push('containers[kube-vip].env');
  if (!sameData(isMap(pod) ? pod.hostNetwork : undefined, checked.hostNetwork)) changed.push('hostNetwork');
  return changed.map((at) => `spec.template.spec.${at} was changed after this construct checked the kube-vip settings: ${WHAT_TO_DO}`);
}

/** Equal as data, key order aside (cdk8s renders the env's keys in its own order). */
function sameData(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b))
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameData(item, b[i]));
  if (isMap(a) || isMap(b)) {
    if (!isMap(a) || !isMap(b)) return false;
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && sameData(a[key], b[key]));
  }
  return a === b;
}
