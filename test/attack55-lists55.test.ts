import { CODE_LIST_SECRET } from '../src/core/code-list-secrets';
import { redact, secretShape } from '../src/core/secrets';
import { falseRefusalTables, refusedTextRows } from './secret-tables';

/**
 * Round 55: argument lists written in code for any command, not only K3s (k3s54's "not fixed": code-list-secrets.ts
 * reads each run of string literals as a pod's `command` list, one word per literal), and two false refusals forms54
 * saw (`password manager`, `password   policy`: secrets-config-lines.ts). Each refused row is refused at every text
 * door, named by its place, redacted and hidden in the diff; the controls are accepted everywhere.
 */
const S = 'Qz7vTq2mWx9pLk4r';
const { acceptedTable } = falseRefusalTables(S);

describe('argument lists in code for any command', () => {
  refusedTextRows([
    ['a list for vault login --token', `cmd = ["vault", "login", "--token", "${S}"]`, S],
    ['Go exec.Command over lines', `cmd := exec.Command("vault", "login",\n\t"--token", "${S}")`, S],
    ['Go -token= glued', `exec.Command("vault", "login", "-token=${S}")`, S],
    ['Go mysql -p over lines', `cmd := exec.Command("mysql",\n  "-u", "root",\n  "-p${S}")`, S],
    ['Java ProcessBuilder with a secret flag', `new ProcessBuilder("app", "--api-key", "${S}").start();`, S],
    ['Java ProcessBuilder, a joined --password=', `new ProcessBuilder("mysql", "-u", "root", "--password=" + "${S}")`, S],
    ['C# new[] { } for another program', `Process.Start("app", new[] { "--client-secret", "${S}" });`, S],
    ['Rust .args([…])', `Command::new("app").args(["--db-password", "${S}"]).spawn()?;`, S],
    ['Kotlin listOf', `val cmd = listOf("app", "serve", "--secret", "${S}")`, S],
    ['Node spawn with a list', `spawn("vault", ["login", "-token", "${S}"]);`, S],
    ['PowerShell & with @()', `& vault.exe @('login', '--token', '${S}')`, S],
    ['a list built first, then the client (Go)', `args := []string{"-u", "root", "-p${S}"}\nexec.Command("mysql", args...)`, S],
    ['a list built first, then the client (Python)', `args = ['-a', '${S}']\nsubprocess.run(['redis-cli'] + args)`, S],
    ['a list of flags alone', `args = ['--token', '${S}']`, S],
    ['a YAML flow list for redis-cli', `[redis-cli, -a, ${S}]`, S],
    ['password manager with a generated value', `password manager ${S}`, S],
  ]);

  test('a client option is named by its client, a flag by the list; the names are no secrets', () => {
    expect(secretShape(`cmd := exec.Command("mysql",\n  "-u", "root",\n  "-p${S}")`)).toContain('mysql -p');
    expect(secretShape(`cmd = ["vault", "login", "--token", "${S}"]`)).toBe(CODE_LIST_SECRET);
    expect(redact(CODE_LIST_SECRET)).toBe(CODE_LIST_SECRET);
  });
});

describe('controls: lists that set no secret, references, prompt switches and headings', () => {
  acceptedTable([
    '["--token-file", "/run/secrets/vault-token"]',
    'CMD ["docker", "build", "-t", "myorg/app:1.2.3", "."]',
    'exec.Command("docker", "run", "-p", "8080:80", "nginx:1.25")',
    "a = ['-p', '3306']\nsubprocess.run(['mysql', '-h', 'db'] + a)",
    'parser.add_argument("--token", "-t", help="the API token")',
    'click.option("--password", "-p", prompt=True, hide_input=True)',
    'exec.Command("vault", "login", "-method=userpass", "username=bob")',
    'args = ["--token", "$(VAULT_TOKEN)", "--password", "${DB_PASSWORD}"]',
    'spawn("app", ["--api-key", apiKey])',
    // psql's --password (-W) only makes it prompt (postgresql.org/docs/current/app-psql.html): `appdb` is the database.
    'new ProcessBuilder("psql", "-h", "db", "--password", "appdb")',
    '["--password", "--user", "bob"]',
    '(see "redis-cli", "-a", "the docs")',
    'print("--token", "is missing")',
    'password manager',
    'password   policy\nmin 12',
    'Password policy strict',
    'Password Manager',
    'Password Policy\n\nMinimum length: 12',
    '  password reset',
  ]);
});
