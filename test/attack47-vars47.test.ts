import { commandPasswordSpans, commandSecretIn } from '../src/core/secrets-commands';
import { substitutionLiterals } from '../src/core/substitution-literals';
import { falseRefusalTables, refusedTextRows } from './secret-tables';

/**
 * Round 46a-1: a literal put into a variable named like a secret by `read`/`mapfile`/`readarray` (a here-string, a
 * here-doc, a descriptor, a process substitution), `printf -v` or a command substitution that only writes it is judged
 * as `NAME='…'` is (secret-variables.ts). 46a-5: a command substitution that decodes a literal (`| base64 -d`, `base64
 * -d <<<`, `xxd -r -p`) holds the decoded value (substitution-literals.ts). 45a-5 leftover: `export MYSQL_PWD=$(< /tmp/p)`
 * after the text writes /tmp/p from a literal.
 */
const S = 'Qw7x-Pz9!kLm';
/** S in base64 and in hex. */
const B64 = Buffer.from(S).toString('base64');
const HEX = Buffer.from(S).toString('hex');

const refused: ReadonlyArray<readonly [string, string, string]> = [
  // 46a-1: read, mapfile, readarray
  ["read -r DB_PASSWORD <<< '…'", `read -r DB_PASSWORD <<< '${S}'; export DB_PASSWORD`, S],
  ["IFS=: read -r DBUSER DBPASS <<< 'bob:…'", `IFS=: read -r DBUSER DBPASS <<< 'bob:${S}'`, S],
  ["mapfile -t DB_PASSWORD <<< '…'", `mapfile -t DB_PASSWORD <<< '${S}'`, S],
  ["readarray -t API_TOKENS <<< '…'", `readarray -t API_TOKEN <<< '${S}'`, S],
  ['read -r API_TOKEN <<EOT', `read -r API_TOKEN <<EOT\n${S}\nEOT\n`, S],
  ['exec 3<<<…, read -r -u 3 DB_PASSWORD', `exec 3<<<'${S}'\nread -r -u 3 DB_PASSWORD\n`, S],
  ["read -r DB_PASSWORD < <(echo '…')", `read -r DB_PASSWORD < <(echo '${S}')`, S],
  // printf -v and substitutions that only write the literal
  ["printf -v PASSWORD '%s' '…'", `printf -v PASSWORD '%s' '${S}'`, S],
  ['export DB_PASSWORD="$(echo …)"', `export DB_PASSWORD="$(echo '${S}')"`, S],
  ['DB_PASSWORD=$(printf %s …)', `DB_PASSWORD=$(printf %s '${S}')`, S],
  ['DB_PASSWORD=$(cat <<< …)', `DB_PASSWORD=$(cat <<< '${S}')`, S],
  ["DB_PASSWORD=$(echo … | tr -d '\\n')", `DB_PASSWORD=$(echo '${S}' | tr -d '\\n')`, S],
  // 46a-5: decoded in the substitution, then used
  ['$(echo … | base64 -d), then mysql -p"$PW"', `PW=$(echo '${B64}' | base64 -d)\nmysql -uroot -p"$PW"\n`, B64],
  ['$(base64 -d <<< …), then sshpass -p "$PW"', `PW=$(base64 -d <<< '${B64}')\nsshpass -p "$PW" ssh h\n`, B64],
  ['$(… | base64 --decode) into a name not like a secret', `X=$(printf %s '${B64}' | base64 --decode)\nmysql -uroot -p"$X" db\n`, B64],
  ['$(… | openssl base64 -d -A)', `X=$(echo '${B64}' | openssl base64 -d -A)\nsshpass -p "$X" ssh h\n`, B64],
  ['$(… | xxd -r -p)', `X=$(echo '${HEX}' | xxd -r -p)\nredis-cli -a "$X" ping\n`, HEX],
  ['`echo … | base64 -d`', `X=\`echo '${B64}' | base64 -d\`\nmysql -uroot -p"$X" db\n`, B64],
  ['$(echo …), then used', `X=$(echo '${S}')\nmysql -uroot -p"$X" db\n`, S],
  // 45a-5 leftover: a file written from a literal, then read by a substitution into a secret's name
  [
    "printf '%s' … > /tmp/p; export MYSQL_PWD=$(< /tmp/p)",
    `printf '%s' '${S}' > /tmp/p\nexport MYSQL_PWD=$(< /tmp/p)\nmysql -u root db\n`,
    S,
  ],
  [
    'cat > /tmp/p <<EOF; export MYSQL_PWD=$(< /tmp/p)',
    `cat > /tmp/p <<EOF\n${S}\nEOF\nexport MYSQL_PWD=$(< /tmp/p)\nmysql -u root db\n`,
    S,
  ],
  ['echo … > /tmp/p; DB_PASSWORD="$(cat /tmp/p)"', `echo '${S}' > /tmp/p\nDB_PASSWORD="$(cat /tmp/p)"\n`, S],
  // a variable named like a secret set from one that holds a literal
  ['X=\'…\'; export DB_PASSWORD="$X"', `X='${S}'\nexport DB_PASSWORD="$X"\n`, S],
  ['X=$(echo …); API_TOKEN=$X', `X=$(echo '${S}')\nAPI_TOKEN=$X\n`, S],
  ["printf -v DB_PASSWORD -- '%s' '…'", `printf -v DB_PASSWORD -- '%s' '${S}'`, S],
];

/** Refused before this round, and still. */
const held: ReadonlyArray<readonly [string, string, string]> = [
  ["PASSWORD='…'", `PASSWORD='${S}'`, S],
  ['DB_PASSWORD=`echo …`', `DB_PASSWORD=\`echo '${S}'\``, S],
  ['IFS=: read -r U P <<< \'bob:…\', then sshpass -p "$P"', `IFS=: read -r U P <<< 'bob:${S}'\nsshpass -p "$P" ssh h\n`, S],
];

const ordinary = [
  'read -r DB_PASSWORD < /run/secrets/db',
  'read -rp "Password: " PW',
  'read -rsp "Password: " DB_PASSWORD; echo; export DB_PASSWORD',
  'PW=$(cat /run/secrets/x)',
  "TOKEN=$(kubectl get secret app -o jsonpath='{.data.token}' | base64 -d)",
  'PW=$(openssl rand -base64 24)',
  'PASSWORD=$(head -c 32 /dev/urandom | base64)',
  'printf -v line \'%s\' "$x"',
  'printf -v PASSWORD \'%s\' "$X"',
  "read -r USER <<< 'bob'",
  'IFS=: read -r DBUSER DBPASS <<< \'bob:\'"$P"',
  'read -r DB_PASSWORD <<< "$X"',
  'DB_PASSWORD=$(echo "$X")',
  'DB_PASSWORD=$(printf %s "$X" | base64 -d)',
  'mapfile -t lines < <(kubectl get nodes)',
  'HOST=db.local\nDB_PASSWORD="${DB_PASSWORD:?set DB_PASSWORD for $HOST}"',
  'X=/run/secrets/db\nDB_PASSWORD_FILE="$X"',
  'X=\'<your password>\'\nDB_PASSWORD="$X"',
  'CFG=$(echo \'eyJhIjoxfQ==\' | base64 -d)\necho "$CFG"',
  "NAME=$(echo 'web' | tr -d '\\n')\nkubectl rollout restart deployment \"$NAME\"",
  "read -r -d '' PASSWORD_HELP <<'EOF'\nSet DB_PASSWORD in the Secret,\nthen restart the pod.\nEOF\necho \"$PASSWORD_HELP\"",
  'Read the password with read -rs DB_PASSWORD; or set it with printf -v PASSWORD.',
];

describe('round 46a-1, 46a-5, 45a-5: literals in variables named like a secret, decoded substitutions', () => {
  refusedTextRows(refused);
});

describe('controls: forms refused before this round still are', () => {
  falseRefusalTables(S).refusedTable(held.map(([name, text]) => [name, text] as const));
});

describe('round 46a-1, 46a-5: ordinary reads, printf -v and substitutions are accepted', () => {
  falseRefusalTables(S).acceptedTable(ordinary);
});

describe('a variable set to a literal', () => {
  test.each([
    ["read -r DB_PASSWORD <<< '…'", `read -r DB_PASSWORD <<< '${S}'`, S],
    ['a field split on IFS', `IFS=: read -r DBUSER DBPASS <<< 'bob:${S}'`, S],
    ['a file read by a substitution', `printf '%s' '${S}' > /tmp/p\nexport MYSQL_PWD=$(< /tmp/p)\n`, S],
    ['decoded: the encoded literal', `PW=$(echo '${B64}' | base64 -d)\nmysql -uroot -p"$PW"\n`, B64],
  ])('%s: found where the text writes it, named by its variable', (_, text, secret) => {
    const spans = commandPasswordSpans(text);
    expect(spans.length).toBeGreaterThan(0);
    for (const [start, end] of spans) expect(text.slice(start, end)).toBe(secret);
    expect(commandSecretIn(text)).toMatch(/\b(?:DB_PASSWORD|DBPASS|MYSQL_PWD|PW), a variable set to a literal\)$/);
  });

  test.each([
    [`X=$(echo '${B64}' | base64 -d)`, S],
    [`X=$(base64 --decode <<< '${B64}')`, S],
    [`X="$(printf '%s' '${HEX}' | xxd -p -r)"`, S],
    [`X=$(echo 'a b' | head -n1 | cat)`, 'a b'],
    [`X=$(echo 'a|b' "c|d")`, 'a|b c|d'],
    ['X=$(echo a || echo b)', undefined],
    [`X=$(echo '${B64}' | base64 -d | sha256sum)`, undefined],
    [`X=$(echo 'not base64!' | base64 -d)`, undefined],
    [`X=$(echo '${Buffer.from([0, 1, 2, 3]).toString('base64')}' | base64 -d)`, undefined],
    ['X=$(kubectl get secret s | base64 -d)', undefined],
  ])('%s holds %s', (text, value) => {
    expect(substitutionLiterals(text)[0]?.value).toBe(value);
  });
});
