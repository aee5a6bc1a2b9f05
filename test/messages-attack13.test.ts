import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCheck } from '../src/check';
import { kustomizationResources } from '../src/k3s/install-plan';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { redact } from '../src/core/secrets';
import { diffTrees } from '../src/output/diff';
import { fileRedaction } from '../src/output/secret-gate';
import { wiring } from '../src/main';
import { runSynth } from '../src/synth';
import { formatViolation, validateManifests } from '../src/validate/conformance';
import { FIXTURE_CONFIG_DIR, synthesizedReference } from './helpers';

/**
 * Attack round 13: messages that quote raw text. The YAML reader's hints and parser words (A5), secrets hidden
 * behind aliases and merge keys (A6), diffs of a hand-edited dist/ (A4), `npm run validate` on a file that does
 * not parse (A7), and an unclosed quote located past the end of the file (D2). Every case has a control: the
 * same mistake without a secret keeps its useful quoted text.
 */

/** Any part of the invented secret, written plainly or with escapes (`Hunter2\u0053ecret`). */
const TELLTALE = /Hunter2/;
const S = 'Hunter2Secret';
const HDR =
  'kubeVip: {version: v1.2.3, interface: eth0, controlPlane: {address: 192.168.0.40}}\ntraefik:\n  loadBalancerIPs: [192.168.0.41]\n  values:\n';
const messages = (text: string) => {
  const { errors, warnings } = parseConfigText('config/c1.yaml', text);
  return [...errors, ...warnings].map(formatDiagnostic).join('\n');
};
const env = (...lines: string[]) => `${HDR}    env:\n${lines.map((line) => `      ${line}\n`).join('')}`;

describe('A5: the YAML reader quotes no raw line or parser words that hold a secret', () => {
  test.each<[string, string, RegExp]>([
    [
      'y01: a third duplicate that sets a flag',
      env('- name: FOO', '  args: a', `  args: --token=${S}01`, '  args: b'),
      /write "- args: <redacted>"/,
    ],
    [
      'y03: a header credential in a duplicate',
      env('- name: FOO', '  value: a', `  value: "curl -H 'Authorization: Bearer ${S}03'"`),
      /write "- value: <redacted>" at the indentation of the other dashes/,
    ],
    [
      'y12: a flag written with an escape',
      env('- name: FOO', '  value: a', '  value: "--token=Hunter2\\u0053ecretY12"'),
      /write "- value: <redacted>"/,
    ],
    [
      'y13: a URL whose @ is an escape',
      env('- name: FOO', '  value: a', `  value: "https://bob:${S}Y13\\x40example.com"`),
      /write "- value: <redacted>"/,
    ],
    [
      'md5: a missing dash before an escaped flag',
      env('- name: FOO', '  value: a', 'value: "--token=Hunter2\\u0053ecretMD5"'),
      /"value" is at the indentation of the list's dashes but has no "-": write "- value: <redacted>" to start a new item/,
    ],
    [
      'bs1: a folded header glued to a flag',
      `${HDR}    additionalArguments:\n      - >--providers.consul.token=${S}BS1\n`,
      /additionalArguments\[0\]: invalid YAML where a secret stands/,
    ],
    [
      'a duplicate key that sets a flag (the key path is raw text too)',
      env('- name: FOO', `  "--token=${S}K1": a`, `  "--token=${S}K1": b`),
      /env\[0\]\.<redacted>: appears a second time in this list item \(first on line 7\): if a new item starts here, write "- <redacted>"/,
    ],
    [
      'bs2: a literal header glued to an assignment',
      `${HDR}    deployment:\n      podAnnotations:\n        note: |db_password=${S}BS2\n`,
      /podAnnotations\.note: invalid YAML where a secret stands/,
    ],
  ])('%s', (_, text, expected) => {
    const out = messages(text);
    expect(out).toMatch(expected);
    expect(out).not.toMatch(TELLTALE);
  });

  test.each<[string, string, RegExp]>([
    [
      'a third duplicate',
      env('- name: FOO', '  args: a', '  args: c', '  args: b'),
      /write "- args: c" at the indentation of the other dashes/,
    ],
    [
      'a duplicate with an escape',
      env('- name: FOO', '  value: a', '  value: "hi\\u0021"'),
      /write "- value: "hi\\u0021"" at the indentation/,
    ],
    [
      'a missing dash',
      env('- name: FOO', '  value: a', 'value: "plain"'),
      /"value" is at the indentation of the list's dashes but has no "-": write "- value: "plain"" to start a new item/,
    ],
    [
      'a block scalar header with text',
      `${HDR}    deployment:\n      podAnnotations:\n        note: |abc\n`,
      /invalid YAML: Block scalar header includes extra characters: \|abc/,
    ],
    [
      'a key without a space after the colon',
      `${HDR}    hub:\n      host:example.com\n`,
      /`host:example.com` has no space after the colon/,
    ],
  ])('control: %s keeps its quoted text', (_, text, expected) => {
    expect(messages(text)).toMatch(expected);
  });
});

describe('A6: aliases and merge keys do not hide that a value is a secret', () => {
  const podLabel = (anchored: string) => `${HDR}    deployment:\n      podLabels:\n        x: &n ${anchored}\n`;
  test.each<[string, string, RegExp]>([
    [
      't01: an env value whose name is an alias of DB_PASSWORD, read as a tag',
      `${podLabel('DB_PASSWORD')}    env:\n      - name: *n\n        value: !${S}T01\n`,
      /env\[0\]\.value: "<redacted>" starts with "!", which YAML reads as a tag/,
    ],
    [
      't02: a key that is an alias of password',
      `${HDR}    deployment:\n      podLabels:\n        a: &k password\n    ports:\n      web:\n        *k : !${S}T02\n`,
      /ports\.web\.password: "<redacted>" starts with "!"/,
    ],
    [
      't04: an env value read as an alias to no anchor',
      `${podLabel('DB_PASSWORD')}    env:\n      - name: *n\n        value: *${S}T04\n`,
      /env\[0\]\.value: "<redacted>" starts with "\*", which YAML reads as an alias to no anchor/,
    ],
    [
      't05: an env value read as an anchor',
      `${podLabel('DB_PASSWORD')}    env:\n      - name: *n\n        value: &${S}T05\n`,
      /env\[0\]\.value: "<redacted>" starts with "&"/,
    ],
    [
      't06: an env name brought by a merge key',
      `${HDR}    env:\n      - <<: {name: DB_PASSWORD}\n        value: !${S}T06\n`,
      /env\[0\]\.value: "<redacted>" starts with "!"/,
    ],
    ['a verbatim tag that sets a flag', `${HDR}    hub:\n      host: !<--token=${S}VT> x\n`, /hub\.host: "<redacted>" starts with "!"/],
    [
      'an anchor name that is an assignment',
      `${HDR}    hub:\n      host: &db_password=${S}AN\n`,
      /hub\.host: "<redacted>" starts with "&"/,
    ],
    ['an alias name that is a flag', `${HDR}    hub:\n      host: *--token=${S}AL\n`, /hub\.host: "<redacted>" starts with "\*"/],
    [
      "mg1: a merge key's password, shown through an alias",
      `${HDR}    deployment:\n      <<: {password: &t "${S}MG1/x"}\n` +
        'kubeVip: {version: v1.2.3, interface: *t, controlPlane: {address: 192.168.0.40}}\n',
      /kubeVip\.interface: "<redacted>" is 18 characters/,
    ],
  ])('%s', (_, text, expected) => {
    const out = messages(text.replace(/^kubeVip: .*\n(?=[\s\S]*^kubeVip: )/m, ''));
    expect(out).toMatch(expected);
    expect(out).not.toMatch(TELLTALE);
  });

  test.each<[string, string, RegExp]>([
    [
      'a tag on an env value whose name is an alias of a plain name',
      `${podLabel('LOG_LEVEL')}    env:\n      - name: *n\n        value: !abc\n`,
      /env\[0\]\.value: "!abc" is a YAML tag this config does not know/,
    ],
    ['an alias to no anchor', `${HDR}    hub:\n      host: *nope\n`, /\*nope refers to no anchor: define `&nope` on a value above it/],
    ['an anchor on an empty value', `${HDR}    hub:\n      host: &empty\n`, /&empty is an anchor on an empty value/],
    [
      "a merge key's plain value, shown through an alias",
      `${HDR}    deployment:\n      <<: {labelText: &t "abcdefghijklmnopqr"}\nkubeVip: {version: v1.2.3, interface: *t, controlPlane: {address: 192.168.0.40}}\n`,
      /kubeVip\.interface: "abcdefghijklmnopqr" is 18 characters/,
    ],
  ])('control: %s keeps its quoted text', (_, text, expected) => {
    expect(messages(text.replace(/^kubeVip: .*\n(?=[\s\S]*^kubeVip: )/m, ''))).toMatch(expected);
  });
});

describe('D2: an unclosed quote is named where it opens, with its key path and the fix', () => {
  const tail = 'ingresses:\n  - name: a\n    namespace: default\n    host: a.example.com\n    service: a\n    port: 80\n';
  test.each<[string, string, string]>([
    [
      'y05: in a list',
      `${HDR}    additionalArguments:\n      - "--providers.x.token=${S}05\n${tail}`,
      '6:9: traefik.values.additionalArguments[0]: opens a quote (")',
    ],
    ['y09: under a key', `${HDR}    foo: "db_password=${S}09\n${tail}`, '5:10: traefik.values.foo: opens a quote (")'],
    ['a single quote', `${HDR}    foo: 'abc\n${tail}`, "5:10: traefik.values.foo: opens a quote (') that is never closed"],
  ])('%s', (_, text, expected) => {
    const out = messages(text);
    expect(out).toBe(`config/c1.yaml:${expected}${out.slice(`config/c1.yaml:${expected}`.length)}`);
    expect(out).toMatch(/that is never closed, so YAML reads the rest of the file as this text: end the value with ["']$/);
    expect(out).not.toMatch(TELLTALE);
  });

  test('control: a closed quote gives no such message', () => {
    expect(messages(`${HDR}    foo: "abc"\n${tail}`)).not.toMatch(/quote/);
  });
});

describe('A4: check and dry-run diffs redact a secret however the YAML text writes it', () => {
  const TOKEN = `K10${'a'.repeat(64)}`;
  const configMap = (data: string) => `---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n  namespace: default\ndata:\n${data}`;
  const diffOf = (added: string) => {
    const fresh = new Map([['c1/x.yaml', 'a: 1\n']]);
    const committed = new Map([['c1/x.yaml', `a: 1\n${configMap(added)}`]]);
    return diffTrees(committed, fresh, fileRedaction(committed, fresh)).join('\n');
  };
  test.each<[string, string]>([
    ['c07: a K3s token whose 0 is an escape', `  join: "K1\\u0030${'a'.repeat(64)}::server:${S}C07"\n`],
    ['c07: a URL whose @ is an escape', `  url: "https://bob:${S}C07b\\u0040example.com/"\n`],
    ['c07: an assignment whose key holds an escape', `  cfg: "db_pass\\u0077ord=${S}C07c"\n`],
    [
      'c06: a K3s token whose password holds an escape (its 60-character head is a cut form)',
      `  join: "${TOKEN}::server:Hunter2\\u0053ecretC06"\n`,
    ],
    ['c04: a K3s token in a folded scalar that goes on', `  join: >-\n    ${TOKEN}::server:${S}C04\n    is the token\n`],
    ['c02: the password on the folded line below', `  join: >-\n    ${TOKEN}::server:\n    ${S}C02\n`],
    ['a plain scalar spanning lines', `  join: ${TOKEN}::server:x\n    ${S}C09\n`],
    ['a literal block under a secret key, escaped elsewhere', `  password: "Hunter2\\u0053ecretC08"\n  note: |\n    ${S}C08\n`],
  ])('%s', (_, added) => {
    const out = diffOf(added);
    expect(out).toContain('<redacted>');
    expect(out).not.toMatch(TELLTALE);
    // Each line keeps its place: the diff shows as many lines as the edit has.
    expect(out.split('\n').filter((line) => line.startsWith('- '))).toHaveLength(configMap(added).trimEnd().split('\n').length);
  });

  // Attack 15 A15-01: a `key: value` inside a comment of a hand-edited file is redacted like the line itself.
  test.each([
    ['a comment line', `# db_password: ${S}C15\n`],
    ['an indented comment', `  # api_key: "${S}C15"\n`],
    ['a comment after a value', `  foo: bar # password: ${S}C15\n`],
  ])('a secret set in %s', (_, added) => {
    const out = diffOf(added);
    expect(out).toContain('<redacted>');
    expect(out).not.toMatch(TELLTALE);
  });

  test.each<[string, string, string]>([
    ['an escape in plain text', '  note: "hello\\u0021 world"\n', '-   note: "hello\\u0021 world"'],
    ['a folded scalar of plain text', '  note: >-\n    folded\n    text\n', '-     folded'],
    ['a comment without a secret', '  # keep: this note\n', '-   # keep: this note'],
  ])('control: %s is shown as written', (_, added, shown) => {
    expect(diffOf(added).split('\n')).toContain(shown);
  });

  test('the shapes go before the cut forms: a 60-character head does not leave the token half shown', () => {
    const decoded = `${TOKEN}::server:${S}C06`;
    expect(redact(`join: "${TOKEN}::server:Hunter2\\u0053ecretC06"`, [decoded])).toBe('join: "<redacted>"');
    // A value a message cut at 60 characters is still redacted by its cut form.
    expect(redact(`x: "${`${S}-${'b'.repeat(80)}`.slice(0, 60)}"...`, [`${S}-${'b'.repeat(80)}`])).toBe('x: "<redacted>"...');
  });

  test('npm run check and synth --dry-run on a hand-edited dist/ (c07) print no part of it', () => {
    const root = mkdtempSync(join(tmpdir(), 'k3s-vip-attack13-'));
    try {
      const dist = join(root, 'dist');
      cpSync(synthesizedReference(), dist, { recursive: true });
      appendFileSync(
        join(dist, 'dev', 'kube-vip.yaml'),
        configMap(`  join: "K1\\u0030${'a'.repeat(64)}::server:${S}C07"\n  url: "https://bob:${S}C07b\\u0040example.com/"\n`),
      );
      const check: string[] = [];
      expect(runCheck(FIXTURE_CONFIG_DIR, dist, (line) => check.push(line))).toBe(1);
      const out: string[] = [];
      expect(
        runSynth({ configDir: FIXTURE_CONFIG_DIR, distDir: dist, wiring, dryRun: true, out: (l) => out.push(l), log: (l) => out.push(l) }),
      ).toBe(0);
      for (const printed of [check, out]) {
        // check shows `- ` and a line, the dry-run's unified diff `-` and a line.
        expect(printed.filter((line) => /^- ? {2}join: <redacted>$/.test(line))).toHaveLength(1);
        expect(printed.join('\n')).not.toMatch(TELLTALE);
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('A7: npm run validate shows no parser words that may quote a secret, at the right line', () => {
  const file = (last: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n  namespace: default\ndata:\n${last}\n`;
  const validate = (last: string) => validateManifests(new Map([['dist/c1/x.yaml', file(last)]])).map(formatViolation);
  test.each<[string, string, string]>([
    [
      'v01: an alias under a secret key',
      `  token: *${S}V01`,
      "at line 7, column 10 (the parser's words are not shown: the line may hold a secret)",
    ],
    ['v04: a literal header glued to a password', `  password: |${S}V04`, "at line 7, column 14 (the parser's words are not shown"],
    ['a folded header glued to a flag', `  x: >--token=${S}V06`, "at line 7, column 8 (the parser's words are not shown"],
    ['an unclosed quote', `  x: "--token=${S}V05\n  y: 1`, 'at line 7, column 6: a quote (") opens there and is never closed: close it'],
  ])('%s', (_, last, expected) => {
    const [violation, ...more] = validate(last);
    expect(more).toEqual([]);
    // 71c-4: placed as `file:line:column:`, the form CI matchers read.
    expect(violation).toContain(
      `dist/c1/x.yaml:${/line (\d+), column (\d+)/.exec(expected)!.slice(1).join(':')}: document 1 is not valid YAML ${expected}`,
    );
    expect(violation).not.toMatch(TELLTALE);
  });

  test.each<[string, string, string]>([
    [
      'an alias to no anchor (placed on its line, not line 1)',
      '  note: *base',
      'Unresolved alias (the anchor must be set before the alias): base at line 7, column 9',
    ],
    ['a literal header with text', '  note: |abc', 'Block scalar header includes extra characters: |abc at line 7, column 10'],
  ])('control: %s keeps the parser words', (_, last, expected) => {
    const at = /line (\d+), column (\d+)$/.exec(expected)!.slice(1).join(':');
    expect(validate(last)).toEqual([`dist/c1/x.yaml:${at}: document 1 is not valid YAML: ${expected}`]);
  });
});

describe('k3s:install shows no parser words of a kustomization that may quote a secret', () => {
  test.each<[string, string, string]>([
    [
      'a literal header glued to a flag',
      `resources:\n  - |--token=${S}KI\n`,
      'kustomization.yaml:2:7: invalid YAML (the line may hold a secret)',
    ],
    [
      'control: a literal header with text',
      'resources:\n  - |abc\n',
      'kustomization.yaml:2:6: invalid YAML: Block scalar header includes extra characters: |abc',
    ],
  ])('%s', (_, text, expected) => {
    const [error] = kustomizationResources('kustomization.yaml', text).errors;
    expect(error).toBe(`${expected}; run \`npm run synth\` to write it again`);
  });
});
