import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { notInstalledHere } from '../src/k3s/install-apply';
import { newCluster } from '../src/new-cluster';
import { DEV_YAML } from './helpers';

/** Attack round 18a F2 to F4: file and folder names that `new` and `k3s:install` echo. SEKRIT marks what no line may show. */
let scratch: string;
beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'k3s-vip-attack18-'));
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

function runNew(args: string[]) {
  const config = join(scratch, 'config');
  mkdirSync(config, { recursive: true });
  writeFileSync(join(config, 'dev.yaml'), DEV_YAML);
  writeFileSync(join(config, 'db_password=hunter2SEKRIT.yaml'), DEV_YAML);
  const lines: string[] = [];
  const code = newCluster(args, { configDir: config, schemaFile: join(scratch, 'schema.json'), log: (l) => lines.push(l) });
  return { code, text: lines.join('\n') };
}

test('new lists the clusters it knows without what their file names hold (F2)', () => {
  const { code, text } = runNew(['x3', '--from', 'zzz']);
  expect(code).toBe(1);
  expect(text).toContain('is neither a cluster (db_password=<redacted>, dev)');
  expect(text).not.toMatch(/SEKRIT/);
});

test('new names the copied file without what its name holds (F3)', () => {
  const { code, text } = runNew(['x2', '--from', 'db_password=hunter2SEKRIT']);
  expect(code).toBe(0);
  expect(text).toMatch(/^new: wrote .*x2\.yaml, a copy of .*db_password=<redacted>/);
  expect(text).not.toMatch(/SEKRIT/);
  expect(readFileSync(join(scratch, 'config', 'x2.yaml'), 'utf8')).toContain('kubeVip:');
});

test("k3s:install's missing --dir names its parent without what the path holds (F4)", () => {
  const message = notInstalledHere(join(scratch, 'db_password=hunter2SEKRIT', 'manifests'));
  expect(message).toMatch(/neither it nor .*db_password=<redacted> exists/);
  expect(message).not.toMatch(/SEKRIT/);
});
