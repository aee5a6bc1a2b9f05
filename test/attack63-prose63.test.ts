// Round 63 (prose63): 63a-1, 63a-2, 63a-3 (a password in prose after a label that names it, with punctuation, a word and
// digits, quoted, a numeric Wi-Fi key in groups, Turkish/Swedish labels, a value far after its label, `deploy / X`) are
// refused at every door (a ConfigMap in extraObjects, an env value, a Service annotation, the write gate), named by key
// path, never shown; 63a-12 and 63a-14 (a German/Spanish policy, hint or pointer; a branch or an image path after an
// account name) stay accepted, as their English neighbours do.
import { acceptedEverywhere, refusedEverywhere } from './secret-doors';

const configMap = (text: string) => ({
  extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app', namespace: 'default' }, data: { note: text } }],
});
const env = (text: string) => ({ env: [{ name: 'NOTE', value: text }] });
const annotation = (text: string) => ({ service: { annotations: { 'example.com/note': text } } });

// [row, the text, the secret it holds (never shown)]
const SECRETS: ReadonlyArray<readonly [string, string, string]> = [
  ['the password is "…" (quoted, symbol)', 'the password is "Summer2024!x"', 'Summer2024!x'],
  ['The admin password is …!', 'The admin password is Summer2024!x', 'Summer2024!x'],
  ['Password for root is …&…', 'Password for root is Tr0ub4dor&3xQ', 'Tr0ub4dor&3xQ'],
  ['WLAN key: …&…', 'WLAN key: Tr0ub4dor&3xQ', 'Tr0ub4dor&3xQ'],
  ['… is the root pw', 'Tr0ub4dor&3xQ is the root pw', 'Tr0ub4dor&3xQ'],
  ['admin / …&…', 'admin / Tr0ub4dor&3xQ', 'Tr0ub4dor&3xQ'],
  ['Username admin, password …', 'Username admin, password Tr0ub4dor&3xQ', 'Tr0ub4dor&3xQ'],
  ['WLAN key: dashed', 'WLAN key: xK9m-Q2vL-7pZr', 'xK9m-Q2vL-7pZr'],
  ['admin / …-prod', 'admin / xK9mQ2vL7pZr-prod', 'xK9mQ2vL7pZr'],
  ['Passwort für root lautet …', 'Das Passwort für root lautet xK9m!Q2vL7pZr', 'xK9m!Q2vL7pZr'],
  ['word and digits', 'Password for root is bluefalcon88', 'bluefalcon88'],
  ['German word and digits', 'Das Passwort für root lautet Sonnenblume77', 'Sonnenblume77'],
  ['Spanish word and digits', 'La contraseña de root es girasol55', 'girasol55'],
  ["root's password is …", "root's password is correcthorse9", 'correcthorse9'],
  ['WLAN-Netzwerkschlüssel groups', 'WLAN-Netzwerkschlüssel: 7391 0452 8816 3307 0415', '7391 0452 8816 3307 0415'],
  ['Wi-Fi password: groups', 'Wi-Fi password: 7391 0452 8816 3307 0415', '7391 0452 8816 3307 0415'],
  ['WLAN key: digits', 'WLAN key: 73910452881633070415', '73910452881633070415'],
  ['Turkish', 'Root şifresi xK9mQ2vL7pZr', 'xK9mQ2vL7pZr'],
  ['Swedish', 'Lösenordet för root är xK9mQ2vL7pZr', 'xK9mQ2vL7pZr'],
  ['far after its label', 'The root password, which you should rotate after the first login to the box, is xK9mQ2vL7pZr', 'xK9mQ2vL7pZr'],
  ['Wi-Fi: HomeNet / …', 'Wi-Fi: HomeNet / xK9mQ2vL7pZr', 'xK9mQ2vL7pZr'],
  ['deploy / …', 'deploy / xK9mQ2vL7pZr', 'xK9mQ2vL7pZr'],
  ['Italian', 'La password di root è girasole31', 'girasole31'],
  ['Dutch', 'Het wachtwoord van root is zonnebloem8', 'zonnebloem8'],
  ['Russian', 'Пароль root: подсолнух77', 'подсолнух77'],
  ['Polish', 'Hasło do WiFi: slonecznik66', 'slonecznik66'],
  ['Root-Kennwort ist …', 'Root-Kennwort ist Pusteblume12', 'Pusteblume12'],
  ['the pass is …', 'the admin login is admin and the pass is hunter22xyz', 'hunter22xyz'],
  ['user root, pw …', 'user root, pw Qazwsx123', 'Qazwsx123'],
  ['login admin pass …', 'login admin pass Zq8vN3kLx', 'Zq8vN3kLx'],
  ['SSID HomeNet, key …', 'SSID HomeNet, key Kiwi-Mango-17', 'Kiwi-Mango-17'],
];

const ACCEPTED: ReadonlyArray<readonly [string]> = [
  ['Passwort-Richtlinie: mindestens 12 Zeichen'],
  ['Passwort-Richtlinie: min. 12 Zeichen, Sonderzeichen'],
  ['Passwort-Hinweis: Lieblingsfarbe'],
  ['Contraseña: ver la bóveda Infra'],
  ['Password-Policy: mindestens 12 Zeichen'],
  ['Password-Hint: favourite colour'],
  ['Password: see 1Password, vault Infra'],
  ['git checkout admin/feat2x3ui4'],
  ['See root/ub22x04lts for the image'],
  ['admin / Grafana10x2 dashboards are read-only'],
  ['see the admin / ops guide'],
  ['WLAN key: see the vault'],
  ['Password for root is kept in 1Password'],
  ['the password is stored in the vault'],
  ['Password for root is ${ROOT_PASSWORD}'],
  ['WLAN key: <your-wifi-key>'],
  ['the password is changed every 90 days'],
  ['Password: required'],
  ['Wi-Fi security: WPA2-PSK, WLAN key: see the router label'],
  ['router admin password = the sticker on the back'],
  ['Password for root is disabled; use sudo'],
  ['the pass is valid for 12 hours'],
  ['password = getpass.getpass()'],
  ['commit a1b2c3d4e5 is the root pw fix'],
  ['Settings are under admin / network / wifi'],
  ['user bob, pw reset required'],
  ['SSID HomeNet, key management WPA2'],
];

describe('63a-1/2/3: a password after a label that names it is refused at every door, never shown', () => {
  test.each(SECRETS)('ConfigMap: %s', (_, text, secret) => refusedEverywhere(configMap(text), 'extraObjects[0].data', secret));
  test.each(SECRETS)('env value: %s', (_, text, secret) => refusedEverywhere(env(text), 'env[0].value', secret));
  test.each(SECRETS)('Service annotation: %s', (_, text, secret) => refusedEverywhere(annotation(text), 'service.annotations', secret));
});

describe('63a-12/14: policies, hints, pointers and paths stay accepted', () => {
  test.each(ACCEPTED)('ConfigMap: %s', (text) => acceptedEverywhere(configMap(text)));
  test.each(ACCEPTED)('env value: %s', (text) => acceptedEverywhere(env(text)));
});
