import { valuesDoors } from './helpers';
import { formatDiagnostic, parseConfigText } from '../src/config/load';

// Attack round 9 (FP2, FP3, FP5, FP6, R3): each through the YAML config, K3sVipCluster, TraefikHelmChartConfig and the write gate.
const SECRET = 'Qx5Hunter2SecretWm47';

const { config: configErrors, cluster: clusterErrors, chart: chartErrors } = valuesDoors;
const gate = (values: unknown) => valuesDoors.gate(values).join('\n');
const everyDoor = (values: unknown) => [configErrors(values), clusterErrors(values), chartErrors(values), gate(values)];

const middleware = (spec: unknown) => ({
  extraObjects: [{ apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware', metadata: { name: 'auth', namespace: 'kube-system' }, spec }],
});
const podAnnotations = (annotations: Record<string, string>) => ({ deployment: { podAnnotations: annotations } });
const externalSecret = (secretKey: string) => ({
  extraObjects: [
    {
      apiVersion: 'external-secrets.io/v1beta1',
      kind: 'ExternalSecret',
      metadata: { name: 'cf', namespace: 'kube-system' },
      spec: {
        secretStoreRef: { name: 'vault', kind: 'ClusterSecretStore' },
        target: { name: 'cloudflare' },
        data: [{ secretKey, remoteRef: { key: 'cloudflare', property: 'token' } }],
      },
    },
  ],
});
const sealedSecret = (spec: unknown, apiVersion = 'bitnami.com/v1alpha1') => ({
  extraObjects: [{ apiVersion, kind: 'SealedSecret', metadata: { name: 'cf', namespace: 'kube-system' }, spec }],
});
// As kubeseal writes it: base64 of a 256-byte (or longer) RSA-encrypted key and the payload.
const CIPHERTEXT = `AgBy3i4OJSWK+PiTySYZZA9rO43cGDEq0Ux2bT${'Q'.repeat(340)}==`;

describe('FP2, FP3, FP5, FP6: a key that names a Kubernetes Secret, holding a plain name, is accepted everywhere', () => {
  test.each<[string, unknown]>([
    ['Middleware basicAuth.secret (FP2)', middleware({ basicAuth: { secret: 'dashboard-users' } })],
    ['Middleware digestAuth.secret', middleware({ digestAuth: { secret: 'dashboard-users' } })],
    [
      'Middleware forwardAuth.tls.caSecret and certSecret (FP3)',
      middleware({
        forwardAuth: { address: 'https://auth.example.com/oauth2/auth', tls: { caSecret: 'auth-ca', certSecret: 'auth-client' } },
      }),
    ],
    [
      'annotation nginx.ingress.kubernetes.io/auth-secret (FP5)',
      podAnnotations({ 'nginx.ingress.kubernetes.io/auth-secret': 'basic-auth' }),
    ],
    ['annotation auth-tls-secret', podAnnotations({ 'nginx.ingress.kubernetes.io/auth-tls-secret': 'ca.example' })],
    ['ExternalSecret data[].secretKey (FP6)', externalSecret('api-token')],
    ['ExternalSecret data[].secretKey with a dot and an underscore', externalSecret('.dockerconfig_json')],
  ])('%s', (_, values) => {
    for (const errors of everyDoor(values)) expect(errors).toBe('');
  });
});

describe('the same keys holding what cannot be a name, or elsewhere, stay refused, never quoting the value', () => {
  test.each<[string, unknown, string]>([
    ['basicAuth.secret not a DNS-1123 name', middleware({ basicAuth: { secret: SECRET } }), 'basicAuth.secret'],
    ['tls.caSecret not a DNS-1123 name', middleware({ forwardAuth: { tls: { caSecret: SECRET } } }), 'tls.caSecret'],
    ['a *-secret annotation not a DNS-1123 name', podAnnotations({ 'nginx.ingress.kubernetes.io/auth-secret': SECRET }), 'auth-secret'],
    ['secretKey not a Secret data key', externalSecret(`${SECRET}/x`), 'secretKey'],
    ['secret under another parent', middleware({ webhook: { secret: 'dashboard-users' } }), 'webhook.secret'],
    // Round 44a-11: elsewhere, a name of words naming what a Secret holds (`auth-ca`, `basic-auth`) is a Secret's name
    // under any `*Secret` name (secret-name-values.ts); one naming nothing of the kind is not.
    ['caSecret outside tls', middleware({ forwardAuth: { caSecret: 'dashboard-users' } }), 'forwardAuth.caSecret'],
    ['an un-prefixed *-secret annotation', podAnnotations({ 'auth-secret': 'dashboard-users' }), 'auth-secret'],
    ['secretKey outside a data list', { minio: { secretKey: 'minio123' } }, 'minio.secretKey'],
  ])('%s', (_, values, path) => {
    for (const errors of everyDoor(values)) {
      expect(errors).toContain(path);
      expect(errors).not.toContain(SECRET);
    }
  });
});

describe('attack 11 D1, D2: the SealedSecret and ExternalSecret exceptions hold only for such an object', () => {
  test.each<[string, object]>([
    ['plaintext in a real SealedSecret', sealedSecret({ encryptedData: { password: SECRET } })],
    [
      'a map inside the chart values that says kind: SealedSecret',
      { affinity: { kind: 'SealedSecret', apiVersion: 'bitnami.com/v1alpha1', spec: { encryptedData: { password: CIPHERTEXT } } } },
    ],
    ['a data[].secretKey that is no ExternalSecret', { affinity: { data: [{ secretKey: SECRET }] } }],
  ])('%s: refused on every door, the value not shown', (_, values) => {
    for (const errors of everyDoor(values)) {
      expect(String(errors)).not.toBe('');
      expect(String(errors)).not.toContain(SECRET);
    }
  });
});

describe("FP6: a SealedSecret's spec.encryptedData is ciphertext, meant for Git", () => {
  test('accepted on every door, whatever its keys are called', () => {
    const values = sealedSecret({
      encryptedData: { 'api-token': CIPHERTEXT, users: CIPHERTEXT },
      template: { metadata: { name: 'traefik-dashboard-auth' } },
    });
    for (const errors of everyDoor(values)) expect(errors).toBe('');
  });

  test.each<[string, unknown, string | RegExp]>([
    [
      'its plain spec.template.data',
      sealedSecret({ encryptedData: { a: CIPHERTEXT }, template: { data: { password: SECRET } } }),
      'template.data',
    ],
    [
      'a kind: SealedSecret of another API group',
      sealedSecret({ encryptedData: { 'api-token': SECRET } }, 'example.com/v1'),
      'encryptedData.api-token',
    ],
    [
      'a secret shape in encryptedData',
      sealedSecret({ encryptedData: { a: `K10${'a'.repeat(64)}::server:${'b'.repeat(32)}` } }),
      /encryptedData\.a|K3s token/,
    ],
    [
      'encryptedData outside spec',
      {
        extraObjects: [
          { apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', metadata: { name: 'x' }, encryptedData: { token: SECRET } },
        ],
      },
      'encryptedData.token',
    ],
  ])('%s stays refused', (_, values, path) => {
    for (const errors of everyDoor(values)) {
      expect(errors).toMatch(path);
      expect(errors).not.toContain(SECRET);
    }
  });
});

describe('R3: a secret equal to a key word of the config leaves the key path readable and located', () => {
  const text = (secret: string) =>
    [
      'kubeVip:',
      '  version: v1.2.3',
      '  interface: eth0',
      '  controlPlane:',
      '    address: 192.168.0.40',
      'traefik:',
      '  loadBalancerIPs: [192.168.0.41]',
      '  values:',
      '    env:',
      `      - {name: DB_PASSWORD, value: ${secret}}`,
      '',
    ].join('\n');

  test.each(['traefik', 'values', 'value'])('secret %p', (secret) => {
    const errors = parseConfigText('config/t.yaml', text(secret)).errors.map(formatDiagnostic);
    expect(errors).toEqual([expect.stringMatching(/^config\/t\.yaml:10:\d+: traefik\.values\.env\[0\]\.value: holds a value under a key/)]);
    const values = { env: [{ name: 'DB_PASSWORD', value: secret }] };
    expect(clusterErrors(values)).toContain('traefik.values.env[0].value: holds');
    expect(chartErrors(values)).toContain('values.env[0].value');
    expect(chartErrors(values)).not.toContain('<redacted>');
  });

  test('a key that itself sets the plain-word secret is still redacted', () => {
    const values = { deployment: { podLabels: { 'password:traefik': 'x' } } };
    for (const errors of [configErrors(values), clusterErrors(values)]) {
      expect(errors).toMatch(/podLabels(?:\.\S+|\["[^\n]+?"\]): /);
      expect(errors).not.toContain('password:traefik');
      expect(errors).not.toContain('password: traefik');
    }
  });
});
