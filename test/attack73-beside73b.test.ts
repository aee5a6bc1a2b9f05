import { ApiObject, App, Chart } from 'cdk8s';
import { K3sVipCluster } from '../src/index';
import { clusterProps, refusalOf } from './helpers';

/**
 * Round 73 (beside73b): objects beside a K3sVipCluster meet the rules the config door gives the same kind.
 * 73a-5, 73a-10: a Traefik CRD route beside the cluster is judged as an item of its traefik.values.extraObjects with
 * the config door's function (an entrypoint Traefik does not have, a warning; a CRD provider that never reads it).
 * 73a-7: a beside Ingress with both a ClusterIssuer and a certResolver is refused as ingresses[].tls is. 73a-11: its
 * warnings say a generated-looking value by its size. 73a-13: an autoscaler or budget over Traefik beside the cluster
 * is not called an extraObjects item. Each refused row has a passing neighbour.
 */
type Props = Record<string, any>;
const base = (): Props => clusterProps() as Props;
const withValues = (values: object): Props => {
  const props = base();
  props.traefik.values = values;
  return props;
};

function beside(props: Props, ...objects: object[]): { refusal: string; warnings: string } {
  let warnings = '';
  const refusal = refusalOf(() => {
    const app = new App();
    const cluster = new K3sVipCluster(app, 'dev', props as never);
    const chart = new Chart(app, 'x');
    objects.forEach((o, i) => new ApiObject(chart, `o${i}`, o as never));
    app.synthYaml();
    warnings = cluster.warnings.map((w) => w.message).join('\n');
  });
  return { refusal, warnings };
}

const ingressRoute = (namespace: string, entryPoints = ['websecure'], metadata: object = {}) => ({
  apiVersion: 'traefik.io/v1alpha1',
  kind: 'IngressRoute',
  metadata: { name: 'ir', namespace, ...metadata },
  spec: { entryPoints, routes: [{ match: 'Host(`b.code-place-dev.site`)', kind: 'Rule', services: [{ name: 'x', port: 80 }] }] },
});
const ingress = (annotations: Record<string, string>, host = 'y.code-place-dev.site', tls = false) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'y', namespace: 'default', annotations },
  spec: {
    ingressClassName: 'traefik',
    ...(tls && { tls: [{ hosts: [host], secretName: 'y-tls' }] }),
    rules: [{ host, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 's', port: { number: 80 } } } }] } }],
  },
});
const issuerProps = (): Props => ({ ...base(), certManager: { issuers: { le: { email: 'ops@code-place-dev.site' } } } });
const ISSUER = 'cert-manager.io/cluster-issuer';
const RESOLVER = 'traefik.ingress.kubernetes.io/router.tls.certresolver';
const ENTRYPOINTS = 'traefik.ingress.kubernetes.io/router.entrypoints';
const UNSHOWN = /a text of 16 letters and digits that looks generated, not shown/;

describe('73a-5: an IngressRoute beside the cluster on an entrypoint Traefik does not have is warned', () => {
  test.each([
    ['nosuch', true],
    ['websecure', false],
    ['web', false],
  ])('entryPoints [%s] warned: %s', (entrypoint, warned) => {
    const { refusal, warnings } = beside(base(), ingressRoute('default', [entrypoint]));
    expect(refusal).toBe('');
    const line = /IngressRoute\/default\/ir \(construct x\/o0\): spec.entryPoints\[0\] is "nosuch", which names no entrypoint/;
    if (warned) expect(warnings).toMatch(line);
    else expect(warnings).not.toMatch(/IngressRoute/);
  });
});

describe("73a-10: an IngressRoute beside the cluster that Traefik's CRD provider never reads is refused", () => {
  const crd = (kubernetesCRD: object) => withValues({ providers: { kubernetesCRD } });
  const flag = (arg: string) => withValues({ additionalArguments: [arg] });
  test.each<[string, Props, object, RegExp | undefined]>([
    ['namespaces, other namespace', crd({ namespaces: ['default'] }), ingressRoute('apps'), /providers.kubernetesCRD.namespaces makes/],
    ['namespaces, watched namespace', crd({ namespaces: ['default'] }), ingressRoute('default'), undefined],
    [
      'labelSelector, unlabelled',
      crd({ labelSelector: 'expose=true' }),
      ingressRoute('apps'),
      /providers.kubernetesCRD.labelSelector makes/,
    ],
    [
      'labelSelector, labelled',
      crd({ labelSelector: 'expose=true' }),
      ingressRoute('apps', undefined, { labels: { expose: 'true' } }),
      undefined,
    ],
    ['ingressClass, unannotated', crd({ ingressClass: 'foo' }), ingressRoute('apps'), /providers.kubernetesCRD.ingressClass makes/],
    [
      'ingressClass, annotated',
      crd({ ingressClass: 'foo' }),
      ingressRoute('apps', undefined, { annotations: { 'kubernetes.io/ingress.class': 'foo' } }),
      undefined,
    ],
    [
      'provider off',
      crd({ enabled: false }),
      ingressRoute('apps'),
      /providers.kubernetesCRD.enabled turns Traefik's Kubernetes CRD provider off/,
    ],
    ['provider on', crd({ enabled: true }), ingressRoute('apps'), undefined],
    ['namespaces flag', flag('--providers.kubernetescrd.namespaces=default'), ingressRoute('apps'), /additionalArguments\[0\] makes/],
    ['namespaces flag, watched', flag('--providers.kubernetescrd.namespaces=default,apps'), ingressRoute('apps'), undefined],
    [
      'labelselector flag',
      flag('--providers.kubernetescrd.labelselector=expose=true'),
      ingressRoute('apps'),
      /additionalArguments\[0\] makes/,
    ],
  ])('%s', (_name, props, route, refused) => {
    const { refusal } = beside(props, route);
    if (refused) {
      expect(refusal).toMatch(/x\.yaml: IngressRoute\/apps\/ir \(construct x\/o0\): K3sVipCluster dev's traefik\.values\./);
      expect(refusal).toMatch(refused);
    } else expect(refusal).toBe('');
  });
});

describe('73a-2 neighbour: an IngressRoute beside the cluster that takes the HTTP-01 challenge is still refused', () => {
  const props = (): Props => {
    const p = issuerProps();
    p.traefik.redirectToHttps = false;
    p.ingresses[0].tls = { issuer: 'le' };
    return p;
  };
  const catcher = (priority: number) => ({
    apiVersion: 'traefik.io/v1alpha1',
    kind: 'IngressRoute',
    metadata: { name: 'catch', namespace: 'default' },
    spec: {
      routes: [
        {
          match: 'Host(`k3s.code-place-dev.site`) && PathPrefix(`/.well-known`)',
          kind: 'Rule',
          priority,
          services: [{ name: 'x', port: 80 }],
        },
      ],
    },
  });
  test.each([
    [100000, true],
    [10, false],
  ])('priority %d refused: %s', (priority, refused) => {
    const { refusal } = beside(props(), catcher(priority));
    if (refused) expect(refusal).toMatch(/IngressRoute\/default\/catch \(construct x\/o0\): spec.routes\[0\].match matches host/);
    else expect(refusal).toBe('');
  });
});

describe('73a-7: a beside Ingress with both a ClusterIssuer and a certResolver is refused', () => {
  test.each<[string, Record<string, string>, boolean]>([
    ['both', { [ISSUER]: 'le', [RESOLVER]: 'default' }, true],
    ['issuer only', { [ISSUER]: 'le' }, false],
    ['resolver only', { [RESOLVER]: 'default' }, false],
  ])('%s', (_name, annotations, refused) => {
    const { refusal } = beside(issuerProps(), ingress(annotations, 'y.code-place-dev.site', true));
    if (refused)
      expect(refusal).toMatch(
        /Ingress\/default\/y \(construct x\/o0\): metadata.annotations\["cert-manager.io\/cluster-issuer"\] "le" and .*"default" are both set/,
      );
    else expect(refusal).toBe('');
  });
});

describe('73a-11: warnings about a beside Ingress say a generated-looking value by its size', () => {
  test('a router.entrypoints item', () => {
    const { refusal, warnings } = beside(base(), ingress({ [ENTRYPOINTS]: 'web,Zq9vW2xLk7PmR4tY' }));
    expect(refusal).toBe('');
    expect(warnings).toMatch(UNSHOWN);
    expect(warnings).not.toContain('Zq9vW2xLk7PmR4tY');
  });
  test('a plain misspelt entrypoint is still quoted', () => {
    expect(beside(base(), ingress({ [ENTRYPOINTS]: 'web,nosuch2' })).warnings).toMatch(/item 2 is "nosuch2"/);
  });
  test('a single-label host', () => {
    const { warnings } = beside(base(), ingress({ [RESOLVER]: 'default' }, 'zq9vw2xlk7pmr4ty', true));
    expect(warnings).toMatch(new RegExp(`spec.rules\\[0\\].host \\(${UNSHOWN.source}`));
    // Nor in the advice's example host (it read `e.g. "zq9vw2xlk7pmr4ty.example.com"`).
    expect(warnings).not.toContain('zq9vw2xlk7pmr4ty');
    expect(warnings).toContain('(e.g. "<host>.example.com")');
  });
  test('a plain single-label host is still quoted', () => {
    expect(beside(base(), ingress({ [RESOLVER]: 'default' }, 'intranet', true)).warnings).toMatch(/host "intranet" is a single DNS label/);
  });
});

describe('73a-13: an autoscaler or budget over Traefik beside the cluster is not called an extraObjects item', () => {
  const hpa = (name: string) => ({
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 't2', namespace: 'kube-system' },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name }, minReplicas: 2, maxReplicas: 4 },
  });
  const pdb = (labels: object) => ({
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'p1', namespace: 'kube-system' },
    spec: { minAvailable: 1, selector: { matchLabels: labels } },
  });
  test.each<[string, object, RegExp | undefined]>([
    [
      'HPA of traefik',
      hpa('traefik'),
      /one written outside the chart's autoscaling .* remove the object, and set autoscaling in the values of the app's K3sVipCluster \(traefik.values\)/,
    ],
    ['HPA of another Deployment', hpa('other'), undefined],
    [
      'PDB over Traefik',
      pdb({ 'app.kubernetes.io/name': 'traefik' }),
      /a budget written outside the chart's podDisruptionBudget .* set podDisruptionBudget in the values/,
    ],
    ['PDB over other pods', pdb({ app: 'other' }), undefined],
  ])('%s', (_name, object, refused) => {
    const { refusal } = beside(base(), object);
    if (refused) {
      expect(refusal).toMatch(refused);
      expect(refusal).not.toMatch(/extraObjects|remove the item/);
    } else expect(refusal).toBe('');
  });
});
