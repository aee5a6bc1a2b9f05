import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  rmdirSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInstall } from '../src/k3s/install-cli';
import { PROJECT_ROOT } from '../src/output/cache-folder';
import { FileSystem, nodeFileSystem } from '../src/output/file-system';
import { physicalPath } from '../src/output/physical-path';
import { configDirFromEnv, distDirFromEnv } from '../src/output/env-dirs';
import { loadConfigDir } from '../src/config/load';
import { withGeneratedList } from '../src/output/publish';

/**
 * Attack round 40b-1: `--dir <link>/../x`. The kernel follows the link before the `..`, so the folder is beside the
 * link's target, not beside the link; the checks of --dir folded `..` as text while mkdir got the raw path, and made a
 * folder in the config folder. Every check and every write now use the path as the kernel resolves it.
 * A hand-made dist/ (no synth), real folders and links under one temporary folder, compared before and after.
 */
const base = realpathSync(mkdtempSync(join(tmpdir(), 'k3s-vip-attack41-')));
const [config, dist, links] = ['config', 'dist', 'links'].map((name) => join(base, name));
mkdirSync(join(config, 'sub'), { recursive: true });
writeFileSync(join(config, 'dev.yaml'), 'k3s: {}\n');
mkdirSync(join(dist, 'dev'), { recursive: true });
mkdirSync(links);
const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: vip-settings\n  namespace: default\ndata: {}\n';
for (const [path, text] of withGeneratedList(
  new Map([
    ['dev/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - vip.yaml\n'],
    ['dev/vip.yaml', configMap],
  ]),
)) {
  writeFileSync(join(dist, path), text);
}
/** A folder of the project no test makes: before the fix, a run made it through a link to test/. */
const projectLeak = join(PROJECT_ROOT, `attack41-leak-${process.pid}`);
afterAll(() => {
  if (existsSync(projectLeak)) rmdirSync(projectLeak);
});

/** Every entry under `dir` (links not entered), with a link's target, sorted. */
function listing(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = `${prefix}${entry.name}`;
    if (entry.isSymbolicLink()) return [`${path} -> ${readlinkSync(join(dir, entry.name))}`];
    return entry.isDirectory() ? [`${path}/`, ...listing(join(dir, entry.name), `${path}/`)] : [path];
  });
}

function install(manifestsDir: string, fs?: FileSystem) {
  const lines: string[] = [];
  const code = runInstall({
    fs,
    cluster: 'dev',
    distDir: dist,
    configDir: config,
    manifestsDir,
    dryRun: false,
    out: (l) => lines.push(l),
    err: (l) => lines.push(l),
  });
  return { code, text: lines.join('\n') };
}

let n = 0;
/** A link `links/<n>` to `target`; returns its path. */
const link = (target: string) => {
  const path = join(links, `l${n++}`);
  symlinkSync(target, path);
  return path;
};

describe('40b-1: --dir through a link and `..` is judged and written where the kernel resolves it', () => {
  test.each<[string, () => string, RegExp]>([
    [
      '<link to config/sub>/../x: config/x',
      () => `${link(join(config, 'sub'))}/../x`,
      new RegExp(`the kernel resolves it to "${join(config, 'x')}"\\): lies inside the config folder`),
    ],
    ['<link to dist/dev>/../x: dist/x', () => `${link(join(dist, 'dev'))}/../x`, /lies inside synth's output folder/],
    [
      '<link to the project test/>/../<new>: a new project folder',
      () => `${link(join(PROJECT_ROOT, 'test'))}/../${projectLeak.split('/').pop()}`,
      /lies inside this project/,
    ],
    [
      '<link to config/sub>/../x where <links>/x exists (the text folding found a folder)',
      () => {
        mkdirSync(join(links, 'x'), { recursive: true });
        return `${link(join(config, 'sub'))}/../x`;
      },
      /lies inside the config folder/,
    ],
    ['a link to nothing in the config folder', () => link(join(config, 'new')), /lies inside the config folder/],
    [
      'a link to nothing, then `..`',
      () => `${link(join(config, 'gone', 'deeper'))}/../x`,
      /"\S*gone" does not exist, so the "\.\." after it leads nowhere/,
    ],
  ])('%s: refused, and nothing is created anywhere', (_, dir, reason) => {
    const target = dir();
    const before = listing(base);
    const { code, text } = install(target);
    expect(code).toBe(1);
    expect(text).toMatch(reason);
    expect(listing(base)).toEqual(before);
    expect(existsSync(projectLeak)).toBe(false);
  });

  test('control: a plain --dir whose parent exists is created, and the last line says so', () => {
    mkdirSync(join(base, 'k3s'));
    const target = join(base, 'k3s', 'manifests');
    const { code, text } = install(target);
    expect(code).toBe(0);
    expect(text).toContain(`Done: created ${target}/; 1 create, 0 update, 0 remove, 0 unchanged.`);
    expect(listing(join(base, 'k3s'))).toEqual(['manifests/', 'manifests/.k3s-vip-dev.json', 'manifests/vip.yaml']);
  });
  test('control: <link to an allowed folder>/../m is installed beside the link target, and named so', () => {
    mkdirSync(join(base, 'area', 'k3s'), { recursive: true });
    const { code, text } = install(`${link(join(base, 'area', 'k3s'))}/../m`);
    expect(code).toBe(0);
    const real = join(base, 'area', 'm');
    expect(text).toContain(`Installing ${join(dist, 'dev')}/ into ${real}:`);
    expect(text).toContain(`Done: created ${real}/; 1 create`);
    expect(listing(join(base, 'area'))).toEqual(['k3s/', 'm/', 'm/.k3s-vip-dev.json', 'm/vip.yaml']);
    expect(existsSync(join(links, 'm'))).toBe(false);
  });
  test('a run that created --dir and then failed says it left that folder', () => {
    mkdirSync(join(base, 'failing'));
    const target = join(base, 'failing', 'm');
    const eio = Object.assign(new Error('EIO'), { code: 'EIO' });
    const { code, text } = install(target, {
      ...nodeFileSystem,
      writeNewFile: () => {
        throw eio;
      },
    });
    expect(code).toBe(1);
    expect(text).toMatch(/error: cannot write .*input\/output error/);
    expect(text.split('\n').pop()).toBe(`k3s:install: this run created ${target}/ (empty).`);
    expect(listing(join(base, 'failing'))).toEqual(['m/']);
  });
});

describe('physicalPath: a path as the kernel resolves it', () => {
  const top = join(base, 'phys');
  mkdirSync(join(top, 'a', 'b'), { recursive: true });
  writeFileSync(join(top, 'file'), '');
  symlinkSync('a/b', join(top, 'rel')); // relative target
  symlinkSync(join(top, 'a', 'b'), join(top, 'abs'));
  symlinkSync('loop2', join(top, 'loop1'));
  symlinkSync('loop1', join(top, 'loop2'));
  symlinkSync('a/new', join(top, 'none'));
  test.each<[string, string, { path: string } | { problem: RegExp }]>([
    ['a plain path', 'a/b/./c', { path: join(top, 'a/b/c') }],
    ['`..` through a plain folder', 'a/b/../x', { path: join(top, 'a/x') }],
    ['a relative link, then `..`', 'rel/../x', { path: join(top, 'a/x') }],
    ['an absolute link, then `..` twice', 'abs/../../y', { path: join(top, 'y') }],
    ['a link to nothing: its target', 'none', { path: join(top, 'a/new') }],
    ['`..` above `/` stays at `/`', '../../../../../../../../../../../../../../../tmp', { path: '/tmp' }],
    ['a file, then `..`', 'file/../x', { problem: /"\S*phys\/file" is not a folder, so the "\.\." after it leads nowhere/ }],
    ['a missing folder, then `..`', 'gone/../x', { problem: /"\S*phys\/gone" does not exist, so the "\.\." after it leads nowhere/ }],
    ['a loop of links', 'loop1/x', { problem: /loop\d": too many symbolic links \(a loop\)/ }],
  ])('%s', (_, path, expected) => {
    const got = physicalPath(path, top);
    if ('path' in expected) expect(got).toEqual({ path: expected.path });
    else expect(got.problem).toMatch(expected.problem);
  });
});

describe('K3S_VIP_CONFIG_DIR and K3S_VIP_DIST_DIR with `<link>/..`: one folder, the one the kernel resolves', () => {
  const top = join(base, 'env');
  mkdirSync(join(top, 'area', 'k3s'), { recursive: true });
  mkdirSync(join(top, 'links'));
  symlinkSync(join(top, 'area', 'k3s'), join(top, 'links', 'l'));
  const viaLink = (name: string) => `${join(top, 'links', 'l')}/../${name}`;

  test('the config folder is listed and read in one place (not listed beside the target, read beside the link)', () => {
    mkdirSync(join(top, 'area', 'cfg'));
    writeFileSync(join(top, 'area', 'cfg', 'dev.yaml'), 'kubeVip: 5\n');
    const dir = configDirFromEnv({ K3S_VIP_CONFIG_DIR: viaLink('cfg') });
    expect(dir).toBe(join(top, 'area', 'cfg'));
    const { errors } = loadConfigDir(dir);
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) expect(error.file).toBe(join(top, 'area', 'cfg', 'dev.yaml'));
    expect(JSON.stringify(errors)).not.toMatch(/no such file|ENOENT/);
  });
  test('k3s:install reads dist/ (and takes its lock) where the kernel finds it', () => {
    const realDist = join(top, 'area', 'dist');
    mkdirSync(join(realDist, 'dev'), { recursive: true });
    for (const name of ['.generated-files', 'dev/kustomization.yaml', 'dev/vip.yaml']) {
      writeFileSync(join(realDist, name), readFileSync(join(dist, name)));
    }
    const distDir = distDirFromEnv({ K3S_VIP_DIST_DIR: viaLink('dist') });
    expect(distDir).toBe(realDist);
    mkdirSync(join(top, 'k3s'));
    const lines: string[] = [];
    const code = runInstall({
      cluster: 'dev',
      distDir,
      configDir: config,
      manifestsDir: join(top, 'k3s', 'manifests'),
      dryRun: false,
      out: (l) => lines.push(l),
      err: (l) => lines.push(l),
    });
    expect(lines.join('\n')).toContain(`Installing ${join(realDist, 'dev')}/ into`);
    expect(code).toBe(0);
    expect(existsSync(join(top, 'links', 'dist'))).toBe(false);
  });
  test.each([
    ['unset', undefined, 'dist'],
    ['empty', '', 'dist'],
    ['plain, as given', 'some/where', 'some/where'],
    ['a link, no `..`: as given', join(top, 'links', 'l'), join(top, 'links', 'l')],
  ])('control: %s', (_, value, expected) => {
    expect(distDirFromEnv({ K3S_VIP_DIST_DIR: value })).toBe(expected);
  });
});
