// Round 84 (84a-11, 84a-16, 84a-22): every line carries its key path and all problems are said at once: a secret in the
// earlier value of a key written twice (a K3s token, a password named by an env entry's first name); a selector
// label's bad key beside its bad value, a long key's bad prefix beside its length, a long key shown by its start; a
// tab after a list dash inside `providers.file.content` said at the config's line, with what to write.
import { parseConfigText, formatDiagnostic } from '../src/config/load';
import { pathKeyText } from '../src/core/problem';
import { DEV_YAML } from './helpers';

const errorsOf = (text: string) => {
  const { errors, config } = parseConfigText('config/t.yaml', text);
  return { config, errors: errors.map(formatDiagnostic) };
};

/** `config/dev.yaml` with `lines` under `traefik:`, after `redirectToHttps: true` (its line 11: `lines` from line 12). */
const inTraefik = (lines: string) => DEV_YAML.replace('  redirectToHttps: true\n', `  redirectToHttps: true\n${lines}`);
const lineOf = (text: string, part: string) => text.slice(0, text.indexOf(part)).split('\n').length;

const TOKEN = `K10${'abcdef0123456789'.repeat(4)}::server:Zq8wNc4rTy6u`;
const PASSWORD = 'Xq7vLm2pRt9zWb';
const LONG_KEY = `Example.COM/${'a'.repeat(73)}`;
const spread = (labels: string) =>
  inTraefik(
    '  values:\n    topologySpreadConstraints:\n      - maxSkew: 1\n        topologyKey: kubernetes.io/hostname\n' +
      `        whenUnsatisfiable: DoNotSchedule\n        labelSelector:\n          matchLabels:\n${labels}`,
  );
const affinity = (labels: string) =>
  inTraefik(
    '  values:\n    affinity:\n      podAntiAffinity:\n        requiredDuringSchedulingIgnoredDuringExecution:\n' +
      `          - topologyKey: kubernetes.io/hostname\n            labelSelector:\n              matchLabels: ${labels}\n`,
  );
const FILE_CONTENT = (server: string) =>
  inTraefik(
    '  values:\n    providers:\n      file:\n        enabled: true\n        content: |\n          http:\n            routers:\n' +
      '              r: {rule: "Host(`a.example.com`)", service: s}\n            services:\n              s:\n' +
      `                loadBalancer:\n                  servers:\n${server}`,
  );
const TAB_ITEM = '                    -\turl: http://10.0.0.1\n';

// [name, file, parts each found in exactly one error line, parts in none, how many error lines (0: the file passes)]
const rows: Array<[string, string, string[], string[], number]> = [
  [
    '84a-11 a K3s token in the first of two `image` keys: said at its key path, beside the duplicate-key line',
    inTraefik(`  values:\n    deployment:\n      additionalContainers:\n        - {name: c, image: "${TOKEN}", image: d}\n`),
    [
      'config/t.yaml:15:29: traefik.values.deployment.additionalContainers[0].image: holds a K3s token',
      'traefik.values.deployment.additionalContainers[0].image: is set twice',
    ],
    [TOKEN.slice(3, 30), 'Zq8wNc4rTy6u'],
    2,
  ],
  [
    '84a-11 (neighbour) the token in the only `image`: the same line',
    inTraefik(`  values:\n    deployment:\n      additionalContainers:\n        - {name: c, image: "${TOKEN}"}\n`),
    ['config/t.yaml:15:29: traefik.values.deployment.additionalContainers[0].image: holds a K3s token'],
    ['is set twice', 'Zq8wNc4rTy6u'],
    1,
  ],
  [
    '84a-11 a password under an env entry named DB_PASSWORD first, X last: the value is said in the same run',
    inTraefik(`  values:\n    env: [{name: DB_PASSWORD, value: "${PASSWORD}", name: X}]\n`),
    ['traefik.values.env[0].value: holds a value under a key named like a secret', 'traefik.values.env[0].name: is set twice'],
    [PASSWORD],
    2,
  ],
  [
    '84a-11 (neighbour) the password entry written once: said once',
    inTraefik(`  values:\n    env: [{name: DB_PASSWORD, value: "${PASSWORD}"}]\n`),
    ['traefik.values.env[0].value: holds a value under a key named like a secret'],
    [PASSWORD, 'is set twice'],
    1,
  ],
  [
    '84a-11 (neighbour) a plain value beside a name written twice: the duplicate-key line alone',
    inTraefik('  values:\n    env: [{name: LOG_FORMAT, value: json, name: X}]\n'),
    ['traefik.values.env[0].name: is set twice'],
    ['secret'],
    1,
  ],
  [
    '84a-16 spread constraint: a long key with an upper-case prefix, and a bad key with a bad value: all said, the long key by its start',
    spread(`            "${LONG_KEY}": ok\n            "a b": "c d"\n`),
    [
      `matchLabels["${LONG_KEY.slice(0, 60)}…"]: is not a valid label`,
      'the name after the prefix is 73 characters, at most 63; its prefix: "Example.COM" is not a valid name',
      'matchLabels["a b"]: is not a valid label',
      '"c d" is not a valid label value',
    ],
    ['(a text of'],
    2,
  ],
  [
    '84a-16 affinity: a bad key and its bad value in one line',
    affinity('{"a b": "c d"}'),
    [
      'podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchLabels["a b"]: is not a valid label',
      '"c d" is not a valid label value',
    ],
    [],
    1,
  ],
  [
    '84a-16 (neighbour) a valid long prefixed key and label values: the file passes',
    spread('            app.kubernetes.io/name: traefik\n            example.com/tier: web\n'),
    [],
    [],
    0,
  ],
  [
    '84a-16 (neighbour) a long name under a valid prefix: its length alone',
    spread(`            "example.com/${'a'.repeat(70)}": ok\n`),
    ['the name after the prefix is 70 characters, at most 63 (', `matchLabels["example.com/${'a'.repeat(48)}…"]`],
    ['its prefix'],
    1,
  ],
  [
    "84a-22 a tab after a list dash in providers.file.content: at the config's line and column, with what to write",
    FILE_CONTENT(TAB_ITEM),
    [
      `config/t.yaml:${lineOf(FILE_CONTENT(TAB_ITEM), '-\turl')}:22: traefik.values.providers.file.content: has a tab after a list dash ("-") on its line 8`,
      'serves none of its routers: write a space there instead of the tab',
    ],
    ['column', 'a tab as indentation'],
    1,
  ],
  [
    '84a-22 (neighbour) the same item with a space: the file passes',
    FILE_CONTENT('                    - url: http://10.0.0.1\n'),
    [],
    [],
    0,
  ],
  [
    '84a-22 (neighbour) a key written twice in the text: one position scheme too',
    FILE_CONTENT('                    - {url: http://10.0.0.1, url: http://10.0.0.2}\n'),
    ['traefik.values.providers.file.content: is no clean YAML (a key written twice, on its line 8)'],
    ['column'],
    1,
  ],
];

describe('round 84: every line carries its key path, every problem in one run', () => {
  test.each(rows)('%s', (_name, text, expected, unexpected, count) => {
    const { errors, config } = errorsOf(text);
    for (const part of expected) expect(errors.filter((line) => line.includes(part))).toHaveLength(1);
    for (const part of unexpected) expect(errors.filter((line) => line.includes(part))).toEqual([]);
    expect(errors).toHaveLength(count);
    if (count === 0) expect(config).toBeDefined();
    // One line per problem, each located and with its key path.
    for (const line of errors) expect(line).toMatch(/^config\/t\.yaml:\d+:\d+: traefik\.values\./);
  });
});

describe('84a-16: a long key of a key path', () => {
  test.each([
    ['a label-shaped key: its start', LONG_KEY, `${LONG_KEY.slice(0, 60)}…`],
    ['a key of one word: its size', 'k'.repeat(254), '(a text of 254 characters)'],
    ['a slash without a dotted prefix (base64-like): its size', `${'Ab9/'.repeat(25)}x`, '(a text of 101 characters)'],
    ['a short key: as it is', 'example.com/x', 'example.com/x'],
  ])('%s', (_name, key, shown) => expect(pathKeyText(key)).toBe(shown));
});

describe('84a-11: a `token` key written twice', () => {
  test('each literal token is said once, at its own line, beside the duplicate-key line', () => {
    const token = '  token: "Qw8rTy6uIo9pAs2d"\n  token: "Zx7cVb5nMm3kLj1h"\n';
    const text = DEV_YAML.replace('  tokenFile: /etc/rancher/k3s/cluster-token\n', `${token}  tokenFile: /etc/rancher/k3s/cluster-token\n`);
    const first = lineOf(text, 'Qw8r');
    const { errors } = errorsOf(text);
    expect(errors).toEqual([
      `config/t.yaml:${first}:3: k3s.token: is a literal token; a K3s token must never enter the repository: keep it in a file on every node and name that file in k3s.tokenFile`,
      `config/t.yaml:${first + 1}:3: k3s.token: is set twice (first on line ${first}): keep one`,
      `config/t.yaml:${first + 1}:3: k3s.token: is a literal token; a K3s token must never enter the repository: keep it in a file on every node and name that file in k3s.tokenFile`,
    ]);
  });
});
