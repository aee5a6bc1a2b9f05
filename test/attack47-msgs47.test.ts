import { valuesDoors } from './helpers';
import { accepted, configMapOf, refusedEverywhere } from './secret-tables';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { secretsInData } from '../src/core/secrets';
import { HOSTILE_TEST_SIZE } from './secret-doors';
import * as hostile from '../scripts/hostile-inputs';

/**
 * Round 46a/45a messages and a false refusal (msgs47): a Secret volume's one bad field is said at that field, with what
 * to write (46a-9, 45a-20a: validate/volume-sources.ts, core/reference-parts.ts); a secret in a plain text the file wrote
 * over several lines is located at its own line (45a-20c); a docstring's description of a password parameter is prose,
 * not a value (46a-10: core/described-values.ts).
 */
const P = 'Zq8vTr4pLm';
const PW = 'Qw7x-Pz9!kLm';

const traefikVolume = (secret: unknown) => ({ deployment: { additionalVolumes: [{ name: 'v', secret }] } });
const podVolume = (volume: Record<string, unknown>) => ({
  extraObjects: [
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'default' },
      spec: { containers: [{ name: 'c', image: 'busybox:1.36' }], volumes: [{ name: 'v', ...volume }] },
    },
  ],
});
const errorLines = (door: string) => door.split('\n').filter((line) => /^config\/t\.yaml:\d+:\d+: /.test(line));
const VOLUME = 'traefik.values.deployment.additionalVolumes[0].secret';
const POD = 'traefik.values.extraObjects[0].spec.volumes[0].secret';

describe('46a-9: a Secret volume with one bad field is refused at that field, saying what to write', () => {
  test.each<[string, unknown, string, string, string]>([
    [
      'an item key no Secret can hold',
      { secretName: 's', items: [{ key: 'a!b', path: 'p' }] },
      'items[0].key',
      'not a valid Secret data key',
      'a!b',
    ],
    [
      'a password pasted as the key',
      { secretName: 's', items: [{ key: PW, path: 'p' }] },
      'items[0].key',
      'not a valid Secret data key',
      PW,
    ],
    [
      'an absolute item path',
      { secretName: 's', items: [{ key: 'tls.crt', path: '/etc/p' }] },
      'items[0].path',
      'an absolute path',
      '/etc/p',
    ],
    ['an item path with ..', { secretName: 's', items: [{ key: 'tls.crt', path: 'a/../b' }] }, 'items[0].path', 'a ".." element', 'a/../b'],
    [
      'an item mode given as a word',
      { secretName: 's', items: [{ key: 'tls.crt', path: 'p', mode: P }] },
      'items[0].mode',
      'not an integer from 0 to 0777 (511)',
      P,
    ],
  ])('%s (Traefik additionalVolumes and an extraObjects Pod)', (_, secret, field, says, hidden) => {
    for (const [values, at] of [
      [traefikVolume(secret), VOLUME],
      [podVolume({ secret }), POD],
    ] as const) {
      const door = valuesDoors.config(values);
      const lines = errorLines(door);
      // The field's own message first; a secret the value may be is said beside it, in one run (51a-13), never shown.
      expect(lines.length === 1 || (lines.length === 2 && lines[1].includes(`${at}.${field}: holds `))).toBe(true);
      expect(lines[0]).toContain(`${at}.${field}: `);
      // A mode of the wrong type in an extraObjects Pod is the Kubernetes schema's to say first ("expects integer").
      expect(lines[0]).toContain(at === POD && field.endsWith('mode') ? 'expects integer' : says);
      expect(lines[0]).not.toContain('key named like a secret');
      expect(door).not.toContain(hidden);
    }
  });

  test('the key message says what a Secret data key is and that the value is not shown', () => {
    const line = errorLines(valuesDoors.config(traefikVolume({ secretName: 's', items: [{ key: 'a!b', path: 'p' }] })))[0];
    expect(line).toContain('the value is not shown');
    expect(line).toContain('[-._a-zA-Z0-9]+');
    expect(line).toContain('253');
    expect(line).toMatch(/write the key as the Secret names it/);
  });

  test('the same at the other doors (K3sVipCluster, TraefikHelmChartConfig): the field is named, the value never shown', () => {
    const values = traefikVolume({ secretName: 's', items: [{ key: PW, path: 'p' }] });
    for (const door of [valuesDoors.cluster(values), valuesDoors.chart(values)]) {
      expect(door).toContain('items[0].key');
      expect(door).toContain('not a valid Secret data key');
      expect(door).not.toContain(PW);
    }
  });

  test('the write gate still takes a bad key for the password, and only it', () => {
    const found = secretsInData(traefikVolume({ secretName: 's', items: [{ key: PW, path: 'p' }] }));
    expect(found.map((s) => s.path.join('.'))).toEqual(['deployment.additionalVolumes.0.secret.items.0.key']);
    expect(valuesDoors.gate(traefikVolume({ secretName: 's', items: [{ key: PW, path: 'p' }] })).length).toBeGreaterThan(0);
  });

  test.each<[string, unknown]>([
    ['an unknown key beside the fields', { secretName: 's', [PW]: 'x', items: [{ key: 'k', path: 'p' }] }],
    ['an unknown key in an item', { secretName: 's', items: [{ key: 'k', path: 'p', pw: PW }] }],
    ['a password as the secret name', { secretName: PW, items: [{ key: 'k', path: 'p' }] }],
  ])('control: %s stays refused, never shown', (_, secret) => refusedEverywhere(traefikVolume(secret), PW));

  test.each<[string, unknown]>([
    ['a valid secret volume', { secretName: 's', items: [{ key: 'tls.crt', path: 'certs/tls.crt', mode: 256 }], defaultMode: 420 }],
    ['a valid secret volume, optional', { secretName: 'db-auth', optional: true }],
  ])('control: %s is accepted', (_, secret) => accepted(traefikVolume(secret)));
});

describe('45a-20a: a Secret volume defaultMode of the wrong type or out of range is said at defaultMode', () => {
  test.each<[string, unknown, string]>([
    ['a string of digits', '0640', '0640'],
    ['a number above 0777', 9999, '9999'],
    ['a negative number', -1, '-1'],
    ['0640 read as decimal 640', 640, '640'],
  ])('%s: one error at defaultMode, not shown (47a-12: nothing under a Secret reference is)', (_, defaultMode, shown) => {
    for (const [values, at] of [
      [traefikVolume({ secretName: 'db', defaultMode }), VOLUME],
      [podVolume({ secret: { secretName: 'db', defaultMode } }), POD],
    ] as const) {
      const lines = errorLines(valuesDoors.config(values));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`${at}.defaultMode: `);
      if (at === VOLUME || typeof defaultMode === 'number') expect(lines[0]).toContain('not an integer from 0 to 0777 (511)');
      expect(lines[0]).toContain('(the value is not shown');
      expect(lines[0]).not.toContain(shown);
    }
  });

  test('a string shaped like a password there is not shown', () => {
    const door = valuesDoors.config(traefikVolume({ secretName: 'db', defaultMode: P }));
    // The field's message, and the secret's beside it (51a-13).
    expect(errorLines(door)).toEqual([
      expect.stringContaining(`${VOLUME}.defaultMode: is a string (the value is not shown`),
      expect.stringContaining(`${VOLUME}.defaultMode: holds `),
    ]);
    expect(door).not.toContain(P);
  });

  test('a configMap volume mode is judged alike and shown', () => {
    const door = valuesDoors.config({ deployment: { additionalVolumes: [{ name: 'v', configMap: { name: 'c', defaultMode: 9999 } }] } });
    expect(door).toContain('additionalVolumes[0].configMap.defaultMode: is 9999, not an integer from 0 to 0777 (511)');
  });
});

describe('45a-20c: a secret in a plain text written over several lines is located at its own line', () => {
  test.each([
    ['plain', '          run.sh: echo hi\n            export DB_PASSWORD=Zq8vTr4pLm\n'],
    ['double-quoted', '          run.sh: "echo hi\n            export DB_PASSWORD=Zq8vTr4pLm"\n'],
  ])('%s', (_, scalar) => {
    const text =
      'kubeVip:\n  version: v1.2.3\n  interface: eth0\n  controlPlane:\n    address: 192.168.0.40\ntraefik:\n  loadBalancerIPs: [192.168.0.41]\n' +
      '  values:\n    extraObjects:\n      - apiVersion: v1\n        kind: ConfigMap\n        metadata: {name: s, namespace: kube-system}\n        data:\n' +
      scalar;
    const errors = parseConfigText('config/t.yaml', text).errors.map(formatDiagnostic);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^config\/t\.yaml:15:\d+: traefik\.values\.extraObjects\[0\]\.data\["run\.sh"\]: holds /);
    expect(errors[0]).not.toContain(P);
  });
});

const textOf = (text: string) => configMapOf({ 'run.py': text });

describe('46a-10: docstrings and prose that describe a password parameter are accepted', () => {
  test.each([
    [
      'a Google-style docstring',
      'def f(password=None):\n    """Log in.\n\n    Args:\n        password: The password to log in with. Defaults to None.\n    """\n',
    ],
    ['Args: then an optional password', 'Args:\n    password: Optional password. Defaults to None.\n'],
    ['a typed None default then its description', 'password: str = None\n    The password to log in with.\n    Defaults to None.\n'],
    ['None then one description line', 'password: None\n    The password to log in with.\n'],
    ['a token described over two lines', 'token: the API token to send, or None\n    wrapped onto a second line.\n'],
    ['a one-line description', 'password: The password to log in with.\n'],
  ])('%s', (_, text) => accepted(textOf(text)));

  test.each([
    ['a password value', `password: ${PW}\n`, PW],
    ['Args: then a password-shaped value', 'Args:\n    password: Zx9-Pq7!mNb\n', 'Zx9-Pq7!mNb'],
    [
      'a docstring whose value is password-shaped',
      'def f(password=None):\n    """Log in.\n\n    Args:\n        password: Zx9-Pq7!mNb\n    """\n',
      'Zx9-Pq7!mNb',
    ],
    ['YAML under an args key', 'args:\n  password: hunter2-Secret9\n', 'hunter2-Secret9'],
    ['a vendor token', 'Args:\n    token: ghp_0123456789abcdefABCDEF0123456789abcd\n', 'ghp_0123456789abcdefABCDEF0123456789abcd'],
    ['a passphrase of words', 'password: correct horse battery staple\n', 'correct horse battery staple'],
    ['a sentence that tells the password', 'password: the password is swordfish\n', 'swordfish'],
    ['capitalised words naming a secret', 'password: Summer Secret Password\n', 'Summer Secret Password'],
  ])('control: %s stays refused', (_, text, secret) => refusedEverywhere(textOf(text), secret));
});

// `node -e` timings of the same texts at 1 MB are in the branch's report.
describe('hostile near-misses stay cheap', () => {
  test.each(hostile.describedValues47(HOSTILE_TEST_SIZE))('%s is judged', (_, text) => {
    secretsInData({ data: { k0: text } });
  });
});

test("46a-10 control: a Secret object's data is never read as a description", () => {
  const values = {
    extraObjects: [
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 's', namespace: 'default' },
        stringData: { password: 'The password to log in with.' },
      },
    ],
  };
  expect(secretsInData(values).map((s) => s.path.join('.'))).toEqual(['extraObjects.0.stringData.password']);
});
