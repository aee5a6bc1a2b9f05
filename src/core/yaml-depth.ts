import type * as YamlPackage from 'yaml';

/**
 * How deep text this project reads as YAML may nest. The `yaml` package composes a document and turns it into data
 * recursively, once per level, and text nests as deep as it is long: `- - - …` or `{"a":{"a":…` a thousand levels
 * deep aborted Node (a fatal out-of-memory error in V8's RegExp compiler, run out of stack), and `? ? ? …` three
 * hundred deep took 40 seconds. No manifest or value nests anywhere near this deep; a config file's own bound is 32
 * (config/yaml-input.ts).
 */
export const MAX_YAML_NESTING = 64;

/**
 * How many entries one mapping or list of YAML this project reads may hold, and one text how many documents: a cluster
 * has tens of Ingresses, not thousands; the bound also caps the pairwise checks (duplicate VIPs, routes).
 */
export const MAX_ENTRIES = 1000;

/** What the reading of text nested deeper than MAX_YAML_NESTING says. */
export const TOO_DEEP_YAML = `nests deeper than ${MAX_YAML_NESTING} levels as YAML, too deep to read`;

/** Each level needs a line of its own or one of these marks: text with fewer of both cannot nest too deep. */
const NESTING_MARKS = new Set(['[', '{', '-', '?', '\n'].map((mark) => mark.charCodeAt(0)));

/** Whether `text` has enough lines and nesting marks to nest deeper than MAX_YAML_NESTING at all: one pass, no parse. */
export function mayNestTooDeep(text: string): boolean {
  let marks = 0;
  for (let i = 0; i < text.length && marks <= MAX_YAML_NESTING; i++) if (NESTING_MARKS.has(text.charCodeAt(i))) marks++;
  return marks > MAX_YAML_NESTING;
}

/**
 * Where a document token of the parser nests deeper than MAX_YAML_NESTING (flow collections, block mappings and
 * sequences, explicit keys): the offset of the first collection past it, or undefined. The `yaml` package makes
 * tokens without recursion; they are walked with a list of pending tokens, not recursion.
 */
export function documentNestsTooDeep(document: YamlPackage.CST.Document): number | undefined {
  const pending: Array<{ token: YamlPackage.CST.Token | null | undefined; depth: number }> = [{ token: document.value, depth: 0 }];
  while (pending.length) {
    const { token, depth } = pending.pop()!;
    if (!token || (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection')) continue;
    if (depth === MAX_YAML_NESTING) return token.offset;
    for (const item of token.items) {
      if ('key' in item) pending.push({ token: item.key, depth: depth + 1 });
      pending.push({ token: item.value, depth: depth + 1 });
    }
  }
  return undefined;
}

/**
 * Where `text` nests deeper than MAX_YAML_NESTING by its flow collections (`[[[…`) or by block indicators on one line
 * (`- - - …`, `? ? ? …`): the offset of the mark past the bound, read by the lexer, which stops there. The parser
 * takes seconds over a few hundred KB of `[[[…` and runs out of stack on five thousand `? ` (its cost and its
 * recursion grow with such nesting); block nesting over lines is left to the parser, which reads it without either.
 * Only text with that many brackets, or that many of `-`, `?`, `:` on one line, is lexed. Without `flow`, only the
 * block indicators count (what the parser cannot read at all).
 */
export function lexedTooDeep(pkg: Pick<typeof YamlPackage, 'Lexer'>, text: string, flow = true): number | undefined {
  let brackets = 0;
  let onLine = 0;
  let crowded = false;
  for (let i = 0; i < text.length && brackets <= MAX_YAML_NESTING && !crowded; i++) {
    const code = text.charCodeAt(i);
    if (code === OPEN_SEQUENCE || code === OPEN_MAPPING) brackets++;
    else if (code === NEWLINE) onLine = 0;
    else if (BLOCK_MARKS.has(code)) crowded = ++onLine > MAX_YAML_NESTING;
  }
  if ((!flow || brackets <= MAX_YAML_NESTING) && !crowded) return undefined;
  let depth = 0;
  let indicators = 0;
  let offset = 0;
  for (const token of new pkg.Lexer().lex(text)) {
    if (token === '[' || token === '{') {
      if (++depth > MAX_YAML_NESTING && flow) return offset;
    } else if (token === ']' || token === '}') depth = Math.max(0, depth - 1);
    else if (token === DOCUMENT) depth = 0;
    else if (token === '\n' || token === '\r\n') indicators = 0;
    else if (depth === 0 && (token === '-' || token === '?' || token === ':') && ++indicators > MAX_YAML_NESTING) return offset;
    // The lexer's tokens are slices of the text, but for its markers (yaml's parse/cst.ts), which take no room.
    if (!MARKERS.has(token)) offset += token.length;
  }
  return undefined;
}
const OPEN_SEQUENCE = '['.charCodeAt(0);
const OPEN_MAPPING = '{'.charCodeAt(0);
const NEWLINE = '\n'.charCodeAt(0);
/** The block indicators of a sequence item, an explicit key and a value, as characters. */
const BLOCK_MARKS = new Set(['-', '?', ':'].map((mark) => mark.charCodeAt(0)));
/** The lexer's markers (yaml's parse/cst.ts): the start of a document, the end of a flow collection, a scalar. */
const DOCUMENT = '\x02';
const MARKERS = new Set([DOCUMENT, '\x18', '\x1f']);

/**
 * Where `text` nests deeper than MAX_YAML_NESTING as YAML, or undefined: its flow collections and one-line block
 * nesting by the lexer (lexedTooDeep), then every collection on the parser's tokens (documentNestsTooDeep). The verdict on a long
 * text is remembered for the next few readings of it (a file of dist/ is read by several checks).
 */
export function nestsTooDeep(pkg: Pick<typeof YamlPackage, 'Lexer' | 'Parser'>, text: string): number | undefined {
  if (!mayNestTooDeep(text)) return undefined;
  const known = verdicts.get(text);
  if (known !== undefined) return known === false ? undefined : known;
  let deep = lexedTooDeep(pkg, text);
  for (const token of deep === undefined ? new pkg.Parser().parse(text) : []) {
    if (token.type === 'document') deep ??= documentNestsTooDeep(token);
  }
  rememberVerdict(text, deep);
  return deep;
}

/** Remembers where a text of REMEMBERED_LENGTH or more nests too deep, or that it does not (undefined). */
export function rememberVerdict(text: string, deep: number | undefined): void {
  if (text.length < REMEMBERED_LENGTH) return;
  if (verdicts.size === REMEMBERED_TEXTS) verdicts.delete(verdicts.keys().next().value!);
  verdicts.set(text, deep ?? false);
}

/** Where a text is known to nest too deep, false where it is known not to, undefined where it is not known. */
export function knownVerdict(text: string): number | false | undefined {
  return verdicts.get(text);
}

const REMEMBERED_LENGTH = 4096;
const REMEMBERED_TEXTS = 8;
const verdicts = new Map<string, number | false>();
