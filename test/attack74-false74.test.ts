import { secretsInData } from '../src/core/secrets';
import { acceptedEverywhere, refusedEverywhere } from './secret-doors';
import { cpuMillisSince } from './cpu-time';

/**
 * Round 74 (false74): false refusals of attack74a. 74a-2, 74a-3, 74a-17: message catalogues (Android strings.xml, i18n
 * JSON, Rails YAML) whose values are the secret's name in words, in the languages the word tables know, with a label's
 * words and punctuation (full-width, typographic). Each passing row has the nearest real secret beside it, refused.
 */
const PASSWORD = 'Tr0ub4dor&3xQz';
const GENERATED = 'Xq7mP2vL9kRtWn4bYcAHd';
/** A ConfigMap in `extraObjects` whose data key `name` holds `text`, as the findings' harness writes it. */
const file = (name: string, text: string) => ({
  extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'notes', namespace: 'kube-system' }, data: { [name]: text } }],
});
const strings = (rows: string) => `<?xml version="1.0" encoding="utf-8"?>\n<resources>\n${rows}</resources>\n`;

describe('74a-2: Android strings.xml labels pass', () => {
  it.each([
    [
      'the finding',
      strings(
        '    <string name="app_name">Shop</string>\n    <string name="password">Password</string>\n    <string name="prompt_password">Passwort</string>\n' +
          '    <string name="api_key_label">API-Schlüssel</string>\n    <string name="token">Jeton d\\\'accès</string>\n    <string name="secret">Secreto</string>\n',
      ),
    ],
    [
      'the second file',
      strings(
        '  <string name="password">密码</string>\n  <string name="password_hint">Mindestens 8 Zeichen</string>\n  <string name="error_invalid_password">Passwort ungültig</string>\n' +
          '  <string name="action_show_password">Passwort anzeigen</string>\n  <string name="secret_question">Geheimfrage</string>\n',
      ),
    ],
    [
      'a label then a key label',
      strings('  <string name="prompt_password">Passwort</string>\n  <string name="api_key_label">API-Schlüssel</string>\n'),
    ],
  ])('%s', (_, text) => acceptedEverywhere(file('strings.xml', text)));

  it.each([
    ['a password under a label name', strings(`  <string name="prompt_password">${PASSWORD}</string>\n`), PASSWORD],
    ['a generated key under the key label', strings(`  <string name="api_key_label">${GENERATED}</string>\n`), GENERATED],
    ['a label then a password', strings(`  <string name="prompt_password">Passwort ${PASSWORD}</string>\n`), PASSWORD],
  ])('%s is refused', (_, text, secret) => refusedEverywhere(file('strings.xml', text), 'data["strings.xml"]', secret));
});

describe('74a-3: i18n JSON catalogues pass', () => {
  it.each([
    ['Japanese secret', '{"secret": "シークレット"}'],
    ['Greek', '{"password": "Κωδικός πρόσβασης"}'],
    ['French, typographic apostrophe', '{"api_key": "Clé d’API", "token": "Jeton d’accès"}'],
    ['Vietnamese', '{"password": "Mật khẩu"}'],
    ['Russian', '{"password": "Пароль", "newPassword": "Новый пароль", "confirmPassword": "Подтвердите пароль"}'],
    ['Japanese, three keys', '{"password": "パスワード", "token": "トークン", "secret": "シークレット"}'],
  ])('%s', (_, text) => acceptedEverywhere(file('i18n.json', text)));

  it.each([
    ['Russian label then a password', `{"newPassword": "Новый пароль ${PASSWORD}"}`, PASSWORD],
    ['Japanese label then a password', `{"secret": "シークレット ${PASSWORD}"}`, PASSWORD],
    ['Greek label then a password', `{"password": "Κωδικός ${PASSWORD}"}`, PASSWORD],
    ['French label then a key', `{"api_key": "Clé d’API ${GENERATED}"}`, GENERATED],
    ['a generated token', `{"token": "${GENERATED}"}`, GENERATED],
    ['Vietnamese label then a password', `{"password": "Mật khẩu ${PASSWORD}"}`, PASSWORD],
  ])('%s is refused', (_, text, secret) => refusedEverywhere(file('i18n.json', text), 'data["i18n.json"]', secret));
});

describe('74a-17: a Rails label with full-width parentheses passes', () => {
  const rails = (value: string) =>
    `ja:\n  activerecord:\n    attributes:\n      user:\n        password: パスワード\n        password_confirmation: ${value}\n`;
  it('パスワード（確認用）', () => acceptedEverywhere(file('y01.yml', rails('パスワード（確認用）'))));
  it('a password in the parentheses is refused', () =>
    refusedEverywhere(file('y01.yml', rails(`パスワード（${PASSWORD}）`)), 'data["y01.yml"]', PASSWORD));
});

describe('74a-5: an hmac map of settings passes; a key under hmac stays refused', () => {
  it.each([
    ['the finding', 'hmac:\n  algorithm: sha256\n  header: X-Signature\n'],
    ['a header with its number', 'hmac:\n  header: X-Hub-Signature-256\n'],
    ['as data', { hmac: { algorithm: 'sha256', header: 'X-Signature' } }],
  ])('%s', (_, text) =>
    acceptedEverywhere(typeof text === 'string' ? file('F13.yaml', text) : { deployment: { podAnnotations: { x: JSON.stringify(text) } } }),
  );

  const HEX = 'f3a91c2d4e5f60718293a4b5c6d7e8f9';
  it.each([
    ['a hex key beside the algorithm', `hmac:\n  algorithm: sha256\n  key: ${HEX}\n`, HEX],
    ['a generated value as the header', `hmac:\n  header: ${GENERATED}\n`, GENERATED],
    ['a key as the algorithm', `hmac:\n  algorithm: ${HEX}\n`, HEX],
  ])('%s is refused', (_, text, secret) => refusedEverywhere(file('F13.yaml', text), 'data["F13.yaml"]', secret));
});

describe('74a-6: a description of the second factor passes; a seed after its label stays refused', () => {
  const SEED = 'JBSWY3DPEHPK3PXPKZ4TMNQW';
  it.each([
    ['OTP settings', 'OTP: 6 digits, 30 s period, SHA1\n'],
    ['2FA method', '2FA: TOTP\n'],
    ['2FA state', '2FA: ENABLED FOR ALL USERS\n'],
  ])('%s', (_, text) => acceptedEverywhere(file('F17.md', text)));

  it.each([
    ['a seed after OTP', `OTP: ${SEED}\n`],
    ['a seed after 2FA', `2FA: ${SEED}\n`],
    ['a seed after the method', `2FA: TOTP ${SEED}\n`],
    ['a seed after the settings', `OTP: 6 digits ${SEED}\n`],
  ])('%s is refused', (_, text) => refusedEverywhere(file('F17.md', text), 'data["F17.md"]', SEED));
});

describe('74a-7: a German pointer to the password safe passes; a password under Kennwort stays refused', () => {
  it.each([
    ['the finding', 'Benutzername: admin\nKennwort: siehe Passwortsafe\n'],
    ['with a hyphen', 'Kennwort: siehe Passwort-Safe\n'],
  ])('%s', (_, text) => acceptedEverywhere(file('F16.md', text)));
  it.each([
    ['a password', `Benutzername: admin\nKennwort: ${PASSWORD}\n`],
    ['a password after the pointer', `Kennwort: siehe Passwortsafe ${PASSWORD}\n`],
  ])('%s is refused', (_, text) => refusedEverywhere(file('F16.md', text), 'data["F16.md"]', PASSWORD));
});

describe('findings left for a later round', () => {
  test.todo('74a-8: signer key ID: 0x9B2C4E6A8F0D1C3E passes');
  test.todo('74a-22: CACHE_KEY=v1-deps-<hash> passes');
  test.todo('74a-1: a …Secrets CRD field written as text is refused as a wrong type, not as a secret');
  test.todo('74a-11: one keystore in hex is one error line');
});

describe('the label reader stays linear', () => {
  beforeAll(() => secretsInData({ conf: '{"password": "Новый пароль"}' }));
  it.each([
    ['Cyrillic labels', '{"password": "Новый пароль"}\n'],
    ['full-width brackets', 'password: パスワード（確認用）\n'],
    ['typographic apostrophes', 'token: Jeton d’accès ’’’\n'],
  ])('%s at 25 kB of short lines within 2 s (as attack73-words73: every line reader reads them)', (_, unit) => {
    const text = unit.repeat(Math.ceil(25_000 / unit.length));
    const started = process.cpuUsage();
    secretsInData({ conf: text });
    expect(cpuMillisSince(started)).toBeLessThan(6000);
  });
});
