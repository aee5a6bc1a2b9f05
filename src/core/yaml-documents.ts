import type { Document, LineCounter } from 'yaml';
import { yaml } from './yaml';

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
  const docs = yaml.parseAllDocuments(text, { ...OPTIONS[reading], lineCounter: lines, prettyErrors: false, logLevel: 'silent' });
  const documents = (docs as Document.Parsed[]).map((doc): ReadDocument => {
    const problem = reading === 'lenient' ? undefined : doc.errors[0];
    if (problem) return { doc, error: { message: problem.message, offset: problem.pos[0] } };
    try {
      return { doc, data: doc.toJS({ maxAliasCount: 100 }) };
    } catch (e) {
      // An alias with no anchor before it, or more aliases than yaml expands.
      return { doc, error: { message: (e as Error).message, offset: doc.range[0] } };
    }
  });
  return { documents, lines };
}
