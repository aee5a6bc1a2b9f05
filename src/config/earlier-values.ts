import type { Document, Pair, YAMLMap } from 'yaml';
import { isMap, isScalar, isSeq } from '../core/yaml';
import { formatPath, Path, Problem } from '../core/problem';
import { secretProblems } from '../core/secret-place';
import { FoundSecret, secretsInData } from '../core/secrets';
import { earlierPairs } from './duplicate-keys';

/**
 * A secret said about a value written before its key was written again, at that value when the secret is in it, else
 * at the node of its path the document kept (the env entry's `value`).
 */
export type EarlierSecret = { readonly problem: Problem; readonly offset?: number; readonly value: string };

/**
 * 84a-11: a key written twice is judged with its last value (duplicate-keys.ts), but the earlier one is in the file,
 * and in Git, too. Each mapping is judged again with each earlier value in place of the last: a secret found only so
 * (`{name: DB_PASSWORD, value: <pw>, name: X}`: the value is a password by its first name) is said in the same run,
 * at its key path, beside the duplicate-key line; one at a K3s token's path (`tokenPaths`) is the token's line's.
 */
export function earlierValueSecrets(doc: Document.Parsed, tokenPaths: ReadonlySet<string>): EarlierSecret[] {
  const found: EarlierSecret[] = [];
  const visit = (node: unknown, path: Path, seen: Set<unknown>) => {
    if (seen.has(node)) return;
    seen.add(node);
    if (isSeq(node)) node.items.forEach((item, i) => visit(item, [...path, i], seen));
    if (!isMap(node)) return;
    const earlier = earlierPairs.get(node);
    if (earlier) found.push(...secretsOfEarlier(doc, node, earlier, path));
    for (const pair of node.items) if (isScalar(pair.key)) visit(pair.value, [...path, String(pair.key.value)], seen);
  };
  visit(doc.contents, [], new Set());
  return found.filter((secret) => !tokenPaths.has(formatPath(secret.problem.path)));
}

function secretsOfEarlier(doc: Document.Parsed, map: YAMLMap, earlier: readonly Pair[], path: Path): EarlierSecret[] {
  const last = asData(doc, map);
  if (!last || typeof last !== 'object') return [];
  const said = new Set(secretsInData(last, path).map(secretKey));
  return earlier.flatMap((pair) => {
    if (!isScalar(pair.key)) return [];
    const key = String(pair.key.value);
    const variant = { ...(last as Record<string, unknown>), [key]: asData(doc, pair.value) };
    const under = [...path, key];
    return secretsInData(variant, path)
      .filter((secret) => !said.has(secretKey(secret)))
      .flatMap((secret) => {
        said.add(secretKey(secret));
        const within = under.every((k, i) => secret.path[i] === k);
        const node = within ? pair.value : doc.getIn(secret.path, true);
        const offset = (node as { range?: number[] } | null)?.range?.[0] ?? map.range?.[0];
        return secretProblems(secret, nestedAt(path, variant)).map((problem) => ({ problem, offset, value: secret.value }));
      });
  });
}

const secretKey = (secret: FoundSecret): string => `${formatPath(secret.path)}\n${secret.what}\n${secret.value}`;

/** `value` as data at `path` of an otherwise empty tree: secretProblems reads a text's lines by the secret's path. */
function nestedAt(path: Path, value: unknown): unknown {
  return path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);
}

/** A node of the document as data (undefined where its aliases cannot be read). */
export function asData(doc: Document.Parsed, node: unknown): unknown {
  if (isScalar(node)) return node.value;
  if (!isMap(node) && !isSeq(node)) return node;
  try {
    return node.toJS(doc, { maxAliasCount: 100 });
  } catch {
    return undefined;
  }
}
