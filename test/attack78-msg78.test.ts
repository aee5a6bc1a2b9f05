import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiObject, App, Chart } from 'cdk8s';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { newCluster } from '../src/new-cluster';
import { K3sVipCluster, TraefikHelmChartConfig } from '../src';
import { cpuMillisSince } from './cpu-time';
import { INVENTORY_CONFIG_TEXT } from './helpers';

/** Round 78 (78b-4, 6, 7, 10, 19, 20, 21): a refusal lists every problem at once, one line each. */

const BASE = INVENTORY_CONFIG_TEXT;
const TRAEFIK = 'traefik:\n  loadBalancerIPs: [192.168.0.41]\n';
const BEFORE = `kubeVip:
  version: v1.2.3
  interface: eth0
  bogusKey: 1
  controlPlane:
    address: 192.168.0.40
traefik:
  loadBalancerIPs: [192.168.0.41]
  replicas: zz
`;
const K3S = `k3s:
  tokenFile: /etc/rancher/k3s/cluster-token
  servers:
    - name: k3s-1
      address: 192.168.0.11
`;

const lines = (text: string) => {
  const { errors, config } = parseConfigText('config/t.yaml', text);
  return { config, errors: errors.map(formatDiagnostic) };
};

// [name, text, lines that must be there (each a part of one line), how many error lines, or undefined for none]
const files: Array<[string, string, string[], number | undefined]> = [
  [
    '78b-4 over-indented dash',
    `${BEFORE}${K3S}      - name: k3s-2\n        address: 192.168.0.12\n`,
    ['4:3: kubeVip.bogusKey: unknown key', '9:13: traefik.replicas:', "15:7: k3s.servers[1]: this item's dash"],
    3,
  ],
  [
    '78b-4 unclosed quote',
    `${BEFORE}  values:\n    logs: {general: {level: "x}}\n${K3S}`,
    ['4:3: kubeVip.bogusKey', '9:13: traefik.replicas', '11:29: traefik.values.logs.general.level: opens a quote'],
    3,
  ],
  // The other side: the text before a syntax error holds no problem, so the error is the one line (no "k3s is required").
  ['78b-4 clean before the quote', `${BASE}${TRAEFIK}  values:\n    logs: {general: {level: "x}}\n`, ['opens a quote'], 1],
  ['78b-4 syntax error on line 1', `kubeVip: "x\n${K3S}${TRAEFIK}`, ['1:10: kubeVip: opens a quote'], 1],
  [
    '78b-4 a problem after the error stays unsaid',
    `${BASE}${TRAEFIK}  values:\n    logs: {general: {level: "x}}\n  replicas: zz\n`,
    ['opens a quote'],
    1,
  ],
  [
    '78b-21 collection and control-character keys',
    `${BASE}${TRAEFIK}  values:\n    "a[0]": 1\n    ? [x, y]\n    : 4\n    ? {k: v}\n    : 5\n    "new\\nline": 6\n`,
    [
      '14:5: traefik.values["a[0]"]: is not a value',
      '15:7: traefik.values: a key must be a plain name',
      '17:7: traefik.values: a key must be a plain name',
      '19:5: traefik.values: has a key that holds a control character',
    ],
    4,
  ],
  ['78b-21 a plain key passes', `${BASE}${TRAEFIK}  values:\n    logs: {general: {level: DEBUG}}\n`, [], undefined],
  ['78b-20 trailing empty ---', `---\n${BASE}${TRAEFIK}---\n`, [], undefined],
  ['78b-20 trailing --- and a comment', `${BASE}${TRAEFIK}---\n# only a comment\n\n`, [], undefined],
  ['78b-20 a second document is refused', `${BASE}${TRAEFIK}---\nfoo: 1\n`, ['13:1: holds a second YAML document'], 1],
  ['78b-20 --- null is a document', `${BASE}${TRAEFIK}--- null\n`, ['holds a second YAML document'], 1],
  ['78b-20 --- ~ is a document', `${BASE}${TRAEFIK}---\n~\n`, ['holds a second YAML document'], 1],
  ['78b-20 --- and an anchor is a document', `${BASE}${TRAEFIK}--- &a\n`, ['holds a second YAML document'], 1],
  ['78b-20 a secret in the empty document is still refused', `${BASE}${TRAEFIK}---\n# password: Zq8vWm4vTq2xLp3N\n`, ['password'], 1],
  [
    '78b-10 each bad item of a list flag',
    `${BASE}${TRAEFIK}  values:\n    additionalArguments:\n      - "--entrypoints.websecure.forwardedHeaders.trustedIPs=10.0.0.0/33,10.0.0.01,fe80::1%eth0,10.1.0.0/16,10.1.0.0/16"\n`,
    ['"10.0.0.0/33" is not an IP', '"10.0.0.01" has leading zeros', '"fe80::1%eth0" is not an IP', '"10.1.0.0/16" is listed twice'],
    4,
  ],
  [
    '78b-10 a good list flag passes',
    `${BASE}${TRAEFIK}  values:\n    additionalArguments:\n      - "--entrypoints.websecure.forwardedHeaders.trustedIPs=10.0.0.0/24,10.1.0.0/16"\n`,
    [],
    undefined,
  ],
];

describe('config door: every problem at once', () => {
  test.each(files)('%s', (_name, text, expected, count) => {
    const { errors, config } = lines(text);
    for (const part of expected) expect(errors.some((line) => line.includes(part))).toBe(true);
    if (count === undefined) {
      expect(errors).toEqual([]);
      expect(config).toBeDefined();
    } else expect(errors).toHaveLength(count);
    expect(errors.join('\n')).not.toMatch(/Zq8vWm4vTq2xLp3N/);
  });

  test('78b-4: linear on a 100 kB file with a syntax error at its end', () => {
    const keys = Array.from({ length: 900 }, (_, i) => `      - name: K${i}\n        value: v${i}-${'x'.repeat(60)}\n`).join('');
    const text = `${BASE}${TRAEFIK}  values:\n    env:\n${keys}    x: "open\n`;
    expect(text.length).toBeLessThan(100_000);
    lines(text);
    const start = process.cpuUsage();
    const { errors } = lines(text);
    expect(cpuMillisSince(start)).toBeLessThan(6000);
    expect(errors.some((line) => line.includes('opens a quote'))).toBe(true);
  });
});

describe('npm run new: every problem at once (78b-6)', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'msg78-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const run = (args: string[]) => {
    const config = join(scratch, 'config');
    rmSync(config, { recursive: true, force: true });
    mkdirSync(join(config, 'examples'), { recursive: true });
    writeFileSync(join(config, 'dev.yaml'), `${BASE}${TRAEFIK}`);
    writeFileSync(join(config, 'examples', 'ha.yaml'), `${BASE}${TRAEFIK}`);
    writeFileSync(join(config, 'examples', 'reference.yaml'), `${BASE}${TRAEFIK}`);
    const said: string[] = [];
    const code = newCluster(args, { configDir: config, schemaFile: join(scratch, 'schema.json'), log: (l) => said.push(l) });
    return { code, said, files: readdirSync(config) };
  };
  test.each<[string[], string[]]>([
    [
      ['X', '--fro', 'ha'],
      ['did you mean --from?', '"X" is not a valid name'],
    ],
    [
      ['a b', '--from', 'nosuch'],
      ['"a b" is not a valid name', '--from "nosuch" is neither'],
    ],
    [
      ['dev', '--from', 'nosuch'],
      ['dev.yaml already exists', '--from "nosuch" is neither'],
    ],
    [
      ['x', 'y', '--fro', 'ha', '--bogus'],
      ['--fro: did you mean --from?', 'unknown option --bogus', 'got 2: "x" "y"'],
    ],
    [['x', '--from', 'ha.yaml'], ['did you mean --from ha?']],
    [['x', '--from', 'config/examples/ha.yaml'], ['did you mean --from ha?']],
    [['x', '--from', 'HA'], ['did you mean --from ha?']],
  ])('%j', (args, expected) => {
    const { code, said, files } = run(args);
    expect(code).toBe(1);
    expect(said).toHaveLength(expected.length);
    expected.forEach((part, i) => expect(said[i]).toContain(part));
    expect(files.sort()).toEqual(['dev.yaml', 'examples']);
  });
  test('a good name and source still write the file', () => {
    expect(run(['x', '--from', 'ha']).code).toBe(0);
    expect(run(['x']).files).toContain('x.yaml');
  });
});

describe('construct door: every problem at once', () => {
  const base = {
    kubeVip: { version: 'v1.2.3', interface: 'eth0', controlPlane: { address: '192.168.0.40' } },
    k3s: { servers: [{ name: 'k3s-1', address: '192.168.0.11' }] },
  };
  const thrown = (build: () => void): string => {
    try {
      build();
    } catch (e) {
      return (e as Error).message;
    }
    return '';
  };

  test('78b-19: a bad TraefikHelmChartConfig prop hides no problem of its values', () => {
    const message = thrown(() => {
      const chart = new Chart(new App(), 'x');
      const props = { loadBalancerIPs: ['192.168.0.41'], interface: 'eth0', redirectToHttp: true };
      new TraefikHelmChartConfig(chart, 't', { ...props, values: { '--log.level': 'x', deployment: { replicas: 'two' } } } as never);
    });
    for (const part of [
      'interface unknown key',
      'did you mean "redirectToHttps"',
      'values.deployment.replicas is a string',
      'values["--log.level"]',
    ])
      expect(message).toContain(part);
  });

  test('78b-19: good props and values pass', () => {
    const chart = new Chart(new App(), 'x');
    expect(
      () => new TraefikHelmChartConfig(chart, 't', { loadBalancerIPs: ['192.168.0.41'], values: { deployment: { replicas: 2 } } }),
    ).not.toThrow();
  });

  const configMap = (name: string, data: Record<string, string>) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: 'default' },
    data,
  });
  test.each<[string, Array<Record<string, string>>, string[]]>([
    [
      '78b-7 a secret in one sibling hides no problem of another',
      [{ 'my key': 'v' }, { 'app.conf': 'user = app\npassword = Hunter2Secret9\n' }],
      ['cm0): data["my key"] is not a valid ConfigMap key', 'cm1): data["app.conf"] holds text that sets a secret'],
    ],
    ['78b-7 the bad key alone', [{ 'my key': 'v' }], ['data["my key"] is not a valid ConfigMap key']],
    ['78b-7 plain siblings pass', [{ 'a.conf': 'user = app\n' }, { 'b.conf': 'level = info\n' }], []],
  ])('%s', (_name, datas, expected) => {
    const message = thrown(() => {
      const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'msg78-o-')) });
      new K3sVipCluster(app, 'c', { ...base, traefik: { loadBalancerIPs: ['192.168.0.41'] } });
      const chart = new Chart(app, 'extra');
      datas.forEach((data, i) => new ApiObject(chart, `cm${i}`, configMap(`cm${i}`, data)));
      app.synth();
    });
    if (!expected.length) expect(message).toBe('');
    for (const part of expected) expect(message).toContain(part);
    expect(message).not.toMatch(/Hunter2Secret9/);
  });
});
