import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { isUnshownPassword } from '../src/core/generated-quotes';
import { newCluster } from '../src/new-cluster';
import { configErrors, devConfig, withChanges } from './helpers';

// Round 88 (88a-5): an Apple/iCloud Keychain strong password (`xxxxxx-xxxxxx-xxxxxx`), a generated password with
// symbols but no digit, and one of 10 or 11 characters were quoted whole in synth's errors, in `new --from`'s list of
// values to set and in `new <name>`'s refusal of the cluster name. Each is said by its size; typed values stay quoted.

const APPLE = ['hUpdoq-7zubvy-fodxis', 'bocxa7-rYmzos-dekfap', 'xudpyj-6habsy-Tiqqes'];
const NO_DIGIT = ['qZ!wX@tR#pK$mN%vB', 'xKq!mPzW&rTb'];
const SHORT = ['Ty4%Rk9&Wq2', 'Gh7$Lp3!Zm'];
const PASSWORDS = [...APPLE, ...NO_DIGIT, ...SHORT];
/** Values people type that break a rule: quoted as they are, never said by their size. */
const TYPED = [
  'My_Service',
  'Frontend-Prod',
  'web-app-v2',
  'letsencrypt-prod!',
  'app.kubernetes.io/name',
  'ops@example.com',
  'Hello-World',
  'kube-system',
  'my-cluster-01',
  'K8s-Cluster-01',
  'MyApp_V2_Beta3_RC1',
];

/** Neither the value nor its lower-cased or dashed form (a name hint) in `text`. */
const hidden = (text: string, password: string) => {
  expect(text).not.toContain(password);
  expect(text.toLowerCase()).not.toContain(password.toLowerCase());
  expect(text).not.toContain(password.toLowerCase().replace(/[^a-z0-9]+/g, '-'));
};

const ingress = (patch: object) => ({
  name: 'web',
  namespace: 'default',
  host: 'k3s.example.com',
  path: '/',
  service: 'web',
  port: 80,
  ...patch,
});
const FIELDS: ReadonlyArray<readonly [string, (value: string) => object]> = [
  ['kubeVip.interface', (value) => ({ kubeVip: { interface: value } })],
  ['traefik.values.logs.general.level', (value) => ({ traefik: { values: { logs: { general: { level: value } } } } })],
  ['ingresses[0].service', (value) => ({ ingresses: [ingress({ service: value })] })],
  ['ingresses[0].name', (value) => ({ ingresses: [ingress({ name: value })] })],
];

describe('88a-5: the shapes are told apart', () => {
  test.each(PASSWORDS)('%s looks like a generated password', (password) => expect(isUnshownPassword(password)).toBe(true));
  test.each([...TYPED, 'Server-backup-dailyA', 'abcdef-ghijkl-mnopqr', 'Abcde1-Fghij2-klmnop', 'Hello-World!', 'My-App-UI-QA-DB'])(
    '%s does not',
    (value) => expect(isUnshownPassword(value)).toBe(false),
  );
});

describe('88a-5: synth says such a password by its size in every field', () => {
  const rows = FIELDS.flatMap(([key, patch]) => PASSWORDS.map((password) => [key, password, patch] as const));
  test.each(rows)('config %s = %s: refused, said by its size', (key, password, patch) => {
    const errors = configErrors(withChanges(devConfig(), patch(password))).join('\n');
    expect(errors).toContain(`${key}:`);
    expect(errors).toContain(`a text of ${password.length} characters that looks generated, not shown`);
    hidden(errors, password);
  });
  const invalid = TYPED.filter((value) => !['web-app-v2', 'kube-system', 'my-cluster-01'].includes(value));
  test.each(invalid)('neighbour: ingresses[0].service = %s stays quoted', (value) => {
    const errors = configErrors(withChanges(devConfig(), { ingresses: [ingress({ service: value })] })).join('\n');
    expect(errors).toContain('ingresses[0].service:');
    expect(errors).toContain(JSON.stringify(value));
    expect(errors).not.toContain('looks generated');
  });
  test.each(['web-app-v2', 'kube-system', 'my-cluster-01'])('neighbour: ingresses[0].service = %s passes', (value) =>
    expect(configErrors(withChanges(devConfig(), { ingresses: [ingress({ service: value })] }))).toEqual([]),
  );
  test.each(['Frontend-Prod', 'Hello-World', 'letsencrypt-prod!'])('neighbour: kubeVip.interface = %s stays quoted', (value) => {
    const errors = configErrors(withChanges(devConfig(), { kubeVip: { interface: `${value}-long-name` } })).join('\n');
    expect(errors).toContain('kubeVip.interface:');
    expect(errors).toContain(`"${value}-long-name"`);
  });
});

describe('88a-5: `new` shows no such password', () => {
  let root: string;
  beforeAll(() => (root = mkdtempSync(join(tmpdir(), 'pw4-'))));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const run = (args: string[]) => {
    const lines: string[] = [];
    const code = newCluster(args, { configDir: root, schemaFile: join(root, 's.json'), log: (l) => lines.push(l) });
    const copied = readdirSync(root).includes('dst.yaml') ? readFileSync(join(root, 'dst.yaml'), 'utf8') : undefined;
    rmSync(join(root, 'dst.yaml'), { force: true });
    return { code, text: lines.join('\n'), copied };
  };
  const copyWithInterface = (value: string) => {
    writeFileSync(join(root, 'src.yaml'), stringify(withChanges(devConfig(), { kubeVip: { interface: value } })));
    return run(['dst', '--from', 'src']);
  };
  test.each(PASSWORDS)('new --from: kubeVip.interface = %s is listed by its size', (password) => {
    const { code, text } = copyWithInterface(password);
    expect(code).toBe(0);
    expect(text).toContain(`kubeVip.interface: (a text of ${password.length} characters that looks generated, not shown`);
    hidden(text, password);
  });
  test.each(['eth0', 'enp3s0f1', 'Hello-World'])('neighbour: new --from lists kubeVip.interface = %s as it is', (value) => {
    const { text } = copyWithInterface(value);
    expect(text).toContain(`  kubeVip.interface: ${value}`);
  });
  test.each(PASSWORDS.filter((password) => !/[/\\]/.test(password)))('new %s: the name is refused, never shown', (password) => {
    const { code, text } = run([password]);
    expect(code).toBe(1);
    expect(text).toContain('the cluster name gives the file');
    hidden(text, password);
  });
  test.each(['Frontend-Prod', 'Hello-World', 'My_Service'])('neighbour: new %s is refused, the name quoted', (value) => {
    const { code, text } = run([value]);
    expect(code).toBe(1);
    expect(text).toContain(`"${value}" is not a valid name`);
  });
});
