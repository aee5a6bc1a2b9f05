import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEV_YAML } from './helpers';
import { runCheck } from '../src/check';
import { wiring } from '../src/main';
import { listFiles } from '../src/output/publish';
import { runSynth } from '../src/synth';

// Round 31a-5: every thing in the way of a synth is its own error line, whole (what, where, what to do).
function synth(config: string, dist: string, dryRun = false) {
  const lines: string[] = [];
  const code = runSynth({ configDir: config, distDir: dist, wiring, log: (l) => lines.push(l), out: () => undefined, dryRun });
  return { code, lines };
}

const snapshot = (dir: string) => Object.fromEntries(listFiles(dir).map((path) => [path, readFileSync(join(dir, path), 'utf8')]));

describe('things in the way of a synth', () => {
  const root = mkdtempSync(join(tmpdir(), 'k3s-vip-in-the-way-'));
  const [config, dist, elsewhere] = ['config', 'dist', 'elsewhere'].map((name) => join(root, name));
  mkdirSync(config);
  mkdirSync(elsewhere);
  writeFileSync(join(config, 'c.yaml'), DEV_YAML);
  writeFileSync(join(elsewhere, 'victim'), 'keep\n');

  beforeAll(() => {
    expect(synth(config, dist).code).toBe(0);
    rmSync(join(dist, 'c', 'k3s'), { recursive: true });
    symlinkSync(elsewhere, join(dist, 'c', 'k3s'));
    rmSync(join(dist, 'c', 'kube-vip.yaml'));
    symlinkSync(join(elsewhere, 'victim'), join(dist, 'c', 'kube-vip.yaml'));
    // A second synth must not change the config's output for the refusal to be about the links alone.
    writeFileSync(join(config, 'c.yaml'), DEV_YAML.replace('[192.168.0.41]', '[192.168.0.42]'));
  });

  test.each([false, true])('two links: one error line each, nothing written (dry run: %s)', (dryRun) => {
    const before = snapshot(dist);
    const { code, lines } = synth(config, dist, dryRun);
    expect(code).toBe(1);
    const errors = lines.filter((line) => line.startsWith('error: '));
    expect(errors).toEqual([
      `error: ${dist}/ has a file in the way: c/k3s is a symbolic link, and synth never writes or deletes through links: move it away and run again`,
      `error: ${dist}/ has a file in the way: c/kube-vip.yaml is a symbolic link, and synth never writes or deletes through links: move it away and run again`,
    ]);
    expect(snapshot(dist)).toEqual(before);
    expect(readFileSync(join(elsewhere, 'victim'), 'utf8')).toBe('keep\n');
  });
});

// Round 32a-5: a lock left by a killed run is taken over; the run says so, as it is a file it removes unasked.
describe('a stale lock is taken over, and said', () => {
  const root = mkdtempSync(join(tmpdir(), 'k3s-vip-stale-lock-'));
  const [config, dist] = ['config', 'dist'].map((name) => join(root, name));
  mkdirSync(config);
  writeFileSync(join(config, 'c.yaml'), DEV_YAML);
  const lock = join(dist, '.k3s-vip.lock');
  const dead = () =>
    writeFileSync(lock, `${JSON.stringify({ pid: 999_999, host: hostname(), holder: 'synth', since: '2026-01-01T00:00:00Z' })}\n`);
  beforeAll(() => expect(synth(config, dist).code).toBe(0));

  test('synth: one note line, the lock gone', () => {
    dead();
    const { code, lines } = synth(config, dist);
    expect(code).toBe(0);
    expect(lines.filter((line) => line.startsWith('note: '))).toEqual([
      `note: took over ${lock}, left by synth (pid 999999), which no longer runs`,
    ]);
    expect(existsSync(lock)).toBe(false);
  });

  test.each([
    ['left by a dead process', dead, 'left by synth (pid 999999), which no longer runs'],
    ['cut short by a killed writer', () => writeFileSync(lock, '12345'), 'left unfinished by a run that was stopped while taking it'],
  ])('check, a lock %s: a note, exit 0, the lock gone', (_, plant, why) => {
    plant();
    utimesSync(lock, new Date(Date.now() - 5000), new Date(Date.now() - 5000));
    const lines: string[] = [];
    expect(runCheck(config, dist, (line) => lines.push(line))).toBe(0);
    expect(lines).toEqual([`note: took over ${lock}, ${why}`, `check: ${dist}/ equals a fresh synth (9 files).`]);
    expect(existsSync(lock)).toBe(false);
  });

  // Round 33b-8/9: one note, only when this run removed the lock; the holder text is the lock file's, so only the
  // holders this tool writes are named.
  test('a stale lock beside a left-over breaker: one note once the breaker is stale, naming no odd holder', () => {
    writeFileSync(
      lock,
      `${JSON.stringify({ pid: 999_999, host: hostname(), holder: 'password=hunter2xyz', since: '2026-01-01T00:00:00Z' })}\n`,
    );
    writeFileSync(`${lock}.break`, '1');
    utimesSync(`${lock}.break`, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    const { code, lines } = synth(config, dist);
    expect(code).toBe(0);
    expect(lines.filter((line) => line.startsWith('note: '))).toEqual([
      `note: took over ${lock}, left by a run (pid 999999), which no longer runs`,
    ]);
    expect([existsSync(lock), existsSync(`${lock}.break`)]).toEqual([false, false]);
  });

  test('a lock held by a live run is not taken over (control)', () => {
    writeFileSync(lock, `${JSON.stringify({ pid: process.pid, host: hostname(), holder: 'synth', since: new Date().toISOString() })}\n`);
    process.env.K3S_VIP_LOCK_WAIT_SECONDS = '0';
    try {
      const { code, lines } = synth(config, dist);
      expect(code).toBe(1);
      expect(lines.some((line) => line.startsWith('note: '))).toBe(false);
      expect(existsSync(lock)).toBe(true);
    } finally {
      delete process.env.K3S_VIP_LOCK_WAIT_SECONDS;
      rmSync(lock);
    }
  });
});
