import * as hostile from '../scripts/hostile-inputs';
import { secretsInData } from '../src/core/secrets';
import { clusterRefusal, configErrors, devConfig, withChanges } from './helpers';
import { HOSTILE_TEST_SIZE } from './secret-doors';
import { accepted, falseRefusalTables, refusedEverywhere, refusedTextRows } from './secret-tables';

/**
 * Round-48 findings 48a-1 (a comment in an SQL statement's head: `ALTER /* x *\/ USER`, MySQL's `# x⏎`; sql-heads.ts,
 * sql-tokens.ts) and 48a-3 (K3s' `-t`, the short alias of `--token`, after `k3s server|agent` and the install script's
 * `sh -s -`; k3s-short-token.ts), and the messages that quoted them (formats.ts's `show` redacts with the same readers).
 */
const S = 'Zq7mWx9Lp2';
const { acceptedTable } = falseRefusalTables(S);

describe('48a-1: a comment in a statement head', () => {
  refusedTextRows([
    ['a block comment after ALTER', `ALTER /* x */ USER bob IDENTIFIED BY '${S}';`, S],
    ['a block comment after CREATE, before ROLE', `CREATE /* x */ ROLE bob PASSWORD '${S}';`, S],
    ['an empty block comment gluing words', `CREATE/**/USER bob IDENTIFIED BY '${S}';`, S],
    ['a line comment after ALTER', `ALTER -- x\nUSER bob IDENTIFIED BY '${S}';`, S],
    ["MySQL's # comment after ALTER", `ALTER # x\nUSER bob IDENTIFIED BY '${S}';`, S],
    ["MySQL's # comment glued to ALTER", `ALTER#x\nUSER bob IDENTIFIED BY '${S}';`, S],
    ["MySQL's # comment holding a quote", `ALTER USER bob # it's\n  IDENTIFIED BY '${S}';`, S],
    ['a comment in SET PASSWORD', `SET /* x */ PASSWORD FOR bob = '${S}';`, S],
    ['a comment in OR REPLACE', `CREATE OR /* x */ REPLACE USER bob IDENTIFIED BY '${S}';`, S],
    ['a comment before DATABASE LINK', `CREATE /* x */ DATABASE LINK l CONNECT TO bob IDENTIFIED BY ${S} USING 'orcl';`, S],
    ['a comment in a SQL*Plus logon', `CONNECT /* x */ bob/${S}@orcl`, S],
  ]);
  acceptedTable([
    '-- reset\nSELECT 1 /* c */; # x\nCREATE /* t */ TABLE t (id int);',
    'ALTER /* x */ USER bob IDENTIFIED BY &pw;',
    'CREATE /* x */ USER bob IDENTIFIED BY "&&new_password";',
    "SET /* x */ PASSWORD FOR bob = :'pw';",
    'CREATE USER c##admin IDENTIFIED BY &pw CONTAINER=ALL;',
    'SELECT name, user# FROM sys.user$ # list users\nWHERE password IS NULL;',
    'ALTER # set it later\nUSER bob IDENTIFIED BY ${DB_PASSWORD};',
  ]);
});

describe('48a-3: k3s -t <token>', () => {
  refusedTextRows([
    ['k3s agent -t', `k3s agent -t ${S} -s https://10.0.0.1:6443`, S],
    ['k3s server -t', `k3s server -t ${S} --cluster-init`, S],
    ['the install script: sh -s - server -t', `curl -sfL https://get.k3s.io | sh -s - server -t ${S}`, S],
    ['the install script without a subcommand', `curl -sfL https://get.k3s.io | sh -s - -t ${S}`, S],
    ['-t glued', `k3s agent -t${S} -s https://x:6443`, S],
    ['-t= after a global option', `k3s --debug agent -t=${S}`, S],
    ['-t quoted on a continued line', `k3s agent \\\n  -s https://x:6443 \\\n  -t '${S}'`, S],
    ['-token after one dash', `k3s server -token ${S}`, S],
    ['the install script: INSTALL_K3S_EXEC', `curl -sfL https://get.k3s.io | INSTALL_K3S_EXEC="agent -t ${S}" sh -`, S],
    ['the rancher/k3s image run by docker', `docker run -d --privileged rancher/k3s:v1.30.4-k3s1 agent -t ${S}`, S],
    ['a systemd unit', `ExecStart=/usr/local/bin/k3s agent -t ${S}`, S],
  ]);
  acceptedTable([
    'k3s agent -t $K3S_TOKEN -s https://x:6443',
    'k3s agent -t "$(cat /etc/rancher/token)"',
    'k3s agent -t <token>',
    'k3s server -tls-san 10.0.0.1',
    'docker run -t alpine sh',
    'ssh -t host top',
    'tar -tf backup.tar',
    'k3s kubectl exec -it web-0 -- sh',
    'k3s crictl exec -t abc123 sh',
    'sh -s - -t fast < script.sh',
    'curl -sfL https://get.k3s.io | INSTALL_K3S_EXEC="agent -t ${K3S_TOKEN}" sh -',
    'docker run -t rancher/k3s:v1.30.4-k3s1 server',
  ]);

  const container = (image: string, command: Record<string, string[]>) => ({
    deployment: { additionalContainers: [{ name: 'side-0', image, ...command }] },
  });
  test.each<[string, Record<string, string[]>]>([
    ['busybox:1.36', { command: ['k3s', 'agent', '-t', S] }],
    ['busybox:1.36', { command: ['/bin/k3s', '--debug', 'server', `-t=${S}`] }],
    ['rancher/k3s:v1.30.4-k3s1', { args: ['agent', '-t', S, '-s', 'https://10.0.0.1:6443'] }],
  ])('an exec form on %s: %j is refused', (image, command) => refusedEverywhere(container(image, command), S));
  test.each<[string, Record<string, string[]>]>([
    ['busybox:1.36', { args: ['agent', '-t', 'x1'] }],
    ['rancher/k3s:v1.30.4-k3s1', { args: ['agent', '-t', '$(K3S_TOKEN)'] }],
    ['rancher/k3s:v1.30.4-k3s1', { args: ['kubectl', 'exec', '-t', 'web-0', '--', 'ls'] }],
    ['busybox:1.36', { command: ['k3s', 'crictl', 'exec', '-t', 'abc123', 'ls'] }],
  ])('an exec form on %s: %j is accepted', (image, command) => accepted(container(image, command)));
});

describe('messages never quote a value a secret reader flags', () => {
  test('48a-1: an SQL statement as ingresses[0].host', () => {
    const config = withChanges(devConfig(), {});
    config.ingresses[0].host = `ALTER/**/USER bob IDENTIFIED BY '${S}'`;
    const errors = configErrors(config).join('\n');
    expect(errors).toContain('ingresses[0].host');
    expect(errors).not.toContain(S);
  });
  test('48a-3: k3s agent -t as kubeVip.interface, through the construct API', () => {
    const message = clusterRefusal({}, { kubeVip: { ...devConfig().kubeVip, interface: `k3s agent -t ${S}` } });
    expect(message).toContain('kubeVip.interface');
    expect(message).not.toContain(S);
  });
});

describe('48a-1, 48a-3: hostile near-misses stay cheap', () => {
  test.each(hostile.sqlHeads49(HOSTILE_TEST_SIZE))('%s is judged', (_, text) => {
    secretsInData({ data: { k0: text } });
  });
});
