import type { FormatCheck } from './formats';

/**
 * A plain description of a zod schema and a walker that parses a value with it exactly as zod does, for
 * the values zod accepts: same verdict, same output (defaults, rewritten text, key order). It has no
 * messages: when it refuses a value, the caller asks zod itself, which says why. Only the parts of zod
 * the config schema uses are here; test/config-shape.test.ts compares this walker with zod, node by node
 * and over every config of the repository and their mutations. The walker mirrors the code of zod 4.6.7,
 * the release package-lock.json pins (node_modules/zod/v4/core/schemas.js: $ZodObject's handlePropertyResult,
 * $ZodRecord, $ZodDefault, ...); after an upgrade of zod that test says whether it still does.
 */
export type Shape =
  | { readonly kind: 'string'; readonly check?: FormatCheck; readonly rewrite?: (value: string) => string }
  | { readonly kind: 'number'; readonly min: number; readonly max: number }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'unknown' }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | { readonly kind: 'array'; readonly element: Shape; readonly min: number }
  | { readonly kind: 'record'; readonly key: Shape; readonly value: Shape }
  | { readonly kind: 'object'; readonly shape: Readonly<Record<string, Shape>> }
  | { readonly kind: 'union'; readonly options: readonly Shape[] }
  | { readonly kind: 'optional'; readonly inner: Shape }
  | { readonly kind: 'default' | 'prefault'; readonly inner: Shape; readonly value: unknown };

/** `z.string()`, with the format rule of `formatted()` (src/config/schema.ts) and an `.overwrite()`. */
export const text = (check?: FormatCheck, rewrite?: (value: string) => string): Shape => ({ kind: 'string', check, rewrite });
/** `z.number().int().min(min).max(max)`. */
export const integer = (min: number, max: number): Shape => ({ kind: 'number', min, max });
export const boolean: Shape = { kind: 'boolean' };
export const unknown: Shape = { kind: 'unknown' };
/** `z.enum(values)`, or `z.literal(value)` with one value. */
export const oneOf = (...values: string[]): Shape => ({ kind: 'enum', values });
/** `z.array(element)`, with `.min(min)`. */
export const list = (element: Shape, min = 0): Shape => ({ kind: 'array', element, min });
export const record = (key: Shape, value: Shape): Shape => ({ kind: 'record', key, value });
/** `z.strictObject(shape)`. */
export const object = (shape: Record<string, Shape>): Shape => ({ kind: 'object', shape });
export const union = (...options: Shape[]): Shape => ({ kind: 'union', options });
export const optional = (inner: Shape): Shape => ({ kind: 'optional', inner });
/** `.default(value)`: the value itself when absent, not parsed. */
export const withDefault = (inner: Shape, value: unknown): Shape => ({ kind: 'default', inner, value });
/** `.prefault(value)`: the value parsed in place of an absent one. */
export const prefault = (inner: Shape, value: unknown): Shape => ({ kind: 'prefault', inner, value });

/** What `parseShape` returns for a value the shape refuses. */
export const REFUSED: unique symbol = Symbol('refused');

/** The parsed value (as zod's `safeParse(input).data`), or REFUSED where zod reports any issue. */
export function parseShape(shape: Shape, input: unknown): unknown {
  switch (shape.kind) {
    case 'string': {
      if (typeof input !== 'string' || shape.check?.(input)) return REFUSED;
      return shape.rewrite ? shape.rewrite(input) : input;
    }
    case 'number':
      // z.number() refuses NaN and the infinities; .int() asks for a safe integer.
      return typeof input === 'number' && Number.isSafeInteger(input) && input >= shape.min && input <= shape.max ? input : REFUSED;
    case 'boolean':
      return typeof input === 'boolean' ? input : REFUSED;
    case 'unknown':
      return input;
    case 'enum':
      return shape.values.includes(input as string) ? input : REFUSED;
    case 'array': {
      if (!Array.isArray(input) || input.length < shape.min) return REFUSED;
      const out: unknown[] = [];
      for (const item of input) {
        const value = parseShape(shape.element, item);
        if (value === REFUSED) return REFUSED;
        out.push(value);
      }
      return out;
    }
    case 'record':
      return parseRecord(shape, input);
    case 'object':
      return parseObject(shape.shape, input);
    case 'union':
      for (const option of shape.options) {
        const value = parseShape(option, input);
        if (value !== REFUSED) return value;
      }
      return REFUSED;
    case 'optional':
      if (input !== undefined) return parseShape(shape.inner, input);
      return optIn(shape.inner) === 'defaulted' ? parseShape(shape.inner, input) : undefined;
    case 'default': {
      if (input === undefined) return shallowClone(shape.value);
      const value = parseShape(shape.inner, input);
      return value === undefined ? shallowClone(shape.value) : value;
    }
    case 'prefault':
      return parseShape(shape.inner, input === undefined ? shallowClone(shape.value) : input);
  }
}

/** zod's `optin`: whether (and how) a key may be absent. */
function optIn(shape: Shape): 'optional' | 'defaulted' | undefined {
  if (shape.kind === 'default' || shape.kind === 'prefault') return 'defaulted';
  if (shape.kind === 'optional') return optIn(shape.inner) === 'defaulted' ? 'defaulted' : 'optional';
  if (shape.kind === 'union') {
    const ins = shape.options.map(optIn);
    return ins.includes('defaulted') ? 'defaulted' : ins.some((i) => i !== undefined) ? 'optional' : undefined;
  }
  return undefined;
}

/** zod's `optout`: whether the output may lack the key. */
function optOut(shape: Shape): 'optional' | undefined {
  if (shape.kind === 'optional') return 'optional';
  if (shape.kind === 'union') return shape.options.some((o) => optOut(o) === 'optional') ? 'optional' : undefined;
  return undefined;
}

/** `z.strictObject`: the keys of the shape in its order (as handlePropertyResult sets them), then no other key. */
function parseObject(shape: Readonly<Record<string, Shape>>, input: unknown): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return REFUSED;
  const source = input as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(shape)) {
    if (key === '__proto__') continue;
    const field = shape[key];
    const [optin, optout, present] = [optIn(field), optOut(field), key in source];
    if (!present && optout === 'optional' && optin === 'optional') continue;
    const value = parseShape(field, source[key]);
    if (value === REFUSED) {
      if (optin !== undefined && optout === 'optional' && !present) continue;
      return REFUSED;
    }
    if (!present && optin === undefined) return REFUSED;
    if (value !== undefined) out[key] = value;
    else if (present || (optin === 'defaulted' && optout !== 'optional')) out[key] = undefined;
  }
  for (const key in source) if (!Object.hasOwn(shape, key)) return REFUSED;
  return out;
}

/** `z.record(key, value)` with a key schema that is not an enumeration: every own enumerable key, `__proto__` skipped. */
function parseRecord(shape: Extract<Shape, { kind: 'record' }>, input: unknown): unknown {
  if (!isPlainObject(input)) return REFUSED;
  const out: Record<string | symbol, unknown> = {};
  for (const key of Reflect.ownKeys(input)) {
    if (key === '__proto__' || !Object.prototype.propertyIsEnumerable.call(input, key)) continue;
    const outKey = parseShape(shape.key, key);
    if (outKey === REFUSED) return REFUSED;
    if (outKey === '__proto__') continue;
    const value = parseShape(shape.value, (input as Record<string | symbol, unknown>)[key]);
    if (value === REFUSED) return REFUSED;
    out[outKey as string] = value;
  }
  return out;
}

/** zod's isPlainObject (util.js): what a record accepts. */
function isPlainObject(value: unknown): value is object {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const ctor = (value as { constructor?: unknown }).constructor;
  if (ctor === undefined || typeof ctor !== 'function') return true;
  const proto: unknown = ctor.prototype;
  return typeof proto === 'object' && proto !== null && !Array.isArray(proto) && Object.hasOwn(proto, 'isPrototypeOf');
}

/** zod's shallowClone of a default value: a fresh copy of a plain object or a list, anything else as is. */
function shallowClone(value: unknown): unknown {
  if (Array.isArray(value)) return [...value];
  return isPlainObject(value) ? { ...value } : value;
}

/** The shape of the value at `path`, through optional and default wrappers, lists and objects. */
export function shapeAt(root: Shape, path: ReadonlyArray<string | number>): Shape | undefined {
  let shape: Shape | undefined = root;
  for (const key of path) {
    if (!shape) return undefined;
    const inner = bare(shape);
    if (typeof key === 'number') shape = inner.kind === 'array' ? inner.element : undefined;
    else if (inner.kind === 'record') shape = inner.value;
    else shape = objectsOf(inner).find((object) => Object.hasOwn(object.shape, key))?.shape[key];
  }
  return shape;
}

/** The object shapes a value may take: the shape itself, or the object options of a union (`solver: http01 | {dns01}`). */
export function objectsOf(shape: Shape): Array<Extract<Shape, { kind: 'object' }>> {
  const inner = bare(shape);
  if (inner.kind === 'object') return [inner];
  return inner.kind === 'union' ? inner.options.flatMap(objectsOf) : [];
}

/** A shape without its optional and default wrappers. */
export function bare(shape: Shape): Shape {
  return shape.kind === 'optional' || shape.kind === 'default' || shape.kind === 'prefault' ? bare(shape.inner) : shape;
}
