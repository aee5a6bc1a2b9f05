import { editDistance } from '../core/closest';
import { Path } from '../core/problem';
import { serviceSubject } from '../core/service-subject';
import * as format from '../config/formats';
import { KUBE_VIP_CLASS, kubeVipRules } from '../kube-vip/versions';
import { parseVersion } from '../semver';
import { renderedObjects, renderedObjectsAt } from './extra-objects';
import { isMap } from '../core/is-map';

/** kube-vip's Service VIP annotation (pkg/kubevip/annotations.go, from v0.5.12): read by exact name only. */
export const VIP_ANNOTATION = 'kube-vip.io/loadbalancerIPs';
export { KUBE_VIP_CLASS };

type Values = Record<string, unknown>;

/** The value at `path` in nested maps, or undefined. */
export function valueAt(values: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((node, key) => (isMap(node) && Object.hasOwn(node, key) ? node[key] : undefined), values);
}

/**
 * Annotation names that look like kube-vip's VIP annotation but are not it (another case, a missing or
 * extra letter, `_` for `-`): kube-vip matches the name exactly, so such a Service gets no VIP from it, without a word.
 */
export function misspeltVipAnnotations(annotations: unknown): string[] {
  if (!isMap(annotations)) return [];
  const target = VIP_ANNOTATION.toLowerCase();
  return Object.keys(annotations).filter(
    (key) => key !== VIP_ANNOTATION && editDistance(key.toLowerCase().replace(/_/g, '-'), target) <= 2,
  );
}

/** What a misspelt VIP annotation on the Service `label` (serviceSubject's words) costs, said alike at every door. */
export function misspeltVipAnnotationProblem(label: string): string {
  return (
    `is not an annotation kube-vip reads (it matches the name exactly), so ${serviceSubject(label)} gets no VIP from it: ` +
    `did you mean ${VIP_ANNOTATION}?`
  );
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
    if (typeof item === 'string' && !renderedObjects(item).length) {
      // A text that does not read cleanly: judged by its words.
      const service =
        /\bkind:\s*["']?Service["']?\s*(?:[,}\n]|$)/.test(item) && /\btype:\s*["']?LoadBalancer["']?\s*(?:[,}\n]|$)/.test(item);
      return service ? [{ path, name: `extraObjects[${i}]` }] : [];
    }
    // 76b-1: a List's items too, each where it sits (a text item is said at the item).
    return renderedObjectsAt(item).flatMap(({ object, at }) =>
      loadBalancerService(object, typeof item === 'string' ? path : [...path, ...at], i),
    );
  });
}

/** The object as a LoadBalancer Service kube-vip would serve, if it is one. */
function loadBalancerService(item: Values, path: Path, i: number): ExtraObjectService[] {
  if (item.kind !== 'Service') return [];
  const spec = isMap(item.spec) ? item.spec : {};
  if (spec.type !== 'LoadBalancer') return [];
  if (spec.loadBalancerClass !== undefined && spec.loadBalancerClass !== null && spec.loadBalancerClass !== KUBE_VIP_CLASS) return [];
  const metadata = isMap(item.metadata) ? item.metadata : {};
  const name = typeof metadata.name === 'string' ? metadata.name : `extraObjects[${i}]`;
  return [{ path, name: typeof metadata.namespace === 'string' ? `${metadata.namespace}/${name}` : name }];
}

/** The annotation map the chart joins over `annotations` for each of a block's two Services. */
export type OwnAnnotations = 'annotationsTCP' | 'annotationsUDP';

/**
 * The annotations one Service of a `service`-shaped block carries: `annotations`, with `annotationsTCP`
 * (the TCP Service) or `annotationsUDP` (the `-udp` Service) over them. Every chart v20.1.1 to v41.3.0
 * joins them so (traefik/traefik-helm-chart traefik/templates/service.yaml: `merge .Values.service.annotationsTCP
 * .Values.service.annotations` at v20.1.1, `merge dict (default dict $service.annotationsTCP) (default dict
 * $service.annotations)` from v27, for additional Services too; sprig's merge keeps the first map's value).
 * `from` names the block key that supplied an annotation.
 */
export function joinedAnnotations(block: Values, own: OwnAnnotations): { readonly map: Values; readonly from: (name: string) => string } {
  const shared = isMap(block.annotations) ? block.annotations : {};
  const mine = isMap(block[own]) ? (block[own] as Values) : {};
  return {
    map: { ...shared, ...mine },
    from: (name) => (Object.hasOwn(mine, name) ? own : 'annotations'),
  };
}

/** kube-vip's annotations all share this prefix (kube-vip/kube-vip pkg/kubevip/annotations.go). */
const KUBE_VIP_PREFIX = 'kube-vip.io/';

/** Why a rule refuses a templated value it must read. */
export const TEMPLATED =
  'holds a Helm template ({{ ... }}), a value Helm would compute at install time, which the rules that read this key cannot judge';

/** Whether a text holds a Helm template action, which the chart may render at install time. */
export const isTemplated = (value: unknown): boolean => typeof value === 'string' && value.includes('{{');

/**
 * kube-vip annotations of a `service`-shaped block (at `at` below the values) whose value is a Helm
 * template: from chart v40 the chart renders every Service annotation value through `tpl`
 * (traefik/templates/service.yaml `tpl (toYaml .) $`), so what kube-vip reads is only known at install time.
 */
export function templatedKubeVipAnnotations(block: Values, at: readonly string[]): string[][] {
  return (['annotations', 'annotationsTCP', 'annotationsUDP'] as const).flatMap((key) => {
    const map = block[key];
    if (!isMap(map)) return [];
    return Object.keys(map)
      .filter((name) => name.toLowerCase().startsWith(KUBE_VIP_PREFIX) && isTemplated(map[name]))
      .map((name) => [...at, key, name]);
  });
}

/** Whether the block's annotations carry any kube-vip annotation. */
export function hasKubeVipAnnotation(map: unknown): boolean {
  return isMap(map) && Object.keys(map).some((name) => name.toLowerCase().startsWith(KUBE_VIP_PREFIX));
}

/**
 * Why kube-vip `kubeVipVersion` gets no VIP from the `kube-vip.io/loadbalancerIPs` annotation, or undefined when
 * it reads it: before v0.5.12 kube-vip reads only `spec.loadBalancerIP` (kube-vip PR #528 added the annotation;
 * the table in kube-vip/versions.ts). `main`: Traefik's own Service, whose VIP has a first-class key.
 */
export function unreadVipAnnotation(kubeVipVersion: string, main: boolean): string | undefined {
  // A malformed version is refused by its own rule.
  if (format.version(kubeVipVersion) || kubeVipRules(parseVersion(kubeVipVersion)).loadBalancerIPsAnnotation) return undefined;
  const instead = main
    ? 'give the VIP in traefik.loadBalancerIPs (this tool writes spec.loadBalancerIP for this kube-vip)'
    : "write one address as the same Service's spec.loadBalancerIP";
  return (
    `kube-vip ${kubeVipVersion} does not read this annotation (kube-vip reads it from v0.5.12; before, only ` +
    `spec.loadBalancerIP), so the Service would get no VIP from it: ${instead}, or use kube-vip v0.5.12 or later`
  );
}

/** kube-vip binds a Service's VIP to the interface this annotation names (pkg/kubevip/annotations.go `ServiceInterface`). */
export const SERVICE_INTERFACE_ANNOTATION = 'kube-vip.io/serviceInterface';

/**
 * Why `kube-vip.io/serviceInterface: <value>` binds no VIP as meant on kube-vip `kubeVipVersion`, or undefined (79b-13):
 * the interface-name rule of `kubeVip.interface`, a value that is no text, or a kube-vip that does not read it (none
 * before v0.8.0, `auto` only from v0.8.5: kube-vip/versions.ts).
 */
export function serviceInterfaceProblem(value: unknown, kubeVipVersion: string): string | undefined {
  if (typeof value !== 'string')
    return `is ${JSON.stringify(value) ?? typeof value}, not an interface name: write the name as text, e.g. "eth1"`;
  if (value === '')
    return 'is empty, so kube-vip binds the VIP to kubeVip.interface as without it: remove the annotation, or name an interface';
  if (value !== 'auto') {
    const problem = format.interfaceName(value);
    // Review 79-8: interfaceName's `$(` reason is about kube-vip's env; an annotation is no env value, and no NIC is named so.
    if (problem && value.includes('$(')) return 'holds "$(", which no Linux interface name does: name an interface, e.g. "eth1"';
    if (problem) return problem;
  }
  // A malformed version is refused by its own rule.
  if (format.version(kubeVipVersion)) return undefined;
  const read = kubeVipRules(parseVersion(kubeVipVersion)).serviceInterfaceAnnotation;
  if (read === 'none') {
    return (
      `kube-vip ${kubeVipVersion} does not read this annotation (kube-vip reads it from v0.8.0), so the VIP is bound to ` +
      'kubeVip.interface: remove the annotation, or use kube-vip v0.8.0 or later'
    );
  }
  if (value === 'auto' && read === 'name') {
    return (
      `is "auto", which kube-vip ${kubeVipVersion} takes as the name of an interface (it detects the interface from v0.8.5), ` +
      'so the VIP is never bound: name the interface, or use kube-vip v0.8.5 or later'
    );
  }
  return undefined;
}
