import { existsSync, mkdirSync, mkdtempSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdk8s';
import { K3sVipCluster, LoadBalancerService } from '../src/index';
import { runCheck } from '../src/check';
import { wiring } from '../src/main';
import { LOCK_FILE, withFolderLock } from '../src/output/lock';
import { runSynth } from '../src/synth';
import { chart, configErrors, DEV_YAML, devConfig, installCluster, refusalOf, withChanges } from './helpers';

/**
 * Attack round 35b-4, 35b-9 and 35b-11: port names a Service lists twice, the lock breaker's file left by a kill,
 * and another file in K3s' manifests folder declaring an object `k3s:install` installs.
 */

const lb = (ports: unknown[]) => ({ name: 'app', selector: { app: 'x' }, ips: ['192.168.0.42'], ports });
const withLb = (ports: unknown[]) => withChanges(devConfig(), { loadBalancers: [lb(ports)] });
const doors = {
  config: (ports: unknown[]) => configErrors(withLb(ports)).join('\n'),
  cluster: (ports: unknown[]) => refusalOf(() => new K3sVipCluster(new App(), 'c', withLb(ports))),
  construct: (ports: unknown[]) => refusalOf(() => new LoadBalancerService(chart(), 's', lb(ports) as never)),
};

describe('35b-4: the ports of a loadBalancers Service as the API server takes them', () => {
  test.each([
    [
      'a name twice',
      [
        { name: 'a', port: 8080 },
        { name: 'a', port: 8081 },
      ],
      'ports[1].name',
      /"a" is also the name of .*ports\[0\]; the API server refuses/,
    ],
    [
      'a name twice, other protocols',
      [
        { name: 'dns', port: 53 },
        { name: 'dns', port: 53, protocol: 'UDP' },
      ],
      'ports[1].name',
      /"dns" is also the name of .*ports\[0\]/,
    ],
    [
      'the third repeats the first',
      [
        { name: 'a', port: 1 },
        { name: 'b', port: 2 },
        { name: 'a', port: 3 },
      ],
      'ports[2].name',
      /"a" is also the name of .*ports\[0\]/,
    ],
    [
      'a port number twice',
      [
        { name: 'a', port: 8080 },
        { name: 'b', port: 8080 },
      ],
      'ports[1].port',
      /8080\/TCP is listed twice/,
    ],
    ['a missing name among several', [{ name: 'a', port: 8080 }, { port: 8081 }], 'ports[1]', /has no name/],
    // A Service port's name is a DNS-1123 label (64b-2: the IANA service name rule is for target ports).
    ['a name that is not a DNS-1123 label', [{ name: 'a_b', port: 8080 }], 'ports[0].name', /"a_b" is not a Service port name/],
  ])('%s: refused by the config, K3sVipCluster and LoadBalancerService', (_, ports, key, why) => {
    const at = key.replace(/[.[\]]/g, '\\$&');
    expect(doors.config(ports)).toMatch(new RegExp(`loadBalancers\\[0\\]\\.${at}: ${why.source}`));
    expect(doors.cluster(ports)).toMatch(new RegExp(`loadBalancers\\[0\\]\\.${at}:? ${why.source}`));
    expect(doors.construct(ports)).toMatch(new RegExp(`${at}:? ${why.source}`));
  });

  test.each([
    [
      'two names',
      [
        { name: 'a', port: 8080 },
        { name: 'b', port: 8081 },
      ],
    ],
    ['one port, no name', [{ port: 8080 }]],
    [
      'one number on TCP and UDP',
      [
        { name: 'dns-tcp', port: 53 },
        { name: 'dns-udp', port: 53, protocol: 'UDP' },
      ],
    ],
  ])('control: %s is accepted by every door', (_, ports) => {
    expect(doors.config(ports)).toBe('');
    expect(doors.cluster(ports)).toBe('');
    expect(doors.construct(ports)).toBe('');
  });
});

describe('35b-9: a lock breaker left by a killed run', () => {
  const root = mkdtempSync(join(tmpdir(), 'k3s-vip-breaker-'));
  const owner = (pid: number) => `${JSON.stringify({ pid, host: hostname(), holder: 'synth', since: new Date().toISOString() })}\n`;
  const aged = (path: string, seconds: number) =>
    utimesSync(path, new Date(Date.now() - seconds * 1000), new Date(Date.now() - seconds * 1000));
  const NOTE = 'left by a run that was stopped while taking over a stale lock';
  let n = 0;

  /** A folder holding only a breaker (no lock beside it); the folder, the breaker's path and the notes of one locked run. */
  function lockedRun(text: string, ageSeconds: number) {
    const folder = join(root, `f${n++}`);
    mkdirSync(folder);
    const breaker = join(folder, `${LOCK_FILE}.break`);
    writeFileSync(breaker, text);
    aged(breaker, ageSeconds);
    const notes: string[] = [];
    withFolderLock(folder, { holder: 'synth', waitMs: 0, onStale: (note) => notes.push(note) }, () => undefined);
    return { breaker, notes, left: existsSync(breaker) };
  }

  test.each([
    ['its owner no longer runs', owner(999_999), 0],
    ["an older release's bare pid, 60 s old", '1', 60],
    ['an empty one (killed while filling it), 60 s old', '', 60],
  ])('%s: the next run under the lock removes it, with a note', (_, text, age) => {
    const { breaker, notes, left } = lockedRun(text, age);
    expect(left).toBe(false);
    expect(notes).toEqual([`removed ${breaker}, ${NOTE}`]);
  });

  // Round 36b-4: a folder there and a dead run's lock made every run spin at full CPU for ever, past its wait.
  test.each([
    ['a folder', (path: string) => mkdirSync(path)],
    ['a live run', (path: string) => writeFileSync(path, owner(process.pid))],
  ])('a stale lock whose breaker is %s: the run stops at its wait, in one line', (what, make) => {
    const folder = join(root, `f${n++}`);
    mkdirSync(folder);
    writeFileSync(join(folder, LOCK_FILE), owner(999_999));
    make(join(folder, `${LOCK_FILE}.break`));
    const started = Date.now();
    expect(() => withFolderLock(folder, { holder: 'synth', waitMs: 300 }, () => undefined)).toThrow(
      what === 'a folder' ? /\.k3s-vip\.lock\.break is a folder, where synth and k3s:install keep their lock file/ : /is held by/,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  test.each([
    ['its owner is this live process', owner(process.pid), 60],
    ['a bare pid written just now (a live run between its steps)', '1', 0],
    ['an empty one just created (being filled in)', '', 0],
  ])('control: %s: left alone, no note', (_, text, age) => {
    const { notes, left } = lockedRun(text, age);
    expect(left).toBe(true);
    expect(notes).toEqual([]);
  });

  test("synth and check: each removes a dead run's breaker in dist/ and says so; check then passes", () => {
    const [config, dist] = ['config', 'dist'].map((name) => join(root, name));
    mkdirSync(config);
    writeFileSync(join(config, 'c.yaml'), DEV_YAML);
    const log = (lines: string[]) => (l: string) => lines.push(l);
    const synth = (lines: string[]) =>
      runSynth({ configDir: config, distDir: dist, wiring, log: log(lines), out: () => undefined, dryRun: false });
    expect(synth([])).toBe(0);
    const breaker = join(dist, `${LOCK_FILE}.break`);
    for (const run of [synth, (lines: string[]) => runCheck(config, dist, log(lines))]) {
      writeFileSync(breaker, owner(999_999));
      const lines: string[] = [];
      expect(run(lines)).toBe(0);
      expect(lines.filter((l) => l.startsWith('note: '))).toEqual([`note: removed ${breaker}, ${NOTE}`]);
      expect(existsSync(breaker)).toBe(false);
    }
  });
});

describe('35b-11: k3s:install and another file of the manifests folder declaring an object it installs', () => {
  const root = mkdtempSync(join(tmpdir(), 'k3s-vip-foreign-'));
  const [config, dist] = ['config', 'dist'].map((name) => join(root, name));
  mkdirSync(config);
  writeFileSync(join(config, 'dev.yaml'), DEV_YAML);
  beforeAll(() => expect(runSynth({ configDir: config, distDir: dist, wiring, log: () => undefined, dryRun: false })).toBe(0));
  const SECRET = 'hunter2-Zq8vX3pL9';
  const traefik = `apiVersion: helm.cattle.io/v1\nkind: HelmChartConfig\nmetadata: {name: traefik, namespace: kube-system}\nspec:\n  valuesContent: |-\n    replicas: 3\n    password: ${SECRET}\n`;
  const daemonSet = 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: kube-vip-ds\n  namespace: kube-system\nspec: {}\n';
  let n = 0;

  /** `k3s:install --cluster dev` into a fresh folder holding `files` (path -> text, or a function planting it). */
  function installInto(files: Record<string, string | ((path: string) => void)>) {
    const target = join(root, `m${n++}`);
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(target, path, '..'), { recursive: true });
      if (typeof text === 'string') writeFileSync(join(target, path), text);
      else text(join(target, path));
    }
    const { code, lines } = installCluster(dist, target);
    expect(lines.join('\n')).not.toContain(SECRET);
    return { code, lines, target };
  }

  const clash = (path: string, object: string, file: string) =>
    `error: ${path} declares ${object} too, as ${dist}/dev/${file} does, and K3s applies both files, so whichever it applies last wins: ` +
    `move ${path} out of the folder (K3s keeps the objects it applied) and put what it sets in the cluster's config, ` +
    `or create ${path.split('/').pop()}.skip beside it for K3s to ignore it`;

  test.each([
    [
      'a HelmChartConfig kube-system/traefik under another name',
      { 'my-traefik.yaml': traefik },
      'my-traefik.yaml',
      'HelmChartConfig kube-system/traefik',
      'traefik-config.yaml',
    ],
    [
      'the kube-vip DaemonSet in a subfolder, .yml',
      { 'hand/vip.yml': daemonSet },
      'hand/vip.yml',
      'DaemonSet kube-system/kube-vip-ds',
      'kube-vip.yaml',
    ],
    [
      'one document of several, in a .JSON file',
      {
        'x.JSON': JSON.stringify({
          apiVersion: 'v1',
          kind: 'List',
          items: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'kube-vip-ds', namespace: 'kube-system' } }],
        }),
      },
      'x.JSON',
      'DaemonSet kube-system/kube-vip-ds',
      'kube-vip.yaml',
    ],
    [
      'a second document',
      { 'more.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: b}\n---\n${traefik}` },
      'more.yaml',
      'HelmChartConfig kube-system/traefik',
      'traefik-config.yaml',
    ],
  ])('%s: refused, naming the file and the object, nothing written', (_, files, path, object, file) => {
    const { code, lines, target } = installInto(files);
    expect(code).toBe(1);
    expect(lines).toContain(clash(path, object, file));
    expect(existsSync(join(target, 'traefik-config.yaml'))).toBe(false);
  });

  test('a file that does not parse and names such an object: a warning, the install goes on', () => {
    const { code, lines } = installInto({ 'broken.yaml': `${traefik}  bad: [\n` });
    expect(code).toBe(0);
    expect(lines).toContain(
      'warning: broken.yaml does not parse as YAML here, and it may declare an object this install writes (its text names one); ' +
        'if K3s reads it, whichever of the two it applies last wins: check it, and remove or fix it',
    );
  });

  test('a file too big to parse that names such an object: a warning, the install goes on', () => {
    const { code, lines } = installInto({ 'big.yaml': `${traefik}    pad: "${'x'.repeat(300 * 1024)}"\n` });
    expect(code).toBe(0);
    expect(lines).toContainEqual(
      expect.stringMatching(/^warning: big\.yaml is too big to check here \(\d+ characters\), and its text names an object/),
    );
  });

  test.each([
    ['the same object in another namespace', { 'my-traefik.yaml': traefik.replace('kube-system', 'other') }],
    ['a .skip beside it (K3s ignores it)', { 'my-traefik.yaml': traefik, 'my-traefik.yaml.skip': '' }],
    ['a dotfile', { '.my-traefik.yaml': traefik }],
    ['another extension', { 'my-traefik.yaml.bak': traefik }],
    ['a file that does not parse and names no such object', { 'broken.yaml': 'a: [\n' }],
    [
      // 36b-8: K3s reads a link (test/attack37-install.test.ts refuses one declaring our object).
      'a link to a file outside the folder declaring another object',
      {
        'out.yaml': (path: string) => {
          writeFileSync(join(root, 'outside.yaml'), traefik.replace('{name: traefik,', '{name: other,'));
          symlinkSync(join(root, 'outside.yaml'), path);
        },
      },
    ],
    // A FIFO is installed beside too, but now with a warning (round 55a-12: K3s' reader would wait on it): test/attack55-output55.test.ts.
  ])('control: %s: installed, no word about it', (_, files) => {
    const { code, lines } = installInto(files as Record<string, string | ((path: string) => void)>);
    expect(lines.filter((l) => /^(error|warning): /.test(l))).toEqual([]);
    expect(code).toBe(0);
  });
});

// Round 36a-10: a file's header named the config relative to the folder a command ran in, so `check` run from another
// folder than synth's (npm runs synth in the project) found every file changed.
test('check run from another folder than synth finds the same headers', () => {
  const root = mkdtempSync(join(tmpdir(), 'k3s-vip-cwd-'));
  const [config, dist] = ['config', 'dist'].map((name) => join(root, name));
  mkdirSync(config);
  writeFileSync(join(config, 'c.yaml'), DEV_YAML);
  const home = process.cwd();
  try {
    process.chdir(root);
    expect(runSynth({ configDir: config, distDir: dist, wiring, log: () => undefined, out: () => undefined, dryRun: false })).toBe(0);
    process.chdir(home);
    const lines: string[] = [];
    expect(runCheck(config, dist, (line) => lines.push(line))).toBe(0);
  } finally {
    process.chdir(home);
  }
});
