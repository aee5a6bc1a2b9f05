/**
 * JSON.parse without its throw on text that cannot be JSON. A failed parse throws a SyntaxError, which costs tens of
 * microseconds (its message and stack): once per line of a long text (`[x]`, `{token}` or `"\q"` on each of 300,000
 * lines) that took 7 s (attack round 35, after 33a-11). The check first is json2.js's (Douglas Crockford, public
 * domain): every JSON text passes it, most other text fails it in one linear pass; what passes is parsed, so the
 * verdict is JSON.parse's own.
 */

/** A JSON string escape. */
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/g;
/** A JSON value that is no collection: a string (its escapes already replaced), a literal, a number. */
const SCALAR = /"[^"\\\n\r]*"|true|false|null|-?\d+(?:\.\d*)?(?:[eE][+-]?\d+)?/g;
/** The opening brackets of lists, where a value may start (after the start, a `:` or a `,`). */
const OPEN_LISTS = /(?:^|:|,)(?:\s*\[)+/g;
/** What JSON text is left once its scalars and list openings are taken out. */
const STRUCTURE = /^[\],:{}\s]*$/;

/** Whether `text` may be JSON: false only for text JSON.parse refuses. */
export function mayBeJson(text: string): boolean {
  return STRUCTURE.test(text.replace(ESCAPE, '@').replace(SCALAR, ']').replace(OPEN_LISTS, ''));
}

/** The value of `text` read as JSON (`{ value }`), or undefined where it is no JSON. */
export function parsedJson(text: string): { value: unknown } | undefined {
  if (!mayBeJson(text)) return undefined;
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}
