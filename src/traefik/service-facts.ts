import { Path } from '../core/problem';

/** kube-vip's Service VIP annotation (pkg/kubevip/annotations.go, from v0.5.12): read by exact name only. */
export const VIP_ANNOTATION = 'kube-vip.io/loadbalancerIPs';
/** kube-vip's own LoadBalancer class (default of `lb_class_name`, kube-vip/kube-vip cmd/kube-vip.go). */
const KUBE_VIP_CLASS = 'kube-vip.io/kube-vip-class';

type Values = Record<string, unknown>;
const isMap = (value: unknown): value is Values => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Edit distance of two short texts (insertions, deletions, substitutions). */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length];
}

/**
 * Annotation names that look like kube-vip's VIP annotation but are not it (another case, a missing or
 * extra letter, `_` for `-`): kube-vip matches the name exactly, so such a Service gets no VIP from it, without a word.
 */
export function misspeltVipAnnotations(annotations: unknown): string[] {
  if (!isMap(annotations)) return [];
  const target = VIP_ANNOTATION.toLowerCase();
  return Object.keys(annotations).filter((key) => key !== VIP_ANNOTATION && distance(key.toLowerCase().replace(/_/g, '-'), target) <= 2);
}

/** A LoadBalancer Service in the chart's `extraObjects` that kube-vip would serve. */
export interface ExtraObjectService {
  readonly path: Path;
  /** `default/evil`, or the item's index when it has no readable name. */
  readonly name: string;
}

/**
 * The LoadBalancer Services kube-vip would serve among the chart's `extraObjects` (rendered as they are,
 * a map or a template text, traefik/templates/extra-objects.yaml): none with another `loadBalancerClass`.
 */
export function extraObjectServices(values: Values, prefix: Path): ExtraObjectService[] {
  const items = Array.isArray(values.extraObjects) ? values.extraObjects : [];
  return items.flatMap((item, i): ExtraObjectService[] => {
    const path = [...prefix, 'values', 'extraObjects', i];
    if (typeof item === 'string') {
      // A template text: judged by its words, since its values are only known to Helm.
      const service =
        /\bkind:\s*["']?Service["']?\s*(?:[,}\n]|$)/.test(item) && /\btype:\s*["']?LoadBalancer["']?\s*(?:[,}\n]|$)/.test(item);
      return service ? [{ path, name: `extraObjects[${i}]` }] : [];
    }
    if (!isMap(item) || item.kind !== 'Service') return [];
    const spec = isMap(item.spec) ? item.spec : {};
    if (spec.type !== 'LoadBalancer') return [];
    if (spec.loadBalancerClass !== undefined && spec.loadBalancerClass !== null && spec.loadBalancerClass !== KUBE_VIP_CLASS) return [];
    const metadata = isMap(item.metadata) ? item.metadata : {};
    const name = typeof metadata.name === 'string' ? metadata.name : `extraObjects[${i}]`;
    return [{ path, name: typeof metadata.namespace === 'string' ? `${metadata.namespace}/${name}` : name }];
  });
}
