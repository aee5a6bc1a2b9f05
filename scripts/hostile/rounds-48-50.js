// Hostile inputs, rounds 48 to 50 (scripts/hostile-inputs.js says what they are for).
'use strict';
const { described, repeatTo } = require('./text-units');

/** Near-misses of round-48 SQL forms and clients (attack49-sql50): T-SQL variables, joins, procedures, JDBC, HTTPie. */
const sqlForms50 = (size = 1_000_000) =>
  described(
    [
      ['T-SQL declarations without a literal', 'DECLARE @pw NVARCHAR(50) = N, @a x(9) = PASSWORD '],
      ['T-SQL assignments left open', "SET @pw = N'PASSWORD "],
      ['commas before variables', ', @a , @b = , @c int = '],
      ['joins without a literal', "EXECUTE 'ALTER ROLE a PASSWORD ' || || + quote_literal( "],
      ['procedure calls of commas', 'EXEC sp_setapprole , , , , {Encrypt '],
      ['Oracle JDBC heads', 'jdbc:oracle:thin:a/b'],
      ['Oracle JDBC heads without a logon', 'jdbc:oracle:thin:@'],
      ['HTTP prose', 'HTTP -a x -A bearer '],
      ['isql words', 'isql a b '],
    ],
    size,
  );

/** Near-misses of round-49 readers and lists (attack49-false50): cmd's set /p, typed values, templates, k3s word lists. */
const readersAndLists50 = (size = 1_000_000) =>
  described(
    [
      ['set /p prompts left open', 'set /p DB_PASSWORD=Enter the '],
      ['set /p quoted, never closed', 'set /p "PW=a '],
      ['typed heads before calls', 'password: str = Field(..., '],
      ['Ellipses and symbols', 'pwd: f(..., &:gets, ..., '],
      ['templates left open', 'password: "{{ a.b | c '],
      ['k3s lists without -t', '["k3s", "agent", "-x", '],
      ['k3s lists of commas', '[k3s,,,,,,,, '],
      ['openers before blanks', `[${' '.repeat(200)}`],
    ],
    size,
  );

/** Near-misses of the round-47 stdin writers (attack48-stdin48): pexpect, PHP, Perl, os.popen, groups given a descriptor, password files. */
const stdinForms48 = (size = 1_000_000) =>
  described(
    [
      ['group closings given descriptors', '} 3<<< x'],
      ['group closings with redirections', '} 2>/dev/null >&2 <x 1>y 3<x '],
      ['group closings without openings', ") 3<<< 'a' chpasswd <&3 "],
      ['groups reading descriptors', "{ chpasswd <&3; } 3<<< 'root:x1'\n"],
      ['perl opens and prints', 'open(FH, "| sudo -S true"); print FH "a'],
      ['perl opens without parentheses', 'open my $fh, "|-", "a", "b", "c", "d", "e'],
      ['php proc_open calls left open', 'proc_open("sudo -S true", [[[(((, $p'],
      ['php writes', 'fwrite($pipes[0], "x'],
      ['popen writes', 'os.popen("sudo -S true", "w").write("x'],
      ['pexpect expects and sends', 'child.expect("password")\nchild.sendline("x1")\n'],
      ['pexpect sends without expect', 'c.sendline("a'],
      ['password files written and read', "echo 'x1' > /tmp/v; a --password-file /tmp/v "],
    ],
    size,
  );

/** Near-misses of the round-48 stdin writers and indirect names (attack49-stdin50). */
const stdinForms50 = (size = 1_000_000) =>
  described(
    [
      ['print calls without file=', 'print("a", end="") '],
      ['print calls left open', 'print(\'a print("b '],
      ['print calls given files', 'p = subprocess.Popen(["chpasswd"], stdin=PIPE)\nprint("a:b", file=p.stdin)\n'],
      ['open2 calls', 'open2(my $o, my $i, "chpasswd"); print $i "a:b", "c", '],
      ['php popen writes', '$h = popen("chpasswd", "w"); fwrite($h, "a:b", '],
      ['printf lists left open', 'printf $fh "%s", "a'],
      ['vault ids', "echo 'x1' > /tmp/v; a --vault-id p@/tmp/v "],
      ['file: passwords', "echo 'x1' > /tmp/v; openssl rsa -passin file:/tmp/v "],
      ['option files with password lines', "printf 'password=x1\\n' > /tmp/c; a --defaults-file=/tmp/c "],
      ['groups of filters', "echo 'a:b' | { cat; } | "],
      ['groups left open', '| { cat; cat; cat; '],
      ['indirect names', 'n=DB_PASSWORD; declare "$n=a" '],
      ['indirect declares without names', 'declare "$n=a '],
      ['printf -v of elements', "printf -v 'PW[0]' '%s' 'a' "],
      ['name references', 'declare -n r=DB_PASSWORD; r=a '],
    ],
    size,
  );

/**
 * Round 48 (formats48): tables under a secret column (core/table-columns.ts), properties/ipsec.secrets/routing lines
 * (core/pasted-config-lines.ts), Bearer values, and K3s tokens joined by lists, formats, calls and interpolation.
 */
const pastedFormats48 = (size = 1_000_000) => [
  ['one header, many rows', `user,password\n${repeatTo('bob,x1\n', size)}`],
  ['one Markdown header, many rows', `| user | token |\n|---|---|\n${repeatTo('| bob | x1 |\n', size)}`],
  ...described(
    [
      ['CSV headers with a secret column', 'user,password\n'],
      ['long CSV rows', 'a,'],
      ['Markdown rows', '| token | x |\n'],
      ['TSV headers', 'token\tname\n'],
      ['properties lines of prose', 'db.password The word '],
      ['dotted names without values', 'a.b.password '],
      ['ipsec selectors', 'a : PSK '],
      ['colons before types', ': : : PSK'],
      ['routing neighbors', ' neighbor 10.0.0.1 password '],
      ['ospf6 authentication left open', 'ipv6 ospf6 authentication key-id 1 '],
      ['Bearer words', 'Bearer abc1 '],
      ['token heads in lists', '"K10abc", '],
      ['token heads after formats', '"%s::server:%s" % ("K10abc", '],
      ['token heads after joins', '"::".join(["K10", '],
      ['interpolated hashes', '"K10" f"{h}::server:'],
      ['calls that append', '"K10abc").append('],
    ],
    size,
  ),
];

/**
 * Round 49 (tables50): CSV rows with quotes that never close after a secret column's header, rst simple tables'
 * borders and rows, grid borders between Markdown rows, and properties lines continued over line breaks.
 */
const tables50 = (size = 1_000_000) => [
  ['unclosed quotes after a header', `user,note,password\n${repeatTo('bob,"x1,y\n', size)}`],
  ['quoted cells over lines after a header', `user,note,password\n${repeatTo('bob,"x1\ny",z\n', size)}`],
  ['one rst simple table, many rows', `====  ====\nuser  password\n====  ====\n${repeatTo('bob   x1\n', size)}`],
  ['one grid header, many borders', `| user | token |\n${repeatTo('+----+----+\n| a | x1 |\n', size)}`],
  ['one properties line continued', `db.pass\\\n${repeatTo(' word\\\n', size)}`],
  ...described(
    [
      ['rst borders', '====  ====\n'],
      ['rst borders and headers', '====  ====\npassword  token\n'],
      ['escaped pipes', '| token | x \\| '],
      ['quoted header cells', '"a, b",password\n'],
      ['continued key heads', 'db.pass\\\n'],
      ['backslash runs', '\\\\\\\n'],
    ],
    size,
  ),
];

/**
 * Round 49 (netdev50): network devices' config lines (core/device-config-lines.ts): lines of keywords without a value,
 * long lines of words, many lines, long blank runs, modifiers that never end.
 */
const deviceLines50 = (size = 1_000_000) => [
  ['one long line of key words', repeatTo('tacacs-server key ', size)],
  ['a long line of modifiers', `pre-shared-key ${repeatTo('local ascii-text 1 md5 ', size)}`],
  ['a long blank run after a keyword', `enable password${' '.repeat(size)}x`],
  ...described(
    [
      ['enable password lines without values', 'enable password\n'],
      ['snmp communities of defaults', 'snmp-server community public RO\n'],
      ['server blocks of bare keys', 'radius server R\n key\n'],
      ['authentication modes', ' standby 1 authentication md5 key-chain K\n'],
      ['lines of 64 words', `set ${'key '.repeat(70)}\n`],
      ['type digits without values', 'username u secret 7 \n'],
      ['lower-case ipsec types', ': psk '],
    ],
    size,
  ),
];

/**
 * Round 49 (lits50): string literals of languages under a secret name (core/literal-forms.ts, literal-bodies.ts):
 * openers that never close, names and types without literals, heredoc markers never ended, nested delimiters.
 */
const literalForms49 = (size = 1_000_000) =>
  described(
    [
      ['verbatim openers left open', 'password = @"a'],
      ['names then operators', 'password = '],
      ['assignments chained', 'password=@'],
      ['typed names without literals', "let password: &'static str = "],
      ['long types', `password: ${'a'.repeat(60)} `],
      ['Go types without values', 'password string '],
      ['text blocks never closed', 'password = """\n'],
      ['text blocks closed at once', 'password = """"""\n'],
      ['raw strings never closed', 'password = r##"a"#'],
      ['C++ raw strings never closed', 'password = R"xy(a)x"'],
      ['heredocs never ended', 'password = <<<EOT\nx\n'],
      ['Perl here-docs never ended', 'password = <<~EOT;\n'],
      ['Perl quotes nested', 'password = q{{{'],
      ['Perl quotes never closed', 'password = q/a'],
      ['Lua long strings never closed', 'password = [==[a]=]'],
      ['Ruby percent literals left open', 'password = %q('],
      ['prefixed quotes with escapes', 'password = L"\\\\'],
      ['interpolations', 'password = $"{a}{b}${c}#{d}\\(e)%s'],
    ],
    size,
  );

module.exports = { sqlForms50, readersAndLists50, stdinForms48, stdinForms50, pastedFormats48, tables50, deviceLines50, literalForms49 };
