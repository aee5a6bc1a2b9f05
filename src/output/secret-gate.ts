import { yaml } from '../core/yaml';
import { formatPath } from '../core/problem';
import { FoundSecret, redact, secretShape, secretsInData } from '../core/secrets';

/**
 * The last gate before anything is written to dist/ or K3s' manifests folder: no file may hold a
 * secret-shaped value (a K3s token, a URL with credentials, a private key) or text under a key named
 * like a secret. YAML files are read as data, so a secret is named by its key path; every file is also
 * scanned as text (README, comments). Returns one line per finding, never the value.
 */
export function secretsInFiles(files: ReadonlyMap<string, string>): string[] {
  const findings: string[] = [];
  for (const [path, text] of files) {
    const shape = secretShape(text);
    for (const secret of secretsInYaml(path, text)) {
      findings.push(`${path}: ${formatPath(secret.path) || '(document)'} holds ${secret.what}`);
    }
    if (shape && !findings.some((line) => line.startsWith(`${path}:`))) findings.push(`${path}: holds ${shape}`);
  }
  return findings;
}

/** The secrets of a YAML file read as data (none for another file, or a document that does not parse). */
function secretsInYaml(path: string, text: string): FoundSecret[] {
  if (!/\.ya?ml$/.test(path)) return [];
  return parsedDocuments(text).flatMap((data) => [...secretsInData(data), ...secretsInChartValues(data)]);
}

function parsedDocuments(text: string): unknown[] {
  return yaml
    .parseAllDocuments(text, { uniqueKeys: false })
    .flatMap((doc) => ('errors' in doc && doc.errors.length ? [] : [doc.toJS({ maxAliasCount: -1 })]));
}

/**
 * K3s' HelmChartConfig and HelmChart carry the chart values as YAML inside a string (`spec.valuesContent`),
 * which the scan above sees as one text: it is read as data too, and only there, as every synth runs this gate.
 */
function secretsInChartValues(data: unknown): FoundSecret[] {
  const manifest = data as { kind?: unknown; spec?: { valuesContent?: unknown } } | null;
  const values = manifest?.spec?.valuesContent;
  if ((manifest?.kind !== 'HelmChartConfig' && manifest?.kind !== 'HelmChart') || typeof values !== 'string') return [];
  return parsedDocuments(values).flatMap((chartValues) => secretsInData(chartValues, ['spec', 'valuesContent']));
}

/**
 * `lines` (a diff of `files`, say) with every secret of those files redacted: a hand-edited file in
 * dist/ may hold one, and a diff would otherwise print it.
 */
export function redactFiles(lines: readonly string[], files: ReadonlyMap<string, string>): string[] {
  const secrets = [...files].flatMap(([path, text]) => secretsInYaml(path, text).map((secret) => secret.value));
  return lines.map((line) => redact(line, secrets));
}
