import * as hostile from '../scripts/hostile-inputs';
import { secretsInData } from '../src/core/secrets';
import { HOSTILE_TEST_SIZE } from './secret-doors';
import { falseRefusalTables, refusedTextRows } from './secret-tables';

/**
 * Round-49 findings 49a-5 (a secret's name set to a literal in a common form of a language: a wrapper call such as
 * Rust's `String::from("…")`, Java's `new String("…")`, JavaScript's String.raw; Visual Basic's `Dim … As String =`;
 * C++'s brace initialisation and `u"…"s`; C's adjacent literals; a JWT signing key given to jwt.sign/encode as a
 * literal: core/literal-wrappers.ts) and 49a-6 (client password options: FreeTDS, osql, PsExec, winrs, `net use`,
 * NcFTP, RAR, pdftk, xh, curlie (command-rules.ts, client-logon-words.ts, account-commands.ts); Oracle's quoted JDBC
 * password (oracle-urls.ts); standard input read by cryptsetup, `keytool -importpass`, argon2 (stdin-readers.ts);
 * Python's `p.stdin.writelines([…])` (code-input.ts)).
 */
const S = 'Zq9xWvT7pLm2';
const { acceptedTable } = falseRefusalTables(S);

const literals: ReadonlyArray<readonly [string, string, string]> = [
  ['Rust String::from', `let password = String::from("${S}");`, S],
  ['Rust typed String::from', `let db_password: String = String::from("${S}");`, S],
  ['Rust SecretString::new', `let api_token = SecretString::new("${S}".into());`, S],
  ['VB Dim … As String =', `Dim password As String = "${S}"`, S],
  ['VB Const … As String =', `Const Password As String = "${S}"`, S],
  ['VB type character $', `Private Const API_TOKEN$ = "${S}"`, S],
  ['C++ brace init', `std::string password{"${S}"};`, S],
  ['C++ std::string(…) after =', `auto password = std::string("${S}");`, S],
  ['C++ prefix with a literal suffix', `auto password = u"${S}"s;`, S],
  ['C++ string_view suffix', `constexpr auto api_key = L"${S}"sv;`, S],
  ['C adjacent literals', `const char password[] = "Zq9xW" "vT7pLm2";`, 'vT7pLm2'],
  ['Java new String', `String password = new String("${S}");`, S],
  ['Java String.valueOf', `String secret = String.valueOf("${S}");`, S],
  ['JS String.raw', `const password = String.raw\`${S}\`;`, S],
  ['MFC _T(…)', `CString password = _T("${S}");`, S],
  ['jsonwebtoken sign', `const t = jwt.sign(payload, '${S}');`, S],
  ['jsonwebtoken sign of an object', `const t = jwt.sign({ sub: user.id, roles: [1, 2] }, "${S}", { expiresIn: '1h' });`, S],
  ['jsonwebtoken verify', `jwt.verify(token, '${S}', (err, decoded) => {});`, S],
  ['PyJWT encode', `token = jwt.encode(payload, "${S}", algorithm="HS256")`, S],
  ['ruby-jwt without parentheses', `t = JWT.encode payload, '${S}', 'HS256'`, S],
  ['PyJWT decode', `data = jwt.decode(token, "${S}", algorithms=["HS256"])`, S],
];

const clients: ReadonlyArray<readonly [string, string, string]> = [
  ['FreeTDS tsql -P', `tsql -S srv -U sa -P ${S}`, S],
  ['FreeTDS freebcp -P', `freebcp db.dbo.t out f -S s -U sa -P ${S}`, S],
  ['osql -P', `osql -S s -U sa -P ${S}`, S],
  ['psexec -p', `psexec \\\\h -u bob -p ${S} cmd`, S],
  ['winrs -p:', `winrs -r:h -u:bob -p:${S} ipconfig`, S],
  ['net use <share> <password>', `net use \\\\srv\\share ${S} /user:bob`, S],
  ['net use with a drive', `net use Z: \\\\srv\\share ${S} /user:CORP\\bob /persistent:no`, S],
  ['ncftp -p', `ncftp -u bob -p ${S} ftp.example.com`, S],
  ['ncftpput -p', `ncftpput -u bob -p ${S} ftp.example.com /in f.txt`, S],
  ['unrar -p<pw>', `unrar x -p${S} a.rar`, S],
  ['rar -hp<pw>', `rar a -hp${S} a.rar f`, S],
  ['pdftk user_pw', `pdftk a.pdf output b.pdf user_pw ${S}`, S],
  ['pdftk owner_pw', `pdftk a.pdf output b.pdf owner_pw ${S} allow printing`, S],
  ['xh -a user:password', `xh -a bob:${S} example.com`, S],
  ['curlie -u user:password', `curlie -u bob:${S} https://example.com`, S],
  ['Oracle JDBC quoted password', `url=jdbc:oracle:thin:bob/"${S}"@//db:1521/x`, S],
  ['cryptsetup luksOpen on standard input', `echo '${S}' | cryptsetup luksOpen /dev/sda1 x`, S],
  ['cryptsetup open on a here-string', `cryptsetup open --type luks /dev/sdb1 data <<< '${S}'`, S],
  ['keytool -importpass', `echo ${S} | keytool -importpass -alias a -keystore k.jks`, S],
  ['argon2 on standard input', `echo -n ${S} | argon2 somesalt -id -t 3`, S],
  [
    'Python p.stdin.writelines',
    `p = subprocess.Popen(["chpasswd"], stdin=subprocess.PIPE, text=True)\np.stdin.writelines(["bob:", "${S}", "\\n"])`,
    S,
  ],
];

// One table (the doors judged once): 49a-5's literals, then 49a-6's client lines.
describe('49a-5/6: literals in common forms, JWT keys, client password options and standard input readers are refused', () => {
  refusedTextRows([...literals, ...clients]);
});

describe('49a-5/6 controls: references, prompts, ports and paths, prose are accepted', () => {
  acceptedTable([
    'let password = String::from(env::var("PW").unwrap());',
    'let password = String::from("${PW}");',
    'let password = String::new();',
    'let password = String::from("");',
    'let name = String::from("Zq9xWvT7pLm2");',
    'Dim password As String = Environment.GetEnvironmentVariable("DB_PASSWORD")',
    'Dim password As String = ""',
    'Dim password As String = "<password>"',
    'Dim userName As String = "bob"',
    'Password$ = InputBox("Enter the password")',
    'std::string password{getenv("PW")};',
    'std::string password{};',
    'auto password = u"${PW}"s;',
    'const char password[] = "${A}" "${B}";',
    'printf("%s %s\\n", "password", "is set");',
    'String password = new String(chars);',
    'const password = String.raw`${process.env.PW}`;',
    'if (password != "") { login(); }',
    'const t = jwt.sign(payload, secret);',
    'const t = jwt.sign(payload, process.env.JWT_SECRET, { expiresIn: "1h" });',
    'encoded = jwt.encode(payload, key, algorithm="RS256")',
    'data = jwt.decode(token, options={"verify_signature": False})',
    'encoded = jwt.encode({"sub": "bob"}, settings.SECRET_KEY)',
    'jwt.sign(payload, "<your secret>")',
    "encoded = JWT.encode payload, hmac_secret, 'HS256'",
    'JWT.decode token, nil, false',
    // ports, paths and other -p options
    'ssh -p 22 bob@host',
    'mkdir -p /var/lib/app',
    'unzip -p a.zip f.txt',
    'unrar x -p- a.rar',
    'rar x a.rar /tmp/out',
    'psexec \\\\h -u bob -p $PW cmd',
    'psexec \\\\h -u bob cmd',
    'winrs -r:h -u:bob -p:$WINRS_PASSWORD ipconfig',
    'net use \\\\srv\\share * /user:bob',
    'net use Z: \\\\srv\\share /persistent:yes',
    'net use \\\\srv\\share /delete',
    'ncftp -u bob -p "$FTP_PASSWORD" ftp.example.com',
    'ncftpget -P 2121 ftp.example.com . /pub/f.txt',
    'pdftk a.pdf output b.pdf user_pw PROMPT',
    'pdftk a.pdf cat 1-5 output b.pdf',
    'xh -a bob example.com',
    'xh -a bob:$PW example.com',
    'curlie -u bob https://example.com',
    'tsql -S srv -U sa -P "$SA_PASSWORD"',
    'osql -S s -E -Q "select 1"',
    'url=jdbc:oracle:thin:bob/"${DB_PASSWORD}"@//db:1521/x',
    'url=jdbc:oracle:thin:@//db:1521/x',
    'echo "$PW" | cryptsetup luksOpen /dev/sda1 x',
    'echo yes | cryptsetup luksFormat -d /root/key /dev/sdb',
    'cryptsetup status x',
    'echo "$PW" | keytool -importpass -alias a -keystore k.jks',
    'echo -n "$PW" | argon2 somesalt -id',
    'echo hi | argon2 -h',
    'p.stdin.writelines(lines)',
    'p = subprocess.Popen(["chpasswd"], stdin=subprocess.PIPE, text=True)\np.stdin.writelines(["bob:", pw, "\\n"])',
    // prose
    'Use String::from to make a String of a password read from the environment.',
    'Dim the password field As shown in the screenshot.',
    'Sign the token with jwt.sign(payload, secret) and keep the secret in a Secret.',
    'Map the share with net use \\\\srv\\share and your password when asked.',
  ]);
});

// `node -e` timings of the same texts at 1 MB are in the branch's report.
describe('hostile near-misses stay cheap', () => {
  test.each(hostile.literalWrappers51(HOSTILE_TEST_SIZE))('%s is judged', (_, text) => {
    secretsInData({ data: { k0: text } });
  });
});
