import { secretsInData } from '../src/core/secrets';
import { valuesDoors } from './helpers';
import { cpuMillisSince } from './cpu-time';

/**
 * Round 77 (native77): the word for "password" across the world's most spoken languages (world-password-words.ts).
 * 77a-5: a password after a label in Tamil, Telugu (a zero-width non-joiner inside), Sinhala, Burmese, Khmer, Lao, Amharic
 * and the table's other scripts. 77a-15: a generated value under a romanised or folded name (`tunnussana`, `pasuwado`).
 * 77a-6: the same words as a locale's label under `password:`, and prompts and errors in scripts not Latin, pass.
 * Each side has its nearest opposite row: a label's word as the value passes, a password beside it is refused.
 */
const refused = (key: string, value: string): boolean => secretsInData({ [key]: value }).length > 0;

// [language, the word for "password" as written]: `<word>: <generated>` is refused, `password: <word>` passes.
const written: Array<[string, string]> = [
  ['Tamil', 'கடவுச்சொல்'],
  ['Telugu, with a ZWNJ', 'పాస్\u200cవర్డ్'],
  ['Telugu', 'రహస్యపదం'],
  ['Sinhala', 'මුරපදය'],
  ['Burmese', 'စကားဝှက်'],
  ['Khmer', 'ពាក្យសម្ងាត់'],
  ['Lao', 'ລະຫັດຜ່ານ'],
  ['Amharic', 'የይለፍ ቃል'],
  ['Tigrinya', 'መሕለፊ ቃል'],
  ['Kannada', 'ಗುಪ್ತಪದ'],
  ['Malayalam', 'പാസ്\u200cവേഡ്'],
  ['Gujarati', 'પાસવર્ડ'],
  ['Punjabi', 'ਪਾਸਵਰਡ'],
  ['Odia', 'ପାସୱାର୍ଡ'],
  ['Marathi', 'संकेतशब्द'],
  ['Bengali', 'পাসওয়ার্ড'],
  ['Urdu', 'پاس ورڈ'],
  ['Pashto', 'پټنوم'],
  ['Kurdish', 'وشەی نهێنی'],
  ['Armenian', 'Գաղտնաբառ'],
  ['Georgian', 'პაროლი'],
  ['Korean', '암호'],
  ['Kazakh, two words', 'Құпия сөз'],
  ['Kyrgyz', 'Сырсөз'],
];

// Romanised and folded names (77a-15): a generated value under each is refused, the word as a label's value passes.
const ascii = [
  'tunnussana',
  'DB_TUNNUSSANA',
  'zugangscode',
  'zugangs_code',
  'cyfrinair',
  'cyfrinair_db',
  'kodikos',
  'pasuwado',
  'bimilbeonho',
  'sisma',
  'ramz',
  'kalimat_al_murur',
  'pasahitza',
  // Not `parole`: an English word too, so a key name only to the write gate's label reader (world-password-words.ts).
  'kalmar_sirri',
];
const labelWords = ['Parole', 'Nenosiri', 'Cyfrinair', 'Pasahitza', 'Tunnussana', 'Kodikos', 'Pasfhocal'];

// 77a-6: prompts and errors under a secret's name, and label lines with a prompt, that must pass.
const prose: Array<[string, string]> = [
  ['ar.txt', 'كلمة المرور: أدخل كلمة المرور\n'],
  ['he.txt', 'סיסמה: הזן את הסיסמה שלך\n'],
  ['fa.txt', 'رمز عبور: رمز عبور خود را وارد کنید\n'],
  ['secret', '秘密の質問'],
  ['api_key_help', 'Найдите ключ API в настройках профиля'],
  ['password_th', 'รหัสผ่านไม่ถูกต้อง'],
  ['password_ar', 'كلمة المرور غير صحيحة'],
  ['token_ko', '토큰이 만료되었습니다'],
  ['secret_he', 'הסוד שלך'],
  ['password_el', 'Λάθος κωδικός πρόσβασης'],
  ['password_zh', '密码错误，请重试'],
  ['password_ja', 'パスワードが違います'],
  ['password_ta', 'கடவுச்சொல்லை உள்ளிடவும்'],
  ['ta.txt', 'கடவுச்சொல்: கடவுச்சொல்லை உள்ளிடவும்\n'],
  ['ko.txt', '암호화: AES256\n'],
];

// The nearest secrets to 77a-6's rule: a password in the script, glued to or beside the secret's word, stays refused.
const near: Array<[string, string]> = [
  ['password', 'пароль123'],
  ['password', 'мойпароль'],
  ['password', 'ひまわり'],
  ['password', '秘密のパスワード'],
  ['password_hint', '密码是向日葵'],
  ['password', 'пароль подсолнух'],
  ['token', '토큰 해바라기'],
  ['password', 'הסיסמה שלי חמנייה'],
  ['password', '암호화'],
  ['n', 'كلمة المرور: Xk93mQvR2zLp\n'],
  ['n', '암호는 hunter22\n'],
  ['n', 'கடவுச்சொல்: hunter22\n'],
];

describe('round 77 (native77): the world table of words for "password"', () => {
  test.each(written)('77a-5 %s: a generated value after the label is refused', (_, word) =>
    expect(refused('n', `${word}: Rk8qLm2xWv4tF\n`)).toBe(true),
  );
  test.each(written)('77a-6 %s: the word as a locale label under password passes', (_, word) =>
    expect(refused('password', word)).toBe(false),
  );
  test.each(ascii)('77a-15 %s: a generated value is refused', (key) => expect(refused(key, 'Zx8kLm2QwR00t')).toBe(true));
  test.each(labelWords)('77a-6 password: %s passes', (word) => expect(refused('password', word)).toBe(false));
  test.each(prose)('77a-6 %s: %s passes', (key, value) => expect(refused(key, value)).toBe(false));
  test.each(near)('77a-6 near: %s: %s is refused', (key, value) => expect(refused(key, value)).toBe(true));
  // Round 80 (80a-15): a key word of another language alone names a secret in any letter case, as `SLEUTEL` did (79a-10);
  // its value is judged as `_KEY`'s, so a plain identifier passes.
  test('80a-15 sleutel (Dutch key) alone: a generated value is refused, an identifier passes', () => {
    expect(refused('sleutel', 'Zx8kLm2QwR13t')).toBe(true);
    expect(refused('sleutel', 'user_id')).toBe(false);
  });
});

describe('round 77 (native77) at the config door', () => {
  const configMap = (data: Record<string, string>) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'cm', namespace: 'default' },
    data,
  });
  test('every leak of 77a-5 and 77a-15 in one ConfigMap is refused, none shown', () => {
    const data: Record<string, string> = {};
    written.forEach(([, word], i) => (data[`t${i}.txt`] = `${word}: Rk8qLm2xWv4t${String.fromCharCode(65 + i)}\n`));
    ascii.forEach((key, i) => (data[key] = `Zx8kLm2QwR${10 + i}t`));
    const refusal = valuesDoors.config({ extraObjects: [configMap(data)] });
    for (const key of [...written.map((_, i) => `t${i}.txt`), ...ascii]) expect(refusal).toContain(key);
    expect(refusal).not.toMatch(/Rk8qLm2xWv4t|Zx8kLm2QwR/);
  });
  test('77a-6: the prompts, errors and locale labels in one ConfigMap pass', () => {
    const data: Record<string, string> = Object.fromEntries(prose);
    written.forEach(([, word], i) => (data[`password_${i}`] = word));
    expect(valuesDoors.config({ extraObjects: [configMap(data)] })).toBe('');
  });
});

describe('the world words stay linear', () => {
  const units = ['கடவுச்சொல் ', '토큰이 만료되었습니다 ', 'పాస్\u200cవర్డ్ ', 'የይለፍ ቃል '];
  beforeAll(() => secretsInData({ k: units[0] }));
  test.each(units)('100 kB of %j is judged within 2 s', (unit) => {
    const text = unit.repeat(Math.ceil(100_000 / unit.length)).slice(0, 100_000);
    const start = process.cpuUsage();
    secretsInData({ k: text });
    expect(cpuMillisSince(start)).toBeLessThan(6000);
  });
});
