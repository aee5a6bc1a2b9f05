import type { Document, LineCounter } from 'yaml';
import { addDuplicateKeyErrors } from './duplicate-key-errors';
import { isAlias, yaml } from './yaml';

/**
 * The one reader of YAML text as documents of data, for the three ways this tool reads text it did not parse
 * as a config (manifest-text.ts, output/yaml-streams.ts, output/secret-gate.ts):
 * - `strict`: a key written twice is an error and `<<` stays a plain key (manifest-text.ts refuses it), so text
 *   is read only where go-yaml could not read it otherwise;
 * - `merging`: a key written twice is an error and merge keys are applied, as the API server's reader does;
 * - `lenient`: as far as the text parses, merge keys applied and the last of two equal keys kept (a parse error
 *   does not stop the document), for text already known to be unclean.
 * Aliases are bounded by yaml's default (100): a document past it (a "billion laughs") is an error, not a hang.
 */
export type YamlReading = 'strict' | 'merging' | 'lenient';

const OPTIONS: Readonly<Record<YamlReading, { uniqueKeys: boolean; merge: boolean }>> = {
  strict: { uniqueKeys: true, merge: false },
  merging: { uniqueKeys: true, merge: true },
  lenient: { uniqueKeys: false, merge: true },
};

/** One document of a text: its data, or (then no data) its first error, at an offset in the text. */
export interface ReadDocument {
  readonly doc: Document.Parsed;
  readonly data?: unknown;
  readonly error?: { readonly message: string; readonly offset: number };
}

export interface YamlRead {
  readonly documents: readonly ReadDocument[];
  /** Line and column (1-based) of an offset in the text. */
  readonly lines: LineCounter;
}

/** Every document of `text`, read as `reading` says. */
export function readYamlDocuments(text: string, reading: YamlReading): YamlRead {
  const lines = new yaml.LineCounter();
  const { uniqueKeys, merge } = OPTIONS[reading];
  // Keys written twice are found in linear time (duplicate-key-errors.ts), not by the package's own check.
  const docs = yaml.parseAllDocuments(text, { merge, uniqueKeys: false, lineCounter: lines, prettyErrors: false, logLevel: 'silent' });
  const documents = (docs as Document.Parsed[]).map((doc): ReadDocument => {
    if (uniqueKeys) addDuplicateKeyErrors(doc);
    const problem = reading === 'lenient' ? undefined : doc.errors[0];
    if (problem) return { doc, error: { message: problem.message, offset: problem.pos[0] } };
    try {
      return { doc, data: doc.toJS({ maxAliasCount: 100 }) };
    } catch (e) {
      // An alias with no anchor before it, or more aliases than yaml expands: at the first alias that has none.
      return { doc, error: { message: (e as Error).message, offset: unresolvedAlias(doc) ?? doc.range[0] } };
    }
  });
  return { documents, lines };
}

/** Offset of the first alias (`*name`) of a document with no anchor of its name before it. */
function unresolvedAlias(doc: Document.Parsed): number | undefined {
  const anchors = new Set<string>();
  let offset: number | undefined;
  yaml.visit(doc, {
    Node: (_, node) => {
      if (isAlias(node) && !anchors.has(node.source)) {
        offset = node.range?.[0];
        return yaml.visit.BREAK;
      }
      if (node.anchor) anchors.add(node.anchor);
      return undefined;
    },
  });
  return offset;
}

/**
 * A quoted scalar whose closing quote is missing: the parser reads the rest of the text into it and places its
 * error (`Missing closing "quote`) at the end of the text. Where the quote opens, and which mark it is.
 */
export function unclosedQuote(doc: Document.Parsed, text: string): { offset: number; mark: string } | undefined {
  let found: { offset: number; mark: string } | undefined;
  yaml.visit(doc, {
    Scalar: (_, node) => {
      if ((node.type !== 'QUOTE_DOUBLE' && node.type !== 'QUOTE_SINGLE') || !node.range) return undefined;
      const source = text.slice(node.range[0], node.range[1]);
      const closed = node.type === 'QUOTE_DOUBLE' ? /^"(?:[^"\\]|\\[\s\S])*"$/ : /^'(?:[^']|'')*'$/;
      if (closed.test(source)) return undefined;
      found = { offset: node.range[0], mark: node.type === 'QUOTE_DOUBLE' ? '"' : "'" };
      return yaml.visit.BREAK;
    },
  });
  return found;
}
