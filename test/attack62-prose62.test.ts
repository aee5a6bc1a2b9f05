// Round 62 (prose62): 62a-3. Passwords in prose beside a label the general reader of secret words left (`the wifi key is
// X`, `WLAN key: X`, `X <- root pw`, `admin / X`), and at 10 characters (`X is the root pw`, `Password for root is X`,
// French, Chinese, Japanese and Korean labels): refused at every door, named by key path, never shown. The dry-run
// diff's redaction (fileRedaction) and the write gate (secretsInFiles) give one verdict on each file: what the preview
// blanks as a secret the gate refuses. Ordinary prose and settings (`see the admin / ops guide`, `key: value`) stay.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wiring } from '../src/main';
import { fileRedaction, secretsInFiles } from '../src/output/secret-gate';
import { runSynth } from '../src/synth';
import { acceptedEverywhere, refusedEverywhere } from './secret-doors';

const SIXTEEN = 'Qw7rTy9uZx4Pm2Kg';
const TEN = 'Qw7rTy9uKc';
const configMap = (text: string) => ({
  extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app', namespace: 'default' }, data: { note: text } }],
});

// [row, the text, the secret it holds (never shown)]
const SECRETS: ReadonlyArray<readonly [string, string, string]> = [
  ['X <- root pw', `${SIXTEEN} <- root pw`, SIXTEEN],
  ['the wifi key is X', `the wifi key is ${SIXTEEN}`, SIXTEEN],
  ['WLAN key: X', `WLAN key: ${SIXTEEN}`, SIXTEEN],
  ['admin / X', `admin / ${SIXTEEN}`, SIXTEEN],
  ['root/X', `root/${SIXTEEN}`, SIXTEEN],
  ['WPA2 passphrase - X', `WPA2 passphrase - ${SIXTEEN}`, SIXTEEN],
  ['X is the root pw (10)', `${TEN} is the root pw`, TEN],
  ['Password for root is X (10)', `Password for root is ${TEN}`, TEN],
  ['the admin pwd = X (10)', `the admin pwd = ${TEN}`, TEN],
  ['Username admin, password X. (10)', `Username admin, password ${TEN}.`, TEN],
  ['mot de passe : X (10)', `mot de passe\u00a0: ${TEN}`, TEN],
  ['密码：X (10)', `密码：${TEN}`, TEN],
  ['パスワード: X (10)', `パスワード: ${TEN}`, TEN],
  ['비밀번호: X (10)', `비밀번호: ${TEN}`, TEN],
  ['wifi key (10)', `wifi key ${TEN}`, TEN],
];

describe('62a-3: a password in prose is refused at every door, named by its key path, never shown', () => {
  test.each(SECRETS)('%s', (_, text, secret) => refusedEverywhere(configMap(text), 'extraObjects[0].data', secret));
});

describe('62a-3: ordinary prose and settings stay accepted', () => {
  test.each([
    ['see the admin / ops guide'],
    ['key: value'],
    ['the key is rotated monthly'],
    ['WLAN key: see the vault'],
    ['the root pw is in the vault, ask ops'],
    ['admin / operator'],
    ['wifi key rotation 2024'],
    ['Password for root is kept in 1Password'],
    ['image registry/admin/app:v1.2.3'],
    ['root pw digest 4f2a9c1b7d3e5f60'],
    ['Username admin, password in the vault'],
    ['ADMIN_PASSWORD=$1$saltsalt$Jq0Zr4Yp1m0H5bLr7dQ.p0'],
  ])('%s', (text) => acceptedEverywhere(configMap(text)));
});

describe('62a-3: the dry-run redaction and the write gate agree', () => {
  const file = (text: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  note: ${JSON.stringify(text)}\n`;
  const rows: Array<readonly [string, string]> = [
    ...SECRETS.map(([row, text]) => [row, text] as const),
    ['a plain note', 'see the admin / ops guide'],
    ['a line read as a setting', 'password: Zx9qWm4vTr7pLk2n'],
  ];
  test.each(rows)('%s', (_, text) => {
    const files = new Map([['dev/app.yaml', file(text)]]);
    const blanked = fileRedaction(files)(file(text)) !== file(text);
    expect(secretsInFiles(files).length > 0).toBe(blanked);
  });
});

describe('62a-3: the dry-run preview never hides silently what it writes', () => {
  const dryRun = (note: string) => {
    const root = mkdtempSync(join(tmpdir(), 'k3s-vip-prose62-'));
    const configDir = join(root, 'config');
    mkdirSync(configDir);
    writeFileSync(
      join(configDir, 't.yaml'),
      [
        'kubeVip: {version: v1.2.3, interface: eth0, controlPlane: {address: 192.168.0.40}}',
        'k3s: {servers: [{name: k3s-1, address: 192.168.0.11}]}',
        'traefik:',
        '  loadBalancerIPs: [192.168.0.41]',
        '  values:',
        '    extraObjects:',
        '      - {apiVersion: v1, kind: ConfigMap, metadata: {name: cm, namespace: default}, data: {note: ' + JSON.stringify(note) + '}}',
        '',
      ].join('\n'),
    );
    const lines: string[] = [];
    const code = runSynth({
      configDir,
      distDir: join(root, 'dist'),
      wiring,
      dryRun: true,
      log: (l) => lines.push(l),
      out: (l) => lines.push(l),
    });
    return { code, text: lines.join('\n') };
  };

  test('a prose password is refused by the dry run, as by the write, and not shown', () => {
    const { code, text } = dryRun(`WLAN key: ${SIXTEEN}`);
    expect(code).toBe(1);
    expect(text).toContain('extraObjects[0].data.note');
    expect(text).not.toContain(SIXTEEN);
  });

  // 75a-4: the preview blanks what the gate reads as a secret, and nothing more.
  test('a value the gate passes is shown as it will be written, with no warning of hidden values', () => {
    const { code, text } = dryRun('build: Zq8Wm3Lp0aKdRt5Y');
    expect(code).toBe(0);
    expect(text).toContain('build: Zq8Wm3Lp0aKdRt5Y');
    expect(text).not.toContain('not shown above');
  });
});
