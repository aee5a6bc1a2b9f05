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
  const { all, spaced, heads, words } = joinedToo(secrets);
  return [...copiesIn(text, all), ...spacedCopiesIn(text, spaced), ...regroupedCopiesIn(text, heads), ...wordCopiesIn(text, words)];
}

/**
 * Round 58 (58a-7), 59 (59a-1): the separators a copy of a secret may have between each group of its characters
 * (`Z-q-8-v…`, `Zx9q-Wm4v-Tr7p`, `Zx9.qWm.4vT`, `Zx9q Wm4v`), one repeated character, groups of one to six characters
 * as people write keys; the groups' characters read without separators must hold a copy (secret-copies.ts MIN_COPY).
 */
const SEPARATORS = ['-', '.', '_', ' ', ':'];
const SPACED = SEPARATORS.map((separator) => {
  const sep = separator.replace(/[.]/, '\\.');
  // A group holds no delimiter a message puts around a value (`(construct a/Zx9q-…):`, `key=Zx9q-…`): the run is the copy.
  const group = `[^\\s"'\`\\\\()<>[\\]{},;/=@|&?#${sep}]{1,6}`;
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
 * `secrets` and, beside each written in groups of letters and digits (`Zx9q-Wm4v-Tr7p`, `tango-Delta_7.foxtrot`), its
 * form without separators (59a-1: a message may print `Zx9qWm4vTr7p`; 75a-15: groups of any length, separators mixed);
 * those forms lower-cased by their first MIN_JOINED_FORM characters too. Spaced copies are looked up with the forms of
 * groups of up to six only: spacedCopiesIn blanks a whole run, which read with longer groups would take the wording in
 * (`the value tango delta 7 foxtrot`); regroupedCopiesIn blanks the copy alone. Once per list: copiesIn indexes a list once.
 */
type Joined = { all: readonly string[]; spaced: readonly string[]; heads: ReadonlyMap<string, readonly string[]>; words: WordForms };
const withJoined = new WeakMap<readonly string[], Joined>();
function joinedToo(secrets: readonly string[]): Joined {
  let list = withJoined.get(secrets);
  if (!list) {
    // Only a secret that is groups of letters and digits between separators: in `admin:pw@k3s.example.com` the host's
    // dots join no secret, and `k3sexamplecom` would blank every copy of the host.
    const grouped = secrets.filter((secret) => secret.length <= 4096 && GROUPED.test(secret));
    const joinedOf = (from: readonly string[]) =>
      from.map((secret) => secret.replace(SEPARATOR_RUNS, '')).filter((form) => form.length >= MIN_JOINED_FORM && !PLAIN_WORD.test(form));
    const joined = joinedOf(grouped);
    const short = joinedOf(grouped.filter((secret) => SHORT_GROUPS.test(secret)));
    const heads = new Map<string, string[]>();
    // Forms up to MAX_WORD_FORM only: each place of a run compares a form whole, so a long repetitive one (`a1a1…`) against
    // a long repetitive run would be quadratic; a longer secret's copies are still blanked as typed (copiesIn).
    // 76a-11: an ungrouped secret of letters and digits regrouped (`hunter2 hunter2` of `hunter2hunter2`) is read the same way.
    const runs = secrets.filter((secret) => secret.length >= MIN_JOINED_FORM && UNGROUPED.test(secret) && !PLAIN_WORD.test(secret));
    const forms = [...joined, ...runs].filter((each) => each.length <= MAX_WORD_FORM);
    for (const form of new Set(forms.map((each) => each.toLowerCase()))) {
      const head = form.slice(0, MIN_JOINED_FORM);
      heads.set(head, [...(heads.get(head) ?? []), form]);
    }
    const all = joined.length ? [...secrets, ...joined] : secrets;
    const words = wordFormsOf(grouped);
    withJoined.set(secrets, (list = { all, spaced: short.length ? [...secrets, ...short] : secrets, heads, words }));
  }
  return list;
}

/** Groups of letters and digits, of any length, each after the first after a separator (SEPARATORS, mixed). */
const GROUPED = /^[A-Za-z0-9]+(?:[-._ :][A-Za-z0-9]+)+$/;
const SHORT_GROUPS = /^[A-Za-z0-9]{1,6}(?:[-._ :][A-Za-z0-9]{1,6})+$/;
const SEPARATOR_RUNS = /[-._ :]+/g;
const UNGROUPED = /^[A-Za-z0-9]+$/;
/** A secret of letters only: a word of the wording, never copied (redact-message.ts PLAIN_WORD). */
const PLAIN_WORD = /^[A-Za-z]+$/;
/** The fewest characters a grouped secret's form without separators holds for it to be blanked: shorter ones are words. */
const MIN_JOINED_FORM = 8;

/**
 * Round 75 (75a-15): a grouped secret's copy with its separators swapped, mixed or some dropped (`tango_Delta_7.foxtrot`
 * of `tango-Delta-7-foxtrot`), in any letter case, groups of any length: each run of groups is read without its
 * separators, and where it holds a secret's form without them, the run's characters from that form's first to its last
 * are the copy (the run's other groups, `.example.com`, stay). Linear: a run is matched once, and each place in it
 * looks the forms up by their first MIN_JOINED_FORM characters.
 */
const GROUP_RUN = /[A-Za-z0-9]+(?:[-._ :]+[A-Za-z0-9]+)+/g;
const LETTERS_AND_DIGITS = /[A-Za-z0-9]/g;
function regroupedCopiesIn(message: string, heads: ReadonlyMap<string, readonly string[]>): string[] {
  if (!heads.size || message.length > MAX_SPACED) return [];
  const found = new Set<string>();
  for (const { 0: run, index } of message.matchAll(GROUP_RUN)) {
    const joined = run.replace(SEPARATOR_RUNS, '').toLowerCase();
    // Where each of the run's letters and digits stands in the message: taken only once a copy is found.
    let places: number[] | undefined;
    for (let i = 0; i + MIN_JOINED_FORM <= joined.length; i++)
      for (const form of heads.get(joined.slice(i, i + MIN_JOINED_FORM)) ?? [])
        if (joined.startsWith(form, i)) {
          places ??= Array.from(run.matchAll(LETTERS_AND_DIGITS), (letter) => index + letter.index);
          found.add(message.slice(places[i], places[i + form.length - 1] + 1));
        }
  }
  return [...found];
}

/**
 * Round 76: a grouped secret of letters only (`correct-Horse-battery-staple`), whose form without separators may be a
 * word of the wording, so regroupedCopiesIn leaves it: its copy counts where it is whole words of the message that hold
 * all the secret's letters in order and nothing else (`correct_Horse_battery_staple`, `correctHorsebatterystaple`,
 * `correct.horse.battery.staple`, any case), with neither a letter nor a digit beside it. Only a secret of at least three
 * groups or twelve letters: fewer tell too little of it (`admin-user`). Its forms, lower-cased, keyed by their first
 * MIN_JOINED_FORM characters.
 */
type WordForms = ReadonlyMap<string, readonly string[]>;
/** A passphrase's length at most: each word of a run compares up to this many letters (linear: 100 kB of `a-a-…`). */
const MAX_WORD_FORM = 256;
function wordFormsOf(grouped: readonly string[]): WordForms {
  const words = new Map<string, string[]>();
  for (const secret of grouped) {
    const groups = secret.split(SEPARATOR_RUNS);
    const form = groups.join('').toLowerCase();
    if (!PLAIN_WORD.test(form) || form.length < MIN_JOINED_FORM || form.length > MAX_WORD_FORM || (groups.length < 3 && form.length < 12))
      continue;
    const head = form.slice(0, MIN_JOINED_FORM);
    words.set(head, [...(words.get(head) ?? []), form]);
  }
  return words;
}

/** A word, or words joined by separators: a copy of a letters-only secret starts and ends on its words. */
const WORD_RUN = /[A-Za-z0-9]+(?:[-._ :]+[A-Za-z0-9]+)*/g;
const WORD = /[A-Za-z0-9]+/g;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** Words joined by blanks alone, outside quotes, are how the message's own wording reads (`the value is wrong`). */
const BLANKS_ONLY = /^[A-Za-z0-9]+(?: +[A-Za-z0-9]+)+$/;

/**
 * The copies of letters-only grouped secrets (wordFormsOf) `message` holds, as it writes them. Linear: a run is matched
 * once, and each of its words looks the forms up by their first MIN_JOINED_FORM characters.
 */
function wordCopiesIn(message: string, words: WordForms): string[] {
  if (!words.size || message.length > MAX_SPACED) return [];
  const found = new Set<string>();
  for (const { 0: run, index } of message.matchAll(WORD_RUN)) {
    if (run.length < MIN_JOINED_FORM) continue;
    const parts = Array.from(run.matchAll(WORD), (word) => ({ at: index + word.index, text: word[0] }));
    const joined = parts
      .map((part) => part.text)
      .join('')
      .toLowerCase();
    let offset = 0;
    const starts = parts.map((part) => (offset += part.text.length) - part.text.length);
    // Which word ends where, in the run read without separators: a copy ends where a word does.
    const endsAt = new Map(starts.map((start, i) => [start + parts[i].text.length, i]));
    starts.forEach((start, first) => {
      for (const form of words.get(joined.slice(start, start + MIN_JOINED_FORM)) ?? []) {
        const last = joined.startsWith(form, start) ? endsAt.get(start + form.length) : undefined;
        if (last === undefined) continue;
        const [from, to] = [parts[first].at, parts[last].at + parts[last].text.length];
        const copy = message.slice(from, to);
        if (LETTER_OR_DIGIT.test(message.charAt(from - 1)) || LETTER_OR_DIGIT.test(message.charAt(to))) continue;
        if ((message[from - 1] === '"' && message[to] === '"') || !BLANKS_ONLY.test(copy)) found.add(copy);
      }
    });
  }
  return [...found];
}
