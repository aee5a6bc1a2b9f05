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
 * YAML text for a reader in Go (Helm and K3s read YAML 1.1 through go-yaml), written under YAML 1.1 as
 * cdk8s writes manifests: a string such as `off`, `yes`, `NO`, `y`, `012` or `1:20`, which YAML 1.2 leaves
 * plain, is quoted, so go-yaml reads a string and not a boolean or a number.
 */
export function stringifyForGo(value: unknown, options: { readonly sortMapEntries?: boolean } = {}): string {
  return yaml.stringify(value, { lineWidth: 0, ...options, version: '1.1' });
}
