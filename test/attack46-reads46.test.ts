import { readAssignments } from '../src/core/read-builtin';
import { commandPasswordSpans } from '../src/core/secrets-commands';
import { falseRefusalTables, refusedTextRows } from './secret-tables';

/**
 * Round 45a-1..3: the `read`, `mapfile` and `readarray` builtins modelled once (read-builtin.ts): options as bash parses
 * them (glued or apart), IFS splitting into names (the last taking the rest), arrays, and their input from the script's
 * literals: a here-string or here-doc on the command, or on the group, subshell or loop it stands in, a descriptor of
 * that group (`3<<<`), an `echo` piped into the group, a descriptor opened by `exec` (fed-reads.ts).
 */
const S = 'Kp4wQz9xRt2';

const refused: ReadonlyArray<readonly [string, string, string]> = [
  // 45a-1: a read inside a group, a subshell or a loop fed as a whole
  ['{ read; } <<< …', `{ read -r PW; mysql -u root -p"$PW" db; } <<< '${S}'\n`, S],
  ['( read ) <<< …', `( read -r PW; mysql -u root -p"$PW" db ) <<< '${S}'\n`, S],
  ['( read ) <<EOF', `( read PW; sshpass -p "$PW" ssh h ) <<EOF\n${S}\nEOF\n`, S],
  ['while read; do …; done <<EOF', `while read -r PW; do mysql -u root -p"$PW" db; done <<EOF\n${S}\nEOF\n`, S],
  ['{ read <&3; } 3<<< …', `{ read -r PW <&3; mysql -u root -p"$PW" db; } 3<<< '${S}'\n`, S],
  ['{ read -u 3; } 3<<< …', `{ read -r -u 3 PW; mysql -u root -p"$PW" db; } 3<<< '${S}'\n`, S],
  ['a group over lines', `{\n  read -r PW\n  mysql -u root -p"$PW" db\n} <<< '${S}'\n`, S],
  ['a group over lines after a line', `echo start\n{\n  read -r PW\n  mysql -u root -p"$PW" db\n} <<< '${S}'\n`, S],
  ['if read; then …; fi <<< …', `if read -r PW; then mysql -u root -p"$PW" db; fi <<< '${S}'\n`, S],
  ['a subshell in a subshell', `( ( read -r PW; mysql -u root -p"$PW" db ) ) <<< '${S}'\n`, S],
  ['done < <(echo …)', `while read -r PW; do mysql -u root -p"$PW" db; done < <(echo '${S}')\n`, S],
  ['echo piped into a group', `echo '${S}' | { read -r PW; mysql -u root -p"$PW" db; }\n`, S],
  ['printf piped into a loop', `printf '%s\\n' '${S}' | while read -r PW; do sshpass -p "$PW" ssh h; done\n`, S],
  ['two reads take two lines', `{ read -r U; read -r P; sshpass -p "$P" ssh "$U@h"; } <<EOF\nroot\n${S}\nEOF\n`, S],
  ['a group read, used after it', `{ read -r U; read -r P; } <<EOF\nroot\n${S}\nEOF\nsshpass -p "$P" ssh h\n`, S],
  // 45a-2: several names, IFS, arrays, mapfile/readarray
  ["IFS=: read -r U P <<< 'root:…'", `IFS=: read -r U P <<< 'root:${S}'\nsshpass -p "$P" ssh "$U@h"\n`, S],
  ["read -r U P <<< 'root …'", `read -r U P <<< 'root ${S}'\nsshpass -p "$P" ssh h\n`, S],
  ['the last name takes the rest', `read -r A B <<< 'x ${S}'\nredis-cli -a "$B" ping\n`, S],
  ['IFS=: in a loop', `while IFS=: read -r U P; do sshpass -p "$P" ssh "$U@h"; done <<< 'root:${S}'\n`, S],
  ['IFS set on a line before', `IFS=:\nread -r U P <<< 'root:${S}'\nsshpass -p "$P" ssh h\n`, S],
  ['read -a', `read -r -a A <<< 'root ${S}'\nsshpass -p "\${A[1]}" ssh h\n`, S],
  ['mapfile -t L <<EOF', `mapfile -t L <<EOF\n${S}\nEOF\nmysql -u root -p"\${L[0]}" db\n`, S],
  ['readarray -t L <<< …', `readarray -t L <<< '${S}'\nmysql -u root -p"\${L[0]}" db\n`, S],
  ['mapfile, the second line', `mapfile -t L <<EOF\nroot\n${S}\nEOF\nsshpass -p "\${L[1]}" ssh h\n`, S],
  ['mapfile -O 1', `mapfile -t -O 1 L <<< '${S}'\nsshpass -p "\${L[1]}" ssh h\n`, S],
  ['mapfile without a name: MAPFILE', `mapfile -t <<< '${S}'\nsshpass -p "$MAPFILE" ssh h\n`, S],
  ['read without a name: REPLY', `read -r <<< '${S}'\nsshpass -p "$REPLY" ssh h\n`, S],
  ["read -d ''", `read -r -d '' PW <<'EOF'\n${S}\nEOF\nmysql -u root -p"$PW" db\n`, S],
  ['read -N', `read -N ${S.length} PW <<< '${S}xyz'\nmysql -u root -p"$PW" db\n`, S],
  // 45a-3: -p PROMPT from a descriptor, glued options
  ["read -p 'pw: ' PW <&3", `exec 3<<<'${S}'\nread -p 'pw: ' PW <&3\nmysql -u root -p"$PW" db\n`, S],
  ['read -r -p pw PW <&3', `exec 3<<<'${S}'\nread -r -p pw PW <&3\nmysql -u root -p"$PW" db\n`, S],
  ["read -s -p 'pw: ' PW <&3", `exec 3<<<'${S}'\nread -s -p 'pw: ' PW <&3\nmysql -u root -p"$PW" db\n`, S],
  ["read -u 3 -p 'x' PW", `exec 3<<<'${S}'\nread -u 3 -p 'x' PW\nmysql -u root -p"$PW" db\n`, S],
  ['read -ru3 PW', `exec 3<<<'${S}'\nread -ru3 PW\nmysql -u root -p"$PW" db\n`, S],
  ["read -rp 'pw: ' PW <<< …", `read -rp 'pw: ' PW <<< '${S}'\nmysql -u root -p"$PW" db\n`, S],
  ['read -rsu "$fd"', `exec {fd}<<<'${S}'\nread -rsu "$fd" PW\nmysql -u root -p"$PW" db\n`, S],
  ['mapfile -u 3', `exec 3<<EOF\n${S}\nEOF\nmapfile -t -u 3 L\nmysql -u root -p"\${L[0]}" db\n`, S],
];

const ordinary = [
  'while read -r line; do echo "$line"; done < /etc/hosts',
  'read -rp \'Password: \' PW\nmysql -u root -p"$PW" db',
  'read -rsp \'Password: \' PW; echo; mysql -u root -p"$PW" db',
  'ls | while read -r f; do echo "$f"; done',
  'kubectl get pods | while read -r name rest; do kubectl delete pod "$name"; done',
  '{ read -r PW; mysql -u root -p"$PW" db; } < /run/secrets/pw',
  'while IFS=: read -r U P; do sshpass -p "$P" ssh "$U@h"; done < /etc/creds',
  'echo "$PW" | { read -r X; mysql -u root -p"$X" db; }',
  'printf \'%s\\n\' "$P" | while read -r X; do sshpass -p "$X" ssh h; done',
  '{ read -r PW; mysql -u root -p"$PW" db; } <<EOF\n$DB_PASSWORD\nEOF',
  'IFS=, read -r -a HOSTS <<< "$LIST"\nfor h in "${HOSTS[@]}"; do ping -c1 "$h"; done',
  'read -r A B <<< \'hello world\'\necho "$A $B"',
  'mapfile -t LINES < <(ls /etc)\necho "${LINES[0]}"',
  'while read -r line; do\n  echo "$line"\ndone <<EOF\nalpha\nbeta\nEOF',
  'case "$1" in\n  a) read -r X <<< \'foo\';;\n  b) echo b;;\nesac\necho "$X"',
  "read -r -d '' SCRIPT <<'EOF'\necho hello\nEOF\nsh -c \"$SCRIPT\"",
  'exec 3< /run/secrets/pw\nread -ru3 PW\nmysql -u root -p"$PW" db',
  'Read it with read -rs PW, then mysql -p"$PW"; or IFS=: read -r U P < /run/creds.',
];

describe('round 45a-1..3: read, mapfile and readarray fed from literals', () => {
  refusedTextRows(refused);
});

describe('round 45a-1..3: ordinary reads are accepted', () => {
  falseRefusalTables(S).acceptedTable(ordinary);
});

describe('a read literal is found where the text writes it', () => {
  test.each([
    ['a field split on IFS', `IFS=: read -r U P <<< 'root:${S}'\nsshpass -p "$P" ssh h\n`],
    ['a here-doc line of a group', `{ read -r U; read -r P; sshpass -p "$P" ssh h; } <<EOF\nroot\n${S}\nEOF\n`],
    ['a mapfile element', `mapfile -t L <<EOF\nroot\n${S}\nEOF\nsshpass -p "\${L[1]}" ssh h\n`],
    ['a glued -u from a descriptor', `exec 3<<<'${S}'\nread -ru3 PW\nmysql -u root -p"$PW" db\n`],
  ])('%s: the password alone', (_, text) => {
    const spans = commandPasswordSpans(text);
    expect(spans.length).toBeGreaterThan(0);
    for (const [start, end] of spans) expect(text.slice(start, end)).toBe(S);
  });
});

describe('the read builtin as bash reads it', () => {
  const values = (text: string): Record<string, string | undefined> =>
    Object.fromEntries(readAssignments(text).map(({ name, value }) => [name, value]));
  test.each([
    ["read -r A B C <<< ' a  b c d '", { A: 'a', B: 'b', C: 'c d' }],
    ["IFS=: read -r A B <<< 'a:b:c'", { A: 'a', B: 'b:c' }],
    ["IFS= read -r A <<< '  a b  '", { A: '  a b  ' }],
    ["read -r -n 3 A <<< 'abcdef'", { A: 'abc' }],
    ["read -r -d : A <<< 'ab:cd'", { A: 'ab' }],
    ["read -ra A <<< 'x y'", { 'A[0]': 'x', 'A[1]': 'y', A: 'x' }],
    ["read -rp 'a b' -t 5 X <<< 'v'", { X: 'v' }],
    ["mapfile -t -s 1 L <<< 'a'", { L: undefined }],
    ['read -r A < /etc/hosts', { A: undefined }],
    ["{ read A; read B; } <<< 'only'", { A: 'only', B: undefined }],
  ])('%s', (text, expected) => {
    expect(values(text)).toStrictEqual(expected);
  });
});
