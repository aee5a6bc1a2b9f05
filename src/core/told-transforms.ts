/**
 * Round 73 (73b-4): a literal a command beside it undoes: reversed and piped through `rev` (util-linux rev(1)), or in
 * ROT13 and piped through `tr 'A-Za-z' 'N-ZA-Mn-za-m'` (either case first, brackets or not), or given to Python's
 * `codecs.decode(…, 'rot13')` (the `rot_13` codec, docs.python.org/3/library/codecs.html "Text Transforms"). Only where
 * the text says so: a word read backwards or in ROT13 everywhere would make secrets of ordinary words. The literal is
 * read as the command prints it. Linear: a literal ends at its quote, blank or line break.
 */
const LITERAL = String.raw`'[^'\n]{1,4096}'|"[^"\n]{1,4096}"|[^\s|'"();]{1,4096}`;
const ROT13_SETS = String.raw`tr[ \t]+(['"]?)\[?(?:A-Za-z|a-zA-Z)\]?\1[ \t]+(['"]?)\[?(?:N-ZA-Mn-za-m|n-za-mN-ZA-M)\]?\2`;
const TOLD = new RegExp(
  String.raw`\b(?:echo|printf[ \t]+(?:'%s'|"%s"|%s))(?:[ \t]+-[neE]{1,3})?[ \t]+(?:${LITERAL})[ \t]*\|[ \t]*(?:rev\b|${ROT13_SETS})` +
    String.raw`|\bcodecs\.decode\([ \t]*(?:'[^'\n]{1,4096}'|"[^"\n]{1,4096}")[ \t]*,[ \t]*['"]rot[_-]?13['"]`,
  'g',
);

const rot13 = (text: string): string =>
  text.replace(/[A-Za-z]/g, (c) => String.fromCharCode(((c.charCodeAt(0) - (c <= 'Z' ? 65 : 97) + 13) % 26) + (c <= 'Z' ? 65 : 97)));

/** The literal of a TOLD match, its quotes left out. */
function literalOf(command: string): string {
  const codec = /^codecs\.decode\([ \t]*(['"])(.*?)\1/.exec(command);
  if (codec) return codec[2];
  const piped = /[ \t](?:'([^']*)'|"([^"]*)"|([^\s|'"();]+))[ \t]*\|/.exec(command);
  return piped ? (piped[1] ?? piped[2] ?? piped[3]) : '';
}

/** The decoding (text-decodings.ts) that reads a literal as the command beside it prints it. */
export const TOLD_TRANSFORMS = {
  applies: /\|[ \t]*(?:rev\b|tr[ \t])|codecs\.decode\(/,
  escape: TOLD,
  decode: (command: string): string | undefined => {
    const literal = literalOf(command);
    if (!literal) return undefined;
    return /\|[ \t]*rev\b/.test(command) ? [...literal].reverse().join('') : rot13(literal);
  },
};
