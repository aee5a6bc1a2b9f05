import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { wiring } from '../src/main';
import { listFiles } from '../src/output/publish';
import { runSynth } from '../src/synth';

/**
 * Attack round 45b-6: a key written twice in a config file (nested in traefik.values, in a list item, at the top
 * level) was reported alone and hid every other problem of the file until the next run. Each row is a file with a key
 * written twice beside problems of other kinds (schema, Traefik values, an Ingress host, cross-value rules): every one
 * is reported in one run, the key written twice included, judged with its last value (as YAML readers that accept
 * duplicates read it) at the line of that value; nothing is accepted, no secret is shown, and synth writes nothing.
 */

const KUBE_VIP = 'kubeVip: {version: v1.2.3, interface: eth0, controlPlane: {address: 192.168.0.40}}\n';
const TRAEFIK = 'traefik:\n  loadBalancerIPs: [192.168.0.41]\n';
const INGRESS = '  - name: fe\n    host: a.example.com\n    service: frontend\n    port: 80\n';
const FILE = 'config/t.yaml';

const KIND = 'traefik.values.deployment.kind: is "Deploymnet", but the chart renders Traefik only for exactly "Deployment"';
const HOST = 'ingresses[0].host: "A_B.example.com" is not a valid DNS host name';
const PORT = 'ingresses[0].port: 99999 is too big: expected at most 65535';
const twice = (first: number) => `is set twice (first on line ${first}): keep one`;
const inItem = (first: number, line: string) =>
  `appears a second time in this list item (first on line ${first}): if a new item starts here, write "- ${line}" at the indentation of the other dashes`;

const judged = (text: string) => {
  const { config, errors } = parseConfigText(FILE, text);
  return { config, errors: errors.map(formatDiagnostic) };
};

describe('45b-6: a key written twice is one problem among the others of its file, all reported in one run', () => {
  test.each<[string, string, string[]]>([
    [
      'nested in traefik.values (flow map), beside a values error, a bad host and a bad port (the finding)',
      `${KUBE_VIP}${TRAEFIK}  values:\n    deployment: {kind: Deploymnet}\n    logs: {general: {level: DEBUG, level: INFO}}\n` +
        'ingresses: [{name: fe, host: A_B.example.com, service: frontend, port: 99999}]\n',
      [
        `${FILE}:5:24: ${KIND}`,
        `${FILE}:6:36: traefik.values.logs.general.level: ${twice(6)}`,
        `${FILE}:7:30: ${HOST}`,
        `${FILE}:7:72: ${PORT}`,
      ],
    ],
    [
      'nested in traefik.values (block map, 5 levels down), beside a schema error and a values error',
      'kubeVip: {version: banana, interface: eth0, controlPlane: {address: 192.168.0.40}}\n' +
        `${TRAEFIK}  values:\n    logs:\n      general:\n        level: DEBUG\n        format: json\n        level: INFO\n` +
        `    deployment: {kind: Deploymnet}\ningresses:\n${INGRESS}`,
      [`${FILE}:1:20: kubeVip.version: "banana"`, `${FILE}:9:9: traefik.values.logs.general.level: ${twice(7)}`, `${FILE}:10:24: ${KIND}`],
    ],
    [
      'in a list item (ingresses[0].host), judged with its last value, beside a values error and another item',
      `${KUBE_VIP}${TRAEFIK}  values:\n    deployment: {kind: Deploymnet}\ningresses:\n${INGRESS}    host: A_B.example.com\n` +
        '  - {name: be, host: b.example.com, service: backend, port: 99999}\n',
      [
        `${FILE}:5:24: ${KIND}`,
        `${FILE}:11:5: ingresses[0].host: ${inItem(8, 'host: A_B.example.com')}`,
        `${FILE}:11:11: ${HOST}`,
        `${FILE}:12:61: ingresses[1].port: 99999 is too big: expected at most 65535`,
      ],
    ],
    [
      'a whole top-level block written twice (kubeVip), its last value judged, beside an Ingress host',
      `${KUBE_VIP}${TRAEFIK}ingresses: [{name: fe, host: A_B.example.com, service: frontend, port: 80}]\n` +
        'kubeVip: {version: v1.2.3, interface: eth 0, controlPlane: {address: 192.168.0.40}}\n',
      [`${FILE}:4:30: ${HOST}`, `${FILE}:5:1: kubeVip: ${twice(1)}`, `${FILE}:5:39: kubeVip.interface: "eth 0" contains " "`],
    ],
    [
      'a top-level leaf written twice (traefik.loadBalancerIPs), beside an unknown key and a route and name used twice',
      `${KUBE_VIP}${TRAEFIK}  loadBalancerIPs: [192.168.0.42]\n  chartVerison: 39.0.7\ningresses:\n${INGRESS}${INGRESS}`,
      [
        `${FILE}:4:3: traefik.loadBalancerIPs: ${twice(3)}`,
        `${FILE}:5:3: traefik.chartVerison: unknown key "chartVerison": did you mean "chartVersion"?`,
        `${FILE}:11:5: ingresses[1].path: host "a.example.com" with path "/" is already routed by ingresses[0]`,
        `${FILE}:11:11: ingresses[1].name: "fe" in namespace "default" is already used by ingresses[0]`,
      ],
    ],
    [
      'a key written three times in an extraObjects item, said once, beside a values error',
      `${KUBE_VIP}${TRAEFIK}  values:\n    extraObjects:\n      - apiVersion: v1\n        kind: ConfigMap\n` +
        '        metadata: {name: a, name: b, name: Bad_Name}\n    deployment: {kind: Deploymnet}\n',
      [
        `${FILE}:8:29: traefik.values.extraObjects[0].metadata.name: ${twice(8)}`,
        `${FILE}:8:44: traefik.values.extraObjects[0].metadata.name: "Bad_Name"`,
        `${FILE}:9:24: ${KIND}`,
      ],
    ],
    [
      'a key first written empty, then with a value (the parser places its error before the key): said, not a silent override',
      `${KUBE_VIP}${TRAEFIK}  chartVersion:\n  chartVersion: 39.0.7\n  values:\n    logs:\n    logs: {general: {level: bogus}}\n`,
      [
        `${FILE}:5:3: traefik.chartVersion: ${twice(4)}`,
        `${FILE}:8:5: traefik.values.logs: ${twice(7)}`,
        `${FILE}:8:29: traefik.values.logs.general.level: is not one of "TRACE", "DEBUG", "INFO"`,
      ],
    ],
    [
      'an anchored value written over, its alias still read, beside a values error',
      `${KUBE_VIP}traefik:\n  loadBalancerIPs: &ips [192.168.0.41]\n  loadBalancerIPs: [192.168.0.41]\n  values:\n` +
        '    service: {spec: {loadBalancerSourceRanges: *ips}}\n    deployment: {kind: Deploymnet}\n',
      [
        `${FILE}:4:3: traefik.loadBalancerIPs: ${twice(3)}`,
        // The alias is read: a bare address is not the CIDR block the API server takes there (49b-1).
        `${FILE}:6:48: traefik.values.service.spec.loadBalancerSourceRanges[0]: is "192.168.0.41"; the API server expects a CIDR block`,
        `${FILE}:7:24: ${KIND}`,
      ],
    ],
    [
      'two maps with keys written twice, each said, beside an unknown YAML tag',
      `${KUBE_VIP}${TRAEFIK}  chartVersion: 39.0.7\n  chartVersion: 39.0.7\n  values:\n    logs: {general: {level: INFO, level: INFO}}\n` +
        '    deployment: !Ref x\n',
      [
        `${FILE}:5:3: traefik.chartVersion: ${twice(4)}`,
        `${FILE}:7:35: traefik.values.logs.general.level: ${twice(7)}`,
        `${FILE}:8:17: traefik.values.deployment: "!Ref" is a YAML tag this config does not know`,
      ],
    ],
  ])('%s', (_, text, expected) => {
    const { config, errors } = judged(text);
    expect(config).toBeUndefined();
    for (const line of expected) expect(errors).toContainEqual(expect.stringContaining(line));
    expect(errors).toHaveLength(expected.length);
  });

  test('a secret written twice: neither value is shown, and the other problems still are', () => {
    const text =
      `${KUBE_VIP}${TRAEFIK}  values:\n    env:\n      - name: DB_PASSWORD\n        value: Zq9pW7vLs3cr3t\n` +
      '        value: Xk2mQ8nRt0ken\n    deployment: {kind: Deploymnet}\npassword: Hb4jT6wYpass\npassword: Vc7dL1sEpass\n';
    const { config, errors } = judged(text);
    expect(config).toBeUndefined();
    expect(errors.join('\n')).not.toMatch(/Zq9pW7vLs3cr3t|Xk2mQ8nRt0ken|Hb4jT6wYpass|Vc7dL1sEpass/);
    expect(errors).toContainEqual(expect.stringContaining(`${FILE}:8:9: traefik.values.env[0].value: ${inItem(7, 'value: <redacted>')}`));
    expect(errors).toContainEqual(expect.stringContaining(`${FILE}:9:24: ${KIND}`));
    expect(errors).toContainEqual(expect.stringContaining(`${FILE}:11:1: password: ${twice(10)}`));
  });

  test.each<[string, string, string[]]>([
    [
      'alone, with a valid last value: refused with that one message',
      `${KUBE_VIP}${TRAEFIK}${TRAEFIK}`,
      [`${FILE}:4:1: traefik: ${twice(2)}`],
    ],
    [
      'beside a real syntax error: both said, nothing else judged, as before (the reading stops at the syntax error)',
      `${KUBE_VIP}${TRAEFIK}${TRAEFIK}ingresses: [{name: fe\n`,
      [`${FILE}:4:1: traefik: ${twice(2)}`, `${FILE}:6:13: ingresses[0]: opens a flow map ({) that is never closed`],
    ],
  ])('control: %s', (_, text, expected) => {
    const { config, errors } = judged(text);
    expect(config).toBeUndefined();
    expect(errors).toHaveLength(expected.length);
    expected.forEach((line, i) => expect(errors[i]).toContain(line));
  });
});

describe('45b-6 through synth: every problem in one run, and nothing written', () => {
  test('the finding: four problems, exit 1, the output folder as it was', () => {
    const root = mkdtempSync(join(tmpdir(), 'k3s-vip-onerun46-'));
    const [configDir, distDir] = [join(root, 'config'), join(root, 'dist')];
    mkdirSync(configDir);
    mkdirSync(join(distDir, 't'), { recursive: true });
    writeFileSync(join(distDir, 't', 'old.yaml'), 'old: true\n');
    writeFileSync(
      join(configDir, 't.yaml'),
      `${KUBE_VIP}${TRAEFIK}  values:\n    deployment: {kind: Deploymnet}\n    logs: {general: {level: DEBUG, level: INFO}}\n` +
        'ingresses: [{name: fe, host: A_B.example.com, service: frontend, port: 99999}]\n',
    );
    const lines: string[] = [];
    expect(runSynth({ configDir, distDir, wiring, log: (l) => lines.push(l), out: () => undefined })).toBe(1);
    const shown = lines.join('\n');
    for (const part of [KIND, `traefik.values.logs.general.level: ${twice(6)}`, HOST, PORT]) expect(shown).toContain(part);
    expect(listFiles(distDir)).toEqual(['t/old.yaml']);
    expect(readFileSync(join(distDir, 't', 'old.yaml'), 'utf8')).toBe('old: true\n');
  });
});
