import { readYamlDocuments } from './yaml-documents';

/**
 * Text inside a value that another program reads as YAML or JSON: Traefik's file provider reads
 * `providers.file.content`, an app reads the file a ConfigMap's data holds. Read as data, every spelling YAML
 * allows for a key (`? password` then `: abc`, `"pass\u0077ord"`, `!!str password`, `&k password`, a flow
 * `{? password : abc}`, a merge) is the key itself, where a line-by-line reading sees none.
 */

/**
 * The longest text read as data: a config file's bound (src/config/yaml-input.ts MAX_FILE_BYTES), which no value
 * of a config exceeds; longer text (a hand-edited file of dist/) is read line by line only.
 */
const MAX_TEXT = 1024 * 1024;

/**
 * Text that may be YAML or JSON holding a mapping: several lines, or one line that starts as only data does (a
 * flow collection, an explicit key, a tag, an anchor or alias, a quoted key) and holds a `:`. A plain one-line
 * `key: value` is judged as text (secrets-text.ts) and is not read again.
 */
const mayBeData = (text: string): boolean => text.includes('\n') || (/^\s*[{[?!&*"']/.test(text) && text.includes(':'));

/**
 * The documents of `text` that are mappings or lists, where the text is JSON or parses as YAML without an error
 * (merge keys applied, the last of two equal keys kept: the line reading finds the first), or none. Aliases are
 * bounded as every YAML read here is (yaml-documents.ts): a document past the bound is left out.
 */
export function textAsData(text: string): unknown[] {
  if (text.length > MAX_TEXT || !mayBeData(text)) return [];
  if (/^\s*[{[]/.test(text)) {
    try {
      return [JSON.parse(text)];
    } catch {
      // Not JSON: maybe YAML.
    }
  }
  return readYamlDocuments(text, 'lenient')
    .documents.filter((document) => !document.error && document.doc.errors.length === 0)
    .map((document) => document.data)
    .filter((data) => data !== null && typeof data === 'object');
}
