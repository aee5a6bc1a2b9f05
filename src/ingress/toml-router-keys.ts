/**
 * Whether a TOML text of the file provider names routers: a `routers` key or table (`[http.routers.r]`,
 * `[tcp.routers]`, `routers.r.rule = …` under `[http]`, `routers = { … }`, quoted `"routers"` too), outside comments.
 * A comment or a name that only holds the word (`# used by the routers of app.yaml`, a middleware `strip-routers`) is
 * no router (review60-10). TOML comments run from a `#` outside a string to the end of the line (toml.io v1.0.0,
 * "Comment"); strings are kept, so a key written as a string is still seen. One pass, one linear regex.
 */
export function tomlNamesRouters(text: string): boolean {
  return ROUTERS_KEY.test(withoutComments(text));
}

// `routers` as one key part: after a line start, space, `.`, `[`, `{` or `,`, before `.`, `=` or `]`.
const ROUTERS_KEY = /(?:^|[\s.[{,])["']?routers["']?[ \t]*[.=\]]/im;

/** The text without its comments; single- and multi-line basic and literal strings are stepped over. */
function withoutComments(text: string): string {
  let out = '';
  let quote = ''; // none, or the opening quote: " ' """ '''
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (!quote) {
      if (c === '#') {
        const end = text.indexOf('\n', i);
        i = end < 0 ? text.length : end;
        continue;
      }
      if (c === '"' || c === "'") quote = text.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      const step = quote.length || 1;
      out += text.slice(i, i + step);
      i += step;
    } else if (quote[0] === '"' && c === '\\') {
      out += text.slice(i, i + 2);
      i += 2;
    } else if (text.startsWith(quote, i)) {
      out += quote;
      i += quote.length;
      quote = '';
    } else {
      // A one-line string ends at its line's end (an unclosed one is TOML's error, not a comment's start).
      if (quote.length === 1 && c === '\n') quote = '';
      out += c;
      i++;
    }
  }
  return out;
}
