import { App } from 'cdk8s';
import { stringify } from 'yaml';
import { chart, configErrors, devConfig, thrown, withChanges, withTraefikValues } from './helpers';
import { redactMessage } from '../src/core/redact-message';
import { secretRefusal, secretsInData } from '../src/core/secrets';
import { K3sVipCluster, TraefikHelmChartConfig } from '../src/index';
import { secretsInFiles } from '../src/output/secret-gate';
import { envEntry as env } from './rule-doors';

// Attack round 7 (H1, H2, H3): each through the YAML config, K3sVipCluster, TraefikHelmChartConfig and the write gate.
const SECRET = 'Hunter2SecretQz9Lm4';

const yamlErrors = (values: unknown) => configErrors(withTraefikValues(values)).join('\n');
const clusterErrors = (values: unknown) => thrown(() => new K3sVipCluster(new App(), 'c', withTraefikValues(values))).message;
const chartErrors = (values: unknown) =>
  thrown(() => new TraefikHelmChartConfig(chart(), 't', { loadBalancerIPs: ['192.168.0.41'], values: values as Record<string, unknown> }))
    .message;
const helmChartConfig = (valuesContent: string) =>
  stringify({
    apiVersion: 'helm.cattle.io/v1',
    kind: 'HelmChartConfig',
    metadata: { name: 'traefik', namespace: 'kube-system' },
    spec: { valuesContent },
  });
const gate = (valuesContent: string) => secretsInFiles(new Map([['c/traefik-config.yaml', helmChartConfig(valuesContent)]]));

describe('H1: an extraObjects text item that Helm may read otherwise than this tool cannot be judged, and is refused', () => {
  const head = 'apiVersion: v1, kind: Secret, metadata: {name: cf, namespace: kube-system}';
  const unjudgeable = 'is text that ';
  const asMap = 'so what object it makes cannot be judged: write it literally as a map';
  test.each<[string, string, string]>([
    ['a merge key', `{${head}, <<: {stringData: {cf: ${SECRET}}}}`, 'holds a YAML merge key (<<)'],
    ['a quoted merge key', `{${head}, "<<": {stringData: {cf: ${SECRET}}}}`, 'holds a YAML merge key (<<)'],
    ['a nested merge key', `{${head}, stringData: {<<: {cf: ${SECRET}}}}`, 'holds a YAML merge key (<<)'],
    ['a merge key through an alias', `{a: &m {stringData: {cf: ${SECRET}}}, ${head}, <<: *m}`, 'holds a YAML merge key (<<)'],
    ['a merge key under a document start', `--- {${head}, <<: {stringData: {cf: ${SECRET}}}}`, 'holds a YAML merge key (<<)'],
    ['a syntax error', `{${head}, stringData: {cf: ${SECRET}}, bad: [}`, 'does not parse cleanly as YAML (a syntax error'],
    ['a byte order mark after the text', `{${head}, stringData: {cf: ${SECRET}}}\uFEFF`, 'does not parse cleanly as YAML'],
    ['an alias without its anchor', `{${head}, stringData: *nope}`, 'an alias without its anchor'],
    ['a !!binary kind', `{apiVersion: v1, kind: !!binary U2VjcmV0, metadata: {name: cf}, stringData: {cf: ${SECRET}}}`, 'holds a YAML tag'],
    ['an unknown tag', `{apiVersion: v1, kind: !Secret x, metadata: {name: cf}, stringData: {cf: ${SECRET}}}`, 'a tag YAML does not know'],
  ])('%s: refused on every front door without quoting it, and by the write gate', (_, item, why) => {
    const values = { extraObjects: [item] };
    for (const errors of [yamlErrors(values), clusterErrors(values), chartErrors(values)]) {
      expect(errors).toMatch(/extraObjects\[0\]:? is text that /);
      expect(errors).toContain(why);
      expect(errors).toContain(asMap);
      expect(errors).not.toContain(SECRET);
    }
    expect(yamlErrors(values)).toContain(`traefik.values.extraObjects[0]: ${unjudgeable}`);
    expect(gate(stringify(values)).join('\n')).toContain('extraObjects[0] holds text that cannot be judged');
  });

  // Wave 84 (84b-6): a key written twice is said at its place ("is text whose key kind is set twice: keep one"); the text
  // stays unjudged, refused on every door and by the gate, its secret unquoted.
  test.each<[string, string]>([
    ['a duplicate key', `{${head}, stringData: {cf: ${SECRET}}, type: Opaque, type: Opaque}`],
    ['a duplicate kind', `{apiVersion: v1, kind: Secret, kind: ConfigMap, metadata: {name: cf}, stringData: {cf: ${SECRET}}}`],
  ])('%s: refused on every front door without quoting it, and by the write gate', (_, item) => {
    const values = { extraObjects: [item] };
    for (const errors of [yamlErrors(values), clusterErrors(values), chartErrors(values)]) {
      expect(errors).toMatch(
        /extraObjects\[0\]:? (is text whose key \w+ is set twice|holds text that sets a value under a key named like a secret)/,
      );
      expect(errors).not.toContain(SECRET);
    }
    expect(gate(stringify(values)).join('\n')).toContain('extraObjects[0] holds text that cannot be judged');
  });

  test.each<[string, string]>([
    ['an anchor and alias for the data', `{a: &m {cf: ${SECRET}}, apiVersion: v1, kind: Secret, metadata: {name: cf}, stringData: *m}`],
    ['an aliased kind', `{k: &k Secret, apiVersion: v1, kind: *k, metadata: {name: cf}, stringData: {cf: ${SECRET}}}`],
    ['a leading byte order mark', `\uFEFF{apiVersion: v1, kind: Secret, metadata: {name: cf}, stringData: {cf: ${SECRET}}}`],
  ])('clean text is read as data: %s is a Secret', (_, item) => {
    for (const errors of [yamlErrors({ extraObjects: [item] }), chartErrors({ extraObjects: [item] })]) {
      expect(errors).toMatch(/extraObjects\[0\]\.stringData\.cf:? is the data of a Kubernetes Secret/);
      expect(errors).not.toContain(SECRET);
    }
  });

  test.each([
    '{apiVersion: v1, kind: ConfigMap, metadata: {name: a, namespace: b}, data: {x: "cat <<EOF"}}',
    // 83a-19: not `{x: y}`, which Helm reads (YAML 1.1) as {x: true}, a ConfigMap the API server refuses.
    '{apiVersion: v1, kind: !!str ConfigMap, metadata: {name: a}, data: {x: v}}',
    // JSON text (a one-line block mapping such as `apiVersion: v1` is no whole object: its schema refuses it).
    '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}}',
  ])('clean text without a Secret stays accepted: %s', (item) => {
    expect(yamlErrors({ extraObjects: [item] })).toBe('');
    expect(() => new TraefikHelmChartConfig(chart(), 't', { values: { extraObjects: [item] } })).not.toThrow();
  });

  test('a "<<" key in construct props is refused: Helm reads it as a merge key once written out', () => {
    const item = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'cf' }, '<<': { stringData: { cf: SECRET } } };
    for (const errors of [clusterErrors({ extraObjects: [item] }), chartErrors({ extraObjects: [item] })]) {
      expect(errors).toContain('extraObjects[0]');
      expect(errors).toContain('holds the key "<<", which Helm reads as a YAML merge key');
      expect(errors).not.toContain(SECRET);
    }
    expect(clusterErrors({ env: [{ '<<': { name: 'DB_PASSWORD' }, value: SECRET }] })).toContain(
      'traefik.values.env[0]: holds the key "<<"',
    );
  });

  test('the write gate judges chart values with a merge key as Helm merges them', () => {
    const merged = `extraObjects:\n  - apiVersion: v1\n    kind: Secret\n    metadata: {name: cf}\n    <<: {stringData: {cf: ${SECRET}}}\n`;
    expect(gate(merged)).toEqual([
      'c/traefik-config.yaml: spec.valuesContent.extraObjects[0].stringData.cf holds the data of a Kubernetes Secret',
    ]);
    const env = `env:\n  - <<: {name: DB_PASSWORD}\n    value: ${SECRET}\n`;
    expect(gate(env)).toEqual(['c/traefik-config.yaml: spec.valuesContent.env[0].value holds a value under a key named like a secret']);
  });

  test('the write gate refuses chart values and files it cannot read cleanly when they may hold a Secret', () => {
    expect(gate('a: 1\na: 2\n')).toEqual([
      'c/traefik-config.yaml: spec.valuesContent holds text that cannot be judged: it does not parse cleanly as YAML (a key written twice, at line 2, column 1)',
    ]);
    const flowSecret = `{apiVersion: v1, kind: Secret, metadata: {name: cf}, stringData: {cf: ${SECRET}}, stringData: {}}\n`;
    // Its line holds a secret's name and a generated value: read line by line, that is said (round 54), else it cannot be judged.
    expect(secretsInFiles(new Map([['s.yaml', flowSecret]])).join('\n')).toMatch(
      /s\.yaml:(?:\d+:)? (?:cannot be judged|holds [^\n]*, read line by line as the file does not parse cleanly)/,
    );
    const binary = `apiVersion: v1\nkind: !!binary U2VjcmV0\nmetadata: {name: cf}\nstringData: {cf: ${SECRET}}\n`;
    expect(secretsInFiles(new Map([['s.yaml', binary]])).join('\n')).toContain('s.yaml: cannot be judged: it holds a YAML tag');
    const multi = `kind: ConfigMap\ndata: {a: b}\n---\nkind: Secret\nstringData: {cf: ${SECRET}}\nbad: [\n`;
    expect(secretsInFiles(new Map([['s.yaml', multi]]))).not.toEqual([]);
    expect(secretsInFiles(new Map([['s.yaml', 'a: [b\n']]))).toEqual([]);
  });

  test('the backstop message of the pipeline for such text never quotes it', () => {
    const [found] = secretsInData({ extraObjects: [`{kind: Secret, <<: {stringData: {cf: ${SECRET}}}}`] });
    expect(found.path).toEqual(['extraObjects', 0]);
    expect(secretRefusal(found)).not.toContain(SECRET);
    expect(secretRefusal(found)).toContain('write it as a map');
  });
});

describe('H2: an absolute file path is no secret only under a name that takes a file', () => {
  const container = (args: string[]) => ({ deployment: { additionalContainers: [{ name: 's', image: 'busybox:1.36', args }] } });
  test.each<[string, object, string | undefined]>([
    [
      'DB_PASSWORD=/x.txt',
      env('DB_PASSWORD', `/${SECRET}.txt`),
      'traefik.values.env[0].value: holds a value under a key named like a secret',
    ],
    ['CF_DNS_API_TOKEN=/a/x.key', env('CF_DNS_API_TOKEN', `/a/${SECRET}.key`), 'traefik.values.env[0].value: holds'],
    [
      '--providers.plugin.x.token=/x.txt',
      { additionalArguments: [`--providers.plugin.x.token=/${SECRET}.txt`] },
      'additionalArguments[0]: holds',
    ],
    ['--db-password /x.txt', container(['--db-password', `/${SECRET}.txt`]), 'args[1]: holds'],
    ['a password key', { hub: { password: `/${SECRET}.json` } }, 'traefik.values.hub.password: holds'],
    [
      'GOOGLE_APPLICATION_CREDENTIALS=/var/secrets/google/key.json',
      env('GOOGLE_APPLICATION_CREDENTIALS', '/var/secrets/google/key.json'),
      undefined,
    ],
    ['AWS_SHARED_CREDENTIALS_FILE', env('AWS_SHARED_CREDENTIALS_FILE', '/var/secrets/aws.conf'), undefined],
    ['--providers.plugin.x.credentials=/a/key.json', { additionalArguments: ['--providers.plugin.x.credentials=/a/key.json'] }, undefined],
  ])('%s', (_, values, expected) => {
    const errors = yamlErrors(values);
    if (expected) expect(errors).toContain(expected);
    else expect(errors).toBe('');
    expect(errors).not.toContain(SECRET);
    if (expected) expect(chartErrors(values)).not.toContain(SECRET);
  });

  test.each<[string, string, boolean]>([
    ['DB_PASSWORD', `/${SECRET}.txt`, true],
    ['GOOGLE_APPLICATION_CREDENTIALS', '/var/secrets/google/key.json', false],
  ])('the write gate: %s=%s refused: %s', (name, value, refused) => {
    expect(gate(stringify({ env: [{ name, value }] })).length > 0).toBe(refused);
  });
});

describe("H3: a message redacts a secret where it is a value, never the tool's own words", () => {
  const refusal = 'keep it in a Kubernetes Secret and take it with env valueFrom.secretKeyRef';
  test.each(['keep', 'it', 'Secret', 'Kubernetes', 'existingSecret', 'reference'])('X_PASSWORD=%s: the advice reads whole', (secret) => {
    const values = { env: [{ name: 'X_PASSWORD', value: secret }] };
    expect(yamlErrors(values)).toContain(
      `traefik.values.env[0].value: holds a value under a key named like a secret, and dist/ is committed to Git, so no secret may be written there: ${refusal}`,
    );
    expect(chartErrors(values)).toContain(refusal);
    expect(clusterErrors(values)).toContain(refusal);
  });

  test.each<[string, string, string]>([
    ['quoted whole', '"keep" is not a mode', '"<redacted>" is not a mode'],
    ['a short one quoted whole', 'got "it" here', 'got "<redacted>" here'],
    ['inside a quoted value', 'got "--token=keepsake" here', 'got "--token=<redacted>" here'],
    ['set in a flag', 'got --token=keepsake here', 'got --token=<redacted> here'],
    ['in a dotted path', 'see env.keepsake.value', 'see env.<redacted>.value'],
    ['a word of prose', 'keep it so', 'keep it so'],
    ['inside a longer word', 'a SealedSecret', 'a SealedSecret'],
  ])('%s', (_, message, expected) => {
    const secret = /keepsake/.test(message) ? 'keepsake' : /Secret/.test(message) ? 'Secret' : /"it"/.test(message) ? 'it' : 'keep';
    expect(redactMessage(message, [secret])).toBe(expected);
  });

  test('a secret that is not a plain word is redacted everywhere, prose or not', () => {
    expect(redactMessage(`keep ${SECRET} it`, [SECRET])).toBe('keep <redacted> it');
    expect(redactMessage('keep hunter-2 it', ['hunter-2'])).toBe('keep <redacted> it');
  });
});

test('the reference config stays accepted', () => {
  expect(configErrors(withChanges(devConfig(), {}))).toEqual([]);
});
