import type { ClusterConfig } from '../config/schema';
import { K3sInventory, K3sNode, vipInterface } from '../k3s/inventory';
import { urlHost } from '../net/ip';
import { code, sh, shellQuote } from './markdown';
import { certManagerStep, gatewayStep, gitopsStep, kubeconfigStep, portsSection } from './runbook-gitops';

export { code, shellQuote };

export interface RunbookProps {
  /** Cluster (and folder) name. */
  readonly name: string;
  readonly config: ClusterConfig;
  readonly inventory: K3sInventory;
  /** Manifest files of the folder, in kustomization order. */
  readonly manifests: readonly string[];
}

const MANIFESTS_DIR = '/var/lib/rancher/k3s/server/manifests';
/**
 * Where K3s writes the server token in secure format, `K10<sha256 of the cluster CA>::server:<passphrase>`, once
 * it is up (docs.k3s.io/cli/token). Joining with it, a node checks the CA hash before it sends the passphrase; with
 * the bare passphrase it trusts any CA and logs "the token does not include a CA hash" (k3s-io/k3s
 * `pkg/clientaccess/token.go`, validateCAHash).
 */
export const SERVER_TOKEN_FILE = '/var/lib/rancher/k3s/server/token';
/** The manifest the first server needs before K3s starts: it brings up the control-plane VIP. */
const KUBE_VIP_MANIFEST = 'kube-vip.yaml';

/**
 * `## Bootstrap` of dist/<cluster>/README.md: every node in order, with the exact commands and the
 * check that must pass before the next node (docs.k3s.io/datastore/ha-embedded; kube-vip.io/docs/usage/k3s).
 * Config values are quoted where they land (shellQuote in commands, code for Markdown), not trusted
 * to have passed the format rules.
 */
export function bootstrapRunbook({ name, config, inventory, manifests }: RunbookProps): string[] {
  const { servers, agents, tokenFile, version, controlPlaneAddress } = inventory;
  const first = servers[0];
  const tokenDir = tokenFile.slice(0, tokenFile.lastIndexOf('/')) || '/';
  const token = shellQuote(tokenFile);
  const install = (role: 'server' | 'agent') =>
    `curl -sfL https://get.k3s.io | ${version ? `INSTALL_K3S_VERSION=${shellQuote(version)} ` : ''}INSTALL_K3S_EXEC=${role} sh -`;
  const ping = `until curl -ksf ${shellQuote(`${inventory.joinUrl}/ping`)}; do sleep 5; done; echo`;
  const nic = vipInterface(config);
  const cpLabel = controlPlaneAddress ? `the control-plane VIP ${controlPlaneAddress}` : `${first.name}'s API`;
  /** `sudo sh -c '<script>'`: the script quoted as one word, its values quoted inside it. */
  const sudoSh = (script: string) => `sudo sh -c ${shellQuote(script)}`;

  const nodeSteps = (node: K3sNode, step: number): string[] => {
    const files = [`k3s/${node.name}.yaml`, ...(node.initialises && manifests.includes(KUBE_VIP_MANIFEST) ? [KUBE_VIP_MANIFEST] : [])];
    const heading = node.initialises
      ? 'first server, initialises the cluster'
      : node.role === 'server'
        ? `server, joins through ${inventory.joinTarget}`
        : `agent, joins through ${inventory.joinTarget}`;
    const out = [
      `### ${step}. ${code(node.name)} (${node.addresses.join(', ')}): ${heading}`,
      '',
      `On your workstation, in ${code(`dist/${name}/`)}:`,
      '',
      // scp reads `host:` as the target and needs an IPv6 host in brackets; ssh takes it bare.
      ...sh(`scp ${[...files, `${urlHost(node.address)}:`].map(shellQuote).join(' ')}`),
      '',
      `On ${node.name} (${code(`ssh ${shellQuote(node.address)}`)}):`,
      '',
      ...sh(
        `sudo install -D -m 600 ${shellQuote(`${node.name}.yaml`)} /etc/rancher/k3s/config.yaml`,
        ...(node.initialises && files.includes(KUBE_VIP_MANIFEST)
          ? [`sudo mkdir -p ${MANIFESTS_DIR}`, `sudo install -m 600 ${KUBE_VIP_MANIFEST} ${MANIFESTS_DIR}/${KUBE_VIP_MANIFEST}`]
          : []),
        // `install -D` above created /etc/rancher/k3s, the usual home of the token.
        ...(tokenDir === '/etc/rancher/k3s' ? [] : [`sudo mkdir -p ${shellQuote(tokenDir)}`]),
        node.initialises
          ? sudoSh(`umask 077; openssl rand -hex 32 > ${token}`)
          : `${sudoSh(`umask 077; cat > ${token}`)}   # paste the full token from ${first.name}, then Ctrl-D`,
      ),
      '',
    ];
    if (node.initialises) {
      out.push(
        `The passphrase in ${code(tokenFile)} is the cluster's secret (it also decrypts etcd snapshots): keep a copy outside`,
        'the repository. K3s makes the full token for the other nodes from it once this server is up (below).',
        '',
      );
    } else {
      const sum = (file: string) => code(`sudo tr -d '[:space:]' < ${shellQuote(file)} | sha256sum`);
      out.push(`Check: ${sum(tokenFile)} prints the same sum as ${sum(SERVER_TOKEN_FILE)} on ${first.name}.`, '');
    }
    if (node.role === 'server' && config.kubeVip.mode === 'arp') {
      out.push(
        nic
          ? `Check: ${code(`ip -br addr show ${shellQuote(nic)}`)} lists ${node.addresses.join(' and ')}; kube-vip uses ${code(nic)} and exits with ` +
              '"Link not found" where it is missing.'
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
        '',
        `The other nodes join with the full token, which K3s wrote now: ${code(`sudo cat ${SERVER_TOKEN_FILE}`)} prints`,
        '`K10<CA hash>::server:<passphrase>`. With the CA hash a joining node checks that it talks to this cluster before it',
        'sends the passphrase; with the bare passphrase it would trust any certificate authority. Paste it on each node, never',
        'into the repository.',
      );
    } else if (node.role === 'server') {
      const count = servers.indexOf(node) + 1;
      out.push(
        `Check: \`sudo k3s kubectl get nodes -l node-role.kubernetes.io/control-plane=true\` shows ${count} servers \`Ready\`.` +
          ' One server at a time: wait for this before the next.',
        ...(count === 2
          ? [
              '',
              'Should K3s stop with "critical configuration value mismatch", `sudo journalctl -u k3s` names the value, e.g.',
              `\`critical configuration mismatched: cluster-cidr\`. A joining server compares \`cluster-cidr\`, \`service-cidr\` and`,
              `whether \`servicelb\` is disabled with ${first.name}'s (not the rest of \`disable\`); the files here agree, so look for a`,
              'drop-in of your own in `/etc/rancher/k3s/config.yaml.d/`.',
            ]
          : []),
      );
    } else {
      out.push(`Check, on ${first.name}: ${code(`sudo k3s kubectl get node ${shellQuote(node.name)}`)} shows it \`Ready\`.`);
    }
    return [...out, ''];
  };

  const manual = [
    'Install the manifests on every server, from a checkout of this repository there (built as yourself, so root does not',
    `compile into it): \`npm ci && npm run build\`, then ${code(`sudo npm run k3s:install -- --cluster ${shellQuote(name)}`)}.`,
    `On ${first.name} first remove the ${KUBE_VIP_MANIFEST} copied by hand (\`sudo rm ${MANIFESTS_DIR}/${KUBE_VIP_MANIFEST}\`; K3s keeps`,
    'its objects): k3s:install never overwrites a file it did not install. By hand instead, copy',
    `${manifests.map(code).join(', ')} into \`${MANIFESTS_DIR}/\` of every server.`,
    '',
    'Check: `kubectl -n kube-system get svc traefik` shows its VIP under `EXTERNAL-IP`.',
    '',
  ];
  const steps = [...servers, ...agents].map((node, i) => nodeSteps(node, i + 1)).flat();
  const next = servers.length + agents.length + 1;
  const props = { name, config, inventory, manifests };
  return [
    '## Bootstrap',
    '',
    'Run it top to bottom, one node at a time; every step ends with a check that must pass before the next.',
    `The token never enters the repository: a passphrase is created on ${first.name}, and the full token K3s makes from it`,
    `there is pasted into ${code(tokenFile)} on the others.`,
    version
      ? `Every node installs K3s ${version} (\`k3s.version\`).`
      : 'Without `k3s.version` the installer takes the newest stable K3s: set it to pin the release.',
    '',
    ...portsSection(props),
    ...steps,
    ...kubeconfigStep(next, props),
    ...(config.gitops ? gitopsStep(next + 1, props) : [`### ${next + 1}. The manifests`, '', ...manual]),
    ...(config.certManager ? certManagerStep(next + 2, props) : []),
    ...(config.traefik.gateway ? gatewayStep(next + (config.certManager ? 3 : 2), config.traefik.gateway.name) : []),
  ];
}
