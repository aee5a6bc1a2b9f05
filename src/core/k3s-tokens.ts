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
 * over lines, as black wraps them; after a `\` too), or an operator (`+`: JavaScript, Java, C#, Go, Python; `.`: PHP,
 * Perl; `..`: Lua; `&`: VB; `||`: SQL) before or after the line break; then the next literal's prefix and quote.
 */
const JOINER =
  /[ \t]{0,64}(?:\\?\r?\n[ \t]{0,64})?(?:(?:\+|\.\.?|&|\|\|)[ \t]{0,64}(?:\r?\n[ \t]{0,64})?)?(?:[bBrRuUfF]{1,2}|@|\$)?(["'`])/y;
/** How many literals are joined to a token's head, and how long each is read. */
const MAX_PIECES = 8;
const MAX_PIECE = 1024;

/**
 * Where a text holds a K3s token written as joined literals (`("K10…"\n "::server:…")`, `'K10…' + '::server:…'`,
 * `"K10…"'::server:…'`): from the head's `K10` to the last literal's closing quote. Only a literal that ends in a
 * token's head (`K10` and hex) starts a join, and a text is read once: each join goes on from where the last ended.
 */
export function joinedK3sTokenSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  if (!/k10/i.test(text)) return spans;
  let from = 0;
  for (const head of text.matchAll(HEAD)) {
    if (head.index < from) continue;
    let joined = head[0];
    // The closing quote of the literal read last.
    let close = head.index + head[0].length;
    for (let pieces = 0; pieces < MAX_PIECES; pieces++) {
      JOINER.lastIndex = close + 1;
      const next = JOINER.exec(text);
      if (!next) break;
      const quote = next[1];
      const start = JOINER.lastIndex;
      const limit = Math.min(text.length, start + MAX_PIECE);
      let i = start;
      while (i < limit && text[i] !== quote && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      if (text[i] !== quote) break;
      joined += text.slice(start, i);
      close = i;
    }
    from = close + 1;
    if (close > head.index + head[0].length && TOKEN_AT_START.test(joined)) spans.push([head.index, close + 1]);
  }
  return spans;
}
