import type { Document } from 'yaml';
import { isMap, isScalar, isSeq } from '../core/yaml';
import { atOrUnderAny } from '../core/dropped';
import { formatPath, Path, Problem } from '../core/problem';
import { earlierPairs } from './duplicate-keys';
import { asData } from './earlier-values';

/**
 * 85b-6: a key written twice is read with its last value (duplicate-keys.ts), but which one the user keeps is theirs to
 * say ("keep one"). Judged on the last alone, the rest of the file is told to fix what the first already does (a second
 * `traefik:` block at the end: "list it in traefik.externalCertResolvers", "set traefik.redirectToHttps: true", "give
 * fixed addresses" beside a first block that does all three). So the data is judged again with the first value of each
 * such key, and beside the duplicate-key line stand the problems both readings find, and those of a key or item written
 * in a last value (45b-6: `interface: eth 0` in a second `kubeVip` block), which hold for that value whatever the first.
 * An empty first value (`logs:` then `logs: {…}`) is no reading of its own.
 */

/** `judge`'s verdict on `data`, its problems only those that hold whichever value of a key written twice is kept. */
export function judgedEitherWay<V extends { errors: Problem[]; warnings: Problem[] }>(
  doc: Document.Parsed,
  data: unknown,
  judge: (input: unknown) => V,
): V {
  const last = judge(data);
  const firsts = firstValues(doc);
  if (!firsts.length) return last;
  const other = judge(firsts.reduce((read, { path, value }) => withValueAt(read, path, value), data));
  const twice = atOrUnderAny(firsts.map(({ path }) => path));
  const said = (found: readonly Problem[]) => {
    const also = new Set(found.map((p) => `${formatPath(p.path)}\n${p.message}`));
    return (p: Problem) => also.has(`${formatPath(p.path)}\n${p.message}`) || (twice(p.path) && doc.hasIn(p.path));
  };
  return { ...last, errors: last.errors.filter(said(other.errors)), warnings: last.warnings.filter(said(other.warnings)) };
}

/** The first value of each key written twice (none that is empty), with its key path. */
function firstValues(doc: Document.Parsed): Array<{ path: Path; value: unknown }> {
  const firsts: Array<{ path: Path; value: unknown }> = [];
  const visit = (node: unknown, path: Path, seen: Set<unknown>) => {
    if (seen.has(node)) return;
    seen.add(node);
    if (isSeq(node)) node.items.forEach((item, i) => visit(item, [...path, i], seen));
    if (!isMap(node)) return;
    const taken = new Set<string>();
    for (const pair of earlierPairs.get(node) ?? []) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (key === undefined || taken.has(key)) continue;
      taken.add(key);
      const value = asData(doc, pair.value);
      if (value !== null && value !== undefined) firsts.push({ path: [...path, key], value });
    }
    for (const pair of node.items) if (isScalar(pair.key)) visit(pair.value, [...path, String(pair.key.value)], seen);
  };
  visit(doc.contents, [], new Set());
  return firsts;
}

/** `data` with `value` at `path`, copying only the maps and lists along it; `data` as it is where the path does not lead. */
function withValueAt(data: unknown, path: Path, value: unknown): unknown {
  if (!path.length) return value;
  if (typeof data !== 'object' || data === null) return data;
  const [key, ...rest] = path;
  const copy = (Array.isArray(data) ? [...data] : { ...data }) as Record<string | number, unknown>;
  copy[key] = withValueAt(copy[key], rest, value);
  return copy;
}
