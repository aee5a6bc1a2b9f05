import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdk8s';
import * as hostile from '../scripts/hostile-inputs';
import { K3sVipCluster } from '../src';
import { redact, secretsInData } from '../src/core/secrets';
import { runInstall } from '../src/k3s/install-cli';
import { newCluster } from '../src/new-cluster';
import { devConfig, refusalOf, withChanges } from './helpers';
import { HOSTILE_TEST_SIZE } from './secret-doors';
import { falseRefusalTables, refusedTextRows } from './secret-tables';

/**
 * Round-50 findings 50a-1 (a K3s token `K10<placeholder hash>::<password>` with no `user:` part, k3s-tokens.ts; every
 * message that echoes it, also lower-cased) and 50a-2 (K3s' argument lists as code hands them to a process:
 * execve/execv(p), Rust's Command builder, Java's String[], a `'--token=' + '…'` join; k3s-code-args.ts).
 */
const S = 'Qx7vT9pLm2wR';
const { acceptedTable } = falseRefusalTables(S);

describe('50a-1: a placeholder CA hash and no user', () => {
  refusedTextRows([
    ...[
      'CAHASH',
      'XXXX',
      '<hash>',
      '<CA hash>',
      '${CA_HASH}',
      '{ca_hash}',
      'yourhash',
      'ca-hash',
      '[hash]',
      '...',
      '$H',
      '_',
      'Placeholder',
      'changeme',
      'sha256',
      'YOUR_CA_HASH',
    ].map((hash) => [`K10${hash}::`, `K10${hash}::${S}`, S] as const),
    ['on a k3s line', `k3s agent --server https://vip:6443 --token K10CAHASH::${S}`, S],
    ['lower-cased, as a message may show a name', `k10xxxx::${S.toLowerCase()}`, S.toLowerCase()],
  ]);
});

describe('50a-2: K3s argument lists in code', () => {
  refusedTextRows([
    ['C execve', `execve("/usr/local/bin/k3s", ["k3s", "agent", "--token", "${S}"], envp)`, S],
    ['Python os.execvp', `os.execvp('k3s', ['k3s', 'agent', '--token', '${S}'])`, S],
    ['Rust args([...])', `Command::new("k3s").args(["agent", "--token", "${S}"])`, S],
    ['Rust args(&[...]) and -t', `Command::new("k3s").args(&["agent", "-t", "${S}"])`, S],
    ['Rust arg().arg()', `Command::new("k3s").arg("agent").arg("--token").arg("${S}")`, S],
    ['Rust arg() chain over lines', `Command::new("k3s")\n    .arg("agent")\n    .arg("--token")\n    .arg("${S}")`, S],
    ['Java String[]', `Runtime.getRuntime().exec(new String[]{"k3s", "agent", "--token", "${S}"});`, S],
    ['Go append', `exec.Command("k3s", append([]string{"agent"}, "--token", "${S}")...)`, S],
    ['a joined --token=', `subprocess.check_call(['k3s', 'server', '--token=' + '${S}'])`, S],
    [
      'a list over lines',
      `subprocess.check_call(\n    [\n        "k3s",\n        "agent",\n        "--token",\n        "${S}",\n    ]\n)`,
      S,
    ],
    ['token create', `Command::new("k3s").args(["token", "create", "${S}"])`, S],
    ['.NET Process.Start, an arguments string', `Process.Start("k3s", "agent --token ${S}")`, S],
    ['.NET ProcessStartInfo', `new ProcessStartInfo("k3s", "agent --server https://vip:6443 --token ${S} --debug")`, S],
  ]);
});

describe('controls: class names, placeholders, variables, calls and other commands', () => {
  acceptedTable([
    'K10Widget::render()',
    'K10Widget::renderAll',
    'QVector<K10Item>::iterator it;',
    'K10FOO::kValue(1)',
    'K10Cache::instance',
    'K10CAHASH::$PASSWORD',
    'K10XXXX::<password>',
    'K10XXXX::${K3S_PASSWORD}',
    'K10XXXX::{password}',
    'The token has the form K10<CA hash>::<password>.',
    'Token format: K10XXXX::...',
    'execve("/usr/local/bin/k3s", ["k3s", "agent", "--token", token], envp)',
    'Command::new("k3s").arg("agent").arg("--token").arg(env::var("K3S_TOKEN").unwrap())',
    'Command::new("k3s").arg("agent").arg("--token").arg(read("/etc/k3s/token"))',
    "subprocess.check_call(['k3s', 'server', '--token=' + tok])",
    "os.execvp('k3s', ['k3s', 'agent', '--token', '$(cat /etc/k3s/token)'])",
    'Command::new("k3s").args(["kubectl", "exec", "-t", "pod"])',
    "os.execvp('k3s', ['k3s', 'agent', '--token-file', '/etc/k3s/token'])",
    'Command::new("k3s").args(["agent", "--token", "<token>"])',
    'print("k3s")',
    'Command::new("k3s").args(["agent", "--node-label", "a b"])',
  ]);
});

describe('50a-1: no message shows the token, nor its lower-cased copy', () => {
  const TOKEN = `K10XXXX::${S}`;
  const shows = (text: string) => text.includes(S) || text.toLowerCase().includes(S.toLowerCase());
  let root: string;
  beforeAll(() => (root = mkdtempSync(join(tmpdir(), 'k3s52-'))));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test.each([
    ['k3s:install --cluster', () => ['cluster', TOKEN]],
    ['new <name>', () => ['name', TOKEN]],
    ['new x --from', () => ['from', TOKEN]],
  ] as const)('%s', (_, args) => {
    const [kind, value] = args();
    const lines: string[] = [];
    const log = (line: string) => lines.push(line);
    const code =
      kind === 'cluster'
        ? runInstall({ cluster: value, distDir: join(root, 'dist'), manifestsDir: join(root, 'm'), dryRun: true, out: log, err: log })
        : newCluster(kind === 'name' ? [value] : ['x', '--from', value], { configDir: root, schemaFile: join(root, 's.json'), log });
    expect(code).toBe(1);
    expect(lines.join('\n')).not.toBe('');
    expect(shows(lines.join('\n'))).toBe(false);
  });

  test.each([
    [
      'an ingress name',
      () =>
        new K3sVipCluster(
          new App(),
          'c',
          withChanges(devConfig(), { ingresses: [{ name: TOKEN, host: 'a.example.com', service: 's', port: 80 }] }),
        ),
    ],
    ['a construct id', () => new K3sVipCluster(new App(), TOKEN, devConfig())],
  ] as const)('K3sVipCluster: %s', (_, make) => {
    const message = refusalOf(make);
    expect(message).not.toBe('');
    expect(shows(message)).toBe(false);
  });

  test('redact hides a lower-cased copy of a secret it is given', () => {
    const secret = 'Frontend-Zq9xWvT7pLm2';
    expect(redact(`use "${secret.toLowerCase()}" or ${secret.toLowerCase()}`, [secret])).not.toContain(secret.toLowerCase());
  });
});

// `node -e` timings of the same texts at 1 MB are in the branch's report.
describe('hostile near-misses stay cheap', () => {
  test.each(hostile.k3sTokens52(HOSTILE_TEST_SIZE))('%s is judged', (_, text) => {
    secretsInData({ data: { k0: text } });
  });
});
