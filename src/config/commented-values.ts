import type { Document } from 'yaml';
import type { Path, Problem } from '../core/problem';
import { secretValues } from '../core/secrets';
import { isMap, isPair, isScalar, isSeq } from '../core/yaml';

/**
 * Values that the comment after them on their line names as a secret (attack 57a-7: `revision: Zq8v… # password`). The
 * YAML reader gives the value without its comment, so the value's own readers see a bare generated run; the line as
 * written, `<value> # <comment>`, is read as the free-text readers read any line (`X # password`, `X is the token`). A
 * comment that holds a secret itself, or a value that is one alone, is left to the readers that judge those.
 */
export function valuesNamedByComments(doc: Document): Problem[] {
  const problems: Problem[] = [];
  const visit = (node: unknown, path: Path): void => {
    if (isMap(node)) {
      for (const pair of node.items) if (isPair(pair) && isScalar(pair.key)) visit(pair.value, [...path, String(pair.key.value)]);
    } else if (isSeq(node)) node.items.forEach((item, i) => visit(item, [...path, i]));
    else if (isScalar(node) && node.comment && /^[^\n]+$/.test(node.comment) && namedByComment(String(node.value), node.comment))
      problems.push({ path, message: MESSAGE });
  };
  visit(doc.contents, []);
  return problems;
}

/** Whether `value` is a secret only as its line reads it with its comment. */
function namedByComment(value: string, comment: string): boolean {
  if (value === '' || /\s/.test(value) || value.length > 512) return false;
  return secretValues(`${value} #${comment}`).length > 0 && secretValues(value).length === 0 && secretValues(`#${comment}`).length === 0;
}

const MESSAGE =
  'holds a value that the comment after it on its line names as a secret (`value # password`), and dist/ is committed ' +
  'to Git, so no secret may be written there: keep it in a Kubernetes Secret and reference it; if the value is no ' +
  'secret, reword the comment';
