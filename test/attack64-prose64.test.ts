// Round 64 (prose64): 64a-1 and 64a-2 (a password in prose after a label: a dictionary word after `the password is`,
// `NAS pw is`, `pw for the NAS:`, an arrow or a dash, `was`, `set … to`, `use … as the password`, a label with several
// words for its account, an HTML tag, a value on the line below, a quoted or unquoted passphrase, `login admin:X`,
// `Wi-Fi: Net / digits`, and Italian, Czech, Finnish, Arabic, Greek, Hindi, Vietnamese, Indonesian, Danish and Romanian
// labels) are refused at every door (a ConfigMap in extraObjects, an env value; the config, K3sVipCluster,
// TraefikHelmChartConfig and the write gate), named by key path, never shown; 64a-3: such a value in a first-class key
// (ingresses[0].host, ingresses[0].service, kubeVip.interface) is blanked in its message, a lower-cased copy too. Their
// neighbours (a sentence about the password: `is incorrect`, `is rotated monthly`, `Das Passwort ist falsch`) pass.
import { acceptedEverywhere, refusedEverywhere } from './secret-doors';
import { configErrors, devConfig, withChanges } from './helpers';

const configMap = (text: string) => ({
  extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app', namespace: 'default' }, data: { note: text } }],
});
const env = (text: string) => ({ env: [{ name: 'NOTE', value: text }] });

// [row, the text, the secret it holds (never shown)]
const SECRETS: ReadonlyArray<readonly [string, string, string]> = [
  ['the password is <word>', 'the password is swordfish', 'swordfish'],
  ['The password is <word>.', 'The password is swordfish.', 'swordfish'],
  ['admin password is <word>', 'admin password is letmein', 'letmein'],
  ['NAS pw is <word+digit>', 'NAS pw is hunter2', 'hunter2'],
  ['capitalised word', 'The password is Swordfish', 'Swordfish'],
  ['German word', 'Das Passwort ist schmetterling', 'schmetterling'],
  ['pw for the NAS:', 'pw for the NAS: Hx7kR3mWq9', 'Hx7kR3mWq9'],
  ['password for the backup NAS is', 'password for the backup NAS is Xk4mP9wQb5', 'Xk4mP9wQb5'],
  ['password →', 'password → Xk4mP9wQb1', 'Xk4mP9wQb1'],
  ['Password -', 'Password - Xk4mP9wQc1', 'Xk4mP9wQc1'],
  ['Password —', 'Password — Xk4mP9wQc2', 'Xk4mP9wQc2'],
  ['the password was', 'the password was Xk4mP9wQc3', 'Xk4mP9wQc3'],
  ['I set the password to', 'I set the password to Xk4mP9wQc4', 'Xk4mP9wQc4'],
  ['use X as the password', 'use Xk4mP9wQc6 as the password', 'Xk4mP9wQc6'],
  ['password for user admin on an IP is', 'The password for user admin on 192.168.0.1 is Xk4mP9wQh5', 'Xk4mP9wQh5'],
  ['HTML', '<p>The password is <b>Xk4mP9wQe1</b></p>', 'Xk4mP9wQe1'],
  ['- NAS: pw', '- NAS: pw Xk4mP9wQe4', 'Xk4mP9wQe4'],
  ['passcode is', 'passcode is Xk4mP9wQf1', 'Xk4mP9wQf1'],
  ['login is admin/…', 'The admin login is admin/Xk4mP9wQf2', 'Xk4mP9wQf2'],
  ['login admin:…', 'login admin:Xk4mP9wQf3', 'Xk4mP9wQf3'],
  ['value on the line below', 'Password for root:\n\nXk4mP9wQh1', 'Xk4mP9wQh1'],
  ['quoted passphrase', 'the password is "correct horse battery staple"', 'correct horse battery staple'],
  ['WLAN passphrase and number', 'WLAN key: Sonnenblume Regen Fahrrad 42', 'Sonnenblume Regen Fahrrad 42'],
  ['Wi-Fi: Net / digits', 'Wi-Fi: GuestNet / 73910452883612', '73910452883612'],
  ['SSID: Net, Key: on the line below', 'SSID: HomeNet\nKey: Xk4mP9wQh2', 'Xk4mP9wQh2'],
  ['Network: Net, Passphrase', 'Network: HomeNet, Passphrase Xk4mP9wQh3', 'Xk4mP9wQh3'],
  ['Italian per', 'la password per admin è Hn5kR2wPz8', 'Hn5kR2wPz8'],
  ["Italian dell'", "password dell'admin: Hq5kR2wPz8", 'Hq5kR2wPz8'],
  ["Italian parola d'ordine", "La parola d'ordine è Hw5kR2wPz8", 'Hw5kR2wPz8'],
  ['Czech', 'Heslo k routeru je Xk4mP9wQz2', 'Xk4mP9wQz2'],
  ['Finnish', 'Salasana on Xk4mP9wQz3', 'Xk4mP9wQz3'],
  ['Arabic', 'كلمة المرور: Xk4mP9wQz5', 'Xk4mP9wQz5'],
  ['Greek', 'Ο κωδικός είναι Xk4mP9wQz6', 'Xk4mP9wQz6'],
  ['Hindi', 'पासवर्ड है Xk4mP9wQz8', 'Xk4mP9wQz8'],
  ['Vietnamese', 'Mật khẩu là Xk4mP9wQz9', 'Xk4mP9wQz9'],
  ['Indonesian', 'Kata sandi: Xk4mP9wQa1', 'Xk4mP9wQa1'],
  ['Danish', 'Adgangskoden er Xk4mP9wQa2', 'Xk4mP9wQa2'],
  ['Romanian', 'Parola este Xk4mP9wQa5', 'Xk4mP9wQa5'],
];

const ACCEPTED: ReadonlyArray<readonly [string]> = [
  ['the password is incorrect'],
  ['Your password is invalid.'],
  ['the password is required'],
  ['the password is rotated monthly'],
  ['The password is managed by Vault'],
  ['the password is changed every 90 days'],
  ['the password is too short'],
  ['the password is not set'],
  ['the password was reset yesterday'],
  ['Password - see the vault'],
  ['password → stored in 1Password'],
  ['Das Passwort ist falsch'],
  ['Das Passwort ist abgelaufen'],
  ['Le mot de passe est incorrect'],
  ['La contraseña es incorrecta'],
  ['La password è errata'],
  ['Het wachtwoord is onjuist'],
  ['the password is "see the vault"'],
  ['notes: password reset/change flow'],
  ['I set the password to expire after 90 days'],
  ['login admin: see the runbook'],
  ['db.connect(user=user, password=password)'],
  ['Wi-Fi: GuestNet / open network'],
  ['WLAN key: see the label on the router'],
  ['كلمة المرور: كلمة المرور'],
  ['The password is Base64-encoded in the Secret.'],
  ['The password is AES-256-encrypted at rest.'],
  ['The password is 16 characters long.'],
  ['Password on request'],
  ['Das Passwort für root lautet: deaktiviert'],
  ["The password is 'changeme' until first login."],
  ['Password — Requirements'],
  ['the passphrase is whatever you chose'],
  ['the password was forgotten'],
  ['Salasana on väärä'],
];

describe('64a-1/2: a password after a label that names it is refused at every door, never shown', () => {
  test.each(SECRETS)('ConfigMap: %s', (_, text, secret) => refusedEverywhere(configMap(text), 'extraObjects[0].data', secret));
  test.each(SECRETS)('env value: %s', (_, text, secret) => refusedEverywhere(env(text), 'env[0].value', secret));
});

describe('64a-1: sentences about a password stay accepted', () => {
  test.each(ACCEPTED)('ConfigMap: %s', (text) => acceptedEverywhere(configMap(text)));
  test.each(ACCEPTED)('env value: %s', (text) => acceptedEverywhere(env(text)));
});

describe('64a-3: a first-class key holding such a value shows no copy of it', () => {
  const fields: ReadonlyArray<readonly [string, (text: string) => unknown, string]> = [
    [
      'ingresses[0].host',
      (text) => ({ ingresses: [{ name: 'web', namespace: 'default', host: text, path: '/', service: 'web', port: 80 }] }),
      'ingresses[0].host',
    ],
    [
      'ingresses[0].service',
      (text) => ({ ingresses: [{ name: 'web', namespace: 'default', host: 'k3s.example.com', path: '/', service: text, port: 80 }] }),
      'ingresses[0].service',
    ],
  ];
  test.each(
    fields.flatMap(([name, change, where]) =>
      SECRETS.filter((row) => /\d/.test(row[2]))
        .slice(0, 12)
        .map((row) => [name, row[1], row[2], change, where] as const),
    ),
  )('%s: %s', (_, text, secret, change, where) => {
    const errors = configErrors(withChanges(devConfig(), change(text) as never)).filter((line) => line.includes(where));
    expect(errors.length).toBeGreaterThan(0);
    for (const line of errors) expect(line.toLowerCase()).not.toContain(secret.toLowerCase());
  });
  test.each(SECRETS.filter((row) => /\d/.test(row[2])).slice(0, 12))('kubeVip.interface: %s', (_, text, secret) => {
    const errors = configErrors(withChanges(devConfig(), { kubeVip: { interface: text } } as never));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n').toLowerCase()).not.toContain(secret.toLowerCase());
  });
  test('a plain wrong host is still shown', () => {
    const errors = configErrors(
      withChanges(devConfig(), {
        ingresses: [{ name: 'web', namespace: 'default', host: 'not a host', path: '/', service: 'web', port: 80 }],
      } as never),
    );
    expect(errors.join('\n')).toContain('not a host');
  });
});
