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
