import { proseGeneratedPasswordSpans } from '../src/core/prose-generated-passwords';
import { secretsInComments, secretsInData } from '../src/core/secrets';
import { valuesDoors } from './helpers';
import { cpuMillisSince } from './cpu-time';

/**
 * Round 78 (prose78): one rule for a password in a sentence, not one more wording. A word shaped as a chosen or generated
 * password (both cases, letters and digits interleaved) in a sentence that names a password, in any known language, is
 * the secret wherever it stands, before or after the label (78a-9, 78a-20), in a runbook note or a comment (78a-5); a
 * sentence of plain words, a store's name with a case ending among them (78a-12: `Salasana on Vaultissa`), is prose.
 * Each refused row has the nearest plain text beside it that must pass, and back.
 */
const judged = (line: string) => secretsInData({ 'runbook.md': `Runbook\n${line}\n` });

// [finding, line]: a password, refused.
const secrets: Array<[string, string]> = [
  ['78a-9 German, genitive and adverb', 'Das Passwort vom Router ist jetzt Zx9kq2Lm'],
  ['78a-9 French, adverb', 'Le mot de passe du routeur est désormais Zx9kq2Lm'],
  ['78a-9 Spanish, verb first', 'El router usa la contraseña Zx9kq2Lm'],
  ['78a-9 Dutch, colon then adverb', 'Wachtwoord van de router: nu Zx9kq2Lm'],
  ['78a-9 Swedish, owner first', 'Routerns lösenord är numera Zx9kq2Lm'],
  ['78a-9 Russian, qualifier and adverb', 'Пароль от роутера теперь Zx9kq2Lm'],
  ['78a-9 Ukrainian', 'Пароль до роутера тепер Zx9kq2Lm'],
  ['78a-9 Czech', 'Heslo k routeru je teď Zx9kq2Lm'],
  ['78a-9 Polish', 'Hasło do routera to teraz Zx9kq2Lm'],
  ['78a-9 Chinese, adverb', '路由器的密码现在是 Zx9kq2Lm'],
  ['78a-9 Chinese, glued', '路由器的密码现在是Zx9kq2Lm'],
  ['78a-9 Korean, value then copula', '라우터 비밀번호는 이제 Zx9kq2Lm 입니다'],
  ['78a-9 Hebrew construct state', 'סיסמת הנתב היא Zx9kq2Lm'],
  ['78a-9 Thai', 'รหัสผ่านเราเตอร์คือ Zx9kq2Lm'],
  ['78a-9 Vietnamese', 'Mật khẩu của router là Zx9kq2Lm'],
  ['78a-9 Indonesian', 'Kata sandi router adalah Zx9kq2Lm'],
  ['78a-9 Turkish possessive', 'Router şifresi artık Zx9kq2Lm'],
  ['78a-9 Finnish', 'Routerin salasana on nyt Zx9kq2Lm'],
  ['78a-9 Hungarian possessive', 'A router jelszava most Zx9kq2Lm'],
  ['78a-9 Romanian', 'Parola routerului este Zx9kq2Lm'],
  ['78a-9 Danish', 'Routerens adgangskode er nu Zx9kq2Lm'],
  ['78a-9 Norwegian', 'Ruterens passord er nå Zx9kq2Lm'],
  ['78a-9 Serbo-Croatian', 'Lozinka za ruter je Zx9kq2Lm'],
  ['78a-9 Bulgarian', 'Паролата на рутера е Zx9kq2Lm'],
  ['78a-9 German login', 'Melde dich als root mit Zx9kq2Lm an'],
  ['78a-9 French login', 'Connecte-toi en root avec Zx9kq2Lm'],
  ['78a-9 Spanish login', 'Entra como root con Zx9kq2Lm'],
  ['78a-9 Japanese login', 'root でログイン、パスワード Zx9kq2Lm'],
  ['78a-9 value first, German', 'Zx9kq2Lm ist das Passwort'],
  ['78a-9 value first, Italian', 'Zx9kq2Lm è la password'],
  ['78a-9 value first, Spanish', 'Zx9kq2Lm es la contraseña'],
  ['78a-9 value first, Russian', 'Zx9kq2Lm — это пароль'],
  ['78a-9 value first, Japanese', 'Zx9kq2Lm がパスワードです'],
  ['78a-9 value first, Chinese', 'Zx9kq2Lm 是密码'],
  ['78a-20 login with', 'login with Zx9kq2Lm'],
  ['78a-20 temp password', 'temp password Zx9kq2Lm'],
  ['78a-20 label in brackets after', 'Zx9kq2Lm (password)'],
  ["78a-20 admin's password", "Zx9kq2Lm is admin's password"],
  ['78a-20 seven words before the label', 'Zx9kq2Lm is what you type at the password prompt'],
  ['78a-20 qualifier then =', 'db password in prod = Zx9kq2Lm'],
  ['78a-20 I set was', 'the password I set was Zx9kq2Lm'],
  ['78a-20 is now', 'password is now Zx9kq2Lm'],
  ['78a-20 is still', 'password is still Zx9kq2Lm'],
  ['78a-20 will be', 'password will be Zx9kq2Lm'],
  ['78a-20 should be', 'password should be Zx9kq2Lm'],
  ['78a-20 becomes', 'password becomes Zx9kq2Lm'],
  ['78a-20 reads', 'password reads Zx9kq2Lm'],
  ['78a-20 next wording: mid-sentence', 'password is now Zx9kq2Lm until Friday'],
  ['78a-20 next wording: sign, before the label', 'Summer#2024 is the admin password'],
  ['78a-20 next: a person’s leet word', 'the wifi password is Passw0rd1 for guests'],
  ['78a-5 db pass', 'db pass Zx9kq2Lm'],
  ['78a-5 root password', 'root password Hj4kl8Mn'],
  ['78a-5 vpn pass', 'vpn pass Pl9ok8Ij'],
  ['78a-5 Ukrainian of the database', 'пароль від бази Tg5rf4Ed'],
  ['78a-5 redis requirepass', 'redis requirepass Uj8ik9Ol'],
  ['78a-12 nearest secret: Finnish with a value', 'Salasana on Zx9kq2Lm'],
  ['78a-12 nearest secret: Turkish with a value', 'Şifre Zx9kq2Lm'],
  ['78a-12 nearest secret: a word with a sign', 'Salasana on Kissa2024!'],
];

// [finding, line]: prose, passes.
const prose: Array<[string, string]> = [
  ['78a-12 Finnish in Vault', 'Salasana on Vaultissa'],
  ['78a-12 Finnish in KeePass', 'Salasana on KeePassissa'],
  ['78a-12 Turkish in Vault', 'Şifre Vaultta'],
  ['78a-12 Finnish from Vault', 'Salasana löytyy Vaultista'],
  ['78a-12 Hungarian in KeePass', 'Jelszó a KeePassban'],
  ['78a-12 Estonian', 'Parool on Vaultis'],
  ['78a-12 Lithuanian', 'Slaptažodis yra Vaulte'],
  ['78a-12 Latvian', 'Parole ir Vaultā'],
  ['78a-12 Slovene', 'Geslo je v Vaultu'],
  ['78a-12 Turkish in the safe', 'Şifre kasada'],
  ['78a-9 nearest prose: German in the safe', 'Das Passwort vom Router ist jetzt im Tresor'],
  ['78a-9 nearest prose: Russian in Vault', 'Пароль от роутера теперь в Vault'],
  ['78a-9 nearest prose: Chinese in Vault', '路由器的密码现在保存在 Vault 中'],
  ['78a-9 nearest prose: Korean in Vault', '라우터 비밀번호는 이제 Vault에 있습니다'],
  ['78a-9 nearest prose: value-first form with a product', 'PostgreSQL15 ist das Ziel, das Passwort liegt im Vault'],
  ['78a-9 nearest prose: login via SSO', 'Melde dich als root mit SSO2024 an'],
  ['78a-20 nearest prose: is now in Vault', 'password is now in Vault'],
  ['78a-20 nearest prose: a word with a year', 'password is now rotated by Keycloak26'],
  ['78a-20 nearest prose: an algorithm', 'password hashing uses Argon2id and utf8mb4 columns'],
  ['78a-20 nearest prose: a rule’s example', 'passwords ≥ 12 chars, e.g. Mixed1Case'],
  ['78a-20 nearest prose: a ticket', 'root password is in Vault, see KB2024-17'],
  ['78a-20 nearest prose: a path', 'The password is stored in Vault under kv/Prod2024.'],
  ['78a-20 nearest prose: the next sentence', 'Rotate the password monthly. Build Zx9kq2Lm passed.'],
  ['78a-5 nearest prose: db pass in Vault', 'db pass in Vault'],
  ['78a-5 nearest prose: a version', 'root password set on Ubuntu22 hosts'],
];

describe('round 78 (prose78): the secret reader', () => {
  test.each(secrets)('%s is refused', (_, line) => expect(judged(line).length).toBeGreaterThan(0));
  test.each(prose)('%s passes', (_, line) => expect(judged(line)).toEqual([]));
});

describe('round 78 (prose78): comments and the config door', () => {
  test('78a-5: runbook notes in comments are read, a note that says where is not', () => {
    const yaml = [
      'kubeVip:',
      '  version: v1.2.3 # db pass Zx9kq2Lm',
      '  address: 192.168.0.40 # root password Hj4kl8Mn',
      '  # vpn pass Pl9ok8Ij',
      '  # пароль від бази Tg5rf4Ed',
      '  # redis requirepass Uj8ik9Ol',
      '  # the password is in Vault, see KB2024-17',
      '  # Salasana on Vaultissa',
    ].join('\n');
    expect(secretsInComments(yaml)).toEqual([
      'db pass Zx9kq2Lm',
      'root password Hj4kl8Mn',
      'vpn pass Pl9ok8Ij',
      'пароль від бази Tg5rf4Ed',
      'redis requirepass Uj8ik9Ol',
    ]);
  });
  test('config door: every leak refused at once, no prose row, no value quoted', () => {
    const annotations = Object.fromEntries([
      ...secrets.slice(0, 55).map(([, line], i) => [`s${i}`, line]),
      ...prose.map(([, line], i) => [`p${i}`, line]),
    ]);
    const refusal = valuesDoors.config({ deployment: { podAnnotations: annotations } });
    expect(
      secrets
        .slice(0, 55)
        .map((_, i) => `s${i}`)
        .filter((key) => !refusal.includes(`podAnnotations.${key}:`)),
    ).toEqual([]);
    expect(prose.map((_, i) => `p${i}`).filter((key) => refusal.includes(`podAnnotations.${key}:`))).toEqual([]);
    expect(refusal).not.toMatch(/Zx9kq2Lm|Hj4kl8Mn|Pl9ok8Ij|Tg5rf4Ed|Uj8ik9Ol|Passw0rd1|Summer#2024/);
  });
});

describe('round 78 (prose78): linear', () => {
  const units = ['password ', '密码 ', 'a password is now ', 'Zx9kq2Lm password '];
  beforeAll(() => units.map((unit) => proseGeneratedPasswordSpans(`${unit} 1`)));
  test.each(units)('100 kB of %j is read within 2 s', (unit) => {
    const text = `${unit.repeat(Math.ceil(100_000 / unit.length)).slice(0, 99_990)} 1`;
    const start = process.cpuUsage();
    proseGeneratedPasswordSpans(text);
    expect(cpuMillisSince(start)).toBeLessThan(6000);
  });
});
