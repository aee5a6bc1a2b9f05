/**
 * nginx variables set to a literal (attack round 45a-12), for a credential header that sends one
 * (secrets-config-lines.ts: `proxy_set_header Authorization "Bearer $tok";`): the header holds the variable's name, the
 * secret stands where the variable is set. Two directives set one to a literal (nginx.org/en/docs): `set $name value;`
 * (ngx_http_rewrite_module) and a `map $source $name { … }` block (ngx_http_map_module), each of whose lines is
 * `source_value result;` (also `default result;`). A value that is itself a variable (`$http_x`), empty, or a `map`
 * line's parameter (`hostnames;`, `volatile;`, `include f;`) sets no literal.
 */

const QUOTED_OR_WORD = String.raw`"([^"\n]*)"|'([^'\n]*)'|([^\s;"'{}]+)`;
/** `set $name value;` at a line's start or after `;`/`{`. */
const SET = new RegExp(String.raw`(?:^|[;{])[ \t]*set[ \t]+\$(\w{1,64})[ \t]+(?:${QUOTED_OR_WORD})[ \t]*;`, 'dgm');
/** `map $source $name {`: the block's lines up to its `}` (no nesting in a map). */
const MAP = /(?:^|[;{}])[ \t]*map[ \t]+\S{1,256}[ \t]+\$(\w{1,64})[ \t]*\{([^{}]*)\}/dgm;
/** One line of a map block: a source value (quoted or not), blanks, the result, `;`. */
// At a word's start only, the word read at once: linear over a long word.
const MAP_LINE = new RegExp(String.raw`(?<![^\s;])(?:"[^"\n]*"|'[^'\n]*'|(?=([^\s;"']+))\1)[ \t]+(?:${QUOTED_OR_WORD})[ \t]*;`, 'dg');

/** Each literal a variable is set to, by the variable's name (no `$`): the value's span in `text`. */
export function nginxLiterals(text: string): Map<string, Array<[number, number]>> {
  const found = new Map<string, Array<[number, number]>>();
  if (!/(?:^|[;{}\s])(?:set|map)[ \t]+\$/m.test(text)) return found;
  const add = (name: string, match: RegExpMatchArray, first: number, offset = 0) => {
    const group = [first, first + 1, first + 2].find((n) => match[n] !== undefined);
    if (group === undefined || match[group] === '' || match[group].includes('$')) return;
    const [start, end] = match.indices![group];
    const spans = found.get(name) ?? [];
    if (!found.has(name)) found.set(name, spans);
    spans.push([start + offset, end + offset]);
  };
  for (const match of text.matchAll(SET)) add(match[1], match, 2);
  for (const match of text.matchAll(MAP)) {
    const [bodyStart] = match.indices![2];
    for (const line of match[2].matchAll(MAP_LINE)) add(match[1], line, 2, bodyStart);
  }
  return found;
}
