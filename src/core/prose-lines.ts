import { foldLetters } from './folded-letters';
import { opensBodyBelow } from './literal-bodies';
import { isProseAssignment, isProseUnder } from './prose-values';

/**
 * A line of multi-line text whose key is a sentence's words and whose value runs on (`the password: see the Secret
 * named db`): the line reading (secrets.ts secretsInLines) judges it as one line of text is (secrets-text.ts: prose runs
 * on after its first word), not as a key set to a value (44a-15: one such line and a newline was refused). `setsSecret`:
 * that judgement of one line. Each is a reading of the line: the first PROSE_LINES lines of a text only; past them, and
 * for a line over 1024 characters, the key line is read as any is. A key line whose value, written plain, is a sentence
 * (`Token: ask the platform team.`, prose-values.ts) is prose too, whatever its key.
 */
export function proseLines(setsSecret: (line: string) => boolean): (key: string, rest: string, line: string) => boolean {
  let judged = 0;
  return (key, rest, line) =>
    (SENTENCE_KEY.test(foldLetters(key)) &&
      /\S\s+\S/.test(rest) &&
      line.length <= 1024 &&
      judged++ < PROSE_LINES &&
      !setsSecret(line.trim())) ||
    isProseUnder(key, rest.trim()); // `Token: ask the platform team.` (49a-10, prose-values.ts), `Secret: db (made by hand)`
}

/** Words of letters with blanks between them: `the password`, `The tokenSecret`, `La contraseña` (read in ASCII, 51a-12). */
const SENTENCE_KEY = /^[A-Za-z]+(?:[ \t]+[A-Za-z]+)+$/;
const PROSE_LINES = 256;

/**
 * Whether an assignment line (`password = …`, secrets.ts) sets no value on it: its value is a body below
 * (`password = <<~EOT`, literal-bodies.ts), or prose after an `=` with blanks (`password = Must be rotated quarterly`).
 */
export const assignsNoValue = (line: string, value: string): boolean => opensBodyBelow(value) || isProseAssignment(line);
