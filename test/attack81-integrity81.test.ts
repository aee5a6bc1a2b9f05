// Round 81c-1: a synth killed while it added a cluster left that cluster's folders behind (empty, or holding only
// its temporary files); the next synth removed the temporary files but not the folders, and did not count them.
// Round 81c-5: a file someone put where a new file goes, after the plan was made, was replaced by the rename.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { FileSystem, isTemporaryName, nodeFileSystem } from '../src/output/file-system';
import { PublishError, syncTree } from '../src/output/publish';
import { installCluster, recordAsSynthesized } from './helpers';

const DEV = new Map([
  ['dev/kustomization.yaml', 'resources:\n  - a.yaml\n'],
  ['dev/a.yaml', 'kind: ConfigMap\n'],
]);

/** A folder holding a completed synth of DEV. */
function published(): string {
  const dir = mkdtempSync(join(tmpdir(), 'integrity81-'));
  syncTree(dir, DEV);
  return dir;
}

/** Adds `line` to the generated list, as a killed synth's widened list named a file it had not written yet. */
function widenList(dir: string, line: string): void {
  writeFileSync(join(dir, '.generated-files'), `${readFileSync(join(dir, '.generated-files'), 'utf8')}${line}\n`);
}

describe('81c-1: the folders a killed synth made for a cluster go with its leftovers', () => {
  test.each([
    [
      'a temporary file in a new cluster folder',
      (dir: string) => {
        mkdirSync(join(dir, 'prod', 'k3s'), { recursive: true });
        writeFileSync(join(dir, 'prod', 'k3s', '.k3s-1.yaml.k3s-vip-999999.tmp'), 'x');
      },
      ['prod/k3s/.k3s-1.yaml.k3s-vip-999999.tmp'],
    ],
    [
      'empty folders named by the widened list (killed before any temporary file)',
      (dir: string) => {
        mkdirSync(join(dir, 'prod', 'k3s'), { recursive: true });
        widenList(dir, 'prod/k3s/k3s-1.yaml');
      },
      [],
    ],
    [
      'both, two levels deep',
      (dir: string) => {
        mkdirSync(join(dir, 'prod', 'k3s'), { recursive: true });
        writeFileSync(join(dir, 'prod', '.a.yaml.k3s-vip-7.tmp'), 'x');
        widenList(dir, 'prod/k3s/k3s-1.yaml');
      },
      ['prod/.a.yaml.k3s-vip-7.tmp'],
    ],
  ])('%s: removed, and the removals counted', (_, spoil, temporaries) => {
    const dir = published();
    spoil(dir);
    const report = syncTree(dir, DEV);
    expect(existsSync(join(dir, 'prod'))).toBe(false);
    expect(report.removed).toEqual(temporaries);
    expect(readdirSync(dir).sort()).toEqual(['.generated-files', 'dev']);
  });

  test('a folder that also holds a file of the user stays, with that file', () => {
    const dir = published();
    mkdirSync(join(dir, 'notes'));
    writeFileSync(join(dir, 'notes', 'todo.md'), 'mine\n');
    writeFileSync(join(dir, 'notes', '.x.yaml.k3s-vip-7.tmp'), 'x');
    syncTree(dir, DEV);
    expect(readdirSync(join(dir, 'notes'))).toEqual(['todo.md']);
  });

  test("an empty folder of the user's that no list names stays", () => {
    const dir = published();
    mkdirSync(join(dir, 'scratch'));
    syncTree(dir, DEV);
    expect(existsSync(join(dir, 'scratch'))).toBe(true);
  });

  test('a listed path under a symbolic link: nothing is removed through it', () => {
    const dir = published();
    const elsewhere = mkdtempSync(join(tmpdir(), 'integrity81-outside-'));
    mkdirSync(join(elsewhere, 'k3s'));
    symlinkSync(elsewhere, join(dir, 'prod'));
    widenList(dir, 'prod/k3s/k3s-1.yaml');
    syncTree(dir, DEV);
    expect(existsSync(join(elsewhere, 'k3s'))).toBe(true);
  });

  test('a cluster the new output keeps: its folders stay and its files are written', () => {
    const dir = published();
    mkdirSync(join(dir, 'prod', 'k3s'), { recursive: true });
    writeFileSync(join(dir, 'prod', 'k3s', '.k3s-1.yaml.k3s-vip-999999.tmp'), 'x');
    syncTree(dir, new Map([...DEV, ['prod/k3s/k3s-1.yaml', 'kind: ConfigMap\n']]));
    expect(readdirSync(join(dir, 'prod', 'k3s'))).toEqual(['k3s-1.yaml']);
  });
});

/** nodeFileSystem, but when the temporary file of `name` is written, someone puts their own file at `name`. */
function racing(name: string): FileSystem {
  return {
    ...nodeFileSystem,
    writeNewFile: (path, text) => {
      nodeFileSystem.writeNewFile(path, text);
      if (isTemporaryName(basename(path)) && basename(path).startsWith(`.${name}.`)) writeFileSync(join(dirname(path), name), 'MINE\n');
    },
  };
}

describe('81c-5: a file that appears where a new file goes, after the plan, is never replaced', () => {
  test('synth: the run fails, the file stays theirs, the folder is as it was', () => {
    const dir = published();
    const list = readFileSync(join(dir, '.generated-files'), 'utf8');
    const files = new Map([...DEV, ['dev/b.yaml', 'kind: Secret\n']]);
    let error: unknown;
    try {
      syncTree(dir, files, racing('b.yaml'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PublishError);
    expect((error as PublishError).message).toMatch(/b\.yaml: already exists/);
    expect((error as PublishError).outcome.changes).toEqual([]);
    expect(readFileSync(join(dir, 'dev', 'b.yaml'), 'utf8')).toBe('MINE\n');
    expect(readFileSync(join(dir, '.generated-files'), 'utf8')).toBe(list);
    expect(readdirSync(join(dir, 'dev')).sort()).toEqual(['a.yaml', 'b.yaml', 'kustomization.yaml']);
  });

  test('synth: a file that was there at the plan and is ours is still replaced (control)', () => {
    const dir = published();
    syncTree(dir, new Map([...DEV, ['dev/a.yaml', 'kind: Service\n']]));
    expect(readFileSync(join(dir, 'dev', 'a.yaml'), 'utf8')).toBe('kind: Service\n');
  });

  test('k3s:install: the create fails, the file stays theirs, nothing else changed', () => {
    const root = mkdtempSync(join(tmpdir(), 'integrity81-install-'));
    const [dist, target] = [join(root, 'dist'), join(root, 'manifests')];
    mkdirSync(join(dist, 'dev'), { recursive: true });
    mkdirSync(target);
    writeFileSync(join(dist, 'dev', 'kustomization.yaml'), 'kind: Kustomization\nresources:\n  - kube-vip.yaml\n');
    writeFileSync(
      join(dist, 'dev', 'kube-vip.yaml'),
      'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: kube-vip\n  namespace: kube-system\n',
    );
    recordAsSynthesized(dist);
    const { code, lines } = installCluster(dist, target, racing('kube-vip.yaml'));
    expect(code).not.toBe(0);
    expect(lines.join('\n')).toMatch(/kube-vip\.yaml: already exists/);
    expect(readFileSync(join(target, 'kube-vip.yaml'), 'utf8')).toBe('MINE\n');
    expect(readdirSync(target)).toEqual(['kube-vip.yaml']);
  });
});
