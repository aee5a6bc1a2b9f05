import { valuesDoors } from './helpers';

/**
 * Attack round 32b: 32b-2 (an `extraObjects` item, or a document of a text item, that is not a map passed, though Helm
 * reads every rendered document as an object and fails the whole Traefik release) and 32b-5 (a misspelt group, kind or
 * version of a Traefik CRD object passed, and skipped the resolver rule, while a misspelt core kind is refused).
 */

/** The errors of each front door for `extraObjects: items`, each door's path written as that door writes it. */
const doors = (items: unknown[]) => [
  { door: 'config', at: 'traefik.values.extraObjects[0]', errors: valuesDoors.config({ extraObjects: items }) },
  { door: 'K3sVipCluster', at: 'traefik.values.extraObjects[0]', errors: valuesDoors.cluster({ extraObjects: items }) },
  { door: 'TraefikHelmChartConfig', at: 'values.extraObjects[0]', errors: valuesDoors.chart({ extraObjects: items }) },
];
const separator = (door: string) => (door === 'TraefikHelmChartConfig' ? ' ' : ': ');

describe('32b-2: an extraObjects item or document that is not a map', () => {
  const CONFIG_MAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: default\n';
  const NOT_OBJECT = ', not a Kubernetes object: Helm reads every document the chart renders from extraObjects as an object';
  it.each([
    ['a list', ['a', 'b'], 'is a list'],
    ['an empty list', [], 'is a list'],
    ['a number', 5, 'is the number 5'],
    ['a boolean', true, 'is the boolean true'],
    ['text reading as a number', '5', 'is text that reads as the number 5'],
    ['text reading as a boolean', 'true', 'is text that reads as the boolean true'],
    ['text reading as plain text', 'x', 'is text that reads as plain text'],
    ['text reading as a list', '- a\n- b', 'is text that reads as a list'],
    ['a text whose second document is a list', `${CONFIG_MAP}---\n- x\n`, 'is text whose document 2 reads as a list'],
    [
      'a text whose third document is a number',
      `${CONFIG_MAP}---\n${CONFIG_MAP.replace('name: a', 'name: b')}---\n7\n`,
      'is text whose document 3 reads as the number 7',
    ],
  ])('%s is refused, one line at every door', (_, item, what) => {
    for (const { door, at, errors } of doors([item])) {
      expect({ door, errors: errors.split('\n').filter((line) => line.includes(NOT_OBJECT)) }).toEqual({
        door,
        errors: [expect.stringContaining(`${at}${separator(door)}${what}${NOT_OBJECT}, so the whole Traefik release fails; write each`)],
      });
    }
  });

  // Helm's splitter keeps a `null` document and the Kubernetes client skips it (k8s.io/cli-runtime StreamVisitor).
  it.each([
    ['a null item', null],
    ['empty text', ''],
    ['text of `---` alone', '---'],
    ['text reading as null', 'null'],
    ['a ConfigMap text with an empty last document', `${CONFIG_MAP}---\n`],
    ['control: a ConfigMap map item', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'default' } }],
    ['control: a ConfigMap text', CONFIG_MAP],
  ])('%s is accepted at every door', (_, item) => {
    for (const { door, errors } of doors([item])) expect({ door, errors }).toEqual({ door, errors: '' });
  });
});

describe("32b-5: a Traefik CRD object's group, kind and version are matched exactly", () => {
  const object = (apiVersion: string, kind: string, spec: object = {}) => ({
    apiVersion,
    kind,
    metadata: { name: 'o', namespace: 'default' },
    spec,
  });
  const route = { routes: [{ match: 'Host(`b.example.com`)', kind: 'Rule', services: [{ name: 's', port: 80 }] }] };
  const UNMAPPED = 'and Helm maps group, version and kind exactly (or fails the whole Traefik release)';
  it.each([
    [
      'a lower-case kind',
      object('traefik.io/v1alpha1', 'ingressroute', route),
      'kind',
      `is "ingressroute", which Traefik's CRDs do not define in traefik.io, ${UNMAPPED}: check the spelling (write IngressRoute)`,
    ],
    [
      'an upper-case group',
      object('Traefik.io/v1alpha1', 'IngressRoute', route),
      'apiVersion',
      `is "Traefik.io/v1alpha1", but Traefik's CRDs define the API group traefik.io, ${UNMAPPED}: check the spelling and write traefik.io/v1alpha1`,
    ],
    [
      'a group all in capitals',
      object('TRAEFIK.IO/v1alpha1', 'Middleware'),
      'apiVersion',
      'check the spelling and write traefik.io/v1alpha1',
    ],
    [
      'a version the CRDs do not serve',
      object('traefik.io/v1', 'IngressRoute', route),
      'apiVersion',
      `is "traefik.io/v1", but Traefik's CRDs serve IngressRoute only as traefik.io/v1alpha1, ${UNMAPPED}: write traefik.io/v1alpha1`,
    ],
    [
      'a lower-case kind of the older group',
      object('traefik.containo.us/v1alpha1', 'middleware'),
      'kind',
      'do not define in traefik.containo.us, and Helm maps group, version and kind exactly (or fails the whole Traefik release): check the spelling (write Middleware)',
    ],
    ['a mixed-case Hub kind', object('hub.traefik.io/v1alpha1', 'Api'), 'kind', 'check the spelling (write API)'],
    [
      'an unknown kind',
      object('traefik.io/v1alpha1', 'IngressRoutes'),
      'kind',
      'check the spelling (the CRDs of traefik.io define IngressRoute, IngressRouteTCP, IngressRouteUDP, Middleware,',
    ],
    [
      'a kind the older group never had',
      object('traefik.containo.us/v1alpha1', 'ServersTransportTCP'),
      'kind',
      'do not define in traefik.containo.us',
    ],
    [
      'a lower-case kind in text',
      'apiVersion: traefik.io/v1alpha1\nkind: tlsstore\nmetadata:\n  name: default\n  namespace: default\n',
      'kind',
      'check the spelling (write TLSStore)',
    ],
  ])('%s is refused at every door', (_, item, key, message) => {
    for (const { door, at, errors } of doors([item])) {
      expect({ door, errors }).toEqual({ door, errors: expect.stringContaining(`${at}.${key}${separator(door)}is "`) });
      expect(errors).toContain(message);
    }
  });

  it('a near-miss IngressRoute naming an undefined resolver is refused once, for its kind', () => {
    const item = object('traefik.io/v1alpha1', 'ingressroute', { ...route, tls: { certResolver: 'nope' } });
    for (const { door, at, errors } of doors([item])) {
      expect({ door, errors: errors.split('\n') }).toEqual({
        door,
        errors: [expect.stringContaining(`${at}.kind${separator(door)}is "ingressroute"`)],
      });
    }
  });

  it('control: the correctly spelt IngressRoute still gets the resolver rule', () => {
    const item = object('traefik.io/v1alpha1', 'IngressRoute', { ...route, tls: { certResolver: 'nope' } });
    for (const { door, at, errors } of doors([item]))
      expect({ door, errors }).toEqual({ door, errors: expect.stringContaining(`${at}.spec.tls.certResolver`) });
  });

  it.each([
    ['IngressRoute', object('traefik.io/v1alpha1', 'IngressRoute', route)],
    [
      'IngressRouteTCP',
      object('traefik.io/v1alpha1', 'IngressRouteTCP', {
        entryPoints: ['postgres'],
        routes: [{ match: 'HostSNI(`*`)', services: [{ name: 's', port: 5432 }] }],
      }),
    ],
    ['Middleware', object('traefik.io/v1alpha1', 'Middleware', { headers: { customRequestHeaders: { 'X-A': 'b' } } })],
    ['TLSStore', object('traefik.io/v1alpha1', 'TLSStore', { defaultCertificate: { secretName: 'c' } })],
    // The older group traefik.containo.us is refused on these doors' chart 39 (Traefik v3's CRDs: 52b-4, test/attack54-routes54.test.ts).
    ['a Hub kind', object('hub.traefik.io/v1alpha1', 'APIPortal')],
  ])('control: %s passes', (_, item) => {
    for (const { door, errors } of doors([item])) expect({ door, errors }).toEqual({ door, errors: '' });
  });
  // Wave 83: not a misspelt Traefik group, but no kind extraObjects carry either (extra-object-kinds.ts).
  it('control: a group of another vendor with a like name is refused only as a kind extraObjects do not carry', () => {
    for (const { errors } of doors([object('traefik.example.com/v1', 'ingressroute')])) {
      expect(errors).toContain("is an ingressroute of API group traefik.example.com, which Traefik's extraObjects do not carry");
      expect(errors).not.toContain("which Traefik's CRDs do not define");
    }
  });
});
