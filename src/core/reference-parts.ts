import type { Path } from './problem';
import { looksGenerated } from './generated-runs';
import { isDataKey, isReferenceName, isSecretKey } from './secrets-keys';
import { refersToSecret } from './secret-references';
import { isChpasswdOfUsers } from './cloud-init-chpasswd';
import { isDexStaticPasswords } from './dex-static-passwords';

/** A part of the value under a key named like a secret, judged on its own: its path below the key, and what it is taken for. */
export interface ReferencePart {
  readonly at: Path;
  readonly value: unknown;
  /** What any text of it is (secrets.ts `secretAs`), or undefined where it is a field of a reference valid by itself. */
  readonly as: string | undefined;
}

/** The fields of a Secret reference by where it stands (core/v1 SecretKeySelector, SecretVolumeSource, SecretProjection). */
const SELECTOR = ['name', 'key', 'optional'];
const VOLUME = ['secretName', 'items', 'defaultMode', 'optional'];
const PROJECTION = ['name', 'items', 'optional'];
const KEY_TO_PATH = ['key', 'path', 'mode'];

/** A file's path in a volume as written (relative or not: validate/volume-sources.ts says which the API server takes). */
const FILE_PATH = /^\/?[\w.-]+(?:\/[\w.-]+)*$/;
/** A file mode: a number, or digits written as text (`"0644"`, `0o644`), which validate/volume-sources.ts refuses by type. */
const isMode = (value: unknown): boolean =>
  (typeof value === 'number' && Number.isInteger(value)) || (typeof value === 'string' && /^(?:0o)?\d{1,4}$/.test(value));

/** Whether `value`, at `field` of a reference, is valid by itself: never the secret pasted there. */
function validField(field: string, value: unknown): boolean {
  if (field === 'name' || field === 'secretName') return isReferenceName(value);
  if (field === 'key') return isDataKey(value);
  if (field === 'optional') return typeof value === 'boolean';
  if (field === 'path') return typeof value === 'string' && FILE_PATH.test(value) && !looksGenerated(value);
  return isMode(value); // `mode`, `defaultMode`
}

/** A plain record (no getter, no Proxy, no class) whose keys are all of `fields`, or undefined. */
function fieldsOf(value: unknown, fields: readonly string[]): Record<string, unknown> | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype) return undefined;
  const descriptors = Object.getOwnPropertyDescriptors(value);
  const keys = Object.keys(descriptors);
  if (!keys.length || keys.some((key) => !fields.includes(key) || !('value' in descriptors[key]))) return undefined;
  return value as Record<string, unknown>;
}

/**
 * The parts of `value` under `key` to judge, with what each is taken for (46a-9, 45a-20a): where a key named like a secret
 * holds something shaped as a Secret reference (only a reference's fields, an `items` list of KeyToPath entries with
 * only theirs) that is no reference as a whole (core/secret-references.ts refersToSecret), only its fields that are invalid by
 * themselves are taken for the secret (`key: "a!b"` may be the password itself); the valid ones (`secretName: s`,
 * `path: p`) are not, so that a message blames the field at fault, not every one. Anything else is judged whole, as
 * `under` says: an unknown key there (a password pasted as a key) leaves every value of it taken for the secret.
 */
export function referenceParts(key: string, value: unknown, secretAs: string | undefined, under: string | undefined): ReferencePart[] {
  const whole = [{ at: [], value, as: secretAs ?? under }];
  // A reference under a key named like a secret is judged by its values alone: its fields' names (`existingSecretKey`,
  // `secretKey`) say which key of the Secret to read, not that they hold one (67a-19).
  // cloud-init's `chpasswd: {users: […]}` is no reference: each field is judged by its own key (a clear `password` refused).
  // Dex's `staticPasswords` list of users with their bcrypt hashes likewise (79a-21).
  if (
    !secretAs &&
    !under &&
    value !== null &&
    typeof value === 'object' &&
    (isChpasswdOfUsers(key, value as Record<string, unknown>) || isDexStaticPasswords(key, value))
  )
    return [{ at: [], value, as: undefined }];
  if (!secretAs && !under && value !== null && typeof value === 'object' && isSecretKey(key) && refersToSecret(key, value))
    return leavesOf(value);
  if (secretAs || !under) return whole;
  try {
    const record = (key === 'secret' && (fieldsOf(value, VOLUME) ?? fieldsOf(value, PROJECTION))) || fieldsOf(value, SELECTOR);
    if (!record || (record.key === undefined && record.items === undefined && key !== 'secret')) return whole;
    const parts: ReferencePart[] = [];
    for (const [field, given] of Object.entries(record)) {
      if (field !== 'items') {
        parts.push({ at: [field], value: given, as: validField(field, given) ? undefined : under });
        continue;
      }
      if (!Array.isArray(given) || Object.getPrototypeOf(given) !== Array.prototype) return whole;
      for (const [i, item] of given.entries()) {
        const entry = fieldsOf(item, KEY_TO_PATH);
        if (!entry) return whole;
        for (const [name, field] of Object.entries(entry))
          parts.push({ at: ['items', i, name], value: field, as: validField(name, field) ? undefined : under });
      }
    }
    return parts;
  } catch {
    return whole; // a trap that throws: judged whole, as refersToSecret leaves it
  }
}

/** Every text, number and switch of a reference's plain data (refersToSecret read it so: no getter, no cycle), by its path. */
function leavesOf(value: unknown, at: Path = []): ReferencePart[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => leavesOf(item, [...at, i]));
  if (value === null || typeof value !== 'object') return [{ at, value, as: undefined }];
  return Object.entries(value).flatMap(([field, item]) => leavesOf(item, [...at, field]));
}
