import { ValidationProblem } from './errors';
import { formatPath } from '../config/rules';

/** Deeper data is refused: no chart value or config key nests this far, and deeper recursion risks a RangeError. */
const MAX_DATA_DEPTH = 32;

/**
 * Problems that make data impossible to write as YAML or to check safely: cycles, nesting deeper than
 * MAX_DATA_DEPTH, and anything but JSON-like values (string, finite number, boolean, null, list, plain
 * object). `undefined` counts as an omitted key. Each value is reported once, at its path below `path`.
 */
export function dataProblems(value: unknown, path: ValidationProblem['path'] = []): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const ancestors = new Map<object, ValidationProblem['path']>();
  const visit = (node: unknown, at: ValidationProblem['path'], depth: number): void => {
    const problem = (message: string) => problems.push({ path: at, message });
    if (node === null || node === undefined || typeof node === 'string' || typeof node === 'boolean') return;
    if (typeof node === 'number') {
      if (!Number.isFinite(node)) problem(`${node} is not a finite number`);
      return;
    }
    if (typeof node === 'bigint') return void problem(`${node}n is a BigInt, which YAML cannot hold: write a number`);
    if (typeof node !== 'object') return void problem(`is a ${typeof node}: expected a string, number, boolean, null, list or object`);
    const cycleStart = ancestors.get(node);
    if (cycleStart) return void problem(`refers back to ${formatPath(cycleStart) || 'the props'} (a cycle): YAML cannot hold it`);
    const prototype = Object.getPrototypeOf(node);
    if (!Array.isArray(node) && prototype !== Object.prototype && prototype !== null) {
      return void problem(`is a ${prototype?.constructor?.name ?? 'class instance'}: expected a plain object`);
    }
    if (depth > MAX_DATA_DEPTH) return void problem(`nests deeper than ${MAX_DATA_DEPTH} levels: flatten it`);
    ancestors.set(node, at);
    const entries: Array<[string | number, unknown]> = Array.isArray(node) ? node.map((item, i) => [i, item]) : Object.entries(node);
    for (const [key, child] of entries) visit(child, [...at, key], depth + 1);
    ancestors.delete(node);
  };
  visit(value, path, 0);
  return problems;
}
