import { underReference } from '../core/reference-keys';
import { looksGeneratedName } from '../core/generated-runs';
import { looksGenerated } from '../core/secrets-keys';
import { FieldPath, Finding, isRecord } from './paths';

/**
 * Secret references in a pod (43a-19): an env var's `valueFrom.secretKeyRef` name and key, an `envFrom` item's
 * `secretRef.name`, a volume's `secret.secretName` and `items[].key`, a projected source's `secret.name`. A password is
 * pasted there by mistake as readily as under `kubeVip.bgp.passwordSecret` (config/secret-ref-formats.ts): no message
 * quotes what stands there, whatever its type (text, a one-item list, a map), and a name or key that looks generated
 * (core/generated-runs.ts) is taken for the secret itself and refused, with the same words.
 */

/** The ends of the paths of a Secret reference's name or key (`*` is any list index). */
const REFERENCE_ENDS: readonly (readonly (string | number)[])[] = [
  ['secretKeyRef', 'name'],
  ['secretKeyRef', 'key'],
  ['secretRef', 'name'],
  ['secret', 'secretName'],
  ['secret', 'name'],
  ['secret', 'items', '*', 'key'],
  ['azureFile', 'secretName'],
];

/** A StorageClass's or VolumeSnapshotClass's parameter naming a Secret (`csi.storage.k8s.io/node-publish-secret-name`). */
const SECRET_NAME_PARAMETER = /^csi\.storage\.k8s\.io\/[-a-z]*secret-name$/;

/** Whether `path` is such a parameter (secret-name-places.ts). */
export const isSecretNameParameter = (path: FieldPath): boolean =>
  path.length >= 2 && path[0] === 'parameters' && typeof path[1] === 'string' && SECRET_NAME_PARAMETER.test(path[1]);

const NOT_SHOWN = '(the value is not shown: a password may have been pasted here)';

const endsWith = (path: FieldPath, end: readonly (string | number)[]): boolean =>
  path.length >= end.length &&
  end.every((step, i) => {
    const at = path[path.length - end.length + i];
    return step === '*' ? typeof at === 'number' : at === step;
  });

/**
 * Whether `path` (from any root) is a Secret reference's name or key, or lies below one (a list or map given there), or
 * is the reference itself or any other field of it (`optional`, `defaultMode`: 45a-13, core/reference-keys.ts).
 */
export function atSecretReference(path: FieldPath): boolean {
  if (underReference(path) || isSecretNameParameter(path)) return true;
  for (let end = path.length; end > 0; end--) {
    const prefix = path.slice(0, end);
    if (REFERENCE_ENDS.some((tail) => endsWith(prefix, tail))) return true;
  }
  return false;
}

/** What a value at a Secret reference is, for a message, without the value: `a list (the value is not shown: …)`. */
export function unshownReference(value: unknown): string {
  const kind = Array.isArray(value) ? 'a list' : isRecord(value) ? 'a map' : value === null ? 'null' : `a ${typeof value}`;
  return `${kind} ${NOT_SHOWN}`;
}

/** A Secret reference's name or key that looks generated: the password itself, refused without being shown. */
export function generatedReferenceProblems(value: unknown, path: FieldPath, what: 'name' | 'key'): Finding[] {
  // A name without a digit is never said to look generated (core/generated-runs.ts looksGeneratedName, 48b-5).
  if (typeof value !== 'string' || !(what === 'name' ? looksGeneratedName(value) : looksGenerated(value))) return [];
  const example = what === 'name' ? 'db-auth' : 'password';
  return [
    {
      path,
      message:
        `looks generated (12 or more letters and digits mixed), as a password does, not chosen as a Secret's ${what} is ${NOT_SHOWN}: ` +
        `write the Secret's ${what} (e.g. "${example}"), never the password itself`,
    },
  ];
}
