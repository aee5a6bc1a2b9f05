import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wiring } from '../src/main';
import { runSynth } from '../src/synth';
import { redact, secretsInData } from '../src/core/secrets';
import { printedPatch } from '../src/output/dry-run-diff';
import { configErrors, devConfig, INVENTORY_CONFIG_TEXT, valuesDoors, withChanges, withTraefikValues } from './helpers';
import { acceptedEverywhere, refusedEverywhere, textConfigMap } from './secret-doors';

/**
 * Round 81 (fp81: 81a-4, 5, 8, 9, 10, 13, 18, 20, 21; 81c-2). False refusals: a public root CA's base64 (a line `PWSb6…`)
 * is no `pw` beside a value; an access-log header mode in Traefik's env form is a mode; a redirect's regular expression
 * is judged by the literal text it requires; a plugin or a file provider's middleware named like an auth scheme is a
 * name; a Secret named after a UUID or a hash is a name; a numeric `basic_auth.username` is a user id. Parity: an OTLP
 * header's env form is judged as its flag. Messages: a gate refusal names the config file as every diagnostic does; a
 * misspelt flag's option path stays readable beside a URL's credentials. Each accepted row has its true secret beside it.
 */

const SECRET = 'Hx7kQ2mZpW9vLt4R';
const ROOTS = join(__dirname, 'fixtures', 'public-roots');
/** The three roots of Debian's ca-certificates.crt that were refused alone (lines `PWSb6…`, `…+PwyvzeG5…`, `PwZpVnP…`). */
const ROOT_FILES = ['ca-disig-root-r2.pem', 'gdca-trustauth-r5-root.pem', 'chunghwa-epki-root.pem'];
const root = (file: string) => readFileSync(join(ROOTS, file), 'utf8');
const configMap = (data: Record<string, string>) => ({
  extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ca-bundle', namespace: 'kube-system' }, data }],
});

describe('81a-8, 81c-2: a public root CA certificate in PEM is public data at every door', () => {
  test.each(ROOT_FILES)('%s passes at every door, and the diff shows it whole', (file) => {
    acceptedEverywhere(configMap({ 'ca.crt': root(file) }));
    expect(redact(root(file))).toBe(root(file));
  });
  test('the three together, as a trust bundle, pass', () =>
    acceptedEverywhere(configMap({ 'ca-bundle.crt': ROOT_FILES.map(root).join('') })));
  test.each([
    ['TRUSTED CERTIFICATE', 'CERTIFICATE'],
    ['X509 CRL', 'CERTIFICATE'],
  ])('the same DER under the label %s passes', (label, old) =>
    acceptedEverywhere(configMap({ 'ca.crt': root(ROOT_FILES[0]).replaceAll(old, label) })),
  );
  const systemBundle = '/etc/ssl/certs/ca-certificates.crt';
  (existsSync(systemBundle) ? test : test.skip)(
    "every certificate of this machine's system bundle passes",
    () => {
      const bundle = readFileSync(systemBundle, 'utf8');
      const refused = bundle
        .split(/(?=-----BEGIN CERTIFICATE-----)/)
        .filter((pem) => pem.includes('BEGIN CERTIFICATE') && secretsInData(configMap({ 'ca.crt': pem })).length > 0);
      expect(refused).toEqual([]);
      expect(valuesDoors.gate(configMap({ 'ca.crt': bundle }))).toEqual([]);
    },
    120_000,
  );
  test("a dry run's patch of a new trust bundle prints every certificate line and warns of none", () => {
    const added = (text: string) => [
      '--- /dev/null',
      '+++ c/ca.yaml',
      '@@ -0,0 +1 @@',
      ...text
        .trimEnd()
        .split('\n')
        .map((line) => `+${line}`),
    ];
    const bundle = ROOT_FILES.map(root).join('');
    expect(printedPatch([{ path: 'c/ca.yaml', lines: added(bundle) }], [])).toEqual({ lines: added(bundle), hidden: [] });
    const withSecret = printedPatch([{ path: 'c/ca.yaml', lines: added(`${bundle}password ➜ ${SECRET}`) }], []);
    expect(withSecret.lines.join('\n')).not.toContain(SECRET);
    expect(withSecret.hidden).toHaveLength(1);
  });
  test('a secret line after the certificate is still refused, never shown', () =>
    refusedEverywhere(configMap({ 'ca.crt': `${root(ROOT_FILES[0])}password ➜ ${SECRET}\n` }), 'data', SECRET));
  test('a "certificate" whose base64 is text setting a password is read as that text', () => {
    const body = Buffer.from(`password: ${SECRET}\n`).toString('base64');
    refusedEverywhere(configMap({ 'ca.crt': `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n` }), 'data', SECRET);
  });
  test('a private key block is refused as before', () => {
    const body = root(ROOT_FILES[0]).split('\n').slice(1, -2).join('\n');
    const pem = `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----\n`;
    expect(secretsInData(configMap({ 'tls.key': pem }))).not.toEqual([]);
  });
});

const ACCESS_LOG = 'TRAEFIK_ACCESSLOG_FIELDS_HEADERS_NAMES';
// Any image: a Traefik image in extraObjects is refused as a second Traefik (81b-3); the env names are what is judged.
const traefikDeployment = (env: object[]) => ({
  extraObjects: [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'edge-proxy', namespace: 'edge' },
      spec: {
        selector: { matchLabels: { app: 'edge-proxy' } },
        template: {
          metadata: { labels: { app: 'edge-proxy' } },
          spec: { containers: [{ name: 'edge', image: 'busybox:1.36', env }] },
        },
      },
    },
  ],
});

describe("81a-4: an access-log header mode in Traefik's env form is a mode", () => {
  test.each([
    [`${ACCESS_LOG}_AUTHORIZATION`, 'redact'],
    [`${ACCESS_LOG}_AUTHORIZATION`, 'drop'],
    [`${ACCESS_LOG}_X-AUTH-TOKEN`, 'keep'],
  ])('%s=%s passes in a Deployment and in traefik.values.env', (name, value) => {
    acceptedEverywhere(
      traefikDeployment([
        { name: 'TRAEFIK_ACCESSLOG', value: 'true' },
        { name, value },
      ]),
    );
    acceptedEverywhere({ env: [{ name, value }] });
  });
  test('a generated value under the same name is refused, never shown', () =>
    refusedEverywhere({ env: [{ name: `${ACCESS_LOG}_AUTHORIZATION`, value: SECRET }] }, 'env[0].value', SECRET));
});

const middleware = (spec: object) => ({
  extraObjects: [{ apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware', metadata: { name: 'legacy-reset', namespace: 'default' }, spec }],
});

describe("81a-5: a redirect's regular expression is judged by the literal text it requires", () => {
  test.each([
    [
      'redirectRegex',
      { regex: String.raw`^https://old\.example\.com/reset\?token=([a-z0-9]+)$`, replacement: 'https://app.example.com/reset/${1}' },
    ],
    [
      'redirectRegex, any token',
      { regex: String.raw`^https://old\.example\.com/x\?api_key=(.*)$`, replacement: 'https://app.example.com/x' },
    ],
    ['replacePathRegex', { regex: String.raw`^/reset\?token=([A-Za-z0-9]{16,})$`, replacement: '/reset/$1' }],
  ])('%s passes', (kind, settings) => acceptedEverywhere(middleware({ [kind.split(',')[0]]: settings })));
  test('a literal token the expression requires is refused, never shown', () =>
    refusedEverywhere(
      middleware({ redirectRegex: { regex: String.raw`^https://old\.example\.com/reset\?token=${SECRET}$`, replacement: 'https://a/' } }),
      'redirectRegex.regex',
      SECRET,
    ));
  test('a literal token in the replacement is refused', () =>
    refusedEverywhere(
      middleware({ redirectRegex: { regex: '^https://old/(.*)', replacement: `https://app.example.com/$\{1}?token=${SECRET}` } }),
      'redirectRegex.replacement',
      SECRET,
    ));
});

const fileContent = (content: string) => ({ providers: { file: { enabled: true, content } } });

describe('81a-9: a plugin or a middleware named like an auth scheme is a name', () => {
  test("the chart's plugins `traefik-api-key-auth` and `jwt-auth` pass", () =>
    acceptedEverywhere({
      experimental: {
        plugins: {
          'traefik-api-key-auth': { moduleName: 'github.com/Septima/traefik-api-key-auth', version: 'v0.3.0' },
          'jwt-auth': { moduleName: 'github.com/agilezebra/jwt-middleware', version: 'v1.3.0' },
        },
      },
    }));
  test('a local plugin `tokenauth` passes', () =>
    acceptedEverywhere({
      experimental: {
        localPlugins: {
          tokenauth: {
            moduleName: 'github.com/me/tokenauth',
            mountPath: '/plugins-local/src/github.com/me/tokenauth',
            type: 'hostPath',
            hostPath: '/opt/plugins/tokenauth',
          },
        },
      },
    }));
  test("a secret among a plugin's settings is refused", () =>
    refusedEverywhere(
      { experimental: { plugins: { 'jwt-auth': { moduleName: 'github.com/x/y', version: 'v1.3.0', secret: SECRET } } } },
      'jwt-auth.secret',
      SECRET,
    ));
  test('a "plugin" whose value is a secret, not settings, is refused', () =>
    refusedEverywhere({ experimental: { plugins: { 'api-token': SECRET } } }, 'plugins.api-token', SECRET));
  test.each([
    ['forward-auth', 'forward-auth:\n      forwardAuth:\n        address: http://authelia.auth.svc:9091/api/verify\n'],
    ['basic-auth', 'basic-auth:\n      basicAuth:\n        usersFile: /etc/traefik/users\n'],
  ])('a file provider middleware named %s passes', (_, middlewareText) =>
    acceptedEverywhere(fileContent(`http:\n  middlewares:\n    ${middlewareText}`)),
  );
  test('a file provider router named api-token passes', () =>
    acceptedEverywhere(fileContent('http:\n  routers:\n    api-token:\n      rule: Host(`a.example.com`)\n      service: app\n')));
  test('a header secret in a file provider middleware named api-key is refused', () =>
    refusedEverywhere(
      fileContent(`http:\n  middlewares:\n    api-key:\n      headers:\n        customRequestHeaders:\n          X-Api-Key: ${SECRET}\n`),
      'providers.file.content',
      SECRET,
    ));
});

describe('81a-10: a Secret named after a UUID or a hex id is a name', () => {
  test.each(['db-conn-3f2504e0-4f89-11d3-9a0c-0305e82c3301', 'tls-2f1e9c8a7b6d', 'app-env-9f86d081884c7d659a2f'])('%s passes', (name) => {
    expect(configErrors(withTraefikValues({ envFrom: [{ secretRef: { name } }] }))).toEqual([]);
    expect(configErrors(withTraefikValues({ env: [{ name: 'DB_URL', valueFrom: { secretKeyRef: { name, key: 'url' } } }] }))).toEqual([]);
  });
  test.each(['k8x2m9q4z7w1p3v6', '9f86d081884c7d659a2f3c1b', 'db-k8x2m9q4z7w1p3v6'])(
    'a generated %s is still refused, not shown',
    (name) => {
      const errors = configErrors(withTraefikValues({ envFrom: [{ secretRef: { name } }] })).join('\n');
      expect(errors).toContain('envFrom[0].secretRef.name: looks generated');
      expect(errors).not.toContain(name);
    },
  );
});

const promtail = (auth: string) =>
  textConfigMap(`clients:\n  - url: https://logs-prod-eu-west-0.grafana.net/loki/api/v1/push\n    basic_auth:\n${auth}`);

describe('81a-21: a numeric basic_auth username is a user id', () => {
  test.each(['      username: 654321\n      password_file: /etc/promtail/grafana-cloud-key\n', '      username: 654321\n'])(
    'promtail %#: passes',
    (auth) => acceptedEverywhere(promtail(auth)),
  );
  test('a password beside it is refused, never shown', () =>
    refusedEverywhere(promtail(`      username: 654321\n      password: ${SECRET}\n`), 'extraObjects[0].data', SECRET));
});

describe("81a-18: an OTLP header's env form is judged as its flag and chart key", () => {
  const header = 'x-honeycomb-team';
  test.each([
    ['env form', { env: [{ name: `TRAEFIK_TRACING_OTLP_HTTP_HEADERS_${header.toUpperCase()}`, value: SECRET }] }, 'env[0].value'],
    ['env form, grpc', { env: [{ name: 'TRAEFIK_METRICS_OTLP_GRPC_HEADERS_SIGNOZ-INGESTION-KEY', value: SECRET }] }, 'env[0].value'],
    ['chart key', { tracing: { otlp: { http: { headers: { [header]: SECRET } } } } }, `headers.${header}`],
    ['flag', { additionalArguments: [`--tracing.otlp.http.headers.${header}=${SECRET}`] }, 'additionalArguments[0]'],
    [
      'env form in a Deployment',
      traefikDeployment([{ name: 'TRAEFIK_TRACING_OTLP_HTTP_HEADERS_X-HONEYCOMB-TEAM', value: SECRET }]),
      'env[0].value',
    ],
  ])('%s is refused, never shown', (_, values, where) => refusedEverywhere(values, where, SECRET));
  test.each([
    ['TRAEFIK_TRACING_OTLP_HTTP_HEADERS_X-SCOPE-ORGID', 'tenant-1'],
    ['TRAEFIK_TRACING_OTLP_HTTP_HEADERS_X-REQUEST-SOURCE', 'edge'],
  ])('a neutral header %s passes', (name, value) => acceptedEverywhere({ env: [{ name, value }] }));
});

const ingressRoute = (match: string) => ({
  extraObjects: [
    {
      apiVersion: 'traefik.io/v1alpha1',
      kind: 'IngressRoute',
      metadata: { name: 'maps', namespace: 'default' },
      spec: { entryPoints: ['websecure'], routes: [{ match, kind: 'Rule', services: [{ name: 'maps', port: 80 }] }] },
    },
  ],
});

describe('81a-19: a router rule judges a header or query pair as an HTTPRoute match does', () => {
  test.each([
    ['Header', 'auth'],
    ['Header', 'signature'],
    ['Query', 'signature'],
  ])('%s(`%s`, <generated>) is refused, never shown', (matcher, name) =>
    refusedEverywhere(ingressRoute(`Host(\`maps.example.com\`) && ${matcher}(\`${name}\`, \`${SECRET}\`)`), 'routes[0].match', SECRET),
  );
  test.each([
    ['Header', 'X-Request-Source', 'edge'],
    ['Query', 'page', '2'],
    ['Header', 'auth', 'none'],
    ['Query', 'sort', 'name'],
  ])('%s(`%s`, `%s`) passes', (matcher, name, value) =>
    acceptedEverywhere(ingressRoute(`Host(\`maps.example.com\`) && ${matcher}(\`${name}\`, \`${value}\`)`)),
  );
});

describe('81a-20: a misspelt flag carrying URL credentials keeps its option path readable', () => {
  test.each([
    ['--metrics.influxdb2.adress=https://u:Pw9xLm2Qr7@influx.example.com', 'under --metrics.influxdb2,', 'Pw9xLm2Qr7'],
    [`--metrics.influxdb2.adress=https://admin:${SECRET}@influx.example.com`, 'under --metrics.influxdb2,', SECRET],
  ])('%s', (argument, path, secret) => {
    const errors = configErrors(withTraefikValues({ additionalArguments: [argument] })).join('\n');
    expect(errors).toContain(`names option "adress" ${path}`);
    expect(errors).toContain('holds a URL with credentials');
    expect(errors).not.toContain(secret);
  });
  test('a generated option name beside the URL is still blanked', () => {
    const errors = configErrors(withTraefikValues({ additionalArguments: [`--metrics.${SECRET}.adress=https://u:p@h`] })).join('\n');
    expect(errors).not.toContain(SECRET);
  });
});

describe('81a-13: a secret caught at the output gate names the config file as every diagnostic does', () => {
  const synthIn = (text: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'fp81-'));
    const configDir = join(dir, 'cfg');
    mkdirSync(configDir);
    writeFileSync(join(configDir, 'c.yaml'), text);
    const lines: string[] = [];
    const code = runSynth({ configDir, distDir: join(dir, 'dist'), wiring, log: (line) => lines.push(line), dryRun: true });
    return { code, configDir, errors: lines.filter((line) => line.startsWith('error:')) };
  };
  test('the redis-cli password set through `env R=…` names <config dir>/c.yaml:line:column', () => {
    const text =
      `${INVENTORY_CONFIG_TEXT}traefik:\n  loadBalancerIPs: [192.168.0.41]\n  values:\n    deployment:\n      initContainers:\n` +
      `        - name: wait-redis\n          image: redis:7\n          command: [env, R=${SECRET}, sh, -c, 'redis-cli -a "$R" ping']\n`;
    const { code, configDir, errors } = synthIn(text);
    expect(code).not.toBe(0);
    expect(errors.length).toBeGreaterThan(0);
    for (const line of errors) {
      expect(line.startsWith(`error: ${join(configDir, 'c.yaml')}:`)).toBe(true);
      expect(line).not.toContain(SECRET);
    }
  }, 120_000);
});

describe('the reference config still passes', () => {
  test('devConfig', () => expect(configErrors(withChanges(devConfig(), {}))).toEqual([]));
});
