// Round 68c-1 and 68c-4: a default example or --from source that is there but no regular file (a FIFO, a folder, a link
// to nothing or to a device) is named by what it is, not as missing; check and validate name a link at a cluster's
// folder in dist/ instead of advising a synth that refuses it.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newCluster } from '../src/new-cluster';

const root = join(__dirname, '..');
let scratch: string;
beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'mine68-test-'));
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

function runNew(args: string[], prepare: (config: string) => void): string {
  const config = join(scratch, 'config');
  mkdirSync(join(config, 'examples'), { recursive: true });
  prepare(config);
  const lines: string[] = [];
  const code = newCluster(args, { configDir: config, schemaFile: join(root, 'config.schema.json'), log: (l) => lines.push(l) });
  expect(code).toBe(1);
  return lines.join('\n').replaceAll(config, '<config>');
}

describe('npm run new: a source that is there but no regular file (68c-1)', () => {
  const example = (config: string) => join(config, 'examples', 'reference.yaml');
  test.each([
    ['a FIFO', (config: string) => execFileSync('mkfifo', [example(config)])],
    ['a folder', (config: string) => mkdirSync(example(config))],
    ['a symbolic link to nothing', (config: string) => symlinkSync('/nonexistent-68c', example(config))],
    ['a symbolic link to a device file', (config: string) => symlinkSync('/dev/zero', example(config))],
    ['a symbolic link to a folder', (config: string) => symlinkSync(config, example(config))],
  ])('the default example as %s', (kind, make) => {
    expect(runNew(['home'], make)).toBe(
      `error: the default example <config>/examples/reference.yaml exists but is ${kind}: make it a regular file, or name the file to copy with --from <cluster or example>`,
    );
  });
  test('a missing default example is still missing', () => {
    expect(runNew(['home'], () => undefined)).toContain('error: the default example <config>/examples/reference.yaml is missing:');
  });
  test.each([
    ['a symbolic link to a device file', (config: string) => symlinkSync('/dev/zero', join(config, 'src.yaml'))],
    ['a symbolic link to nothing', (config: string) => symlinkSync('/nonexistent-68c', join(config, 'src.yaml'))],
  ])('--from naming %s', (kind, make) => {
    expect(runNew(['home', '--from', 'src'], make)).toBe(
      `error: --from "src": <config>/src.yaml exists but is ${kind}: --from copies a regular file; make it one`,
    );
  });
  test('--from a link to a file copies it', () => {
    const config = join(scratch, 'config');
    mkdirSync(config, { recursive: true });
    copyFileSync(join(root, 'test', 'fixtures', 'config', 'dev.yaml'), join(scratch, 'real.yaml'));
    symlinkSync(join(scratch, 'real.yaml'), join(config, 'src.yaml'));
    const lines: string[] = [];
    const code = newCluster(['home', '--from', 'src'], {
      configDir: config,
      schemaFile: join(root, 'config.schema.json'),
      log: (l) => lines.push(l),
    });
    expect(code).toBe(0);
  });
});

describe('check and validate with dist/<cluster> as a symbolic link (68c-4)', () => {
  const app = (command: string, env: NodeJS.ProcessEnv) =>
    spawnSync(process.execPath, [join(root, 'scripts', 'app.js'), command], {
      encoding: 'utf8',
      env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false', ...env },
    });
  test('both name the link and advise moving it away', () => {
    const [config, dist] = [join(scratch, 'config'), join(scratch, 'dist')];
    mkdirSync(config);
    copyFileSync(join(root, 'test', 'fixtures', 'config', 'dev.yaml'), join(config, 'dev.yaml'));
    const env = { K3S_VIP_CONFIG_DIR: config, K3S_VIP_DIST_DIR: dist };
    expect(
      spawnSync(process.execPath, [join(root, 'scripts', 'synth.js')], { env: { ...process.env, ...env, CDK8S_CHECK_UPGRADE: 'false' } })
        .status,
    ).toBe(0);
    expect(app('check', env).status).toBe(0);
    renameSync(join(dist, 'dev'), join(scratch, 'real-dev'));
    symlinkSync(join(scratch, 'real-dev'), join(dist, 'dev'));
    const check = app('check', env);
    expect(check.status).toBe(1);
    expect(check.stdout + check.stderr).toContain('!!! dev is a symbolic link where generated files go');
    expect(check.stdout + check.stderr).toContain('move away the 1 non-file(s) standing where generated files go');
    expect(check.stdout + check.stderr).not.toContain('not written by synth, were left out');
    const validate = app('validate/conformance', env);
    expect(validate.status).toBe(1);
    expect(validate.stderr.trim()).toBe(
      `validate: ${dist}/ holds no manifests it reads (dev is a symbolic link, which validate and synth never read or write through): move it away and run \`npm run synth\` first.`,
    );
  });
});
