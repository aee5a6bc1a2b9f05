/**
 * A value read out of code that runs on past its own end (attack round 43a-12): a reader of `name=value` or `name: value`
 * takes the rest of a word or a line, so a parameter's default, a keyword argument, a type or a field stands first and
 * the code around it follows: `Redis(host='r', password=None)` gives `None)`, `def f(password=None):` gives `None):`,
 * `def f(self, password=None, token=None):` gives `None, token=None):`, `constructor(password: string) { … }` gives
 * `string) { this.password = password; }`, `struct Cfg { password: String }` gives `String }`,
 * `fetch(url, { credentials: 'include' });` gives `'include' });`. For secrets-keys.ts isPlainlyNotSecret, which judges
 * the head (codeHead) as the value: `None`, an empty text, a type, a copy of a variable named as the key.
 * The tail must be code that sets nothing here: closing brackets, a statement's end, a body (`{ … }`, `: …`, `=> …`),
 * or the next parameter's name (`, token=`, `, token: string`); no quote (a literal there is a value), and the caller
 * refuses a tail that looks generated. A head that is no such value (`Zq9… )`) stays a value: only the head is read.
 */

/**
 * What may follow a head: closers and blanks, then nothing, a statement's end, a body, or the next parameter's name
 * (after Kotlin's, Scala's, TypeScript's or Rust's modifiers: `, val token: String? = null)`, `, mut n: u8`; after
 * Python's `*` or `/` markers: `, *, timeout: int = 5)`).
 */
const TAIL =
  /^[^\S\n]*(?:[)\]}][^\S\n]*)*(?:$|;|:|\{|=>|->|,[^\S\n]*(?:[*/][^\S\n]*,[^\S\n]*)?(?:$|[)\]}]|(?:(?:val|var|mut|readonly|private|public|protected|internal|override)[^\S\n]+)?(?:\*{1,2}|\.\.\.)?[A-Za-z_$][\w$]*[^\S\n]*\??[^\S\n]*[:=)]))/;

/**
 * The head of `value` (above) where the value runs on past a closer it does not open, or past a `,` or `;` outside
 * brackets, into code that sets nothing; a wholly quoted head without its quotes. Undefined where the value does not
 * run on so (the value is then judged whole), or the tail holds a quote or a line break.
 */
export function codeHead(value: string): string | undefined {
  const v = value.trim();
  if (v.length > 512 || !/[)\]},;]/.test(v)) return undefined;
  let [depth, quote, end] = [0, '', -1];
  for (let i = 0; i < v.length && end < 0; i++) {
    const c = v[i];
    if (quote) quote = c === quote ? '' : quote;
    else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth-- === 0) end = i;
    } else if ((c === ',' || c === ';') && depth === 0) end = i;
  }
  if (end <= 0 || quote) return undefined;
  const [head, tail] = [v.slice(0, end).trim(), v.slice(end)];
  if (/["'`\n\\]/.test(tail) || !TAIL.test(tail)) return undefined;
  const quoted = /^(["'`])(.*)\1$/s.exec(head);
  return quoted ? quoted[2] : head;
}

/** The name a key of code ends in, without a quote around it (`connect_args={'password'` read as YAML gives that key). */
export const codeKeyName = (key: string): string => key.replace(/["'`]+$/, '');

/**
 * A key that is a function's header, read as YAML (`def f(token=''): return token` is `def f(token='')`, then the
 * body): a secret's word there names a parameter, and the value is the function's body, no value set under it.
 */
export const isFunctionHeader = (key: string): boolean =>
  key.length <= 512 &&
  /^(?:async[^\S\n]+)?(?:def|fn|func|function|sub)[^\S\n]+[A-Za-z_$][\w$]*[^\S\n]*\([^()\n]*\)[^\S\n]*(?:->[^\n:]*)?$/.test(key);

/** A function's body after its header (isFunctionHeader): code of names, no quoted literal. */
export const isPlainBody = (value: string): boolean =>
  value.length <= 512 && !/["'`\\]/.test(value) && /^[\w$.()[\]{}:;,=+\-*/<>!?&| \t]*$/.test(value);
