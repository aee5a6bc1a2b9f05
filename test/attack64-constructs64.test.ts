// Round 64 (attack64b 4, 5, 6): what a whole app of constructs renders is held to the YAML door's rules across objects
// (one identity, one cluster IP, no release of Traefik, cert-manager or kube-vip, one Service per VIP and port, no VIP in
// the Service network), and an empty VIP list is refused as the config refuses it. Each row builds an app and
// synthesizes it; a refused row names the file or construct, the object and the field, and never a secret the row
// carries; a must-pass row is ordinary construct use next to it.
import { ApiObject, App, Chart, JsonPatch, Testing } from 'cdk8s';
import { IConstruct } from 'constructs';
import { K3sVipCluster, LoadBalancerChart, LoadBalancerService, TraefikHelmChartConfig } from '../src';

// Built at run time, so no secret-shaped literal sits in the test's source.
const GITHUB_TOKEN = ['ghp', '_', 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef0123'].join('');
const CLUSTER = {
  kubeVip: { version: 'v1.2.3', interface: 'eth0', controlPlane: { address: '192.168.0.40' } },
  traefik: { loadBalancerIPs: ['192.168.0.41'] },
  k3s: { servers: [{ name: 'k3s-1', address: '192.168.0.11', interface: 'eth0' }] },
};
const LB = { name: 'db', namespace: 'default', selector: { app: 'db' }, ports: [{ port: 5432 }], ips: ['192.168.0.42'] };
const VIP = 'kube-vip.io/loadbalancerIPs';

const find = (scope: IConstruct, kind: string): ApiObject => {
  const found = scope.node.findAll().find((c): c is ApiObject => ApiObject.isApiObject(c) && c.kind === kind);
  if (!found) throw new Error(`no ${kind}`);
  return found;
};

/** A standalone chart `c` in a fresh app: `build` adds to it. */
function inChart(build: (chart: Chart, app: App) => void): App {
  const app = Testing.app();
  build(new Chart(app, 'c'), app);
  return app;
}

/** A K3sVipCluster `a` in a fresh app, and a chart `extra` under it: `build` adds to that. */
function inCluster(build: (extra: Chart, cluster: K3sVipCluster) => void): App {
  const app = Testing.app();
  const cluster = new K3sVipCluster(app, 'a', CLUSTER);
  build(new Chart(cluster, 'extra'), cluster);
  return app;
}

function refusal(build: () => App): string {
  try {
    build().synthYaml();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('synthesized');
}

const service = (name: string, spec: Record<string, unknown>, annotations?: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'default', ...(annotations && { annotations }) },
  spec: { selector: { a: 'b' }, ports: [{ port: 80 }], ...spec },
});
const configMap = (name: string, namespace = 'default', data: Record<string, string> = { a: '1' }) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace },
  data,
});
const HCC = { apiVersion: 'helm.cattle.io/v1', kind: 'HelmChartConfig' };

describe('64b-4, 64b-5, 64b-6: the YAML door’s cross-object rules over a whole app of constructs', () => {
  const refused: Array<[string, () => App, string[]]> = [
    [
      '64b-4 dupCIP: two Services with one clusterIP under the cluster',
      () =>
        inCluster((x) => {
          new ApiObject(x, 'x', service('x', { clusterIP: '10.43.0.50' }));
          new ApiObject(x, 'y', service('y', { clusterIP: '10.43.0.50' }));
        }),
      ['a/extra.yaml', 'Service/default/y', 'spec.clusterIP', '10.43.0.50', 'Service/default/x', 'already allocated'],
    ],
    [
      '64b-4 dupObj: two ConfigMaps default/x under the cluster',
      () =>
        inCluster((x) => {
          new ApiObject(x, 'x', configMap('x'));
          new ApiObject(x, 'y', configMap('x', 'default', { a: '2' }));
        }),
      ['a/extra.yaml', 'ConfigMap/default/x', 'construct a/extra/y', 'same object', 'another name'],
    ],
    [
      '64b-4 dupKubeVip: a second DaemonSet kube-system/kube-vip-ds',
      () =>
        inCluster((x) => {
          const pod = { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'x' }] } };
          new ApiObject(x, 'x', {
            apiVersion: 'apps/v1',
            kind: 'DaemonSet',
            metadata: { name: 'kube-vip-ds', namespace: 'kube-system' },
            spec: { selector: { matchLabels: { a: 'b' } }, template: pod },
          });
        }),
      ['a/extra.yaml', 'DaemonSet/kube-system/kube-vip-ds', 'a/kube-vip.yaml', 'same object'],
    ],
    [
      '64b-4 hcc2: a second HelmChartConfig kube-system/traefik under the cluster',
      () =>
        inCluster((x) => {
          const valuesContent = 'service:\n  spec:\n    loadBalancerIP: 192.168.0.99\n';
          new ApiObject(x, 'h', { ...HCC, metadata: { name: 'traefik', namespace: 'kube-system' }, spec: { valuesContent } });
        }),
      ['a/extra.yaml', 'HelmChartConfig/kube-system/traefik', 'a/traefik-config.yaml', 'same object'],
    ],
    [
      '64b-4 hcCustom: an upstream Traefik HelmChart under the cluster',
      () =>
        inCluster((x) => {
          const spec = { chart: 'traefik', repo: 'https://traefik.github.io/charts', valuesContent: 'service:\n  type: LoadBalancer\n' };
          new ApiObject(x, 'h', {
            apiVersion: 'helm.cattle.io/v1',
            kind: 'HelmChart',
            metadata: { name: 'edge', namespace: 'kube-system' },
            spec,
          });
        }),
      ['a/extra.yaml', 'HelmChart/kube-system/edge', "outside this tool's rules", 'TraefikHelmChartConfig props'],
    ],
    [
      '64b-4 neighbour: a Flux HelmRelease of cert-manager under the cluster',
      () =>
        inCluster((x) => {
          const spec = { chart: { spec: { chart: 'cert-manager', sourceRef: { kind: 'HelmRepository', name: 'jetstack' } } } };
          new ApiObject(x, 'h', {
            apiVersion: 'helm.toolkit.fluxcd.io/v2',
            kind: 'HelmRelease',
            metadata: { name: 'cm', namespace: 'flux-system' },
            spec,
          });
        }),
      ['HelmRelease/flux-system/cm', 'CertManagerHelmChart'],
    ],
    [
      '64b-4 standaloneHcc2: a second HelmChartConfig beside a TraefikHelmChartConfig',
      () =>
        inChart((c) => {
          new TraefikHelmChartConfig(c, 'h', { loadBalancerIPs: ['192.168.0.41'] });
          new ApiObject(c, 'x', { ...HCC, metadata: { name: 'traefik', namespace: 'kube-system' }, spec: { valuesContent: 'a: 1\n' } });
        }),
      ['c.yaml', 'HelmChartConfig/kube-system/traefik', 'construct c/x', 'same object'],
    ],
    [
      '64b-5 c10: LoadBalancerChart with two services on one VIP and port',
      () => {
        const app = Testing.app();
        new LoadBalancerChart(app, 'lbc', { services: [LB, { ...LB, name: 'db2' }] });
        return app;
      },
      [
        'lbc.yaml',
        'Service/default/db2',
        'metadata.annotations["kube-vip.io/loadbalancerIPs"]',
        'also the VIP of Service default/db',
        '5432/TCP',
      ],
    ],
    [
      '64b-5 sib: two LoadBalancerService siblings on one VIP and port',
      () =>
        inChart((c) => {
          new LoadBalancerService(c, 's', LB);
          new LoadBalancerService(c, 's2', { ...LB, name: 'db2' });
        }),
      ['c.yaml', 'Service/default/db2', 'also the VIP of Service default/db', '5432/TCP'],
    ],
    [
      '64b-5 c11 a: a LoadBalancerService on Traefik’s VIP and port 443',
      () =>
        inChart((c) => {
          new TraefikHelmChartConfig(c, 't', { loadBalancerIPs: ['192.168.0.41'] });
          new LoadBalancerService(c, 's', { ...LB, ports: [{ port: 443 }], ips: ['192.168.0.41'] });
        }),
      ['construct c/t', 'loadBalancerIPs[0]', 'Service default/db', '443/TCP'],
    ],
    [
      '64b-5 c11 a, other order: a plain LoadBalancer Service on Traefik’s VIP and port 80',
      () =>
        inChart((c) => {
          new ApiObject(c, 'x', service('x', { type: 'LoadBalancer' }, { [VIP]: '192.168.0.41' }));
          new TraefikHelmChartConfig(c, 't', { loadBalancerIPs: ['192.168.0.41'] });
        }),
      ['construct c/t', 'Service default/x', '80/TCP'],
    ],
    [
      '64b-5 c11 b: an additional Traefik Service on Traefik’s own VIP',
      () =>
        inChart((c) => {
          const internal = { type: 'LoadBalancer', annotations: { [VIP]: '192.168.0.41' } };
          const values = { service: { additionalServices: { internal } }, ports: { web: { expose: { default: true, internal: true } } } };
          new TraefikHelmChartConfig(c, 't', { loadBalancerIPs: ['192.168.0.41'], values });
        }),
      ['construct c/t', 'additionalServices.internal', 'also the VIP of Traefik', '80/TCP'],
    ],
    [
      '64b-5 ann: a LoadBalancerService VIP patched into the Service network',
      () =>
        inChart((c) => {
          const s = new LoadBalancerService(c, 's', LB);
          find(s, 'Service').addJsonPatch(JsonPatch.replace('/metadata/annotations/kube-vip.io~1loadbalancerIPs', '10.43.0.1'));
        }),
      ['c.yaml', 'Service/default/db', 'lies inside the Service network (networks.serviceCidr)', 'c/s/Resource', 'a patch changed'],
    ],
    [
      '64b-5 type: a LoadBalancerService re-pointed to NodePort by a patch',
      () =>
        inChart((c) => {
          const s = new LoadBalancerService(c, 's', LB);
          find(s, 'Service').addJsonPatch(JsonPatch.replace('/spec/type', 'NodePort'));
        }),
      ['c/s/Resource', 'this LoadBalancerService made', 'a patch changed', 'give the VIP in ips'],
    ],
    [
      '64b-6: LoadBalancerService ips: []',
      () => inChart((c) => new LoadBalancerService(c, 's', { ...LB, ips: [] })),
      ['LoadBalancerService', 'ips is empty: list at least 1 entry'],
    ],
    [
      '64b-6: TraefikHelmChartConfig loadBalancerIPs: []',
      () => inChart((c) => new TraefikHelmChartConfig(c, 't', { loadBalancerIPs: [] })),
      ['TraefikHelmChartConfig', 'loadBalancerIPs is empty: list at least 1 entry'],
    ],
  ];
  refused.push([
    '64b-5 neighbour: a LoadBalancerService beside the cluster on Traefik’s VIP and port 443',
    () =>
      inCluster((_x, cluster) => {
        new LoadBalancerService(new Chart(cluster.node.root, 'apps'), 's', { ...LB, ports: [{ port: 443 }], ips: ['192.168.0.41'] });
      }),
    ['apps.yaml', 'Service/default/db', 'construct a/traefik-config', 'loadBalancerIPs[0]', '443/TCP'],
  ]);
  it.each(refused)('%s is refused', (_name, build, words) => {
    const message = refusal(build);
    for (const word of words) expect(message).toContain(word);
    expect(message).not.toContain(GITHUB_TOKEN);
    expect(message).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('a clash is said once, by the construct holding the later Service', () => {
    const message = refusal(() =>
      inChart((c) => {
        new LoadBalancerService(c, 's', LB);
        new LoadBalancerService(c, 's2', { ...LB, name: 'db2' });
      }),
    );
    expect(message.match(/also the VIP of/g)).toHaveLength(1);
  });

  const pass: Array<[string, () => App]> = [
    ['K3sVipCluster as configured', () => inCluster(() => undefined)],
    [
      'two ConfigMaps of one name in two namespaces, and a ClusterIP Service with its own address',
      () =>
        inCluster((x) => {
          new ApiObject(x, 'x', configMap('x'));
          new ApiObject(x, 'y', configMap('x', 'other'));
          new ApiObject(x, 's', service('s', { clusterIP: '10.43.0.55' }));
        }),
    ],
    [
      'a HelmChart of another application under the cluster',
      () =>
        inCluster((x) => {
          const spec = { chart: 'longhorn', repo: 'https://charts.longhorn.io', targetNamespace: 'longhorn-system' };
          new ApiObject(x, 'h', {
            apiVersion: 'helm.cattle.io/v1',
            kind: 'HelmChart',
            metadata: { name: 'longhorn', namespace: 'kube-system' },
            spec,
          });
        }),
    ],
    [
      'two LoadBalancerServices on one VIP with other ports',
      () =>
        inChart((c) => {
          new LoadBalancerService(c, 's', LB);
          new LoadBalancerService(c, 's2', { ...LB, name: 'db2', ports: [{ port: 5433 }] });
        }),
    ],
    [
      'a TraefikHelmChartConfig and a LoadBalancerService on its VIP at another port',
      () =>
        inChart((c) => {
          new TraefikHelmChartConfig(c, 't', { loadBalancerIPs: ['192.168.0.41'] });
          new LoadBalancerService(c, 's', { ...LB, ips: ['192.168.0.41'] });
        }),
    ],
    [
      'a LoadBalancerService without ips (an IP pool gives the VIP)',
      () => inChart((c) => new LoadBalancerService(c, 's', { ...LB, ips: undefined })),
    ],
    [
      'a LoadBalancerService with a label patch',
      () =>
        inChart((c) => {
          const s = new LoadBalancerService(c, 's', LB);
          find(s, 'Service').addJsonPatch(JsonPatch.add('/metadata/labels', { team: 'db' }));
        }),
    ],
  ];
  pass.push([
    'a LoadBalancerService beside the cluster on a VIP of its own',
    () => inCluster((_x, cluster) => new LoadBalancerService(new Chart(cluster.node.root, 'apps'), 's', LB)),
  ]);
  it.each(pass)('%s passes', (_name, build) => {
    expect(() => build().synthYaml()).not.toThrow();
  });
});
