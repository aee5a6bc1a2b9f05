import { mayQuote } from './quotable';
import { yaml } from './yaml';
import { nestsTooDeep } from './yaml-depth';

/** A tag (`!password=abc`, `!!binary`), anchor (`&name`) or alias (`*name`) as a YAML text writes it, and where. */
export interface YamlName {
  readonly type: 'tag' | 'anchor' | 'alias';
  /** The name as written, its indicator too. */
  readonly source: string;
  /** Where it starts in the text. */
  readonly offset: number;
}

/**
 * Every tag, anchor and alias a YAML text writes, read from yaml's syntax tree (its Parser), so a document that
 * does not compose cleanly still gives its names. They are not data: a secret in one is in no value the data
 * judges (`u: !password=abc z` reads as `u: z`), so they are judged on their own (yamlNamesHoldSecret).
 */
export function yamlNames(text: string): YamlName[] {
  // The tool's own output writes none; text without an indicator has none (a quick way out for every file).
  if (!/[!&*]/.test(text)) return [];
  // Text too deep to read (yaml-depth.ts) is refused whole by every reader; its syntax tree is not walked.
  if (nestsTooDeep(yaml, text) !== undefined) return [];
  const names: YamlName[] = [];
  const seen = new Set<object>();
  const walk = (node: unknown): void => {
    if (typeof node !== 'object' || node === null || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) return node.forEach(walk);
    const { type, source, offset } = node as { type?: unknown; source?: unknown; offset?: unknown };
    if ((type === 'tag' || type === 'anchor' || type === 'alias') && typeof source === 'string' && typeof offset === 'number') {
      names.push({ type, source, offset });
    }
    for (const value of Object.values(node)) walk(value);
  };
  for (const token of new yaml.Parser().parse(text)) walk(token);
  return names.sort((a, b) => a.offset - b.offset);
}

/**
 * The tags, anchors and aliases of a YAML text that hold a secret: judged paranoidly as raw text (mayQuote), or
 * holding one of `holds`' secrets. A secret in a name is in Git and in what K3s reads, as any other text of the file.
 */
export function yamlNamesHoldingSecret(text: string, holds: (name: string) => boolean = () => false): YamlName[] {
  return yamlNames(text).filter(({ source }) => holds(source) || holds(source.replace(/^[!&*]+/, '')) || !mayQuote(source));
}
