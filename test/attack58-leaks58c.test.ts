// Round 58a-4, 5, 6, 8: a value whose comment names it as a secret with a note after the name (`# password (rotate
// monthly)`, `# <- deploy key passphrase`) or on the line above (`# token:`); MFA seeds and recovery codes after their
// label (`2FA backup: JBSW…`); `\u{70}`, `%u0070` and quoted-printable escapes; a `k3s.tokenFile` whose file name looks
// generated. Each is refused naming the key path, never the value; the neighbours that hold no secret stay accepted.
import { App } from 'cdk8s';
import { parseConfigText } from '../src/config/load';
import { formatPath } from '../src/core/problem';
import { K3sVipCluster } from '../src/index';
import { acceptedEverywhere, refusedEverywhere } from './secret-doors';
import { configErrors, DEV_YAML, devConfig, REFERENCE_K3S, thrown, withChanges } from './helpers';

const S = 'Zq8vX3kP9mWtRV9';
const SEED = 'JBSWY3DPEHPK3PXR';
const annotations = (key: string, value: string) => ({ deployment: { podAnnotations: { [key]: value } } });
const note = (text: string) => ({
  extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'default' }, data: { note: text } }],
});
const gitops = (lines: string) =>
  `${DEV_YAML}\ngitops:\n  engine: argocd\n  repoURL: https://github.com/acme/k3s.git\n  path: dist/x\n${lines}`;
const messagesOf = (text: string) =>
  parseConfigText('config/t.yaml', text)
    .errors.map((e) => `${formatPath(e.path)}: ${e.message}`)
    .join('\n');

describe('58a-4: a comment that names the value as a secret, with a note, or on the line above', () => {
  test.each([
    ['a name then a note', `  revision: ${S}  # password (rotate monthly)\n`, 'after it on its line'],
    ['a pointer, a qualifier and a name', `  revision: ${S}  # <- deploy key passphrase\n`, 'after it on its line'],
    ['a name, a comma, a note', `  revision: ${S}  # token, see the vault\n`, 'after it on its line'],
    ['`# token:` on the line above', `  # token:\n  revision: ${S}\n`, 'the comment line above it'],
    ['`# password` on the line above', `  # password\n  revision: ${S}\n`, 'the comment line above it'],
    ['`# api key:` above, not the first key', `  # api key:\n  revision: ${S}\n`, 'the comment line above it'],
  ])('refused: %s', (_, lines, how) => {
    const messages = messagesOf(gitops(lines));
    expect(messages).toContain('gitops.revision: holds a value that');
    expect(messages).toContain(how);
    expect(messages.toLowerCase()).not.toContain(S.toLowerCase());
  });

  test.each([
    '  revision: main  # password (rotate monthly)\n',
    '  revision: v1.2.3  # token rotation release (monthly)\n',
    '  # token:\n  revision: main\n',
    '  # password\n  revision: v1.2.3\n',
    '  # token fix commit:\n  revision: 0123456789abcdef0123456789abcdef01234567\n',
    '  # token\n  revision: 0123456789abcdef\n',
    `  # pinned for the example, see docs:\n  revision: ${S}\n`,
  ])('control, accepted: %j', (lines) => expect(messagesOf(gitops(lines))).toBe(''));
});

describe('58a-5: MFA seeds and recovery codes after their label', () => {
  test.each([
    ['2FA backup', `2FA backup: ${SEED}`, SEED],
    ['mfa', 'mfa: JBSWY3DPEHPK3PXV', 'JBSWY3DPEHPK3PXV'],
    ['a seed grouped in fours', 'google authenticator key JBSW Y3DP EHPK 3PXS', 'JBSW Y3DP'],
    ['a seed in lower case', 'two-factor secret = jbswy3dpehpk3pxw', 'jbswy3dpehpk3pxw'],
    ['recovery codes', 'recovery codes: 8f3a-2b9c 4d7e-1a6f 9c2b-7e4d', '8f3a-2b9c'],
    ['backup codes, comma-separated', 'backup codes: 81736152, 99134208, 41029384', '81736152'],
  ])('refused: %s', (_, value, secret) =>
    refusedEverywhere(annotations('example.com/b', value), 'podAnnotations["example.com/b"]', secret),
  );

  test.each([
    'mfa: enabled',
    '2fa: required',
    'totp: disabled',
    'backup codes: disabled',
    'recovery codes: 10 per user',
    'authenticator: Google Authenticator',
  ])('control, accepted: %s', (value) => acceptedEverywhere(annotations('example.com/b', value)));
});

describe('58a-6: `\\u{…}`, `%uHHHH` and quoted-printable escapes are decoded', () => {
  test.each([
    ['`\\u{70}` (JavaScript, Rust, Swift)', annotations('example.com/b', `\\u{70}assword=${S}`), 'podAnnotations["example.com/b"]'],
    ['`\\u{70}` in a source line', note(`const s = '\\u{70}assword=${S}';\n`), 'data.note'],
    ['`%u0070`', annotations('example.com/c', `%u0070assword=${S}`), 'podAnnotations["example.com/c"]'],
    ['quoted-printable', annotations('example.com/d', `=70assword=3D${S}`), 'podAnnotations["example.com/d"]'],
  ])('refused: %s', (_, values, where) => refusedEverywhere(values, where, S));

  test.each([
    'https://a.example.com/?a=41&b=7E&c=3D',
    'dGhpcyBpcyBhIHRlc3Q=',
    'checksum=3Dabc',
    'say \\u{1F600} to the release',
    'text=%u00e9t%u00e9',
  ])('control, accepted: %s', (value) => acceptedEverywhere(annotations('example.com/b', value)));
});

describe('58a-8: a `k3s.tokenFile` whose file or folder name looks generated is the token itself', () => {
  const TOKEN = `${S}aaaaaaaaaaaa`;
  const withTokenFile = (tokenFile: string) => withChanges(devConfig(), { k3s: { ...REFERENCE_K3S, tokenFile } });

  test.each([`/etc/rancher/k3s/${TOKEN}`, `/etc/rancher/k3s/${S}`, `/etc/${S}/token`])('refused: %s', (tokenFile) => {
    const config = configErrors(withTokenFile(tokenFile)).join('\n');
    expect(config).toContain('k3s.tokenFile: names a file or folder that looks generated');
    const cluster = thrown(() => new K3sVipCluster(new App(), 'dev', withTokenFile(tokenFile)).documents({ source: 'main.ts' })).message;
    expect(cluster).toContain('k3s.tokenFile');
    for (const message of [config, cluster]) expect(message.toLowerCase()).not.toContain(S.toLowerCase());
  });

  test.each(['/etc/rancher/k3s/cluster-token', '/etc/rancher/k3s/token-2024', '/home/ops/k3s/token', '/etc/k3s-token/token'])(
    'control, accepted: %s',
    (tokenFile) => {
      expect(configErrors(withTokenFile(tokenFile))).toEqual([]);
      const docs = new K3sVipCluster(new App(), 'dev', withTokenFile(tokenFile)).documents({ source: 'main.ts' });
      expect(docs.some((d) => d.content.includes(tokenFile))).toBe(true);
    },
  );
});
