import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * src/validate/model-cache.ts loads a kubernetes-models model and the modules it requires from one
 * cache file. It must validate exactly as the model loaded module by module does.
 */

type Model = { prototype: { validate(this: unknown): void } };
const MODEL = 'kubernetes-models/apps/v1/DaemonSet';

/** A DaemonSet with problems of several kinds (type, enum, required, format, an unknown field). */
const BAD_DAEMON_SET = {
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'kube-vip-ds', namespace: 'kube-system' },
  spec: {
    selector: { matchLabels: { app: 'x' } },
    template: {
      metadata: { labels: { app: 'x' } },
      spec: {
        containers: [
          {
            name: 'a',
            image: 'x',
            ports: [{ containerPort: 'eighty', protocol: 'QUIC' }],
            resources: { limits: { cpu: {} }, requests: { memory: 'lots' } },
          },
          { image: 'no-name' },
        ],
        priority: 2 ** 40,
      },
    },
  },
};

/** The errors a model's validator reports for `object`, messages included (what runStrict reads). */
function errorsOf(model: Model, object: unknown): unknown {
  try {
    model.prototype.validate.call(object);
    return [];
  } catch (e) {
    return (e as { errors?: unknown }).errors;
  }
}

/** requireModel in a fresh module registry, with cache-folder.ts' folder and writer replaced. */
function requireModelFresh(
  specifier: string,
  cacheHelpers: { CACHE_DIR: string; writeCache: (file: string, text: string) => void },
): Model {
  let model: Model | undefined;
  jest.isolateModules(() => {
    jest.doMock('../src/output/cache-folder', () => ({ ...jest.requireActual('../src/output/cache-folder'), ...cacheHelpers }));
    const { requireModel } = require('../src/validate/model-cache') as typeof import('../src/validate/model-cache');
    model = (requireModel(specifier) as Record<string, Model>).DaemonSet;
  });
  jest.dontMock('../src/output/cache-folder');
  return model!;
}

const direct = (require(MODEL) as Record<string, Model>).DaemonSet;

let scratch: string;
beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'k3s-vip-model-cache-'));
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));
/** The cache in a scratch folder; `edit` changes what is written. */
const scratchCache = (edit = (text: string) => text) => ({
  CACHE_DIR: scratch,
  writeCache: (file: string, text: string) => writeFileSync(file, edit(text)),
});

test('a model from the cache file validates exactly as the model loaded module by module', () => {
  const expected = errorsOf(direct, BAD_DAEMON_SET);
  expect((expected as unknown[]).length).toBeGreaterThan(4);
  // The file counts its loads, to be sure the models come from it.
  const counting = scratchCache((text) =>
    text.replace('module.exports = [', 'globalThis.cacheLoads = (globalThis.cacheLoads ?? 0) + 1;\nmodule.exports = ['),
  );
  const written = requireModelFresh(MODEL, counting);
  const read = requireModelFresh(MODEL, counting);
  expect((globalThis as { cacheLoads?: number }).cacheLoads).toBe(2);
  expect(readdirSync(scratch)).toHaveLength(1);
  const text = readFileSync(join(scratch, readdirSync(scratch)[0]), 'utf8');
  expect(text).toMatch(/IoK8sApiCoreV1PodSpec\.js/);
  // The package's formats and messages come from model-runtime.ts, not from the package's 50 modules.
  expect(text).toMatch(/"@kubernetes-models\/validate":"k3s-vip:model-runtime"/);
  expect(text).not.toContain(require.resolve('@kubernetes-models/validate'));
  expect(expected).toContainEqual(expect.objectContaining({ keyword: 'format', params: { format: 'quantity' } }));
  for (const model of [written, read]) {
    expect(errorsOf(model, BAD_DAEMON_SET)).toEqual(expected);
    const empty = { ...BAD_DAEMON_SET, spec: { selector: {}, template: {} } };
    expect(errorsOf(model, empty)).toEqual(errorsOf(direct, empty));
    expect(errorsOf(model, { ...BAD_DAEMON_SET, spec: undefined })).toEqual([]);
  }
});

test('a kind kubernetes-models lacks fails as require() would', () => {
  jest.isolateModules(() => {
    const { requireModel } = require('../src/validate/model-cache') as typeof import('../src/validate/model-cache');
    expect(() => requireModel('kubernetes-models/apps/v1/NoSuchKind')).toThrow(expect.objectContaining({ code: 'MODULE_NOT_FOUND' }));
  });
});

describe('the cache only saves time', () => {
  test('when the cache cannot be written, the model loads module by module', () => {
    const model = requireModelFresh(MODEL, { CACHE_DIR: scratch, writeCache: () => undefined });
    expect(readdirSync(scratch)).toEqual([]);
    expect(errorsOf(model, BAD_DAEMON_SET)).toEqual(errorsOf(direct, BAD_DAEMON_SET));
  });

  test('a damaged cache file is loaded around, and written afresh', () => {
    let writes = 0;
    const model = requireModelFresh(
      MODEL,
      scratchCache((text) => (++writes === 1 ? text.slice(0, 5000) : text)),
    );
    expect(writes).toBe(2);
    expect(errorsOf(model, BAD_DAEMON_SET)).toEqual(errorsOf(direct, BAD_DAEMON_SET));
    expect(readFileSync(join(scratch, readdirSync(scratch)[0]), 'utf8')).toMatch(/IoK8sApiCoreV1PodSpec\.js/);
  });
});
