import { falseRefusalTables, refusedTextRows } from './secret-tables';

/**
 * Round 43a-1..4, 7, 8: a password fed to a reader of standard input through a one-word `sh -c` script, xargs (its
 * command given the fed words where xargs puts them), a `|` followed by comment or blank lines, a descriptor, a
 * process substitution, a file written from a literal or a coprocess; `kubectl run -i … --image=<reader>`, `ssh -t -i
 * KEY host -- CMD`, `systemd-run --pipe`.
 */
const S = 'Zq9xW7pLm3Tr';

const refused: ReadonlyArray<readonly [string, string, string]> = [
  // 43a-1: a one-word script that is a reader
  ["| sh -c 'chpasswd'", `echo 'root:${S}' | sh -c 'chpasswd'`, S],
  ['| sh -c chpasswd', `echo 'root:${S}' | sh -c chpasswd`, S],
  ["| bash -c 'chpasswd'", `echo 'root:${S}' | bash -c 'chpasswd'`, S],
  ["| docker run -i --rm alpine sh -c 'chpasswd'", `echo 'root:${S}' | docker run -i --rm alpine sh -c 'chpasswd'`, S],
  ['| kubectl exec -i x -- sh -c chpasswd', `echo 'root:${S}' | kubectl exec -i x -- sh -c chpasswd`, S],
  ['| sudo sh -c chpasswd', `echo 'root:${S}' | sudo sh -c chpasswd`, S],
  // 43a-2: xargs appends its input, or puts it where -I says
  ['xargs sshpass -p', `echo '${S}' | xargs sshpass -p`, S],
  ['xargs curl -u', `echo 'bob:${S}' | xargs curl -u`, S],
  ["xargs -d '\\n' redis-cli -a", `printf '%s\\n' '${S}' | xargs -d '\\n' redis-cli -a`, S],
  ['xargs -n1 sshpass -p', `echo '${S}' | xargs -n1 sshpass -p`, S],
  ['xargs -r sshpass -p', `echo '${S}' | xargs -r sshpass -p`, S],
  ['xargs -- sshpass -p', `echo '${S}' | xargs -- sshpass -p`, S],
  ["xargs -0 -I@ sh -c 'echo @ | chpasswd'", `printf 'root:${S}' | xargs -0 -I@ sh -c 'echo @ | chpasswd'`, S],
  ['xargs --replace=X redis-cli -a X', `echo '${S}' | xargs --replace=X redis-cli -a X ping`, S],
  ['xargs -i redis-cli -a {}', `echo '${S}' | xargs -i redis-cli -a {} ping`, S],
  // 43a-3: comment and blank lines after a line-ending pipe
  ['| # a comment, then the reader', `echo '${S}' | # the token\n  vault login -`, S],
  ['| then a blank line', `printf '%s' '${S}' |\n\n  vault login -`, S],
  ['| then a comment line and a blank one', `echo '${S}' |\n  # the token\n  \n  vault login -`, S],
  // 43a-4: descriptors, process substitutions, files written from a literal, coprocesses
  ['exec 3< <(echo …), then <&3', `exec 3< <(echo 'root:${S}')\nchpasswd <&3`, S],
  ["exec 3<<<'…', then <&3", `exec 3<<<'${S}'\nvault login - <&3`, S],
  ["exec 3<<<'…', then 0<&3", `exec 3<<<'${S}'\nvault login - 0<&3`, S],
  ['exec 4<<< …, then /dev/fd/4', `exec 4<<< '${S}'\nsshpass -f /dev/fd/4 ssh host`, S],
  ["exec {fd}<<<'…', then <&$fd", `exec {fd}<<<'${S}'\nvault login - <&$fd`, S],
  ['exec {fd}< <(echo …), then <&"${fd}"', `exec {fd}< <(echo 'root:${S}')\nchpasswd <&"\${fd}"`, S],
  ['echo >> /tmp/p, then < /tmp/p', `echo 'root:${S}' >> /tmp/p\nchpasswd < /tmp/p`, S],
  ['echo > "/tmp/p", then < "/tmp/p"', `echo 'root:${S}' > "/tmp/p"\nchpasswd < "/tmp/p"`, S],
  ['sshpass -f <(echo …)', `sshpass -f <(echo '${S}') ssh host`, S],
  ["sshpass -f <(printf '%s' …)", `sshpass -f <(printf '%s' '${S}') ssh host`, S],
  ['restic --password-file <(echo …)', `restic -r /r init --password-file <(echo '${S}')`, S],
  ['echo > /tmp/p, then < /tmp/p', `echo 'root:${S}' > /tmp/p\nchpasswd < /tmp/p`, S],
  ['echo > /tmp/p; </tmp/p on one line', `echo 'root:${S}' > /tmp/p; chpasswd </tmp/p`, S],
  ['printf > /run/pw, then --password-file=', `printf '%s' '${S}' > /run/pw\nrestic -r /r init --password-file=/run/pw`, S],
  ['echo > /tmp/p, then cat /tmp/p |', `echo '${S}' > /tmp/p\ncat /tmp/p | docker login -u bob --password-stdin r.io`, S],
  ['coproc chpasswd, >&"${COPROC[1]}"', `coproc chpasswd\necho 'root:${S}' >&"\${COPROC[1]}"`, S],
  ['coproc CP { chpasswd; }, >&${CP[1]}', `coproc CP { chpasswd; }\necho 'root:${S}' >&\${CP[1]}`, S],
  // 43a-7: kubectl run -i with --image=<the reader's name>
  ['kubectl run -i --rm tmp --image=vault --', `echo '${S}' | kubectl run -i --rm tmp --image=vault -- vault login -`, S],
  ['kubectl run tmp -i --rm --image=vault --', `echo '${S}' | kubectl run tmp -i --rm --image=vault -- vault login -`, S],
  [
    'kubectl run --image=vault -i --rm --restart=Never tmp --',
    `echo '${S}' | kubectl run --image=vault -i --rm --restart=Never tmp -- vault login -`,
    S,
  ],
  // 43a-8: ssh's options with values and `--`, systemd-run --pipe
  ['ssh -t -i KEY host -- sudo -S', `echo '${S}' | ssh -t -i ~/.ssh/id host -- sudo -S true`, S],
  ['ssh -p 2222 host -- chpasswd', `echo 'root:${S}' | ssh -p 2222 -o BatchMode=yes host -- chpasswd`, S],
  ['systemd-run --pipe --wait chpasswd', `echo 'root:${S}' | systemd-run --pipe --wait chpasswd`, S],
  ['systemd-run -P --wait -u x sudo -S', `echo '${S}' | systemd-run -P --wait -u x sudo -S true`, S],
  ['systemd-run --pipe -p K=V --wait -- chpasswd', `echo 'root:${S}' | systemd-run --pipe -p User=root --wait -- chpasswd`, S],
  // 44a-4: a scope runs the command as systemd-run's own child, with its input.
  ['systemd-run --scope chpasswd', `echo 'root:${S}' | systemd-run --scope chpasswd`, S],
  ['systemd-run --user --scope -- vault login -', `echo '${S}' | systemd-run --user --scope -- vault login -`, S],
];

const ordinary = [
  // 43a-1
  "echo hello | sh -c 'cat'",
  'sh -c chpasswd',
  'echo "$PW" | sh -c chpasswd',
  "sh -c 'chpasswd' < /run/secrets/users",
  "echo hello | sh -c 'chpasswd'",
  // 43a-2
  'echo file1 file2 | xargs rm -f',
  'echo "$PW" | xargs sshpass -p',
  "find . -name '*.log' | xargs grep -l password",
  'echo hello | xargs -I{} curl -u "bob:$PW" https://x/{}',
  'cat /run/pw | xargs sshpass -p',
  'echo hosts | xargs -a /run/pw sshpass -p',
  "echo 'y' | xargs -n1 -P4 sshpass -e ssh",
  'echo | xargs',
  // 43a-3
  'echo done | # a comment\n  tee log',
  'cat /run/pw |\n  # the token\n  vault login -',
  'run: | # a YAML block\n  vault login -',
  // 43a-4
  'exec 3< /run/pw\nchpasswd <&3',
  'exec 3< <(echo hello)\ncat <&3',
  'exec {fd}< /run/pw\nchpasswd <&$fd',
  'echo \'root:x\' > /tmp/p\necho "$USERS" > /tmp/p\nchpasswd < /tmp/p',
  "echo 'root:x' > /tmp/p\ncat /tmp/p",
  'echo "$USERS" > /tmp/p\nchpasswd < /tmp/p',
  'sshpass -f /run/secrets/pw ssh host',
  'sshpass -f <(cat /run/pw) ssh host',
  'diff <(echo a) <(echo b)',
  'coproc chpasswd\ncat /run/users >&"${COPROC[1]}"',
  "echo 'hello' > /tmp/x; sshpass -f /tmp/y ssh h",
  // 43a-7, 43a-8
  'echo hello | kubectl run -i --rm tmp --image=vault -- vault status',
  'kubectl run tmp --image=vault -- vault login -',
  'echo "$T" | kubectl run -i --rm tmp --image=vault -- vault login -',
  'cat /run/pw | ssh -t -i ~/.ssh/id host -- sudo -S true',
  'echo hello | systemd-run --wait chpasswd',
  'echo hello | systemd-run --pipe --wait cat',
  'cat /run/users | systemd-run --pipe chpasswd',
  'Feed chpasswd from a file: sh -c chpasswd < users.txt, or xargs -a list sshpass -f /run/pw ssh.',
];

describe('round 43a-1..4, 7, 8: readers behind one-word scripts, xargs, commented pipes, descriptors and files, more wrappers', () => {
  refusedTextRows(refused);
});

describe('round 43a-1..4, 7, 8: ordinary commands are accepted', () => {
  falseRefusalTables(S).acceptedTable(ordinary);
});
