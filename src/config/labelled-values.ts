import type { Document } from 'yaml';
import type { Path } from '../core/problem';
import { isMap, isPair, isScalar, isSeq, yaml } from '../core/yaml';
import { valuesNamedByComments, VALUE_NAMED_BY_COMMENT } from './commented-values';

/**
 * Round 78 (78a-18): values whose comment on their line is only a secret's name (`c19: "Zx9kq2Lm" # senha do banco`),
 * found where several such comments on neighbouring lines read together as a name and a value below it. Each comment
 * names its own line's value: that value is the secret, refused at its key path and place as config/commented-values.ts
 * refuses it (a value it already names is left to it), and the comments are not blamed as one secret over their lines.
 */
export interface LabelledValue {
  readonly path: Path;
  /** 1-based, the value's place. */
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** The scalar values of `doc` that start on one of `lines` (1-based), with their key paths and places. */
function valuesOnLines(doc: Document, counter: InstanceType<typeof yaml.LineCounter>, lines: ReadonlySet<number>): LabelledValue[] {
  const found: LabelledValue[] = [];
  const visit = (node: unknown, path: Path): void => {
    if (isMap(node))
      node.items.forEach((pair) => isPair(pair) && isScalar(pair.key) && visit(pair.value, [...path, String(pair.key.value)]));
    else if (isSeq(node)) node.items.forEach((item, i) => visit(item, [...path, i]));
    else if (isScalar(node) && node.range) {
      const { line, col } = counter.linePos(node.range[0]);
      if (lines.has(line)) found.push({ path, line, column: col, message: VALUE_NAMED_BY_COMMENT });
    }
  };
  visit(doc.contents, []);
  return found;
}

/**
 * The values on `lines` of `text` that their comments name, without those commented-values.ts already names, and the
 * lines where no value starts (`unplaced`: a note after a `key:` whose value is below), whose comments stay refused.
 */
export function labelledValues(text: string, lines: readonly number[]): { values: LabelledValue[]; unplaced: number[] } {
  if (!lines.length) return { values: [], unplaced: [] };
  const counter = new yaml.LineCounter();
  const doc = yaml.parseDocument(text, { lineCounter: counter });
  const named = new Set(valuesNamedByComments(doc).map(({ path }) => JSON.stringify(path)));
  const values = valuesOnLines(doc, counter, new Set(lines));
  const placed = new Set(values.map(({ line }) => line));
  return { values: values.filter(({ path }) => !named.has(JSON.stringify(path))), unplaced: lines.filter((line) => !placed.has(line)) };
}
