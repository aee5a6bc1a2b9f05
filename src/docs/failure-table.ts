import { NodeInventory } from '../k3s/inventory';
import { etcdQuorum } from '../k3s/inventory';
import { ClusterConfig } from '../config/schema';
import { kubeVipRules } from '../kube-vip/versions';
import { parseVersion } from '../semver';

/** What one node failure does to one part of the request path. */
export interface FailureRow {
  readonly part: string;
  readonly effect: string;
  readonly duration: string;
  /** The part is down until the failed node returns (or for minutes): a single point of failure. */
  readonly singlePoint: boolean;
}

/**
 * Kubernetes marks a silent node NotReady after the kube-controller-manager's node-monitor-grace-period:
 * 40 s up to Kubernetes 1.31, 50 s from 1.32 (kubernetes/kubernetes PR #124772). Then pods tolerate the
 * `unreachable` taint for 300 s (DefaultTolerationSeconds admission plugin) before they are evicted.
 */
const NOT_READY = '40–50 s';
const EVICTION_SECONDS = 300;

/**
 * One row per part of the request path for "one node fails", computed from the config: kube-vip's lease
 * timings for its version, the server count (when the inventory is known), Traefik's replicas and where
 * its certificates live.
 */
export function failureRows(config: ClusterConfig, inventory?: NodeInventory): FailureRow[] {
  const { kubeVip, traefik } = config;
  const { lease } = kubeVipRules(parseVersion(kubeVip.version));
  const vipMove =
    kubeVip.mode === 'bgp'
      ? {
          effect: "every control-plane node announces it; routers drop the failed node's route",
          duration: "until the router's BGP hold timer expires",
        }
      : {
          effect: 'another node takes the kube-vip lease and answers ARP for it',
          duration:
            `up to ${lease.duration + lease.retryPeriod} s ` +
            `(kube-vip ${kubeVip.version}: lease ${lease.duration} s, retry every ${lease.retryPeriod} s)`,
        };
  const rows: FailureRow[] = [];
  if (kubeVip.controlPlane) rows.push({ part: `API VIP ${kubeVip.controlPlane.address}`, ...vipMove, singlePoint: false });
  rows.push(etcdRow(config, inventory));
  rows.push({ part: `Traefik VIP ${traefik.loadBalancerIPs?.join(', ') ?? '(from the IP pool)'}`, ...vipMove, singlePoint: false });
  rows.push(traefikPodsRow(config));
  rows.push(certificatesRow(config));
  for (const lb of config.loadBalancers) {
    rows.push({
      part: `VIP ${lb.ips?.join(', ') ?? '(from the IP pool)'} of Service ${lb.namespace}/${lb.name}`,
      effect: `${vipMove.effect}; its pods are up to the workload`,
      duration: vipMove.duration,
      singlePoint: false,
    });
  }
  return rows;
}

function etcdRow(config: ClusterConfig, inventory?: NodeInventory): FailureRow {
  const part = 'etcd quorum (K3s servers)';
  if (!inventory) {
    return {
      part,
      effect: `unknown: the config lists no servers; ${
        config.kubeVip.controlPlane ? 'with 3 or more servers one may fail' : 'a single server takes the API down with it'
      }`,
      duration: 'n/a',
      singlePoint: false,
    };
  }
  const { servers } = inventory;
  const quorum = etcdQuorum(servers);
  if (servers - 1 >= quorum) {
    return {
      part,
      effect: `${servers - 1} of ${servers} servers keep quorum (${quorum}); the API keeps working`,
      duration: 'none',
      singlePoint: false,
    };
  }
  return {
    part,
    effect:
      servers === 1
        ? 'the only server is gone: no API, no scheduling (running pods keep running)'
        : `${servers - 1} of ${servers} servers are below quorum (${quorum}): the API stops (running pods keep running)`,
    duration: 'until the server returns',
    singlePoint: true,
  };
}

function traefikPodsRow({ traefik }: ClusterConfig): FailureRow {
  const part = `Traefik pods (${traefik.replicas})`;
  if (Object.keys(traefik.certResolvers).length) {
    return {
      part,
      effect: 'if it ran there: the pod cannot start elsewhere, its ReadWriteOnce ACME volume (local-path) stays on that node; no ingress',
      duration: 'until the node returns',
      singlePoint: true,
    };
  }
  if (traefik.replicas < 2) {
    return {
      part,
      effect: 'if it ran there: no ingress until the pod is evicted and started on another node',
      duration: `about 6 min: NotReady after ${NOT_READY}, then the pod's ${EVICTION_SECONDS} s unreachable toleration`,
      singlePoint: true,
    };
  }
  return {
    part,
    effect: `${traefik.replicas - 1} other pod(s) keep serving if they ran on other nodes (the spread is preferred, not enforced); connections sent to the lost pod fail until its endpoint is removed`,
    duration: `about ${NOT_READY} (until the node is NotReady)`,
    singlePoint: false,
  };
}

function certificatesRow(config: ClusterConfig): FailureRow {
  const part = 'Certificates';
  const viaIssuer = config.ingresses.some((i) => i.tls?.issuer);
  const viaResolver = config.ingresses.some((i) => i.tls?.certResolver && Object.hasOwn(config.traefik.certResolvers, i.tls.certResolver));
  if (viaResolver) {
    return {
      part,
      effect: "in acme.json on one node's volume: lost with that node",
      duration: 'until the node returns',
      singlePoint: true,
    };
  }
  if (viaIssuer) {
    return {
      part,
      effect: 'in Secrets in etcd (cert-manager): every Traefik pod keeps them; renewals continue on the standby cert-manager controller',
      duration: 'none',
      singlePoint: false,
    };
  }
  const external = config.ingresses.some((i) => i.tls?.certResolver);
  return {
    part,
    effect: external ? 'from a resolver configured outside this project: not assessed' : 'no Ingress uses TLS',
    duration: 'n/a',
    singlePoint: false,
  };
}

/** "part: effect (duration)" of every single point of failure, for a cluster that has a control-plane VIP (an HA cluster). */
export function singlePointsOfFailure(config: ClusterConfig, inventory?: NodeInventory): string[] {
  if (!config.kubeVip.controlPlane) return [];
  return failureRows(config, inventory)
    .filter((row) => row.singlePoint)
    .map((row) => `${row.part}: ${row.effect} (${row.duration})`);
}

/** The README section: one table row per part, each text passed through `escape` (Markdown cell escaping). */
export function failureTableSection(config: ClusterConfig, escape: (text: string) => string, inventory?: NodeInventory): string[] {
  return [
    '## When one node fails',
    '',
    '| Part | What happens | For how long |',
    '| --- | --- | --- |',
    ...failureRows(config, inventory).map(
      (r) => `| ${escape(r.part)}${r.singlePoint ? ' (single point of failure)' : ''} | ${escape(r.effect)} | ${escape(r.duration)} |`,
    ),
    '',
  ];
}
