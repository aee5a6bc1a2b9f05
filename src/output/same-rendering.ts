/**
 * Whether two renderings of objects (`ApiObject.toJson()` output: plain objects, lists and scalars) would be written as
 * the same text: the same keys in the same order, the same list items, scalars the same by `Object.is` (NaN, -0 and
 * undefined kept apart, as the YAML writer keeps them). Anything else (a Date, a Map, a class instance) is never the
 * same, nor is a rendering too deep to walk: the caller then writes the text again, as it would without this.
 */
export function sameRendering(a: unknown, b: unknown): boolean {
  try {
    return same(a, b);
  } catch (error) {
    if (error instanceof RangeError) return false;
    throw error;
  }
}

function same(a: unknown, b: unknown): boolean {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return Object.is(a, b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (Object.hasOwn(a, i) !== Object.hasOwn(b, i) || !same(a[i], b[i])) return false;
    return true;
  }
  if (!isPlain(a) || !isPlain(b)) return false;
  const keys = Object.keys(a);
  const other = Object.keys(b);
  if (keys.length !== other.length) return false;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (key !== other[i] || !same((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}

function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && !Object.getOwnPropertySymbols(value).length;
}
