import { ACCOUNT_CLIENT, accountPassword } from './account-commands';
import { vaultStringPassword } from './vault-strings';
import { LOGON_WORD_CLIENT, logonWordPassword } from './client-logon-words';

/**
 * Passwords some clients take as a plain word after a subcommand, not after an option (attack round 36a-2): the word's
 * place tells. secrets-commands.ts calls this for each word of such a client's command line.
 */

/**
 * What a command line's client has shown so far: `login` seen, htpasswd's switches, its words that are no option
 * (`positional`, counted after `sub`, a subcommand, below), where a Redis command starts (redis-commands.ts).
 */
export interface ClientState {
  login: boolean;
  batch: boolean;
  noFile: boolean;
  positional: number;
  sub?: string;
  redis?: number;
  /** account-commands.ts: an option of expect's mkpasswd was seen; vault-strings.ts: `--` was seen. */
  other?: boolean;
  /** client-logon-words.ts: HTTPie's auth type is bearer (read once for the command line). */
  bearer?: boolean;
}

/** rclone's backend options whose value is a secret (rclone.org/commands/rclone_config_create: `key value` pairs). */
const RCLONE_SECRET = /^(?:pass|password|pass2|client_secret|secret_access_key|account_key|key|token|bearer_token|sas_url)$/i;
/** aws configure's secret settings (`aws_secret_access_key`, `default.aws_session_token`). */
const AWS_SECRET = /^(?:[\w-]+\.)*aws_(?:secret_access_key|session_token)$/i;
/** SQL*Plus's logon word `user/password[@connect]` (`/ as sysdba`, `@script.sql` and `user@db` hold none). */
const SQLPLUS_LOGON = /^[^/\s@'"-][^/\s@]*\/([^@\s]+)/s;

/**
 * Oracle's clients that take the logon as SQL*Plus does (38a-3): SQLcl `sql`, Data Pump `expdp`/`impdp`, `exp`/`imp`,
 * SQL*Loader `sqlldr` (their first word that is no option, or `userid=`: docs.oracle.com Utilities, "userid"); RMAN
 * after `target`, `catalog` or `auxiliary` (docs.oracle.com RMAN reference, "connectStringSpec").
 */
const ORACLE_LOGON = /^(?:sqlplus|sql|expdp|impdp|exp|imp|sqlldr|dgmgrl|connect)$/;
const RMAN_CONNECT = /^(?:target|catalog|auxiliary)$/i;
/**
 * (39a-2) Data Guard's `dgmgrl [options] [logon]` (docs.oracle.com Data Guard Broker, "DGMGRL Command-Line Interface");
 * DBVERIFY's `dbv userid=user/password` (docs.oracle.com Utilities, "DBVERIFY": its other words are `key=value`, so
 * only `userid=` is read); a script's `CONNECT`/`CONN user/password[@db]` (client-scripts.ts: SQL*Plus, SQLcl,
 * DGMGRL; RMAN's `CONNECT TARGET user/password`).
 */
const USERID_ONLY = /^dbv$/;

/** A password by its place among a client's words that are no option: wpa_passphrase's second, an Oracle logon. */
function wordPassword(client: string, word: string, before: string, state: ClientState): { value: string; option: string } | undefined {
  if ((word.startsWith('-') && word !== '-') || /^-[MR]$/.test(before)) return undefined;
  if (client === 'connect' && RMAN_CONNECT.test(word)) return undefined;
  state.positional++;
  if (client === 'wpa_passphrase') return state.positional === 2 ? { value: word, option: 'passphrase' } : undefined;
  const userid = /^userid=(.*)$/is.exec(word);
  const logonWord =
    client === 'rman'
      ? RMAN_CONNECT.test(before)
        ? word
        : ''
      : userid
        ? userid[1]
        : state.positional === 1 && !USERID_ONLY.test(client)
          ? word
          : '';
  const logon = logonWord ? SQLPLUS_LOGON.exec(logonWord) : null;
  return logon ? { value: logon[1], option: userid ? 'userid=' : client === 'connect' ? 'user/password' : 'logon' } : undefined;
}

/** vault's switches (no value follows; developer.hashicorp.com/vault/docs/commands/login). */
const VAULT_SWITCH = /^--?(?:no-store|no-print|token-only|non-interactive|no-color|reset|migrate)$/;

/**
 * (73b-1, 73b-2) Commands whose password or token is the operand at `place` after their subcommand (`sub`, after the
 * word `before`; none: from the command's first operand): `samba-tool user add|create <user> <password>`
 * (samba-tool(8)); `ngrok config add-authtoken <token>` and ngrok 2's `ngrok authtoken <token>` (ngrok.com/docs/agent/
 * cli); `cloudflared service install <token>` (developers.cloudflare.com/cloudflare-one/connections/connect-networks/
 * get-started/create-remote-tunnel); MEGAcmd's `mega-login <email> <password>` (github.com/meganz/MEGAcmd UserGuide.md:
 * `mega-login <session>` alone holds one operand).
 */
const PLACED: ReadonlyArray<{ client: string; sub?: RegExp; before?: string; place: number; option: string }> = [
  { client: 'samba-tool', sub: /^(?:add|create)$/, before: 'user', place: 2, option: 'user add <user> <password>' },
  { client: 'ngrok', sub: /^(?:add-authtoken|authtoken)$/, place: 1, option: 'config add-authtoken <token>' },
  { client: 'cloudflared', sub: /^install$/, before: 'service', place: 1, option: 'service install <token>' },
  { client: 'mega-login', place: 2, option: '<email> <password>' },
];

/** The operand a row of PLACED reads at `word`, counting operands in `state` (an option's value is none). */
function placedPassword(
  row: (typeof PLACED)[number],
  word: string,
  before: string,
  state: ClientState,
): { value: string; option: string } | undefined {
  if (state.sub === undefined && row.sub) {
    if (row.sub.test(word) && (row.before === undefined || before === row.before)) state.sub = word;
    return undefined;
  }
  if (word.startsWith('-') || /^--?[\w-]+$/.test(before)) return undefined;
  state.positional++;
  return state.positional === row.place ? { value: word, option: row.option } : undefined;
}

/**
 * The password word `i` sets by its place, and how a message names it:
 * - `rabbitmqctl add_user|change_password|authenticate_user <user> <password>` (rabbitmq.com docs/man/rabbitmqctl.8);
 * - `vault login [options] <token>` (`-` reads standard input; `key=value` words are a method's, read by name); (69a-7)
 *   `vault operator unseal [-reset|-migrate] <key>` (developer.hashicorp.com vault/docs/commands/operator/unseal);
 * - `mc alias set <alias> <url> <access key> <secret key>` (also `mc config host add`; min.io docs mc alias set);
 * - `rclone config create <name> <type> [key value]…`, `update|password <name> [key value]…`: a secret key's value;
 *   `rclone obscure <password>` (rclone.org commands/rclone_obscure: the word is the password, obscured reversibly; 40a-4);
 * - (37a-6) `mc admin user add <alias> <user> <secret>` (min.io docs mc admin user add); `aws configure set
 *   aws_secret_access_key|aws_session_token <value>` (docs.aws.amazon.com cli reference configure/set);
 *   `wpa_passphrase <ssid> <passphrase>` (wpa_passphrase(8)); `sqlplus user/password[@connect]` (Oracle SQL*Plus
 *   docs: its first word that is no option; `/ as sysdba` and `user@db` hold none).
 */
export function positionalPassword(
  client: string,
  words: readonly string[],
  i: number,
  state: ClientState,
): { value: string; option: string } | undefined {
  const word = words[i];
  const before = words[i - 1] ?? '';
  if (client === 'wpa_passphrase' || client === 'rman' || ORACLE_LOGON.test(client) || USERID_ONLY.test(client))
    return wordPassword(client, word, before, state);
  if (ACCOUNT_CLIENT.test(client)) return accountPassword(client, words, i, state);
  if (client === 'ansible-vault') return vaultStringPassword(words, i, state);
  const placed = PLACED.find((row) => row.client === client);
  if (placed) return placedPassword(placed, word, before, state);
  if (LOGON_WORD_CLIENT.test(client) && client !== 'sql' && client !== 'usql') return logonWordPassword(client, words, i, state);
  if (state.sub === undefined) {
    const sub =
      client === 'rabbitmqctl' && /^(?:add_user|change_password|authenticate_user)$/.test(word)
        ? word
        : client === 'vault' && (word === 'login' || (word === 'unseal' && before === 'operator'))
          ? word
          : client === 'mc' && ((word === 'set' && before === 'alias') || (word === 'add' && before === 'host'))
            ? 'alias set'
            : client === 'mc' && word === 'add' && before === 'user' && words[i - 2] === 'admin'
              ? 'admin user add'
              : client === 'aws' && word === 'set' && before === 'configure'
                ? 'configure set'
                : client === 'rclone' && before === 'config' && /^(?:create|update|password)$/.test(word)
                  ? word
                  : client === 'rclone' && word === 'obscure'
                    ? word
                    : undefined;
    state.sub = sub;
    return undefined;
  }
  // An option, or an option's value (a word after an option without `=` that is no switch).
  if (word.startsWith('-') && word !== '-') return undefined;
  if (/^--?[\w-]+$/.test(before) && !VAULT_SWITCH.test(before) && client !== 'rabbitmqctl') return undefined;
  state.positional++;
  const n = state.positional;
  if (client === 'rabbitmqctl' && n === 2) return { value: word, option: `${state.sub} <user> <password>` };
  if (client === 'vault' && n === 1 && !word.includes('=') && word !== '-')
    return { value: word, option: state.sub === 'login' ? 'login <token>' : 'operator unseal <key>' };
  if (client === 'mc' && n === (state.sub === 'alias set' ? 4 : 3)) return { value: word, option: `${state.sub} <secret key>` };
  if (client === 'aws' && n === 2 && AWS_SECRET.test(before)) return { value: word, option: `configure set ${before.toLowerCase()}` };
  // A word in lower-case letters is prose's (`the rclone obscure command hides …`), as mkpasswd's user name is.
  if (client === 'rclone' && state.sub === 'obscure')
    return n === 1 && word !== '-' && !/^[a-z]+[.,:;!?]?$/.test(word) ? { value: word, option: 'obscure <password>' } : undefined;
  const pairsFrom = state.sub === 'create' ? 3 : 2;
  if (client === 'rclone' && n > pairsFrom && (n - pairsFrom) % 2 === 1 && RCLONE_SECRET.test(before))
    return { value: word, option: `config ${state.sub} ${before.toLowerCase()}` };
  return undefined;
}
