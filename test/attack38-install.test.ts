import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInstall } from '../src/k3s/install-cli';
import { nodeFileSystem } from '../src/output/file-system';
import { withGeneratedList } from '../src/output/publish';

/**
 * Attack round 37b-7 (concurrent k3s:install creating --dir), the 37b lead (an object without a namespace in another
 * manifest: K3s applies it in `default`) and install2's open end (a link to nothing stops K3s' walk of the folder).
 * A hand-made dist/ (no synth).
 */
const base = mkdtempSync(join(tmpdir(), 'k3s-vip-attack38-'));
const dist = join(base, 'dist');
mkdirSync(join(dist, 'dev'), { recursive: true });
const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: vip-settings\n  namespace: default\ndata: {}\n';
const daemonSet = 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: kube-vip-ds\n  namespace: kube-system\nspec: {}\n';
for (const [path, text] of withGeneratedList(
  new Map([
    ['dev/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - kube-vip.yaml\n'],
    ['dev/kube-vip.yaml', `${daemonSet}---\n${configMap}`],
  ]),
)) {
  writeFileSync(join(dist, path), text);
}

let n = 0;
function install(target: string, options: { dryRun?: boolean; fs?: typeof nodeFileSystem } = {}) {
  const lines: string[] = [];
  const code = runInstall({
    cluster: 'dev',
    distDir: dist,
    manifestsDir: target,
    dryRun: options.dryRun ?? true,
    fs: options.fs,
    out: (l) => lines.push(l),
    err: (l) => lines.push(l),
  });
  return { code, text: lines.join('\n') };
}
/** A fresh manifests folder holding `files` (path -> text, or a link target after `->`). */
function folder(files: Record<string, string>): string {
  const top = join(base, `t${n++}`);
  mkdirSync(join(top, 'm'), { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(top, path, '..'), { recursive: true });
    if (text.startsWith('->')) symlinkSync(text.slice(2), join(top, path));
    else writeFileSync(join(top, path), text);
  }
  return join(top, 'm');
}

describe('37b-7: another run creates --dir between the check and the mkdir', () => {
  /** A file system whose mkdir finds `planted` already made by "another run". */
  const racing = (planted: (path: string) => void) => ({
    ...nodeFileSystem,
    mkdir: (path: string) => {
      planted(path);
      nodeFileSystem.mkdir(path);
    },
  });
  test('a folder made meanwhile is used, under the lock', () => {
    const target = join(base, `race${n++}`, 'm');
    mkdirSync(join(target, '..'));
    const { code, text } = install(target, { dryRun: false, fs: racing((path) => mkdirSync(path)) });
    expect(text).not.toMatch(/EEXIST|already exists/);
    expect(code).toBe(0);
    expect(text).toMatch(/Done: /);
  });
  test('control: a file made meanwhile is refused', () => {
    const target = join(base, `race${n++}`, 'm');
    mkdirSync(join(target, '..'));
    const { code, text } = install(target, { dryRun: false, fs: racing((path) => writeFileSync(path, '')) });
    expect(code).toBe(1);
    expect(text).toMatch(/cannot create .*already exists/);
  });
});

describe('an object without a namespace in another manifest is applied in default', () => {
  const noNamespace = (text: string) => text.replace(/ {2}namespace: .*\n/, '');
  test.each([
    ['no namespace', noNamespace(configMap)],
    ['namespace ""', configMap.replace('namespace: default', 'namespace: ""')],
  ])('%s: the ConfigMap of default is refused', (_, text) => {
    const { code, text: out } = install(folder({ 'm/other.yaml': text }));
    expect(code).toBe(1);
    expect(out).toContain('error: other.yaml declares ConfigMap default/vip-settings too');
  });
  test('control: the DaemonSet of kube-system without a namespace is another object', () => {
    expect(install(folder({ 'm/other.yaml': noNamespace(daemonSet) }))).toMatchObject({ code: 0 });
  });
});

describe('a link to nothing stops K3s walking the folder', () => {
  const warning =
    /warning: .*gone\.yaml is a symbolic link to nothing \(or a loop\), and K3s' walk of .* stops at it, so K3s applies no manifest/;
  test.each([
    ['in --dir', { 'm/gone.yaml': '->../nothing.yaml' }],
    ['in a subfolder', { 'm/sub/gone.yaml': '->../../nothing.yaml' }],
  ])('%s: warned about', (_, files) => {
    const { code, text } = install(folder(files));
    expect(code).toBe(0);
    expect(text).toMatch(warning);
  });
  test.each([
    ['a link to a file', { 'outside/ok.yaml': 'a: 1\n', 'm/gone.yaml': '->../outside/ok.yaml' }],
    ['a link to nothing inside a linked folder (K3s does not stat it)', { 'outside/gone.yaml': '->nothing', 'm/linkdir': '->../outside' }],
  ])('control: %s is not', (_, files) => {
    const { code, text } = install(folder(files));
    expect(code).toBe(0);
    expect(text).not.toMatch(/symbolic link to nothing/);
  });
});
