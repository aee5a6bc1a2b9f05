import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main as validate } from '../src/validate/conformance';
import { synthFiles, devConfig } from './helpers';
import { allRefusals, envEntry as env, ingressRouteValues, ruleDoors as doors } from './rule-doors';

/**
 * Round 57a findings 16, 18, 19 (parity between doors). 16: a `?` or `#` in a Path/PathPrefix (or a literal one in a
 * PathRegexp) never matches a request's URL path, as `ingresses[].path` already says (src/ingress/path-query-marks.ts).
 * 18: `npm run validate` runs synth's secret gate (src/validate/conformance.ts). 19: one verdict for a header or env name
 * that carries a credential, in every door (src/core/credential-header-names.ts via isSecretKey).
 */
const S = 'Qw8vLmP3xR7tYwQw8v';
const file = (rule: string) => ({
  providers: { file: { enabled: true, content: `http:\n  routers:\n    r:\n      rule: "${rule}"\n      service: s\n` } },
});

describe('57a-16: a path matcher holding ? or # never matches', () => {
  test.each([
    [
      'Path ?',
      ingressRouteValues('Host(`a.example.com`) && Path(`/cb?page=1`)'),
      /match:? gives Path a value that contains \?.*never matches.*Query/,
    ],
    ['PathPrefix #', ingressRouteValues('PathPrefix(`/cb#frag`)'), /match:? gives PathPrefix a value that contains #.*never matches/],
    ['path lower case', ingressRouteValues('path(`/a?b`)'), /gives Path a value that contains \?/],
    ['v2 syntax Path, outside a template', ingressRouteValues('Path(`/a?b`)', { syntax: 'v2' }), /gives Path a value that contains \?/],
    ['PathRegexp \\?', ingressRouteValues('PathRegexp(`^/cb\\?page=1$`)'), /gives PathRegexp a value that contains \?/],
    ['PathRegexp #', ingressRouteValues('PathRegexp(`^/cb#x`)'), /gives PathRegexp a value that contains #/],
    ['file provider', file('Path(`/cb?page=1`)'), /http\.routers\.r\.rule gives Path a value that contains \?/],
  ])('%s is refused in every door', (_name, values, message) => {
    const d = doors(values);
    expect(d.errors.join('\n')).toMatch(message);
    expect(d.cluster).toMatch(message);
    expect(d.chart).toMatch(message);
  });
  test.each([
    ['Path plain', ingressRouteValues('Path(`/cb`) && Query(`page`, `1`)')],
    ['PathRegexp with an optional part', ingressRouteValues('PathRegexp(`^/a/b?$`)')],
    ['PathRegexp \\?? optional', ingressRouteValues('PathRegexp(`^/a\\??$`)')],
    ['PathRegexp class', ingressRouteValues('PathRegexp(`^/a[?#]`)')],
    ['PathRegexp alternation', ingressRouteValues('PathRegexp(`^/a(\\?|/)`)')],
    ['v2 template with ? quantifier', ingressRouteValues('Path(`/{id:[0-9]+?}`)', { syntax: 'v2' })],
    ['Host holding no path', ingressRouteValues('Host(`a.example.com`)')],
  ])('%s passes', (_name, values) => {
    expect(allRefusals(values)).not.toMatch(/contains [?#]/);
  });
});

const httpRoute = (rule: object) => ({
  providers: { kubernetesGateway: { enabled: true } },
  extraObjects: [
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'r', namespace: 'default' },
      spec: { hostnames: ['a.example.com'], rules: [{ ...rule, backendRefs: [{ name: 'web', port: 80 }] }] },
    },
  ],
});
const middleware = (headers: object) => ({
  extraObjects: [
    { apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware', metadata: { name: 'm', namespace: 'default' }, spec: { headers } },
  ],
});
const annotation = (key: string, value: string) => ({ deployment: { podAnnotations: { [key]: value } } });

describe('57a-19: a header or key name that carries a credential gets one verdict in every door', () => {
  const names = ['X-Auth', 'X-Upstream-Key', 'X-Api-Key', 'X-Auth-Token', 'Proxy-Auth'];
  const refused: [string, object, string][] = names.flatMap((name): [string, object, string][] => [
    [`${name} in a rule`, ingressRouteValues(`Host(\`a.example.com\`) && Header(\`${name}\`, \`${S}\`)`), 'match'],
    [`${name} in an HTTPRoute match`, httpRoute({ matches: [{ headers: [{ name, value: S }] }] }), 'headers[0].value'],
    [
      `${name} in an HTTPRoute requestHeaderModifier.set`,
      httpRoute({ filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name, value: S }] } }] }),
      'set[0].value',
    ],
    [`${name} in customRequestHeaders`, middleware({ customRequestHeaders: { [name]: S } }), `customRequestHeaders.${name}`],
    [`${name} in customResponseHeaders`, middleware({ customResponseHeaders: { [name]: S } }), `customResponseHeaders.${name}`],
  ]);
  test.each([
    ...refused,
    ['env X_AUTH', env('X_AUTH', S), 'env[0].value'],
    ['env BASIC_AUTH', env('BASIC_AUTH', S), 'env[0].value'],
    ['annotation example.com/x-auth', annotation('example.com/x-auth', S), 'example.com/x-auth'],
  ])('%s is refused, named, never quoted', (_name, values, where) => {
    const d = doors(values);
    const errors = d.errors.join('\n');
    expect(errors).toContain(where);
    expect(errors).toMatch(/secret/);
    expect(d.cluster).toMatch(/secret/);
    expect(`${errors}${d.cluster}${d.chart}`).not.toContain(S);
  });
  test.each([
    ['X-Request-Id', middleware({ customRequestHeaders: { 'X-Request-Id': S } })],
    ['X-Forwarded-For', middleware({ customRequestHeaders: { 'X-Forwarded-For': '203.0.113.7' } })],
    ['Authorization with a reference', env('AUTHORIZATION', 'Bearer ${API_TOKEN}')],
    ['a public key', env('X_PUBLIC_KEY', 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl')],
    ['ENABLE_AUTH true', env('ENABLE_AUTH', 'true')],
    ['AUTH_TYPE basic', env('AUTH_TYPE', 'basic')],
    ['NO_AUTH', env('NO_AUTH', '1')],
    ['X-Cache-Key in a rule', ingressRouteValues('Header(`X-Cache-Status`, `HIT`)')],
    ['the sort key', { sortKey: 'name' }],
    ['X-Auth emptied (Traefik removes the header)', middleware({ customRequestHeaders: { 'X-Auth': '' } })],
    ['X-Auth-User, a user name header', middleware({ customRequestHeaders: { 'X-Auth-User': 'alice' } })],
    ['X-Auth from a reference', env('X_AUTH', '${X_AUTH}')],
    ['X-Public-Key', middleware({ customRequestHeaders: { 'X-Public-Key': 'AAAAC3NzaC1lZDI1NTE5' } })],
    ['an HTTPRoute match on X-Env', httpRoute({ matches: [{ headers: [{ name: 'X-Env', value: 'canary' }] }] })],
  ])('%s passes', (_name, values) => {
    expect(allRefusals(values)).not.toMatch(/secret/);
  });
});

describe('57a-18: npm run validate runs the secret gate over dist/', () => {
  let dist = '';
  beforeAll(() => {
    dist = mkdtempSync(join(tmpdir(), 'parity57a-'));
    for (const [path, text] of synthFiles(devConfig(), 'dev')) {
      mkdirSync(join(dist, path, '..'), { recursive: true });
      writeFileSync(join(dist, path), text);
    }
  });
  afterAll(() => rmSync(dist, { recursive: true, force: true }));
  const run = () => {
    const lines: string[] = [];
    const write = jest.spyOn(process.stderr, 'write').mockImplementation((text) => (lines.push(String(text)), true));
    const env = { ...process.env };
    process.env.K3S_VIP_DIST_DIR = dist;
    process.env.K3S_VIP_CONFIG_DIR = join(dist, '..', 'parity57a-no-config');
    process.exitCode = undefined;
    try {
      validate([]);
      return { code: process.exitCode, text: lines.join('') };
    } finally {
      process.exitCode = undefined;
      process.env = env;
      write.mockRestore();
    }
  };
  test('a clean dist/ conforms', () => {
    expect(run()).toEqual({ code: undefined, text: expect.stringMatching(/conforms/) });
  });
  test('a hand-added Secret and a ConfigMap with URL credentials fail it, by file and key, never the value', () => {
    mkdirSync(join(dist, 'dev'), { recursive: true });
    writeFileSync(
      join(dist, 'dev', 'sec.yaml'),
      `apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: default}\nstringData: {password: ${S}}\n`,
    );
    writeFileSync(
      join(dist, 'dev', 'cm.yaml'),
      `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: default}\ndata:\n  url: https://admin:${S}@example.com\n`,
    );
    const { code, text } = run();
    expect(code).toBe(1);
    expect(text).toMatch(/dev\/sec\.yaml:\d+:\d+: stringData\.password .*no secret may be written/);
    expect(text).toMatch(/dev\/cm\.yaml:\d+:\d+: data\.url holds a URL with credentials/);
    expect(text).toMatch(/2 secret\(s\)/);
    expect(text).not.toMatch(/conforms/);
    expect(text).not.toContain(S);
  });
});
