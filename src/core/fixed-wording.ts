import { RANKED } from './secret-shapes';

/**
 * 66a-13: the tool's own description of a finding (secret-shapes.ts FINDERS' `what`: `a password in prose right after a
 * label … say where the password is kept instead: \`the password is in the vault\``) is fixed wording, never a value, so
 * the message redactor must leave it whole even where a secret found in the same config is one of its phrases (a text's
 * label `password is` taken as its value). A description quoted inside a value the message shows (`"…"`) is the value's
 * and is judged with it, so that wording put before a secret cannot shield it.
 */

/** The descriptions, longest first (a longer one holding a shorter is kept whole). */
let fixed: readonly string[] | undefined;
const descriptions = (): readonly string[] =>
  (fixed ??= [...new Set(RANKED.map((finder) => finder.what))].sort((a, b) => b.length - a.length));

/** A value as messages print it, JSON-quoted (redact-message.ts QUOTED). */
const QUOTED = /"(?:[^"\\\n]|\\.)*"/g;
/** Stands for the n-th kept description while the rest is redacted: no quote, no word a reader takes. */
const MARK = /\u2983(\d{1,4})\u2984/g;

/** `redact(message)` with every description of a finding outside a quoted value left as written. */
export function keepingWording(message: string, redact: (text: string) => string): string {
  const kept = descriptions().filter((what) => message.includes(what));
  if (!kept.length || /\u2983|\u2984/.test(message)) return redact(message);
  const masked = kept.reduce((text, what, n) => text.split(what).join(`\u2983${n}\u2984`), message);
  const quoted = [...masked.matchAll(QUOTED)].map((match) => [match.index, match.index + match[0].length]);
  // A description inside a value shown: back as written, for the redactor to judge with the value.
  const judged = masked.replace(MARK, (mark: string, n: string, at: number) =>
    quoted.some(([start, end]) => at > start && at < end) ? kept[Number(n)] : mark,
  );
  return redact(judged).replace(MARK, (mark: string, n: string) => kept[Number(n)] ?? mark);
}
