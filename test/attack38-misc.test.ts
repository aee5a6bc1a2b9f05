// Blind round 37a: a bad required value hid the Traefik values findings (37a-10), `npm run new --from` claimed
// synth refuses a secret it never reads (a comment) and named no line (37a-11), and two messages printed a long
// name whole or lost their sentence to it (37a-13).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { newCluster } from '../src/new-cluster';
import { DEV_YAML, judgedValues } from './helpers';
import { judgedEverywhere } from './secret-doors';

const FILE = 'config/dev.yaml';
const withValues = (text: string, values: string) => text.replace(/^traefik:\n/m, `traefik:\n  values:\n${values}`);
const errorsOf = (text: string) => parseConfigText(FILE, text).errors.map(formatDiagnostic);

describe('37a-10: a value the schema refuses leaves the other findings in the same run', () => {
  const VALUES = '    image: {tag: latest}\n    globalArguments: ["--x=1"]\n';
  test.each([
    ['a control-plane address that is no IP (a required key)', (t: string) => t.replace('address: 192.168.0.40', 'address: 192.168.0.400')],
    ['a control-plane address that is a text of letters', (t: string) => t.replace('address: 192.168.0.40', 'address: vip')],
    ['a kube-vip version that is no version', (t: string) => t.replace(/version: v\d+\.\d+\.\d+/, 'version: latest')],
  ])('%s', (_, spoil) => {
    const errors = errorsOf(spoil(withValues(DEV_YAML, VALUES)));
    expect(errors).toEqual([
      expect.stringMatching(/^config\/dev\.yaml:\d+:\d+: kubeVip\./),
      expect.stringContaining('traefik.values.image.tag: is "latest"'),
      expect.stringContaining('traefik.values.globalArguments: is not read'),
    ]);
  });

  test('control: the same values on a valid config give the same two findings', () => {
    expect(errorsOf(withValues(DEV_YAML, VALUES))).toEqual([
      expect.stringContaining('traefik.values.image.tag'),
      expect.stringContaining('traefik.values.globalArguments'),
    ]);
  });
});

describe('37a-11: npm run new --from refuses a secret outside the values with its line, and no false claim', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'k3s-vip-new-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const run = (text: string) => {
    writeFileSync(join(root, 'src.yaml'), text);
    const lines: string[] = [];
    const code = newCluster(['copy', '--from', 'src'], {
      configDir: root,
      schemaFile: join(root, 'config.schema.json'),
      log: (l) => lines.push(l),
    });
    return { code, text: lines.join('\n') };
  };

  test('a command-line password in a comment: refused with its line, without "synth refuses it too", never shown', () => {
    const lines = DEV_YAML.split('\n').length;
    const { code, text } = run(`${DEV_YAML}# redis-cli CONFIG SET requirepass Hx7kQz9Wp2Lm\n`);
    expect(code).toBe(1);
    expect(text).toMatch(new RegExp(`src\\.yaml:${lines}:\\d+: holds a secret outside its values`));
    expect(text).not.toContain('synth refuses');
    expect(text).not.toContain('Hx7kQz9Wp2Lm');
  });

  test('a key-value secret in a comment (attack 38a-8): refused with its line, never shown', () => {
    const lines = DEV_YAML.split('\n').length;
    const { code, text } = run(`${DEV_YAML}# password: Hx7kQz9Wp2Lm\n`);
    expect(code).toBe(1);
    expect(text).toMatch(new RegExp(`src\\.yaml:${lines}:\\d+: holds a secret outside its values`));
    expect(text).not.toContain('Hx7kQz9Wp2Lm');
  });

  test('a secret among the values keeps its key path and says synth refuses it there', () => {
    const { code, text } = run(withValues(DEV_YAML, '    env: [{name: DB_PASSWORD, value: Hx7kQz9Wp2Lm}]\n'));
    expect(code).toBe(1);
    expect(text).toMatch(/:\d+:\d+: traefik\.values\.env\[0\]\.value: holds /);
    expect(text).toContain('synth refuses it there too');
    expect(text).not.toContain('Hx7kQz9Wp2Lm');
  });
});

describe('38a-13: a value over 80 characters is cut to its head and named by its size, not quoted whole', () => {
  test.each([
    ['an Ingress Service of 85 characters', (t: string) => t.replace('service: frontend', `service: ${'s'.repeat(85)}`), 's'.repeat(85)],
    [
      'an Ingress host with a label of 75 characters',
      (t: string) => t.replace('host: k3s.code-place-dev.site', `host: ${'h'.repeat(75)}.example.com`),
      `${'h'.repeat(75)}.example.com`,
    ],
  ])('%s', (_, edit, whole) => {
    const errors = errorsOf(edit(DEV_YAML)).join('\n');
    expect(errors).toContain(`(${whole.length} characters)`);
    expect(errors).not.toContain(`"${whole}"`);
  });
});

describe('37a-13: a long name is named by its size and the sentence still reads', () => {
  const long = 'x'.repeat(120);
  test('an additional Service whose full name is too long', () => {
    const messages = judgedValues({ service: { additionalServices: { [long]: {} } } }, '39.0.7').errors.join('\n');
    expect(messages).toContain('makes a Service named traefik- and the key (128 characters)');
    expect(messages).not.toContain(long);
  });

  test('a local plugin whose name is no volume name', () => {
    const plugin = { moduleName: 'github.com/x/y', mountPath: '/plugins-local/src/github.com/x/y', type: 'hostPath', hostPath: '/opt/p' };
    const messages = judgedValues({ experimental: { localPlugins: { [long]: plugin } } }, '41.3.0').errors.join('\n');
    expect(messages).toContain(
      'is local plugin (a text of 120 characters), which the chart writes as pod volume name (a text of 120 characters)',
    );
    expect(messages).not.toContain(long);
  });
});

describe('39a-4: a Supabase secret API key (sb_secret_) is a vendor token at every door, a publishable key is not', () => {
  const key = 'sb_secret_N7UND0UgjKTVKUodkm0HgxSvEMPvz9aB';
  test('refused and never shown', () => {
    judgedEverywhere(key, (text) => text.includes(key.slice(10)));
  });
  test('control: sb_publishable_ is public', () => {
    expect(
      judgedValues({ env: [{ name: 'SUPABASE_KEY_PUBLIC_URL_PART', value: 'sb_publishable_N7UND0UgjKTVKUodkm0HgxSvEMPvz9aB' }] }, '39.0.7')
        .errors,
    ).toEqual([]);
  });
});

describe('39b-8: an extraObjects StatefulSet may mount its own claim templates (the standard shape)', () => {
  const statefulSet = (mountName: string) => ({
    extraObjects: [
      {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'db', namespace: 'default' },
        spec: {
          serviceName: 'db',
          selector: { matchLabels: { app: 'db' } },
          template: {
            metadata: { labels: { app: 'db' } },
            spec: {
              containers: [{ name: 'db', image: 'postgres:16.4', volumeMounts: [{ name: mountName, mountPath: '/var/lib/postgresql' }] }],
            },
          },
          volumeClaimTemplates: [
            { metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } },
          ],
        },
      },
    ],
  });
  test('a mount of a claim template is accepted', () => {
    expect(judgedValues(statefulSet('data'), '39.0.7').errors).toEqual([]);
  });
  test('control: a mount of no volume and no claim template is still refused', () => {
    expect(judgedValues(statefulSet('nosuch'), '39.0.7').errors.join('\n')).toContain('names no volume of the pod');
  });
});

describe('39a-6: label keys and values of the chart label maps, and data keys of extraObjects, as the API server judges them', () => {
  const errors = (values: object) => judgedValues(values, '39.0.7').errors.join('\n');
  test.each([
    ['deployment.podLabels', { deployment: { podLabels: { 'my label': 'x' } } }, 'traefik.values.deployment.podLabels["my label"]'],
    ['deployment.labels', { deployment: { labels: { 'a/b/c': 'x' } } }, 'traefik.values.deployment.labels["a/b/c"]'],
    ['commonLabels', { commonLabels: { team: 'a b' } }, 'traefik.values.commonLabels.team'],
    ['service.labels', { service: { labels: { tier: 5 } } }, 'traefik.values.service.labels.tier'],
    [
      'a ConfigMap data key in extraObjects',
      {
        extraObjects: [
          { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'kube-system' }, data: { 'my file': 'v' } },
        ],
      },
      'traefik.values.extraObjects[0].data["my file"]',
    ],
  ])('%s', (_, values, path) => {
    expect(errors(values)).toContain(`${path}:`);
  });
  test('control: valid labels and data keys are accepted', () => {
    const values = {
      commonLabels: { 'app.kubernetes.io/part-of': 'edge' },
      deployment: { podLabels: { team: 'net' } },
      extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'kube-system' }, data: { 'app.conf': 'v' } }],
    };
    expect(judgedValues(values, '39.0.7').errors).toEqual([]);
  });
});

describe('39a-7: an AWS Secrets Manager ARN names a secret, it holds none', () => {
  const arn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-Xy12Zq';
  test('an env value that is the ARN, under a name ending in ARN, is accepted', () => {
    expect(judgedValues({ env: [{ name: 'DB_SECRET_ARN', value: arn }] }, '39.0.7').errors).toEqual([]);
  });
  test('control: a password set after the ARN is still refused and never shown', () => {
    const errors = judgedValues({ env: [{ name: 'X', value: `${arn} password=Hx7kQz9Wp2Lm` }] }, '39.0.7').errors.join('\n');
    expect(errors).toContain('traefik.values.env[0].value');
    expect(errors).not.toContain('Hx7kQz9Wp2Lm');
  });
});
