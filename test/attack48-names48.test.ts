import { stringify } from 'yaml';
import { DEV_YAML, valuesDoors } from './helpers';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { validateManifests } from '../src/validate/conformance';

/**
 * Round 47 (names48): one rule at every place the Kubernetes API takes a Secret's name (47a-3, 47a-4:
 * validate/secret-name-places.ts): a name no Secret can have (`P@ssw0rd!2024`, words with spaces) or one that looks
 * generated is the password pasted there, refused without being shown, in a pod, a ServiceAccount, a PersistentVolume,
 * a StorageClass and Traefik's own pod.
 */
const PASTED = ['P@ssw0rd!2024', 'Zq9x W3vLp7Rt', 'correct horse battery staple', 'Zq9xW3vLp7Rt', 'zq9xw3vlp7rt'];
const NOT_SHOWN = '(the value is not shown: a password may have been pasted here)';
const side = { name: 'side-0', image: 'busybox:1.36' };
const meta = { name: 'x', namespace: 'default' };

const pod = (spec: object) => ({ apiVersion: 'v1', kind: 'Pod', metadata: meta, spec: { containers: [side], ...spec } });
const podVolume = (source: object) => pod({ volumes: [{ name: 'v', ...source }] });
const pv = (spec: object) => ({
  apiVersion: 'v1',
  kind: 'PersistentVolume',
  metadata: { name: 'x' },
  spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], ...spec },
});
const csiPv = (ref: string, name: unknown) => pv({ csi: { driver: 'd', volumeHandle: 'h', [ref]: { name, namespace: 'default' } } });
const storageClass = (parameters: object) => ({
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name: 'x' },
  provisioner: 'p',
  parameters,
});

/** Each place: [label, object made with the name there, the key path's end]. */
const PLACES: Array<[string, (name: unknown) => object, string]> = [
  ['a pod imagePullSecrets', (name) => pod({ imagePullSecrets: [{ name }] }), 'spec.imagePullSecrets[0].name'],
  [
    'a ServiceAccount imagePullSecrets',
    (name) => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta, imagePullSecrets: [{ name }] }),
    'imagePullSecrets[0].name',
  ],
  [
    'a ServiceAccount secrets',
    (name) => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta, secrets: [{ name }] }),
    'secrets[0].name',
  ],
  [
    'a CSI volume',
    (name) => podVolume({ csi: { driver: 'x', nodePublishSecretRef: { name } } }),
    'spec.volumes[0].csi.nodePublishSecretRef.name',
  ],
  [
    'a cephfs volume',
    (name) => podVolume({ cephfs: { monitors: ['1.2.3.4'], secretRef: { name } } }),
    'spec.volumes[0].cephfs.secretRef.name',
  ],
  [
    'an rbd volume',
    (name) => podVolume({ rbd: { monitors: ['1.2.3.4'], image: 'i', secretRef: { name } } }),
    'spec.volumes[0].rbd.secretRef.name',
  ],
  [
    'an iscsi volume',
    (name) => podVolume({ iscsi: { targetPortal: '1.2.3.4:3260', iqn: 'iqn.2001-04.com.example:s', lun: 0, secretRef: { name } } }),
    'spec.volumes[0].iscsi.secretRef.name',
  ],
  [
    'a flexVolume',
    (name) => podVolume({ flexVolume: { driver: 'x/y', secretRef: { name } } }),
    'spec.volumes[0].flexVolume.secretRef.name',
  ],
  [
    'a scaleIO volume',
    (name) => podVolume({ scaleIO: { gateway: 'g', system: 's', secretRef: { name } } }),
    'spec.volumes[0].scaleIO.secretRef.name',
  ],
  [
    'a storageos volume',
    (name) => podVolume({ storageos: { volumeName: 'v', secretRef: { name } } }),
    'spec.volumes[0].storageos.secretRef.name',
  ],
  ['an azureFile volume', (name) => podVolume({ azureFile: { secretName: name, shareName: 's' } }), 'spec.volumes[0].azureFile.secretName'],
  ['a PV nodePublishSecretRef', (name) => csiPv('nodePublishSecretRef', name), 'spec.csi.nodePublishSecretRef.name'],
  ['a PV controllerPublishSecretRef', (name) => csiPv('controllerPublishSecretRef', name), 'spec.csi.controllerPublishSecretRef.name'],
  ['a PV nodeStageSecretRef', (name) => csiPv('nodeStageSecretRef', name), 'spec.csi.nodeStageSecretRef.name'],
  ['a PV controllerExpandSecretRef', (name) => csiPv('controllerExpandSecretRef', name), 'spec.csi.controllerExpandSecretRef.name'],
  ['a PV nodeExpandSecretRef', (name) => csiPv('nodeExpandSecretRef', name), 'spec.csi.nodeExpandSecretRef.name'],
  ['a PV cephfs secretRef', (name) => pv({ cephfs: { monitors: ['1.2.3.4'], secretRef: { name } } }), 'spec.cephfs.secretRef.name'],
  [
    'a StorageClass secret parameter',
    (name) => storageClass({ 'csi.storage.k8s.io/node-publish-secret-name': name }),
    'parameters.csi.storage.k8s.io/node-publish-secret-name',
  ],
  [
    'a cert-manager Certificate',
    (name) => ({
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: meta,
      spec: { secretName: name, dnsNames: ['a.example.com'], issuerRef: { name: 'le', kind: 'ClusterIssuer' } },
    }),
    'spec.secretName',
  ],
  [
    "a cert-manager ClusterIssuer's solver",
    (name) => ({
      apiVersion: 'cert-manager.io/v1',
      kind: 'ClusterIssuer',
      metadata: { name: 'le' },
      spec: {
        acme: {
          server: 'https://acme-v02.api.letsencrypt.org/directory',
          privateKeySecretRef: { name: 'le-account' },
          solvers: [{ dns01: { cloudflare: { apiTokenSecretRef: { name, key: 'api-token' } } } }],
        },
      },
    }),
    'spec.acme.solvers[0].dns01.cloudflare.apiTokenSecretRef.name',
  ],
  [
    "a Gateway listener's certificateRefs",
    (name) => ({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: meta,
      spec: {
        gatewayClassName: 'traefik',
        listeners: [{ name: 'https', protocol: 'HTTPS', port: 8443, tls: { mode: 'Terminate', certificateRefs: [{ name }] } }],
      },
    }),
    'spec.listeners[0].tls.certificateRefs[0].name',
  ],
];

const SECRET_NAME_REFUSAL = /not a valid Secret name|looks generated|not a Secret's name/;
const refusalOf = (object: object): string => valuesDoors.config({ extraObjects: [object] });
const validated = (object: object): string =>
  validateManifests(new Map([['x/o.yaml', stringify(object)]]))
    .map((v) => `${v.field}: ${v.message}`)
    .join('\n');

describe('47a-3/47a-4: a name no Secret can have, or one that looks generated, is refused at every Secret-name place, never shown', () => {
  // Each place with one of the names in turn; the pod's and the ServiceAccount's with all of them.
  const rows = PLACES.flatMap(([label, make, end], i) =>
    (i === 0 ? PASTED : [PASTED[i % PASTED.length]]).map((name) => [label, name, make, end] as const),
  );
  test.each(rows)('%s: %s', (label, name, make, end) => {
    // An Issuer in extraObjects is refused as such (declare it in certManager.issuers): npm run validate judges its names.
    for (const said of label.includes('Issuer') ? [validated(make(name))] : [refusalOf(make(name)), validated(make(name))]) {
      // A key with dots is written `parameters["csi…"]` by npm run validate, `parameters.csi…` by the config's messages.
      expect(said.replace(/\["([^"]+)"\]/g, '.$1')).toContain(`${end}: `);
      expect(said).toContain(NOT_SHOWN);
      expect(said).not.toContain(name);
    }
  });

  test('a chosen name is accepted at every place', () => {
    // (npm run validate has no cert-manager CRD to judge a Certificate by: only its Secret names are asked here.)
    for (const [label, make] of PLACES) expect(`${label}: ${validated(make('db-auth'))}`).not.toMatch(SECRET_NAME_REFUSAL);
    for (const [label, make] of PLACES.slice(0, 3)) expect([label, refusalOf(make('regcred'))]).toEqual([label, '']);
  });

  test('a non-text value is refused, not shown', () => {
    const said = refusalOf(pod({ imagePullSecrets: [{ name: ['P@ssw0rd!2024'] }] }));
    expect(said).toContain('imagePullSecrets[0].name');
    expect(said).not.toContain('P@ssw0rd');
  });

  test("a StorageClass parameter's ${pvc.name} template is a name part", () => {
    expect(validated(storageClass({ 'csi.storage.k8s.io/provisioner-secret-name': '${pvc.name}-creds' }))).toBe('');
    expect(validated(storageClass({ 'csi.storage.k8s.io/provisioner-secret-namespace': '${pvc.namespace}' }))).toBe('');
  });

  test("Traefik's own deployment.imagePullSecrets", () => {
    const said = valuesDoors.config({ deployment: { imagePullSecrets: [{ name: 'P@ssw0rd!2024' }] } });
    expect(said).toContain('traefik.values.deployment.imagePullSecrets[0].name');
    expect(said).not.toContain('P@ssw0rd');
  });
});

describe('47a-12: nothing at or under a Secret reference is quoted, numbers neither; what is expected is said', () => {
  const traefikSecretVolume = (name: string, type = 'secret') => ({ volumes: [{ name, mountPath: '/x', type }] });

  test.each([
    ['a name no volume may have', 'Zq9x W3vLp7Rt', 'DNS-1123 label as a volume name'],
    ['a generated-looking name', 'zq9xw3vlp7rt', 'looks generated'],
  ])('Traefik volumes[] of type secret, %s: refused at its name, not shown', (_, name, says) => {
    const said = valuesDoors.config(traefikSecretVolume(name));
    expect(said).toContain('traefik.values.volumes[0].name: ');
    expect(said).toContain(says);
    expect(said).toContain('not shown');
    expect(said).not.toContain(name);
  });

  test('control: a configMap volume name is shown, a chosen Secret name accepted', () => {
    expect(valuesDoors.config(traefikSecretVolume('Bad Name', 'configMap'))).toContain('"Bad Name"');
    expect(valuesDoors.config(traefikSecretVolume('app-tls'))).toBe('');
  });

  test.each([
    ['defaultMode', { secretName: 'db', defaultMode: 987654321 }, 'defaultMode'],
    ['items[].mode', { secretName: 'db', items: [{ key: 'k', path: 'p', mode: 987654321 }] }, 'items[0].mode'],
  ])('a secret volume %s out of range: said, not shown', (_, secret, field) => {
    const said = valuesDoors.config({ extraObjects: [podVolume({ secret })] });
    expect(said).toContain(`spec.volumes[0].secret.${field}: `);
    expect(said).toMatch(/write (a|the mode as a) number/);
    expect(said).not.toContain('987654321');
  });
});

describe('47b-1: a K3s token found in the text is said at its key path', () => {
  const T = 'K10abcdef0123456789abcdef0123456789abcdef0123456789abcdef01234567::server:abcdef0123456789';
  const text =
    `# ${T}\nkubeVip:\n  version: "${T}"\ntraefik:\n  loadBalancerIPs: ["${T}"]\n  values:\n    deployment:\n` +
    `      podAnnotations:\n        note: "${T}"\ningresses:\n  - {name: a, host: "${T}", service: s, port: "${T}"}\n`;
  const said = parseConfigText('config/a.yaml', text).errors.map(formatDiagnostic);

  test.each([
    ['kubeVip.version', 3],
    ['traefik.loadBalancerIPs[0]', 5],
    ['traefik.values.deployment.podAnnotations.note', 9],
    ['ingresses[0].host', 11],
    ['ingresses[0].port', 11],
  ])('%s', (path, line) => {
    expect(said).toContainEqual(
      expect.stringMatching(new RegExp(`^config/a\\.yaml:${line}:\\d+: ${path.replace(/[.[\]]/g, '\\$&')}: holds a K3s token`)),
    );
  });

  test('one in a comment keeps its line alone; the token is never shown', () => {
    expect(said).toContainEqual(expect.stringMatching(/^config\/a\.yaml:1:3: holds a K3s token/));
    expect(said.join('\n')).not.toContain('abcdef0123');
  });
});

describe('47a-14: control characters in a block scalar name the key path', () => {
  test('each line', () => {
    const block = Array.from({ length: 25 }, (_, i) => `            p${i}\x01\n`).join('');
    const text = DEV_YAML.replace(
      'traefik:\n',
      'traefik:\n  values:\n    extraObjects:\n      - apiVersion: v1\n        kind: ConfigMap\n        metadata: {name: x, namespace: default}\n' +
        `        data:\n          b: |\n${block}`,
    );
    const said = parseConfigText('config/dev.yaml', text).errors.map(formatDiagnostic);
    const control = said.filter((line) => line.includes('control character'));
    expect(control).toHaveLength(25);
    for (const line of control)
      expect(line).toMatch(/^config\/dev\.yaml:\d+:\d+: traefik\.values\.extraObjects\[0\]\.data\.b: holds the control character U\+0001/);
  });
});

describe('47b-3: a rendered manifest in the config folder is said to be no config, and only that', () => {
  test('a HelmChartConfig with a valuesContent block', () => {
    const manifest =
      '# Generated from dev.yaml by `npm run synth`. Edit the config, not this file.\napiVersion: helm.cattle.io/v1\nkind: HelmChartConfig\n' +
      'metadata:\n  name: traefik\n  namespace: kube-system\nspec:\n  valuesContent: |\n    ports:\n      web:\n        port: 8000\n';
    const said = parseConfigText('config/traefik-config.yaml', manifest).errors.map(formatDiagnostic);
    expect(said).toEqual([expect.stringMatching(/^config\/traefik-config\.yaml: has 4 top-level keys and none of a k3s-vip config/)]);
  });
});
