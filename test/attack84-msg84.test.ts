// Round 83 messages (83a-12, 83a-13, 83a-26): every mount over the ServiceAccount token's folder is said at once, each at
// its own key path; a tab after a list dash is one line at the tab, saying to write a space; one bad label key of a pod
// scheduling selector is one line, not two.
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { DEV_YAML } from './helpers';
import { ruleDoors } from './rule-doors';

const errorsOf = (text: string) => parseConfigText('config/t.yaml', text).errors.map(formatDiagnostic);

/** `config/dev.yaml` with `lines` under `traefik:`, after `redirectToHttps: true` (its line 11: `lines` from line 12). */
const inTraefik = (lines: string) => DEV_YAML.replace('  redirectToHttps: true\n', `  redirectToHttps: true\n${lines}`);
const lineOf = (text: string, part: string) => text.slice(0, text.indexOf(part)).split('\n').length;
const SECRET = 'Zq8vXk3pLm9RtYw2Hb7N';

const TAB_ITEM = inTraefik('  values:\n    env:\n      -\tname: A\n        value: b\n');
const TAB_LINE =
  'has a tab after its list dash ("-"), where YAML needs a space before the item\'s key: write a space there instead of the tab';

// [name, file, parts each found in one error line, parts in none, how many error lines (0: the file passes)]
const yamlRows: Array<[string, string, string[], string[], number]> = [
  [
    '83a-13 a tab after a list dash under traefik.values: one line at the tab, saying to write a space',
    TAB_ITEM,
    [`config/t.yaml:14:8: traefik.values.env[0]: line 14 ${TAB_LINE}`],
    ['Tabs are not allowed', 'indent `value`', '\\u0009'],
    1,
  ],
  [
    "83a-13 a tab after a dash of the config's own list (k3s.servers)",
    DEV_YAML.replace('    - name: k3s-3\n', '    -\tname: k3s-3\n'),
    [`config/t.yaml:${lineOf(DEV_YAML, '- name: k3s-3')}:6: k3s.servers[2]: line ${lineOf(DEV_YAML, '- name: k3s-3')} ${TAB_LINE}`],
    ['Tabs are not allowed', 'indent'],
    1,
  ],
  [
    '83a-13 a tab after a dash in a nested list under traefik.values (a sidecar env)',
    inTraefik(
      '  values:\n    deployment:\n      additionalContainers:\n        - name: s\n          image: busybox:1.36\n          env:\n            -\tname: A\n              value: b\n',
    ),
    [`config/t.yaml:18:14: traefik.values.deployment.additionalContainers[0].env[0]: line 18 ${TAB_LINE}`],
    ['Tabs are not allowed', 'indent'],
    1,
  ],
  [
    '83a-13 two items with a tab after the dash: one line each, at its own item',
    inTraefik('  values:\n    env:\n      -\tname: A\n        value: b\n      -\tname: B\n        value: c\n'),
    ['traefik.values.env[0]: line 14 has a tab', 'traefik.values.env[1]: line 16 has a tab'],
    ['Tabs are not allowed', 'indent'],
    2,
  ],
  [
    '83a-13 a tab after a dash and problems elsewhere: all said in one run',
    inTraefik('  chartVersion: "39.0.x"\n  values:\n    env:\n      -\tname: A\n        value: b\n').replace('port: 80', 'port: 0'),
    ['traefik.values.env[0]: line 15 has a tab', 'traefik.chartVersion: "39.0.x" is not a chart version', 'ingresses[0].port:'],
    ['Tabs are not allowed'],
    3,
  ],
  [
    '83a-13 a space, then a tab after the dash: one line, saying to remove the tab',
    inTraefik('  values:\n    env:\n      - \tname: A\n        value: b\n'),
    [
      'config/t.yaml:14:9: traefik.values.env[0]: line 14 has a tab after its list dash ("-"), where YAML needs a space before the item\'s key: remove the tab',
    ],
    ['Tabs are not allowed', 'without - indicator', 'indent'],
    1,
  ],
  [
    "83a-13 a space, then a tab, the item's next line under the key as the tab showed it: one line with the indentation to write",
    inTraefik('  values:\n    env:\n      - \tname: A\n         value: b\n'),
    [
      'traefik.values.env[0]: line 14 has a tab after its list dash ("-"), where YAML needs a space before the item\'s key: remove the tab, and indent line 15 and the item\'s other lines with 8 spaces, under its key',
    ],
    ['Tabs are not allowed'],
    1,
  ],
  [
    "83a-13 the item's next line aligned to a wider tab: one line with the indentation to write, the rest still judged",
    inTraefik('  values:\n    env:\n    -\tname: A\n        value: b\n').replace('port: 80', 'port: 0'),
    [
      `config/t.yaml:14:6: traefik.values.env[0]: line 14 ${TAB_LINE}, and indent line 15 and the item's other lines with 6 spaces, under its key`,
      'ingresses[0].port:',
    ],
    ['Tabs are not allowed', '\\u0009', 'second ": "', 'Implicit keys'],
    2,
  ],
  [
    '83a-13 (neighbour) a block text in the item, indented past its key: no indentation said',
    inTraefik(
      '  values:\n    deployment:\n      initContainers:\n        -\tname: a\n          image: busybox:1.36\n          args:\n            - |\n              echo hi\n',
    ),
    [`config/t.yaml:15:10: traefik.values.deployment.initContainers[0]: line 15 ${TAB_LINE}`],
    ['indent', 'Tabs are not allowed'],
    1,
  ],
  [
    '83a-13 a tab before and after the dash: one line with both fixes',
    inTraefik('  values:\n    env:\n\t-\tname: A\n        value: b\n'),
    [
      'line 14 uses a tab for indentation; YAML needs spaces: indent line 14 with 6 spaces instead, and write a space after its "-" instead of the tab',
    ],
    ['Tabs are not allowed'],
    1,
  ],
  [
    "83a-13 a tab after a dash in a secret's item: the tab and the secret said, the secret's value in neither",
    inTraefik(`  values:\n    env:\n      -\tname: PASSWORD\n        value: ${SECRET}\n`),
    ['traefik.values.env[0]: line 14 has a tab', 'traefik.values.env[0].value: holds a value under a key named like a secret'],
    [SECRET, 'Tabs are not allowed'],
    2,
  ],
  [
    '83a-13 a tab after `key:` before a map on the line: the nested map alone is said',
    inTraefik('  values:\n    logs:\tgeneral: x\n'),
    ['traefik.values.logs: has a second ": " in its value'],
    ['Tabs are not allowed'],
    1,
  ],
  [
    '83a-13 (neighbour) a tab after a dash before a scalar item is valid YAML: the file passes',
    DEV_YAML.replace('  loadBalancerIPs: [192.168.0.41]\n', '  loadBalancerIPs:\n    -\t192.168.0.41\n').replace(
      '  redirectToHttps: true\n',
      '  redirectToHttps: true\n  values:\n    additionalArguments:\n      -\t"--log.level=DEBUG"\n',
    ),
    [],
    [],
    0,
  ],
  [
    '83a-13 (neighbour) a tab after a dash before a flow map, and a tab after `key:` before a value, are valid: the file passes',
    inTraefik('  values:\n    env:\n      -\t{name: A, value: b}\n    logs:\n      general:\n        level:\tDEBUG\n'),
    [],
    [],
    0,
  ],
];

describe('83a-13: a tab after a list dash is one line, at the tab, saying to write a space', () => {
  test.each(yamlRows)('%s', (_, text, said, unsaid, count) => {
    const errors = errorsOf(text);
    for (const part of said) expect(errors.filter((line) => line.includes(part))).toHaveLength(1);
    for (const part of unsaid) expect(errors.join('\n')).not.toContain(part);
    expect(errors).toHaveLength(count);
  });

  test('83a-13 a tab after the dash of a config written as a list: one line, the list message', () => {
    const errors = errorsOf(
      `-\tkubeVip: {version: v1.2.3, interface: eth0, controlPlane: {address: 192.168.0.40}}\n  traefik: {loadBalancerIPs: [192.168.0.41]}\n`,
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('config/t.yaml:1:1: is a list of 1 item, not a mapping of keys');
  });
});

const ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';
const mountsOver = (paths: string[], volumes: object[] = []) => ({
  deployment: { additionalVolumes: [{ name: 'e', emptyDir: {} }] },
  additionalVolumeMounts: paths.map((mountPath, i) => ({ name: 'e', mountPath, subPath: `f${i}` })),
  ...(volumes.length && { volumes }),
});

/** The lines of `text` that name `key` (a key path followed by `:` or a blank, as each door writes it). */
const linesAt = (text: string, key: string) => text.split('\n').filter((line) => line.includes(`${key}:`) || line.includes(`${key} `));

// [name, traefik.values, key paths each said on one line of every door that judges the config, what each says]
const tokenRows: Array<[string, object, string[], string]> = [
  [
    '83a-12 three mounts inside the token folder: three lines, each at its own mount',
    mountsOver([
      `/var/run/secrets/kubernetes.io/./serviceaccount/token`,
      `${ACCOUNT_DIR}//ca.crt`,
      '/var/run/secrets/kubernetes.io/x/../serviceaccount/other',
    ]),
    [0, 1, 2].map((i) => `traefik.values.additionalVolumeMounts[${i}].mountPath`),
    'mount it elsewhere',
  ],
  [
    '83a-12 a chart volume over the folder and a mount over the token: both',
    mountsOver([`${ACCOUNT_DIR}/token`], [{ name: 'cm', type: 'configMap', mountPath: ACCOUNT_DIR }]),
    ['traefik.values.volumes[0].mountPath', 'traefik.values.additionalVolumeMounts[0].mountPath'],
    'mount it elsewhere',
  ],
];

describe('83a-12: every mount over the ServiceAccount token folder is said at once', () => {
  test.each(tokenRows)('%s', (_, values, keys, fix) => {
    const doors = ruleDoors(values);
    const tokenLines = doors.errors.filter((line) => line.includes(ACCOUNT_DIR));
    expect(tokenLines).toHaveLength(keys.length);
    for (const key of keys) {
      expect(linesAt(doors.errors.join('\n'), key)).toHaveLength(1);
      expect(linesAt(doors.errors.join('\n'), key)[0]).toContain(fix);
      expect(linesAt(doors.cluster, key)).toHaveLength(1);
    }
  });

  test('83a-12 (neighbour) mounts beside the folder, not in it, pass', () => {
    // The folder's namespace file is one client-go's in-cluster config does not read: a file over it hides nothing.
    const doors = ruleDoors(mountsOver([`${ACCOUNT_DIR}-extra/token`, '/var/run/secrets/other/ca.crt', `${ACCOUNT_DIR}/namespace`]));
    expect(doors.errors).toEqual([]);
    expect(doors.cluster).toBe('');
  });
});

const SPREAD = { maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' };
const spreadWith = (labelSelector: object) => ({ topologySpreadConstraints: [{ ...SPREAD, labelSelector }] });
const antiAffinityWith = (term: object) => ({
  affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'zone', ...term }] } },
});
const extraDeployment = (podSpec: object) => ({
  extraObjects: [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', namespace: 'default' },
      spec: {
        selector: { matchLabels: { app: 'd' } },
        template: { metadata: { labels: { app: 'd' } }, spec: { ...podSpec, containers: [{ name: 'c', image: 'nginx:1.27' }] } },
      },
    },
  ],
});
const ANTI = 'traefik.values.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]';
const EXTRA = 'traefik.values.extraObjects[0].spec.template.spec';

// [name, traefik.values, key paths each said on exactly one line of each door, what each says (or [] for a file that passes)]
const labelRows: Array<[string, object, string[], string]> = [
  [
    "83a-26 a spread constraint's matchLabels key: one line",
    spreadWith({ matchLabels: { 'a b': 'c' } }),
    ['traefik.values.topologySpreadConstraints[0].labelSelector.matchLabels["a b"]'],
    '"a b" is not a valid key',
  ],
  [
    "83a-26 a spread constraint's matchLabels value: one line",
    spreadWith({ matchLabels: { a: 'b c' } }),
    ['traefik.values.topologySpreadConstraints[0].labelSelector.matchLabels.a'],
    '"b c" is not a valid label value',
  ],
  [
    "83a-26 a spread constraint's matchExpressions key: one line",
    spreadWith({ matchExpressions: [{ key: 'a b', operator: 'Exists' }] }),
    ['traefik.values.topologySpreadConstraints[0].labelSelector.matchExpressions[0].key'],
    '"a b" is not a valid key',
  ],
  [
    "83a-26 a pod anti-affinity term's labelSelector and namespaceSelector keys: one line each",
    antiAffinityWith({ labelSelector: { matchLabels: { 'a b': 'c' } }, namespaceSelector: { matchLabels: { 'x y': 'z' } } }),
    [`${ANTI}.labelSelector.matchLabels["a b"]`, `${ANTI}.namespaceSelector.matchLabels["x y"]`],
    'is not a valid key',
  ],
  [
    "83a-26 a preferred pod affinity term's matchLabels key: one line",
    {
      affinity: {
        podAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 1, podAffinityTerm: { topologyKey: 'zone', labelSelector: { matchLabels: { 'a b': 'c' } } } },
          ],
        },
      },
    },
    [
      'traefik.values.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.labelSelector.matchLabels["a b"]',
    ],
    '"a b" is not a valid key',
  ],
  [
    "83a-26 an extraObjects workload's spread constraint and anti-affinity keys: one line each",
    extraDeployment({
      topologySpreadConstraints: [
        { ...SPREAD, labelSelector: { matchLabels: { 'a b': 'c' }, matchExpressions: [{ key: 'e f', operator: 'Exists' }] } },
      ],
      affinity: antiAffinityWith({ labelSelector: { matchLabels: { 'g h': 'c' } } }).affinity,
    }),
    [
      `${EXTRA}.topologySpreadConstraints[0].labelSelector.matchLabels["a b"]`,
      `${EXTRA}.topologySpreadConstraints[0].labelSelector.matchExpressions[0].key`,
      `${EXTRA}.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchLabels["g h"]`,
    ],
    'is not a valid key',
  ],
  [
    "83a-26 (neighbour) a pod label's bad key outside the scheduling selectors: still refused, once",
    { deployment: { podLabels: { 'a b': 'c' } } },
    ['traefik.values.deployment.podLabels["a b"]'],
    '"a b" is not a valid key',
  ],
];

describe('83a-26: one bad label of a pod scheduling selector is one line', () => {
  test.each(labelRows)('%s', (_, values, keys, what) => {
    const doors = ruleDoors(values);
    for (const key of keys) {
      for (const door of [doors.errors.join('\n'), doors.cluster]) {
        expect(linesAt(door, key)).toHaveLength(1);
        expect(linesAt(door, key)[0]).toContain(what);
      }
    }
    expect(doors.errors).toHaveLength(keys.length);
  });

  test('83a-26 (neighbour) valid selectors pass at every door', () => {
    const selector = {
      matchLabels: { 'app.kubernetes.io/name': 'traefik' },
      matchExpressions: [{ key: 'tier', operator: 'In', values: ['edge'] }],
    };
    const doors = ruleDoors({ ...spreadWith(selector), ...antiAffinityWith({ labelSelector: selector, namespaceSelector: selector }) });
    expect(doors.errors).toEqual([]);
    expect(doors.cluster).toBe('');
    expect(doors.chart).toBe('');
  });
});
