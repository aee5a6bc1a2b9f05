// Round 57b findings 1, 2, 11 and 12: `cdk8s synth -o <folder>`, a SIGKILLed `npm run synth`, leftovers of a
// killed synth read by k3s:install, and bind-mount aliases of the project's folders.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wiring } from '../src/main';
import { readSource } from '../src/k3s/install-apply';
import { PROJECT_ROOT } from '../src/output/cache-folder';
import { nodeFileSystem } from '../src/output/file-system';
import { identityRelation, PathStep } from '../src/output/folder-identity';
import { interruptedSynth } from '../src/output/interrupted-synth';
import { isAncestor, launcherGone, launcherGuard } from '../src/output/launcher';
import { folderRelation } from '../src/output/own-folders';
import { PublishError, syncTree } from '../src/output/publish';
import { stagingRefusal } from '../src/output/staging-folder';
import { runSynth } from '../src/synth';

const scratch = () => mkdtempSync(join(tmpdir(), 'integrity57-'));
const DEV = readFileSync(join(__dirname, 'fixtures', 'config', 'dev.yaml'), 'utf8');

describe('57b-1: the cdk8s output folder (-o, CDK8S_OUTDIR) is checked before anything is written', () => {
  // As main passes them (the defaults, relative to the project where npm runs).
  const [config, dist] = ['config', 'dist'];
  const outside = scratch();
  const aliasOfConfig = join(outside, 'cfg-link');
  const fixtureConfig = join(__dirname, 'fixtures', 'config');
  symlinkSync(fixtureConfig, aliasOfConfig);
  const refused: Array<[string, string, string, string]> = [
    // [case, -o, what the message names, how to restore]
    ['-o dist', 'dist', 'the output folder dist/', '`npm run synth`'],
    ['-o dist/dev', 'dist/dev', 'lies inside the output folder', '`npm run synth`'],
    ['-o config', 'config', 'the config folder', '`git checkout -- config`'],
    ['-o config/examples', 'config/examples', 'lies inside the config folder', '`git checkout -- config`'],
    ['-o src', 'src', "is this project's src/", '`git checkout -- src`'],
    ['-o src/x', 'src/x', "lies in this project's src/", '`git checkout -- src`'],
    ['-o scripts', 'scripts', "this project's scripts/", '`git checkout -- scripts`'],
    ['-o lib', 'lib', "this project's lib/", '`npm run build`'],
    ['-o node_modules', 'node_modules', "this project's node_modules/", '`npm ci`'],
    ['-o test', 'test', "this project's test/", '`git checkout -- test`'],
    ['-o . (the project)', PROJECT_ROOT, 'is this project', 'clone'],
    ['-o <the folder holding the project>', join(PROJECT_ROOT, '..'), 'holds this project', 'clone'],
  ];
  test.each(refused)('%s is refused: what the CLI removed, how to restore it, how to run synth', (_, outdir, what, fix) => {
    const lines = stagingRefusal(outdir, config, dist);
    expect(lines).toHaveLength(2);
    expect(lines![0]).toContain(what);
    expect(lines![0]).toContain('the cdk8s CLI deletes its output folder before it runs this app');
    expect(lines![0]).toContain(fix);
    expect(lines![0]).toContain('npm run synth');
    // The last line is true whatever the folder was: the app wrote nothing (never "dist/ was updated ... complete").
    expect(lines![1]).toMatch(/^synth failed: the app wrote nothing; the cdk8s CLI removed .* before the app ran/);
  });

  const scratchConfig = join(outside, 'my-config');
  const scratchDist = join(outside, 'my-dist');
  test.each([
    ['K3S_VIP_CONFIG_DIR=/tmp/x, -o /tmp/x', scratchConfig, 'is the config folder'],
    ['K3S_VIP_DIST_DIR=/tmp/d, -o /tmp/d/a', join(scratchDist, 'a'), 'lies inside the output folder'],
    ['-o the folder holding K3S_VIP_DIST_DIR', outside, 'holds the output folder'],
  ])('%s is refused', (_, outdir, what) => {
    expect(stagingRefusal(outdir, scratchConfig, scratchDist)?.[0]).toContain(what);
  });

  test.each([
    ['the default (cdk8s.yaml output)', '.cdk8s.out'],
    ["npm run synth's own staging folder", '.cdk8s.out/run-12345'],
    ['a scratch folder elsewhere', join(outside, 'staging')],
  ])('%s is a staging area', (_, outdir) => {
    expect(stagingRefusal(outdir, config, dist)).toBeUndefined();
  });

  test('-o <a link to the config folder> is refused as the config folder', () => {
    expect(stagingRefusal(aliasOfConfig, fixtureConfig, dist)?.[0]).toContain('is the config folder');
  });

  test("cdk8s.yaml keeps the CLI's output in .cdk8s.out", () => {
    expect(readFileSync(join(PROJECT_ROOT, 'cdk8s.yaml'), 'utf8')).toMatch(/^output: \.cdk8s\.out\/bare$/m);
  });

  test('runSynth with the output folder as its staging copy publishes nothing and removes nothing', () => {
    const root = scratch();
    mkdirSync(join(root, 'config'));
    writeFileSync(join(root, 'config', 'dev.yaml'), DEV);
    mkdirSync(join(root, 'dist', 'dev'), { recursive: true });
    writeFileSync(join(root, 'dist', 'dev', 'my-notes.md'), 'mine\n');
    const lines: string[] = [];
    const distDir = join(root, 'dist');
    runSynth({ configDir: join(root, 'config'), distDir, stagingDir: distDir, wiring, log: (l) => lines.push(l) });
    expect(readFileSync(join(root, 'dist', 'dev', 'my-notes.md'), 'utf8')).toBe('mine\n');
    expect(existsSync(join(root, 'dist', '.generated-files'))).toBe(false);
    expect(lines.at(-1)).toMatch(/^synth failed: the app wrote nothing/);
    expect(lines.join('\n')).not.toContain('it is complete');
  });
});

describe('57b-12: a folder is compared by device and inode too (bind-mount aliases)', () => {
  const steps = (...parts: Array<string | [string, string]>): PathStep[] => [
    { id: 'd:1', name: '' },
    ...parts.map((part) => (typeof part === 'string' ? { name: part } : { id: part[1], name: part[0] })),
  ];
  const config = steps(['work', 'd:2'], ['proj', 'd:3'], ['config', 'd:4']);
  test.each([
    ['an alias of config/ is config/', steps(['tmp', 'd:9'], ['bind', 'd:4']), config, 'is'],
    ['a folder inside the alias lies inside config/', steps(['tmp', 'd:9'], ['bind', 'd:4'], ['examples', 'd:5']), config, 'lies inside'],
    ['a missing folder inside the alias lies inside config/', steps(['tmp', 'd:9'], ['bind', 'd:4'], 'new'), config, 'lies inside'],
    ['an alias of the project holds config/', steps(['tmp', 'd:9'], ['bind', 'd:3']), config, 'holds'],
    ['config/ lies inside an alias of the project', config, steps(['tmp', 'd:9'], ['bind', 'd:3']), 'lies inside'],
    ['a missing folder seen through two aliases is one folder', steps(['a', 'd:4'], 'x'), steps(['b', 'd:4'], 'x'), 'is'],
    ['a sibling is apart', steps(['tmp', 'd:9'], ['other', 'd:7']), config, undefined],
    ['two missing folders of different names are apart', steps(['a', 'd:4'], 'x'), steps(['b', 'd:4'], 'y'), undefined],
  ])('%s', (_, a, b, relation) => {
    expect(identityRelation(a, b)).toBe(relation);
  });

  test('on disk: a folder and its link alias are one folder (folderRelation)', () => {
    const root = scratch();
    mkdirSync(join(root, 'config', 'examples'), { recursive: true });
    symlinkSync(join(root, 'config'), join(root, 'alias'));
    // folderRelation takes resolved paths; the identity check catches the alias even given unresolved.
    expect(folderRelation(join(root, 'alias'), join(root, 'config'))).toBe('is');
    expect(folderRelation(join(root, 'alias', 'examples'), join(root, 'config'))).toBe('lies inside');
    expect(folderRelation(join(root, 'alias', 'new'), join(root, 'config'))).toBe('lies inside');
    expect(folderRelation(join(root, 'other'), join(root, 'config'))).toBeUndefined();
  });

  const canMount = process.getuid?.() === 0 && spawnSync('mount', ['--version']).status === 0;
  (canMount ? test : test.skip)('a bind mount of config/ is refused as K3S_VIP_DIST_DIR and as k3s:install --dir', () => {
    const root = scratch();
    mkdirSync(join(root, 'config', 'examples'), { recursive: true });
    writeFileSync(join(root, 'config', 'dev.yaml'), DEV);
    mkdirSync(join(root, 'bind'));
    if (spawnSync('mount', ['--bind', join(root, 'config'), join(root, 'bind')]).status !== 0) return;
    try {
      expect(folderRelation(join(root, 'bind'), join(root, 'config'))).toBe('is');
      const lines: string[] = [];
      runSynth({
        configDir: join(root, 'config'),
        distDir: join(root, 'bind'),
        dryRun: true,
        wiring,
        log: (l) => lines.push(l),
        out: () => {},
      });
      expect(lines.join('\n')).toContain('is the config folder');
      const install = spawnSync(
        process.execPath,
        [join(PROJECT_ROOT, 'scripts', 'app.js'), 'k3s/install', '--cluster', 'dev', '--dir', join(root, 'bind', 'examples'), '--dry-run'],
        { encoding: 'utf8', env: { ...process.env, K3S_VIP_CONFIG_DIR: join(root, 'config'), K3S_VIP_DIST_DIR: join(root, 'dist') } },
      );
      expect(install.stderr).toContain('lies inside the config folder');
    } finally {
      spawnSync('umount', [join(root, 'bind')]);
    }
  });
});

describe('57b-2: the app publishes only while npm run synth (its launcher) runs', () => {
  const chain = new Map([
    [100, 50],
    [50, 40],
    [40, 1],
  ]);
  test.each([
    ['the launcher is an ancestor', 40, true],
    ['the launcher is the parent', 50, true],
    ['a pid that is alive but not an ancestor (reused)', 77, false],
  ])('%s', (_, launcher, expected) => {
    expect(isAncestor(launcher, 100, (pid) => chain.get(pid))).toBe(expected);
  });

  test.each([
    ['no launcher (a plain cdk8s synth)', {}, undefined],
    ['the launcher is this process', { K3S_VIP_LAUNCHER_PID: String(process.pid) }, undefined],
    ['the launcher is gone', { K3S_VIP_LAUNCHER_PID: '999999999' }, /has ended .*this run stops/],
  ])('launcherGone: %s', (_, env, expected) => {
    const gone = launcherGone(env as NodeJS.ProcessEnv);
    if (expected === undefined) expect(gone).toBeUndefined();
    else expect(gone).toMatch(expected);
  });

  test('a launcher gone during publish: the publish stops and dist/ is left whole (rolled back)', () => {
    const dir = scratch();
    const old = new Map([['dev/a.yaml', 'old-a\n']]);
    syncTree(dir, old);
    const before = readFileSync(join(dir, '.generated-files'), 'utf8');
    const guarded = launcherGuard(nodeFileSystem, { K3S_VIP_LAUNCHER_PID: '999999999' });
    expect(() =>
      syncTree(
        dir,
        new Map([
          ['dev/a.yaml', 'new-a\n'],
          ['dev/b.yaml', 'b\n'],
        ]),
        guarded,
      ),
    ).toThrow(PublishError);
    expect(readFileSync(join(dir, 'dev', 'a.yaml'), 'utf8')).toBe('old-a\n');
    expect(existsSync(join(dir, 'dev', 'b.yaml'))).toBe(false);
    expect(readFileSync(join(dir, '.generated-files'), 'utf8')).toBe(before);
    expect(interruptedSynth(dir, nodeFileSystem)).toBeUndefined();
  });

  test('a launcher that runs: the publish goes through', () => {
    const dir = scratch();
    syncTree(dir, new Map([['dev/a.yaml', 'a\n']]), launcherGuard(nodeFileSystem, { K3S_VIP_LAUNCHER_PID: String(process.pid) }));
    expect(readFileSync(join(dir, 'dev', 'a.yaml'), 'utf8')).toBe('a\n');
  });

  test('synth.js passes its pid to the app and keeps a staging folder whose CLI still runs', () => {
    const script = readFileSync(join(PROJECT_ROOT, 'scripts', 'synth.js'), 'utf8');
    expect(script).toContain('K3S_VIP_LAUNCHER_PID: String(process.pid)');
    expect(script).toMatch(/\.cli`/);
  });
});

describe('57b-11: k3s:install judges a dist/ left by an interrupted synth as check does', () => {
  const published = () => {
    const dir = scratch();
    syncTree(
      dir,
      new Map([
        ['dev/kustomization.yaml', 'resources:\n  - a.yaml\n'],
        ['dev/a.yaml', 'kind: ConfigMap\n'],
      ]),
    );
    return dir;
  };
  test.each([
    [
      'a temporary file of a killed synth at the top',
      (dir: string) => writeFileSync(join(dir, '..generated-files.k3s-vip-4242.tmp'), 'x'),
      /\.\.generated-files\.k3s-vip-4242\.tmp is a temporary file of an interrupted synth/,
    ],
    [
      'a temporary file in another cluster folder',
      (dir: string) => {
        mkdirSync(join(dir, 'other'));
        writeFileSync(join(dir, 'other', '.x.yaml.k3s-vip-4242.tmp'), 'x');
      },
      /other\/\.x\.yaml\.k3s-vip-4242\.tmp is a temporary file/,
    ],
    [
      'a list entry without a digest (the widened list of a killed synth)',
      (dir: string) => {
        writeFileSync(join(dir, '.generated-files'), `${readFileSync(join(dir, '.generated-files'), 'utf8')}other/b.yaml\n`);
      },
      /records no digest for other\/b\.yaml: a synth was interrupted/,
    ],
  ])('%s: refused, naming the file, with `npm run synth`', (_, spoil, message) => {
    const dir = published();
    expect(() => readSource(dir, 'dev')).not.toThrow();
    spoil(dir);
    expect(interruptedSynth(dir, nodeFileSystem)).toMatch(message);
    expect(() => readSource(dir, 'dev')).toThrow(/is not the complete output of one synth .*run `npm run synth` again/);
  });

  test('a whole dist/ installs (control)', () => {
    const dir = published();
    expect(interruptedSynth(dir, nodeFileSystem)).toBeUndefined();
    expect(readSource(dir, 'dev').manifests.size).toBe(1);
  });
});
