// Round 67 (67c-1, 67c-3): what the app says when the cdk8s CLI between synth.js and it is killed (synth.js, alive, is
// not blamed), and validate's summary counts a text too large to judge as such, never as a secret.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { secretShape } from '../src/core/secret-shapes';
import { launcherGone } from '../src/output/launcher';

const root = join(__dirname, '..');
const APP = join(root, 'scripts', 'app.js');
const deadPid = () => Number(execFileSync('sh', ['-c', 'sh -c "echo \\$\\$"'], { encoding: 'utf8' }).trim());

describe('67c-1: the launcher check names what ended', () => {
  test('synth.js alive but no longer an ancestor: the CLI between them ended', () => {
    // A live process that is not this one's ancestor stands for synth.js once the CLI between them is gone.
    const live = spawn('sleep', ['30']);
    try {
      const gone = launcherGone({ K3S_VIP_LAUNCHER_PID: String(live.pid) });
      expect(gone).toBe(`the cdk8s CLI between npm run synth (pid ${live.pid}) and this app has ended (killed?): this run stops`);
    } finally {
      live.kill('SIGKILL');
    }
  });

  test('synth.js gone: npm run synth ended', () => {
    const pid = deadPid();
    expect(launcherGone({ K3S_VIP_LAUNCHER_PID: String(pid) })).toBe(
      `npm run synth (pid ${pid}), which started this app, has ended (killed?): this run stops`,
    );
  });

  test('an ancestor: nothing to say', () => {
    expect(launcherGone({ K3S_VIP_LAUNCHER_PID: String(process.ppid) })).toBeUndefined();
  });
});

describe('67c-3: validate counts a text it cannot judge apart from secrets', () => {
  let scratch: string;
  beforeEach(() => {
    scratch = mkdtempSync(join(tmpdir(), 'messages67-test-'));
  });
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  test('a line longer than the gate reads is a text too large to judge, not a secret', () => {
    const [config, dist] = [join(scratch, 'config'), join(scratch, 'dist')];
    mkdirSync(config);
    writeFileSync(join(config, 'dev.yaml'), readFileSync(join(root, 'test', 'fixtures', 'config', 'dev.yaml')));
    const env = { ...process.env, K3S_VIP_CONFIG_DIR: config, K3S_VIP_DIST_DIR: dist, K3S_VIP_QUIET_CLI: '1' };
    expect(spawnSync(process.execPath, [APP], { cwd: root, env, encoding: 'utf8' }).status).toBe(0);
    writeFileSync(join(dist, 'dev', 'zz.yaml'), `${'a'.repeat(3_300_000)}\n`);
    const run = spawnSync(process.execPath, [APP, 'validate/conformance'], { cwd: root, env, encoding: 'utf8' });
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines[lines.length - 1]).toMatch(/^validate: 1 text\(s\) that cannot be judged and 1 violation\(s\) in /);
    expect(run.stderr).not.toMatch(/secret\(s\)/);
  }, 60_000);
});

describe('67a-20: a password that is a word of the advice is refused; the advice stays whole', () => {
  test('`The password is secret` is a password in prose', () => {
    expect(secretShape('The password is secret')).toMatch(/^a password in prose/);
  });
});
