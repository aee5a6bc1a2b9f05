/**
 * Attack round 57b: `gitops.revision` held to git check-ref-format itself, not a narrower alphabet (57b-8); a repoURL
 * whose "%" Go's net/url cannot unescape (57b-9); the default `gitops.path` when the output goes elsewhere (57b-13).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultPathElsewhere } from '../src/gitops/default-path';
import { configErrors, DEV_YAML, devConfig, withChanges } from './helpers';

const revisionErrors = (revision: string, engine = 'flux') =>
  configErrors(withChanges(devConfig(), { gitops: { engine, repoURL: 'https://github.com/me/x.git', revision } }));

describe('57b-8: a revision git check-ref-format takes is taken', () => {
  test.each(['feature+x', 'refs/heads/release@2', 'a#b', 'a,b', 'café', 'refs/heads/x=y', 'fix/issue-1=2', 'refs/heads/-x'])(
    '%s is accepted by both engines',
    (revision) => {
      expect(revisionErrors(revision, 'flux')).toEqual([]);
      expect(revisionErrors(revision, 'argocd')).toEqual([]);
    },
  );

  test.each([
    ['a b', 'a space or a control character'],
    ['a~1', 'holds "~"'],
    ['a^', 'holds "^"'],
    ['a:b', 'holds ":"'],
    ['a?', 'holds "?"'],
    ['a*', 'holds "*"'],
    ['a[1]', 'holds "["'],
    ['a\\b', 'holds "\\\\"'],
    ['@', '"@" alone'],
    ['a@{1}', 'contains "@{"'],
    ['-x', 'begins with "-"'],
  ])('%j is refused, saying why', (revision, why) => {
    const errors = revisionErrors(revision);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('gitops.revision:');
    expect(errors[0]).toContain(why);
    expect(errors[0]).toContain('git check-ref-format');
    expect(errors[0]).not.toContain('git takes letters');
  });
});

test.each(['a\tb', 'refs/heads/a\u007fb', 'a\u0001b'])('57b-8: %j (a control character) is refused', (revision) => {
  const errors = revisionErrors(revision);
  expect(errors).toHaveLength(1);
  expect(errors[0]).toContain('gitops.revision:');
  expect(errors[0]).toContain('control character');
});

describe("57b-9: a repoURL with a '%' not followed by two hex digits", () => {
  test.each(['https://github.com/e/x%zz.git', 'https://github.com/e/x%.git', 'ssh://git@github.com/e/x%4.git'])(
    '%s is refused',
    (repoURL) => {
      for (const engine of ['flux', 'argocd']) {
        const errors = configErrors(withChanges(devConfig(), { gitops: { engine, repoURL } }));
        expect(errors).toHaveLength(1);
        expect(errors[0]).toContain('gitops.repoURL:');
        expect(errors[0]).toContain('two hex digits');
        expect(errors[0]).toContain('%25');
      }
    },
  );

  test.each(['https://github.com/e/x%2Fy.git', 'https://github.com/e/caf%C3%A9.git', 'git@github.com:e/x.git'])(
    'control: %s',
    (repoURL) => {
      expect(configErrors(withChanges(devConfig(), { gitops: { engine: 'argocd', repoURL } }))).toEqual([]);
    },
  );
});

describe('57b-13: no gitops.path and an output folder other than the project dist/', () => {
  const root = '/p';
  test.each([
    ['the project dist/', '/p/dist', undefined, false],
    ['the project dist/ with a trailing slash', '/p/dist/', undefined, false],
    ['elsewhere', '/tmp/out', undefined, true],
    ['elsewhere, with gitops.path set', '/tmp/out', 'deploy/dev', false],
  ])('%s', (_, distDir, path, warned) => {
    const warning = defaultPathElsewhere('dev', { path }, distDir, root);
    if (!warned) return expect(warning).toBeUndefined();
    expect(warning).toContain('gitops.path is not set');
    expect(warning).toContain('dist/dev of the repository');
    expect(warning).toContain('/tmp/out/dev/');
  });

  test('synth prints the warning, naming the file, and still writes', () => {
    const work = mkdtempSync(join(tmpdir(), 'k3s-vip-57-gitops-'));
    try {
      mkdirSync(join(work, 'cfg'));
      const text = `${DEV_YAML}\ngitops:\n  engine: flux\n  repoURL: https://github.com/me/x.git\n`;
      writeFileSync(join(work, 'cfg', 'g.yaml'), text);
      const env = { ...process.env, K3S_VIP_CONFIG_DIR: join(work, 'cfg'), K3S_VIP_DIST_DIR: join(work, 'out') };
      const run = spawnSync(process.execPath, [join(__dirname, '..', 'scripts', 'synth.js'), '--dry-run'], { encoding: 'utf8', env });
      expect(run.status).toBe(0);
      expect(run.stderr + run.stdout).toMatch(/warning: g\.yaml: gitops\.path is not set, .* set gitops\.path/);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
