import { closeOf, isExpansionOnly } from '../src/core/shell-expansions';
import { falseRefusalTables } from './secret-tables';

/**
 * false47: ordinary shell idioms refused on main. An escape decoding turned `tr -d '\n'` into a line break, and the cut
 * line's `PW=$(cat … | tr -d '` read as a literal (decoded-breaks.ts); a double-quoted value holding a substitution
 * whose words are quoted again (`DB_PASSWORD="$(cat "$F")"`) was cut at the inner `"` (shell-expansions.ts, for every
 * quoted-value reader of secrets-text.ts); `${API_TOKEN:-$(cat f)}` read as a `{API_TOKEN: …}` object (text-data.ts);
 * a printf conversion (`password=%s\n`) read as a value (placeholders.ts). Real literals stay refused (controls).
 */
const S = 'Qw7x-Pz9!kLm';
const B64 = Buffer.from(S).toString('base64');

const ordinary = [
  // the escape decoder's line break inside a quoted word
  "PW=$(cat /run/secrets/x | tr -d '\\n')",
  "PW=$(cat /run/secrets/x | tr -d '\\r\\n')",
  "PASSWORD=$(sed 's/\\n//' /run/secrets/pw)",
  'PASSWORD=$(awk \'{printf "%s\\n", $1}\' /run/secrets/pw)',
  'JWT_SECRET="$(head -c 32 /dev/urandom | base64 | tr -d \'\\n=\')"',
  'PASSWORD="$(cat /run/secrets/pw | tr -d "\\n")"',
  "TOKEN=$(printf '%s' \"$RAW\" | tr -d '\\n')",
  "PW=$(cat /run/secrets/x | tr -d '\\n' | tr -d ' ')",
  'PW=$(echo "$PW_B64" | base64 -d | tr -d \'\\n\')',
  "TOKEN=${TOKEN:-$(cat /run/secrets/token | tr -d '\\n')}",
  // quotes inside a substitution inside a double-quoted value
  'DB_PASSWORD="$(cat "$F")"',
  'DB_PASSWORD="$(printf %s "$X" | base64 -d)"',
  'export DB_PASSWORD="$(cat "${DB_PASSWORD_FILE}")"',
  'DB_PASSWORD="$(< "$DB_PASSWORD_FILE")"',
  'PASSWORD="${PASSWORD:-$(cat "$PASSWORD_FILE")}"',
  'PW="$(jq -r \'.password\' "$CFG")"',
  'PW="$(jq -r ".password" /etc/app/config.json)"',
  'DB_PASS="$(yq e \'.db.password\' "$VALUES")"',
  'export API_KEY="$(cat "$(dirname "$0")/api.key")"',
  'DB_PASSWORD="$(printf \'%s\' "$(cat /run/secrets/db)")"',
  'local password="$(get_password "$1")"',
  'PASSWORD="$(cat "$HOME/.pgpass" | cut -d: -f5)"',
  // long: YAML folds them in a rendered file, the write gate reads the cut lines
  "TOKEN=$(kubectl get secret s -o jsonpath='{.data.t}' | base64 -d | tr -d '\\n')",
  'export PGPASSWORD="$(kubectl get secret pg -o jsonpath="{.data.password}" | base64 -d)"',
  'TOKEN="$(curl -s -H "Metadata-Flavor: Google" "http://metadata/token")"',
  'export VAULT_TOKEN="$(vault login -token-only -method=kubernetes role="$ROLE")"',
  'AWS_SECRET_ACCESS_KEY="$(aws configure get aws_secret_access_key --profile "$P")"',
  'REDIS_PASSWORD="$(grep -oP \'(?<=requirepass ).*\' /etc/redis/redis.conf)"',
  'readonly TOKEN="$(< /var/run/secrets/kubernetes.io/serviceaccount/token)"',
  'export PW="$(kubectl get secret db -o jsonpath=\'{.data.password}\' | base64 --decode)"',
  'RUN --mount=type=secret,id=npmtoken NPM_TOKEN="$(cat /run/secrets/npmtoken)" npm ci',
  // ${VAR:-$(…)} and ${VAR:-$OTHER}: a parameter expansion, no object
  'API_TOKEN="${API_TOKEN:-$(cat /run/secrets/token)}"',
  'X="${API_TOKEN:-$OTHER}"',
  'echo ${API_TOKEN:-$(cat f)}',
  // a printf conversion where the value goes
  'printf \'password=%s\\n\' "$PASSWORD" > /etc/app.conf',
  'printf \'password=%s\' "$PASSWORD" > /etc/app.conf',
  // accepted on main already: kept so
  "PASS=$(awk -F: '/^db:/{print $2}' /etc/creds)",
  'SECRET_KEY="$(openssl rand -hex 32)"',
  'read -r PW < "$(dirname "$0")/pw"',
  'PASSWORD="$(tr -dc \'A-Za-z0-9\' </dev/urandom | head -c 24)"',
  'MYSQL_ROOT_PASSWORD="$(pwgen -s 32 1)"',
  'echo "password: $(cat /run/secrets/pw | tr -d \'\\n\')"',
  'mysql -uroot -p"$(cat "$PW_FILE")" db',
  'printf \'%s\\n\' "$PASSWORD" | docker login -u bob --password-stdin',
];

/** Real literals: refused before and still. */
const held: ReadonlyArray<readonly [string, string]> = [
  ['PW="$(echo \'…\')"', `PW="$(echo '${S}')"`],
  ['PW="$(echo "…")"', `PW="$(echo "${S}")"`],
  ['PW="$(printf \'%s\' "…")"', `PW="$(printf '%s' "${S}")"`],
  ["PW=$(echo '…' | tr -d '\\n')", `PW=$(echo '${S}' | tr -d '\\n')`],
  ["PW=$(echo \\u0051… | tr -d '\\n'): something else decoded on the cut line", `PW=$(echo \\u0051${S.slice(1)} | tr -d '\\n')`],
  ['DB_PASSWORD="…$(cat "$F")"', `DB_PASSWORD="${S}$(cat "$F")"`],
  ['PASSWORD="$(cat "$F")…"', `PASSWORD="$(cat "$F")${S}"`],
  ['API_TOKEN="${API_TOKEN:-…}"', `API_TOKEN="\${API_TOKEN:-${S}}"`],
  ['TOKEN=${TOKEN:-…}', `TOKEN=\${TOKEN:-${S}}`],
  ['export PGPASSWORD="$(echo <base64> | base64 -d)"', `export PGPASSWORD="$(echo '${B64}' | base64 -d)"`],
  ['{"a":"x\\npassword=…"}', `{"a":"x\\npassword=${S}"}`],
  ["printf 'password=…\\n' > F", `printf 'password=${S}\\n' > /etc/app.conf`],
  ['X="$(cat "$F")" PASSWORD=… ./run', `X="$(cat "$F")" PASSWORD=${S} ./run`],
  ['echo ${X:-{"password":"…"}}', `echo \${X:-{"password":"${S}"}}`],
  ['mysql -p"…" -e "$(cat "$F")"', `mysql -uroot -p"${S}" -e "$(cat "$F")"`],
  // a literal written into a substitution, whatever filters follow (refused on main only through the decoded cut)
  ["PW=$(echo '…' | sed 's/\\n//')", `PW=$(echo '${S}' | sed 's/\\n//')`],
  ["PW=$(echo '…' | awk '{printf \"%s\\n\", $1}')", `PW=$(echo '${S}' | awk '{printf "%s\\n", $1}')`],
  ["PW=$(printf '…\\n' | tr -d '\\n')", `PW=$(printf '${S}\\n' | tr -d '\\n')`],
  ["PW=${PW:-$(echo '…' | tr -d '\\n')}", `PW=\${PW:-$(echo '${S}' | tr -d '\\n')}`],
  ["PW=`echo '…' | tr -d '\\n'`", `PW=\`echo '${S}' | tr -d '\\n'\``],
  ["PW=$(echo '…' | tr -d ' ' | head -c 64 | cat)", `PW=$(echo '${S}' | tr -d ' ' | head -c 64 | cat)`],
  // long enough that YAML folds them in the rendered file
  ['a long PW="$(echo \'…\' | …)"', `PW="$(echo '${S}' | tr -d '\\r' | tr -d ' ' | head -c 64 | cat -- | cat -- | cat -- | cat --)"`],
  [
    "a long PW=$(echo \\u0051… | … tr -d '\\n')",
    `PW=$(echo \\u0051${S.slice(1)} | tr -d ' ' | head -c 64 | cat | cat | cat | cat | cat | cat | tr -d '\\n')`,
  ],
];

describe('false47: ordinary substitutions, quoting and printf formats are accepted at every text door', () => {
  falseRefusalTables(S).acceptedTable(ordinary);
});

describe('false47 controls: literals next to substitutions stay refused', () => {
  falseRefusalTables(S).refusedTable(held);
});

describe('a shell word read as a shell reads it', () => {
  test.each([
    ['"$(cat "$F")"', 0, 13],
    ['$(a "b)" \'c)\')x', 0, 14],
    ['${A:-$(cat "f}")}', 0, 17],
    ['"$(echo \\")")"', 0, 12],
    ['$((1 + (2)))', 0, 12],
    ['"$(cat "$F"', 0, -1],
    ["$(tr -d '\n')", 0, -1],
    ['x', 0, -1],
  ])('%s at %i closes at %i', (text, at, end) => {
    expect(closeOf(text, at)).toBe(end);
  });

  test.each([
    ['"$(cat "$F")"', true],
    ['${A:-$(cat f)}', true],
    ['"$X$(cat f)"', true],
    ['$1', true],
    ['"$(cat f)"x', false],
    ['a$(cat f)', false],
    ['`cat f`', false],
    ['"$(cat f', false],
    ['', false],
  ])('%s is expansions only: %s', (word, only) => {
    expect(isExpansionOnly(word)).toBe(only);
  });
});
