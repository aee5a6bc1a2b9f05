import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdk8s';
import { wiring } from '../src/main';
import { runSynth } from '../src/synth';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { K3sVipCluster, TraefikHelmChartConfig } from '../src/index';
import { chart, devConfig, REFERENCE_K3S, refusalOf, withChanges } from './helpers';

/**
 * Finding 35a-8: a value that is not plain data (a non-finite number, a `__proto__` key, a control character)
 * hid every other problem of the file or props until the next run. Now it is reported with all the others, once
 * each, in the file's order: the value is left out and the rest is judged; nothing at or under it is repeated.
 */

const TOKEN = 'ghp_WB3OyitK5fhdaUjTOYwbLZJmDh9QA5k2cFTB';

/** The other problems of the 35a-8 file: a secret, an env number, an unknown chart key, `--ping=false`, a bad node name and IP. */
const OTHERS = [
  'traefik.values.deployment.podAnnotations.note: holds a GitHub token (a vendor token',
  'traefik.values.env[0].value: is 5, a number',
  'traefik.values.notAKey: is not a value of Traefik chart',
  "traefik.values.additionalArguments[0]: turns Traefik's ping off",
  'k3s.servers[1].name: "K3S_2" is not a valid name',
  'k3s.servers[1].address: "192.168.0.300" is not an IP address',
];

/** The 35a-8 file, with `replicas` and `extra` (lines added at the end) as given. */
const file = (replicas: string, extra = '') =>
  [
    'kubeVip: {version: v1.2.3, interface: eth0, controlPlane: {address: 192.168.0.40}}',
    'traefik:',
    '  loadBalancerIPs: [192.168.0.41]',
    `  values: {deployment: {replicas: ${replicas}, podAnnotations: {note: "${TOKEN}"}}, env: [{name: A, value: 5}], notAKey: 1, additionalArguments: ["--ping=false"]}`,
    'k3s:',
    '  tokenFile: /etc/rancher/k3s/cluster-token',
    '  servers:',
    '    - {name: k3s-1, address: 192.168.0.11}',
    '    - {name: K3S_2, address: 192.168.0.300}',
    extra,
  ].join('\n');

/** A file's errors, each `line:column: key.path: message`, and whether it gave a config (it must not). */
function judged(text: string): { errors: string[]; config: boolean } {
  const { errors, config } = parseConfigText('config/x.yaml', text);
  return { errors: errors.map((d) => formatDiagnostic(d).replace(/^config\/x\.yaml:/, '')), config: config !== undefined };
}

/** [fault, replicas as written, lines added, the fault's own message]. */
const FILE_FAULTS: Array<[string, string, string, string]> = [
  ['.nan', '.nan', '', '4:35: traefik.values.deployment.replicas: NaN is not a finite number'],
  ['.inf', '.inf', '', '4:35: traefik.values.deployment.replicas: Infinity is not a finite number'],
  ['-.inf', '-.inf', '', '4:35: traefik.values.deployment.replicas: -Infinity is not a finite number'],
  ['1e400', '1e400', '', '4:35: traefik.values.deployment.replicas: Infinity is not a finite number'],
  ['!!float .NaN', '!!float .NaN', '', '4:43: traefik.values.deployment.replicas: NaN is not a finite number'],
  ['an escaped control character', '"a\\x01b"', '', '4:35: traefik.values.deployment.replicas: "a\\u0001b" holds a control character'],
  ['a control character as written', '"a\u0001b"', '', '4:37: traefik.values.deployment.replicas: holds the control character U+0001'],
  ['a __proto__ key', '{__proto__: {x: 1}}', '', 'traefik.values.deployment.replicas.__proto__: "__proto__" is not allowed as a key'],
  ['a constructor key at the top', '1', 'constructor: 1', '10:1: constructor: "constructor" is not allowed as a key'],
  ['a key with a control character', '1', 'certManager: {"a\\x01": 1}', '10:15: certManager: has a key that holds a control character'],
  ['a control character in a list item', '1', 'ingresses: ["a\\x01"]', '10:13: ingresses[0]: "a\\u0001" holds a control character'],
];

describe('35a-8: a config file with a value that is not plain data reports every other problem in the same run', () => {
  test.each(FILE_FAULTS)('%s', (_, replicas, extra, fault) => {
    const { errors, config } = judged(file(replicas, extra));
    expect(config).toBe(false);
    // Each problem once, the fault among the others in the file's order (line, then column).
    expect(errors.filter((e) => e.includes(fault))).toHaveLength(1);
    for (const other of OTHERS) expect(errors.filter((e) => e.includes(other))).toHaveLength(1);
    const where = errors.map((e) => e.split(': ')[0].split(':').map(Number));
    expect(where).toEqual([...where].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
    // `{__proto__: {x: 1}}` leaves `{}`, which is still no number of pods: said once, at replicas itself.
    expect(errors).toHaveLength(OTHERS.length + (replicas.startsWith('{') ? 2 : 1));
    expect(errors.join('\n')).not.toContain(TOKEN.slice(4));
  });
});

describe('35a-8 controls (config file)', () => {
  test.each([
    ['.nan alone', 'traefik.values.deployment.replicas', '.nan', 'NaN is not a finite number'],
    ['a __proto__ key alone', 'traefik.values.deployment', '{__proto__: 1}', '"__proto__" is not allowed as a key'],
  ])('%s is still reported alone', (_, key, value, message) => {
    const base =
      'kubeVip: {version: v1.2.3, interface: eth0, controlPlane: {address: 192.168.0.40}}\ntraefik:\n  loadBalancerIPs: [192.168.0.41]\n';
    const values = key.endsWith('replicas') ? `  values: {deployment: {replicas: ${value}}}\n` : `  values: {deployment: ${value}}\n`;
    const { errors } = judged(base + values);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(message);
  });

  test.each([
    // A node name's rule, a required version's, an IP's: each would speak of the value left out.
    [
      'a control character in a node name',
      (t: string) => t.replace('name: k3s-1', 'name: "k3s\\x01"'),
      'k3s.servers[0].name: "k3s\\u0001" holds',
    ],
    ['a NaN version', (t: string) => t.replace('version: v1.2.3', 'version: .nan'), 'kubeVip.version: NaN is not a finite number'],
    [
      'an infinite VIP',
      (t: string) => t.replace('[192.168.0.41]', '[.inf]'),
      'traefik.loadBalancerIPs[0]: Infinity is not a finite number',
    ],
  ])('%s is reported once, with the other problems', (_, edit, fault) => {
    const { errors } = judged(edit(file('1')));
    const path = fault.split(': ')[0];
    expect(errors.filter((e) => e.includes(`${path}:`) || e.includes(`${path} `))).toHaveLength(1);
    expect(errors.filter((e) => e.includes(fault))).toHaveLength(1);
    for (const other of OTHERS) expect(errors.filter((e) => e.includes(other))).toHaveLength(1);
    expect(errors).toHaveLength(OTHERS.length + 1);
  });
});

test('a whole section left out (config file): its problem and the schema findings elsewhere, no cross-value finding about it', () => {
  const text = file('1').replace(/traefik:\n( {2}.*\n)+/, 'traefik: "x\\x01"\n');
  expect(judged(text).errors.map((e) => e.split(': ')[1])).toEqual(['traefik', 'k3s.servers[1].name', 'k3s.servers[1].address']);
});

/** The 35a-8 props for K3sVipCluster: the reference config with the same other problems, `replicas` and `patch` as given. */
function clusterProps(replicas: unknown, patch: (config: any) => void = () => {}): any {
  const config = withChanges(devConfig(), {
    traefik: {
      values: {
        deployment: { podAnnotations: { note: TOKEN } },
        env: [{ name: 'A', value: 5 }],
        notAKey: 1,
        additionalArguments: ['--ping=false'],
      },
    },
  });
  config.k3s = {
    ...REFERENCE_K3S,
    servers: [REFERENCE_K3S.servers[0], { name: 'K3S_2', address: '192.168.0.300' }, REFERENCE_K3S.servers[2]],
  };
  if (replicas !== undefined) config.traefik.values.deployment.replicas = replicas;
  patch(config);
  return config;
}

/** The refusal's lines, without the construct's name. */
const clusterRefusal = (props: unknown) =>
  refusalOf(() => new K3sVipCluster(new App(), 'c', props as never))
    .split('\n')
    .filter(Boolean);

const getter = (target: object, key: string, value: unknown) => Object.defineProperty(target, key, { get: () => value, enumerable: true });

/** [fault, props, the fault's own message]. */
const PROPS_FAULTS: Array<[string, () => unknown, string]> = [
  ['NaN', () => clusterProps(NaN), 'traefik.values.deployment.replicas: NaN is not a finite number'],
  ['Infinity', () => clusterProps(Infinity), 'traefik.values.deployment.replicas: Infinity is not a finite number'],
  [
    'a getter',
    () => clusterProps(undefined, (c) => getter(c.traefik.values.deployment, 'replicas', 2)),
    'traefik.values.deployment.replicas: is a getter',
  ],
  [
    'a sparse list',
    () => clusterProps(1, (c) => (c.traefik.externalCertResolvers = Object.assign(new Array(3), { 1: 'default' }))),
    'traefik.externalCertResolvers: has 2 holes, the first at index 0 (a sparse list)',
  ],
  [
    'a symbol key',
    () => clusterProps(1, (c) => (c.traefik.values.deployment[Symbol('s')] = 1)),
    'traefik.values.deployment: has symbol keys',
  ],
  [
    'a prototype name',
    () => clusterProps(1, (c) => (c.traefik.values.deployment = { ...c.traefik.values.deployment, ...JSON.parse('{"__proto__": 1}') })),
    'traefik.values.deployment: "__proto__" is not allowed as a key',
  ],
  ['a control character', () => clusterProps('a\u0001'), 'traefik.values.deployment.replicas: "a\\u0001" holds a control character'],
];

describe('35a-8: construct props with a value that is not plain data report every other problem in the same error', () => {
  test.each(PROPS_FAULTS)('K3sVipCluster: %s', (_, props, fault) => {
    const lines = clusterRefusal(props());
    expect(lines.filter((l) => l.includes(fault))).toHaveLength(1);
    for (const other of OTHERS) expect(lines.filter((l) => l.includes(other))).toHaveLength(1);
    expect(lines).toHaveLength(OTHERS.length + 1);
    expect(lines.join('\n')).not.toContain(TOKEN.slice(4));
  });

  test('TraefikHelmChartConfig: a NaN beside an unknown chart key, an env number and a secret', () => {
    const values = { deployment: { replicas: NaN, podAnnotations: { note: TOKEN } }, env: [{ name: 'A', value: 5 }], notAKey: 1 };
    const lines = refusalOf(() => new TraefikHelmChartConfig(chart(), 't', { loadBalancerIPs: ['192.168.0.41'], values })).split('\n');
    expect(lines.map((l) => l.replace(/^TraefikHelmChartConfig: /, '').split(/:? /)[0]).sort()).toEqual([
      'values.deployment.podAnnotations.note',
      'values.deployment.replicas',
      'values.env[0].value',
      'values.notAKey',
    ]);
    expect(lines[0]).toBe('TraefikHelmChartConfig: values.deployment.replicas NaN is not a finite number');
    expect(lines.join('\n')).not.toContain(TOKEN.slice(4));
  });
});

describe('35a-8 controls (construct props)', () => {
  test('a getter alone is still reported alone', () => {
    const config = devConfig();
    getter(config.kubeVip, 'interface', 'eth0');
    expect(clusterRefusal(config)).toEqual(['kubeVip.interface: is a getter: give a plain value']);
  });

  test('a getter on a required key is reported once ("is required" would repeat it), with the other problems', () => {
    const lines = clusterRefusal(clusterProps(1, (c) => getter(c.kubeVip, 'version', 'v1.2.3')));
    expect(lines.filter((l) => l.startsWith('kubeVip.version'))).toEqual(['kubeVip.version: is a getter: give a plain value']);
    expect(lines).toHaveLength(OTHERS.length + 1);
  });

  test('a whole section unreadable: its problem and the schema findings elsewhere, no cross-value finding about it', () => {
    const config = clusterProps(1);
    getter(config, 'traefik', {});
    expect(clusterRefusal(config)).toEqual([
      'traefik: is a getter: give a plain value',
      'k3s.servers[1].name: "K3S_2" is not a valid name: use lower-case letters, digits and \'-\', starting and ending with a letter or digit (upper-case letters are not allowed: "k3s-2")',
      'k3s.servers[1].address: "192.168.0.300" is not an IP address: expected the node\'s own address, e.g. "192.168.0.11"',
    ]);
  });
});

test('a synth of the file refuses with every problem and leaves dist/ unchanged', () => {
  const dir = mkdtempSync(join(tmpdir(), 'k3s-vip-datafirst-'));
  try {
    mkdirSync(join(dir, 'config'));
    mkdirSync(join(dir, 'dist', 'x'), { recursive: true });
    writeFileSync(join(dir, 'config', 'x.yaml'), file('.nan'));
    writeFileSync(join(dir, 'dist', 'x', 'old.yaml'), 'kind: Old\n');
    const lines: string[] = [];
    const code = runSynth({ configDir: join(dir, 'config'), distDir: join(dir, 'dist'), wiring, log: (line) => lines.push(line) });
    expect(code).not.toBe(0);
    expect(lines.filter((line) => line.startsWith('error: '))).toHaveLength(OTHERS.length + 1);
    expect(lines.join('\n')).not.toContain(TOKEN.slice(4));
    expect(readdirSync(join(dir, 'dist'))).toEqual(['x']);
    expect(readdirSync(join(dir, 'dist', 'x'))).toEqual(['old.yaml']);
    expect(readFileSync(join(dir, 'dist', 'x', 'old.yaml'), 'utf8')).toBe('kind: Old\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
