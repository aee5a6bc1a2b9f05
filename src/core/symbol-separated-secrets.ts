import { looksGenerated, looksGeneratedRun } from './generated-runs';
import { namesForeignSecret } from './foreign-secret-words';
import { atFirstUse } from './lazy-regexp';
import { isAnyPasswordHash } from './password-hashes';
import { isPlaceholder } from './placeholders';

/**
 * Round 77 (77a-20): a secret's name, then any run of punctuation or symbols, then its value (`password ➜ X`, `pw ⟶ X`,
 * `password » X`, `password・X`, `password ≔ X`, `password ⸺ X`, `password┃X`), maybe with a qualifier after the name
 * (`password[prod]: X`, `password (prod) ➜ X`, `password@prod: X`). The separator is any run of Unicode punctuation or symbols (categories P
 * and S), not a list of arrows: the next round's arrow is one of them too. A setting's own `password: X`/`password=X`
 * is the setting readers' (secrets-text.ts), which know code; a name joined by `.`, `_`, `-`, `/` is a longer name.
 */
export const SYMBOL_SEPARATED_SECRET =
  "a generated-looking value beside a secret's name, joined by a sign, an arrow or a bar (`password ➜ …`, `password » …`, `password┃…`) or after a qualifier (`password[prod]: …`, `password@prod: …`)";

const NAME = String.raw`pass(?:word|wd|phrase|code)?|pwd?|secret|token|api[_-]?key`;
/**
 * Round 78 (78a-2): a name's own suffix (`password_prod → X`, `passwords[0]=X`): up to three letter-or-digit pieces, each
 * maybe after `_`, `.` or `-` (no modifier letter: that is a separator).
 */
const SUFFIX = String.raw`(?:[_.-]?[\p{Lu}\p{Ll}\p{Lt}\p{Lo}\p{N}]{1,24}){0,3}`;
/**
 * Qualifiers after the name: which system or stage the secret is for. Since 78a-2 any number of them, in any bracket pair
 * of Unicode (categories Ps/Pe: `{prod}`, `⟨prod⟩`, `【prod】`, `「prod」`) or `<…>`, or after `@`, `/` or `#`
 * (`password[prod][eu]`, `password/prod`, `password#prod`).
 */
const QUALIFIER = String.raw`(?:[ \t]?(?:[\p{Ps}<][^\p{Ps}\p{Pe}<>\s]{1,32}[\p{Pe}>])|[@/#][\w.-]{1,32}){1,4}`;
/**
 * The separator: a run of punctuation or symbols (P, S) or modifier letters (Lm: the IPA length mark `ː` looks like a colon).
 * `🔑` is a name that needs none.
 */
const SIGNS = String.raw`[\p{P}\p{S}\p{Lm}]`;
const SEPARATED = atFirstUse(
  () =>
    new RegExp(
      String.raw`(?<![\p{L}\p{N}_])(?<name>${NAME}|\u{1F511})(?<s>${SUFFIX})(?<q>${QUALIFIER})?(?<sep>[ \t\u00a0]{0,8}${SIGNS}{0,4}[ \t\u00a0]{0,8})(?<v>[^\s]{1,128})`,
      'giu',
    ),
);
/**
 * Round 78 (78a-15): the same turned round, a value and then a comment that names it (`Zx9kq2Lm # password`, `X // db pw`,
 * `X # пароль БД`, `X # senha do banco`), as config-door comments are read (commented-values.ts): a note of up to four
 * words that holds a secret's name, in any language (foreign-secret-words.ts), and no word that denies it or makes the
 * value a property of the secret (`# not a password`, `# password hash`, `# token id`).
 */
const NOTED = atFirstUse(() => /(?<![^\s:=])(?<v>[^\s#]{8,128})[ \t]+(?:#+|\/\/)[ \t]*(?<note>[^\n#]{1,64})$/gmu);
const ENGLISH_NAME = atFirstUse(() => new RegExp(String.raw`^(?:${NAME})s?$`, 'iu'));
const DENIAL_OR_PROPERTY =
  /^(?:not|no|never|without|isn't|non|ids?|names?|hash(?:es)?|digests?|fingerprints?|checksums?|hints?|policy|length|prefix|suffix|format|rules?|field|column|reset|rotation|expiry|expires?|ttl|is|was|are)$/i;
/** Words that open a note on the name before them (`for db`, `of the admin`, `used by ci`). */
const HEAD_NOTE = /^(?:for|of|to|on|in|from|at|by|used|via|with|per)$/i;
function namesNotedValue(note: string): boolean {
  const words = note
    .replace(/\([^()]*\)|（[^（）]*）/gu, ' ')
    .replace(/[^\p{L}\p{N}]+$/u, '')
    .split(/\s+/)
    .filter(Boolean);
  if (words.length === 0 || words.length > 4 || words.some((word) => DENIAL_OR_PROPERTY.test(word.replace(/[^\p{L}']+/gu, ''))))
    return false;
  // The English name is the note's head noun: its last word, or one a clause's sign or a prepositional note follows
  // (`# db password`, `# pass for db`, `# api token, rotated`); one that another noun follows is its modifier
  // (60a-10: `# token service build`, `# token refresh trace` name a build and a trace, not the value).
  const head = (word: string, i: number): boolean => i === words.length - 1 || /[\p{P}\p{S}]$/u.test(word) || HEAD_NOTE.test(words[i + 1]);
  return words.some(
    (word, i) =>
      (ENGLISH_NAME().test(word.replace(/^\p{P}+|[\p{P}\p{S}]+$/gu, '')) && head(word, i)) ||
      namesForeignSecret(words.slice(0, i + 1).join(' ')),
  );
}
/** A separator only of these joins a longer name (`password.txt`, `password_file`, `secret/db`) or quotes or brackets a value others read. */
const NAME_JOIN = /^[._/\\'"`()[\]{}<>$%-]+$/;
/** Quotes, brackets and a reference's `$` open a value others read, blanks around them or not. */
const QUOTE = /['"`()[\]{}$]/;
/** A setting's own separator, a JSON or quoted key's too (`"token_jti": "…"`), judged by the setting readers (where no qualifier stands between). */
const SETTING = /^["'`]?[:=]+$/;
/**
 * A reference, a path, a URL, code or a template where the value would stand; a password manager's name (`1Password`);
 * a digest with its algorithm (`sha256:…`, as OCI writes one: github.com/opencontainers/image-spec, descriptor.md).
 */
const NO_VALUE =
  /:\/\/|[/\\${}()<>%]|^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+$|[[\]"'`]|^1password$|^(?:sha\d{1,3}|sha3-\d{3}|md5|blake2[bs]?|blake3)[:-]/i;

/** A sign a chosen password holds and a name or a version does not (`-`, `.`, `_`, `@` join names, hosts and mail). */
export const PASSWORD_SIGN = /[!#^&*+=?~]/;

/**
 * Whether `word` looks chosen or generated as a password does: letters, digits and a password's sign (`Harbor2024!`,
 * `Estate2024!`), or both cases in a generated run (`Xk93mQvR2zLp`, generated-runs.ts). `beside`: after a separator,
 * where a name stands beside its value, both cases (`Harbor2024`) or any generated run (hex) suffice. A name of
 * lower-case words and a number (`db-creds-2024`), letters alone (`see`, `stored`) or, in a sentence, an algorithm's
 * or a product's name (`Argon2id`, `PostgreSQL15`) or a digest (`4f2a9c1b…`) is none.
 */
export function looksLikePassword(word: string, beside = false): boolean {
  if (word.length < 8 || word.length > 128 || NO_VALUE.test(word) || isPlaceholder(word) || isAnyPasswordHash(word)) return false;
  if (!/\p{L}/u.test(word) || !/\d/.test(word)) return false;
  if (PASSWORD_SIGN.test(word)) return true;
  const cases = /\p{Lu}/u.test(word) && /\p{Ll}/u.test(word);
  return beside ? cases || looksGenerated(word) : cases && looksGenerated(word);
}

/** Where `text` holds such a value: each value's span. */
export function symbolSeparatedSecretSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const named = /pass|pw|secret|token|api.?key|\u{1F511}/iu.test(text);
  for (const match of named ? text.matchAll(SEPARATED()) : []) {
    const { name, s: suffix, q, sep, v } = match.groups!;
    const sign = sep.trim();
    if ((sign === '' && name !== '\u{1F511}') || (q === undefined && SETTING.test(sign))) continue;
    // Glued to the name, a joining sign makes a longer name; set apart by blanks (`password / X`, `password -- X`), it separates.
    const joining = NAME_JOIN.test(sign);
    if (joining && (!/^[ \t\u00a0]/.test(sep) || !/[ \t\u00a0]$/.test(sep) || QUOTE.test(sign))) continue;
    const value = v.replace(/^["'«“„]+/, '').replace(/["'»”.,;:)\]]+$/, '');
    if (!looksLikePassword(value, true)) continue;
    // A longer name (`api_key_header`), a path (`secret/data/app:`) or a command's `--` may stand before a name of its own
    // (`X-Api-Key2`, `mydb2024Prod`): there, only a password's sign or a generated run is a value.
    const loose = /^s?$/i.test(suffix) && !joining && !/[/#]/.test(q ?? ''); // a plural is the name itself
    if (!loose && !PASSWORD_SIGN.test(value) && !value.split(/[^\p{L}\p{N}]+/u).some(looksGeneratedRun)) continue;
    const start = match.index + match[0].length - v.length + v.indexOf(value);
    spans.push([start, start + value.length]);
  }
  for (const match of /[ \t](?:#|\/\/)/.test(text) ? text.matchAll(NOTED()) : []) {
    const { v, note } = match.groups!;
    const value = v.replace(/^["'«“„]+/, '').replace(/["'»”,;]+$/, '');
    if (!looksLikePassword(value, true) || !namesNotedValue(note)) continue;
    const start = match.index + v.indexOf(value);
    spans.push([start, start + value.length]);
  }
  return spans;
}
