import { etcdQuorum, NodeInventory } from '../k3s/inventory';
import { effectiveClusterTraefik } from '../traefik/settings';
import { ClusterConfig } from '../config/schema';
import { usesServicesElection } from '../kube-vip/client-ip';
import { effectiveLease, failoverSeconds } from '../kube-vip/election';
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

/** What a client of a VIP sees while it moves (ARP: the old MAC is gone until a gratuitous ARP names the new one). */
const CLIENT_WAITS = 'meanwhile new connections time out and open ones break';

/**
 * One row per part of the request path for "one node fails", computed from the config: kube-vip's lease
 * timings (the configured ones, else its version's, as each election really runs them), the server
 * count (when the inventory is known), Traefik's replicas and traffic policy, and where its certificates live.
 */
export function failureRows(config: ClusterConfig, inventory?: NodeInventory): FailureRow[] {
  const { kubeVip, traefik } = config;
  const rules = kubeVipRules(parseVersion(kubeVip.version));
  const perService = usesServicesElection(config);
  const move = (election: 'control-plane' | 'services' | 'per-service', holders: string) => {
    if (kubeVip.mode === 'bgp') {
      return {
        effect: `${holders === 'node' ? 'every control-plane node' : `every ${holders}`} announces it; routers drop the failed node's route`,
        duration: "until the router's BGP hold timer expires",
      };
    }
    const lease = effectiveLease(rules, election, kubeVip.leaderElection);
    const fixed = election !== 'control-plane' && rules.fixedServiceLeases ? ', fixed for Services before v0.5.6' : '';
    return {
      effect: `another ${holders} takes the kube-vip lease and answers ARP for it; ${CLIENT_WAITS}`,
      duration: `up to ${failoverSeconds(lease)} s (kube-vip ${kubeVip.version}: lease ${lease.duration} s, retry every ${lease.retryPeriod} s${fixed})`,
    };
  };
  const services = perService ? 'per-service' : 'services';
  const rows: FailureRow[] = [];
  if (kubeVip.controlPlane)
    rows.push({ part: `API VIP ${kubeVip.controlPlane.address}`, ...move('control-plane', 'node'), singlePoint: false });
  rows.push(etcdRow(config, inventory));
  rows.push({
    part: `Traefik VIP ${traefik.loadBalancerIPs?.join(', ') ?? '(from the IP pool)'}`,
    ...traefikVipMove(config, move(services, traefik.externalTrafficPolicy === 'Local' ? 'server running a Traefik pod' : 'node')),
    singlePoint: false,
  });
  rows.push(traefikPodsRow(config, inventory));
  if (traefik.gateway) {
    rows.push({
      part: `Gateway kube-system/${traefik.gateway.name}`,
      effect:
        "an object in etcd that every Traefik pod serves (Traefik's Gateway provider runs in each): it follows the Traefik VIP and pods above",
      duration: 'as the Traefik rows',
      singlePoint: false,
    });
  }
  rows.push(certificatesRow(config));
  for (const lb of config.loadBalancers) {
    const vipMove = move(services, lb.externalTrafficPolicy === 'Local' ? 'server running a pod of it' : 'node');
    rows.push({
      part: `VIP ${lb.ips?.join(', ') ?? '(from the IP pool)'} of Service ${lb.namespace}/${lb.name}`,
      effect: `${vipMove.effect}; its pods are up to the workload`,
      duration: vipMove.duration,
      singlePoint: false,
    });
  }
  return rows;
}

/** With Local and one pod, the VIP can only be where that pod is: it waits for the pod (whose row carries the single point). */
function traefikVipMove(config: ClusterConfig, move: { effect: string; duration: string }): { effect: string; duration: string } {
  const { traefik } = config;
  if (traefik.externalTrafficPolicy !== 'Local') return move;
  // The pods the merged values run: traefik.values.deployment.replicas counts like traefik.replicas.
  if (effectiveClusterTraefik(config).replicas.value < 2) {
    return {
      effect:
        'only the server running the one Traefik pod may announce it (Local): if that server fails, the VIP returns with the pod on another server',
      duration: 'as the Traefik pods row',
    };
  }
  return { effect: `${move.effect}; clients keep their own IP in Traefik (Local)`, duration: move.duration };
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

/** Traefik's pods as the chart will deploy them: the merged values decide, not only `traefik.replicas`. */
function traefikPodsRow(config: ClusterConfig, inventory?: NodeInventory): FailureRow {
  const deployed = effectiveClusterTraefik(config);
  const daemonSet = deployed.kind.value === 'DaemonSet';
  const pods = daemonSet ? (inventory?.traefikNodes ?? 1) : deployed.replicas.value;
  const part = `Traefik pods (${daemonSet ? 'one per node' : pods})`;
  // Only a resolver on the chart's ReadWriteOnce volume pins the pod (an ephemeral acme.json is warned about in traefik/rules.ts).
  if (deployed.acmeResolvers.length > deployed.ephemeralAcme.length) {
    return {
      part,
      effect: 'if it ran there: the pod cannot start elsewhere, its ReadWriteOnce ACME volume (local-path) stays on that node; no ingress',
      duration: 'until the node returns',
      singlePoint: true,
    };
  }
  if (pods < 2) {
    return {
      part,
      effect: 'if it ran there: no ingress until the pod is evicted and started on another node',
      duration: `about 6 min: NotReady after ${NOT_READY}, then the pod's ${EVICTION_SECONDS} s unreachable toleration`,
      singlePoint: true,
    };
  }
  if (config.traefik.externalTrafficPolicy === 'Local') {
    return {
      part,
      effect: `${pods - 1} other pod(s) keep serving, each on its own server (required anti-affinity); the VIP moves to a server running one`,
      duration: 'as the Traefik VIP row',
      singlePoint: false,
    };
  }
  return {
    part,
    effect: `${pods - 1} other pod(s) keep serving if they ran on other nodes (the spread is preferred, not enforced); connections sent to the lost pod fail until its endpoint is removed`,
    duration: `about ${NOT_READY} (until the node is NotReady)`,
    singlePoint: false,
  };
}

function certificatesRow(config: ClusterConfig): FailureRow {
  const part = 'Certificates';
  const viaIssuer = [...config.ingresses, ...config.httpRoutes].some((route) => route.tls?.issuer);
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
    effect: external ? 'from a resolver configured outside this project: not assessed' : 'no route uses TLS',
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
