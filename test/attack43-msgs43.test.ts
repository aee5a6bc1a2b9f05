import { App } from 'cdk8s';
import { stringify } from 'yaml';
import { AcmeClusterIssuer, K3sVipCluster } from '../src';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { chart, devConfig, refusalOf, valuesDoors, withChanges } from './helpers';
import { accepted, configMapOf, sidecar, textDoors } from './secret-tables';

/**
 * Round 42a, messages: a YAML error's key path below a secret (42a-7), a Secret reference's name and key that hold the
 * password (42a-8), prompt switches taken for secrets and judged differently by the config and the write gate
 * (42a-10), several secrets of one text reported one per run (42a-13).
 */
const S = 'Zq9pW7vL';
const HDR =
  'kubeVip:\n  version: v1.2.3\n  interface: eth0\n  controlPlane:\n    address: 192.168.0.40\ntraefik:\n  loadBalancerIPs: [192.168.0.41]\n';
/** The config door's lines for a config file's text. */
const linesOf = (text: string): string => parseConfigText('config/t.yaml', text).errors.map(formatDiagnostic).join('\n');

describe('42a-7: a key path is never built from the text of a secret', () => {
  test.each<[string, string, string]>([
    ['an env value holding ": " twice', `  values:\n    env:\n      - name: DB_PASSWORD\n        value: ${S}: x: y\n`, 'env[0].value'],
    ['hub.token', `  values:\n    hub:\n      token: ${S}: x: y\n`, 'hub.token'],
    ['a password on the next line', `  values:\n    password:\n      ${S}m2: x: y\n`, 'traefik.values.password'],
    [
      "a ConfigMap's DB_PASSWORD",
      `  values:\n    extraObjects:\n      - apiVersion: v1\n        kind: ConfigMap\n        metadata: {name: x, namespace: default}\n        data:\n          DB_PASSWORD: ${S}: x: y\n`,
      'data.DB_PASSWORD',
    ],
    [
      'a map (valid YAML) as an env value',
      `  values:\n    env:\n      - name: DB_PASSWORD\n        value:\n          ${S}: xy\n`,
      'env[0].value',
    ],
  ])('%s: the path ends at the secret, the line says where', (_, values, path) => {
    const out = linesOf(HDR + values);
    expect(out).toMatch(new RegExp(`config/t\\.yaml:\\d+:\\d+: \\S*${path.replace(/[.[\]]/g, '\\$&')}: `));
    expect(out).not.toContain(S);
  });

  test('the same place is said once', () => {
    const out = linesOf(`${HDR}  values:\n    env:\n      - name: DB_PASSWORD\n        value: ${S}: x: y\n`);
    expect(out.split('\n')).toHaveLength(1);
  });

  // Controls: the keys of a Secret's data and of a reference's map are structure, and are named.
  test.each<[string, string, string]>([
    ["a Secret's data key", `  values:\n    extraObjects:\n      - {kind: Secret, stringData: {cf: "ab\\u0007"}}\n`, 'stringData.cf: '],
    ['a reference map under a key named like a secret', bgp('{name: bgp, key: "a/b"}'), 'kubeVip.bgp.passwordSecret.key: '],
  ])('%s keeps its key path', (_, text, shown) => {
    expect(linesOf(text.startsWith('kubeVip') ? text : HDR + text)).toContain(shown);
  });
});

/** The dev header with BGP and `passwordSecret` as written. */
function bgp(passwordSecret: string): string {
  return HDR.replace(
    '  interface: eth0\n',
    `  interface: eth0\n  mode: bgp\n  bgp:\n    as: 65000\n    peers: [{address: 192.168.0.1, as: 65001}]\n    passwordSecret: ${passwordSecret}\n`,
  );
}

describe('42a-8: a Secret reference of a first-class key never shows or takes the password', () => {
  const cluster = (passwordSecret: object) =>
    refusalOf(
      () =>
        new K3sVipCluster(
          new App(),
          'c',
          withChanges(devConfig(), {
            kubeVip: { mode: 'bgp', bgp: { as: 65000, peers: [{ address: '192.168.0.1', as: 65001 }], passwordSecret } },
          }),
        ),
    );
  test.each<[string, 'name' | 'key', string]>([
    ['a password with a blank as the key', 'key', 'S3cr3t P@ss'],
    ['hunter2! as the key', 'key', 'hunter2!'],
    ['user:password as the key', 'key', 'bob:Zq9pW7vLm2'],
    ['base64 as the key', 'key', 'Zq9pW7vLm2Xy8k/q=='],
    ['a password as the name', 'name', 'S3cr3t P@ss'],
    ['a generated-looking key', 'key', 'Zq9pW7vLm2Xy8kq1'],
    ['a generated-looking name', 'name', 'zq9pw7vlm2xy8kq1'],
  ])('%s is refused at kubeVip.bgp.passwordSecret.%s, not shown', (_, field, value) => {
    const ref = { name: 'bgp-auth', key: 'password', [field]: value };
    for (const out of [linesOf(bgp(JSON.stringify(ref))), cluster(ref)]) {
      expect(out).toContain(`bgp.passwordSecret.${field}`);
      expect(out).not.toContain(value);
      expect(out.toLowerCase()).not.toContain(value.toLowerCase());
    }
  });

  test('a dns01 tokenSecret by the same rule', () => {
    const out = refusalOf(
      () =>
        new AcmeClusterIssuer(chart(), 'i', {
          name: 'le',
          email: 'ops@example.com',
          server: 'staging',
          solver: { dns01: { provider: 'cloudflare', tokenSecret: { name: 'cf', key: 'Zq9pW7vLm2Xy8kq1' } } },
        }),
    );
    expect(out).toContain('tokenSecret.key looks generated');
    expect(out).not.toContain('Zq9pW7vLm2Xy8kq1');
  });

  test('a chosen name and key are accepted', () => {
    expect(linesOf(bgp('{name: bgp-auth, key: password}'))).toBe('');
    expect(cluster({ name: 'bgp-auth', key: 'md5-password.txt' })).toBe('');
  });
});

describe('42a-10: switches that only prompt for a password are no secret, at the config and the write gate alike', () => {
  const switches = [
    'ansible-playbook site.yml --ask-become-pass',
    'ansible-playbook site.yml --ask-pass',
    'ansible-playbook site.yml --ask-vault-pass',
    'ansible-playbook -i hosts --ask-pass site.yml',
    'mycli --prompt-password',
    'psql --no-password -h db',
    'psql --password -h db -U app',
    'psql -h db --password mydb',
    'pg_dump --password -U app db',
    'mysql --password -h db -u app',
    'gh auth login --with-token < /run/secrets/gh',
    'gh auth login --with-token </run/secrets/gh',
    'ansible-playbook site.yml --ask-pass\nls /tmp',
    '#!/bin/sh\nset -e\nansible-playbook site.yml --ask-become-pass\necho done',
  ];
  test.each(switches)('%s is accepted', (text) => {
    accepted(configMapOf({ 'run.sh': text }));
  });
  test('every door accepts them, and an exec-form list of them', () => {
    accepted({
      ...textDoors(switches),
      extraObjects: [
        {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'p', namespace: 'default' },
          spec: {
            containers: [sidecar(['ansible-playbook', 'site.yml', '--ask-become-pass']), sidecar(['psql', '--password', '-h', 'db'], 1)],
          },
        },
      ],
    });
  });

  // Controls: a flag given the secret is still refused.
  test.each<[string, string]>([
    [`cli --password ${S}m2x`, `${S}m2x`],
    [`mysql --password=${S}m2 -h db`, `${S}m2`],
    [`psql --password=${S}m2 -h db`, `${S}m2`],
    [`cli --token -${S}m2`, `-${S}m2`],
    [`cli --password \\\n  ${S}m2x`, `${S}m2x`],
    [`ansible-playbook site.yml --ask-pass\ncli --token ${S}m2x`, `${S}m2x`],
  ])('%s stays refused', (text, secret) => {
    const out = valuesDoors.config(configMapOf({ 'run.sh': text }));
    expect(out).not.toBe('');
    expect(out).not.toContain(secret);
  });
});

describe('42a-13: every secret line of a text, and every text, in one run', () => {
  const text = [
    `echo '${S}!m4' | docker login -u bob --password-stdin r.io`,
    'ls /tmp',
    `redis-cli -a '${S}!m5' ping`,
    `mysql -uroot -p'${S}!m6'`,
  ].join('\n');
  const values = configMapOf({ 'a.sh': text, 'b.sh': `redis-cli -a ${S}m7 ping` });

  test('the config names lines 1, 3 and 4 of a.sh and b.sh, at their file lines', () => {
    const out = linesOf(`${HDR}  values:\n${stringify({ values }).replace(/^/gm, '  ').split('\n').slice(1).join('\n')}`);
    expect(out).toMatch(/:\d+:\d+: .*data\["a\.sh"\]: .*on its line 1\b/);
    expect(out).toMatch(/data\["a\.sh"\]: .*\(redis-cli -a\), on its line 3\b/);
    expect(out).toMatch(/data\["a\.sh"\]: .*\(mysql -p\), on its line 4\b/);
    expect(out).toMatch(/data\["b\.sh"\]: /);
    expect(out.split('\n')).toHaveLength(4);
    expect(out).not.toContain(S);
  });

  test('so do the construct doors', () => {
    for (const out of [valuesDoors.cluster(values), valuesDoors.chart(values)]) {
      for (const line of [1, 3, 4]) expect(out).toMatch(new RegExp(`data\\["a\\.sh"\\]\\S* .*on its line ${line}\\b`));
      expect(out).not.toContain(S);
    }
  });
});
