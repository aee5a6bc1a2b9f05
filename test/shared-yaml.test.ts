import { dirname } from 'node:path';

/** src/core/yaml.ts: this project's yaml is cdk8s' bundled copy when that copy is the same release, else its own. */
const fromCdk8s = { paths: [dirname(require.resolve('cdk8s/package.json'))] };
const cdk8sManifest = require.resolve('yaml/package.json', fromCdk8s);
const ownManifest = require.resolve('yaml/package.json');
const versionOf = (manifest: string) => (require(manifest) as { version: string }).version;

function sharedYamlWith(cdk8sYamlVersion?: string): { yaml: unknown; cdk8sCopy: unknown; ownCopy: unknown } {
  let result = { yaml: undefined as unknown, cdk8sCopy: undefined as unknown, ownCopy: undefined as unknown };
  jest.isolateModules(() => {
    if (cdk8sYamlVersion) jest.doMock(cdk8sManifest, () => ({ version: cdk8sYamlVersion }));
    result = {
      yaml: (require('../src/core/yaml') as typeof import('../src/core/yaml')).yamlPackage,
      cdk8sCopy: require(require.resolve('yaml', fromCdk8s)),
      ownCopy: require('yaml'),
    };
  });
  jest.dontMock(cdk8sManifest);
  return result;
}

test('cdk8s bundles a copy of yaml apart from this project', () => {
  expect(cdk8sManifest).not.toBe(ownManifest);
});

test('the same release of yaml in cdk8s is shared, not loaded twice', () => {
  const { yaml, cdk8sCopy, ownCopy } = sharedYamlWith();
  expect(cdk8sCopy).not.toBe(ownCopy);
  expect(yaml).toBe(versionOf(cdk8sManifest) === versionOf(ownManifest) ? cdk8sCopy : ownCopy);
});

test('another release in cdk8s leaves this project on its own copy', () => {
  const { yaml, ownCopy } = sharedYamlWith('0.0.1');
  expect(yaml).toBe(ownCopy);
});
