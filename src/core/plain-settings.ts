import { isAuthMode } from './auth-modes';
import { looksGenerated } from './generated-runs';
import { isNamedSetting, nameWords } from './named-setting-values';
import { labelledStem } from './secret-name-values';
import { isPublicNamedValue } from './public-named-values';
import { isNsswitchSources } from './nsswitch-sources';
import { isSecretMapSetting } from './secret-map-settings';
import { isSecretPropertyValue } from './secret-property-values';

/**
 * Values under a name like a secret's that are settings, not secrets, by what the name and the value say together
 * (attack round 39a-7): a count of secrets, and a Postfix lookup table that holds them. For secrets-keys.ts
 * isPlainlyNotSecret; `named`: the name the value is set under.
 */

/**
 * A whole number (up to six digits, no leading zero) under a plural of a secret's word (`tokens: 5`, `passwords: 3`,
 * `secrets: 2`): a count of them. One value that is a number is no list of tokens; a longer run of digits may be a PIN.
 */
export function isCountOfSecrets(value: string, named: string): boolean {
  if (!/^(?:0|[1-9]\d{0,5})$/.test(value)) return false;
  return /(?:^|[^a-z])(?:tokens|passwords|secrets|keys|credentials)$/i.test(named.trim()) || SHARES.test(named.trim());
}

/**
 * Vault's `operator init` counts (developer.hashicorp.com/vault/api-docs/system/init: `secret_shares`, `secret_threshold`,
 * `recovery_shares`, `recovery_threshold`, `stored_shares`; `-key-shares`, `-key-threshold` on the command line, 43a-13):
 * how many key shares to make and how many unseal, numbers under a name with `secret` or `key` in it.
 */
const SHARES = /(?:^|[^a-z])(?:secret|key|recovery|stored)[_-]?(?:shares|threshold)$/i;

/**
 * Postfix's lookup tables by type (postfix.org DATABASE_README.html, "Postfix lookup table types"): `type:name` names
 * a file, a database or a service that holds the table, so `smtp_sasl_password_maps = hash:/etc/postfix/sasl_passwd`
 * names where the passwords are. `proxy:` puts another table behind proxymap(8) (`proxy:mysql:/etc/postfix/x.cf`).
 * Not `static:` (its name is the result: `static:user:password` answers every lookup with that password), `inline:`
 * (its `{ key=value }` pairs are written in the parameter) or `randmap:` (`{value, …}` are results): those hold the value.
 */
const TABLE_TYPES =
  'btree|cdb|cidr|dbm|environ|fail|hash|internal|lmdb|ldap|memcache|mongodb|mysql|netinfo|nis|nisplus|pcre|pgsql|regexp|sdbm|socketmap|sqlite|tcp|texthash|unix';
const TABLE = `(?:proxy:)?(?:${TABLE_TYPES}):[\\w./@:-]+`;
/** One table, or several separated by commas or blanks, as a `*_maps` parameter lists them. */
const TABLES = new RegExp(`^${TABLE}(?:[,\\s]+${TABLE})*,?$`);

/**
 * A Postfix `*_maps` (or `*_map`) parameter's value that only names lookup tables (TABLE_TYPES), not one holding the
 * value. A name is a path or a chosen name: one with a generated-looking run (`hash:Zx9pQ7wLm2vK`) may be the password.
 */
export function isLookupTables(value: string, named: string): boolean {
  if (!/_maps?$/i.test(named.trim()) || value.length > 4096 || !TABLES.test(value.trim())) return false;
  return !looksGenerated(value);
}

/**
 * A command that prints a secret kept elsewhere, under a name ending in `command` or `cmd` (attack round 41a-10):
 * PostgreSQL's `ssl_passphrase_command = 'cat /run/secrets/pp'` (postgresql.org/docs/current/runtime-config-connection),
 * isync's `PassCmd`, `PASSWORD_COMMAND`, the AWS CLI's `credential_process = /usr/bin/aws-vault exec x --json` (a command
 * whose output is the credentials: docs.aws.amazon.com/cli/latest/userguide/cli-configure-sourcing-external.html,
 * 42a-12): the command names where the secret is. One that prints a literal (`echo`, `printf`, a here-string `<<<`)
 * holds it, so it is judged as a value still.
 */
export function isSecretCommand(value: string, named: string): boolean {
  // Named for a secret's command: not a container's `command` (isPlainlyNotSecret then names the list's key).
  if (!/(?:pass|pw|secret|token|key|cred|auth)[\w.-]*?(?:command|cmd|_process)$/i.test(named.trim()) || value.length > 4096) return false;
  return !/(?:^|[\s;|&(`'"])(?:echo|printf|print)(?=\s|$)|<<</.test(value);
}

/**
 * The Fetch standard's credentials mode (fetch.spec.whatwg.org, RequestCredentials: `omit`, `same-origin`, `include`):
 * `fetch(url, { credentials: 'include' })` says whether cookies go with a request (attack round 43a-13), no credential;
 * and an `auth` mode with its path, URL or DN (`--auth=htpasswd:/etc/htpasswd`, 60a-13: auth-modes.ts).
 */
export const isCredentialsMode = (value: string, named: string): boolean =>
  (/^(?:omit|same-origin|include)$/.test(value) && /(?:^|[^A-Za-z])credentials$/i.test(named.trim())) || isAuthMode(value, named);

/**
 * A sudoers rule's tag (sudoers(5), Tag_Spec: `NOPASSWD:` and `PASSWD:` say whether sudo asks for the user's password):
 * `%wheel ALL=(ALL:ALL) NOPASSWD: ALL` (43a-13). What follows is a command list: `ALL`, or commands by absolute path
 * (with arguments, more tags before them, `!` negating, `,` between), none with a run that looks generated
 * (`generated`, the caller's judge).
 */
export function isSudoersTag(value: string, named: string, generated: (text: string) => boolean): boolean {
  if (!/(?:^|\s)(?:NO)?PASSWD$/.test(named.trim()) || value.length > 1024 || generated(value)) return false;
  const command = String.raw`(?:(?:[A-Z_]+:\s*)*!?(?:ALL|\/[\w./-]+(?:[^\S\n]+[^\s,:=]+)*))`;
  return new RegExp(`^${command}(?:\\s*,\\s*${command})*$`).test(value.trim());
}

/** A secret's word in a name (secrets-keys.ts SECRET_WORD's, and the short ones). */
const SECRET_PART = /^(?:password|passwd|passphrase|pass|pwd|pw|token|secret|credentials?|creds|apikey|key|auth)$/;

/**
 * A small number (up to three digits, no leading zero) under a name whose secret word is followed by a word that says
 * what of the secret it sets (attack round 57a-11: a rate limiter's `token_refill: 10`, a policy's `password_reuse: 5`,
 * `password_history: 24`), as secrets-keys.ts REFERENCE_WORD's last words do (`password_min_length: 12`). Not after a
 * label that says which secret it is (`DB_PASSWORD_PROD: 12`, `token_2`: labelledStem), nor under a name that ends
 * in the secret's word (`DB_PASSWORD: 12`, `api_key: 10`): there the number is the (weak) secret.
 */
function isPolicyNumber(value: string, named: string): boolean {
  if (!/^[1-9]\d{0,2}$/.test(value) || named.length > 200 || labelledStem(named.trim()) !== undefined) return false;
  const list = nameWords(named);
  const last = list.length - 1;
  return last >= 1 && !SECRET_PART.test(list[last]) && list.slice(0, last).some((word) => SECRET_PART.test(word));
}

/**
 * 79a-22: a password hashing function's cost parameter, a number of any size (Authelia's `authentication_backend.file.
 * password` block, authelia/authelia config.template.yml: `argon2: {iterations: 3, memory: 65536, parallelism: 4}`,
 * `pbkdf2: {iterations: 310000}`, `sha2crypt: {iterations: 50000}`, `bcrypt: {cost: 12}`; argon2's `time_cost`,
 * `memory_cost`, passlib's `rounds`): the name's last word says the number is a cost, never the secret.
 */
const COST_WORD = /^(?:iterations?|rounds|cost|memory|parallelism|threads|lanes)$/;
const isHashCostNumber = (value: string, named: string): boolean =>
  /^[1-9]\d{0,9}$/.test(value) && named.length <= 200 && COST_WORD.test(nameWords(named).pop() ?? '');

/** What a Secret's data key is named for (`admin-password`, `postgres-password`, `api-token`, `redis-key`). */
const HELD = /^(?:password|passwd|pass|pwd|pw|token|secret|key|credentials?|creds|auth)$/;

/**
 * The name of a key of a Kubernetes Secret's data under a name ending in `key` after a secret's word (attack round
 * 57a-11: a chart's `secretKey: admin-password` beside `existingSecret: grafana-admin`, `passwordKey: redis-password`,
 * `userPasswordKey`), as the README's `adminPasswordKey: postgres-password` under `secretKeys` is (secret-key-maps.ts):
 * two to four lower-case word pieces joined by `-`, `_` or `.`, the last naming what is held (HELD) and no other piece
 * doing so, nothing looking generated. `my-secret-password`, `secret-key` or `Zq8v…` there stay the secret.
 */
function isDataKeyName(value: string, named: string): boolean {
  if (value.length > 64 || !/^[a-z]+\d{0,4}(?:[-_.][a-z]+\d{0,4}){1,3}$/.test(value) || looksGenerated(value)) return false;
  const list = nameWords(named);
  const pieces = value.split(/[-_.]/).map((piece) => piece.replace(/\d+$/, ''));
  const held = pieces.filter((piece) => HELD.test(piece));
  return (
    list.length >= 2 &&
    list[list.length - 1] === 'key' &&
    /^(?:secret|password|passwd|pass|pwd|pw|token|credentials?)$/.test(list[list.length - 2]) &&
    held.length === 1 &&
    HELD.test(pieces[pieces.length - 1])
  );
}

/**
 * 69a-10: the MySQL and MariaDB images' switches, `MYSQL_RANDOM_ROOT_PASSWORD`, `MYSQL_ALLOW_EMPTY_PASSWORD`,
 * `MARIADB_ALLOW_EMPTY_ROOT_PASSWORD` (github.com/docker-library/docs mysql/content.md and mariadb/content.md,
 * "Environment Variables": any non-empty value turns them on): `random` or `empty` before the secret's word says no
 * password is given; `0` or `1` there is the switch (the on/off words pass already), anything else is judged.
 */
function isNoPasswordSwitch(value: string, named: string): boolean {
  if (!/^[01]$/.test(value) || named.length > 200) return false;
  const list = nameWords(named);
  const last = list.length - 1;
  return last >= 1 && SECRET_PART.test(list[last]) && list.slice(0, last).some((word) => word === 'random' || word === 'empty');
}

/** A setting about a secret under its name, no secret: isPolicyNumber's or isDataKeyName's (57a-11), a no-password switch (69a-10), a mode, a duration (58), nsswitch's sources (63a-13), a secret map's setting (70a-12), a time, id or revision of it (77a-21), a hash's cost (79a-22). */
export const isSecretSetting = (value: string, named: string): boolean =>
  isPolicyNumber(value, named) ||
  isHashCostNumber(value, named) ||
  isSecretMapSetting(value, named) ||
  isNoPasswordSwitch(value, named) ||
  isDataKeyName(value, named) ||
  isNamedSetting(value, named) ||
  isPublicNamedValue(value, named) ||
  isSecretPropertyValue(value, named) ||
  isNsswitchSources(value, named);
