// @jest-own-suite: its time goes to child processes (scripts/test-suites.js).
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEV_YAML } from './helpers';

/**
 * Attack round 16 (F2, F3): `npm run synth`'s wrapper (scripts/synth.js) when a step around the app fails: a
 * killed run's staging folder it cannot remove, its own staging folder it cannot remove, the app killed under the
 * CLI. Each time: no stack trace, and a last line that tells the truth about dist/.
 */
const ROOT = join(__dirname, '..');
const FAULTS = join(__dirname, 'fixtures', 'synth-faults.js');
const TRACE = /^\s+at |node:internal|Node\.js v\d/m;

let ws: { config: string; dist: string; root: string };
beforeAll(() => {
  spawnSync(process.execPath, [join(ROOT, 'scripts', 'app.js'), 'no-such-command'], { cwd: ROOT }); // builds lib/
}, 120_000);
beforeEach(() => {
  const root = mkdtempSync(join(tmpdir(), 'k3s-vip-wrapper-'));
  ws = { root, config: join(root, 'config'), dist: join(root, 'dist') };
  mkdirSync(ws.config);
  writeFileSync(join(ws.config, 'dev.yaml'), DEV_YAML);
});
afterEach(() => rmSync(ws.root, { recursive: true, force: true }));

function synthWith(fault: string) {
  const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'synth.js')], {
    cwd: ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      CDK8S_CHECK_UPGRADE: 'false',
      K3S_VIP_CONFIG_DIR: ws.config,
      K3S_VIP_DIST_DIR: ws.dist,
      NODE_OPTIONS: `--require ${FAULTS}`,
      SYNTH_FAULT: fault,
    },
  });
  const lines = run.stderr.trimEnd().split('\n');
  return { status: run.status, stderr: run.stderr, last: lines[lines.length - 1] };
}

test.each([
  ['stale', /^warning: cannot remove .*run-4194301, left by an earlier run \(EACCES\): remove it by hand$/m],
  ['cleanup', /^warning: cannot remove .*run-\d+, the CLI's staging copy \(EIO\): remove it by hand$/m],
])('a staging folder that cannot be removed (%s) is a warning: the synth completes and says so last', (fault, warning) => {
  const run = synthWith(fault);
  expect(run.stderr).not.toMatch(TRACE);
  expect(run.stderr).toMatch(warning);
  // The run created the output folder: its last line says so (round 55a-9).
  expect(run.last).toBe(`synth: 1 cluster(s), 9 file(s) in ${ws.dist}/ (9 written, 0 removed, 0 unchanged); created ${ws.dist}/.`);
  expect(run.status).toBe(0);
  expect(readFileSync(join(ws.dist, '.generated-files'), 'utf8')).toContain('dev/kube-vip.yaml sha256:');
});

test('the app killed under the CLI: one line, no trace of the CLI, and what dist/ may hold', () => {
  const run = synthWith('kill');
  expect(run.stderr).not.toMatch(TRACE);
  expect(run.stderr).not.toContain('returned a non-zero exit code');
  expect(run.last).toMatch(
    /^synth failed: the app stopped before it finished, killed \(out of memory, or by a signal\): .*run `npm run synth` again\.$/,
  );
  expect(run.status).toBe(1);
});

test('control: without a fault the wrapper prints no warning', () => {
  const run = synthWith('none');
  expect(run.stderr).not.toMatch(/cannot remove|stopped before/);
  expect(run.status).toBe(0);
});

test('the app killed after it finished (attack 17b D3): its own last line stands, after a warning, and the exit code is its own', () => {
  const run = synthWith('kill-after');
  expect(run.stderr).not.toMatch(TRACE);
  expect(run.stderr).toContain('warning: the app was killed after it had finished; its last line, below, stands');
  expect(run.stderr).not.toContain('stopped before it finished');
  // The run created the output folder: its last line says so (round 55a-9).
  expect(run.last).toBe(`synth: 1 cluster(s), 9 file(s) in ${ws.dist}/ (9 written, 0 removed, 0 unchanged); created ${ws.dist}/.`);
  expect(run.status).toBe(0);
});

test('a log that cannot be written (attack 17b D4) is no unexpected problem: the synth completes, exit 0', () => {
  const log = join(ws.root, 'log.txt');
  const fd = openSync(log, 'w');
  try {
    const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'app.js')], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', fd],
      env: {
        ...process.env,
        K3S_VIP_CONFIG_DIR: ws.config,
        K3S_VIP_DIST_DIR: ws.dist,
        NODE_OPTIONS: `--require ${FAULTS}`,
        SYNTH_FAULT: 'log-full',
      },
    });
    expect(readFileSync(log, 'utf8')).not.toContain('unexpected problem');
    expect(run.status).toBe(0);
    expect(readFileSync(join(ws.dist, '.generated-files'), 'utf8')).toContain('dev/kube-vip.yaml sha256:');
  } finally {
    closeSync(fd);
  }
});
