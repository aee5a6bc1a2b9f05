import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FILE, TRAEFIK } from './bad-configs';
import { formatDiagnostic, loadConfigFile, parseConfigText } from '../src/config/load';
import { MAX_DEPTH, MAX_ENTRIES, MAX_FILE_BYTES } from '../src/config/yaml-input';

const errorsOf = (text: string) => parseConfigText(FILE, text).errors.map(formatDiagnostic);

/** Six levels of ten aliases each: a million values from a few hundred bytes. */
const ALIAS_BOMB =
  [
    'a: &a [x, x, x, x, x, x, x, x, x, x]',
    ...'bcdef'.split('').map((name, i) => {
      const previous = 'abcde'[i];
      return `${name}: &${name} [${Array(10).fill(`*${previous}`).join(', ')}]`;
    }),
  ].join('\n') + '\n';

const resolvers = (count: number) =>
  `${TRAEFIK}  externalCertResolvers: [${Array.from({ length: count }, (_, i) => `r${i}`).join(', ')}]\n`;
/** `ingresses:` then lists nested inside lists, `levels` collections deep in all (the top mapping counts). */
const nested = (levels: number) => `ingresses: ${'['.repeat(levels - 1)}${']'.repeat(levels - 1)}\n`;

const HOSTILE: Array<[string, string, string[]]> = [
  [
    'undefined alias',
    `${TRAEFIK}ingresses: *nope\n`,
    [`${FILE}:3:12: ingresses: *nope refers to no anchor: define \`&nope\` on a value above it, or write the value out`],
  ],
  [
    'alias inside its own anchor (a loop)',
    `${TRAEFIK}ingresses: &loop [*loop]\n`,
    [`${FILE}:3:19: ingresses[0]: *loop refers to a value that contains it (a loop): write the value out`],
  ],
  [
    'alias bomb ("billion laughs")',
    ALIAS_BOMB,
    // 82a-20: `e` and the uses of `*e` in `f` left out, the rest read: keys no config has, said alone as for any such file
    // (attack83-msg83.test.ts: the same bomb in a config says each use beside the config's other problems).
    [
      `${FILE}: has 5 top-level keys and none of a k3s-vip config, so it is not one: point at a k3s-vip config (top-level keys kubeVip, traefik, certManager, ingresses, httpRoutes, loadBalancers, k3s, gitops), or move the file out of the config folder`,
    ],
  ],
  [
    '10,000-deep flow nesting',
    `${'['.repeat(10000)}${']'.repeat(10000)}\n`,
    [`${FILE}:1:33: ${'[0]'.repeat(32)}: nests deeper than 32 levels; a config needs 7 at most: is it the right file?`],
  ],
  [
    'deep block nesting',
    Array.from({ length: 100 }, (_, i) => `${'  '.repeat(i)}a:`).join('\n') + ' 1\n',
    [`${FILE}:33:65: ${Array(32).fill('a').join('.')}: nests deeper than 32 levels; a config needs 7 at most: is it the right file?`],
  ],
  [
    `nesting one level over ${MAX_DEPTH}`,
    nested(MAX_DEPTH + 1),
    [
      `${FILE}:1:${12 + MAX_DEPTH - 1}: ingresses${'[0]'.repeat(MAX_DEPTH - 1)}: nests deeper than 32 levels; a config needs 7 at most: is it the right file?`,
    ],
  ],
  [
    `nesting of exactly ${MAX_DEPTH} levels reaches the schema`,
    nested(MAX_DEPTH),
    [
      `${FILE}:1:1: traefik.loadBalancerIPs: is missing and no IP pool serves namespace kube-system, so Traefik would stay <pending>: give fixed addresses, or add kubeVip.services.ipPool.global (or namespaces.kube-system)`,
      `${FILE}:1:13: ingresses[0]: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]] is a list: expected a mapping of keys`,
    ],
  ],
  [
    '100,000-entry list',
    `traefik:\n  loadBalancerIPs: [${Array(100_000).fill('0').join(',')}]\n`,
    [`${FILE}:2:20: traefik.loadBalancerIPs: has 100000 entries; at most 1000 are allowed in one list`],
  ],
  [
    `list of ${MAX_ENTRIES + 1} entries`,
    resolvers(MAX_ENTRIES + 1),
    [`${FILE}:3:26: traefik.externalCertResolvers: has 1001 entries; at most 1000 are allowed in one list`],
  ],
  [`list of exactly ${MAX_ENTRIES} entries`, resolvers(MAX_ENTRIES), []],
  [
    '2 MiB of text',
    `${TRAEFIK}# ${'x'.repeat(2 * 1024 * 1024)}\n`,
    [
      `${FILE}: is ${(TRAEFIK.length + 2 * 1024 * 1024 + 3).toLocaleString('en-US')} bytes; a config file may be at most 1,048,576 bytes (1 MiB; real ones are a few KiB): is it the right file?`,
    ],
  ],
  [
    'one byte over 1 MiB',
    `${TRAEFIK}#${'x'.repeat(MAX_FILE_BYTES - TRAEFIK.length - 1)}\n`,
    [`${FILE}: is 1,048,577 bytes; a config file may be at most 1,048,576 bytes (1 MiB; real ones are a few KiB): is it the right file?`],
  ],
  ['exactly 1 MiB', `${TRAEFIK}#${'x'.repeat(MAX_FILE_BYTES - TRAEFIK.length - 2)}\n`, []],
  [
    'NUL byte in a value',
    `kubeVip:\n  version: v1\u00002.3\n${TRAEFIK}`,
    [`${FILE}:2:14: kubeVip.version: holds the control character U+0000 NUL, which a config file must not contain: remove it`],
  ],
  [
    'NUL byte in a key',
    `kubeVip:\n  ver\u0000sion: v1.2.3\n${TRAEFIK}`,
    [`${FILE}:2:6: kubeVip["ver\\u0000sion"]: holds the control character U+0000 NUL, which a config file must not contain: remove it`],
  ],
  [
    'NUL written as an escape',
    `kubeVip:\n  version: "v1\\x002.3"\n${TRAEFIK}`,
    [`${FILE}:2:12: kubeVip.version: "v1\\u00002.3" holds a control character: remove it`],
  ],
  [
    'escape, DEL and a lone CR, in a comment and values, all reported top to bottom',
    `# ok\u001b\n${TRAEFIK}ingresses: [a\u007f]\rx\n`,
    [
      `${FILE}:1:5: holds the control character U+001B ESC, which a config file must not contain: remove it`,
      `${FILE}:4:14: ingresses[0]: holds the control character U+007F DEL, which a config file must not contain: remove it`,
      `${FILE}:4:16: ingresses: holds the control character U+000D CR, which a config file must not contain: remove it`,
    ],
  ],
  [
    'a C1 control character (U+0085)',
    `kubeVip:\n  interface: eth\u00850\n${TRAEFIK}`,
    [`${FILE}:2:17: kubeVip.interface: holds the control character U+0085, which a config file must not contain: remove it`],
  ],
  [
    'a Unicode line separator (U+2028)',
    `${TRAEFIK}\u2028x: 1\n`,
    [`${FILE}:3:1: holds the control character U+2028, which a config file must not contain: remove it`],
  ],
  [
    'a tab inside a value',
    `kubeVip:\n  version: "v1.2.3\t"\n${TRAEFIK}`,
    [`${FILE}:2:12: kubeVip.version: "v1.2.3\\t" holds a control character (a tab): remove it`],
  ],
  [
    '__proto__ key',
    `${TRAEFIK}__proto__:\n  kubeVip: {mode: bgp}\n`,
    [`${FILE}:3:1: __proto__: "__proto__" is not allowed as a key: it names a JavaScript object internal; rename it`],
  ],
  [
    'constructor and prototype keys deep inside',
    `${TRAEFIK}loadBalancers:\n  - {name: db, selector: {app: db, prototype: x}, ports: [{port: 5432, constructor: 1}], ips: [192.168.0.42]}\n`,
    [
      `${FILE}:4:36: loadBalancers[0].selector.prototype: "prototype" is not allowed as a key: it names a JavaScript object internal; rename it`,
      `${FILE}:4:72: loadBalancers[0].ports[0].constructor: "constructor" is not allowed as a key: it names a JavaScript object internal; rename it`,
    ],
  ],
  [
    'key with an escaped line break',
    `${TRAEFIK}"kube\\nVip": {}\n`,
    // Attack 10 D4: the key is not quoted (a key with line breaks may be lines of text holding a secret).
    [
      `${FILE}:3:1: has a key that holds a control character (a line break?): remove the character from its 2nd key of 2 (the key is not shown)`,
    ],
  ],
  ['a list as a key', `${TRAEFIK}? [a, b]\n: 1\n`, [`${FILE}:3:3: a key must be a plain name, not a list or mapping`]],
  [
    'two YAML documents',
    `${TRAEFIK}---\n${TRAEFIK}`,
    [`${FILE}:3:1: holds a second YAML document (after \`---\` near line 3): keep one cluster per file`],
  ],
];

const INGRESS = '    host: a.example.com\n    service: s\n    port: 80\n';
const STRUCTURE: Array<[string, string, string[]]> = [
  [
    "second list item without its dash, at the keys' indentation",
    `${TRAEFIK}ingresses:\n  - name: a\n${INGRESS}    name: b\n${INGRESS}`,
    [
      `${FILE}:8:5: ingresses[0].name: appears a second time in this list item (first on line 4): if a new item starts here, write "- name: b" at the indentation of the other dashes`,
    ],
  ],
  [
    "second list item without its dash, at the dashes' indentation",
    `${TRAEFIK}ingresses:\n  - name: a\n${INGRESS}  name: b\n  host: b.example.com\n`,
    [`${FILE}:8:3: ingresses: "name" is at the indentation of the list's dashes but has no "-": write "- name: b" to start a new item`],
  ],
  [
    'list items without any dash',
    `${TRAEFIK}ingresses:\n  name: a\n  host: a.example.com\n`,
    [`${FILE}:4:3: ingresses: is a mapping, but a list is expected: start each item with "- ", e.g. "- name: ..."`],
  ],
  [
    'no space after the colon, in a list item',
    `${TRAEFIK}ingresses:\n  - name: a\n    host:a.example.com\n    service: s\n    port: 80\n`,
    [
      `${FILE}:5:5: ingresses[0].host: \`host:a.example.com\` has no space after the colon, so YAML reads it as one text: write \`host: a.example.com\``,
    ],
  ],
  [
    'no space after the colon, as the only key',
    `kubeVip:\n  version:v1.2.3\n${TRAEFIK}`,
    [
      `${FILE}:2:3: kubeVip.version: \`version:v1.2.3\` has no space after the colon, so YAML reads it as one text: write \`version: v1.2.3\``,
    ],
  ],
  [
    'no space after the colon, in a flow mapping',
    `${TRAEFIK}ingresses:\n  - {name: a, host:a.example.com, service: s, port: 80}\n`,
    [
      `${FILE}:4:15: ingresses[0]["host:a.example.com"]: unknown key "host:a.example.com": write \`host: a.example.com\` with a space after the colon`,
    ],
  ],
  [
    'dedented keys leave their parent empty',
    `kubeVip:\nversion: v1.2.3\nmode: arp\n${TRAEFIK}`,
    [`${FILE}:1:9: kubeVip: is empty, and \`version\`, \`mode\` below it belong to it: indent those keys under \`kubeVip:\``],
  ],
  [
    'dedented key that resembles a top-level key',
    'traefik:\nloadBalancerIPs: [192.168.0.41]\n',
    [`${FILE}:1:9: traefik: is empty, and \`loadBalancerIPs\` below it belongs to it: indent that key under \`traefik:\``],
  ],
  [
    'empty block with nothing below it',
    `${TRAEFIK}ingresses:\n`,
    [`${FILE}:3:11: ingresses: is empty: give its items on the lines below it, indented, or remove it`],
  ],
  [
    'empty mapping of names',
    `kubeVip:\n  services:\n    ipPool:\n      namespaces:\n${TRAEFIK}`,
    [`${FILE}:4:18: kubeVip.services.ipPool.namespaces: is empty: give its keys on the lines below it, indented, or remove it`],
  ],
  [
    'tabs for indentation: one message',
    `kubeVip:\n  controlPlane:\n\taddress: 192.168.0.40\n\t\tinterface: eth0\n${TRAEFIK}`,
    // 79b-3: at the key path the line most likely has, with the spaces to write.
    [
      `${FILE}:3:1: kubeVip.controlPlane.address: line 3 uses a tab for indentation; YAML needs spaces (so do line 4): indent line 3 with 4 spaces instead`,
    ],
  ],
  ['a key set twice', `${TRAEFIK}${TRAEFIK}`, [`${FILE}:3:1: traefik: is set twice (first on line 1): keep one`]],
];

const MESSAGES: Array<[string, string, string[]]> = [
  [
    'suggested name passes the rule',
    `${TRAEFIK}ingresses:\n  - {name: Frontend_Ingress, host: a.example.com, service: s, port: 80}\n`,
    [
      `${FILE}:4:12: ingresses[0].name: "Frontend_Ingress" is not a valid name: use lower-case letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit (upper-case letters are not allowed: "frontend-ingress")`,
    ],
  ],
  [
    'no suggestion when no lower-case form is valid',
    `${TRAEFIK}ingresses:\n  - {name: a, host: a.example.com, service: 9Web, port: 80}\n`,
    [
      `${FILE}:4:45: ingresses[0].service: "9Web" is not a valid Service name: use lower-case letters, digits and '-', starting with a letter and ending with a letter or digit`,
    ],
  ],
  [
    'empty config points to the examples',
    '\n',
    [
      `${FILE}: is empty: write at least the Traefik VIP, e.g. \`traefik: {loadBalancerIPs: [192.168.0.41]}\`; config/examples/ has complete files`,
    ],
  ],
  [
    'hostname suggests host, once',
    `${TRAEFIK}ingresses:\n  - {name: a, hostname: a.example.com, service: s, port: 80}\n`,
    [
      `${FILE}:4:15: ingresses[0].hostname: unknown key "hostname": did you mean "host"? Allowed here: name, namespace, host, path, service, port, tls`,
    ],
  ],
  [
    'a key with no near name gets no suggestion',
    `${TRAEFIK}ingresses:\n  - {name: a, host: a.example.com, service: s, port: 80, weight: 1}\n`,
    [`${FILE}:4:58: ingresses[0].weight: unknown key "weight". Allowed here: name, namespace, host, path, service, port, tls`],
  ],
  [
    'a missing port is required, not "undefined"',
    `${TRAEFIK}ingresses:\n  - {name: a, host: a.example.com, service: s}\n`,
    [`${FILE}:4:5: ingresses[0].port: is required: Service port: a number from 1 to 65535 or the name of a Service port.`],
  ],
  [
    'single VIP as a scalar',
    'traefik:\n  loadBalancerIPs: 192.168.0.41\n',
    [`${FILE}:2:20: traefik.loadBalancerIPs: "192.168.0.41" is a string: write it as a list: [192.168.0.41]`],
  ],
  [
    'single Service IP as a scalar',
    `${TRAEFIK}loadBalancers:\n  - {name: db, selector: {app: db}, ports: [{port: 5432}], ips: 192.168.0.42}\n`,
    [`${FILE}:4:65: loadBalancers[0].ips: "192.168.0.42" is a string: write it as a list: [192.168.0.42]`],
  ],
  [
    'single IPv6 VIP as a scalar is quoted in the fix',
    'traefik:\n  loadBalancerIPs: "fd00::41"\n',
    [`${FILE}:2:20: traefik.loadBalancerIPs: "fd00::41" is a string: write it as a list: ["fd00::41"]`],
  ],
];

describe.each([
  ['hostile input', HOSTILE],
  ['YAML structure mistakes', STRUCTURE],
  ['messages', MESSAGES],
])('%s', (_, rows) => {
  test.each(rows)('%s', (_what, text, expected) => {
    expect(errorsOf(text)).toEqual(expected);
  });
});

describe('valid YAML features still work', () => {
  test('CRLF line ends', () => {
    expect(errorsOf(TRAEFIK.replace(/\n/g, '\r\n'))).toEqual([]);
  });

  test("more than 100 alias uses (the YAML library's own limit) are fine", () => {
    const text =
      `kubeVip:\n  services:\n    ipPool:\n      global: {range: 192.168.0.200-192.168.0.250}\n${TRAEFIK}loadBalancers:\n` +
      Array.from(
        { length: 150 },
        (_, i) => `  - {name: s${i}, selector: ${i ? '*sel' : '&sel {app: x}'}, ports: [{port: ${1000 + i}}]}\n`,
      ).join('');
    expect(errorsOf(text)).toEqual([]);
  });
});

describe('files read as bytes', () => {
  const write = (bytes: Buffer) => {
    const file = join(mkdtempSync(join(tmpdir(), 'k3s-vip-yaml-')), 't.yaml');
    writeFileSync(file, bytes);
    return file;
  };
  const errorsOfFile = (bytes: Buffer) => {
    const file = write(bytes);
    return loadConfigFile(file)
      .errors.map(formatDiagnostic)
      .map((e) => e.replace(file, FILE));
  };

  test('invalid UTF-8 is refused with its line and column', () => {
    const bytes = Buffer.concat([Buffer.from('kubeVip:\n  interface: é'), Buffer.from([0xff, 0x30]), Buffer.from(`\n${TRAEFIK}`)]);
    expect(errorsOfFile(bytes)).toEqual([`${FILE}:2:15: is not valid UTF-8 (byte 0xFF): save the file as UTF-8`]);
  });

  test('a NUL byte is refused with its line and column', () => {
    expect(errorsOfFile(Buffer.from(`${TRAEFIK}ingresses: []\u0000\n`))).toEqual([
      `${FILE}:3:14: ingresses: holds the control character U+0000 NUL, which a config file must not contain: remove it`,
    ]);
  });

  test('a 2 MiB file is refused before it is read', () => {
    expect(errorsOfFile(Buffer.alloc(2 * 1024 * 1024, 0x23))).toEqual([
      `${FILE}: is 2,097,152 bytes; a config file may be at most 1,048,576 bytes (1 MiB; real ones are a few KiB): is it the right file?`,
    ]);
  });

  test('a valid UTF-8 file with a byte order mark loads', () => {
    expect(errorsOfFile(Buffer.from(`\ufeff${TRAEFIK}`))).toEqual([]);
  });
});

test('hostile input never throws and always gives one-line messages', () => {
  for (const [, text] of [...HOSTILE, ...STRUCTURE].filter(([, , expected]) => expected.length)) {
    const errors = errorsOf(text);
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) expect(error).toMatch(/^config\/t\.yaml(:\d+:\d+)?: [^\n\r]+$/);
  }
});

test('an unclosed quote at the start of a key gives one located message, not a throw (found by test/property.test.ts)', () => {
  // Where the quote opens (not the end of the file, where the parser places it), without its follow-on errors.
  // 78b-4: what parsed before its line is still judged (line 1's own problem is said too).
  expect(errorsOf(`kubeVip: ""\n"${TRAEFIK}`)).toEqual([
    expect.stringContaining('config/t.yaml:1:10: kubeVip: "" is a string: expected a mapping of keys'),
    'config/t.yaml:2:1: opens a quote (") that is never closed, so YAML reads the rest of the file as this text: end the value with "',
  ]);
});

describe('a list item line indented a space or two off: one message, naming the item as written and the fix', () => {
  const servers = (second: string) =>
    `${TRAEFIK}k3s:\n  servers:\n    - name: k3s-1\n      address: 192.168.0.11\n${second}    - name: k3s-3\n      address: 192.168.0.13\n`;
  test.each([
    [
      'a key one space short',
      servers('    - name: k3s-2\n     address: 192.168.0.12\n'),
      '8:6: k3s.servers[1]: `address:` is indented 5 spaces, the keys of this list item 6 spaces (`name:` on line 7): indent it by 6 spaces so it belongs to the item',
    ],
    [
      'a key one space deep',
      servers('    - name: k3s-2\n       address: 192.168.0.12\n'),
      '8:8: k3s.servers[1]: `address:` is indented 7 spaces, the keys of this list item 6 spaces (`name:` on line 7): indent it by 6 spaces so it belongs to the item',
    ],
    [
      'a dash one space short',
      servers('   - name: k3s-2\n     address: 192.168.0.12\n'),
      "7:4: k3s.servers[1]: this item's dash is indented 3 spaces, the other items' 4 spaces (line 5): indent it by 4 spaces, or it is not read as an item of k3s.servers",
    ],
    [
      'a key one space short in the third Ingress',
      `${TRAEFIK}ingresses:\n${['a', 'b', 'c'].map((n) => `  - name: ${n}\n    host: ${n}.example.com\n${n === 'c' ? '   ' : '    '}service: ${n}\n    port: 80\n`).join('')}`,
      '14:4: ingresses[2]: `service:` is indented 3 spaces, the keys of this list item 4 spaces (`name:` on line 12): indent it by 4 spaces so it belongs to the item',
    ],
  ])('%s', (_, text, message) => {
    expect(errorsOf(text)).toEqual([`${FILE}:${message}`]);
  });

  test('another mistake elsewhere in the file is still reported', () => {
    const text = servers('    - name: k3s-2\n     address: 192.168.0.12\n').replace('k3s:\n', 'k3s:\n  tokenFile: [a\n');
    expect(errorsOf(text).length).toBeGreaterThan(1);
    expect(errorsOf(text)).toContain(
      `${FILE}:9:6: k3s.servers[1]: \`address:\` is indented 5 spaces, the keys of this list item 6 spaces (\`name:\` on line 8): indent it by 6 spaces so it belongs to the item`,
    );
  });

  test('nesting under a key without a value is not a slip: the reference layout loads', () => {
    const text = `${TRAEFIK}  externalCertResolvers: [default]\ningresses:\n  - name: a\n    host: a.example.com\n    service: a\n    port: 80\n    tls:\n      certResolver: default\n`;
    expect(errorsOf(text)).toEqual([]);
  });
});

test('a slip-like line in a list of plain values, or inside a list item, is left to the parser (no crash)', () => {
  const scalars = `traefik:\n  loadBalancerIPs:\n    - 192.168.0.41\n     foo: x\n`;
  expect(errorsOf(scalars).length).toBeGreaterThan(0);
  const nested = `${TRAEFIK}loadBalancers:\n  - name: db\n    ports:\n      - port: 5432\n       targetPort: 5432\n`;
  expect(errorsOf(nested).length).toBeGreaterThan(0);
});
