// Round 63 (attack63b 1): what a construct renders after its props' checks (an `addJsonPatch`, a plain `ApiObject`
// added under it) is held to the conformance rules `npm run synth` runs over dist/, to the cluster IP rules of its
// Service network, and, for Traefik's values and the cluster's VIP Services, to "what was checked is what is deployed".
// Each row builds an app and synthesizes it; a refused row names the file, object and field (or the construct's path)
// and never the secret a row carries; a must-pass row is ordinary construct use.
import { ApiObject, App, Chart, JsonPatch, Testing } from 'cdk8s';
import { IConstruct } from 'constructs';
import { K3sVipCluster, LoadBalancerService, TraefikHelmChartConfig } from '../src';

// Built at run time, so no secret-shaped literal sits in the test's source.
const GITHUB_TOKEN = ['ghp', '_', 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef0123'].join('');
const CLUSTER = {
  kubeVip: { version: 'v1.2.3', interface: 'eth0', controlPlane: { address: '192.168.0.40' } },
  traefik: { loadBalancerIPs: ['192.168.0.41'] },
  loadBalancers: [{ name: 'db', selector: { app: 'db' }, ports: [{ port: 5432 }], ips: ['192.168.0.50'] }],
};
const LB = { name: 'db', selector: { app: 'db' }, ports: [{ port: 5432 }], ips: ['192.168.0.50'] };

const apiObjects = (scope: IConstruct): ApiObject[] => scope.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c));
const find = (scope: IConstruct, kind: string, name?: string): ApiObject => {
  const found = apiObjects(scope).find((o) => o.kind === kind && (name === undefined || o.name === name));
  if (!found) throw new Error(`no ${kind} ${name ?? ''}`);
  return found;
};
const clusterChart = (cluster: K3sVipCluster, id: string): Chart => cluster.node.findChild(id) as Chart;

/** A standalone chart `c` in a fresh app: `build` adds to it; returns the app. */
function inChart(build: (chart: Chart) => void): App {
  const app = Testing.app();
  build(new Chart(app, 'c'));
  return app;
}

/** A K3sVipCluster `dev` in a fresh app: `build` changes it; returns the app. */
function inCluster(build: (cluster: K3sVipCluster) => void): App {
  const app = Testing.app();
  build(new K3sVipCluster(app, 'dev', CLUSTER));
  return app;
}

function refusal(app: App): string {
  try {
    app.synthYaml();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('synthesized');
}

const SERVICE_X = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'x', namespace: 'default' } };

describe('63b-1: patches and added objects go through the conformance rules and the Service network', () => {
  const refused: Array<[string, () => App, string[]]> = [
    [
      'LoadBalancerService, port patched to 70000',
      () =>
        inChart((c) => {
          const s = new LoadBalancerService(c, 's', LB);
          find(s, 'Service').addJsonPatch(JsonPatch.replace('/spec/ports/0/port', 70000));
        }),
      ['c.yaml', 'Service/default/db', 'spec.ports[0].port', '1 to 65535'],
    ],
    [
      'K3sVipCluster, load balancer port patched to 70000',
      () => inCluster((k) => find(k, 'Service', 'db').addJsonPatch(JsonPatch.replace('/spec/ports/0/port', 70000))),
      ['dev/load-balancers.yaml', 'Service/default/db', 'spec.ports[0].port', '1 to 65535'],
    ],
    [
      'K3sVipCluster, plain Service: nodePort on ClusterIP, bad appProtocol',
      () =>
        inCluster((k) => {
          const spec = { ports: [{ port: 80, appProtocol: 'bad name!', nodePort: 30001 }], selector: { a: 'b' } };
          new ApiObject(clusterChart(k, 'kube-vip'), 'x', { ...SERVICE_X, spec });
        }),
      ['dev/kube-vip.yaml', 'Service/default/x', 'spec.ports[0].nodePort', 'spec.ports[0].appProtocol'],
    ],
    [
      'K3sVipCluster, plain Service asks for the kubernetes Service address',
      () =>
        inCluster((k) => {
          const spec = { clusterIP: '10.43.0.1', ports: [{ port: 80 }], selector: { a: 'b' } };
          new ApiObject(clusterChart(k, 'kube-vip'), 'x', { ...SERVICE_X, spec });
        }),
      ['dev/kube-vip.yaml', 'Service/default/x', 'spec.clusterIP', 'first address of k3s.serviceCidr', '`kubernetes` Service'],
    ],
    [
      'LoadBalancerService, an added Service with clusterIPs outside the custom network',
      () =>
        inChart((c) => {
          const s = new LoadBalancerService(c, 's', { ...LB, networks: { serviceCidr: '10.50.0.0/16' } });
          const spec = { clusterIP: '10.50.0.10', clusterIPs: ['10.50.0.10'], ports: [{ port: 80 }], selector: { a: 'b' } };
          new ApiObject(s, 'x', { ...SERVICE_X, spec });
        }),
      ['c.yaml', 'Service/default/x', 'spec.clusterIP', 'tenth address of networks.serviceCidr "10.50.0.0/16"', 'CoreDNS'],
    ],
    [
      'K3sVipCluster, plain Ingress with a bad API group spelling and name',
      () =>
        inCluster((k) => {
          new ApiObject(clusterChart(k, 'kube-vip'), 'y', {
            apiVersion: 'Networking.K8s.io/v1',
            kind: 'Ingress',
            metadata: { name: 'Bad_Name' },
          });
        }),
      ['dev/kube-vip.yaml', 'Ingress/Bad_Name', 'apiVersion', 'networking.k8s.io/v1', 'metadata.name'],
    ],
    [
      'TraefikHelmChartConfig, valuesContent patched (clusterIP 10.43.0.1, port 70000)',
      () =>
        inChart((c) => {
          const t = new TraefikHelmChartConfig(c, 't', { loadBalancerIPs: ['192.168.0.41'] });
          const text = 'service:\n  spec:\n    clusterIP: 10.43.0.1\nports:\n  web:\n    port: 70000\n';
          find(t, 'HelmChartConfig').addJsonPatch(JsonPatch.replace('/spec/valuesContent', text));
        }),
      ['c/t', 'spec.valuesContent', 'addJsonPatch', '`values` prop'],
    ],
    [
      'K3sVipCluster, Traefik values added as spec.values',
      () => inCluster((k) => find(k, 'HelmChartConfig').addJsonPatch(JsonPatch.add('/spec/values', { ports: { web: { port: 70000 } } }))),
      ['spec.values', 'merges it over', 'traefik.values'],
    ],
    [
      'K3sVipCluster, a second LoadBalancer Service on Traefik’s VIP (t10)',
      () =>
        inCluster((k) => {
          const metadata = { ...SERVICE_X.metadata, annotations: { 'kube-vip.io/loadbalancerIPs': '192.168.0.41' } };
          const spec = { type: 'LoadBalancer', selector: { a: 'b' }, ports: [{ port: 443 }] };
          new ApiObject(clusterChart(k, 'kube-vip'), 'x', { ...SERVICE_X, metadata, spec });
        }),
      ['dev/kube-vip/x', 'LoadBalancer Service added under this cluster', 'loadBalancers[]'],
    ],
    [
      'K3sVipCluster, the load balancer’s VIP annotation patched to Traefik’s VIP',
      () =>
        inCluster((k) =>
          find(k, 'Service', 'db').addJsonPatch(JsonPatch.replace('/metadata/annotations/kube-vip.io~1loadbalancerIPs', '192.168.0.41')),
        ),
      ['dev/load-balancers/', 'a patch changed', 'loadBalancers[]'],
    ],
    [
      'a secret in a patched object: the conformance finding never shows it',
      () =>
        inChart((c) => {
          const s = new LoadBalancerService(c, 's', LB);
          find(s, 'Service').addJsonPatch(JsonPatch.replace('/spec/ports/0/port', 70000));
          find(s, 'Service').addJsonPatch(JsonPatch.add('/metadata/labels', { token: GITHUB_TOKEN }));
        }),
      ['c.yaml', 'metadata.labels.token'],
    ],
  ];
  it.each(refused)('%s is refused', (_name, build, words) => {
    const message = refusal(build());
    for (const word of words) expect(message).toContain(word);
    expect(message).not.toContain(GITHUB_TOKEN);
    expect(message).not.toContain('ABCDEFGHIJKLMNOP');
    expect(message).not.toMatch(/\n\s+at /); // no stack trace
  });

  const pass: Array<[string, () => App]> = [
    ['K3sVipCluster as configured', () => inCluster(() => undefined)],
    [
      'K3sVipCluster, a plain ConfigMap and a labelled Service patch',
      () =>
        inCluster((k) => {
          new ApiObject(clusterChart(k, 'kube-vip'), 'cm', {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: { name: 'c', namespace: 'default' },
            data: { a: 'b' },
          });
          find(k, 'Service', 'db').addJsonPatch(JsonPatch.add('/metadata/labels', { team: 'db' }));
        }),
    ],
    [
      'K3sVipCluster, a ClusterIP Service with a free cluster IP',
      () =>
        inCluster((k) => {
          const spec = { clusterIP: '10.43.0.55', ports: [{ port: 80 }], selector: { a: 'b' } };
          new ApiObject(clusterChart(k, 'kube-vip'), 'x', { ...SERVICE_X, spec });
        }),
    ],
    [
      'TraefikHelmChartConfig, valuesSecrets and failurePolicy patched',
      () =>
        inChart((c) => {
          const t = new TraefikHelmChartConfig(c, 't', {
            loadBalancerIPs: ['192.168.0.41'],
            values: { service: { spec: { clusterIP: '10.43.0.55' } } },
          });
          find(t, 'HelmChartConfig').addJsonPatch(
            JsonPatch.add('/spec/valuesSecrets', [{ name: 'traefik-extra', keys: ['values.yaml'] }]),
            JsonPatch.add('/spec/failurePolicy', 'abort'),
          );
        }),
    ],
    [
      'LoadBalancerService with custom networks and an added Service in them',
      () =>
        inChart((c) => {
          const s = new LoadBalancerService(c, 's', { ...LB, networks: { serviceCidr: '10.50.0.0/16' } });
          new ApiObject(s, 'x', { ...SERVICE_X, spec: { clusterIP: '10.50.0.55', ports: [{ port: 80 }], selector: { a: 'b' } } });
        }),
    ],
  ];
  it.each(pass)('%s synthesizes', (_name, build) => {
    expect(() => build().synthYaml()).not.toThrow();
  });
});
