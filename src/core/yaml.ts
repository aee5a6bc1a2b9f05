import { dirname } from 'node:path';
import type * as YamlPackage from 'yaml';

/**
 * The `yaml` package, for every module of this project (types come from `yaml` itself).
 *
 * cdk8s bundles its own copy of yaml and loads it when it is imported. When that copy is the very
 * release this project depends on, this project uses it too, instead of loading and compiling a
 * second copy of the same code (72 modules, about 4% of the app's time). Same release, same
 * behaviour; any other release (or a cdk8s without a bundled copy) leaves this project on its own.
 */
export const yaml: typeof YamlPackage = sharedYaml();

function sharedYaml(): typeof YamlPackage {
  try {
    const fromCdk8s = { paths: [dirname(require.resolve('cdk8s/package.json'))] };
    const release = (packageJson: string) => (require(packageJson) as { version?: unknown }).version;
    const bundled = release(require.resolve('yaml/package.json', fromCdk8s));
    if (typeof bundled === 'string' && bundled === release(require.resolve('yaml/package.json'))) {
      return require(require.resolve('yaml', fromCdk8s)) as typeof YamlPackage;
    }
  } catch {
    // cdk8s laid out otherwise: use this project's own copy.
  }
  return require('yaml') as typeof YamlPackage;
}

// The node type guards, called everywhere the parsed config is read.
export const { isAlias, isMap, isNode, isPair, isScalar, isSeq } = yaml;

/**
 * YAML text for a reader in Go (Helm, K3s and kubectl read YAML 1.1 through go-yaml), written under YAML 1.1 as
 * cdk8s writes manifests: a string such as `off`, `yes`, `NO`, `y`, `012` or `1:20`, which YAML 1.2 leaves
 * plain, is quoted, so go-yaml reads a string and not a boolean or a number. So is a string such as `0o17`,
 * `0X1F` or `0B11`, which the 1.1 schema leaves plain but go-yaml v2 reads as an integer (it parses a plain
 * scalar with Go's strconv.ParseInt(s, 0, 64), yaml.v2 resolve.go).
 */
export function stringifyForGo(
  value: unknown,
  options: { readonly sortMapEntries?: boolean; readonly keepUndefined?: boolean } = {},
): string {
  const doc = new yaml.Document(value, { ...options, version: '1.1' });
  yaml.visit(doc, {
    Scalar: (_, node) => {
      if (typeof node.value === 'string' && GO_PREFIXED_INTEGER.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return doc.toString({ lineWidth: 0 });
}

/** Text Go's ParseInt(s, 0, 64) may read as an integer with a base prefix, and YAML 1.1 leaves plain. */
const GO_PREFIXED_INTEGER = /^[-+]?0[oObBxX][0-9a-fA-F_]*$/;

/**
 * Manifests as cdk8s' `Yaml.stringify` writes them (YAML 1.1, one document each, `---` between), with the
 * quoting of `stringifyForGo`.
 */
export function stringifyManifests(documents: readonly unknown[]): string {
  return documents.map((document) => (document === undefined ? '\n' : stringifyForGo(document, { keepUndefined: true }))).join('---\n');
}
