/** What expansionDefault reads once per text: each expansion's literal value, by the position after its `:`. */
export interface ExpansionReading {
  values?: Map<number, string>;
}
export const newExpansionReading = (): ExpansionReading => ({});

/** An expansion's name and operator at a `${` (bash(1) Parameter Expansion): `-`, `=`, `+`, `?`, each maybe after `:`. */
const OPENING = /\$\{[A-Za-z_][\w.]{0,127}(:?[-=+?]|\})?/y;

/** A nested reading: its kind (`v`: a default or alternate, whose text is a value; `c`: `$(…)`; `o`: any other). */
interface Open {
  at: number;
  kind: 'v' | 'c' | 'o';
  own: string;
  child?: string;
}

/**
 * An alternate's (`:+`) words that are flags (`--password=` before a reference, `-p`): `${PW:+--password=$PW}` passes
 * the variable, and a flag is no value.
 */
const valueOf = (open: Open): string => {
  const own = open.own
    .split(/\s+/)
    .filter((word) => word && !/^-{1,2}[\w.-]*=?$/.test(word))
    .join(' ');
  return own || open.child || '';
};

/**
 * Every default's and alternate's literal text in `text`, by the position after the name's `:`, read in one pass with a
 * stack (64a-14: `${DB_PASSWORD:-` 20,000 times, each read to the text's end, took a minute). References
 * (`${DB_PASS}`, `$DB_PASS`, `$(cat f)`) are not literal; what stands beside them is (65a-6:
 * `${DB_PASSWORD:-${DB_PASS}hunter2x}`, `${DB_PASSWORD:-$DB_PASS hunter2x}`). A default with no literal of its own
 * takes its nested default's (`${DB_PASSWORD:-${FALLBACK:-x}}`: `x`).
 */
function expansionValues(text: string): Map<number, string> {
  const values = new Map<number, string>();
  const stack: Open[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    const top = stack[stack.length - 1];
    if (char === '$' && text.charAt(i + 1) === '{') {
      OPENING.lastIndex = i;
      const match = OPENING.exec(text);
      const operator = match?.[1];
      if (operator === '}') {
        i = OPENING.lastIndex - 1; // `${NAME}`: a reference
        continue;
      }
      // `${NAME:-…`: keyed after the `:` as the key reader's value starts; `${#X}`, `${X/a/b}`: another reading.
      const at = operator ? OPENING.lastIndex - operator.length + (operator.startsWith(':') ? 1 : 0) : i;
      stack.push({ at, kind: operator && !operator.endsWith('?') ? 'v' : 'o', own: '' });
      i = (operator ? OPENING.lastIndex : i + 2) - 1;
    } else if (char === '$' && text.charAt(i + 1) === '(') {
      stack.push({ at: i, kind: 'c', own: '' });
      i++;
    } else if (char === '$' && /[A-Za-z_]/.test(text.charAt(i + 1))) {
      while (/\w/.test(text.charAt(i + 1))) i++; // `$NAME`: a reference
    } else if (top && ((char === '}' && top.kind !== 'c') || (char === ')' && top.kind === 'c'))) {
      stack.pop();
      const value = valueOf(top);
      if (top.kind === 'v') values.set(top.at, value);
      const parent = stack[stack.length - 1];
      if (parent && parent.kind === 'v' && top.kind === 'v' && value && parent.child === undefined) parent.child = value;
    } else if (top?.kind === 'v') top.own += char;
  }
  return values;
}

/**
 * The literal value of the shell expansion whose operator is at `at` (`${DB_PASSWORD:-x}`: `x`; the alternate
 * `${DB_PASSWORD:+x}`, used whenever the variable is set: `x`), or undefined: none given, `:?`, only references
 * (`${DB_PASSWORD:-${DB_PASS}}`, `${PW:-$OTHER}`: 64a-15) or flags before one (`${PW:+--password=$PW}`), or an
 * expansion never closed (the shell refuses it: "bad substitution").
 */
export function expansionDefault(text: string, at: number, reading: ExpansionReading): string | undefined {
  if (!/[-=+]/.test(text.charAt(at))) return undefined;
  reading.values ??= expansionValues(text);
  return reading.values.get(at)?.trim() || undefined;
}
