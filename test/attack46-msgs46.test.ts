import { valuesDoors } from './helpers';
import { accepted, configMapOf } from './secret-tables';
import { HOSTILE_TEST_SIZE } from './secret-doors';
import * as hostile from '../scripts/hostile-inputs';
import { secretsInData } from '../src/core/secrets';
import { secretProblems } from '../src/core/secret-place';
import { literalTokensInData } from '../src/config/literal-tokens';

/**
 * Round 45a, messages (msgs46): no message quotes a value at or below a Secret reference, whatever its field or type
 * (45a-13): one rule by place (core/reference-keys.ts underReference), for Traefik's env, init containers, extraObjects
 * Pods and the chart construct.
 */
const P = 'Zq8vTr4pLm';
const Q = 'Hx7kWq2Nz';

const envRef = (ref: unknown) => ({ env: [{ name: 'X', valueFrom: { secretKeyRef: ref } }] });
const initEnvRef = (ref: unknown) => ({
  deployment: { initContainers: [{ name: 'side-0', image: 'busybox:1.36', env: [{ name: 'X', valueFrom: { secretKeyRef: ref } }] }] },
});
const pod = (container: Record<string, unknown>, volumes: unknown[] = []) => ({
  extraObjects: [
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'default' },
      spec: { containers: [{ name: 'c', image: 'busybox:1.36', ...container }], volumes },
    },
  ],
});

describe('45a-13: a value under a Secret reference is never quoted', () => {
  test.each<[string, unknown, string, string]>([
    ['secretKeyRef.optional a text', envRef({ name: 'db', key: 'pw', optional: P }), 'env[0].valueFrom.secretKeyRef.optional', P],
    ['secretKeyRef.optional a number', envRef({ name: 'db', key: 'pw', optional: 91374522 }), 'secretKeyRef.optional', '91374522'],
    ['an init container secretKeyRef.optional a list', initEnvRef({ name: 'db', key: 'pw', optional: [P] }), 'initContainers[0]', P],
    ['envFrom secretRef a list', { envFrom: [{ secretRef: [P] }] }, 'envFrom[0].secretRef', P],
    ['envFrom secretRef a text', { envFrom: [{ secretRef: P }] }, 'envFrom[0].secretRef', P],
    ['envFrom secretRef.optional beside a bad name', { envFrom: [{ secretRef: { name: `${P}.`, optional: Q } }] }, 'secretRef.optional', Q],
    [
      'an extraObjects Pod secretKeyRef.optional',
      pod({ env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'db', key: 'pw', optional: P } } }] }),
      'secretKeyRef.optional',
      P,
    ],
    ['an extraObjects Pod envFrom secretRef a text', pod({ envFrom: [{ secretRef: P }] }), 'envFrom[0].secretRef', P],
  ])('%s: refused at its place, says its type, never the value', (_, values, path, secret) => {
    for (const door of [valuesDoors.config(values), valuesDoors.cluster(values), valuesDoors.chart(values)]) {
      expect(door).toContain(path);
      expect(door).toContain('the value is not shown');
      expect(door).not.toContain(secret);
    }
  });

  test('a field beside a reference is still shown where it is no reference (configMapKeyRef.optional)', () => {
    const door = valuesDoors.config({ env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'c', key: 'k', optional: 'maybe' } } }] });
    expect(door).toContain('configMapKeyRef.optional: is "maybe"');
  });
});

const TOKEN = 'K10abcdef0123456789abcdef0123456789abcdef0123456789abcdef01234567::server:Hx7kWq2Nz';
const textOf = (text: string) => configMapOf({ 'run.sh': text });

describe('45a-16: a text read as YAML data keeps the exemptions its lines have', () => {
  test.each([
    ['two prose lines', 'the password: see the Secret named db\nthe admin password: see the Secret named admin\n'],
    ['prose lines apart', 'The token: it is stored in the Secret named api-token.\n\nThe password: see the Secret named db.\n'],
    ['a key then prose', 'x: 1\nthe password: see the Secret named db\n'],
    ['typed empty defaults', 'let password: Option<&str> = None;\nlet token: Option<String> = None;\n'],
    ['an if block reading a password', 'if not password:\n    password = getpass.getpass("Password: ")\n'],
    ['a while block', 'while not token:\n    token = input_token()\n'],
  ])('%s: accepted', (_, text) => accepted(textOf(text)));

  test.each([
    ['a value on the line below its key', `password:\n  ${P}\nuser: bob\n`],
    ['a nested key', `db:\n  password: ${P}\n`],
    ['a key and value on one line beside another', `password: ${P}\nuser: bob\n`],
    ['a list item', `- password: ${P}\n- user: x\n`],
    ['argv items', `argv:\n  - redis-cli\n  - -a\n  - ${P}\n`],
    ['a bare value below an if header', `if not password:\n    ${P}\n`],
    ['an assignment below an if header', `if not password:\n    password = "${P}"\n`],
  ])('%s: still refused, not shown', (_, text) => {
    const door = valuesDoors.config(textOf(text));
    expect(door).toContain('data["run.sh"]');
    expect(door).not.toContain(P);
  });
});

describe('45a-19: a K3s token in a text hides none of its other secret lines', () => {
  const text = `export DB_PASSWORD=${P}\nK3S_TOKEN=${TOKEN}\nmysql -u root -p${Q} db\n`;
  test('each line is said, the token with its key path and line', () => {
    const door = valuesDoors.config(textOf(text));
    expect(door).toMatch(/data\["run\.sh"\]: holds a K3s token \(K10…::…\), on its line 2;/);
    expect(door).toMatch(/data\["run\.sh"\]: holds [^\n]*, on its line 1[ ,]/);
    expect(door).toMatch(/data\["run\.sh"\]: holds [^\n]*, on its line 3[ ,]/);
    for (const secret of [P, Q, 'K10abcdef']) expect(door).not.toContain(secret);
  });

  test.each([
    ['cluster', valuesDoors.cluster],
    ['chart', valuesDoors.chart],
  ])('the %s construct says them too', (_, door) => {
    const said = door(textOf(text));
    expect(said).toMatch(/holds a K3s token \(K10…::…\), on its line 2;/);
    expect(said).toContain('on its line 1 (a line setting DB_PASSWORD)');
    expect(said).toContain('on its line 3');
    for (const secret of [P, Q, 'K10abcdef']) expect(said).not.toContain(secret);
  });
});

describe('45a-20b: a text with more secret lines than a run names says how many more', () => {
  test('25 lines: 20 named, the last says 5 more', () => {
    const text = Array.from({ length: 25 }, (_, i) => `export DB_PASSWORD_${i}=${P}${i}`).join('\n');
    const door = valuesDoors.config(textOf(text));
    expect(door.split('\n').filter((line) => line.includes('data["run.sh"]'))).toHaveLength(20);
    expect(door).toContain('on its line 20 (a line setting DB_PASSWORD_19), and 5 more lines after it set one too');
    expect(door).not.toContain(P);
  });

  test('46a-8: an extraObjects text item with a YAML error says so too', () => {
    const lines = Array.from({ length: 25 }, (_, i) => `DB_PASSWORD_${i}=${P}${i}`);
    const door = valuesDoors.config({ extraObjects: [['kind: ConfigMap', 'data: [unclosed', ...lines].join('\n')] });
    expect(door).toContain('on its line 22 (a line setting DB_PASSWORD_19), and 5 more lines after it set one too');
    expect(door).not.toContain(P);
  });
});

describe("45a-21: Traefik's deployment.imagePullSecrets is judged as the pod's LocalObjectReferences", () => {
  test('an unknown field is refused, not shown', () => {
    for (const values of [
      { deployment: { imagePullSecrets: [{ name: 'reg', extra: P }] } },
      { deployment: { imagePullSecrets: [{ name: 'reg', [P]: 1 }] } },
    ]) {
      for (const door of [valuesDoors.config(values), valuesDoors.chart(values)]) {
        expect(door).toMatch(/deployment\.imagePullSecrets\[0\]:? holds an unknown key, not shown/);
        expect(door).not.toContain(P);
      }
    }
  });

  test('a list of names is accepted', () => accepted({ deployment: { imagePullSecrets: [{ name: 'reg' }, { name: 'reg2' }] } }));

  test('a name of the wrong type is refused without being shown', () => {
    const door = valuesDoors.config({ deployment: { imagePullSecrets: [{ name: 91374522 }] } });
    expect(door).toContain('imagePullSecrets[0].name: is a number (the value is not shown');
    expect(door).not.toContain('91374522');
  });
});

describe('45a-16, 45a-19: hostile near-misses stay cheap to judge and to place', () => {
  test.each(hostile.keyedLines46(HOSTILE_TEST_SIZE))('%s is judged', (_, text) => {
    const data = { data: { k0: text } };
    const problems = secretsInData(data).flatMap((secret) => secretProblems(secret, data));
    expect(problems.length).toBeLessThanOrEqual(20);
    expect(literalTokensInData(data).length).toBeLessThanOrEqual(20);
  });
});
