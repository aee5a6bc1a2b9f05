// Round 66c-2 to 66c-7: a SIGKILL of npm's own pid stops the publish; a killed cdk8s CLI is said in one line with a
// matching exit status; the size limit in bytes; k3s:install names the config folder in use; a non-file where a
// generated file goes is named by what it is, with "move it away" first.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sizeProblem } from '../src/config/yaml-input';
import { readSource } from '../src/k3s/install-apply';
import { runInstall } from '../src/k3s/install-cli';
import { newCluster } from '../src/new-cluster';
import { launcherGone } from '../src/output/launcher';
import { syncTree } from '../src/output/publish';
import { unreadEntries } from '../src/validate/unread-files';

const root = join(__dirname, '..');
let scratch: string;
beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'integrity66-test-'));
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

const running = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
async function until(test: () => boolean, ms: number): Promise<void> {
  for (const end = Date.now() + ms; !test() && Date.now() < end;) await sleep(10);
}
const deadPid = () => Number(execFileSync('sh', ['-c', 'sh -c "echo \\$\\$"'], { encoding: 'utf8' }).trim());

/** A config folder with dev.yaml as `b.yaml`, and an empty output folder. */
function project(): { env: NodeJS.ProcessEnv; dist: string } {
  const [config, dist] = [join(scratch, 'config'), join(scratch, 'dist')];
  mkdirSync(config);
  mkdirSync(dist);
  writeFileSync(join(config, 'b.yaml'), readFileSync(join(root, 'test', 'fixtures', 'config', 'dev.yaml')));
  return { env: { ...process.env, K3S_VIP_CONFIG_DIR: config, K3S_VIP_DIST_DIR: dist, K3S_VIP_DEBUG: '' }, dist };
}
const cliFile = (pid: number) => join(root, '.cdk8s.out', `run-${pid}.cli`);

describe('66c-2: a SIGKILL of npm (not of its group) stops the synth before it publishes', () => {
  // npm is faked by a node script named in npm_execpath (as npm sets it), which starts scripts/synth.js and SIGKILLs
  // itself once synth.js has started the CLI: the same process tree as `npm run synth` (npm, then its script), and
  // deterministic (the app starts under the CLI well after synth.js recorded its runner). Real npm is too slow here.
  test('the app refuses and the output folder stays empty', async () => {
    const { env, dist } = project();
    const fakeNpm = join(scratch, 'npm-cli.js');
    const out = join(scratch, 'out');
    writeFileSync(
      fakeNpm,
      `const { spawn } = require('node:child_process'); const fs = require('node:fs');
       const fd = fs.openSync(${JSON.stringify(out)}, 'w');
       const c = spawn(process.execPath, [${JSON.stringify(join(root, 'scripts', 'synth.js'))}], { cwd: ${JSON.stringify(root)}, stdio: ['ignore', fd, fd], detached: true });
       process.stdout.write(c.pid + '\\n');
       const file = ${JSON.stringify(join(root, '.cdk8s.out'))} + '/run-' + c.pid + '.cli';
       const t = setInterval(() => { if (fs.existsSync(file)) { clearInterval(t); process.kill(process.pid, 'SIGKILL'); } }, 5);`,
    );
    const npm = spawn(process.execPath, [fakeNpm], {
      env: { ...env, npm_lifecycle_event: 'synth', npm_execpath: fakeNpm },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let text = '';
    npm.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const signal = await new Promise((done) => npm.on('close', (_code, sig) => done(sig)));
    expect(signal).toBe('SIGKILL');
    const synthPid = Number(text.trim());
    await until(() => !running(synthPid), 60_000);
    expect(running(synthPid)).toBe(false);
    expect(readdirSync(dist)).toEqual([]);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines).toContainEqual(
      expect.stringMatching(/^error: npm \(pid \d+\), which ran this command, has ended \(killed\?\): this run stops$/),
    );
    expect(lines[lines.length - 1]).toMatch(/^synth failed: .*was left unchanged\.$/);
  }, 90_000);

  test.each([
    [
      'npm gone',
      () => ({ K3S_VIP_RUNNER_PID: String(deadPid()) }),
      /^npm \(pid \d+\), which ran this command, has ended \(killed\?\): this run stops$/,
    ],
    ['npm still an ancestor', () => ({ K3S_VIP_RUNNER_PID: String(process.ppid) }), undefined],
    ['not a pid', () => ({ K3S_VIP_RUNNER_PID: '1e3' }), /^K3S_VIP_RUNNER_PID is not a process id/],
  ])('launcherGone: %s', (_name, env, expected) => {
    const gone = launcherGone(env());
    if (expected) expect(gone).toMatch(expected);
    else expect(gone).toBeUndefined();
  });
});

describe('66c-3: a killed cdk8s CLI is said in one line, and the exit status matches it', () => {
  test('SIGKILL of the CLI before the app finished', async () => {
    const { env, dist } = project();
    const synth = spawn(process.execPath, [join(root, 'scripts', 'synth.js')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    synth.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    synth.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
    await until(() => existsSync(cliFile(synth.pid!)) && /^\d+\n$/.test(readFileSync(cliFile(synth.pid!), 'utf8')), 30_000);
    process.kill(Number(readFileSync(cliFile(synth.pid!), 'utf8')), 'SIGKILL');
    const code = await new Promise((done) => synth.on('close', (c) => done(c)));
    const last = text.trim().split('\n').pop();
    expect(code).toBe(1);
    expect(last).toMatch(
      /^synth failed: the cdk8s CLI was killed \(SIGKILL\) before the app finished; .*K3S_VIP_DIST_DIR.*`npm run check` says which/,
    );
    expect(readdirSync(dist)).toEqual([]);
  }, 90_000);
});

describe('66c-4: the size limit in bytes', () => {
  test.each([
    [1_048_577, 'is 1,048,577 bytes; a config file may be at most 1,048,576 bytes'],
    [1_072_605, 'is 1,072,605 bytes; a config file may be at most 1,048,576 bytes'],
  ])('%d bytes', (bytes, expected) => {
    const message = sizeProblem(bytes)?.message;
    expect(message).toContain(expected);
    expect(message).not.toMatch(/\d\.\d MiB/);
  });
  test('exactly the limit passes', () => expect(sizeProblem(1_048_576)).toBeUndefined());
});

describe('66c-5: k3s:install names the config folder in use, and "add" only a missing config', () => {
  test.each([
    ['nope', (config: string) => `add ${config}/nope.yaml and run \`npm run synth\``],
    ['b', (config: string) => `${config}/b.yaml exists: run \`npm run synth\``],
  ])('--cluster %s', (cluster, advice) => {
    const { env, dist } = project();
    mkdirSync(join(dist, 'a'));
    const lines: string[] = [];
    const code = runInstall({
      cluster,
      distDir: dist,
      configDir: env.K3S_VIP_CONFIG_DIR,
      manifestsDir: join(scratch, 'm'),
      dryRun: true,
      out: (l) => lines.push(l),
      err: (l) => lines.push(l),
    });
    expect(code).toBe(1);
    expect(lines[0]).toBe(
      `error: --cluster ${cluster}: ${dist}/${cluster}/ does not exist (synthesized clusters: a); ${advice(env.K3S_VIP_CONFIG_DIR!)}`,
    );
  });
});

describe('66c-6/7: a non-file where a file goes is named by what it is, with "move it away" first', () => {
  function fifoInDist(): string {
    const dist = join(scratch, 'dist');
    mkdirSync(join(dist, 'a'), { recursive: true });
    writeFileSync(join(dist, 'a', 'kustomization.yaml'), 'resources:\n  - ingresses.yaml\n');
    execFileSync('mkfifo', [join(dist, 'a', 'ingresses.yaml')]);
    return dist;
  }
  test('k3s:install', () => {
    const dist = fifoInDist();
    expect(() => readSource(dist, 'a')).toThrow(
      `${dist}/a/ingresses.yaml is a FIFO, not a file: move it away, then run \`npm run synth\` (it writes through no non-file)`,
    );
  });
  test('validate', () => {
    const dist = fifoInDist();
    const files = new Map([['a/kustomization.yaml', readFileSync(join(dist, 'a', 'kustomization.yaml'), 'utf8')]]);
    const lines = unreadEntries(dist, files, [{ path: 'a/ingresses.yaml', kind: 'a FIFO' }]).map((u) => u.line);
    expect(lines).toEqual([
      'a/kustomization.yaml lists ingresses.yaml, which is a FIFO validate does not read: move a/ingresses.yaml away, then run `npm run synth` (it writes through no non-file), or remove it from the list',
    ]);
  });
  test.each([
    ['a FIFO', (path: string) => execFileSync('mkfifo', [path])],
    ['a folder', (path: string) => mkdirSync(path)],
  ])('synth names %s', (kind, make) => {
    const dist = join(scratch, 'dist');
    mkdirSync(join(dist, 'a'), { recursive: true });
    make(join(dist, 'a', 'ingresses.yaml'));
    expect(() => syncTree(dist, new Map([['a/ingresses.yaml', '# x\n']]))).toThrow(`a/ingresses.yaml is ${kind}: move it away`);
  });
  test('new --from a FIFO', () => {
    const { env } = project();
    execFileSync('mkfifo', [join(env.K3S_VIP_CONFIG_DIR!, 'fifo.yaml')]);
    const lines: string[] = [];
    const code = newCluster(['n1', '--from', 'fifo'], {
      configDir: env.K3S_VIP_CONFIG_DIR!,
      schemaFile: join(root, 'config.schema.json'),
      log: (l) => lines.push(l),
    });
    expect(code).toBe(1);
    expect(lines.join('\n')).toContain(`--from "fifo": ${env.K3S_VIP_CONFIG_DIR}/fifo.yaml exists but is a FIFO`);
    expect(lines.join('\n')).not.toContain('is neither a cluster');
  });
});
