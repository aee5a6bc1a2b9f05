// Round 65 (prose65b): 65a-3 (a dictionary word after the newer labels: an arrow or a dash, `use X as the password`,
// `set the password to X`, the line below `Password for root:` even after a blank line, `pw X`, `pwd X`, `login
// admin:X`, `SSID: home` and `Key: X` below it, an account list `for admin, backup and ops:`), 65a-4 (a dictionary word
// after the Czech, Italian, Finnish, Danish, Indonesian, Vietnamese, Greek, Arabic and Hindi labels), 65a-5 (an unquoted
// passphrase of words) and 65a-15 (the value in Markdown emphasis or a bracket, a lone table row) are refused at every
// door, named by key path, never shown. Their neighbours (a heading, a key below, a setting's words, a sentence about the
// password, a placeholder in a bracket) pass.
import { labelledPasswordSpans } from '../src/core/labelled-password-values';
import { acceptedEverywhere, refusedEverywhere } from './secret-doors';

const configMap = (text: string) => ({
  extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app', namespace: 'default' }, data: { note: text } }],
});

// [row, the text, the secret it holds (never shown)]
const SECRETS: ReadonlyArray<readonly [string, string, string]> = [
  ['65a-3 arrow ->', 'password -> sunflower', 'sunflower'],
  ['65a-3 arrow →', 'password → swordfish', 'swordfish'],
  ['65a-3 dash after an account', 'Password for root - swordfish', 'swordfish'],
  ['65a-3 em dash', 'admin password — swordfish', 'swordfish'],
  ['65a-3 use X as the password', 'use swordfish as the password', 'swordfish'],
  ['65a-3 set the password to X', 'set the password to swordfish', 'swordfish'],
  ['65a-3 the line below', 'Password for root:\nswordfish', 'swordfish'],
  ['65a-3 the line below, indented', 'Password for root:\n  swordfish', 'swordfish'],
  ['65a-3 a blank line between', 'Password for root:\n\n  sunflower', 'sunflower'],
  ['65a-3 pw X', 'pw swordfish', 'swordfish'],
  ['65a-3 pwd X', 'pwd swordfish', 'swordfish'],
  ['65a-3 - NAS: pw X', '- NAS: pw swordfish', 'swordfish'],
  ['65a-3 login admin:X', 'login admin:swordfish', 'swordfish'],
  ['65a-3 SSID, Key below', 'SSID: home\nKey: sunflower', 'sunflower'],
  ['65a-3 accounts listed', 'Password for admin, backup and ops: sunflower', 'sunflower'],
  ['65a-4 Czech', 'heslo je dracek', 'dracek'],
  ['65a-4 Czech for root', 'Heslo pro root je dracek', 'dracek'],
  ['65a-4 Italian', 'la password è dragone', 'dragone'],
  ['65a-4 Italian of root', 'La password di root è dragone', 'dragone'],
  ['65a-4 Finnish', 'salasana on lohikaarme', 'lohikaarme'],
  ['65a-4 Danish', 'adgangskoden er dragefly', 'dragefly'],
  ['65a-4 Indonesian', 'kata sandi adalah harimau', 'harimau'],
  ['65a-4 Vietnamese', 'mật khẩu là conrong', 'conrong'],
  ['65a-4 Greek', 'ο κωδικός είναι δράκος', 'δράκος'],
  ['65a-4 Arabic', 'كلمة المرور هي برتقالة', 'برتقالة'],
  ['65a-4 Hindi', 'पासवर्ड ड्रैगन है', 'ड्रैगन'],
  ['65a-4 Russian dash', 'пароль — драконы', 'драконы'],
  ['65a-5 Wi-Fi passphrase', 'The Wi-Fi passphrase is purple monkey dishwasher', 'purple monkey dishwasher'],
  ['65a-5 passphrase', 'The passphrase is correct horse battery staple', 'correct horse battery staple'],
  ['65a-5 hyphens', 'The passphrase is correct-horse-battery-staple', 'correct-horse-battery-staple'],
  ['65a-5 after an account', 'Password for root: correct horse battery staple', 'correct horse battery staple'],
  ['65a-5 my password is', 'my password is purple monkey dishwasher.', 'purple monkey dishwasher'],
  ['65a-15 bold', 'The password is **Xk9mQ2pL7v**', 'Xk9mQ2pL7v'],
  ['65a-15 italic', 'The password is *Xk9mQ2pL7v*', 'Xk9mQ2pL7v'],
  ['65a-15 underscores', 'The password is _swordfish_', 'swordfish'],
  ['65a-15 round bracket', 'The password is (Xk9mQ2pL7v)', 'Xk9mQ2pL7v'],
  ['65a-15 square bracket', 'The password is [Xk9mQ2pL7v]', 'Xk9mQ2pL7v'],
  ['65a-15 curly bracket', 'The password is {Xk9mQ2pL7v}', 'Xk9mQ2pL7v'],
  ['65a-15 a lone table row', '| Password | **Xk9mQ2pL7v** |', 'Xk9mQ2pL7v'],
  ['first word of a sentence', 'the password is swordfish and the user is bob', 'swordfish'],
];

const ACCEPTED: ReadonlyArray<readonly [string]> = [
  ['Password — Requirements'],
  ['Password — Requirements and Rules'],
  ['Password for root:\n  description: the root account'],
  ['Password for root:\n\nRequirements'],
  ['notes: password reset/flow'],
  ['notes: password reset'],
  ['use the vault as the password store'],
  ['The password is stored in the vault'],
  ['The password is the one from onboarding'],
  ['The password is at least 12 characters long'],
  ['Password for root: ask the on-call engineer'],
  ['The passphrase is in 1Password under "nas"'],
  ['The password is up-to-date'],
  ['The password is {password}'],
  ['The password is [REDACTED]'],
  ['The password is (see vault)'],
  ['The password is <your-password>'],
  ['The password is (optional)'],
  ['| password | string | "" | The password |'],
  ['interface Login { user: string; password: string }'],
  ['Wi-Fi: GuestNet / open'],
  ['cd /srv && pwd'],
  ['echo "$(pwd) is here"'],
  ['pw reset flow'],
  ['ο κωδικός είναι λάθος'],
  ['ο κωδικός είναι υποχρεωτικός'],
  ['كلمة المرور: مطلوبة'],
  ['पासवर्ड गलत है'],
  ['пароль — неверный'],
  ['the password is swordfish-encoded'.replace('swordfish', 'Base64')],
  ['Password for admin, backup and ops: see the runbook'],
  ['Use the pwd command.'],
  ['Note: pass arguments.'],
  ['Alternative: pass `method` as a parameter'],
  ['hashing: password -> bcrypt'],
  ['Account → Password → Settings'],
  ['network: bridge\nkey: certificate'],
];

// Neighbours this finder must leave (another reader may judge them: a fetchmail poll line's `username … password`).
const FINDER_ACCEPTED: ReadonlyArray<readonly [string]> = [['The URL holds the username and password separated\nby a colon.']];

describe('65a-3/4/5/15: the finder reads the value', () => {
  test.each(SECRETS)('refused: %s', (_, text, secret) => {
    const spans = labelledPasswordSpans(text);
    expect(spans.map(([from, to]) => text.slice(from, to))).toContain(secret);
  });
  test.each([...ACCEPTED, ...FINDER_ACCEPTED])('accepted: %s', (text) => expect(labelledPasswordSpans(text)).toEqual([]));
});

describe('65a-3/4/5/15: such a value is refused at every door, named by key path, never shown', () => {
  test.each(SECRETS)('ConfigMap: %s', (_, text, secret) => refusedEverywhere(configMap(text), 'extraObjects[0].data', secret));
});

describe('65a-3/4/5/15: their neighbours stay accepted', () => {
  test.each(ACCEPTED)('ConfigMap: %s', (text) => acceptedEverywhere(configMap(text)));
});
