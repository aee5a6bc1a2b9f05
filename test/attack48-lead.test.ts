import { falseRefusalTables } from './secret-tables';

/**
 * 47a-9: a shell assignment of a secret-named variable whose value is an expansion read to its shell close, ended by
 * `;`, `&&`, `||`, `|`, `&` or a command word, set nothing literal (secrets-text.ts isExpansionBeforeSeparator); the
 * commands after it are still judged (controls).
 */
const S = 'Qw7x-Pz9!kLm';

const ordinary = [
  'PASSWORD="$(cat /run/secrets/pw)"; app',
  'PASSWORD=$(< /run/secrets/pw); app',
  'PASSWORD=$(head -n1 /run/secrets/pw); app',
  'TOKEN=$(vault print token); app',
  'TOKEN=$(jq -r .token /run/cfg.json) && app',
  "TOKEN=$(kubectl get secret x -o jsonpath='{.data.token}' | base64 -d); app",
  'PASSWORD="$(cat "$F")" || exit 1',
  'PASSWORD=$(cat /run/secrets/pw) app',
  'PASSWORD=$PW; app',
  'PASSWORD=${PW}; app',
  'API_TOKEN="${API_TOKEN:-$(cat /run/secrets/t)}" & wait',
];

const held: ReadonlyArray<readonly [string, string]> = [
  ["PASSWORD=$(echo '…'); app", `PASSWORD=$(echo '${S}'); app`],
  ['PASSWORD=$X; API_TOKEN=…', `PASSWORD=$X; API_TOKEN=${S}`],
  ['PASSWORD=$X; mysql -p…', `PASSWORD=$X; mysql -uroot -p${S}`],
  ['PASSWORD=$(cat f)…; app', `PASSWORD=$(cat f)${S}; app`],
  ['PASSWORD=${X}…; app', `PASSWORD=\${X}${S}; app`],
  ['PASSWORD="$(cat f)"…; x', `PASSWORD="$(cat f)"${S}; x`],
];

describe('47a-9: an expansion assigned before a separator or a command is accepted at every text door', () => {
  falseRefusalTables(S).acceptedTable(ordinary);
});

describe('47a-9 controls: literals around such assignments stay refused', () => {
  falseRefusalTables(S).refusedTable(held);
});
