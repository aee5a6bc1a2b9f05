import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newCluster } from '../src/new-cluster';
import { App } from 'cdk8s';
import { AcmeClusterIssuer, K3sVipCluster } from '../src';
import { chart, configErrors, DEV_YAML, devConfig, refusalOf, valuesDoors, withChanges } from './helpers';
import { accepted, configMapOf } from './secret-tables';
import * as hostile from '../scripts/hostile-inputs';
import { secretsInData } from '../src/core/secrets';
import { secretProblems } from '../src/core/secret-place';

/**
 * Round 44a, messages: a key under a Secret reference or under `k3s.tokenFile` is never quoted, in the key path nor in
 * the text, and the message still names the place and what to write (44a-7).
 */
const P = 'Hx7qLm2vQz9';

const bgp = (passwordSecret: unknown) => ({
  kubeVip: { mode: 'bgp', bgp: { as: 65000, peers: [{ address: '192.168.0.1', as: 65001 }], passwordSecret } },
});
const issuer = (tokenSecret: unknown) => ({
  certManager: {
    issuers: { letsencrypt: { email: 'ops@example.com', solver: { dns01: { provider: 'cloudflare', tokenSecret } } } },
  },
});

describe('44a-7: a key under a Secret reference or k3s.tokenFile is not quoted', () => {
  test.each<[string, object, string, string]>([
    ['a key beside passwordSecret name and key', bgp({ name: 'bgp-auth', key: 'password', [P]: 'x' }), 'kubeVip.bgp.passwordSecret: ', P],
    ['a plain word there', bgp({ name: 'bgp-auth', key: 'password', hunter2: null }), 'kubeVip.bgp.passwordSecret: ', 'hunter2'],
    ['a key beside tokenSecret name and key', issuer({ name: 'cf', key: 'api-token', [P]: 'x' }), 'dns01.tokenSecret: ', P],
    ['a key under k3s.tokenFile named like a secret', { k3s: { tokenFile: { Hx7qLm2vPw9: 'x' } } }, 'k3s.tokenFile: ', 'Hx7qLm2vPw9'],
  ])('%s: the config and the cluster construct name the reference, not the key', (_, patch, path, secret) => {
    const config = withChanges(devConfig(), patch);
    const errors = configErrors(config).join('\n');
    expect(errors).toContain(path);
    expect(errors).not.toContain(secret);
    const thrown = refusalOf(() => new K3sVipCluster(new App(), 'c', config));
    expect(thrown).toContain(path.replace(/: $/, ''));
    expect(thrown).not.toContain(secret);
  });

  test('the message says what is wrong and what belongs there', () => {
    const errors = configErrors(withChanges(devConfig(), bgp({ name: 'bgp-auth', key: 'password', [P]: 'x' }))).join('\n');
    expect(errors).toContain('kubeVip.bgp.passwordSecret: holds an unknown key, not shown');
    expect(errors).toContain('Allowed here: name, key');
  });

  test('a misspelt field is still named by what it should be', () => {
    const errors = configErrors(withChanges(devConfig(), bgp({ nmae: 'bgp-auth', key: 'password' }))).join('\n');
    expect(errors).toContain('did you mean "name"?');
    expect(errors).not.toContain('nmae');
  });

  test('the AcmeClusterIssuer construct does not quote it either', () => {
    const out = refusalOf(
      () =>
        new AcmeClusterIssuer(chart(), 'i', {
          name: 'le',
          email: 'ops@example.com',
          server: 'staging',
          solver: { dns01: { provider: 'cloudflare', tokenSecret: { name: 'cf', key: 'api-token', [P]: 'x' } as never } },
        }),
    );
    expect(out).toContain('tokenSecret holds an unknown key, not shown');
    expect(out).not.toContain(P);
  });

  test.each<[string, unknown, string]>([
    [
      'env secretKeyRef',
      { env: [{ name: 'A', valueFrom: { secretKeyRef: { name: 'a', key: 'b', [P]: 'x' } } }] },
      'env[0].valueFrom.secretKeyRef',
    ],
    ['envFrom secretRef', { envFrom: [{ secretRef: { name: 'a', [P]: 'x' } }] }, 'envFrom[0].secretRef'],
  ])("Traefik's %s: the config and the chart construct name the reference, not the key", (_, values, path) => {
    for (const door of [valuesDoors.config(values), valuesDoors.chart(values)]) {
      expect(door).toContain(`${path}`);
      expect(door).toMatch(/secret(?:KeyRef|Ref):? holds an unknown key, not shown/);
      expect(door).not.toContain(P);
    }
  });

  // Controls: keys of a reference, and unknown keys elsewhere, are still named.
  test('an unknown key outside a reference is quoted', () => {
    expect(configErrors(withChanges(devConfig(), { kubeVip: { interfce: 'eth0' } })).join('\n')).toContain('unknown key "interfce"');
  });
  test('a reference field is still in the key path', () => {
    const errors = configErrors(withChanges(devConfig(), bgp({ name: 'bgp-auth', key: ['x'] }))).join('\n');
    expect(errors).toContain('kubeVip.bgp.passwordSecret.key: ');
  });
});

describe('44a-14: every secret line of one text is named in one run', () => {
  const fd = "exec 3<<<'root:Hx7qLm2vPw9B'\nchpasswd <&3\n";
  const list = "subprocess.run([\n  'sshpass',\n  '-p',\n  'Hx7qLm2vPw9E',\n])\n";
  test('a here-string read from a descriptor, an open list and a name=value line', () => {
    const out = valuesDoors.config(configMapOf({ 'run.sh': `${fd}${list}JwtSecret=Hx7qLm2vPw9C\n` }));
    expect(out).toMatch(/chpasswd input\), on its line 1\b/);
    expect(out).toMatch(/sshpass -p\), on its line 6\b/);
    expect(out).toMatch(/on its line 8 \(a line setting JwtSecret\)/);
    expect(out).not.toContain('Hx7qLm2vPw9');
  });
  test('the first line is named with its own kind, not the text’s first', () => {
    const out = valuesDoors.config(configMapOf({ 'run.sh': `${fd}${list}` }));
    expect(out).toMatch(/chpasswd input\), on its line 1\b/);
    expect(out).not.toMatch(/sshpass -p\), on its line 1\b/);
    expect(out).toMatch(/sshpass -p\), on its line 6\b/);
  });
});

describe('44a-15: text read as YAML is refused at its lines; one line of prose and a newline is prose', () => {
  test('two argv-style lists: each password line named with its kind', () => {
    const text = 'argv:\n  - redis-cli\n  - -a\n  - Hx7qLm2vPw9\ncmd:\n  - sshpass\n  - -p\n  - Hx7qLm2vPw9X\n';
    const out = valuesDoors.config(configMapOf({ 'run.yaml': text }));
    expect(out).toMatch(/redis-cli -a\), on its line 4/);
    expect(out).toMatch(/sshpass -p\), on its line 8/);
    expect(out).not.toContain('Hx7qLm2vPw9');
  });
  test.each([
    'the password: see the Secret named db\n',
    'The tokenSecret: see the Secret named cloudflare\n',
    '\nthe password: see the Secret named db\n\n',
  ])('%j is accepted', (text) => {
    accepted(configMapOf({ 'notes.txt': text }));
  });
  test.each(['password: Hx7qLm2vPw9\n', 'db password: Hx7qLm2vPw9\n', 'the password: Hx7qLm2vPw9 x\n', '? password\n: Hx7qLm2vPw9\n'])(
    '%j is still refused',
    (text) => {
      const out = valuesDoors.config(configMapOf({ 'notes.txt': text }));
      expect(out).toContain('on its line');
      expect(out).not.toContain('Hx7qLm2vPw9');
    },
  );
});

describe('44a-14: `new --from` names every line of the source that holds a secret outside its values, with its kind', () => {
  test('two comment lines: both named in one run, neither shown', () => {
    const root = mkdtempSync(join(tmpdir(), 'k3s-vip-new45-'));
    try {
      writeFileSync(join(root, 'src.yaml'), `${DEV_YAML}# password: Hx7qLm2vPw9\n# redis-cli -a Hx7qLm2vPw9Z\n`);
      const lines: string[] = [];
      const code = newCluster(['copy', '--from', 'src'], { configDir: root, schemaFile: join(root, 's.json'), log: (l) => lines.push(l) });
      const text = lines.join('\n');
      const first = DEV_YAML.split('\n').length;
      expect(code).toBe(1);
      expect(text).toMatch(new RegExp(`src\\.yaml:${first}:\\d+: holds a secret outside its values`));
      expect(text).toContain(`line ${first}: `); // what it holds is worded by the reader that finds it (round 78: the prose reader)
      expect(text).toContain(`line ${first + 1}: a password on a command line (redis-cli -a)`);
      expect(text).not.toContain('Hx7qLm2vPw9');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

/** Just under secret-place.ts' bound for naming lines that set a secret together (64 KiB); `npm run bench` times 400 kB. */
const SIZE = 64_000;

describe('44a-14, 44a-15: hostile texts stay cheap to judge and to place', () => {
  test.each(hostile.secretLines45(SIZE))('%s is judged and its lines named', (_, text) => {
    const data = { data: { k0: text } };
    const problems = secretsInData(data).flatMap((secret) => secretProblems(secret, data));
    expect(problems.length).toBeLessThanOrEqual(20);
  });
});
