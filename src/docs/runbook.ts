import type { ClusterConfig } from '../config/schema';
import { K3sInventory, K3sNode, vipInterface } from '../k3s/inventory';

export interface RunbookProps {
  /** Cluster (and folder) name. */
  readonly name: string;
  readonly config: ClusterConfig;
  readonly inventory: K3sInventory;
  /** Manifest files of the folder, in kustomization order. */
  readonly manifests: readonly string[];
}

const MANIFESTS_DIR = '/var/lib/rancher/k3s/server/manifests';
/** The manifest the first server needs before K3s starts: it brings up the control-plane VIP. */
const KUBE_VIP_MANIFEST = 'kube-vip.yaml';

const sh = (...lines: string[]) => ['```sh', ...lines, '```'];

/**
 * `## Bootstrap` of dist/<cluster>/README.md: every node in order, with the exact commands and the
 * check that must pass before the next node (docs.k3s.io/datastore/ha-embedded; kube-vip.io/docs/usage/k3s).
 * All values in it passed the config's format rules (DNS labels, IPs, a plain path, a K3s tag), so
 * they go into shell commands unquoted.
 */
export function bootstrapRunbook({ name, config, inventory, manifests }: RunbookProps): string[] {
  const { servers, agents, tokenFile, version, controlPlaneAddress } = inventory;
  const first = servers[0];
  const tokenDir = tokenFile.slice(0, tokenFile.lastIndexOf('/')) || '/';
  const install = (role: 'server' | 'agent') =>
    `curl -sfL https://get.k3s.io | ${version ? `INSTALL_K3S_VERSION=${version} ` : ''}INSTALL_K3S_EXEC=${role} sh -`;
  const ping = `until curl -ksf ${inventory.joinUrl}/ping; do sleep 5; done; echo`;
  const nic = vipInterface(config);
  const cpLabel = controlPlaneAddress ? `the control-plane VIP ${controlPlaneAddress}` : `${first.name}'s API`;

  const nodeSteps = (node: K3sNode, step: number): string[] => {
    const files = [`k3s/${node.name}.yaml`, ...(node.initialises && manifests.includes(KUBE_VIP_MANIFEST) ? [KUBE_VIP_MANIFEST] : [])];
    const heading = node.initialises
      ? 'first server, initialises the cluster'
      : node.role === 'server'
        ? `server, joins through ${inventory.joinTarget}`
        : `agent, joins through ${inventory.joinTarget}`;
    const out = [
      `### ${step}. \`${node.name}\` (${node.address}): ${heading}`,
      '',
      `On your workstation, in \`dist/${name}/\`:`,
      '',
      ...sh(`scp ${files.join(' ')} ${node.address}:`),
      '',
      `On ${node.name} (\`ssh ${node.address}\`):`,
      '',
      ...sh(
        `sudo install -D -m 600 ${node.name}.yaml /etc/rancher/k3s/config.yaml`,
        ...(node.initialises && files.includes(KUBE_VIP_MANIFEST)
          ? [`sudo mkdir -p ${MANIFESTS_DIR}`, `sudo install -m 600 ${KUBE_VIP_MANIFEST} ${MANIFESTS_DIR}/${KUBE_VIP_MANIFEST}`]
          : []),
        // `install -D` above created /etc/rancher/k3s, the usual home of the token.
        ...(tokenDir === '/etc/rancher/k3s' ? [] : [`sudo mkdir -p ${tokenDir}`]),
        node.initialises
          ? `sudo sh -c 'umask 077; openssl rand -hex 32 > ${tokenFile}'`
          : `sudo sh -c 'umask 077; cat > ${tokenFile}'   # paste the token from ${first.name}, then Ctrl-D`,
      ),
      '',
    ];
    if (node.initialises) {
      out.push(
        `The token is the cluster's secret: \`sudo cat ${tokenFile}\` prints it for the other nodes; keep a copy outside`,
        'the repository (it also decrypts etcd snapshots).',
        '',
      );
    } else {
      out.push(`Check: \`sudo sha256sum ${tokenFile}\` prints the same sum as on ${first.name}.`, '');
    }
    if (node.role === 'server' && config.kubeVip.mode === 'arp') {
      out.push(
        nic
          ? `Check: \`ip -br addr show ${nic}\` lists ${node.address}; kube-vip uses \`${nic}\` and exits with "Link not found" ` +
              'where it is missing.'
          : `Check: \`ip route show default\` names the NIC that holds ${node.address} (\`ip -br addr\`): kube-vip uses the ` +
              'default-route NIC.',
        '',
      );
    }
    out.push(...sh(install(node.role)), '');
    if (node.initialises) {
      out.push(
        `Check: \`sudo k3s kubectl get nodes\` shows ${node.name} \`Ready\` (roles \`control-plane,etcd\`, plus \`master\` on older releases), ` +
          '`sudo k3s kubectl -n kube-system get pods -l app.kubernetes.io/name=kube-vip-ds` shows kube-vip `Running`, and',
        `${cpLabel} answers (prints \`pong\`):`,
        '',
        ...sh(ping),
        '',
        'Only then go on: the other nodes register through this address.',
      );
    } else if (node.role === 'server') {
      const count = servers.indexOf(node) + 1;
      out.push(
        `Check: \`sudo k3s kubectl get nodes -l node-role.kubernetes.io/control-plane=true\` shows ${count} servers \`Ready\`.` +
          ' One server at a time: wait for this before the next.',
      );
    } else {
      out.push(`Check, on ${first.name}: \`sudo k3s kubectl get node ${node.name}\` shows it \`Ready\`.`);
    }
    return [...out, ''];
  };

  const rest = config.gitops
    ? [
        `Let ${config.gitops.engine === 'argocd' ? 'Argo CD' : 'Flux'} deploy this folder (the controller must already run in the cluster):`,
        '',
        ...sh(`ssh ${first.address} sudo k3s kubectl apply -f - < gitops/${config.gitops.engine}.yaml`),
      ]
    : [
        'Install the manifests on every server, from a checkout of this repository there (built as yourself, so root does not',
        `compile into it): \`npm ci && npm run build\`, then \`sudo npm run k3s:install -- --cluster ${name}\`.`,
        `On ${first.name} first remove the ${KUBE_VIP_MANIFEST} copied by hand (\`sudo rm ${MANIFESTS_DIR}/${KUBE_VIP_MANIFEST}\`; K3s keeps`,
        'its objects): k3s:install never overwrites a file it did not install. By hand instead, copy',
        `${manifests.map((m) => `\`${m}\``).join(', ')} into \`${MANIFESTS_DIR}/\` of every server.`,
      ];
  const steps = [...servers, ...agents].map((node, i) => nodeSteps(node, i + 1)).flat();
  return [
    '## Bootstrap',
    '',
    'Run it top to bottom, one node at a time; every step ends with a check that must pass before the next.',
    `The token never enters the repository: it is created on ${first.name} and pasted into \`${tokenFile}\` on the others.`,
    version
      ? `Every node installs K3s ${version} (\`k3s.version\`).`
      : 'Without `k3s.version` the installer takes the newest stable K3s: set it to pin the release.',
    '',
    ...steps,
    `### ${servers.length + agents.length + 1}. The rest`,
    '',
    ...rest,
    '',
    controlPlaneAddress
      ? `Check: \`sudo k3s kubectl --server https://${controlPlaneAddress}:6443 get nodes\` (no \`--insecure-skip-tls-verify\`) lists all ` +
        `${servers.length + agents.length} nodes: the VIP is in the API certificate. ` +
        '`sudo k3s kubectl -n kube-system get svc traefik` shows its VIP.'
      : `Check: \`sudo k3s kubectl get nodes\` lists all ${servers.length + agents.length} nodes.`,
    '',
  ];
}
