import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInstall } from '../src/k3s/install-cli';
import { manifestsRootOf } from '../src/k3s/manifests-tree';
import { withGeneratedList } from '../src/output/publish';
import { configErrors, devConfig, withChanges } from './helpers';

/**
 * Attack round 36b-8, 36b-9 (k3s:install's check for other manifests, read as K3s reads the tree) and 36b-6 / 36b-11 r5
 * (a `--certificatesresolvers.*` flag over a first-class resolver).
 */

const base = mkdtempSync(join(tmpdir(), 'k3s-vip-attack37-'));
const SECRET = 'hunter2-Zq8vX3pL9';
const daemonSet = (name = 'kube-vip-ds', extra = '') =>
  `apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: ${name}\n  namespace: kube-system\n  labels: {pw: ${SECRET}}\n${extra}spec: {}\n`;
const clusterRole = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: system:kube-vip-role\nrules: []\n';

/** A dist/ of cluster dev by hand (no synth: cheap): kube-vip.yaml with a DaemonSet and a ClusterRole. */
const dist = join(base, 'dist');
mkdirSync(join(dist, 'dev'), { recursive: true });
for (const [path, text] of withGeneratedList(
  new Map([
    ['dev/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - kube-vip.yaml\n'],
    ['dev/kube-vip.yaml', `${clusterRole}---\n${daemonSet().replace(/ {2}labels.*\n/, '')}`],
  ]),
)) {
  writeFileSync(join(dist, path), text);
}

let n = 0;
/** `k3s:install --cluster dev --dry-run` into `<fresh>/<into>` after planting `files` (path under <fresh> -> text or planter). */
function install(files: Record<string, string | ((path: string) => void)>, into = 'm', options: { manifestsRoot?: string } = {}) {
  const top = join(base, `t${n++}`);
  mkdirSync(join(top, into), { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(top, path, '..'), { recursive: true });
    if (typeof text === 'string') writeFileSync(join(top, path), text);
    else text(join(top, path));
  }
  const lines: string[] = [];
  const code = runInstall({
    cluster: 'dev',
    distDir: dist,
    manifestsDir: join(top, into),
    dryRun: true,
    out: (l) => lines.push(l),
    err: (l) => lines.push(l),
    ...(options.manifestsRoot ? { manifestsRoot: join(top, options.manifestsRoot) } : {}),
  });
  const text = lines.join('\n');
  expect(text).not.toContain(SECRET);
  return { code, text, top };
}
const link = (target: string) => (path: string) => symlinkSync(target, path);

describe('36b-8: the files K3s applies, read as K3s reads them', () => {
  test('control: a clean folder installs', () => {
    expect(install({})).toMatchObject({ code: 0 });
  });

  test.each([
    [
      's1: a link to a file outside, declaring the DaemonSet',
      { 'outside/ds.yaml': daemonSet(), 'm/mine.yaml': link('../outside/ds.yaml') },
      'mine.yaml',
    ],
    ['s6: a top-level link to a folder holding it', { 'outside/ds.yaml': daemonSet(), 'm/linkdir': link('../outside') }, 'linkdir/ds.yaml'],
    [
      'a link to a folder in a subfolder',
      { 'outside/ds.yaml': daemonSet(), 'm/sub/linkdir': link('../../outside') },
      'sub/linkdir/ds.yaml',
    ],
    [
      's3: the kind with a JSON \\u escape',
      { 'm/x.json': '{"apiVersion":"apps/v1","kind":"Daemon\\u0053et","metadata":{"name":"kube-vip-ds","namespace":"kube-system"}}' },
      'x.json',
    ],
    [
      's5: the name with an escaped line break in a double-quoted scalar',
      { 'm/y.yaml': 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: "kube-vip-\\\n    ds"\n  namespace: kube-system\n' },
      'y.yaml',
    ],
    [
      'the name with a YAML \\x escape',
      { 'm/z.yaml': 'apiVersion: apps/v1\nkind: "\\x44aemonSet"\nmetadata: {name: kube-vip-ds, namespace: kube-system}\n' },
      'z.yaml',
    ],
  ])('%s: refused', (_, files, path) => {
    const { code, text } = install(files);
    expect(code).toBe(1);
    expect(text).toContain(`error: ${path} declares DaemonSet kube-system/kube-vip-ds too, as ${dist}/dev/kube-vip.yaml does`);
  });

  test('s4: a cluster-scoped ClusterRole with a namespace written is the same object', () => {
    const { code, text } = install({ 'm/role.yaml': clusterRole.replace('metadata:\n', 'metadata:\n  namespace: kube-system\n') });
    expect(code).toBe(1);
    expect(text).toContain('error: role.yaml declares ClusterRole system:kube-vip-role too');
  });

  test.each([
    ['a link to a file declaring another DaemonSet', { 'outside/ds.yaml': daemonSet('other'), 'm/mine.yaml': link('../outside/ds.yaml') }],
    [
      'a link inside a linked folder is not followed (K3s follows top-level links only)',
      {
        'deep/ds.yaml': daemonSet(),
        'outside/inner': link('../deep'),
        'm/linkdir': link('../outside'),
      },
    ],
    ['a loop of links', { 'm/loop': link('.'), 'm/a': link('b'), 'm/b': link('a'), 'm/up': link('..') }],
    ['a dangling link', { 'm/gone.yaml': link('../nothing.yaml') }],
    ['a FIFO behind a link', { 'outside/f.yaml': (p: string) => execFileSync('mkfifo', [p]), 'm/f.yaml': link('../outside/f.yaml') }],
    ['broken YAML naming neither kind nor name', { 'm/b.yaml': 'a: [\n' }],
    ['a .skip beside a linked file', { 'outside/ds.yaml': daemonSet(), 'm/mine.yaml': link('../outside/ds.yaml'), 'm/mine.yaml.skip': '' }],
  ])('control: %s is accepted', (_, files) => {
    expect(install(files as Record<string, string>)).toMatchObject({ code: 0 });
  });

  test('deep nesting naming the DaemonSet is warned about, not a hang', () => {
    const deep = `${'['.repeat(5000)}DaemonSet kube-vip-ds${']'.repeat(5000)}\n`;
    const { code, text } = install({ 'm/deep.yaml': deep });
    expect(code).toBe(0);
    expect(text).toMatch(/warning: deep\.yaml (does not parse|is too big)/);
  });
});

describe('36b-9: a --dir inside a folder K3s walks is judged with the whole tree', () => {
  test('the manifests root is the outermost server/manifests ancestor, else an ancestor holding an install', () => {
    const top = join(base, 'roots');
    mkdirSync(join(top, 'k3s/server/manifests/k3s-vip/x'), { recursive: true });
    mkdirSync(join(top, 'plain/sub'), { recursive: true });
    writeFileSync(join(top, 'plain/.k3s-vip-c.json'), '{}');
    expect(manifestsRootOf(join(top, 'k3s/server/manifests/k3s-vip/x'))).toBe(join(top, 'k3s/server/manifests'));
    expect(manifestsRootOf(join(top, 'plain/sub'))).toBe(join(top, 'plain'));
    expect(manifestsRootOf(join(top, 'k3s/server'))).toBe(join(top, 'k3s/server'));
  });

  test.each([
    [
      'the parent holds kube-vip.yaml (AddOn kube-vip)',
      { 'server/manifests/kube-vip.yaml': daemonSet('other') },
      'kube-vip.yaml is K3s AddOn "kube-vip" too',
    ],
    [
      'a sibling subfolder holds kube-vip.yml',
      { 'server/manifests/other/kube-vip.yml': daemonSet('other') },
      'other/kube-vip.yml is K3s AddOn "kube-vip" too',
    ],
    [
      'the parent declares the DaemonSet',
      { 'server/manifests/hand.yaml': daemonSet() },
      'hand.yaml declares DaemonSet kube-system/kube-vip-ds too',
    ],
  ])('under server/manifests: %s: refused', (_, files, message) => {
    const { code, text, top } = install(files, 'server/manifests/k3s-vip');
    expect(code).toBe(1);
    expect(text).toContain(`error: ${join(top, 'server/manifests', message.split(' ')[0])}${message.slice(message.indexOf(' '))}`);
  });

  test('a subfolder of another install is refused; the root can be given', () => {
    const parent = install({ 'p/.k3s-vip-c.json': '{"cluster":"c","files":{}}', 'p/kube-vip.yaml': daemonSet('x') }, 'p/sub');
    expect(parent.code).toBe(1);
    expect(parent.text).toContain(`${join(parent.top, 'p/kube-vip.yaml')} is K3s AddOn "kube-vip" too`);
    const given = install({ 'q/kube-vip.yaml': daemonSet('x') }, 'q/sub', { manifestsRoot: 'q' });
    expect(given.code).toBe(1);
  });

  test('control: a --dir outside any manifests root ignores its parent', () => {
    expect(install({ 'kube-vip.yaml': daemonSet() }, 'm')).toMatchObject({ code: 0 });
  });
});

describe('36b-6, 36b-11 r5: a --certificatesresolvers.* item over a first-class resolver', () => {
  const errorsOf = (values: unknown, chartVersion = '39.0.7') =>
    configErrors(
      withChanges(devConfig(), { traefik: { chartVersion, certResolvers: { le: { email: 'a@b.io', challenge: 'tls' } }, values } }),
    ).map((line) => line.replace(/^config\/t\.yaml: /, ''));
  const args = (...items: string[]) => ({ additionalArguments: items });

  test.each([
    [
      'r2: another email',
      args('--certificatesresolvers.le.acme.email=c@d.io'),
      '39.0.7',
      'additionalArguments[0]',
      /sets --certificatesresolvers\.le\.acme\.email .*traefik\.certResolvers\.le makes this tool write as "a@b\.io"/,
    ],
    [
      'the flag in other cases',
      args('--CertificatesResolvers.le.ACME.Email=c@d.io'),
      '39.0.7',
      'additionalArguments[0]',
      /traefik\.certResolvers\.le makes this tool write/,
    ],
    [
      'the second item, chart v32 (certResolvers)',
      args('--ping', '--certificatesresolvers.le.acme.email=c@d.io'),
      '32.1.1',
      'additionalArguments[1]',
      /traefik\.certResolvers\.le makes this tool write/,
    ],
    [
      'r5: tlsChallenge turned off by a flag',
      args('--certificatesResolvers.le.acme.tlschallenge=false'),
      '39.0.7',
      'additionalArguments[0]',
      /sets --certificatesresolvers\.le\.acme\.tlschallenge .*traefik\.certResolvers\.le makes this tool write as true/,
    ],
    [
      'r5: the last of two flags leaving no challenge',
      args('--certificatesresolvers.le.acme.tlschallenge=false', '--certificatesresolvers.le.acme.dnschallenge.provider='),
      '39.0.7',
      'additionalArguments[1]',
      /turns off the challenge traefik\.certResolvers\.le gives the ACME resolver le, which is left with none/,
    ],
    [
      'r4: tlsChallenge turned off by a dotted values key',
      { certificatesResolvers: { le: { 'acme.tlsChallenge': false } } },
      '39.0.7',
      'certificatesResolvers.le["acme.tlsChallenge"]',
      /is false, but traefik\.certResolvers makes this tool write true there/,
    ],
  ])('%s: refused at the item, naming traefik.certResolvers.le', (_, values, chartVersion, at, why) => {
    const errors = errorsOf(values, chartVersion);
    expect(errors.find((line) => line.startsWith(`traefik.values.${at}: `))).toMatch(why);
    expect(errors.filter((line) => line.startsWith('traefik.certResolvers'))).toEqual([]);
  });

  test('r5: a flag turning off the challenge of a resolver of the values is named', () => {
    const values = {
      certificatesResolvers: { x: { acme: { email: 'a@b.io', tlsChallenge: true, storage: '/data/x.json' } } },
      additionalArguments: ['--certificatesresolvers.x.acme.tlschallenge=false'],
    };
    expect(errorsOf(values).join('\n')).toContain(
      'traefik.values.certificatesResolvers.x: gives the ACME resolver x no challenge (traefik.values.additionalArguments[0] turns it off)',
    );
  });

  test.each([
    ['the same email', args('--certificatesresolvers.le.acme.email=a@b.io')],
    ['tlsChallenge TRUE, as written', args('--certificatesresolvers.le.acme.tlschallenge=TRUE')],
    ['an option this tool does not write', args('--certificatesresolvers.le.acme.keytype=RSA4096')],
    [
      'another resolver',
      args(
        '--certificatesresolvers.other.acme.email=c@d.io',
        '--certificatesresolvers.other.acme.tlschallenge=true',
        '--certificatesresolvers.other.acme.storage=/data/other.json',
      ),
    ],
  ])('control: %s', (_, values) => {
    expect(errorsOf(values)).toEqual([]);
  });
});
