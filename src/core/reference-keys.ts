import type { Path } from './problem';
import { isSecretKey } from './secrets-keys';

/**
 * Keys under a place where a Secret reference, or the path of a file holding a secret, belongs (44a-7). A password
 * pasted there by mistake becomes a key (`passwordSecret: {name: a, key: b, hunter2: x}`, `tokenFile: {hunter2}`):
 * a message names the place and its line, never such a key, in its key path or in its text (`unknown key …`).
 * The fields of a reference (core/v1 SecretKeySelector, SecretEnvSource, SecretVolumeSource, SecretProjection,
 * SecretReference; the config's `passwordSecret`/`tokenSecret`) are shown as usual.
 */
const REFERENCE_FIELDS: ReadonlySet<string> = new Set(['name', 'key', 'optional', 'namespace', 'secretName', 'items', 'defaultMode']);

/** A list whose items each refer to a Secret (`imagePullSecrets`, a ServiceAccount's `secrets`: LocalObjectReference). */
const REFERENCE_LIST = /secrets$/;

/**
 * A key whose value refers to a Secret (`passwordSecret`, `tokenSecret`, `secret`, `secretRef`, `secretKeyRef`,
 * `apiTokenSecretRef`), or names the file holding one (`tokenFile`, `passwordFile`, `DB_PASSWORD_FILE`), which has no
 * fields at all.
 */
function refersUnder(parent: string): { fields: ReadonlySet<string> } | undefined {
  const name = parent.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (/secret(?:key)?ref$|secret$/.test(name)) return { fields: REFERENCE_FIELDS };
  const file = /^(.+?)[-_]?(?:file|path)$/i.exec(parent)?.[1];
  return file !== undefined && isSecretKey(file) ? { fields: new Set() } : undefined;
}

/** Whether `key`, under the value at `path`, is one no message shows: a key of a reference that no reference has. */
export function hiddenKeyUnder(path: Path, key: string | number): boolean {
  const last = path[path.length - 1];
  const list = path[path.length - 2];
  // An item of a list of references is a reference (45a-21: `imagePullSecrets: [{name: reg, pw: 1}]`).
  const parent = typeof last === 'number' && typeof list === 'string' && REFERENCE_LIST.test(list.toLowerCase()) ? 'secretRef' : last;
  if (typeof parent !== 'string' || typeof key !== 'string') return false;
  const place = refersUnder(parent);
  return place !== undefined && !place.fields.has(key);
}

/** `path` as a message shows it: cut at the reference above a key no reference has (`kubeVip.bgp.passwordSecret`). */
export function shownReferencePath(path: Path): Path {
  for (let end = 1; end < path.length; end++) if (hiddenKeyUnder(path.slice(0, end), path[end])) return path.slice(0, end);
  return path;
}

/**
 * Whether `path` stands at or below a key that refers to a Secret (`secretKeyRef`, `secretRef`, a volume's `secret`,
 * `passwordSecret`, `apiTokenSecretRef`, an item of `imagePullSecrets`) or names the file holding one (`tokenFile`): the one rule of every message about
 * such a place (45a-13). A password is pasted there by mistake in any field and of any type (`optional: pw`,
 * `secretRef: [pw]`): no message quotes what stands there.
 */
export function underReference(path: Path): boolean {
  return path.some((key) => typeof key === 'string' && (refersUnder(key) !== undefined || REFERENCE_LIST.test(key.toLowerCase())));
}

/** What a message says of such a key, instead of quoting it. */
export const HIDDEN_KEY = 'an unknown key, not shown (a password may have been pasted here)';
