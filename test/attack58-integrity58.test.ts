// Round 58b finding 1 (a bind mount of a project SUBFOLDER passed the "lies inside" checks), review57-7 (synth.js as
// pid 1), and 58b messages 8, 9, 10 (`-o ''`, K3S_VIP_LAUNCHER_PID spellings, gitops.path warning through a link).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultPathElsewhere } from '../src/gitops/default-path';
import { PROJECT_ROOT } from '../src/output/cache-folder';
import { isAncestor, launcherGone } from '../src/output/launcher';
import { mountPlace, parseMountinfo } from '../src/output/mount-place';
import { mountRelation, ownFoldersProblem } from '../src/output/own-folders';
import { stagingRefusal } from '../src/output/staging-folder';

// A mount table as /proc/self/mountinfo gives it: the project on /dev/vda (8:1), aliases bound into /tmp.
const MOUNTINFO = [
  '22 27 0:21 / /proc rw,relatime - proc proc rw',
  '27 1 8:1 / / rw,relatime - ext4 /dev/vda rw',
  '40 27 0:30 / /tmp/other-fs rw - tmpfs tmpfs rw',
  '45 27 8:1 /p/src /tmp/bm-src rw,relatime - ext4 /dev/vda rw',
  '46 27 8:1 /p/config/examples /tmp/bm-examples rw - ext4 /dev/vda rw',
  '47 27 8:1 /p/docs /tmp/with\\040space rw - ext4 /dev/vda rw',
  '48 27 8:1 /p/dist /tmp/bm-dist rw - ext4 /dev/vda rw',
  '49 27 8:1 /elsewhere /tmp/bm-elsewhere rw - ext4 /dev/vda rw',
  '50 27 8:1 /p /tmp/bm-src rw - ext4 /dev/vda rw', // mounted later on the same point: covers 45
  '51 27 8:1 /p/src /tmp/bm-src-only rw - ext4 /dev/vda rw',
].join('\n');
const MOUNTS = parseMountinfo(MOUNTINFO);

describe('58b-1: a bind mount of a project subfolder lies inside the project (mount table)', () => {
  test.each([
    // [case, a, b, relation]
    ['bind of src/ vs the project', '/tmp/bm-src-only', '/p', 'lies inside'],
    ['a folder in the bind of src/ vs the project', '/tmp/bm-src-only/dev', '/p', 'lies inside'],
    ['a path beside the alias (no mount of its own)', '/tmp/bm-src-only2/x', '/p', undefined],
    ['bind of config/examples vs the config folder', '/tmp/bm-examples', '/p/config', 'lies inside'],
    ['a folder in the bind of config/examples vs the config folder', '/tmp/bm-examples/sub/dir', '/p/config', 'lies inside'],
    ['bind of docs/ (mount point with a space) vs the project', '/tmp/with space', '/p', 'lies inside'],
    ['bind of dist/ vs the project dist/', '/tmp/bm-dist', '/p/dist', 'is'],
    ['the project vs a bind of one of its subfolders', '/p', '/tmp/bm-examples/x', 'holds'],
    ['the later mount on one point wins (bind of the project root)', '/tmp/bm-src', '/p', 'is'],
    ['a bind of a folder outside the project', '/tmp/bm-elsewhere', '/p', undefined],
    ['another filesystem', '/tmp/other-fs/p', '/p', undefined],
    ['a sibling whose name starts alike', '/p2', '/p', undefined],
  ])('%s', (_, a, b, relation) => {
    expect(mountRelation(a, b, MOUNTS)).toBe(relation);
  });

  test('without a mount table (no /proc) the mount check says nothing', () => {
    expect(mountRelation('/tmp/bm-examples', '/p/config', undefined)).toBeUndefined();
    expect(parseMountinfo('')).toEqual([]);
  });

  test('a path maps to its filesystem and the path on it', () => {
    expect(mountPlace('/tmp/bm-examples/a', MOUNTS)).toBe('8:1:/p/config/examples/a');
    expect(mountPlace('/p/src', MOUNTS)).toBe('8:1:/p/src');
    expect(mountPlace('/proc/self', MOUNTS)).toBe('0:21:/self');
  });

  // A real bind mount where this runs as root (Linux); unmounted after.
  const root = process.getuid?.() === 0 && process.platform === 'linux';
  (root ? test : test.skip).each([
    ['src', 'this project'],
    ['docs', 'this project'],
    [join('config', 'examples'), 'the config folder'],
  ])('a real bind mount of %s/ as K3S_VIP_DIST_DIR is refused', (folder, what) => {
    const alias = mkdtempSync(join(tmpdir(), 'integrity58-bm-'));
    const mounted = spawnSync('mount', ['--bind', join(PROJECT_ROOT, folder), alias]).status === 0;
    try {
      if (!mounted) return;
      const problem = ownFoldersProblem(join(PROJECT_ROOT, 'config'), alias);
      expect(problem).toContain(`the output folder ${alias}/ lies inside ${what}`);
      expect(problem).toContain('K3S_VIP_DIST_DIR');
    } finally {
      if (mounted) spawnSync('umount', [alias]);
      rmdirSync(alias);
    }
  });
});

describe('review57-7 and 58b-9: K3S_VIP_LAUNCHER_PID', () => {
  test('pid 1 as the launcher (synth.js in a container) is an ancestor', () => {
    const chain: Record<number, number> = { 50: 7, 7: 1, 1: 0 };
    expect(isAncestor(1, 50, (pid) => chain[pid])).toBe(true);
    expect(isAncestor(1, 1, (pid) => chain[pid])).toBe(true);
    expect(isAncestor(9, 50, (pid) => chain[pid])).toBe(false);
  });

  test('K3S_VIP_LAUNCHER_PID=1 is not refused (pid 1 runs while this does)', () => {
    expect(launcherGone({ K3S_VIP_LAUNCHER_PID: '1' })).toBeUndefined();
  });

  test.each(['1e3', '99999999999999999999', '0x10', ' 1', '-1', '0', '1.0', '1_000'])(
    '%j is not a process id, never read as another number',
    (given) => {
      const message = launcherGone({ K3S_VIP_LAUNCHER_PID: given });
      expect(message).toContain('K3S_VIP_LAUNCHER_PID is not a process id');
      expect(message).not.toMatch(/1000|1e\+?20|100000000000000000000/);
    },
  );

  test('a pid that ended is echoed as given', () => {
    const message = launcherGone({ K3S_VIP_LAUNCHER_PID: '4194301' });
    expect(message).toContain('(pid 4194301)');
    expect(message).toContain('has ended');
  });
});

describe('58b-8: `cdk8s synth -o` messages claim no removal that cannot be told', () => {
  test("-o '' (the CLI removes nothing): no folder named /, nothing said removed", () => {
    const lines = stagingRefusal('', 'config', 'dist')!;
    expect(lines).toHaveLength(2);
    expect(lines.join('\n')).not.toMatch(/ \/ |whatever was at|was removed/);
    expect(lines[0]).toContain('removed nothing');
    expect(lines[0]).toContain('npm run synth');
    expect(lines[1]).toBe('synth failed: the app wrote nothing.');
  });

  test('-o <a new folder in the project> does not say something was there', () => {
    const lines = stagingRefusal('never-was-here', 'config', 'dist')!;
    expect(lines[0]).toContain('(if anything) is gone: if it held anything, restore it');
    expect(lines[1]).toContain('(if it was there)');
  });
});

describe('58b-10: no false gitops.path warning for a link to the project dist/', () => {
  const work = mkdtempSync(join(tmpdir(), 'integrity58-gitops-'));
  const project = join(work, 'p');
  mkdirSync(join(project, 'dist'), { recursive: true });
  mkdirSync(join(work, 'out'));
  symlinkSync(join(project, 'dist'), join(work, 'link-to-dist'));
  symlinkSync(join(work, 'out'), join(work, 'link-to-out'));
  test.each([
    ['a link to the project dist/', join(work, 'link-to-dist'), false],
    ['the project dist/ by its path', join(project, 'dist/'), false],
    ['a link to another folder', join(work, 'link-to-out'), true],
    ['another folder', join(work, 'out'), true],
  ])('%s', (_, distDir, warned) => {
    const warning = defaultPathElsewhere('g1', { path: undefined }, distDir, project);
    if (!warned) return expect(warning).toBeUndefined();
    expect(warning).toContain('gitops.path is not set');
    expect(warning).toContain('/g1/');
  });
});
