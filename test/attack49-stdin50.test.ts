import * as hostile from '../scripts/hostile-inputs';
import { secretsInData } from '../src/core/secrets';
import { HOSTILE_TEST_SIZE } from './secret-doors';
import { falseRefusalTables, refusedTextRows } from './secret-tables';

/**
 * Round-48 findings 48a-7 (a literal written to a started program's standard input through PHP's popen, Perl's
 * printf/say and IPC::Open2/Open3, Python's `print(…, file=p.stdin)`; a file written from a literal and given to
 * ansible's `--vault-id LABEL@FILE`, openssl's `-passin file:FILE`, MySQL's `--defaults-file`; a pipe through a group
 * of filters) and 48a-8 (`printf -v 'PW[0]' …`, a variable named by another: `n=DB_PASSWORD; declare "$n=…"`).
 */
const S = 'Kp4vN8qRt2Wx';
const { acceptedTable } = falseRefusalTables(S);

const writers: ReadonlyArray<readonly [string, string, string]> = [
  ['PHP popen of chpasswd, fwrite', `<?php\n$h = popen('chpasswd', 'w');\nfwrite($h, "bob:${S}\\n");\n`, S],
  ['PHP popen of sudo -S, fputs', `$h = popen("sudo -S true", "w");\nfputs($h, "${S}\\n");`, S],
  ['PHP popen, fprintf with a format', `$h = popen('chpasswd', 'w');\nfprintf($h, "%s\\n", "root:${S}");`, S],
  ['Perl printf to a piped handle, the value after the format', `open(my $fh, '|-', 'chpasswd');\nprintf $fh "%s\\n", 'bob:${S}';\n`, S],
  ['Perl say to a piped handle', `open(my $fh, '|-', 'chpasswd');\nsay $fh 'bob:${S}';\n`, S],
  ['Perl say {$fh}', `open(my $fh, '|-', 'sudo -S true');\nsay {$fh} '${S}';`, S],
  ['Perl print of a list of literals', `open(my $fh, '|-', 'chpasswd');\nprint $fh 'root:', '${S}', "\\n";`, S],
  ['PHP fwrite of literals joined by .', `$h = popen('chpasswd', 'w');\nfwrite($h, 'root:' . '${S}' . "\\n");`, S],
  ['Perl open2, print to its input', `my $pid = open2(my $out, my $in, 'chpasswd');\nprint $in "bob:${S}\\n";\n`, S],
  ['Perl open3, print to its input', `my $pid = open3(my $in, my $out, undef, 'chpasswd');\nprint $in "root:${S}\\n";`, S],
  ['Perl open2 with globs', `open2(\\*OUT, \\*IN, 'sudo', '-S', 'true');\nprint IN "${S}\\n";`, S],
  [
    'Python print(…, file=p.stdin)',
    `p = subprocess.Popen(['chpasswd'], stdin=subprocess.PIPE, text=True)\nprint('bob:${S}', file=p.stdin)\n`,
    S,
  ],
  [
    'Python print(…, file=p.stdin, flush=True) to sudo -S',
    `p = subprocess.Popen(["sudo", "-S", "true"], stdin=subprocess.PIPE, text=True)\nprint("${S}", file=p.stdin, flush=True)`,
    S,
  ],
  [
    'Python print(…, file=f), f bound to p.stdin',
    `with subprocess.Popen(["chpasswd"], stdin=subprocess.PIPE, text=True) as p:\n    f = p.stdin\n    print("root:${S}", file=f)`,
    S,
  ],
];

const files: ReadonlyArray<readonly [string, string, string]> = [
  ['ansible --vault-id LABEL@FILE', `echo '${S}' > /tmp/vp\nansible-playbook site.yml --vault-id prod@/tmp/vp\n`, S],
  ['ansible --vault-id=LABEL@FILE', `echo '${S}' > /tmp/vp; ansible-vault view --vault-id=prod@/tmp/vp f.yml`, S],
  ['openssl -passin file:', `echo '${S}' > /tmp/pp\nopenssl rsa -in k.pem -passin file:/tmp/pp\n`, S],
  ['openssl -passout file: of printf', `printf '%s' '${S}' > /run/p\nopenssl pkcs12 -export -in c.pem -passout file:/run/p -out c.p12`, S],
  [
    'mysql --defaults-file written by printf',
    `printf '[client]\\npassword=%s\\n' '${S}' > /tmp/my.cnf\nmysql --defaults-file=/tmp/my.cnf\n`,
    S,
  ],
  [
    'mysql --defaults-extra-file written by cat and a here-doc',
    `cat > /tmp/my.cnf <<EOF\n[client]\nuser=root\npassword=${S}\nEOF\nmysql --defaults-extra-file=/tmp/my.cnf -e 'select 1'`,
    S,
  ],
];

const groups: ReadonlyArray<readonly [string, string, string]> = [
  ['a group of cat between echo and chpasswd', `echo 'bob:${S}' | { cat; } | chpasswd`, S],
  ['a subshell of cat between echo and chpasswd', `echo 'root:${S}' | (cat) | chpasswd`, S],
  ['a group of tr between echo and sudo -S', `echo '${S}' | { tr -d '\\r'; } | sudo -S true`, S],
];

const variables: ReadonlyArray<readonly [string, string, string]> = [
  ["printf -v 'PW[0]'", `printf -v 'PW[0]' '%s' '${S}'`, S],
  ["printf -v 'DB_PASSWORD[1]'", `printf -v 'DB_PASSWORD[1]' '%s' '${S}'`, S],
  ['printf -v PW[0] unquoted', `printf -v PW[0] '%s' '${S}'`, S],
  ['declare "$n=…" with n naming a secret', `n=DB_PASSWORD; declare "$n=${S}"`, S],
  ['declare over lines', `n=DB_PASSWORD\ndeclare "$n=${S}"`, S],
  ['export "${n}=…", the name quoted', `n='API_TOKEN'; export "\${n}=${S}"`, S],
  ['declare -g "$n"=\'…\'', `n=DB_PASSWORD; declare -g "$n"='${S}'`, S],
  ['eval "$n=…"', `n=MYSQL_PWD; eval "$n=${S}"`, S],
  ['a name reference: declare -n ref=DB_PASSWORD; ref=…', `declare -n ref=DB_PASSWORD; ref='${S}'`, S],
  ['a name reference: local -n over lines', `local -n p=API_TOKEN\np=${S}`, S],
  ['printf -v "$v"', `v=DB_PASSWORD; printf -v "$v" '%s' '${S}'`, S],
];

describe('48a-7: a literal written to a started program’s standard input (PHP popen, Perl printf/say/open2, Python print) is refused', () => {
  refusedTextRows(writers);
});

describe('48a-7: a file written from a literal and given as a password or option file is refused', () => {
  refusedTextRows(files);
});

describe('48a-7: a pipe through a group of filters into a password reader is refused', () => {
  refusedTextRows(groups);
});

describe('48a-8: a literal put into an array element or a variable named by another, named like a secret, is refused', () => {
  refusedTextRows(variables);
});

describe('controls: references, other programs, other files and ordinary names are accepted', () => {
  acceptedTable([
    // 48a-7 writers
    "$h = popen('chpasswd', 'w');\nfwrite($h, $line);",
    "$h = popen('sort', 'w');\nfwrite($h, \"banana\\n\");",
    "$h = fopen('/tmp/log', 'w');\nfwrite($h, \"root:hello there\\n\");",
    "open(my $fh, '|-', 'chpasswd');\nprintf $fh \"%s:%s\\n\", $user, $pw;",
    "open(my $fh, '|-', 'mail bob');\nsay $fh 'the build is done';",
    "open(my $fh, '|-', 'chpasswd');\nprint $fh 'root:', $pw, \"\\n\";",
    "open(my $fh, '|-', 'mail bob');\nprint $fh 'Hello ', 'world', \"\\n\";",
    "$h = popen('chpasswd', 'w');\nfwrite($h, 'root:' . $pw . \"\\n\");",
    'my $pid = open2(my $out, my $in, \'sort\');\nprint $in "banana\\n";',
    'my $pid = open2(my $out, my $in, \'chpasswd\');\nprint $in "$user:$pw\\n";',
    "p = subprocess.Popen(['chpasswd'], stdin=subprocess.PIPE, text=True)\nprint(f'{user}:{pw}', file=p.stdin)",
    "print('starting the job', file=sys.stderr)",
    "p = subprocess.Popen(['sort'], stdin=subprocess.PIPE, text=True)\nprint('banana', file=p.stdin)",
    // 48a-7 files
    'ansible-playbook site.yml --vault-id prod@/run/secrets/vault',
    'ansible-playbook site.yml --vault-id prod@prompt',
    'echo "$PW" > /tmp/vp; ansible-playbook site.yml --vault-id prod@/tmp/vp',
    'openssl rsa -in k.pem -passin file:/run/secrets/key',
    'echo hello > /tmp/pp; scp h:/tmp/pp .',
    'printf \'[client]\\npassword=%s\\n\' "$PW" > /tmp/my.cnf\nmysql --defaults-file=/tmp/my.cnf',
    "printf '[client]\\nuser=%s\\n' 'bob' > /tmp/my.cnf\nmysql --defaults-file=/tmp/my.cnf",
    "echo 'hello world' > /tmp/c; app --config=/tmp/c",
    "printf 'mode=%s\\n' 'fast' > /tmp/r; app --config=/tmp/r",
    "echo 'password_file=/run/x' > /tmp/r; app --config /tmp/r",
    // 48a-7 groups
    "echo 'SELECT 1' | { psql; } | chpasswd",
    'echo "$LINE" | { cat; } | chpasswd',
    "echo 'hello' | { cat; } | wc -l",
    // 48a-8
    "printf -v 'PW[0]' '%s' \"$PW\"",
    "printf -v 'NAMES[0]' '%s' 'bob'",
    'n=DB_PASSWORD; declare "$n=$PW"',
    'n=DB_USER; declare "$n=bob_the_builder"',
    'declare "$n=Zq7mWx9Lp2"',
    'n=DB_PASSWORD; declare "$n=${PW}"',
    'for n in A B; do declare "$n=1"; done',
    'declare -n ref=DB_PASSWORD; ref="$PW"',
    "declare -n ref=NAMES; ref='bob_builder'",
    "declare -a ref=DB_PASSWORD; ref='a_long_value'",
  ]);
});

// `npm run bench` times the same texts at 1 MB.
describe('48a-7, 48a-8: hostile near-misses stay cheap', () => {
  test.each(hostile.stdinForms50(HOSTILE_TEST_SIZE))('%s is judged', (_, text) => {
    secretsInData({ data: { k0: text } });
  });
});
