/**
 * A small subset of CEL (github.com/google/cel-spec), enough for the `x-kubernetes-validations` rules of the vendored
 * CRDs (crds/gateway-api/): literals (strings, raw strings, numbers, lists), field selection (`self.a.b`, `self[0]`),
 * `has()`, `!`, `&&`, `||` (commutative over errors, as CEL's), comparisons, `in`, `? :`, `+ - * / %`, `size()`,
 * the string functions `startsWith`, `endsWith`, `contains`, `matches` (RE2: a leading `(?i)` is the `i` flag),
 * `duration()` and the macros `all`, `exists`, `exists_one`, `filter`, `map`. A rule this subset cannot read or
 * evaluate throws CelUnsupported, and its caller leaves the rule unjudged: a rule is never failed on a guess.
 */

export class CelUnsupported extends Error {}

type Node =
  | { t: 'lit'; v: unknown }
  | { t: 'id'; name: string }
  | { t: 'sel'; of: Node; field: string }
  | { t: 'idx'; of: Node; at: Node }
  | { t: 'call'; name: string; of?: Node; args: Node[] }
  | { t: 'list'; items: Node[] }
  | { t: 'un'; op: string; x: Node }
  | { t: 'bin'; op: string; l: Node; r: Node }
  | { t: 'cond'; c: Node; a: Node; b: Node };

const TOKEN =
  /\s*(?:(r"""[\s\S]*?"""|r'''[\s\S]*?'''|r"[^"]*"|r'[^']*')|("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|(\d+\.\d+|\d+)|([A-Za-z_][A-Za-z_0-9]*)|(&&|\|\||==|!=|<=|>=|[-+*/%!<>?:()[\],.]))/y;

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const match = TOKEN.exec(text);
    if (!match) throw new CelUnsupported(`cannot read at ${TOKEN.lastIndex}`);
    tokens.push(match[0].trim());
  }
  return tokens;
}

function literal(token: string): { v: unknown } | undefined {
  if (/^r("""|'''|"|')/.test(token)) {
    const quote = token.startsWith('r"""') || token.startsWith("r'''") ? 3 : 1;
    return { v: token.slice(1 + quote, token.length - quote) };
  }
  if (token[0] === '"' || token[0] === "'") {
    const body = token.slice(1, -1);
    if (body.includes('\\')) throw new CelUnsupported('escapes');
    return { v: body };
  }
  if (/^\d/.test(token)) return { v: Number(token) };
  if (token === 'true' || token === 'false') return { v: token === 'true' };
  if (token === 'null') return { v: null };
  return undefined;
}

const BINARY: ReadonlyArray<readonly string[]> = [['||'], ['&&'], ['==', '!=', '<', '<=', '>', '>=', 'in'], ['+', '-'], ['*', '/', '%']];

function parse(text: string): Node {
  const tokens = tokenize(text);
  let at = 0;
  const peek = () => tokens[at];
  const take = (want?: string) => {
    const token = tokens[at++];
    if (token === undefined || (want !== undefined && token !== want)) throw new CelUnsupported(`expected ${want ?? 'more'}`);
    return token;
  };
  const args = (close: string): Node[] => {
    const out: Node[] = [];
    if (peek() === close) return (take(close), out);
    for (;;) {
      out.push(expr());
      if (peek() === ',') take(',');
      else return (take(close), out);
    }
  };
  const primary = (): Node => {
    const token = take();
    if (token === '(') {
      const inner = expr();
      take(')');
      return inner;
    }
    if (token === '[') return { t: 'list', items: args(']') };
    const lit = literal(token);
    if (lit) return { t: 'lit', v: lit.v };
    if (!/^[A-Za-z_]/.test(token)) throw new CelUnsupported(`unexpected ${token}`);
    if (peek() === '(') {
      take('(');
      return { t: 'call', name: token, args: args(')') };
    }
    return { t: 'id', name: token };
  };
  const member = (): Node => {
    let node = primary();
    for (;;) {
      if (peek() === '.') {
        take('.');
        const name = take();
        if (!/^[A-Za-z_]/.test(name)) throw new CelUnsupported('field');
        if (peek() === '(') {
          take('(');
          node = { t: 'call', name, of: node, args: args(')') };
        } else node = { t: 'sel', of: node, field: name };
      } else if (peek() === '[') {
        take('[');
        const index = expr();
        take(']');
        node = { t: 'idx', of: node, at: index };
      } else return node;
    }
  };
  const unary = (): Node => (peek() === '!' || peek() === '-' ? { t: 'un', op: take(), x: unary() } : member());
  const binary = (level: number): Node => {
    if (level === BINARY.length) return unary();
    let node = binary(level + 1);
    while (BINARY[level].includes(peek())) node = { t: 'bin', op: take(), l: node, r: binary(level + 1) };
    return node;
  };
  const expr = (): Node => {
    const c = binary(0);
    if (peek() !== '?') return c;
    take('?');
    const a = expr();
    take(':');
    return { t: 'cond', c, a, b: expr() };
  };
  const node = expr();
  if (at !== tokens.length) throw new CelUnsupported('trailing tokens');
  return node;
}

/** CEL escapes a field name that is a reserved word: `__namespace__` is `namespace`. */
const fieldName = (name: string) => (name.startsWith('__') ? name.replace(/^__(.+)__$/, '$1') : name);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function size(value: unknown): number {
  if (typeof value === 'string') return [...value].length;
  if (Array.isArray(value)) return value.length;
  if (isObject(value)) return Object.keys(value).length;
  throw new CelUnsupported('size');
}

function equal(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equal(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && equal(a[k], b[k]));
  }
  return a === b;
}

/** A Go duration in nanoseconds (`1h30m`, `500ms`, `0s`), as CEL's duration() reads it. */
function duration(value: unknown): number {
  const units: Record<string, number> = { h: 3.6e12, m: 6e10, s: 1e9, ms: 1e6, us: 1e3, ns: 1 };
  if (typeof value !== 'string' || !/^(\d+(\.\d+)?(h|ms|m|s|us|ns))+$/.test(value)) throw new CelUnsupported('duration');
  let total = 0;
  for (const [, n, , unit] of value.matchAll(/(\d+(\.\d+)?)(h|ms|m|s|us|ns)/g)) total += Number(n) * units[unit];
  return total;
}

const regexes = new Map<string, RegExp>();

function regex(pattern: string): RegExp {
  let compiled = regexes.get(pattern);
  if (!compiled) regexes.set(pattern, (compiled = compiledRegex(pattern)));
  return compiled;
}

function compiledRegex(pattern: string): RegExp {
  // RE2's leading case flag, before or after the `^` anchor.
  const caseless = /^\^?\(\?i\)/.test(pattern);
  const body = caseless ? pattern.replace('(?i)', '') : pattern;
  // RE2 forms JavaScript reads otherwise: named groups, inline flags, possessive or class syntax.
  if (/\(\?[^:=!]|\\[pPzAQE]|\[\[:/.test(body)) throw new CelUnsupported('regex');
  return new RegExp(body, caseless ? 'i' : '');
}

/** The variables in scope: `self`, and a macro's variable over it. */
interface Env {
  readonly name: string;
  readonly value: unknown;
  readonly parent?: Env;
}

function lookup(env: Env | undefined, name: string): unknown {
  for (let at = env; at; at = at.parent) if (at.name === name) return at.value;
  throw new CelUnsupported(`no variable ${name}`);
}

const MACROS = new Set(['all', 'exists', 'exists_one', 'filter', 'map']);

function evaluate(node: Node, env: Env): unknown {
  switch (node.t) {
    case 'lit':
      return node.v;
    case 'id':
      return lookup(env, node.name);
    case 'sel': {
      const of = evaluate(node.of, env);
      const field = fieldName(node.field);
      if (!isObject(of) || !Object.hasOwn(of, field)) throw new CelUnsupported(`no such key ${field}`);
      return of[field];
    }
    case 'idx': {
      const of = evaluate(node.of, env);
      const at = evaluate(node.at, env);
      if (Array.isArray(of) && typeof at === 'number' && Number.isInteger(at) && at >= 0 && at < of.length) return of[at];
      if (isObject(of) && typeof at === 'string' && Object.hasOwn(of, at)) return of[at];
      throw new CelUnsupported('index');
    }
    case 'list':
      return node.items.map((item) => evaluate(item, env));
    case 'un': {
      const x = evaluate(node.x, env);
      if (node.op === '!' && typeof x === 'boolean') return !x;
      if (node.op === '-' && typeof x === 'number') return -x;
      throw new CelUnsupported('unary');
    }
    case 'cond': {
      const c = evaluate(node.c, env);
      if (typeof c !== 'boolean') throw new CelUnsupported('condition');
      return evaluate(c ? node.a : node.b, env);
    }
    case 'bin':
      return binaryValue(node, env);
    case 'call':
      return callValue(node, env);
  }
}

function logical(node: Extract<Node, { t: 'bin' }>, env: Env): boolean {
  // CEL's && and || give the deciding side's value even when the other side errs.
  const decided = node.op === '&&' ? false : true;
  let error: unknown;
  for (const side of [node.l, node.r]) {
    try {
      const value = evaluate(side, env);
      if (typeof value !== 'boolean') throw new CelUnsupported('logical');
      if (value === decided) return decided;
    } catch (e) {
      error = e;
    }
  }
  if (error) throw error;
  return !decided;
}

function binaryValue(node: Extract<Node, { t: 'bin' }>, env: Env): unknown {
  if (node.op === '&&' || node.op === '||') return logical(node, env);
  const l = evaluate(node.l, env);
  const r = evaluate(node.r, env);
  switch (node.op) {
    case '==':
      return equal(l, r);
    case '!=':
      return !equal(l, r);
    case 'in':
      if (Array.isArray(r)) return r.some((x) => equal(x, l));
      if (isObject(r) && typeof l === 'string') return Object.hasOwn(r, l);
      throw new CelUnsupported('in');
  }
  const numbers = typeof l === 'number' && typeof r === 'number';
  const strings = typeof l === 'string' && typeof r === 'string';
  if (!numbers && !strings && !(node.op === '+' && Array.isArray(l) && Array.isArray(r))) throw new CelUnsupported('operands');
  const [a, b] = [l as number, r as number];
  switch (node.op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '+':
      return Array.isArray(l) ? [...l, ...(r as unknown[])] : strings ? `${l as string}${r as string}` : a + b;
  }
  if (!numbers) throw new CelUnsupported('arithmetic');
  if (node.op === '-') return a - b;
  if (node.op === '*') return a * b;
  if (b === 0) throw new CelUnsupported('division by zero');
  return node.op === '/' ? Math.trunc(a / b) : a % b;
}

function callValue(node: Extract<Node, { t: 'call' }>, env: Env): unknown {
  const { name, args } = node;
  if (name === 'has' && !node.of) {
    const [field] = args;
    if (args.length !== 1 || field.t !== 'sel') throw new CelUnsupported('has');
    const of = evaluate(field.of, env);
    return isObject(of) && Object.hasOwn(of, fieldName(field.field));
  }
  if (node.of && MACROS.has(name)) {
    const list = evaluate(node.of, env);
    const [variable, body] = args;
    if (args.length !== 2 || variable.t !== 'id') throw new CelUnsupported('macro');
    const items = Array.isArray(list) ? list : isObject(list) ? Object.keys(list) : undefined;
    if (!items) throw new CelUnsupported('macro target');
    const run = (item: unknown) => evaluate(body, { name: variable.name, value: item, parent: env });
    const truth = (item: unknown) => {
      const value = run(item);
      if (typeof value !== 'boolean') throw new CelUnsupported('predicate');
      return value;
    };
    if (name === 'all') return items.every(truth);
    if (name === 'exists') return items.some(truth);
    if (name === 'exists_one') return items.filter(truth).length === 1;
    if (name === 'filter') return items.filter(truth);
    return items.map(run);
  }
  const values = [...(node.of ? [evaluate(node.of, env)] : []), ...args.map((arg) => evaluate(arg, env))];
  const [target, arg] = values;
  if (name === 'size' && values.length === 1) return size(target);
  if (name === 'duration' && values.length === 1) return duration(target);
  if (values.length === 2 && typeof target === 'string' && typeof arg === 'string') {
    if (name === 'startsWith') return target.startsWith(arg);
    if (name === 'endsWith') return target.endsWith(arg);
    if (name === 'contains') return target.includes(arg);
    // RE2 never backtracks, JavaScript may: a text longer than any the CRDs' maxLength lets through is left unjudged.
    if (name === 'matches') return target.length <= MAX_MATCHED ? regex(arg).test(target) : unsupported('long text');
  }
  throw new CelUnsupported(`function ${name}`);
}

const parsed = new Map<string, Node | CelUnsupported>();

/** The longest text `matches` is tried on (the Gateway API CRDs' longest string fields take 4096 characters). */
const MAX_MATCHED = 4096;

const unsupported = (why: string): never => {
  throw new CelUnsupported(why);
};

function parsedRule(rule: string): Node | CelUnsupported {
  let node = parsed.get(rule);
  if (!node) {
    try {
      node = parse(rule);
    } catch (e) {
      if (!(e instanceof CelUnsupported)) throw e;
      node = e;
    }
    parsed.set(rule, node);
  }
  return node;
}

/** Whether the subset reads `rule` at all (the tests hold every rule of the vendored route CRDs to it). */
export const celReadable = (rule: string): boolean => !(parsedRule(rule) instanceof CelUnsupported);

/**
 * Whether `rule` holds for `self`: true or false, or undefined when the subset cannot read or evaluate it (an
 * unsupported form, a missing field the rule reads without has(), a value of another type).
 */
export function celHolds(rule: string, self: unknown): boolean | undefined {
  const node = parsedRule(rule);
  if (node instanceof CelUnsupported) return undefined;
  try {
    const value = evaluate(node, { name: 'self', value: self });
    return typeof value === 'boolean' ? value : undefined;
  } catch (e) {
    if (e instanceof CelUnsupported || e instanceof SyntaxError || e instanceof RangeError) return undefined;
    throw e;
  }
}
