import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BAD_CONFIGS, FILE, TRAEFIK } from './bad-configs';
import { formatDiagnostic, loadConfigDir, parseConfigText } from '../src/config/load';
import { EXAMPLES_DIR, FIXTURE_CONFIG_DIR } from './helpers';

const errorsOf = (text: string) => parseConfigText(FILE, text).errors.map(formatDiagnostic);
const warningsOf = (text: string) => parseConfigText(FILE, text).warnings.map(formatDiagnostic);

describe('bad config: one clear message per problem (file:line:col: key path: value, expectation)', () => {
  test.each(BAD_CONFIGS)('%s', (_, text, expected) => {
    expect(errorsOf(text)).toEqual(expected);
  });

  test('malformed YAML names the line', () => {
    expect(errorsOf('traefik:\n  loadBalancerIPs: [192.168.0.41\n')).toEqual([
      'config/t.yaml:2:20: traefik.loadBalancerIPs: opens a flow list ([) that is never closed, so YAML reads the lines after it into it: end it with ], or quote the value',
    ]);
  });

  test('duplicate keys are a YAML error, not a silent override', () => {
    expect(errorsOf(`${TRAEFIK}${TRAEFIK}`)).toEqual([`${FILE}:3:1: traefik: is set twice (first on line 1): keep one`]);
  });

  test('all problems of a file are reported at once, top to bottom', () => {
    const errors = errorsOf(
      'kubeVip:\n  version: nope\n  inteface: eth0\ntraefik:\n  loadBalancerIPs: [1.2.3]\ningresses:\n  - {name: A, host: x_y, service: s, port: 80}\n',
    );
    expect(errors.map((e) => e.split(': ')[1])).toEqual([
      'kubeVip.version',
      'kubeVip.inteface',
      'traefik.loadBalancerIPs[0]',
      'ingresses[0].name',
      'ingresses[0].host',
    ]);
  });
});

describe('valid but risky input: warnings, not errors', () => {
  test('kube-vip newer than known', () => {
    const text = `kubeVip:\n  version: v1.3.0\n${TRAEFIK}`;
    expect(parseConfigText(FILE, text).config).toBeDefined();
    expect(warningsOf(text)).toEqual([
      `${FILE}:2:12: kubeVip.version: "v1.3.0" is newer than the newest kube-vip this tool knows (v1.2.3); the output follows v1.2.3's rules: compare it with \`kube-vip manifest daemonset\` of that release`,
    ]);
  });

  test('Traefik chart newer than known', () => {
    expect(warningsOf('traefik:\n  chartVersion: 42.0.0\n  loadBalancerIPs: [192.168.0.41]\n')).toEqual([
      `${FILE}:2:17: traefik.chartVersion: "42.0.0" is newer than the newest Traefik chart this tool knows (41.3.0); values follow that chart's keys: check the chart's changelog`,
    ]);
  });

  test('valid inputs pass: IPv6 VIP, dual-stack, shared control-plane VIP on v1.1.0+, wildcard host, K3s chart version form', () => {
    const text =
      'kubeVip:\n  version: v1.1.0\n  controlPlane:\n    address: 192.168.0.41\ntraefik:\n  chartVersion: 39.0.701+up39.0.7\n' +
      '  loadBalancerIPs: [192.168.0.41, "fd00::41"]\ningresses:\n  - {name: a, host: "*.example.com", service: s, port: http}\n' +
      'k3s:\n  clusterCidr: 10.42.0.0/16,fd00:42::/56\n  serviceCidr: 10.43.0.0/16,fd00:43::/112\n';
    expect(errorsOf(text)).toEqual([]);
    expect(warningsOf(text)).toEqual([]);
  });
});

describe('config folder', () => {
  const folder = (files: Record<string, string>) => {
    const dir = mkdtempSync(join(tmpdir(), 'k3s-vip-config-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  };

  test('two files that would write the same output folder', () => {
    const dir = folder({ 'prod.yaml': TRAEFIK, 'prod.yml': TRAEFIK });
    expect(loadConfigDir(dir).errors.map(formatDiagnostic)).toEqual([
      `${join(dir, 'prod.yml')}: writes dist/prod/, as ${join(dir, 'prod.yaml')} does: rename or remove one of the two files`,
    ]);
  });

  test('a file name that is not a valid folder/cluster name', () => {
    const dir = folder({ 'Prod_EU.yaml': TRAEFIK });
    expect(loadConfigDir(dir).errors.map(formatDiagnostic)).toEqual([
      `${join(dir, 'Prod_EU.yaml')}: the file name gives the cluster name and the output folder dist/Prod_EU/, but "Prod_EU" is not a valid name: use lower-case letters, digits and '-', starting and ending with a letter or digit (upper-case letters are not allowed: "prod-eu"): rename the file`,
    ]);
  });

  test('errors from several files are all reported', () => {
    const dir = folder({ 'a.yaml': 'traefik: {}\n', 'b.yaml': 'nope: 1\n' + TRAEFIK });
    expect(loadConfigDir(dir).errors.map((e) => `${e.file.slice(dir.length + 1)} ${e.path.join('.')}`)).toEqual([
      'a.yaml traefik.loadBalancerIPs',
      'b.yaml nope',
    ]);
  });

  test('an empty folder', () => {
    const dir = folder({});
    expect(loadConfigDir(dir).errors.map(formatDiagnostic)).toEqual([
      `${dir}: holds no <cluster>.yaml file: add one with \`npm run new -- <name>\``,
    ]);
  });
});

describe('shipped configs', () => {
  test.each([
    ['the reference (test/fixtures/config)', FIXTURE_CONFIG_DIR],
    ['config/examples', EXAMPLES_DIR],
  ])('every file of %s is valid, without warnings', (_, dir) => {
    const loaded = loadConfigDir(dir);
    expect(loaded.errors.map(formatDiagnostic)).toEqual([]);
    expect(loaded.warnings.map(formatDiagnostic)).toEqual([]);
    expect(loaded.clusters.length).toBeGreaterThan(0);
  });
});

// Attack 8: a config that is no config at all (a link to /etc/passwd, another tool's YAML) is said to be one, once.
describe('a file that is no k3s-vip config is named once, showing nothing of it', () => {
  const fix =
    ': point at a k3s-vip config (top-level keys kubeVip, traefik, certManager, ingresses, httpRoutes, loadBalancers, k3s, gitops), or move the file out of the config folder';
  const passwd = Array.from({ length: 20 }, (_, i) => `user${i}:x:${1000 + i}:${1000 + i}::/home/user${i}:/bin/bash`).join('\n');
  test.each<[string, string, string[]]>([
    [
      'a passwd file (one long text)',
      `${passwd}\n`,
      [`${FILE}: is ${passwd.replace(/\n/g, ' ').length} characters of text, not a mapping of keys, so it is not a k3s-vip config${fix}`],
    ],
    // Attack 9 C2: a linked one-line key file is not echoed either.
    [
      'a one-line key file',
      'Qx5Hunter2SecretWm47\n',
      [`${FILE}: is 20 characters of text, not a mapping of keys, so it is not a k3s-vip config${fix}`],
    ],
    ['a number', '12345678901234\n', [`${FILE}: is a number, not a mapping of keys, so it is not a k3s-vip config${fix}`]],
    [
      "another tool's YAML",
      'name: web\nversion: 1\nservices:\n  web: {image: nginx}\n',
      [`${FILE}: has 3 top-level keys and none of a k3s-vip config, so it is not one${fix}`],
    ],
  ])('%s', (_what, text, expected) => {
    expect(errorsOf(text)).toEqual(expected);
  });

  test.each<[string, string, RegExp]>([
    ['one misspelt key alone', 'trafik: {loadBalancerIPs: [192.168.0.41]}\n', /trafik: unknown key "trafik": did you mean "traefik"\?/],
    ['several unknown keys beside a known one', `${TRAEFIK}a: 1\nb: 2\nc: 3\n`, /a: unknown key "a"/],
  ])('%s keeps the usual messages', (_what, text, expected) => {
    expect(errorsOf(text).join('\n')).toMatch(expected);
  });
});
