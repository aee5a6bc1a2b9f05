import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULT_MANIFESTS_DIR, InstallOptions, kubectlDelete, main, objectsOf, parseInstallArgs, planInstall, readTarget, runInstall, WriteFile,
} from '../src/k3s/install';

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

/** Makes dist/dev/ hold `files` plus the files that are not manifests. */
function setDist(files: Record<string, string>, cluster = 'dev'): void {
  const folder = join(dist, cluster);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(join(folder, 'k3s'), { recursive: true });
  writeFileSync(join(folder, 'kustomization.yaml'), 'resources: [kube-vip.yaml]\n');
  writeFileSync(join(folder, 'README.md'), '# dev\n');
  writeFileSync(join(folder, 'k3s', 'config.yaml'), 'disable: [servicelb]\n');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
}

function install(options: Partial<InstallOptions> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runInstall({
    cluster: 'dev', distDir: dist, manifestsDir: target, dryRun: false,
    out: (line) => out.push(line), err: (line) => err.push(line), ...options,
  });
  return { code, out, err };
}

/** Every file below `dir` (dotfiles included) -> content, inode and mtime, to prove nothing was touched. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => {
      const path = join(e.parentPath, e.name);
      const stat = statSync(path);
      return [path.slice(dir.length + 1), `${readFileSync(path, 'utf8')}|${stat.ino}|${stat.mtimeMs}`];
    }));
}

const read = (name: string) => readFileSync(join(target, name), 'utf8');
const record = () => JSON.parse(read('.k3s-vip-dev.json')) as { cluster: string; files: Record<string, { sha256: string }> };
const countingWrite = () => jest.fn<void, Parameters<WriteFile>>((path, text) => writeFileSync(path, text));

describe('planInstall', () => {
  const plan = (texts: Record<string, string>, paths = Object.keys(texts), manifests: Record<string, string> = MANIFESTS) =>
    planInstall({ cluster: 'dev', source: 'dist/dev', manifests: new Map(Object.entries(manifests)), target: { paths, texts: new Map(Object.entries(texts)) } });

  test('creates every manifest in an empty folder and records its sha256', () => {
    const result = plan({});
    expect(result.errors).toEqual([]);
    expect(result.entries.map((e) => [e.action, e.file])).toEqual([
      ['create', 'ingresses.yaml'], ['create', 'kube-vip.yaml'], ['create', 'traefik-config.yaml'],
    ]);
    expect(JSON.parse(result.recordText).files).toEqual({
      'ingresses.yaml': { sha256: sha(INGRESSES) }, 'kube-vip.yaml': { sha256: sha(KUBE_VIP) }, 'traefik-config.yaml': { sha256: sha(TRAEFIK) },
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
    expect(result.errors).toEqual([expect.stringMatching(new RegExp(`^dist/dev/${name.replace(/\./g, '\\.')} cannot be installed: .*${message.source}`))]);
  });

  test('refuses foreign files that have our name or share our AddOn name, wherever they are', () => {
    const foreign = { 'kube-vip.yaml': 'x: 1\n', 'ingresses.yml': 'x: 1\n', 'sub/traefik-config.json': '{}' };
    const result = plan(foreign, [...Object.keys(foreign), 'ingresses.old.txt', '.ingresses.yaml', 'traefik.yaml']);
    expect(result.errors).toEqual([
      expect.stringMatching(/^kube-vip\.yaml already exists and was not installed by this command .*never overwritten$/),
      expect.stringMatching(/^ingresses\.yml is K3s AddOn "ingresses" too, like the ingresses\.yaml to install/),
      expect.stringMatching(/^sub\/traefik-config\.json is K3s AddOn "traefik-config" too/),
    ]);
  });

  test('names the other cluster whose install owns a file', () => {
    const other = JSON.stringify({ files: { 'kube-vip.yaml': { sha256: sha('x') } } });
    const result = plan({ '.k3s-vip-prod.json': other, 'kube-vip.yaml': 'x' });
    expect(result.errors).toEqual([expect.stringContaining('kube-vip.yaml belongs to the install of cluster "prod" (.k3s-vip-prod.json)')]);
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
    expect(plan({}, ['kube-vip.yaml.skip']).warnings).toEqual([expect.stringContaining('kube-vip.yaml.skip exists, so K3s ignores kube-vip.yaml')]);
  });

  test('on removal lists only the objects no installed manifest declares any more', () => {
    const owned = JSON.stringify({ files: { 'old.yaml': { sha256: sha(KUBE_VIP + TRAEFIK) } } });
    // The HelmChartConfig moved from old.yaml to traefik-config.yaml: deleting it would undo the install.
    const result = plan({ '.k3s-vip-dev.json': owned, 'old.yaml': `${KUBE_VIP}---\n${TRAEFIK}` }, undefined, { 'traefik-config.yaml': TRAEFIK });
    const removal = result.entries.find((e) => e.file === 'old.yaml');
    expect(removal?.action).toBe('remove');
    expect(removal?.leftovers?.map(kubectlDelete)).toEqual([
      'kubectl delete serviceaccount kube-vip -n kube-system',
      'kubectl delete clusterrole.rbac.authorization.k8s.io system:kube-vip-role',
      'kubectl delete daemonset.apps kube-vip-ds -n kube-system',
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
  test('creates the top-level manifests of dist/<cluster>/, and only those, with an ownership record', () => {
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
    const writeFile = countingWrite();
    const { code, out } = install({ writeFile });
    expect(code).toBe(0);
    expect(writeFile).not.toHaveBeenCalled();
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
    const foreign = () => Object.fromEntries(Object.entries(snapshot(target)).filter(([path]) => !Object.keys(MANIFESTS).includes(path) && !path.startsWith('.')));
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
    expect(err[0]).toMatch(/^error: traefik-config\.yaml already exists and was not installed by this command/);
    expect(lstatSync(join(target, 'traefik-config.yaml')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(root, 'elsewhere.yaml'), 'utf8')).toBe('user: own\n');
  });

  test('--dry-run prints create, update, remove and unchanged with the kubectl deletes, and writes nothing', () => {
    install();
    const whoami = INGRESSES.replace('frontend', 'whoami');
    setDist({ 'ingresses.yaml': `${INGRESSES}# changed\n`, 'traefik-config.yaml': TRAEFIK, 'whoami.yaml': whoami });
    const before = snapshot(target);
    const writeFile = countingWrite();
    const { code, out } = install({ dryRun: true, writeFile });
    expect(code).toBe(0);
    expect(writeFile).not.toHaveBeenCalled();
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

  test('an interrupted write leaves no partial file, and a re-run finishes the install', () => {
    // Writes half of the temporary file, then fails, as a full disk or a kill would.
    const failOn = (name: string): WriteFile => (path, text) => {
      if (path.includes(name)) {
        writeFileSync(path, text.slice(0, text.length / 2));
        throw new Error(`ENOSPC: no space left on device, write '${path}'`);
      }
      writeFileSync(path, text);
    };
    const first = install({ writeFile: failOn('kube-vip.yaml') });
    expect(first.code).toBe(1);
    expect(first.err).toEqual([
      expect.stringMatching(/^error: ENOSPC: no space left on device/),
      `k3s:install stopped part-way: every file in ${target} is whole (old or new); run it again to finish.`,
    ]);
    expect(readdirSync(target).sort()).toEqual(['.k3s-vip-dev.json', 'ingresses.yaml']);
    expect(read('ingresses.yaml')).toBe(INGRESSES);

    expect(install().code).toBe(0);
    const changed = `${KUBE_VIP}# changed\n`;
    setDist({ ...MANIFESTS, 'kube-vip.yaml': changed });
    expect(install({ writeFile: failOn('kube-vip.yaml') }).code).toBe(1);
    expect(read('kube-vip.yaml')).toBe(KUBE_VIP);
    expect(record().files['kube-vip.yaml'].sha256).toBe(sha(KUBE_VIP));
    expect(readdirSync(target).filter((name) => name.endsWith('.tmp'))).toEqual([]);
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
    ['a bad cluster name', { cluster: 'Dev' }, /^error: --cluster: "Dev" is not a valid name: .*expected the name of a config\/<cluster>\.yaml$/],
    ['a missing dist folder', { cluster: 'prod' }, /^error: --cluster prod: .*dist\/prod\/ does not exist \(synthesized clusters: dev\); add config\/prod\.yaml and run `npm run synth`$/],
    ['a missing manifests folder', { manifestsDir: join(tmpdir(), 'no-such-k3s') }, /^error: --dir .*no-such-k3s: no such folder; K3s creates \/var\/lib\/rancher\/k3s\/server\/manifests/],
  ])('fails with one line for %s', (_, options, message) => {
    const { code, out, err } = install(options);
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err).toEqual([expect.stringMatching(message)]);
  });

  test('fails when dist/<cluster>/ holds no manifests', () => {
    setDist({});
    expect(install().err).toEqual([expect.stringMatching(/dist\/dev\/ holds no manifests \(\*\.yaml\): run `npm run synth`$/)]);
  });
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
    expect(() => parseInstallArgs(args)).toThrow(/^[^\n]*usage: npm run k3s:install -- --cluster <name> \[--dir <manifests dir>\] \[--dry-run\]$/);
  });

  test('main installs from K3S_VIP_DIST_DIR and sets the exit code', () => {
    const stdout = jest.spyOn(process.stdout, 'write').mockReturnValue(true);
    const stderr = jest.spyOn(process.stderr, 'write').mockReturnValue(true);
    process.env.K3S_VIP_DIST_DIR = dist;
    try {
      main(['--cluster', 'dev', '--dir', target]);
      expect(process.exitCode).toBe(0);
      expect(readdirSync(target)).toContain('kube-vip.yaml');
      main(['--cluster', 'dev', '--dir', target, '--bogus']);
      expect(process.exitCode).toBe(1);
      expect(stderr.mock.calls.map(([text]) => text)).toEqual([expect.stringMatching(/^error: Unknown option '--bogus'; usage: [^\n]*\n$/)]);
      expect(stdout).toHaveBeenCalled();
    } finally {
      delete process.env.K3S_VIP_DIST_DIR;
    }
  });

  test('npm run k3s:install exits 1 with a one-line error and no stack trace', () => {
    const result = spawnSync(process.execPath, [join(__dirname, '..', 'scripts', 'app.js'), 'k3s/install', '--cluster', 'prod', '--dir', target], {
      env: { ...process.env, K3S_VIP_DIST_DIR: dist },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^error: --cluster prod: .*dist\/prod\/ does not exist \(synthesized clusters: dev\)[^\n]*\n$/);
    expect(result.stdout).toBe('');
  }, 60_000);
});

test('readTarget reads the top-level manifests and records, and lists every file', () => {
  mkdirSync(join(target, 'sub'));
  writeFileSync(join(target, 'sub', 'a.yaml'), 'a');
  writeFileSync(join(target, 'b.yaml'), 'b');
  writeFileSync(join(target, '.k3s-vip-dev.json'), '{}');
  writeFileSync(join(target, 'c.txt'), 'c');
  const folder = readTarget(target);
  expect([...folder.paths].sort()).toEqual(['.k3s-vip-dev.json', 'b.yaml', 'c.txt', 'sub/a.yaml']);
  expect(Object.fromEntries(folder.texts)).toEqual({ '.k3s-vip-dev.json': '{}', 'b.yaml': 'b' });
});
