import * as hostile from '../scripts/hostile-inputs';
import { secretsInData } from '../src/core/secrets';
import { HOSTILE_TEST_SIZE } from './secret-doors';
import { falseRefusalTables, refusedTextRows } from './secret-tables';

/**
 * Round-51 findings 51a-4 (C/C++: an array declaration `char password[] = "…"` and a designator `{ .password = "…" }`
 * (core/literal-wrappers.ts); a literal copied, formatted into or compared with a buffer named like a secret, `strcpy`,
 * `strncpy`, `strlcpy`, `memcpy`, `snprintf(password, n, "%s", "…")`, `strcmp` (core/c-string-copies.ts); C's APIs that
 * take a password by position, `mysql_real_connect(conn, host, user, "…", …)`, `PQsetdbLogin`, `SQLConnect`,
 * `ldap_simple_bind_s` (core/credential-calls.ts); an option constant named like a secret, `curl_easy_setopt(c,
 * CURLOPT_PASSWORD, "…")` (core/c-string-copies.ts)) and 51a-8 (k3s argument lists in Swift, PowerShell and Erlang:
 * `arguments: [`, `task.arguments = [`, `Start-Process k3s -ArgumentList …`, `{args, [`; a path `/usr/local/bin/k3s` or
 * `C:/k3s/k3s.exe` as the k3s word: core/k3s-code-args.ts, core/k3s-short-token.ts).
 */
const S = 'Zq9xWvT7pLm2';
const { acceptedTable } = falseRefusalTables(S);

const declarations: ReadonlyArray<readonly [string, string, string]> = [
  ['char password[]', `char password[] = "${S}";`, S],
  ['static const char password[]', `static const char password[] = "${S}";`, S],
  ['constexpr char kApiToken[]', `constexpr char kApiToken[] = "${S}";`, S],
  ['char password[64]', `static char password[64] = "${S}";`, S],
  ['char password[] = {"…"}', `char password[] = {"${S}"};`, S],
  ['std::array password = {"…"}', `std::array<char, 13> password = {"${S}"};`, S],
  ['designated initialiser', `struct creds c = { .user = "bob", .password = "${S}" };`, S],
  ['C++20 designated initialiser', `Creds c{ .password = "${S}" };`, S],
  ['designator on its own line', `struct creds c = {\n    .user = "bob",\n    .password = "${S}",\n};`, S],
];

const copies: ReadonlyArray<readonly [string, string, string]> = [
  ['strcpy into a member', `strcpy(cfg.password, "${S}");`, S],
  ['strncpy', `strncpy(password, "${S}", 32);`, S],
  ['strlcpy', `strlcpy(password, "${S}", sizeof(password));`, S],
  ['memcpy into a member', `memcpy(cfg.password, "${S}", 13);`, S],
  ['memmove', `memmove(password, "${S}", 13);`, S],
  ['memcpy through ->', `memcpy(c->creds.token, "${S}", 13);`, S],
  ['snprintf of one %s', `snprintf(password, sizeof password, "%s", "${S}");`, S],
  ['sprintf of no conversion', `sprintf(password, "${S}");`, S],
  ['strcpy_s with a size', `strcpy_s(password, sizeof password, "${S}");`, S],
  ['wcscpy of L"…"', `wcscpy(password, L"${S}");`, S],
  ['_tcscpy of _T("…")', `_tcscpy(szPassword, _T("${S}"));`, S],
  ['strcat', `strcat(password, "${S}");`, S],
  ['StringCchCopyA', `StringCchCopyA(password, ARRAYSIZE(password), "${S}");`, S],
  ['strcmp with a literal', `if (strcmp(password, "${S}") == 0) grant();`, S],
  ['curl CURLOPT_PASSWORD', `curl_easy_setopt(curl, CURLOPT_PASSWORD, "${S}");`, S],
  ['curl CURLOPT_USERPWD', `curl_easy_setopt(curl, CURLOPT_USERPWD, "bob:${S}");`, S],
  ['mysql_real_connect', `mysql_real_connect(conn, "db", "bob", "${S}", "app", 0, NULL, 0);`, S],
  ['mysqli_real_connect', `mysqli_real_connect($link, "db", "bob", "${S}", "app");`, S],
  ['PQsetdbLogin', `PQsetdbLogin("db", "5432", NULL, NULL, "app", "bob", "${S}");`, S],
  ['SQLConnect with casts', `SQLConnect(hdbc, (SQLCHAR *)"dsn", SQL_NTS, (SQLCHAR *)"bob", SQL_NTS, (SQLCHAR *)"${S}", SQL_NTS);`, S],
  ['ldap_simple_bind_s', `ldap_simple_bind_s(ld, "cn=admin,dc=example,dc=org", "${S}");`, S],
];

const k3s: ReadonlyArray<readonly [string, string, string]> = [
  ['Swift Process.run', `try Process.run(URL(fileURLWithPath: "/usr/local/bin/k3s"), arguments: ["agent", "--token", "${S}"])`, S],
  ['Swift Process.run, -t', `try Process.run(URL(fileURLWithPath: "/usr/local/bin/k3s"), arguments: ["agent", "-t", "${S}"])`, S],
  [
    'Swift task.arguments after executableURL',
    `task.executableURL = URL(fileURLWithPath: "/usr/local/bin/k3s")\ntask.arguments = ["agent", "--token", "${S}"]`,
    S,
  ],
  ['PowerShell Start-Process', `Start-Process k3s -ArgumentList "agent","--token","${S}"`, S],
  ['PowerShell Start-Process of a path', `Start-Process /usr/local/bin/k3s -ArgumentList "agent","-t","${S}"`, S],
  ['PowerShell -FilePath C:/…/k3s.exe', `Start-Process -FilePath "C:/k3s/k3s.exe" -ArgumentList "agent","-t","${S}"`, S],
  ['PowerShell @(…) after a switch', `Start-Process k3s -NoNewWindow -ArgumentList @("agent", "-t", "${S}")`, S],
  ['PowerShell single quotes', `Start-Process -FilePath k3s -ArgumentList 'agent','-t','${S}' -Wait`, S],
  ['Erlang open_port, -t', `open_port({spawn_executable, "/usr/local/bin/k3s"}, [{args, ["agent", "-t", "${S}"]}])`, S],
  ['.NET { Arguments = … }', `var psi = new ProcessStartInfo("k3s") { Arguments = "agent -t ${S}" };`, S],
  ['a quoted path on a command line', `"/usr/local/bin/k3s" agent -t ${S}`, S],
];

describe('51a-4/8: C declarations, copies and connects, k3s argument lists in Swift, PowerShell, Erlang are refused', () => {
  refusedTextRows([...declarations, ...copies, ...k3s]);
});

describe('51a-4/8 controls: buffers, prompts, copies of variables, references, k3s lists without a token are accepted', () => {
  acceptedTable([
    'char password[PW_MAX];',
    'char password[] = "";',
    'const char password_prompt[] = "Password: ";',
    'static const char token_header[] = "X-Auth-Token";',
    'char password[PW_MAX] = {0};',
    'struct creds c = { .user = "bob", .password = NULL };',
    'struct creds c = { .user = "bob", .password = getenv("PW") };',
    '{ .secretName = "db-credentials" }',
    'strcpy(password, getenv("DB_PASSWORD"));',
    'strncpy(password, argv[2], sizeof password - 1);',
    'snprintf(password, sizeof password, "%s", pw);',
    'snprintf(token, sizeof token, "%s:%s", user, pw);',
    'sprintf(password_file, "/run/secrets/%s", name);',
    'strcat(token_path, "/var/lib/rancher/k3s/server/token");',
    'if (strncmp(token, "Bearer ", 7) == 0)',
    'if (strcmp(password, "") == 0)',
    'if (strcmp(token, "none") == 0)',
    'if (strncmp(token, "K10", 3) == 0)',
    'memcpy(password, buf, n);',
    'strcat(password, "\\n");',
    'strcat(token, ":");',
    'strcpy(token_type, "Bearer");',
    'shutil.copy(token_file, "/etc/k3s/token")',
    'strcpy(password, "${DB_PASSWORD}");',
    'strcpy(password, "<your password>");',
    'strcpy(name, "Zq9xWvT7pLm2");',
    'mysql_real_connect(conn, host, user, pass, db, 0, NULL, 0);',
    'curl_easy_setopt(curl, CURLOPT_PASSWORD, pw);',
    'curl_easy_setopt(curl, CURLOPT_USERNAME, "bob");',
    'curl_easy_setopt(curl, CURLOPT_PASSWORD, "${PW}");',
    't(PASSWORD_LABEL, "Password")',
    'map.put(TOKEN_HEADER, "X-Auth-Token");',
    'mysql_real_connect(conn, "db", "bob", getenv("PW"), "app", 0, NULL, 0);',
    'Start-Process k3s -ArgumentList "server","--cluster-init"',
    'Start-Process k3s -ArgumentList "agent","-t",$env:K3S_TOKEN',
    'Start-Process k3s -ArgumentList "agent","--token-file","C:/k3s/token"',
    'task.executableURL = URL(fileURLWithPath: "/usr/local/bin/k3s")\ntask.arguments = ["agent", "--token", token]',
    'try Process.run(URL(fileURLWithPath: "/usr/local/bin/k3s"), arguments: ["agent", "--server", "https://10.0.0.1:6443"])',
    'Start the agent with Start-Process k3s and pass the token from a file.',
  ]);
});

// `node -e` timings of the same texts at 1 MB are in the branch's report.
describe('hostile near-misses stay cheap', () => {
  test.each(hostile.cCopies53(HOSTILE_TEST_SIZE))('%s is judged', (_, text) => {
    secretsInData({ data: { k0: text } });
  });
});
