import { isPlaceholder } from './placeholders';

/**
 * K3s' secure token `K10<CA hash>::<credentials>` (docs.k3s.io/cli/token), also with the hash cut short or left out
 * (`K10::server:<password>`): the credentials after `::` are the secret, whatever the hash.
 */
export const K3S_TOKEN = /K10[0-9a-f]*(?:::|%3A%3A)[^\s"'`]+/gi;
/** What a K3s token is called in findings (`FoundSecret.what`). */
export const K3S_TOKEN_SHAPE = 'a K3s token (K10…::…)';

/** A token from its start, for a text that is the token's literals joined. */
const TOKEN_AT_START = new RegExp(`^${K3S_TOKEN.source}`, 'i');
/** A token's head that ends a literal: `K10`, hex, then the closing quote. */
const HEAD = /K10[0-9a-f]*(?=["'`])/gi;
/**
 * After a literal's closing quote, what joins it to the next literal as a source file joins them (attack round 46a-6):
 * nothing or blanks (Python's, C's and the shell's adjacent literals), a line break (Python's literals in parentheses
 * over lines, as black wraps them; after a `\\` too), or an operator (`+`: JavaScript, Java, C#, Go, Python; `.`: PHP,
 * Perl; `..`: Lua; `&`: VB; `||`: SQL; a call that appends (47a-8): JavaScript's `.concat(`, Java's StringBuilder
 * `).append(`, Kotlin's `.plus(`) before or after the line break; then the next literal's prefix and quote.
 */
const JOINER =
  /[ \t]{0,64}(?:\\?\r?\n[ \t]{0,64})?(?:(?:\+|\.\.?|&|\|\||\)?[ \t]{0,64}\.(?:concat|append|plus)\()[ \t]{0,64}(?:\r?\n[ \t]{0,64})?)?(?:[bBrRuUfF]{1,2}|@|\$)?(["'`])/y;
/** A list's next literal (47a-8: `["K10…", "server:…"].join("::")`, `"%s::server:%s" % ("K10…", "…")`). */
const LIST_NEXT = /[ \t]{0,64},[ \t]{0,64}(?:\r?\n[ \t]{0,64})?(?:[bBrRuUfF]{1,2}|@|\$)?(["'`])/y;
/** After a list: `].join("sep")` (JavaScript, Ruby). */
const JOIN_AFTER = /[ \t]{0,64}[\])][ \t]{0,64}\.join\([ \t]{0,64}(["'`])([^"'`\n\\]{0,64})\1/y;
/**
 * Before a list's first literal, what makes one text of it: `"sep".join([` (Python), `String.join("sep", ` (Java,
 * C#), a format and its `%` (Python), or its `.format(` (Python) or `String.format(fmt, ` (Java).
 */
const LIST_BEFORE =
  /(?:(["'])([^"'\n\\]{0,64})\1[ \t]{0,64}\.join\([ \t]{0,64}[[(]?|join\([ \t]{0,64}(["'])([^"'\n\\]{0,64})\3[ \t]{0,64},|(["'])([^"'\n\\]{0,256})\5[ \t]{0,64}(?:%[ \t]{0,64}\(?|\.format\(|,))[ \t]{0,64}(?:[bBrRuUfF]{1,2}|@|\$)?["'`]$/;
/** A format's places for its arguments, in order: `%s`, `{}`, `{0}`, `%1$s`. */
const FORMAT_PLACE = /%(?:\d+\$)?s|\{\d*\}/g;
/**
 * A token's credentials written as a literal after an interpolated hash (47a-8: `f"{h}::server:pw"`, `` `${h}::server:pw` ``,
 * `"#{h}::server:pw"`, `"%s::server:pw"`): the credentials are the secret, whatever the hash; a text that holds a
 * token's head elsewhere (`h = "K10…"`).
 */
const INTERPOLATED_HASH = /(?:\}|%s)(?:::|%3A%3A)[\w.-]{1,32}:([^\s"'`{}$%#\\]{6,})/g;
/**
 * A token whose CA hash is a placeholder or a variable and whose credentials are a literal (48a-2: `K10${H}::server:pw`,
 * `K10<hash>::…`, `K10$H::…`, `K10{ca_hash}::…`, `K10%s::…`, `K10...::…`; 49a-1: any word, `K10XXXX::…`, `K10CAHASH::…`,
 * `K10yourhash::…`, `K10_HASH_::…`, `K10_::…`, `K10ca-hash::…`, `K10[hash]::…`): `K10`, then any run without a blank,
 * a quote or a colon, then `::` and `<user>:`. The credentials are the secret, whatever the hash; they start with no
 * colon (`K10Widget::server::start()` is a path in code).
 */
const PLACEHOLDER_HASH =
  /(?<![A-Za-z0-9])K10(?:[$#]?\{[^{}\s]{1,64}\}|[^\s"'`:]{0,128})(?:::|%3A%3A)[\w.-]{1,32}:([^\s"'`{}$%#\\<:][^\s"'`{}$%#\\<]{5,})/gi;
/**
 * The same with no `<user>:` (50a-1: `K10CAHASH::pw`, `K10XXXX::pw`, `K10<hash>::pw`, `K10${H}::pw`): K3s takes
 * `K10<hash>::<password>` as well (docs.k3s.io/cli/token). The hash (group 1) must be one a person writes for a
 * placeholder (PLACEHOLDER_WORD, checked after), also lower-cased as a message may show a name (`k10xxxx::…`); the
 * credentials (group 2) are one run without a colon that no call or path goes on from (checked after).
 */
const PLACEHOLDER_HASH_BARE =
  /(?<![A-Za-z0-9])[Kk]10(<[^<>\n]{1,64}>|[^\s"'`:]{0,128})(?:::|%3[Aa]%3[Aa])([^\s"'`{}$%#\\<:()[\]][^\s"'`{}$%#\\<:()]{5,})/g;
/**
 * A placeholder for the CA hash: a bracketed name or a variable (`<…>`, `[…]`, `{…}`, `${…}`, `$H`, `%s`), dots, a word
 * without lower-case letters (`XXXX`, `CAHASH`, `_HASH_`), `x`s, or a word naming a hash or a placeholder (`yourhash`,
 * `ca-hash`, `sha256`, `fingerprint`, `placeholder`, `changeme`); a class name in code (`K10Widget::render()`) is none.
 */
const PLACEHOLDER_WORD =
  /^(?:[$#]?\{.*\}|<.*>|\[.*\]|\$\w+|%s|\.{2,8}|…|x{2,})$|hash|sha\d*|fingerprint|digest|placeholder|changeme|your|example|redacted/i;
const NO_LOWER = /^[^a-z]+$/;
/**
 * Round 52a / known limit 53: a lower-case word for the hash (`K10secret::…`, `K10mycluster::…`), where the credentials
 * look generated (upper- and lower-case letters and a digit, eight or more): a C++ namespace's member (`k10io::read`)
 * seldom does, and one that goes on as a call or a path is left out before.
 */
const LOWER_WORD = /^[a-z][a-z0-9_-]{0,63}$/;
const GENERATED = /^(?=[^A-Z]*[A-Z])(?=[^a-z]*[a-z])(?=\D*\d).{8,}$/;
/** How many literals are joined to a token's head, and how long each is read. */
const MAX_PIECES = 8;
const MAX_PIECE = 1024;
/** How many lists a text's joins and formats are looked for before (each reads up to 360 characters back). */
const MAX_LISTS = 256;

/** A token anywhere in a text made of a list's literals. */
const TOKEN_IN = new RegExp(K3S_TOKEN.source, 'i');

/** The literal after `close` (a literal's closing quote) that `joiner` joins to it: its text and closing quote. */
function literalAfter(text: string, joiner: RegExp, close: number): { piece: string; close: number } | undefined {
  joiner.lastIndex = close + 1;
  const next = joiner.exec(text);
  if (!next) return undefined;
  const quote = next[1];
  const start = joiner.lastIndex;
  const limit = Math.min(text.length, start + MAX_PIECE);
  let i = start;
  while (i < limit && text[i] !== quote && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
  return text[i] === quote ? { piece: text.slice(start, i), close: i } : undefined;
}

/**
 * The text a list of literals from a token's head (at `at`) to `close` makes, joined by a separator after or before it
 * or put into a format before it, with where that starts; undefined where nothing joins it.
 */
function listJoined(text: string, at: number, close: number, pieces: string[]): { text: string; start: number } | undefined {
  JOIN_AFTER.lastIndex = close + 1;
  const after = JOIN_AFTER.exec(text);
  if (after) return { text: pieces.join(after[2]), start: at };
  const before = text.slice(Math.max(0, at - 360), at);
  const found = LIST_BEFORE.exec(before);
  if (!found) return undefined;
  const start = at - before.length + found.index;
  const separator = found[2] ?? found[4];
  if (separator !== undefined) return { text: pieces.join(separator), start };
  let n = 0;
  return { text: found[6].replace(FORMAT_PLACE, () => pieces[n++] ?? ''), start };
}

/**
 * Where a text holds a K3s token written as joined literals (`("K10…"\n "::server:…")`, `'K10…' + '::server:…'`,
 * `"K10…"'::server:…'`, `"K10…".concat("::server:…")`, `["K10…", "server:…"].join("::")`, `"%s::server:%s" % ("K10…",
 * "…")`) or as credentials after an interpolated hash where a head is written (`f"{h}::server:…"`): from the head's `K10`
 * (or the list's join or format) to the last literal's closing quote. Only a literal that ends in a token's head (`K10`
 * and hex) starts a join, and a text is read once: each join goes on from where the last ended.
 */
export function joinedK3sTokenSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  if (!/k10/i.test(text)) return spans;
  for (const match of text.matchAll(PLACEHOLDER_HASH))
    if (!isPlaceholder(match[1])) spans.push([match.index, match.index + match[0].length]);
  for (const match of text.matchAll(PLACEHOLDER_HASH_BARE)) {
    const end = match.index + match[0].length;
    // `[^a-z]+` under the `i` flag is no letter at all: a hash without lower-case letters is looked for apart.
    const placeholder =
      PLACEHOLDER_WORD.test(match[1]) || NO_LOWER.test(match[1]) || (LOWER_WORD.test(match[1]) && GENERATED.test(match[2]));
    if (placeholder && !/^[:(]/.test(text.slice(end, end + 1)) && !isPlaceholder(match[2])) spans.push([match.index, end]);
  }
  let from = 0;
  let heads = 0;
  let lists = 0;
  for (const head of text.matchAll(HEAD)) {
    if (head.index < from) continue;
    heads++;
    let joined = head[0];
    // The closing quote of the head's literal, then of the literal read last.
    const headClose = head.index + head[0].length;
    let close = headClose;
    for (let n = 0, next; n < MAX_PIECES && (next = literalAfter(text, JOINER, close)); n++)
      [joined, close] = [joined + next.piece, next.close];
    if (close > headClose) {
      if (TOKEN_AT_START.test(joined)) spans.push([head.index, close + 1]);
    } else {
      const pieces = [head[0]];
      for (let n = 0, next; n < MAX_PIECES && (next = literalAfter(text, LIST_NEXT, close)); n++)
        [close] = [next.close, pieces.push(next.piece)];
      const list = pieces.length > 1 && lists++ < MAX_LISTS ? listJoined(text, head.index, close, pieces) : undefined;
      if (list && TOKEN_IN.test(list.text)) spans.push([list.start, close + 1]);
    }
    from = close + 1;
  }
  if (heads > 0 && /::|%3A%3A/i.test(text)) {
    for (const match of text.matchAll(INTERPOLATED_HASH)) spans.push([match.index, match.index + match[0].length]);
  }
  return spans;
}
