import { stringify } from 'yaml';
import { App } from 'cdk8s';
import { devConfig, valuesDoors } from './helpers';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { K3sVipCluster } from '../src/index';
import { secretsInData, secretsInLines } from '../src/core/secrets';
import { secretsInFiles } from '../src/output/secret-gate';
import * as hostile from '../scripts/hostile-inputs';
import { HOSTILE_TEST_SIZE } from './secret-doors';

// Attack round 13 A1, A2, A3 and sk1: each through the YAML config, K3sVipCluster, TraefikHelmChartConfig and the write gate.
const SECRET = 'Qx5Hunter2SecretWm47';

const { config: configErrors, cluster: clusterErrors, chart: chartErrors } = valuesDoors;
const gate = (values: unknown) => valuesDoors.gate(values).join('\n');
const everyDoor = (values: unknown) => [configErrors(values), clusterErrors(values), chartErrors(values), gate(values)];

const args = (...items: string[]) => ({ additionalArguments: items });
const configMap = (data: Record<string, string>) => ({
  extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'default' }, data }],
});
const fileContent = (content: string) => ({ providers: { file: { enabled: true, content } } });
const headers = (lines: string) =>
  fileContent(`http:\n  middlewares:\n    hdr:\n      headers:\n        customRequestHeaders:\n${lines.replace(/^/gm, '          ')}\n`);
const podAnnotations = (annotations: Record<string, string>) => ({ deployment: { podAnnotations: annotations } });

/** Refused on every door, naming no part of the secret. */
function expectRefusedEverywhere(values: unknown): void {
  for (const errors of everyDoor(values)) {
    expect(errors).not.toBe('');
    expect(errors).not.toContain(SECRET);
  }
}

describe('A1: a secret flag without =value takes the next item (or shell word) as its value, whatever it starts with', () => {
  test.each<[string, unknown]>([
    ['the next list item starts with -', args('--metrics.influxdb2.token', `-${SECRET}`)],
    ['the next list item starts with --', args('--providers.consul.token', `--${SECRET}`)],
    ['the next list item is a flag', args('--hub.token', `--log.level=${SECRET}`)],
    ['the next word of one text', args(`--metrics.influxdb2.token -${SECRET}`)],
    ['a ConfigMap script line', configMap({ 'run.sh': `#!/bin/sh\nexec traefik --providers.consul.token -${SECRET}\n` })],
    ['an env value that is a command line', { env: [{ name: 'ARGS', value: `--password -${SECRET} --x=1` }] }],
    ['a quoted flag in a command line', { env: [{ name: 'CMD', value: `traefik '--providers.consul.token=${SECRET}'` }] }],
  ])('%s', (_, values) => expectRefusedEverywhere(values));

  test.each<[string, unknown]>([
    ['a non-secret flag followed by -x', args('--log.level', '-x')],
    ['a non-secret flag followed by a flag', args('--ping', '--log.level=INFO')],
    ['a header mode after the header flag', args('--accesslog.fields.headers.names.Authorization', 'drop')],
    ['a secret flag that names a file', args('--api.token-file', '-/run/token')],
    ['a text with a secret flag and a $(VAR) reference', args('--metrics.influxdb2.token $(INFLUX_TOKEN)')],
    ['a secret flag given a lone - (standard input)', args('--providers.consul.token', '-')],
    ['a text giving a secret flag a lone -', { env: [{ name: 'HELP', value: 'use --password - to read it from stdin' }] }],
    ['a secret flag then a $(VAR) reference, in YAML text', configMap({ 'args.yaml': '- --providers.consul.token\n- $(TOKEN)\n' })],
  ])('control, no secret: %s', (_, values) => {
    // Two items may still be refused as Traefik's parser reads them (traefik/arguments.ts), but never as a secret.
    for (const errors of everyDoor(values)) expect(errors).not.toMatch(/secret|<redacted>/);
    expect(gate(values)).toBe('');
  });

  test('the line reader pairs a bare secret flag with the next list item too', () => {
    expect(secretsInLines(`args:\n  - --metrics.influxdb2.token\n  - -${SECRET}\n`)).toContain(`-${SECRET}`);
    expect(secretsInLines('args:\n  - --log.level\n  - -x\n')).toEqual([]);
  });
});

describe('A2: YAML text inside a value is read as data too, so every spelling of a key is the key', () => {
  test.each<[string, unknown]>([
    ['an explicit key (pf5)', headers(`? X-Api-Key\n: ${SECRET}`)],
    ['an escaped key (pf6)', headers(`"X-Api\\u002dKey": ${SECRET}`)],
    ['a tag on the key (pf7)', headers(`!!str X-Api-Key: ${SECRET}`)],
    ['an anchor on the key (pf8)', headers(`&k X-Api-Key: ${SECRET}`)],
    ['an explicit key in flow style (pf12)', fileContent(`http:\n  headers: {? X-Api-Key : ${SECRET}}\n`)],
    ['a ConfigMap text with an explicit key (pf11)', configMap({ 'app.yaml': `db:\n  ? password\n  : ${SECRET}\n` })],
    ['a single-quoted key with a merge', configMap({ 'app.yaml': `base: &b {'api_token': ${SECRET}}\napp:\n  <<: *b\n` })],
    ['a one-line flow text with an explicit key', podAnnotations({ 'example.com/conf': `{? password : ${SECRET}}` })],
    ['a one-line text with a tagged key', podAnnotations({ 'example.com/conf': `!!str password: ${SECRET}` })],
    ['a JSON text with an escaped key', podAnnotations({ 'example.com/conf': `{"pass\\u0077ord": "${SECRET}"}` })],
    ['a Secret manifest in a ConfigMap text', configMap({ 'm.yaml': `kind: Secret\nstringData:\n  ? cf\n  : ${SECRET}\n` })],
  ])('%s', (_, values) => expectRefusedEverywhere(values));

  test.each<[string, unknown]>([
    ['a file provider content without secrets', headers('X-Frame-Options: DENY\n? X-Forwarded-Proto\n: https')],
    ['a ConfigMap text naming a password file', configMap({ 'app.yaml': 'db:\n  host: db.example\n  ? passwordFile\n  : /run/db\n' })],
    ['a ConfigMap script that is no YAML', configMap({ 'run.sh': '#!/bin/sh\nif [ -z "$A" ]; then\n  echo "usage: run"\nfi\n' })],
    ['a YAML text of a ConfigMap without secret words', configMap({ 'app.yaml': 'db:\n  ? host\n  : db.example\n  port: 5432\n' })],
  ])('control, accepted: %s', (_, values) => {
    for (const errors of everyDoor(values)) expect(errors).toBe('');
  });

  test('the gate reads valuesContent as data by its place: hub.token naming a Secret passes, a token there does not', () => {
    expect(gate({ hub: { token: 'traefik-hub-license' } })).toBe('');
    expect(gate({ hub: { token: SECRET } })).toMatch(/hub\.token/);
  });

  test('the line reader judges a key as text too', () => {
    expect(secretsInLines(`a:\n  "--token=${SECRET}": x\n`)).toContain(SECRET);
  });

  test('text that does not parse is still read line by line', () => {
    expect(secretsInData({ a: `x: [\npassword: ${SECRET}\n` })).toHaveLength(1);
  });

  test('text nested deeply in text is read as far as a bound, then line by line', () => {
    let text = `password: ${SECRET}`;
    for (let i = 0; i < 40; i++) text = `k:\n${text.replace(/^/gm, '  ')}\nl: 1`;
    expect(secretsInData({ a: text }).length).toBeGreaterThan(0);
    // Six levels of quoted text: timed in `npm run bench` (hostile input); the generous timeout fails only a hang.
    secretsInData({ a: hostile.nestedQuoted(SECRET)[0][1] });
  }, 60_000);
});

describe('A3: a key is judged as a value is (flags, assignments), and no message quotes it', () => {
  test.each<[string, unknown]>([
    ['--token=… as an annotation key, with a comment (k05)', podAnnotations({ [`--token=${SECRET} #x`]: 'x' })],
    ['a quoted flag as a key (k06)', podAnnotations({ [`'--token=${SECRET}'`]: 'x' })],
    ['a flag as an unknown chart key (k04)', { ports: { web: { [`--api.token=${SECRET}`]: 1 } } }],
    ['a flag and its value as a key (k03)', { [`--password ${SECRET}`]: 1 }],
    ['an export line as a key (k08)', { ports: { web: { [`export DB_PASSWORD=${SECRET}`]: 1 } } }],
    ['a note holding an assignment (k09)', podAnnotations({ [`note export DB_PASSWORD=${SECRET} #`]: 'x' })],
    [
      'a ConfigMap JSON text whose data key is a flag (x03)',
      { extraObjects: [JSON.stringify(configMap({ [`--token=${SECRET} #a`]: 'v' }).extraObjects[0])] },
    ],
    ['a secret flag and a value starting with - as a key', podAnnotations({ [`--providers.consul.token -${SECRET}`]: 'x' })],
  ])('%s', (_, values) => expectRefusedEverywhere(values));

  test.each<[string, unknown]>([
    ['label keys', { deployment: { podLabels: { 'app.kubernetes.io/name': 'traefik', 'example.com/token-rotation': 'weekly' } } }],
    ['an annotation asking for a token', podAnnotations({ 'vault.hashicorp.com/agent-inject-token': 'true' })],
    // Inside a text, where any key may stand (an annotation key must be a qualified name: no `=`, no leading `-`).
    ['a flag-like key that sets no secret', configMap({ note: 'example.com/--log.level=DEBUG: x' })],
  ])('control, accepted: %s', (_, values) => {
    for (const errors of everyDoor(values)) expect(errors).toBe('');
  });

  test('a first-class key (rk1) is refused, and no message quotes it', () => {
    const config = devConfig();
    config.traefik.certResolvers = { [`--token=${SECRET}`]: { email: 'a@example.com' } };
    const errors = parseConfigText('config/t.yaml', stringify(config)).errors.map(formatDiagnostic).join('\n');
    // crd77: a key that is no plain word is shown bracketed and quoted in the key path.
    expect(errors).toMatch(/certResolvers\["--token=<redacted>"\]/);
    expect(errors).not.toContain(SECRET);
  });

  test.each([`--token=${SECRET}`, `--token ${SECRET}`, `export K3S_TOKEN=${SECRET}`])(
    'an unknown construct prop named %s (P06, P08) is refused unquoted',
    (key) => {
      const props = devConfig();
      props.kubeVip[key] = 1;
      let message = '';
      try {
        new K3sVipCluster(new App(), 'c', props);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).not.toBe('');
      expect(message).not.toContain(SECRET);
    },
  );
});

describe('sk1: kind: Secret is a Secret in any letter case', () => {
  test.each(['secret', 'SECRET', 'sEcReT'])('kind: %s with stringData is refused on every door', (kind) => {
    expectRefusedEverywhere({
      extraObjects: [{ apiVersion: 'v1', kind, metadata: { name: 's', namespace: 'default' }, stringData: { cf: SECRET } }],
    });
  });

  test('the line reader and the gate read kind: secret as a Secret too', () => {
    const text = `kind: secret\nmetadata:\n  name: s\nstringData:\n  cf: ${SECRET}\n`;
    expect(secretsInLines(text)).toContain(SECRET);
    expect(secretsInFiles(new Map([['c/README.md', text]]))).toHaveLength(1);
    expect(secretsInFiles(new Map([['c/x.yaml', text]])).join('\n')).toMatch(/stringData\.cf/);
  });
});

test('the gate reads the chart values of a HelmChartConfig in any letter case', () => {
  const file = (kind: string) =>
    new Map([
      [
        'c/x.yaml',
        stringify({
          apiVersion: 'helm.cattle.io/v1',
          kind,
          metadata: { name: 't' },
          spec: { valuesContent: `env:\n  - name: API_TOKEN\n    value: ${SECRET}\n` },
        }),
      ],
    ]);
  for (const kind of ['HelmChartConfig', 'helmchartconfig', 'HELMCHART'])
    expect(secretsInFiles(file(kind)).join('\n')).toMatch(/valuesContent\.env\[0\]\.value/);
});

// Reading text as YAML costs one parse per level of text in text (at most four), never one per line.
// Timed at 400 kB in `npm run bench` (hostile input), judged here at HOSTILE_TEST_SIZE; the generous timeout fails only a hang.
test.each(hostile.yamlishLines(HOSTILE_TEST_SIZE))(
  'a long text of %s is judged',
  (_, text) => {
    expect(secretsInData({ a: text })).toEqual([]);
  },
  60_000,
);
