import { yaml } from '../core/yaml';
import { formatPath } from '../core/problem';
import { EMBEDDED_SECRET, FoundSecret, redactText, secretShape, secretsInData, secretsInLines } from '../core/secrets';
import { YamlStreams, yamlStreams } from './yaml-streams';

/**
 * The last gate before anything is written to dist/ or K3s' manifests folder: no file may hold a
 * secret-shaped value (a K3s token, a URL with credentials, a private key) or text under a key named
 * like a secret. YAML files are read as data, so a secret is named by its key path; every file is also
 * scanned as text (README, comments). Returns one line per finding, never the value.
 */
export function secretsInFiles(files: ReadonlyMap<string, string>, streams: YamlStreams = yamlStreams()): string[] {
  const findings: string[] = [];
  for (const [path, text] of files) {
    const shape = secretShape(text);
    const read = /\.ya?ml$/.test(path) ? yamlData(path, text, streams) : undefined;
    for (const secret of secretsInYaml(read)) {
      findings.push(`${path}: ${formatPath(secret.path) || '(document)'} holds ${secret.what}`);
    }
    const found = findings.some((line) => line.startsWith(`${path}:`));
    if (shape && !found) findings.push(`${path}: holds ${shape}`);
    // A document that does not parse hides its keys from the scan above: its lines are read one by one.
    else if (!found && read && !read.parses && secretsInLines(text).length) {
      findings.push(`${path}: holds a value under a key named like a secret (read line by line: the file is not valid YAML)`);
    }
  }
  return findings;
}

/** The secrets of a YAML file read as data (none for another file, or a document that does not parse). */
function secretsInYaml(read: YamlData | undefined): FoundSecret[] {
  if (!read) return [];
  return read.documents.flatMap((data) => {
    const values = (data as { spec?: { valuesContent?: unknown } } | null)?.spec?.valuesContent;
    const chartValues = typeof values === 'string' ? yamlData('values.yaml', values, yamlStreams()) : undefined;
    const found = [...secretsInData(data), ...secretsInChartValues(data, chartValues)];
    // valuesContent is multi-line text too: where it parses as chart values, those judge it with key paths
    // (a line `token: traefik-hub-license` under `hub:` names a Secret), not its lines one by one.
    const valuesParse = chartValues?.parses === true;
    const below = (outer: FoundSecret) => (inner: FoundSecret) =>
      inner.path.length > outer.path.length && outer.path.every((key, i) => inner.path[i] === key);
    const judgedAsValues = (secret: FoundSecret) => valuesParse && secret.path.join('.') === 'spec.valuesContent';
    return found.filter((secret) => secret.what !== EMBEDDED_SECRET || (!found.some(below(secret)) && !judgedAsValues(secret)));
  });
}

/** A YAML text as data: the documents that parse, and whether all do. */
interface YamlData {
  readonly documents: readonly unknown[];
  readonly parses: boolean;
}

/**
 * Text js-yaml may read otherwise than yaml does: a directive (`%YAML 1.1` switches yaml to YAML 1.1),
 * a tag, or a null that may be a key (js-yaml names the key `null`, yaml ''). Generated output has none.
 */
const READ_BY_YAML_ONLY = /^%|[!~]|\b(?:null|Null|NULL)\b/m;

/**
 * What yaml (the package, with duplicate keys allowed) reads from a YAML text: every document that
 * parses, as data, and whether all do. Where js-yaml reads the whole text, its documents are the same
 * data (both read the YAML 1.2 core schema; js-yaml refuses what they could differ on: duplicate and
 * complex keys, other tags), so the documents `streams` already read for the conformance check are used.
 */
function yamlData(path: string, text: string, streams: YamlStreams): YamlData {
  const stream = READ_BY_YAML_ONLY.test(text) ? undefined : streams(path, text);
  if (stream && 'documents' in stream) return { documents: stream.documents, parses: true };
  const parsed = yaml.parseAllDocuments(text, { uniqueKeys: false });
  return {
    documents: parsed.flatMap((doc) => ('errors' in doc && doc.errors.length ? [] : [doc.toJS({ maxAliasCount: -1 })])),
    parses: parsed.every((doc) => !('errors' in doc && doc.errors.length)),
  };
}

/**
 * K3s' HelmChartConfig and HelmChart carry the chart values as YAML inside a string (`spec.valuesContent`),
 * which the scan above sees as one text: it is read as data too, and only there, as every synth runs this gate.
 */
function secretsInChartValues(data: unknown, values: YamlData | undefined): FoundSecret[] {
  const kind = (data as { kind?: unknown } | null)?.kind;
  if ((kind !== 'HelmChartConfig' && kind !== 'HelmChart') || !values) return [];
  return values.documents.flatMap((chartValues) => secretsInData(chartValues, ['spec', 'valuesContent']));
}

/** Every secret a file holds, to redact: read as data where it parses (chart values too), and line by line always. */
function secretsOfFile(path: string, text: string): string[] {
  const read = /\.ya?ml$/.test(path) ? yamlData(path, text, yamlStreams()) : undefined;
  return [...secretsInYaml(read).map((secret) => secret.value), ...secretsInLines(text)];
}

/**
 * A redaction for texts of these file trees (dist/ as it is and a fresh synth, say): every secret any of
 * their files holds, and every secret shape, is replaced in a whole file's text, so a secret spanning lines
 * (a private key in a block scalar) is redacted line by line. Diff the redacted texts: a diff line never
 * holds the whole value, and per-line redaction would miss the body of a key.
 */
export function fileRedaction(...trees: ReadonlyArray<ReadonlyMap<string, string>>): (text: string) => string {
  const secrets = [...new Set(trees.flatMap((files) => [...files].flatMap(([path, text]) => secretsOfFile(path, text))))];
  return (text) => redactText(text, secrets);
}
