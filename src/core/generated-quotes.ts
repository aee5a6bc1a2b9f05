import { looksGenerated, looksGeneratedWithSymbols } from './generated-runs';
import { REDACTED } from './secret-shapes';

/**
 * A value or key a message quotes that looks generated, said by its size instead (60a-8): `k3s: "Zx9qWm4vTr7pLk2n" is
 * a string` printed a token pasted where a map goes, `unknown key "Zx9q…"` one pasted as a key. No check of a config's
 * first-class keys expects such a value, so what it would show is a pasted password or token, as `k3s.tokenFile` and
 * cluster names already say (config/token-file.ts, config/cluster-name.ts). Only a quoted text that is one run of
 * letters and digits, both, and looks generated (generated-runs.ts: `x7Kq9mZ2pL4v`): ordinary values (`eth0`,
 * `letsencrypt2024`, `v1.2.3`, a host) stay quoted, and so does a hex run (a commit id or digest a message names).
 */

/** A JSON-quoted text that is one run of letters and digits (no escape, so the quotes bound it; linear). */
const QUOTED_RUN = /"([A-Za-z0-9]{12,})"/g;
const HEX = /^(?:[0-9a-f]+|[0-9A-F]+)$/;
/** Longer messages are left as they are (the value readers judge what they quote). */
const MAX_MESSAGE = 100_000;

/** Whether `text` is a quoted run a message does not show. */
export const isUnshownRun = (text: string): boolean => /\d/.test(text) && /[A-Za-z]/.test(text) && !HEX.test(text) && looksGenerated(text);

/**
 * Whether an unquoted name a message prints (an object's name, a file's path) holds such a run between its other
 * characters (71a-24: validate's `ConfigMap/Zq8v…`, check's `t/Zq8v….yaml`, which synth says by its size).
 */
export const holdsUnshownRun = (name: string): boolean =>
  name.length <= 4096 && name.split(/[^A-Za-z0-9]+/).some((part) => part.length >= 12 && isUnshownRun(part));

/** What a message says instead of such a run. */
export const unshownRun = (text: string): string =>
  `(a text of ${text.length} letters and digits that looks generated, not shown: a password or token may have been pasted here)`;

/**
 * A value of several parts (`10.42.0.0/16,Zx9q…`, `192.168.0.0/Zx9q…`) whose part, between blanks, `,` or `/`, is such a
 * run (review61-7: the message said the part was not shown and quoted the whole value with it): said by its size.
 */
export const hasUnshownPart = (text: string): boolean =>
  text.length <= 4096 && text.split(/[\s,/]+/).some((part) => /^[A-Za-z0-9]{12,}$/.test(part) && isUnshownRun(part));
export const unshownValue = (text: string): string =>
  /^[A-Za-z0-9]+$/.test(text) && isUnshownRun(text)
    ? unshownRun(text)
    : `(a text of ${text.length} characters with a part that looks generated, not shown: a password or token may have been pasted here)`;

/**
 * Round 61 (61a-9): a generated word inside a longer quoted value (`"example.com/Zq8Wm3Lp0aKdRt5Y"`, a host
 * `"Zq8Wm3Lp0aKdRt5YvB7n.example.com"`, one with a letter of another script or width, `ｘq9…`, `…bné`) is blanked in place;
 * the rest of the value stays, so the message still says which value it means. A word is a run of letters and digits of
 * any script, judged in its NFKC form (full-width letters are ASCII's) as a whole quoted run is. Quotes without escapes.
 */
const QUOTED_TEXT = /"([^"\\\n]{13,1024})"/g;
const WORD_RUN = /[\p{L}\p{N}]{12,}/gu;
const isUnshownWord = (word: string): boolean => {
  const folded = word.normalize('NFKC');
  return /\d/.test(folded) && /[A-Za-z]/.test(folded) && !HEX.test(folded) && looksGenerated(folded);
};
const unshownWord = (word: string): string => `[${[...word].length} characters that look generated, not shown]`;

/**
 * Round 87 (87b-10): a quoted value that is a generated password with symbols (generated-runs.ts looksGeneratedWithSymbols:
 * `"Vb7!qW3@zN8xK2mP"` pasted as a Service name) is said by its size as the same password without symbols is, and so is
 * a name a message derives from it (config/formats.ts's lower-case hint, `"vb7-qw3-zn8xk2mp"`). JSON-quoted, escapes read.
 */
const QUOTED_VALUE = /"((?:[^"\\\n]|\\.)*)"/g;
const quotedText = (raw: string): string | undefined => {
  if (raw.length < 10 || raw.length > 400) return undefined;
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return undefined;
  }
};
/** A value as formats.ts's hint derives a name from it: lower case, each other character `-`, no `-` at the ends. */
const derivedNames = (value: string): string[] => {
  const dashed = value
    .toLowerCase()
    .replace(/[^a-z0-9.*-]/g, '-')
    .replace(/^-+|-+$/g, '');
  return [value.toLowerCase(), dashed, dashed.replace(/-{2,}/g, '-')];
};
export const isUnshownPassword = (text: string): boolean => looksGeneratedWithSymbols(text);
const unshownPassword = (size: number): string =>
  `(a text of ${size} characters that looks generated, not shown: a password or token may have been pasted here)`;
/** A value a message shows unquoted (`new --from`'s list of values to set, 88a-5): by its size when it looks generated. */
export const shownUnlessGenerated = (text: string): string =>
  isUnshownPassword(text) ? unshownPassword([...text].length) : hasUnshownPart(text) ? unshownValue(text) : text;
function describeGeneratedPasswords(message: string): string {
  const sizes = new Map<string, number>();
  for (const [, raw] of message.matchAll(QUOTED_VALUE)) {
    const text = quotedText(raw);
    if (text === undefined || !isUnshownPassword(text)) continue;
    for (const form of [text, ...derivedNames(text)]) if (form.length >= 8) sizes.set(form, [...text].length);
  }
  if (!sizes.size) return message;
  return message.replace(QUOTED_VALUE, (quoted: string, raw: string) => {
    const size = sizes.get(quotedText(raw) ?? '');
    return size === undefined ? quoted : unshownPassword(size);
  });
}

/** What a message says in place of a value or word that looks generated (unshownRun, unshownValue, unshownWord, unshownPassword). */
export const UNSHOWN_PLACEHOLDER =
  /\(a text of \d+ (?:letters and digits|characters with a part|characters) that looks generated, not shown: a password or token may have been pasted here\)|\[\d+ characters that look generated, not shown\]/;

/** `message` with every quoted run that looks generated said by its size, and such a word in a longer quoted value blanked. */
export function describeGeneratedQuotes(message: string): string {
  if (message.length > MAX_MESSAGE || !message.includes('"')) return message;
  return describeGeneratedPasswords(message)
    .replace(QUOTED_RUN, (quoted: string, run: string) => (isUnshownRun(run) ? unshownRun(run) : quoted))
    .replace(QUOTED_TEXT, (quoted: string, text: string) => {
      if (!/[\p{L}\p{N}]{12}/u.test(text)) return quoted;
      const shown = text.replace(WORD_RUN, (word) => (isUnshownWord(word) ? unshownWord(word) : word));
      // A scrap beside the word (`…/x`) tells nothing of the value: the whole value is blanked, as a secret's is.
      return shown === text
        ? quoted
        : /[\p{L}\p{N}]{3}/u.test(text.replace(WORD_RUN, (w) => (isUnshownWord(w) ? '' : w)))
          ? `"${shown}"`
          : `"${REDACTED}"`;
    });
}

/**
 * Round 77 (77a-19): a name a message prints unquoted that is one such run between other characters (an entrypoint or
 * ACME resolver named in a flag's path, `entrypoint Xk93…,`, `ports.Xk93….port`) is blanked as a key of a message's path
 * is (redact-message.ts keyAsQuoted): every message passes here, whichever rule built it, so the config door blanks it
 * as the construct door does. Whole runs only, bounded by neither a letter nor a digit of any script; linear.
 */
const UNQUOTED_RUN = /(?<![\p{L}\p{N}])[A-Za-z0-9]{12,}(?![\p{L}\p{N}])/gu;
export function blankGeneratedWords(message: string): string {
  if (message.length > MAX_MESSAGE) return message;
  return message.replace(UNQUOTED_RUN, (run: string) => (isUnshownRun(run) ? REDACTED : run));
}
