import { scriptEdits } from '../src/core/c-scripts';
import { commandPasswordSpans } from '../src/core/secrets-commands';
import { falseRefusalTables, refusedTextRows } from './secret-tables';

/**
 * Round 45a-4, 45a-5, 45a-6: a descriptor copied or moved (`exec 4<&3`, `exec 4<&3-`), any command substitution that
 * reads a descriptor or a file (`$(head -n1 <&3)`), a function called with a redirection (`setpw <&3`); a redirection
 * before `read` (`< /tmp/p read -r PW`), paths as words after quote removal (`"/tmp/p w"`, `$D/p`); a `-c` script read
 * as a script with its own here-docs (fed-reads.ts, fed-stdin.ts, fed-files.ts, c-scripts.ts).
 */
const S = 'Zq8vTr4pLm';
const DOC = `exec 3<<'EOF'\nroot:${S}\nEOF\n`;
const LINE = `exec 3<<'EOF'\n${S}\nEOF\n`;

const refused: ReadonlyArray<readonly [string, string, string]> = [
  // 45a-4: descriptors copied, moved, read by any filter, given to a function
  ['exec 4<&3, then <&4', `${DOC}exec 4<&3\nchpasswd <&4\n`, S],
  ['exec 4<&3- (moved), then <&4', `${DOC}exec 4<&3-\nchpasswd <&4\n`, S],
  ['exec 4<&3, exec 5<&4-, then <&5', `${DOC}exec 4<&3\nexec 5<&4-\nchpasswd <&5\n`, S],
  ['exec {fd}<&3, then <&$fd', `${DOC}exec {fd}<&3\nchpasswd <&$fd\n`, S],
  ['exec 4<&3, then read -u 4', `${LINE}exec 4<&3\nread -r -u 4 PW\nsshpass -p "$PW" ssh h\n`, S],
  ['exec 4<&3, then /dev/fd/4', `${LINE}exec 4<&3\nsshpass -f /dev/fd/4 ssh h\n`, S],
  ['setpw() { chpasswd; }, setpw <&3', `${DOC}setpw() { chpasswd; }\nsetpw <&3\n`, S],
  ['function setpw { … } over lines, setpw <&3', `${DOC}function setpw {\n  chpasswd\n}\nsetpw <&3\n`, S],
  ['setpw() called with < /tmp/p', `echo 'root:${S}' > /tmp/p\nsetpw() { chpasswd; }\nsetpw < /tmp/p\n`, S],
  ['"$(head -n1 <&3)"', `${LINE}mysql -u root -p"$(head -n1 <&3)" db\n`, S],
  ['"$(head -1 < /tmp/p)"', `echo '${S}' > /tmp/p\nredis-cli -a "$(head -1 < /tmp/p)" ping\n`, S],
  ['"$(tr -d x < /tmp/p)"', `echo '${S}' > /tmp/p\nredis-cli -a "$(tr -d '\\n' < /tmp/p)" ping\n`, S],
  ['$(head -n 1 /tmp/p), a file operand', `echo '${S}' > /tmp/p\nsshpass -p "$(head -n 1 /tmp/p)" ssh h\n`, S],
  ['`head -n1 <&3`', `${LINE}redis-cli -a \`head -n1 <&3\` ping\n`, S],
  ['P=$(head -n1 <&3 | tr -d x)', `${LINE}P=$(head -n1 <&3 | tr -d x)\nsshpass -p "$P" ssh h\n`, S],
  // 45a-5: a redirection before read, paths written with quotes, blanks or variables
  ['< /tmp/p read -r PW', `echo ${S} > /tmp/p\n< /tmp/p read -r PW\nsshpass -p "$PW" ssh h\n`, S],
  ['<&3 read -r PW', `${LINE}<&3 read -r PW\nsshpass -p "$PW" ssh h\n`, S],
  ['D=/tmp, < $D/p chpasswd', `D=/tmp\necho 'root:${S}' > $D/p\n< $D/p chpasswd\n`, S],
  ['"/tmp/p w", a path with a blank', `echo 'root:${S}' > "/tmp/p w"\nchpasswd < "/tmp/p w"\n`, S],
  ['\'/tmp/p w\' written, "/tmp/p w" read', `echo 'root:${S}' > '/tmp/p w'\nchpasswd < "/tmp/p w"\n`, S],
  ['D=/tmp, $D/p', `D=/tmp\necho 'root:${S}' > $D/p\nchpasswd < $D/p\n`, S],
  ['"/tmp/"p written, /tmp/p read', `echo 'root:${S}' > "/tmp/"p\nchpasswd < /tmp/p\n`, S],
  // 45a-6: a -c script's own here-docs
  ["sh -c 'chpasswd <<EOF …'", `sh -c 'chpasswd <<EOF\nroot:${S}\nEOF'\n`, S],
  ['bash -ec "chpasswd <<EOF …"', `bash -ec "chpasswd <<EOF\nroot:${S}\nEOF"\n`, S],
  ["su root -c 'chpasswd <<EOF …'", `su root -c 'chpasswd <<EOF\nroot:${S}\nEOF'\n`, S],
  ['dash -c \'chpasswd <<"EOF" …\'', `dash -c 'chpasswd <<"EOF"\nroot:${S}\nEOF'\n`, S],
  ["/bin/sh -c 'exec 3<<EOF … chpasswd <&3'", `/bin/sh -c 'exec 3<<EOF\nroot:${S}\nEOF\nchpasswd <&3'\n`, S],
];

/** Forms that held before this round, kept refused beside the new rules (controls, not new refusals). */
const held: ReadonlyArray<readonly [string, string, string]> = [
  ['<&3 chpasswd', `${DOC}<&3 chpasswd\n`, S],
  ['D=/tmp, "${D}/p"', `D=/tmp\necho 'root:${S}' > "\${D}/p"\nchpasswd < "\${D}/p"\n`, S],
  ["su - root -c 'set -e … chpasswd <<-EOF …'", `su - root -c 'set -e\nchpasswd <<-EOF\n\troot:${S}\n\tEOF'\n`, S],
  ['"$(cat <&3)"', `${LINE}redis-cli -a "$(cat <&3)" ping\n`, S],
  ['"$(< /tmp/p)"', `echo '${S}' > /tmp/p\nmysql -u root -p"$(< /tmp/p)" db\n`, S],
];

const ordinary = [
  'exec 4<&3\nexec 3<&-\ncat <&4',
  'exec 3< /etc/hosts\nexec 4<&3-\nwhile read -r -u 4 line; do echo "$line"; done',
  'exec 3<<EOF\nhello world\nEOF\nexec 4<&3\ncat <&4',
  'exec 3<<EOF\nhello\nEOF\nGREETING=$(head -n1 <&3)\necho "$GREETING"',
  "echo 'root:x' > /tmp/p\nexec 3< /tmp/p\nexec 4<&3\nexec 3< /run/secrets/users\nexec 4<&3\nchpasswd <&4",
  'exec 3< /run/secrets/pw\nexec 4<&3\nchpasswd <&4',
  'greet() { echo "hi $1"; }\ngreet world < /dev/null',
  'echo hello > /tmp/x\nshow() { cat; }\nshow < /tmp/x',
  'echo hello > /tmp/x\n< /tmp/x read -r MSG\necho "$MSG"',
  'echo 8080 > "/tmp/a port"\nPORT=$(head -n1 "/tmp/a port")\necho "$PORT"',
  'D=/var/lib/app\necho started > $D/state\ncat $D/state',
  'N=$(wc -l < /etc/hosts)\necho "$N"',
  // a file's name as another command's word in a substitution is no read of the file
  'echo "/srv/restic" | tee x\nP="$(vault kv get -field=pw x)"\necho "$P" | restic -r /r init',
  "sh -c 'cat <<EOF\nhello world\nEOF'",
  'bash -c "cat > /etc/app.conf <<EOF\nport=8080\nEOF"',
  "sh -c 'chpasswd <<EOF\nroot:$PW\nEOF'",
  "su app -c 'psql <<SQL\nselect 1;\nSQL'",
  'Copy a descriptor with exec 4<&3, then read it with head -n1 <&4 or a function: setpw <&4.',
];

describe('round 45a-4, 45a-5, 45a-6: copied descriptors, filters, functions, reads first, quoted paths, -c here-docs', () => {
  refusedTextRows(refused);
});

describe('controls: forms refused before this round still are', () => {
  refusedTextRows(held);
});

describe('round 45a-4, 45a-5, 45a-6: ordinary descriptors, functions, paths and -c scripts are accepted', () => {
  falseRefusalTables(S).acceptedTable(ordinary);
});

describe('a finding in a probe is where the text writes it', () => {
  test.each([
    ['a copied descriptor', `${DOC}exec 4<&3\nchpasswd <&4\n`],
    ['a filter of a descriptor', `${LINE}mysql -u root -p"$(head -n1 <&3)" db\n`],
    ['a function called with a descriptor', `${DOC}setpw() { chpasswd; }\nsetpw <&3\n`],
    ['a -c script', `sh -c 'chpasswd <<EOF\nroot:${S}\nEOF'\n`],
    ['a path with a blank', `echo 'root:${S}' > "/tmp/p w"\nchpasswd < "/tmp/p w"\n`],
  ])('%s: the password alone', (_, text) => {
    const spans = commandPasswordSpans(text);
    expect(spans.length).toBeGreaterThan(0);
    for (const [start, end] of spans) expect(text.slice(start, end)).toBe(S);
  });

  test('a one-line -c script is not written again (stdin-wrappers.ts reads it)', () => {
    expect(scriptEdits("sh -c 'chpasswd <<< root:x'")).toEqual([]);
  });
});
