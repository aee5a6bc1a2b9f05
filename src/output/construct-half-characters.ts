import { formatPath, Path } from '../core/problem';
import { redactMessage, secretsInPaths } from '../core/redact-message';
import { keyPlace, loneSurrogateProblem } from '../core/snapshot';

/** What JSON writes for a lone surrogate (`\ud800`): a rendered object without one holds no half character. */
const ESCAPED_SURROGATE = /\\u[dD][89a-fA-F]/;

/**
 * Round 71 (71d-10): half of a character (a lone UTF-16 surrogate) in a text value or key of a rendered object, said
 * with its key path (`data.note`), or undefined. The props and config doors refuse it (snapshot.ts
 * loneSurrogateProblem); an object added under a construct or beside it reaches only the construct gate, and cdk8s
 * writes it as `"\ud800"`, a file Go's YAML reader (kubectl, Helm) refuses whole. `text` is what `JSON.stringify` gave
 * `rendered`: only an object whose text holds the escape is walked, once, without recursion (a deep value).
 */
export function halfCharacterIn(rendered: unknown, text: string): string | undefined {
  if (!ESCAPED_SURROGATE.test(text)) return undefined;
  const stack: Step[] = [{ value: rendered }];
  for (let step = stack.pop(); step; step = stack.pop()) {
    const { value } = step;
    if (typeof value === 'string') {
      const problem = loneSurrogateProblem(value);
      if (problem) return shown(pathOf(step), problem);
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => stack.push({ value: item, key: index, parent: step }));
    } else if (value !== null && typeof value === 'object') {
      const keys = Object.keys(value);
      for (const [index, key] of keys.entries()) {
        const problem = loneSurrogateProblem(key)?.replace(/: write the whole character$/, '');
        if (problem) return shown(pathOf(step), `has a key that ${problem}: ${keyPlace(index, keys.length)}`);
        stack.push({ value: (value as Record<string, unknown>)[key], key, parent: step });
      }
    }
  }
  return undefined;
}

/** A value the walk reached, linked to its parent: its path is built only for the one it names. */
interface Step {
  readonly value: unknown;
  readonly key?: string | number;
  readonly parent?: Step;
}

function pathOf(step: Step): Path {
  const path: Array<string | number> = [];
  for (let at: Step | undefined = step; at?.parent; at = at.parent) path.unshift(at.key!);
  return path;
}

/** `problem` at `path`, the path without a secret one of its keys holds. */
const shown = (path: Path, problem: string): string =>
  redactMessage(`${formatPath(path) || 'the object'} ${problem}`, secretsInPaths([{ path, message: problem }]));
