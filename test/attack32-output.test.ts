import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEV_YAML } from './helpers';
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
