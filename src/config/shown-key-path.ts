import type { Document } from 'yaml';
import type { Path } from '../core/problem';
import { mayQuote } from '../core/quotable';
import { structureEnd } from '../core/structure-keys';
import { REDACTED } from '../core/secrets';
import { aliasResolver, standsAsSecret } from './yaml-secrets';

/**
 * The key path a message about a config file shows, built of raw keys. A key below a secret is made of the secret's
 * own text (`value: Zq9pW7vL: x: y` reads as the map `{Zq9pW7vL: "x: y"}` under an env entry's `value`): the path
 * stops at the first key below the secret's that may be its text (core/structure-keys.ts), and the line and column say where
 * (42a-7). Judged on the parsed document by where a
 * value stands (yaml-secrets.ts standsAsSecret), not by the path's names: a reference's map under a key named like
 * a secret (`passwordSecret: {name, key}`) keeps its keys. A key that may hold a secret in any reading (mayQuote) is
 * not shown either.
 */
export function shownKeyPaths(doc: Document.Parsed | undefined): (path: Path) => Path {
  const root = doc?.contents;
  const resolve = doc ? aliasResolver(doc) : (node: unknown) => node;
  // A file the parser read with errors may hold a value read as a map (`password: Summer: 2024!`): its keys are not shown.
  const mapWrittenAsOne = !doc?.errors.length;
  return (path) => {
    let shown = path;
    // A proper prefix only: the secret's own key is where it stands and is shown.
    for (let end = 1; end < path.length; end++) {
      // A Secret object's `data` is secret by where it stands, its keys are not (`data.password` is said as is).
      const under = path[end - 1];
      // Keys that are a Secret reference's field names (`secret.items[0].key`: 46a-9) are no secret's text: shown.
      const fields = path.slice(end).every((key) => typeof key === 'number' || REFERENCE_FIELDS.has(key));
      if (under !== 'data' && under !== 'stringData' && !fields && standsAsSecret(root, path.slice(0, end), resolve)) {
        // Down to the value taken for the secret (67a-19: `credentials.pass`, `token.valueFrom.secretKeyRef.name`), through
        // keys a map written as one has, never through a key that may be the secret's own text (above).
        shown = path.slice(0, mapWrittenAsOne ? structureEnd(path, end) : end);
        break;
      }
    }
    return shown.map((key) => (typeof key === 'string' && !mayQuote(key) ? REDACTED : key));
  };
}

/** The fields of a Secret reference and of its `items` (core/v1 SecretKeySelector, SecretVolumeSource, KeyToPath). */
const REFERENCE_FIELDS: ReadonlySet<string> = new Set(['name', 'key', 'optional', 'secretName', 'items', 'defaultMode', 'path', 'mode']);

/** Problems with one message at one line and key path kept once (the first, with its column). */
export function onceEach<P extends { readonly line?: number; readonly path: Path; readonly message: string }>(problems: readonly P[]): P[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = JSON.stringify([p.line, p.path, p.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
