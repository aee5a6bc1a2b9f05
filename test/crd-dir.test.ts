import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { validateManifests } from '../src/validate/conformance';
import { readCrds } from '../src/validate/crds';
import { FIXTURE_CONFIG_DIR } from './helpers';

const ROOT = join(__dirname, '..');
const RESTORE = 'restore it with `git checkout -- crds` (or point K3S_VIP_CRD_DIR at the folder of CRD files)';

/** A HelmChartConfig with a field its CRD does not declare: only a loaded CRD reports it. */
const HCC_WITH_UNKNOWN_FIELD = stringify({
  apiVersion: 'helm.cattle.io/v1',
  kind: 'HelmChartConfig',
  metadata: { name: 'traefik', namespace: 'kube-system' },
  spec: { valuesContent: 'service: {}\n', chart: 'traefik' },
});

let scratch: string;
beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'k3s-vip-crds-'));
});
afterEach(() => {
  process.chdir(ROOT);
  delete process.env.K3S_VIP_CRD_DIR;
  delete process.env.K3S_VIP_DIST_DIR;
  process.exitCode = undefined;
  jest.restoreAllMocks();
  rmSync(scratch, { recursive: true, force: true });
});

test('finds crds/ from the project root, whatever the working directory', () => {
  process.chdir(scratch);
  expect(validateManifests(new Map([['dev/traefik-config.yaml', HCC_WITH_UNKNOWN_FIELD]]))).toEqual([
    {
      file: 'dev/traefik-config.yaml',
      object: 'HelmChartConfig/kube-system/traefik',
      field: 'spec.chart',
      message: expect.stringMatching(/^is not a field of the HelmChartConfig schema of crds\/helmchartconfig\.yaml/),
    },
  ]);
});

describe('a CRD folder without CRDs is an error, never an empty index', () => {
  test.each([
    ['missing', (dir: string) => join(dir, 'crds'), 'is missing'],
    ['empty', (dir: string) => dir, 'holds no CustomResourceDefinition'],
    [
      'holding other YAML only',
      (dir: string) => {
        writeFileSync(join(dir, 'notes.yaml'), 'kind: ConfigMap\n');
        return dir;
      },
      'holds no CustomResourceDefinition',
    ],
  ])('%s', (_case, makeDir, problem) => {
    const dir = makeDir(scratch);
    expect(() => readCrds(dir)).toThrow(`the CRD folder ${dir} ${problem}, so custom resources cannot be validated: ${RESTORE}`);
  });

  test('names a CRD outside the project by its full path', () => {
    const dir = join(scratch, 'crds');
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'hcc.yaml'),
      stringify({
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: 'helmchartconfigs.helm.cattle.io' },
        spec: {
          group: 'helm.cattle.io',
          names: { kind: 'HelmChartConfig' },
          scope: 'Namespaced',
          versions: [{ name: 'v1', served: true }],
        },
      }),
    );
    expect(readCrds(dir).get('helm.cattle.io/HelmChartConfig')).toMatchObject({ file: join(dir, 'hcc.yaml'), scope: 'Namespaced' });
  });
});

describe('K3S_VIP_CRD_DIR naming a missing folder', () => {
  const missing = () => join(scratch, 'no-such-crds');
  const message = () => `the CRD folder ${missing()} is missing, so custom resources cannot be validated: ${RESTORE}`;

  test('`npm run validate` prints one line and exits 1', () => {
    const dist = join(scratch, 'dist');
    mkdirSync(join(dist, 'dev'), { recursive: true });
    writeFileSync(join(dist, 'dev', 'traefik-config.yaml'), HCC_WITH_UNKNOWN_FIELD);
    Object.assign(process.env, { K3S_VIP_CRD_DIR: missing(), K3S_VIP_DIST_DIR: dist });
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    jest.isolateModules(() => (require('../src/validate/conformance') as typeof import('../src/validate/conformance')).main());
    expect(stderr.mock.calls).toEqual([[`error: ${message()}\n`]]);
    expect(process.exitCode).toBe(1);
  });

  test('synth fails with one error line and writes nothing', () => {
    process.env.K3S_VIP_CRD_DIR = missing();
    const distDir = join(scratch, 'dist');
    const lines: string[] = [];
    jest.isolateModules(() => {
      const { runSynth } = require('../src/synth') as typeof import('../src/synth');
      const { wiring } = require('../src/main') as typeof import('../src/main');
      expect(runSynth({ configDir: FIXTURE_CONFIG_DIR, distDir, wiring, log: (line) => lines.push(line) })).toBe(1);
    });
    expect(lines).toEqual([`error: ${message()}`, `synth failed: ${distDir}/ was left unchanged.`]);
    expect(existsSync(distDir)).toBe(false);
  });

  test('a custom resource in extraObjects: one config error at the object, no crash, nothing written', () => {
    process.env.K3S_VIP_CRD_DIR = missing();
    const configDir = join(scratch, 'config');
    mkdirSync(configDir);
    const reference = readFileSync(
      join(
        FIXTURE_CONFIG_DIR,
        readdirSync(FIXTURE_CONFIG_DIR).find((f) => f.endsWith('.yaml'))!,
      ),
      'utf8',
    );
    const route = {
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'IngressRoute',
      metadata: { name: 'r', namespace: 'kube-system' },
      spec: { routes: [{ match: 'Host(`a.example.com`)', kind: 'Rule', services: [{ name: 's', port: 80 }] }] },
    };
    const config = parse(reference);
    config.traefik.values = { ...config.traefik.values, extraObjects: [route] };
    writeFileSync(join(configDir, 'c.yaml'), stringify(config));
    const distDir = join(scratch, 'dist');
    const lines: string[] = [];
    jest.isolateModules(() => {
      const { runSynth } = require('../src/synth') as typeof import('../src/synth');
      const { wiring } = require('../src/main') as typeof import('../src/main');
      expect(runSynth({ configDir, distDir, wiring, log: (line) => lines.push(line) })).toBe(1);
    });
    expect(lines.filter((line) => line.startsWith('error:'))).toEqual([
      expect.stringMatching(/c\.yaml:\d+:\d+: traefik\.values\.extraObjects\[0\]: cannot be judged: the CRD folder .* is missing/),
    ]);
    expect(existsSync(distDir)).toBe(false);
  });
});

describe('the parsed CRD index is cached by content (node_modules/.cache/k3s-vip/crds-*.json)', () => {
  const CACHE = join(ROOT, 'node_modules', '.cache', 'k3s-vip');
  const GROUP = 'crd-cache.test.k3s-vip.dev';
  const crd = (kind: string, scope: string, schema: object) =>
    stringify({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: `${kind.toLowerCase()}s.${GROUP}` },
      spec: { group: GROUP, names: { kind }, scope, versions: [{ name: 'v1', served: true, schema: { openAPIV3Schema: schema } }] },
    });
  const SCHEMA = { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer', default: 3 } } } } };
  /** findCrd and crdGroups in a fresh module registry (a new process, as far as crds.ts can tell). */
  const fresh = () => {
    let result: { widget?: unknown; gadget?: unknown; groups: ReadonlySet<string> } = { groups: new Set() };
    jest.isolateModules(() => {
      const crds = require('../src/validate/crds') as typeof import('../src/validate/crds');
      result = { widget: crds.findCrd(`${GROUP}/v1`, 'Widget'), gadget: crds.findCrd(`${GROUP}/v1`, 'Gadget'), groups: crds.crdGroups() };
    });
    return result;
  };
  const cacheFiles = () =>
    existsSync(CACHE)
      ? readdirSync(CACHE).filter((name) => name.startsWith('crds-') && readFileSync(join(CACHE, name), 'utf8').includes(GROUP))
      : [];

  test('a cached index equals the parsed one; an edited, added or removed CRD is read afresh', () => {
    process.env.K3S_VIP_CRD_DIR = scratch;
    writeFileSync(join(scratch, 'widget.yaml'), crd('Widget', 'Namespaced', SCHEMA));
    const parsed = readCrds(scratch).get(`${GROUP}/Widget`);
    expect(fresh().widget).toEqual(parsed);
    expect(cacheFiles().length).toBeGreaterThan(0);
    expect(fresh().widget).toEqual(parsed); // from the cache

    writeFileSync(join(scratch, 'widget.yaml'), crd('Widget', 'Cluster', SCHEMA));
    expect(fresh().widget).toMatchObject({ scope: 'Cluster', file: join(scratch, 'widget.yaml') });
    writeFileSync(join(scratch, 'gadget.yml'), crd('Gadget', 'Namespaced', SCHEMA));
    expect(fresh()).toMatchObject({ widget: { scope: 'Cluster' }, gadget: { kind: 'Gadget', file: join(scratch, 'gadget.yml') } });
    rmSync(join(scratch, 'gadget.yml'));
    expect(fresh().gadget).toBeUndefined();
  });

  test('the index holds no schema: each CRD has its schemas in a file of its own, read when needed, a damaged one parsed around', () => {
    process.env.K3S_VIP_CRD_DIR = scratch;
    writeFileSync(join(scratch, 'widget.yaml'), crd('Widget', 'Namespaced', SCHEMA));
    writeFileSync(join(scratch, 'gadget.yaml'), crd('Gadget', 'Cluster', { ...SCHEMA, description: 'gadget' }));
    fresh();
    const index = cacheFiles().find((name) => readFileSync(join(CACHE, name), 'utf8').includes('"gadget.yaml"'))!;
    const ownFiles = () => readdirSync(CACHE).filter((name) => name === index || name.startsWith(`${index.slice(0, -'.json'.length)}-`));
    // Written afresh, whatever an earlier run left.
    for (const name of ownFiles()) rmSync(join(CACHE, name));
    fresh();
    try {
      expect(readFileSync(join(CACHE, index), 'utf8')).not.toContain('properties');
      const schemaFiles = ownFiles().filter((name) => name !== index);
      expect(schemaFiles).toHaveLength(2);
      expect(schemaFiles.map((name) => readFileSync(join(CACHE, name), 'utf8')).filter((text) => text.includes('gadget'))).toHaveLength(1);
      const parsed = readCrds(scratch);
      const expected = { widget: parsed.get(`${GROUP}/Widget`), gadget: parsed.get(`${GROUP}/Gadget`), groups: new Set([GROUP]) };
      expect(fresh()).toEqual(expected);
      for (const name of schemaFiles) writeFileSync(join(CACHE, name), '{"v1": {"type": "stri');
      expect(fresh()).toEqual(expected);
    } finally {
      for (const name of ownFiles()) rmSync(join(CACHE, name));
    }
  });

  test('a damaged cache file is parsed around, never trusted', () => {
    process.env.K3S_VIP_CRD_DIR = scratch;
    writeFileSync(join(scratch, 'widget.yaml'), crd('Widget', 'Namespaced', SCHEMA));
    fresh();
    for (const name of cacheFiles()) writeFileSync(join(CACHE, name), `${readFileSync(join(CACHE, name), 'utf8').slice(0, 40)}`);
    expect(fresh().widget).toEqual(readCrds(scratch).get(`${GROUP}/Widget`));
  });

  test('a schema value JSON cannot keep (.inf, -0) is never cached', () => {
    process.env.K3S_VIP_CRD_DIR = scratch;
    writeFileSync(join(scratch, 'widget.yaml'), crd('Widget', 'Namespaced', SCHEMA).replace('default: 3', 'default: .inf'));
    const defaultOf = (found: unknown) =>
      (found as { versions: Map<string, any> }).versions.get('v1').properties.spec.properties.size.default as unknown;
    for (let run = 0; run < 2; run++) expect(defaultOf(fresh().widget)).toBe(Infinity);
    writeFileSync(join(scratch, 'widget.yaml'), crd('Widget', 'Namespaced', SCHEMA).replace('default: 3', 'default: -0'));
    for (let run = 0; run < 2; run++) expect(Object.is(defaultOf(fresh().widget), -0)).toBe(true);
  });
});
