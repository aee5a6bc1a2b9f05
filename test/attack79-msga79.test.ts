import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdk8s';
import { errnoAdvice } from '../src/output/errno-advice';
import { main as validate } from '../src/validate/conformance';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { K3sVipCluster } from '../src';
import { INVENTORY_CONFIG_TEXT } from './helpers';

/** Round 79 (79c-8, 79b-12, 79b-3, 79b-2, 79b-1, 79b-18, 79b-5, 79b-20): each problem said as written, one line each. */

const BASE = INVENTORY_CONFIG_TEXT;
const TRAEFIK = 'traefik:\n  loadBalancerIPs: [192.168.0.41]\n';
const FLOW_KUBE_VIP = 'kubeVip: {version: v1.2.3, interface: eth0, controlPlane: {address: 192.168.0.40}}\n';
const plugin = (key: string, value = '{a: 1}') =>
  `${BASE}${TRAEFIK}  values:\n    extraObjects:\n      - apiVersion: traefik.io/v1alpha1\n        kind: Middleware\n        metadata: {name: m, namespace: default}\n        spec:\n          plugin:\n            "${key}": ${value}\n`;

const lines = (text: string) => {
  const { errors, config } = parseConfigText('config/t.yaml', text);
  return { config, errors: errors.map(formatDiagnostic) };
};

// [name, text, parts that must be in the output (each in one line), parts that must not, how many error lines (undefined: none)]
const files: Array<[string, string, string[], string[], number | undefined]> = [
  // 79c-8: half of a character in a key is refused by name, as in a value.
  [
    '79c-8 lone surrogate in an extraObjects key',
    plugin('my\\ud800plugin'),
    ['traefik.values.extraObjects[0].spec.plugin: has a key that holds U+D800, half of a character'],
    [],
    1,
  ],
  ['79c-8 lone low surrogate in a key', plugin('my\\udc00plugin'), ['holds U+DC00, half of a character'], [], 1],
  ['79c-8 lone surrogate in a value still refused', plugin('myplugin', '{a: "x\\ud800"}'), ['"x\\ud800" holds U+D800'], [], 1],
  ['79c-8 a whole character (a pair) in a key passes', plugin('my\\ud83d\\ude00plugin'), [], [], undefined],
  [
    '79c-8 lone surrogate in a traefik.values key',
    `${BASE}${TRAEFIK}  values:\n    "a\\ud800b": 1\n`,
    ['traefik.values: has a key that holds U+D800, half of a character'],
    ['did you mean'],
    1,
  ],
  // 79b-12: a number where text is needed is echoed as written, and the fix keeps it.
  [
    '79b-12 numbers as written',
    `kubeVip: {version: 1.10, interface: eth0, controlPlane: {address: 192.168.0.40}}
traefik:
  loadBalancerIPs: [192.168.0.41]
  chartVersion: 39.10
  values:
    image: {tag: 3.10}
k3s:
  servers:
    - {name: 1e3, address: 192.168.0.11}
ingresses:
  - {name: a, namespace: 0o17, host: a.example.com, service: s, port: 80}
`,
    [
      'kubeVip.version: 1.10 is a number',
      'traefik.chartVersion: 39.10 is a number',
      '3.10',
      'write it as text: "1e3"',
      'write it as text: "0o17"',
    ],
    ['1.1 is', '39.1 is', ' 3.1,', '"1000"', '"15"'],
    5,
  ],
  ['79b-12 a hex node name', `${BASE.replace('k3s-1', '0x1F')}${TRAEFIK}`, ['write it as text: "0x1F"'], ['"31"'], 1],
  // 79b-3: a tab hides no later problem, and names the key path.
  [
    '79b-3 tab then an unclosed quote',
    'kubeVip:\n  version: v1.2.3\n  interface: eth0\n  controlPlane:\n\taddress: 192.168.0.40\ntraefik:\n  loadBalancerIPs: ["192.168.0.41]\n',
    ['5:1: kubeVip.controlPlane.address: line 5 uses a tab', 'traefik.loadBalancerIPs[0]: opens a quote'],
    [],
    2,
  ],
  [
    '79b-3 tab alone',
    'kubeVip:\n  version: v1.2.3\n  interface: eth0\n  controlPlane:\n\taddress: 192.168.0.40\ntraefik:\n  loadBalancerIPs: [192.168.0.41]\n',
    ['5:1: kubeVip.controlPlane.address: line 5 uses a tab', 'indent line 5 with 4 spaces'],
    [],
    1,
  ],
  // 79b-2: `a: b: c` names each line's own key and says what to write.
  [
    '79b-2 compact mappings on sibling lines',
    `${FLOW_KUBE_VIP}traefik:\n  loadBalancerIPs: [192.168.0.41]\n  redirectToHttps: yes: no\n  replicas: 2: 3\n`,
    ['4:20: traefik.redirectToHttps:', '5:13: traefik.replicas:', 'quote'],
    ['redirectToHttps.replicas', 'Nested mappings are not allowed'],
    2,
  ],
  [
    '79b-2 unclosed [ then an unclosed quote',
    'traefik:\n  loadBalancerIPs: [192.168.0.41\ningresses:\n  - name: "x\n',
    ['2:20: traefik.loadBalancerIPs: opens a flow list'],
    ['Flow sequence in block collection'],
    undefined,
  ],
  [
    '79b-2 unclosed { then an unclosed quote',
    `${FLOW_KUBE_VIP}traefik:\n  values:\n    ports: {web: {port: 8000}, websecure: {port: 8443}\n    x: "y\n`,
    ['4:12: traefik.values.ports: opens a flow map'],
    ['Flow map in block collection'],
    undefined,
  ],
  [
    '79b-2 a comment with ": " passes',
    `${BASE}${TRAEFIK}  redirectToHttps: true # note: a: b\ningresses:\n  - {name: a, host: a.example.com, service: s, port: 80}\n`,
    [],
    [],
    undefined,
  ],
  [
    '79b-2 a list item key with "a: b: c"',
    `${BASE}${TRAEFIK}ingresses:\n  - name: a: b\n    host: x: y\n`,
    // 80a-3: a name never takes "a: b", so quoting is not advised; the name with a dash is.
    ['ingresses[0].name: has a second ": "', 'ingresses[0].host: has a second ": "', 'such as name: a-b'],
    ['name: "a: b"'],
    2,
  ],
  [
    '79b-3 a tab in a list item, and a quote left open after it',
    `${BASE}    - name: k3s-2\n\t  address: 192.168.0.12\n${TRAEFIK}  values:\n    x: "y\n`,
    ['12:1: k3s.servers[1].address: line 12 uses a tab', 'indent line 12 with 6 spaces', 'traefik.values.x: opens a quote'],
    [],
    2,
  ],
  [
    '79b-18 a list of two configs',
    // 80a-16: two items holding different keys are one config's parts: every dash goes, not one item per file.
    `- kubeVip: {version: v1.2.3}\n- traefik: {loadBalancerIPs: [192.168.0.41]}\n`,
    ['is a list of 2 items', 'remove the "- " on lines 1 and 2'],
    ['192.168.0.41', 'cluster per file'],
    1,
  ],
  ['79b-18 a list of plain words', `- a\n- b\n`, ['is a list of 2 items, not a mapping of keys, so it is not a k3s-vip config'], [], 1],
  [
    '79b-5 a dotted key of no config key stays unknown',
    `${BASE}${TRAEFIK}foo.bar: 1\n`,
    ['["foo.bar"]: unknown key "foo.bar"'],
    ['nest it'],
    1,
  ],
  ['79b-20 a Cyrillic ie in a nested key', `${BASE}${TRAEFIK}  rеplicas: 2\n`.replace('е', '\u0435'), ['U+0435, Cyrillic'], [], 1],
  ['79b-12 a quoted number passes as text', `${BASE.replace('k3s-1', '"1e3"')}${TRAEFIK}`, [], [], undefined],
  // 79b-1: a clashing port hides no bad entrypoint name.
  [
    '79b-1 port clash and bad name',
    `${BASE}${TRAEFIK}  values:\n    ports:\n      wébsecure:\n        port: 8443\n`,
    ['as entrypoint websecure does', 'is entrypoint "wébsecure"'],
    [],
    2,
  ],
  // 79b-18: a file that is a list.
  [
    '79b-18 config as a list item',
    `- kubeVip:\n    version: v1.2.3\n    interface: eth0\n    controlPlane:\n      address: 192.168.0.40\n  traefik:\n    loadBalancerIPs: [192.168.0.41]\n`,
    ['1:1: is a list of 1 item', 'remove the "- " on line 1'],
    ['{"kubeVip"', '192.168.0.40'],
    1,
  ],
  // 79b-5: a top-level dotted key.
  [
    '79b-5 dotted keys at the top and one level down',
    `${FLOW_KUBE_VIP}traefik.loadBalancerIPs: [192.168.0.41]\ntraefik:\n  "values.deployment": {kind: DaemonSet}\n`,
    [
      '2:1: ["traefik.loadBalancerIPs"]: ',
      'nest it (traefik: {loadBalancerIPs:',
      'traefik["values.deployment"]:',
      'nest it (values: {deployment:',
    ],
    [],
    undefined,
  ],
  // 79b-20: a look-alike letter.
  [
    '79b-20 Cyrillic a in a key',
    `${FLOW_KUBE_VIP}tr\u0430efik:\n  loadBalancerIPs: [192.168.0.41]\n`,
    ['unknown key "tr\\u0430efik", its 3rd character is the non-ASCII letter', 'U+0430, Cyrillic', 'did you mean "traefik"'],
    [],
    undefined,
  ],
];

describe('config door', () => {
  test.each(files)('%s', (_name, text, expected, unexpected, count) => {
    const { errors, config } = lines(text);
    const all = errors.join('\n');
    for (const part of expected) expect(all).toContain(part);
    for (const part of unexpected) expect(all).not.toContain(part);
    if (count === undefined && !expected.length) {
      expect(errors).toEqual([]);
      expect(config).toBeDefined();
    } else if (count !== undefined) expect(errors).toHaveLength(count);
  });
});

describe('construct door', () => {
  const props = (values: unknown) => ({
    kubeVip: { version: 'v1.2.3', interface: 'eth0', controlPlane: { address: '192.168.0.40' } },
    k3s: { servers: [{ name: 'k3s-1', address: '192.168.0.11' }] },
    traefik: { loadBalancerIPs: ['192.168.0.41'], values },
  });
  const thrown = (values: unknown): string => {
    try {
      new K3sVipCluster(new App(), 'dev', props(values) as never);
    } catch (e) {
      return (e as Error).message;
    }
    return '';
  };
  const middleware = (plugins: unknown) => ({
    extraObjects: [
      { apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware', metadata: { name: 'm', namespace: 'default' }, spec: { plugin: plugins } },
    ],
  });
  test('79c-8 lone surrogate in a key', () => {
    expect(thrown(middleware({ 'my\ud800plugin': { a: 1 } }))).toContain('has a key that holds U+D800, half of a character');
  });
  test('79c-8 lone surrogate in a traefik.values key', () => {
    expect(thrown({ 'a\ud800b': 1 })).toContain('half of a character');
  });
  test('79c-8 a whole character in a key passes', () => {
    expect(thrown(middleware({ 'my\ud83d\ude00plugin': { a: 1 } }))).toBe('');
  });
});

describe('construct door: keys as the config files say them', () => {
  const base = {
    kubeVip: { version: 'v1.2.3', interface: 'eth0', controlPlane: { address: '192.168.0.40' } },
    k3s: { servers: [{ name: 'k3s-1', address: '192.168.0.11' }] },
  };
  const thrown = (props: object): string => {
    try {
      new K3sVipCluster(new App(), 'dev', props as never);
    } catch (e) {
      return (e as Error).message;
    }
    return '';
  };
  test('79b-5 a dotted key at the top', () => {
    const message = thrown({ ...base, 'traefik.loadBalancerIPs': ['192.168.0.41'] });
    expect(message).toContain('["traefik.loadBalancerIPs"]');
    expect(message).toContain('nest it (traefik: {loadBalancerIPs: ...})');
  });
  test('79b-20 a look-alike letter', () => {
    expect(thrown({ ...base, ['tr\u0430efik']: { loadBalancerIPs: ['192.168.0.41'] } })).toContain('(U+0430, Cyrillic)');
  });
});

describe('79c-7: a name over 255 bytes is named, not the folder it stands in', () => {
  const error = (path: string) => Object.assign(new Error('x'), { code: 'ENAMETOOLONG', path }) as NodeJS.ErrnoException;
  test('one long name', () => {
    const advice = errnoAdvice(error(`/tmp/attack-${'x'.repeat(300)}/.k3s-vip-tmp`), '/tmp/');
    expect(advice).toContain('the name "attack-xxxxxxxxxxxxxxxxx…" in /tmp/ is 307 bytes');
    expect(advice).toContain('at most 255 in one name');
    expect(advice).not.toMatch(/\/tmp\/ is longer/);
  });
  test('a long path of short names keeps the whole-path advice', () => {
    const path = `/tmp/${'abc/'.repeat(1100)}`;
    expect(errnoAdvice(error(path), path)).toContain('is longer than the file system allows');
  });
});

describe('79c-3: npm run validate on a manifest saved as UTF-16', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'msga79-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const run = (bytes: Buffer) => {
    const dist = join(scratch, 'dist');
    rmSync(dist, { recursive: true, force: true });
    mkdirSync(join(dist, 'dev'), { recursive: true });
    writeFileSync(join(dist, 'dev', 'a.yaml'), bytes);
    process.env.K3S_VIP_DIST_DIR = dist;
    process.env.K3S_VIP_CONFIG_DIR = join(scratch, 'config');
    const lines: string[] = [];
    jest.spyOn(process.stderr, 'write').mockImplementation((text) => {
      lines.push(...String(text).trimEnd().split('\n'));
      return true;
    });
    process.exitCode = 0;
    try {
      validate([]);
    } finally {
      jest.restoreAllMocks();
    }
    const code = process.exitCode;
    process.exitCode = 0;
    return { code, all: lines.join('\n') };
  };
  const manifest = '# Generated\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: default}\ndata: {a: b}\n';
  test('UTF-16 is named, with the fix', () => {
    const { code, all } = run(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(manifest, 'utf16le')]));
    expect(code).toBe(1);
    expect(all).toContain('a.yaml:1:1: is UTF-16 (it starts with a UTF-16 byte-order mark): save it as UTF-8');
    expect(all).not.toContain('not a Kubernetes object');
    expect(all).not.toContain('\uFFFD');
  });
  test('the same manifest as UTF-8 passes', () => {
    const { all } = run(Buffer.from(manifest));
    expect(all).not.toContain('UTF');
  });
});
