// @jest-own-suite: its time goes to child processes (scripts/test-suites.js).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TRAEFIK } from './bad-configs';
import { formatDiagnostic, loadConfigDir, parseConfigText } from '../src/config/load';
import { wiring } from '../src/main';
import { listFiles } from '../src/output/publish';
import { runSynth } from '../src/synth';

/** Cases an adversarial round found, each pinned to the message a user must see. */
const errorsOf = (text: string) => parseConfigText('c.yaml', text).errors.map(formatDiagnostic);

describe('every problem at once, also across the per-value and the cross-value checks', () => {
  test.each([
    [
      'a misspelt key next to cross-value problems',
      'kubeVip: {version: v1.2.3, inteface: eth0, controlPlane: {address: 10.42.0.5}}\ntraefik: {loadBalancerIPs: [192.168.0.41, 192.168.0.41]}\n',
      [
        'c.yaml:1:28: kubeVip.inteface: unknown key "inteface": did you mean "interface"? Allowed here: version, mode, interface, controlPlane, services, bgp, leaderElection',
        'c.yaml:1:68: kubeVip.controlPlane.address: "10.42.0.5" lies inside the K3s pod network (cluster-cidr) 10.42.0.0/16; nodes route that block into the cluster, so clients on the LAN could not reach the VIP: pick a free address on the nodes\' LAN',
        'c.yaml:2:43: traefik.loadBalancerIPs[1]: "192.168.0.41" is listed twice (first at traefik.loadBalancerIPs[0]): list each VIP once',
      ],
    ],
    [
      'a too old kube-vip next to a VIP in the pod network',
      'kubeVip: {version: v0.4.0, controlPlane: {address: 10.42.0.5}}\ntraefik: {loadBalancerIPs: [192.168.0.41]}\n',
      [
        'c.yaml:1:20: kubeVip.version: "v0.4.0" is older than the oldest supported kube-vip v0.5.0: use v0.5.0 or newer (newest known: v1.2.3)',
        'c.yaml:1:52: kubeVip.controlPlane.address: "10.42.0.5" lies inside the K3s pod network (cluster-cidr) 10.42.0.0/16; nodes route that block into the cluster, so clients on the LAN could not reach the VIP: pick a free address on the nodes\' LAN',
      ],
    ],
  ])('%s', (_, text, expected) => {
    expect(errorsOf(text)).toEqual(expected);
  });
});

describe('YAML features the config does not take are refused by name, not misread', () => {
  test.each([
    [
      'an unknown tag',
      'traefik: {loadBalancerIPs: [!Ref 192.168.0.41]}\n',
      ['c.yaml:1:29: traefik.loadBalancerIPs: "!Ref" is a YAML tag this config does not know: remove it and write the plain value'],
    ],
    [
      'a merge key',
      `${TRAEFIK}ingresses: [&w {name: web, host: a.example.com, service: web, port: 80}, {<<: *w, name: web2, host: b.example.com}]\n`,
      ['c.yaml:3:75: ingresses[1]: merge keys (`<<: *anchor`) are not supported: write the keys out in full'],
    ],
    [
      'an empty value (~)',
      `kubeVip: {version: ~}\n${TRAEFIK}`,
      [
        'c.yaml:1:20: kubeVip.version: is empty: give a value (kube-vip release tag; every version-dependent field follows it), or remove the key',
      ],
    ],
  ])('%s', (_, text, expected) => {
    expect(errorsOf(text)).toEqual(expected);
  });
});

describe('messages that name the real problem', () => {
  test.each([
    [
      'a resolver name the API would reject',
      'traefik: {loadBalancerIPs: [192.168.0.41], certResolvers: {"le|x": {email: a@b.co}}}\n',
      'traefik.certResolvers["le|x"]: "le|x" is not a certificate resolver name',
    ],
    [
      'a quote in the ACME e-mail (the chart writes it into a quoted argument)',
      'traefik: {loadBalancerIPs: [192.168.0.41], certResolvers: {le: {email: \'"a"@b.c\'}}}\n',
      'traefik.certResolvers.le.email: "\\"a\\"@b.c" is not a plain e-mail address',
    ],
    [
      'a character a URL must encode',
      'traefik: {loadBalancerIPs: [192.168.0.41], certResolvers: {le: {email: a@b.co, caServer: "https://x/a`b"}}}\n',
      'traefik.certResolvers.le.caServer: "https://x/a`b" holds "`", which a URL must percent-encode',
    ],
    [
      'a host label of 64 characters',
      `${TRAEFIK}ingresses: [{name: a, host: ${'a'.repeat(64)}.com, service: s, port: 80}]\n`,
      `ingresses[0].host: "${'a'.repeat(64)}.com" has a part, "${'a'.repeat(64)}", of 64 characters, at most 63 in one DNS label`,
    ],
    [
      'a huge value is cut in the message',
      `${TRAEFIK}ingresses: [{name: a, host: a.com, path: /${'x'.repeat(5000)}, service: s, port: 80}]\n`,
      `ingresses[0].path: "/${'x'.repeat(59)}"... (5001 characters) is 5001 characters, at most 1024`,
    ],
  ])('%s', (_, text, expected) => {
    const errors = errorsOf(text);
    expect(errors).toEqual([expect.stringContaining(expected)]);
    expect(errors[0].length).toBeLessThan(400);
  });
});

describe('the config folder', () => {
  const DEV = `${TRAEFIK}`;
  test('a config that is a link to a file is that cluster (dropping it would delete its output)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'k3s-vip-cfg-'));
    const elsewhere = mkdtempSync(join(tmpdir(), 'k3s-vip-cfg-target-'));
    writeFileSync(join(elsewhere, 'prod.yaml'), DEV);
    writeFileSync(join(dir, 'dev.yaml'), DEV);
    symlinkSync(join(elsewhere, 'prod.yaml'), join(dir, 'prod.yaml'));
    expect(loadConfigDir(dir).clusters.map((c) => c.name)).toEqual(['dev', 'prod']);
  });

  test('a link to nothing is an error naming it, and no cluster is synthesized', () => {
    const dir = mkdtempSync(join(tmpdir(), 'k3s-vip-cfg-'));
    writeFileSync(join(dir, 'dev.yaml'), DEV);
    symlinkSync(join(dir, 'gone.yaml'), join(dir, 'prod.yaml'));
    const loaded = loadConfigDir(dir);
    expect(loaded.errors.map(formatDiagnostic)).toEqual([
      `${join(dir, 'prod.yaml')}: is a symbolic link to nothing: point it at the config file, or remove it`,
    ]);
    expect(loaded.clusters).toEqual([]);
  });

  test.each([
    ['a folder', (dir: string) => mkdirSync(join(dir, 'prod.yaml')), 'is a folder: a <cluster>.yaml must be a file'],
    [
      'a link to a folder',
      (dir: string) => symlinkSync(mkdtempSync(join(tmpdir(), 'k3s-vip-cfg-dir-')), join(dir, 'prod.yaml')),
      'is a folder (through a symbolic link): a <cluster>.yaml must be a file',
    ],
  ])('a config that is %s is an error naming it, never skipped (skipping would delete its output)', (_, make, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'k3s-vip-cfg-'));
    writeFileSync(join(dir, 'dev.yaml'), DEV);
    make(dir);
    const loaded = loadConfigDir(dir);
    expect(loaded.errors.map(formatDiagnostic)).toEqual([`${join(dir, 'prod.yaml')}: ${message}; rename it or move it out of ${dir}/`]);
    expect(loaded.clusters).toEqual([]);
  });

  test.each([
    [
      'missing',
      (root: string) => join(root, 'nope'),
      'no such folder: create it with a <cluster>.yaml (`npm run new -- <name>`), or point K3S_VIP_CONFIG_DIR at your config folder',
    ],
    [
      'a file',
      (root: string) => {
        writeFileSync(join(root, 'file'), '');
        return join(root, 'file');
      },
      'is not a folder: point K3S_VIP_CONFIG_DIR at the folder of <cluster>.yaml files',
    ],
    [
      'empty',
      (root: string) => {
        mkdirSync(join(root, 'empty'));
        return join(root, 'empty');
      },
      'holds no <cluster>.yaml file: add one with `npm run new -- <name>`',
    ],
  ])('a config folder that is %s: one line saying what to do', (_, arrange, message) => {
    const dir = arrange(mkdtempSync(join(tmpdir(), 'k3s-vip-cfg-')));
    expect(loadConfigDir(dir).errors.map(formatDiagnostic)).toEqual([`${dir}: ${message}`]);
  });
});

describe('the output folder through links', () => {
  const DEV = `${TRAEFIK}`;
  const synthInto = (configDir: string, distDir: string) => {
    const lines: string[] = [];
    const code = runSynth({ configDir, distDir, wiring, log: (l) => lines.push(l) });
    return { code, lines };
  };

  test('a link that makes the output folder contain the config folder is refused like the folder itself', () => {
    const root = mkdtempSync(join(tmpdir(), 'k3s-vip-out-'));
    mkdirSync(join(root, 'project', 'config'), { recursive: true });
    writeFileSync(join(root, 'project', 'config', 'dev.yaml'), DEV);
    symlinkSync(join(root, 'project'), join(root, 'sneaky'));
    const { code, lines } = synthInto(join(root, 'project', 'config'), join(root, 'sneaky'));
    expect(code).toBe(1);
    expect(lines[0]).toContain('holds the config folder');
    expect(listFiles(join(root, 'project'))).toEqual(['config/dev.yaml']);
  });

  test.each([
    ['to nothing', (root: string) => join(root, 'gone'), 'is a symbolic link to nothing: point it at a folder, or remove it'],
    [
      'to a file',
      (root: string) => {
        writeFileSync(join(root, 'file'), 'x');
        return join(root, 'file');
      },
      'is a symbolic link to something that is not a folder: point it at a folder, or remove it',
    ],
  ])('an output folder that is a link %s: one line, nothing written', (_, target, message) => {
    const root = mkdtempSync(join(tmpdir(), 'k3s-vip-out-'));
    mkdirSync(join(root, 'config'));
    writeFileSync(join(root, 'config', 'dev.yaml'), DEV);
    symlinkSync(target(root), join(root, 'dist'));
    const { code, lines } = synthInto(join(root, 'config'), join(root, 'dist'));
    expect(code).toBe(1);
    expect(lines[0]).toBe(`error: ${join(root, 'dist')} ${message}`);
  });
});

describe('commands', () => {
  test('node scripts/app.js --help lists the commands and exits 0; an unknown command exits 1 with the list', () => {
    const help = spawnSync(process.execPath, [join(__dirname, '..', 'scripts', 'app.js'), '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('k3s/install');
    const unknown = spawnSync(process.execPath, [join(__dirname, '..', 'scripts', 'app.js'), 'nope'], { encoding: 'utf8' });
    expect(unknown.status).toBe(1);
    expect(unknown.stderr.split('\n')[0]).toBe('error: unknown command "nope"');
  });

  test('an unknown command builds a stale lib/ (what the tests run it for), but never recompiles a current one', () => {
    const app = join(__dirname, '..', 'scripts', 'app.js');
    const buildInfo = join(__dirname, '..', 'lib', '.tsbuildinfo');
    spawnSync(process.execPath, [app, 'no-such-command'], { encoding: 'utf8' });
    const built = statSync(buildInfo).mtimeMs;
    const again = spawnSync(process.execPath, [app, 'no-such-command'], { encoding: 'utf8' });
    expect([again.status, again.stderr.split('\n')[0]]).toEqual([1, 'error: unknown command "no-such-command"']);
    // A build marks lib/.tsbuildinfo current even when tsc wrote nothing: an unchanged time means no tsc ran.
    expect(statSync(buildInfo).mtimeMs).toBe(built);
  });
});
