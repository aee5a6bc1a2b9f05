import { callProbe } from '../src/core/function-calls';
import { commandPasswordSpans } from '../src/core/secrets-commands';
import { falseRefusalTables, refusedTextRows } from './secret-tables';

/**
 * Round 46a-2: a call of a function the text defines, given an input (a here-string, a here-doc, a pipe, a file written
 * from a literal, the script's own from `exec`) or literal arguments, is read as its body run there (function-calls.ts).
 * Round 46a-4: a command after the first of a group (`{ read -r -u 3 PW; sudo -S true <<< "$PW"; } 3<<<'…'`) is
 * fed by its own redirections before the group's (stdin-wrappers.ts readerCall), and a group after `if`/`while` is
 * read as the group.
 */
const S = 'Vb6nQ-x8!rTz';

const refused: ReadonlyArray<readonly [string, string, string]> = [
  // 46a-2: functions called with a fed input
  ['f() { sudo -S true; }, f <<< …', `setpw() { sudo -S true; }\nsetpw <<< '${S}'\n`, S],
  ['function f { … } over lines, echo … | f', `function setpw {\n  sudo -S true\n}\necho '${S}' | setpw\n`, S],
  ['f over lines with read and mysql -p"$PW", f <<< …', `setpw() {\n  read -r PW\n  mysql -uroot -p"$PW"\n}\nsetpw <<< '${S}'\n`, S],
  ['f() { read -r PW; mysql -p"$PW"; }, f <<< …', `setpw() { read -r PW; mysql -uroot -p"$PW"; }\nsetpw <<< '${S}'\n`, S],
  ['f <<EOF', `setpw() { sudo -S true; }\nsetpw <<EOF\n${S}\nEOF\n`, S],
  ["f <<'EOF'", `setpw() { sudo -S true; }\nsetpw <<'EOF'\n${S}\nEOF\n`, S],
  ["printf '%s\\n' … | f", `setpw() { sudo -S true; }\nprintf '%s\\n' '${S}' | setpw\n`, S],
  ['f() { chpasswd; }, f <<< root:…', `setpw() { chpasswd; }\nsetpw <<< 'root:${S}'\n`, S],
  ['f called in if … then', `setpw() {\n  sudo -S true\n}\nif setpw <<< '${S}'; then echo ok; fi\n`, S],
  ['f called in $( … )', `setpw() { sudo -S true; }\nX=$(setpw <<< '${S}')\n`, S],
  ['f given a variable set from a literal', `setpw() { sudo -S true; }\nPW='${S}'\nsetpw <<< "$PW"\n`, S],
  ['f after exec <<< …', `setpw() { sudo -S true; }\nexec <<< '${S}'\nsetpw\n`, S],
  ['f called with 3<<< …, read -u 3 in it', `setpw() { read -r -u 3 PW; sudo -S true <<< "$PW"; }\nsetpw 3<<< '${S}'\n`, S],
  ['g() { f; }, echo … | g', `f() { sudo -S true; }\ng() { f; }\necho '${S}' | g\n`, S],
  // positional arguments
  ['f() { mysql -p"$1"; }, f …', `f() { mysql -uroot -p"$1"; }\nf '${S}'\n`, S],
  ['f() { sshpass -p "$2" ssh "$1"; }, f host …', `f() { sshpass -p "$2" ssh "$1"; }\nf host '${S}'\n`, S],
  ['f() { echo "$1" | sudo -S true; }, f …', `f() { echo "$1" | sudo -S true; }\nf '${S}'\n`, S],
  ['${1} and a double-quoted argument', `f() { redis-cli -a \${1} ping; }\nf "${S}"\n`, S],
  ['"$@"', `f() { mysql -u root "$@"; }\nf '-p${S}'\n`, S],
  ['g() { f "$1"; }, g …', `f() { mysql -p"$1" db; }\ng() { f "$1"; }\ng '${S}'\n`, S],
  ['$1 in a here-doc of the body', `f() { sudo -S true <<EOF\n$1\nEOF\n}\nf '${S}'\n`, S],
  ['${1} in a <<- here-doc, $2 after it', `f() {\n  chpasswd <<-END\n\troot:\${1}\n\tEND\n  sshpass -p "$2" ssh h\n}\nf bob '${S}'\n`, S],
  ['a read in a body with a here-doc, f <<< …', `setpw() { read -r PW; sudo -S true <<EOF\n$PW\nEOF\n}\nsetpw <<< '${S}'\n`, S],
  // 46a-4: a command after the first of a group, fed by its own here-string or here-doc
  ['{ read -r -u 3 PW; sudo -S true <<< "$PW"; } 3<<< …', `{ read -r -u 3 PW; sudo -S true <<< "$PW"; } 3<<<'${S}'\n`, S],
  ['the same over lines', `{\n  read -r -u 3 PW\n  sudo -S true <<< "$PW"\n} 3<<<'${S}'\n`, S],
  ['( … ) 3<<< …', `( read -r -u 3 PW; sudo -S true <<< "$PW" ) 3<<<'${S}'\n`, S],
  ['{ read PW <&3; sudo -S <<< "$PW"; } 3<<< …', `{ read -r PW <&3; sudo -S true <<< "$PW"; } 3<<<'${S}'\n`, S],
  ['--password-stdin <<< "$PW" in the group', `{ read -r -u 3 PW; docker login -u bob --password-stdin <<< "$PW"; } 3<<<'${S}'\n`, S],
  ['{ true; sudo -S true <<< …; }', `{ true; sudo -S true <<< '${S}'; }\n`, S],
  ['{ echo hi; chpasswd <<< root:…; }', `{ echo hi; chpasswd <<< 'root:${S}'; }\n`, S],
  ['a function body, the here-string on its second command', `f() { true; sudo -S true <<< '${S}'; }\n`, S],
  ["{ true; sh -c 'sudo -S true' <<< …; }", `{ true; sh -c 'sudo -S true' <<< '${S}'; }\n`, S],
  ['if { sudo -S true; } <<< …; then', `if { sudo -S true; } <<< '${S}'; then echo ok; fi\n`, S],
];

/** Forms that held before this round, kept refused beside the new rules (controls, not new refusals). */
const held: ReadonlyArray<readonly [string, string, string]> = [
  ['{ sudo -S true; } <<< …', `{ sudo -S true; } <<< '${S}'\n`, S],
  ['{ read -r PW; mysql -p"$PW"; } <<< …', `{ read -r PW; mysql -uroot -p"$PW"; } <<< '${S}'\n`, S],
  ['{ read -u 3; echo "$PW" | sudo -S true; } 3<<< …', `{ read -r -u 3 PW; echo "$PW" | sudo -S true; } 3<<<'${S}'\n`, S],
  ['{ read -u 3; mysql -p"$PW"; } 3<<< …', `{ read -r -u 3 PW; mysql -uroot -p"$PW"; } 3<<<'${S}'\n`, S],
  ['exec 3<<< …, read -u 3, <<< "$PW"', `exec 3<<<'${S}'\nread -r -u 3 PW\nsudo -S true <<< "$PW"\n`, S],
  ['{ read -u 3; sudo -S <<EOF $PW EOF } 3<<< …', `{ read -r -u 3 PW; sudo -S true <<EOF\n$PW\nEOF\n} 3<<<'${S}'\n`, S],
  ['f < /tmp/p written from a literal', `echo 'root:${S}' > /tmp/p\nsetpw() { chpasswd; }\nsetpw < /tmp/p\n`, S],
];

const ordinary = [
  'greet() { echo "hi $1"; }\ngreet world < /dev/null',
  'setpw() { sudo -S true; }\nsetpw < /dev/null',
  'log() { echo "$@" >&2; }\nlog <<< \'hello\'',
  "f() { cat; }\nf <<< 'plain words'",
  'f() { cat; }\nf <<EOF\nhello world\nEOF',
  'setpw() { sudo -S true; }\nPW=$(cat /run/secrets/pw)\nsetpw <<< "$PW"',
  'setpw() { read -r PW; mysql -uroot -p"$PW"; }\nsetpw < /run/secrets/db',
  'f() { read -r PW; mysql -p"$PW"; }\nf <<< "$DB_PASSWORD"',
  'f() { sudo -S true; }\nf <<< "$(cat /run/secrets/pw)"',
  'f() { chpasswd; }\nf <<< "root:${ROOT_PW}"',
  'while read -r line; do echo "$line"; done <<< "$list"',
  'f() { mysql -uroot -p"$1"; }\nf "$DB_PASSWORD"',
  'f() { mysql -uroot -p"$1"; }\nf "$(cat /run/secrets/db)"',
  'f() { mysql -uroot -p"$1"; }\nf \'${DB_PASSWORD}\'',
  'f() { sshpass -p "$1" ssh h; }\nf "${SSHPASS:?}"',
  'f() { echo "$1"; }\nf \'hello world\'',
  `greet() { echo "Hello, $1"; }\ngreet '${S}'`,
  'deploy() { kubectl apply -f "$1"; }\ndeploy manifests/app.yaml',
  'log() { echo "[$(date)] $*" >&2; }\nlog "starting"',
  'die() { echo "$1" >&2; exit 1; }\n[ -f x ] || die \'missing config\'',
  'retry() { for i in 1 2 3; do "$@" && return 0; sleep 1; done; return 1; }\nretry curl -fsS http://localhost:8080/healthz',
  'wait_for() { until nc -z "$1" "$2"; do sleep 1; done; }\nwait_for db 5432',
  'login() { docker login -u "$1" --password-stdin; }\nlogin bob < /run/secrets/registry',
  'login() { docker login -u "$1" --password-stdin; }\ncat /run/secrets/reg | login bob',
  'usage() {\n  cat <<EOF\nUsage: $0 [-p password]\nEOF\n}\nusage',
  'ask() { read -rp "$1" REPLY; }\nask \'Continue? \'',
  'f() { read -r line; echo "$line"; }\nf <<< \'hello there\'',
  'backup() { pg_dump -U "$1" "$2" > "/backups/$2.sql"; }\nbackup postgres appdb',
  "f() {\n  chpasswd <<'END'\nroot:$1\nEND\n}\nf alice",
  'conf() {\n  cat <<EOF > /etc/app.conf\nuser=$1\nport=$2\nEOF\n}\nconf alice 8080',
  '{ true; sudo -S true < /run/secrets/pw; } <<< "$X"',
  '{ echo start; sudo -S true; } < /run/secrets/sudo',
  'if { read -r line; } <<< "$MOTD"; then echo "$line"; fi',
  'Call a function with its input: setpw <<< "$PW", or pipe it: echo "$PW" | setpw.',
];

describe('round 46a-2, 46a-4: functions called with a fed input or arguments, commands after the first of a fed group', () => {
  refusedTextRows(refused);
});

describe('controls: forms refused before this round still are', () => {
  refusedTextRows(held);
});

describe('round 46a-2, 46a-4: ordinary functions and groups are accepted', () => {
  falseRefusalTables(S).acceptedTable(ordinary);
});

describe('a finding in a function call is where the text writes it', () => {
  test.each([
    ['a here-string', `setpw() { sudo -S true; }\nsetpw <<< '${S}'\n`],
    ['a pipe into a function over lines', `function setpw {\n  sudo -S true\n}\necho '${S}' | setpw\n`],
    ['an argument', `f() { sshpass -p "$2" ssh "$1"; }\nf host '${S}'\n`],
    ['an argument through two functions', `f() { mysql -p"$1" db; }\ng() { f "$1"; }\ng '${S}'\n`],
    ['a read in a group', `{ read -r -u 3 PW; sudo -S true <<< "$PW"; } 3<<<'${S}'\n`],
  ])('%s: the password alone', (_, text) => {
    const spans = commandPasswordSpans(text);
    expect(spans.length).toBeGreaterThan(0);
    for (const [start, end] of spans) expect(text.slice(start, end)).toBe(S);
  });

  test('a call given nothing (no input, no literal argument) is not written again', () => {
    expect(callProbe('f() { sudo -S true; }\nf\nf "$X"\n')).toBeUndefined();
  });

  test('a call is written as its body, its literal arguments in their places', () => {
    expect(callProbe(`f() { sshpass -p "$2" ssh "$1"; }\nf host 'a b' <<< x\n`)?.probe).toBe(
      `f() { sshpass -p "$2" ssh "$1"; }\n{ sshpass -p "a b" ssh "host"; } <<< x\n`,
    );
  });
});
