/**
 * A shell's expansions read as a shell reads them (false47): a double-quoted value may hold a command substitution whose
 * words are quoted again (`DB_PASSWORD="$(cat "$F")"`, `PGPASSWORD="$(kubectl … -o jsonpath="{.data.password}")"`,
 * `API_KEY="$(cat "$(dirname "$0")/key")"`); a reader that stops at the first inner `"` cut the value and judged its
 * start (`$(cat `) a literal. The one reading of such words, for every quoted-value reader of secrets-text.ts.
 */

/**
 * Characters read from one opener at most: a value is short, and a line of many openers (`PW="$(PW="$(…`) reads this
 * much from each (4096 made 1 MB of them take a minute); a longer value is read as before (cut at its inner quote).
 */
const MAX_WORD = 512;
/**
 * Quotes and substitutions open at once at most: a real value nests a few (`"$(cat "$(dirname "$0")/key")"` is 4);
 * a line of openers alone (`PW="$(PW="$(…`) stops after a few dozen characters instead of MAX_WORD, which kept 1 MB of
 * them at 11 s.
 */
const MAX_DEPTH = 8;

/**
 * Where the quote or substitution opening at `at` (`"`, `'`, `$(`, `${`, a backtick) closes: the index after its
 * closing character, nested quotes and substitutions read as a shell reads them (`\` escapes outside single quotes,
 * `'` literal inside double quotes, `(`…`)` counted inside `$(`); -1 where it does not close on its line, within
 * MAX_WORD characters, or nothing opens there.
 */
export function closeOf(text: string, at: number): number {
  const stack: string[] = [];
  const limit = Math.min(text.length, at + MAX_WORD);
  for (let i = at; i < limit;) {
    const c = text[i];
    const top = stack[stack.length - 1];
    if (c === '\n') return -1;
    if (top === "'") {
      if (c === "'") stack.pop();
      i++;
    } else if (c === '\\' && top !== undefined) i += 2;
    else if (
      (top === '"' && c === '"') ||
      (top === '`' && c === '`') ||
      (top === '${' && c === '}') ||
      (top !== '"' && top?.endsWith('(') && c === ')')
    ) {
      stack.pop();
      i++;
    } else if (c === '$' && (text[i + 1] === '(' || text[i + 1] === '{')) {
      stack.push(`$${text[i + 1]}`);
      i += 2;
    } else if (c === '`' || (top !== '"' && (c === '"' || c === "'"))) {
      stack.push(c);
      i++;
    } else if (top === '$(' || top === '(') {
      if (c === '(') stack.push('(');
      i++;
    } else if (top === undefined) return -1;
    else i++;
    if (stack.length === 0) return i;
    if (stack.length > MAX_DEPTH) return -1;
  }
  return -1;
}

/** A parameter by name or a special one (`$PW`, `$1`, `$@`), read where it starts. */
const PARAMETER = /\$(?:[A-Za-z_]\w*|[0-9@*#?!$-])/y;

/**
 * A word (`"$(cat "$F")"`, `${A:-$(cat /run/secrets/a)}`, `"$X$(cat f)"`) made of expansions alone, maybe inside
 * double quotes: parameters, `${…}`, `$(…)` read whole by closeOf (a backtick only nested: alone, it is also how prose
 * quotes a value). A literal character anywhere outside them makes it a value.
 */
export function isExpansionOnly(word: string): boolean {
  if (word.length > MAX_WORD || !word.includes('$')) return false;
  let [inDouble, any] = [false, false];
  for (let i = 0; i < word.length;) {
    if (word[i] === '"') {
      inDouble = !inDouble;
      i++;
      continue;
    }
    if (word[i] !== '$') return false;
    let end: number;
    if (word[i + 1] === '(' || word[i + 1] === '{') end = closeOf(word, i);
    else {
      PARAMETER.lastIndex = i;
      end = PARAMETER.exec(word) ? PARAMETER.lastIndex : -1;
    }
    if (end < 0) return false;
    [i, any] = [end, true];
  }
  return any && !inDouble;
}

/**
 * The double-quoted value at `at` read to its shell closing quote where a substitution inside it holds quotes again
 * (`"$(cat "$F")"`): its content as written and its end; undefined where the value holds no substitution, or the
 * simple reading (`"…"` to the first unescaped `"`) already reads it whole.
 */
export function substitutionQuotedAt(text: string, at: number, simpleEnd: number): { value: string; end: number } | undefined {
  if (text[at] !== '"' || !/\$[({]|`/.test(text.slice(at, simpleEnd))) return undefined;
  const end = closeOf(text, at);
  return end > simpleEnd ? { value: text.slice(at + 1, end - 1), end } : undefined;
}

/**
 * A value that opens a substitution its line does not close (`$(cat /run/secrets/x | tr -d '`, `"$(head`): the start of
 * a shell word a line break cut, not a literal.
 */
export function opensUnclosedSubstitution(line: string, valueAt: number): boolean {
  const at = line[valueAt] === '"' ? valueAt + 1 : valueAt;
  return (
    (line.startsWith('$(', at) || line.startsWith('${', at) || line[at] === '`') &&
    closeOf(line, at) < 0 &&
    !writesLiteral(line.slice(at, at + FIRST_COMMAND))
  );
}

/** Characters of a substitution's first command read for a literal it writes. */
const FIRST_COMMAND = 512;
/** `$(`, `${…$(` or a backtick, then echo or printf and its options, then where its first word starts. */
const WRITER_START = /^(?:\$\(|\$\{[^}$]{0,128}\$\(|`)[ \t]*(?:echo|printf)(?:[ \t]+-[A-Za-z]+)*[ \t]+/;
/** A here-string's word that is a literal's start (a quote then a letter, or a plain letter). */
const HERE_LITERAL = /<<<[ \t]*(?:'[^'\s]|"[^"$`\s]|[^\s$'"])/;

/**
 * Whether a substitution whose first command writes a literal word opens `start` (`$(echo 'pw' | sed 's/\n//'`,
 * `$(printf 'pw\n' | …`, `$(cat <<< 'pw' | …`): cut short or not, it holds that literal (substitution-literals.ts
 * reads the whole ones it models). A format of conversions alone (`printf '%s' "$X"`) or an expansion is none.
 */
function writesLiteral(start: string): boolean {
  const pipe = start.indexOf('|');
  const first = pipe < 0 ? start : start.slice(0, pipe);
  if (HERE_LITERAL.test(first)) return true;
  const writer = WRITER_START.exec(first);
  if (!writer) return false;
  const rest = first.slice(writer[0].length);
  const quote = rest[0] === "'" || rest[0] === '"' ? rest[0] : '';
  const close = quote ? rest.indexOf(quote, 1) : -1;
  const word = quote ? rest.slice(1, close < 0 ? rest.length : close) : (/^[^\s;&<>|]*/.exec(rest)?.[0] ?? '');
  return /[^\s%]/.test(word) && !word.includes('%') && !(quote !== "'" && /[$`]/.test(word)) && !word.startsWith('-');
}

/** The rest of an unquoted word: up to a blank, `;` or `&`. */
const WORD_REST = /[^\s;&]*/y;

/**
 * An unquoted value opening with `$(` or `${` at `at` (`TOKEN=${TOKEN:-$(cat f | tr -d x)}`): to its shell close, blanks
 * inside it included, then the rest of its word; undefined where nothing opens there or it does not close on its line.
 */
export function expansionWordAt(text: string, at: number): string | undefined {
  if (text[at] !== '$' || (text[at + 1] !== '(' && text[at + 1] !== '{')) return undefined;
  const end = closeOf(text, at);
  if (end < 0) return undefined;
  WORD_REST.lastIndex = end;
  return text.slice(at, end) + WORD_REST.exec(text)![0];
}

/** Readings of a decoding under way (secret-shapes.ts namedOnceDecoded): there a cut word is judged (decoded-breaks.ts). */
let decodedReadings = 0;

/** `read()`, as a reading of a decoding. */
export function asDecodedReading<T>(read: () => T): T {
  decodedReadings++;
  try {
    return read();
  } finally {
    decodedReadings--;
  }
}

/**
 * A value opening a substitution it does not close (`"$(<` where YAML folds a long line): a shell word cut short,
 * no literal, in a text as written. In a decoding's line (`PW=$(echo \u0051… | tr -d '\n')` decoded) only a cut the
 * decoding made, on a line it left as written, is one (decoded-breaks.ts): the decoding may have made the literal.
 */
// A word that long is read as before: every key of a long line without blanks (`PW="$(PW="$(…`) reads its line's rest.
export const isCutShellWord = (value: string): boolean =>
  decodedReadings === 0 && value.length <= FIRST_COMMAND && opensUnclosedSubstitution(value, 0);
