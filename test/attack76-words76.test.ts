import { ApiObject, App, Chart } from 'cdk8s';
import { secretsInData } from '../src/core/secrets';
import { K3sVipCluster } from '../src/index';
import { clusterProps, refusalOf, valuesDoors } from './helpers';
import { cpuMillisSince } from './cpu-time';

/**
 * Round 76 (words76): UI labels and prompts under a key named like a secret are prose, not values (README: "A plain
 * sentence after a key named like a secret … is prose, not a value"), at the config door (a ConfigMap's text in
 * traefik.values.extraObjects) and beside a K3sVipCluster alike.
 * 75a-2: a hint sentence with a count (`password_hint_text = "Use at least 12 characters"`).
 * 75a-6: a catalogue's one-time-code labels (`otp: One-time password`, `"2fa.recovery_codes": "Recovery codes"`); a
 * refused JSON line names its key (`a line setting 2fa.recovery_codes`), as a `key = value` line's does.
 * 75a-19: "Enter your password" in Chinese, French, Spanish, Turkish and Korean; a name spelled with accented letters that
 * sets a value is refused with words that say the letters were read in ASCII, not that the text was encoded.
 * Each passing row has a real secret beside it that is still refused.
 */
const configMap = (text: string) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'ui-strings', namespace: 'default' },
  data: { 'strings.txt': text },
});

const configDoor = (text: string): string => valuesDoors.config({ extraObjects: [configMap(text)] });

function besideDoor(text: string): string {
  return refusalOf(() => {
    const app = new App();
    new K3sVipCluster(app, 'dev', clusterProps() as never);
    new ApiObject(new Chart(app, 'side'), 'cm', configMap(text) as never);
    app.synthYaml();
  });
}

const REFUSED = /committed to Git/;

// [finding, text]: must pass at both doors.
const prose: Array<[string, string]> = [
  ['75a-2 hint with a count', 'password_hint_text = "Use at least 12 characters"\n'],
  ['75a-2 hint with a count, plain', 'password_hint_text = Use at least 12 characters\n'],
  ['75a-2 hint, YAML', 'password_hint: "Use at least 12 characters."\n'],
  [
    '75a-6 Rails catalogue',
    'en:\n  password: Password\n  password_confirmation: Password confirmation\n  otp: One-time password\n  secret: Secret\n  token: Token\n',
  ],
  ['75a-6 otp label, one line', 'otp: One-time password\n'],
  ['75a-6 totp label', 'totp: One-time code\n'],
  [
    '75a-6 JSON catalogue',
    '{\n  "2fa.setup_key": "Can\'t scan the QR code? Enter the setup key shown below.",\n  "2fa.recovery_codes": "Recovery codes"\n}\n',
  ],
  ['75a-6 backup codes label', 'backup_codes: Backup codes\n'],
  ['75a-19 ru', 'пароль: Введите пароль\n'],
  ['75a-19 zh', '密码: 请输入密码\n'],
  ['75a-19 zh traditional', '密碼: 請輸入密碼\n'],
  ['75a-19 ja', 'パスワード: パスワードを入力してください\n'],
  ['75a-19 de', 'Passwort: Passwort eingeben\n'],
  ['75a-19 fr', 'mot_de_passe: Saisissez votre mot de passe\n'],
  ['75a-19 fr entrez', 'mot_de_passe: Entrez votre mot de passe\n'],
  ['75a-19 es', 'contraseña: Introduce tu contraseña\n'],
  ['75a-19 es usted', 'contraseña: Ingrese su contraseña\n'],
  ['75a-19 pt', 'senha: Digite sua senha\n'],
  ['75a-19 it', 'password: Inserisci la password\n'],
  ['75a-19 tr', 'şifre: Şifrenizi girin\n'],
  ['75a-19 tr parola', 'parola: Parolanızı girin\n'],
  ['75a-19 ko', '비밀번호: 비밀번호를 입력하세요\n'],
  [
    '75a-19 all in one catalogue',
    'ru: Введите пароль\nzh: 请输入密码\nfr: Saisissez votre mot de passe\nes: Introduce tu contraseña\ntr: Şifrenizi girin\nko: 비밀번호를 입력하세요\n',
  ],
];

// [finding, text, what the message must say]: the nearest real secret, still refused at both doors.
const secrets: Array<[string, string, RegExp]> = [
  ['75a-2 generated hint value', 'password_hint_text = Zq8vLm2Kp9Xr\n', /a line setting password_hint_text/],
  ['75a-2 quoted generated hint value', 'password_hint_text = "Zq8vLm2Kp9Xr"\n', /a line setting password_hint_text/],
  ['75a-2 a passphrase with a number at its end', 'password_hint_text = "correct horse 42"\n', REFUSED],
  ['75a-2 a word and a number', 'password_hint_text = "Use 42"\n', REFUSED],
  ['75a-2 a three-digit number', 'password_hint_text = "horse 123 staple"\n', REFUSED],
  ['75a-6 otp seed', 'otp: JBSWY3DPEHPK3PXP\n', REFUSED],
  ['75a-6 otp seed in the catalogue', 'en:\n  password: Password\n  otp: JBSWY3DPEHPK3PXP\n', REFUSED],
  ['75a-6 otp label with a digit', 'otp: One-time password 7\n', REFUSED],
  [
    '75a-6 recovery code in JSON',
    '{\n  "2fa.setup_key": "Enter the setup key.",\n  "2fa.recovery_codes": "8f3k-2m9q 7x4p-1z6w"\n}\n',
    /on its line 3 \(a line setting 2fa\.recovery_codes\)/,
  ],
  ['75a-6 generated recovery code in JSON', '{\n  "2fa.recovery_codes": "Zq8vLm2K-p9Xr"\n}\n', /a line setting 2fa\.recovery_codes/],
  ['75a-19 fr password', 'mot_de_passe: Zq8vLm2K!p9Xr\n', /a line setting mot_de_passe/],
  ['75a-19 fr prompt verb alone then a value', 'mot_de_passe: Saisissez Zq8vLm2K!p9Xr\n', REFUSED],
  ['75a-19 zh password', '密码: Zq8vLm2Kp9Xr\n', REFUSED],
  ['75a-19 zh prompt then a value', '密码: 请输入 Zq8vLm2Kp9Xr\n', REFUSED],
  ['75a-19 ko password', '비밀번호: Zq8vLm2Kp9Xr\n', REFUSED],
  ['75a-19 es password', 'contraseña: Zq8vLm2K!p9Xr\n', REFUSED],
  ['75a-19 es passphrase', 'contraseña: caballo correcto\n', REFUSED],
  ['75a-19 tr password', 'şifre: Zq8vLm2Kp9Xr\n', REFUSED],
  ['75a-19 tr prompt verb alone', 'şifre: girin\n', REFUSED],
  ['75a-19 de passphrase', 'Passwort: Sommer Regen\n', REFUSED],
];

describe('round 76 (words76): labels and prompts under a secret-named key pass; real secrets there are refused', () => {
  test.each(prose)('%s passes at the config door', (_, text) => expect(configDoor(text)).toBe(''));
  test.each(prose)('%s passes beside a K3sVipCluster', (_, text) => expect(besideDoor(text)).toBe(''));
  test.each(secrets)('%s is refused at the config door', (_, text, says) => {
    const refusal = configDoor(text);
    expect(refusal).toMatch(REFUSED);
    expect(refusal).toMatch(says);
    expect(refusal).not.toMatch(/Zq8vLm2K|JBSWY3DP|8f3k-2m9q/);
  });
  test.each(secrets)('%s is refused beside a K3sVipCluster', (_, text) => {
    const refusal = besideDoor(text);
    expect(refusal).toMatch(REFUSED);
    expect(refusal).not.toMatch(/Zq8vLm2K|JBSWY3DP|8f3k-2m9q/);
  });
});

describe('75a-19: a name with accented letters is not blamed on an encoding the text does not have', () => {
  test.each([
    ['es', 'contraseña: caballo correcto\n'],
    ['tr', 'şifre: girin\n'],
  ])('%s: the message says the name was read in ASCII', (_, text) => {
    for (const refusal of [configDoor(text), besideDoor(text)]) {
      expect(refusal).toMatch(REFUSED);
      expect(refusal).not.toMatch(/once decoded \(escapes[^)]*\)(?!.*accented)/);
      if (/once decoded/.test(refusal))
        expect(refusal).toMatch(/accented or look-alike letters read in ASCII: `contraseña` as `contrasena`/);
    }
  });
});

describe('labels stay linear', () => {
  const unit = 'fr: Saisissez votre mot de passe\nzh: 请输入密码\nko: 비밀번호를 입력하세요\notp: One-time password\n';
  beforeAll(() => secretsInData({ k: unit }));
  test('a 100 kB catalogue of prompts is judged within 2 s', () => {
    const text = unit.repeat(Math.ceil(100_000 / unit.length)).slice(0, 100_000);
    const start = process.cpuUsage();
    expect(secretsInData({ k: text })).toEqual([]);
    expect(cpuMillisSince(start)).toBeLessThan(6000);
  });
});
