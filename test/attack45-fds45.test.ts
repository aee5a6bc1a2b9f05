import { fedFilesProbe } from '../src/core/fed-files';
import { commandPasswordSpans } from '../src/core/secrets-commands';
import { falseRefusalTables, refusedTextRows } from './secret-tables';

/**
 * Round 44a-1, 44a-3: a literal fed to a reader through a here-doc opened on a descriptor (`exec 5<<EOF`), a
 * descriptor made standard input (`exec 0<&3`), `read` from a descriptor then the variable; a file or coprocess fed
 * by `printf` with a format and arguments, a file's path through a variable, a redirection before the command,
 * `$(cat /tmp/pw)` of a file the text writes (fed-literals.ts, fed-reads.ts, probe-spans.ts).
 */
const S = 'Hx7qLm2vPw9';

const refused: ReadonlyArray<readonly [string, string, string]> = [
  // 44a-1: here-docs on descriptors, descriptors as standard input, read from a descriptor
  ['exec 5<<EOF, then <&5', `exec 5<<EOF\nroot:${S}\nEOF\nchpasswd <&5\n`, S],
  ['exec 3<<-EOF (tabs), then <&3', `exec 3<<-EOF\n\troot:${S}\n\tEOF\nchpasswd <&3\n`, S],
  ["exec 3<<'EOF', then 0<&3", `exec 3<<'EOF'\nroot:${S}\nEOF\nchpasswd 0<&3\n`, S],
  ["exec 3<<<'…', exec 0<&3, then the reader", `exec 3<<<'root:${S}'\nexec 0<&3\nchpasswd\n`, S],
  ['read -r PW <&3, then "$PW"', `exec 3<<<'${S}'\nread -r PW <&3\nredis-cli -a "$PW" ping\n`, S],
  ['read -u 3 PW, then "$PW"', `exec 3<<<'${S}'\nread -u 3 PW\nsshpass -p "$PW" ssh h\n`, S],
  ['exec 4<<EOF, then sudo -S <&4', `exec 4<<EOF\n${S}\nEOF\nsudo -S true <&4\n`, S],
  ["exec {fd}<<'EOF', then <&$fd", `exec {fd}<<'EOF'\nroot:${S}\nEOF\nchpasswd <&$fd\n`, S],
  ['exec 3<<EOF, then /dev/fd/3', `exec 3<<EOF\n${S}\nEOF\nsshpass -f /dev/fd/3 ssh h\n`, S],
  ['exec 3<<EOF, the second user', `exec 3<<EOF\nroot:abcdefgh1\nbob:${S}\nEOF\nchpasswd <&3\n`, S],
  ['exec <&3 without 0', `exec 3<<<'root:${S}'\nexec <&3\nchpasswd\n`, S],
  ['exec 3<<EOF, read <&3', `exec 3<<EOF\n${S}\nEOF\nread -r PW <&3\nredis-cli -a "$PW" ping\n`, S],
  ['read -r -u3 PW', `exec 3<<<'${S}'\nread -r -u3 PW\nsshpass -p "$PW" ssh h\n`, S],
  ['"$(cat <&3)"', `exec 3<<<'${S}'\nredis-cli -a "$(cat <&3)" ping\n`, S],
  // 44a-3: printf with a format and arguments, paths through variables, redirections first, $(cat file)
  ["printf 'root:%s\\n' '…' > /tmp/pw", `printf 'root:%s\\n' '${S}' > /tmp/pw\nchpasswd < /tmp/pw\n`, S],
  ["coproc, printf 'root:%s\\n' '…' >&COPROC[1]", `coproc chpasswd\nprintf 'root:%s\\n' '${S}' >&"\${COPROC[1]}"\n`, S],
  ['F=/tmp/pw, > "$F", < "$F"', `F=/tmp/pw\necho 'root:${S}' > "$F"\nchpasswd < "$F"\n`, S],
  ['</tmp/pw chpasswd', `echo 'root:${S}' > /tmp/pw\n</tmp/pw chpasswd\n`, S],
  [">/tmp/pw echo '…'", `>/tmp/pw echo 'root:${S}'\nchpasswd </tmp/pw\n`, S],
  ['"$(cat /tmp/pw)"', `echo 'root:${S}' > /tmp/pw\nredis-cli -a "$(cat /tmp/pw)" ping\n`, S],
  ['read -r PW < /tmp/pw', `echo '${S}' > /tmp/pw\nread -r PW < /tmp/pw\nredis-cli -a "$PW" ping\n`, S],
  ["printf '%s\\n' '…' > f, IFS= read", `printf '%s\\n' '${S}' > /tmp/pw\nIFS= read -r PW < /tmp/pw\nsshpass -p "$PW" ssh h\n`, S],
  ['"$(< /tmp/pw)"', `echo '${S}' > /tmp/pw\nredis-cli -a "$(< /tmp/pw)" ping\n`, S],
  ['`cat /tmp/pw`', `echo '${S}' > /tmp/pw\nredis-cli -a \`cat /tmp/pw\` ping\n`, S],
  ['P=$(cat /tmp/pw), "$P"', `echo '${S}' > /tmp/pw\nP=$(cat /tmp/pw)\nsshpass -p "$P" ssh h\n`, S],
  ["printf '%s:%s\\n' root '…'", `printf '%s:%s\\n' root '${S}' > /tmp/pw\nchpasswd < /tmp/pw\n`, S],
  ['printf format used again', `printf '%s:%s\\n' root abcdefgh1 bob '${S}' > /tmp/pw\nchpasswd < /tmp/pw\n`, S],
  ["printf -- 'root:%s\\n'", `printf -- 'root:%s\\n' '${S}' > /tmp/pw\nchpasswd < /tmp/pw\n`, S],
  ['printf into coproc CP', `coproc CP { chpasswd; }\nprintf 'root:%s\\n' '${S}' >&\${CP[1]}\n`, S],
  ['echo | tee /tmp/pw', `echo 'root:${S}' | tee /tmp/pw >/dev/null\nchpasswd < /tmp/pw\n`, S],
  ["cat <<<'…' > /tmp/pw", `cat <<<'root:${S}' > /tmp/pw\nchpasswd < /tmp/pw\n`, S],
  ['cat > /tmp/pw <<-EOF', `cat > /tmp/pw <<-EOF\n\troot:${S}\n\tEOF\nchpasswd < /tmp/pw\n`, S],
  ["cat <<'EOF' > /tmp/pw", `cat <<'EOF' > /tmp/pw\nroot:${S}\nEOF\nchpasswd < /tmp/pw\n`, S],
  ['F=…, printf > "$F", < "$F" first', `F=/tmp/pw\nprintf 'root:%s\\n' '${S}' > "$F"\n< "$F" chpasswd\n`, S],
  ['${F}', `F=/tmp/pw\necho 'root:${S}' > \${F}\nchpasswd < \${F}\n`, S],
  ['a word of two quoted pieces', `echo 'root:'"${S}" > /tmp/pw\nchpasswd < /tmp/pw\n`, S],
  ['0</tmp/pw chpasswd', `echo 'root:${S}' > /tmp/pw\n0</tmp/pw chpasswd\n`, S],
  ['</tmp/pw sudo -S', `echo '${S}' > /tmp/pw\n</tmp/pw sudo -S true\n`, S],
  ['--password-file=$F', `F=/run/pw\nprintf '%s' '${S}' > $F\nrestic -r /r init --password-file=$F\n`, S],
  ['exec 3< /tmp/pw of a written file, then <&3', `echo 'root:${S}' > /tmp/pw\nexec 3< /tmp/pw\nchpasswd <&3\n`, S],
  // a here-string or process substitution before the command
  ["<<<'root:…' chpasswd", `<<<'root:${S}' chpasswd\n`, S],
  ["< <(echo 'root:…') chpasswd", `< <(echo 'root:${S}') chpasswd\n`, S],
  ["<<<'…' sudo -S", `<<<'${S}' sudo -S true\n`, S],
];

const ordinary = [
  'exec 3<&-\nexec 4>&-',
  'while read -r line; do echo "$line"; done < /etc/hosts',
  'exec 3< /etc/hosts\nwhile read -r -u 3 line; do echo "$line"; done\nexec 3<&-',
  'cat > /etc/app.conf <<EOF\nport=8080\nhost=x\nEOF',
  'exec 3<<EOF\nhello world\nEOF\ncat <&3',
  'exec 3<<EOF\nhello\nEOF\nread -r GREETING <&3\necho "$GREETING"',
  'printf \'%s\\n\' "$VAR"',
  'printf \'root:%s\\n\' "$PW" > /tmp/pw\nchpasswd < /tmp/pw',
  'cat > /tmp/pw <<EOF\nroot:$PW\nEOF\nchpasswd < /tmp/pw',
  'exec 3<<EOF\nroot:${PW}\nEOF\nchpasswd <&3',
  'echo hello > /tmp/x\nMSG=$(cat /tmp/x)\necho "$MSG"',
  "printf '%s=%s\\n' port 8080 > /tmp/app.env\nset -a; . /tmp/app.env",
  '>/var/log/app.log echo started\ncat /var/log/app.log',
  '</etc/hosts grep localhost',
  'echo PING > /tmp/cmd\nredis-cli < /tmp/cmd',
  'echo done | tee -a /var/log/x',
  'exec 3>/tmp/out\necho hi >&3',
  '< /run/secrets/users chpasswd',
  'exec 3< /run/secrets/pw\nread -r PW <&3\nredis-cli -a "$PW" ping',
  'F=/run/secrets/pw\nchpasswd < "$F"',
  "echo 'root:x' > /tmp/pw\nexec 3< /tmp/pw\nexec 3< /run/secrets/users\nchpasswd <&3",
  'Write it to a file: echo "$PW" > /tmp/pw, then chpasswd < /tmp/pw, or read -u 3 PW from exec 3<<EOF.',
];

describe('round 44a-1, 44a-3: literals through here-docs on descriptors, printf into files, reads before the command', () => {
  refusedTextRows(refused);
});

describe('round 44a-1, 44a-3: ordinary descriptors, files and here-docs are accepted', () => {
  falseRefusalTables(S).acceptedTable(ordinary);
});

describe('a finding in a probe is where the text writes it', () => {
  test.each([
    ['a here-doc line', `exec 3<<EOF\nroot:${S}\nEOF\nchpasswd <&3\n`],
    ['a printf argument', `printf 'root:%s\\n' '${S}' > /tmp/pw\nchpasswd < /tmp/pw\n`],
    ['a variable read from a descriptor', `exec 3<<<'${S}'\nread -r PW <&3\nredis-cli -a "$PW" ping\n`],
    ['a file through a variable', `F=/tmp/pw\necho 'root:${S}' > "$F"\nchpasswd < "$F"\n`],
  ])('%s: the password alone', (_, text) => {
    const spans = commandPasswordSpans(text);
    expect(spans.length).toBeGreaterThan(0);
    for (const [start, end] of spans) expect(text.slice(start, end)).toBe(S);
  });

  test('a probe is not made of text without a literal written or opened', () => {
    expect(fedFilesProbe('exec 3< /run/pw\nchpasswd <&3\n')).toBeUndefined();
  });
});
