import type { Path } from './problem';

/**
 * 80a-6: a var named as a client's options (`MYSQL_OPTS`, `MYSQLDUMP_OPTIONS`, `REDIS_CLI_ARGS`, `mysqlOpts`) holds
 * what a script puts on that client's command line (`mysqldump $MYSQL_OPTS app`), so its value is judged as the
 * client's arguments: `-uroot -p<password>` is mysql's password option there, even where no command is shown. Only
 * clients whose password options the command readers know (mysql's `-p`, redis-cli's `-a`, sshpass's `-p`, curl's `-u`),
 * and only a value that is no secret alone (one that is was refused where it stands).
 */
const CLIENT: Readonly<Record<string, string>> = {
  mysql: 'mysql',
  mysqldump: 'mysqldump',
  mysqladmin: 'mysqladmin',
  mariadb: 'mariadb',
  redis: 'redis-cli',
  rediscli: 'redis-cli',
  sshpass: 'sshpass',
  curl: 'curl',
};
const MAY_NAME_CLIENT = /mysql|mariadb|redis|sshpass|curl/i;
/** The last word of a name that holds options: `_OPTS`, `_OPTIONS`, `_ARGS`, `_FLAGS`, `_PARAMS`. */
const OPTIONS_WORD = /^(?:opts?|options|args|arguments|flags|params|parameters)$/;
const MAX_VALUE = 4096;

type Found = { path: Path; value: string; what: string };

/** The client whose options a var so named holds (`MYSQL_OPTS`: mysql), if any. */
export function clientOfOptions(name: string): string | undefined {
  if (name.length > 128 || !MAY_NAME_CLIENT.test(name)) return undefined;
  const words = name.split(/[_.-]+|(?<=[a-z0-9])(?=[A-Z])/).map((word) => word.toLowerCase());
  if (words.length < 2 || !OPTIONS_WORD.test(words[words.length - 1])) return undefined;
  return words
    .slice(0, -1)
    .map((word) => CLIENT[word])
    .find((client) => client !== undefined);
}

/**
 * The values of `record` (an env entry `{name, value}`, or a map: a ConfigMap's data, Compose's `environment`) under a
 * client options var's name that set the client's password, at their paths; none at a path `found` has already.
 */
export function clientOptionSecrets(
  record: Record<string, unknown>,
  at: Path,
  judge: (data: unknown) => ReadonlyArray<{ what: string }>,
  found: ReadonlyArray<{ path: Path }>,
): Found[] {
  const pairs: Array<[string, unknown, Path]> =
    typeof record.name === 'string' && 'value' in record
      ? [[record.name, record.value, [...at, 'value']]]
      : Object.entries(record).map(([key, value]) => [key, value, [...at, key]]);
  const out: Found[] = [];
  for (const [name, value, path] of pairs) {
    const client = typeof value === 'string' && value.length <= MAX_VALUE ? clientOfOptions(name) : undefined;
    if (client === undefined || judge([value]).length > 0) continue;
    const [asArguments] = judge([`${client} ${value as string}`]);
    if (asArguments && !found.some((one) => one.path.join('\0') === path.join('\0')))
      out.push({ path, value: value as string, what: `${client}'s options (under a name that says so), with ${asArguments.what}` });
  }
  return out;
}
