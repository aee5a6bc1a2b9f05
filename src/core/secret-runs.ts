/**
 * Parts of a refused secret that a message prints (attack round 52a-17): `Qz7vTq2mW`, the secret's first nine
 * characters, pasted into a host name or an address elsewhere in the same run. One rule for every message, so the same
 * part gets the same verdict wherever it is printed: a run of MIN_RUN or more characters of a secret's value, in any
 * letter case, forwards or reversed, is blanked where the run, as the secret has it, mixes two of lower-case letters,
 * capitals and digits (as generated secrets do). A run of one kind (`database`, `https://`, `192.168.0`) may be the
 * message's own wording or an ordinary value, and a run that short tells too little of the secret.
 */

/** The shortest run blanked (the cut heads of redact-message.ts are blanked from 4 characters, where a cut stands). */
export const MIN_RUN = 8;
/** The longest value whose runs are indexed (each of its windows is a key): longer ones are blanked whole only. */
const MAX_VALUE = 256; /**
 * The most values one window leads to: a window many values share (a template's `Zx9Qw7Lp` before each one's own suffix)
 * is matched against the first ones only, so a message costs at most this many comparisons of a run per character.
 */
const MAX_SHARING = 16;

/** Windows of MIN_RUN characters (lower-cased) of each value, with the value and where the window starts in it. */
export type RunIndex = ReadonlyMap<string, ReadonlyArray<readonly [string, number]>>;

/** The index of `values`' runs, and of their reverses. */
export function runIndex(values: readonly string[]): RunIndex {
  const index = new Map<string, Array<readonly [string, number]>>();
  for (const value of new Set(
    values.flatMap((v) => (v.length >= MIN_RUN && v.length <= MAX_VALUE ? [v, [...v].reverse().join('')] : [])),
  )) {
    const lower = value.toLowerCase();
    // A lower-cased run must still line up with the value's own characters (a few letters change length when lowered).
    if (lower.length !== value.length) continue;
    for (let at = 0; at + MIN_RUN <= lower.length; at++) {
      const key = lower.slice(at, at + MIN_RUN);
      const list = index.get(key);
      if (list) {
        if (list.length < MAX_SHARING) list.push([value, at]);
      } else index.set(key, [[value, at]]);
    }
  }
  return index;
}

/**
 * Whether `run` mixes two of lower-case letters, capitals and digits, and is not words as prose writes them: letters
 * only, each a lower-case or capitalised word of three or more (round 63a-15: `Password` of a refused `ver 1Password,
 * bóveda Infra` blanked `${DB_PASSWORD}` and `<your-password>` in every message of the run). `PaSsWoRd`, `xQmZkLpT`
 * (short pieces) and any run with a digit still mix.
 */
const mixes = (run: string): boolean => [/[a-z]/, /[A-Z]/, /\d/].filter((kind) => kind.test(run)).length >= 2 && !readsAsWords(run);
const readsAsWords = (run: string): boolean =>
  /^[A-Za-z]+$/.test(run) && (run.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])/g) ?? []).every((word) => word.length >= 3);

/** The spans of `text` ([start, end)) that are runs of the indexed values (above), longest at each place. */
export function runsIn(text: string, index: RunIndex): Array<readonly [number, number]> {
  if (!index.size) return [];
  const lower = text.toLowerCase();
  if (lower.length !== text.length) return [];
  const spans: Array<readonly [number, number]> = [];
  let covered = 0;
  for (let i = 0; i + MIN_RUN <= lower.length; i++) {
    if (i + MIN_RUN <= covered) continue;
    // The longest run at this place, of any value.
    let longest: readonly [number, number] | undefined;
    for (const [value, at] of index.get(lower.slice(i, i + MIN_RUN)) ?? []) {
      const written = value.toLowerCase();
      let before = 0;
      while (before < at && before < i && lower[i - before - 1] === written[at - before - 1]) before++;
      let after = MIN_RUN;
      while (at + after < written.length && i + after < lower.length && lower[i + after] === written[at + after]) after++;
      if (mixes(value.slice(at - before, at + after)) && (!longest || after + before > longest[1] - longest[0]))
        longest = [i - before, i + after];
    }
    if (!longest) continue;
    spans.push(longest);
    covered = longest[1];
  }
  return spans;
}
