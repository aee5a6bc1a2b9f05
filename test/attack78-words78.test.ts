import { secretRefusal, secretsInData } from '../src/core/secrets';
import { anyScriptLabelSpans } from '../src/core/any-script-labels';
import { statesSecretRule } from '../src/core/secret-rule-texts';
import { acceptedEverywhere, refusedEverywhere } from './secret-doors';
import { cpuMillisSince } from './cpu-time';

/**
 * Round 78 (words78): 78a-1 a password after its label in more languages, and after a label with a short qualifier
 * before its colon (`Пароль від Wi-Fi: …`); 78a-11 `account / password` after a login's credentials named in other
 * languages; 78a-14 README's short names `tok` and `cred`; 78a-8 a catalogue's rule or error about the password in any
 * script (`הסיסמה שגויה`, `パスワードは8文字以上必要です`) is prose. Each side has its nearest neighbour on the other.
 * Rows call the secret reader (secretsInData); a few run every door at once.
 */
const configMap = (data: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'i18n', namespace: 'default' },
  data,
});
const found = (data: Record<string, string>) => secretsInData(configMap(data));

const PW = 'Zx9kq2Lm';

/** [finding, name, value, the secret that must not be shown]. */
const refused: ReadonlyArray<readonly [string, string, string, string]> = [
  // 78a-1: labels of more languages and romanisations.
  ['78a-1', 'p', `Ọrọ igbaniwọle: ${PW}`, PW],
  ['78a-1', 'p', `Парол: ${PW}`, PW],
  ['78a-1', 'p', `Kalmar sirri: ${PW}`, PW],
  ['78a-1', 'p', `Серсүз: ${PW}`, PW],
  ['78a-1', 'p', '暗証番号: 48213977', '48213977'],
  ['78a-1', 'p', `合言葉: ${PW}`, PW],
  ['78a-1', 'p', `Wachtwurd: ${PW}`, PW],
  ['78a-1', 'p', `Loyniorð: ${PW}`, PW],
  ['78a-1', 'p', `Kupuhipa: ${PW}`, PW],
  ['78a-1', 'p', `Modpas: ${PW}`, PW],
  ['78a-1', 'p', `Tembung sandhi: ${PW}`, PW],
  ['78a-1', 'p', `kalimat al-sirr: ${PW}`, PW],
  ['78a-1', 'p', `kalimat al-murur: ${PW}`, PW],
  ['78a-1', 'p', `ramz-e obur: ${PW}`, PW],
  ['78a-1', 'p', `rahat phan: ${PW}`, PW],
  ['78a-1', 'p', `mật khau: ${PW}`, PW],
  // 78a-1: a short qualifier before the colon, in any language.
  ['78a-1', 'p', `Пароль від Wi-Fi: ${PW}`, PW],
  ['78a-1', 'p', `Пароль до бази: ${PW}`, PW],
  ['78a-1', 'p', `Heslo k WiFi: ${PW}`, PW],
  ['78a-1', 'p', `Contraseña de la red: ${PW}`, PW],
  ['78a-1', 'p', `- **Parol (prod)**: ${PW}`, PW],
  ['78a-1', 'p', `パスワード（本番）: "${PW}"`, PW],
  ['78a-1', 'p', `notes\nkalimat al-murur: ${PW}\nend`, PW],
  // 78a-11: a login's credentials named in other languages.
  ['78a-11', 'r', `Zugang: admin / ${PW}`, PW],
  ['78a-11', 'r', `Identifiants : admin / ${PW}`, PW],
  ['78a-11', 'r', `Учётные данные: admin / ${PW}`, PW],
  ['78a-11', 'r', `Облікові дані: admin/${PW}`, PW],
  ['78a-11', 'r', `ログイン情報: admin / ${PW}`, PW],
  ['78a-11', 'r', `登录信息：admin / ${PW}`, PW],
  // 78a-14: `tok` and `cred` as a key, a name in text, an env-style name.
  ['78a-14', 'tok', 'Hj4kl8Mn', 'Hj4kl8Mn'],
  ['78a-14', 'cred', 'Hj4kl8Mn', 'Hj4kl8Mn'],
  ['78a-14', 'API_TOK', 'Hj4kl8MnQw7rt5Yu', 'Hj4kl8MnQw7rt5Yu'],
  ['78a-14', 'p', 'tok=Hj4kl8Mn', 'Hj4kl8Mn'],
  ['78a-14', 'p', 'TOK: Hj4kl8Mn', 'Hj4kl8Mn'],
  ['78a-14', 'p', 'cred=Hj4kl8Mn', 'Hj4kl8Mn'],
  ['78a-14', 'p', 'cred: Hj4kl8MnQw7rt5Yu', 'Hj4kl8MnQw7rt5Yu'],
  // 78a-8's nearest secrets: a value beside the rule's words, a passphrase of such words (it names no password).
  ['78a-8', 'password_uk', `Пароль: ${PW}`, PW],
  ['78a-8', 'password_he', `הסיסמה שגויה ${PW}`, PW],
  ['78a-8', 'password_zh2', `密码至少需要8个字符 ${PW}`, PW],
  ['78a-8', 'password_bg', `Грешна парола ${PW}`, PW],
  ['78a-8', 'password_tr', `Şifre en az 8 karakter ${PW}`, PW],
  ['78a-8', 'password', 'wrong horse battery staple', 'wrong horse battery staple'],
  ['78a-8', 'password', 'falsch richtig pferd', 'falsch richtig pferd'],
];

/** [finding, name, value]: must pass. */
const accepted: ReadonlyArray<readonly [string, string, string]> = [
  // 78a-1's neighbours: no password's shape after the label, or no label.
  ['78a-1', 'p', 'Пароль від Wi-Fi: див. у сейфі'],
  ['78a-1', 'p', 'Парол: камида 8 белги'],
  ['78a-1', 'p', 'Wachtwurd: ********'],
  ['78a-1', 'p', '暗証番号: 4桁の数字'],
  ['78a-1', 'p', 'kalimat al-murur: /run/secrets/db'],
  ['78a-1', 'p', 'Пароль від Wi-Fi: ${WIFI_PASSWORD}'],
  ['78a-1', 'p', 'Modpas: ${MODPAS}'],
  ['78a-1', 'p', `Version: ${PW}`],
  ['78a-1', 'p', 'Пароль від Wi-Fi:'],
  // 78a-11's neighbours.
  ['78a-11', 'r', 'Учётные данные: см. Vault'],
  ['78a-11', 'r', 'ログイン情報: admin / SSO'],
  ['78a-11', 'r', 'Zugang: admin / siehe Tresor'],
  ['78a-11', 'r', 'Identifiants : voir le coffre'],
  // 78a-14's neighbours: code and words under `tok` and `cred`.
  ['78a-14', 'cred', '[pscredential]::new($u, $p)'],
  ['78a-14', 'tok', 'next()'],
  ['78a-14', 'tok', 'none'],
  ['78a-14', 'cred', 'admin'],
  ['78a-14', 'p', '$cred = [pscredential]::new($u, $p)'],
  ['78a-14', 'p', 'tok = lexer.next()'],
  // 78a-8: the catalogue's 22 refused strings.
  ['78a-8', 'password_uk', 'Пароль має містити щонайменше 12 символів'],
  ['78a-8', 'password_he', 'הסיסמה שגויה'],
  ['78a-8', 'password_hi', 'पासवर्ड गलत है'],
  ['78a-8', 'password_ka', 'პაროლი არასწორია'],
  ['78a-8', 'password_si', 'මුරපදය වැරදියි'],
  ['78a-8', 'password_kk', 'Құпия сөз қате'],
  ['78a-8', 'password_bg', 'Грешна парола'],
  ['78a-8', 'password_te', 'తప్పు పాస్‌వర్డ్'],
  ['78a-8', 'password_ja2', 'パスワードは8文字以上必要です'],
  ['78a-8', 'password_zh2', '密码至少需要8个字符'],
  ['78a-8', 'password_ko2', '비밀번호는 8자 이상이어야 합니다'],
  ['78a-8', 'password_ru2', 'Пароль должен содержать не менее 8 символов'],
  ['78a-8', 'password_ar2', 'يجب أن تتكون كلمة المرور من 8 أحرف على الأقل'],
  ['78a-8', 'password_he2', 'הסיסמה חייבת להכיל לפחות 8 תווים'],
  ['78a-8', 'password_th2', 'รหัสผ่านต้องมีอย่างน้อย 8 ตัวอักษร'],
  ['78a-8', 'password_el2', 'Ο κωδικός πρέπει να έχει τουλάχιστον 8 χαρακτήρες'],
  ['78a-8', 'password_hi2', 'पासवर्ड कम से कम 8 अक्षरों का होना चाहिए'],
  ['78a-8', 'password_vi', 'Mật khẩu phải có ít nhất 8 ký tự'],
  ['78a-8', 'password_tr', 'Şifre en az 8 karakter olmalıdır'],
  ['78a-8', 'password_pl', 'Hasło zostało zmienione'],
  ['78a-8', 'password_cs', 'Heslo bylo změněno'],
  ['78a-8', 'password_uk3', 'Пароль змінено'],
  // 78a-8: the catalogue's strings that passed already still pass.
  ['78a-8', 'password_ru', 'Введите пароль'],
  ['78a-8', 'password_ar', 'كلمة المرور غير صحيحة'],
  ['78a-8', 'password_de', 'Passwort vergessen?'],
];

describe('a password after its label in any language, a qualifier before the colon, credentials, tok and cred', () => {
  it.each(refused)('%s: data %s: %s is refused, never shown', (_, name, value, secret) => {
    const secrets = found({ [name]: value });
    expect(secrets.map((one) => one.path.join('.'))).toContain(`data.${name}`);
    for (const one of secrets) expect(secretRefusal(one)).not.toContain(secret);
  });
  it.each(accepted)('%s: data %s: %s passes', (_, name, value) => expect(found({ [name]: value })).toEqual([]));
  it.each([
    ['Password policy: Zx9kq2Lm', false],
    ['Пароль від Wi-Fi: Zx9kq2Lm', true],
  ])('the label reader: %s -> %s', (text, read) => expect(anyScriptLabelSpans(text).length > 0).toBe(read));
  it.each([
    ['Пароль змінено', true],
    ['Пароль: Zx9kq2Lm', false],
    ['ошибка сервера', false],
  ])('the rule reader: %s -> %s', (text, rule) => expect(statesSecretRule(text)).toBe(rule));
});

describe('at every door', () => {
  it('the catalogue together and tok, cred as code pass the config, K3sVipCluster, TraefikHelmChartConfig and the write gate', () => {
    const data = Object.fromEntries(accepted.filter(([finding]) => finding === '78a-8').map(([, name, value]) => [name, value]));
    acceptedEverywhere({ extraObjects: [configMap(data)], env: [{ name: 'CRED', value: 'none' }] });
  });
  it.each([
    [{ extraObjects: [configMap({ note: `Пароль від Wi-Fi: ${PW}` })] }, 'data.note', PW],
    [{ extraObjects: [configMap({ note: `Учётные данные: admin / ${PW}` })] }, 'data.note', PW],
    [{ env: [{ name: 'TOK', value: 'Hj4kl8Mn' }] }, 'env[0]', 'Hj4kl8Mn'],
    [{ deployment: { podAnnotations: { cred: 'Hj4kl8Mn' } } }, 'podAnnotations.cred', 'Hj4kl8Mn'],
  ])('%j is refused everywhere, never shown', (values, where, secret) => refusedEverywhere(values, where, secret));
});

describe('the readers stay linear', () => {
  beforeAll(() => found({ note: `Пароль від Wi-Fi: ${PW}` }));
  // The label reader alone (the other readers' cost on these texts is theirs), and the whole reader on a rule's words.
  it.each([
    ['label lines', `Парол: ${PW}\n`, anyScriptLabelSpans],
    ['qualified labels', `Пароль від Wi-Fi a b: ${PW} x\n`, anyScriptLabelSpans],
    ['long labels', `${'Парол '.repeat(20)}:\n`, anyScriptLabelSpans],
    ['rule words', 'Пароль має містити щонайменше 12 символів ', (text: string) => found({ conf: text })],
  ])('%s at 100 kB within 2 s', (_, unit, read: (text: string) => unknown) => {
    const text = unit.repeat(Math.ceil(100_000 / unit.length));
    const started = process.cpuUsage();
    read(text);
    expect(cpuMillisSince(started)).toBeLessThan(6000);
  });
});
