/**
 * A Compose file's secret definition (docs.docker.com/reference/compose-file/secrets: a top-level `secrets:` entry,
 * `db_password: {file: ./db_password.txt}`, `{environment: DB_PASSWORD}`, `{external: true}`, maybe with a `name`):
 * it says where the secret comes from (a file, a variable of the host, one made already), so holds none (42a-12).
 * The texts it names, for the caller to check that none looks generated; undefined where `record` is no such definition
 * (another key, two sources, a file that is no path, a variable's name that is no name).
 */
export function composeSecretTexts(record: Record<string, unknown>): string[] | undefined {
  const keys = Object.keys(record);
  if (keys.length === 0 || !keys.every((key) => ['file', 'environment', 'external', 'name'].includes(key))) return undefined;
  const { file, environment, external, name } = record;
  const sources = [file, environment, external].filter((source) => source !== undefined);
  if (sources.length !== 1 || (name !== undefined && !(typeof name === 'string' && /^[\w.-]{1,253}$/.test(name)))) return undefined;
  const texts = typeof name === 'string' ? [name] : [];
  // A path, by a folder or an extension (`./db_password.txt`, `/run/pw`): a bare word there may be the password.
  if (typeof file === 'string' && /^[\w./~-]{1,1024}$/.test(file) && /\/|\.[A-Za-z]{1,8}$/.test(file)) return [...texts, file];
  if (typeof environment === 'string' && /^[A-Za-z_][A-Za-z0-9_]{0,127}$/.test(environment)) return [...texts, environment];
  return external === true ? texts : undefined;
}
