import type { Node } from 'yaml';
import { uncleanBesideDuplicates } from './manifest-text';
import { formatPath, Path, Problem } from './problem';
import { isMap, isScalar, isSeq } from './yaml';
import { readYamlDocuments } from './yaml-documents';

/** A key written twice in one mapping of a text: where the second stands, its key path, and the lines between. */
interface DuplicateKey {
  readonly offset: number;
  readonly path: Path;
  readonly linesAbove: number;
}

/** The text's keys written twice whose pair starts at one of `offsets` (the parser's DUPLICATE_KEY positions). */
function duplicatesIn(node: Node | null | undefined, offsets: ReadonlySet<number>, text: string, path: Path, found: DuplicateKey[]): void {
  if (isSeq(node)) node.items.forEach((item, index) => duplicatesIn(item as Node, offsets, text, [...path, index], found));
  if (!isMap(node)) return;
  const firstOf = new Map<unknown, number>();
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? pair.key.value : undefined;
    const start = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
    if (start === undefined || (typeof key !== 'string' && typeof key !== 'number')) continue;
    const first = firstOf.get(key);
    if (first === undefined) firstOf.set(key, start);
    else if (offsets.has(start))
      found.push({ offset: start, path: [...path, key], linesAbove: text.slice(first, start).split('\n').length - 1 });
    duplicatesIn(pair.value as Node, offsets, text, [...path, key], found);
  }
}

/**
 * 84b-6: each key written twice in an `extraObjects` item given as text, at `at`, one problem each at its own place in
 * the text (textIndex: the config's line:column where the text is a literal block, config/text-item-offset.ts), said
 * as a config's own key written twice is (config/yaml-syntax.ts); undefined when the text has any other parse problem
 * (then the text is refused whole, manifest-text.ts); `unjudgeable` says any other reason the text cannot be judged. The line of the first is said relative to the second, which holds
 * in a literal block's lines as in the text's.
 */
export function duplicateKeyProblems(
  text: string,
  at: Path,
  unjudgeable: (why: string, tooLarge?: boolean) => string,
): Problem[] | undefined {
  const documents = readYamlDocuments(text, 'strict').documents;
  const problems = documents.flatMap((document) => [...document.doc.errors, ...document.doc.warnings]);
  if (problems.length === 0 || problems.some((problem) => problem.code !== 'DUPLICATE_KEY')) return undefined;
  const offsets = new Set(problems.map((problem) => problem.pos[0]));
  const found: DuplicateKey[] = [];
  for (const document of documents) duplicatesIn(document.doc.contents as Node | null, offsets, text, [], found);
  if (found.length !== offsets.size) return undefined;
  const doubled = found.map(({ offset, path, linesAbove }): Problem => {
    const first = linesAbove === 0 ? 'first earlier on the same line' : `first ${linesAbove} line${linesAbove === 1 ? '' : 's'} above`;
    const key = formatPath(path);
    return {
      path: at,
      message: `is text whose key ${key} is set twice (${first}): keep one`,
      textIndex: offset,
      textPart: `${key}\0${offset}`,
    };
  });
  // Anything else that keeps the text from being judged (a merge key, a tag) is said in the same run.
  const other = uncleanBesideDuplicates(text);
  return other ? [...doubled, { path: at, message: unjudgeable(other.why, other.tooLarge) }] : doubled;
}
