import { ClusterConfig } from '../config/schema';
import { clusterLeaseNames, clusterVipServices, TRAEFIK_SERVICE_ID, usesServicesElection } from '../kube-vip/client-ip';
import { effectiveLease, failoverSeconds } from '../kube-vip/election';
import { CONTROL_PLANE_LEASE, SERVICES_LEASE } from '../kube-vip/model';
import { sameIp } from '../net/ip';
import { kubeVipRules } from '../kube-vip/versions';
import { parseVersion } from '../semver';

/** The cell escapers of the cluster README, so every value lands in its table safely. */
export interface Escapers {
  readonly cell: (text: string) => string;
  readonly code: (text: string) => string;
}

/** Longest VIP failover of Traefik's Service in ARP mode, in seconds; undefined in BGP mode (the routers decide). */
export function traefikFailoverSeconds(config: ClusterConfig): number | undefined {
  if (config.kubeVip.mode === 'bgp') return undefined;
  const rules = kubeVipRules(parseVersion(config.kubeVip.version));
  return failoverSeconds(effectiveLease(rules, usesServicesElection(config) ? 'per-service' : 'services', config.kubeVip.leaderElection));
}

/**
 * `## Client IP` of the cluster README: what Traefik sees of a client, whom it believes forwarded
 * headers from, how kube-vip elects the VIP holders, and the commands that show it on the live cluster.
 */
export function clientIpSection(config: ClusterConfig, { cell, code }: Escapers): string[] {
  const { kubeVip, traefik } = config;
  const local = traefik.externalTrafficPolicy === 'Local';
  const election = usesServicesElection(config);
  const failover = traefikFailoverSeconds(config);
  const rows: Array<[string, string]> = [
    [
      'Traefik sees',
      local
        ? "the client's own address (externalTrafficPolicy: Local)"
        : "a node's address after source NAT (externalTrafficPolicy: Cluster); set traefik.externalTrafficPolicy: Local to keep client addresses",
    ],
    [
      'Forwarded headers believed from',
      traefik.trustedProxies.length ? `${traefik.trustedProxies.join(', ')} (entrypoints web, websecure)` : 'nobody (Traefik drops them)',
    ],
    [
      'VIP holders',
      kubeVip.mode === 'bgp'
        ? local
          ? 'BGP: every control-plane node running a Traefik pod announces the Traefik VIP'
          : 'BGP: every control-plane node announces the VIPs'
        : election
          ? 'one leader per Service (svc_election); for a Local Service only servers running one of its pods take part'
          : 'one kube-vip leader for all Services',
    ],
    ['Failover of the Traefik VIP', failover === undefined ? "until the router's BGP hold timer expires" : `up to ${failover} s`],
  ];
  const leaseNames = clusterLeaseNames(config);
  const leases = [...leaseNames].map(([id, lease]) => `${id}: ${lease}`);
  if (leases.length) rows.push(['Shared leases (kube-vip.io/leaseName)', leases.join('; ')]);

  // The Lease that names the Traefik VIP's holder, in kube-system: its own per-Service lease (kube-vip
  // pkg/lease/lease.go, `kubevip-<service>`), a shared one, or the one services lease of ARP mode.
  const cp = kubeVip.controlPlane?.address;
  const commonLease =
    !!cp &&
    kubeVipRules(parseVersion(kubeVip.version)).commonLease &&
    clusterVipServices(config).some((s) => s.ips.some((ip) => sameIp(ip, cp)));
  const traefikLease = election
    ? (leaseNames.get(TRAEFIK_SERVICE_ID)?.split('/').pop() ?? 'kubevip-traefik')
    : kubeVip.mode === 'arp'
      ? commonLease
        ? CONTROL_PLANE_LEASE
        : SERVICES_LEASE
      : undefined;
  const checks = [
    `- ${code('kubectl -n kube-system get svc traefik -o jsonpath=\'{.spec.externalTrafficPolicy} {.status.loadBalancer.ingress[*].ip}{"\\n"}\'')}: the policy and the VIP once kube-vip announces it (${code('<pending>')} in ${code('kubectl get svc')} means no node may announce it yet).`,
    ...(traefikLease
      ? [
          `- ${code(`kubectl -n kube-system get lease ${traefikLease} -o jsonpath='{.spec.holderIdentity}{"\\n"}'`)}: the node that holds the Traefik VIP now${local ? '; it runs a Traefik pod:' : '.'}`,
        ]
      : []),
    ...(local
      ? [`- ${code('kubectl -n kube-system get pods -l app.kubernetes.io/name=traefik -o wide')}: the Traefik pods and their nodes.`]
      : []),
    `- ${code('kubectl -n kube-system logs -l app.kubernetes.io/name=traefik --tail 20')} with ${code('traefik.values.logs.access.enabled: true')}: each access-log line starts with the address Traefik saw, ${local ? "the client's own" : "a node's"}.`,
  ];
  const services = clusterVipServices(config).filter((s) => s.policy === 'Local' && s.id !== TRAEFIK_SERVICE_ID);
  return [
    '## Client IP',
    '',
    '| Setting | Here |',
    '| --- | --- |',
    ...rows.map(([key, value]) => `| ${cell(key)} | ${cell(value)} |`),
    '',
    ...(services.length
      ? [`Local Services besides Traefik: ${services.map((s) => code(s.id)).join(', ')}; their pods must run on control-plane nodes.`, '']
      : []),
    'Check it on the cluster:',
    '',
    ...checks,
    '',
  ];
}
