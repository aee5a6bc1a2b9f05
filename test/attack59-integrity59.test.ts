// Round 59b findings 1 and 2 (a folder that holds the config folder, dist/ or this project through a mount BELOW it;
// a top-level link of the K3s manifests folder to one of them) and review59-6 (the mount table read once per check).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectFolderProblem } from '../src/k3s/install-source';
import { PROJECT_ROOT } from '../src/output/cache-folder';
import { lazyMountTable, mountsBelow, parseMountinfo } from '../src/output/mount-place';
import { heldThroughMount, ownFoldersProblem } from '../src/output/own-folders';

// A mount table as /proc/self/mountinfo gives it: the project /p on /dev/vda (8:1), folders bound below /tmp folders.
const MOUNTINFO = [
  '22 27 0:21 / /proc rw,relatime - proc proc rw',
  '27 1 8:1 / / rw,relatime - ext4 /dev/vda rw',
  '60 27 8:1 /p/config /tmp/out/c rw - ext4 /dev/vda rw',
  '61 27 8:1 /p /tmp/cfg/proj rw - ext4 /dev/vda rw',
  '62 27 8:1 /p/src /tmp/k3s/sub2 rw - ext4 /dev/vda rw',
  '63 27 8:1 / /tmp/disk/host rw - ext4 /dev/vda rw',
  '64 27 8:1 /p/config /tmp/deep/a/b/c rw - ext4 /dev/vda rw',
  '65 27 8:1 /p/config /tmp/hid/c rw - ext4 /dev/vda rw',
  '66 27 0:40 / /tmp/hid rw - tmpfs tmpfs rw', // mounted later over /tmp/hid: 65 is not seen there any more
  '67 27 8:1 /p/config /tmp/re/c rw - ext4 /dev/vda rw',
  '68 27 8:1 /elsewhere /tmp/re/c rw - ext4 /dev/vda rw', // mounted later on the same point: covers 67
  '69 27 0:50 / /tmp/o/x rw - tmpfs tmpfs rw',
  '70 27 8:1 /p2 /tmp/sib2/x rw - ext4 /dev/vda rw',
  '71 27 8:1 /p/configs /tmp/sib/y rw - ext4 /dev/vda rw',
  '72 27 8:1 /p/config /tmp/self rw - ext4 /dev/vda rw',
  '73 27 8:1 /p/config /tmp/with\\040space/c\\040d rw - ext4 /dev/vda rw',
].join('\n');
const MOUNTS = parseMountinfo(MOUNTINFO);

describe('59b-1/2: a mount below a folder that shows another folder (pure, over the mount table)', () => {
  test.each([
    // [case, a, b, relation, mount point]
    ['a bind of the config folder below the output folder', '/tmp/out', '/p/config', 'holds', '/tmp/out/c'],
    ['a bind of the project below the config folder', '/tmp/cfg', '/p', 'holds', '/tmp/cfg/proj'],
    ['a bind of the project below: a folder in the project is held too', '/tmp/cfg', '/p/config', 'holds', '/tmp/cfg/proj'],
    ['a bind of src/ below --dir: part of the project', '/tmp/k3s', '/p', 'holds part of', '/tmp/k3s/sub2'],
    ['the whole filesystem mounted below', '/tmp/disk', '/p', 'holds', '/tmp/disk/host'],
    ['a mount several folders down', '/tmp/deep', '/p/config', 'holds', '/tmp/deep/a/b/c'],
    ['a folder between the two', '/tmp/deep/a', '/p/config', 'holds', '/tmp/deep/a/b/c'],
    ['a mount point with blanks (escaped in mountinfo)', '/tmp/with space', '/p/config', 'holds', '/tmp/with space/c d'],
    ['a mount covered by a later mount above it', '/tmp/hid', '/p/config', undefined, undefined],
    ['a mount covered by a later mount on its point', '/tmp/re', '/p/config', undefined, undefined],
    ['a mount of another filesystem', '/tmp/o', '/p', undefined, undefined],
    ['a sibling whose name starts alike (/p2)', '/tmp/sib2', '/p', undefined, undefined],
    ['a sibling whose name starts alike (/p/configs)', '/tmp/sib', '/p/config', undefined, undefined],
    ['the folder is itself the mount point (mountRelation says "is")', '/tmp/self', '/p/config', undefined, undefined],
    ['a folder with no mount below it', '/tmp/plain', '/p/config', undefined, undefined],
  ])('%s', (_, a, b, relation, mountPoint) => {
    const held = heldThroughMount(a, b, MOUNTS);
    expect(held?.relation).toBe(relation);
    expect(held?.mountPoint).toBe(mountPoint);
  });

  test('without a mount table (no /proc) nothing is held', () => {
    expect(heldThroughMount('/tmp/out', '/p/config', undefined)).toBeUndefined();
  });

  test('mountsBelow: strictly below, not the folder itself, covered mounts left out', () => {
    expect(mountsBelow('/tmp/re', MOUNTS).map((m) => m.root)).toEqual(['/elsewhere']);
    expect(mountsBelow('/tmp/self', MOUNTS)).toEqual([]);
    expect(mountsBelow('/tmp/hid', MOUNTS)).toEqual([]);
  });
});

// The same table around the real project path, given to the checks as text (the paths below /tmp need not exist).
const project = realpathSync(PROJECT_ROOT);
const table =
  (...lines: string[]) =>
  () =>
    parseMountinfo(['27 1 8:1 / / rw - ext4 /dev/vda rw', ...lines].join('\n'));
const config = join(project, 'config');

describe('59b-1: K3S_VIP_DIST_DIR / K3S_VIP_CONFIG_DIR holding a folder through a mount below them', () => {
  test.each([
    // [case, config, dist, mount line, expected text (undefined: accepted)]
    [
      'dist/ holds the config folder',
      config,
      '/tmp/i59-out',
      `60 27 8:1 ${config} /tmp/i59-out/c rw`,
      'the output folder /tmp/i59-out/ holds the config folder',
    ],
    [
      'dist/ holds a folder of the config folder',
      config,
      '/tmp/i59-out',
      `60 27 8:1 ${config}/examples /tmp/i59-out/c rw`,
      'holds part of the config folder',
    ],
    ['dist/ holds the project', '/tmp/i59-cfg', '/tmp/i59-out', `60 27 8:1 ${project} /tmp/i59-out/sub rw`, 'holds this project'],
    ['dist/ holds src/', config, '/tmp/i59-out', `60 27 8:1 ${project}/src /tmp/i59-out/sub rw`, 'holds part of this project'],
    ['dist/ holds a folder holding the project', config, '/tmp/i59-out', `60 27 8:1 / /tmp/i59-out/host rw`, 'holds the config folder'],
    [
      'the config folder holds the project',
      '/tmp/i59-cfg',
      '/tmp/i59-dist',
      `60 27 8:1 ${project} /tmp/i59-cfg/proj rw`,
      'the config folder /tmp/i59-cfg/ holds this project',
    ],
    [
      'the config folder holds dist/',
      '/tmp/i59-cfg',
      '/tmp/i59-dist',
      `60 27 8:1 /tmp/i59-dist /tmp/i59-cfg/out rw`,
      'the output folder /tmp/i59-dist/ lies inside the config folder',
    ],
    ['control: a mount below dist/ of a folder elsewhere', config, '/tmp/i59-out', `60 27 8:1 /srv/data /tmp/i59-out/d rw`, undefined],
    ['control: no mount below dist/', config, '/tmp/i59-out', `60 27 0:40 / /tmp/i59-other rw`, undefined],
    ['control: the project dist/ and config/', config, join(project, 'dist'), `60 27 0:40 / /tmp/i59-other rw`, undefined],
    [
      'control: a config folder holding only a project subfolder (read at its top only)',
      '/tmp/i59-cfg',
      '/tmp/i59-dist',
      `60 27 8:1 ${project}/src /tmp/i59-cfg/src rw`,
      undefined,
    ],
  ])('%s', (_, configDir, distDir, line, expected) => {
    const problem = ownFoldersProblem(configDir, distDir, table(`${line} - ext4 /dev/vda rw`));
    if (expected === undefined) return expect(problem).toBeUndefined();
    expect(problem).toContain(expected);
    expect(problem).toMatch(/\(through the mount at \/tmp\/i59-[a-z]+\/[a-z]+\)/);
    expect(problem).toMatch(/K3S_VIP_(DIST|CONFIG)_DIR/);
  });
});

describe('59b-2: k3s:install --dir holding a folder through a mount below it', () => {
  const folders = { configDir: config, distDir: join(project, 'dist') };
  test.each([
    ['the config folder', `${config}`, 'holds the config folder'],
    ['a folder of the config folder', `${config}/examples`, 'holds part of the config folder'],
    ['dist/', join(project, 'dist'), "holds synth's output folder"],
    ['src/', join(project, 'src'), 'holds part of this project'],
    ['control: a folder elsewhere', '/srv/data', undefined],
  ])('a mount of %s below --dir', (_, source, expected) => {
    const problem = projectFolderProblem(
      '/tmp/i59-k3s',
      '/tmp/i59-k3s',
      folders,
      table(`60 27 8:1 ${source} /tmp/i59-k3s/sub rw - ext4 /dev/vda rw`),
    );
    if (expected === undefined) return expect(problem).toBeUndefined();
    expect(problem).toContain('--dir "/tmp/i59-k3s": ');
    expect(problem).toContain(expected);
    expect(problem).toContain('(through the mount at /tmp/i59-k3s/sub)');
    expect(problem).toContain('pass --dir <the K3s manifests folder>');
  });
});

describe('59b-2: a top-level link of the folder K3s walks, to a folder of this project', () => {
  const base = mkdtempSync(join(tmpdir(), 'integrity59-links-'));
  afterAll(() => rmSync(base, { recursive: true, force: true }));
  const linkConfig = join(base, 'config');
  mkdirSync(linkConfig);
  const elsewhere = join(base, 'elsewhere');
  mkdirSync(elsewhere);
  const folders = { configDir: linkConfig, distDir: join(project, 'dist') };
  test.each([
    ['the config folder', linkConfig, '', 'the config folder'],
    ['src/', join(project, 'src'), '', 'this project'],
    ['a folder holding the project', '/', '', 'the config folder'],
    ['a folder holding the config folder', base, '', 'the config folder'],
    ['control: a folder elsewhere', elsewhere, '', undefined],
    ['control: the config folder, linked from a subfolder (K3s follows top-level links only)', linkConfig, 'nested', undefined],
  ])('a link to %s', (_, to, sub, expected) => {
    const dir = mkdtempSync(join(base, 'k3s-'));
    mkdirSync(join(dir, sub), { recursive: true });
    symlinkSync(to, join(dir, sub, 'linked'));
    const problem = projectFolderProblem(dir, dir, folders, table());
    if (expected === undefined) return expect(problem).toBeUndefined();
    expect(problem).toContain(`the link ${join(dir, 'linked')} in the folder K3s walks`);
    expect(problem).toContain(expected);
    expect(problem).toContain('remove the link');
  });
});

describe('review59-6: the mount table is read once per check', () => {
  test('lazyMountTable reads on first use, then never again', () => {
    let reads = 0;
    const mounts = lazyMountTable(() => (reads++, undefined));
    expect(reads).toBe(0);
    mounts();
    mounts();
    expect(reads).toBe(1);
  });

  test.each([
    ['a dist elsewhere', '/tmp/i59-nothing-here'],
    ['the project dist/', join(project, 'dist')],
  ])('ownFoldersProblem reads it at most once (%s)', (_, distDir) => {
    let reads = 0;
    const read = () => (reads++, parseMountinfo('27 1 8:1 / / rw - ext4 /dev/vda rw'));
    expect(ownFoldersProblem(config, distDir, read)).toBeUndefined();
    expect(reads).toBeLessThanOrEqual(1);
  });

  test('projectFolderProblem reads it at most once', () => {
    let reads = 0;
    const read = () => (reads++, parseMountinfo('27 1 8:1 / / rw - ext4 /dev/vda rw'));
    expect(
      projectFolderProblem('/tmp/i59-k3s', '/tmp/i59-k3s', { configDir: config, distDir: join(project, 'dist') }, read),
    ).toBeUndefined();
    expect(reads).toBeLessThanOrEqual(1);
  });
});

// A real bind mount where this runs as root (Linux): the config folder bound below the output folder and --dir.
const root = process.getuid?.() === 0 && process.platform === 'linux';
(root ? test : test.skip)('a real bind mount of the config folder below dist/ and --dir is refused', () => {
  const base = mkdtempSync(join(tmpdir(), 'integrity59-bm-'));
  const [cfg, out] = [join(base, 'config'), join(base, 'out')];
  mkdirSync(cfg);
  mkdirSync(join(out, 'c'), { recursive: true });
  const mounted = spawnSync('mount', ['--bind', cfg, join(out, 'c')]).status === 0;
  try {
    if (!mounted) return;
    expect(ownFoldersProblem(cfg, out)).toContain(
      `the output folder ${out}/ holds the config folder ${cfg}/ (through the mount at ${out}/c)`,
    );
    expect(projectFolderProblem(out, out, { configDir: cfg, distDir: join(project, 'dist') })).toContain(
      `holds the config folder (${cfg}/) (through the mount at ${out}/c)`,
    );
  } finally {
    if (mounted) spawnSync('umount', [join(out, 'c')]);
    rmSync(base, { recursive: true, force: true });
  }
});
