import { yaml } from '../core/yaml';
import { formatPath } from '../core/problem';
import { secretShape, secretsInData } from '../core/secrets';

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
    if (/\.ya?ml$/.test(path)) {
      for (const doc of yaml.parseAllDocuments(text, { uniqueKeys: false })) {
        if ('errors' in doc && doc.errors.length) continue;
        for (const secret of secretsInData(doc.toJS({ maxAliasCount: -1 }))) {
          findings.push(`${path}: ${formatPath(secret.path) || '(document)'} holds ${secret.what}`);
        }
      }
    }
    if (shape && !findings.some((line) => line.startsWith(`${path}:`))) findings.push(`${path}: holds ${shape}`);
  }
  return findings;
}
