// Round 56b, findings 1, 2, 9, 10, 11, 14, 15: a repoURL with a host:path colon after a scheme, malformed full refs,
// the cluster name `constructor`, a "type": "module" package.json under lib/, what `validate` did not read, the output
// folder `new` names and an HTTPRoute host that is an IP, and list entries that make synth delete user files.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdk8s';
import { K3sVipCluster } from '../src/api/cluster';
import { TraefikIngress } from '../src/ingress/ingress';
import { loadConfigDir } from '../src/config/load';
import { newCluster } from '../src/new-cluster';
import { fileDigest, GENERATED_LIST, syncTree, withGeneratedList } from '../src/output/publish';
import { chart, configErrors, DEV_YAML, devConfig, EXAMPLES_DIR, refusalOf, synthesizedReference, withChanges } from './helpers';

const ROOT = join(__dirname, '..');
/** What `npm run new` needs beside the config folder: the schema and the shipped examples. */
const NEW = { schemaFile: join(ROOT, 'config.schema.json'), examplesDir: EXAMPLES_DIR };
const scratch = (tag: string) => mkdtempSync(join(tmpdir(), `k3s-vip-56-${tag}-`));

describe('56b-1: a ":" after the host that is no port is refused, for both engines, with the URL to write', () => {
  test.each([
    ['ssh://git@github.com:example/x.git', 'write "ssh://git@github.com/example/x.git"'],
    ['https://github.com:example/x.git', 'write "https://github.com/example/x.git"'],
    ['ssh://git@github.com:2222:example/x.git', 'write "ssh://git@github.com:2222/example/x.git"'],
    ['git://example.org:me/x.git', 'write "git://example.org/me/x.git"'],
    ['https://github.com:99999/example/x.git', 'port 99999: a port is 1 to 65535'],
    ['https://github.com:0/example/x.git', 'port 0: a port is 1 to 65535'],
  ])('%s', (repoURL, expected) => {
    for (const engine of ['flux', 'argocd']) {
      const errors = configErrors(withChanges(devConfig(), { gitops: { engine, repoURL } }));
      expect({ engine, errors: errors.length }).toEqual({ engine, errors: 1 });
      expect(errors[0]).toContain('gitops.repoURL:');
      expect(errors[0]).toContain(expected);
    }
    const construct = refusalOf(() => new K3sVipCluster(new App(), 'c', withChanges(devConfig(), { gitops: { engine: 'flux', repoURL } })));
    // Round 61 (61b-9): K3sVipCluster takes no gitops (synth writes it from the config file), whatever its URL.
    expect(construct).toContain('gitops: is not a K3sVipCluster prop');
    expect(construct).toContain('config/<cluster>.yaml');
  });

  test.each([
    ['ssh://git@github.com:2222/example/x.git', 'flux'],
    ['https://github.com:443/example/x.git', 'flux'],
    ['ssh://git@[fd00::1]:22/example/x.git', 'flux'],
    ['https://github.com/example/x.git', 'argocd'],
    ['git@github.com:example/x.git', 'argocd'],
  ])('control: %s (%s) is accepted', (repoURL, engine) => {
    expect(configErrors(withChanges(devConfig(), { gitops: { engine, repoURL } }))).toEqual([]);
  });

  test('credentials are still refused and never echoed', () => {
    const errors = configErrors(
      withChanges(devConfig(), { gitops: { engine: 'flux', repoURL: 'https://me:Zq8vLm2Rt7Xw@github.com:x/y' } }),
    );
    expect(errors.join('\n')).toContain('holds credentials');
    expect(errors.join('\n')).not.toContain('Zq8vLm2Rt7Xw');
  });
});

describe('56b-2: git check-ref-format rules for full refs and branches; a full ref is named a reference', () => {
  test.each([
    ['refs/heads/', 'is not a Git reference', 'ends with "/"'],
    ['refs/heads//x', 'is not a Git reference', 'empty component'],
    ['refs/', 'is not a Git reference', 'ends with "/"'],
    ['refs/heads/a..b', 'is not a Git reference', 'contains ".."'],
    ['refs/heads/x.lock', 'is not a Git reference', '".lock"'],
    ['refs/tags/.v1', 'is not a Git reference', 'begins with "."'],
    ['a..b', 'is not a branch name', 'contains ".."'],
    ['feature/', 'is not a branch name', 'ends with "/"'],
    ['feature//x', 'is not a branch name', 'empty component'],
    ['main.', 'is not a branch name', 'ends with "."'],
  ])('%s is refused', (revision, what, why) => {
    for (const engine of ['flux', 'argocd']) {
      const errors = configErrors(withChanges(devConfig(), { gitops: { engine, repoURL: 'https://github.com/me/x.git', revision } }));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain('gitops.revision:');
      expect(errors[0]).toContain(what);
      expect(errors[0]).toContain(why);
      if (revision.startsWith('refs/')) expect(errors[0]).not.toContain('branch name');
    }
  });

  test.each([
    'main',
    'release/1.2',
    'refs/heads/main',
    'refs/tags/v1.0.0',
    'refs/pull/420/head',
    'v1.0.0',
    '0123456789abcdef0123456789abcdef01234567',
  ])('control: %s is accepted', (revision) => {
    expect(
      configErrors(withChanges(devConfig(), { gitops: { engine: 'flux', repoURL: 'https://github.com/me/x.git', revision } })),
    ).toEqual([]);
  });
});

describe('56b-9: the cluster name "constructor" is refused in one line at every door', () => {
  test.each(['constructor'])('%s', (name) => {
    const cfg = scratch('cfg');
    const lines: string[] = [];
    expect(newCluster([name], { configDir: cfg, ...NEW, log: (l) => lines.push(l) })).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`"${name}" is a name every JavaScript object already has`);
    expect(lines[0]).toContain('pick another name');
    expect(existsSync(join(cfg, `${name}.yaml`))).toBe(false);

    writeFileSync(join(cfg, `${name}.yaml`), DEV_YAML);
    const loaded = loadConfigDir(cfg);
    expect(loaded.clusters).toEqual([]);
    expect(loaded.errors.map((e) => [e.file, e.message.includes('every JavaScript object already has')])).toEqual([
      [join(cfg, `${name}.yaml`), true],
    ]);

    const construct = refusalOf(() => new K3sVipCluster(new App(), name, devConfig()));
    expect(construct).toContain('K3sVipCluster');
    expect(construct).toContain('every JavaScript object already has');
    expect(construct).not.toContain('There is already a Construct');
    rmSync(cfg, { recursive: true, force: true });
  });

  // Every construct's id goes through one check (core/construct-args.ts): a second one under the same chart, too.
  test.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'])('construct id %s', (id) => {
    for (const make of [
      () => new K3sVipCluster(new App(), id, devConfig()),
      () => new TraefikIngress(chart(), id, { name: 'web', host: 'app.example.com', service: 'web', port: 80 }),
      () => {
        const scope = chart();
        new TraefikIngress(scope, 'first', { name: 'web', host: 'app.example.com', service: 'web', port: 80 });
        return new TraefikIngress(scope, id, { name: 'web2', host: 'b.example.com', service: 'web', port: 80 });
      },
    ]) {
      const refusal = refusalOf(make);
      expect(refusal).toContain(`id "${id}" is a name every JavaScript object already has`);
      expect(refusal).not.toContain('There is already a Construct');
      expect(refusal).not.toContain('already taken');
    }
  });

  test.each(['app', 'default', 'kube-vip', 'cdk8s', 'proto', 'tostring'])('control: %s works everywhere', (name) => {
    const cfg = scratch('cfg');
    expect(newCluster([name], { configDir: cfg, ...NEW, log: () => undefined })).toBe(0);
    writeFileSync(join(cfg, `${name}.yaml`), DEV_YAML);
    expect(loadConfigDir(cfg).errors).toEqual([]);
    expect(refusalOf(() => new K3sVipCluster(new App(), name, devConfig()))).toBe('');
    rmSync(cfg, { recursive: true, force: true });
  });
});

describe('56b-14: `new` names the real output folder; an HTTPRoute host that is an IP is named as such', () => {
  test.each([
    ['a good name', 'blue', 0, '/tmp/elsewhere/blue/'],
    ['a bad name', 'Blue_1', 1, 'the folder /tmp/elsewhere/<name>/'],
  ])('%s, with K3S_VIP_DIST_DIR set', (_, name, code, folder) => {
    const cfg = scratch('cfg');
    const lines: string[] = [];
    expect(newCluster([name], { configDir: cfg, ...NEW, log: (l) => lines.push(l) }, { K3S_VIP_DIST_DIR: '/tmp/elsewhere' })).toBe(code);
    expect(lines.join('\n')).toContain(folder);
    expect(lines.join('\n')).not.toContain('dist/');
    rmSync(cfg, { recursive: true, force: true });
  });

  test.each([
    ['httpRoutes', 'an HTTPRoute hostname must be a DNS name'],
    ['ingresses', 'an Ingress host must be a DNS name'],
  ])('%s[0].host: 192.168.0.9', (key, expected) => {
    const route = { name: 'r', host: '192.168.0.9', service: 'web', port: 80 };
    const errors = configErrors(withChanges(devConfig(), { [key]: [route] })).filter((e) => e.includes(`${key}[0].host:`));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(expected);
  });
});

describe('56b-10: a package.json with "type": "module" under lib/ gets one line naming it', () => {
  let project: string;
  beforeAll(() => {
    project = scratch('esm');
    cpSync(join(ROOT, 'scripts'), join(project, 'scripts'), { recursive: true });
    cpSync(join(ROOT, 'lib'), join(project, 'lib'), { recursive: true, preserveTimestamps: true });
    symlinkSync(join(ROOT, 'node_modules'), join(project, 'node_modules'));
  });
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  test.each(['lib/package.json', 'lib/src/core/package.json'])('%s', (file) => {
    writeFileSync(join(project, file), '{ "type": "module" }\n');
    const env = { ...process.env, K3S_VIP_CODE_CACHE: '0', K3S_VIP_CONFIG_DIR: join(ROOT, 'test', 'fixtures', 'config') };
    const result = spawnSync(process.execPath, [join(project, 'scripts', 'app.js'), 'check'], { cwd: project, env, encoding: 'utf8' });
    unlinkSync(join(project, file));
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `error: ${file} sets "type": "module", so Node loads the compiled files below it as ES modules, and this tool's build is CommonJS; remove that file (or its "type" field)\n`,
    );
  });
});

describe('56b-11: validate names what it did not read, and fails when a listed or manifest file went unread', () => {
  const BAD = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: X_bad\nspec:\n  type: Bogus\n  ports: [{ port: 80 }]\n';
  let dist: string;
  beforeEach(() => {
    dist = join(scratch('validate'), 'dist');
    cpSync(synthesizedReference(), dist, { recursive: true });
  });
  afterEach(() => rmSync(join(dist, '..'), { recursive: true, force: true }));

  function validate(): { status: number | null; stderr: string } {
    const env = { ...process.env, K3S_VIP_DIST_DIR: dist, K3S_VIP_CONFIG_DIR: join(ROOT, 'test', 'fixtures', 'config') };
    const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'app.js'), 'validate/conformance'], { env, encoding: 'utf8' });
    return { status: result.status, stderr: result.stderr };
  }
  const mkfifo = (path: string) => expect(spawnSync('mkfifo', [path]).status).toBe(0);

  test.each([
    [
      'a manifest that is a symbolic link',
      () => {
        writeFileSync(join(dist, '..', 'bad.yaml'), BAD);
        symlinkSync(join(dist, '..', 'bad.yaml'), join(dist, 'dev', 'extra.yaml'));
      },
      1,
      'dev/extra.yaml is a symbolic link, so validate did not read it',
    ],
    [
      'a listed file that is missing',
      () => unlinkSync(join(dist, 'dev', 'ingresses.yaml')),
      1,
      'dev/kustomization.yaml lists ingresses.yaml, which is missing',
    ],
    [
      'a listed file that is a FIFO',
      () => {
        unlinkSync(join(dist, 'dev', 'ingresses.yaml'));
        mkfifo(join(dist, 'dev', 'ingresses.yaml'));
      },
      1,
      'dev/kustomization.yaml lists ingresses.yaml, which is a FIFO',
    ],
    [
      'a listed file inside a linked folder',
      () => {
        mkdirSync(join(dist, '..', 'elsewhere'));
        writeFileSync(join(dist, '..', 'elsewhere', 'x.yaml'), BAD);
        symlinkSync(join(dist, '..', 'elsewhere'), join(dist, 'dev', 'sub'));
        const kustomization = join(dist, 'dev', 'kustomization.yaml');
        writeFileSync(kustomization, `${readFileSync(kustomization, 'utf8')}  - sub/x.yaml\n`);
      },
      1,
      'dev/kustomization.yaml lists sub/x.yaml, inside dev/sub, a symbolic link validate does not read',
    ],
    [
      'a linked note (no manifest): named, not fatal',
      () => symlinkSync('/nowhere', join(dist, 'dev', 'NOTES.md')),
      0,
      'note: dev/NOTES.md is a symbolic link',
    ],
    ['control: a regular bad manifest is judged', () => writeFileSync(join(dist, 'dev', 'extra.yaml'), BAD), 1, 'violation(s)'],
    ['control: the synthesized folder conforms', () => undefined, 0, 'conforms to Kubernetes'],
  ])('%s', (_, arrange, status, expected) => {
    arrange();
    const result = validate();
    expect(result.status).toBe(status);
    expect(result.stderr).toContain(expected);
    if (status) expect(result.stderr).not.toContain('conforms to Kubernetes');
  });
});

describe('56b-15: synth removes or overwrites only a file it can prove it wrote', () => {
  const HEADER = '# Generated from config/dev.yaml by `npm run synth`. Edit the config, not this file.\n';
  let dir: string;
  beforeEach(() => {
    dir = scratch('publish');
    syncTree(dir, withGeneratedList(new Map([['dev/a.yaml', `${HEADER}a: 1\n`]])));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const list = () => readFileSync(join(dir, GENERATED_LIST), 'utf8');
  const listing = (line: string) => writeFileSync(join(dir, GENERATED_LIST), `${list()}${line}\n`);

  test.each([
    ['a bare hand-added entry, no header', 'mynotes.txt', 'my notes\n', (p: string) => p, false],
    ['a bare hand-added entry in a folder, no header', 'dev/notes.yaml', 'notes: mine\n', (p: string) => p, false],
    ['an entry whose digest does not match, no header', 'dev/b.yaml', 'b: mine\n', (p: string) => `${p} ${fileDigest('other')}`, false],
    ['control: a bare entry of a file with the header', 'dev/c.yaml', `${HEADER}c: 1\n`, (p: string) => p, true],
    ['control: an entry whose digest matches', 'dev/d.yaml', 'd: 1\n', (p: string) => `${p} ${fileDigest('d: 1\n')}`, true],
  ])('%s', (_, path, text, entry, removed) => {
    mkdirSync(join(dir, 'dev'), { recursive: true });
    writeFileSync(join(dir, path), text);
    listing(entry(path));
    const report = syncTree(dir, withGeneratedList(new Map([['dev/a.yaml', `${HEADER}a: 1\n`]])));
    expect(existsSync(join(dir, path))).toBe(!removed);
    expect(report.removed).toEqual(removed ? [path] : []);
    if (!removed) {
      expect(report.warnings).toHaveLength(1);
      expect(report.warnings[0]).toContain(`${path} is listed in ${GENERATED_LIST}`);
      expect(report.warnings[0]).toContain('left alone');
      expect(readFileSync(join(dir, path), 'utf8')).toBe(text);
    }
    expect(list()).not.toContain(path);
  });

  test('a bare entry does not let synth overwrite a user file where a generated file goes', () => {
    writeFileSync(join(dir, 'dev', 'e.yaml'), 'mine: true\n');
    listing('dev/e.yaml');
    const refusal = refusalOf(() =>
      syncTree(
        dir,
        withGeneratedList(
          new Map([
            ['dev/a.yaml', `${HEADER}a: 1\n`],
            ['dev/e.yaml', `${HEADER}e: 1\n`],
          ]),
        ),
      ),
    );
    expect(refusal).toContain('dev/e.yaml exists and was not written by synth');
    expect(readFileSync(join(dir, 'dev', 'e.yaml'), 'utf8')).toBe('mine: true\n');
  });
});

describe('56b-15: check agrees with synth about a file listed bare by hand', () => {
  test('it is named as not written by synth, and not as something synth removes', () => {
    const dist = join(scratch('check'), 'dist');
    cpSync(synthesizedReference(), dist, { recursive: true });
    writeFileSync(join(dist, 'mynotes.txt'), 'my notes\n');
    writeFileSync(join(dist, GENERATED_LIST), `${readFileSync(join(dist, GENERATED_LIST), 'utf8')}mynotes.txt\n`);
    const env = { ...process.env, K3S_VIP_DIST_DIR: dist, K3S_VIP_CONFIG_DIR: join(ROOT, 'test', 'fixtures', 'config') };
    const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'app.js'), 'check'], { env, encoding: 'utf8' });
    expect(result.stderr).toContain('not written by synth, were left out: mynotes.txt');
    expect(result.stderr).not.toMatch(/^--- mynotes\.txt/m);
    rmSync(join(dist, '..'), { recursive: true, force: true });
  });
});
