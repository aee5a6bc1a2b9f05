// Round 69c (69c-5, 1, 6, 8, 7): a synth of a config folder with no cluster refuses to remove the clusters dist/ holds;
// `npm run new` creates its file whole or not at all; a k3s:install dry run leaves a stale dist/ lock in place and a real
// one says it took it over; a refused bare `cdk8s synth` leaves no staging copy of another run for the CLI to list (so
// the CLI exits 1); a lock a run cannot remove after it finished is a failure that says so.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEV_YAML, EXAMPLES_DIR } from './helpers';

// The module object itself (not an import's copy), so a spy on it reaches the code under test.
const fs = require('node:fs') as typeof import('node:fs');
import { runInstall } from '../src/k3s/install-cli';
import { wiring } from '../src/main';
import { newCluster } from '../src/new-cluster';
import { LOCK_FILE } from '../src/output/lock';
import { runSynth, SynthOptions } from '../src/synth';

let scratch: string;
beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'int69-test-'));
});
afterEach(() => {
  jest.restoreAllMocks();
  rmSync(scratch, { recursive: true, force: true });
});

/** A config folder holding these clusters, and a dist/ beside it (not created). */
function workspace(configs: Record<string, string>) {
  const config = join(scratch, 'config');
  mkdirSync(config, { recursive: true });
  for (const [name, text] of Object.entries(configs)) writeFileSync(join(config, `${name}.yaml`), text);
  return { config, dist: join(scratch, 'dist') };
}

function synth(ws: { config: string; dist: string }, options: Partial<SynthOptions> = {}) {
  const lines: string[] = [];
  const code = runSynth({ configDir: ws.config, distDir: ws.dist, wiring, log: (l) => lines.push(l), out: () => {}, ...options });
  return { code, lines };
}

function install(ws: { dist: string }, dryRun: boolean) {
  const lines: string[] = [];
  const manifests = join(scratch, 'k3s', 'manifests');
  mkdirSync(manifests, { recursive: true });
  const code = runInstall({
    cluster: 'dev',
    distDir: ws.dist,
    manifestsDir: manifests,
    manifestsRoot: join(scratch, 'k3s'),
    dryRun,
    out: (l) => lines.push(l),
    err: (l) => lines.push(l),
  });
  return { code, lines, manifests };
}

const bootId = () => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
/** The lock a `kill -9`ed synth leaves: this machine, this boot, a pid that runs no process. */
const staleLock = () =>
  `${JSON.stringify({ pid: 4194303, host: hostname(), holder: 'synth', since: new Date().toISOString(), boot: bootId() })}\n`;

/** Makes the unlink of paths that `match` fail with `code`, once each. */
function failUnlink(match: RegExp, code: string): void {
  const real = fs.unlinkSync;
  jest.spyOn(fs, 'unlinkSync').mockImplementation((path) => {
    if (match.test(String(path))) throw Object.assign(new Error(`${code}: injected, unlink '${String(path)}'`), { code });
    real(path);
  });
}

describe('69c-5: a config folder with no cluster never removes the clusters dist/ holds', () => {
  test.each([
    ['a synth', false, 'synth failed: '],
    ['a dry run', true, 'synth --dry-run: a synth would refuse this; nothing was written.'],
  ])('%s of an emptied config folder refuses, dist/ untouched, the way to remove it named', (_, dryRun, last) => {
    const ws = workspace({ dev: DEV_YAML });
    expect(synth(ws).code).toBe(0);
    rmSync(join(ws.config, 'dev.yaml'));
    const before = readdirSync(join(ws.dist, 'dev')).sort();
    const { code, lines } = synth(ws, { dryRun });
    expect(code).toBe(1);
    expect(lines[0]).toBe(
      `error: ${ws.config}/ holds no cluster config, yet ${ws.dist}/ holds what synth wrote for dev: a synth removes no cluster ` +
        'when no config is left (a mistyped K3S_VIP_CONFIG_DIR? configs gone with a branch switch?), so nothing was changed; ' +
        `to remove it deliberately, delete ${ws.dist}/dev/ by hand, then run synth again`,
    );
    expect(lines.at(-1)!.startsWith(last)).toBe(true);
    expect(lines.some((line) => line.includes('yet: '))).toBe(false);
    expect(readdirSync(join(ws.dist, 'dev')).sort()).toEqual(before);
  });

  test('once dist/<cluster>/ is deleted by hand, as advised, the synth passes', () => {
    const ws = workspace({ dev: DEV_YAML });
    synth(ws);
    rmSync(join(ws.config, 'dev.yaml'));
    rmSync(join(ws.dist, 'dev'), { recursive: true });
    const { code, lines } = synth(ws);
    expect(code).toBe(0);
    expect(lines[0]).toMatch(/^synth: no cluster in .* yet: /);
  });

  test('an empty config folder and no dist/ is the fresh setup: the next step, exit 0, nothing created', () => {
    const ws = workspace({});
    const { code, lines } = synth(ws);
    expect([code, lines.length]).toEqual([0, 1]);
    expect(lines[0]).toMatch(/^synth: no cluster in .* yet: /);
    expect(existsSync(ws.dist)).toBe(false);
  });

  test('one cluster of two deleted: its folder is removed as before', () => {
    const ws = workspace({ dev: DEV_YAML, prod: DEV_YAML });
    expect(synth(ws).code).toBe(0);
    rmSync(join(ws.config, 'prod.yaml'));
    const { code, lines } = synth(ws);
    expect(code).toBe(0);
    expect(lines).toContain('  removed prod/kube-vip.yaml');
    expect(existsSync(join(ws.dist, 'dev', 'kube-vip.yaml'))).toBe(true);
  });
});

describe('69c-1: `npm run new` creates its config whole or not at all', () => {
  const make = (config: string) => {
    const lines: string[] = [];
    const code = newCluster(['full1'], { configDir: config, schemaFile: join(scratch, 'schema.json'), log: (l) => lines.push(l) });
    return { code, lines };
  };
  const folder = () => {
    const config = join(scratch, 'cfg');
    fs.cpSync(EXAMPLES_DIR, join(config, 'examples'), { recursive: true });
    return config;
  };

  test('a full disk leaves no file (neither the config nor a dotfile), and the retry then works', () => {
    const config = folder();
    const real = fs.writeFileSync;
    // A full disk: the file is created, its bytes do not fit.
    jest.spyOn(fs, 'writeFileSync').mockImplementation((file, ...rest) => {
      if (String(file).includes('full1') || typeof file === 'number') {
        if (typeof file !== 'number') fs.closeSync(fs.openSync(file, 'wx'));
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      }
      return real(file, ...(rest as [string]));
    });
    const failed = make(config);
    expect(failed.code).toBe(1);
    expect(failed.lines.join('\n')).toContain('no space left');
    expect(readdirSync(config).sort()).toEqual(['examples']);
    jest.restoreAllMocks();
    expect(make(config).code).toBe(0);
    expect(readFileSync(join(config, 'full1.yaml'), 'utf8')).toContain('kubeVip');
  });

  test('a file already there is never replaced', () => {
    const config = folder();
    writeFileSync(join(config, 'full1.yaml'), 'mine\n');
    const { code, lines } = make(config);
    expect(code).toBe(1);
    expect(lines.join('\n')).toContain('already exists');
    expect(readFileSync(join(config, 'full1.yaml'), 'utf8')).toBe('mine\n');
    expect(readdirSync(config).sort()).toEqual(['examples', 'full1.yaml']);
  });
});

describe('69c-6: k3s:install and the stale lock of a killed run in dist/', () => {
  test('a dry run leaves it in place and says so', () => {
    const ws = workspace({ dev: DEV_YAML });
    synth(ws);
    const lock = staleLock();
    writeFileSync(join(ws.dist, LOCK_FILE), lock);
    const { code, lines } = install(ws, true);
    expect(code).toBe(0);
    expect(readFileSync(join(ws.dist, LOCK_FILE), 'utf8')).toBe(lock);
    expect(lines).toContain(
      `note: ${join(ws.dist, LOCK_FILE)} was left by synth (pid 4194303), which no longer runs: left in place, as this run removes nothing`,
    );
    expect(lines.at(-1)).toMatch(/^Dry run: .*nothing was written\.$/);
  });

  test('a real run takes it over and says so', () => {
    const ws = workspace({ dev: DEV_YAML });
    synth(ws);
    writeFileSync(join(ws.dist, LOCK_FILE), staleLock());
    const { code, lines } = install(ws, false);
    expect(code).toBe(0);
    expect(existsSync(join(ws.dist, LOCK_FILE))).toBe(false);
    expect(lines).toContain(`note: took over ${join(ws.dist, LOCK_FILE)}, left by synth (pid 4194303), which no longer runs`);
  });

  test('without a lock a dry run says nothing of one and leaves none', () => {
    const ws = workspace({ dev: DEV_YAML });
    synth(ws);
    const { code, lines } = install(ws, true);
    expect(code).toBe(0);
    expect(lines.filter((line) => line.startsWith('note:'))).toEqual([]);
    expect(existsSync(join(ws.dist, LOCK_FILE))).toBe(false);
  });
});

describe('69c-8: a refused bare `cdk8s synth` leaves no staging copy of another run for the CLI to list', () => {
  const otherCopy = () => {
    const staging = join(scratch, 'staging');
    mkdirSync(join(staging, 'dev'), { recursive: true });
    writeFileSync(join(staging, 'dev', 'ingresses.yaml'), 'other run\n');
    return staging;
  };

  test('its staging copy collides with another run: the folder goes, so the CLI exits 1', () => {
    const ws = workspace({ dev: DEV_YAML });
    const stagingDir = otherCopy();
    const { code, lines } = synth(ws, { stagingDir });
    expect(code).toBe(0);
    expect(lines.some((line) => line.startsWith('error: cannot write the cdk8s staging copy'))).toBe(true);
    expect(lines.at(-1)).toMatch(/^synth failed: .* it is complete\./);
    expect(existsSync(stagingDir)).toBe(false);
  });

  test('a config refused while another run left its copy: the folder goes too', () => {
    const ws = workspace({ dev: 'kubeVip: [\n' });
    const stagingDir = otherCopy();
    expect(synth(ws, { stagingDir }).lines.at(-1)).toMatch(/^synth failed: .* was left unchanged\./);
    expect(existsSync(stagingDir)).toBe(false);
  });

  test('a run that succeeds writes its own copy', () => {
    const ws = workspace({ dev: DEV_YAML });
    const stagingDir = join(scratch, 'staging');
    expect(synth(ws, { stagingDir }).code).toBe(0);
    expect(readdirSync(join(stagingDir, 'dev'))).toContain('kube-vip.yaml');
  });
});

describe('69c-7: a lock a run cannot remove once done is a failure that says so', () => {
  test('synth: exit 1, every change listed, dist/ complete, the lock named', () => {
    const ws = workspace({ dev: DEV_YAML });
    failUnlink(new RegExp(`${LOCK_FILE.replace('.', '\\.')}$`), 'EIO');
    const { code, lines } = synth(ws);
    expect(code).toBe(1);
    expect(lines).toContain(
      `error: cannot remove ${join(ws.dist, LOCK_FILE)}, this run's lock (input/output error (EIO)): delete it by hand; ` +
        'until then `npm run check` takes it for an interrupted run',
    );
    expect(lines).toContain('  wrote dev/kube-vip.yaml');
    expect(lines.at(-1)).toBe(`synth failed: ${ws.dist}/ was updated all the same, as listed above: it is complete.`);
  });

  test("k3s:install: the manifests folder's lock left is an error, and no false `nothing was written`", () => {
    const ws = workspace({ dev: DEV_YAML });
    synth(ws);
    const manifests = join(scratch, 'k3s', 'manifests');
    failUnlink(new RegExp(`manifests/${LOCK_FILE.replace('.', '\\.')}$`), 'EIO');
    const { code, lines } = install(ws, false);
    expect(code).toBe(1);
    expect(lines.some((line) => line.startsWith('Done: '))).toBe(true);
    expect(lines.at(-1)).toMatch(new RegExp(`^error: cannot remove ${manifests}/\\${LOCK_FILE}, this run's lock`));
    expect(lines.some((line) => line.includes('nothing was written'))).toBe(false);
  });

  test('a synth whose lock goes as usual exits 0 and leaves none', () => {
    const ws = workspace({ dev: DEV_YAML });
    expect(synth(ws).code).toBe(0);
    expect(existsSync(join(ws.dist, LOCK_FILE))).toBe(false);
  });
});
