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
  const { kubeVip, traefik, ingresses } = config;
  const traefikVip = traefik.loadBalancerIPs.join(', ');
  const cp = kubeVip.controlPlane?.address;

  const diagram = ['flowchart LR'];
  diagram.push(`  client([Client]) --> vip[${label(`Traefik VIP ${traefikVip}`)}]`);
  diagram.push(`  vip --> leader[${label('kube-vip leader (a control-plane node)')}]`);
  diagram.push(`  leader --> traefik[${label('Service kube-system/traefik :80 :443')}]`);
  ingresses.forEach((ingress, i) => {
    const route = `${ingress.host}${ingress.path}${ingress.tls ? ' (HTTPS)' : ''}`;
    diagram.push(`  traefik -->|${label(route)}| ing${i}[${label(`Ingress ${ingress.namespace}/${ingress.name}`)}]`);
    diagram.push(`  ing${i} --> svc${i}[${label(`Service ${ingress.namespace}/${ingress.service}:${ingress.port}`)}]`);
  });
  if (cp) {
    diagram.push(`  admin([kubectl]) --> cpvip[${label(`API VIP ${cp}:6443`)}]`);
    diagram.push(`  cpvip --> cpleader[${label('kube-vip leader, kube-apiserver')}]`);
  }

  const vips = [
    ...(cp ? [`| ${cp} | 6443 | Kubernetes API server | kube-vip ${kubeVip.version}, control-plane lease |`] : []),
    ...traefik.loadBalancerIPs.map((ip) => `| ${ip} | 80, 443 | Traefik (Service kube-system/traefik) | kube-vip ${kubeVip.version}, Service VIP |`),
  ];
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
