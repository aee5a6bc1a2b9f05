// Round 76 (list76): 76b-1, 76b-20, 76b-17, 76b-12. A `List` in traefik.values.extraObjects counts as its items for the
// LoadBalancer Service rule and the release's duplicate identities too (Helm's kube client flattens it); a List item that
// is no map, or a List whose `items` is no list, is refused for what it is; an item repeating an IngressRoute, TLSOption
// or TLSStore the chart renders from `ingressRoute.<name>`, `tlsOptions.<name>` or `tlsStore.<name>` is refused as a
// duplicate; and those chart keys, which become object names, are held to Kubernetes' name rules. At every door.
import { valuesDoors } from './helpers';

const IR = 'traefik.io/v1alpha1';
const list = (...items: unknown[]) => ({ apiVersion: 'v1', kind: 'List', items });
const lbService = (name = 'lb3', spec: object = {}) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'default' },
  spec: { type: 'LoadBalancer', ports: [{ port: 82 }], ...spec },
});
const configMap = (name = 'a') => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data: { k: 'v' } });
const route = (name: string, namespace = 'kube-system') => ({
  apiVersion: IR,
  kind: 'IngressRoute',
  metadata: { name, namespace },
  spec: {
    entryPoints: ['websecure'],
    routes: [{ kind: 'Rule', match: 'Host(`b.example.com`)', services: [{ name: 'frontend', port: 80 }] }],
  },
});
const chartRoute = (enabled = true) => ({
  enabled,
  matchRule: 'Host(`a.example.com`)',
  entryPoints: ['websecure'],
  services: [{ name: 'frontend', port: 80 }],
});
const tlsOption = (name: string, namespace = 'kube-system') => ({
  apiVersion: IR,
  kind: 'TLSOption',
  metadata: { name, namespace },
  spec: { minVersion: 'VersionTLS13' },
});
const tlsStore = (name: string, namespace = 'kube-system') => ({
  apiVersion: IR,
  kind: 'TLSStore',
  metadata: { name, namespace },
  spec: { defaultCertificate: { secretName: 'cert2' } },
});
const LB = 'is LoadBalancer Service default/lb3, which kube-vip would serve';
const DUP = 'Traefik chart renders that object itself';
const NOT_OBJECT = 'not a Kubernetes object';

// [row, traefik.values, texts the config door's errors must hold ([]: no error), texts they must not hold]
const ROWS: ReadonlyArray<readonly [string, object, readonly string[], (readonly string[])?]> = [
  // 76b-1: a LoadBalancer Service in a List
  ['76b-1 LB Service in a List', { extraObjects: [list(lbService())] }, [`traefik.values.extraObjects[0].items[0]: ${LB}`]],
  ['76b-1 LB Service as a direct item', { extraObjects: [lbService()] }, [`traefik.values.extraObjects[0]: ${LB}`]],
  [
    '76b-1 LB Service in a nested List',
    { extraObjects: [list(configMap(), list(lbService()))] },
    [`traefik.values.extraObjects[0].items[1].items[0]: ${LB}`],
  ],
  [
    '76b-1 kindless LB item of a ServiceList',
    {
      extraObjects: [
        { apiVersion: 'v1', kind: 'ServiceList', items: [{ metadata: { name: 'lb3', namespace: 'default' }, spec: lbService().spec }] },
      ],
    },
    [`traefik.values.extraObjects[0].items[0]: ${LB}`],
  ],
  [
    '76b-1 LB Service in a List written as text',
    { extraObjects: [`apiVersion: v1\nkind: List\nitems:\n- ${JSON.stringify(lbService())}`] },
    [`traefik.values.extraObjects[0]: ${LB}`],
  ],
  ['76b-1 ClusterIP Service in a List passes', { extraObjects: [list(lbService('lb3', { type: 'ClusterIP' }))] }, []],
  [
    '76b-1 LB Service of another class in a List passes',
    { extraObjects: [list(lbService('lb3', { loadBalancerClass: 'other.io/lb' }))] },
    [],
  ],
  // 76b-20: List items that are no objects, a List whose items are no list
  [
    '76b-20 text, number and list items',
    { extraObjects: [list('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: default}', 5, ['a'])] },
    [
      `traefik.values.extraObjects[0].items[0]: is plain text, ${NOT_OBJECT}`,
      `traefik.values.extraObjects[0].items[1]: is the number 5, ${NOT_OBJECT}`,
      `traefik.values.extraObjects[0].items[2]: is a list, ${NOT_OBJECT}`,
    ],
  ],
  ['76b-20 a null item', { extraObjects: [list(configMap(), null)] }, [`traefik.values.extraObjects[0].items[1]: is null, ${NOT_OBJECT}`]],
  [
    '76b-20 a nested List with a number item',
    { extraObjects: [list(list(7))] },
    [`traefik.values.extraObjects[0].items[0].items[0]: is the number 7`],
  ],
  [
    '76b-20 a number item of a List written as text',
    { extraObjects: ['apiVersion: v1\nkind: List\nitems: [5]'] },
    [`traefik.values.extraObjects[0]: items[0] is the number 5, ${NOT_OBJECT}`],
  ],
  ['76b-20 a List of objects passes', { extraObjects: [list(configMap('a'), configMap('b'))] }, []],
  ['76b-20 an empty List passes', { extraObjects: [list()] }, []],
  [
    '76b-20 items a map',
    { extraObjects: [{ apiVersion: 'v1', kind: 'List', items: { a: 'b' } }] },
    ['traefik.values.extraObjects[0].items: is a map, but a List is applied as its items'],
    ['metadata.name: is missing', 'which "v1" does not have'],
  ],
  [
    '76b-20 a List without items',
    { extraObjects: [{ apiVersion: 'v1', kind: 'List' }] },
    ['traefik.values.extraObjects[0]: is a List without items'],
    ['metadata.name: is missing', 'which "v1" does not have'],
  ],
  // 76b-17: an item repeating an object the chart renders from its CRD keys
  [
    '76b-17 IngressRoute traefik-r1',
    { ingressRoute: { r1: chartRoute() }, extraObjects: [route('traefik-r1')] },
    [`traefik.values.extraObjects[0]: is IngressRoute kube-system/"traefik-r1", but ${DUP} (from ingressRoute.r1)`],
  ],
  [
    '76b-17 IngressRoute traefik-r1 without a namespace',
    { ingressRoute: { r1: chartRoute() }, extraObjects: [{ ...route('traefik-r1'), metadata: { name: 'traefik-r1' } }] },
    [`${DUP} (from ingressRoute.r1)`],
  ],
  [
    '76b-17 IngressRoute traefik-r1 in another namespace passes',
    { ingressRoute: { r1: chartRoute() }, extraObjects: [route('traefik-r1', 'default')] },
    [],
  ],
  ['76b-17 IngressRoute r1 (no release prefix) passes', { ingressRoute: { r1: chartRoute() }, extraObjects: [route('r1')] }, []],
  ['76b-17 a disabled ingressRoute renders nothing', { ingressRoute: { r1: chartRoute(false) }, extraObjects: [route('traefik-r1')] }, []],
  [
    '76b-17 the dashboard IngressRoute',
    { ingressRoute: { dashboard: { enabled: true } }, extraObjects: [route('traefik-dashboard')] },
    [`${DUP} (from ingressRoute.dashboard)`],
  ],
  [
    '76b-17 TLSOption o1',
    { tlsOptions: { o1: { minVersion: 'VersionTLS12' } }, extraObjects: [tlsOption('o1')] },
    [`traefik.values.extraObjects[0]: is TLSOption kube-system/"o1", but ${DUP} (from tlsOptions.o1)`],
  ],
  ['76b-17 TLSOption o2 passes', { tlsOptions: { o1: { minVersion: 'VersionTLS12' } }, extraObjects: [tlsOption('o2')] }, []],
  [
    '76b-17 TLSStore default',
    { tlsStore: { default: { defaultCertificate: { secretName: 'cert1' } } }, extraObjects: [tlsStore('default')] },
    [`${DUP} (from tlsStore.default)`],
  ],
  [
    '76b-17 TLSOption o1 inside a List',
    { tlsOptions: { o1: { minVersion: 'VersionTLS12' } }, extraObjects: [list(tlsOption('o1'))] },
    [`traefik.values.extraObjects[0].items[0]: is TLSOption kube-system/"o1", but ${DUP} (from tlsOptions.o1)`],
  ],
  [
    '76b-17 the chart ServiceAccount inside a List',
    { extraObjects: [list({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'traefik', namespace: 'kube-system' } })] },
    [`traefik.values.extraObjects[0].items[0]: is ServiceAccount kube-system/"traefik", but ${DUP} (from serviceAccount)`],
  ],
  [
    '76b-17 two List items of one identity',
    { extraObjects: [list(configMap('a')), configMap('a')] },
    ['traefik.values.extraObjects[1]: is ConfigMap default/"a", but extraObjects[0].items[0] is that object too'],
  ],
  // 76b-12: chart keys that become object names
  [
    '76b-12 tlsOptions.Bad_O',
    { tlsOptions: { Bad_O: { minVersion: 'VersionTLS12' } } },
    ['traefik.values.tlsOptions.Bad_O: "Bad_O" is not a valid name'],
  ],
  ['76b-12 tlsOptions.good-o passes', { tlsOptions: { 'good-o': { minVersion: 'VersionTLS12' } } }, []],
  [
    '76b-12 tlsStore.Other_Store',
    { tlsStore: { Other_Store: { defaultCertificate: { secretName: 'c' } } } },
    ['traefik.values.tlsStore.Other_Store: "Other_Store" is not a valid name'],
  ],
  ['76b-12 tlsStore.other-store passes', { tlsStore: { 'other-store': { defaultCertificate: { secretName: 'c' } } } }, []],
  [
    '76b-12 ingressRoute.Bad_R',
    { ingressRoute: { Bad_R: chartRoute() } },
    ['traefik.values.ingressRoute.Bad_R: "traefik-Bad_R" is not a valid name'],
  ],
  ['76b-12 ingressRoute.Bad_R disabled renders nothing', { ingressRoute: { Bad_R: chartRoute(false) } }, []],
  ['76b-12 ingressRoute.bad-r passes', { ingressRoute: { 'bad-r': chartRoute() } }, []],
  [
    '76b-12 ingressRoute name too long once prefixed',
    { ingressRoute: { ['r'.repeat(250)]: chartRoute() } },
    ['"traefik-rrrr', 'is 258 characters, at most 253 (IngressRoute names are DNS-1123 subdomains)'],
  ],
  ['76b-12 ingressRoute name at the limit once prefixed passes', { ingressRoute: { ['r'.repeat(245)]: chartRoute() } }, []],
];

describe('76b-1, 76b-20, 76b-17, 76b-12: the config door', () => {
  test.each(ROWS.map(([row, values, expected, absent]) => ({ row, values, expected, absent: absent ?? [] })))(
    '$row',
    ({ values, expected, absent }) => {
      const errors = valuesDoors.config(values);
      if (!expected.length) expect(errors).toBe('');
      for (const text of expected) expect(errors).toContain(text);
      for (const text of absent) expect(errors).not.toContain(text);
    },
  );
});

// [row, values, texts the K3sVipCluster's and the TraefikHelmChartConfig's refusals must hold ([]: accepted)]
const CONSTRUCT_ROWS: ReadonlyArray<readonly [string, object, readonly string[]]> = [
  ['76b-1 LB Service in a List', { extraObjects: [list(lbService())] }, ['values.extraObjects[0].items[0]', LB]],
  ['76b-1 ClusterIP Service in a List', { extraObjects: [list(lbService('lb3', { type: 'ClusterIP' }))] }, []],
  ['76b-20 a number item', { extraObjects: [list(5)] }, ['values.extraObjects[0].items[0]', `is the number 5, ${NOT_OBJECT}`]],
  [
    '76b-17 TLSOption o1',
    { tlsOptions: { o1: { minVersion: 'VersionTLS12' } }, extraObjects: [tlsOption('o1')] },
    ['values.extraObjects[0]', `${DUP} (from tlsOptions.o1)`],
  ],
  [
    '76b-12 tlsOptions.Bad_O',
    { tlsOptions: { Bad_O: { clientAuth: { clientAuthType: 'RequireAndVerifyClientCert' } } } },
    ['values.tlsOptions.Bad_O', '"Bad_O" is not a valid name'],
  ],
  ['76b-12 tlsOptions.good passes', { tlsOptions: { good: { minVersion: 'VersionTLS12' } } }, []],
];

describe('76b-1, 76b-20, 76b-17, 76b-12: the construct doors', () => {
  test.each(CONSTRUCT_ROWS)('%s', (_row, values, expected) => {
    for (const refusal of [valuesDoors.cluster(values), valuesDoors.chart(values)]) {
      if (!expected.length) expect(refusal).toBe('');
      for (const text of expected) expect(refusal).toContain(text);
    }
  });
});
