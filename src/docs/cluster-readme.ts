import { bootstrapRunbook } from './runbook';
import { clientIpSection, traefikFailoverSeconds } from './client-ip-section';
import { failureTableSection } from './failure-table';
import { ClusterConfig, PoolEntry } from '../config/schema';
import { gatewayTlsSecretName } from '../gateway/model';
import { k3sInventory, nodeInventory } from '../k3s/inventory';
import { effectiveClusterTraefik } from '../traefik/settings';
import type { DeployedService } from '../load-balancer/deployed';
import { urlHost } from '../net/ip';

export interface ClusterReadmeProps {
  /** Cluster (and folder) name. */
  readonly name: string;
  /** Config file it came from, as shown to the reader. */
  readonly source: string;
  /**
   * The command that writes the folder.
   * @default "npm run synth"
   */
  readonly command?: string;
  readonly config: ClusterConfig;
  /** Manifest files of the folder, in kustomization order. */
  readonly manifests: readonly string[];
}

/**
 * Escaping, so no config value can break the README: the format rules already keep most values
 * plain, but paths and file names may carry punctuation. Line breaks become spaces everywhere.
 */
const oneLine = (text: string) => text.replace(/[\r\n]+/g, ' ');
/** A quoted Mermaid label; characters with a meaning to Mermaid or HTML become `#<code>;` entities. */
const label = (text: string) => `"${oneLine(text).replace(/[#"<>|`[\]{}&\\]/g, (c) => `#${c.charCodeAt(0)};`)}"`;
/** Plain text in a Markdown table cell: Markdown punctuation is backslash-escaped (CommonMark §2.4). */
const cell = (text: string) => oneLine(text).replace(/[\\`*_{}[\]<>#|&~!]/g, (c) => `\\${c}`);
/** A code span that holds any text: a fence longer than every backtick run inside, `|` escaped for tables (GFM §4.10). */
const code = (text: string) => {
  const body = oneLine(text).replace(/\|/g, '\\|');
  const fence = '`'.repeat(Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length)) + 1);
  const pad = body.startsWith('`') || body.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
};
/** A table row of cells already escaped with `cell` or `code`. */
const row = (...cells: string[]) => `| ${cells.join(' | ')} |`;

/**
 * `dist/<cluster>/README.md`: the traffic path as a Mermaid diagram and a table of every VIP, host
 * and backend, so a reviewer sees what a config change does in the pull request.
 */
export function clusterReadme({ name, source, command = 'npm run synth', config, manifests }: ClusterReadmeProps): string {
  const { kubeVip, traefik, ingresses, httpRoutes, loadBalancers } = config;
  const pooled = 'from the IP pool';
  const traefikVip = traefik.loadBalancerIPs?.join(', ') ?? pooled;
  const cp = kubeVip.controlPlane?.address;
  const inventory = k3sInventory(config);
  const serverNames = inventory?.servers.map((server) => server.name).join(', ');
  const announcer =
    kubeVip.mode === 'bgp'
      ? `kube-vip ${kubeVip.version}, BGP from every control-plane node`
      : `kube-vip ${kubeVip.version}, ARP from the leader${serverNames ? ` (one of ${serverNames})` : ''}`;
  const local = traefik.externalTrafficPolicy === 'Local';
  const failover = traefikFailoverSeconds(config);
  const speaker =
    kubeVip.mode === 'bgp'
      ? `kube-vip on every control-plane node${local ? ' running a Traefik pod' : ''} (BGP)`
      : `kube-vip leader: a control-plane node${local ? ' running a Traefik pod' : ''} (failover up to ${failover} s)`;
  // The client IP path: Local keeps the source address on the node that took the packet; Cluster NATs it.
  const clientIp = local ? 'same node: client IP kept (Local)' : "source NAT: Traefik sees a node's IP (Cluster)";

  // Traefik's Services as the merged values make them (81b-23): its own, and each additional LoadBalancer with its VIP.
  const [own, ...additional] = traefikLoadBalancers(config);
  const ownPorts = own ? shownPorts(own) : ['80', '443'];
  const diagram = ['flowchart LR'];
  diagram.push(`  client([Client]) --> vip[${label(`Traefik VIP ${traefikVip}`)}]`);
  if (traefik.trustedProxies.length) {
    diagram.push(`  proxy([${label(`Trusted proxy ${traefik.trustedProxies.join(', ')}`)}]) -->|${label('X-Forwarded-For believed')}| vip`);
  }
  diagram.push(`  vip --> leader[${label(speaker)}]`);
  diagram.push(
    `  leader -->|${label(clientIp)}| traefik[${label(`Service ${own?.namespace ?? 'kube-system'}/${own?.name ?? 'traefik'} ${ownPorts.map((p) => `:${p}`).join(' ')}`)}]`,
  );
  additional.forEach((service, i) => {
    diagram.push(`  client --> avip${i}[${label(`Traefik VIP ${vipsOf(service, pooled)}`)}]`);
    diagram.push(`  avip${i} --> leader`);
    diagram.push(
      `  leader --> asvc${i}[${label(
        `Service ${service.namespace}/${service.name} ${shownPorts(service)
          .map((p) => `:${p}`)
          .join(' ')}`,
      )}]`,
    );
  });
  ingresses.forEach((ingress, i) => {
    const route = `${ingress.host}${ingress.path}${ingress.tls ? ' (HTTPS)' : ''}`;
    diagram.push(`  traefik -->|${label(route)}| ing${i}[${label(`Ingress ${ingress.namespace}/${ingress.name}`)}]`);
    diagram.push(`  ing${i} --> svc${i}[${label(`Service ${ingress.namespace}/${ingress.service}:${ingress.port}`)}]`);
  });
  if (traefik.gateway) {
    diagram.push(`  traefik --> gw[${label(`Gateway kube-system/${traefik.gateway.name} (Gateway API)`)}]`);
    httpRoutes.forEach((route, i) => {
      const path = `${route.host}${route.path}${route.tls ? ' (HTTPS)' : ''}`;
      diagram.push(`  gw -->|${label(path)}| rt${i}[${label(`HTTPRoute ${route.namespace}/${route.name}`)}]`);
      diagram.push(`  rt${i} --> rsvc${i}[${label(`Service ${route.namespace}/${route.service}:${route.port}`)}]`);
    });
  }
  loadBalancers.forEach((lb, i) => {
    const ports = lb.ports.map((p) => `${p.port}/${p.protocol}`).join(' ');
    diagram.push(`  client --> lbvip${i}[${label(`VIP ${lb.ips?.join(', ') ?? pooled} ${ports}`)}]`);
    diagram.push(`  lbvip${i} --> leader`);
    diagram.push(`  leader --> lb${i}[${label(`Service ${lb.namespace}/${lb.name}`)}]`);
  });
  if (cp) {
    diagram.push(`  admin([kubectl]) --> cpvip[${label(`API VIP ${urlHost(cp)}:6443`)}]`);
    diagram.push(`  cpvip --> cpleader[${label('kube-vip, kube-apiserver on a control-plane node')}]`);
  }
  if (inventory) {
    // The nodes: the VIPs move among the servers; the agents run the workloads.
    diagram.push(`  subgraph nodes[${label('Nodes')}]`);
    inventory.nodes.forEach((node, i) => {
      const role = node.initialises ? 'server, cluster-init' : node.role;
      diagram.push(`    node${i}[${label(`${node.name} ${node.addresses.join(', ')} (${role})`)}]`);
    });
    diagram.push('  end');
    diagram.push(`  leader -.-> nodes`);
    if (cp) diagram.push(`  cpleader -.-> nodes`);
  }

  const vips = [
    ...(cp ? [row(cell(cp), '6443', 'Kubernetes API server', cell(announcer))] : []),
    row(
      cell(traefikVip),
      cell(ownPorts.join(', ')),
      cell(`Traefik (Service ${own?.namespace ?? 'kube-system'}/${own?.name ?? 'traefik'})`),
      cell(announcer),
    ),
    ...additional.map((service) =>
      row(
        cell(vipsOf(service, pooled)),
        cell(shownPorts(service).join(', ')),
        cell(`Traefik (Service ${service.namespace}/${service.name})`),
        cell(announcer),
      ),
    ),
    ...loadBalancers.map((lb) =>
      row(
        cell(lb.ips?.join(', ') ?? pooled),
        cell(lb.ports.map((p) => `${p.port}/${p.protocol}`).join(', ')),
        cell(`Service ${lb.namespace}/${lb.name}`),
        cell(announcer),
      ),
    ),
  ];
  const pool = kubeVip.services.ipPool;
  const poolRow = (namespace: string, entry: PoolEntry) =>
    row(cell(namespace), cell([entry.cidr ?? [], entry.range ?? []].flat().join(', ')), String(entry.allowShare));
  const pools = pool
    ? [
        ...(pool.global ? [poolRow('global', pool.global)] : []),
        ...Object.entries(pool.namespaces).map(([ns, entry]) => poolRow(ns, entry)),
      ]
    : [];
  const gatewayRoutes = httpRoutes.map((r) =>
    row(
      code(r.host),
      code(r.path),
      cell(`${r.namespace}/${r.service}:${r.port}`),
      r.tls?.issuer
        ? `cert-manager issuer ${code(r.tls.issuer)} (Secret ${code(`kube-system/${gatewayTlsSecretName(r.host)}`)})`
        : 'none (HTTP)',
      cell(`${r.namespace}/${r.name}`),
    ),
  );
  const routes = ingresses.map((i) =>
    row(
      code(i.host),
      code(i.path),
      cell(`${i.namespace}/${i.service}:${i.port}`),
      i.tls?.issuer
        ? `cert-manager issuer ${code(i.tls.issuer)}`
        : i.tls?.certResolver
          ? `cert resolver ${code(i.tls.certResolver)}`
          : 'none (HTTP)',
      cell(`${i.namespace}/${i.name}`),
    ),
  );

  return [
    `# Cluster ${code(name)}`,
    '',
    `Generated from ${code(source)} by ${code(command)}; edit the config, not this folder.`,
    '',
    '## Traffic path',
    '',
    '```mermaid',
    ...diagram,
    '```',
    '',
    '## Virtual IPs',
    '',
    '| VIP | Ports | Serves | Announced by |',
    '| --- | --- | --- | --- |',
    ...vips,
    '',
    ...(pools.length
      ? ['IP pools (kube-vip-cloud-provider):', '', '| Namespace | Addresses | Shared |', '| --- | --- | --- |', ...pools, '']
      : []),
    ...(inventory
      ? [
          '## Nodes',
          '',
          '| Node | Address | Role | K3s config |',
          '| --- | --- | --- | --- |',
          ...inventory.nodes.map((node) =>
            row(
              code(node.name),
              cell(node.addresses.join(', ')),
              node.initialises ? 'server (initialises etcd)' : node.role,
              code(`k3s/${node.name}.yaml`),
            ),
          ),
          '',
        ]
      : []),
    '## Routes',
    '',
    ...(routes.length ? ['| Host | Path | Backend | TLS | Ingress |', '| --- | --- | --- | --- | --- |', ...routes] : ['No Ingresses.']),
    '',
    ...clientIpSection(config, { cell, code }),
    ...(traefik.gateway
      ? [
          `Through the Gateway ${code(`kube-system/${traefik.gateway.name}`)} (Gateway API; Traefik serves it on its VIP, which it copies into the Gateway's \`status.addresses\`):`,
          '',
          ...(gatewayRoutes.length
            ? ['| Host | Path | Backend | TLS | HTTPRoute |', '| --- | --- | --- | --- | --- |', ...gatewayRoutes]
            : ['No HTTPRoutes.']),
          '',
        ]
      : []),
    ...failureTableSection(config, cell, nodeInventory(config)),
    '## Files',
    '',
    ...manifests.map((file) => `- ${code(file)}: manifests, listed in \`kustomization.yaml\` (what Argo CD and Flux apply).`),
    inventory
      ? "- `k3s/<node>.yaml`: each node's `/etc/rancher/k3s/config.yaml` (not manifests; see Bootstrap)."
      : '- `k3s/config.yaml`: K3s server settings for every server (not a manifest).',
    ...(config.gitops
      ? [
          `- \`gitops/${config.gitops.engine}.yaml\`: apply once to let ${config.gitops.engine === 'argocd' ? 'Argo CD' : 'Flux'} deploy this folder.`,
        ]
      : []),
    '',
    ...(inventory ? bootstrapRunbook({ name, config, inventory, manifests }) : []),
  ].join('\n');
}

/** Traefik's Services that get a VIP, its own first (traefik/effective.ts). */
function traefikLoadBalancers(config: ClusterConfig): readonly DeployedService[] {
  return effectiveClusterTraefik(config).services.filter(
    (service) => (service.type.value ?? service.typeDefault ?? 'LoadBalancer') === 'LoadBalancer' && !service.ignoredByKubeVip,
  );
}

/** A Service's ports as the table shows them: `443`, a UDP one as `443/UDP`. */
const shownPorts = (service: DeployedService): string[] => service.ports.map((port) => port.replace(/\/TCP$/, ''));

/** A Service's fixed VIPs, or where its address comes from. */
const vipsOf = (service: DeployedService, pooled: string): string =>
  service.ips.length ? service.ips.map((ip) => ip.text).join(', ') : pooled;
