import type { ClusterConfig } from '../config/schema';
import type { K3sInventory } from '../k3s/inventory';
import { GATEWAY_NAMESPACE, gatewayTlsSecretName } from '../gateway/model';
import { parseCidr, urlHost } from '../net/ip';
import { code, sh, shellQuote } from './markdown';

/**
 * The steps of the bootstrap runbook around the nodes' own: the ports to open before, and after
 * them kubectl on the workstation, the GitOps engine and the checks of cert-manager. Facts:
 * docs.k3s.io/installation/requirements (ports, ufw), docs.k3s.io/cluster-access (kubeconfig),
 * fluxcd.io/flux/installation and argo-cd.readthedocs.io getting_started (installs),
 * k3s-io/k3s pkg/deploy/controller.go (manifests are force-applied at start; a deleted file deletes nothing).
 */
export interface RunbookStepProps {
  /** Cluster (and folder) name. */
  readonly name: string;
  readonly config: ClusterConfig;
  readonly inventory: K3sInventory;
  /** Manifest files of the folder, in kustomization order. */
  readonly manifests: readonly string[];
}

const MANIFESTS_DIR = '/var/lib/rancher/k3s/server/manifests';
/** The manifest the first server gets by hand before K3s starts (see runbook.ts). */
const KUBE_VIP_MANIFEST = 'kube-vip.yaml';
/** The kubeconfig K3s writes on every server, for https://127.0.0.1:6443 (or [::1] on IPv6-only servers). */
const K3S_KUBECONFIG = '/etc/rancher/k3s/k3s.yaml';

/** The LAN every node is on: k3s.nodeCidr when it is of the first server's family, else that server's /24 (or /64). */
function lanOf({ config, inventory }: RunbookStepProps): string {
  const first = inventory.servers[0].address;
  const node = config.k3s.nodeCidr ? parseCidr(config.k3s.nodeCidr) : undefined;
  const guessed = parseCidr(`${first}/${first.includes(':') ? 64 : 24}`);
  return (node && node.family === guessed?.family ? node : guessed)?.text ?? first;
}

/** `### Before you start: ports`: what every node's firewall must let through, and ufw commands for it. */
export function portsSection(props: RunbookStepProps): string[] {
  const { config, inventory } = props;
  const bgp = config.kubeVip.mode === 'bgp';
  const lan = lanOf(props);
  const peers = bgp ? (config.kubeVip.bgp?.peers ?? []).map((peer) => peer.address) : [];
  const servicePorts = (protocol: 'TCP' | 'UDP') =>
    config.loadBalancers.flatMap((lb) => lb.ports.filter((port) => port.protocol === protocol).map((port) => port.port));
  const clientPorts = [...new Set([80, 443, ...servicePorts('TCP')])];
  const clientUdpPorts = [...new Set(servicePorts('UDP'))];
  const networks = [config.k3s.clusterCidr, config.k3s.serviceCidr].flatMap((cidr) => cidr.split(','));
  const rows = [
    '| Port | Between | For |',
    '| --- | --- | --- |',
    '| TCP 6443 | every node and your workstation → the servers and the control-plane VIP | the Kubernetes API; nodes join through it |',
    '| TCP 2379-2380 | server ↔ server | embedded etcd |',
    '| TCP 10250 | every node ↔ every node | kubelet (logs, exec, metrics) |',
    '| UDP 8472 | every node ↔ every node | flannel VXLAN, the pod network: never open it to the internet |',
    ...(bgp ? ['| TCP 179 | every server ↔ its BGP peers | kube-vip BGP sessions (`kubeVip.mode: bgp`) |'] : []),
    `| TCP ${clientPorts.join(', ')} | clients → the VIPs (on whichever node holds them) | Traefik${clientPorts.length > 2 ? ' and the LoadBalancer Services' : ''} |`,
    ...(clientUdpPorts.length ? [`| UDP ${clientUdpPorts.join(', ')} | clients → the VIPs | the LoadBalancer Services |`] : []),
  ];
  return [
    '### Before you start: the ports between the nodes',
    '',
    ...rows,
    '',
    bgp
      ? 'kube-vip speaks BGP from every server to the routers, so TCP 179 must pass both ways.'
      : 'kube-vip in ARP mode needs no port of its own (ARP is not IP), but every server must be on the same LAN segment as the VIPs.',
    `With ufw on the nodes (Ubuntu), on each node (K3s also needs its pod and Service networks let through):`,
    '',
    ...sh(
      `sudo ufw allow from ${shellQuote(lan)} proto tcp to any port 6443,2379:2380,10250`,
      `sudo ufw allow from ${shellQuote(lan)} proto udp to any port 8472`,
      ...networks.map((cidr) => `sudo ufw allow from ${shellQuote(cidr)} to any`),
      ...peers.map((peer) => `sudo ufw allow from ${shellQuote(peer)} proto tcp to any port 179`),
      `sudo ufw allow proto tcp to any port ${clientPorts.join(',')}`,
      ...(clientUdpPorts.length ? [`sudo ufw allow proto udp to any port ${clientUdpPorts.join(',')}`] : []),
    ),
    '',
    `Only ${inventory.servers.length > 1 ? 'the servers need' : 'the server needs'} 2379-2380; a cloud or router firewall between the nodes needs the same rules.`,
    '',
  ];
}

/** `### N. kubectl on your workstation`: K3s' admin kubeconfig, pointed at the control-plane VIP. */
export function kubeconfigStep(step: number, { name, inventory }: RunbookStepProps): string[] {
  const first = inventory.servers[0];
  const file = `k3s-${name}.yaml`;
  const local = `~/.kube/${file}`;
  const api = inventory.joinUrl;
  const host = shellQuote(first.address);
  const sed = [`s#//127\\.0\\.0\\.1:6443#//${api.slice('https://'.length)}#`, `s#//\\[::1\\]:6443#//${api.slice('https://'.length)}#`];
  const count = inventory.nodes.length;
  return [
    `### ${step}. kubectl on your workstation`,
    '',
    `K3s wrote the cluster's admin kubeconfig to ${code(K3S_KUBECONFIG)} on ${first.name}, readable by root only and for`,
    `\`https://127.0.0.1:6443\`. Fetch it and point it at ${inventory.joinTarget} (${code(api)}). \`ssh -t\` gives sudo a terminal`,
    'to ask for your password; a copy made by sudo and owned by you is what `scp` fetches:',
    '',
    ...sh(
      `ssh -t ${host} ${shellQuote(`sudo install -m 600 -o "$(id -u)" ${K3S_KUBECONFIG} ${file}`)}`,
      `mkdir -p ~/.kube && scp ${shellQuote(`${urlHost(first.address)}:${file}`)} ${local} && ssh ${host} rm ${file}`,
      `sed -i.orig ${sed.map((script) => `-e ${shellQuote(script)}`).join(' ')} ${local} && rm ${local}.orig`,
      `export KUBECONFIG=${local}`,
    ),
    '',
    `Check: \`kubectl get nodes\` lists all ${count} nodes \`Ready\`, with TLS verified (no \`--insecure-skip-tls-verify\`):`,
    `${inventory.controlPlaneAddress ? 'the VIP is in the API certificate' : 'the address is in the API certificate'}. The file holds the cluster's admin credentials: keep it out of the repository.`,
    '',
  ];
}

/**
 * `### N. <engine> deploys this folder`: install the engine and check it, apply the folder's GitOps
 * object and check that, then hand the kube-vip.yaml copied in step 1 over to Git.
 */
export function gitopsStep(step: number, { name, config, inventory, manifests }: RunbookStepProps): string[] {
  const { engine } = config.gitops!;
  const first = inventory.servers[0];
  const object = `gitops/${engine}.yaml`;
  const app = `k3s-vip-${name}`;
  const install =
    engine === 'flux'
      ? [
          'Flux must run in the cluster before its objects can be applied. With the flux CLI (fluxcd.io/flux/installation):',
          '',
          ...sh('flux install', 'flux check'),
          '',
          'Without it: `kubectl apply -f https://github.com/fluxcd/flux2/releases/latest/download/install.yaml` (better a',
          'pinned release than `latest`), then `kubectl -n flux-system wait --for=condition=Available deployment --all --timeout=5m`.',
        ]
      : [
          'Argo CD must run in the cluster before its objects can be applied (argo-cd.readthedocs.io, Getting Started; pin a',
          'release instead of `stable` for production):',
          '',
          ...sh(
            'kubectl create namespace argocd',
            'kubectl apply -n argocd --server-side --force-conflicts -f https://raw.githubusercontent.com/argoproj/argo-cd/stable/manifests/install.yaml',
            'kubectl -n argocd wait --for=condition=Available deployment --all --timeout=5m',
          ),
        ];
  const check =
    engine === 'flux'
      ? `kubectl -n flux-system wait --for=condition=Ready kustomization/${app} --timeout=10m`
      : `kubectl -n argocd wait --for=jsonpath='{.status.sync.status}'=Synced application/${app} --timeout=10m`;
  const handOver = manifests.includes(KUBE_VIP_MANIFEST)
    ? [
        `Then hand the ${code(KUBE_VIP_MANIFEST)} copied by hand in step 1 over to Git. K3s force-applies every file of its manifests`,
        `folder at each start, so that copy would undo later changes from Git (a new kube-vip version) until the next sync. Delete`,
        `it: K3s keeps the objects of a deleted file, and ${engine === 'flux' ? 'Flux' : 'Argo CD'} owns them now. Never put`,
        '`disable: [kube-vip]` into the K3s config instead: that deletes the objects too.',
        '',
        ...sh(`ssh -t ${shellQuote(first.address)} sudo rm ${MANIFESTS_DIR}/${KUBE_VIP_MANIFEST}`),
        '',
      ]
    : [];
  return [
    `### ${step}. ${engine === 'flux' ? 'Flux' : 'Argo CD'} deploys this folder`,
    '',
    ...install,
    '',
    `Then commit and push this folder (the engine reads Git, not your workstation) and, in ${code(`dist/${name}/`)}:`,
    '',
    ...sh(`kubectl apply -f ${object}`, check),
    '',
    engine === 'flux'
      ? `Check: \`flux get kustomizations\` shows ${code(app)} \`Ready\`.`
      : `Check: \`kubectl -n argocd get application ${app}\` shows \`Synced\` and \`Healthy\`.`,
    `Without kubectl on the workstation: \`scp ${object} ${urlHost(first.address)}:\`, then`,
    `${code(`ssh -t ${shellQuote(first.address)} sudo k3s kubectl apply -f ${engine}.yaml`)} (with \`-t\`, sudo can ask for your password).`,
    '',
    ...handOver,
    'Check: `kubectl -n kube-system get svc traefik` shows its VIP under `EXTERNAL-IP`.',
    '',
  ];
}

/** `### N. cert-manager and the certificates`: the chart installed, every issuer and every certificate Ready. */
export function certManagerStep(step: number, { config }: RunbookStepProps): string[] {
  const issuers = Object.keys(config.certManager?.issuers ?? {});
  const certificates = config.ingresses.filter((ingress) => ingress.tls?.issuer);
  // The Gateway's certificates: cert-manager's gateway-shim names each after its listener's Secret.
  const gatewayCertificates = [...new Set(config.httpRoutes.filter((route) => route.tls?.issuer).map((route) => route.host))].map(
    gatewayTlsSecretName,
  );
  return [
    `### ${step}. cert-manager and the certificates`,
    '',
    "K3s' helm-controller installs the chart (Job `helm-install-cert-manager` in kube-system); the issuers wait for it, and each",
    'Ingress with `tls.issuer` gets a Certificate named after its Secret `<ingress>-tls` (each HTTPS host of the Gateway one',
    `named after its Secret \`tls.<host>\` in ${GATEWAY_NAMESPACE}). Wait for each in turn:`,
    '',
    ...sh(
      'kubectl -n kube-system wait --for=condition=complete job/helm-install-cert-manager --timeout=10m',
      'kubectl -n cert-manager wait --for=condition=Available deployment --all --timeout=5m',
      ...issuers.map((issuer) => `kubectl wait --for=condition=Ready ${shellQuote(`clusterissuer/${issuer}`)} --timeout=5m`),
      ...certificates.map(
        (ingress) =>
          `kubectl -n ${shellQuote(ingress.namespace)} wait --for=condition=Ready ${shellQuote(`certificate/${ingress.name}-tls`)} --timeout=10m`,
      ),
      ...gatewayCertificates.map(
        (certificate) =>
          `kubectl -n ${GATEWAY_NAMESPACE} wait --for=condition=Ready ${shellQuote(`certificate/${certificate}`)} --timeout=10m`,
      ),
    ),
    '',
    `Check: \`kubectl get clusterissuers\` and \`kubectl get certificates -A\` show every one \`READY True\`. A certificate that stays`,
    '`False`: `kubectl describe certificaterequest,order,challenge -A` says why (DNS not pointing at the Traefik VIP, port 80',
    'closed from the internet for HTTP-01, a wrong DNS-01 token Secret).',
    '',
  ];
}

/** `### N. The Gateway`: Traefik accepted the GatewayClass and programmed the Gateway with its VIP. */
export function gatewayStep(step: number, gateway: string): string[] {
  return [
    `### ${step}. The Gateway`,
    '',
    `Check: ${code('kubectl get gatewayclass traefik')} shows \`ACCEPTED\` \`True\`, and ` +
      `${code(`kubectl -n ${GATEWAY_NAMESPACE} get gateway ${shellQuote(gateway)}`)} shows \`PROGRAMMED\` ` +
      "`True` with Traefik's VIP as `ADDRESS` (docs/gateway-api.md lists the checks of routes and certificates).",
    '',
  ];
}
