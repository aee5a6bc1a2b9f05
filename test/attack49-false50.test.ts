import * as hostile from '../scripts/hostile-inputs';
import { secretShape, secretsInData } from '../src/core/secrets';
import { valuesDoors } from './helpers';
import { HOSTILE_TEST_SIZE } from './secret-doors';
import { configMapOf, falseRefusalTables, refusedRows, refusedTextRows } from './secret-tables';

/**
 * Round-48 findings 48a-17 (code that reads a password refused as if it set one: a name whose last word reads,
 * mongosh's `passwordPrompt()`, code-values.ts; a typed declaration's value after its type, pydantic's
 * `api_token: str = Field(..., env=…)`, code-declarations.ts; cmd's `set /p NAME=prompt`, cmd-prompts.ts) and 48a-18
 * (one problem, one line: a K3s token as a map key, a `{{ variable }}` template, a control character in a key said
 * with the key's place), and K3s' `-t` in a list of words written in text (k3s-short-token.ts).
 */
const S = 'Zq7mWx9Lp2';
const TOKEN = `K10${'a'.repeat(64)}::server:${S}`;
const { acceptedTable } = falseRefusalTables(S);

describe('48a-17: code that reads a password sets none', () => {
  acceptedTable([
    "db.createUser({user: 'bob', pwd: passwordPrompt(), roles: []})",
    'const password = passwordPrompt();',
    'password: password_input(),',
    "class S(BaseSettings):\n    db_password: SecretStr\n    api_token: str = Field(..., env='API_TOKEN')\n",
    "api_token: SecretStr = Field(default=None, env='API_TOKEN')",
    'api_token: str = os.environ["API_TOKEN"]',
    'let password: string = readPassword();',
    'password = IO.console.getpass',
    'password = $stdin.noecho(&:gets).chomp',
    'set /p DB_PASSWORD=Enter password: ',
    'set /p DB_PASSWORD=<pw.txt',
    'set /p "DB_PASSWORD=Password: "',
    'SET /P DB_PASSWORD=',
    '@echo off\nset /p DB_PASSWORD=Password for bob? <nul\necho done',
    'set /p DB_PASSWORD=Password (min 12): ',
    'Password (required): must be at least 12 characters.',
  ]);
});

describe('what sets a password stays refused', () => {
  refusedRows([
    ['set /p with a value, not a prompt', `set /p DB_PASSWORD=${S}`, S],
    ['set /p with a value quoted', `set /p "DB_PASSWORD=${S}"`, S],
    ['set /p, then a set on the same line', `set /p DB_PASSWORD=Password: & set DB_TOKEN=${S}`, S],
    ['set /p with a value, then a redirect', `set /p DB_PASSWORD=${S} <nul`, S],
    ['a prompt given a literal', `pwd: passwordPrompt('${S}')`, S],
    ['a typed literal', `api_token: str = '${S}'`, S],
    ['a typed call given a literal', `api_token: str = Field('${S}')`, S],
    ['a typed call with a literal default', `api_token: str = Field(default='${S}', env='API_TOKEN')`, S],
    ['Ellipsis, then a literal default', `api_token: str = Field(..., default='${S}')`, S],
    ['a member read of a generated word', `password = ${S}.gets`, S],
    ['a capitalised word with a dot, no call', 'password = Summer.Find', 'Summer.Find'],
    ['a template given a literal', `password: "{{ '${S}' }}"`, S],
    ['a template with a literal default', `password: "{{ vault_db_password | default('${S}') }}"`, S],
  ]);
});

describe("K3s' -t in a list of words written in text", () => {
  refusedTextRows([
    ['a JSON list', `["k3s", "agent", "-t", "${S}"]`, S],
    ["Python's subprocess.run", `subprocess.run(['k3s','agent','-t','${S}'])`, S],
    ['a flow list of a command', `command: [k3s, agent, -t, ${S}]`, S],
    ["a Dockerfile's CMD", `CMD ["k3s", "server", "-t", "${S}"]`, S],
    ['a path, a global option, -t=', `ENTRYPOINT ["/bin/k3s", "--debug", "agent", "--server", "https://x:6443", "-t=${S}"]`, S],
    ["Go's exec.Command", `exec.Command("k3s", "agent", "-t", "${S}")`, S],
  ]);
  acceptedTable([
    '["k3s", "agent", "-t", "$K3S_TOKEN"]',
    '["docker", "run", "-t", "alpine"]',
    '["k3s", "kubectl", "exec", "-t", "web-0", "--", "sh"]',
    '["k3s", "agent", "--server", "https://x:6443"]',
  ]);
});

describe('48a-18: one problem, one line, naming its place', () => {
  const lines = (said: string) => said.split('\n').filter(Boolean);

  test('a K3s token as a map key: one line at its redacted key, at every door', () => {
    const values = { deployment: { podAnnotations: { [TOKEN]: 'x' } } };
    for (const said of [valuesDoors.config(values), valuesDoors.cluster(values), valuesDoors.chart(values)]) {
      expect(lines(said).filter((line) => line.includes('podAnnotations'))).toHaveLength(1);
      expect(said).toMatch(/podAnnotations\.<redacted>:? holds a K3s token/);
      expect(said).not.toContain(S);
    }
  });

  test("a K3s token as a ConfigMap's data key: one line", () => {
    const said = valuesDoors.config(configMapOf({ [TOKEN]: 'x' }));
    expect(lines(said).filter((line) => line.includes('.data'))).toEqual([expect.stringMatching(/data\.<redacted>: holds a K3s token/)]);
    expect(said).not.toContain(S);
  });

  test.each([
    'db_password: "{{ vault_db_password }}"',
    "db_password: '{{ vault_db_password }}'",
    'password: "{{ .Values.db.password | b64enc }}"',
    "password = \"{{ lookup('env', 'PW') }}\"",
  ])('%s names a variable: no secret, only the Helm template is said', (text) => {
    expect(secretShape(text)).toBeUndefined();
    expect(secretsInData({ data: { k: text } })).toEqual([]);
    expect(lines(valuesDoors.config(configMapOf({ 'k.yml': text })))).toEqual([expect.stringContaining('holds a Helm template')]);
  });

  test("a control character in a key: said at its map, with the key's place, not the key", () => {
    const values = { deployment: { podAnnotations: { ok: 'y', [`a\u0007${S}`]: 'x' } } };
    for (const said of [valuesDoors.config(values), valuesDoors.cluster(values)]) {
      expect(said).toMatch(/podAnnotations: has a key that holds a control character.*its 2nd key of 2 \(the key is not shown\)/);
      expect(said).not.toContain(S);
    }
  });
});

describe('hostile near-misses stay cheap', () => {
  test.each(hostile.readersAndLists50(HOSTILE_TEST_SIZE))('%s is judged', (_, text) => {
    secretsInData({ data: { k0: text } });
  });
});
