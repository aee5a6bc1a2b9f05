// Round 82 (82a-8, 82a-9, 82a-20, 82a-18): a tab in the indentation hides no problem outside the map it most likely
// belongs to, and a tab before a list item's dash is said as the new item it starts, at the dashes' indentation; an
// alias to a value left out for its size is named where it is used, the rest still judged; a k3s:install dry run
// creates nothing in dist/, not even a lock.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { runInstall } from '../src/k3s/install-cli';
import { wiring } from '../src/main';
import { LOCK_FILE, withoutFolderLock } from '../src/output/lock';
import { runSynth } from '../src/synth';
import { DEV_YAML } from './helpers';

const errorsOf = (text: string) => {
  const { errors, config } = parseConfigText('config/t.yaml', text);
  return { config, errors: errors.map(formatDiagnostic) };
};

/** `config/dev.yaml` with `lines` under `traefik:`, after `redirectToHttps: true` (its line 11: `lines` from line 12). */
const inTraefik = (lines: string) => DEV_YAML.replace('  redirectToHttps: true\n', `  redirectToHttps: true\n${lines}`);
const lineOf = (text: string, part: string) => text.slice(0, text.indexOf(part)).split('\n').length;

const BOMB = `  values:
    x0: &a0 ["lol"]
    x1: &a1 [*a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0]
    x2: &a2 [*a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1]
    x3: &a3 [*a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2]
    x4: &a4 [*a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3]
    x5: &a5 [*a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4]
`;
const CONFIG_MAPS = (other: string) => `    extraObjects:
      - {apiVersion: v1, kind: ConfigMap, metadata: {name: b, namespace: default}, data: {k: v}, extra: 1}
      - {apiVersion: v1, kind: ConfigMap, metadata: {name: c, namespace: default}, data: {k: v}${other}}
    logs: {general: {level: verbose}}
`;

// [name, file, parts each found in one error line, parts in none, how many error lines (0: the file passes)]
const rows: Array<[string, string, string[], string[], number]> = [
  // 82a-8: a tab deep in traefik.values hides no refusal of its section's other keys.
  [
    '82a-8 a tab in an env item, and a chartVersion that is none',
    inTraefik('  chartVersion: "39.0.x"\n  values:\n    env:\n      - name: A\n\tvalue: x\n'),
    [
      'config/t.yaml:16:1: traefik.values.env[0].value: line 16 uses a tab for indentation; YAML needs spaces: indent line 16 with 8 spaces instead',
      'config/t.yaml:12:17: traefik.chartVersion: "39.0.x" is not a chart version',
    ],
    [],
    2,
  ],
  [
    '82a-8 (neighbour) the same item indented with spaces: the chartVersion alone',
    inTraefik('  chartVersion: "39.0.x"\n  values:\n    env:\n      - name: A\n        value: x\n'),
    ['traefik.chartVersion: "39.0.x" is not a chart version'],
    ['tab'],
    1,
  ],
  [
    '82a-8 a tab on the last line of traefik: the next section is still judged',
    DEV_YAML.replace(
      '  externalCertResolvers: [default]\n',
      '  externalCertResolvers: [default]\n  values:\n    logs:\n      general:\n\t  level: DEBUG\n',
    ).replace('port: 80', 'port: 0'),
    ['config/t.yaml:17:1: traefik.values.logs.general.level: line 17 uses a tab', 'ingresses[0].port:'],
    [],
    2,
  ],
  [
    '82a-8 (neighbour) a tab line holding a required key of the section above: no "required" for it',
    DEV_YAML.replace('  loadBalancerIPs: [192.168.0.41]\n', '').replace(
      '  externalCertResolvers: [default]\n',
      '  externalCertResolvers: [default]\n  values:\n    logs: {}\n\tloadBalancerIPs: [192.168.0.41]\n',
    ),
    ['uses a tab for indentation'],
    ['required', 'loadBalancerIPs: is'],
    1,
  ],
  [
    '82a-8 (neighbour) a tab in a block scalar value stays accepted',
    inTraefik('  values:\n    env:\n      - name: SEP\n        value: |\n          a\n          \tb\n'),
    [],
    [],
    0,
  ],
  // 82a-9: a tab before a dash starts the next item: said there, at the other dashes' indentation, and only once.
  [
    "82a-9 a tab before the third server's dash",
    DEV_YAML.replace('    - name: k3s-3\n', '\t- name: k3s-3\n'),
    [
      `config/t.yaml:${lineOf(DEV_YAML, '- name: k3s-3')}:1: k3s.servers[2].name: line ${lineOf(DEV_YAML, '- name: k3s-3')} uses a tab for indentation; YAML needs spaces: indent line ${lineOf(DEV_YAML, '- name: k3s-3')} with 4 spaces instead`,
    ],
    ['second time', 'servers[1]', '6 spaces'],
    1,
  ],
  [
    '82a-9 a tab before a dash, and a problem elsewhere: both',
    DEV_YAML.replace('    - name: k3s-3\n', '\t- name: k3s-3\n').replace(
      'interface: eth0\n  controlPlane',
      'interface: eth 0\n  controlPlane',
    ),
    ['k3s.servers[2].name: line', 'kubeVip.interface: "eth 0"'],
    ['second time'],
    2,
  ],
  [
    "82a-9 a tab before a middle item's dash: the items after it keep their index",
    DEV_YAML.replace('    - name: k3s-2\n', '\t- name: k3s-2\n').replace('address: 192.168.0.13', 'address: 192.168.0.999'),
    [
      `k3s.servers[1].name: line ${lineOf(DEV_YAML, '- name: k3s-2')} uses a tab`,
      'with 4 spaces instead',
      'k3s.servers[2].address: "192.168.0.999" is not an IP address',
    ],
    ['second time'],
    2,
  ],
  [
    "82a-9 a tab before the first item's dash, under the key that opens the list",
    DEV_YAML.replace('  - name: frontend-ingress\n', '\t- name: frontend-ingress\n'),
    [`ingresses[0].name: line ${lineOf(DEV_YAML, '- name: frontend-ingress')} uses a tab`, 'with 2 spaces instead'],
    [],
    1,
  ],
  [
    "82a-9 (neighbour) a tab inside the item, after its dash line: the item's key, at its keys' indentation",
    DEV_YAML.replace('      address: 192.168.0.13\n', '\taddress: 192.168.0.13\n'),
    [`k3s.servers[2].address: line ${lineOf(DEV_YAML, 'address: 192.168.0.13')} uses a tab`, 'with 6 spaces instead'],
    ['second time'],
    1,
  ],
  ['82a-9 (neighbour) the dash indented with spaces: the file passes', DEV_YAML, [], [], 0],
  // 82a-20: a second use of a value left out for its size is named, and the rest still judged.
  [
    '82a-20 an over-expanding value used again by its alias',
    inTraefik(`${BOMB}${CONFIG_MAPS(', other: *a5')}`),
    [
      'config/t.yaml:18:13: traefik.values.x5: holds more than 100000 values',
      'traefik.values.extraObjects[1].other: *a5 refers to the value on line 18, which holds more than 100000 values',
      'traefik.values.extraObjects[0].extra:',
      'traefik.values.logs.general.level:',
      'traefik.values.x0:',
    ],
    [],
    9,
  ],
  [
    '82a-20 (neighbour) without the second use: the same problems but that one',
    inTraefik(`${BOMB}${CONFIG_MAPS('')}`),
    ['traefik.values.x5: holds more than 100000 values', 'traefik.values.extraObjects[0].extra:', 'traefik.values.logs.general.level:'],
    ['extraObjects[1]'],
    8,
  ],
  [
    '82a-20 an alias to an anchor inside the over-expanding value',
    inTraefik(
      `${BOMB.replace('x5: &a5 [*a4,', 'x5: &a5 [&inner {k: v}, *a4,')}${CONFIG_MAPS('').replace('data: {k: v}}', 'data: *inner}')}`,
    ),
    [
      'traefik.values.x5: holds more than 100000 values',
      'traefik.values.extraObjects[1].data: *inner refers to a value within the one on line 18, which holds more than 100000 values',
      'traefik.values.logs.general.level:',
    ],
    [],
    9,
  ],
  [
    '82a-20 (neighbour) an alias used twice within the bound stays accepted',
    inTraefik(
      '  values:\n    deployment:\n      podLabels: &team {team: web}\n    commonLabels: *team\n    podDisruptionBudget: {enabled: false}\n',
    ),
    [],
    [],
    0,
  ],
];

describe('the YAML front door says every problem at once, each at its place', () => {
  test.each(rows)('%s', (_name, text, expected, unexpected, count) => {
    const { errors, config } = errorsOf(text);
    for (const part of expected) expect(errors.filter((line) => line.includes(part))).toHaveLength(1);
    for (const part of unexpected) expect(errors.filter((line) => line.includes(part))).toEqual([]);
    expect(errors).toHaveLength(count);
    if (count === 0) expect(config).toBeDefined();
    // One line per problem, each located.
    for (const line of errors) expect(line).toMatch(/^config\/t\.yaml:\d+:\d+: \S/);
  });
});

describe('82a-18: withoutFolderLock reads without creating anything', () => {
  test('a run that changes the folder while it reads makes it read again', () => {
    const folder = mkdtempSync(join(tmpdir(), 'msg83-lock-'));
    try {
      let reads = 0;
      const result = withoutFolderLock(folder, { waitMs: 5_000 }, () => {
        reads++;
        // The first read meets a synth taking and releasing its lock.
        if (reads === 1) {
          writeFileSync(join(folder, LOCK_FILE), 'x');
          rmSync(join(folder, LOCK_FILE));
        }
        return reads;
      });
      expect(result).toBe(2);
      expect(readdirSync(folder)).toEqual([]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('82a-18: a k3s:install dry run writes nothing in dist/', () => {
  let scratch: string;
  let wait: string | undefined;
  beforeEach(() => {
    scratch = mkdtempSync(join(tmpdir(), 'msg83-test-'));
    wait = process.env.K3S_VIP_LOCK_WAIT_SECONDS;
  });
  afterEach(() => {
    if (wait === undefined) delete process.env.K3S_VIP_LOCK_WAIT_SECONDS;
    else process.env.K3S_VIP_LOCK_WAIT_SECONDS = wait;
    rmSync(scratch, { recursive: true, force: true });
  });

  /** dist/ with dev's synthesized output, and an empty K3s manifests folder. */
  const synthesized = () => {
    const [config, dist, manifests] = ['config', 'dist', 'k3s/manifests'].map((part) => join(scratch, part));
    mkdirSync(config);
    mkdirSync(manifests, { recursive: true });
    writeFileSync(join(config, 'dev.yaml'), DEV_YAML);
    expect(runSynth({ configDir: config, distDir: dist, wiring, log: () => {}, out: () => {} })).toBe(0);
    return { dist, manifests };
  };
  const install = ({ dist, manifests }: { dist: string; manifests: string }, dryRun: boolean) => {
    const lines: string[] = [];
    const push = (line: string) => lines.push(line);
    const code = runInstall({
      cluster: 'dev',
      distDir: dist,
      manifestsDir: manifests,
      manifestsRoot: join(scratch, 'k3s'),
      dryRun,
      out: push,
      err: push,
    });
    return { code, lines };
  };
  /** What dist/ holds, and when its entries last changed: creating and removing a lock there changes that time. */
  const distState = (dist: string) => ({ entries: readdirSync(dist).sort(), changed: statSync(dist).mtimeMs });

  test('a dry run: dist/ and its entries as they were, the plan listed', () => {
    const ws = synthesized();
    const before = distState(ws.dist);
    const { code, lines } = install(ws, true);
    expect(code).toBe(0);
    expect(lines.at(-1)).toMatch(/^Dry run: .*nothing was written\.$/);
    expect(distState(ws.dist)).toEqual(before);
  });

  test('a dry run while a live run holds the lock: waits, then refuses in one line, the lock untouched', () => {
    const ws = synthesized();
    process.env.K3S_VIP_LOCK_WAIT_SECONDS = '0';
    // This test's own process: a live holder.
    const held = `${JSON.stringify({ pid: process.pid, host: hostname(), holder: 'synth', since: new Date().toISOString() })}\n`;
    writeFileSync(join(ws.dist, LOCK_FILE), held);
    const before = distState(ws.dist);
    const { code, lines } = install(ws, true);
    expect(code).toBe(1);
    expect(lines.filter((line) => line.startsWith('error: '))).toEqual([
      expect.stringMatching(new RegExp(`^error: ${join(ws.dist, LOCK_FILE)} is held by synth \\(pid ${process.pid} on `)),
    ]);
    expect(readFileSync(join(ws.dist, LOCK_FILE), 'utf8')).toBe(held);
    expect(distState(ws.dist)).toEqual(before);
  });

  test('(neighbour) a real run still takes the lock, and leaves none', () => {
    const ws = synthesized();
    const { code } = install(ws, false);
    expect(code).toBe(0);
    expect(readdirSync(ws.dist)).not.toContain(LOCK_FILE);
    expect(readdirSync(ws.manifests).length).toBeGreaterThan(0);
  });
});
