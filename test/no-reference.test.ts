import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXAMPLES_DIR } from './helpers';
import { userPath } from './user-files-guard';
import { runCheck } from '../src/check';
import { exampleLeftovers } from '../src/config/example-copy';
import { wiring } from '../src/main';
import { newCluster } from '../src/new-cluster';
import { runSynth } from '../src/synth';

const ROOT = join(__dirname, '..');

describe("the repository's config/ and dist/ belong to its user: npm test passes without them", () => {
  // test/user-files-guard.ts (jest setupFiles) makes every file call on them throw, so any test
  // reading config/dev.yaml or dist/dev/ fails whether or not the user kept them.
  test.each([
    ['readFileSync', () => readFileSync(join(ROOT, 'config', 'dev.yaml'))],
    ['readdirSync', () => readdirSync(join(ROOT, 'config'))],
    ['existsSync', () => existsSync(join(ROOT, 'dist', 'dev'))],
    ['cpSync', () => cpSync(join(ROOT, 'dist'), mkdtempSync(join(tmpdir(), 'k3s-vip-guard-')), { recursive: true })],
    ['a relative path', () => readFileSync('config/dev.yaml')],
  ])('the guard is in force: %s on them throws', (_, call) => {
    expect(call).toThrow(/^a test touched (config|dist)\S*, which belongs to the repository's user/);
  });

  test('the shipped examples and everything else stay readable', () => {
    expect(userPath(join(ROOT, 'config', 'examples', 'reference.yaml'))).toBeUndefined();
    expect(userPath(join(ROOT, 'config.schema.json'))).toBeUndefined();
    expect(userPath(join(ROOT, 'distribution'))).toBeUndefined();
    expect(userPath(join(ROOT, 'test', 'fixtures', 'config', 'dev.yaml'))).toBeUndefined();
    expect(readdirSync(EXAMPLES_DIR)).toContain('reference.yaml');
  });

  test("a newcomer's path without the reference cluster: new, synth, edit, synth, check", () => {
    const project = mkdtempSync(join(tmpdir(), 'k3s-vip-newcomer-'));
    const config = join(project, 'config');
    const dist = join(project, 'dist');
    mkdirSync(config);
    cpSync(EXAMPLES_DIR, join(config, 'examples'), { recursive: true });
    const lines: string[] = [];
    const log = (line: string) => lines.push(line);
    const synth = () => runSynth({ configDir: config, distDir: dist, wiring, log, out: () => {} });

    expect(synth()).toBe(0);
    expect(lines.splice(0)).toEqual([expect.stringMatching(/^synth: no cluster in .* yet: start one with `npm run new -- <name>`/)]);

    expect(newCluster(['home'], { configDir: config, schemaFile: join(project, 'config.schema.json'), log })).toBe(0);
    lines.splice(0);
    expect(synth()).toBe(0);
    const warning = lines.find((line) => line.includes('still holds values of'));
    expect(warning).toBe(
      'warning: home.yaml:2: still holds values of examples/reference.yaml: kubeVip.controlPlane.address 192.168.0.40, ' +
        'traefik.loadBalancerIPs 192.168.0.41, ingresses[0].host k3s.code-place-dev.site, k3s.servers[0].address 192.168.0.11, ' +
        'k3s.servers[1].address 192.168.0.12, k3s.servers[2].address 192.168.0.13: set your own, or delete line 2 ("# Copied from ...") if they are yours',
    );

    // The user's own network: the warning is gone.
    const file = join(config, 'home.yaml');
    const mine = readFileSync(file, 'utf8')
      .replace(/192\.168\.0\.4([01])/g, '10.1.0.4$1')
      .replace(/192\.168\.0\.1([123])/g, '10.1.0.1$1')
      .replace('k3s.code-place-dev.site', 'home.example.org');
    writeFileSync(file, mine);
    lines.splice(0);
    expect(synth()).toBe(0);
    expect(lines.filter((line) => line.includes('still holds'))).toEqual([]);
    expect(runCheck(config, dist, () => {})).toBe(0);
  });
});

describe("a copy of an example warns while it holds the example's addresses, hosts and e-mails", () => {
  const folder = () => {
    const dir = mkdtempSync(join(tmpdir(), 'k3s-vip-leftovers-'));
    cpSync(EXAMPLES_DIR, join(dir, 'examples'), { recursive: true });
    return dir;
  };
  const copy = (dir: string, example: string) => {
    expect(newCluster(['site', '--from', example], { configDir: dir, schemaFile: join(dir, 'schema.json'), log: () => {} })).toBe(0);
    return join(dir, 'site.yaml');
  };

  test('the e-mails and pools of an example count too; the interface does not (eth0 is often right)', () => {
    const dir = folder();
    const file = copy(dir, 'ip-pool');
    const left = exampleLeftovers(file, readFileSync(file, 'utf8'));
    expect(left?.values).toEqual(expect.arrayContaining(['traefik.certResolvers.letsencrypt.email ops@example.com']));
    expect(left?.values).toEqual(
      expect.arrayContaining([expect.stringMatching(/^kubeVip\.services\.ipPool\.global\.range 192\.168\.0\.200-/)]),
    );
    expect(left?.values.join()).not.toContain('interface');
  });

  test('one value left is still named; none left, no warning', () => {
    const dir = folder();
    const file = copy(dir, 'reference');
    const text = readFileSync(file, 'utf8').replace(/192\.168\.0\./g, '10.0.0.');
    writeFileSync(file, text);
    expect(exampleLeftovers(file, text)?.values).toEqual(['ingresses[0].host k3s.code-place-dev.site']);
    const done = text.replace('k3s.code-place-dev.site', 'app.home.arpa');
    expect(exampleLeftovers(file, done)).toBeUndefined();
  });

  test('deleting the "Copied from" line ends the warning (the values are the user\'s after all)', () => {
    const dir = folder();
    const file = copy(dir, 'reference');
    const text = readFileSync(file, 'utf8');
    expect(exampleLeftovers(file, text)).toBeDefined();
    expect(exampleLeftovers(file, text.replace(/^# Copied from .*\n/m, ''))).toBeUndefined();
  });

  test("no warning for a config without the line (the repository's own reference, a copy of a cluster), nor when the example is gone", () => {
    const dir = folder();
    const reference = readFileSync(join(EXAMPLES_DIR, 'reference.yaml'), 'utf8');
    expect(exampleLeftovers(join(dir, 'dev.yaml'), reference)).toBeUndefined();
    const file = copy(dir, 'reference');
    expect(exampleLeftovers(join(dir, 'elsewhere', 'site.yaml'), readFileSync(file, 'utf8'))).toBeUndefined();
  });
});
