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

/** A gate finding traced to its config: the generated file's name, the config file, and the values (none if unreadable). */
interface Traced {
  readonly path: string;
  readonly configFile: string;
  readonly sources?: Sources;
}

/** Traces a gate finding (`<cluster>/<file>: holds …`) of the generated `files`; undefined when no known cluster's. */
function traced(
  finding: string,
  files: ReadonlyMap<string, string>,
  configOf: (cluster: string) => string | undefined,
): Traced | undefined {
  // `path: …`, or `path:line: …` for a finding read from lines (secret-gate.ts atLines).
  const path = [...files.keys()]
    .filter((name) => finding.startsWith(`${name}:`) && /^(?::\d+)?: /.test(finding.slice(name.length)))
    .sort((a, b) => b.length - a.length)[0];
  const configFile = path === undefined ? undefined : configOf(path.split('/')[0]);
  if (path === undefined || configFile === undefined) return undefined;
  let values: ConfigValue[];
  try {
    values = configValues(readFileSync(configFile, 'utf8'));
  } catch {
    return { path, configFile };
  }
  return { path, configFile, sources: sources(refusedTexts(path, files.get(path)!), values) };
}

/** Where a gate finding's text came from in the config (gateFindingSources). */
export interface GateFindingSources {
  /** Each config place, as a diagnostic starts: `config/c.yaml:16:20: traefik.values.extraObjects[0].data.k`. */
  readonly places: readonly string[];
  /** Where no place is known: what to change, as a clause to append to the finding's message (empty for no cluster's file). */
  readonly clause: string;
}

/**
 * The `error:` lines of a gate `finding` said as `found` (synth's and check's wording): one per config place its text came
 * from (`<place>: goes into <found>`, 77a-16), else `found` with what to change.
 */
export function gateFindingLines(
  finding: string,
  found: string,
  files: ReadonlyMap<string, string>,
  configOf: (cluster: string) => string | undefined,
  shown: (file: string) => string,
): string[] {
  const { places, clause } = gateFindingSources(finding, files, configOf, shown);
  return places.length ? places.map((place) => `error: ${place}: goes into ${found}`) : [`error: ${found}${clause}`];
}

/**
 * For a gate finding (`<cluster>/<file>: holds …`) of the generated `files`: every config place its text came from, so
 * a refusal says each on its own line (77a-16), else what to change as a clause. `configOf` gives a cluster's config
 * file (undefined when unknown), `shown` how a message names it.
 */
export function gateFindingSources(
  finding: string,
  files: ReadonlyMap<string, string>,
  configOf: (cluster: string) => string | undefined,
  shown: (file: string) => string,
): GateFindingSources {
  const found = traced(finding, files, configOf);
  if (!found) return { places: [], clause: '' };
  const file = shown(found.configFile);
  const { values = [], definite = false } = found.sources ?? {};
  if (definite) return { places: values.map((value) => `${file}:${value.line}:${value.column}: ${shownPath(value.path)}`), clause: '' };
  // Values only inside a text too long to judge are guesses: a few are named on the finding's own line.
  const guesses = values.slice(0, SHOWN).map((value) => `${file}:${value.line}:${value.column} (${shownPath(value.path)})`);
  return {
    places: [],
    clause: guesses.length
      ? `; ${found.path} is generated: the text comes from ${guesses.join(', ')}: change it there`
      : `; ${found.path} is generated from ${file}: change the value there that it shows`,
  };
}

/** How many guessed places a message names at most; a config holds hundreds of values. */
const SHOWN = 4;

/** How many refused texts of one file are traced: each is matched against every config value. */
const MAX_TEXTS = 100;

/** What the gate refuses in a file: the secrets it finds, and each line a shape reading refuses (secret-shapes.ts). */
function refusedTexts(path: string, text: string): string[] {
  const lines = text.length <= 1 << 20 ? text.split('\n').filter((line) => line.length <= 4096 && secretShape(line)) : [];
  const found = [...new Set([...secretsOfFile(path, text), ...lines])].filter((found) => found.length >= 3).slice(0, MAX_TEXTS);
  // 79a-15: a reading of the whole file (a decoding of lines read together) names no text: the whole file is the
  // refused text, so the value whose removal clears it is found (sources) and the refusal names its config place.
  return found.length || text.length > MAX_WHOLE_TEXT ? found : [text];
}

/**
 * How long a file may be to be traced whole: each config value inside it is tried by one reading of it (60 ms a
 * reading at this length, 180 ms at 16 KiB; only on a refusal), as long as a text judged alone below.
 */
const MAX_WHOLE_TEXT = 4096;

/** How many distinct config values a refused whole text is read without (sources): about 2 s at MAX_WHOLE_TEXT. */
const MAX_TRIES = 32;

/** Whether a text alone is refused: its lines hold a secret, or it has a secret's shape. */
const refused = (text: string): boolean => secretsInLines(text).length > 0 || !!secretShape(text);

/** The config values refused texts come from (sources). */
interface Sources {
  readonly values: readonly ConfigValue[];
  /** Whether each value is known to hold or cause a refused text, rather than only to lie inside one. */
  readonly definite: boolean;
}

/**
 * The config values a refused text comes from: a value holding the text whole, else the values inside it whose
 * removal clears it (a host beside a path: neither alone is refused), else every value inside it.
 */
function sources(texts: readonly string[], values: readonly ConfigValue[]): Sources {
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
    const wasRefused = text.length <= MAX_WHOLE_TEXT && refused(text);
    // One reading per distinct value, and at most MAX_TRIES of them: a render repeats `traefik` and `web` many times.
    const clears = new Map<string, boolean>();
    const clearing = (value: ConfigValue): boolean => {
      if (!clears.has(value.value)) clears.set(value.value, clears.size < MAX_TRIES && !refused(text.split(value.value).join('x')));
      return clears.get(value.value)!;
    };
    const causes = wasRefused ? inside.filter(clearing) : [];
    (causes.length ? causes : inside).forEach((value) => (causes.length ? found : loose).add(value));
  }
  const sorted = [...(found.size ? found : loose)].sort((a, b) => a.line - b.line || a.column - b.column);
  return { values: sorted, definite: found.size > 0 };
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
