import { parse } from 'yaml';
import { DEV_YAML, synthFiles, withChanges } from './helpers';

/** The reference config (three servers, ARP), with changes. */
const reference = (patch: object = {}) => withChanges(parse(DEV_YAML), patch);
const readme = (config: object) => synthFiles(config, 'home').get('README.md')!;
/** The positions of `texts` in `text`; each must be there, in this order. */
function inOrder(text: string, texts: string[]): void {
  const positions = texts.map((t) => text.indexOf(t));
  expect(Object.fromEntries(texts.map((t, i) => [t, positions[i] >= 0]))).toEqual(Object.fromEntries(texts.map((t) => [t, true])));
  expect([...positions].sort((a, b) => a - b)).toEqual(positions);
}
const BGP = {
  kubeVip: {
    mode: 'bgp',
    interface: 'lo',
    bgp: { as: 65010, peers: [{ address: '192.168.0.1', as: 65000 }] },
  },
};
const HA = {
  traefik: { externalCertResolvers: undefined, replicas: 2 },
  certManager: { issuers: { letsencrypt: { email: 'me@home.arpa' } } },
  ingresses: [
    { name: 'frontend-ingress', namespace: 'web', host: 'k3s.home.arpa', service: 'frontend', port: 80, tls: { issuer: 'letsencrypt' } },
  ],
};

describe('the runbook: ports first', () => {
  test('ARP: the K3s ports, no BGP, the ufw rules for the LAN and the pod and Service networks, before the first node', () => {
    const text = readme(reference());
    inOrder(text, [
      '### Before you start: the ports between the nodes',
      '| TCP 6443 |',
      '| TCP 2379-2380 | server ↔ server | embedded etcd |',
      '| TCP 10250 |',
      '| UDP 8472 | every node ↔ every node | flannel VXLAN',
      'kube-vip in ARP mode needs no port of its own',
      'sudo ufw allow from 192.168.0.0/24 proto tcp to any port 6443,2379:2380,10250\n',
      'sudo ufw allow from 192.168.0.0/24 proto udp to any port 8472\n',
      'sudo ufw allow from 10.42.0.0/16 to any\n',
      'sudo ufw allow from 10.43.0.0/16 to any\n',
      '### 1. `k3s-1`',
    ]);
    expect(text).not.toContain('179');
  });

  test('BGP: TCP 179 to every peer', () => {
    const config = reference(BGP);
    delete config.k3s.servers[0].interface;
    const text = readme(config);
    expect(text).toContain('| TCP 179 | every server ↔ its BGP peers |');
    expect(text).toContain('sudo ufw allow from 192.168.0.1 proto tcp to any port 179\n');
    expect(text).not.toContain('ARP mode needs no port');
  });

  test('k3s.nodeCidr is the LAN; the LoadBalancer Services add their ports, TCP and UDP', () => {
    const text = readme(
      reference({
        k3s: { nodeCidr: '192.168.0.0/23' },
        loadBalancers: [
          { name: 'db', selector: { app: 'db' }, ports: [{ port: 5432 }], ips: ['192.168.0.42'] },
          { name: 'game', selector: { app: 'game' }, ports: [{ port: 27015, protocol: 'UDP' }], ips: ['192.168.0.43'] },
        ],
      }),
    );
    expect(text).toContain('sudo ufw allow from 192.168.0.0/23 proto tcp to any port 6443,2379:2380,10250\n');
    expect(text).toContain('sudo ufw allow proto tcp to any port 80,443,5432\n');
    expect(text).toContain('sudo ufw allow proto udp to any port 27015\n');
  });
});

describe('the runbook: from the nodes to a cluster managed from the workstation', () => {
  test('the kubeconfig comes with ssh -t (sudo may ask for a password), through scp, pointed at the VIP', () => {
    const text = readme(reference());
    inOrder(text, [
      '### 3. `k3s-3`',
      '### 4. kubectl on your workstation',
      'ssh -t 192.168.0.11 \'sudo install -m 600 -o "$(id -u)" /etc/rancher/k3s/k3s.yaml k3s-home.yaml\'\n',
      'mkdir -p ~/.kube && scp 192.168.0.11:k3s-home.yaml ~/.kube/k3s-home.yaml && ssh 192.168.0.11 rm k3s-home.yaml\n',
      "sed -i.orig -e 's#//127\\.0\\.0\\.1:6443#//192.168.0.40:6443#'",
      'export KUBECONFIG=~/.kube/k3s-home.yaml\n',
      'Check: `kubectl get nodes` lists all 3 nodes `Ready`',
    ]);
  });

  test('without a control-plane VIP, the kubeconfig points at the first server', () => {
    const text = readme(reference({ kubeVip: { controlPlane: undefined } }));
    expect(text).toContain("sed -i.orig -e 's#//127\\.0\\.0\\.1:6443#//192.168.0.11:6443#'");
  });

  test('every sudo through ssh has a terminal (-t) to ask for a password, and no ssh reads a redirected file', () => {
    for (const engine of ['flux', 'argocd']) {
      const lines = readme(reference({ ...HA, gitops: { engine, repoURL: 'https://git.home.arpa/infra.git' } })).split('\n');
      const viaSsh = lines.filter((line) => /\bssh\b/.test(line));
      expect(viaSsh.filter((line) => /\bsudo\b/.test(line)).length).toBeGreaterThan(2);
      expect(viaSsh.filter((line) => /\bssh (?!-t )[^`]*\bsudo\b/.test(line))).toEqual([]);
      expect(viaSsh.filter((line) => /\s<\s/.test(line))).toEqual([]);
    }
  });
});

describe('the runbook: GitOps', () => {
  test.each([
    [
      'flux',
      ['### 5. Flux deploys this folder', 'flux install\nflux check\n', 'releases/latest/download/install.yaml'],
      'kubectl -n flux-system wait --for=condition=Ready kustomization/k3s-vip-home --timeout=10m',
    ],
    [
      'argocd',
      [
        '### 5. Argo CD deploys this folder',
        'kubectl create namespace argocd\n',
        'kubectl apply -n argocd --server-side --force-conflicts -f https://raw.githubusercontent.com/argoproj/argo-cd/stable/manifests/install.yaml\n',
        'kubectl -n argocd wait --for=condition=Available deployment --all --timeout=5m\n',
      ],
      "kubectl -n argocd wait --for=jsonpath='{.status.sync.status}'=Synced application/k3s-vip-home --timeout=10m",
    ],
  ])(
    '%s: installed and checked before its object is applied, which is checked; then the hand copy handed over',
    (engine, install, check) => {
      const text = readme(reference({ gitops: { engine, repoURL: 'https://git.home.arpa/infra.git' } }));
      inOrder(text, [
        '### 4. kubectl on your workstation',
        ...install,
        'Then commit and push this folder',
        `kubectl apply -f gitops/${engine}.yaml\n`,
        check,
        `Without kubectl on the workstation: \`scp gitops/${engine}.yaml 192.168.0.11:\`, then`,
        `\`ssh -t 192.168.0.11 sudo k3s kubectl apply -f ${engine}.yaml\``,
        'ssh -t 192.168.0.11 sudo rm /var/lib/rancher/k3s/server/manifests/kube-vip.yaml\n',
        'Check: `kubectl -n kube-system get svc traefik` shows its VIP',
      ]);
      expect(text).toContain('K3s force-applies every file of its manifests');
      expect(text).not.toContain('k3s:install');
    },
  );

  test('without GitOps: k3s:install on every server, after the hand copy is removed', () => {
    const text = readme(reference());
    inOrder(text, [
      '### 5. The manifests',
      'sudo rm /var/lib/rancher/k3s/server/manifests/kube-vip.yaml',
      'Check: `kubectl -n kube-system get svc traefik` shows its VIP',
    ]);
    expect(text).not.toContain('deploys this folder');
  });
});

describe('the runbook: cert-manager', () => {
  test('a check step for the chart, each issuer and each certificate, after the manifests', () => {
    const text = readme(
      reference({
        ...HA,
        certManager: { issuers: { letsencrypt: { email: 'me@home.arpa' }, staging: { email: 'me@home.arpa', server: 'staging' } } },
      }),
    );
    inOrder(text, [
      '### 5. The manifests',
      '### 6. cert-manager and the certificates',
      'kubectl -n kube-system wait --for=condition=complete job/helm-install-cert-manager --timeout=10m\n',
      'kubectl -n cert-manager wait --for=condition=Available deployment --all --timeout=5m\n',
      'kubectl wait --for=condition=Ready clusterissuer/letsencrypt --timeout=5m\n',
      'kubectl wait --for=condition=Ready clusterissuer/staging --timeout=5m\n',
      'kubectl -n web wait --for=condition=Ready certificate/frontend-ingress-tls --timeout=10m\n',
      'Check: `kubectl get clusterissuers` and `kubectl get certificates -A`',
    ]);
  });

  test('no step without cert-manager', () => {
    expect(readme(reference())).not.toContain('cert-manager');
  });
});

describe('the runbook: the Gateway', () => {
  const routes = [
    { name: 'blog', namespace: 'blog', host: 'blog.home.arpa', service: 'blog', port: 8080, tls: { issuer: 'letsencrypt' } },
    {
      name: 'blog-api',
      namespace: 'blog',
      host: 'blog.home.arpa',
      path: '/api',
      service: 'api',
      port: 8081,
      tls: { issuer: 'letsencrypt' },
    },
    { name: 'status', namespace: 'monitoring', host: 'status.home.arpa', service: 'uptime', port: 3001 },
  ];

  test("each HTTPS host's certificate (kube-system, named after its Secret) is waited for once, then the Gateway is checked last", () => {
    const text = readme(reference({ ...HA, traefik: { ...HA.traefik, redirectToHttps: false, gateway: {} }, httpRoutes: routes }));
    inOrder(text, [
      '### 5. The manifests',
      '### 6. cert-manager and the certificates',
      'kubectl -n web wait --for=condition=Ready certificate/frontend-ingress-tls --timeout=10m\n',
      'kubectl -n kube-system wait --for=condition=Ready certificate/tls.blog.home.arpa --timeout=10m\n',
      '### 7. The Gateway',
      'Check: `kubectl get gatewayclass traefik` shows `ACCEPTED` `True`, and `kubectl -n kube-system get gateway traefik` shows `PROGRAMMED`',
    ]);
    expect(text.split('certificate/tls.blog.home.arpa').length).toBe(2);
    expect(text).not.toContain('tls.status.home.arpa');
  });

  test('without cert-manager the Gateway check follows the manifests; without a Gateway there is none', () => {
    const text = readme(
      reference({ traefik: { redirectToHttps: false, gateway: {} }, httpRoutes: routes.map((route) => ({ ...route, tls: undefined })) }),
    );
    inOrder(text, ['### 5. The manifests', '### 6. The Gateway']);
    expect(readme(reference())).not.toContain('gatewayclass');
  });
});
