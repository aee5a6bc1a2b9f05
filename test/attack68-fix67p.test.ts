// Round 68 (fix67p): a blind round's prose findings. 67a-15: Wi-Fi and login shorthand with a dictionary-word password
// (`WLAN: HomeNet, Schlüssel: bananabread`, `user admin / pass swordfish`, `Login with admin and swordfish.`) is refused;
// 67a-18: an open guest network's `Key: open` (`none`, `keine`, `-`) is accepted; 67c-2: `Passwort: mindestens 12
// Zeichen.` is accepted in a text of any size; German `Ändere das Passwort in Swordfish` is refused while an app's name
// after `in` is a place; a passphrase of words on the line below a foreign label is refused, a note there accepted.
// Each refusal at every door, named by key path, never showing the value.
import { acceptedEverywhere, refusedEverywhere } from './secret-doors';
import { labelledPasswordSpans } from '../src/core/labelled-password-values';
import { foreignProsePasswordSpans } from '../src/core/foreign-prose-passwords';
import { wifiKeySpans } from '../src/core/wifi-key-lines';
import { withoutPairsOnLines } from '../src/core/keyed-lines';

const configMap = (text: string) => ({
  extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'notes', namespace: 'default' }, data: { notes: `${text}\n` } }],
});
const env = (text: string) => ({ env: [{ name: 'NOTE', value: text }] });

// [row, the text, the secret it holds (never shown)]
const SECRETS: ReadonlyArray<readonly [string, string, string]> = [
  ['67a-15 WLAN, Schlüssel', 'WLAN: HomeNet, Schlüssel: bananabread', 'bananabread'],
  ['67a-15 WLAN, Schlüssel, no colons', 'WLAN HomeNet, Schlüssel bananabread', 'bananabread'],
  ['67a-15 WLAN / Schlüssel', 'WLAN: HomeNet / Schlüssel: bananabread', 'bananabread'],
  ['67a-15 French clé', 'Wi-Fi: HomeNet, clé : bananabread', 'bananabread'],
  ['67a-15 French réseau', 'Réseau : HomeNet, clé : bananabread', 'bananabread'],
  ['67a-15 French mot de passe', 'Wi-Fi : HomeNet, mot de passe : bananabread', 'bananabread'],
  ['67a-15 control: WiFi key', 'WiFi HomeNet key bananabread', 'bananabread'],
  ['67a-15 user / pass', 'user admin / pass swordfish', 'swordfish'],
  ['67a-15 Benutzer / Passwort', 'Benutzer admin / Passwort swordfish', 'swordfish'],
  ['67a-15 username / password', 'username admin / password swordfish', 'swordfish'],
  ['67a-15 Utilisateur / mot de passe', 'Utilisateur admin / mot de passe swordfish', 'swordfish'],
  ['67a-15 Usuario / contraseña', 'Usuario admin / contraseña swordfish', 'swordfish'],
  ['67a-15 control: login: pass:', 'login: admin pass: swordfish', 'swordfish'],
  ['67a-15 control: creds', 'creds admin/swordfish', 'swordfish'],
  ['67a-15 login with … and', 'Login with admin and swordfish.', 'swordfish'],
  ['67a-15 log in with … and password', 'Log in with admin and password swordfish', 'swordfish'],
  ['67a-15 login with … and, capitalised', 'Login with admin and Swordfish', 'swordfish'],
  ['67a-15 login with … and, a sign', 'Login with admin and Swordfish1!', 'swordfish1!'],
  ['67a-15 sign in with … and', 'Sign in with admin and swordfish.', 'swordfish'],
  ['67a-15 German mit … und', 'Melde dich mit admin und swordfish an.', 'swordfish'],
  ['67a-15 Spanish con … y', 'Inicia sesión con admin y swordfish.', 'swordfish'],
  ['67a-15 French avec … et', 'Connecte-toi avec admin et swordfish.', 'swordfish'],
  ['67a-18 control: an SSID above its key', 'SSID: Guest\nKey: swordfish', 'swordfish'],
  ['67a-18 control: a key that starts with open', 'SSID: Guest\nKey: opensesame', 'opensesame'],
  ['67a-2 German in, capitalised', 'Ändere das Passwort in Swordfish', 'swordfish'],
  ['67a-2 German in, capitalised, stop', 'Ändere das Passwort in Swordfish.', 'swordfish'],
  ['67a-2 German für admin in', 'Ändere das Passwort für admin in Bananabread', 'bananabread'],
  ['67a-2 control: German in, lower case', 'Ändere das Passwort in swordfish', 'swordfish'],
  ['67a-4 German, a passphrase below', 'Passwort:\ncorrect horse battery staple', 'correct horse battery staple'],
  ['67a-4 French, a passphrase below', 'Mot de passe :\nle chat noir dort', 'le chat noir dort'],
  ['67a-4 Spanish, a passphrase below', 'Contraseña:\nel perro come pan', 'el perro come pan'],
  ['67a-4 Kennwort, a passphrase below', 'Kennwort:\nblaue katze tanzt leise', 'blaue katze tanzt leise'],
  ['67a-4 a heading, a blank line', '## Passwort\n\nblaue katze tanzt leise', 'blaue katze tanzt leise'],
  ['67a-4 Polish, a passphrase below', 'Hasło:\nzielony kot tańczy wesoło', 'zielony kot tańczy wesoło'],
];

const ACCEPTED: ReadonlyArray<readonly [string, string]> = [
  ['67a-15 an account', 'Log in with your admin account.'],
  ['67a-15 from the vault', 'user admin / pass from the vault'],
  ['67a-15 from Bitwarden', 'Login with admin and the password from Bitwarden.'],
  ['67a-15 see vault', 'user admin / pass: see vault'],
  ['67a-15 siehe Vault', 'WLAN: HomeNet, Schlüssel: siehe Vault'],
  ['67a-15 on the router', 'WLAN: HomeNet, Schlüssel: auf der Rückseite des Routers'],
  ['67a-15 providers', 'Sign in with GitHub and Google.'],
  ['67a-15 providers, the other way', 'Sign in with Google and GitHub.'],
  ['67a-15 providers in lower case', 'Log in with github and gitlab'],
  ['67a-15 providers, capitalised', 'Sign in with Google and Facebook.'],
  ['67a-15 a verb', 'Log in with admin and continue.'],
  ['67a-15 a clause', 'Log in with admin and check the dashboard.'],
  ['67a-15 acronyms', 'Log in with SSO and MFA.'],
  ['67a-15 the fields', 'Login with username and password.'],
  ['67a-15 two accounts', 'Sign in with admin and ops accounts.'],
  ['67a-15 then', 'Log in with admin and then run kubectl.'],
  ['67a-15 German, two accounts', 'Melde dich mit admin und root an.'],
  ['67a-18 open', 'SSID: Guest\nKey: open'],
  ['67a-18 none', 'SSID: Guest\nKey: none'],
  ['67a-18 (none)', 'SSID: Guest\nKey: (none)'],
  ['67a-18 a dash', 'SSID: Guest\nKey: -'],
  ['67a-18 keine', 'SSID: Guest\nKey: keine'],
  ['67a-18 n/a', 'SSID: Guest\nKey: n/a'],
  ['67a-18 offen', 'SSID: Guest\nKey: offen'],
  ['67a-18 one line', 'SSID: Guest / Key: open'],
  ['67a-18 German', 'WLAN: Gast, Schlüssel: keine'],
  ['67a-18 French', 'Wi-Fi: Invités, clé : aucune'],
  ['67a-18 German, below', 'SSID: Gast\nSchlüssel: offen'],
  ['67a-18 passphrase none', 'Network: Guest, Passphrase: none'],
  ['67a-18 a network key label', 'WLAN-Schlüssel: keiner'],
  ['67a-2 Bitwarden', 'Das Passwort steht in Bitwarden.'],
  ['67a-2 KeePass', 'Passwort liegt in KeePass'],
  ['67a-2 Grafana', 'Ändere das Passwort in Grafana.'],
  ['67a-2 GitLab', 'Ändere das Passwort in GitLab'],
  ['67a-2 Keycloak', 'Ändere das Passwort in Keycloak.'],
  ['67a-2 LDAP', 'Ändere das Passwort in LDAP.'],
  ['67a-2 Vault', 'Ändere das Passwort in Vault.'],
  ['67a-2 in the future', 'Ändere das Passwort in Zukunft regelmäßig.'],
  ['67a-2 in the web UI', 'Ändere das Passwort in der Weboberfläche.'],
  ['67a-4 siehe Vault', 'Passwort:\nsiehe Vault'],
  ['67a-4 in the safe', 'Passwort:\nliegt im tresor'],
  ['67a-4 a rule', 'Passwort:\nmindestens zwölf zeichen lang'],
  ['67a-4 sent by mail', 'Passwort:\nwird per mail verschickt'],
  ['67a-4 ask the admin', 'Passwort:\nbitte beim admin erfragen'],
  ['67a-4 in the wiki', 'Passwort:\nsteht im wiki'],
  ['67a-4 the usual', 'Passwort:\ndas übliche vom team'],
  ['67a-4 French, ask the team', "Mot de passe :\ndemander à l'équipe infra"],
  ['67a-4 French, see support', 'Mot de passe :\nvoir avec le support'],
  ['67a-4 Spanish, ask the team', 'Contraseña:\npedir al equipo de sistemas'],
];

describe('67a-15, 67a-2, 67a-4: a password in this shorthand is refused at every door, never shown', () => {
  test.each(SECRETS)('ConfigMap: %s', (_, text, secret) => refusedEverywhere(configMap(text), 'extraObjects[0].data', secret));
  test.each(SECRETS)('env value: %s', (_, text, secret) => refusedEverywhere(env(text), 'env[0].value', secret));
});

describe('67a-15, 67a-18, 67a-2, 67a-4: notes that give no password stay accepted', () => {
  test.each(ACCEPTED)('ConfigMap: %s', (_, text) => acceptedEverywhere(configMap(text)));
  test.each(ACCEPTED)('env value: %s', (_, text) => acceptedEverywhere(env(text)));
});

/** `line` in the middle of a YAML-shaped note of about `size` characters (`Hinweis: …` lines, read as data too). */
function noteOf(size: number, line: string): string {
  const filler = 'Hinweis: der Cluster hat drei Knoten.\n'.repeat(Math.ceil(size / 2 / 38));
  return `${filler}${line}\n${filler}`;
}

// 67c-2: the data reading left the line reader's verdict on a `key: value` line only in texts up to 256 KiB.
describe('67c-2: the verdict on a line does not depend on the size of its text', () => {
  test.each([2_000, 300_000])(
    'a rule under `Passwort:` is accepted in a text of %i characters',
    (size) => acceptedEverywhere(configMap(noteOf(size, 'Passwort: mindestens 12 Zeichen.'))),
    60_000,
  );
  test.each([2_000, 300_000])(
    'a password under `Passwort:` is refused in a text of %i characters',
    (size) => refusedEverywhere(configMap(noteOf(size, 'Passwort: swordfish')), 'extraObjects[0].data', 'swordfish'),
    60_000,
  );
});

/**
 * The least CPU time of three readings of `text` by `read`, in milliseconds (after one reading of a short text): this
 * process's own time, which other jobs on a busy machine do not add to as they do to the clock's.
 */
function fastest(read: (text: string) => unknown, text: string): number {
  read(text.slice(0, 1000));
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const start = process.cpuUsage();
    read(text);
    const spent = process.cpuUsage(start);
    best = Math.min(best, (spent.user + spent.system) / 1000);
  }
  return best;
}

const hundredKB = (piece: string) => piece.repeat(Math.ceil(100_000 / piece.length));
const HOSTILE: ReadonlyArray<readonly [string, string]> = [
  ['user / pass', hundredKB('user admin / pass ')],
  ['login with … and', hundredKB('Log in with admin and the password ')],
  ['WLAN, Schlüssel', hundredKB('WLAN: x, Schlüssel: ')],
  ['SSID and an open key', hundredKB('SSID: a\nKey: open\n')],
  ['German in', hundredKB('Ändere das Passwort in ')],
  ['words below a label', hundredKB('Passwort:\nab cd ef gh ij kl mn op qr\n')],
  ['one long line of words below a label', `Mot de passe :\n${hundredKB('ab ')}`],
];

describe('the readers stay linear: 100 kB of each hostile shape in under 2 s (a quadratic reading takes minutes; speed itself is the bench)', () => {
  test.each(HOSTILE)('%s', (_, text) => {
    for (const read of [labelledPasswordSpans, foreignProsePasswordSpans, wifiKeySpans]) expect(fastest(read, text)).toBeLessThan(2_000);
  });
  test('the pairs of a 100 kB text of `key: value` lines', () => {
    const text = hundredKB('Passwort: mindestens 12 Zeichen.\n');
    const found = [{ path: ['Passwort'], value: 'mindestens 12 Zeichen.', what: 'w' }];
    expect(fastest((t) => withoutPairsOnLines(t, found, true, 'w'), text)).toBeLessThan(2_000);
  });
});
