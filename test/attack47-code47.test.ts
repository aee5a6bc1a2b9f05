import * as hostile from '../scripts/hostile-inputs';
import { secretsInData } from '../src/core/secrets';
import { HOSTILE_TEST_SIZE } from './secret-doors';
import { falseRefusalTables, refusedTextRows } from './secret-tables';

/**
 * Round-46 findings 46a-3 (a literal written to a started program's standard input through a handle bound to it or a
 * writer wrapping one: C#'s ProcessStartInfo set by its properties or with its arguments as one command line, Java's
 * PrintWriter/BufferedWriter/OutputStreamWriter on `p.getOutputStream()`, Go's `in, _ := cmd.StdinPipe()`, Ruby's
 * Open3 popen blocks and `IO.popen`) and 46a-6 (a K3s token written as joined string literals).
 */
const S = 'Qw7x-Pz9!kLm';
const H = 'abcdef0123456789abcdef0123456789abcdef0123456789abcdef01234567';
/** A K3s token's credentials (the part refused), unlike any run of the hash. */
const T = 'Zq81pwXy77';
const { acceptedTable } = falseRefusalTables(S);

const handles: ReadonlyArray<readonly [string, string, string]> = [
  // C#
  [
    'C# ProcessStartInfo initializer, StandardInput.WriteLine',
    `var p = Process.Start(new ProcessStartInfo { FileName = "sudo", Arguments = "-S true", RedirectStandardInput = true });\np.StandardInput.WriteLine("${S}");`,
    S,
  ],
  [
    'C# new ProcessStartInfo(file, arguments), then Process.Start(psi)',
    `var psi = new ProcessStartInfo("sudo", "-S true") { RedirectStandardInput = true };\nvar p = Process.Start(psi);\np.StandardInput.WriteLine("${S}");`,
    S,
  ],
  ['C# Process.Start(file, arguments), Write', `using var p = Process.Start("sudo", "-S true");\np.StandardInput.Write("${S}\\n");`, S],
  [
    'C# properties set one by one',
    `var psi = new ProcessStartInfo();\npsi.FileName = "sudo";\npsi.Arguments = "-S true";\nvar p = Process.Start(psi);\np.StandardInput.WriteLine("${S}");`,
    S,
  ],
  [
    'C# Arguments before FileName',
    `var p = Process.Start(new ProcessStartInfo { Arguments = "-S true", FileName = "/usr/bin/sudo" });\np.StandardInput.WriteLine("${S}");`,
    S,
  ],
  [
    'C# a StreamWriter bound to StandardInput',
    `using var p = Process.Start(new ProcessStartInfo("sudo", "-S true"));\nusing var sw = p.StandardInput;\nsw.WriteLine("${S}");`,
    S,
  ],
  // Java, Kotlin
  [
    'Java PrintWriter in try-with-resources',
    `var pb = new ProcessBuilder("passwd", "--stdin", "bob"); var p = pb.start(); try (var w = new PrintWriter(p.getOutputStream())) { w.println("${S}"); }`,
    S,
  ],
  [
    'Java BufferedWriter(OutputStreamWriter(getOutputStream()))',
    `var pb = new ProcessBuilder("passwd", "--stdin", "bob");\nvar p = pb.start();\nBufferedWriter w = new BufferedWriter(new OutputStreamWriter(p.getOutputStream()));\nw.write("${S}\\n");`,
    S,
  ],
  [
    'Java OutputStreamWriter with a charset, to chpasswd',
    `Process p = new ProcessBuilder("chpasswd").start();\nWriter w = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8);\nw.write("root:${S}\\n");`,
    S,
  ],
  [
    'Java a writer over a stream bound first',
    `Process p = new ProcessBuilder("passwd", "--stdin", "bob").start();\nOutputStream os = p.getOutputStream();\nBufferedWriter bw = new BufferedWriter(new OutputStreamWriter(os));\nbw.write("${S}");`,
    S,
  ],
  [
    'Java PrintStream after Runtime.exec',
    `Process p = Runtime.getRuntime().exec(new String[]{"sudo", "-S", "true"});\nPrintStream ps = new PrintStream(p.getOutputStream());\nps.println("${S}");`,
    S,
  ],
  [
    'Java 17 outputWriter()',
    `Process p = new ProcessBuilder("passwd", "--stdin", "bob").start();\ntry (var w = p.outputWriter()) {\n  w.write("${S}\\n");\n}`,
    S,
  ],
  [
    'Kotlin a bufferedWriter() bound',
    `val p = ProcessBuilder("chpasswd").start()\nval w = p.outputStream.bufferedWriter()\nw.write("root:${S}\\n")`,
    S,
  ],
  // Go
  ['Go in.Write after StdinPipe', `cmd := exec.Command("sudo", "-S", "true")\nin, _ := cmd.StdinPipe()\nin.Write([]byte("${S}\\n"))`, S],
  ['Go io.WriteString(in, …)', `cmd := exec.Command("sudo", "-S", "true")\nin, _ := cmd.StdinPipe()\nio.WriteString(in, "${S}")`, S],
  ['Go fmt.Fprintln(in, …)', `cmd := exec.Command("sudo", "-S", "true")\nin, _ := cmd.StdinPipe()\nfmt.Fprintln(in, "${S}")`, S],
  [
    'Go a bufio.Writer over the pipe',
    `cmd := exec.Command("chpasswd")\nstdin, _ := cmd.StdinPipe()\nw := bufio.NewWriter(stdin)\nw.WriteString("root:${S}\\n")`,
    S,
  ],
  [
    'Go a pipe assigned with =',
    `cmd := exec.Command("sudo", "-S", "true")\nvar in io.WriteCloser\nin, _ = cmd.StdinPipe()\nfmt.Fprint(in, "${S}\\n")`,
    S,
  ],
  // Ruby
  ['Ruby popen3 block, i.puts', `Open3.popen3("sudo", "-S", "true") { |i, o, e, t| i.puts "${S}" }`, S],
  ['Ruby popen2 block, i.write', `Open3.popen2("sudo", "-S", "true") { |i, o, t| i.write "${S}\\n" }`, S],
  ['Ruby popen3 do block, print', `Open3.popen3("sudo", "-S", "true") do |inp, o, e, t|\n  inp.print "${S}\\n"\nend`, S],
  ['Ruby popen2e block, puts(…)', `Open3.popen2e("chpasswd") { |i, oe, t| i.puts("root:${S}") }`, S],
  ['Ruby popen3 assigned', `i, o, e, t = Open3.popen3("sudo", "-S", "true")\ni.puts "${S}"`, S],
  ['Ruby IO.popen r+ block', `IO.popen(["sudo", "-S", "true"], "r+") { |io| io.puts "${S}" }`, S],
  ['Ruby IO.popen assigned', `io = IO.popen(["sudo", "-S", "true"], "r+")\nio.puts "${S}"`, S],
  ['Ruby IO.popen w block, <<', `IO.popen("chpasswd", "w") { |io| io << "root:${S}\\n" }`, S],
  // Python, Node: a handle bound to p.stdin
  [
    'Python with p.stdin as f',
    `p = subprocess.Popen(["chpasswd"], stdin=subprocess.PIPE, text=True)\nwith p.stdin as f:\n    f.write("root:${S}\\n")`,
    S,
  ],
  ['Python w = p.stdin', `p = subprocess.Popen(["sudo", "-S", "true"], stdin=PIPE)\nw = p.stdin\nw.write(b"${S}\\n")`, S],
  ['Node const w = c.stdin', `const c = spawn('chpasswd');\nconst w = c.stdin;\nw.write('root:${S}\\n');`, S],
];

const tokens: ReadonlyArray<readonly [string, string, string]> = [
  ['Python adjacent literals over two lines (black)', `tok = ("K10${H}"\n       "::server:${T}")`, T],
  ['Python adjacent single-quoted literals', `t = 'K10${H}' '::server:${T}'`, T],
  ['JavaScript single-quoted +', `const t = 'K10${H}' + '::server:${T}';`, T],
  ['Java + over two lines', `String t = "K10${H}"\n    + "::server:${T}";`, T],
  ['C# + over two lines', `var t = "K10${H}" +\n    "::server:${T}";`, T],
  ['Go + over two lines', `t := "K10${H}" +\n\t"::server:${T}"`, T],
  ['shell quoted halves', `K3S_URL_TOKEN="K10${H}"'::server:${T}'`, T],
  ['PHP .', `$t = 'K10${H}' . '::server:${T}';`, T],
  ['three pieces', `t = ('K10${H}'\n     '::'\n     'server:${T}')`, T],
];

describe('46a-3: a literal written through a handle on a started program’s standard input is refused', () => {
  refusedTextRows(handles);
});

describe('46a-6: a K3s token written as joined string literals is refused', () => {
  refusedTextRows(tokens);
});

describe('controls: references, lookups, other programs and ordinary joins are accepted', () => {
  acceptedTable([
    // 46a-3
    `var p = Process.Start(new ProcessStartInfo { FileName = "sudo", Arguments = "-S true", RedirectStandardInput = true });\np.StandardInput.WriteLine(password);`,
    `var p = Process.Start(new ProcessStartInfo { FileName = "sudo", Arguments = "-S true" });\np.StandardInput.WriteLine(Environment.GetEnvironmentVariable("PW"));`,
    `var p = Process.Start(new ProcessStartInfo { FileName = "sudo", Arguments = "-S true" });\np.StandardInput.WriteLine($"{pw}");`,
    `var pb = new ProcessBuilder("passwd", "--stdin", "bob"); var p = pb.start(); try (var w = new PrintWriter(p.getOutputStream())) { w.println(System.getenv("PW")); }`,
    `cmd := exec.Command("sudo", "-S", "true")\nin, _ := cmd.StdinPipe()\nin.Write([]byte(os.Getenv("PW")))`,
    'Open3.popen3("sudo", "-S", "true") { |i, o, e, t| i.puts ENV["PW"] }',
    'Open3.popen3("sudo", "-S", "true") { |i, o, e, t| i.puts "#{pw}" }',
    'var p = Process.Start("cat");\np.StandardInput.WriteLine("hello");',
    'var p = Process.Start(new ProcessStartInfo { FileName = "cat", RedirectStandardInput = true });\np.StandardInput.WriteLine("hello world");',
    'cmd := exec.Command("cat")\nin, _ := cmd.StdinPipe()\nin.Write([]byte("hello\\n"))',
    'Open3.popen3("cat") { |i, o, e, t| i.puts "hello" }',
    'IO.popen(["sort"], "r+") { |io| io.puts "banana" }',
    'var pb = new ProcessBuilder("cat"); var p = pb.start(); try (var w = new PrintWriter(p.getOutputStream())) { w.println("hello"); }',
    // A name bound to a standard input, then to something else; a writer over standard output.
    'cmd := exec.Command("sudo", "-S", "true")\nin, _ := cmd.StdinPipe()\nin = os.Stdout\nin.Write([]byte("hello\\n"))',
    'cmd := exec.Command("sudo", "-S", "true")\nw := bufio.NewWriter(os.Stdout)\nw.WriteString("starting the job\\n")',
    'p = subprocess.Popen(["sudo", "-S", "true"], stdin=PIPE)\nlog.write("starting the job")',
    // 46a-6
    'greeting = ("hello, "\n            "world")',
    "const s = 'hello ' + 'world';",
    'String s = "K10" + suffix;',
    'const t = "K10" + hash + "::server:" + password;',
    'tok = ("K10abc"\n       "def")',
    'K3S_TOKEN_FILE="/etc/rancher/k3s/token"',
  ]);
});

// `npm run bench` times the same texts at 1 MB.
describe('46a-3, 46a-6: hostile near-misses stay cheap', () => {
  test.each(hostile.codeForms47(HOSTILE_TEST_SIZE))('%s is judged', (_, text) => {
    secretsInData({ data: { k0: text } });
  });
});
