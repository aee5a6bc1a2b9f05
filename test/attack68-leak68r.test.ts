// Round 68 (leak68r): a dictionary-word secret where its place says what it is, at every text door (a ConfigMap in
// extraObjects, an env value, kubeVip.interface; K3sVipCluster, TraefikHelmChartConfig and the write gate), named by key
// path and by its rule, never shown: 68a-6 router config lines (OpenWrt UCI `option password '…'`, VyOS `private-key` and
// the curly `show configuration` form, Cisco `ppp chap password`, `ntp authentication-key`, PAN-OS `set mgt-config`,
// Huawei `local-user … irreversible-cipher`), 68a-8 other languages' quotation marks (「」『』“”《》, `« … »`, `„…”`,
// `'…'입니다`), 68a-10 Cyrillic and Greek look-alike letters inside a secret's name, 68a-11 hex dumps in groups (`xxd`,
// spaced, colon-separated) and 68a-19 a literal in a credential call's password place. Their neighbours that hold no
// secret (a reference, an empty value, a placeholder, a hash, a sentence's word, a real Russian or Greek word) stay.
import { deviceConfigSpans } from '../src/core/device-config-lines';
import { foldLetters } from '../src/core/folded-letters';
import { foreignProsePasswordSpans } from '../src/core/foreign-prose-passwords';
import { callCredentialSpans } from '../src/core/credential-calls';
import { labelledPasswordSpans } from '../src/core/labelled-password-values';
import { nameValueSpans } from '../src/core/name-value-pairs';
import { plaintextCredentialSpans } from '../src/core/plaintext-credentials';
import { decodings } from '../src/core/text-decodings';
import { uciOptionSpans } from '../src/core/uci-option-lines';
import { acceptedEverywhere, refusedAtTextDoors, refusedEverywhere, textConfigMap } from './secret-doors';
import { configErrors, devConfig, valuesDoors, withChanges } from './helpers';
import { cpuMillisSince } from './cpu-time';

const UCI = 'OpenWrt UCI';
const DEVICE = "network device's config line";
const FOREIGN = 'in another language';
const LABELLED = 'right after a label';
const DECODED = 'once decoded';
const CALL = "call's argument";
const PAIR = 'call or pair';
const WG = 'WireGuard key fed to wg';

// [row, the text, the secret it holds (never shown), what a message names]
const SECRETS: ReadonlyArray<readonly [string, string, string, string]> = [
  // 68a-6: OpenWrt UCI
  [
    '68a-6 UCI PPPoE interface',
    "config interface 'wan'\n\toption proto 'pppoe'\n\toption username 'bob'\n\toption password 'swordfish'",
    'swordfish',
    UCI,
  ],
  ['68a-6 UCI option password', "option password 'swordfish'", 'swordfish', UCI],
  ['68a-6 UCI option password unquoted', '\toption password swordfish', 'swordfish', UCI],
  ['68a-6 UCI option password double-quoted', 'option password "swordfish"', 'swordfish', UCI],
  ['68a-6 UCI list password', "list password 'swordfish'", 'swordfish', UCI],
  ['68a-6 UCI DDNS service', "config service 'myddns'\n\toption password 'swordfish'", 'swordfish', UCI],
  ['68a-6 UCI sae_password', "option sae_password 'swordfish'", 'swordfish', UCI],
  ['68a-6 UCI auth_secret', "option auth_secret 'swordfish'", 'swordfish', UCI],
  ['68a-6 UCI private_key', "option private_key 'swordfish'", 'swordfish', UCI],
  ['68a-6 UCI generated value', "option password 'Xk9mQ2vLpT7w'", 'Xk9mQ2vLpT7w', UCI],
  // 68a-6: VyOS, Junos, Cisco, PAN-OS, Huawei
  ['68a-6 VyOS wireguard private-key', "set interfaces wireguard wg0 private-key 'swordfish'", 'swordfish', DEVICE],
  ['68a-6 VyOS wireguard peer preshared-key', "set interfaces wireguard wg0 peer home preshared-key 'swordfish'", 'swordfish', DEVICE],
  ['68a-6 Cisco ppp chap password', 'ppp chap password swordfish', 'swordfish', DEVICE],
  [
    '68a-6 Cisco ppp chap password 0 in a dialer',
    'interface Dialer1\n ppp chap hostname bob\n ppp chap password 0 swordfish',
    'swordfish',
    DEVICE,
  ],
  ['68a-6 Cisco ppp pap sent-username password', 'ppp pap sent-username bob password 0 swordfish', 'swordfish', DEVICE],
  ['68a-6 Cisco ntp authentication-key', 'ntp authentication-key 1 md5 swordfish', 'swordfish', DEVICE],
  ['68a-6 Cisco ntp authentication-key, type after', 'ntp authentication-key 1 md5 swordfish 7', 'swordfish', DEVICE],
  ['68a-6 PAN-OS mgt-config password', 'set mgt-config users admin password swordfish', 'swordfish', DEVICE],
  ['68a-6 Huawei local-user irreversible-cipher', 'local-user admin password irreversible-cipher swordfish', 'swordfish', DEVICE],
  // 68a-8: quotation marks
  ['68a-8 Japanese corner brackets', 'パスワードは「swordfish」です', 'swordfish', FOREIGN],
  ['68a-8 Japanese white corner brackets', 'パスワードは『swordfish』', 'swordfish', FOREIGN],
  ['68a-8 Japanese full-width colon', 'パスワード：『swordfish』', 'swordfish', FOREIGN],
  ['68a-8 Chinese corner brackets', '密码是「swordfish」', 'swordfish', FOREIGN],
  ['68a-8 Chinese quotes', '密码是“swordfish”', 'swordfish', FOREIGN],
  ['68a-8 Chinese title marks', '密码是《swordfish》', 'swordfish', FOREIGN],
  ['68a-8 Korean quotes and particle', "비밀번호는 '스워드피시'입니다", '스워드피시', FOREIGN],
  ['68a-8 Korean corner brackets', '비밀번호는 「swordfish」', 'swordfish', FOREIGN],
  ['68a-8 French spaced guillemets', 'Le mot de passe est « espadon ».', 'espadon', LABELLED],
  ['68a-8 French label and colon, guillemets', 'Mot de passe: « espadon »', 'espadon', FOREIGN],
  ['68a-8 French label, blank before the colon', 'Mot de passe : espadon', 'espadon', FOREIGN],
  ['68a-8 French label, no-break space before the colon', 'Mot de passe\u00a0: espadon', 'espadon', FOREIGN],
  ['68a-8 Russian guillemets', 'пароль «рыбамеч»', 'рыбамеч', FOREIGN],
  ['68a-8 Polish low quotes', 'Hasło to „mieczyk”.', 'mieczyk', FOREIGN],
  ['68a-8 German guillemets', 'Das Passwort lautet »Schwertfisch«.', 'Schwertfisch', LABELLED],
  ['68a-8 single guillemets', 'The password is ‹swordfish›.', 'swordfish', LABELLED],
  // 68a-10: look-alike letters
  ['68a-10 Cyrillic a', 'p\u0430ssword: swordfish', 'swordfish', DECODED],
  ['68a-10 Cyrillic o', 'passw\u043erd: swordfish', 'swordfish', DECODED],
  ['68a-10 Cyrillic A in an env line', 'DB_P\u0410SSWORD=swordfish', 'swordfish', DECODED],
  ['68a-10 Cyrillic o in token', 't\u043eken: swordfish', 'swordfish', DECODED],
  ['68a-10 Cyrillic e in secret', 's\u0435cr\u0435t: swordfish', 'swordfish', DECODED],
  ['68a-10 Greek Rho', '\u03a1ASSWORD: swordfish', 'swordfish', DECODED],
  ['68a-10 Greek omicron', 'passw\u03bfrd: swordfish', 'swordfish', DECODED],
  ['68a-10 all Greek TOKEN', '\u03a4\u039f\u039a\u0395\u039d=swordfish', 'swordfish', DECODED],
  ['68a-10 German word with a Cyrillic e', 'K\u0435nnwort=swordfish', 'swordfish', DECODED],
  ['68a-10 in a sentence', 'The p\u0430ssword is swordfish', 'swordfish', LABELLED],
  // 68a-11: hex in groups
  ['68a-11 xxd grouping', '4442 5f50 4153 5357 4f52 443d 7377 6f72 6466 6973 68', 'swordfish', DECODED],
  ['68a-11 spaced bytes', '44 42 5f 50 41 53 53 57 4f 52 44 3d 73 77 6f 72 64 66 69 73 68', 'swordfish', DECODED],
  ['68a-11 colon-separated bytes', '44:42:5f:50:41:53:53:57:4f:52:44:3d:73:77:6f:72:64:66:69:73:68', 'swordfish', DECODED],
  ['68a-11 upper-case spaced bytes', '44 42 5F 50 41 53 53 57 4F 52 44 3D 73 77 6F 72 64 66 69 73 68', 'swordfish', DECODED],
  ['68a-11 12 bytes (pw=swordfish)', '70 77 3d 73 77 6f 72 64 66 69 73 68', 'swordfish', DECODED],
  // 68a-19: credential calls
  ['68a-19 smtplib login', "server.login('ops@example.com', 'swordfish')", 'swordfish', CALL],
  ['68a-19 ftplib login', "ftp.login('bob', 'swordfish')", 'swordfish', CALL],
  ['68a-19 requests auth pair', "requests.get(url, auth=('admin', 'swordfish'))", 'swordfish', CALL],
  ['68a-19 HTTPBasicAuth', "requests.get(url, auth=HTTPBasicAuth('admin', 'swordfish'))", 'swordfish', CALL],
  [
    '68a-19 getConnection',
    'Connection c = DriverManager.getConnection("jdbc:postgresql://db/app", "app", "swordfish");',
    'swordfish',
    CALL,
  ],
  ['68a-19 new PDO', "$pdo = new PDO('mysql:host=db;dbname=app', 'app', 'swordfish');", 'swordfish', CALL],
  ['68a-19 new mysqli', "$c = new mysqli('db', 'app', 'swordfish', 'app');", 'swordfish', CALL],
  ['68a-19 mysqli_connect', "$db = mysqli_connect('db', 'app', 'swordfish', 'app');", 'swordfish', CALL],
  ['68a-19 NetworkCredential', 'var c = new NetworkCredential("admin", "swordfish", "CORP");', 'swordfish', CALL],
  ['68a-19 python-ldap simple_bind_s', "conn.simple_bind_s('cn=admin,dc=example,dc=com', 'swordfish')", 'swordfish', CALL],
  ['68a-19 Go SetBasicAuth', 'req.SetBasicAuth("admin", "swordfish")', 'swordfish', CALL],
  ['68a-19 Ruby basic_auth single-quoted', "req.basic_auth 'admin', 'swordfish'", 'swordfish', CALL],
  ['68a-19 Ruby basic_auth in parentheses', "req.basic_auth('admin', 'swordfish')", 'swordfish', CALL],
  ['68a-19 props.setProperty', 'props.setProperty("password", "swordfish");', 'swordfish', PAIR],
  ['68a-19 System.setProperty', 'System.setProperty("db.password", "swordfish");', 'swordfish', PAIR],
  ['68a-19 os.Setenv', 'os.Setenv("DB_PASSWORD", "swordfish")', 'swordfish', PAIR],
  ['68a-19 PHP define', "define( 'DB_PASSWORD', 'swordfish' );", 'swordfish', PAIR],
  ['68a-19 wg preshared-key <(echo …)', 'wg set wg0 peer ABC= preshared-key <(echo swordfish)', 'swordfish', WG],
];

/**
 * 68a-6: the curly form, read as its `set` lines. A line break is refused in kubeVip.interface before any rule names the
 * text (one line only), so these are judged at the doors of multi-line text, and kubeVip.interface only never shows them.
 */
const CURLY: ReadonlyArray<readonly [string, string, string, string]> = [
  [
    '68a-6 VyOS curly wpa passphrase',
    'interfaces {\n    wireless wlan0 {\n        security {\n            wpa {\n                passphrase swordfish\n            }\n        }\n    }\n}',
    'swordfish',
    DEVICE,
  ],
  [
    '68a-6 VyOS curly snmp community',
    'service {\n    snmp {\n        community swordfish {\n            authorization ro\n        }\n    }\n}',
    'swordfish',
    DEVICE,
  ],
  [
    '68a-6 VyOS curly wireguard private-key',
    'interfaces {\n    wireguard wg0 {\n        private-key swordfish\n    }\n}',
    'swordfish',
    DEVICE,
  ],
  [
    '68a-6 VyOS curly ipsec psk secret',
    'vpn {\n    ipsec {\n        authentication {\n            psk peer1 {\n                secret swordfish\n            }\n        }\n    }\n}',
    'swordfish',
    DEVICE,
  ],
  [
    '68a-6 Junos curly snmp community',
    'snmp {\n    community swordfish {\n        authorization read-only;\n    }\n}',
    'swordfish',
    DEVICE,
  ],
];

const ACCEPTED: ReadonlyArray<readonly [string]> = [
  // 68a-6
  ["option password ''"],
  ["option password 'none'"],
  ["option password '$PPP_PASSWORD'"],
  ["option password '<your password>'"],
  ["option proto 'pppoe'"],
  ["option key_file '/etc/x.key'"],
  ['option password'],
  ["set interfaces wireguard wg0 private-key '${WG_KEY}'"],
  ['ssl private-key /etc/ssl/x.pem'],
  ['ppp chap password required'],
  ['ppp chap password 5 $1$abcd$efghijklmnopqrstuv'],
  ['local-user admin password irreversible-cipher $1a$abcdefgh$ijklmnopqrstuvwxyz$'],
  ['ntp authentication-key 1 md5 ${NTP_KEY}'],
  ['set the password with docker login'],
  ['The ppp chap password is set per dialer.'],
  ['set mgt-config users admin phash $1$abcd$efghijklmnopqrstuv'],
  ['set mgt-config users admin permissions role-based superuser yes'],
  [
    'interfaces {\n    wireless wlan0 {\n        security {\n            wpa {\n                passphrase ${WIFI_PSK}\n            }\n        }\n    }\n}',
  ],
  ['service {\n    snmp {\n        community public {\n            authorization ro\n        }\n    }\n}'],
  ['system {\n    root-authentication {\n        encrypted-password "$6$abc$defghijklmnop";\n    }\n}'],
  ['server {\n    auth_basic "Restricted";\n    auth_basic_user_file /etc/nginx/htpasswd;\n}'],
  ['interfaces {\n    ethernet eth0 {\n        description key-switch\n    }\n}'],
  // 68a-8
  ['パスワードは「設定画面」で変更できます'],
  ['パスワードは「設定」から変更'],
  ['パスワードは「」です'],
  ['パスワードは「********」です'],
  ['パスワードは「<password>」'],
  ['Hasło to „<hasło>”.'],
  ['пароль «от» вайфая'],
  ['Le mot de passe est « à définir ».'],
  ['Le mot de passe est « requis ».'],
  ['Le mot de passe est « ${MDP} ».'],
  ['Mot de passe : voir le coffre'],
  ['Mot de passe : 12 caractères minimum'],
  // 68a-10
  ['пароль: ${DB_PASSWORD}'],
  ['привет: мир'],
  ['рассказ: сказка'],
  ['ΑΒΓ: δέλτα'],
  ['КЕКС: торт'],
  ['p\u0430ssword: ${DB_PASSWORD}'],
  ['K\u043ento: admin'],
  // 68a-11
  ['aa:bb:cc:dd:ee:ff'],
  ['00:1a:2b:3c:4d:5e:6f:70:81:92:a3:b4:c5'],
  ['fe80:0000:0000:0000:0202:b3ff:fe1e:8329'],
  ['de ad be ef'],
  ['70 77 3d 73 77 6f 72 64 66 69 73'],
  ['SHA256 fingerprint 43:51:43:a1:b5:fc:8b:b7:0a:3a:a9:b1:0f:66:73:a8'],
  // 68a-19
  ["server.login('ops@example.com', os.environ['SMTP_PASSWORD'])"],
  ['server.login(user, password)'],
  ["server.login('ops@example.com', '')"],
  ["server.login(user, 'changeme')"],
  ["server.login('ops@example.com', '<password>')"],
  ['login("%s", "%s")'],
  ["login('anonymous', 'guest@example.com')"],
  ['connect(button, "clicked")'],
  ["requests.get(url, auth=('admin', ''))"],
  ['DriverManager.getConnection(url, user, "${DB_PASSWORD}");'],
  ['req.SetBasicAuth("admin", os.Getenv("PW"))'],
  ['new PDO($dsn, $user, $pass);'],
  ["mysqli_connect('db', 'app', getenv('PW'), 'app')"],
  ['req.basic_auth user, pass'],
  ['props.setProperty("user", "admin");'],
  ['props.setProperty("password", "");'],
  ['props.setProperty("password", "${db.password}");'],
  ['props.setProperty("password", "password");'],
  ["t('password', 'Password')"],
  ['fields = ["password", "hidden"]'],
  ['map.put("token_type", "bearer")'],
  ["define( 'DB_PASSWORD', 'password_here' );"],
  ["define( 'AUTH_KEY', 'put your unique phrase here' );"],
  ["config.set('secret', 'Your secret here')"],
  ["localStorage.setItem('token', '')"],
  ['os.Setenv("DB_PASSWORD_FILE", "/run/secrets/db")'],
  ['auth("bearer")'],
  ['app.use(auth("basic"))'],
  ['wg set wg0 peer ABC= preshared-key /etc/wireguard/psk'],
  ['wg set wg0 peer ABC= preshared-key <(echo "$PSK")'],
  ['wg set wg0 peer ABC= preshared-key <(cat /etc/wireguard/psk)'],
];

describe('68a-6, 68a-8, 68a-10, 68a-11, 68a-19: the secret is refused at every text door, named, never shown', () => {
  refusedAtTextDoors(SECRETS);
});

describe('68a-6: the curly form at the doors of multi-line text', () => {
  test.each(CURLY)('ConfigMap text: %s', (_, text, secret) => refusedEverywhere(textConfigMap(text), 'extraObjects[0].data', secret));
  test.each(CURLY)('env value: %s', (_, text, secret) =>
    refusedEverywhere({ env: [{ name: 'APP_SETTING', value: text }] }, 'env[0]', secret),
  );
  test.each(CURLY)('shown nowhere by kubeVip.interface: %s', (_, text, secret) => {
    const errors = configErrors(withChanges(devConfig(), { kubeVip: { interface: text } })).join('\n');
    expect(errors).toContain('kubeVip.interface');
    expect(errors).not.toContain(secret);
  });
  test.each(CURLY)('named by its rule, the value alone found: %s', (_, text, secret, what) => {
    expect(valuesDoors.config(textConfigMap(text))).toContain(what);
    expect(deviceConfigSpans(text).map(([start, end]) => text.slice(start, end))).toEqual([secret]);
  });
});

describe('68a-8: the French label reads no sentence word as the value', () => {
  // As a ConfigMap's text with its line break these lines are read as YAML data too, which refuses them on main already
  // (`Mot de passe: (aucun)` sets a value under a key named like a secret): the French label's own reading is checked here.
  test.each([['Mot de passe : obligatoire'], ['Mot de passe : (aucun)'], ['Mot de passe : voir le coffre'], ['Mot de passe : « requis »']])(
    '%s',
    (text) => expect(foreignProsePasswordSpans(text)).toEqual([]),
  );
});

describe('their neighbours that hold no secret stay accepted', () => {
  test.each(ACCEPTED)('ConfigMap: %s', (text) => acceptedEverywhere(textConfigMap(text)));
  test.each(ACCEPTED)('env value: %s', (text) => acceptedEverywhere({ env: [{ name: 'APP_SETTING', value: text }] }));
});

describe('68a-10: a look-alike letter in a key or an env name is read as its Latin letter', () => {
  test.each([
    ['env name with a Cyrillic A', { env: [{ name: 'DB_P\u0410SSWORD', value: 'swordfish' }] }, 'env[0]'],
    ['chart value key with a Cyrillic a', { deployment: { podAnnotations: { 'p\u0430ssword': 'swordfish' } } }, 'podAnnotations'],
  ])('%s', (_, values, where) => refusedEverywhere(values, where, 'swordfish'));
  test('a real Russian or Greek word is kept as written (no Latin look-alike reading)', () => {
    expect(foldLetters('пароль СЕКРЕТ κωδικός')).toBe('пароль СЕКРЕТ κωδικος');
    expect(foldLetters('p\u0430ssword DB_P\u0410SSWORD \u03a1ASSWORD')).toBe('password DB_PASSWORD PASSWORD');
  });
});

describe('the new readers are linear (100 kB)', () => {
  const N = 100_000;
  const repeat = (piece: string) => piece.repeat(Math.ceil(N / piece.length)).slice(0, N);
  test.each([
    ['look-alike words (decodings)', () => decodings(repeat('p\u0430ssword '))],
    ['a run of look-alikes (foldLetters)', () => foldLetters(`p${'\u0430'.repeat(N)}`)],
    ['Greek capitals (decodings)', () => decodings(repeat('\u03a4\u039f\u039a\u0395\u039d '))],
    ['spaced hex (decodings)', () => decodings(repeat('44 '))],
    ['xxd groups (decodings)', () => decodings(repeat('4442 '))],
    ['hex groups glued to a letter (decodings)', () => decodings(repeat('ab ab ab ab abx'))],
    ['open corner brackets', () => foreignProsePasswordSpans(repeat('パスワードは「'))],
    ['open guillemets after a French label', () => foreignProsePasswordSpans(repeat('mot de passe : « '))],
    ['a Russian label before 40,000 blanks', () => foreignProsePasswordSpans(`пароль${' '.repeat(40_000)}(`)],
    ['a Turkish label before 40,000 blanks', () => foreignProsePasswordSpans(`şifre${' '.repeat(40_000)}(`)],
    ['open guillemets after a label', () => labelledPasswordSpans(repeat('the password is « '))],
    ['UCI option lines', () => uciOptionSpans(repeat("option password 'swordfish'\n"))],
    ['UCI options without a value', () => uciOptionSpans(repeat('option password '))],
    ['curly form', () => deviceConfigSpans(repeat('interfaces {\n    wireless wlan0 {\n        passphrase swordfish\n    }\n}\n'))],
    ['deep curly form', () => deviceConfigSpans(Array.from({ length: 440 }, (_, i) => `${' '.repeat(i)}interfaces {`).join('\n'))],
    ['ppp lines', () => deviceConfigSpans(repeat('ppp chap password swordfish\n'))],
    ['Ruby basic_auth without parentheses', () => callCredentialSpans(repeat("basic_auth 'a', "))],
    ['login calls', () => callCredentialSpans(repeat("login('a', 'b') "))],
    ['setter pairs', () => nameValueSpans(repeat('setProperty("password", '))],
    ['fed WireGuard keys', () => plaintextCredentialSpans(`wg set ${repeat('preshared-key <(echo ')}`)],
  ])('%s', (_, read) => {
    read(); // compiled once
    const start = process.cpuUsage();
    read();
    expect(cpuMillisSince(start)).toBeLessThan(6000);
  });
});
