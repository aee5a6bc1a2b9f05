import { execFileSync, ExecFileSyncOptions } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { renderCharts } from '../../src/output/render';
import { buildApp } from '../../examples/typescript-app/main';
import { K3sVipCluster } from '../../src/index';

/**
 * The TypeScript path as a newcomer takes it, against today's npm registry: the package packed with
 * `npm pack`, examples/typescript-app copied out of the repository and installed with a fresh
 * dependency resolution (no lockfile, registry metadata fetched anew), then cdk8s' own `cdk8s synth`.
 * It takes minutes and needs the registry, so it is not part of `npm test`: `npm run test:fresh-install`
 * runs it, and so does .ci/run.
 */
const ROOT = join(__dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'k3s-vip-fresh-'));
const app = join(work, 'my-cluster-app');
const run = (command: string, args: string[], options: ExecFileSyncOptions = {}) =>
  execFileSync(command, args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 15 * 60_000,
    env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false', npm_config_audit: 'false', npm_config_fund: 'false' },
    ...options,
  }) as string;

let tarball: string;
beforeAll(() => {
  // `npm pack` compiles lib/ first (prepack) and writes the tarball to the folder given.
  const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], { cwd: ROOT })) as Array<{ filename: string }>;
  tarball = join(work, packed[0].filename);
  cpSync(join(ROOT, 'examples', 'typescript-app'), app, {
    recursive: true,
    filter: (source) => !/[/\\](node_modules|dist|cluster|package-lock\.json)$/.test(source),
  });
  // What the docs tell a newcomer: install the tarball over the example's `file:../..` dependency.
  run('npm', ['install', '--prefer-online', tarball], { cwd: app });
}, 20 * 60_000);

test('the example has no lockfile: the install resolved every dependency anew from the registry', () => {
  expect(readdirSync(join(ROOT, 'examples', 'typescript-app'))).not.toContain('package-lock.json');
  const manifest = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8'));
  expect(manifest.dependencies['k3s-vip']).toMatch(/^file:.*k3s-vip-\d+\.\d+\.\d+\.tgz$/);
});

test("TypeScript resolves to 5.x, which ts-node (cdk8s' typescript runner) works with", () => {
  const version = run(process.execPath, ['-p', "require('typescript/package.json').version"], { cwd: app }).trim();
  expect(version).toMatch(/^5\./);
});

test('cdk8s synth (ts-node type-checks main.ts against the packed typings) writes the manifests and the cluster files', () => {
  run('npx', ['cdk8s', 'synth'], { cwd: app });
  const manifests = readdirSync(join(app, 'dist')).filter((file) => file.endsWith('.yaml'));
  const written = manifests.flatMap((file) => parseAllDocuments(readFileSync(join(app, 'dist', file), 'utf8')).map((doc) => doc.toJS()));
  // The same objects as this checkout's source builds from the same app.
  const expected = renderCharts(buildApp(), '').flatMap(([, text]) => parseAllDocuments(text).map((doc) => doc.toJS()));
  const key = (o: { kind: string; metadata: { namespace?: string; name: string } }) =>
    `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
  expect(written.map(key).sort()).toEqual(expected.map(key).sort());
  expect(Object.fromEntries(written.map((o) => [key(o), o]))).toEqual(Object.fromEntries(expected.map((o) => [key(o), o])));
  // documents() from the packed library: each node's K3s config and the README with the runbook.
  const cluster = buildApp().node.children.find((c): c is K3sVipCluster => c instanceof K3sVipCluster)!;
  for (const { path, content } of cluster.documents({ source: 'main.ts' })) {
    expect({ path, content: readFileSync(join(app, 'cluster', 'dev', path), 'utf8') }).toEqual({ path, content });
  }
  expect(existsSync(join(app, 'cluster', 'dev', 'README.md'))).toBe(true);
});
