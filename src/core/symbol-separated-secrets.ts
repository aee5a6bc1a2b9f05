import { looksGenerated } from './generated-runs';
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
/** A bracketed or `@` qualifier after the name: which system or stage the secret is for. */
const QUALIFIER = String.raw`[ \t]?(?:\[[^\]\s]{1,32}\]|\([^()\s]{1,32}\))|@[\w.-]{1,32}`;
const SEPARATED = atFirstUse(
  () =>
    new RegExp(
      String.raw`(?<![\p{L}\p{N}_])(?:${NAME})(?<q>${QUALIFIER})?(?<sep>[ \t\u00a0]{0,8}[\p{P}\p{S}]{1,4}[ \t\u00a0]{0,8})(?<v>[^\s]{1,128})`,
      'giu',
    ),
);
/** A separator only of these joins a longer name (`password.txt`, `password_file`, `secret/db`) or quotes or brackets a value others read. */
const NAME_JOIN = /^[._/\\'"`()[\]{}<>$%-]+$/;
/** A setting's own separator, judged by the setting readers (where no qualifier stands between). */
const SETTING = /^[:=]+$/;
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
  if (!/pass|pw|secret|token|api.?key/i.test(text)) return [];
  const spans: Array<[number, number]> = [];
  for (const match of text.matchAll(SEPARATED())) {
    const { q, sep, v } = match.groups!;
    const sign = sep.trim();
    if (NAME_JOIN.test(sign) || (q === undefined && SETTING.test(sign))) continue;
    const value = v.replace(/^["'«“„]+/, '').replace(/["'»”.,;:)\]]+$/, '');
    if (!looksLikePassword(value, true)) continue;
    const start = match.index + match[0].length - v.length + v.indexOf(value);
    spans.push([start, start + value.length]);
  }
  return spans;
}
