import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInstall } from '../src/k3s/install-cli';
import { wiring } from '../src/main';
import { runSynth } from '../src/synth';
import { secretsInData } from '../src/core/secrets';
import { DEV_YAML, valuesDoors } from './helpers';
import { acceptedEverywhere, refusedEverywhere, refusedOnlyForKind, textConfigMap } from './secret-doors';

/**
 * Round 81 (leaks81): secrets under names or in places the readers did not take for a secret's:
 * - 81a-1: a personal access token under `GITHUB_PAT`, `GITLAB_PAT`, `PAT` (whole word; `PATH`, `PATTERN` stay names);
 * - 81a-2: k3s:install names a file `token=<secret>.yaml` without its secret, in errors and warnings;
 * - 81a-3: a pair's value named by its item: Tekton/Argo `{name, default}`, CloudFormation `{parameterKey, parameterValue}`,
 *   `{Name, Value}`, a JSON patch `{op, path: /…/password, value}`;
 * - 81a-7: an ExternalSecret's `spec.target.template.data` and a SealedSecret's `spec.template.data` are a Secret's data;
 * - 81a-14: Terraform helm_release `set_sensitive { name, value }` and `set { name = "x.password", value }`;
 * - 81a-16: HAProxy's Redis check `tcp-check send AUTH\ <pw>\r\n`;
 * - 81a-17: a MongoDB key file's content under `mongodb-keyfile` / `keyfile` / `keyFile` (a path there stays one).
 */
const SECRET = 'Hx7kQ2mZpW9vLt4R';
const PAT = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b';
const KEYFILE =
  'ufXS2zQAYc8pW3kLm9Rt4vBn7Hq2Xj5Ze1Gd6Fs0Ay3Cw8Ek4Pu7Ti2Lo9Mb5Nh1Vg6Qr0Sx3Dz8Jk4Wf7Yc2Ua5Ib9Ol1Hp6Tm3Re0Qn8Gv4Ks7Ed2Xw5Za1Cy9Bf6Lt3Jh0Mi'.slice(
    0,
    128,
  );
const extra = (object: Record<string, unknown>) => ({ extraObjects: [object] });

describe('81a-1: a personal access token under a name whose whole word is PAT', () => {
  it.each([
    ['GITHUB_PAT', PAT],
    ['GITLAB_PAT', SECRET],
    ['GITEA_PAT', SECRET],
    ['PAT', SECRET],
    ['PAT_GITHUB', SECRET],
    ['github_pat', PAT],
  ])('%s: refused, never shown', (name, value) => refusedEverywhere({ env: [{ name, value }] }, 'env[0].value', value));
  it.each([
    ['PATH', '/usr/local/bin:/usr/bin'],
    ['PATTERN', '^api-[a-z0-9]{8}$'],
    ['PATCH_LEVEL', 'p3'],
    ['SPATIAL_INDEX', 'rtree'],
    ['XPATH', '//div[@id="x"]'],
    ['DISPATCH_MODE', 'async'],
    ['GITHUB_PAT_FILE', '/run/secrets/github-pat'],
    ['GITHUB_USER', 'octocat'],
  ])('%s passes', (name, value) => acceptedEverywhere({ env: [{ name, value }] }));
  it('a PAT taken from a Secret passes', () =>
    acceptedEverywhere({ env: [{ name: 'GITHUB_PAT', valueFrom: { secretKeyRef: { name: 'gh', key: 'pat' } } }] }));
});

describe('81a-2: k3s:install names a file holding `token=<secret>` without the secret', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'attack80-leaks81-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const synthAndInstall = (file: (dir: string) => void, dryRun: boolean): { code: number; text: string } => {
    const [config, dist, dir] = [join(root, 'config'), join(root, 'dist'), join(root, 'manifests')];
    mkdirSync(config, { recursive: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(config, 'dev.yaml'), DEV_YAML);
    expect(runSynth({ configDir: config, distDir: dist, wiring, dryRun: false, log: () => undefined, out: () => undefined })).toBe(0);
    file(dir);
    const lines: string[] = [];
    const code = runInstall({
      cluster: 'dev',
      distDir: dist,
      configDir: config,
      manifestsDir: dir,
      dryRun,
      out: (l) => lines.push(l),
      err: (l) => lines.push(l),
    });
    return { code, text: lines.join('\n') };
  };
  const FOREIGN = 'apiVersion: helm.cattle.io/v1\nkind: HelmChartConfig\nmetadata: {name: traefik, namespace: kube-system}\n';
  it.each([`token=${SECRET}.yaml`, `db.password=${SECRET}.yaml`])('a foreign manifest %s: refused, its name redacted', (name) => {
    const { code, text } = synthAndInstall((dir) => writeFileSync(join(dir, name), FOREIGN), true);
    expect(code).toBe(1);
    expect(text).toContain('declares HelmChartConfig');
    expect(text).toContain('<redacted>');
    expect(text).not.toContain(SECRET);
  });
  it.each([true, false])('a FIFO named token=<secret>.yaml (dry run %s): warned, its name redacted', (dryRun) => {
    const { text } = synthAndInstall((dir) => expect(spawnSync('mkfifo', [join(dir, `token=${SECRET}.yaml`)]).status).toBe(0), dryRun);
    expect(text).toContain('is a FIFO');
    expect(text).not.toContain(SECRET);
  });
  it('a foreign manifest with a plain name is still named', () => {
    const { code, text } = synthAndInstall((dir) => writeFileSync(join(dir, 'traefik-old.yaml'), FOREIGN), true);
    expect(code).toBe(1);
    expect(text).toContain('traefik-old.yaml declares HelmChartConfig');
  });
});

describe('81a-3: a value named by its item, in the documented pair shapes', () => {
  const task = (param: Record<string, unknown>) =>
    extra({
      apiVersion: 'tekton.dev/v1',
      kind: 'Task',
      metadata: { name: 'push', namespace: 'ci' },
      spec: { params: [param], steps: [{ name: 's', image: 'alpine:3', script: 'echo hi' }] },
    });
  const stack = (parameter: Record<string, unknown>) =>
    extra({
      apiVersion: 'cloudformation.aws.crossplane.io/v1alpha1',
      kind: 'Stack',
      metadata: { name: 'db' },
      spec: { forProvider: { region: 'us-east-1', parameters: [parameter] } },
    });
  it.each([
    ['a Tekton param default', task({ name: 'registry-password', default: SECRET }), 'params[0].default'],
    ['a Tekton param default, name last', task({ default: SECRET, type: 'string', name: 'registry-password' }), 'params[0].default'],
    ['a CloudFormation parameter', stack({ parameterKey: 'MasterUserPassword', parameterValue: SECRET }), 'parameters[0].parameterValue'],
    ['a CloudFormation API parameter', stack({ ParameterKey: 'DbPassword', ParameterValue: SECRET }), 'parameters[0].ParameterValue'],
    [
      'an ECS environment pair',
      extra({
        apiVersion: 'ecs.aws.upbound.io/v1beta1',
        kind: 'TaskDefinition',
        metadata: { name: 't' },
        spec: { environment: [{ Name: 'DB_PASSWORD', Value: SECRET }] },
      }),
      'environment[0].Value',
    ],
    [
      'an Argo Workflows input parameter default',
      extra({
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'WorkflowTemplate',
        metadata: { name: 'w' },
        spec: { templates: [{ name: 't', inputs: { parameters: [{ name: 'db-password', default: SECRET }] } }] },
      }),
      'parameters[0].default',
    ],
  ])('%s: refused, never shown', (_, values, where) => refusedEverywhere(values, where, SECRET));
  it.each([
    ['a kustomize JSON patch in YAML text', `- op: replace\n  path: /stringData/password\n  value: ${SECRET}`],
    ['a JSON patch adding a token', `- op: add\n  path: /data/api-token\n  value: ${SECRET}`],
    [
      'a Tekton Task as text',
      `apiVersion: tekton.dev/v1\nkind: Task\nspec:\n  params:\n    - name: registry-password\n      type: string\n      default: ${SECRET}`,
    ],
    ['a Tekton param as text, default first', `params:\n  - default: ${SECRET}\n    name: registry-password`],
    ['CloudFormation parameters as text', `Parameters:\n  - ParameterKey: DbPassword\n    ParameterValue: ${SECRET}`],
  ])('%s in a ConfigMap: refused, never shown', (_, text) => refusedEverywhere(textConfigMap(text), 'extraObjects[0].data', SECRET));
  it.each([
    ['a Tekton param with a plain default', task({ name: 'image-tag', default: 'v1.2.3' })],
    ['a Tekton param naming the Secret', task({ name: 'registry-password-secret-name', default: 'registry-creds' })],
    ['a Tekton password param without default', task({ name: 'registry-password', type: 'string', description: 'the password' })],
    ['a Tekton password param with an empty default', task({ name: 'registry-password', default: '' })],
    ['a Tekton default that is a placeholder', task({ name: 'registry-password', default: '<registry-password>' })],
    ['a CloudFormation plain parameter', stack({ parameterKey: 'InstanceClass', parameterValue: 'db.t3.micro' })],
    ['a CloudFormation password length', stack({ parameterKey: 'PasswordLength', parameterValue: '32' })],
    // Wave 83: the kinds are none extraObjects carry (extra-object-kinds.ts): that is their only refusal.
  ])('%s meets no secret rule', (_, values) => refusedOnlyForKind(values));
  it.each([
    ['a JSON patch of a plain field', '- op: replace\n  path: /spec/replicas\n  value: 3'],
    ['a JSON patch of an image', '- op: replace\n  path: /spec/template/spec/containers/0/image\n  value: nginx:1.27'],
    ['a JSON patch of a password length', '- op: replace\n  path: /data/password-min-length\n  value: "12"'],
    ['a JSON patch removing a password', '- op: remove\n  path: /stringData/password'],
    [
      'a Tekton Task as text with plain defaults',
      'params:\n  - name: image-tag\n    default: v1.2.3\n  - name: registry-password-key\n    default: password',
    ],
    ['an HTTP route path beside a value', 'match:\n  - path: /token\n    value: exact'],
  ])('%s in a ConfigMap passes', (_, text) => acceptedEverywhere(textConfigMap(text)));
});

describe('81a-7: the data of the Secret an ExternalSecret or a SealedSecret makes', () => {
  const externalSecret = (template: Record<string, unknown>) =>
    extra({
      apiVersion: 'external-secrets.io/v1beta1',
      kind: 'ExternalSecret',
      metadata: { name: 'grafana-admin', namespace: 'monitoring' },
      spec: {
        secretStoreRef: { kind: 'ClusterSecretStore', name: 'vault' },
        target: { name: 'grafana-admin', template },
        data: [{ secretKey: 'admin-password', remoteRef: { key: 'grafana/admin', property: 'password' } }],
      },
    });
  const sealedSecret = (spec: Record<string, unknown>) =>
    extra({ apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', metadata: { name: 'app', namespace: 'default' }, spec });
  const CIPHERTEXT = `AgBy3i4OJSWK+PiTySYZZA${'QmFzZTY0Q2lwaGVydGV4dA'.repeat(16)}==`.slice(0, 344);
  it.each([
    ['an ExternalSecret template literal', externalSecret({ data: { 'smtp-relay': SECRET } }), 'target.template.data.smtp-relay'],
    [
      'a SealedSecret template data',
      sealedSecret({ encryptedData: { 'db-url': CIPHERTEXT }, template: { data: { fallback: SECRET } } }),
      'template.data.fallback',
    ],
    [
      'a SealedSecret template stringData',
      sealedSecret({ template: { stringData: { fallback: SECRET } } }),
      'template.stringData.fallback',
    ],
  ])('%s: refused as a Secret data, never shown', (_, values, where) => {
    refusedEverywhere(values, where, SECRET);
    expect(valuesDoors.config(values)).toContain('the data of a Kubernetes Secret');
  });
  // In extraObjects any `{{` is refused as a Helm template (the chart renders them); as a manifest of its own, a template's
  // references to the fetched keys are none.
  it.each([
    ['references', { 'admin-password': '{{ .password }}' }],
    ['a config file', { 'config.yml': 'user: {{ .username }}\npassword: {{ .password | toString }}\n' }],
  ])('an ExternalSecret template of %s passes as a manifest', (_, data) =>
    expect(secretsInData((externalSecret({ engineVersion: 'v2', data }).extraObjects as unknown[])[0])).toEqual([]),
  );
  it('a literal in an ExternalSecret manifest is found at its path', () =>
    expect(
      secretsInData((externalSecret({ data: { relay: SECRET } }).extraObjects as unknown[])[0]).map(({ path }) => path.join('.')),
    ).toEqual(['spec.target.template.data.relay']));
  it.each([
    ['an ExternalSecret template metadata', externalSecret({ type: 'kubernetes.io/tls', metadata: { labels: { app: 'grafana' } } })],
    ['a SealedSecret ciphertext', sealedSecret({ encryptedData: { 'db-url': CIPHERTEXT }, template: { metadata: { name: 'app' } } })],
  ])('%s passes', (_, values) => acceptedEverywhere(values));
});

describe('81a-14: Terraform helm_release set blocks', () => {
  const release = (blocks: string) =>
    `resource "helm_release" "grafana" {\n  name       = "grafana"\n  repository = "https://grafana.github.io/helm-charts"\n  chart      = "grafana"\n\n${blocks}\n}`;
  it.each([
    ['set_sensitive', `  set_sensitive {\n    name  = "adminPassword"\n    value = "${SECRET}"\n  }`],
    ['set_sensitive, value first', `  set_sensitive {\n    value = "${SECRET}"\n    name  = "smtp.relay"\n  }`],
    ['set of a password', `  set {\n    name  = "auth.password"\n    value = "${SECRET}"\n  }`],
    ['a provider 3 list', `  set_sensitive = [\n    {\n      name  = "adminPassword"\n      value = "${SECRET}"\n    }\n  ]`],
    ['a provider 3 inline list', `  set_sensitive = [{ name = "adminPassword", value = "${SECRET}" }]`],
  ])('%s in a ConfigMap text: refused, never shown', (_, blocks) =>
    refusedEverywhere(textConfigMap(release(blocks)), 'extraObjects[0].data', SECRET),
  );
  it.each([
    [
      'set of plain values',
      `  set {\n    name  = "service.type"\n    value = "LoadBalancer"\n  }\n  set {\n    name  = "replicas"\n    value = "2"\n  }`,
    ],
    ['set_sensitive from a variable', `  set_sensitive {\n    name  = "adminPassword"\n    value = var.grafana_admin_password\n  }`],
    [
      'set_sensitive of an interpolation',
      `  set_sensitive {\n    name  = "adminPassword"\n    value = "\${var.grafana_admin_password}"\n  }`,
    ],
    ['set naming an existing Secret', `  set {\n    name  = "admin.existingSecret"\n    value = "grafana-admin"\n  }`],
  ])('%s passes', (_, blocks) => acceptedEverywhere(textConfigMap(release(blocks))));
});

describe('81a-16: a Redis AUTH in an HAProxy health check', () => {
  const haproxy = (send: string) =>
    `backend redis\n  option tcp-check\n  ${send}\n  tcp-check expect string +OK\n  tcp-check send PING\\r\\n\n  tcp-check expect string +PONG\n  server r1 redis-0.redis:6379 check inter 1s`;
  it.each([
    ['an escaped blank', `tcp-check send AUTH\\ ${SECRET}\\r\\n`],
    ['send-lf', `tcp-check send-lf AUTH\\ ${SECRET}`],
    ['a user and a password', `tcp-check send AUTH\\ default\\ ${SECRET}\\r\\n`],
    ['a lower-case command', `tcp-check send auth\\ ${SECRET}\\r\\n`],
  ])('%s: refused, never shown', (_, send) => refusedEverywhere(textConfigMap(haproxy(send)), 'extraObjects[0].data', SECRET));
  it.each([
    ['an environment reference', 'tcp-check send AUTH\\ ${REDIS_PASSWORD}\\r\\n'],
    ['a PING only', 'tcp-check send PING\\r\\n'],
    ['an INFO command', 'tcp-check send info\\ replication\\r\\n'],
  ])('%s passes', (_, send) => acceptedEverywhere(textConfigMap(haproxy(send))));
});

describe('81a-17: a MongoDB key file content under a key file name', () => {
  const configMap = (data: Record<string, string>) =>
    extra({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'mongo', namespace: 'db' }, data });
  it.each(['mongodb-keyfile', 'keyfile', 'keyFile', 'mongo-key-file'])('%s holding a key: refused, never shown', (key) =>
    refusedEverywhere(configMap({ [key]: KEYFILE }), `data.${key}`, KEYFILE.slice(0, 24)),
  );
  it('a key file folded over lines: refused', () =>
    refusedEverywhere(
      configMap({ 'mongodb-keyfile': `${KEYFILE.slice(0, 64)}\n${KEYFILE.slice(64)}\n` }),
      'data.mongodb-keyfile',
      KEYFILE.slice(0, 24),
    ));
  it.each([
    ['a path', { keyFile: '/etc/mongo/keyfile' }],
    ['a long path', { keyFile: '/var/lib/mongodb/keyfile/replicaSetKeyfile' }],
    ['a file name', { 'mongodb-keyfile': 'mongodb-keyfile' }],
    ['a mongod.conf with a keyFile path', { 'mongod.conf': 'security:\n  keyFile: /etc/mongo/keyfile\n  authorization: enabled\n' }],
  ])('%s passes', (_, data) => acceptedEverywhere(configMap(data)));
});
