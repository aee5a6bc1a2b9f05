import { valuesDoors } from './helpers';
import { secretName } from '../src/config/secret-ref-formats';

/**
 * Round 48b (names49): what Kubernetes 1.27 and cert-manager require of a Secret reference besides its name's shape
 * (48b-1: validate/secret-ref-required.ts), Traefik's CRDs and the chart's tlsStore/ingressRoute as Secret-name places
 * (48b-3: secret-name-places.ts), and a long name without digits said to be too long, never "generated" (48b-5).
 */
const NOT_SHOWN = '(the value is not shown: a password may have been pasted here)';
const G = 'aB3dE5fG7hJ9kL1mN3pQ5rS7';
const meta = { name: 'x', namespace: 'default' };
const side = { name: 'side-0', image: 'busybox:1.36' };
const said = (object: object): string => valuesDoors.config({ extraObjects: [object] });

const pv = (spec: object) => ({
  apiVersion: 'v1',
  kind: 'PersistentVolume',
  metadata: { name: 'x' },
  spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], ...spec },
});
const csiPv = (ref: string, secretRef: object) => pv({ csi: { driver: 'd', volumeHandle: 'h', [ref]: secretRef } });
const inlineCsi = (secretRef: object) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: meta,
  spec: { containers: [side], volumes: [{ name: 'v', csi: { driver: 'x', nodePublishSecretRef: secretRef } }] },
});
const storageos = (secretRef: object) => pv({ storageos: { volumeName: 'v', secretRef } });
const PV_REFS = [
  'nodePublishSecretRef',
  'controllerPublishSecretRef',
  'nodeStageSecretRef',
  'controllerExpandSecretRef',
  'nodeExpandSecretRef',
];

describe('48b-1: a Secret reference with no name, or a PersistentVolume one with no namespace or a bad one, is refused', () => {
  // [label, object, key path, what the message says]
  const rows: Array<[string, object, string, RegExp]> = [
    ...PV_REFS.map((ref): [string, object, string, RegExp] => [
      `PV ${ref}: empty name`,
      csiPv(ref, { name: '', namespace: 'default' }),
      `spec.csi.${ref}.name`,
      /is empty, which .*write the Secret's name/,
    ]),
    ...PV_REFS.map((ref): [string, object, string, RegExp] => [
      `PV ${ref}: no namespace`,
      csiPv(ref, { name: 'csi-creds' }),
      `spec.csi.${ref}.namespace`,
      /is missing, which .*write the Secret's namespace/,
    ]),
    [
      'PV: no name at all',
      csiPv('nodePublishSecretRef', { namespace: 'default' }),
      'spec.csi.nodePublishSecretRef.name',
      /is missing, which the API server refuses \("Required value"\)/,
    ],
    [
      'PV: namespace Bad_NS',
      csiPv('controllerExpandSecretRef', { name: 'ok', namespace: 'Bad_NS' }),
      'spec.csi.controllerExpandSecretRef.namespace',
      /is not a namespace's name.*DNS-1123 label/,
    ],
    [
      'PV: generated namespace',
      csiPv('nodePublishSecretRef', { name: 'ok', namespace: G.toLowerCase() + 'x'.repeat(50) }),
      'spec.csi.nodePublishSecretRef.namespace',
      /is not a namespace's name/,
    ],
    [
      'inline CSI: empty name',
      inlineCsi({ name: '' }),
      'spec.volumes[0].csi.nodePublishSecretRef.name',
      /is empty, which the API server refuses \("Required value"\)/,
    ],
    ['inline CSI: no name', inlineCsi({}), 'spec.volumes[0].csi.nodePublishSecretRef.name', /is missing, which the API server refuses/],
    [
      'StorageOS PV: empty name',
      storageos({ name: '', namespace: 'default' }),
      'spec.storageos.secretRef.name',
      /is empty, which the API server refuses \("Required value"\)/,
    ],
    [
      'StorageOS PV: no namespace',
      storageos({ name: 'sos' }),
      'spec.storageos.secretRef.namespace',
      /is missing, which the API server refuses/,
    ],
  ];
  test.each(rows)('%s', (_, object, path, says) => {
    const lines = said(object).split('\n');
    const line = lines.find((l) => l.includes(`traefik.values.extraObjects[0].${path}: `));
    expect([line, lines]).toEqual([expect.stringMatching(says), lines]);
    expect(said(object)).not.toContain('Bad_NS');
  });

  test('every problem of one reference in one run', () => {
    const lines = said(csiPv('nodePublishSecretRef', { name: '' })).split('\n');
    expect(lines.filter((l) => /nodePublishSecretRef\.(name|namespace): is (empty|missing)/.test(l))).toHaveLength(2);
  });

  test.each([
    [
      'PV refs named, in a namespace',
      pv({
        csi: {
          driver: 'd',
          volumeHandle: 'h',
          ...Object.fromEntries(PV_REFS.map((r) => [r, { name: 'csi.creds', namespace: 'kube-system' }])),
        },
      }),
    ],
    ['an inline CSI volume with a named ref', inlineCsi({ name: 'csi-creds' })],
    [
      'an inline CSI volume without a ref',
      { ...inlineCsi({}), spec: { containers: [side], volumes: [{ name: 'v', csi: { driver: 'x' } }] } },
    ],
    ['a StorageOS PV without a secretRef', pv({ storageos: { volumeName: 'v' } })],
    ['a StorageOS PV with a full secretRef', storageos({ name: 'sos', namespace: 'storageos' })],
  ])('control: %s is accepted', (_, object) => {
    // Wave 83: a PersistentVolume is cluster-scoped, no kind extraObjects carry (extra-object-kinds.ts): that alone is said.
    expect(
      said(object)
        .split('\n')
        .filter((line) => line && !line.includes("which Traefik's extraObjects do not carry")),
    ).toEqual([]);
  });
});

describe("48b-3: Traefik's CRDs and chart values are Secret-name places; a Certificate needs its secretName", () => {
  const route = (kind: string, group: string, secretName: unknown) => ({
    apiVersion: `${group}/v1alpha1`,
    kind,
    metadata: meta,
    spec: {
      entryPoints: ['websecure'],
      routes:
        kind === 'IngressRoute'
          ? [{ match: 'Host(`x.example.com`)', kind: 'Rule', services: [{ name: 's', port: 80 }] }]
          : [{ match: 'HostSNI(`x.example.com`)', services: [{ name: 's', port: 80 }] }],
      tls: { secretName },
    },
  });
  const object = (kind: string, group: string, spec: object) => ({ apiVersion: `${group}/v1alpha1`, kind, metadata: meta, spec });
  // [label, object with the name there, key path]
  const places = (group: string): Array<[string, (name: unknown) => object, string]> => [
    [`${group} IngressRoute`, (name) => route('IngressRoute', group, name), 'spec.tls.secretName'],
    [`${group} IngressRouteTCP`, (name) => route('IngressRouteTCP', group, name), 'spec.tls.secretName'],
    [
      `${group} TLSOption`,
      (name) => object('TLSOption', group, { clientAuth: { secretNames: ['ca-a', name] } }),
      'spec.clientAuth.secretNames[1]',
    ],
    [
      `${group} TLSStore default`,
      (name) => object('TLSStore', group, { defaultCertificate: { secretName: name } }),
      'spec.defaultCertificate.secretName',
    ],
    [
      `${group} TLSStore certificates`,
      (name) => object('TLSStore', group, { certificates: [{ secretName: name }] }),
      'spec.certificates[0].secretName',
    ],
    [
      `${group} ServersTransport rootCAsSecrets`,
      (name) => object('ServersTransport', group, { rootCAsSecrets: [name] }),
      'spec.rootCAsSecrets[0]',
    ],
    [
      `${group} ServersTransport certificatesSecrets`,
      (name) => object('ServersTransport', group, { certificatesSecrets: [name] }),
      'spec.certificatesSecrets[0]',
    ],
    [
      `${group} ServersTransport rootCAs`,
      (name) => object('ServersTransport', group, { rootCAs: [{ secret: name }] }),
      'spec.rootCAs[0].secret',
    ],
    [
      `${group} ServersTransportTCP`,
      (name) => object('ServersTransportTCP', group, { tls: { rootCAsSecrets: [name] } }),
      'spec.tls.rootCAsSecrets[0]',
    ],
    [`${group} Middleware basicAuth`, (name) => object('Middleware', group, { basicAuth: { secret: name } }), 'spec.basicAuth.secret'],
    [`${group} Middleware digestAuth`, (name) => object('Middleware', group, { digestAuth: { secret: name } }), 'spec.digestAuth.secret'],
  ];
  // ServersTransportTCP and ServersTransport rootCAs[].secret are Traefik v3's only (its group traefik.io).
  const PLACES = [
    ...places('traefik.io'),
    ...places('traefik.containo.us').filter(([label]) => !/ServersTransportTCP|rootCAs$/.test(label)),
  ];

  test.each(PLACES.flatMap(([label, make, path]) => [G, 'Bad_Name'].map((name) => [label, name, make, path] as const)))(
    '%s: %s refused at its key path, not shown',
    (_, name, make, path) => {
      const text = said(make(name));
      expect(text).toContain(`traefik.values.extraObjects[0].${path}: `);
      expect(text).toContain(NOT_SHOWN);
      expect(text).not.toContain(name);
    },
  );

  test('control: chosen names are accepted at every place', () => {
    // traefik.containo.us is refused as a group on this door's chart 39 (Traefik v3's CRDs: 52b-4), whatever the name.
    for (const [label, make] of PLACES.filter(([label]) => !label.startsWith('traefik.containo.us')))
      expect([label, said(make('app-tls'))]).toEqual([label, '']);
  });

  test.each([
    [
      'tlsStore default',
      { tlsStore: { default: { defaultCertificate: { secretName: G } } } },
      'tlsStore.default.defaultCertificate.secretName',
    ],
    [
      'tlsStore certificates',
      { tlsStore: { default: { certificates: [{ secretName: 'Bad_Name' }] } } },
      'tlsStore.default.certificates[0].secretName',
    ],
    ['ingressRoute dashboard', { ingressRoute: { dashboard: { tls: { secretName: G } } } }, 'ingressRoute.dashboard.tls.secretName'],
  ])('chart values %s: refused, not shown', (_, values, path) => {
    const text = valuesDoors.config(values);
    expect(text).toContain(`traefik.values.${path}: `);
    expect(text).toContain(NOT_SHOWN);
    expect(text).not.toMatch(/aB3dE5|Bad_Name/);
  });

  test('control: chart values with chosen names', () => {
    expect(valuesDoors.config({ tlsStore: { default: { defaultCertificate: { secretName: 'wildcard-tls' } } } })).toBe('');
  });

  const certificate = (spec: object) => ({
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: meta,
    spec: { dnsNames: ['x.example.com'], issuerRef: { name: 'le', kind: 'ClusterIssuer' }, ...spec },
  });
  test.each([
    ['empty', { secretName: '' }, /spec\.secretName: is empty, which cert-manager's Certificate schema refuses \("Required value"\)/],
    ['missing', {}, /spec\.secretName: is missing/],
  ])('a Certificate with its secretName %s is refused', (_, spec, says) => {
    expect(said(certificate(spec))).toMatch(says);
  });
});

describe('48b-5: a name without digits is never said to look generated; a long one is said to be too long', () => {
  test.each([
    ['Traefik imagePullSecrets', (name: string) => valuesDoors.config({ deployment: { imagePullSecrets: [{ name }] } })],
    [
      'an extraObjects pod',
      (name: string) => said({ apiVersion: 'v1', kind: 'Pod', metadata: meta, spec: { containers: [side], imagePullSecrets: [{ name }] } }),
    ],
  ])('%s', (_, judge) => {
    const long = judge('a'.repeat(254));
    expect(long).toContain('is 254 characters, at most 253');
    expect(long).not.toContain('looks generated');
    expect(judge('a'.repeat(64))).toBe('');
    expect(judge('kubernetesdashboardcertificate')).toBe('');
    // Letters and digits mixed still look generated.
    expect(judge('ab3de5fg7hj9kl1mn3pq5rs7')).toContain('looks generated');
  });

  test('the first-class key judges alike', () => {
    expect(secretName('a'.repeat(64))).toBeUndefined();
    expect(secretName('a'.repeat(254))).toMatch(/^is 254 characters/);
    expect(secretName('ab3de5fg7hj9kl1mn3pq5rs7')).toMatch(/^looks generated/);
  });
});
