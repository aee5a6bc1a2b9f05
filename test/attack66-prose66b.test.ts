// Round 66 (prose66b): 66a-5 (a password after its label in more languages: Polish, Russian, Japanese, Chinese, Korean,
// Hebrew, Thai, Turkish without a colon) is refused at every door, named by key path, never shown; 66a-14/15 (notes in
// other languages and in English that say where a password is kept or what rule it follows) pass as the English ones
// do; 66a-12 (a one-line text with or without its final newline gets one verdict, never "multi-line text").
import { acceptedEverywhere, refusedEverywhere } from './secret-doors';
import { valuesDoors } from './helpers';

const configMap = (text: string) => ({
  extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app', namespace: 'default' }, data: { note: text } }],
});
const env = (text: string) => ({ env: [{ name: 'NOTE', value: text }] });

// [row, the text, the secret it holds (never shown)]
const SECRETS: ReadonlyArray<readonly [string, string, string]> = [
  ['66a-5 Polish to', 'Hasło to rekin', 'rekin'],
  ['66a-5 Polish to, digits', 'hasło to Rekin123', 'Rekin123'],
  ['66a-5 Russian, for what, dash', 'пароль от вайфая — акула', 'акула'],
  ['66a-5 Russian bare', 'пароль акула', 'акула'],
  ['66a-5 Russian, for what, colon', 'Пароль от wifi: акула', 'акула'],
  ['66a-5 Russian dash', 'пароль — акула', 'акула'],
  ['66a-5 Russian это', 'пароль это акула', 'акула'],
  ['66a-5 Russian for root', 'Пароль от root: hunter2x', 'hunter2x'],
  ['66a-5 neighbour: Russian colon, letters and digits', 'Пароль: акула1x', 'акула1x'],
  ['66a-5 Japanese は … です', 'パスワードは sakana です', 'sakana'],
  ['66a-5 Japanese colon', 'パスワード: hunter2', 'hunter2'],
  ['66a-5 Japanese full-width colon', 'パスワード：hunter2', 'hunter2'],
  ['66a-5 Chinese 是', '密码是 shayu', 'shayu'],
  ['66a-5 Chinese 为, traditional', '密碼是 shayu', 'shayu'],
  ['66a-5 Korean 는 … 입니다', '비밀번호는 sangeo 입니다', 'sangeo'],
  ['66a-5 Hebrew היא', 'הסיסמה היא karish', 'karish'],
  ['66a-5 Thai คือ', 'รหัสผ่านคือ chalam', 'chalam'],
  ['66a-5 Turkish without a colon', 'Şifre kopekbaligi', 'kopekbaligi'],
  ['66a-5 Turkish in ASCII', 'Parola kopekbaligi', 'kopekbaligi'],
  ['66a-15 neighbour: a word after a count', 'Password: 16+ swordfish', 'swordfish'],
  ['66a-15 neighbour: use and a passphrase', 'passphrase: use correct horse battery staple', 'correct horse battery staple'],
];

const ACCEPTED: ReadonlyArray<readonly [string]> = [
  // 66a-14: where a password is kept, or its rule, in other languages.
  ['Пароль: смотрите в Vault'],
  ['Hasło: w sejfie'],
  ['Senha: no cofre'],
  ['Wachtwoord: zie Bitwarden'],
  ['Lösenord: se Bitwarden'],
  ['Salasana on holvissa.'],
  ['Passwort: mindestens 12 Zeichen.'],
  ['Contraseña: mínimo 12 caracteres.'],
  // 66a-15: English notes under a label.
  ['Password: 16+ chars.'],
  ['Password: see 1Password entry "k3s".'],
  ['passphrase: use four random words'],
  ['Secret: traefik-dashboard-auth (created by hand)'],
  // Neighbours of the new reader: a sentence after the label, a heading, a rule in the language's own script.
  ['Пароль администратора: смотрите в Vault'],
  ['Пароль обязателен.'],
  ['пароль хранится в Vault'],
  ['Пароль пользователя'],
  ['Пароль — в 1Password'],
  ['Пароль: см. Vault'],
  ['Şifre gerekli'],
  ['Parola chiave'],
  ['パスワードは8文字以上です'],
  ['パスワードは Vault にあります'],
  ['密码是必填项'],
  ['비밀번호는 필수입니다'],
  ['Hasło to w sejfie'],
  ['Hasło jest wymagane'],
  ['Mot de passe : voir le coffre'],
  ['Contraseña: ver Bitwarden'],
];

describe('66a-5: a password after its label in more languages is refused at every door, never shown', () => {
  test.each(SECRETS)('ConfigMap: %s', (_, text, secret) => refusedEverywhere(configMap(text), 'extraObjects[0].data', secret));
  test.each(SECRETS)('ConfigMap, final newline: %s', (_, text, secret) =>
    refusedEverywhere(configMap(`${text}\n`), 'extraObjects[0].data', secret),
  );
  test.each(SECRETS)('env value: %s', (_, text, secret) => refusedEverywhere(env(text), 'env[0].value', secret));
});

describe('66a-14/15: notes on where a password is kept or its rule stay accepted', () => {
  test.each(ACCEPTED)('ConfigMap: %s', (text) => acceptedEverywhere(configMap(text)));
  test.each(ACCEPTED)('ConfigMap, final newline: %s', (text) => acceptedEverywhere(configMap(`${text}\n`)));
  test.each(ACCEPTED)('env value: %s', (text) => acceptedEverywhere(env(text)));
});

describe('66a-12: one line with or without its final newline gets one verdict, never called multi-line', () => {
  test.each([
    ['Пароль: акула1x', 'акула1x'],
    ['Password: hunter2x', 'hunter2x'],
  ])('%s', (text, secret) => {
    const message = valuesDoors.config(configMap(`${text}\n`));
    expect(message).toContain('extraObjects[0].data');
    expect(message).not.toContain('multi-line text');
    expect(message.toLowerCase()).not.toContain(secret.toLowerCase());
  });
});
