import * as hostile from '../scripts/hostile-inputs';
import { secretsInData } from '../src/core/secrets';
import { HOSTILE_TEST_SIZE } from './secret-doors';
import { falseRefusalTables, refusedTextRows } from './secret-tables';

/**
 * Round-44 findings 44a-6 (a program's command or a marked secret written in code: Go's `exec.CommandContext(ctx, …)`,
 * a list over lines with comments inside, Rust's `Command::new(…).arg(…)` chain, Terraform `sensitive(` with comments,
 * functions or a heredoc, ConvertTo-SecureString given a grouped literal, a here-string or a variable set to one) and
 * 44a-9 (a parameter's or a field's type with an empty default, `token: str = ''`, `val password: String = ""`, is no
 * secret, nor is a function's body below its header).
 */
const S = 'Hx7qLm2vPw9';
const { acceptedTable, refusedTable } = falseRefusalTables(S);

const refused: ReadonlyArray<readonly [string, string, string]> = [
  // 44a-6: calls and lists
  ['Go exec.CommandContext(ctx, …) on one line', `cmd := exec.CommandContext(ctx, "redis-cli", "-a", "${S}")`, S],
  ['Go exec.CommandContext( over lines', `cmd := exec.CommandContext(ctx,\n  "redis-cli",\n  "-a",\n  "${S}")`, S],
  ['a Python list over lines with # comments', `subprocess.run([\n    'redis-cli',  # client\n    '-a',  # auth\n    '${S}',\n])`, S],
  ['a Python list with a comment line inside', `subprocess.run([\n    # the client\n    'redis-cli', '-a',\n    '${S}',\n])`, S],
  ['a JS list over lines with // comments', `spawn('redis-cli', [\n  // auth\n  '-a', // the flag\n  '${S}',\n])`, S],
  ['Rust Command::new chain over lines', `Command::new("redis-cli")\n    .arg("-a")\n    .arg("${S}")\n    .spawn()`, S],
  ['Rust Command::new(…).args([…]) over lines', `Command::new("redis-cli")\n    .args(["-a", "${S}"])`, S],
  ['Rust Command::new chain on one line', `let c = Command::new("redis-cli").arg("-a").arg("${S}").spawn()?;`, S],
  ['Rust .args(vec![…])', `Command::new("redis-cli").args(vec!["-a", "${S}"])`, S],
  ['Rust .args(&[…]) after .env(…)', `Command::new("sshpass")\n    .env("LANG", "C")\n    .args(&["-p", "${S}", "ssh", "h"])`, S],
  // 44a-6: Terraform sensitive(
  ['sensitive( with a comment line inside', `locals {\n  db = sensitive(\n    # the db\n    "${S}"\n  )\n}`, S],
  ['sensitive(join("", [ … ]))', `locals {\n  db = sensitive(join("", [\n    "${S}"\n  ]))\n}`, S],
  ['sensitive(<<-EOT heredoc', `locals {\n  db = sensitive(<<-EOT\n    ${S}\n  EOT\n  )\n}`, S],
  ['sensitive(trimspace("…")) with a block comment', `locals {\n  db = sensitive(/* db */ trimspace("${S}"))\n}`, S],
  // 44a-6: ConvertTo-SecureString
  ["-String ('…') in parentheses", `$s = (ConvertTo-SecureString -AsPlainText -Force -String ('${S}'))`, S],
  ["-String @'…'@ here-string", `$s = ConvertTo-SecureString -AsPlainText -Force -String @'\n${S}\n'@`, S],
  ['a positional @"…"@ here-string', `$s = ConvertTo-SecureString @"\n${S}\n"@ -AsPlainText -Force`, S],
  ["$p = @'…'@ then ConvertTo-SecureString $p", `$p = @'\n${S}\n'@\n$s = ConvertTo-SecureString $p -AsPlainText -Force`, S],
  ["$p = '…'; then ConvertTo-SecureString $p on one line", `$p = '${S}'; $s = ConvertTo-SecureString $p -AsPlainText -Force`, S],
  ["[string]$p = '…' then ConvertTo-SecureString $p", `[string]$p = '${S}'\n$s = ConvertTo-SecureString $p -AsPlainText -Force`, S],
  ["$p = '…' then -String $p", `$p = '${S}'\n$s = ConvertTo-SecureString -String $p -AsPlainText -Force`, S],
];

describe('44a-6: commands and marked secrets written in code are refused', () => {
  refusedTextRows(refused);
});

describe('44a-9 controls: a literal default, a literal in the body, stay refused at every door', () => {
  refusedTable([
    ['a Python literal default after a type', `def connect(password: str = '${S}'):\n    pass`],
    ['a password set in a function body', `def connect(password: str = ''):\n    password = "${S}"\n    return password`],
    ['a password passed in a function body', `def connect(password: str = ''):\n    db.login(password="${S}")`],
    ['a Kotlin literal default', `data class Cfg(val password: String = "${S}")`],
    ['a dataclass literal default', `@dataclass\nclass Cfg:\n    password: str = '${S}'`],
  ]);
});

describe('44a-9 and controls: declarations, references and ordinary code are accepted', () => {
  acceptedTable([
    // 44a-9
    "def connect(host, token: str = ''):\n    pass",
    'def connect(password: str = ""):\n    pass',
    'def connect(password: Optional[str] = None):\n    pass',
    "@dataclass\nclass Cfg:\n    password: str = ''\n    token: Optional[str] = None",
    'fn login(user: &str, password: &str) -> Result<()> {\n    connect(user, password)\n}',
    'data class Cfg(val password: String = "", val token: String? = null)',
    'func login(password: String = "") {}',
    'def connect(password=None):\n    return password',
    "def f(password: str = ''):  # no default\n    pass",
    'async def connect(self, password: str = "", *, timeout: int = 5):\n    pass',
    'def connect(\n    host: str,\n    password: str = "",\n) -> None:\n    pass',
    "class A {\n  constructor(private readonly password: string = '') {}\n}",
    "struct Cfg<'a> {\n    password: &'static str,\n}",
    'var password: String? = null',
    'password: str | None = None',
    'fun login(password: String = ""): Boolean {\n    return true\n}',
    // 44a-6 controls
    'cmd := exec.CommandContext(ctx, "redis-cli", "-a", os.Getenv("REDIS_PW"))',
    'cmd := exec.CommandContext(ctx, "ls", "-la")',
    'new ProcessBuilder()\n    .command("redis-cli", "-a", System.getenv("REDIS_PW"))\n    .start();',
    'fetch("/api")\n  .then((r) => r.json())\n  .then((j) => console.log("done", j));',
    'Command::new("redis-cli").arg("-a").arg(&pw).spawn()',
    'Command::new("ls")\n    .arg("-la")\n    .spawn()',
    "subprocess.run([\n    'ls',  # list\n    '-la',\n])",
    'locals {\n  db = sensitive(file("${path.module}/pw.txt"))\n}',
    'locals {\n  db = sensitive(lookup(var.m, "db"))\n}',
    'locals {\n  db = sensitive(\n    # from vault\n    data.vault_generic_secret.db.data["password"]\n  )\n}',
    '$p = Read-Host -AsSecureString',
    "$k = 'not-a-plain-text'\n$s = ConvertTo-SecureString $encrypted -Key $k",
    '$p = $env:PW\n$s = ConvertTo-SecureString $p -AsPlainText -Force',
    "$name = 'bob'\n$s = ConvertTo-SecureString $plain -AsPlainText -Force",
    '$s = ConvertTo-SecureString -String (Get-Content pw.txt) -AsPlainText -Force',
  ]);
});

// `npm run bench` times the same texts at 1 MB.
describe('44a-6, 44a-9: hostile near-misses stay cheap', () => {
  test.each(hostile.codeForms45(HOSTILE_TEST_SIZE))('%s is judged', (_, text) => {
    secretsInData({ data: { k0: text } });
  });
});
