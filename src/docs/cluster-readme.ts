import { ClusterConfig } from '../config/schema';

export interface ClusterReadmeProps {
  /** Cluster (and folder) name. */
  readonly name: string;
  /** Config file it came from, as shown to the reader. */
  readonly source: string;
  readonly config: ClusterConfig;
  /** Manifest files of the folder, in kustomization order. */
  readonly manifests: readonly string[];
}

/** Mermaid labels are quoted; quotes inside become #quot; (Mermaid's entity syntax). */
const label = (text: string) => `"${text.replace(/"/g, '#quot;')}"`;
const code = (text: string) => `\`${text}\``;

/**
 * `dist/<cluster>/README.md`: the traffic path as a Mermaid diagram and a table of every VIP, host
 * and backend, so a reviewer sees what a config change does in the pull request.
 */
export function clusterReadme({ name, source, config, manifests }: ClusterReadmeProps): string {
  const { kubeVip, traefik, ingresses, loadBalancers } = config;
  const pooled = 'from the IP pool';
  const traefikVip = traefik.loadBalancerIPs?.join(', ') ?? pooled;
  const cp = kubeVip.controlPlane?.address;
  const announcer = kubeVip.mode === 'bgp'
    ? `kube-vip ${kubeVip.version}, BGP from every control-plane node`
    : `kube-vip ${kubeVip.version}, ARP from the leader`;
  const speaker = kubeVip.mode === 'bgp' ? 'kube-vip on every control-plane node (BGP)' : 'kube-vip leader (a control-plane node)';

  const diagram = ['flowchart LR'];
  diagram.push(`  client([Client]) --> vip[${label(`Traefik VIP ${traefikVip}`)}]`);
  diagram.push(`  vip --> leader[${label(speaker)}]`);
  diagram.push(`  leader --> traefik[${label('Service kube-system/traefik :80 :443')}]`);
  ingresses.forEach((ingress, i) => {
    const route = `${ingress.host}${ingress.path}${ingress.tls ? ' (HTTPS)' : ''}`;
    diagram.push(`  traefik -->|${label(route)}| ing${i}[${label(`Ingress ${ingress.namespace}/${ingress.name}`)}]`);
    diagram.push(`  ing${i} --> svc${i}[${label(`Service ${ingress.namespace}/${ingress.service}:${ingress.port}`)}]`);
  });
  loadBalancers.forEach((lb, i) => {
    const ports = lb.ports.map((p) => `${p.port}/${p.protocol}`).join(' ');
    diagram.push(`  client --> lbvip${i}[${label(`VIP ${lb.ips?.join(', ') ?? pooled} ${ports}`)}]`);
    diagram.push(`  lbvip${i} --> leader`);
    diagram.push(`  leader --> lb${i}[${label(`Service ${lb.namespace}/${lb.name}`)}]`);
  });
  if (cp) {
    diagram.push(`  admin([kubectl]) --> cpvip[${label(`API VIP ${cp}:6443`)}]`);
    diagram.push(`  cpvip --> cpleader[${label('kube-vip, kube-apiserver on a control-plane node')}]`);
  }

  const vips = [
    ...(cp ? [`| ${cp} | 6443 | Kubernetes API server | ${announcer} |`] : []),
    `| ${traefikVip} | 80, 443 | Traefik (Service kube-system/traefik) | ${announcer} |`,
    ...loadBalancers.map((lb) =>
      `| ${lb.ips?.join(', ') ?? pooled} | ${lb.ports.map((p) => `${p.port}/${p.protocol}`).join(', ')} | Service ${lb.namespace}/${lb.name} | ${announcer} |`),
  ];
  const pool = kubeVip.services.ipPool;
  const pools = pool
    ? [
      ...(pool.global ? [`| global | ${[pool.global.cidr ?? [], pool.global.range ?? []].flat().join(', ')} | ${pool.global.allowShare} |`] : []),
      ...Object.entries(pool.namespaces).map(([ns, entry]) => `| ${ns} | ${[entry.cidr ?? [], entry.range ?? []].flat().join(', ')} | ${entry.allowShare} |`),
    ]
    : [];
  const routes = ingresses.map((i) =>
    `| ${code(i.host)} | ${code(i.path)} | ${i.namespace}/${i.service}:${i.port} | ${i.tls ? `cert resolver ${code(i.tls.certResolver)}` : 'none (HTTP)'} | ${i.namespace}/${i.name} |`);

  return [
    `# Cluster \`${name}\``,
    '',
    `Generated from \`${source}\` by \`npm run synth\`; edit the config, not this folder.`,
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
    '## Routes',
    '',
    ...(routes.length
      ? ['| Host | Path | Backend | TLS | Ingress |', '| --- | --- | --- | --- | --- |', ...routes]
      : ['No Ingresses.']),
    '',
    '## Files',
    '',
    ...manifests.map((file) => `- \`${file}\`: manifests, listed in \`kustomization.yaml\` (what Argo CD and Flux apply).`),
    '- `k3s/config.yaml`: K3s server settings for every server (not a manifest).',
    ...(config.gitops ? [`- \`gitops/${config.gitops.engine}.yaml\`: apply once to let ${config.gitops.engine === 'argocd' ? 'Argo CD' : 'Flux'} deploy this folder.`] : []),
    '',
  ].join('\n');
}
