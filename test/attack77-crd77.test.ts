/**
 * Round 77 (crd77): 77a-17, a misspelt field of a Traefik CRD object (an extraObjects IngressRoute's `entrypoints`, a
 * Middleware's `redirectScheme.permanant`) is refused as a Kubernetes object's is, and every unknown field names the
 * nearest declared one; 77a-9, a key path quotes every key that is no plain word in one notation, `["…"]`.
 */
import { formatPath, Path, pathKeyText } from '../src/core/problem';
import { formatDiagnostic } from '../src/config/load';
import { K3sVipValidationError } from '../src/core/validation-error';
import { checkSchema } from '../src/validate/schemas';
import { virtualIp } from '../src/config/formats';
import { cpuMillisSince } from './cpu-time';

const route = (spec: Record<string, unknown>, apiVersion = 'traefik.io/v1alpha1') => ({
  apiVersion,
  kind: 'IngressRoute',
  metadata: { name: 'r1', namespace: 'default' },
  spec,
});
const ROUTES = [{ match: 'Host(`a.example.com`)', kind: 'Rule', services: [{ name: 'svc', port: 80 }] }];
const middleware = (spec: Record<string, unknown>) => ({
  apiVersion: 'traefik.io/v1alpha1',
  kind: 'Middleware',
  metadata: { name: 'm1', namespace: 'default' },
  spec,
});
const service = (spec: Record<string, unknown>) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 's1', namespace: 'default' },
  spec,
});

const UNKNOWN = 'is not a field of';

describe('77a-17: unknown fields of Traefik CRD objects, and the nearest field', () => {
  it.each<[string, Record<string, unknown>, string, string | undefined]>([
    ['IngressRoute entrypoints', route({ entrypoints: ['websecure'], routes: ROUTES }), 'spec.entrypoints', 'entryPoints'],
    ['IngressRoute route for routes', route({ route: ROUTES }), 'spec.route', 'routes'],
    [
      'Middleware redirectScheme.permanant',
      middleware({ redirectScheme: { scheme: 'https', permanant: true } }),
      'spec.redirectScheme.permanant',
      'permanent',
    ],
    ['a route item matchs', route({ routes: [{ ...ROUTES[0], matchs: 'x' }] }), 'spec.routes.0.matchs', 'match'],
    ['IngressRoute tls.certresolver', route({ routes: ROUTES, tls: { certresolver: 'le' } }), 'spec.tls.certresolver', 'certResolver'],
    ['Service port for ports', service({ port: [{ port: 80 }], selector: { app: 'x' } }), 'spec.port', 'ports'],
    ['Service selecter', service({ ports: [{ port: 80 }], selecter: { app: 'x' } }), 'spec.selecter', 'selector'],
  ])('%s is refused, naming the nearest field', (_, object, at, near) => {
    const findings = checkSchema(object).filter((f) => f.path.join('.') === at);
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain(UNKNOWN);
    expect(findings[0].message).toContain('the API server drops unknown fields silently');
    if (near) expect(findings[0].message).toMatch(new RegExp(`did you mean ${near}\\?$`));
  });

  it.each<[string, Record<string, unknown>]>([
    ['a correct IngressRoute', route({ entryPoints: ['websecure'], routes: ROUTES })],
    ['a correct Middleware', middleware({ redirectScheme: { scheme: 'https', permanent: true } })],
    ['a correct Service', service({ ports: [{ port: 80 }], selector: { app: 'x' } })],
    // x-kubernetes-preserve-unknown-fields: a plugin's options are free-form in the CRD.
    ['a plugin middleware with any options', middleware({ plugin: { demo: { anyKey: 1, other: { deep: true } } } })],
    // Fields a later chart's CRD (v40.0.0 to v41.3.0) brings: judged by the Traefik rules per chart, not called unknown.
    ['a later chart field: retry.timeout', middleware({ retry: { attempts: 2, timeout: '1s' } })],
    ['a later chart field: ingressClassName', route({ ingressClassName: 'traefik', routes: ROUTES })],
    [
      'a later chart field: a backend middleware',
      route({ routes: [{ ...ROUTES[0], services: [{ name: 's', port: 80, middlewares: [{ name: 'm' }] }] }] }),
    ],
    // Traefik v2's group is judged by types only (its CRDs have fields v3's lack).
    ['traefik.containo.us, an unknown field', route({ entrypoints: ['websecure'], routes: ROUTES }, 'traefik.containo.us/v1alpha1')],
  ])('%s passes the field check', (_, object) => {
    expect(checkSchema(object).filter((f) => f.message.includes(UNKNOWN))).toEqual([]);
  });

  it('a far-off unknown field names no nearest field', () => {
    const [finding] = checkSchema(route({ routes: ROUTES, zzzzzzzz: 1 })).filter((f) => f.message.includes(UNKNOWN));
    expect(finding.message).not.toContain('did you mean');
  });
});

describe('77a-9: one notation for every key that is no plain word', () => {
  it.each<[Path, string]>([
    [['a', 'X.Auth.Token'], 'a["X.Auth.Token"]'],
    [['a', 'X"]Token'], 'a["X\\"]Token"]'],
    [['a', 'X-Api-Key '], 'a["X-Api-Key "]'],
    [['a', 'token\u200b'], 'a["token\\u200b"]'],
    [['a', 'bad key!'], 'a["bad key!"]'],
    [['a', ''], 'a[""]'],
    [['a', 'x\u0000.y'], 'a["x\\u0000.y"]'],
    [['a', pathKeyText('x\u0000.y')], 'a["x\\u0000.y"]'],
    [['a', 'b/c'], 'a["b/c"]'],
    // Plain words stay dotted; the tool's stand-ins stay bare.
    [['a', 'X-Api-Key'], 'a.X-Api-Key'],
    [['a', 'd_e', 0, 'café'], 'a.d_e[0].café'],
    [['a', '<redacted>'], 'a.<redacted>'],
    [['a', pathKeyText('k'.repeat(254))], 'a.(a text of 254 characters)'],
    [['c/x.yaml: Service/default/db', 'spec.x'], 'c/x.yaml: Service/default/db["spec.x"]'],
  ])('formatPath(%j) is %s', (path, shown) => {
    expect(formatPath(path)).toBe(shown);
  });

  it.each<[Path, string]>([
    [
      ['traefik', 'values', 'extraObjects', 0, 'spec', 'headers', 'customRequestHeaders', 'X-Api-Key '],
      '.customRequestHeaders["X-Api-Key "]: is',
    ],
    [['traefik', 'values', 'tlsOptions', 'x', 'labels', 'bad key!'], 'tlsOptions.x.labels["bad key!"]: is'],
    [['traefik', 'values', 'x', 'token\u200b'], 'values.x["token\\u200b"]: is'],
  ])('a config file diagnostic at %j reads %s', (path, part) => {
    expect(formatDiagnostic({ file: 'config/t.yaml', line: 1, column: 1, path, message: 'is wrong' })).toContain(part);
  });

  it('a construct error quotes the key once, its problems keep it on one line', () => {
    const error = new K3sVipValidationError([{ path: ['traefik', 'values', 'token\u200b'], message: 'is wrong' }]);
    expect(error.message).toBe('traefik.values["token\\u200b"]: is wrong');
    expect(error.problems[0].path[2]).toBe('token\\u200b');
  });
});

describe('76b-14: a list item indented one space too far is said as the indentation slip', () => {
  it.each<[string, string | undefined]>([
    ['192.168.0.41 - 192.168.0.42', 'is 2 list items read as one text'],
    ['192.168.0.41 - 192.168.0.42 - 192.168.0.43', 'is 3 list items read as one text'],
    ['fd00::41 - fd00::42', 'is 2 list items read as one text'],
    // Not addresses on both sides: the plain refusal stands.
    ['192.168.0.41 - eth0', 'is not an IP address'],
    ['192.168.0.41-192.168.0.42', 'is not an IP address'],
    ['192.168.0.41', undefined],
  ])('virtualIp(%j)', (value, part) => {
    const message = virtualIp(value);
    if (part === undefined) expect(message).toBeUndefined();
    else expect(message).toContain(part);
    if (part?.includes('list items')) expect(message).toContain('indent each "- ');
  });

  it('reads a 100 kB value in linear time', () => {
    virtualIp('192.168.0.41 - 192.168.0.42');
    const started = process.cpuUsage();
    virtualIp(`${'1 - '.repeat(25_000)}x`);
    virtualIp(' -'.repeat(50_000));
    expect(cpuMillisSince(started)).toBeLessThan(6000);
  });
});
