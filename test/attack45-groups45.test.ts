import { secretShape } from '../src/core/secrets';
import { accepted, configMapOf, falseRefusalTables, refusedTextRows } from './secret-tables';

/**
 * Round 44a-2, 44a-10, 44a-12: a password fed to a group or subshell (its here-string, here-doc, process substitution
 * or pipe) reaches each of its commands, over lines too; a reader after stages that pass their input on reads the
 * pipeline's first stage's input (a `-c` script's, a group's); xargs' replace string is its item, not a literal;
 * `chpasswd -e` takes crypt hashes and locks.
 */
const S = 'Hx7qLm2vPw9';

const refused: ReadonlyArray<readonly [string, string, string]> = [
  // 44a-2: a group's or a subshell's input
  ["{ chpasswd; } <<< '…'", `{ chpasswd; } <<< 'root:${S}'`, S],
  ["( chpasswd ) <<< '…'", `( chpasswd ) <<< 'root:${S}'`, S],
  ["(cd /tmp && chpasswd) <<< '…'", `(cd /tmp && chpasswd) <<< 'root:${S}'`, S],
  ["{ sudo -S true; } <<<'…'", `{ sudo -S true; } <<<'${S}'`, S],
  ["( chpasswd ) 0<<< '…'", `( chpasswd ) 0<<< 'root:${S}'`, S],
  ["{ chpasswd; } < <(echo '…')", `{ chpasswd; } < <(echo 'root:${S}')`, S],
  ["( ( chpasswd ) ) <<< '…'", `( ( chpasswd ) ) <<< 'root:${S}'`, S],
  ["{ cat | chpasswd; } <<< '…'", `{ cat | chpasswd; } <<< 'root:${S}'`, S],
  ["( cat | tr -d ' ' | chpasswd ) <<< '…'", `( cat | tr -d ' ' | chpasswd ) <<< 'root:${S}'`, S],
  ['{ set -e; docker login --password-stdin; } <<<', `{ set -e; docker login -u bob --password-stdin r.io; } <<< '${S}'`, S],
  ["{ sh -c 'chpasswd'; } <<< '…'", `{ sh -c 'chpasswd'; } <<< 'root:${S}'`, S],
  ["{ xargs sshpass -p; } <<< '…'", `{ xargs sshpass -p; } <<< '${S}'`, S],
  ['echo … | (cat | chpasswd)', `echo 'root:${S}' | (cat | chpasswd)`, S],
  ['echo … | (cd /x && xargs sshpass -p)', `echo '${S}' | (cd /x && xargs sshpass -p)`, S],
  // 44a-2: a group over several lines
  ["{ …lines… } <<< '…'", `{\n  chpasswd\n} <<< 'root:${S}'`, S],
  ['{ …lines… } <<EOF', `{\n  chpasswd\n} <<EOF\nroot:${S}\nEOF`, S],
  ['( …lines with a comment… ) <<<', `(\n  set -e\n  # the users\n  chpasswd\n) <<< 'root:${S}'`, S],
  ['{ cd && …lines… } <<EOF', `{\n  cd /x &&\n    vault login -\n} <<EOF\n${S}\nEOF`, S],
  ['echo … | { …lines… }', `echo '${S}' | {\n  read -r x\n  vault login -\n}`, S],
  ['echo … | ( …lines… )', `echo 'root:${S}' | (\n  chpasswd\n)`, S],
  // 44a-2: a pipe inside a -c script, a script's group
  ["echo … | sh -c 'cat | chpasswd'", `echo 'root:${S}' | sh -c 'cat | chpasswd'`, S],
  ['echo … | sh -c \'tr -d " " | chpasswd\'', `echo 'root:${S}' | sh -c 'tr -d " " | chpasswd'`, S],
  ["echo … | sh -c 'sed s/x/y/ | sudo chpasswd'", `echo 'root:${S}' | sh -c 'sed s/x/y/ | sudo chpasswd'`, S],
  ["echo … | bash -c 'head -n1 | docker login …'", `echo '${S}' | bash -c 'head -n1 | docker login -u bob --password-stdin r.io'`, S],
  ["echo … | sh -c 'cat|chpasswd'", `echo 'root:${S}' | sh -c 'cat|chpasswd'`, S],
  ["echo … | sudo sh -c 'cat | chpasswd'", `echo 'root:${S}' | sudo sh -c 'cat | chpasswd'`, S],
  ["echo … | docker exec -i c sh -c 'cat | chpasswd'", `echo 'root:${S}' | docker exec -i c sh -c 'cat | chpasswd'`, S],
  ["echo … | ssh host 'cat | sudo chpasswd'", `echo 'root:${S}' | ssh host 'cat | sudo chpasswd'`, S],
  ["printf 'root:%s\\n' … | sh -c 'cat | chpasswd'", `printf 'root:%s\\n' '${S}' | sh -c 'cat | chpasswd'`, S],
  ["sh -c 'cat | chpasswd' <<< '…'", `sh -c 'cat | chpasswd' <<< 'root:${S}'`, S],
  ["( sh -c 'cat | chpasswd' ) <<< '…'", `( sh -c 'cat | chpasswd' ) <<< 'root:${S}'`, S],
  ["echo … | sh -c '(chpasswd)'", `echo 'root:${S}' | sh -c '(chpasswd)'`, S],
  ['sh -c \'{ chpasswd; } <<< "…"\'', `sh -c '{ chpasswd; } <<< "root:${S}"'`, S],
  ["echo … | sh -c 'xargs sshpass -p'", `echo '${S}' | sh -c 'xargs sshpass -p'`, S],
];

/** Controls for 44a-10 and 44a-12 (refused before too): a literal fed to xargs, or beside its replace string, is one. */
const stillRefused: ReadonlyArray<readonly [string, string, string]> = [
  ['echo … | xargs -I{} redis-cli -a {}', `echo '${S}' | xargs -I{} redis-cli -a {} ping`, S],
  ["xargs -I{} redis-cli -a {} <<< '…'", `xargs -I{} redis-cli -a {} ping <<< '${S}'`, S],
  ['xargs -I s sshpass -p <literal>', `cat f | xargs -I s sshpass -p ${S} ssh h`, S],
  ['xargs -I{} redis-cli -a <literal> get {}', `cat f | xargs -I{} redis-cli -a ${S} get {}`, S],
  ['chpasswd -e fed a plain password', `echo 'root:${S}' | chpasswd -e`, S],
  ['chpasswd -m fed a plain password', `echo 'root:${S}' | chpasswd -m`, S],
];

const ordinary = [
  // 44a-10: xargs' replace string is the item it reads
  'cat /run/secrets/redis | xargs -I PW redis-cli -a PW ping',
  'cat /run/secrets/pw | xargs -I% sshpass -p % ssh host uptime',
  'echo "$PW" | xargs -I@ redis-cli -a @ ping',
  "cat /run/pw | xargs -I{} sh -c 'echo root:{} | chpasswd'",
  'cat /run/pw | xargs -I{} curl -u bob:{} https://x',
  'cat /run/pw | xargs --replace=X redis-cli -a X ping',
  'cat /run/pw | xargs -i redis-cli -a {} ping',
  // 44a-12: chpasswd -e takes crypt hashes and locks
  "echo 'root:*' | chpasswd -e\necho 'bob:!' | chpasswd -e",
  "echo 'root:!!' | chpasswd --encrypted",
  'chpasswd -e <<EOF\nroot:!\nbob:*\nEOF',
  "chpasswd -e <<< 'root:!'",
  "echo 'root:$6$saltsalt$abcdefghijklmnopqrstuvwxyz0123456789' | chpasswd -e",
  // 44a-2 controls: references, files, no reader, no literal
  '{ chpasswd; } <<< "root:$PW"',
  '( chpasswd ) <<< "$USERS"',
  '{ chpasswd; } < /run/secrets/users',
  '(\n  chpasswd\n) < /run/secrets/users',
  '{\n  chpasswd\n} <<EOF\nroot:$PW\nEOF',
  'echo "$PW" | {\n  vault login -\n}',
  "{ echo a; echo b; } <<< 'hello'",
  "( cd /x && make ) <<< 'yes'",
  `{ cat; } <<< 'root:${S}'`,
  "echo hello | sh -c 'cat | wc -l'",
  `echo 'root:${S}' | sh -c 'cat /run/users | chpasswd'`,
  '( cat | chpasswd ) < /run/users',
  'echo "$PW" | sh -c \'cat | chpasswd\'',
  "sh -c 'cat | chpasswd' < /run/users",
  '{\n  "a": 1,\n  "b": [\n    2\n  ]\n}',
  'function f() {\n  chpasswd\n}\nf < /run/users',
  'Set passwords with a group: { chpasswd; } < users.txt, or (cat | chpasswd) < users.txt.',
];

describe('round 44a-2: a group, a subshell or a -c script fed a password gives it to its reader', () => {
  refusedTextRows(refused);
});

describe('round 44a-10, 44a-12 controls: literals beside xargs replace strings, plain passwords to chpasswd -e', () => {
  refusedTextRows(stillRefused);
});

describe('round 44a-10, 44a-12: xargs replace strings and chpasswd -e hashes are no passwords', () => {
  falseRefusalTables(S).acceptedTable(ordinary);
});

/** 44a-10's own texts, in a ConfigMap as written (longer than a line the YAML of a pod annotation keeps whole). */
const fromSecrets = [
  "kubectl get secret redis -o jsonpath='{.data.password}' | base64 -d | xargs -I{} redis-cli -a {} ping\n",
  'kubectl get secret redis -o jsonpath="{.data.password}" | base64 -d | xargs -I{} sshpass -p {} ssh h\n',
];

describe('round 44a-10: a Secret read through xargs -I{} is accepted in a ConfigMap', () => {
  test.each(fromSecrets)('%s is accepted', (text) => {
    expect(secretShape(text)).toBeUndefined();
    accepted(configMapOf({ 'run.sh': text }));
  });
});
