// @jest-own-suite: its time goes to child processes (scripts/test-suites.js).
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killAtEveryStep } from './kill-harness';
import { installCluster, recordAsSynthesized } from './helpers';
import { readTarget } from '../src/k3s/install-apply';
import { planInstall } from '../src/k3s/install-plan';
import { FileSystem, isTemporaryName, nodeFileSystem } from '../src/output/file-system';
import { LOCK_FILE } from '../src/output/lock';

const KUBE_VIP = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: kube-vip\n  namespace: kube-system\n';
const TRAEFIK = 'apiVersion: helm.cattle.io/v1\nkind: HelmChartConfig\nmetadata:\n  name: traefik\n  namespace: kube-system\n';
const INGRESSES = 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: frontend\n  namespace: default\n';
const WHOAMI = INGRESSES.replace('frontend', 'whoami');
const BEFORE = { 'kube-vip.yaml': KUBE_VIP, 'traefik-config.yaml': TRAEFIK, 'ingresses.yaml': INGRESSES };
/** Updates kube-vip.yaml, keeps traefik-config.yaml, removes ingresses.yaml, creates whoami.yaml. */
const AFTER = { 'kube-vip.yaml': `${KUBE_VIP}# changed\n`, 'traefik-config.yaml': TRAEFIK, 'whoami.yaml': WHOAMI };
const RECORD = '.k3s-vip-dev.json';
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** Writes dist/<cluster>/ with `files` and a kustomization listing `resources` (default: every file). */
function setDist(dist: string, files: Record<string, string>, resources = Object.keys(files), cluster = 'dev'): void {
  const folder = join(dist, cluster);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'kustomization.yaml'), `kind: Kustomization\nresources:\n${resources.map((r) => `  - ${r}\n`).join('')}`);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
  recordAsSynthesized(dist);
}

/** Every entry below `dir` -> its text (`<folder>`, `<link>` for others). */
function contents(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { recursive: true, withFileTypes: true }).map((e) => {
      const path = join(e.parentPath, e.name);
      return [path.slice(dir.length + 1), e.isFile() ? readFileSync(path, 'utf8') : e.isDirectory() ? '<folder>' : '<link>'];
    }),
  );
}

/** A K3s folder holding the install of BEFORE, a file of somebody else's and a temporary file of a killed run; dist/ holding AFTER. */
function prepared(leftover = true) {
  const root = mkdtempSync(join(tmpdir(), 'k3s-vip-interrupted-'));
  const dist = join(root, 'dist');
  const target = join(root, 'manifests');
  mkdirSync(target);
  setDist(dist, BEFORE);
  expect(installCluster(dist, target).code).toBe(0);
  writeFileSync(join(target, 'mine.yaml'), 'kind: Mine\n');
  if (leftover) writeFileSync(join(target, '.kube-vip.yaml.k3s-vip-4194305.tmp'), 'half');
  setDist(dist, AFTER);
  return { root, dist, target };
}

/** What a finished install of AFTER leaves. */
const finished = (() => {
  const { dist, target } = prepared();
  expect(installCluster(dist, target).code).toBe(0);
  return contents(target);
})();

/** The files of `target` no record entry claims with their present text (the lock, temporary and foreign files aside). */
function unclaimed(target: string): string[] {
  const files = (JSON.parse(readFileSync(join(target, RECORD), 'utf8')) as { files: Record<string, { sha256?: string; pending?: string }> })
    .files;
  return Object.entries(contents(target))
    .filter(([name]) => name !== RECORD && name !== LOCK_FILE && name !== 'mine.yaml' && !isTemporaryName(name))
    .filter(([name, text]) => !Object.hasOwn(files, name) || ![files[name].sha256, files[name].pending].includes(sha(text)))
    .map(([name]) => name);
}

describe('k3s:install under SIGKILL (a real process killed before every step, the last one too)', () => {
  test('every file left is claimed by the record as it stands, no later install takes any for a change by hand, and the next run ends exact', async () => {
    const { steps } = await killAtEveryStep(
      () => {
        const { dist, target } = prepared();
        return { run: 'install', dir: target, dist, cluster: 'dev' };
      },
      (step, job, last) => {
        if (job.run !== 'install') throw new Error('an install job');
        expect({ step, unclaimed: unclaimed(job.dir) }).toEqual({ step, unclaimed: [] });
        if (last) expect(contents(job.dir)).toEqual({ ...finished, [LOCK_FILE]: expect.any(String) });
        // A later install that drops every file the killed run touched: each is still known for ours.
        const dropped = planInstall({
          cluster: 'dev',
          source: 'dist/dev',
          manifests: new Map([['traefik-config.yaml', TRAEFIK]]),
          target: readTarget(job.dir),
        });
        expect({
          step,
          errors: dropped.errors,
          leave: dropped.entries.filter((e) => e.action === 'leave' || e.note?.includes('by hand')),
        }).toEqual({
          step,
          errors: [],
          leave: [],
        });
        // The next run takes over the dead run's lock and finishes the install.
        const next = installCluster(job.dist, job.dir);
        expect({ step, code: next.code, byHand: next.lines.filter((l) => /changed by hand|cannot be listed/.test(l)) }).toEqual({
          step,
          code: 0,
          byHand: [],
        });
        expect({ step, contents: contents(job.dir) }).toEqual({ step, contents: finished });
      },
    );
    expect(steps).toBeGreaterThanOrEqual(14);
  }, 60_000);
});

describe('a resumed install knows its own half-done work', () => {
  /** The folder as an install killed just after renaming `file` into place leaves it. */
  function killedAfterRename(file: keyof typeof AFTER) {
    const { dist, target } = prepared();
    // Every call after that rename fails, so nothing is rolled back: what a kill leaves.
    let dead = false;
    const fs = Object.fromEntries(
      Object.entries(nodeFileSystem).map(([name, call]) => [
        name,
        (...args: unknown[]) => {
          if (dead) throw new Error('killed');
          const result = (call as (...a: unknown[]) => unknown)(...args);
          dead = name === 'rename' && args[1] === join(target, file);
          return result;
        },
      ]),
    ) as unknown as FileSystem;
    expect(installCluster(dist, target, fs).code).toBe(1);
    expect(readFileSync(join(target, file), 'utf8')).toBe(AFTER[file]);
    return { dist, target };
  }

  test.each<[string, Record<string, string>, string[]]>([
    ['the same dist/ again', AFTER, ['  unchanged kube-vip.yaml']],
    ['a newer dist/ that changes the file again', { ...AFTER, 'kube-vip.yaml': `${KUBE_VIP}# newer\n` }, ['  update    kube-vip.yaml']],
    ['a dist/ that drops the file', { 'traefik-config.yaml': TRAEFIK }, ['  remove    kube-vip.yaml']],
  ])('killed just after the update of kube-vip.yaml, then %s', (_, next, lines) => {
    const { dist, target } = killedAfterRename('kube-vip.yaml');
    setDist(dist, next);
    const run = installCluster(dist, target);
    expect(run.code).toBe(0);
    expect(run.lines).toEqual(expect.arrayContaining(lines));
    expect(run.lines.join('\n')).not.toMatch(/changed by hand|leave|cannot be listed/);
  });
});

describe('the ownership record', () => {
  const plan = (record: unknown, present: Record<string, string>) =>
    planInstall({
      cluster: 'dev',
      source: 'dist/dev',
      manifests: new Map([['traefik-config.yaml', TRAEFIK]]),
      target: {
        entries: new Map([RECORD, ...Object.keys(present)].map((name) => [name, 'file'])),
        texts: new Map([[RECORD, JSON.stringify(record)], ...Object.entries(present)]),
      },
    });

  test.each<[string, unknown, Record<string, string>, string[]]>([
    [
      'a record of an earlier release (sha256 only)',
      { files: { 'kube-vip.yaml': { sha256: sha(KUBE_VIP) } } },
      { 'kube-vip.yaml': KUBE_VIP },
      ['remove kube-vip.yaml', 'create traefik-config.yaml'],
    ],
    [
      'a file being created when the run was killed, never written',
      { files: { 'whoami.yaml': { pending: sha(WHOAMI) } } },
      {},
      ['create traefik-config.yaml'],
    ],
    [
      'a file being created, written',
      { files: { 'whoami.yaml': { pending: sha(WHOAMI) } } },
      { 'whoami.yaml': WHOAMI },
      ['create traefik-config.yaml', 'remove whoami.yaml'],
    ],
    [
      'a file being updated, not yet renamed',
      { files: { 'kube-vip.yaml': { sha256: sha(KUBE_VIP), pending: sha('new') } } },
      { 'kube-vip.yaml': KUBE_VIP },
      ['remove kube-vip.yaml', 'create traefik-config.yaml'],
    ],
    [
      'a file being updated, renamed',
      { files: { 'kube-vip.yaml': { sha256: sha('old'), pending: sha(KUBE_VIP) } } },
      { 'kube-vip.yaml': KUBE_VIP },
      ['remove kube-vip.yaml', 'create traefik-config.yaml'],
    ],
    [
      'a file changed by hand',
      { files: { 'kube-vip.yaml': { sha256: sha('old'), pending: sha('new') } } },
      { 'kube-vip.yaml': KUBE_VIP },
      ['leave kube-vip.yaml', 'create traefik-config.yaml'],
    ],
  ])('%s', (_, record, present, actions) => {
    const result = plan(record, present);
    expect(result.errors).toEqual([]);
    expect(result.entries.map((e) => `${e.action} ${e.file}`)).toEqual(actions);
  });

  test('an entry with neither sha256 nor pending is not a valid record', () => {
    expect(plan({ files: { 'kube-vip.yaml': {} } }, {}).errors).toEqual([
      `${RECORD} is not a valid ownership record (expected {"files": {"<name>.yaml": {"sha256": "<64 hex digits>"}}}): restore it, or delete it and move away the files it listed`,
    ]);
  });

  test('while an install writes, the record claims what stands there and what is coming; afterwards only what was written', () => {
    const { dist, target } = prepared(false);
    const records: string[] = [];
    const changes: string[] = [];
    const fs: FileSystem = {
      ...nodeFileSystem,
      writeNewFile: (path, text) => {
        if (path.includes(RECORD)) records.push(text);
        nodeFileSystem.writeNewFile(path, text);
      },
      rename: (from, to) => (changes.push(`wrote ${to.slice(target.length + 1)}`), nodeFileSystem.rename(from, to)),
      unlink: (path) => (changes.push(`removed ${path.slice(target.length + 1)}`), nodeFileSystem.unlink(path)),
    };
    expect(installCluster(dist, target, fs).code).toBe(0);
    // The claim first, the writes next, removals after them, the record last.
    expect(changes).toEqual([`wrote ${RECORD}`, 'wrote kube-vip.yaml', 'wrote whoami.yaml', 'removed ingresses.yaml', `wrote ${RECORD}`]);
    expect(records.map((text) => JSON.parse(text).files)).toEqual([
      {
        'ingresses.yaml': {
          sha256: sha(INGRESSES),
          removing: [{ group: 'networking.k8s.io', kind: 'Ingress', name: 'frontend', namespace: 'default' }],
        },
        'kube-vip.yaml': { sha256: sha(KUBE_VIP), pending: sha(AFTER['kube-vip.yaml']) },
        'traefik-config.yaml': { sha256: sha(TRAEFIK) },
        'whoami.yaml': { pending: sha(WHOAMI) },
      },
      {
        'kube-vip.yaml': { sha256: sha(AFTER['kube-vip.yaml']) },
        'traefik-config.yaml': { sha256: sha(TRAEFIK) },
        'whoami.yaml': { sha256: sha(WHOAMI) },
      },
    ]);
  });
});

describe('an I/O error that the rollback cannot undo either', () => {
  // The run makes 9 changes: the claim, kube-vip.yaml, whoami.yaml (each a write and a rename), the removal, the record.
  test.each([1, 2, 3, 5, 7, 8, 9])('every change from number %i on fails: the message lists exactly what is left changed', (from) => {
    const { dist, target } = prepared(false);
    const before = contents(target);
    let changes = 0;
    const broken =
      <A extends unknown[]>(call: (...args: A) => void) =>
      (...args: A) => {
        if (++changes >= from) throw Object.assign(new Error('EIO'), { code: 'EIO' });
        call(...args);
      };
    const fs: FileSystem = {
      ...nodeFileSystem,
      writeNewFile: broken(nodeFileSystem.writeNewFile),
      rename: broken(nodeFileSystem.rename),
      unlink: broken(nodeFileSystem.unlink),
    };
    const { code, lines } = installCluster(dist, target, fs);
    expect(code).toBe(1);
    const after = contents(target);
    const left = Object.keys({ ...before, ...after })
      .filter((name) => before[name] !== after[name])
      .map((name) => `${name in after ? (isTemporaryName(name) ? 'left temporary file' : 'wrote') : 'removed'} ${name}`);
    const message = lines.at(-1)!;
    expect(message).toMatch(
      /^error: cannot (write|remove) [^:]*: input\/output error \(EIO\): the device failed: check it \(dmesg\), then run again; /,
    );
    const listed = /is partly updated \((.*); every file whole, and listed in (.*)\): fix the cause and run again to finish$/.exec(message);
    if (left.length) {
      expect(listed?.[1].split(', ').sort()).toEqual(left.sort());
      expect(listed?.[2]).toBe(join(target, RECORD));
    } else {
      expect(message).toMatch(new RegExp(`; ${target} was left as it was$`));
    }
    expect(installCluster(dist, target).code).toBe(0);
    expect(contents(target)).toEqual(finished);
  });
});

describe('a kustomization that lists itself or anything outside its folder is refused in one line, writing nothing', () => {
  const outside = mkdtempSync(join(tmpdir(), 'k3s-vip-outside-'));
  writeFileSync(join(outside, 'secret.yaml'), 'kind: Secret\n');
  test.each<[string, (folder: string) => void, string]>([
    [
      'itself',
      (folder) => appendResource(folder, 'kustomization.yaml'),
      '"kustomization.yaml" is the kustomization itself, not a manifest',
    ],
    [
      'itself, spelt otherwise',
      (folder) => appendResource(folder, 'Kustomization.YML'),
      '"Kustomization.YML" is the kustomization itself, not a manifest',
    ],
    [
      'a file of the folder above',
      (folder) => appendResource(folder, '../x.yaml'),
      '"../x.yaml" is not a <name>.yaml file next to the kustomization',
    ],
    [
      'an absolute path',
      (folder) => appendResource(folder, join(outside, 'secret.yaml')),
      'is not a <name>.yaml file next to the kustomization',
    ],
    ['a URL', (folder) => appendResource(folder, 'https://example.com/x.yaml'), 'is not a <name>.yaml file next to the kustomization'],
    [
      'a link leading out',
      (folder) => {
        symlinkSync(join(outside, 'secret.yaml'), join(folder, 'secret.yaml'));
        appendResource(folder, 'secret.yaml');
      },
      'lists secret.yaml, but {folder}/secret.yaml is a symbolic link: k3s:install copies only regular files synth wrote into {folder}/',
    ],
    [
      'a link to a file of its own folder',
      (folder) => {
        symlinkSync('traefik-config.yaml', join(folder, 'again.yaml'));
        appendResource(folder, 'again.yaml');
      },
      '{folder}/again.yaml is a symbolic link',
    ],
    [
      'a kustomization that is a link',
      (folder) => {
        writeFileSync(join(outside, 'kustomization.yaml'), 'resources: [secret.yaml]\n');
        rmSync(join(folder, 'kustomization.yaml'));
        symlinkSync(join(outside, 'kustomization.yaml'), join(folder, 'kustomization.yaml'));
      },
      '{folder}/kustomization.yaml is a symbolic link',
    ],
  ])('%s', (_, arrange, message) => {
    const { dist, target } = prepared();
    const folder = join(dist, 'dev');
    arrange(folder);
    const before = contents(target);
    const { code, lines } = installCluster(dist, target);
    expect(code).toBe(1);
    expect(lines).toEqual([expect.stringContaining(message.replace(/\{folder\}/g, folder))]);
    expect(lines[0]).toMatch(/^error: /);
    expect(contents(target)).toEqual(before);
  });

  test('a cluster folder that is a link', () => {
    const { dist, target } = prepared();
    const elsewhere = join(outside, 'dev');
    mkdirSync(elsewhere, { recursive: true });
    rmSync(join(dist, 'dev'), { recursive: true });
    symlinkSync(elsewhere, join(dist, 'dev'));
    expect(lstatSync(join(dist, 'dev')).isSymbolicLink()).toBe(true);
    expect(installCluster(dist, target).lines).toEqual([
      `error: ${dist}/dev is a symbolic link: k3s:install copies only regular files synth wrote into ${dist}/dev/, never through a link (it could lead outside): remove the link and run \`npm run synth\``,
    ]);
  });
});

function appendResource(folder: string, entry: string): void {
  const file = join(folder, 'kustomization.yaml');
  writeFileSync(file, `${readFileSync(file, 'utf8')}  - ${JSON.stringify(entry)}\n`);
}
