import { formatPath, Path, Problem, shownValue } from '../core/problem';
import { DeployedService, LocatedIp, locate, Sourced } from '../load-balancer/deployed';
import { LEASE_NAME_ANNOTATION, leaseNameProblem } from '../kube-vip/shared-lease';
import { foreignClassMessage, kubeVipRules } from '../kube-vip/versions';
import * as format from '../config/formats';
import { parseVersion } from '../semver';
import { goTruthy } from './go-truth';
import {
  isTemplated,
  joinedAnnotations,
  KUBE_VIP_CLASS,
  misspeltVipAnnotations,
  OwnAnnotations,
  SERVICE_INTERFACE_ANNOTATION,
  serviceInterfaceProblem,
  unreadVipAnnotation,
  valueAt,
  VIP_ANNOTATION,
} from './service-facts';

/** kube-vip skips a Service with this annotation "true" (kube-vip/kube-vip pkg/manager/watch_services.go). */
const IGNORE_ANNOTATION = 'kube-vip.io/ignore';

type Values = Record<string, unknown>;

/** What the model knows of one Service the chart renders, for reading it back from the values. */
export interface ServiceContext {
  readonly label: string;
  readonly name: string;
  readonly vipPath: Path;
  readonly prefix: Path;
  readonly typeKey: readonly string[];
  /**
   * The type the chart renders when `typeKey` is unset: ClusterIP for an additional Service from chart v40
   * (chart-versions.ts `additionalServiceType`).
   * @default 'LoadBalancer'
   */
  readonly typeDefault?: string;
  /** Where the Service's own fields (`ipFamilyPolicy`, `ipFamilies`) are read, under the block. */
  readonly fieldKeys: ReadonlyArray<readonly string[]>;
  readonly sourced: <T>(path: readonly string[], fallback: T, fallbackPath?: Path) => Sourced<T>;
  readonly badVips: Problem[];
  readonly ports: readonly string[];
  readonly firstClassIps?: readonly string[];
  /** The kube-vip release that reads the Service: before v0.5.12 it ignores the VIP annotation. */
  readonly kubeVipVersion: string;
  /**
   * Traefik's own Service (and its `-udp` one): its VIP has a first-class key, and K3s' bundled values give it
   * `ipFamilyPolicy: PreferDualStack` (k3s-io/k3s manifests/traefik.yaml).
   * @default false: one of `service.additionalServices`
   */
  readonly traefikOwn?: boolean;
}

/**
 * One Service the chart renders from a `service`-shaped block at `at` (its TCP Service, or with `own`
 * annotationsUDP its `-udp` one), with the VIPs its joined annotations or its spec ask for.
 */
export function chartService(
  block: Values,
  at: readonly string[],
  context: ServiceContext,
  own: OwnAnnotations = 'annotationsTCP',
): DeployedService {
  const { sourced } = context;
  const annotations = joinedAnnotations(block, own);
  const annotation = annotations.map[VIP_ANNOTATION];
  const annotationPath = [...at, annotations.from(VIP_ANNOTATION), VIP_ANNOTATION];
  let ips: LocatedIp[] = [];
  // A VIP source written whose addresses were all refused where they stand: the Service is not missing its VIPs.
  let refusedVips = false;
  // Where the VIP list lives: the first-class key, or the annotation or spec field that gave the addresses.
  let vipPath = context.vipPath;
  // kube-vip before v0.5.12 reads only spec.loadBalancerIP: the annotation is refused and not counted.
  const unread = annotation === undefined ? undefined : unreadVipAnnotation(context.kubeVipVersion, !!context.traefikOwn);
  // Its own line says so: the Service is then not also "missing" the annotation written there (79b-6).
  if (unread) {
    context.badVips.push({ path: sourced(annotationPath, '').path, message: unread });
    refusedVips = true;
  }
  const written = context.typeDefault
    ? sourced([...at, ...context.typeKey], context.typeDefault, [...context.prefix, 'values', ...at, ...context.typeKey])
    : sourced([...at, ...context.typeKey], 'LoadBalancer', context.prefix);
  // Up to v39 the chart writes `type: {{ default "LoadBalancer" .service.type }}` (templates/_service.tpl): sprig's
  // default replaces an empty type (`""`, false, 0) with LoadBalancer (attack round 33b-13).
  const type = !context.typeDefault && !goTruthy(written.value) ? { ...written, value: 'LoadBalancer' } : written;
  // Traefik's own Service has these rules in pod-rules.ts (next to its first-class VIPs); the UDP half shares the block.
  if (!context.traefikOwn && own === 'annotationsTCP' && type.value === 'LoadBalancer') {
    context.badVips.push(...additionalVipProblems(block, at, context, annotation !== undefined && !unread ? annotationPath : undefined));
  }
  if (context.firstClassIps?.length) {
    ips = context.firstClassIps
      .map((text, i) => locate([...context.prefix, 'loadBalancerIPs', i], text))
      .filter((ip): ip is LocatedIp => !!ip);
  } else if (isTemplated(annotation)) {
    // Refused where the model is built (templatedKubeVipAnnotations): no VIP can be read from it.
  } else if (typeof annotation === 'string' && !unread) {
    const path = sourced(annotationPath, '').path;
    for (const text of annotation.split(',').map((entry) => entry.trim())) {
      const problem = format.virtualIp(text);
      // Each item's problems are said, as for a list of first-class keys (59b-7).
      if (problem) context.badVips.push({ path, message: problem, textPart: text });
      else ips.push({ ...locate(path, text)!, textPart: text });
      refusedVips ||= !!problem;
    }
    if (ips.length) vipPath = path;
  } else {
    const loadBalancerIP = valueAt(block, ['spec', 'loadBalancerIP']);
    const path = sourced([...at, 'spec', 'loadBalancerIP'], '').path;
    if (loadBalancerIP !== undefined) {
      const problem =
        typeof loadBalancerIP === 'string' ? format.virtualIp(loadBalancerIP) : `${shownValue(loadBalancerIP)} is not an address`;
      if (problem) context.badVips.push({ path, message: problem });
      else [ips, vipPath] = [[locate(path, loadBalancerIP as string)!], path];
      refusedVips = !!problem;
    }
  }
  const policy = valueAt(block, ['spec', 'externalTrafficPolicy']);
  // The TCP Service merges annotationsTCP over annotations, the UDP one annotationsUDP (traefik/templates/service.yaml).
  // The UDP Service's copy is judged with the TCP one (each map once).
  const ignoreKey = (own === 'annotationsTCP' ? ['annotationsTCP', 'annotationsUDP', 'annotations'] : []).find((key) => {
    const value = valueAt(block, [key, IGNORE_ANNOTATION]);
    return value === 'true' || value === true;
  });
  // A value the generator wrote is judged by the first-class rules (k3s/dual-stack-rules.ts); the user's by the Service rules.
  const field = (key: string) => {
    const path = context.fieldKeys.map((keys) => [...at, ...keys, key]).find((p) => valueAt(block, p.slice(at.length)) !== undefined);
    const found = path && sourced(path, undefined);
    return found && found.path.includes('values') ? found : undefined;
  };
  const ipFamilyPolicy = field('ipFamilyPolicy');
  const ipFamilies = field('ipFamilies');
  const misspelt = misspeltVipAnnotations(annotations.map).map((key) => ({
    value: key,
    path: sourced([...at, annotations.from(key), key], key).path,
  }));
  // 79b-13: the interface kube-vip binds this Service's VIP to, held to kubeVip.interface's rule (the UDP Service judges its own map only).
  let serviceInterface: string | undefined;
  if (Object.hasOwn(annotations.map, SERVICE_INTERFACE_ANNOTATION)) {
    const from = annotations.from(SERVICE_INTERFACE_ANNOTATION);
    const value = annotations.map[SERVICE_INTERFACE_ANNOTATION];
    const problem = serviceInterfaceProblem(value, context.kubeVipVersion);
    if (problem && (own === 'annotationsTCP' || from === own)) {
      context.badVips.push({ path: sourced([...at, from, SERVICE_INTERFACE_ANNOTATION], '').path, message: problem });
    }
    if (!problem && typeof value === 'string' && value !== '' && value !== 'auto') serviceInterface = value;
  }
  const leaseName = annotations.map[LEASE_NAME_ANNOTATION];
  // A lease the user wrote in the values is held to the rules of the first-class leaseName; the UDP Service
  // judges only its own annotationsUDP (the shared map is judged with the TCP one).
  const leasePath = sourced([...at, annotations.from(LEASE_NAME_ANNOTATION), LEASE_NAME_ANNOTATION], undefined).path;
  if (typeof leaseName === 'string' && leasePath.includes('values') && (own === 'annotationsTCP' || leasePath.includes(own))) {
    // A malformed kube-vip version is refused by its own rule.
    const version = context.kubeVipVersion;
    const problem = format.version(version)
      ? undefined
      : leaseNameProblem(leaseName, policy === 'Local' ? 'Local' : undefined, version, kubeVipRules(parseVersion(version)));
    if (problem) context.badVips.push({ path: leasePath, message: problem });
  }
  // 79b-19: kube-vip's own class, which kube-vip-cloud-provider's pool skips (load-balancer/rules.ts warns).
  const classKeys = context.fieldKeys.find((keys) => valueAt(block, [...keys, 'loadBalancerClass']) === KUBE_VIP_CLASS);
  const kubeVipClass = classKeys && sourced([...at, ...classKeys, 'loadBalancerClass'], '').path;
  return {
    path: vipPath,
    label: context.label,
    namespace: 'kube-system',
    name: context.name,
    type,
    ...(context.typeDefault && { typeDefault: context.typeDefault }),
    ips,
    ports: context.ports,
    ...(typeof policy === 'string' && { externalTrafficPolicy: sourced([...at, 'spec', 'externalTrafficPolicy'], policy) }),
    ...(leaseName !== undefined && { leaseName }),
    ...(ignoreKey && { ignoredByKubeVip: sourced([...at, ignoreKey, IGNORE_ANNOTATION], true) }),
    ...(serviceInterface && { serviceInterface }),
    ...(ipFamilyPolicy && { ipFamilyPolicy }),
    ...(context.traefikOwn && { defaultIpFamilyPolicy: 'PreferDualStack' }),
    ...(!context.traefikOwn && { inClusterAllowed: true }),
    ...(ipFamilies && { ipFamilies }),
    ...(misspelt.length && { misspeltVipAnnotations: misspelt }),
    ...(refusedVips && { vipsRefused: true }),
    ...(kubeVipClass && { kubeVipClass }),
  };
}

/**
 * What keeps kube-vip from announcing the VIP of an additional LoadBalancer Service, as on Traefik's own: another
 * `loadBalancerClass` (kube-vip skips the Service, pkg/manager/watch_services.go), and `spec.loadBalancerIP` next to
 * the VIP annotation (`annotationPath`), of which kube-vip reads only the annotation.
 */
function additionalVipProblems(
  block: Values,
  at: readonly string[],
  context: ServiceContext,
  annotationPath?: readonly string[],
): Problem[] {
  const problems: Problem[] = [];
  for (const keys of context.fieldKeys) {
    const lbClass = valueAt(block, [...keys, 'loadBalancerClass']);
    if (lbClass === undefined || lbClass === null || lbClass === KUBE_VIP_CLASS) continue;
    problems.push({
      path: context.sourced([...at, ...keys, 'loadBalancerClass'], '').path,
      message: foreignClassMessage(shownValue(lbClass), context.label),
    });
  }
  if (annotationPath && isLoadBalancerIpSet(valueAt(block, ['spec', 'loadBalancerIP']))) {
    const vips = formatPath(context.sourced(annotationPath, '').path);
    problems.push({
      path: context.sourced([...at, 'spec', 'loadBalancerIP'], '').path,
      message: secondVipSourceMessage(vips),
    });
  }
  return problems;
}

/**
 * Whether `spec.loadBalancerIP` holds an address: `""` is the field's zero value, the same as leaving it out
 * (kubernetes/api core/v1/types.go ServiceSpec: `json:"loadBalancerIP,omitempty"`), and null leaves it out too.
 */
export function isLoadBalancerIpSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/** `spec.loadBalancerIP` beside the VIP list at `vips`: also said of a LoadBalancer Service beside a K3sVipCluster (71b-14). */
export function secondVipSourceMessage(vips: string): string {
  return `is a second VIP source next to ${vips}, and kube-vip reads only one of them: remove the key and list the VIPs in ${vips}`;
}
