import * as hostile from '../scripts/hostile-inputs';
import { secretsInData } from '../src/core/secrets';
import { HOSTILE_TEST_SIZE } from './secret-doors';
import { falseRefusalTables, refusedTextRows } from './secret-tables';

/**
 * Round-45 findings 45a-7 (a block comment inside a call's arguments: Go's `exec.Command("mysql", /* user *\/ …)`,
 * Node's `spawn('sshpass', [ '-p', /* pw *\/ '…' ])`), 45a-10 (a password a program writes to the standard input of
 * a command that reads one there: Go's `cmd.Stdin = strings.NewReader("root:…")`, Python's `input=`, `communicate(`,
 * `p.stdin.write(`, Node's `{ input: … }`, `child.stdin.end(`, Ruby's `stdin_data:`, Rust's `write_all(`) and 45a-11
 * (PowerShell's `$p = ("…")`, `Set-Variable`, a splatted hashtable given to ConvertTo-SecureString).
 */
const S = 'Hx7qLm2vPw9';
const { acceptedTable } = falseRefusalTables(S);

const refused: ReadonlyArray<readonly [string, string, string]> = [
  // 45a-7
  ['Go exec.Command with a block comment', `cmd := exec.Command("mysql", /* user */ "-u", "root", "-p${S}")`, S],
  [
    'Go exec.Command over lines with a block comment',
    `cmd := exec.Command(\n    "mysql",\n    /* user */ "-u", "root",\n    "-p${S}",\n)`,
    S,
  ],
  ['JS spawn list with a block comment', `spawn('sshpass', [\n  '-p', /* pw */ '${S}',\n  'ssh', 'h',\n]);`, S],
  ['a JS list with a block comment', `const cmd = ['sshpass', '-p', /* pw */ '${S}', 'ssh', 'h'];`, S],
  ['a JS list over lines with a block comment', `const cmd = [\n  'sshpass',\n  '-p', /* pw */ '${S}',\n  'ssh', 'h',\n];`, S],
  ['a block comment after an argument', `spawn('sshpass', ['-p' /* the flag */, '${S}', 'ssh', 'h']);`, S],
  // 45a-10
  ['Go cmd.Stdin = strings.NewReader(…)', `cmd := exec.Command("chpasswd")\ncmd.Stdin = strings.NewReader("root:${S}\\n")`, S],
  ['Go a log call between', `cmd := exec.Command("chpasswd")\nlog.Print("starting")\ncmd.Stdin = strings.NewReader("root:${S}\\n")`, S],
  ['Go io.WriteString(stdin, …)', `cmd := exec.Command("chpasswd")\nstdin, _ := cmd.StdinPipe()\nio.WriteString(stdin, "root:${S}\\n")`, S],
  [
    'Go bytes.NewReader([]byte(…)) to a path',
    `cmd := exec.Command("/usr/sbin/chpasswd")\ncmd.Stdin = bytes.NewReader([]byte("root:${S}"))`,
    S,
  ],
  [
    'Go sudo -S fed its password',
    `cmd := exec.Command("sudo", "-S", "systemctl", "restart", "x")\ncmd.Stdin = strings.NewReader("${S}\\n")`,
    S,
  ],
  ['Python input="…"', `subprocess.run(["chpasswd"], input="root:${S}\\n", text=True)`, S],
  ['Python input=b"…"', `subprocess.run(["chpasswd"], input=b"root:${S}")`, S],
  ['Python input="""…"""', `subprocess.run(["chpasswd"], input="""root:${S}\n""", text=True)`, S],
  ['Python input= over lines', `subprocess.run(\n    ["chpasswd"],\n    input="root:${S}\\n",\n    text=True,\n)`, S],
  ['Python communicate(input=…)', `p = subprocess.Popen(["chpasswd"], stdin=subprocess.PIPE)\np.communicate(input=b"root:${S}\\n")`, S],
  ['Python communicate(b"…")', `p = subprocess.Popen(["chpasswd"], stdin=subprocess.PIPE)\np.communicate(b"root:${S}\\n")`, S],
  [
    'Python p.stdin.write(…) to passwd --stdin',
    `p = subprocess.Popen(["passwd", "--stdin", "bob"], stdin=PIPE)\np.stdin.write(b"${S}\\n")`,
    S,
  ],
  ['Python sh -c chpasswd', `subprocess.run(["sh", "-c", "chpasswd"], input="root:${S}")`, S],
  ['Python docker login --password-stdin', `subprocess.run(["docker", "login", "-u", "bob", "--password-stdin", "reg"], input="${S}")`, S],
  ['Node execSync(…, { input })', `execSync('chpasswd', { input: 'root:${S}\\n' })`, S],
  ['Node a template literal', `execSync('chpasswd', {input: \`root:${S}\\n\`})`, S],
  ['Node spawnSync(…, [], { input })', `spawnSync('chpasswd', [], { input: 'root:${S}\\n' })`, S],
  ['Node child.stdin.end(…)', `const c = spawn('chpasswd');\nc.stdin.end('root:${S}\\n');`, S],
  ['Ruby Open3 stdin_data:', `Open3.capture2('chpasswd', stdin_data: "root:${S}\\n")`, S],
  [
    'Rust stdin write_all(b"…")',
    `let mut c = Command::new("chpasswd").stdin(Stdio::piped()).spawn()?;\nc.stdin.as_mut().unwrap().write_all(b"root:${S}\\n")?;`,
    S,
  ],
  ['Python shell=True before input=', `subprocess.run("chpasswd", shell=True, input="root:${S}")`, S],
  ['Python check_output sudo -S', `subprocess.check_output(['sudo', '-S', 'ls'], input=b'${S}\\n')`, S],
  [
    'Java getOutputStream().write(…)',
    `Process p = new ProcessBuilder("chpasswd").start();\np.getOutputStream().write("root:${S}\\n".getBytes());`,
    S,
  ],
  ['Kotlin outputStream.write(…)', `val p = ProcessBuilder("chpasswd").start()\np.outputStream.write("root:${S}\\n".toByteArray())`, S],
  [
    'C# StandardInput.WriteLine(…)',
    `var psi = new ProcessStartInfo("chpasswd") { RedirectStandardInput = true };\nvar p = Process.Start(psi);\np.StandardInput.WriteLine("root:${S}");`,
    S,
  ],
  // 45a-11
  ['$p = ("…") then -String $p', `$plain = ("${S}")\n$s = ConvertTo-SecureString -String $plain -AsPlainText -Force`, S],
  ['$p = (("…")); then -String $p', `$plain = (("${S}"));\n$s = ConvertTo-SecureString -String $plain -AsPlainText -Force`, S],
  ["$p = [string]'…' then $p", `$plain = [string]'${S}'\n$s = ConvertTo-SecureString $plain -AsPlainText -Force`, S],
  ['Set-Variable -Name -Value', `Set-Variable -Name plain -Value '${S}'\n$s = ConvertTo-SecureString $plain -AsPlainText -Force`, S],
  ['Set-Variable positional', `Set-Variable plain '${S}'\n$s = ConvertTo-SecureString $plain -AsPlainText -Force`, S],
  [
    'New-Variable -Value first',
    `New-Variable -Value "${S}" -Name plain -Scope Script\n$s = ConvertTo-SecureString -String $plain -AsPlainText -Force`,
    S,
  ],
  ['Set-Variable -Name:p -Value:…', `Set-Variable -Name:plain -Value:'${S}'\n$s = ConvertTo-SecureString $plain -AsPlainText -Force`, S],
  ['a splatted hashtable', `$a = @{ String = '${S}'; AsPlainText = $true; Force = $true }\n$s = ConvertTo-SecureString @a`, S],
  [
    'an [ordered] hashtable over lines',
    `$a = [ordered]@{\n  String = '${S}'\n  AsPlainText = $true\n  Force = $true\n}\nConvertTo-SecureString @a`,
    S,
  ],
  ['a splat with the switches outside', `$a = @{ String = "${S}" }\n$s = ConvertTo-SecureString @a -AsPlainText -Force`, S],
  [
    'a splat of a variable set to a literal',
    `$p = '${S}'\n$a = @{ String = $p; AsPlainText = $true; Force = $true }\n$s = ConvertTo-SecureString @a`,
    S,
  ],
  ['a splat with quoted keys', `$a = @{ 'String' = ('${S}'); 'AsPlainText' = $true }\n$s = ConvertTo-SecureString @a`, S],
];

describe('45a-7, 45a-10, 45a-11: commands and plain texts written in code are refused', () => {
  refusedTextRows(refused);
});

describe('controls: ordinary code, references and comments are accepted', () => {
  acceptedTable([
    // 45a-7
    'cmd := exec.Command("ls", /* list */ "-la")',
    "spawn('ls', [\n  '-l', /* long */ '/tmp',\n]);",
    "const cmd = ['ls', /* long */ '-l'];",
    '/* the client */\ncmd := exec.Command("mysql", "-u", "root", "-p" + os.Getenv("PW"))',
    // 45a-10
    'subprocess.run(["chpasswd"], input=None)',
    'subprocess.run(["chpasswd"], input=data, text=True)',
    'subprocess.run(["chpasswd"], input=f"{user}:{pw}\\n", text=True)',
    'subprocess.run(["chpasswd"], input="%s:%s\\n" % (u, p), text=True)',
    'subprocess.run(["chpasswd"], input=os.environ["LINE"])',
    'subprocess.run(["chpasswd", "-e"], input="root:$6$abc$def\\n")',
    'subprocess.run(["cat"], input="root:notsecret\\n", text=True)',
    'subprocess.run(["chpasswd", "-e"], input="root:$6$abc$def\\n")\nsubprocess.run(["cat"], input="root:notsecret\\n", text=True)',
    'cmd := exec.Command("chpasswd")\nc2 := exec.Command("cat")\nc2.Stdin = strings.NewReader("root:x1\\n")',
    'Process p = new ProcessBuilder("cat").start();\np.getOutputStream().write("root:x\\n".getBytes());',
    'var psi = new ProcessStartInfo("chpasswd") { RedirectStandardInput = true };\nConsole.WriteLine("StandardInput ready");',
    'subprocess.run(["grep", "x"], input="hello world", text=True)',
    'subprocess.run(["chpasswd"], check=True)\nname = input("User: ")',
    'cmd := exec.Command("chpasswd")\ncmd.Stdin = os.Stdin',
    'cmd := exec.Command("chpasswd")\ncmd.Stdin = strings.NewReader(line)',
    'cmd := exec.Command("chpasswd")\nlog.Print("stdin closed")',
    'cmd := exec.Command("chpasswd")\nfmt.Fprintf(stdin, "%s:%s\\n", user, pw)',
    "execSync('chpasswd', {input: `root:${pw}\\n`})",
    "execSync('chpasswd', { input: process.env.LINE })",
    // 45a-11
    '$a = @{ String = $env:PW; AsPlainText = $true; Force = $true }\n$s = ConvertTo-SecureString @a',
    '$a = @{ String = $encrypted; Key = $key }\n$s = ConvertTo-SecureString @a',
    '$a = @{ String = $enc; AsPlainText = $false }\n$s = ConvertTo-SecureString @a',
    "Set-Variable -Name plain -Value (Read-Host -Prompt 'pw')\n$s = ConvertTo-SecureString $plain -AsPlainText -Force",
    "Set-Variable -Name greeting -Value 'hello there'\nWrite-Host $greeting",
    '$name = ("world")\nWrite-Host "hello $name"',
    "$p = @{ Path = 'C:\\temp'; Recurse = $true }\nGet-ChildItem @p",
    '$plain = ($env:PW)\n$s = ConvertTo-SecureString -String $plain -AsPlainText -Force',
  ]);
});

// `npm run bench` times the same texts at 1 MB.
describe('45a-7, 45a-10, 45a-11: hostile near-misses stay cheap', () => {
  test.each(hostile.codeForms46(HOSTILE_TEST_SIZE))('%s is judged', (_, text) => {
    secretsInData({ data: { k0: text } });
  });
});
