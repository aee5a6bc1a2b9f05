// Round 66 (prose66a): a password said in prose in the ways 66a-1 to 66a-4 found unread, refused at every door (a
// ConfigMap in extraObjects, an env value; the config, K3sVipCluster, TraefikHelmChartConfig and the write gate), named by
// key path, never shown; 66a-10: `npm run new --from` refuses such a comment. The neighbours that are notes, headings,
// YAML keys, commands or lists of things other than accounts stay accepted.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newCluster } from '../src/new-cluster';
import { acceptedEverywhere, refusedEverywhere } from './secret-doors';

const configMap = (text: string) => ({
  extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app', namespace: 'default' }, data: { note: `${text}\n` } }],
});
const env = (text: string) => ({ env: [{ name: 'NOTE', value: text }] });

// [row, the text, the secret it holds (never shown)]
const SECRETS: ReadonlyArray<readonly [string, string, string]> = [
  ['66a-1 colon, line below', 'Password:\nhunter2', 'hunter2'],
  ['66a-1 colon, mixed value below', 'Password:\nTr0ub4dor', 'Tr0ub4dor'],
  ['66a-1 bare label', 'Password\nTr0ub4dor', 'Tr0ub4dor'],
  ["66a-1 a setting's name", 'DB_PASSWORD\nhunter2', 'hunter2'],
  ['66a-1 words before the label', 'Admin password:\nswordfish2', 'swordfish2'],
  ['66a-1 `is:`', 'The password is:\nhunter2', 'hunter2'],
  ['66a-1 bold label', '**Password**\nswordfish', 'swordfish'],
  ['66a-1 underlined label', 'Password\n--------\nswordfish', 'swordfish'],
  ['66a-1 heading', '## Password\nswordfish', 'swordfish'],
  ['66a-1 blank line', 'Password:\n\nswordfish', 'swordfish'],
  ['66a-1 account in brackets', 'Password (for root):\nhunter2', 'hunter2'],
  ['66a-1 passphrase below', 'Passphrase:\npurple monkey dishwasher lamp', 'monkey dishwasher'],
  ['66a-1 definition list', 'Password\n: hunter2x', 'hunter2x'],
  ['66a-1 list item, indented value', '- Password:\n  Tr0ub4dor&3', 'Tr0ub4dor'],
  ['66a-1 CRLF', 'Password:\r\nTr0ub4dor\r\n', 'Tr0ub4dor'],
  ['66a-2 set … for … to', 'Set the password for admin to Hunter2x', 'Hunter2x'],
  ['66a-2 set password to', 'set password to Hunter2x', 'Hunter2x'],
  ['66a-2 set with words between', 'Set the Grafana admin password to Hunter2x and restart.', 'Hunter2x'],
  ['66a-2 update', 'Update the DB password to Hunter2x', 'Hunter2x'],
  ['66a-2 change', 'Change the root password to Zq8xVt3LpR9', 'Zq8xVt3LpR9'],
  ['66a-2 use as, no article', 'use Hunter2x as password', 'Hunter2x'],
  ['66a-2 use for', 'Use Hunter2x for the password.', 'Hunter2x'],
  ['66a-2 changed to', 'Password changed to hunter2', 'hunter2'],
  ['66a-2 has been changed to', 'The password has been changed to hunter2', 'hunter2'],
  ['66a-2 enter when asked', 'Enter hunter2 when asked for the password.', 'hunter2'],
  ['66a-2 sign in with account:password', 'Sign in with admin:Hunter2x', 'Hunter2x'],
  ['66a-2 sign in as account/password', 'Sign in as root/Tr0ub4dor&3', 'Tr0ub4dor'],
  ['66a-2 log in with account / password', 'Log in with admin / hunter2', 'hunter2'],
  ['66a-2 default credentials', 'Default credentials are admin/Hunter2x.', 'Hunter2x'],
  ['66a-2 bracket after the label', 'The default password (Hunter2x) must be changed.', 'Hunter2x'],
  ['66a-2 German set', 'Setze das Passwort auf Hunter2x.', 'Hunter2x'],
  ['66a-2 Spanish use', 'Usa Hunter2x como contraseña', 'Hunter2x'],
  ['66a-2 German use', 'Verwende Hunter2x als Passwort', 'Hunter2x'],
  ['66a-3 you need is', 'The password you need is hunter2', 'hunter2'],
  ["66a-3 password's", "The password's hunter2", 'hunter2'],
  ['66a-3 question', 'The password? swordfish', 'swordfish'],
  ['66a-3 ellipsis', 'The password is... hunter2', 'hunter2'],
  ['66a-3 square bracket', 'The password is [swordfish]', 'swordfish'],
  ['66a-3 between commas', 'The root password, swordfish4, must be rotated.', 'swordfish4'],
  ['66a-3 with password, letters', 'login as root with password swordfish', 'swordfish'],
  ['66a-3 passwd', 'passwd swordfish7', 'swordfish7'],
  ['66a-3 pipe', 'Password | swordfish6', 'swordfish6'],
  ['66a-3 HTML bold label', '<b>Password</b>: hunter2x', 'hunter2x'],
  ['66a-3 underscores and a dash', '__Password__ — hunter2x', 'hunter2x'],
  ['66a-3 bold label with a word', '**Admin password**: hunter2x', 'hunter2x'],
  ['66a-3 dot leaders', 'Password ........ hunter2x', 'hunter2x'],
  ['66a-3 typo pass word', 'The pass word is swordfish', 'swordfish'],
  ['66a-3 typo p@ssword', 'The p@ssword is swordfish', 'swordfish'],
  ['66a-3 typo passw0rd', 'The passw0rd is swordfish', 'swordfish'],
  ['66a-4 for a list', 'For admin, backup and ops: swordfish3', 'swordfish3'],
  ['66a-4 for the accounts', 'For the admin and ops accounts: swordfish', 'swordfish'],
  ['66a-4 login for a list', 'Login for admin and ops: swordfish', 'swordfish'],
  ['66a-4 accounts and an arrow', 'Accounts admin, ops => swordfish', 'swordfish'],
  ['66a-4 a list of accounts alone', 'admin, backup, ops: swordfish', 'swordfish'],
];

const ACCEPTED: ReadonlyArray<readonly [string]> = [
  ['## Password\nThe password is stored in Vault.'],
  ['## Password policy\nAt least 12 characters.'],
  ['password:\n  description: the admin password'],
  ['## Password\nAsk ops.'],
  ['# Password\nSee the vault for it.'],
  ['## Password\nOverview'],
  ['## Password\n\nrequired'],
  ['Password:\n********'],
  ['Password:\nhttps://vault.example.com/ui/vault/secrets/kv2'],
  ['Password\n--------\nThe password lives in Vault.'],
  ['Boarding pass:\nA12345'],
  ['Set the password to something strong.'],
  ['Set the password for admin to expire in 90 days.'],
  ['Change the password to a new one every 90 days.'],
  ['Reset the password to the default.'],
  ['Use the password manager for the password.'],
  ['Use the same password as for Grafana.'],
  ['Password changed to a stronger one.'],
  ['Enter your email when asked for the password.'],
  ['Sign in with SSO/SAML.'],
  ['Log in with SSO / SAML.'],
  ['Log in with https://grafana.example.com:3000/login'],
  ['The default password (admin) must be changed.'],
  ['The password (if any) is optional.'],
  ['The password (SHA-256) is stored.'],
  ['The password you need is in the vault.'],
  ["The password's in the vault."],
  ["The password's length is 12."],
  ['The password? Ask ops.'],
  ['The password? It is in the vault.'],
  ['The password is... somewhere in Vault.'],
  ['The password is [REDACTED]'],
  ['The password is [PASSWORD]'],
  ['The root password, as noted, must be rotated.'],
  ['login as root with password authentication disabled'],
  ['passwd root'],
  ['passwd -l root'],
  ['Run passwd to change it.'],
  ['| Password | Description |'],
  ['**Password**: see the vault'],
  ['**Password**: required'],
  ['For admin, backup and ops: see the vault.'],
  ['For the admin and ops accounts: see below.'],
  ['For root and admin: use the vault entry k3s-admin.'],
  ['For amd64 and arm64: linux-amd64.tar.gz'],
  ['For dev and prod: v1.30.4+k3s1'],
  ['For example, dev and prod: kubectl'],
  ['For details, see docs and wiki: https://wiki.example.com'],
  ['admin, backup, ops: enabled'],
  ['root, admin: disabled'],
  ['admin, ops: Grafana'],
];

describe('66a-1..4: a password in these prose forms is refused at every door, never shown', () => {
  test.each(SECRETS)('ConfigMap: %s', (_, text, secret) => refusedEverywhere(configMap(text), 'extraObjects[0].data', secret));
  test.each(SECRETS)('env value: %s', (_, text, secret) => refusedEverywhere(env(text), 'env[0].value', secret));
});

describe('66a-1..4: the neighbours that say no password stay accepted', () => {
  test.each(ACCEPTED)('ConfigMap: %s', (text) => acceptedEverywhere(configMap(text)));
  test.each(ACCEPTED)('env value: %s', (text) => acceptedEverywhere(env(text)));
});

describe('66a-10: npm run new --from refuses a comment that says a password these ways, and copies nothing', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'k3s-vip-p66a-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const BASE =
    'kubeVip:\n  version: v1.2.3\n  interface: eth0\n  controlPlane:\n    address: 192.168.0.40\ntraefik:\n  loadBalancerIPs: [192.168.0.41]\n';
  test.each([
    ['a value below its label', '# Grafana admin password:\n# Tr0ub4dor\n', 'Tr0ub4dor'],
    ['you need is', '# The password you need is hunter2\n', 'hunter2'],
  ])('%s', (_, comment, secret) => {
    const configDir = join(root, 'config');
    mkdirSync(configDir);
    writeFileSync(join(configDir, 'src.yaml'), `${comment}${BASE}`);
    const lines: string[] = [];
    const code = newCluster(['n2', '--from', 'src'], {
      configDir,
      schemaFile: join(root, 'config.schema.json'),
      log: (line) => lines.push(line),
    });
    expect(code).toBe(1);
    expect(lines.join('\n')).not.toContain(secret);
    expect(existsSync(join(configDir, 'n2.yaml'))).toBe(false);
  });
});
