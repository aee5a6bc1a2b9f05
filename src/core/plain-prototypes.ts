/**
 * What plain data's prototypes are, for the snapshot gate (core/snapshot.ts): a plain object's or list's of any realm,
 * and how a class instance is named in its refusal.
 */

/** `Object.prototype` of this realm or another (a vm context, structuredClone's), or none. */
export function isPlainPrototype(prototype: unknown): boolean {
  if (prototype === null || prototype === Object.prototype) return true;
  const constructor = Object.getOwnPropertyDescriptor(prototype, 'constructor')?.value as unknown;
  return Object.getPrototypeOf(prototype) === null && typeof constructor === 'function' && constructor.name === 'Object';
}

/** `Array.prototype` of this realm or another (a vm context's): the prototype of a plain list. */
export function isPlainListPrototype(prototype: unknown): boolean {
  if (prototype === Array.prototype) return true;
  if (prototype === null || typeof prototype !== 'object') return false;
  const constructor = Object.getOwnPropertyDescriptor(prototype, 'constructor')?.value as unknown;
  return typeof constructor === 'function' && constructor.name === 'Array' && isPlainPrototype(Object.getPrototypeOf(prototype));
}

/** Whether `key` is an index of a list of `length` entries ("0", "12"; not "01"). */
export const isIndex = (key: string, length: number): boolean => /^(0|[1-9]\d*)$/.test(key) && Number(key) < length;

/** Boxed primitives: what to give instead. */
const BOXED = new Map([
  ['String', 'the string itself'],
  ['Number', 'the number itself'],
  ['Boolean', 'true or false'],
]);

/** What a non-plain object is, and that plain data is expected (the schema may want a string there, not an object). */
export function notPlainData(prototype: { constructor?: { name?: unknown } } | null | undefined): string {
  // A class's name is the caller's text (`Object.defineProperty(A, 'name', …)`): shown only when it is a plain identifier.
  const given = prototype?.constructor?.name;
  const name = typeof given === 'string' && /^[A-Za-z_$][\w$]{0,40}$/.test(given) ? given : 'class instance';
  const boxed = BOXED.get(name);
  if (boxed) return `is a ${name} object (new ${name}(…)): expected plain data: give ${boxed}`;
  if (name === 'Date') return 'is a Date object: expected plain data (e.g. a string)';
  // What YAML's `!!binary` reads to, or a Buffer given to a construct: say so in the words of both doors.
  if (name === 'Buffer' || name === 'Uint8Array')
    return 'is binary data (a `!!binary` value in YAML, or a Buffer): expected plain data: write the text itself, without the tag';
  return `is ${/^[AEIOU]/.test(name) ? 'an' : 'a'} ${name}: expected plain data (a string, number, boolean, list or plain object)`;
}
