import type { Document, Pair, YAMLMap } from 'yaml';
import { isMap, isNode, isScalar, isSeq, yaml } from '../core/yaml';
import type { InputProblem } from './yaml-problem';

/**
 * A key written twice in one mapping is a problem of its own (yaml-syntax.ts says where, and where it was first),
 * not the end of the reading: the rest of the file is still judged in the same run, so a refusal lists every
 * problem at once (attack 45b-6). It is judged as YAML 1.2 readers that accept duplicates read it (PyYAML,
 * js-yaml's json mode, the `yaml` package without uniqueKeys): the last value wins. The run still refuses.
 */

/**
 * Whether the parser's only errors are keys written twice and bad escapes in double-quoted values (80a-8: the parser
 * keeps the backslash), each described as such in `syntax`: errors that change no other value, so the rest is read as written.
 */
export function onlyLocalErrors(doc: Document.Parsed, syntax: readonly InputProblem[]): boolean {
  return (
    syntax.length > 0 &&
    syntax.every((problem) => problem.duplicateKey || problem.badEscape) &&
    doc.errors.every((error) => error.code === 'DUPLICATE_KEY' || error.code === 'BAD_DQ_ESCAPE')
  );
}

/**
 * Leaves the last pair of each key written twice in a mapping, in place, so that the document agrees with its data
 * (toJS keeps the last value, but `getIn` finds the first pair): a later finding about the key stands at the value
 * judged. A pair holding an anchor stays (an alias elsewhere may refer to it); the data still has the last value.
 */
export function keepLastOfEachKey(doc: Document.Parsed): void {
  eachMapping(doc, (map) => {
    const later = new Set<unknown>();
    const removed: Pair[] = [];
    // From the end: a scalar key already seen there is written again below, so this pair is the earlier one.
    for (let i = map.items.length - 1; i >= 0; i--) {
      const { key } = map.items[i];
      if (!isScalar(key)) continue;
      if (later.has(key.value) && !holdsAnchor(map.items[i])) removed.unshift(...map.items.splice(i, 1));
      else later.add(key.value);
    }
    if (removed.length) earlierPairs.set(map, removed);
  });
}

/**
 * The pairs keepLastOfEachKey took out of each mapping, in the text's order: a secret in an earlier value is still
 * said at its own key path (84a-11), though the data judged holds the last value.
 */
export const earlierPairs = new WeakMap<YAMLMap, Pair[]>();

/** Calls `visit` on every mapping of the document once (each before the mappings below it), aliases not followed. */
export function eachMapping(doc: Document.Parsed, visit: (map: YAMLMap) => void): void {
  const pending: unknown[] = [doc.contents];
  const seen = new Set<unknown>();
  while (pending.length) {
    const node = pending.pop();
    if (seen.has(node)) continue;
    seen.add(node);
    if (isSeq(node)) pending.push(...node.items);
    if (!isMap(node)) continue;
    visit(node);
    pending.push(...node.items.map(({ value }) => value));
  }
}

function holdsAnchor(pair: unknown): boolean {
  let anchored = false;
  yaml.visit(pair as Parameters<typeof yaml.visit>[0], {
    Node: (_, node) => {
      if (isNode(node) && node.anchor) {
        anchored = true;
        return yaml.visit.BREAK;
      }
      return undefined;
    },
  });
  return anchored;
}

/**
 * Where the key the parser's DUPLICATE_KEY error at `offset` is about starts: the parser places the error where the
 * pair's leading blanks end, which is before its key when the earlier pair's value is empty (`logs:` then `logs:`
 * on the next line: at the first line's end). The first key at or after `offset` written earlier in its own mapping.
 */
export function duplicateKeyStart(doc: Document.Parsed, offset: number): number | undefined {
  let found: number | undefined;
  eachMapping(doc, (map) => {
    const earlier = new Set<unknown>();
    for (const { key } of map.items) {
      if (!isScalar(key)) continue;
      const start = key.range?.[0];
      if (earlier.has(key.value) && start !== undefined && start >= offset && (found === undefined || start < found)) found = start;
      earlier.add(key.value);
    }
  });
  return found;
}
