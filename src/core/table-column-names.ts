import { namesForeignSecret } from './foreign-secret-words';
import { isProseValue } from './prose-values';
import { isKubernetesSecretName } from './secret-name-values';
import { namesSecretValue } from './secrets-keys';

/**
 * Attack round 49a-9/49a-10: what a table's header cell names. A cell in Markdown code or emphasis (`` `password` ``,
 * `**Password**`) names what its text names; a column named for a secret in German, French, Spanish, Portuguese or
 * Dutch (`Passwort`, `mot_de_passe`) is one; a column whose name says it holds a date, a time, an age, a count or a flag
 * about the secret (`password_changed_at`, `password_last_set`, `password set`, `password age (days)`) holds none.
 */

/** A cell's Markdown wrapper marks: code, strong, emphasis. */
const WRAPPED = /^(`+|\*\*|__|\*|_)(\S(?:.*\S)?)\1$/;
/** A header cell's name without its Markdown code or emphasis marks. */
export function headerName(text: string): string {
  let name = text;
  for (let i = 0; i < 3; i++) {
    const match = WRAPPED.exec(name);
    if (!match) break;
    name = match[2];
  }
  return name;
}

/**
 * A name's last word saying it holds something about the secret, not the secret: a date or time (`_at`, `changed`,
 * `updated`, `last_set`, `expires`), an age, a count, a length, a flag (`set`, `enabled`, `required`), a policy.
 */
const ABOUT =
  /(?:^|[\s_.-])(?:at|on|date|time|timestamp|ts|age|days?|count|set|updated|changed|change|modified|created|reset|rotated|rotation|expires?|expiry|expired|expiration|expires[\s_-]in|ttl|length|len|min|max|policy|required|enabled|status|strength|attempts|tries|interval)$/i;
/** A name's camel-case words split (`passwordChangedAt` is `password_Changed_At`), a trailing bracket dropped. */
const words = (name: string): string => name.replace(/\s*\([^()]*\)$/, '').replace(/([a-z0-9])([A-Z])/g, '$1_$2');

/** The name setsSecret judges a column's cells by: its own, or `password` for a foreign secret word. */
export function columnKey(text: string): string {
  const name = headerName(text);
  return namesSecretColumn(name) && !namesSecretValue(name) ? 'password' : name;
}

/** Verdicts of namesSecretColumn by cell text, remembered (a table repeats its names: hostile ones cost once each). */
const verdicts = new Map<string, boolean>();
/** Whether a header cell names a column of secrets. */
export function namesSecretColumn(text: string): boolean {
  let verdict = verdicts.get(text);
  if (verdict === undefined) {
    const name = headerName(text);
    verdict = !ABOUT.test(words(name)) && (namesSecretValue(name) || namesForeignSecret(name));
    if (verdicts.size >= 10_000) verdicts.clear();
    verdicts.set(text, verdict);
  }
  return verdict;
}

/** A key/value table's value column (`| Key | Value |`, `| Setting | Default |`). */
const VALUE_COLUMN =
  /^(?:values?|default(?:[\s_]values?)?|defaults|examples?(?:[\s_]values?)?|settings?|current(?:[\s_]values?)?|contents?)$/i;
export const namesValueColumn = (text: string): boolean => VALUE_COLUMN.test(headerName(text));

/**
 * A date or date-time (ISO 8601), or a yes/no word: no secret whatever its column (49a-10, 49a-11); a Markdown rule
 * row's cell (`---`, `:---:`), as a second table's rule reads where a line between two tables has as many `|` (51a-11).
 */
const NO_SECRET =
  /^(?::?-{3,}:?|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?|yes|no|true|false|set|unset|enabled|disabled)$/i;
/**
 * A Kubernetes Secret's name with a note in brackets that says so (50a-13): `grafana-admin (Kubernetes Secret)`,
 * `db-creds (k8s secret in monitoring)`, `api-keys (SealedSecret)`: the object the value is kept in, not the value.
 */
const NAMES_SECRET_OBJECT =
  /^(`?)[a-z0-9](?:[-a-z0-9.]{0,251}[a-z0-9])?\1 \((?:[A-Za-z-]+ ){0,3}(?:(?:Kubernetes|k8s|K8s|kube) [Ss]ecret|Sealed ?Secret|External ?Secret)(?: [A-Za-z-]+){0,4}\)$/;
/**
 * 51a-11: a Kubernetes Secret's name (secret-name-values.ts isKubernetesSecretName: `db-credentials`), maybe in code
 * marks, with a note in brackets that is prose (`db-credentials (see vault)`), or in code marks alone (`` `api-token` ``).
 */
const NAME_WITH_NOTE = /^(`?)([a-z0-9][-a-z0-9.]{0,251}[a-z0-9])\1(?: (\([^()\n]{1,128}\)))?$/;
const namesSecretWithNote = (cell: string): boolean => {
  const match = NAME_WITH_NOTE.exec(cell);
  return (
    !!match &&
    (match[1] !== '' || match[3] !== undefined) &&
    isKubernetesSecretName(match[2]) &&
    (match[3] === undefined || isProseValue(match[3]))
  );
};
/** A variable in code marks (`` `$DB_PASSWORD` ``, `` `${TOKEN}` ``): the secret's name, filled in elsewhere (51a-11). */
const CODE_VARIABLE = /^(`{1,2})\$(?:\{[A-Za-z_]\w{0,63}\}|[A-Za-z_]\w{0,63})\1$/;
/** A cell that holds no secret under any column: a date, a yes/no word, prose (`ask the on-call engineer`, `(in vault)`), a Secret's name. */
export const holdsNoSecret = (cell: string): boolean =>
  NO_SECRET.test(cell) || isProseValue(cell) || NAMES_SECRET_OBJECT.test(cell) || namesSecretWithNote(cell) || CODE_VARIABLE.test(cell);

/** A column of Kubernetes Secrets by its name: `Secret`, `Secrets`, `K8s Secret`, `Kubernetes Secret`. */
const SECRET_OBJECT_COLUMN = /^(?:(?:kubernetes|k8s|kube)[\s_-]?)?secrets?$/i;
/**
 * holdsNoSecret, or under a column of Secrets a Secret's name alone (`api-token-secret`, `db-credentials`: 51a-11), as
 * `tlsSecret: wildcard-tls` is one (secret-name-values.ts); `column`: the column's name (columnKey).
 */
export const holdsNoSecretUnder = (column: string, cell: string): boolean =>
  holdsNoSecret(cell) || (SECRET_OBJECT_COLUMN.test(column.trim()) && isKubernetesSecretName(cell));
