import type { LineCounter } from 'yaml';
import { readYamlDocuments, unclosedQuote } from '../core/yaml-documents';

/** Why a YAML stream could not be read: the parser's first problem and where it is (1-based). */
export interface YamlProblem {
  readonly reason: string;
  readonly line: number;
  readonly column: number;
  /** Offset of the problem in the text. */
  readonly offset: number;
  /** Whether `reason` is this tool's own words, which quote nothing of the text (else the parser's, which may). */
  readonly ownWords?: boolean;
}

/** A YAML stream read as data: every document, or why it could not be read. */
export type YamlStream = { readonly documents: readonly unknown[] } | { readonly error: YamlProblem };

/**
 * Reads each output file once for the two checks that read it as data, the secret gate
 * (secret-gate.ts) and the conformance check (validate/conformance.ts): `streams(path, text)` gives
 * the same documents every time for the same text. Neither check changes what it reads.
 */
export type YamlStreams = (path: string, text: string) => YamlStream;

/** A file as written from data: its text and the documents serialized into it. */
export interface RenderedFile {
  readonly text: string;
  readonly documents: readonly unknown[];
}

/**
 * A file synth rendered from data (`rendered`, the charts' objects as cdk8s' Yaml.stringify wrote them)
 * is read as that data, as long as its text is the one written, instead of parsing the text back. Any other
 * text (a file of dist/ as it is on disk, text no renderer wrote) is parsed with yaml: YAML 1.2 core schema,
 * a key written twice refused, merge keys applied.
 *
 * K3s (its deploy controller, helm-controller) and kubectl read manifests with sigs.k8s.io/yaml, which is
 * go-yaml v2: YAML 1.1 booleans (`yes`, `on`), 1.1 octals (`012`), and any integer Go's
 * `strconv.ParseInt(s, 0, 64)` reads (`0x1F`, `0o17`, `0B11`, either case). Yaml.stringify writes YAML 1.1
 * (cdk8s lib/yaml.js), so it quotes every string that YAML 1.1 reads as another type (`"yes"`, `"on"`,
 * `"012"`, `"0x1F"`, `"1:20"`): for those, go-yaml reads the strings of the data. It writes plain the strings
 * that are integers only to Go (`0o17`, `0O17`, `0X1F`, `0B11`, `-0o17`), which K3s then reads as numbers
 * (checked against cdk8s 2.70 and yaml 2.9; go-yaml v2 resolve.go). No value of this tool's own output has
 * such a form; a value given by the user may, and is judged here as the string the data holds.
 */
export function yamlStreams(rendered: ReadonlyMap<string, RenderedFile> = new Map()): YamlStreams {
  const read = new Map<string, { text: string; stream: YamlStream }>();
  return (path, text) => {
    const source = rendered.get(path);
    if (source?.text === text) return { documents: source.documents };
    const known = read.get(path);
    if (known?.text === text) return known.stream;
    const stream = readStream(text);
    read.set(path, { text, stream });
    return stream;
  };
}

function readStream(text: string): YamlStream {
  const { documents, lines } = readYamlDocuments(text, 'merging');
  const failed = documents.find((document) => document.error);
  if (!failed?.error) return { documents: documents.map((document) => document.data) };
  // A quote left open runs to the end of the text, where the parser places its error: say where it opens.
  const quote = failed.error.message.startsWith('Missing closing') ? unclosedQuote(failed.doc, text) : undefined;
  if (quote)
    return { error: { ...at(`a quote (${quote.mark}) opens there and is never closed: close it`, quote.offset, lines), ownWords: true } };
  return { error: at(failed.error.message, failed.error.offset, lines) };
}

function at(message: string, offset: number, lines: LineCounter): YamlProblem {
  const { line, col } = lines.linePos(offset);
  return { reason: message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''), line, column: col, offset };
}
