import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Review 37, F6: the CRD validators and the Traefik values schemas keep their compiled code through one helper
 * (src/validate/ajv-cache.ts). A damaged CRD validator file threw ("does not compile") where a damaged values schema
 * file was compiled again; now both are compiled again. The cache folder is a temporary one here.
 */
jest.mock('../src/output/cache-folder', () => ({
  ...jest.requireActual<typeof import('../src/output/cache-folder')>('../src/output/cache-folder'),
  cacheDir: () => process.env.REVIEW38_CACHE_DIR,
}));

const dir = mkdtempSync(join(tmpdir(), 'k3s-vip-ajv-cache-'));
beforeAll(() => (process.env.REVIEW38_CACHE_DIR = dir));
afterAll(() => {
  delete process.env.REVIEW38_CACHE_DIR;
  rmSync(dir, { recursive: true, force: true });
});

/** The ClusterIssuer validator's verdicts on a good and a bad object, in a fresh module registry (a new process). */
function verdicts(): boolean[] {
  let result: boolean[] = [];
  jest.isolateModules(() => {
    const crds = require('../src/validate/crds') as typeof import('../src/validate/crds');
    const validate = crds.crdValidator(crds.findCrd('cert-manager.io/v1', 'ClusterIssuer')!, 'v1');
    const issuer = (spec: unknown) => ({ apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', metadata: { name: 'x' }, spec });
    result = [validate(issuer({ selfSigned: {} })) as boolean, validate(issuer({ selfSigned: 'yes' })) as boolean];
  });
  return result;
}

const validatorFiles = () => readdirSync(dir).filter((name) => /^crd-[0-9a-f]{16}\.js$/.test(name));

test.each([
  ['a syntax error', 'module.exports = ('],
  ['no function', 'module.exports = 42;'],
])('a CRD validator cache file that is %s is compiled and written again, without a throw', (_, garbage) => {
  const expected = verdicts();
  expect(expected).toEqual([true, false]);
  const files = validatorFiles();
  expect(files).toHaveLength(1);
  for (const name of files) writeFileSync(join(dir, name), garbage);
  expect(verdicts()).toEqual(expected);
  // Written again: the next run loads it.
  expect(readFileSync(join(dir, files[0]), 'utf8')).not.toBe(garbage);
});
