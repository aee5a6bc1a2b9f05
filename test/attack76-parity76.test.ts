// Round 76 (parity76): attack75a parity and message findings. 75a-3: beside a K3sVipCluster, every problem of an
// object names its construct (the CRD type verdicts said only `file: Kind/ns/name`). 75a-11: a `List` in
// traefik.values.extraObjects counts as its items (Helm's kube client flattens it), judged at `extraObjects[i].items[j]`,
// and a problem in a text item of several documents names its document. 75a-12: the Traefik objects the chart renders
// from `ingressRoute.<name>`, `tlsOptions.<name>` and `tlsStore.<name>` are held to the pinned CRDs' types at the
// values key (a value the chart prints unquoted as YAML reads it back), at both doors; a number certResolver is judged
// as the resolver name it would be too.
import { ApiObject, App, Chart } from 'cdk8s';
import { K3sVipCluster, TraefikHelmChartConfig } from '../src';
import { configErrors, withTraefikValues } from './helpers';

const IR = 'traefik.io/v1alpha1';
const route = (extra: object = {}) => ({
  entryPoints: ['websecure'],
  routes: [{ match: 'Host(`a.example.com`)', kind: 'Rule', services: [{ name: 'svc', port: 80 }], ...extra }],
});
const custom = (over: object) => ({
  ingressRoute: {
    custom: {
      enabled: true,
      matchRule: 'Host(`x.example.com`)',
      entryPoints: ['websecure'],
      services: [{ name: 'svc', port: 80, kind: 'Service' }],
      ...over,
    },
  },
});
const list = (...items: object[]) => ({ extraObjects: [{ apiVersion: 'v1', kind: 'List', items }] });
const tlsOption = (spec: object, name = 't') => ({ apiVersion: IR, kind: 'TLSOption', metadata: { name, namespace: 'default' }, spec });

/** A ServiceList whose item takes its kind from the list (as kubectl reads it), of one port. */
const serviceList = (port: unknown) => ({
  extraObjects: [
    { apiVersion: 'v1', kind: 'ServiceList', items: [{ metadata: { name: 'a', namespace: 'default' }, spec: { ports: [{ port }] } }] },
  ],
});

// [row, traefik.values, texts each of which an error must hold ([] : no error)]
const CONFIG_ROWS: ReadonlyArray<readonly [string, object, readonly string[]]> = [
  // 75a-12: ingressRoute.<name>
  [
    'ingressRoute tls.domains a text',
    custom({ tls: { domains: 'x.example.com' } }),
    ['traefik.values.ingressRoute.custom.tls.domains: is "x.example.com"; the IngressRoute schema', 'expects array'],
  ],
  ['ingressRoute tls.domains a list', custom({ tls: { domains: [{ main: 'x.example.com' }] } }), []],
  ['ingressRoute not enabled: not rendered', { ingressRoute: { custom: { enabled: false, tls: { domains: 'x.example.com' } } } }, []],
  ['ingressRoute services a text', custom({ services: 'svc' }), ['traefik.values.ingressRoute.custom.services: is "svc"', 'expects array']],
  [
    'ingressRoute middlewares a map',
    custom({ middlewares: { name: 'm' } }),
    ['traefik.values.ingressRoute.custom.middlewares:', 'expects array'],
  ],
  ['ingressRoute middlewares a list', custom({ middlewares: [{ name: 'm' }] }), []],
  [
    'ingressRoute tls.certResolver a number, undefined',
    custom({ tls: { certResolver: 5 } }),
    [
      'traefik.values.ingressRoute.custom.tls.certResolver: is 5; the IngressRoute schema of crds/traefik/v39.0.7/traefik.io_ingressroutes.yaml expects string (a resolver',
      '"5" is not defined',
    ],
  ],
  ['ingressRoute tls.certResolver a defined name', custom({ tls: { certResolver: 'default' } }), []],
  // 75a-12: tlsOptions.<name>
  [
    'tlsOptions minVersion a number',
    { tlsOptions: { modern: { minVersion: 12 } } },
    ['traefik.values.tlsOptions.modern.minVersion: is 12; the TLSOption schema', 'expects string'],
  ],
  [
    'tlsOptions maxVersion a quoted number',
    { tlsOptions: { modern: { maxVersion: '13' } } },
    ['traefik.values.tlsOptions.modern.maxVersion: is 13', 'writes the text unquoted'],
  ],
  ['tlsOptions minVersion a TLS version', { tlsOptions: { modern: { minVersion: 'VersionTLS12', maxVersion: 'VersionTLS13' } } }, []],
  [
    'tlsOptions sniStrict a word',
    { tlsOptions: { modern: { sniStrict: 'maybe' } } },
    ['traefik.values.tlsOptions.modern.sniStrict: is "maybe"', 'expects boolean'],
  ],
  ['tlsOptions sniStrict "yes" renders as true', { tlsOptions: { modern: { sniStrict: 'yes' } } }, []],
  ['tlsOptions sniStrict true', { tlsOptions: { modern: { sniStrict: true } } }, []],
  [
    'tlsOptions cipherSuites a text',
    { tlsOptions: { modern: { cipherSuites: 'TLS_AES_128_GCM_SHA256' } } },
    ['traefik.values.tlsOptions.modern.cipherSuites:', 'expects array'],
  ],
  ['tlsOptions cipherSuites a list', { tlsOptions: { modern: { cipherSuites: ['TLS_AES_128_GCM_SHA256'] } } }, []],
  // 75a-12: tlsStore.<name>
  [
    'tlsStore certificates a text',
    { tlsStore: { default: { certificates: 'x' } } },
    ['traefik.values.tlsStore.default.certificates: is "x"', 'expects array'],
  ],
  ['tlsStore defaultCertificate with a name', { tlsStore: { default: { defaultCertificate: { secretName: 'tls-cert' } } } }, []],
  // 75a-11: a List counts as its items
  ['List of a valid TLSOption', list(tlsOption({ minVersion: 'VersionTLS12' })), []],
  ['List item with a type error', list(tlsOption({ minVersion: 12 })), ['traefik.values.extraObjects[0].items[0].spec.minVersion: is 12']],
  ['ServiceList items without kind', serviceList(80), []],
  ['ServiceList item with a text port', serviceList('eighty'), ['traefik.values.extraObjects[0].items[0].spec.ports[0].port:']],
  [
    'List item IngressRoute priority a text',
    list({ apiVersion: IR, kind: 'IngressRoute', metadata: { name: 'r', namespace: 'default' }, spec: route({ priority: '10' }) }),
    ['traefik.values.extraObjects[0].items[0].spec.routes[0].priority: is "10"'],
  ],
  [
    'List item IngressRoute resolver undefined',
    list({
      apiVersion: IR,
      kind: 'IngressRoute',
      metadata: { name: 'r', namespace: 'default' },
      spec: { ...route(), tls: { certResolver: 'nope' } },
    }),
    ['traefik.values.extraObjects[0].items[0].spec.tls.certResolver: "nope" is not defined'],
  ],
  [
    'text item of two documents: the second named',
    {
      extraObjects: [
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: default}\n---\n' +
          `apiVersion: ${IR}\nkind: TLSOption\nmetadata: {name: t, namespace: default}\nspec: {minVersion: 12}\n`,
      ],
    },
    ['traefik.values.extraObjects[0].spec.minVersion: (document 2 of the text) is 12'],
  ],
  [
    'text item of one document: no document named',
    { extraObjects: [`apiVersion: ${IR}\nkind: TLSOption\nmetadata: {name: t, namespace: default}\nspec: {minVersion: 12}\n`] },
    ['traefik.values.extraObjects[0].spec.minVersion: is 12'],
  ],
];

describe('75a-11, 75a-12: the config door', () => {
  test.each(CONFIG_ROWS)('%s', (_row, values, expected) => {
    const errors = configErrors(withTraefikValues(values)).join('\n');
    if (!expected.length) expect(errors).toBe('');
    for (const text of expected) expect(errors).toContain(text);
    expect(errors).not.toMatch(/metadata\.name is missing|kind "?List"? which/);
  });
});

const KUBE_VIP = { version: 'v1.2.3', interface: 'eth0', controlPlane: { address: '192.168.0.40' } };

/** The synth's refusal of an app with a cluster and `spec` as an IngressRoute beside it, or '' when it passes. */
function besideRefusal(spec: object): string {
  const app = new App({ outdir: require('fs').mkdtempSync(require('path').join(require('os').tmpdir(), 'p76-')) });
  new K3sVipCluster(app, 'dev', { kubeVip: KUBE_VIP, traefik: { loadBalancerIPs: ['192.168.0.41'] }, ingresses: [] } as never);
  new ApiObject(new Chart(app, 'side'), 'ir', {
    apiVersion: IR,
    kind: 'IngressRoute',
    metadata: { name: 'r', namespace: 'default' },
    spec,
  });
  try {
    app.synth();
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}

/** The synth's refusal of an app of one TraefikHelmChartConfig of `values`, or '' when it passes. */
function chartConfigRefusal(values: object): string {
  const app = new App({ outdir: require('fs').mkdtempSync(require('path').join(require('os').tmpdir(), 'p76-')) });
  try {
    new TraefikHelmChartConfig(new Chart(app, 'c'), 'h', { values } as never);
    app.synth();
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}

describe('75a-3: beside a K3sVipCluster every problem names its construct', () => {
  test('priority as text and a number certResolver: both, each with its construct', () => {
    const message = besideRefusal({ ...route({ priority: '10' }), tls: { certResolver: 5 } });
    expect(message).toContain('IngressRoute/default/r (construct side/ir): spec.routes[0].priority is "10"');
    expect(message).toContain('IngressRoute/default/r (construct side/ir): spec.tls.certResolver is 5; the IngressRoute schema');
    expect(message).not.toMatch(/IngressRoute\/default\/r: /);
  });
  test('a type error alone names its construct', () => {
    expect(besideRefusal({ ...route(), tls: { domains: 'x.example.com' } })).toContain(
      'IngressRoute/default/r (construct side/ir): spec.tls.domains is "x.example.com"',
    );
  });
  test('a valid IngressRoute beside passes', () => {
    expect(besideRefusal({ ...route(), tls: {} })).toBe('');
  });
});

describe('75a-12: a TraefikHelmChartConfig alone', () => {
  test.each([
    ['sniStrict a word', { tlsOptions: { modern: { sniStrict: 'maybe' } } }, 'values.tlsOptions.modern.sniStrict is "maybe"'],
    ['minVersion a number', { tlsOptions: { modern: { minVersion: 12 } } }, 'values.tlsOptions.modern.minVersion is 12'],
    [
      'ingressRoute tls.domains a text',
      custom({ tls: { domains: 'x.example.com' } }),
      'values.ingressRoute.custom.tls.domains is "x.example.com"',
    ],
    ['sniStrict "yes" and a TLS version', { tlsOptions: { modern: { sniStrict: 'yes', minVersion: 'VersionTLS12' } } }, ''],
  ])('%s', (_row, values, expected) => {
    const message = chartConfigRefusal(values);
    if (expected) expect(message).toContain(expected);
    else expect(message).toBe('');
  });
});
