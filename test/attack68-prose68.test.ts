// Round 68 (prose68): a password in a note after a label that names it, in the shapes round 68a found written: French
// spacing before the colon (68a-1), more languages' names of a password and a qualifier before the colon (68a-3), the
// value on the line below or in a fenced block below a label (68a-4, 68a-9), Wi-Fi notes (68a-5), and sign-in and
// prompt sentences (68a-2, 68a-22). Each is refused and never shown; the plain notes beside them stay accepted.
import { foreignProsePasswordSpans } from '../src/core/foreign-prose-passwords';
import { labelledPasswordSpans } from '../src/core/labelled-password-values';
import { tableColumnSpans } from '../src/core/table-columns';
import { wifiKeySpans } from '../src/core/wifi-key-lines';
import { configErrors, withTraefikValues } from './helpers';

const errorsOf = (text: string): string[] =>
  configErrors(
    withTraefikValues({
      extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'notes', namespace: 'default' }, data: { c000: text } }],
    }),
  );

// [row, the text, the secret it holds (never shown)]
const SECRETS: ReadonlyArray<readonly [string, string, string]> = [
  // 68a-1
  ['68a-1 French blank before colon', 'Mot de passe : espadon', 'espadon'],
  ['68a-1 French lower case, digits', 'mot de passe : Espadon42', 'Espadon42'],
  ['68a-1 French no-break space', 'Mot de passe\u00a0: espadon', 'espadon'],
  ['68a-1 French narrow no-break space', 'Mot de passe\u202f: espadon', 'espadon'],
  ['68a-1 French account and password', 'Identifiant : admin, mot de passe : espadon', 'espadon'],
  ['68a-1 French Wi-Fi note', 'Réseau : HomeNet\nClé : espadon', 'espadon'],
  // 68a-3
  ['68a-3 Persian', 'رمز عبور: swordfish', 'swordfish'],
  ['68a-3 Persian 2', 'گذرواژه: swordfish', 'swordfish'],
  ['68a-3 Urdu', 'پاس ورڈ: swordfish', 'swordfish'],
  ['68a-3 Malay', 'Kata laluan: ikanpedang', 'ikanpedang'],
  ['68a-3 Bengali', 'পাসওয়ার্ড: swordfish', 'swordfish'],
  ['68a-3 Georgian', 'პაროლი: swordfish', 'swordfish'],
  ['68a-3 Armenian', 'Գաղտնաբառ: swordfish', 'swordfish'],
  ['68a-3 Serbian Cyrillic', 'Лозинка: swordfish', 'swordfish'],
  ['68a-3 Bulgarian', 'Парола: swordfish', 'swordfish'],
  ['68a-3 Ukrainian', 'гасло: рибамеч', 'рибамеч'],
  ['68a-3 Latvian', 'Parole: zobenzivs', 'zobenzivs'],
  ['68a-3 Basque', 'Pasahitza: ezpatarraina', 'ezpatarraina'],
  ['68a-3 Galician', 'Contrasinal: peixeespada', 'peixeespada'],
  ['68a-3 Swahili', 'Nenosiri: swordfish', 'swordfish'],
  ['68a-3 Russian qualifier', 'Пароль от Wi-Fi: рыбамеч', 'рыбамеч'],
  ['68a-3 Tagalog qualifier', 'Password ng admin: swordfish', 'swordfish'],
  ['68a-3 Hungarian possessive', 'A root jelszava kardhal', 'kardhal'],
  ['68a-3 Turkish possessive', 'Şifresi kılıçbalığı', 'kılıçbalığı'],
  ['68a-3 Turkish possessive, account', 'admin kullanıcısının şifresi kılıçbalığı', 'kılıçbalığı'],
  // 68a-4
  ['68a-4 Arabic below', 'كلمة المرور\nswordfish', 'swordfish'],
  ['68a-4 Greek below', 'Κωδικός\nξιφίας', 'ξιφίας'],
  ['68a-4 Vietnamese below', 'Mật khẩu\ncákiếm', 'cákiếm'],
  ['68a-4 Indonesian below', 'Kata sandi\nikanpedang', 'ikanpedang'],
  ['68a-4 German Wi-Fi key below', 'WLAN-Schlüssel\nSchwertfisch', 'Schwertfisch'],
  ['68a-4 Russian qualifier below', 'Пароль от Wi-Fi\nрыбамеч', 'рыбамеч'],
  ['68a-4 French Wi-Fi key below', 'Clé Wi-Fi\nespadon', 'espadon'],
  ['68a-4 inline code below', 'Password:\n`swordfish`', 'swordfish'],
  ['68a-4 one-column table', '| Password |\n|---|\n| swordfish |', 'swordfish'],
  ['68a-4 Arabic column header', '| المستخدم | كلمة المرور |\n|---|---|\n| admin | swordfish |', 'swordfish'],
  // 68a-5
  ['68a-5 SSID/Key table', '| SSID | Key |\n|---|---|\n| HomeNet | swordfish |', 'swordfish'],
  ['68a-5 German WLAN note', 'WLAN: HomeNet\nSchlüssel: Schwertfisch', 'Schwertfisch'],
  ['68a-5 French network note', 'Réseau : HomeNet\nClé : espadon', 'espadon'],
  ['68a-5 Spanish Wi-Fi key', 'Clave WiFi: pezespada', 'pezespada'],
  ['68a-5 French Wi-Fi key', 'Clé WiFi: espadon', 'espadon'],
  ['68a-5 Italian Wi-Fi key', 'Chiave Wi-Fi: pescespada', 'pescespada'],
  ['68a-5 SSID then WPA2', 'SSID: HomeNet\nWPA2: swordfish', 'swordfish'],
  ['68a-5 Wi-Fi slash', 'Wi-Fi: HomeNet / swordfish', 'swordfish'],
  ['68a-5 Wi-Fi bracket', 'Wi-Fi HomeNet (swordfish)', 'swordfish'],
  ['68a-5 Debian wpa-psk', 'auto wlan0\niface wlan0 inet dhcp\n    wpa-ssid HomeNet\n    wpa-psk swordfish', 'swordfish'],
  ['68a-5 Cisco wpa-psk ascii', 'wpa-psk ascii 0 swordfish', 'swordfish'],
  ['68a-5 Cisco IOS-XE set-key', 'wlan HomeNet 1 HomeNet\n security wpa akm psk set-key ascii 0 swordfish', 'swordfish'],
  // 68a-9
  ['68a-9 German lautet, fence', 'Das Passwort lautet:\n```\nSchwertfisch\n```', 'Schwertfisch'],
  ['68a-9 German für root, fence', 'Passwort für root:\n```\nSchwertfisch\n```', 'Schwertfisch'],
  ['68a-9 Spanish es, fence', 'La contraseña es:\n```\npezespada\n```', 'pezespada'],
  // 68a-2
  ['68a-2 password prompt', 'Password prompt: swordfish', 'swordfish'],
  ['68a-2 user and password', 'Log on with user admin and password swordfish', 'swordfish'],
  ['68a-2 user admin and password', 'user admin and password swordfish', 'swordfish'],
  ['68a-2 master password', 'Master password swordfish', 'swordfish'],
  ['68a-2 bracket', 'admin (password swordfish)', 'swordfish'],
  ['68a-2 was changed to', 'The admin password was changed to swordfish yesterday', 'swordfish'],
  ['68a-2 now', 'Admin password now swordfish', 'swordfish'],
  ['68a-2 equals', 'password equals swordfish', 'swordfish'],
  ['68a-2 as password', 'Connect with username admin and swordfish as password.', 'swordfish'],
  ['68a-2 enter when prompt appears', 'Enter swordfish when the password prompt appears.', 'swordfish'],
  ['68a-2 reply to prompt', 'Reply swordfish to the password prompt.', 'swordfish'],
  ['68a-2 when asked, type:', 'When asked for the passphrase, type: swordfish', 'swordfish'],
  ['68a-2 use admin/x to log in', 'Use admin/swordfish to log in.', 'swordfish'],
  ['68a-2 pass phrase is', 'The pass phrase is swordfish', 'swordfish'],
  ['68a-2 secret word is', 'The secret word is swordfish', 'swordfish'],
  ['68a-2 unlock code', 'Unlock code: swordfish', 'swordfish'],
  ['68a-2 bold label', '**Password** swordfish', 'swordfish'],
  ['68a-2 underscore label', '__Password__ swordfish', 'swordfish'],
  ['68a-2 currently', 'rotate password (currently swordfish)', 'swordfish'],
  ['68a-2 , currently', 'The password, currently swordfish, expires soon', 'swordfish'],
  ['68a-2 default password', 'The router still uses the default password swordfish', 'swordfish'],
  ['68a-2 Sign-in: admin:x', 'Sign-in: admin:swordfish', 'swordfish'],
  ['68a-2 Sign in: admin, x', 'Sign in: admin, swordfish', 'swordfish'],
  ['68a-2 Sign in with admin and x', 'Sign in with admin and swordfish', 'swordfish'],
  ['68a-2 account (x)', 'Log in with the admin account (swordfish)', 'swordfish'],
  ['68a-2 log in with', 'Both admin and ops log in with swordfish', 'swordfish'],
  ['68a-2 same password,', 'Users admin and ops use the same password, swordfish', 'swordfish'],
  ['68a-2 old and new', 'Old password swordfish, new password marlin', 'swordfish'],
  ['68a-2 tab', 'Password\tswordfish', 'swordfish'],
  ['68a-2 tilde', 'Password ~ swordfish', 'swordfish'],
  // 68a-22
  ['68a-22 French sign in', 'Connectez-vous avec admin:espadon', 'espadon'],
  ['68a-22 French account, password', 'Utilisateur admin, mot de passe espadon', 'espadon'],
  ['68a-22 Italian sign in', 'Accedi con admin:pescespada', 'pescespada'],
  ['68a-22 Italian account, password', 'Utente admin, password pescespada', 'pescespada'],
  ['68a-22 Portuguese sign in', 'Faça login com admin:peixeespada', 'peixeespada'],
  ['68a-22 Portuguese account, password', 'Usuário admin, senha peixeespada', 'peixeespada'],
  ['68a-22 Dutch sign in', 'Log in met admin:zwaardvis', 'zwaardvis'],
  ['68a-22 Dutch and password', 'Log in met admin en wachtwoord zwaardvis', 'zwaardvis'],
  ['68a-22 German als mit Passwort', 'Melde dich als admin mit Passwort Schwertfisch an', 'Schwertfisch'],
  ['68a-22 German Anmelden mit Benutzer', 'Anmelden mit Benutzer admin und Passwort Schwertfisch', 'Schwertfisch'],
  ['68a-22 Spanish como con la contraseña', 'Inicia sesión como admin con la contraseña pezespada', 'pezespada'],
  ['68a-22 Spanish la clave', 'Entra con el usuario admin y la clave pezespada', 'pezespada'],
  ['68a-22 Russian', 'Войдите как admin с паролем рыбамеч', 'рыбамеч'],
  ['68a-22 Polish', 'Zaloguj się jako admin hasłem mieczyk', 'mieczyk'],
  ['68a-22 Chinese', '用 admin 登录，密码 swordfish', 'swordfish'],
  ['68a-22 Japanese', 'admin でログインし、パスワードに swordfish を入力します', 'swordfish'],
];

// Not fixed in this round: a PIN of four digits after `暗証番号:` (a short number is a count or a port elsewhere) and a
// Markdown footnote holding the value (`The password[^1].` … `[^1]: swordfish`).
test.todo('68a-3 Japanese PIN: 暗証番号: 4711');
test.todo('68a-2 footnote: The password[^1]. … [^1]: swordfish');

const ACCEPTED: ReadonlyArray<readonly [string]> = [
  ['Password: stored in Vault.'],
  ['Passwort: mindestens 12 Zeichen.'],
  ['Mot de passe : voir le coffre'],
  ['Mot de passe : dans le coffre.'],
  ['Mot de passe\u00a0: obligatoire'],
  ['SSID: Guest\nKey: open'],
  ['Réseau : Invités\nClé : aucune'],
  ['| SSID | Key |\n|---|---|\n| Guest | open |'],
  ['Пароль от Wi-Fi: смотрите в Vault'],
  ['Password ng admin: nasa Vault'],
  ['Парола: задължителна'],
  ['Sign in with GitHub and Google'],
  ['Log in with the admin account (see Vault)'],
  ['The password prompt appears after a second.'],
  ['Enter the password when the password prompt appears.'],
  ['wpa-psk ascii 0 $WIFI_KEY'],
  ['Das Passwort lautet:\n```\nvault kv get secret/k3s/root\n```'],
  ['| Password |\n|---|\n| Required |'],
  ['Wi-Fi: HomeNet (5 GHz)'],
  ['The router still uses the default password policy.'],
  ['Master password policy'],
  ['Unlock code: see the runbook.'],
  ['Wi-Fi: HomeNet (5G)'],
  ['Wi-Fi HomeNet (2.4 GHz)'],
  ['SSID: Guest\nWPA2: enabled'],
  ['wpa-psk mode is used here'],
  ['Sign in: admin, then continue'],
  ['Log in as admin with password auth'],
  ['user admin and password reset'],
  ['The new password must be 12 characters.'],
  ['password equals the one in Vault'],
  ['**Password** required'],
  ['Both admin and ops log in with GitHub'],
  ['Passwort für root:\n```\nvault kv get secret/root\n```'],
  ['كلمة المرور\nمطلوبة'],
  ['Κωδικός\nυποχρεωτικός'],
  ['Clé Wi-Fi\nvoir le routeur'],
  ['Identifiant : admin, mot de passe : dans le coffre'],
  ['Kata laluan: diperlukan'],
  ['Parole: denied'],
  ['密码 reset'],
  ['Kata sandi: lihat Vault'],
];

describe('68a: a password after a label that names it is refused, never shown', () => {
  test.each(SECRETS)('%s', (_row, text, secret) => {
    const errors = errorsOf(text);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).not.toContain(secret);
  });
});

describe('68a: the notes beside them stay accepted', () => {
  test.each(ACCEPTED)('%s', (text) => {
    expect(errorsOf(text)).toEqual([]);
  });
});

// Each reader stays linear on hostile input: 100 kB of a label's start repeated, under 2 s of CPU time (a quadratic reading takes minutes; speed itself is the bench's).
const HOSTILE = [
  'Mot de passe\u00a0',
  'Sign in with admin and ',
  'user admin and ',
  'Log in as admin with ',
  'a and b and ',
  'Wi-Fi HomeNet (',
  'Password ~ ',
  '**Password** ',
  'wpa-psk ascii 0 ',
  'Пароль от ',
  'Passwort für root lautet\n',
  '| كلمة المرور ',
  '|---|\n| Password |\n',
];
const READERS = { labelledPasswordSpans, foreignProsePasswordSpans, wifiKeySpans, tableColumnSpans };

describe('68a: the readers stay linear', () => {
  test.each(HOSTILE)('%j', (unit) => {
    const text = unit.repeat(Math.ceil(100_000 / unit.length));
    for (const [name, read] of Object.entries(READERS)) {
      const before = process.cpuUsage();
      read(text);
      const { user, system } = process.cpuUsage(before);
      expect([name, (user + system) / 1000 < 2_000]).toEqual([name, true]);
    }
  });
});
