import { ApiObject, App, Chart } from 'cdk8s';
import { secretsInData } from '../src/core/secrets';
import { K3sVipCluster } from '../src/index';
import { clusterProps, refusalOf, valuesDoors } from './helpers';
import { cpuMillisSince } from './cpu-time';

/**
 * Round 76 (native76): passwords after a label in another language that passed.
 * 76a-1: a password in the label's own script (`パスワードは ひまわり`, `密码是 向日葵`, `비밀번호는 해바라기`, Hebrew, Thai).
 * 76a-15: `<non-Latin password name>=<value>` (`密码=sunflower7`, `ПАРОЛЬ_DB=…`, `كلمة_المرور=…`), in a text block too.
 * 76a-21: a passphrase of several words after `Mot de passe :` or `Пароль:`, and a passphrase joined by dots.
 * Each leak has the nearest prompt or sentence beside it that must still pass (words76's prompts among them).
 */
const configMap = (data: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'cm', namespace: 'default' },
  data,
});

const configDoor = (text: string): string => valuesDoors.config({ extraObjects: [configMap({ n: text })] });

function besideDoor(text: string): string {
  return refusalOf(() => {
    const app = new App();
    new K3sVipCluster(app, 'dev', clusterProps() as never);
    new ApiObject(new Chart(app, 'side'), 'cm', configMap({ n: text }) as never);
    app.synthYaml();
  });
}

const REFUSED = /committed to Git/;

// [finding, text, the secret the message must not show]: refused at both doors.
const leaks: Array<[string, string, string]> = [
  ['76a-1 ja, copula after a blank', 'パスワードは ひまわり です', 'ひまわり'],
  ['76a-1 ja', 'パスワードは ひまわり', 'ひまわり'],
  ['76a-1 ja, no blank', 'パスワードはひまわり', 'ひまわり'],
  ['76a-1 ja, copula glued', 'パスワードはひまわりです', 'ひまわり'],
  ['76a-1 ja control (Latin)', 'パスワードは sunflower', 'sunflower'],
  ['76a-1 zh', '密码是 向日葵', '向日葵'],
  ['76a-1 zh, no blank', '密码是向日葵', '向日葵'],
  ['76a-1 ko', '비밀번호는 해바라기', '해바라기'],
  ['76a-1 ko, copula glued', '비밀번호는 해바라기입니다', '해바라기'],
  ['76a-1 he', 'הסיסמה היא חמנייה', 'חמנייה'],
  ['76a-1 th', 'รหัสผ่านคือ ทานตะวัน', 'ทานตะวัน'],
  ['76a-15 zh', '密码=sunflower7', 'sunflower7'],
  ['76a-15 ru capitals', 'ПАРОЛЬ=sunflower7', 'sunflower7'],
  ['76a-15 ru env name', 'ПАРОЛЬ_DB=sunflower7', 'sunflower7'],
  ['76a-15 ru env name, prefix', 'DB_ПАРОЛЬ=sunflower7', 'sunflower7'],
  ['76a-15 ja', 'パスワード=sunflower7', 'sunflower7'],
  ['76a-15 ru', 'пароль=sunflower7', 'sunflower7'],
  ['76a-15 ko', '비밀번호=sunflower7', 'sunflower7'],
  ['76a-15 ar', 'كلمة_المرور=sunflower7', 'sunflower7'],
  ['76a-15 INI', '[db]\n密码 = 向日葵七\n', '向日葵七'],
  ['76a-15 .env, Cyrillic value', 'ПАРОЛЬ=подсолнух\n', 'подсолнух'],
  ['76a-15 ru, blanks', 'пароль = подсолнух', 'подсолнух'],
  ['76a-15 YAML text', 'パスワード: ひまわり\n', 'ひまわり'],
  ['76a-15 zh full-width colon', '密码：向日葵', '向日葵'],
  ['76a-15 ja full-width colon', 'パスワード：ひまわり', 'ひまわり'],
  ['76a-21 fr', 'Mot de passe : cheval correct agrafe batterie', 'cheval correct'],
  ['76a-21 fr, no blank before the colon', 'Mot de passe: cheval correct agrafe batterie', 'cheval correct'],
  ['76a-21 ru, two words', 'Пароль: правильная лошадь', 'правильная лошадь'],
  ['76a-21 ru, Latin words', 'Пароль: horse battery', 'horse battery'],
  ['76a-21 ru, four words', 'Пароль: правильная лошадь батарейка скрепка', 'лошадь батарейка'],
  ['76a-21 ru control, one word', 'Пароль: ромашка', 'ромашка'],
  ['76a-21 dotted', 'The passphrase is correct.horse.battery.staple', 'correct.horse'],
  ['76a-21 dotted, a full stop after', 'The passphrase is correct.horse.battery.staple.', 'correct.horse'],
];

// [finding, text]: prose, prompts and notes beside each leak, that must pass at both doors.
const prose: Array<[string, string]> = [
  ['76a-1 ja prompt', 'パスワード: パスワードを入力してください'],
  ['76a-1 ja rule with a count', 'パスワードは8文字以上です'],
  ['76a-1 ja required', 'パスワードは必須です'],
  ['76a-1 ja optional', 'パスワードは任意です'],
  ['76a-1 ja here', 'パスワードはこちら'],
  ['76a-1 ja do not forget', 'パスワードは忘れないでください'],
  ['76a-1 zh prompt', '密码: 请输入密码'],
  ['76a-1 zh traditional prompt', '密碼: 請輸入密碼'],
  ['76a-1 zh required', '密码是必填项'],
  ['76a-1 zh wrong', '密码是错误的'],
  ['76a-1 zh what is it', '密码是什么'],
  ['76a-1 zh heading', '密码 设置'],
  ['76a-1 zh prompt, full-width colon', '密码：请输入'],
  ['76a-1 ko prompt', '비밀번호: 비밀번호를 입력하세요'],
  ['76a-1 ko required', '비밀번호는 필수입니다'],
  ['76a-1 ko rule with a count', '비밀번호는 8자 이상이어야 합니다'],
  ['76a-1 ko case-sensitive', '비밀번호는 대소문자를 구분합니다'],
  ['76a-1 ko wrong', '비밀번호가 틀렸습니다'],
  ['76a-1 he wrong', 'הסיסמה היא שגויה'],
  ['76a-1 he required', 'הסיסמה היא חובה'],
  ['76a-1 he not right', 'הסיסמה: לא נכונה'],
  ['76a-1 th what is it', 'รหัสผ่านคืออะไร'],
  ['76a-1 th a sentence without blanks', 'รหัสผ่านคือสิ่งที่ต้องเก็บเป็นความลับ'],
  ['76a-1 th prompt', 'รหัสผ่าน: กรุณาใส่รหัสผ่าน'],
  ['76a-15 a comparison', 'пароль == x'],
  ['76a-21 fr prompt', 'mot de passe : Saisissez votre mot de passe'],
  ['76a-21 fr too short', 'Mot de passe : trop court'],
  ['76a-21 fr see the store', 'Mot de passe : voir keepass'],
  ['76a-21 fr to change', 'Mot de passe : à changer'],
  ['76a-21 fr not set', 'Mot de passe : non défini'],
  ['76a-21 ru prompt', 'пароль: Введите пароль'],
  ['76a-21 ru prompt, lower case', 'пароль: введите пароль'],
  ['76a-21 ru not set', 'Пароль: не задан'],
  ['76a-21 ru too short', 'Пароль: слишком короткий'],
  ['76a-21 ru enter a new one', 'Пароль: введите новый'],
  ['76a-21 ru see the vault', 'Пароль: смотрите в vault'],
  ['76a-21 a host name', 'The password is db.prod.example.com'],
  ['76a-21 a file name', 'The password is in secrets.enc.yaml'],
];

describe('round 76 (native76): passwords after a label in another language', () => {
  test.each(leaks)('%s is refused at the config door', (_, text, secret) => {
    const refusal = configDoor(text);
    expect(refusal).toMatch(REFUSED);
    expect(refusal).not.toContain(secret);
  });
  test.each(leaks)('%s is refused beside a K3sVipCluster', (_, text, secret) => {
    const refusal = besideDoor(text);
    expect(refusal).toMatch(REFUSED);
    expect(refusal).not.toContain(secret);
  });
  test.each(prose)('%s passes at the config door', (_, text) => expect(configDoor(text)).toBe(''));
  test.each(prose)('%s passes beside a K3sVipCluster', (_, text) => expect(besideDoor(text)).toBe(''));
});

describe('native labels stay linear', () => {
  const units = [
    'パスワードは ひまわり です\n密码: 请输入密码\n',
    'пароль: правильная лошадь батарейка ',
    'mot de passe : a b c d e f g ',
    'ПАРОЛЬ_ПАРОЛЬ_ПАРОЛЬ_',
    'รหัสผ่านคือ',
  ];
  beforeAll(() => secretsInData({ k: units[0] }));
  test.each(units)('100 kB of %j is judged within 2 s', (unit) => {
    const text = unit.repeat(Math.ceil(100_000 / unit.length)).slice(0, 100_000);
    const start = process.cpuUsage();
    secretsInData({ k: text });
    expect(cpuMillisSince(start)).toBeLessThan(6000);
  });
});
