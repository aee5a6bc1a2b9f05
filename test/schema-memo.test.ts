import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import * as schemas from '../src/validate/schemas';
import { validateManifests } from '../src/validate/conformance';
import { schemaMemo } from '../src/validate/schema-memo';
import { cacheDir } from '../src/output/cache-folder';
import { yamlStreams } from '../src/output/yaml-streams';
import { DEV_YAML, synthFiles } from './helpers';

// A synth skips the schema check of an object that passed it before, byte for byte (src/validate/schema-memo.ts).

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function memoDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'k3s-vip-memo-'));
  dirs.push(dir);
  return dir;
}

const manifests = new Map([...synthFiles(DEV_YAML, 'dev')].filter(([path]) => path.endsWith('.yaml')));
const objectCount = [...manifests.values()].join('\n---\n').split(/^kind: /m).length - 1;

function checkedOnce(files: ReadonlyMap<string, string>, dir: string): { checks: number; violations: string[] } {
  const spy = jest.spyOn(schemas, 'checkSchema');
  try {
    const violations = validateManifests(files, yamlStreams(), schemaMemo(cacheDir(dir))).map((v) => `${v.object} ${v.field}`);
    return { checks: spy.mock.calls.length, violations };
  } finally {
    spy.mockRestore();
  }
}

test('a pass is remembered: the next run checks none of the same objects, and a fresh memo checks them all', () => {
  const dir = memoDir();
  const first = checkedOnce(manifests, dir);
  expect(first.violations).toEqual([]);
  expect(first.checks).toBeGreaterThanOrEqual(6);
  expect(checkedOnce(manifests, dir)).toEqual({ checks: 0, violations: [] });
  const [memo] = readdirSync(dir);
  expect(memo).toMatch(/^schema-passes-[0-9a-f]{16}\.txt$/);
  expect(readFileSync(join(dir, memo), 'utf8')).toMatch(/^([0-9a-f]{64}\n)+$/);
  expect(checkedOnce(manifests, memoDir()).checks).toBe(first.checks);
  expect(objectCount).toBeGreaterThanOrEqual(first.checks);
});

const badRole = stringify({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRole',
  metadata: { name: 'x' },
  rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'], verb: ['list'] }],
});

test('a finding is never remembered: every run reports it again', () => {
  const dir = memoDir();
  const files = new Map([['bad.yaml', badRole]]);
  for (let run = 0; run < 3; run++) {
    expect(checkedOnce(files, dir)).toEqual({ checks: 1, violations: ['ClusterRole/x rules[0].verb'] });
  }
  expect(readdirSync(dir)).toEqual([]);
});

test('a changed object is checked again, an unchanged one beside it is not', () => {
  const dir = memoDir();
  checkedOnce(manifests, dir);
  const changed = new Map(manifests);
  const [path, text] = [...manifests].find(([, t]) => t.includes('kind: Ingress'))!;
  changed.set(path, text.replace('k3s.code-place-dev.site', 'other.code-place-dev.site'));
  expect(checkedOnce(changed, dir).checks).toBe(1);
  expect(checkedOnce(changed, dir).checks).toBe(0);
});

test('damaged lines are ignored, and a link where the memo goes is never written through', () => {
  const dir = memoDir();
  checkedOnce(manifests, dir);
  const [memo] = readdirSync(dir);
  writeFileSync(join(dir, memo), 'not a digest\n\u0000\n');
  expect(checkedOnce(manifests, dir).checks).toBeGreaterThanOrEqual(6);
  expect(checkedOnce(manifests, dir).checks).toBe(0);

  const linked = memoDir();
  const target = join(memoDir(), 'elsewhere.txt');
  writeFileSync(target, 'untouched\n');
  symlinkSync(target, join(linked, memo));
  expect(checkedOnce(manifests, linked).checks).toBeGreaterThanOrEqual(6);
  expect(readFileSync(target, 'utf8')).toBe('untouched\n');
  expect(existsSync(join(linked, memo))).toBe(true);
});

test('another CRD folder is another memo: a pass under one set of CRDs is no pass under another', () => {
  const dir = memoDir();
  checkedOnce(manifests, dir);
  const crds = memoDir();
  for (const name of readdirSync(join(__dirname, '..', 'crds')).filter((n) => n.endsWith('.yaml'))) {
    writeFileSync(join(crds, name), readFileSync(join(__dirname, '..', 'crds', name)));
  }
  writeFileSync(join(crds, 'extra.yaml'), '# one more file changes the folder\n');
  const before = process.env.K3S_VIP_CRD_DIR;
  process.env.K3S_VIP_CRD_DIR = crds;
  try {
    expect(checkedOnce(manifests, dir).checks).toBeGreaterThanOrEqual(6);
  } finally {
    if (before === undefined) delete process.env.K3S_VIP_CRD_DIR;
    else process.env.K3S_VIP_CRD_DIR = before;
  }
  // The new memo replaced the other one.
  expect(readdirSync(dir)).toHaveLength(1);
});

test('an object JSON cannot hold exactly (NaN, Infinity, a BigInt, a hole) is never remembered', () => {
  const dir = memoDir();
  const memo = schemaMemo(dir);
  const deployment = (replicas: unknown) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { replicas } });
  for (const odd of [NaN, Infinity, -Infinity, 10n, [undefined]]) {
    const object = deployment(odd);
    memo.remember(object);
    expect(memo.passed(object)).toBe(false);
  }
  memo.save();
  expect(readdirSync(dir)).toEqual([]);
  // null, which JSON.stringify gives for NaN, is remembered as itself only.
  memo.remember(deployment(null));
  memo.save();
  const again = schemaMemo(dir);
  expect(again.passed(deployment(null))).toBe(true);
  expect(again.passed(deployment(NaN))).toBe(false);
});

test('a memo that is a link is not trusted, and a full memo starts over with the passes of the run that filled it', () => {
  const source = memoDir();
  checkedOnce(manifests, source);
  const [memo] = readdirSync(source);
  const linked = memoDir();
  symlinkSync(join(source, memo), join(linked, memo));
  expect(checkedOnce(manifests, linked).checks).toBeGreaterThanOrEqual(6);

  const full = memoDir();
  const filler = Array.from({ length: 20_000 }, (_, i) => i.toString(16).padStart(64, '0')).join('\n');
  writeFileSync(join(full, memo), `${filler}\n`);
  const first = checkedOnce(manifests, full).checks;
  expect(first).toBeGreaterThanOrEqual(6);
  expect(readFileSync(join(full, memo), 'utf8').trim().split('\n')).toHaveLength(first);
  expect(checkedOnce(manifests, full).checks).toBe(0);
});

test('attack 9 M2: a linked cache folder inside the project is neither read nor written (no cache, no memo)', () => {
  const elsewhere = memoDir();
  const parent = join(__dirname, '..', 'node_modules', '.cache');
  const link = join(parent, `k3s-vip-link-test-${process.pid}`);
  const real = join(parent, `k3s-vip-real-test-${process.pid}`);
  try {
    symlinkSync(elsewhere, link);
    expect(cacheDir(join(link, 'k3s-vip'))).toBeUndefined();
    expect(cacheDir(link)).toBeUndefined();
    expect(cacheDir(real)).toBe(real);
    expect(cacheDir(elsewhere)).toBe(elsewhere); // outside the project: as given (tests)
    expect(checkedOnce(manifests, join(link, 'k3s-vip')).checks).toBeGreaterThanOrEqual(6);
    expect(readdirSync(elsewhere)).toEqual([]);
  } finally {
    rmSync(link, { force: true });
    rmSync(real, { recursive: true, force: true });
  }
});

test('attack 9: a port that YAML reads as NaN is named NaN, not null', () => {
  const ingress = stringify({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'x', namespace: 'default' },
    spec: { defaultBackend: { service: { name: 's', port: { number: 80 } } } },
  }).replace('number: 80', 'number: .nan');
  const lines = validateManifests(new Map([['i.yaml', ingress]]), yamlStreams(), schemaMemo(memoDir())).map((v) => v.message);
  expect(lines.join('\n')).toMatch(/is NaN/);
  expect(lines.join('\n')).not.toMatch(/is null/);
});

test('attack 10 D6: a FIFO where the memo goes is an empty memo, not a hang', () => {
  const dir = memoDir();
  checkedOnce(manifests, dir);
  const [memo] = readdirSync(dir);
  rmSync(join(dir, memo));
  expect(spawnSync('mkfifo', [join(dir, memo)]).status).toBe(0);
  expect(checkedOnce(manifests, dir).checks).toBeGreaterThanOrEqual(6);
});
