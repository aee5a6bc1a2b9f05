import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { chart, devConfig, thrown, withChanges } from './helpers';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { redact, secretsInData, UNJUDGEABLE_TEXT } from '../src/core/secrets';
import { K3sVipCluster, TraefikHelmChartConfig } from '../src/index';
import { wiring } from '../src/main';
import { newCluster } from '../src/new-cluster';
import { secretsInFiles } from '../src/output/secret-gate';
import { runSynth } from '../src/synth';
import { App } from 'cdk8s';

/** Secret-shaped values; none of their telltale parts may appear in any message or file. */
const TOKEN = `K10${'ab'.repeat(32)}::server:s3cr3tpart`;
const URL_WITH_CREDENTIALS = 'https://oauth2:ghpSECRETvalue@git.example.com/me/infra.git';
const PASSWORD = 'hunter2-pa55';
const PRIVATE_KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU\\n-----END OPENSSH PRIVATE KEY-----';
const TELLTALES = /s3cr3tpart|ghpSECRETvalue|hunter2|b3BlbnNzaC1rZXk/;

const lines = (text: string) => {
  const { errors, warnings } = parseConfigText('config/t.yaml', text);
  return [...errors, ...warnings].map(formatDiagnostic);
};
const yaml = (patch: unknown) => stringify(withChanges(devConfig(), patch));

describe('class 1: no message echoes a secret, whichever check speaks', () => {
  test.each<[string, string, RegExp]>([
    ['an unknown key shaped like a token', `traefik:\n  ${TOKEN}: 1\n`, /holds a K3s token/],
    ['a token where an interface name goes (length and characters)', yaml({ kubeVip: { interface: TOKEN } }), /K3s token/],
    ['a token in a list where text goes', yaml({ kubeVip: { version: [TOKEN] } }), /K3s token/],
    [
      'a conflict message quoting a token-shaped annotation',
      yaml({ traefik: { values: { service: { annotations: { 'kube-vip.io/loadbalancerIPs': TOKEN } } } } }),
      /K3s token/,
    ],
    ['credentials in gitops.repoURL', yaml({ gitops: { engine: 'flux', repoURL: URL_WITH_CREDENTIALS } }), /GitRepository's secretRef/],
    [
      'an env entry named like a token',
      yaml({ traefik: { values: { env: [{ name: 'K3S_TOKEN', value: PASSWORD }] } } }),
      /traefik\.values\.env\[0\]\.value: holds a value under a key named like a secret/,
    ],
    [
      'a container argument that sets a password',
      yaml({ traefik: { values: { additionalArguments: [`--providers.plugin.password=${PASSWORD}`] } } }),
      /additionalArguments\[0\]: holds a container argument that sets a secret/,
    ],
    [
      'a password under a values key',
      yaml({ traefik: { values: { hub: { password: PASSWORD } } } }),
      /hub\.password: holds a value under a key/,
    ],
    // A key spans lines, and no config value may: the control-character rule speaks first, without the value.
    [
      'a private key',
      yaml({ traefik: { values: { tlsStore: { key: PRIVATE_KEY.replace(/\\n/g, '\n') } } } }),
      // Longer than a message quotes: named by its size.
      /tlsStore\.key: a text of 101 characters holds a control character/,
    ],
    [
      'a short text holding a secret and a line break',
      yaml({ traefik: { values: { tlsStore: { note: 'password=Hunter2Secret9x\nnext' } } } }),
      /tlsStore\.note: "<redacted>" holds a control character/,
    ],
    ['a private key on one line', yaml({ traefik: { values: { tlsStore: { key: PRIVATE_KEY } } } }), /tlsStore\.key: holds a private key/],
    [
      'a password too long for a name',
      yaml({ ingresses: [{ name: 'x', host: 'a.example.com', service: 's', port: 80, password: PASSWORD }] }),
      /password/,
    ],
  ])('%s', (_, text, expected) => {
    const out = lines(text).join('\n');
    expect(out).toMatch(expected);
    expect(out).not.toMatch(TELLTALES);
  });

  test('the construct API says the same without the value', () => {
    const build = () =>
      new K3sVipCluster(
        new App(),
        'c',
        withChanges(devConfig(), { traefik: { values: { env: [{ name: 'API_TOKEN', value: PASSWORD }] } } }),
      );
    expect(build).toThrow(/traefik\.values\.env\[0\]\.value: holds a value under a key named like a secret/);
    try {
      build();
    } catch (e) {
      expect(String(e)).not.toMatch(TELLTALES);
    }
  });

  test('`npm run new --from` refuses a source holding a secret: it names where, never what, and writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'k3s-vip-new-'));
    try {
      writeFileSync(join(dir, 'src.yaml'), yaml({ gitops: { engine: 'argocd', repoURL: URL_WITH_CREDENTIALS } }));
      const out: string[] = [];
      const status = newCluster(['lab', '--from', 'src'], {
        configDir: dir,
        schemaFile: join(dir, 'schema.json'),
        log: (l) => out.push(l),
      });
      expect(status).toBe(1);
      expect(out.join('\n')).toMatch(/src\.yaml:\d+:\d+: gitops\.repoURL: holds .*: nothing was copied/);
      expect(out.join('\n')).not.toMatch(TELLTALES);
      expect(readdirSync(dir).sort()).toEqual(['src.yaml']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test.each([
    [`"${TOKEN}" is 100 characters long`, `"<redacted>" is 100 characters long`],
    [`clone ${URL_WITH_CREDENTIALS}`, 'clone <redacted>git.example.com/me/infra.git'],
    [`key ${PRIVATE_KEY}`, 'key <redacted>'],
  ])('redact(%j) by shape', (text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  test.each([
    ['https://git.example.com/me/infra.git?access_token=qtokSECRET', 'https://git.example.com/me/infra.git?access_token=<redacted>'],
    [
      'https://gitlab.example.com/x.git?ref=main&private_token=qtokSECRET#top',
      'https://gitlab.example.com/x.git?ref=main&private_token=<redacted>#top',
    ],
    [
      'https://s3.example.com/b?X-Amz-Credential=qtokSECRET&X-Amz-Signature=qtokSECRET',
      'https://s3.example.com/b?X-Amz-Credential=<redacted>&X-Amz-Signature=<redacted>',
    ],
    ['https://maps.example.com/?key=qtokSECRET', 'https://maps.example.com/?key=<redacted>'],
  ])('a credential in a URL query is a secret: %s', (text, expected) => {
    expect(redact(text)).toBe(expected);
    expect(secretsInData({ repoURL: text }).map((found) => found.what)).toEqual(['a URL with a credential in its query or fragment']);
  });

  test.each(['https://h.example.com/?keyboard=us', 'https://h.example.com/?monkey=1&page=2', 'https://h.example.com/a?token='])(
    'a query without a credential is not a secret: %s',
    (text) => {
      expect(redact(text)).toBe(text);
      expect(secretsInData({ repoURL: text })).toEqual([]);
    },
  );

  test("synth refuses a token in gitops.repoURL's query without printing it", () => {
    const out = lines(yaml({ gitops: { engine: 'flux', repoURL: 'https://git.example.com/me/infra.git?access_token=qtokSECRET' } }));
    expect(out.join('\n')).toMatch(/gitops\.repoURL/);
    expect(out.join('\n')).not.toMatch(/qtokSECRET/);
  });

  test('redact() removes known secrets whole, quoted, escaped and cut', () => {
    const secret = `${'x'.repeat(70)}"tail`;
    const message = `${JSON.stringify(secret)} and ${JSON.stringify(secret.slice(0, 60))}... and "ab"`;
    expect(redact(message, [secret, 'ab'])).toBe('"<redacted>" and "<redacted>"... and "<redacted>"');
  });

  test('references are not secrets: $(VAR), Secret names, key refs, token files', () => {
    const data = {
      env: [
        { name: 'BGP_PASSWORD', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } },
        { name: 'X_TOKEN', value: '$(FROM_SECRET)' },
      ],
      tokenSecret: { name: 'cloudflare', key: 'api-token' },
      secretName: 'web-tls',
      existingSecret: 'my-secret',
      tokenFile: '/etc/rancher/k3s/cluster-token',
      apiTokenSecretRef: { name: 'x', key: 'y' },
    };
    expect(secretsInData(data)).toEqual([]);
  });
});

describe('class 2: one gate before anything is written', () => {
  test('a secret anywhere in a rendered file is refused, by file and key, never printed', () => {
    const files = new Map([
      ['dev/traefik-config.yaml', `spec:\n  valuesContent: |\n    x: 1\n  password: ${PASSWORD}\n`],
      ['dev/README.md', `clone ${URL_WITH_CREDENTIALS}\n`],
      ['dev/kube-vip.yaml', 'kind: ConfigMap\ndata:\n  secretName: web-tls\n'],
    ]);
    const found = secretsInFiles(files);
    expect(found).toEqual([
      'dev/traefik-config.yaml: spec.password holds a value under a key named like a secret',
      'dev/README.md:1: holds a URL with credentials',
    ]);
    expect(found.join('\n')).not.toMatch(TELLTALES);
  });

  test.each([
    ['credentials in gitops.repoURL', { gitops: { engine: 'argocd', repoURL: URL_WITH_CREDENTIALS } }],
    ['K3S_TOKEN in traefik.values env', { traefik: { values: { env: [{ name: 'K3S_TOKEN', value: PASSWORD }] } } }],
  ])('synth refuses %s and leaves dist/ byte-identical', (_, patch) => {
    const root = mkdtempSync(join(tmpdir(), 'k3s-vip-secret-'));
    try {
      const [configDir, distDir] = [join(root, 'config'), join(root, 'dist')];
      require('node:fs').mkdirSync(configDir);
      writeFileSync(join(configDir, 'dev.yaml'), yaml({}));
      const out: string[] = [];
      expect(runSynth({ configDir, distDir, wiring, log: (l) => out.push(l) })).toBe(0);
      const before = readFileSync(join(distDir, 'dev', 'traefik-config.yaml'), 'utf8');
      writeFileSync(join(configDir, 'dev.yaml'), yaml(patch));
      expect(runSynth({ configDir, distDir, wiring, log: (l) => out.push(l) })).toBe(1);
      expect(out.join('\n')).not.toMatch(TELLTALES);
      expect(readFileSync(join(distDir, 'dev', 'traefik-config.yaml'), 'utf8')).toBe(before);
      expect(readdirSync(join(distDir, 'dev'))).not.toContain('gitops');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('key forms that name a secret (attack round 3 F5)', () => {
  test.each([
    'secrets',
    'tokenValue',
    'passwordPlain',
    'db_password_plain',
    'db-password',
    'api_token',
    'Authorization',
    'proxyAuthorization',
  ])('%s is a secret key', (key) => {
    expect(secretsInData({ [key]: 'hunter2-pa55' }).map((found) => found.path)).toEqual([[key]]);
  });
  test.each(['secretName', 'secret-name', 'token_file', 'db_password_file', 'existingSecret', 'passwordFile', 'secret_ref'])(
    '%s names where a secret is kept, not the secret',
    (key) => {
      expect(secretsInData({ [key]: 'web-tls' })).toEqual([]);
    },
  );
});

describe('pass and pwd count as a whole last word only (attack round 3 F5)', () => {
  test.each([
    'dbPass',
    'adminPass',
    'db_pass',
    'DB_PASS',
    'db-pass',
    'pass',
    'pwd',
    'dbPwd',
    'DB_PWD',
    'dbPass2',
    'dbPassValue',
    'bgp_peerpass',
  ])('%s is a secret key', (key) => {
    expect(secretsInData({ [key]: 'hunter2-pa55' }).map((found) => found.path)).toEqual([[key]]);
  });
  // Traefik's own option names with "pass" in them (traefik/traefik pkg/config/dynamic, static), and English words.
  test.each([
    'bypass',
    'compass',
    'passthrough',
    'passHostHeader',
    'passTLSCert',
    'passTLSClientCert',
    'passiveHealthCheck',
    'allowACMEByPass',
    'disablePassHostHeaders',
    'authTLSPassCertificateToUpstream',
    'PASS_THROUGH',
    'db_pass_file',
    'dbPassRef',
  ])('%s is not a secret key', (key) => {
    expect(secretsInData({ [key]: 'true' })).toEqual([]);
  });
  test.each<[string, number]>([
    ['DB_PASS', 1],
    ['ADMIN_PWD', 1],
    ['PWD', 0], // the shell's working directory
    ['BYPASS_CACHE', 0],
  ])('an env entry named %s holds a secret: %d', (name, count) => {
    expect(secretsInData({ env: [{ name, value: '/srv/app-hunter2' }] })).toHaveLength(count);
  });
  test('Traefik values using every pass* option are not refused', () => {
    const values = {
      ports: { web: { allowACMEByPass: 'true' } },
      providers: { kubernetesIngress: { disablePassHostHeaders: 'true' } },
      extraObjects: [
        { kind: 'Middleware', spec: { passTLSClientCert: { pem: 'true' } } },
        { kind: 'IngressRouteTCP', spec: { tls: { passthrough: 'true' } } },
        { kind: 'TraefikService', spec: { weighted: { services: [{ name: 'a', passHostHeader: 'false' }] } } },
      ],
    };
    expect(lines(yaml({ traefik: { values } })).join('\n')).not.toMatch(/named like a secret/);
  });
});

describe('a Kubernetes Secret is never written, in chart values or in a file (attack round 3 F4)', () => {
  const SECRET_OBJECT = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'cf', namespace: 'kube-system' } };
  const OUT_OF_BAND = /is the data of a Kubernetes Secret, .*create the Secret out of band .* and reference it by name/;
  test.each<[string, Record<string, unknown>]>([
    ['stringData', { stringData: { 'cf-api': PASSWORD } }],
    ['data (base64)', { data: { 'cf-api': Buffer.from(PASSWORD).toString('base64') } }],
  ])('traefik.values.extraObjects: a Secret with %s is refused, whatever its keys are called', (_, data) => {
    const config = { traefik: { values: { extraObjects: [{ ...SECRET_OBJECT, ...data }] } } };
    const out = lines(yaml(config)).join('\n');
    expect(out).toMatch(/traefik\.values\.extraObjects\[0\]\.(data|stringData)\.cf-api: /);
    expect(out).toMatch(OUT_OF_BAND);
    expect(out).not.toMatch(TELLTALES);
    expect(out).not.toContain(Buffer.from(PASSWORD).toString('base64'));
  });
  test.each<[string, () => void]>([
    [
      'K3sVipCluster',
      () =>
        new K3sVipCluster(
          new App(),
          'c',
          withChanges(devConfig(), { traefik: { values: { extraObjects: [{ ...SECRET_OBJECT, stringData: { k: PASSWORD } }] } } }),
        ),
    ],
    [
      'TraefikHelmChartConfig',
      () =>
        new TraefikHelmChartConfig(chart(), 't', {
          loadBalancerIPs: ['192.168.0.41'],
          values: { extraObjects: [{ ...SECRET_OBJECT, stringData: { k: PASSWORD } }] },
        }),
    ],
  ])('%s refuses a Secret in extraObjects', (_, build) => {
    const message = thrown(build).message;
    expect(message).toMatch(/values\.extraObjects\[0\]\.stringData\.k:? is the data of a Kubernetes Secret/);
    expect(message).not.toMatch(TELLTALES);
  });
  test('an extraObjects item given as text (the chart renders it as YAML) is read as a manifest too', () => {
    const item = `{apiVersion: v1, kind: Secret, metadata: {name: cf}, stringData: {cf-api: ${PASSWORD}}}`;
    const out = lines(yaml({ traefik: { values: { extraObjects: [item] } } })).join('\n');
    expect(out).toMatch(/traefik\.values\.extraObjects\[0\]\.stringData\.cf-api: is the data of a Kubernetes Secret/);
    expect(out).not.toMatch(TELLTALES);
    expect(secretsInData({ extraObjects: ['{kind: ConfigMap, data: {a: b}}'] })).toEqual([]);
    // Text that does not parse cannot be judged: it is refused whole (attack 7 H1).
    expect(secretsInData({ extraObjects: ['not: [yaml'] })).toEqual([
      { path: ['extraObjects', 0], value: 'not: [yaml', what: UNJUDGEABLE_TEXT },
    ]);
  });
  test('a ConfigMap has data too, and is not a secret', () => {
    expect(secretsInData({ extraObjects: [{ kind: 'ConfigMap', data: { note: 'hello-there' } }] })).toEqual([]);
  });
  test.each<[string, string, string[]]>([
    [
      'a Secret in a HelmChartConfig',
      `kind: HelmChartConfig\nspec:\n  valuesContent: |-\n    extraObjects:\n      - {kind: Secret, stringData: {cf: ${PASSWORD}}}\n`,
      ['t.yaml: spec.valuesContent.extraObjects[0].stringData.cf holds the data of a Kubernetes Secret'],
    ],
    [
      'a password in a HelmChart',
      `kind: HelmChart\nspec:\n  valuesContent: |-\n    auth:\n      dbPass: ${PASSWORD}\n`,
      ['t.yaml: spec.valuesContent.auth.dbPass holds a value under a key named like a secret'],
    ],
    ['clean chart values', 'kind: HelmChartConfig\nspec:\n  valuesContent: |-\n    service:\n      spec: {}\n', []],
  ])('the write gate reads chart values inside valuesContent: %s', (_, text, expected) => {
    expect(secretsInFiles(new Map([['t.yaml', text]]))).toEqual(expected);
  });
});
