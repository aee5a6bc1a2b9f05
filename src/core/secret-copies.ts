import { encodedForms } from './encoded-forms';
import { percentDecodedView } from './percent-view';
import { redact, REDACTED } from './secret-shapes';
import { runIndex, runsIn, RunIndex } from './secret-runs';
import { secretValues } from './secrets';

/**
 * Copies of a refused secret that a message may print elsewhere (51a-9): a value pasted into another field as its
 * percent-decoded form (`Zx9…!x` of `password=Zx9…%21x`, the real password), upper-cased (`ZX9QW7…`), or base64-encoded
 * (`Wng5UXc3…`, padded or not, or URL-safe). The lower-case copy is redact's own. A secret found as a whole text
 * (`password=Zx9…%21x`, a file of many lines) is first cut into the values the readers find in it (secretValues) and
 * the parts the shapes blank (redact), since a copy is of the part, not of the text; the parts stand beside the whole.
 * Also (52a-17): hex and base32 of a part (encoded-forms.ts), the part reversed, a copy percent-encoded in part or whole
 * (percent-view.ts), a copy in any letter case, and a run of 8 or more characters of a part (secret-runs.ts).
 */

/** Copies shorter than this are not blanked alone: they would blank words of a message's wording. */
const MIN_COPY = 6;
/**
 * The longest secret cut into parts: the readers read it once (cached); a longer text gives the copies of its whole only
 * (reading a 100 kB text costs about half a second, which a run of several such texts would pay again here).
 */
const MAX_CUT = 4096;
/** A part of letters only may be a word of the wording (redact-message.ts PLAIN_WORD): only its encodings are copies. */
const PLAIN_WORD = /^[A-Za-z]+$/;

const cached = new Map<string, readonly string[]>();
/**
 * The head by which a copy of LONG_HEAD or more characters is looked up in a message; shorter ones (at least MIN_COPY)
 * by their first MIN_COPY. A long head keeps a lookup to the few copies that can match: two thousand secrets sharing
 * their first ten characters (a template's) are told apart by the next two.
 */
const LONG_HEAD = 12;
/** Copies as they may be written (as is, JSON-escaped), lower-cased, by their head (above): [copy, written]. */
type Heads = ReadonlyMap<string, ReadonlyArray<readonly [copy: string, written: string]>>;
const indexes = new WeakMap<readonly string[], { heads: Heads; runs: RunIndex }>();

/**
 * The copies of `secrets` (but plain words: redact-message.ts reads those as words) that `message` holds: each copy it
 * holds as written or JSON-escaped (for redact to blank), and, as the message writes it, each it holds in another letter
 * case or percent-encoded in part or whole (percent-view.ts), and each run of a secret's value (secret-runs.ts). The
 * copies are indexed once per list, so a validation redacting thousands of problems with one list of thousands of
 * secrets looks each message up in one pass.
 */
export function copiesIn(message: string, secrets: readonly string[]): readonly string[] {
  let index = indexes.get(secrets);
  if (!index) indexes.set(secrets, (index = { heads: headIndex(secrets), runs: runIndex(secrets.flatMap(valuesOf)) }));
  const { heads, runs } = index;
  if (!heads.size && !runs.size) return [];
  const found = new Set<string>();
  const decoded = percentDecodedView(message);
  const views = [{ text: message, identity: true, from: (at: number) => at, to: (end: number) => end }];
  if (decoded) views.push({ text: decoded.text, identity: false, from: (at) => decoded.from[at], to: (end) => decoded.to[end - 1] });
  for (const { text, identity, from, to } of views) {
    const lower = text.toLowerCase();
    // Where lower-casing changed the length (`İ`), places in `lower` are not places in the text.
    if (lower.length !== text.length) continue;
    for (let i = 0; i + MIN_COPY <= lower.length; i++)
      for (const head of [lower.slice(i, i + MIN_COPY), lower.slice(i, i + LONG_HEAD)]) {
        for (const [copy, written] of heads.get(head) ?? []) {
          if (!lower.startsWith(written, i)) continue;
          // As written, redact finds it (JSON-escaped too); in another case or decoded, the place it stands is blanked.
          if (identity && text.startsWith(written === copy.toLowerCase() ? copy : JSON.stringify(copy).slice(1, -1), i)) found.add(copy);
          else found.add(message.slice(from(i), to(i + written.length)));
        }
      }
    for (const [start, end] of runsIn(text, runs)) found.add(message.slice(from(start), to(end)));
  }
  return [...found].filter((copy) => copy.length >= MIN_COPY);
}

function headIndex(secrets: readonly string[]): Heads {
  const heads = new Map<string, Array<readonly [string, string]>>();
  for (const copy of new Set(secrets.filter((secret) => !PLAIN_WORD.test(secret)).flatMap(copiesOf)))
    for (const form of new Set([copy, JSON.stringify(copy).slice(1, -1)])) {
      const written = form.toLowerCase();
      if (written.length !== form.length) continue;
      const head = written.slice(0, written.length >= LONG_HEAD ? LONG_HEAD : MIN_COPY);
      const list = heads.get(head);
      if (list) list.push([copy, written]);
      else heads.set(head, [[copy, written]]);
    }
  return heads;
}

/**
 * The values of `secret` whose runs a message may print: the parts a reader or shape finds in it (`Qz7v…` of
 * `password: Qz7v…`, not the key's words), else the secret; each word of them alone, but plain words (`database`).
 */
function valuesOf(secret: string): readonly string[] {
  if (PLAIN_WORD.test(secret) || secret.length > MAX_CUT) return [];
  let values = cachedValues.get(secret);
  if (values === undefined) {
    const parts = [...new Set([...secretValues(secret).filter((value) => value !== secret), ...partsOf(secret)])];
    // A word that sets a name (`DB_PASSWORD_19=…` of a text refused whole) gives its value only: the name is no part of it.
    values = (parts.length ? parts : [secret])
      .flatMap((value) => value.split(/\s+/))
      .map((word) => word.replace(/^[A-Za-z_][\w.-]*[=:](?=.)/, ''))
      .filter((word) => !PLAIN_WORD.test(word));
    if (cachedValues.size >= 10_000) cachedValues.clear();
    cachedValues.set(secret, values);
  }
  return values;
}
const cachedValues = new Map<string, readonly string[]>();

/** The forms a message may print of `secret` elsewhere than where it stands (none of them `secret` itself). */
export function copiesOf(secret: string): readonly string[] {
  let copies = cached.get(secret);
  if (copies === undefined) {
    // The values the readers find in it (`Zx9…` of `password=Zx9…`), and the parts the shapes blank in each.
    const found = secret.length <= MAX_CUT ? [secret, ...secretValues(secret).filter((value) => value !== secret)] : [secret];
    const parts = new Set([...found, ...found.flatMap((value) => (value.length <= MAX_CUT ? partsOf(value) : []))]);
    const forms = new Set([...parts].flatMap(formsOf));
    for (const part of parts) forms.delete(part);
    forms.delete(secret);
    copies = [...parts, ...forms].filter((form) => form !== secret && form.length >= MIN_COPY);
    if (cached.size >= 10_000) cached.clear();
    if (secret.length <= MAX_CUT) cached.set(secret, copies);
  }
  return copies;
}

/**
 * A part's copies: encoded (base64, URL-safe, without padding; hex, base32: encoded-forms.ts), and unless a plain
 * word, decoded, upper-cased and reversed.
 */
function formsOf(part: string): string[] {
  if (part.length > MAX_CUT) return [];
  const encoded = Buffer.from(part, 'utf8');
  const padded = encoded.toString('base64');
  const base64 = [padded, padded.replace(/=+$/, ''), encoded.toString('base64url'), ...encodedForms(part)];
  if (PLAIN_WORD.test(part)) return base64;
  const decoded = percentDecoded(part);
  return [...base64, decoded, part.toUpperCase(), decoded.toUpperCase(), [...part].reverse().join('')];
}

/** `text` with each `%XX` decoded (as UTF-8 where the bytes form it, else each ASCII byte alone). */
function percentDecoded(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/%([0-7][0-9A-Fa-f])/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
}

/** The parts of `text` that redact blanks (`password=Zx9…` gives `Zx9…`), in order; none where its output does not line up. */
function partsOf(text: string): string[] {
  const out = redact(text);
  if (out === text) return [];
  const kept = out.split(REDACTED);
  if (!text.startsWith(kept[0])) return [];
  const parts: string[] = [];
  let at = kept[0].length;
  for (let i = 1; i < kept.length; i++) {
    const last = i === kept.length - 1;
    // Two blanks side by side are one part.
    if (!last && !kept[i]) continue;
    const end = last ? text.length - kept[i].length : text.indexOf(kept[i], at + 1);
    if (end <= at || (last && !text.endsWith(kept[i]))) break;
    parts.push(text.slice(at, end));
    at = end + kept[i].length;
  }
  return parts;
}
