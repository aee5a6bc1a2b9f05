// @jest-own-suite: its time goes to child processes (scripts/test-suites.js).
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordAsSynthesized } from './helpers';
import { main } from '../src/k3s/install';
import { DEFAULT_MANIFESTS_DIR, readTarget } from '../src/k3s/install-apply';
import { HELP, InstallOptions, parseInstallArgs, runInstall } from '../src/k3s/install-cli';
import { EntryKind, kubectlDelete, kustomizationResources, objectsOf, planInstall } from '../src/k3s/install-plan';
import { FileSystem, nodeFileSystem } from '../src/output/file-system';
import { LOCK_FILE } from '../src/output/lock';

const APP = join(__dirname, '..', 'scripts', 'app.js');

const KUBE_VIP = `# Generated
apiVersion: v1
kind: ServiceAccount
metadata:
  name: kube-vip
  namespace: kube-system
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: system:kube-vip-role
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: kube-vip-ds
  namespace: kube-system
`;
const TRAEFIK = `apiVersion: helm.cattle.io/v1
kind: HelmChartConfig
metadata:
  name: traefik
  namespace: kube-system
spec:
  valuesContent: |
    service:
      type: LoadBalancer
`;
const INGRESSES = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: frontend
  namespace: default
`;
const MANIFESTS = { 'kube-vip.yaml': KUBE_VIP, 'traefik-config.yaml': TRAEFIK, 'ingresses.yaml': INGRESSES };

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

let root: string;
let dist: string;
let target: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'k3s-install-'));
  dist = join(root, 'dist');
  target = join(root, 'manifests');
  mkdirSync(target);
  setDist(MANIFESTS);
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
  jest.restoreAllMocks();
  process.exitCode = undefined;
});

/** Makes dist/<cluster>/ hold `files`, a kustomization listing `resources` (default: all of them) and files that are not manifests. */
function setDist(files: Record<string, string>, cluster = 'dev', resources = Object.keys(files)): void {
  const folder = join(dist, cluster);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(join(folder, 'k3s'), { recursive: true });
  writeFileSync(
    join(folder, 'kustomization.yaml'),
    `# Generated\nkind: Kustomization\nresources:\n${resources.map((r) => `  - ${r}\n`).join('')}`,
  );
  writeFileSync(join(folder, 'README.md'), '# dev\n');
  writeFileSync(join(folder, 'k3s', 'config.yaml'), 'disable: [servicelb]\n');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
  recordAsSynthesized(dist);
}

function install(options: Partial<InstallOptions> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runInstall({
    cluster: 'dev',
    distDir: dist,
    manifestsDir: target,
    dryRun: false,
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    ...options,
  });
  return { code, out, err };
}

/** Every file below `dir` (dotfiles included) -> content, inode and mtime, to prove nothing was touched. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(contents(dir)).map(([path, text]) => {
      const stat = lstatSync(join(dir, path));
      return [path, `${text}|${stat.ino}|${stat.mtimeMs}`];
    }),
  );
}

/** Every entry below `dir` (dotfiles included) -> its text, or what it is when it is no file. */
function contents(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { recursive: true, withFileTypes: true }).map((e) => {
      const path = join(e.parentPath, e.name);
      return [path.slice(dir.length + 1), e.isFile() ? readFileSync(path, 'utf8') : e.isDirectory() ? '<folder>' : '<link>'];
    }),
  );
}

const read = (name: string) => readFileSync(join(target, name), 'utf8');
const record = (cluster = 'dev') =>
  JSON.parse(read(`.k3s-vip-${cluster}.json`)) as { cluster: string; files: Record<string, { sha256: string }> };

/** The node file system, counting the calls that change something. */
function countingFs() {
  const changes: string[] = [];
  const fs: FileSystem = {
    ...nodeFileSystem,
    writeNewFile: (path, text) => (changes.push(`write ${path}`), nodeFileSystem.writeNewFile(path, text)),
    rename: (from, to) => (changes.push(`rename ${to}`), nodeFileSystem.rename(from, to)),
    unlink: (path) => (changes.push(`unlink ${path}`), nodeFileSystem.unlink(path)),
    mkdir: (path) => (changes.push(`mkdir ${path}`), nodeFileSystem.mkdir(path)),
  };
  return { fs, changes };
}

/** The node file system whose `failAt`th call (counting from 1) fails with EIO; `calls` counts them all. */
function failingFs(failAt: number) {
  const state = { calls: 0 };
  const fs = Object.fromEntries(
    Object.entries(nodeFileSystem).map(([name, call]) => [
      name,
      (...args: unknown[]) => {
        if (++state.calls === failAt) throw Object.assign(new Error(`EIO: i/o error, ${name}`), { code: 'EIO' });
        return (call as (...a: unknown[]) => unknown)(...args);
      },
    ]),
  ) as unknown as FileSystem;
  return { fs, state };
}

describe('planInstall', () => {
  const plan = (
    texts: Record<string, string>,
    paths = Object.keys(texts),
    manifests: Record<string, string> = MANIFESTS,
    kinds: Record<string, EntryKind> = {},
  ) =>
    planInstall({
      cluster: 'dev',
      source: 'dist/dev',
      manifests: new Map(Object.entries(manifests)),
      target: {
        entries: new Map([...paths.map((path): [string, EntryKind] => [path, 'file']), ...Object.entries(kinds)]),
        texts: new Map(Object.entries(texts)),
      },
    });
  const owning = (...files: string[]) =>
    JSON.stringify({ files: Object.fromEntries(files.map((file) => [file, { sha256: sha(MANIFESTS[file as keyof typeof MANIFESTS]) }])) });

  test('creates every manifest in an empty folder and records its sha256', () => {
    const result = plan({});
    expect(result.errors).toEqual([]);
    expect(result.entries.map((e) => [e.action, e.file])).toEqual([
      ['create', 'ingresses.yaml'],
      ['create', 'kube-vip.yaml'],
      ['create', 'traefik-config.yaml'],
    ]);
    expect(JSON.parse(result.recordText).files).toEqual({
      'ingresses.yaml': { sha256: sha(INGRESSES) },
      'kube-vip.yaml': { sha256: sha(KUBE_VIP) },
      'traefik-config.yaml': { sha256: sha(TRAEFIK) },
    });
  });

  test.each([
    ['traefik.yaml', /"traefik" is the AddOn of a K3s packaged component/],
    ['metrics-server.yaml', /"metrics-server" is the AddOn of a K3s packaged component/],
    ['servicelb.yaml', /"servicelb" is the AddOn of a K3s packaged component/],
    ['traefik.custom.yaml', /part before the first dot \("traefik"\)/],
    ['Kube_Vip.yaml', /"Kube_Vip" is not a valid name/],
  ])('refuses to install %s, which is no valid AddOn name of ours', (name, message) => {
    const result = plan({}, [], { [name]: TRAEFIK });
    expect(result.errors).toEqual([
      expect.stringMatching(new RegExp(`^dist/dev/${name.replace(/\./g, '\\.')} cannot be installed: .*${message.source}`)),
    ]);
  });

  test('refuses foreign files that have our name or share our AddOn name, wherever they are', () => {
    const foreign = { 'kube-vip.yaml': 'x: 1\n', 'ingresses.yml': 'x: 1\n', 'sub/traefik-config.json': '{}' };
    const result = plan(foreign, [...Object.keys(foreign), 'ingresses.old.txt', '.ingresses.yaml', 'traefik.yaml']);
    expect(result.errors).toEqual([
      expect.stringMatching(
        /^kube-vip\.yaml already exists and was not installed by this command .*never overwritten: .*delete it to hand it over.*and run again/,
      ),
      expect.stringMatching(/^ingresses\.yml is K3s AddOn "ingresses" too, like the ingresses\.yaml to install/),
      expect.stringMatching(/^sub\/traefik-config\.json is K3s AddOn "traefik-config" too/),
    ]);
  });

  test('names the other cluster whose install owns a file', () => {
    const other = JSON.stringify({ files: { 'kube-vip.yaml': { sha256: sha('x') } } });
    const result = plan({ '.k3s-vip-prod.json': other, 'kube-vip.yaml': 'x' });
    expect(result.errors).toEqual([expect.stringContaining('kube-vip.yaml belongs to the install of cluster "prod" (.k3s-vip-prod.json)')]);
  });

  test('81c-3: a renamed cluster\'s old install is one line that says how to remove it, not "another --dir"', () => {
    const files = { 'ingresses.yaml': { sha256: sha('i') }, 'kube-vip.yaml': { sha256: sha('k') } };
    const result = plan({ '.k3s-vip-prod.json': JSON.stringify({ files }), 'ingresses.yaml': 'i', 'kube-vip.yaml': 'k' });
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(/^ingresses\.yaml, kube-vip\.yaml belong to the install of cluster "prod" \(\.k3s-vip-prod\.json\)/);
    expect(result.errors[0]).toContain('remove that install first (delete ingresses.yaml, kube-vip.yaml and .k3s-vip-prod.json;');
    expect(result.errors[0]).not.toContain('--dir');
  });

  test.each([
    ['not JSON', '{'],
    ['a wrong shape', '{"files": ["kube-vip.yaml"]}'],
    ['a path outside the folder', JSON.stringify({ files: { '../../etc/x.yaml': { sha256: sha('x') } } })],
  ])('refuses an ownership record that is %s', (_, text) => {
    const result = plan({ '.k3s-vip-dev.json': text });
    expect(result.errors).toEqual([expect.stringMatching(/^\.k3s-vip-dev\.json is not a valid ownership record \(.+\): restore it/)]);
    expect(result.entries).toEqual([]);
  });

  test('warns that a .skip file makes K3s ignore a manifest', () => {
    expect(plan({}, ['kube-vip.yaml.skip']).warnings).toEqual([
      expect.stringContaining('kube-vip.yaml.skip exists, so K3s ignores kube-vip.yaml'),
    ]);
  });

  test('on removal lists only the objects no installed manifest declares any more', () => {
    const owned = JSON.stringify({ files: { 'old.yaml': { sha256: sha(`${KUBE_VIP}---\n${TRAEFIK}`) } } });
    // The HelmChartConfig moved from old.yaml to traefik-config.yaml: deleting it would undo the install.
    const result = plan({ '.k3s-vip-dev.json': owned, 'old.yaml': `${KUBE_VIP}---\n${TRAEFIK}` }, undefined, {
      'traefik-config.yaml': TRAEFIK,
    });
    const removal = result.entries.find((e) => e.file === 'old.yaml');
    expect(removal?.action).toBe('remove');
    expect(removal?.leftovers?.map(kubectlDelete)).toEqual([
      'kubectl delete serviceaccount kube-vip -n kube-system',
      'kubectl delete clusterrole.rbac.authorization.k8s.io system:kube-vip-role',
      'kubectl delete daemonset.apps kube-vip-ds -n kube-system',
    ]);
  });

  test('warns about a YAML file of the source folder the kustomization does not list', () => {
    const target = { entries: new Map(), texts: new Map() };
    const result = planInstall({
      cluster: 'dev',
      source: 'dist/dev',
      manifests: new Map(Object.entries(MANIFESTS)),
      unlisted: ['extra.yaml'],
      target,
    });
    expect(result.warnings).toEqual([
      'dist/dev/extra.yaml is not listed in dist/dev/kustomization.yaml, so it is not installed: delete it if it is a leftover',
    ]);
  });

  test.each<[string, Record<string, EntryKind>, Record<string, string>, string[]]>([
    [
      'an installed file is now a folder',
      { 'kube-vip.yaml': 'folder' },
      { '.k3s-vip-dev.json': owning('kube-vip.yaml') },
      ['kube-vip.yaml is a folder, where this command installed kube-vip.yaml before: move it away'],
    ],
    [
      'an installed file is now a symbolic link',
      { 'kube-vip.yaml': 'link' },
      { '.k3s-vip-dev.json': owning('kube-vip.yaml') },
      ['kube-vip.yaml is a symbolic link, where this command installed kube-vip.yaml before: move it away'],
    ],
    [
      'a folder stands where a new file goes',
      { 'ingresses.yaml': 'folder', 'ingresses.yaml/a.txt': 'file' },
      {},
      [
        'ingresses.yaml already exists (a folder) and was not installed by this command (it is not in .k3s-vip-dev.json): move it away; it is never overwritten',
      ],
    ],
    [
      'a socket stands where a new file goes',
      { 'ingresses.yaml': 'other' },
      {},
      [
        'ingresses.yaml already exists (not a regular file) and was not installed by this command (it is not in .k3s-vip-dev.json): move it away; it is never overwritten',
      ],
    ],
    [
      'several things are in the way',
      { 'kube-vip.yaml': 'folder', 'traefik-config.yaml': 'link', 'ingresses.yaml': 'folder' },
      { '.k3s-vip-dev.json': owning('kube-vip.yaml') },
      [
        'kube-vip.yaml is a folder, where this command installed kube-vip.yaml before: move it away',
        expect.stringMatching(/^traefik-config\.yaml already exists \(a symbolic link\) and was not installed/),
        expect.stringMatching(/^ingresses\.yaml already exists \(a folder\) and was not installed/),
      ],
    ],
    [
      'the ownership record is a folder',
      { '.k3s-vip-dev.json': 'folder' },
      {},
      ['.k3s-vip-dev.json is a folder, where this command keeps its ownership record: move it away'],
    ],
  ])('refuses, before writing anything, when %s', (_, kinds, texts, errors) => {
    const result = plan(texts, Object.keys(texts), MANIFESTS, kinds);
    expect(result.errors).toEqual(errors);
  });

  test.each<[string, Record<string, string>, Record<string, EntryKind>, string]>([
    ['changed by hand', { 'kube-vip.yaml': `${KUBE_VIP}# mine\n` }, {}, 'was changed by hand since the last install'],
    ['now a folder', {}, { 'kube-vip.yaml': 'folder' }, 'is now a folder'],
    ['now a symbolic link', {}, { 'kube-vip.yaml': 'link' }, 'is now a symbolic link'],
  ])('never removes an installed file that is %s: it is left in place, named, and dropped from the record', (_, texts, kinds, why) => {
    const result = plan({ '.k3s-vip-dev.json': owning('kube-vip.yaml'), ...texts }, undefined, { 'ingresses.yaml': INGRESSES }, kinds);
    expect(result.errors).toEqual([]);
    expect(result.entries.find((e) => e.file === 'kube-vip.yaml')).toEqual({
      action: 'leave',
      file: 'kube-vip.yaml',
      note: `${why}: left in place and no longer recorded`,
    });
    expect(result.warnings).toContain(
      `kube-vip.yaml ${why}, so it is not removed, and K3s keeps applying it: delete it yourself, or move it out of the folder, if it should go`,
    );
    expect(Object.keys(JSON.parse(result.recordText).files)).toEqual(['ingresses.yaml']);
  });
});

describe('kustomizationResources', () => {
  const resources = (...lines: string[]) =>
    kustomizationResources('dist/dev/kustomization.yaml', `kind: Kustomization\nresources:\n${lines.join('\n')}\n`);

  test('lists the plain <name>.yaml entries in order', () => {
    expect(resources('  - kube-vip.yaml', '  - ingresses.yaml')).toEqual({ names: ['kube-vip.yaml', 'ingresses.yaml'], errors: [] });
  });

  test.each([
    ['a parent path', '../prod/kube-vip.yaml'],
    ['a sub-folder', 'k3s/config.yaml'],
    ['an absolute path', '/etc/passwd.yaml'],
    ['a URL', 'https://example.com/x.yaml'],
    ['a dotfile', '.hidden.yaml'],
    ['another extension', 'kube-vip.yml'],
    ['a remote kustomization', 'github.com/org/repo//base?ref=v1'],
  ])('refuses %s, with its line and column', (_, entry) => {
    expect(resources('  - kube-vip.yaml', `  - ${entry}`)).toEqual({
      names: ['kube-vip.yaml'],
      errors: [
        `dist/dev/kustomization.yaml:4:5: resources[1]: ${JSON.stringify(entry)} is not a <name>.yaml file next to the kustomization, ` +
          'the only kind k3s:install copies (no paths, no URLs); run `npm run synth` to write it again',
      ],
    });
  });

  test('names every bad entry at once, and a duplicate', () => {
    expect(resources('  - a.yaml', '  - 42', '  - a.yaml').errors).toEqual([
      expect.stringMatching(/^dist\/dev\/kustomization\.yaml:4:5: resources\[1\]: 42 is not a <name>\.yaml file/),
      'dist/dev/kustomization.yaml:5:5: resources[2]: "a.yaml" is listed twice; run `npm run synth` to write it again',
    ]);
  });

  test.each([
    ['no resources', 'kind: Kustomization\n', 'dist/dev/kustomization.yaml:1:1: resources: expected a list of the manifests to install'],
    ['an empty list', 'resources: []\n', 'dist/dev/kustomization.yaml:1:1: resources: expected a list of the manifests to install'],
    ['a string', 'resources: kube-vip.yaml\n', 'dist/dev/kustomization.yaml:1:1: resources: expected a list of the manifests to install'],
    ['invalid YAML', 'resources: [a.yaml\n', 'dist/dev/kustomization.yaml:2:1: invalid YAML'],
  ])('refuses a kustomization with %s', (_, text, message) => {
    const { names, errors } = kustomizationResources('dist/dev/kustomization.yaml', text);
    expect(names).toEqual([]);
    expect(errors).toEqual([
      expect.stringMatching(new RegExp(`^${message.replace(/[[\].]/g, '\\$&')}.*; run \`npm run synth\` to write it again$`)),
    ]);
  });
});

describe('objectsOf', () => {
  test('reads documents and List items as K3s does, skipping empty documents', () => {
    const list = `---\n# comment only\n---\napiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: a, namespace: x}\n`;
    expect(objectsOf(list)).toEqual([{ group: '', kind: 'ConfigMap', name: 'a', namespace: 'x' }]);
    expect(objectsOf('a: [')).toBeUndefined();
  });

  test('quotes names the shell would misread', () => {
    expect(kubectlDelete({ group: '', kind: 'ConfigMap', name: "it's" })).toBe(`kubectl delete configmap 'it'\\''s'`);
  });
});

describe('runInstall', () => {
  test('creates the manifests the kustomization lists, and only those, with an ownership record', () => {
    const { code, out } = install();
    expect(code).toBe(0);
    expect(readdirSync(target).sort()).toEqual(['.k3s-vip-dev.json', 'ingresses.yaml', 'kube-vip.yaml', 'traefik-config.yaml']);
    for (const [name, text] of Object.entries(MANIFESTS)) expect(read(name)).toBe(text);
    expect(record().files['kube-vip.yaml'].sha256).toBe(sha(KUBE_VIP));
    expect(out).toContain('  create    kube-vip.yaml');
    expect(out.at(-1)).toBe('Done: 3 create, 0 update, 0 remove, 0 unchanged.');
  });

  test('a re-run with nothing changed writes nothing, not even the record', () => {
    install();
    const before = snapshot(target);
    const { fs, changes } = countingFs();
    const { code, out } = install({ fs });
    expect(code).toBe(0);
    expect(changes).toEqual([]);
    expect(snapshot(target)).toEqual(before);
    expect(out).toContain('  unchanged traefik-config.yaml');
    expect(out.at(-1)).toBe('Nothing to do: 3 file(s) unchanged; nothing was written.');
  });

  test('updates a changed manifest and its record entry, leaving the others alone', () => {
    install();
    const kubeVip = statSync(join(target, 'kube-vip.yaml'));
    const changed = TRAEFIK.replace('LoadBalancer', 'ClusterIP');
    setDist({ ...MANIFESTS, 'traefik-config.yaml': changed });
    const { code, out } = install();
    expect(code).toBe(0);
    expect(read('traefik-config.yaml')).toBe(changed);
    expect(record().files['traefik-config.yaml'].sha256).toBe(sha(changed));
    expect(statSync(join(target, 'kube-vip.yaml')).ino).toBe(kubeVip.ino);
    expect(out).toContain('  update    traefik-config.yaml');
  });

  test('removes a manifest it owns and prints the kubectl delete K3s will not do', () => {
    install();
    setDist({ 'traefik-config.yaml': TRAEFIK });
    const { code, out } = install();
    expect(code).toBe(0);
    expect(readdirSync(target).sort()).toEqual(['.k3s-vip-dev.json', 'traefik-config.yaml']);
    expect(Object.keys(record().files)).toEqual(['traefik-config.yaml']);
    expect(out).toContain('K3s does not delete the objects of a removed manifest: they stay in the cluster until you delete them:');
    const deletes = out.filter((line) => line.includes('kubectl delete')).map((line) => line.trim());
    expect(deletes).toEqual([
      'kubectl delete ingress.networking.k8s.io frontend -n default',
      'kubectl delete daemonset.apps kube-vip-ds -n kube-system',
      'kubectl delete clusterrole.rbac.authorization.k8s.io system:kube-vip-role',
      'kubectl delete serviceaccount kube-vip -n kube-system',
    ]);
  });

  test('never touches foreign files, through create, update and remove', () => {
    mkdirSync(join(target, 'metrics-server'));
    writeFileSync(join(target, 'traefik.yaml'), 'k3s: own\n');
    writeFileSync(join(target, 'metrics-server', 'metrics-server-deployment.yaml'), 'k3s: own\n');
    writeFileSync(join(target, 'mine.yaml'), 'user: own\n');
    const foreign = () =>
      Object.fromEntries(
        Object.entries(snapshot(target)).filter(([path]) => !Object.keys(MANIFESTS).includes(path) && !path.startsWith('.')),
      );
    const before = foreign();
    install();
    setDist({ ...MANIFESTS, 'kube-vip.yaml': `${KUBE_VIP}# changed\n` });
    install();
    setDist({ 'traefik-config.yaml': TRAEFIK });
    expect(install().code).toBe(0);
    expect(foreign()).toEqual(before);
  });

  test('refuses to overwrite a foreign file of the same name and writes nothing', () => {
    writeFileSync(join(target, 'ingresses.yaml'), 'user: own\n');
    const before = snapshot(target);
    const { code, out, err } = install();
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err[0]).toMatch(/^error: ingresses\.yaml already exists and was not installed by this command/);
    expect(snapshot(target)).toEqual(before);
  });

  test('refuses to replace a foreign symlink of the same name', () => {
    writeFileSync(join(root, 'elsewhere.yaml'), 'user: own\n');
    symlinkSync(join(root, 'elsewhere.yaml'), join(target, 'traefik-config.yaml'));
    const { code, err } = install();
    expect(code).toBe(1);
    expect(err[0]).toMatch(/^error: traefik-config\.yaml already exists \(a symbolic link\) and was not installed by this command/);
    expect(lstatSync(join(target, 'traefik-config.yaml')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(root, 'elsewhere.yaml'), 'utf8')).toBe('user: own\n');
  });

  test('--dry-run prints create, update, remove and unchanged with the kubectl deletes, and writes nothing', () => {
    install();
    const whoami = INGRESSES.replace('frontend', 'whoami');
    setDist({ 'ingresses.yaml': `${INGRESSES}# changed\n`, 'traefik-config.yaml': TRAEFIK, 'whoami.yaml': whoami });
    const before = snapshot(target);
    const { fs, changes } = countingFs();
    const { code, out } = install({ dryRun: true, fs });
    expect(code).toBe(0);
    expect(changes).toEqual([]);
    expect(snapshot(target)).toEqual(before);
    expect(out).toEqual([
      `Dry run: would install ${join(dist, 'dev')}/ into ${target}:`,
      '  update    ingresses.yaml',
      '  remove    kube-vip.yaml',
      '  unchanged traefik-config.yaml',
      '  create    whoami.yaml',
      'K3s does not delete the objects of a removed manifest: they stay in the cluster until you delete them:',
      '  # kube-vip.yaml',
      '  kubectl delete daemonset.apps kube-vip-ds -n kube-system',
      '  kubectl delete clusterrole.rbac.authorization.k8s.io system:kube-vip-role',
      '  kubectl delete serviceaccount kube-vip -n kube-system',
      'Dry run: 1 create, 1 update, 1 remove, 1 unchanged; nothing was written.',
    ]);
  });

  test('an interrupted write leaves no partial file and rolls back, and a re-run finishes the install', () => {
    // Writes half of the temporary file, then fails, as a full disk would.
    const failOn = (name: string): FileSystem => ({
      ...nodeFileSystem,
      writeNewFile: (path, text) => {
        if (!path.includes(name)) return nodeFileSystem.writeNewFile(path, text);
        writeFileSync(path, text.slice(0, text.length / 2));
        throw Object.assign(new Error(`ENOSPC: no space left on device, write '${path}'`), { code: 'ENOSPC' });
      },
    });
    const first = install({ fs: failOn('kube-vip.yaml') });
    expect(first.code).toBe(1);
    expect(first.err).toEqual([
      `error: cannot write ${target}/kube-vip.yaml: no space left on the device (ENOSPC): free space on that file system, then run again; ${target} was left as it was`,
    ]);
    expect(readdirSync(target)).toEqual([]);

    expect(install().code).toBe(0);
    const changed = `${KUBE_VIP}# changed\n`;
    setDist({ ...MANIFESTS, 'kube-vip.yaml': changed });
    const before = contents(target);
    expect(install({ fs: failOn('kube-vip.yaml') }).code).toBe(1);
    expect(contents(target)).toEqual(before);
    expect(install().code).toBe(0);
    expect(read('kube-vip.yaml')).toBe(changed);
  });

  test('says when an owned file was changed by hand or is already gone', () => {
    install();
    writeFileSync(join(target, 'traefik-config.yaml'), 'edited: by hand\n');
    rmSync(join(target, 'ingresses.yaml'));
    setDist({ 'kube-vip.yaml': KUBE_VIP, 'traefik-config.yaml': TRAEFIK });
    const { code, out } = install();
    expect(code).toBe(0);
    expect(out).toContain('  update    traefik-config.yaml (changed by hand since the last install; that change is replaced)');
    expect(out).toContain('  remove    ingresses.yaml (already gone, so its objects cannot be listed)');
    expect(read('traefik-config.yaml')).toBe(TRAEFIK);
  });

  test.each([
    [
      'a bad cluster name',
      { cluster: 'Dev' },
      /^error: --cluster: "Dev" is not a valid name: .*expected the name of a config\/<cluster>\.yaml$/,
    ],
    [
      'a missing dist folder',
      { cluster: 'prod' },
      /^error: --cluster prod: .*dist\/prod\/ does not exist \(synthesized clusters: dev\); add config\/prod\.yaml and run `npm run synth`$/,
    ],
    [
      'a manifests folder that is a file',
      { manifestsDir: join(tmpdir(), 'k3s-install.file') },
      /^error: --dir ".*k3s-install\.file": is a file; expected the K3s manifests folder$/,
    ],
    [
      'a manifests folder under a file',
      { manifestsDir: join(tmpdir(), 'k3s-install.file', 'manifests') },
      /^error: --dir ".*k3s-install\.file\/manifests": a part of its path is a file, not a folder; expected the K3s manifests folder$/,
    ],
  ])('fails with one line for %s', (_, options, message) => {
    writeFileSync(join(tmpdir(), 'k3s-install.file'), '');
    const { code, out, err } = install(options);
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err).toEqual([expect.stringMatching(message)]);
  });

  test('installs what the kustomization lists, never a YAML file it does not, and says so', () => {
    setDist({ ...MANIFESTS, 'old-traefik.yaml': TRAEFIK }, 'dev', ['kube-vip.yaml', 'ingresses.yaml']);
    const { code, err } = install();
    expect(code).toBe(0);
    expect(readdirSync(target).sort()).toEqual(['.k3s-vip-dev.json', 'ingresses.yaml', 'kube-vip.yaml']);
    expect(err).toEqual([
      `warning: ${dist}/dev/old-traefik.yaml is not listed in ${dist}/dev/kustomization.yaml, so it is not installed: delete it if it is a leftover`,
      `warning: ${dist}/dev/traefik-config.yaml is not listed in ${dist}/dev/kustomization.yaml, so it is not installed: delete it if it is a leftover`,
    ]);
  });

  test.each<[string, () => void, string[]]>([
    [
      'no kustomization',
      () => rmSync(join(dist, 'dev', 'kustomization.yaml')),
      ['error: {dist}/dev/kustomization.yaml does not exist (it lists the manifests to install): run `npm run synth`'],
    ],
    [
      'a kustomization listing nothing',
      () => setDist({}),
      [
        'error: {dist}/dev/kustomization.yaml:2:1: resources: expected a list of the manifests to install; run `npm run synth` to write it again',
      ],
    ],
    [
      'a kustomization listing paths and missing files',
      () => setDist(MANIFESTS, 'dev', ['../prod/kube-vip.yaml', 'gone.yaml', 'k3s']),
      [
        'error: {dist}/dev/kustomization.yaml:4:5: resources[0]: "../prod/kube-vip.yaml" is not a <name>.yaml file next to the kustomization, ' +
          'the only kind k3s:install copies (no paths, no URLs); run `npm run synth` to write it again',
        'error: {dist}/dev/kustomization.yaml:6:5: resources[2]: "k3s" is not a <name>.yaml file next to the kustomization, ' +
          'the only kind k3s:install copies (no paths, no URLs); run `npm run synth` to write it again',
        'error: {dist}/dev/kustomization.yaml lists gone.yaml, but {dist}/dev/gone.yaml does not exist: run `npm run synth`',
      ],
    ],
  ])('refuses %s, with every problem at once, and writes nothing', (_, breakDist, errors) => {
    install();
    breakDist();
    const before = snapshot(target);
    const { code, out, err } = install();
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err).toEqual(errors.map((line) => line.replace(/\{dist\}/g, dist)));
    expect(snapshot(target)).toEqual(before);
  });

  test('checks every target first: a folder where an installed file was refuses the whole run, writing nothing', () => {
    install();
    rmSync(join(target, 'kube-vip.yaml'));
    mkdirSync(join(target, 'kube-vip.yaml'));
    symlinkSync(join(root, 'nowhere'), join(target, 'whoami.yaml'));
    setDist({
      ...MANIFESTS,
      'kube-vip.yaml': `${KUBE_VIP}# changed\n`,
      'ingresses.yaml': `${INGRESSES}# changed\n`,
      'whoami.yaml': INGRESSES,
    });
    const before = snapshot(target);
    const { code, out, err } = install();
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err).toEqual([
      'error: kube-vip.yaml is a folder, where this command installed kube-vip.yaml before: move it away',
      'error: whoami.yaml already exists (a symbolic link) and was not installed by this command (it is not in .k3s-vip-dev.json): move it away; it is never overwritten',
      `k3s:install: nothing was written to ${target}.`,
    ]);
    expect(snapshot(target)).toEqual(before);
  });

  test('never deletes an installed file changed by hand: it stays, unrecorded, and a later install refuses to overwrite it', () => {
    install();
    writeFileSync(join(target, 'kube-vip.yaml'), `${KUBE_VIP}# tuned by hand\n`);
    setDist({ 'traefik-config.yaml': TRAEFIK, 'ingresses.yaml': INGRESSES });
    const { code, out, err } = install();
    expect(code).toBe(0);
    expect(read('kube-vip.yaml')).toBe(`${KUBE_VIP}# tuned by hand\n`);
    expect(Object.keys(record().files)).toEqual(['ingresses.yaml', 'traefik-config.yaml']);
    expect(out).toContain('  leave     kube-vip.yaml (was changed by hand since the last install: left in place and no longer recorded)');
    expect(out.at(-1)).toBe('Done: 0 create, 0 update, 0 remove, 1 leave, 2 unchanged.');
    expect(err).toEqual([
      'warning: kube-vip.yaml was changed by hand since the last install, so it is not removed, and K3s keeps applying it: ' +
        'delete it yourself, or move it out of the folder, if it should go',
    ]);
    setDist(MANIFESTS);
    expect(install().err[0]).toMatch(/^error: kube-vip\.yaml already exists and was not installed by this command/);
  });

  test("the bootstrap runbook's hand copy of kube-vip.yaml: refused, saying it is the same file and how to hand it over", () => {
    setDist(MANIFESTS);
    writeFileSync(join(target, 'kube-vip.yaml'), MANIFESTS['kube-vip.yaml']);
    const before = snapshot(target);
    expect(install().err).toEqual([
      `error: kube-vip.yaml already exists, the same as ${join(dist, 'dev')}/kube-vip.yaml, and was not installed by this command ` +
        "(it is not in .k3s-vip-dev.json), so it is never overwritten: if it is a copy made by hand (as the bootstrap runbook's " +
        'kube-vip.yaml), delete it to hand it over (K3s keeps its objects) and run again; move anything else away',
      `k3s:install: nothing was written to ${target}.`,
    ]);
    expect(snapshot(target)).toEqual(before);
    rmSync(join(target, 'kube-vip.yaml'));
    expect(install().code).toBe(0);
  });

  test('removes the temporary files a killed run left', () => {
    writeFileSync(join(target, '.kube-vip.yaml.k3s-vip-99999.tmp'), 'half');
    expect(install().code).toBe(0);
    expect(readdirSync(target).sort()).toEqual(['.k3s-vip-dev.json', 'ingresses.yaml', 'kube-vip.yaml', 'traefik-config.yaml']);
  });

  describe.each([
    ['a first install', () => undefined],
    [
      'an install that creates, updates, removes and leaves files',
      () => {
        install();
        writeFileSync(join(target, 'ingresses.yaml'), `${INGRESSES}# tuned by hand\n`);
        setDist({ 'kube-vip.yaml': `${KUBE_VIP}# changed\n`, 'whoami.yaml': INGRESSES.replace('frontend', 'whoami') });
      },
    ],
  ])('an I/O error at any call of %s', (_, prepare) => {
    test('leaves every file whole, the folder as it was and the record true, with one line; the next run ends exact', () => {
      prepare();
      const counting = failingFs(0);
      const scratch = join(root, 'scratch');
      // Counts the calls of a successful run on a copy.
      const copy = (to: string) => {
        rmSync(to, { recursive: true, force: true });
        mkdirSync(to);
        for (const [path, text] of Object.entries(contents(target))) writeFileSync(join(to, path), text);
      };
      copy(scratch);
      const after = install({ manifestsDir: scratch, fs: counting.fs });
      expect(after.code).toBe(0);
      const expected = contents(scratch);
      const before = contents(target);
      expect(counting.state.calls).toBeGreaterThan(10);
      for (let failAt = 1; failAt <= counting.state.calls; failAt++) {
        copy(scratch);
        const { code, err } = install({ manifestsDir: scratch, fs: failingFs(failAt).fs });
        expect({ failAt, code, contents: contents(scratch) }).toEqual({ failAt, code: 1, contents: before });
        expect(err.at(-1)).toMatch(
          new RegExp(
            `^error: cannot (read|write|remove|create) ${root}/.*: input/output error \\(EIO\\): the device failed: check it \\(dmesg\\), then run again(; ${scratch} was left as it was)?$`,
          ),
        );
        expect(err.join('\n')).not.toMatch(/\n\s+at /);
        // The next run ends exact.
        expect({ failAt, code: install({ manifestsDir: scratch }).code, contents: contents(scratch) }).toEqual({
          failAt,
          code: 0,
          contents: expected,
        });
      }
      copy(scratch);
      expect(install({ manifestsDir: scratch, fs: failingFs(counting.state.calls + 1).fs }).code).toBe(0);
      expect(contents(scratch)).toEqual(expected);
    });
  });
});

describe('the manifests folder', () => {
  const missing = () => join(root, 'k3s', 'server', 'manifests');

  test('a real run creates it when its parent exists', () => {
    mkdirSync(join(root, 'k3s', 'server'), { recursive: true });
    const { changes, fs } = countingFs();
    expect(install({ manifestsDir: missing(), fs }).code).toBe(0);
    expect(changes[0]).toBe(`mkdir ${missing()}`);
    expect(readdirSync(missing()).sort()).toEqual(['.k3s-vip-dev.json', 'ingresses.yaml', 'kube-vip.yaml', 'traefik-config.yaml']);
  });

  test('a real run refuses, with one line, when K3s is not installed, and creates nothing', () => {
    const { code, out, err } = install({ manifestsDir: missing() });
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err).toEqual([
      `error: --dir ${JSON.stringify(missing())}: neither it nor ${join(root, 'k3s', 'server')} exists, so K3s is not installed here ` +
        `(a K3s server creates ${DEFAULT_MANIFESTS_DIR}): run this on a K3s server, or pass --dir <the manifests folder>`,
    ]);
    expect(readdirSync(root).sort()).toEqual(['dist', 'manifests']);
  });

  test('a real run that may not create it says to run as root', () => {
    jest.spyOn(process, 'getuid').mockReturnValue(1000); // a user's run: root's is told of immutable files (attack54-mine)
    mkdirSync(join(root, 'k3s', 'server'), { recursive: true });
    const fs: FileSystem = {
      ...nodeFileSystem,
      mkdir: () => {
        throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      },
    };
    expect(install({ manifestsDir: missing(), fs }).err).toEqual([
      `error: cannot create ${missing()}: permission denied (EACCES): this user (uid 1000) may not write to that file or folder: make it writable for this user (chown, chmod u+w), or run as its owner (sudo when root owns it)`,
    ]);
  });

  test('a real run refuses bad manifests before creating it', () => {
    mkdirSync(join(root, 'k3s', 'server'), { recursive: true });
    setDist({ 'traefik.yaml': TRAEFIK });
    expect(install({ manifestsDir: missing() }).code).toBe(1);
    expect(readdirSync(join(root, 'k3s', 'server'))).toEqual([]);
  });

  test.each([
    [
      'where K3s is not installed',
      false,
      [
        `warning: a real run refuses: --dir "{dir}": neither it nor {parent} exists, so K3s is not installed here ` +
          `(a K3s server creates ${DEFAULT_MANIFESTS_DIR}): run this on a K3s server, or pass --dir <the manifests folder>`,
      ],
    ],
    ['where K3s is installed', true, []],
  ])('a dry run %s shows the plan and that it would create the folder', (_, parentExists, warnings) => {
    if (parentExists) mkdirSync(join(root, 'k3s', 'server'), { recursive: true });
    const { code, out, err } = install({ manifestsDir: missing(), dryRun: true });
    expect(code).toBe(0);
    expect(out).toEqual([
      `Dry run: would create ${missing()}/ and install ${dist}/dev/ into ${missing()}:`,
      '  create    ingresses.yaml',
      '  create    kube-vip.yaml',
      '  create    traefik-config.yaml',
      'Dry run: 3 create, 0 update, 0 remove, 0 unchanged; nothing was written.',
    ]);
    expect(err).toEqual(warnings.map((line) => line.replace('{dir}', missing()).replace('{parent}', join(root, 'k3s', 'server'))));
    expect(lstatSync(join(root, 'k3s'), { throwIfNoEntry: false })?.isDirectory() ?? false).toBe(parentExists);
    if (parentExists) expect(readdirSync(join(root, 'k3s', 'server'))).toEqual([]);
  });
});

describe('one run at a time', () => {
  test('refuses with one line while another run holds the folder, then says nothing was written', () => {
    writeFileSync(
      join(target, LOCK_FILE),
      JSON.stringify({ pid: process.pid, host: hostname(), holder: 'k3s:install --cluster prod', since: 'then' }),
    );
    process.env.K3S_VIP_LOCK_WAIT_SECONDS = '0';
    try {
      const { code, out, err } = install();
      expect(code).toBe(1);
      expect(out).toEqual([]);
      expect(err).toEqual([
        `error: ${target}/${LOCK_FILE} is held by k3s:install --cluster prod (pid ${process.pid} on ${hostname()}, since then): ` +
          `wait for it to finish and run again; if none is running, delete ${target}/${LOCK_FILE}`,
        // 68c-5: the last line says nothing was written, as every refusal before writing does.
        `k3s:install: nothing was written to ${target}.`,
      ]);
      expect(readdirSync(target)).toEqual([LOCK_FILE]);
    } finally {
      delete process.env.K3S_VIP_LOCK_WAIT_SECONDS;
    }
  });

  test('says so in one line when the lock file cannot be made, then that nothing was written', () => {
    mkdirSync(join(target, LOCK_FILE));
    expect(install().err).toEqual([
      `error: ${target}/${LOCK_FILE} is a folder, where synth and k3s:install keep their lock file (a file they create and delete each run): move it away and run again`,
      `k3s:install: nothing was written to ${target}.`,
    ]);
    expect(readdirSync(target)).toEqual([LOCK_FILE]);
  });

  beforeAll(() => {
    // Builds lib/ once, so the concurrent runs below do not both compile it.
    expect(spawnSync(process.execPath, [APP, 'k3s/install', '--help'], { encoding: 'utf8' }).status).toBe(0);
  }, 120_000);

  test("two installs of two clusters into one folder: one wins, the other refuses, the folder is the winner's install", async () => {
    const cluster = (name: string) => Object.fromEntries(Object.entries(MANIFESTS).map(([file, text]) => [file, `${text}# ${name}\n`]));
    setDist(cluster('alpha'), 'alpha');
    setDist(cluster('beta'), 'beta');
    const run = (name: string) =>
      new Promise<{ name: string; code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [APP, 'k3s/install', '--cluster', name, '--dir', target], {
          env: { ...process.env, K3S_VIP_DIST_DIR: dist },
        });
        let stderr = '';
        child.stderr.on('data', (chunk) => (stderr += chunk));
        child.on('close', (code) => resolve({ name, code, stderr }));
      });
    for (let round = 0; round < 4; round++) {
      rmSync(target, { recursive: true, force: true });
      mkdirSync(target);
      const results = await Promise.all([run('alpha'), run('beta')]);
      const winner = results.find((r) => r.code === 0);
      const loser = results.find((r) => r.code !== 0);
      expect(results.map((r) => r.code).sort()).toEqual([0, 1]);
      expect(winner?.stderr).toBe('');
      expect(loser?.stderr).toBe(
        [
          `error: ${Object.keys(MANIFESTS).sort().join(', ')} belong to the install of cluster "${winner?.name}" ` +
            `(.k3s-vip-${winner?.name}.json), and a K3s server serves one cluster: if "${loser?.name}" is "${winner?.name}" ` +
            `renamed, remove that install first (delete ${Object.keys(MANIFESTS).sort().join(', ')} and .k3s-vip-${winner?.name}.json; ` +
            `K3s keeps the objects, so \`kubectl delete\` those you no longer want) and run again; otherwise install ` +
            `"${loser?.name}" on its own servers`,
          `k3s:install: nothing was written to ${target}.`,
          '',
        ].join('\n'),
      );
      const files = record(winner?.name).files;
      expect(contents(target)).toEqual({
        [`.k3s-vip-${winner?.name}.json`]: read(`.k3s-vip-${winner?.name}.json`),
        ...cluster(winner?.name ?? ''),
      });
      for (const [file, { sha256 }] of Object.entries(files)) expect(sha(read(file))).toBe(sha256);
    }
  }, 30_000);
});

describe('command line', () => {
  test('reads the flags, defaulting --dir to the K3s manifests folder', () => {
    expect(parseInstallArgs(['--cluster', 'dev'])).toEqual({ cluster: 'dev', manifestsDir: DEFAULT_MANIFESTS_DIR, dryRun: false });
    expect(parseInstallArgs(['--cluster=dev', '--dir', '/m', '--dry-run'])).toEqual({ cluster: 'dev', manifestsDir: '/m', dryRun: true });
  });

  test.each([
    [[], /^--cluster is missing: name the cluster to install/],
    [['--cluster'], /^Option '--cluster <value>' argument missing; usage:/],
    [['--cluster', 'dev', '--force'], /^Unknown option '--force'; usage:/],
    [['dev'], /^Unexpected argument 'dev'/],
    [['--cluster', 'a', '--cluster', 'b'], /^--cluster is given 2 times \(a, b\): expected one/],
    [['--cluster', 'dev', '--dir='], /^--dir is empty/],
    [['--cluster', 'dev', '--dry-run=no'], /^Option '--dry-run' does not take an argument/],
  ])('rejects %j with a one-line message and the usage', (args, message) => {
    expect(() => parseInstallArgs(args)).toThrow(message);
    expect(() => parseInstallArgs(args)).toThrow(
      /^[^\n]*usage: npm run k3s:install -- --cluster <name> \[--dir <manifests dir>\] \[--dry-run\]$/,
    );
  });

  test.each(['--help', '-h'])('%s prints the usage with every flag explained, and exits 0', (flag) => {
    expect(parseInstallArgs(['--cluster', 'dev', flag])).toBe('help');
    const stdout = jest.spyOn(process.stdout, 'write').mockReturnValue(true);
    main([flag], {});
    expect(process.exitCode).toBe(0);
    expect(stdout.mock.calls.map(([text]) => text)).toEqual([`${HELP}\n`]);
    for (const line of [
      '--cluster <name>',
      '--dir <folder>',
      `(default ${DEFAULT_MANIFESTS_DIR})`,
      '--dry-run',
      '-h, --help',
      'after `--`',
    ]) {
      expect(HELP).toContain(line);
    }
  });

  test.each<[string, string[], Record<string, string>, string]>([
    ['--cluster=dev', [], { npm_config_cluster: 'dev' }, '--cluster for itself: write `npm run k3s:install -- --cluster dev`'],
    ['--cluster dev', ['dev'], { npm_config_cluster: 'true' }, '--cluster for itself: write `npm run k3s:install -- --cluster dev`'],
    [
      '--cluster dev --dir /m --dry-run',
      ['dev', '/m'],
      { npm_config_cluster: 'true', npm_config_dir: 'true', npm_config_dry_run: 'true' },
      '--cluster, --dir and --dry-run for itself: write `npm run k3s:install -- --cluster dev --dir /m --dry-run`',
    ],
    [
      '--dry-run -- --cluster dev',
      ['--cluster', 'dev'],
      { npm_config_dry_run: 'true' },
      '--dry-run for itself: write `npm run k3s:install -- --cluster dev --dry-run`',
    ],
    ['--cluster', [], { npm_config_cluster: 'true' }, '--cluster for itself: write `npm run k3s:install -- --cluster <name>`'],
  ])('says when npm took the flags of `npm run k3s:install %s` for itself', (_, args, env, message) => {
    expect(() => parseInstallArgs(args, env)).toThrow(`npm took ${message}`);
    const stderr = jest.spyOn(process.stderr, 'write').mockReturnValue(true);
    main(args, env);
    expect(process.exitCode).toBe(1);
    expect(stderr.mock.calls.map(([text]) => text)).toEqual([`error: npm took ${message}\n`]);
  });

  test('flags given after `--` as well are not taken for swallowed ones', () => {
    expect(parseInstallArgs(['--cluster', 'dev', '--dry-run'], { npm_config_dry_run: 'true', npm_config_cluster: 'x' })).toEqual({
      cluster: 'dev',
      manifestsDir: DEFAULT_MANIFESTS_DIR,
      dryRun: true,
    });
  });

  test('main installs from K3S_VIP_DIST_DIR and sets the exit code', () => {
    const stdout = jest.spyOn(process.stdout, 'write').mockReturnValue(true);
    const stderr = jest.spyOn(process.stderr, 'write').mockReturnValue(true);
    main(['--cluster', 'dev', '--dir', target], { K3S_VIP_DIST_DIR: dist });
    expect(process.exitCode).toBe(0);
    expect(readdirSync(target)).toContain('kube-vip.yaml');
    main(['--cluster', 'dev', '--dir', target, '--bogus'], { K3S_VIP_DIST_DIR: dist });
    expect(process.exitCode).toBe(1);
    expect(stderr.mock.calls.map(([text]) => text)).toEqual([expect.stringMatching(/^error: Unknown option '--bogus'; usage: [^\n]*\n$/)]);
    expect(stdout).toHaveBeenCalled();
  });

  test('npm run k3s:install exits 1 with a one-line error and no stack trace', () => {
    const result = spawnSync(process.execPath, [APP, 'k3s/install', '--cluster', 'prod', '--dir', target], {
      env: { ...process.env, K3S_VIP_DIST_DIR: dist },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^error: --cluster prod: .*dist\/prod\/ does not exist \(synthesized clusters: dev\)[^\n]*\n$/);
    expect(result.stdout).toBe('');
  }, 60_000);
});

test('readTarget reads the top-level manifests and records, and lists every entry', () => {
  mkdirSync(join(target, 'sub'));
  writeFileSync(join(target, 'sub', 'a.yaml'), 'a');
  writeFileSync(join(target, 'b.yaml'), 'b');
  writeFileSync(join(target, '.k3s-vip-dev.json'), '{}');
  writeFileSync(join(target, 'c.txt'), 'c');
  symlinkSync(join(target, 'b.yaml'), join(target, 'd.yaml'));
  const folder = readTarget(target);
  expect(Object.fromEntries(folder.entries)).toEqual({
    '.k3s-vip-dev.json': 'file',
    'b.yaml': 'file',
    'c.txt': 'file',
    'd.yaml': 'link',
    'sub': 'folder',
    'sub/a.yaml': 'file',
  });
  expect(Object.fromEntries(folder.texts)).toEqual({ '.k3s-vip-dev.json': '{}', 'b.yaml': 'b' });
});

test('--dir that is a link to a folder installs into that folder (found by an adversarial round)', () => {
  const link = join(root, 'manifests-link');
  symlinkSync(target, link);
  const { code, err } = install({ manifestsDir: link });
  expect({ code, err }).toEqual({ code: 0, err: [] });
  expect(
    readdirSync(target)
      .filter((name) => !name.startsWith('.'))
      .sort(),
  ).toEqual(['ingresses.yaml', 'kube-vip.yaml', 'traefik-config.yaml']);
});
