import type * as YamlPackage from 'yaml';

/**
 * How deep text this project reads as YAML may nest. The `yaml` package composes a document and turns it into data
 * recursively, once per level, and text nests as deep as it is long: `- - - …` or `{"a":{"a":…` a thousand levels
 * deep aborted Node (a fatal out-of-memory error in V8's RegExp compiler, run out of stack), and `? ? ? …` three
 * hundred deep took 40 seconds. No manifest or value nests anywhere near this deep; a config file's own bound is 32
 * (config/yaml-input.ts).
 */
export const MAX_YAML_NESTING = 64;

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
 * Whether a document token of the parser nests deeper than MAX_YAML_NESTING (flow collections, block mappings and
 * sequences, explicit keys). The `yaml` package makes tokens without recursion; they are walked with a list of
 * pending tokens, not recursion.
 */
export function documentNestsTooDeep(document: YamlPackage.CST.Document): boolean {
  const pending: Array<{ token: YamlPackage.CST.Token | null | undefined; depth: number }> = [{ token: document.value, depth: 0 }];
  while (pending.length) {
    const { token, depth } = pending.pop()!;
    if (!token || (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection')) continue;
    if (depth === MAX_YAML_NESTING) return true;
    for (const item of token.items) {
      if ('key' in item) pending.push({ token: item.key, depth: depth + 1 });
      pending.push({ token: item.value, depth: depth + 1 });
    }
  }
  return false;
}

/** Whether `text` nests deeper than MAX_YAML_NESTING as YAML, judged on the parser's tokens (documentNestsTooDeep). */
export function nestsTooDeep(pkg: Pick<typeof YamlPackage, 'Parser'>, text: string): boolean {
  if (!mayNestTooDeep(text)) return false;
  for (const token of new pkg.Parser().parse(text)) if (token.type === 'document' && documentNestsTooDeep(token)) return true;
  return false;
}
