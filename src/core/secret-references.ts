import { composeSecretTexts } from './compose-secrets';
import { looksGenerated } from './generated-runs';
import { namesSecretKeys } from './secret-key-maps';
import { isChpasswdOfUsers } from './cloud-init-chpasswd';
import { isDexStaticPasswords } from './dex-static-passwords';
import { ABSOLUTE_FILE_PATH, AUTH_SCHEME, isDataKey, isReferenceName, isSecretKey } from './secrets-keys';

/**
 * Objects under a key named like a secret that only refer to a Kubernetes Secret, so hold none: the Secret's name, the
 * keys of its data, never a value. Names must be Secret names and keys data keys, none looking generated (12 or more
 * letters and digits mixed, generated-runs.ts): anything else there is taken for the secret itself.
 */

/** An absolute path to a file (ABSOLUTE_FILE_PATH) that does not look generated. */
const isFilePath = (value: string): boolean => ABSOLUTE_FILE_PATH.test(value) && !looksGenerated(value);

/** A volume's `items[]` entry (KeyToPath: key, path, mode). */
const isKeyToPath = (item: unknown): boolean =>
  !!item &&
  typeof item === 'object' &&
  Object.entries(item).every(([key, value]) =>
    key === 'key'
      ? isDataKey(value)
      : key === 'path'
        ? typeof value === 'string' && /^[\w.-]+(?:\/[\w.-]+)*$/.test(value) && !looksGenerated(value)
        : key === 'mode' && Number.isInteger(value),
  );

/** `value` as a plain record of data (no getter, no Proxy trap, no class instance), or undefined. */
function plainRecord(value: unknown): Record<string, unknown> | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype) return undefined;
  const descriptors = Object.getOwnPropertyDescriptors(value);
  if (Object.values(descriptors).some((descriptor) => !('value' in descriptor))) return undefined;
  return value as Record<string, unknown>;
}

/** Whether `record` has keys, all of them `allowed`. */
const onlyKeys = (record: Record<string, unknown>, allowed: readonly string[]): boolean =>
  Object.keys(record).length > 0 && Object.keys(record).every((key) => allowed.includes(key));

/** A SecretKeySelector `{name, key, optional}` (core/v1), its `key` given. */
function isSelector(value: unknown): boolean {
  const record = plainRecord(value);
  return (
    !!record &&
    onlyKeys(record, ['name', 'key', 'optional']) &&
    isReferenceName(record.name) &&
    isDataKey(record.key) &&
    (record.optional === undefined || typeof record.optional === 'boolean')
  );
}

/**
 * The fields that name the Secret a chart's reference reads: core/v1 SecretReference's and LocalObjectReference's `name`,
 * `secretName`, and the `existingSecret` of most charts (github.com/bitnami/charts bitnami/redis/values.yaml
 * `auth.existingSecret`; github.com/grafana/helm-charts charts/grafana/values.yaml `admin.existingSecret`).
 */
const NAME_FIELDS: readonly string[] = ['name', 'secretName', 'existingSecret', 'existingSecretName'];

/**
 * A field that names a key of that Secret's data: `key`, or a secret's or user's name then `Key`, `KeyName` or `_key`
 * (Grafana's `userKey`/`passwordKey`, Bitnami's `existingSecretPasswordKey`, `existingSecretKey`, `secretKey`). A key
 * material's name (`apiKey`, `privateKey`, `accessKey`) is none: its value is the key itself.
 */
function namesDataKey(field: string): boolean {
  if (field === 'key') return true;
  const stem = /^(.+?)(?:Key|KeyName|_key)$/.exec(field)?.[1];
  return stem !== undefined && (/^(?:existingSecret|user|username|userName)$/.test(stem) || isSecretKey(stem));
}

/**
 * A chart's reference to an existing Secret: one field naming it, with any of its data keys' fields, a `namespace`
 * (core/v1 SecretReference) and `optional` (`credentials: {secretName: creds}`, `token: {existingSecret: hub, key: token}`,
 * `admin: {existingSecret: grafana, userKey: user, passwordKey: password}`).
 */
function isChartReference(record: Record<string, unknown>): boolean {
  const keys = Object.keys(record);
  if (keys.filter((key) => NAME_FIELDS.includes(key)).length !== 1) return false;
  return keys.every((key) => {
    const value = record[key];
    if (NAME_FIELDS.includes(key) || key === 'namespace') return isReferenceName(value);
    if (key === 'optional') return typeof value === 'boolean';
    return namesDataKey(key) && isDataKey(value);
  });
}

/**
 * An object under `key`, named like a secret, that only refers to a Kubernetes Secret, so holds none (its fields are
 * judged by their own keys): a SecretKeySelector `{name, key, optional}` (core/v1; Prometheus Operator's
 * `basicAuth.password`), a chart's `{existingSecret | secretName | name, <what>Key…}` (isChartReference), and an env
 * entry's source written there (core/v1 EnvVarSource `valueFrom: {secretKeyRef}`, a bare `secretKeyRef`, SecretEnvSource
 * `secretRef: {name, optional}`) under any such key; under `secret`, a pod volume's (SecretVolumeSource: `secretName`,
 * `items`, `defaultMode`, `optional`) or a projected volume's source (SecretProjection: `name`, `items`, `optional`);
 * under `authorization`, Prometheus Operator's SafeAuthorization `{type, credentials}` (monitoring.coreos.com/v1),
 * whose `type` is an HTTP authentication scheme.
 */
export function refersToSecret(key: string, value: unknown): boolean {
  // Only plain data refers: a getter or a Proxy (construct props not yet read into data) is left to the reading that
  // refuses it by name, at its own key; a trap that throws here would be reported at this one.
  try {
    return isDexStaticPasswords(key, value) || isReference(key, value);
  } catch {
    return false;
  }
}

function isReference(under: string, value: unknown): boolean {
  const record = plainRecord(value);
  if (!record) return false;
  const only = (...allowed: string[]) => onlyKeys(record, allowed);
  const optional = record.optional === undefined || typeof record.optional === 'boolean';
  const items = record.items === undefined || (Array.isArray(record.items) && record.items.every(isKeyToPath));
  if (only('name', 'key', 'optional') && record.key !== undefined) return isSelector(record);
  if (under === 'secret' && only('secretName', 'items', 'defaultMode', 'optional'))
    return (
      isReferenceName(record.secretName) && items && optional && (record.defaultMode === undefined || Number.isInteger(record.defaultMode))
    );
  if (under === 'secret' && only('name', 'items', 'optional')) return isReferenceName(record.name) && items && optional;
  if (isChartReference(record)) return true;
  if (only('secretKeyRef')) return isSelector(record.secretKeyRef);
  if (only('valueFrom')) {
    const source = plainRecord(record.valueFrom);
    return !!source && onlyKeys(source, ['secretKeyRef']) && isSelector(source.secretKeyRef);
  }
  if (only('secretRef')) {
    const source = plainRecord(record.secretRef);
    return !!source && onlyKeys(source, ['name', 'optional']) && isChartReference(source);
  }
  if (namesSecretKeys(under, record) || isChpasswdOfUsers(under, record)) return true; // Bitnami's `secretKeys: {adminPasswordKey: postgres-password}` (45a-17)
  const compose = composeSecretTexts(record); // compose's `db_password: {file: ./db_password.txt}` (compose-secrets.ts)
  if (compose) return compose.every((text) => !looksGenerated(text));
  // Prometheus' own `authorization: {type, credentials_file}` (prometheus.io/docs/prometheus/latest/configuration:
  // <authorization>, `type` defaults to Bearer) names the file the credentials are read from (43a-13).
  if (under === 'authorization' && only('type', 'credentials_file') && typeof record.credentials_file === 'string')
    return (
      (record.type === undefined || (typeof record.type === 'string' && AUTH_SCHEME.test(record.type))) &&
      isFilePath(record.credentials_file)
    );
  if (under === 'authorization' && only('type', 'credentials'))
    return (
      typeof record.type === 'string' &&
      AUTH_SCHEME.test(record.type) &&
      (record.credentials === undefined || isReference('credentials', record.credentials))
    );
  return isBasicAuthOfFile(under, record) || isTokenProjection(under, record);
}

/** A word a reader names something by (a user, an audience, a file name): no blanks, nothing that looks generated. */
const isPlainWord = (value: unknown): boolean => typeof value === 'string' && /^[\w.@:/-]{1,253}$/.test(value) && !looksGenerated(value);

/**
 * 69a-11: Prometheus' `basic_auth` with its password in a file, `{username, password_file}` (prometheus.io/docs/prometheus/
 * latest/configuration/configuration, <basic_auth>: `username`, `username_file`, `password`, `password_file`), or a user
 * name alone: a user name is no secret. A `password` beside it is judged as ever.
 */
function isBasicAuthOfFile(under: string, record: Record<string, unknown>): boolean {
  if (under !== 'basic_auth' || !onlyKeys(record, ['username', 'username_file', 'password_file'])) return false;
  const files = [record.username_file, record.password_file].filter((file) => file !== undefined);
  return (
    // A user id (Grafana Cloud's numeric instance id, written unquoted: 81a-21) is a user name too.
    (record.username === undefined ||
      isPlainWord(record.username) ||
      (Number.isSafeInteger(record.username) && (record.username as number) >= 0)) &&
    files.every((file) => typeof file === 'string' && isFilePath(file))
  );
}

/**
 * 69a-11: Kubernetes' projected `serviceAccountToken` volume source, `{path, expirationSeconds, audience}` (kubernetes/api
 * core/v1/types.go ServiceAccountTokenProjection): it asks the kubelet for a token, and holds none.
 */
function isTokenProjection(under: string, record: Record<string, unknown>): boolean {
  if (under !== 'serviceAccountToken' || !onlyKeys(record, ['path', 'expirationSeconds', 'audience'])) return false;
  const seconds = record.expirationSeconds;
  return (
    isPlainWord(record.path) &&
    (record.audience === undefined || isPlainWord(record.audience)) &&
    (seconds === undefined ||
      (typeof seconds === 'number' && Number.isInteger(seconds)) ||
      (typeof seconds === 'string' && /^\d{1,10}$/.test(seconds)))
  );
}
