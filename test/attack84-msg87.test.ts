// Round 84 messages (84b-6, 84b-9): each key written twice in an extraObjects text item is said at its own config
// line:column, named, with "keep one"; list items written as a bare `-` with tab-indented keys are each said at their
// own item, none called empty.
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { snapshot } from '../src/core/snapshot';
import { DEV_YAML } from './helpers';

const errorsOf = (text: string) => parseConfigText('config/t.yaml', text).errors.map(formatDiagnostic);

/** `config/dev.yaml` with `lines` under `traefik:`, after `redirectToHttps: true` (`lines` from line 12). */
const inTraefik = (lines: string) => DEV_YAML.replace('  redirectToHttps: true\n', `  redirectToHttps: true\n${lines}`);
const SECRET = 'Zq8vXk3pLm9RtYw2Hb7N';

const textItem = (...lines: string[]) =>
  inTraefik(`  values:\n    extraObjects:\n      - |\n${lines.map((l) => `        ${l}\n`).join('')}`);
const DOUBLED = textItem(
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata: {name: cm, namespace: web, name: cm2}',
  'data: {a: "1", a: "2"}',
  'immutable: true',
  'immutable: false',
);
const ITEM = 'traefik.values.extraObjects[0]';
/** dev.yaml's `servers:` list, up to the next top-level key. */
const SERVERS = / {2}servers:\n[\s\S]*?(?=\n\S|\n$)/;

const TABBED = (second: string) => DEV_YAML.replace(SERVERS, `  servers:\n  -\n\tname: k3s-1\n\taddress: 192.168.0.11\n  -\n${second}`);

// [name, file, parts each found in exactly one error line, parts in none, how many error lines (0: the file passes)]
const rows: Array<[string, string, string[], string[], number]> = [
  [
    '84b-6 three keys written twice in a `- |` text: each at its own config line:column, named, "keep one"',
    DOUBLED,
    [
      `config/t.yaml:17:46: ${ITEM}: is text whose key metadata.name is set twice (first earlier on the same line): keep one`,
      `config/t.yaml:18:24: ${ITEM}: is text whose key data.a is set twice (first earlier on the same line): keep one`,
      `config/t.yaml:20:9: ${ITEM}: is text whose key immutable is set twice (first 1 line above): keep one`,
    ],
    ['at line 3, column 38', 'write it literally as a map', 'cm2'],
    3,
  ],
  [
    '84b-6 a doubled key whose value is a secret: named, the value not shown',
    textItem(
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: {name: cm, namespace: web}',
      'data:',
      `  token: ${SECRET}`,
      `  token: ${SECRET}x`,
    ),
    [
      `config/t.yaml:20:11: ${ITEM}: is text whose key data.token is set twice (first 1 line above): keep one`,
      'on its line 5',
      'on its line 6',
    ],
    [SECRET],
    3,
  ],
  [
    '84b-6 (neighbour) a doubled key beside a merge key: both said in one run',
    textItem('apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: cm, namespace: web}', 'x: &a {b: 1}', 'y: {<<: *a, c: 1, c: 2}'),
    [`config/t.yaml:19:27: ${ITEM}: is text whose key y.c is set twice`, `${ITEM}: is text that holds a YAML merge key (<<)`],
    [],
    2,
  ],
  [
    '84b-6 (neighbour) the same text without a doubled key passes',
    textItem('apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: cm, namespace: web}', 'data: {a: "1", b: "2"}'),
    [],
    [],
    0,
  ],
  [
    '84b-9 two bare-dash items with tab-indented keys: one line each, at its own item, none "empty"',
    TABBED('\tname: k3s-2\n\taddress: 192.168.0.12\n'),
    [
      't.yaml:28:1: k3s.servers[0].name: line 28 uses a tab',
      't.yaml:31:1: k3s.servers[1].name: line 31 uses a tab',
      '(so do line 29)',
      '(so do line 32)',
    ],
    ['is empty', 'lines 29, 31'],
    2,
  ],
  [
    '84b-9 (neighbour) only the second item tab-indented: one line, at servers[1]',
    DEV_YAML.replace(SERVERS, '  servers:\n  - name: k3s-1\n    address: 192.168.0.11\n  -\n\tname: k3s-2\n\taddress: 192.168.0.12\n'),
    ['t.yaml:30:1: k3s.servers[1].name: line 30 uses a tab'],
    ['is empty'],
    1,
  ],
  [
    '84b-9 (neighbour) a bare-dash item that is truly empty is still said empty',
    DEV_YAML.replace(SERVERS, '  servers:\n  -\n\tname: k3s-1\n\taddress: 192.168.0.11\n  -\n  - name: k3s-2\n    address: 192.168.0.12\n'),
    ['k3s.servers[0].name: line 28 uses a tab', 't.yaml:30:4: k3s.servers[1]: is empty'],
    [],
    2,
  ],
];

describe('84b-6, 84b-9: each problem at its own place, named, with a fix that fixes it', () => {
  test.each(rows)('%s', (_, text, said, unsaid, count) => {
    const errors = errorsOf(text);
    for (const part of said) expect(errors.filter((line) => line.includes(part))).toHaveLength(1);
    for (const part of unsaid) expect(errors.join('\n')).not.toContain(part);
    expect(errors).toHaveLength(count);
  });

  test('84b-6 through construct props: one problem per doubled key at the item path', () => {
    const text = 'kind: ConfigMap\nmetadata: {name: a, name: b}\ndata: {x: "1", x: "2"}\n';
    const { problems } = snapshot({ extraObjects: [text] }, ['traefik', 'values']);
    expect(problems.map((p) => p.message)).toEqual([
      'is text whose key metadata.name is set twice (first earlier on the same line): keep one',
      'is text whose key data.x is set twice (first earlier on the same line): keep one',
    ]);
    expect(problems.every((p) => p.path.join('.') === 'traefik.values.extraObjects.0')).toBe(true);
  });
});
