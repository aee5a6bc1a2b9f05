import { redact, REDACTED } from './secret-shapes';
import { secretValues } from './secrets';

/**
 * Copies of a refused secret that a message may print elsewhere (51a-9): a value pasted into another field as its
 * percent-decoded form (`Zx9…!x` of `password=Zx9…%21x`, the real password), upper-cased (`ZX9QW7…`), or base64-encoded
 * (`Wng5UXc3…`, padded or not, or URL-safe). The lower-case copy is redact's own. A secret found as a whole text
 * (`password=Zx9…%21x`, a file of many lines) is first cut into the values the readers find in it (secretValues) and
 * the parts the shapes blank (redact), since a copy is of the part, not of the text; the parts stand beside the whole.
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
/** The shortest head by which a copy is looked up in a message (a copy is at least MIN_COPY long). */
const HEAD = 8;
const indexes = new WeakMap<readonly string[], ReadonlyMap<string, readonly string[]>>();

/**
 * The copies of `secrets` (but plain words: redact-message.ts reads those as words) that `message` may hold: those
 * whose head it holds, in any case, as written or JSON-escaped. The copies are indexed by head once per list, so a
 * validation redacting thousands of problems with one list of thousands of secrets looks each message up in one pass.
 */
export function copiesIn(message: string, secrets: readonly string[]): readonly string[] {
  let heads = indexes.get(secrets);
  if (!heads) indexes.set(secrets, (heads = headIndex(secrets)));
  if (!heads.size) return [];
  const lower = message.toLowerCase();
  const found = new Set<string>();
  for (let i = 0; i + MIN_COPY <= lower.length; i++)
    for (let length = MIN_COPY; length <= HEAD; length++) for (const copy of heads.get(lower.slice(i, i + length)) ?? []) found.add(copy);
  return [...found];
}

function headIndex(secrets: readonly string[]): Map<string, string[]> {
  const heads = new Map<string, string[]>();
  for (const copy of new Set(secrets.filter((secret) => !PLAIN_WORD.test(secret)).flatMap(copiesOf)))
    for (const form of new Set([copy, JSON.stringify(copy).slice(1, -1)])) {
      const head = form.slice(0, HEAD).toLowerCase();
      const list = heads.get(head);
      if (list) list.push(copy);
      else heads.set(head, [copy]);
    }
  return heads;
}

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

/** A part's copies: encoded (base64, URL-safe, without padding), and unless a plain word, decoded and upper-cased. */
function formsOf(part: string): string[] {
  if (part.length > MAX_CUT) return [];
  const encoded = Buffer.from(part, 'utf8');
  const padded = encoded.toString('base64');
  const base64 = [padded, padded.replace(/=+$/, ''), encoded.toString('base64url')];
  if (PLAIN_WORD.test(part)) return base64;
  const decoded = percentDecoded(part);
  return [...base64, decoded, part.toUpperCase(), decoded.toUpperCase()];
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
