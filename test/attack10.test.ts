import { configErrors, withTraefikValues } from './helpers';
import { formatDiagnostic, parseConfigText } from '../src/config/load';

// Attack round 10 (blind, on the merged main): messages that showed a secret (D3, D4, D5). The templates of D1 and
// D2 are in attack5-traefik.test.ts, the FIFO of D6 in schema-memo.test.ts.

const SECRET = 'Vb8Hunter2SecretKp53';

test.each<[string, unknown, RegExp]>([
  [
    'D3: a templated extraObjects key holding name=value',
    {
      extraObjects: [
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { [`{{ .Values.x }}password=${SECRET}`]: 'a' } },
      ],
    },
    /extraObjects\[0\]\.data: has a key that holds a Helm template/,
  ],
  [
    'D4: a key with a line break holding a secret',
    { deployment: { podAnnotations: { [`x\ntoken: ${SECRET}`]: 'b' } } },
    /deployment\.podAnnotations: has a key that holds a control character/,
  ],
  [
    'D4: a key with a line break after a secret',
    { deployment: { podAnnotations: { [`token: ${SECRET}\n`]: 'b' } } },
    /deployment\.podAnnotations: has a key that holds a control character/,
  ],
])('%s: refused, the secret not shown', (_, values, expected) => {
  const errors = configErrors(withTraefikValues(values)).join('\n');
  expect(errors).toMatch(expected);
  expect(errors.toLowerCase()).not.toContain(SECRET.toLowerCase());
});

test.each([
  ['D5: a name=value secret on a block scalar header', `traefik:\n  values:\n    additionalArguments: >- --x=1 password=${SECRET}\n`],
  ['D5: a whole file of one block scalar header', `>- password=${SECRET}\n`],
])('%s: the parser words are not shown', (_, text) => {
  const loaded = parseConfigText('config/t.yaml', text);
  const lines = loaded.errors.map(formatDiagnostic).join('\n');
  expect(lines).not.toBe('');
  expect(lines.toLowerCase()).not.toContain(SECRET.toLowerCase());
});

// Attack round 11 D3: the ACME e-mail and CA server through the values or flags meet traefik.certResolvers' formats.
test.each<[string, unknown, string]>([
  [
    'certificatesResolvers.<name>.acme.email',
    { certificatesResolvers: { le: { acme: { email: 'not-an-email', storage: '/data/acme.json', tlsChallenge: {} } } } },
    'traefik.values.certificatesResolvers.le.acme.email: "not-an-email" is not a plain e-mail address',
  ],
  [
    'certificatesResolvers.<name>.acme.caServer',
    { certificatesResolvers: { le: { acme: { email: 'a@b.example', caServer: 'http://acme.example/dir', tlsChallenge: {} } } } },
    'traefik.values.certificatesResolvers.le.acme.caServer: "http://acme.example/dir" is not an https:// URL',
  ],
  [
    'the flag --certificatesresolvers.<name>.acme.email',
    { additionalArguments: ['--certificatesresolvers.le.acme.email=not-an-email', '--certificatesresolvers.le.acme.tlschallenge=true'] },
    'traefik.values.additionalArguments[0]: "not-an-email" is not a plain e-mail address',
  ],
  [
    'the flag --certificatesResolvers.<name>.acme.caServer',
    { additionalArguments: ['--certificatesResolvers.le.acme.caServer=http://acme.example/dir'] },
    'traefik.values.additionalArguments[0]: "http://acme.example/dir" is not an https:// URL',
  ],
])('D3 %s is held to the first-class format', (_, values, expected) => {
  expect(configErrors(withTraefikValues(values)).join('\n')).toContain(expected);
});

test('D3: good ACME options through the values stay accepted', () => {
  const values = {
    certificatesResolvers: {
      le: { acme: { email: 'ops@example.com', caServer: 'https://acme-staging-v02.api.letsencrypt.org/directory', tlsChallenge: {} } },
    },
  };
  expect(configErrors(withTraefikValues(values)).join('\n')).not.toMatch(/e-mail|https:\/\/ URL/);
});

// Attack round 12: the flag's value as the next item (B1), a number (B2), and secretKey outside an ExternalSecret (S2).
test.each<[string, unknown, string]>([
  [
    // Since attack 13b (D1) a value as the next item is refused whatever it holds, and never echoed.
    'B1: --certificatesresolvers.<name>.acme.email followed by its value',
    {
      additionalArguments: [
        '--certificatesresolvers.le.acme.email',
        'Mw3Hunter2SecretJt58',
        '--certificatesresolvers.le.acme.tlschallenge=true',
      ],
    },
    // 79b-9: the pair is one line, at the flag.
    'traefik.values.additionalArguments[0]: is a flag whose value is written as the next item',
  ],
  [
    'B2: a number as the ACME e-mail',
    { certificatesResolvers: { le: { acme: { email: 12345, tlsChallenge: {} } } } },
    'traefik.values.certificatesResolvers.le.acme.email: is 12345, not text',
  ],
  [
    'S2: spec.data[].secretKey of an object that is no ExternalSecret',
    {
      extraObjects: [
        {
          apiVersion: 'example.com/v1',
          kind: 'Whatever',
          metadata: { name: 's', namespace: 'kube-system' },
          spec: { data: [{ secretKey: 'Mw3Hunter2SecretJt58' }] },
        },
      ],
    },
    'traefik.values.extraObjects[0].spec.data[0].secretKey',
  ],
])('%s is refused', (_, values, expected) => {
  const errors = configErrors(withTraefikValues(values)).join('\n');
  expect(errors).toContain(expected);
  expect(errors).not.toContain('Mw3Hunter2SecretJt58');
});

test('S2: an ExternalSecret keeps its secretKey', () => {
  const values = {
    extraObjects: [
      {
        apiVersion: 'external-secrets.io/v1beta1',
        kind: 'ExternalSecret',
        metadata: { name: 's', namespace: 'kube-system' },
        spec: { data: [{ secretKey: 'api-token', remoteRef: { key: 'cf' } }] },
      },
    ],
  };
  expect(configErrors(withTraefikValues(values)).join('\n')).not.toContain('secretKey');
});
