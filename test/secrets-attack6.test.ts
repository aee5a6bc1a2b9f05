import { valuesDoors } from './helpers';
import { secretsInData } from '../src/core/secrets';
import { envEntry as env } from './rule-doors';

// Attack round 6 (G1, G2, G5, G6, G7, G12): each through the YAML config, K3sVipCluster, TraefikHelmChartConfig and the write gate.
const SECRET = 'Hunter2SecretG';

const { config: configErrors, cluster: clusterErrors, chart: chartErrors } = valuesDoors;
const gate = valuesDoors.gate;

const templatedKey = {
  extraObjects: [{ apiVersion: 'v1', '{{ "kind" }}': 'Secret', metadata: { name: 'cf' }, stringData: { 'cf-api': SECRET } }],
};
const templatedText = { extraObjects: [`{{ "apiVersion: v1\\nkind: Secret\\nmetadata: {name: cf}\\nstringData: {cf: ${SECRET}}" }}`] };

describe('G1, G2: an extraObjects item whose object Helm decides (a templated key, a whole item as template text) is refused', () => {
  test.each<[string, unknown, RegExp]>([
    ['a templated key', templatedKey, /extraObjects\[0\]:? has a key that holds a Helm template/],
    ['a whole item as template text', templatedText, /extraObjects\[0\]:? is text that holds a Helm template/],
  ])('%s: refused on every front door, never quoting the secret', (_, values, expected) => {
    for (const errors of [configErrors(values), clusterErrors(values), chartErrors(values)]) {
      expect(errors).toMatch(expected);
      expect(errors).not.toContain(SECRET);
    }
  });

  test("the write gate takes a manifest's data without a literal kind for a Secret's", () => {
    expect(gate(templatedKey).join('\n')).toContain('extraObjects[0].stringData.cf-api');
    expect(gate({ extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { a: 'b' } }] })).toEqual([]);
  });

  test('attack 9 A1: a template anywhere else in an item is refused too (its output can end the value and add a Secret)', () => {
    const breakout = `{{ printf "default%c\\n---\\napiVersion: v1\\nkind: Secret\\nmetadata: {name: s}\\nstringData:\\n  a: %c${SECRET}" 39 39 }}`;
    for (const item of [
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { a: '{{ .Release.Name }}' } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: breakout } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', labels: { '{{ "a" }}': 'b' } } },
    ]) {
      for (const errors of [configErrors({ extraObjects: [item] }), chartErrors({ extraObjects: [item] })]) {
        expect(errors).toMatch(/extraObjects\[0\]\.(data\.a|metadata\.namespace|metadata\.labels)\S*:? .*holds a Helm template/);
        expect(errors).not.toContain(SECRET);
      }
    }
    const plain = { extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { a: 'b {{' } }] };
    expect(configErrors(plain)).toContain('holds a Helm template');
    expect(configErrors({ extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { a: 'b { {' } }] })).toBe(
      '',
    );
  });
});

describe("G5, G12: hub.token is a Secret's name only when it can be one", () => {
  test('a Secret name passes the config, the constructs and the write gate', () => {
    const values = { hub: { token: 'traefik-hub-license', namespaces: [] } };
    expect(configErrors(values)).not.toContain('hub.token');
    expect(chartErrors(values)).not.toContain('hub.token');
    expect(gate(values)).toEqual([]);
  });

  test.each(['AbCd+Hunter2SecretG/xY==', 'Hunter2SecretG', 'a'.repeat(254)])('%s is no Secret name: refused, not quoted', (token) => {
    const values = { hub: { token, namespaces: [] } };
    for (const errors of [configErrors(values), chartErrors(values)]) {
      expect(errors).toContain('hub.token');
      expect(errors).not.toContain(token);
    }
    expect(gate(values)).not.toEqual([]);
  });
});

describe('G6: a shell assignment quoted as one word is still an assignment', () => {
  test.each<[string, string[]]>([
    [`env "DB_PASSWORD=${SECRET}" cdk8s synth`, [SECRET]],
    [`env 'DB_PASSWORD=${SECRET}' cdk8s synth`, [SECRET]],
    [`DB_PASSWORD=${SECRET} cdk8s synth`, [SECRET]],
    ['env "NODE_ENV=production" cdk8s synth', []],
  ])('%s', (text, expected) => {
    expect(secretsInData(text).map((secret) => secret.value)).toEqual(expected);
  });
});

describe("G7: Traefik's header modes under headers.names are no token, whatever the header is called", () => {
  test.each(['Token', 'token', 'Authorization', 'X-Auth-Token'])('%s: drop is accepted, a secret is refused', (header) => {
    const values = (mode: string) => ({ logs: { access: { fields: { headers: { names: { [header]: mode } } } } } });
    expect(configErrors(values('drop'))).toBe('');
    expect(configErrors(values(SECRET))).toContain(`headers.names.${header}`);
    expect(configErrors(values(SECRET))).not.toContain(SECRET);
  });
});

describe('G9, G10: a signature is a secret; an absolute path to a file under a secret key is where one is kept', () => {
  test.each<[string, string, boolean]>([
    ['EPIK_SIGNATURE', SECRET, true],
    ['GOOGLE_APPLICATION_CREDENTIALS', '/var/secrets/google/key.json', false],
    ['GOOGLE_APPLICATION_CREDENTIALS', SECRET, true],
    // Attack 7 H2: a password is the secret, whatever it looks like; only a name that takes a file takes a path,
    // or a path into the secrets directory Docker and Kubernetes mount (77a-7).
    ['DB_PASSWORD', '/etc/db.txt', true],
    ['DB_PASSWORD', '/run/secrets/db.txt', false],
    ['DB_PASSWORD', '/notapath', true],
  ])('%s=%s refused: %s', (name, value, refused) => {
    const errors = configErrors(env(name, value));
    if (refused) expect(errors).toContain('env[0].value');
    else expect(errors).toBe('');
    expect(errors).not.toContain(SECRET);
  });
});
