import type { WrittenObject } from '../core/object-identity';
import { Path } from '../core/problem';
import { KUBE_VIP_CLASS } from '../kube-vip/versions';
import { IpAddress, parseIp } from '../net/ip';

/** A VIP and the key that supplied it (a first-class key or a `traefik.values` path). */
export interface LocatedIp {
  readonly path: Path;
  readonly ip: IpAddress;
  /** The address as written. */
  readonly text: string;
  /** Set where several addresses share `path` (the annotation's comma list): each one's problems are said (59b-7). */
  readonly textPart?: string;
}

/** A setting as deployed, and the key that supplied it. */
export interface Sourced<T> {
  readonly value: T;
  readonly path: Path;
}

/**
 * A Service that will exist in the cluster, whichever key made it: Traefik's own, one the Traefik chart
 * makes from `service.additionalServices`, or a `loadBalancers` entry. The rules judge these, so a
 * value is checked the same way whichever key wrote it.
 */
export interface DeployedService {
  /** Where its VIP list lives (or would): `traefik.loadBalancerIPs`, `loadBalancers[2].ips`. */
  readonly path: Path;
  /** `Traefik`, `Service default/db`: how messages name it. */
  readonly label: string;
  readonly namespace: string;
  /** The Service's name: `traefik`, `traefik-<name>` for the chart's additional Services (traefik/templates/_service.tpl). */
  readonly name: string;
  /** `spec.type`; only `LoadBalancer` Services get a VIP. */
  readonly type: Sourced<string>;
  /**
   * The type when no key writes one: ClusterIP for an additional Service of chart v40+ (traefik/chart-versions.ts).
   * @default 'LoadBalancer'
   */
  readonly typeDefault?: string;
  /** Fixed VIPs; none means one from an IP pool. */
  readonly ips: readonly LocatedIp[];
  /** Fixed VIPs were written but each was refused where it stands, so the Service is not reported as missing them. */
  readonly vipsRefused?: boolean;
  /** Ports as `port/protocol`. */
  readonly ports: readonly string[];
  /** `spec.externalTrafficPolicy` when set. */
  readonly externalTrafficPolicy?: Sourced<string>;
  /** `kube-vip.io/leaseName` as written in `traefik.values` (this tool writes it on the others). */
  readonly leaseName?: unknown;
  /** `kube-vip.io/ignore: "true"`: kube-vip skips the Service, so nothing announces its VIP. */
  readonly ignoredByKubeVip?: Sourced<unknown>;
  /** The NIC its `kube-vip.io/serviceInterface` annotation names (a valid name, not `auto`): kube-vip binds its VIPs there. */
  readonly serviceInterface?: string;
  /** `ipFamilyPolicy` as written in `traefik.values` (this tool writes RequireDualStack itself for VIPs of both families). */
  readonly ipFamilyPolicy?: Sourced<unknown>;
  /**
   * The policy the Service gets when no key writes one: K3s' bundled values give Traefik's own Service
   * PreferDualStack (k3s-io/k3s manifests/traefik.yaml `service.ipFamilyPolicy`).
   * @default - none: the API server's SingleStack
   */
  readonly defaultIpFamilyPolicy?: string;
  /** `ipFamilies` as written in `traefik.values`. */
  readonly ipFamilies?: Sourced<unknown>;
  /** A Service as an app renders it (output/construct-app-rules.ts): its families are its spec's, none written by this tool. */
  readonly familiesAsRendered?: boolean;
  /** One of the Traefik chart's `service.additionalServices`: it may be a ClusterIP, for in-cluster clients only. */
  readonly inClusterAllowed?: boolean;
  /** Annotation names a letter or a case away from `kube-vip.io/loadbalancerIPs`, which kube-vip does not read. */
  readonly misspeltVipAnnotations?: ReadonlyArray<Sourced<string>>;
  /**
   * Where a `spec.loadBalancerClass` of kube-vip's own class is written: kube-vip-cloud-provider gives such a Service no
   * pool address unless started with KUBEVIP_ENABLE_LOADBALANCERCLASS=true (79b-19).
   */
  readonly kubeVipClass?: Path;
  /** `spec.loadBalancerClass` names another controller's class: kube-vip leaves the Service to it, address and all (72a-7). */
  readonly otherControllerClass?: boolean;
}

/** The parsed address at `path`, or undefined when `text` is none (or not an address: its format check reports that). */
export function locate(path: Path, text: string | undefined): LocatedIp | undefined {
  const ip = text === undefined ? undefined : parseIp(text);
  return ip && { path, ip, text: text! };
}

/** The `loadBalancers` entries as the Services they become. */
export function loadBalancerServices(loadBalancers: ReadonlyArray<LoadBalancerEntry>): DeployedService[] {
  return loadBalancers.map((lb, i) => {
    const path = ['loadBalancers', i];
    return {
      path: [...path, 'ips'],
      label: `Service ${lb.namespace}/${lb.name}`,
      namespace: lb.namespace,
      name: lb.name,
      type: { value: 'LoadBalancer', path },
      ips: (lb.ips ?? []).map((text, j) => locate([...path, 'ips', j], text)).filter((ip): ip is LocatedIp => !!ip),
      ports: lb.ports.map((p) => `${p.port}/${p.protocol}`),
      ...(lb.loadBalancerClass !== undefined && lb.loadBalancerClass !== KUBE_VIP_CLASS && { otherControllerClass: true }),
      ...(lb.loadBalancerClass === KUBE_VIP_CLASS && { kubeVipClass: [...path, 'loadBalancerClass'] }),
      ...(lb.externalTrafficPolicy && {
        externalTrafficPolicy: { value: lb.externalTrafficPolicy, path: [...path, 'externalTrafficPolicy'] },
      }),
    };
  });
}

/** The Services LoadBalancerChart writes for the `loadBalancers` entries (core v1, as k8s.KubeService renders them). */
export function loadBalancerObjects(loadBalancers: ReadonlyArray<LoadBalancerEntry>): WrittenObject[] {
  return loadBalancers.map(({ namespace, name }, i) => ({
    apiVersion: 'v1',
    kind: 'Service',
    namespace,
    name,
    key: `loadBalancers[${i}]`,
  }));
}

/** What a `loadBalancers` entry needs to be a DeployedService. */
interface LoadBalancerEntry {
  readonly name: string;
  readonly namespace: string;
  readonly ips?: readonly string[];
  readonly ports: ReadonlyArray<{ readonly port: number; readonly protocol: string }>;
  readonly externalTrafficPolicy?: string;
  readonly loadBalancerClass?: string;
}
