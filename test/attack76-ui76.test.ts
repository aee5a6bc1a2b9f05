import { ApiObject, App, Chart } from 'cdk8s';
import { secretsInData } from '../src/core/secrets';
import { K3sVipCluster } from '../src/index';
import { clusterProps, refusalOf, valuesDoors } from './helpers';
import { cpuMillisSince } from './cpu-time';

/**
 * Round 76 (ui76): a UI string catalogue is prose, not values (README: "a string catalogue's label or prompt … is prose,
 * not a value"), and a value that only names an environment variable is a reference (README: "a value that only expands
 * variables"), at the config door (a ConfigMap in traefik.values.extraObjects) and beside a K3sVipCluster alike.
 * 76a-2: prompts and messages under a secret-named key (`Введіть пароль`, `Your token has expired. Please sign in
 * again.`, `At least 8 characters`, `8文字以上`, `API 密钥`, `Anmeldedaten`).
 * 76a-13: whole catalogue files (YAML, Fluent .ftl, iOS .strings, Android strings.xml) with such messages.
 * 76a-23: `$DB_PASSWORD`, `env:DB_PASSWORD` (OpenSSL's pass phrase argument), `{env:DB_PASSWORD}` (opencode).
 * Each passing row has the nearest real secret beside it that is still refused.
 */
const configMap = (data: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'ui-strings', namespace: 'default' },
  data,
});

const configDoor = (data: Record<string, string>): string => valuesDoors.config({ extraObjects: [configMap(data)] });

function besideDoor(data: Record<string, string>): string {
  return refusalOf(() => {
    const app = new App();
    new K3sVipCluster(app, 'dev', clusterProps() as never);
    new ApiObject(new Chart(app, 'side'), 'cm', configMap(data) as never);
    app.synthYaml();
  });
}

const REFUSED = /committed to Git/;
const SECRET_SHOWN = /Zq8vLm2K|Sonnenblume7|notAReference|ZQ8VLM2KP9XR/;

const ES_YAML =
  'password: Contraseña\npassword_confirm: Confirmar contraseña\ntoken_expired: Su token ha caducado. Inicie sesión de nuevo.\napi_key: Clave de API\n';
const RU_FTL = 'password = Пароль\npassword-hint = Не менее 12 символов\ntoken-expired = Срок действия токена истёк. Войдите снова.\n';
const ZH_STRINGS = '"password" = "密码";\n"password_hint" = "至少 12 个字符";\n"token_expired" = "您的令牌已过期，请重新登录。";\n';
const KO_XML =
  '<resources>\n  <string name="password">비밀번호</string>\n  <string name="password_hint">8자 이상 입력하세요</string>\n  <string name="token_expired">토큰이 만료되었습니다. 다시 로그인하세요.</string>\n</resources>\n';
const DE_PROPERTIES =
  'login.password=Passwort\nlogin.password.hint=Mindestens 12 Zeichen\nerror.token.expired=Ihr Token ist abgelaufen. Bitte melden Sie sich erneut an.\n';

// [finding, data]: must pass at both doors.
const prose: Array<[string, Record<string, string>]> = [
  ['76a-2 uk prompt', { password_uk: 'Введіть пароль' }],
  ['76a-2 ru prompt (control)', { password_ru: 'Введите пароль' }],
  ['76a-2 ja prompt', { password_ja: 'パスワードを入力してください' }],
  ['76a-2 ja forgot', { password_ja3: 'パスワードを忘れた場合' }],
  ['76a-2 en two sentences', { token_expired_en: 'Your token has expired. Please sign in again.' }],
  ['76a-2 en two sentences, env-style key', { TOKEN_EXPIRED: 'Your token has expired. Please sign in again.' }],
  ['76a-2 de two sentences', { token_expired_de: 'Ihr Token ist abgelaufen. Bitte melden Sie sich erneut an.' }],
  ['76a-2 fr two sentences', { token_expired_fr: 'Votre jeton a expiré. Veuillez vous reconnecter.' }],
  ['76a-2 en placeholder', { password_placeholder_en: 'At least 8 characters' }],
  ['76a-2 en placeholder, env-style key', { PASSWORD_PLACEHOLDER: 'At least 8 characters' }],
  ['76a-2 ja placeholder with a count', { password_placeholder_ja: '8文字以上' }],
  ['76a-2 zh placeholder with a count', { password_placeholder_zh: '至少8个字符' }],
  ['76a-2 pl prompt', { haslo: 'Wprowadź hasło' }],
  ['76a-2 tr forgot', { sifre: 'Şifrenizi mi unuttunuz?' }],
  ['76a-2 de session expired', { token_abgelaufen: 'Sitzung abgelaufen' }],
  ['76a-2 de wrong password', { passwort_falsch: 'Falsches Passwort' }],
  ['76a-2 zh API key', { api_key_zh: 'API 密钥' }],
  ['76a-2 de private key', { private_key_label: 'Privater Schlüssel' }],
  ['76a-2 de credentials', { credentials_de: 'Anmeldedaten' }],
  ['76a-2 fr credentials', { credentials_fr: 'Identifiants' }],
  ['76a-13 es.yaml', { 'es.yaml': ES_YAML }],
  ['76a-13 ru.ftl', { 'ru.ftl': RU_FTL }],
  ['76a-13 zh.strings', { 'zh.strings': ZH_STRINGS }],
  ['76a-13 ko.xml', { 'ko.xml': KO_XML }],
  ['76a-13 .properties (control)', { 'messages_de.properties': DE_PROPERTIES }],
  ['76a-13 all five files in one ConfigMap', { 'es.yaml': ES_YAML, 'ru.ftl': RU_FTL, 'zh.strings': ZH_STRINGS, 'ko.xml': KO_XML }],
  ['76a-23 ${NAME} (control)', { password: '${DB_PASSWORD}' }],
  ['76a-23 $NAME', { password: '$DB_PASSWORD' }],
  ['76a-23 $NAME quoted in YAML text', { 'app.yaml': 'db:\n  password: "$DB_PASSWORD"\n' }],
  ['76a-23 env:NAME', { password: 'env:DB_PASSWORD' }],
  ['76a-23 {env:NAME}', { password: '{env:DB_PASSWORD}' }],
  ['76a-23 $env:NAME (control)', { password: '$env:DB_PASSWORD' }],
];

// [finding, data, what the message must say]: the nearest real secret, still refused at both doors.
const secrets: Array<[string, Record<string, string>, RegExp]> = [
  ['76a-2 uk prompt verb then a value', { password_uk: 'Введіть Zq8vLm2Kp9Xr' }, /password_uk/],
  ['76a-2 ja prompt then a value', { password_ja: 'パスワードを入力してください Zq8vLm2Kp9Xr' }, /password_ja/],
  ['76a-2 generated value under a message key', { token_expired_en: 'Zq8vLm2Kp9XrWq3n' }, /token_expired_en/],
  ['76a-2 two sentences with a generated word', { token_expired_en: 'Your token. Zq8vLm2Kp9XrWq3n' }, /token_expired_en/],
  ['76a-2 placeholder holding a password', { password_placeholder_en: 'Zq8vLm2K!p9Xr' }, /password_placeholder_en/],
  ['76a-2 placeholder, passphrase ending in a number', { password_placeholder_en: 'correct horse 42' }, REFUSED],
  ['76a-2 zh placeholder, a three-digit number', { password_placeholder_zh: '向日葵123' }, REFUSED],
  ['76a-2 ja placeholder, a count ending the text', { password_placeholder_ja: '文字以上8' }, REFUSED],
  ['76a-2 pl prompt verb then a value', { haslo: 'Wprowadź Zq8vLm2Kp9Xr' }, REFUSED],
  ['76a-2 zh API key then a value', { api_key_zh: 'API 密钥 Zq8vLm2Kp9Xr' }, REFUSED],
  ['76a-2 credentials holding a login', { credentials_de: 'admin:Zq8vLm2Kp9Xr' }, REFUSED],
  ['76a-2 credentials holding a word', { credentials_de: 'Sonnenblume7' }, REFUSED],
  ['76a-13 es.yaml with a real API key', { 'es.yaml': 'password: Contraseña\napi_key: Zq8vLm2Kp9XrWq3n\n' }, /line 2/],
  ['76a-13 es.yaml with a real password', { 'es.yaml': 'password_confirm: Confirmar contraseña\npassword: Sonnenblume7\n' }, /line 2/],
  ['76a-13 ru.ftl with a real token', { 'ru.ftl': 'password = Пароль\ntoken-expired = Zq8vLm2Kp9XrWq3n\n' }, REFUSED],
  ['76a-13 zh.strings with a real token', { 'zh.strings': '"password" = "密码";\n"token_expired" = "Zq8vLm2Kp9XrWq3n";\n' }, REFUSED],
  [
    '76a-13 ko.xml with a real password',
    {
      'ko.xml':
        '<resources>\n  <string name="password_hint">8자 이상</string>\n  <string name="password">Zq8vLm2Kp9XrWq3n</string>\n</resources>\n',
    },
    REFUSED,
  ],
  ['76a-23 $ then mixed case', { password: '$Zq8vLm2Kp9Xr' }, /password/],
  ['76a-23 $ then a lower-case word', { password: '$notAReferenceAbc123' }, REFUSED],
  ['76a-23 $ then upper case that looks generated', { password: '$ZQ8VLM2KP9XRWQ3N' }, REFUSED],
  ['76a-23 env: then mixed case', { password: 'env:Zq8vLm2Kp9Xr' }, REFUSED],
  ['76a-23 {env: unclosed then a value', { password: '{env:DB_PASSWORD Zq8vLm2Kp9Xr' }, REFUSED],
  ['76a-23 $NAME then a literal', { password: '$DB_PASSWORD Zq8vLm2Kp9Xr' }, REFUSED],
];

describe('round 76 (ui76): catalogues and env references under a secret-named key pass; real secrets there are refused', () => {
  test.each(prose)('%s passes at the config door', (_, data) => expect(configDoor(data)).toBe(''));
  test.each(prose)('%s passes beside a K3sVipCluster', (_, data) => expect(besideDoor(data)).toBe(''));
  test.each(secrets)('%s is refused at the config door', (_, data, says) => {
    const refusal = configDoor(data);
    expect(refusal).toMatch(REFUSED);
    expect(refusal).toMatch(says);
    expect(refusal).not.toMatch(SECRET_SHOWN);
  });
  test.each(secrets)('%s is refused beside a K3sVipCluster', (_, data) => {
    const refusal = besideDoor(data);
    expect(refusal).toMatch(REFUSED);
    expect(refusal).not.toMatch(SECRET_SHOWN);
  });
});

describe('catalogues stay linear', () => {
  const files = `${ES_YAML}${RU_FTL}${KO_XML}`;
  beforeAll(() => secretsInData({ 'zh.strings': ZH_STRINGS, 'messages.txt': files }));
  // The new rules' own inputs at 100 kB; whole catalogues at 10 kB: a passing catalogue is read by every line reader
  // (and read again in NFKC where it has full-width letters), which costs seconds at 100 kB on a loaded machine.
  test.each([
    ['a 100 kB unspaced message with counts', { token_expired: '至少8个字符，'.repeat(14_000).slice(0, 100_000) }],
    ['a 10 kB catalogue', { 'messages.txt': files.repeat(Math.ceil(10_000 / files.length)) }],
    ['a 10 kB iOS catalogue', { 'zh.strings': ZH_STRINGS.repeat(Math.ceil(10_000 / ZH_STRINGS.length)) }],
    ['a 100 kB env reference', { password: `{env:${'A'.repeat(100_000)}` }],
  ])('%s is judged within 2 s', (_, data) => {
    const start = process.cpuUsage();
    secretsInData(data);
    expect(cpuMillisSince(start)).toBeLessThan(6000);
  });
});
