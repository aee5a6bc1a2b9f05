import type { Path } from '../core/problem';
import { isSecretKey, isSecretPath, REDACTED, secretsInData, secretUnder } from '../core/secrets';
import { isMap, isScalar, isSeq } from '../core/yaml';

/**
 * Which values the YAML reading layer may quote. Its messages are built before the document is plain
 * data (a control character, a duplicate key, an unknown alias or tag stop it there), so whether a value
 * is a secret is judged on the parsed nodes: a key named like a secret anywhere on the path, the `value`
 * of an env entry whose `name` is one, the data of a `kind: Secret` object.
 */

/** Whether the value at `path` of a parsed document (its `contents`) is a secret that no message may quote. */
export function isSecretInDoc(root: unknown, path: Path): boolean {
  if (isSecretPath(path)) return true;
  let node = root;
  for (const key of path) {
    if (isMap(node)) {
      const map = node;
      const pairOf = (name: string) => map.items.find((pair) => isScalar(pair.key) && String(pair.key.value) === name);
      const field = (name: string) => {
        const value = pairOf(name)?.value;
        return isScalar(value) ? value.value : undefined;
      };
      if (secretUnder(String(key), field)) return true;
      node = pairOf(String(key))?.value;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key];
    } else return false;
  }
  // Text that holds a secret itself: an `extraObjects` item whose `---` documents hold a Secret, `--token=abc`.
  return isScalar(node) && typeof node.value === 'string' && secretsInData(node.value, path).length > 0;
}

/**
 * A raw line of the file, to quote in a hint (`write "- value: abc"`): `key: <redacted>` when its value is
 * a secret, by its key (`password: abc`) or by where it stands (`secret`).
 */
export function quotableLine(line: string, secret: boolean): string {
  const text = line.trim().replace(/^-\s+/, '');
  const key = /^([^\s:#]+)\s*:/.exec(text)?.[1];
  if (key !== undefined && (secret || isSecretKey(key.replace(/^["']|["']$/g, '')))) return `${key}: ${REDACTED}`;
  return secret ? REDACTED : text;
}
