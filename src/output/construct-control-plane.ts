import { isMap } from '../core/is-map';
import type { Path } from '../core/problem';
import { kubeVipRules, type KubeVipRules } from '../kube-vip/versions';
import type { DeployedService, LocatedIp } from '../load-balancer/deployed';
import { embeddedIpv4, IpAddress, parseIp } from '../net/ip';
import { KUBE_VIP_IMAGE_REPOSITORY } from '../pins';
import { parseVersion, type Version } from '../semver';
import { podSpecs } from '../traefik/extra-object-rules';
import { AppObject, refOf } from './construct-app-objects';

/** An address as hosts compare it: an IPv4-mapped IPv6 spelling (`::ffff:192.168.0.41`, `::ffff:c0a8:29`) is its IPv4 address. */
export function hostIp(text: string): IpAddress | undefined {
  const ip = parseIp(text);
  const embedded = ip && embeddedIpv4(ip);
  return embedded?.kind === 'IPv4-mapped' ? parseIp(embedded.ipv4) : ip;
}

/** The control-plane VIP a construct's kube-vip DaemonSet announces, with its version and lease names (as rendered). */
export interface ControlPlaneVip {
  readonly vip: LocatedIp;
  readonly version: Version;
  readonly rules: KubeVipRules;
  /** `svc_leasename` and `vip_leasename`, when the version writes them (kube-vip/model.ts). */
  readonly svcLease?: string;
  readonly vipLease?: string;
}

/** A kube-vip container a construct renders: its version (the image tag), its env, and where it is. */
interface KubeVipContainer {
  readonly version: Version;
  readonly env: ReadonlyMap<string, unknown>;
  /** The index in `env` of the item each name's value comes from (the last of that name, as the kubelet keeps it). */
  readonly envIndex: ReadonlyMap<string, number>;
  readonly at: Path;
}

/**
 * The kube-vip containers the app's constructs render (image ghcr.io/kube-vip/kube-vip:<version>), K3sVipCluster's,
 * KubeVipChart's or a bare KubeVipDaemonSet's (69b-5). Only a construct's count (a second kube-vip is refused on its
 * own, kubeVipFindings).
 */
function* kubeVipContainers(objects: readonly AppObject[]): Generator<KubeVipContainer> {
  for (const o of objects.filter((x) => x.judged)) {
    for (const { spec, at } of podSpecs(o.object)) {
      const containers = Array.isArray(spec.containers) ? spec.containers : [];
      for (const [c, container] of containers.entries()) {
        if (!isMap(container) || typeof container.image !== 'string' || !container.image.startsWith(`${KUBE_VIP_IMAGE_REPOSITORY}:`))
          continue;
        const tag = container.image.slice(KUBE_VIP_IMAGE_REPOSITORY.length + 1);
        if (!/^v\d+\.\d+\.\d+$/.test(tag)) continue;
        const items = (Array.isArray(container.env) ? container.env : []).flatMap((e: unknown, i) => (isMap(e) ? [{ e, i }] : []));
        const env = new Map(items.map(({ e }) => [String(e.name), e.value] as const));
        const envIndex = new Map(items.map(({ e, i }) => [String(e.name), i] as const));
        yield { version: parseVersion(tag), env, envIndex, at: [`${o.file}: ${refOf(o.object)}`, ...at, 'containers', c, 'env'] };
      }
    }
  }
}

/** The kube-vip the app's constructs deploy: its version (69b-5), and how it elects Service leaders (kube-vip/model.ts env). */
export interface DeployedKubeVip {
  readonly version: string;
  /** ARP mode (`vip_arp`). */
  readonly arp: boolean;
  /** Per-Service election (`svc_election`). */
  readonly servicesElection: boolean;
}

/** The kube-vip the app's constructs deploy, if any. */
export function deployedKubeVip(objects: readonly AppObject[]): DeployedKubeVip | undefined {
  for (const { version, env } of kubeVipContainers(objects))
    return { version: version.tag, arp: env.get('vip_arp') === 'true', servicesElection: env.get('svc_election') === 'true' };
  return undefined;
}

/**
 * Round 66 (66b-9, 66b-11): the control-plane VIP of the app, read from the kube-vip DaemonSet a construct renders
 * (kube-vip/model.ts: `cp_enable` true and `address`), so the app rules judge a Service on it as the YAML door judges
 * one beside `kubeVip.controlPlane.address`.
 */
export function controlPlaneVip(objects: readonly AppObject[]): ControlPlaneVip | undefined {
  for (const { version, env, envIndex, at } of kubeVipContainers(objects)) {
    const address = env.get('address');
    if (env.get('cp_enable') !== 'true' || typeof address !== 'string') continue;
    const ip = hostIp(address);
    if (!ip) continue;
    const text = (name: string) => (typeof env.get(name) === 'string' ? (env.get(name) as string) : undefined);
    return {
      // 73a-8: env is a list; the value is that of its item named address.
      vip: { path: [...at, envIndex.get('address')!, 'value'], ip, text: address },
      version,
      rules: kubeVipRules(version),
      svcLease: text('svc_leasename'),
      vipLease: text('vip_leasename'),
    };
  }
  return undefined;
}

/**
 * A LoadBalancer Service on the control-plane VIP while the DaemonSet keeps the Services' lease apart from the API
 * server's (`svc_leasename` is not `vip_leasename`): kube-vip v1.1.0+ shares one leader only when both name one lease
 * (kube-vip PR #1426, kube-vip/model.ts), else two nodes announce the VIP. The props that set it: shareControlPlaneVip.
 */
export function splitLeaseProblem(cp: ControlPlaneVip, service: DeployedService, vip: LocatedIp): string | undefined {
  if (vip.ip.family !== cp.vip.ip.family || vip.ip.value !== cp.vip.ip.value) return undefined;
  if (!cp.rules.commonLease || !cp.svcLease || !cp.vipLease || cp.svcLease === cp.vipLease) return undefined;
  return (
    `"${vip.ip.text}" of ${service.label} is also the control-plane VIP, but the kube-vip DaemonSet (${String(cp.vip.path[0])}) ` +
    `elects Services on lease ${cp.svcLease} and the API server on ${cp.vipLease}, so two nodes would announce it (split brain): ` +
    'declare the Service in K3sVipCluster (traefik.loadBalancerIPs or loadBalancers[].ips; the cluster then shares the lease, ' +
    'as the config key kubeVip.controlPlane.address beside a Service VIP does), or set shareControlPlaneVip: true on the ' +
    'KubeVipChart (or KubeVipDaemonSet); or use another address'
  );
}
