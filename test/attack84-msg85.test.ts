import { App, Chart } from 'cdk8s';
import { stringify } from 'yaml';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { K3sVipCluster, TraefikHelmChartConfig } from '../src/index';
import { devConfig, refusalOf, withChanges } from './helpers';

// Round 84 (84a-3, 84a-9, 84a-10, 84a-7): a tab after a list dash is one line, whose fix, applied, gives the item's keys
// lined up; a tab-indented key under a bare `-` is named at its item, with the item's indentation; a key written twice
// in braces is told to go (no new item starts inside `{…}`); the tool's own "K3s" is never blanked as a secret.

const errorsOf = (text: string) => parseConfigText('config/t.yaml', text).errors.map(formatDiagnostic);

const MIN =
  'kubeVip: {version: v1.2.3, interface: eth0, controlPlane: {address: 192.168.0.40}}\ntraefik:\n  loadBalancerIPs: [192.168.0.41]\n';
const SERVERS = 'k3s:\n  servers:\n    - {name: k3s-1, address: 192.168.0.11, interface: eth0}\n';
/** MIN with `lines` (from line 4) under `traefik.values.deployment.additionalContainers`, then SERVERS. */
const sidecars = (lines: string) => `${MIN}  values:\n    deployment:\n      additionalContainers:\n${lines}${SERVERS}`;
/** MIN with `lines` (from line 6) under `k3s.servers`. */
const servers = (lines: string) => `${MIN}k3s:\n  servers:\n${lines}`;
const ITEM_PATH = 'traefik.values.deployment.additionalContainers';
const DASH_TAB = 'has a tab after its list dash ("-"), where YAML needs a space before the item\'s key';

// [name, file, each line said (whole, in order), parts in none, the file with the fix applied (it must pass)]
const rows: Array<[string, string, string[], string[], string | undefined]> = [
  // 84a-3: two tabs after a dash, then an item with a space and a tab: one line per tab, fixes that line the keys up.
  [
    '84a-3 `-<TAB><TAB>` then `- <TAB>`: one line each',
    sidecars('        -\t\tname: c\n          image: busybox:1.36\n        - \tname: d\n          image: busybox:1.36\n'),
    [
      `config/t.yaml:7:10: ${ITEM_PATH}[0]: line 7 ${DASH_TAB}: write one space there instead of the 2 tabs`,
      `config/t.yaml:9:11: ${ITEM_PATH}[1]: line 9 ${DASH_TAB}: remove the tab`,
    ],
    ['indented', 'instead of the tab'],
    sidecars('        - name: c\n          image: busybox:1.36\n        - name: d\n          image: busybox:1.36\n'),
  ],
  [
    '84a-3 the same two items the other way round',
    sidecars('        - \tname: d\n          image: busybox:1.36\n        -\t\tname: c\n          image: busybox:1.36\n'),
    [
      `config/t.yaml:7:11: ${ITEM_PATH}[0]: line 7 ${DASH_TAB}: remove the tab`,
      `config/t.yaml:9:10: ${ITEM_PATH}[1]: line 9 ${DASH_TAB}: write one space there instead of the 2 tabs`,
    ],
    ['indented'],
    sidecars('        - name: d\n          image: busybox:1.36\n        - name: c\n          image: busybox:1.36\n'),
  ],
  [
    '84a-3 (neighbour) `- <TAB>` alone: the tab to remove',
    sidecars('        - \tname: d\n          image: busybox:1.36\n'),
    [`config/t.yaml:7:11: ${ITEM_PATH}[0]: line 7 ${DASH_TAB}: remove the tab`],
    [],
    sidecars('        - name: d\n          image: busybox:1.36\n'),
  ],
  [
    '84a-3 (neighbour) `-<TAB>` alone: a space for it',
    sidecars('        -\tname: d\n          image: busybox:1.36\n'),
    [`config/t.yaml:7:10: ${ITEM_PATH}[0]: line 7 ${DASH_TAB}: write a space there instead of the tab`],
    [],
    sidecars('        - name: d\n          image: busybox:1.36\n'),
  ],
  [
    '84a-3 (neighbour) `- <TAB><TAB>`: both tabs to remove',
    sidecars('        - \t\tname: d\n          image: busybox:1.36\n'),
    [`config/t.yaml:7:11: ${ITEM_PATH}[0]: line 7 ${DASH_TAB}: remove the 2 tabs`],
    [],
    sidecars('        - name: d\n          image: busybox:1.36\n'),
  ],
  [
    '84a-3 (neighbour) `-<TAB><TAB>` with its next key where the tabs showed it: the indentation to write too',
    sidecars('        -\t\tname: c\n           image: busybox:1.36\n'),
    [
      `config/t.yaml:7:10: ${ITEM_PATH}[0]: line 7 ${DASH_TAB}: write one space there instead of the 2 tabs, and indent line 8 and the item's other lines with 10 spaces, under its key`,
    ],
    [],
    sidecars('        - name: c\n          image: busybox:1.36\n'),
  ],
  [
    '84a-3 (neighbour) `- <TAB>` with its next key between the dash and the key: the indentation to write too',
    sidecars('        - \tname: d\n         image: busybox:1.36\n'),
    [
      `config/t.yaml:7:11: ${ITEM_PATH}[0]: line 7 ${DASH_TAB}: remove the tab, and indent line 8 and the item's other lines with 10 spaces, under its key`,
    ],
    [],
    sidecars('        - name: d\n          image: busybox:1.36\n'),
  ],
  [
    "84a-3 (neighbour) `-<TAB>` before a map nested under the key: one line, the map is the key's",
    sidecars('        - \tname: d\n          image: busybox:1.36\n          securityContext:\n            runAsNonRoot: true\n'),
    [`config/t.yaml:7:11: ${ITEM_PATH}[0]: line 7 ${DASH_TAB}: remove the tab`],
    [],
    sidecars('        - name: d\n          image: busybox:1.36\n          securityContext:\n            runAsNonRoot: true\n'),
  ],
  // 84a-10: a tab-indented key under a bare dash is the first key of that dash's item, at the item's keys' indentation.
  [
    "84a-10 a tab-indented key under a bare dash, the item's other keys at 6",
    servers('    -\n\tname: k3s-1\n      address: 192.168.0.11\n      interface: eth0\n'),
    ['config/t.yaml:7:1: k3s.servers[0].name: line 7 uses a tab for indentation; YAML needs spaces: indent line 7 with 6 spaces instead'],
    ['k3s.servers.name', '5 spaces'],
    servers('    -\n      name: k3s-1\n      address: 192.168.0.11\n      interface: eth0\n'),
  ],
  [
    "84a-10 the item's only key: still its item's, two past the dash",
    servers('    -\n\tname: k3s-1\n'),
    ['config/t.yaml:7:1: k3s.servers[0].name: line 7 uses a tab for indentation; YAML needs spaces: indent line 7 with 6 spaces instead'],
    ['required'],
    undefined,
  ],
  [
    '84a-10 under the second bare dash: the second item',
    servers(
      '    - name: k3s-1\n      address: 192.168.0.11\n      interface: eth0\n    -\n\tname: k3s-2\n      address: 192.168.0.12\n    - {name: k3s-3, address: 192.168.0.13}\n',
    ),
    [
      'config/t.yaml:10:1: k3s.servers[1].name: line 10 uses a tab for indentation; YAML needs spaces: indent line 10 with 6 spaces instead',
    ],
    [],
    servers(
      '    - name: k3s-1\n      address: 192.168.0.11\n      interface: eth0\n    -\n      name: k3s-2\n      address: 192.168.0.12\n    - {name: k3s-3, address: 192.168.0.13}\n',
    ),
  ],
  [
    "84a-10 (neighbour) the item's keys deeper than two past the dash: their indentation",
    servers('    -\n\tname: k3s-1\n        address: 192.168.0.11\n        interface: eth0\n'),
    ['config/t.yaml:7:1: k3s.servers[0].name: line 7 uses a tab for indentation; YAML needs spaces: indent line 7 with 8 spaces instead'],
    [],
    servers('    -\n        name: k3s-1\n        address: 192.168.0.11\n        interface: eth0\n'),
  ],
  [
    '84a-10 (neighbour) under a bare dash in traefik.values.env',
    `${MIN}  values:\n    env:\n      -\n\tname: A\n        value: x\n${SERVERS}`,
    [
      'config/t.yaml:7:1: traefik.values.env[0].name: line 7 uses a tab for indentation; YAML needs spaces: indent line 7 with 8 spaces instead',
    ],
    [],
    `${MIN}  values:\n    env:\n      -\n        name: A\n        value: x\n${SERVERS}`,
  ],
  [
    '84a-10 (neighbour) a tab-indented key under `- name:` keeps its item and spaces',
    servers('    - name: k3s-1\n\taddress: 192.168.0.11\n      interface: eth0\n'),
    [
      'config/t.yaml:7:1: k3s.servers[0].address: line 7 uses a tab for indentation; YAML needs spaces: indent line 7 with 6 spaces instead',
    ],
    [],
    servers('    - name: k3s-1\n      address: 192.168.0.11\n      interface: eth0\n'),
  ],
  // 84a-9: in braces a key written twice is one to remove; a block item's may be a new item's first.
  [
    '84a-9 a key written twice in a `{…}` list item',
    servers('    - {name: k3s-1, address: 192.168.0.11, address: 192.168.0.12, interface: eth0}\n'),
    ['config/t.yaml:6:44: k3s.servers[0].address: is set twice (first on line 6): keep one'],
    ['new item', '- {'],
    servers('    - {name: k3s-1, address: 192.168.0.12, interface: eth0}\n'),
  ],
  [
    "84a-9 a key written twice in an extraObjects container's `{…}` port",
    `${MIN}  values:\n    extraObjects:\n      - apiVersion: v1\n        kind: Pod\n        metadata: {name: web, namespace: default}\n        spec:\n          containers:\n            - name: web\n              image: nginx:1.27\n              ports:\n                - {containerPort: 80, name: http, containerPort: 8080}\n${SERVERS}`,
    [
      'config/t.yaml:14:51: traefik.values.extraObjects[0].spec.containers[0].ports[0].containerPort: is set twice (first on line 14): keep one',
    ],
    ['new item'],
    undefined,
  ],
  [
    '84a-9 (neighbour) a `{…}` item over two lines: still one to remove',
    servers('    - {name: k3s-1, address: 192.168.0.11,\n       address: 192.168.0.12, interface: eth0}\n'),
    ['config/t.yaml:7:8: k3s.servers[0].address: is set twice (first on line 6): keep one'],
    ['new item'],
    undefined,
  ],
  [
    '84a-9 (neighbour) a block list item: a new item may start there',
    servers('    - name: k3s-1\n      address: 192.168.0.11\n      interface: eth0\n      name: k3s-2\n      address: 192.168.0.12\n'),
    [
      'config/t.yaml:9:7: k3s.servers[0].name: appears a second time in this list item (first on line 6): if a new item starts here, write "- name: k3s-2" at the indentation of the other dashes',
    ],
    [],
    undefined,
  ],
];

describe('round 84 messages: a tab after a dash, a tab under a bare dash, a key twice in braces', () => {
  it.each(rows)('%s', (_name, text, said, none, fixed) => {
    const errors = errorsOf(text);
    expect(errors).toEqual(said);
    for (const part of none) expect(errors.join('\n')).not.toContain(part);
    // Doing as told gives a file that passes.
    if (fixed !== undefined) expect(errorsOf(fixed)).toEqual([]);
  });
});

// 84a-7: the tool's own words are fixed wording: "K3s" after `…item makes:` is no labelled value to blank.
const line = (d: Parameters<typeof formatDiagnostic>[0]) => formatDiagnostic({ ...d, file: '', line: undefined }).replace(/^: /, '');
function doors(values: object) {
  const config = withChanges(devConfig(), { traefik: { ...devConfig().traefik, values } });
  const parsed = parseConfigText('config/t.yaml', stringify(config));
  return {
    file: parsed.errors.map(line),
    cluster: refusalOf(() => new K3sVipCluster(new App(), 'c', config as never)),
    chart: refusalOf(
      () => new TraefikHelmChartConfig(new Chart(new App(), 'x'), 't', { loadBalancerIPs: ['192.168.0.41'], values: values as never }),
    ),
  };
}
const kubeSystemPod = (env: object[]) => ({
  extraObjects: [
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'shipper', namespace: 'kube-system' },
      spec: { containers: [{ name: 'shipper', image: 'fluent/fluent-bit:3.0.0', env }] },
    },
  ],
});
const ref = (name: string) => ({ name: 'X', valueFrom: { secretKeyRef: { name, key: 'tls.key' } } });
const REASON =
  "a Secret of kube-system that no extraObjects item makes: K3s keeps its own Secrets there (its serving key, the nodes' passwords, Helm's releases), which any pod of kube-system can read: ";
const ENV_PATH = 'traefik.values.extraObjects[0].spec.containers[0].env';
const GENERATED = 'Zq8vT3mLp7RtX4wN9sYbK2';

describe("84a-7: the kube-system Secret refusal says K3s' name at every door", () => {
  // [name, traefik.values, how many lines the file gets, parts each in one of them, parts in none (nor in a refusal)]
  it.each<[string, object, number, string[], string[]]>([
    [
      "an extraObjects pod reading K3s' serving key",
      kubeSystemPod([ref('k3s-serving')]),
      1,
      [`${ENV_PATH}[0].valueFrom.secretKeyRef.name: is "k3s-serving", ${REASON}run the pod in its application's namespace`],
      ['<redacted>'],
    ],
    [
      'a Secret name that looks generated: still not shown, the wording whole',
      kubeSystemPod([ref(GENERATED)]),
      1,
      [`${ENV_PATH}[0].valueFrom.secretKeyRef.name: is (a text of 22 letters and digits that looks generated`, REASON],
      [GENERATED, '<redacted> keeps'],
    ],
    [
      'the Secret name is also a secret value of the pod: blanked where quoted, the wording whole',
      kubeSystemPod([{ name: 'DB_PASSWORD', value: 'k3s-serving' }, ref('k3s-serving')]),
      2,
      [`${ENV_PATH}[1].valueFrom.secretKeyRef.name: is "<redacted>", ${REASON}`, `${ENV_PATH}[0].value: holds a value`],
      ['k3s-serving', '<redacted> keeps'],
    ],
  ])('%s', (_name, values, count, said, none) => {
    const { file, cluster, chart } = doors(values);
    expect(file).toHaveLength(count);
    for (const part of said) expect(file.some((text) => text.includes(part))).toBe(true);
    for (const refusal of [cluster, chart]) {
      expect(refusal).toContain(REASON);
      for (const part of none) expect(refusal).not.toContain(part);
    }
    for (const part of none) expect(file.join('\n')).not.toContain(part);
  });

  it("a sidecar in Traefik's pods reading K3s' serving key: the same wording, unblanked", () => {
    const { file, cluster, chart } = doors({
      deployment: { additionalContainers: [{ name: 'shipper', image: 'fluent/fluent-bit:3.0.0', env: [ref('k3s-serving')] }] },
    });
    for (const said of [file.join('\n'), cluster, chart]) {
      expect(said).toContain('K3s keeps its own Secrets there');
      expect(said).not.toContain('<redacted>');
    }
  });
});
