import { App } from 'cdk8s';
import { K3sVipCluster } from '../src';
import * as format from '../src/config/formats';
import { looksGenerated } from '../src/core/secrets-keys';
import { configErrors, devConfig, refusalOf, valuesDoors, withChanges } from './helpers';
import { configMapOf, sidecar } from './secret-tables';

/**
 * Round 43a, messages: a Secret reference's name or key given as a list or a map is never quoted (43a-5); Secret
 * references in pods (env, envFrom, sidecars, extraObjects) are held to the passwordSecret rules (43a-19); names of
 * words with a number are not "generated" (43a-15); each line of a text named with its own kind, netrc's words whole, a
 * ConfigMap's generated-looking key not shown (43a-17). 43a-18 (`npm run check` names the files it left out also when it
 * finds a difference) is tested in delivery.test.ts, which has a synthesized dist/ already.
 */
const S = 'Zq9xW7pLm3Tr';

const bgp = (passwordSecret: unknown) => ({
  kubeVip: { mode: 'bgp', bgp: { as: 65000, peers: [{ address: '192.168.0.1', as: 65001 }], passwordSecret } },
});
const issuer = (tokenSecret: unknown) => ({
  certManager: {
    issuers: { letsencrypt: { email: 'ops@example.com', solver: { dns01: { provider: 'cloudflare', tokenSecret } } } },
  },
});

describe('43a-5: a list or map where a Secret reference or the token file belongs is not quoted', () => {
  test.each<[string, object, string]>([
    ['passwordSecret.key as a one-item list', bgp({ name: 'bgp-auth', key: [S] }), 'kubeVip.bgp.passwordSecret.key: '],
    ['passwordSecret.name as a one-item list', bgp({ name: [S], key: 'password' }), 'kubeVip.bgp.passwordSecret.name: '],
    ['passwordSecret.key as a one-key map', bgp({ name: 'bgp-auth', key: { [S]: 1 } }), 'kubeVip.bgp.passwordSecret.key: '],
    ['tokenSecret.name as a list', issuer({ name: [S], key: 'api-token' }), 'tokenSecret.name: '],
    ['tokenSecret.key as a map', issuer({ name: 'cloudflare', key: { [S]: 1 } }), 'tokenSecret.key: '],
    ['k3s.tokenFile as a list', { k3s: { tokenFile: [S] } }, 'k3s.tokenFile: '],
    ['k3s.tokenFile as a number', { k3s: { tokenFile: 93847261539 } }, 'k3s.tokenFile: '],
  ])('%s: the config and the construct name the place, not the value', (_, patch, path) => {
    const secret = JSON.stringify(patch).includes(S) ? S : '93847261539';
    const config = withChanges(devConfig(), patch);
    const errors = configErrors(config).join('\n');
    expect(errors).toContain(path);
    expect(errors).not.toContain(secret);
    const thrown = refusalOf(() => new K3sVipCluster(new App(), 'c', config));
    expect(thrown).not.toBe('');
    expect(thrown).not.toContain(secret);
  });

  // Control: a list where a plain value belongs still shows what was written.
  test('a list as the interface is still quoted', () => {
    expect(configErrors(withChanges(devConfig(), { kubeVip: { interface: ['eth0'] } })).join('\n')).toContain('"eth0"');
  });
});

describe('43a-15: words with a number are chosen names, not generated ones', () => {
  test.each(['letsencrypt2024', 'apiToken2024', 'cloudflareApiToken2', 'dnsApiToken01', 'router01password', 'myDBPassword2024'])(
    '%s is accepted as a Secret key and under tokenSecret',
    (key) => {
      expect(looksGenerated(key)).toBe(false);
      expect(format.secretKey(key)).toBeUndefined();
      expect(configErrors(withChanges(devConfig(), issuer({ name: key.toLowerCase(), key }))).join('\n')).toBe('');
    },
  );
  test.each([S, 'Zq9pW7vLm2Xy8kq1', 'x7Kq9mZ2pL4v', 'ZqxWpLm3TrAb', 'xkqmzpl4ab12', 'abc1def2ghi3', 'aB3dEfGhIjKlMn'])(
    '%s still looks generated',
    (value) => {
      expect(looksGenerated(value)).toBe(true);
      expect(format.secretKey(value)).toMatch(/^looks generated/);
    },
  );
});

describe("43a-19: Secret references in Traefik's pod follow the passwordSecret rules", () => {
  const env = (secretKeyRef: unknown) => ({ env: [{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef } }] });
  const deployment = (secretKeyRef: unknown) => ({
    extraObjects: [
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'd', namespace: 'default' },
        spec: {
          selector: { matchLabels: { app: 'd' } },
          template: {
            metadata: { labels: { app: 'd' } },
            spec: { containers: [{ name: 'c', image: 'busybox:1.36', env: [{ name: 'P', valueFrom: { secretKeyRef } }] }] },
          },
        },
      },
    ],
  });
  test.each<[string, unknown, string]>([
    ['a generated-looking key in env', env({ name: 'db', key: S }), 'env[0].valueFrom.secretKeyRef.key'],
    ['a generated-looking name in env', env({ name: 'zq9xw7plm3tr', key: 'password' }), 'env[0].valueFrom.secretKeyRef.name'],
    ['a key with a blank in env', env({ name: 'db', key: `${S} x` }), 'env[0].valueFrom.secretKeyRef.key'],
    ['a key as a list in env', env({ name: 'db', key: [S] }), 'env[0].valueFrom.secretKeyRef.key'],
    ['a name as a list in env', env({ name: [S], key: 'password' }), 'env[0].valueFrom.secretKeyRef.name'],
    ['a name as a map in env', env({ name: { [S]: 1 }, key: 'password' }), 'env[0].valueFrom.secretKeyRef.name'],
    ['an invalid name in env', env({ name: `${S}!`, key: 'password' }), 'env[0].valueFrom.secretKeyRef.name'],
    ['envFrom secretRef.name as a list', { envFrom: [{ secretRef: { name: [S] } }] }, 'envFrom[0].secretRef.name'],
    ['envFrom secretRef.name generated', { envFrom: [{ secretRef: { name: 'zq9xw7plm3tr' } }] }, 'envFrom[0].secretRef.name'],
    [
      "a sidecar's generated key",
      { deployment: { additionalContainers: [{ ...sidecar(['sleep', '1']), env: env({ name: 'db', key: S }).env }] } },
      'deployment.additionalContainers[0].env[0].valueFrom.secretKeyRef.key',
    ],
    ['an extraObjects Deployment', deployment({ name: 'db', key: S }), 'secretKeyRef.key'],
    ['an extraObjects Deployment, key as a list', deployment({ name: 'db', key: [S] }), 'secretKeyRef.key'],
  ])('%s: refused at its place, never shown', (_, values, path) => {
    for (const door of [valuesDoors.config(values), valuesDoors.chart(values)]) {
      expect(door).toContain(path);
      expect(door).not.toContain(S);
      expect(door.toLowerCase()).not.toContain(S.toLowerCase());
    }
  });

  test.each<[string, unknown]>([
    ['a chosen key', env({ name: 'db', key: 'password' })],
    ['a key of words with a year', env({ name: 'db-2024', key: 'apiToken2024' })],
    ['envFrom secretRef', { envFrom: [{ secretRef: { name: 'app-env' } }] }],
    [
      'a ConfigMap key ref with a generated-looking key (not a Secret)',
      { env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'c', key: 'x7Kq9mZ2pL4v' } } }] },
    ],
  ])('%s is accepted', (_, values) => {
    expect(valuesDoors.config(values)).toBe('');
  });
});

describe("43a-17: each reported line says its own kind; a ConfigMap's key is a file name", () => {
  test('a name=value line then a URL line: line 1 is the name=value line', () => {
    const out = valuesDoors.config(configMapOf({ '.env': `DB_PASSWORD=${S}\nurl=https://bob:${S}3@h/\n` }));
    expect(out).toMatch(/a value set to a name like a secret \(name=value\), on its line 1 \(a line setting DB_PASSWORD\)/);
    expect(out).toMatch(/a URL with credentials, on its line 2/);
    expect(out).not.toContain(S);
  });
  test("netrc's message keeps its closing backtick and bracket", () => {
    const out = valuesDoors.config(configMapOf({ '.netrc': `machine h login bob password ${S}\n` }));
    expect(out).toContain('token), on its line 1');
    expect(out).not.toContain(S);
  });
  test("a ConfigMap's generated-looking data key: not shown, not called a Secret's key", () => {
    const out = valuesDoors.config(configMapOf({ [S]: 'x' }));
    expect(out).toContain('extraObjects[0].data: holds a key that looks generated');
    expect(out).toContain("name the ConfigMap's file");
    expect(out).not.toContain(S);
  });
});

describe('43a-16: an extraObjects text item that does not parse still has its secret lines said', () => {
  const item = (line: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: default}\ndata:\n  ${line}\n  a: b\n`;
  test('a password line with an unclosed quote: the syntax error and the line, in one run', () => {
    const out = valuesDoors.config({ extraObjects: [item(`password: "${S}`)] });
    expect(out).toContain('does not parse cleanly as YAML');
    expect(out).toMatch(
      /extraObjects\[0\]: holds text that sets a value under a key named like a secret .*on its line 5 \(a line setting password\)/,
    );
    expect(out).not.toContain(S);
  });
  test('the same text without a secret: only the syntax error', () => {
    const out = valuesDoors.config({ extraObjects: [item('note: "hello')] });
    expect(out.split('\n')).toHaveLength(1);
  });
});
