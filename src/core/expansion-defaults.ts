/** What expansionDefault carries between the expansions of one text: the next `}`, the nested openings' end, the default. */
export interface ExpansionReading {
  brace: number;
  chainEnd: number;
  value: string;
}
export const newExpansionReading = (): ExpansionReading => ({ brace: -1, chainEnd: -1, value: '' });

/** Nested defaults' openings (`${FALLBACK:-`, `${B=`), read once: each starts with `${`, so no two ways to match. */
const NESTED_OPENINGS = /(?:\$\{[A-Za-z_][\w.]{0,127}:?[-=])*/y;

/**
 * The literal default of the shell expansion whose operator is at `at` (`${DB_PASSWORD:-x}`: `x`), or undefined: none
 * given, `:?`/`:+`, another variable (`${DB_PASSWORD:-${DB_PASS}}`, `${PW:-$OTHER}`: a reference, 64a-15). A nested
 * default is the innermost's (`${DB_PASSWORD:-${FALLBACK:-x}}`: `x`); a default's literal part ends at a `$`.
 * `reading` carries the next `}` and the nested openings' end between calls: expansions come in order, so the text is
 * searched once (64a-14: `${DB_PASSWORD:-` 20,000 times, each read to the text's end, took a minute).
 */
export function expansionDefault(text: string, at: number, reading: ExpansionReading): string | undefined {
  if (reading.brace < at) reading.brace = text.indexOf('}', at) >>> 0; // none: 2^32 - 1, past any text
  if (!/[-=]/.test(text.charAt(at)) || reading.brace >= text.length) return undefined;
  if (reading.chainEnd <= at) {
    // The openings end before the `}` (none holds one), so a new `}` always comes with new openings.
    NESTED_OPENINGS.lastIndex = at + 1;
    NESTED_OPENINGS.exec(text);
    reading.chainEnd = NESTED_OPENINGS.lastIndex;
    const rest = text.slice(reading.chainEnd, reading.brace);
    const dollar = rest.indexOf('$');
    reading.value = dollar < 0 ? rest : rest.slice(0, dollar);
  }
  return reading.value || undefined;
}
