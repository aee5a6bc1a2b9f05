// Round 77 (redact77): a redaction blanks the whole secret-shaped word, never a prefix of it, and every name a message
// prints passes the one message redactor whichever rule built the message. 77a-10: the diff of `check` / `--dry-run` kept
// the first characters of a word a copy was found in (`# ref Zq<redacted>`). 77a-19: an entrypoint or ACME resolver name
// taken from a flag's path was printed though it looks generated. 76a-6: a construct id copying a refused token was
// printed in the gate's message. 76a-10: the diff printed the 4-7 character pieces of a secret it hid. 76a-11: a regrouped
// copy was blanked from its 2nd character, or not at all with blanks.
import { stringify } from 'yaml';
import { App, ApiObject, Chart } from 'cdk8s';
import { K3sVipCluster } from '../src';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { blankGeneratedWords } from '../src/core/generated-quotes';
import { redactMessage } from '../src/core/redact-message';
import { redact } from '../src/core/secrets';
import { fileRedaction } from '../src/output/secret-gate';
import { withTraefikValues } from './helpers';
import { cpuMillisSince } from './cpu-time';

const TOKEN = 'Zx9qWm4vLp2TkR7n';
const HUNTER = 'hunter2hunter2';

describe('a redaction blanks a value from its start (77a-10, 76a-11): redact', () => {
  test.each([
    // [text, secrets, expected]
    ['name: myZx9qWm4vLp2TkR7n', [TOKEN], 'name: <redacted>'],
    ['name: zZx9qWm4vLp2TkR7n', [TOKEN], 'name: <redacted>'],
    ['é: éZx9qWm4vLp2TkR7n', [TOKEN], 'é: <redacted>'],
    ['a: Zx9qWm4vLp2TkR7nX.example.com', [TOKEN], 'a: <redacted>.example.com'],
    // A delimiter stops the blank: the key, path or wording beside the value stays.
    ['name: my-Zx9qWm4vLp2TkR7n', [TOKEN], 'name: my-<redacted>'],
    ['see Zx9qWm4vLp2TkR7n now', [TOKEN], 'see <redacted> now'],
    ['dist/Zx9qWm4vLp2TkR7n/x.yaml', [TOKEN], 'dist/<redacted>/x.yaml'],
    ['token=Zx9qWm4vLp2TkR7n', [TOKEN], 'token=<redacted>'],
    ['plain: example.com', [TOKEN], 'plain: example.com'],
  ])('%j', (text, secrets, expected) => {
    expect(redact(text, secrets)).toBe(expected);
  });
});

describe('a message blanks every copy whole (76a-11, 76a-6, 76a-10): redactMessage', () => {
  test.each([
    ['ingresses[0].service: "hunter2-hunter2_" is not valid', [HUNTER], 'ingresses[0].service: "<redacted>" is not valid'],
    ['x: "Hunter2.Hunter2" y', [HUNTER], 'x: "<redacted>" y'],
    ['x: "xyz hunter2 hunter2 xyz" y', [HUNTER], 'x: "xyz <redacted> xyz" y'],
    ['x: "a/hunter2_hunter2/b" y', [HUNTER], 'x: "a/<redacted>/b" y'],
    // Nearby text that is no copy stays. Since redact78 (78a-13) a piece of 4 or more mixing letters and digits of any
    // secret's mixed word is blanked (`hunter2` of `hunter2hunter2`), so the piece goes and its neighbours stay.
    ['x: "xyz hunter2 xyz" y', [HUNTER], 'x: "xyz <redacted> xyz" y'],
    ['x: "hunter3-hunter2" y', [HUNTER], 'x: "hunter3-<redacted>" y'],
    ['x: "xyz hunter3 xyz" y', [HUNTER], 'x: "xyz hunter3 xyz" y'],
    // 76a-6: the construct path beside the refusal, in any case and grouping; its delimiters stay.
    [
      'mine.yaml (construct mine/ZX9Q-WM4V-LP2T-KR7N): data.token holds',
      [TOKEN],
      'mine.yaml (construct mine/<redacted>): data.token holds',
    ],
    ['m (construct a/Zx9q.Wm4v.Lp2T.kR7n): x', [TOKEN], 'm (construct a/<redacted>): x'],
    ['m (construct a/zx9q wm4v lp2t kr7n): x', [TOKEN], 'm (construct a/<redacted>): x'],
    ['mine.yaml (construct mine/web-app-01): data.token holds', [TOKEN], 'mine.yaml (construct mine/web-app-01): data.token holds'],
    ['set key=ZX9Q-WM4V-LP2T-KR7N here', [TOKEN], 'set key=<redacted> here'],
    // 76a-10: its pieces of 4 or more mixing letters and digits.
    ['a: "zx9q.example.com" b: "release-Lp2T" c: tkr7n', [TOKEN], 'a: "<redacted>.example.com" b: "release-<redacted>" c: <redacted>'],
    ['a: "web-01.example.com" b: "release-2024" c: v1.2.3', [TOKEN], 'a: "web-01.example.com" b: "release-2024" c: v1.2.3'],
  ])('%j', (message, secrets, expected) => {
    expect(redactMessage(message, secrets)).toBe(expected);
  });
});

describe('a generated-looking name a message prints unquoted is blanked (77a-19)', () => {
  test.each([
    [
      'sets the address of entrypoint Xk93mQvR2zLpF, which: set ports.Xk93mQvR2zLpF.port',
      'sets the address of entrypoint <redacted>, which: set ports.<redacted>.port',
    ],
    ['gives the ACME resolver Xk93mQvR2zLpJ no challenge', 'gives the ACME resolver <redacted> no challenge'],
    ['entrypoint x-Xk93mQvR2zLpF-y', 'entrypoint x-<redacted>-y'],
    // Ordinary names stay: words, versions, hex ids, a run glued to a letter of another script (not one run).
    ['entrypoint websecure443, ports.myEntrypoint12.port', 'entrypoint websecure443, ports.myEntrypoint12.port'],
    ['commit deadbeefcafe1234 of letsencrypt2024 and IngressRouteTCP', 'commit deadbeefcafe1234 of letsencrypt2024 and IngressRouteTCP'],
    ['a short one Xk93mQvR2zL stays', 'a short one Xk93mQvR2zL stays'],
  ])('%j', (message, expected) => {
    expect(redactMessage(message, [])).toBe(expected);
    expect(blankGeneratedWords(message)).toBe(expected);
  });
});

describe('the diff of check and --dry-run (fileRedaction)', () => {
  test('77a-10: a word a copy was found in is blanked from its first character', () => {
    const committed = [
      'apiVersion: helm.cattle.io/v1',
      'kind: HelmChartConfig',
      'metadata:',
      '  name: traefik',
      '  namespace: kube-system',
      'spec:',
      '  valuesContent: |-',
      '    service:',
      '      type: LoadBalancer',
      '',
    ].join('\n');
    const edited = `${committed}    # ref Zq93mQvR2zLpHand4\n    # கடவுச்சொல்: Tk93mQvR2zLpHand3\n    # passwort Pk93mQvR2zLpHand5\n    # plain note x\n`;
    const shown = fileRedaction(new Map([['dev/traefik-config.yaml', edited]]))(edited);
    const tail = shown.split('\n').slice(-5, -1);
    expect(tail).toEqual([
      '    # ref <redacted>',
      '    <redacted>' /* a label it knows since native77: the whole line */,
      '    <redacted>',
      '    # plain note x',
    ]);
    expect(shown.startsWith(committed)).toBe(true);
  });

  test('76a-10, 76a-11: pieces and regrouped copies of a secret another file holds', () => {
    const a = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  token: ${TOKEN}\n  pw: ${HUNTER}\n`;
    const annotations = {
      p1: 'zx9q.example.com',
      p2: '9qwm4v.example.com',
      p3: 'tkr7n',
      p4: 'release-Lp2T',
      p5: 'm4vLp2Tk',
      f: 'hunter2-hunter2',
      g: 'Hunter2.Hunter2',
      h: 'xyz hunter2 hunter2 xyz',
      j: 'a/hunter2_hunter2/b',
      ok1: 'web-01.example.com',
      ok2: 'v1.2.3',
      ok3: 'k3s1.lan',
      ok4: 'xyz hunter3 xyz',
      // A piece of the secret (78a-13: 4 or more mixing letters and digits), blanked alone.
      q: 'xyz hunter2 xyz',
    };
    const b = stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b', annotations } });
    const shown = fileRedaction(new Map([['a.yaml', a]]), new Map([['b.yaml', b]]))(b);
    for (const piece of [
      'zx9q',
      '9qwm4v',
      'tkr7n',
      'Lp2T',
      'm4vLp2Tk',
      'hunter2-',
      'Hunter2.',
      'hunter2 hunter2',
      '_hunter2',
      '<redacted>h',
      'hunter2',
    ])
      expect(shown).not.toContain(piece);
    for (const kept of [
      '.example.com',
      'release-<redacted>',
      'xyz <redacted> xyz',
      'a/<redacted>/b',
      'web-01.example.com',
      'v1.2.3',
      'k3s1.lan',
      'xyz hunter3 xyz',
    ])
      expect(shown).toContain(kept);
    expect(shown.split('\n')).toHaveLength(b.split('\n').length);
  });
});

describe('the doors (one run each, many values)', () => {
  test('77a-19: the config door blanks the names a flag gives as the construct door does', () => {
    const values = {
      additionalArguments: [
        '--entrypoints.Xk93mQvR2zLpF.address=:8443',
        '--certificatesresolvers.Xk93mQvR2zLpJ.acme.email=ops@example.com',
        '--entrypoints.metrics9.address=:9100',
      ],
    };
    const { errors } = parseConfigText('config/t.yaml', stringify(withTraefikValues(values)));
    const text = errors.map((d) => formatDiagnostic({ ...d, line: undefined })).join('\n');
    expect(text).toContain('entrypoint <redacted>');
    expect(text).toContain('ACME resolver <redacted>');
    expect(text).toContain('entrypoint metrics9');
    expect(text).not.toMatch(/Xk93/);
  });

  test('76a-6: the construct door blanks a copy of a refused token in a construct id', () => {
    const app = new App({ outdir: '/nonexistent-redact77' });
    const cluster = { kubeVip: { version: 'v1.2.3', interface: 'eth0', controlPlane: { address: '192.168.0.40' } } };
    new K3sVipCluster(app, 'dev', { ...cluster, traefik: { loadBalancerIPs: ['192.168.0.41'] } });
    const chart = new Chart(app, 'mine');
    new ApiObject(chart, 'ZX9Q-WM4V-LP2T-KR7N', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cm', namespace: 'default' },
      data: { token: TOKEN },
    });
    expect(() => app.synth()).toThrow(/construct mine\/<redacted>\): data\.token/);
    let message = '';
    try {
      app.synth();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).not.toMatch(/ZX9Q|WM4V|Zx9q/i);
  });
});

describe('linear on long texts', () => {
  beforeAll(() => {
    redact('warm ab Zx9qWm4vLp2TkR7n', [TOKEN]);
    blankGeneratedWords('warm Xk93mQvR2zLpF');
  });
  test.each([
    ['a run of letters before a secret', () => redact(`${'a'.repeat(100_000)}${TOKEN}`, [TOKEN])],
    ['many copies glued to words', () => redact(`x${TOKEN} `.repeat(5_000), [TOKEN])],
    ['a long run for the unquoted-word reader', () => blankGeneratedWords(`${'Xk93mQvR2z'.repeat(9_999)}é`)],
    ['many short runs', () => blankGeneratedWords('Xk93mQvR2zL '.repeat(8_000))],
  ])('%s', (_name, run) => {
    const start = process.cpuUsage();
    run();
    expect(cpuMillisSince(start)).toBeLessThan(6000);
  });
});
