import { bare, parseShape, REFUSED, Shape } from './shape';

/**
 * Two different values a shape accepts, to stand in for a value the schema refused inside a list item or a map
 * entry while the cross-value rules judge the rest of that item and its list (src/cluster/rules-despite.ts): a
 * finding that depends on the refused value changes with the stand-in, so only the findings both stand-ins give
 * are kept. The texts are documentation names and addresses (RFC 2606 example.net, RFC 5737 192.0.2.0/24,
 * 198.51.100.0/24), tried in order against the shape's own format check.
 */
const TEXTS: ReadonlyArray<readonly [string, string]> = [
  ['standin-a', 'standin-b'],
  ['a.example.net', 'b.example.net'],
  ['/standin-a', '/standin-b'],
  ['192.0.2.1', '198.51.100.1'],
  ['192.0.2.0/30', '198.51.100.0/30'],
  ['192.0.2.1-192.0.2.2', '198.51.100.1-198.51.100.2'],
  ['a@example.net', 'b@example.net'],
  ['https://a.example.net', 'https://b.example.net'],
  ['https://a.example.net/a.git', 'https://b.example.net/b.git'],
  ['v1.0.0', 'v1.0.1'],
  ['1.0.0', '1.0.1'],
  ['standin-a/key', 'standin-b/key'],
];

/** Whether a stand-in is one a message could only print as itself (not `false`, `TCP` or `100`, which other values print too). */
export const distinctive = (value: unknown): boolean =>
  (typeof value === 'number' && value > 9999) || (typeof value === 'string' && TEXTS.some((pair) => pair.includes(value)));

/** Two values `shape` accepts that differ, or undefined where none are known (an object is built of its required keys). */
export function standIns(shape: Shape): readonly [unknown, unknown] | undefined {
  const pair = candidates(shape);
  if (!pair || parseShape(shape, pair[0]) === REFUSED || parseShape(shape, pair[1]) === REFUSED) return undefined;
  return pair;
}

function candidates(shape: Shape): readonly [unknown, unknown] | undefined {
  const inner = bare(shape);
  switch (inner.kind) {
    case 'string':
      return TEXTS.find(([a, b]) => parseShape(inner, a) !== REFUSED && parseShape(inner, b) !== REFUSED);
    case 'number': {
      // Far from the bounds (a bound may have rules of its own, as ports below 1024), distinct.
      const a = Math.min(inner.max, Math.max(inner.min, 40001));
      const b = a + 1 <= inner.max ? a + 1 : a - 1;
      return b >= inner.min ? [a, b] : undefined;
    }
    case 'boolean':
      return [false, true];
    case 'enum':
      return [inner.values[0], inner.values[inner.values.length - 1]];
    case 'record':
      return [{}, {}];
    case 'array': {
      if (!inner.min) return [[], []];
      const item = standIns(inner.element);
      return item && [Array(inner.min).fill(item[0]), Array(inner.min).fill(item[1])];
    }
    case 'union':
      for (const option of inner.options) {
        const pair = standIns(option);
        if (pair) return pair;
      }
      return undefined;
    case 'object': {
      const [a, b]: Array<Record<string, unknown>> = [{}, {}];
      for (const [key, field] of Object.entries(inner.shape)) {
        if (field.kind === 'optional' || field.kind === 'default' || field.kind === 'prefault') continue;
        const pair = standIns(field);
        if (!pair) return undefined;
        [a[key], b[key]] = pair;
      }
      return [a, b];
    }
    default:
      return undefined;
  }
}
