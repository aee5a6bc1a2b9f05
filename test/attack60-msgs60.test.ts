import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { redactMessage } from '../src/core/redact-message';
import { newCluster } from '../src/new-cluster';
import { secretsInFiles } from '../src/output/secret-gate';
import { devConfig, synthFiles, withChanges } from './helpers';
import { ruleDoors } from './rule-doors';

/**
 * Round 60 (msgs60): 60a-6 (escaped and folded copies of a refused secret: octal, zero-width characters between its
 * letters, full-width letters), 60a-7 (pieces of a refused secret, case-folded, cut out or beside a blanked copy),
 * 60a-8 (a generated-looking value or key at a first-class key is said by its size, ordinary values stay quoted),
 * 60a-11 (`new --from` gives synth's reason and key path for a value its comment names as a secret), 60a-17 (prose
 * `PIN 4 of the header is GND` is no ipsec.secrets line: both gates pass it). No message shows the secret.
 */
const S = 'Zx9qWm4vTr7pLk2n';
const DASHED = 'Zx9q-Wm4v-Tr7p';
const configErrors = (changes: object) =>
  parseConfigText('config/t.yaml', stringify(withChanges(devConfig(), changes))).errors.map((d) =>
    formatDiagnostic({ ...d, file: '', line: undefined }).replace(/^: /, ''),
  );
const withSecret = (secret: string, values: object) => ({
  traefik: { values: { env: [{ name: 'DB_PASSWORD', value: secret }], ...values } },
});
const octal = [...S].map((c) => `\\${c.charCodeAt(0).toString(8)}`).join('');
const zeroWidth = (gap: string) => [...S].join(gap);
const fullWidth = [...S].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
const pieces = (text: string, secret: string) => {
  const lower = secret.toLowerCase().replace(/[^a-z0-9]/g, '');
  return [...Array(Math.max(0, lower.length - 3)).keys()].map((i) => lower.slice(i, i + 4)).filter((p) => text.toLowerCase().includes(p));
};

describe('60a-6: an escaped or folded copy of a refused secret is blanked in messages', () => {
  test.each([
    ['octal escapes', octal],
    ['U+200B between letters', zeroWidth('\u200b')],
    ['U+200C between letters', zeroWidth('\u200c')],
    ['U+200D between letters', zeroWidth('\u200d')],
    ['U+2060 between letters', zeroWidth('\u2060')],
    ['U+FEFF between letters', zeroWidth('\ufeff')],
    ['soft hyphens between letters', zeroWidth('\u00ad')],
    ['full-width letters', fullWidth],
    ['full-width letters with U+200B', [...fullWidth].join('\u200b')],
  ])('%s at image.pullPolicy', (_name, copy) => {
    const lines = configErrors(withSecret(S, { image: { pullPolicy: copy } }));
    const line = lines.find((l) => l.startsWith('traefik.values.image.pullPolicy:'));
    expect(line).toContain('not an image pull policy');
    expect(line).toContain('<redacted>');
    for (const l of lines) {
      expect(l).not.toContain(copy);
      expect(l).not.toContain(copy.slice(0, 12));
      expect(l).not.toContain(S);
    }
  });

  test.each([
    ['octal of another word', '\\160\\157\\154\\151\\143\\171'],
    ['full-width Always', 'Ａｌｗａｙｓ'],
  ])('control: %s is still quoted', (_name, value) => {
    const line = configErrors(withSecret(S, { image: { pullPolicy: value } })).find((l) =>
      l.startsWith('traefik.values.image.pullPolicy:'),
    );
    expect(line).toContain(JSON.stringify(value).slice(1, -1));
  });
});

describe('60a-7: no piece of a refused secret in the unknown-option message', () => {
  test.each([
    ['dotted pieces', '--Zx9q.Wm4v.Tr7p=1'],
    ['a head of 7 characters', '--Zx9qWm4=1'],
    ['a piece beside a copy', '--Tr7pZx9qWm4v=1'],
    ['upper-cased head', '--ZX9QWM4=1'],
  ])('%s', (_name, arg) => {
    const d = ruleDoors({ env: [{ name: 'DB_PASSWORD', value: DASHED }], additionalArguments: [arg] });
    const text = [...d.errors, d.cluster, d.chart].filter(Boolean).join('\n');
    expect(d.errors.some((l) => l.startsWith('traefik.values.additionalArguments[0]:') && l.includes('names option'))).toBe(true);
    expect(pieces(text, DASHED)).toEqual([]);
  });

  test('control: an ordinary unknown option stays named', () => {
    const d = ruleDoors({ env: [{ name: 'DB_PASSWORD', value: DASHED }], additionalArguments: ['--logg.level=DEBUG'] });
    expect(d.errors.join('\n')).toContain('"logg"');
  });

  test('redactMessage blanks case-folded pieces of a generated secret, not words of the wording', () => {
    expect(redactMessage('names option "zx9q" at the top level, which Traefik v3 does not have', [DASHED])).toBe(
      'names option "<redacted>" at the top level, which Traefik v3 does not have',
    );
    expect(redactMessage('names option "traefik" under --k3s', ['traefik-Zx9qWm4vTr7p'])).toContain('"traefik"');
  });
});

describe('60a-8: a generated-looking value or key at a first-class key is said by its size', () => {
  test.each([
    ['k3s as a text', { k3s: S }, 'k3s:'],
    ['kubeVip.version', { kubeVip: { version: S } }, 'kubeVip.version:'],
    ['kubeVip.interface', { kubeVip: { interface: S } }, 'kubeVip.interface:'],
    ['traefik.redirectToHttps', { traefik: { redirectToHttps: S } }, 'traefik.redirectToHttps:'],
    ['traefik.loadBalancerIPs', { traefik: { loadBalancerIPs: [S] } }, 'traefik.loadBalancerIPs[0]:'],
    ['ingresses[0].service', { ingresses: [{ ...devConfig().ingresses[0], service: S }] }, 'ingresses[0].service:'],
    ['ingresses[0].namespace', { ingresses: [{ ...devConfig().ingresses[0], namespace: S }] }, 'ingresses[0].namespace:'],
    ['ingresses[0].port', { ingresses: [{ ...devConfig().ingresses[0], port: S }] }, 'ingresses[0].port:'],
    ['unknown key under traefik', { traefik: { [S]: 1 } }, 'traefik.<redacted'],
    ['unknown top-level key', { [S]: 1 }, '<redacted'],
  ])('%s', (_name, changes, where) => {
    const lines = configErrors(changes);
    expect(lines.some((l) => l.startsWith(where))).toBe(true);
    for (const l of lines) {
      expect(l).not.toContain(S);
      expect(l.toLowerCase()).not.toContain(S.toLowerCase());
    }
    expect(lines.join('\n')).toMatch(/looks generated, not shown|<redacted/);
  });

  test.each([
    ['an interface name', { kubeVip: { interface: 'enp3s0f0-bond0xy' } }, '"enp3s0f0-bond0xy"'],
    ['a version word', { kubeVip: { version: 'letsencrypt2024' } }, '"letsencrypt2024"'],
    ['an unknown key', { traefik: { chartVersionx: 1 } }, '"chartVersionx"'],
  ])('control: %s stays quoted', (_name, changes, quoted) => {
    expect(configErrors(changes).join('\n')).toContain(quoted);
  });
});

describe('60a-11: new --from gives synth reason and key path for a value its comment names as a secret', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'k3s-vip-msgs60-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const annotated = (comment: string) =>
    stringify(withChanges(devConfig(), { traefik: { values: { deployment: { podAnnotations: { 'example.com/build': 'X' } } } } })).replace(
      /example\.com\/build: X/,
      `example.com/build: a8Kd93LmQz7Xw2Pb # ${comment}`,
    );

  test.each([['password'], ['the deploy token']])('comment "%s"', (comment) => {
    const text = annotated(comment);
    writeFileSync(join(root, 'src.yaml'), text);
    const lines: string[] = [];
    const code = newCluster(['copy', '--from', 'src'], { configDir: root, schemaFile: join(root, 's.json'), log: (l) => lines.push(l) });
    const out = lines.join('\n');
    const synth = parseConfigText('config/t.yaml', text).errors.map((d) => d.message);
    expect(code).toBe(1);
    expect(synth.join('\n')).toContain('names as a secret');
    // One line per problem, headed file:line:column: key path, with synth's words (redact78, 78a-6).
    expect(out).toMatch(
      /src\.yaml:\d+:\d+: traefik\.values\.deployment\.podAnnotations\["example\.com\/build"\]: holds a value that the comment after it on its line names as a secret/,
    );
    expect(out).not.toContain('outside its values');
    expect(out).not.toContain('a8Kd93LmQz7Xw2Pb');
  });
});

describe('60a-17: prose with PIN is no ipsec.secrets line in either gate', () => {
  const withNote = (note: string) => withChanges(devConfig(), { traefik: { values: { deployment: { podAnnotations: { note } } } } });
  test.each([['PIN 4 of the header is GND'], ['PSK 4 of the list is shared'], ['set the pin number 12 high']])('%s passes both', (note) => {
    expect(parseConfigText('config/t.yaml', stringify(withNote(note))).errors).toEqual([]);
    expect(secretsInFiles(synthFiles(withNote(note)))).toEqual([]);
  });

  test.each([
    ['ipsec PSK line', ': PSK "Qw7xK2mZ9pLt"\n'],
    ['ipsec PIN with smartcard id', ': PIN %smartcard:50 "4711"\n'],
    ['ipsec PSK with a comment after', '@moon : PSK 0sQw7xK2mZ9pLt== # site link\n'],
  ])('control: %s is still refused', (_name, line) => {
    const found = secretsInFiles(
      new Map([['c/c.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  f: |\n    ${line}`]]),
    );
    expect(found.join('\n')).toContain('c/c.yaml');
  });
});
