import { copiesIn } from './secret-copies';

/**
 * Copies of a secret a text may show (51a-9, 58a-7, 59a-1): as secret-copies.ts knows them (another case, encoded, a part),
 * also written in groups with one repeated separator (`Zx9q-Wm4v-Tr7p` of `Zx9qWm4vTr7p`), and a secret written in groups
 * copied without its separators or with others (`Zx9qWm4vTr7p`, `Zx9q.Wm4v.Tr7p` of `Zx9q-Wm4v-Tr7p`). For a message
 * (redact-message.ts) and a diff of a hand-edited dist/ (output/secret-gate.ts fileRedaction): one verdict for both.
 */

/** The copies of `secrets` (or their separator-free forms) `text` holds, grouped or not, as `text` writes them. */
export function groupedCopiesIn(text: string, secrets: readonly string[]): string[] {
  if (!secrets.length) return [];
  const all = joinedToo(secrets);
  return [...copiesIn(text, all), ...spacedCopiesIn(text, all)];
}

/**
 * Round 58 (58a-7), 59 (59a-1): the separators a copy of a secret may have between each group of its characters
 * (`Z-q-8-v…`, `Zx9q-Wm4v-Tr7p`, `Zx9.qWm.4vT`, `Zx9q Wm4v`), one repeated character, groups of one to six characters
 * as people write keys; the groups' characters read without separators must hold a copy (secret-copies.ts MIN_COPY).
 */
const SEPARATORS = ['-', '.', '_', ' ', ':'];
const SPACED = SEPARATORS.map((separator) => {
  const sep = separator.replace(/[.]/, '\\.');
  const group = `[^\\s"'\`\\\\${sep}]{1,6}`;
  // Linear: a group cannot hold its separator, so each start is decided within seven characters and a run is matched
  // once, to its end.
  return { separator, run: new RegExp(`(?:${group}${sep})+${group}`, 'g') };
});
/** Longer messages are not read for spaced copies: each run is looked up once per separator, and that is bounded. */
const MAX_SPACED = 100_000;
/** The fewest characters a run's groups hold for it to be looked up: shorter joined runs are words of the wording. */
const MIN_JOINED = 6;

/**
 * The runs of `message` that are a copy of one of `secrets` (or of a copy secret-copies.ts knows: another case,
 * reversed, encoded, a part) with one separator between its groups: each run is read without its separators.
 */
function spacedCopiesIn(message: string, secrets: readonly string[]): string[] {
  if (!secrets.length || message.length > MAX_SPACED) return [];
  const found: string[] = [];
  for (const { separator, run } of SPACED) {
    if (!message.includes(separator)) continue;
    for (const [spaced] of message.matchAll(run)) {
      const joined = spaced.split(separator).join('');
      if (joined.length >= MIN_JOINED && copiesIn(joined, secrets).length) found.push(spaced);
    }
  }
  return found;
}

/**
 * `secrets` and, beside each written in groups with one repeated separator (`Zx9q-Wm4v-Tr7p`), its form without them
 * (59a-1: a message may print `Zx9qWm4vTr7p` or `Zx9q.Wm4v.Tr7p`). Once per list: copiesIn indexes a list once.
 */
const withJoined = new WeakMap<readonly string[], readonly string[]>();
function joinedToo(secrets: readonly string[]): readonly string[] {
  let list = withJoined.get(secrets);
  if (!list) {
    // Only a secret that is groups of letters and digits and one separator: in `admin:pw@k3s.example.com` the host's
    // dots join no secret, and `k3sexamplecom` would blank every copy of the host.
    const joined = secrets.flatMap((secret) =>
      SEPARATORS.filter((separator) => secret.length <= 4096 && GROUPED(separator).test(secret))
        .map((separator) => secret.split(separator).join(''))
        .filter((form) => form.length >= 8 && !PLAIN_WORD.test(form)),
    );
    withJoined.set(secrets, (list = joined.length ? [...secrets, ...joined] : secrets));
  }
  return list;
}

/** Groups of one to six letters and digits, each after the first after `separator`. */
const GROUPED = (separator: string) => new RegExp(`^[A-Za-z0-9]{1,6}(?:${separator.replace('.', '\\.')}[A-Za-z0-9]{1,6})+$`);
/** A secret of letters only: a word of the wording, never copied (redact-message.ts PLAIN_WORD). */
const PLAIN_WORD = /^[A-Za-z]+$/;
