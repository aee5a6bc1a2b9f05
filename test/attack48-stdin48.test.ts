import * as hostile from '../scripts/hostile-inputs';
import { secretsInData } from '../src/core/secrets';
import { HOSTILE_TEST_SIZE } from './secret-doors';
import { falseRefusalTables, refusedTextRows } from './secret-tables';

/**
 * Round-47 findings 47a-7 (a literal written to a started program's standard input through pexpect, PHP's proc_open
 * pipes, Perl's piped open, Python's os.popen, and a file written from a literal given to a password-file option),
 * 47a-16 (a group or subshell given a descriptor by a here-string, whose commands read that descriptor) and 47a-13
 * (`printf -v 'PASSWORD' …`, the name quoted).
 */
const S = 'Zq9xW3vLp7Rt';
const { acceptedTable } = falseRefusalTables(S);

const writers: ReadonlyArray<readonly [string, string, string]> = [
  // pexpect
  ['pexpect spawn of sudo -S, sendline', `child = pexpect.spawn("sudo -S true")\nchild.sendline("${S}")`, S],
  [
    'pexpect spawn of sudo -S, expect, sendline',
    `child = pexpect.spawn("sudo -S true")\nchild.expect("assword")\nchild.sendline("${S}")`,
    S,
  ],
  ['pexpect with … as child, send with \\n', `with pexpect.spawn("sudo -S true") as child:\n    child.send("${S}\\n")`, S],
  ['pexpect passwd after a password prompt', `child = pexpect.spawn("passwd bob")\nchild.expect("password:")\nchild.sendline("${S}")\n`, S],
  [
    'pexpect ssh after a password prompt, send',
    `child = pexpect.spawn("ssh bob@h")\nchild.expect("password:")\nchild.send("${S}\\n")\n`,
    S,
  ],
  [
    'pexpect an index of prompts, then sendline',
    `child = pexpect.spawn("ssh bob@h")\ni = child.expect(["Password:", pexpect.EOF])\nif i == 0:\n    child.sendline("${S}")`,
    S,
  ],
  // PHP
  [
    'PHP proc_open of chpasswd, fwrite',
    `$p = proc_open("chpasswd", [0 => ["pipe", "r"]], $pipes);\nfwrite($pipes[0], "root:${S}\\n");\n`,
    S,
  ],
  ['PHP proc_open of sudo -S, fwrite', `$p = proc_open("sudo -S true", $spec, $pipes);\nfwrite($pipes[0], "${S}\\n");\n`, S],
  ['PHP proc_open of a list, fputs', `$p = proc_open(["sudo", "-S", "true"], $spec, $pipes);\nfputs($pipes[0], "${S}\\n");`, S],
  // Perl
  ['Perl open |- of chpasswd, print', `open(my $fh, "|-", "chpasswd") or die;\nprint $fh "root:${S}\\n";\n`, S],
  ['Perl open |- of sudo -S, print', `open(my $fh, "|-", "sudo -S true") or die;\nprint $fh "${S}\\n";\n`, S],
  ['Perl two-argument open, print FH', `open(FH, "| sudo -S true") or die;\nprint FH "${S}\\n";\n`, S],
  ['Perl open |- with the command as a list, printf', `open(my $in, '|-', 'passwd', '--stdin', 'bob');\nprintf $in "${S}\\n";`, S],
  ['Perl open without parentheses, print', `open my $fh, "|-", "chpasswd" or die;\nprint $fh "root:${S}\\n";`, S],
  ['Perl two-argument open without parentheses', `open FH, "| sudo -S true" or die;\nprint FH "${S}\\n";`, S],
  ['Perl print {$fh}', `open my $fh, "|-", "passwd", "--stdin", "bob";\nprint {$fh} "${S}\\n";`, S],
  // Python os.popen
  ['os.popen with … as f', `with os.popen("chpasswd", "w") as f:\n    f.write("root:${S}\\n")\n`, S],
  ['os.popen(…, "w").write(…)', `os.popen("sudo -S true", "w").write("${S}\\n")\n`, S],
  ['p = os.popen(…, "w"), then p.write', `p = os.popen("sudo -S true", "w")\np.write("${S}\\n")\n`, S],
  // A file written from a literal given to a password-file option
  ['ansible-vault --vault-password-file', `echo '${S}' > /tmp/v; ansible-vault decrypt --vault-password-file /tmp/v f`, S],
  ['ansible-playbook --vault-password-file=', `echo '${S}' > /tmp/v\nansible-playbook --vault-password-file=/tmp/v site.yml`, S],
  ['--password-file given a process substitution', `app sync --password-file <(echo ${S})`, S],
  ['--passphrase-file of printf', `printf '%s' '${S}' > /run/p\ntool unlock --passphrase-file /run/p`, S],
];

const groups: ReadonlyArray<readonly [string, string, string]> = [
  ['a group reading fd 3 on standard input', `{ chpasswd <&3; } 3<<< 'root:${S}'`, S],
  ['a group reading 0<&3', `{ chpasswd 0<&3; } 3<<< 'root:${S}'`, S],
  ['a group reading fd 4', `{ passwd --stdin root <&4; } 4<<< '${S}'`, S],
  ['a subshell reading fd 3', `( chpasswd <&3 ) 3<<< 'root:${S}'`, S],
  ['sudo -S in a group, 0<&3', `{ sudo -S true 0<&3; } 3<<< '${S}'`, S],
  ['a group over lines, the here-string double-quoted', `{\n  echo start\n  chpasswd <&3\n} 3<<< "root:${S}"`, S],
  ['a group reading /dev/fd/3 as a password file', `{ restic init --password-file /dev/fd/3; } 3<<< '${S}'`, S],
  ['a group given fd 3 by a process substitution', `{ sudo -S true <&3; } 3< <(echo '${S}')`, S],
  ['a redirection between the closing and the here-string', `{ chpasswd <&3; } 2>/dev/null 3<<< 'root:${S}'`, S],
  ['a function called in the group reads fd 3', `setpw() { chpasswd <&3; }\n{ setpw; } 3<<< 'root:${S}'`, S],
];

const printfs: ReadonlyArray<readonly [string, string, string]> = [
  ['printf -v with the name single-quoted', `printf -v 'PASSWORD' %s '${S}'; app`, S],
  ['printf -v with the name double-quoted', `printf -v "DB_PASSWORD" '%s' '${S}'; app`, S],
];

describe('47a-7: a literal written to a started program’s standard input (pexpect, PHP, Perl, os.popen, password files) is refused', () => {
  refusedTextRows(writers);
});

describe('47a-16: a group given a descriptor by a here-string, read inside it, is refused', () => {
  refusedTextRows(groups);
});

describe('47a-13: printf -v with a quoted secret name is refused', () => {
  refusedTextRows(printfs);
});

describe('controls: other prompts, references, other programs and ordinary descriptors are accepted', () => {
  acceptedTable([
    // 47a-7
    'child = pexpect.spawn("apt-get install foo")\nchild.expect("continue")\nchild.sendline("yes")',
    'child = pexpect.spawn("ssh bob@h")\nchild.expect("continue connecting")\nchild.sendline("yes")\nchild.expect("password:")\nchild.sendline(os.environ["PW"])',
    'child = pexpect.spawn("sudo -S true")\nchild.expect("password")\nchild.sendline(os.environ["PW"])',
    'child = pexpect.spawn("sudo -S true")\nchild.expect("password")\nchild.sendline(pw)',
    'child = pexpect.spawn("ftp h")\nchild.expect("Name")\nchild.sendline("anonymous")',
    '$p = proc_open("sudo -S true", $spec, $pipes);\nfwrite($pipes[0], $pw);',
    '$p = proc_open("sort", $spec, $pipes);\nfwrite($pipes[0], "banana\\napple\\n");',
    'open(my $fh, "|-", "sudo -S true") or die;\nprint $fh $data;',
    'open(my $fh, "|-", "mail bob") or die;\nprint $fh "Hello from the build\\n";',
    'open my $fh, "|-", "mail", "bob" or die;\nprint $fh "Hello there\\n";',
    'print STDERR "starting the job\\n";',
    'with os.popen("sort", "w") as f:\n    f.write("banana\\n")',
    'p = os.popen("sudo -S true", "w")\np.write(os.environ["PW"])',
    'echo "$PW" > /tmp/v; ansible-vault decrypt --vault-password-file /tmp/v f',
    'echo hello > /tmp/v; app --config-file /tmp/v',
    'ansible-vault decrypt --vault-password-file /run/secrets/vault f',
    // 47a-16
    '{ cat <&3; } 3< /etc/hosts',
    "{ cat <&3; } 3<<< 'hello world'",
    '{ chpasswd <&3; } 3< /run/secrets/users',
    '{ sudo -S true <&3; } 3<<< "$PW"',
    "f() { cat <&3; }\n{ f; } 2>/dev/null 3<<< 'root:hello'",
    // 47a-13
    "printf -v 'NAME' %s 'bob'; app",
    'printf -v \'PASSWORD\' %s "$PW"; app',
  ]);
});

// `npm run bench` times the same texts at 1 MB.
describe('47a-7, 47a-16: hostile near-misses stay cheap', () => {
  test.each(hostile.stdinForms48(HOSTILE_TEST_SIZE))('%s is judged', (_, text) => {
    secretsInData({ data: { k0: text } });
  });
});
