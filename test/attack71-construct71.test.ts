import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiObject, App, AppProps, Chart, JsonPatch } from 'cdk8s';
import { GatewayApiChart, K3sVipCluster, K3sVipValidationError } from '../src/index';

/**
 * Round 71 (construct71): what a library user's `app.synth()` writes beside a K3sVipCluster. A secret in a sibling
 * chart's object is refused (71b-1, 71d-1, 71a-23, confirmed fixed by sibling71); a sibling chart id that looks like a
 * secret is refused and never shown (71d-6); a sibling object cdk8s cannot render is one K3sVipValidationError by its
 * path, before any file is written, never with the thrown text (71d-5); a sibling's problem is said once (71d-14); a
 * patch or resolver that changes the kube-vip settings the props checked is refused (71d-11); GatewayApiChart takes
 * only a vendored Gateway API bundle (71d-12). Each refused row has a nearby row that must pass.
 */
const base = () => ({
  kubeVip: { version: 'v1.2.3', interface: 'eth0', controlPlane: { address: '192.168.0.40' } },
  traefik: { loadBalancerIPs: ['192.168.0.41'], redirectToHttps: true, externalCertResolvers: ['default'] },
  ingresses: [
    { name: 'frontend-ingress', host: 'k3s.code-place-dev.site', service: 'frontend', port: 80, tls: { certResolver: 'default' } },
  ],
});
const GHP = 'ghp_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef0123';
const SECRETS = [
  'hunter2hunter2',
  'Zq8vTn3wLp7Rx2',
  'swordfish',
  'Hq7Lz2Wp9xTnQ',
  'abcd1234efgh5678ijkl',
  GHP.slice(4),
  'AKIAIOSFODNN7EXAMPLE',
  'getter says',
];
type Build = (app: App) => void;
const beside =
  (object: object, chartId = 'extra'): Build =>
  (app) => {
    new K3sVipCluster(app, 'dev', base() as never);
    new ApiObject(new Chart(app, chartId), 'o', object as never);
  };
const configMap = (data: unknown, metadata: object = {}) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'x', namespace: 'default', ...metadata },
  data,
});
const deployment = (env: object[]) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'd', namespace: 'default' },
  spec: {
    selector: { matchLabels: { a: 'b' } },
    template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27', env }] } },
  },
});
const ingress = (host: string) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'x', namespace: 'default' },
  spec: {
    ingressClassName: 'traefik',
    rules: [{ host, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'a', port: { number: 80 } } } }] } }],
  },
});
const cyclic = () => {
  const d: Record<string, unknown> = { a: '1' };
  d.self = d;
  return d;
};
const deep = (levels: number) => {
  let v: Record<string, unknown> = { leaf: 'x' };
  for (let i = 0; i < levels; i++) v = { n: v };
  return v;
};
const getter = (text: string, throws: boolean) =>
  Object.defineProperty({}, 'a', {
    enumerable: true,
    get() {
      if (throws) throw new Error(text);
      return text;
    },
  });
const emptyChart =
  (id: string, outer?: string): Build =>
  (app) => {
    new K3sVipCluster(app, 'dev', base() as never);
    new Chart(outer ? new Chart(app, outer) : app, id);
  };
/** The cluster's kube-vip DaemonSet, patched. */
const kubeVip =
  (patch: (env: (name: string) => number) => JsonPatch): Build =>
  (app) => {
    const cluster = new K3sVipCluster(app, 'dev', base() as never);
    const ds = cluster.node
      .findChild('kube-vip')
      .node.findAll()
      .find((c): c is ApiObject => ApiObject.isApiObject(c) && c.kind === 'DaemonSet')!;
    const env = ds.toJson().spec.template.spec.containers[0].env as Array<{ name: string }>;
    ds.addJsonPatch(patch((name) => env.findIndex((e) => e.name === name)));
  };
const resolving = (from: string, to: string): AppProps => ({
  resolvers: [{ resolve: (ctx) => void (ctx.value === from && ctx.replaceValue(to)) }],
});
const gateway =
  (bundle: string, source = 'as K3s installs them'): Build =>
  (app) =>
    void new GatewayApiChart(app, 'gateway-api', { gateway: {}, gatewayApi: { bundle, source } });

const CHANGED = /was changed after this construct checked the kube-vip settings: set kube-vip through the construct props/;
const UNRENDERABLE = /^extra\/o: cdk8s cannot render this object/;
const SECRET_ID = /^construct id "<redacted>": looks like a secret, and cdk8s writes it into file names/;
const NO_BUNDLE = /GatewayApiChart: gatewayApi\.bundle is ".*", which crds\/gateway-api\/ does not hold \(it has v1\.2\.1, .*v1\.6\.1\)/;

// [case, the app, cdk8s App options, refusal expected (undefined: written), whether it must be a K3sVipValidationError]
const ROWS: Array<[string, Build, AppProps, RegExp | undefined, boolean]> = [
  // 71b-1 / 71d-1 / 71a-23: secrets beside the cluster (fixed by sibling71; kept as rows)
  [
    '71d-1 ConfigMap DB_PASSWORD',
    beside(configMap({ DB_PASSWORD: 'hunter2hunter2!' })),
    {},
    /extra\.yaml \(construct extra\/o\): data\.DB_PASSWORD holds a value under a key named like a secret/,
    false,
  ],
  ['71d-1 GitHub token in a note', beside(configMap({ note: GHP })), {}, /data\.note holds a GitHub token/, false],
  [
    '71b-1 Secret stringData',
    beside({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'default' }, stringData: { password: 'hunter2hunter2' } }),
    {},
    /stringData\.password holds the data of a Kubernetes Secret/,
    false,
  ],
  [
    '71d-1 List item password',
    beside({ apiVersion: 'v1', kind: 'List', items: [configMap({ password: 'hunter2hunter2' })] }),
    {},
    /data\.password holds a value under a key named like a secret/,
    false,
  ],
  [
    '71d-1 Deployment env API_KEY',
    beside(deployment([{ name: 'API_KEY', value: 'abcd1234efgh5678ijkl' }])),
    {},
    /env\[0\]\.value holds a value under a key named like a secret/,
    false,
  ],
  [
    '71a-23 app.env line and prose',
    beside(configMap({ 'app.env': 'DB_PASSWORD=Zq8vTn3wLp7Rx2\n', note: 'The password is swordfish' })),
    {},
    /data\["app\.env"\] holds a value set to a name like a secret/,
    false,
  ],
  [
    'neighbour: ConfigMap of plain settings',
    beside(configMap({ LOG_LEVEL: 'debug', note: 'the password is in the vault' })),
    {},
    undefined,
    false,
  ],
  [
    'neighbour: env API_KEY from a Secret',
    beside(deployment([{ name: 'API_KEY', valueFrom: { secretKeyRef: { name: 'api', key: 'key' } } }])),
    {},
    undefined,
    false,
  ],
  // 71d-6: a sibling chart id that looks like a secret
  ['71d-6 chart id a GitHub token', emptyChart(GHP), {}, SECRET_ID, true],
  ['71d-6 chart id an AWS key id', emptyChart('AKIAIOSFODNN7EXAMPLE'), {}, SECRET_ID, true],
  ['71d-6 a token as an outer chart id', emptyChart('inner', GHP), {}, SECRET_ID, true],
  ['71d-6 a token id above an object', beside(configMap({ a: 'b' }), 'AKIAIOSFODNN7EXAMPLE'), {}, SECRET_ID, true],
  ['neighbour: a generated-looking DNS label id', emptyChart('edge-7f3a9c2e1b4d'), {}, undefined, false],
  ['neighbour: a plain nested chart id', emptyChart('inner', 'outer'), {}, undefined, false],
  // 71d-5: a sibling object cdk8s cannot render
  ['71d-5 cyclic data', beside(configMap(cyclic())), {}, UNRENDERABLE, true],
  ['71d-5 20000-deep data', beside(configMap(deep(20000))), {}, UNRENDERABLE, true],
  // 73a-9: named by its key path, its own text never shown.
  [
    '71d-5 a getter that throws',
    beside(configMap(getter('getter says password=hunter2hunter2', true))),
    {},
    /^extra\/o: data\.a is a getter that throws when read: give plain data there(?![\s\S]*hunter2)/,
    true,
  ],
  [
    '71d-5 a label named constructor',
    beside({ ...configMap({ a: 'b' }), metadata: { name: 'x', namespace: 'default', labels: { constructor: 'a' } } }),
    {},
    UNRENDERABLE,
    true,
  ],
  [
    '71d-5 a List item that refers to itself',
    beside({ apiVersion: 'v1', kind: 'List', items: [configMap(cyclic())] }),
    {},
    UNRENDERABLE,
    true,
  ],
  ['neighbour: a getter that returns', beside(configMap(getter('plain', false))), {}, undefined, false],
  ['neighbour: a shared (not cyclic) value', beside(((s) => configMap({ a: s, b: s }))('same')), {}, undefined, false],
  // 71d-14: a sibling's problem said once
  [
    '71d-14 an IP as an Ingress host',
    beside(ingress('192.168.0.1')),
    {},
    /^Validation failed with the following errors:\n {2}\[dev\] [^\n]*spec\.rules\[0\]\.host is "192\.168\.0\.1", an IP address[^\n]*$/,
    false,
  ],
  [
    '71d-14 a path without pathType',
    beside({
      ...ingress('a.example.com'),
      spec: {
        rules: [
          {
            host: 'a.example.com',
            http: { paths: [{ path: 'x', pathType: 'Prefix', backend: { service: { name: 'a', port: { number: 80 } } } }] },
          },
        ],
      },
    }),
    {},
    /^Validation failed with the following errors:\n {2}\[dev\] [^\n]*spec\.rules\[0\]\.http\.paths\[0\]\.path[^\n]*$/,
    false,
  ],
  ['neighbour: a DNS Ingress host', beside(ingress('blog.example.com')), {}, undefined, false],
  // 71d-11: the kube-vip settings the props checked
  [
    '71d-11 control-plane VIP patched into the Service network',
    kubeVip((env) => JsonPatch.replace(`/spec/template/spec/containers/0/env/${env('address')}/value`, '10.43.0.1')),
    {},
    CHANGED,
    false,
  ],
  [
    '71d-11 image downgraded',
    kubeVip(() => JsonPatch.replace('/spec/template/spec/containers/0/image', 'ghcr.io/kube-vip/kube-vip:v0.4.0')),
    {},
    /containers\[kube-vip\]\.image was changed/,
    false,
  ],
  [
    '71d-11 svc_enable false',
    kubeVip((env) => JsonPatch.replace(`/spec/template/spec/containers/0/env/${env('svc_enable')}/value`, 'false')),
    {},
    /containers\[kube-vip\]\.env was changed/,
    false,
  ],
  [
    '71d-11 vip_interface bad',
    kubeVip((env) => JsonPatch.replace(`/spec/template/spec/containers/0/env/${env('vip_interface')}/value`, 'bad iface!')),
    {},
    CHANGED,
    false,
  ],
  ['71d-11 env removed', kubeVip(() => JsonPatch.remove('/spec/template/spec/containers/0/env')), {}, CHANGED, false],
  [
    '71d-11 an env var added',
    kubeVip(() => JsonPatch.add('/spec/template/spec/containers/0/env/-', { name: 'vip_arp', value: 'false' })),
    {},
    CHANGED,
    false,
  ],
  [
    '71d-11 hostNetwork false',
    kubeVip(() => JsonPatch.replace('/spec/template/spec/hostNetwork', false)),
    {},
    /spec\.template\.spec\.hostNetwork was changed/,
    false,
  ],
  [
    '71d-11 args changed',
    kubeVip(() => JsonPatch.replace('/spec/template/spec/containers/0/args', ['version'])),
    {},
    /containers\[kube-vip\]\.args was changed/,
    false,
  ],
  [
    '71d-11 a resolver re-points the VIP',
    (app) => void new K3sVipCluster(app, 'dev', base() as never),
    resolving('192.168.0.40', '10.43.0.1'),
    CHANGED,
    false,
  ],
  [
    'neighbour: a priorityClassName patch',
    kubeVip(() => JsonPatch.add('/spec/template/spec/priorityClassName', 'system-node-critical')),
    {},
    undefined,
    false,
  ],
  [
    'neighbour: a nodeSelector patch',
    kubeVip(() => JsonPatch.add('/spec/template/spec/nodeSelector', { 'kubernetes.io/os': 'linux' })),
    {},
    undefined,
    false,
  ],
  [
    'neighbour: a resolver that changes nothing of kube-vip',
    (app) => void new K3sVipCluster(app, 'dev', base() as never),
    resolving('not-there', 'x'),
    undefined,
    false,
  ],
  // 71d-12: GatewayApiChart's bundle
  ['71d-12 bundle v9.9.9', gateway('v9.9.9'), {}, NO_BUNDLE, true],
  ['71d-12 bundle ../../etc', gateway('../../etc'), {}, NO_BUNDLE, true],
  ['71d-12 bundle ../v1.4.0', gateway('../v1.4.0'), {}, NO_BUNDLE, true],
  ['71d-12 bundle v1.4.0/../v1.2.1', gateway('v1.4.0/../v1.2.1'), {}, NO_BUNDLE, true],
  ['71d-12 bundle 1.4.0 without v', gateway('1.4.0'), {}, NO_BUNDLE, true],
  ['71d-12 a blank source', gateway('v1.4.0', '  '), {}, /gatewayApi\.source is empty/, true],
  ['neighbour: bundle v1.4.0', gateway('v1.4.0'), {}, undefined, false],
  ['neighbour: bundle v1.2.1 (oldest)', gateway('v1.2.1'), {}, undefined, false],
  ['neighbour: bundle v1.6.1 (newest)', gateway('v1.6.1'), {}, undefined, false],
];

describe('round 71: what app.synth() writes beside a K3sVipCluster (construct71)', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  test.each(ROWS)('%s', (_name, build, options, expected, validationError) => {
    const outdir = mkdtempSync(join(tmpdir(), 'construct71-'));
    dirs.push(outdir);
    let error: unknown;
    try {
      const app = new App({ ...options, outdir });
      build(app);
      app.synth();
    } catch (e) {
      error = e;
    }
    const message = error instanceof Error ? error.message : '';
    const written = readdirSync(outdir)
      .map((file) => readFileSync(join(outdir, file), 'utf8'))
      .join('\n');
    if (expected) {
      expect(message).toMatch(expected);
      expect(error instanceof K3sVipValidationError).toBe(validationError);
      expect(written).toBe(''); // refused before any file is written
    } else expect(message).toBe('');
    for (const secret of SECRETS) expect(`${message}\n${written}`).not.toContain(secret);
    expect(message).not.toMatch(/\n\s+at /); // no stack
  });

  test('71d-5: a refused sibling leaves the files of an earlier synth as they were', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'construct71-'));
    dirs.push(outdir);
    const first = new App({ outdir });
    new K3sVipCluster(first, 'dev', base() as never);
    first.synth();
    const read = () =>
      readdirSync(outdir)
        .map((file) => `${file}\n${readFileSync(join(outdir, file), 'utf8')}`)
        .join('\n');
    const before = read();
    const again = new App({ outdir });
    const props = base();
    props.traefik.loadBalancerIPs = ['192.168.0.42'];
    new K3sVipCluster(again, 'dev', props as never);
    new ApiObject(new Chart(again, 'zzz'), 'o', configMap(getter('boom', true)) as never);
    expect(() => again.synth()).toThrow(K3sVipValidationError);
    expect(read()).toBe(before);
  });
});
