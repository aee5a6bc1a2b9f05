import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCheck } from '../src/check';
import { runInstall } from '../src/k3s/install-cli';
import { wiring } from '../src/main';
import { LOCK_FILE } from '../src/output/lock';
import { runSynth } from '../src/synth';
import { checkSchema } from '../src/validate/schemas';
import { DEV_YAML } from './helpers';

// Round 74 io74: 74a-12, 13, 14, 15, 19, 20 (an attacker's round on main; each row from its exact input).

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'attack74-io74-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const mkfifo = (path: string) => expect(spawnSync('mkfifo', [path]).status).toBe(0);

function config(): string {
  const dir = join(root, 'config');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'dev.yaml'), DEV_YAML);
  return dir;
}

function synth(configDir: string, distDir: string, dryRun: boolean): { code: number; lines: string[] } {
  const lines: string[] = [];
  const code = runSynth({ configDir, distDir, wiring, dryRun, log: (l) => lines.push(l), out: () => undefined });
  return { code, lines };
}

function install(distDir: string, dir: string, dryRun: boolean, configDir?: string): { code: number; lines: string[] } {
  const lines: string[] = [];
  const code = runInstall({
    cluster: 'dev',
    distDir,
    configDir,
    manifestsDir: dir,
    dryRun,
    out: (l) => lines.push(l),
    err: (l) => lines.push(l),
  });
  return { code, lines };
}

describe('74a-12: a FIFO where the cluster folder goes is named as a FIFO', () => {
  test.each([true, false])('dry run %s', (dryRun) => {
    const dist = join(root, 'dist');
    mkdirSync(dist);
    mkfifo(join(dist, 'dev'));
    const { code, lines } = synth(config(), dist, dryRun);
    expect(code).toBe(1);
    expect(lines.join('\n')).toContain('dev is a FIFO where synth needs a folder');
    expect(lines.join('\n')).not.toContain('is a file where');
  });
  test('a regular file there is still "a file"', () => {
    const dist = join(root, 'dist');
    mkdirSync(dist);
    writeFileSync(join(dist, 'dev'), 'x');
    expect(synth(config(), dist, true).lines.join('\n')).toContain('dev is a file where synth needs a folder');
  });
});

describe('74a-13: a dry run refuses a non-file where the lock file goes, as the real run does', () => {
  test.each([true, false])('synth, dry run %s', (dryRun) => {
    const dist = join(root, 'dist');
    mkdirSync(dist);
    mkfifo(join(dist, LOCK_FILE));
    const { code, lines } = synth(config(), dist, dryRun);
    expect(code).toBe(1);
    expect(lines.join('\n')).toContain(`${LOCK_FILE} is a FIFO, where synth and k3s:install keep their lock file`);
  });
  test('synth --dry-run with a folder at the lock is refused too', () => {
    const dist = join(root, 'dist');
    mkdirSync(join(dist, LOCK_FILE), { recursive: true });
    expect(synth(config(), dist, true).code).toBe(1);
  });
  test('synth --dry-run of a fresh dist/ still passes (no lock there)', () => {
    expect(synth(config(), join(root, 'dist'), true).code).toBe(0);
  });
  test.each([true, false])('k3s:install into a folder with a FIFO lock, dry run %s', (dryRun) => {
    const dist = join(root, 'dist');
    expect(synth(config(), dist, false).code).toBe(0);
    const manifests = join(root, 'manifests');
    mkdirSync(manifests);
    mkfifo(join(manifests, LOCK_FILE));
    const { code, lines } = install(dist, manifests, dryRun);
    expect(code).toBe(1);
    expect(lines.join('\n')).toContain(`${LOCK_FILE} is a FIFO, where synth and k3s:install keep their lock file`);
  });
  test('k3s:install --dry-run into a plain folder passes', () => {
    const dist = join(root, 'dist');
    expect(synth(config(), dist, false).code).toBe(0);
    const manifests = join(root, 'manifests');
    mkdirSync(manifests);
    expect(install(dist, manifests, true).code).toBe(0);
  });
});

describe('74a-14: --dir through a link is quoted as typed, with where it leads', () => {
  beforeEach(() => expect(synth(config(), join(root, 'dist'), false).code).toBe(0));
  test('a link to /dev/null, then a sub folder', () => {
    symlinkSync('/dev/null', join(root, 'lnull'));
    const typed = join(root, 'lnull', 'sub');
    const { code, lines } = install(join(root, 'dist'), typed, true);
    expect(code).toBe(1);
    expect(lines[0]).toBe(
      `error: --dir ${JSON.stringify(typed)} (which leads to "/dev/null/sub"): "/dev/null", a part of its path, is a device, not a folder; expected the K3s manifests folder`,
    );
  });
  test('a link to a FIFO', () => {
    mkfifo(join(root, 'pipe'));
    symlinkSync('pipe', join(root, 'lpipe'));
    const typed = join(root, 'lpipe');
    const { lines } = install(join(root, 'dist'), typed, true);
    expect(lines[0]).toBe(
      `error: --dir ${JSON.stringify(typed)} (which leads to ${JSON.stringify(join(root, 'pipe'))}): is a FIFO, not a folder; expected the K3s manifests folder`,
    );
  });
  test('a FIFO typed directly is quoted once', () => {
    mkfifo(join(root, 'pipe'));
    const { lines } = install(join(root, 'dist'), join(root, 'pipe'), true);
    expect(lines[0]).toBe(`error: --dir ${JSON.stringify(join(root, 'pipe'))}: is a FIFO, not a folder; expected the K3s manifests folder`);
  });
});

describe('74a-15: a config folder that is a device or FIFO is named so, without a count "in" it', () => {
  test.each([
    ['a device', () => '/dev/null', 'is a device, not a folder'],
    [
      'a FIFO',
      () => {
        mkfifo(join(root, 'fifo'));
        return join(root, 'fifo');
      },
      'is a FIFO, not a folder',
    ],
    [
      'a link to a device',
      () => {
        symlinkSync('/dev/null', join(root, 'lnull'));
        return join(root, 'lnull');
      },
      'is a device, not a folder',
    ],
  ])('%s', (_, make, kind) => {
    const configDir = make();
    for (const dryRun of [true, false]) {
      const { code, lines } = synth(configDir, join(root, 'dist'), dryRun);
      expect(code).toBe(1);
      expect(lines[0]).toBe(`error: ${configDir}: ${kind}: point K3S_VIP_CONFIG_DIR at the folder of <cluster>.yaml files`);
      expect(lines.join('\n')).not.toContain('error(s) in');
      if (dryRun) expect(lines[lines.length - 1]).toBe('synth --dry-run: a synth would refuse this; nothing was written.');
      else expect(lines[lines.length - 1]).toMatch(/^synth failed: /);
    }
    const checked: string[] = [];
    expect(runCheck(configDir, join(root, 'dist'), (l) => checked.push(l))).toBe(1);
    expect(checked[checked.length - 1]).toBe('check failed: fix the config.');
  });
  test('a regular file as the config folder keeps its words', () => {
    writeFileSync(join(root, 'file'), '');
    const { lines } = synth(join(root, 'file'), join(root, 'dist'), true);
    expect(lines[0]).toContain('file: is not a folder: point K3S_VIP_CONFIG_DIR');
  });
  test('an error in a config file still counts the errors in the folder', () => {
    const configDir = config();
    writeFileSync(join(configDir, 'dev.yaml'), 'traefik: {}\n');
    const { lines } = synth(configDir, join(root, 'dist'), true);
    expect(lines.join('\n')).toContain(`error(s) in ${configDir}/.`);
    expect(lines[lines.length - 1]).toBe('synth --dry-run: a synth would refuse this; nothing was written.');
  });
});

describe('74a-20: k3s:install names a FIFO kustomization.yaml', () => {
  test.each([
    ['a FIFO', (path: string) => mkfifo(path), 'is a FIFO, not a file: move it away, then run `npm run synth`'],
    ['a folder', (path: string) => mkdirSync(path), 'is a folder, not a file: move it away, then run `npm run synth`'],
    ['nothing', () => undefined, 'does not exist (it lists the manifests to install): run `npm run synth`'],
  ])('%s', (_, make, words) => {
    const dist = join(root, 'dist');
    expect(synth(config(), dist, false).code).toBe(0);
    const kustomization = join(dist, 'dev', 'kustomization.yaml');
    unlinkSync(kustomization);
    make(kustomization);
    const { code, lines } = install(dist, join(root, 'manifests'), true);
    expect(code).toBe(1);
    expect(lines[0]).toContain(`error: ${kustomization} ${words}`);
  });
});

describe('74a-19: traefik.containo.us objects get the CRD type check of traefik.io', () => {
  const object = (group: string, kind: string, spec: Record<string, unknown>) => ({
    apiVersion: `${group}/v1alpha1`,
    kind,
    metadata: { name: 'x', namespace: 'kube-system' },
    spec,
  });
  test.each([
    ['Middleware', { stripPrefix: { prefixes: '/foo' } }, 'spec.stripPrefix.prefixes'],
    ['TLSOption', { minVersion: 12 }, 'spec.minVersion'],
    ['TLSOption', { cipherSuites: 'TLS_X' }, 'spec.cipherSuites'],
    ['Middleware', { headers: { accessControlAllowMethods: 'GET' } }, 'spec.headers.accessControlAllowMethods'],
  ])('%s %j is refused in both groups', (kind, spec, path) => {
    for (const group of ['traefik.io', 'traefik.containo.us']) {
      const findings = checkSchema(object(group, kind, spec));
      expect(findings.map((f) => f.path.join('.'))).toContain(path);
    }
  });
  test.each([
    ['Middleware', { stripPrefix: { prefixes: ['/foo'] } }],
    ['TLSOption', { minVersion: 'VersionTLS12', cipherSuites: ['TLS_X'] }],
    ['IngressRoute', { routes: [{ match: 'Host(`a`)', kind: 'Rule', priority: 10 }] }],
    ['Middleware', { ipWhiteList: { sourceRange: ['10.0.0.0/8'] } }],
  ])('valid %s %j passes in the v2 group', (kind, spec) => {
    expect(checkSchema(object('traefik.containo.us', kind, spec))).toEqual([]);
  });
});
