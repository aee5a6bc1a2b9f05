import { readFileSync } from 'node:fs';
import { formatPath, Path } from '../core/problem';
import { mayQuote } from '../core/quotable';
import { REDACTED, secretShape, secretsInLines } from '../core/secrets';
import { isMap, isScalar, isSeq, yaml } from '../core/yaml';
import { secretsOfFile } from './secret-gate';

/**
 * Round 57 (attack 57a-9): the write gate refuses a generated file (a cluster's README.md, a manifest) the user cannot
 * edit; what they can edit is the config value the text came from. This traces a finding of secret-gate.ts back to the
 * config file's values: which values, written where, make up the text the gate refused. Only places and key paths
 * are said, never a value.
 */

/** A config value as written: its key path and where it starts (1-based line and column). */
interface ConfigValue {
  readonly path: Path;
  readonly line: number;
  readonly column: number;
  readonly value: string;
}

/** How many places a message names at most; a config holds hundreds of values, a refused text a few of them. */
const SHOWN = 4;

/**
 * For a gate finding (`<cluster>/<file>: holds …`) of the generated `files`: what to change in the config, as a clause
 * to append to the finding's message. `configOf` gives a cluster's config file (undefined when unknown), `shown` how a
 * message names it. Empty when the finding's file is not one of a known cluster.
 */
export function gateFindingSource(
  finding: string,
  files: ReadonlyMap<string, string>,
  configOf: (cluster: string) => string | undefined,
  shown: (file: string) => string,
): string {
  // `path: …`, or `path:line: …` for a finding read from lines (secret-gate.ts atLines).
  const path = [...files.keys()]
    .filter((name) => finding.startsWith(`${name}:`) && /^(?::\d+)?: /.test(finding.slice(name.length)))
    .sort((a, b) => b.length - a.length)[0];
  const configFile = path === undefined ? undefined : configOf(path.split('/')[0]);
  if (path === undefined || configFile === undefined) return '';
  const file = shown(configFile);
  let values: ConfigValue[];
  try {
    values = configValues(readFileSync(configFile, 'utf8'));
  } catch {
    return `; ${path} is generated from ${file}: change the value there that it shows`;
  }
  const texts = refusedTexts(path, files.get(path)!);
  const places = sources(texts, values)
    .slice(0, SHOWN)
    .map((value) => `${file}:${value.line}:${value.column} (${shownPath(value.path)})`);
  return places.length
    ? `; ${path} is generated: the text comes from ${places.join(', ')}: change it there`
    : `; ${path} is generated from ${file}: change the value there that it shows`;
}

/** What the gate refuses in a file: the secrets it finds, and each line a shape reading refuses (secret-shapes.ts). */
function refusedTexts(path: string, text: string): string[] {
  const lines = text.length <= 1 << 20 ? text.split('\n').filter((line) => line.length <= 4096 && secretShape(line)) : [];
  return [...new Set([...secretsOfFile(path, text), ...lines])].filter((found) => found.length >= 3).slice(0, 20);
}

/** Whether a text alone is refused: its lines hold a secret, or it has a secret's shape. */
const refused = (text: string): boolean => secretsInLines(text).length > 0 || !!secretShape(text);

/**
 * The config values a refused text comes from: a value holding the text whole, else the values inside it whose
 * removal clears it (a host beside a path: neither alone is refused), else every value inside it.
 */
function sources(texts: readonly string[], values: readonly ConfigValue[]): ConfigValue[] {
  const found = new Set<ConfigValue>();
  // Values only inside a text too long to judge (a whole valuesContent): said only where no text names a cause, so
  // the first lines of a config (its VIP, an object's kind) do not crowd out the value at fault (61a-10).
  const loose = new Set<ConfigValue>();
  for (const text of texts) {
    const holding = values.filter((value) => value.value.includes(text));
    if (holding.length) {
      holding.forEach((value) => found.add(value));
      continue;
    }
    const inside = values.filter((value) => value.value.length >= 3 && text.includes(value.value));
    const wasRefused = text.length <= 4096 && refused(text);
    const causes = wasRefused ? inside.filter((value) => !refused(text.split(value.value).join('x'))) : [];
    (causes.length ? causes : inside).forEach((value) => (causes.length ? found : loose).add(value));
  }
  return [...(found.size ? found : loose)].sort((a, b) => a.line - b.line || a.column - b.column);
}

/** The scalar values of a config file (a cluster's config is small and has passed the input checks). */
function configValues(text: string): ConfigValue[] {
  const lines = new yaml.LineCounter();
  const doc = yaml.parseDocument(text, { lineCounter: lines, uniqueKeys: false, prettyErrors: false });
  const out: ConfigValue[] = [];
  const walk = (node: unknown, path: Path): void => {
    if (path.length > 40 || out.length >= 5000) return;
    if (isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number') && node.range) {
      const { line, col } = lines.linePos(node.range[0]);
      out.push({ path, line, column: col, value: String(node.value) });
    } else if (isMap(node)) {
      for (const pair of node.items) if (isScalar(pair.key)) walk(pair.value, [...path, String(pair.key.value)]);
    } else if (isSeq(node)) node.items.forEach((item, i) => walk(item, [...path, i]));
  };
  walk(doc.contents, []);
  return out;
}

/** A key path as a message may print it: a key that may not be quoted (mayQuote) is redacted. */
const shownPath = (path: Path): string => formatPath(path.map((key) => (typeof key === 'string' && !mayQuote(key) ? REDACTED : key)));
