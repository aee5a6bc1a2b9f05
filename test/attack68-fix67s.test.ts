// @jest-own-suite (it waits on child processes: stand-in package managers and one synth)
// Round 68 (fix67s): four gaps, each row on both sides of its boundary.
// 1. A sibling LoadBalancer Service's kube-vip VIP (annotation or spec.loadBalancerIP) that is reserved (`0.0.0.0`,
//    which kube-vip reads as "ask DHCP", `255.255.255.255`, `::`, loopback, link-local, multicast) is refused with the
//    words the config's VIP keys use for it.
// 2. A release of Traefik, cert-manager or kube-vip in the app is told by the chart it deploys, compared whole:
//    `traefik-dashboards`, `my-traefik-crds-docs` and `traefik-crds` (CRDs only) are other charts.
// 3. A key at the root of the file provider's content that Traefik drops unread (`htpp`, `tsl`, `routers`) is refused
//    at the content's key with the section it was likely meant as, at the config file and the constructs.
// 4. scripts/npm-runner.js finds yarn's and pnpm's pid as it finds npm's (and the parent without /proc).
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { stringify } from 'yaml';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { droppedRootKeys } from '../src/ingress/file-config-fields';
import { K3sVipCluster, TraefikHelmChartConfig } from '../src';
import { devConfig, refusalOf, withChanges } from './helpers';

type Values = Record<string, unknown>;
const root = join(__dirname, '..');
const KUBE_VIP = { version: 'v1.2.3', controlPlane: { address: '192.168.0.40' } };

/** A K3sVipCluster (`traefik` props added) with `sibling` objects, each in a chart of its own beside it. */
function clusterApp(sibling: readonly Values[], traefik: Values = {}): App {
  const app = Testing.app();
  new K3sVipCluster(app, 'dev', {
    kubeVip: KUBE_VIP,
    traefik: { loadBalancerIPs: ['192.168.0.41'], chartVersion: '39.0.7', ...traefik },
  } as never);
  sibling.forEach((o, i) => new ApiObject(new Chart(app, `extra${i}`), 'o', o as never));
  return app;
}
/** A TraefikHelmChartConfig alone, with `sibling` beside it. */
function traefikApp(sibling: readonly Values[]): App {
  const app = Testing.app();
  new TraefikHelmChartConfig(new Chart(app, 't'), 't', { loadBalancerIPs: ['192.168.0.41'] } as never);
  sibling.forEach((o, i) => new ApiObject(new Chart(app, `extra${i}`), 'o', o as never));
  return app;
}
const verdict = (build: () => App): string | undefined => refusalOf(() => build().synthYaml()) || undefined;

describe('fix67s-1: a reserved VIP on a sibling LoadBalancer Service is refused as the config refuses it', () => {
  const lb = (ip: string | undefined, annotation?: string, type = 'LoadBalancer'): Values => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 's', namespace: 'default', ...(annotation && { annotations: { 'kube-vip.io/loadbalancerIPs': annotation } }) },
    spec: { type, ...(ip && { loadBalancerIP: ip }), ports: [{ port: 443 }], selector: { app: 's' } },
  });
  const ANNOTATION = 'metadata.annotations["kube-vip.io/loadbalancerIPs"]';
  /** What the config's first-class VIP key says of `ip` (the words after the key path). */
  const firstClass = (ip: string): string => {
    const message = refusalOf(() => new K3sVipCluster(new App(), 'c', { kubeVip: KUBE_VIP, traefik: { loadBalancerIPs: [ip] } } as never));
    const said = /traefik\.loadBalancerIPs\[0\]: (.*)$/m.exec(message)?.[1];
    expect(said).toContain('a virtual IP must be a unicast address');
    return said!;
  };

  const refused: Array<[string, () => App, string, string]> = [
    ['annotation 0.0.0.0 (kube-vip: DHCP)', () => clusterApp([lb(undefined, '0.0.0.0')]), ANNOTATION, '0.0.0.0'],
    ['spec.loadBalancerIP 0.0.0.0', () => clusterApp([lb('0.0.0.0')]), 'spec.loadBalancerIP', '0.0.0.0'],
    ['annotation 255.255.255.255', () => clusterApp([lb(undefined, '255.255.255.255')]), ANNOTATION, '255.255.255.255'],
    ['annotation ::', () => clusterApp([lb(undefined, '::')]), ANNOTATION, '::'],
    ['annotation 224.0.0.5 (multicast)', () => clusterApp([lb(undefined, '224.0.0.5')]), ANNOTATION, '224.0.0.5'],
    ['annotation ff02::1 (multicast)', () => clusterApp([lb(undefined, 'ff02::1')]), ANNOTATION, 'ff02::1'],
    ['spec.loadBalancerIP 127.0.0.1 (loopback)', () => clusterApp([lb('127.0.0.1')]), 'spec.loadBalancerIP', '127.0.0.1'],
    ['annotation ::1 (loopback)', () => clusterApp([lb(undefined, '::1')]), ANNOTATION, '::1'],
    ['annotation 169.254.1.1 (link-local)', () => clusterApp([lb(undefined, '169.254.1.1')]), ANNOTATION, '169.254.1.1'],
    ['annotation 240.0.0.1 (class E)', () => clusterApp([lb(undefined, '240.0.0.1')]), ANNOTATION, '240.0.0.1'],
    ['the second address of a list', () => clusterApp([lb(undefined, '192.168.0.50, 0.0.0.0')]), ANNOTATION, '0.0.0.0'],
    ['0.0.0.0 beside a TraefikHelmChartConfig', () => traefikApp([lb(undefined, '0.0.0.0')]), ANNOTATION, '0.0.0.0'],
  ];
  it.each(refused)('refuses %s, in the config key words', (_row, build, field, ip) => {
    const message = verdict(build);
    expect(message).toContain('extra0.yaml: Service/default/s');
    expect(message).toContain(`${field} ${firstClass(ip)}`);
  });
  it('says why 0.0.0.0 is no VIP at both doors', () => {
    expect(firstClass('0.0.0.0')).toContain('kube-vip would ask DHCP');
    expect(verdict(() => clusterApp([lb('0.0.0.0')]))).toContain('kube-vip would ask DHCP');
  });

  const accepted: Array<[string, () => App]> = [
    ['annotation 192.168.0.42', () => clusterApp([lb(undefined, '192.168.0.42')])],
    ['spec.loadBalancerIP 192.168.0.43', () => clusterApp([lb('192.168.0.43')])],
    ['1.0.0.1, above the "this network" block', () => clusterApp([lb(undefined, '1.0.0.1')])],
    ['126.255.255.254, below loopback', () => clusterApp([lb(undefined, '126.255.255.254')])],
    ['128.0.0.1, above loopback', () => clusterApp([lb('128.0.0.1')])],
    ['223.255.255.254, below multicast', () => clusterApp([lb(undefined, '223.255.255.254')])],
    ['169.255.0.1, above link-local', () => clusterApp([lb(undefined, '169.255.0.1')])],
    ['a ClusterIP Service with annotation 0.0.0.0 (kube-vip does not serve it)', () => clusterApp([lb(undefined, '0.0.0.0', 'ClusterIP')])],
    ['a LAN VIP beside a TraefikHelmChartConfig', () => traefikApp([lb(undefined, '192.168.0.44')])],
  ];
  it.each(accepted)('accepts %s', (_row, build) => {
    expect(verdict(build)).toBeUndefined();
  });
});

describe('fix67s-2: a release is Traefik, cert-manager or kube-vip by the chart it deploys, compared whole', () => {
  const argo = (source: Values, name = 'edge'): Values => ({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, namespace: 'argocd' },
    spec: { project: 'default', source, destination: { server: 'https://kubernetes.default.svc', namespace: 'edge' } },
  });
  const argoSources = (sources: Values[]): Values => ({
    ...argo({}),
    spec: { project: 'default', sources, destination: { server: 'https://kubernetes.default.svc', namespace: 'edge' } },
  });
  const appSet = (source: Values): Values => ({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: { name: 'edges', namespace: 'argocd' },
    spec: {
      generators: [{ list: { elements: [{ cluster: 'a' }] } }],
      template: {
        metadata: { name: 'edge-{{cluster}}' },
        spec: { project: 'default', source, destination: { server: 'https://kubernetes.default.svc', namespace: 'edge' } },
      },
    },
  });
  const flux = (chart: string, name = 'edge', sourceKind = 'HelmRepository'): Values => ({
    apiVersion: 'helm.toolkit.fluxcd.io/v2',
    kind: 'HelmRelease',
    metadata: { name, namespace: 'web' },
    spec: { interval: '10m', chart: { spec: { chart, sourceRef: { kind: sourceKind, name: 'charts' } } } },
  });
  const chartRef = (kind: string, name: string): Values => ({
    apiVersion: 'helm.toolkit.fluxcd.io/v2',
    kind: 'HelmRelease',
    metadata: { name: 'edge', namespace: 'web' },
    spec: { interval: '10m', chartRef: { kind, name } },
  });
  const oci = (url: string): Values => ({
    apiVersion: 'source.toolkit.fluxcd.io/v1beta2',
    kind: 'OCIRepository',
    metadata: { name: 'edge-chart', namespace: 'web' },
    spec: { interval: '10m', url, ref: { tag: '39.0.7' } },
  });
  const fluxChart = (chart: string): Values => ({
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'HelmChart',
    metadata: { name: 'edge-chart', namespace: 'web' },
    spec: { interval: '10m', chart, sourceRef: { kind: 'HelmRepository', name: 'charts' } },
  });
  const helmChart = (chart: string, name = 'edge'): Values => ({
    apiVersion: 'helm.cattle.io/v1',
    kind: 'HelmChart',
    metadata: { name, namespace: 'kube-system' },
    spec: { chart },
  });
  const GIT = 'https://github.com/traefik/traefik-helm-chart';

  const refused: Array<[string, Values[], string]> = [
    [
      'Argo chart traefik',
      [argo({ repoURL: 'https://traefik.github.io/charts', chart: 'traefik', targetRevision: '39.0.7' })],
      'Application/argocd/edge',
    ],
    ['Argo path charts/traefik', [argo({ repoURL: 'https://github.com/me/apps', path: 'charts/traefik' })], 'Application/argocd/edge'],
    ['Argo path traefik of traefik-helm-chart', [argo({ repoURL: GIT, path: 'traefik/' })], 'Application/argocd/edge'],
    [
      'Argo OCI artifact oci://ghcr.io/traefik/helm/traefik, path .',
      [argo({ repoURL: 'oci://ghcr.io/traefik/helm/traefik', path: '.' })],
      'Application/argocd/edge',
    ],
    [
      'Argo OCI artifact, no path',
      [argo({ repoURL: 'oci://ghcr.io/traefik/helm/traefik', targetRevision: '39.0.7' })],
      'Application/argocd/edge',
    ],
    [
      'Argo OCI registry ghcr.io/traefik/helm, chart traefik',
      [argo({ repoURL: 'ghcr.io/traefik/helm', chart: 'traefik' })],
      'Application/argocd/edge',
    ],
    [
      'Argo sources: values ref beside chart traefik',
      [
        argoSources([
          { repoURL: 'https://github.com/me/values', ref: 'v' },
          { repoURL: 'https://traefik.github.io/charts', chart: 'traefik' },
        ]),
      ],
      'Application/argocd/edge',
    ],
    [
      'ApplicationSet template chart traefik',
      [appSet({ repoURL: 'https://traefik.github.io/charts', chart: 'traefik' })],
      'ApplicationSet/argocd/edges',
    ],
    ['Flux chart traefik', [flux('traefik')], 'HelmRelease/web/edge'],
    ['Flux chart ./charts/traefik of a GitRepository', [flux('./charts/traefik', 'edge', 'GitRepository')], 'HelmRelease/web/edge'],
    [
      'Flux chartRef to an OCIRepository of traefik',
      [chartRef('OCIRepository', 'edge-chart'), oci('oci://ghcr.io/traefik/helm/traefik')],
      'HelmRelease/web/edge',
    ],
    ['Flux chartRef to a HelmChart of traefik', [chartRef('HelmChart', 'edge-chart'), fluxChart('traefik')], 'HelmRelease/web/edge'],
    ['Flux chartRef to a source named traefik outside the app', [chartRef('OCIRepository', 'traefik')], 'HelmRelease/web/edge'],
    ['Flux chart cert-manager', [flux('cert-manager')], 'HelmRelease/web/edge'],
    ['Flux chart kube-vip-cloud-provider', [flux('kube-vip-cloud-provider')], 'HelmRelease/web/edge'],
    [
      'HelmChart of a packaged traefik-39.0.7.tgz',
      [helmChart('https://example.com/charts/traefik-39.0.7.tgz')],
      'HelmChart/kube-system/edge',
    ],
    ['HelmChart chart traefik/traefik', [helmChart('traefik/traefik')], 'HelmChart/kube-system/edge'],
    [
      'HelmChartConfig of the HelmChart traefik in another namespace',
      [
        {
          apiVersion: 'helm.cattle.io/v1',
          kind: 'HelmChartConfig',
          metadata: { name: 'traefik', namespace: 'edge' },
          spec: { valuesContent: '' },
        },
      ],
      'HelmChartConfig/edge/traefik',
    ],
  ];
  it.each(refused)('refuses %s', (_row, sibling, ref) => {
    const message = verdict(() => clusterApp(sibling));
    expect(message).toContain(`extra0.yaml: ${ref}`);
    expect(message).toContain('is a release of Traefik, cert-manager or kube-vip');
  });

  const accepted: Array<[string, Values[]]> = [
    ['Argo chart traefik-dashboards', [argo({ repoURL: 'https://grafana.github.io/helm-charts', chart: 'traefik-dashboards' })]],
    ['Argo path docs/my-traefik-crds-docs', [argo({ repoURL: 'https://github.com/me/apps', path: 'docs/my-traefik-crds-docs' })]],
    // traefik-helm-chart's CRDs-only chart installs Traefik's CRDs (K3s' traefik-crd chart holds them too), no Traefik.
    ['Argo path traefik-crds of traefik-helm-chart', [argo({ repoURL: GIT, path: 'traefik-crds' })]],
    ['Argo chart traefik-crds', [argo({ repoURL: 'https://traefik.github.io/charts', chart: 'traefik-crds' })]],
    ['Argo app named traefik of chart grafana', [argo({ repoURL: 'https://grafana.github.io/helm-charts', chart: 'grafana' }, 'traefik')]],
    ['Argo repo named traefik, path dashboards', [argo({ repoURL: 'https://github.com/me/traefik', path: 'dashboards' })]],
    [
      'Argo values ref of a repo named traefik beside chart grafana',
      [
        argoSources([
          { repoURL: 'https://github.com/me/traefik', ref: 'v' },
          { repoURL: 'https://grafana.github.io/helm-charts', chart: 'grafana' },
        ]),
      ],
    ],
    [
      'ApplicationSet template chart traefik-dashboards',
      [appSet({ repoURL: 'https://grafana.github.io/helm-charts', chart: 'traefik-dashboards' })],
    ],
    ['Flux chart traefik-dashboards', [flux('traefik-dashboards')]],
    ['Flux chart traefik-crds', [flux('traefik-crds')]],
    ['Flux release named traefik-ui of chart grafana', [flux('grafana', 'traefik-ui')]],
    ['Flux chart cert-manager-csi-driver', [flux('cert-manager-csi-driver')]],
    [
      'Flux chartRef to an OCIRepository of traefik-crds',
      [chartRef('OCIRepository', 'edge-chart'), oci('oci://ghcr.io/traefik/helm/traefik-crds')],
    ],
    ['Flux chartRef to a HelmChart of my-traefik-crds-docs', [chartRef('HelmChart', 'edge-chart'), fluxChart('my-traefik-crds-docs')]],
    [
      "HelmChart of K3s' packaged traefik-crd-25.0.3+up25.0.0.tgz",
      [helmChart('https://example.com/static/charts/traefik-crd-25.0.3+up25.0.0.tgz', 'crd2')],
    ],
  ];
  it.each(accepted)('accepts %s', (_row, sibling) => {
    expect(verdict(() => clusterApp(sibling))).toBeUndefined();
  });
});

describe('fix67s-3: a key at the root of the file provider content that Traefik drops unread is refused', () => {
  const CONTENT = 'traefik.values.providers.file.content';
  const HTTP = {
    routers: { r: { rule: 'Host(`b.example.com`)', service: 's', entryPoints: ['web'] } },
    services: { s: { loadBalancer: { servers: [{ url: 'http://10.0.0.1:80' }] } } },
  };
  const values = (content: Values, asMap = false): Values => ({
    providers: { file: { enabled: true, content: asMap ? content : stringify(content) } },
  });
  const line = (d: Parameters<typeof formatDiagnostic>[0]) => formatDiagnostic({ ...d, file: '', line: undefined }).replace(/^: /, '');
  function doors(content: Values, asMap = false) {
    // A map is written with toYaml from chart v40 (v39.0.7's values schema wants a text).
    const chartVersion = asMap ? '41.3.0' : '39.0.7';
    const v = values(content, asMap);
    const config = withChanges(devConfig(), { traefik: { chartVersion, values: v } });
    return {
      config: parseConfigText('config/t.yaml', stringify(config)).errors.map(line),
      cluster: refusalOf(() => new K3sVipCluster(new App(), 'c', config)),
      chart: refusalOf(
        () => new TraefikHelmChartConfig(new Chart(new App(), 'x'), 't', { loadBalancerIPs: ['192.168.0.41'], chartVersion, values: v }),
      ),
    };
  }
  const SECRET = 'ghp_Zq8mX2vN5rT9wK3pL7yB1cF6hJ4sD0aGeUiOo';

  const refused: Array<[string, Values, string, boolean]> = [
    ['htpp for http', { htpp: HTTP }, 'htpp: write http', false],
    ['htttp for http', { htttp: HTTP }, 'htttp: write http', false],
    ['tsl for tls', { http: HTTP, tsl: { options: {} } }, 'tsl: write tls', false],
    ['tpc for tcp', { http: HTTP, tpc: { routers: {} } }, 'tpc: write tcp', false],
    ['udpp for udp, as a map', { http: HTTP, udpp: {} }, 'udpp: write udp', true],
    ['routers at the root', { routers: HTTP.routers }, 'routers: write it under one of http, tcp or udp', false],
    ['certificates at the root', { http: HTTP, certificates: [] }, 'certificates: write it under tls', false],
    ['https for http', { https: HTTP }, 'https: write http', false],
    ['Middlewares at the root, another case', { http: HTTP, Middlewares: {} }, 'Middlewares: write it under one of http or tcp', false],
    ['a typo beside a secret-shaped key, which is not echoed', { htpp: HTTP, [SECRET]: 1 }, 'htpp: write http', false],
    [
      'five keys: three described, the rest counted',
      { htpp: HTTP, tsl: {}, routers: {}, udpp: {}, tpc: {}, x: 1 },
      '(htpp: write http; tsl: write tls; routers: write it under one of http, tcp or udp; and 2 more)',
      false,
    ],
  ];
  it.each(refused)('refuses %s at the content key, at every door', (_row, content, words, asMap) => {
    const { config, cluster, chart } = doors(content, asMap);
    const hit = config.find((e) => e.startsWith(`${CONTENT}:`));
    expect(hit).toContain("at its root that Traefik's file provider drops unread");
    expect(hit).toContain(words);
    expect(hit).toContain("Traefik's sections are http, tcp, udp and tls");
    for (const refusal of [cluster, chart]) expect(refusal).toContain(words);
    for (const text of [hit, cluster, chart]) expect(text).not.toContain(SECRET);
  });
  it('names the content key line in the config file', () => {
    const config = withChanges(devConfig(), { traefik: { chartVersion: '39.0.7', values: values({ htpp: HTTP }) } });
    const text = stringify(config);
    const at = text.split('\n').findIndex((l) => /^\s+content:/.test(l)) + 1;
    const error = parseConfigText('config/t.yaml', text)
      .errors.map((d) => formatDiagnostic(d))
      .find((e) => e.includes('htpp'));
    expect(error).toMatch(new RegExp(`^config/t\\.yaml:${at}:\\d+: ${CONTENT.replace(/\./g, '\\.')}: `));
  });

  const accepted: Array<[string, Values, boolean]> = [
    ['http alone', { http: HTTP }, false],
    ['every section in another case', { HTTP: HTTP, Tcp: { routers: {} }, UDP: {}, tLs: { options: {} } }, false],
    ['every section, as a map', { http: HTTP, tcp: {}, udp: {}, tls: {} }, true],
    ['tls alone', { tls: { options: { default: { minVersion: 'VersionTLS12' } } } }, false],
    // Keys near no section are dropped too, harming nothing (an anchors holder, a note): not refused.
    ['an unrelated key x', { http: HTTP, x: 1 }, false],
    ['x-anchors and a note', { 'x-anchors': { a: 1 }, note: 'see wiki', http: HTTP }, false],
    ['db and app, two edits from udp and tcp', { db: {}, app: {}, http: HTTP }, false],
    ['password: ${DB_PASSWORD}', { password: '${DB_PASSWORD}', http: HTTP }, false],
  ];
  it.each(accepted)('accepts %s', (_row, content, asMap) => {
    const { config, cluster, chart } = doors(content, asMap);
    expect(config.filter((e) => e.startsWith(`${CONTENT}:`))).toEqual([]);
    expect([cluster, chart]).toEqual(['', '']);
  });

  it('reads a 100 kB root in linear time', () => {
    const many = Object.fromEntries(Array.from({ length: 12_000 }, (_, i) => [`k${i}`, 1]));
    // 676 keys two edits from http (`httab`), among 12,000 others.
    const pairs = [...'abcdefghijklmnopqrstuvwxyz'].flatMap((a) => [...'abcdefghijklmnopqrstuvwxyz'].map((b) => `htt${a}${b}`));
    const typos = { ...many, ...Object.fromEntries(pairs.map((key) => [key, 1])) };
    const long = { ['h'.repeat(100_000)]: 1, ['x'.repeat(50_000) + 'y'.repeat(50_000)]: 1 };
    for (const [document, said] of [
      [many, 0],
      [typos, 4],
      [long, 0],
    ] as const) {
      // CPU time, not wall time: other jobs share the machine.
      const start = process.cpuUsage();
      const dropped = droppedRootKeys(document);
      const { user, system } = process.cpuUsage(start);
      expect((user + system) / 1000).toBeLessThan(2_000);
      expect(dropped.length).toBe(said);
    }
  });
});

describe('fix67s-4: the runner guard finds yarn and pnpm as it finds npm', () => {
  let scratch: string;
  /**
   * `node args`, three shells below jest (each runs its arguments, then exits with their status: two commands, so none
   * replaces itself by exec): the guard looks four steps up, so it never reaches the npm or npx that may run jest itself.
   */
  let wrapped: (args: string[]) => string[];
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'fix67s-runner-'));
    const wrap = join(scratch, 'wrap.sh');
    writeFileSync(wrap, '"$@"\nexit $?\n');
    wrapped = (args) => [wrap, 'sh', wrap, 'sh', wrap, process.execPath, ...args];
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const RUNNER = join(root, 'scripts', 'npm-runner.js');

  /**
   * A stand-in package manager at `file` (its base name is what is read) that runs the probe through `sh -c`, as npm,
   * pnpm and yarn v1 run a script, and prints its own pid and the pid the probe found.
   */
  function found(file: string, env: NodeJS.ProcessEnv): [number, string] {
    const path = join(scratch, file);
    mkdirSync(dirname(path), { recursive: true });
    const probe = `node -e "process.stdout.write(String(require(${JSON.stringify(RUNNER).replace(/"/g, "'")}).npmRunnerPid()))"`;
    writeFileSync(
      path,
      `const out = require('node:child_process').execFileSync('sh', ['-c', ${JSON.stringify(probe)}]).toString();
       process.stdout.write(process.pid + ' ' + out);`,
    );
    const [pid, said] = execFileSync('sh', wrapped([path, 'run', 'synth']), {
      env: { ...process.env, ...env },
      encoding: 'utf8',
    }).split(' ');
    return [Number(pid), said];
  }
  // yarn v2 on sets npm_execpath to a shim of its own, not the release it runs as.
  const SCRIPT = { npm_lifecycle_event: 'synth', npm_execpath: 'xfs-0000/yarn' };

  const runners: Array<[string]> = [
    ['yarn.js'],
    ['yarn'],
    ['yarnpkg'],
    ['.yarn/releases/yarn-4.1.0.cjs'],
    ['.yarn/releases/yarn-berry.cjs'],
    ['corepack/dist/yarn.js'],
    ['pnpm.cjs'],
    ['pnpm'],
    ['corepack/dist/pnpm.js'],
    ['npm-cli.js'],
    ['npx-cli.js'],
  ];
  it.each(runners)('finds the runner at %s', (file) => {
    const [pid, said] = found(file, SCRIPT);
    expect(said).toBe(String(pid));
  });

  const others: Array<[string, string, NodeJS.ProcessEnv]> = [
    ['a script not named for a runner', 'tool.js', SCRIPT],
    ['no yarn release', 'yarn-dashboard.js', SCRIPT],
    ['a name that only holds pnpm', 'my-pnpm.js', SCRIPT],
    ['pnpm outside a package script (no npm_lifecycle_event)', 'pnpm.cjs', { npm_lifecycle_event: '' }],
  ];
  it.each(others)('finds none for %s (%s)', (_row, file, env) => {
    expect(found(file, env)[1]).toBe('undefined');
  });

  it('takes the parent when /proc cannot be read (a pid /proc does not know)', () => {
    const { npmRunnerPid } = require(RUNNER) as { npmRunnerPid: (env: NodeJS.ProcessEnv, start: number) => number | undefined };
    const dead = Number(execFileSync('sh', ['-c', 'sh -c "echo \\$\\$"'], { encoding: 'utf8' }).trim());
    expect(npmRunnerPid({ npm_lifecycle_event: 'synth' }, dead)).toBe(dead);
    expect(npmRunnerPid({}, dead)).toBeUndefined();
  });

  // The whole guard: a SIGKILL of a stand-in pnpm (npm_execpath naming another file) stops synth before it publishes.
  test('a SIGKILL of pnpm stops the synth and the output folder stays empty', async () => {
    const [config, dist] = [join(scratch, 'config'), join(scratch, 'dist')];
    mkdirSync(config);
    mkdirSync(dist);
    writeFileSync(join(config, 'b.yaml'), readFileSync(join(root, 'test', 'fixtures', 'config', 'dev.yaml')));
    const env = { ...process.env, K3S_VIP_CONFIG_DIR: config, K3S_VIP_DIST_DIR: dist, K3S_VIP_DEBUG: '' };
    const pnpm = join(scratch, 'pnpm-bin', 'pnpm.cjs');
    mkdirSync(dirname(pnpm));
    const out = join(scratch, 'out');
    writeFileSync(
      pnpm,
      `const { spawn } = require('node:child_process'); const fs = require('node:fs');
       const fd = fs.openSync(${JSON.stringify(out)}, 'w');
       const c = spawn(process.execPath, [${JSON.stringify(join(root, 'scripts', 'synth.js'))}], { cwd: ${JSON.stringify(root)}, stdio: ['ignore', fd, fd], detached: true });
       process.stdout.write(c.pid + '\\n');
       const file = ${JSON.stringify(join(root, '.cdk8s.out'))} + '/run-' + c.pid + '.cli';
       const t = setInterval(() => { if (fs.existsSync(file)) { clearInterval(t); process.kill(process.pid, 'SIGKILL'); } }, 5);`,
    );
    const runner = spawn('sh', wrapped([pnpm]), {
      env: { ...env, npm_lifecycle_event: 'synth', npm_execpath: join(scratch, 'elsewhere', 'pnpm.js') },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let text = '';
    runner.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    // The shells say pnpm's SIGKILL as status 128 + 9.
    const code = await new Promise((done) => runner.on('close', (status) => done(status)));
    expect(code).toBe(137);
    const synthPid = Number(text.trim());
    const running = () => {
      try {
        process.kill(synthPid, 0);
        return true;
      } catch {
        return false;
      }
    };
    for (const end = Date.now() + 60_000; running() && Date.now() < end;) await new Promise((done) => setTimeout(done, 20));
    expect(running()).toBe(false);
    expect(readdirSync(dist)).toEqual([]);
    expect(readFileSync(out, 'utf8')).toMatch(/^error: npm \(pid \d+\), which ran this command, has ended \(killed\?\): this run stops$/m);
  }, 90_000);
});
