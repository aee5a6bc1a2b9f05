import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { configErrors, helmChartConfigRefusal, withChanges, withTraefikValues } from './helpers';

/**
 * Attack round 24b: 24b-3 (a `:port` redirect target was not judged), 24b-17 (a redirect to an entrypoint no Service
 * exposes passed), 24b-15 (a web-only IngressRoute "clashed" with a TLS Ingress).
 */
const errorsOf = (values: unknown, traefik: object = {}) => configErrors(withTraefikValues(values, traefik)).join('\n');
const flags = (from: string, to: string, scheme = 'http') => ({
  additionalArguments: [
    `--entrypoints.${from}.http.redirections.entrypoint.to=${to}`,
    `--entrypoints.${from}.http.redirections.entrypoint.scheme=${scheme}`,
  ],
});
const HOST = 'ingresses[0] (https://k3s.code-place-dev.site) cannot be reached on the VIP';

describe('24b-3: a redirect to a :port is judged on the entrypoint listening on that Service port', () => {
  test.each([
    [
      'websecure to :80 (web)',
      flags('websecure', ':80'),
      'redirects entrypoint websecure to plain HTTP on :80 (entrypoint web), where TLS routers never match',
    ],
    ['websecure to :443 (itself)', flags('websecure', ':443', 'https'), 'redirects entrypoint websecure through :443 to itself'],
    [
      'websecure to :8443 (a container port, not on the VIP)',
      flags('websecure', ':8443', 'https'),
      'redirects entrypoint websecure to port 8443, where no entrypoint',
    ],
    [
      'websecure to :8080 exposed as the Service port of a moved web',
      { ...flags('websecure', ':8080'), ports: { web: { exposedPort: 8080 } } },
      'redirects entrypoint websecure to plain HTTP on :8080 (entrypoint web)',
    ],
  ])('%s is refused', (_, values, expected) => {
    const errors = errorsOf(values);
    expect(errors).toContain(`traefik.values.additionalArguments[0]: ${expected}`);
    expect(errors).toContain(HOST);
  });

  test('control: web to :443 (the usual HTTP to HTTPS redirect) is accepted next to a plain-HTTP Ingress', () => {
    const config = withTraefikValues(flags('web', ':443', 'https'));
    config.ingresses.push({
      name: 'plain',
      namespace: 'default',
      host: 'plain.code-place-dev.site',
      path: '/',
      service: 'frontend',
      port: 80,
    });
    expect(configErrors(config).join('\n')).toBe('');
  });

  test('web through :80 to itself is refused next to a plain-HTTP Ingress', () => {
    const loop = withTraefikValues(flags('web', ':80', 'http'));
    loop.ingresses.push({
      name: 'plain',
      namespace: 'default',
      host: 'plain.code-place-dev.site',
      path: '/',
      service: 'frontend',
      port: 80,
    });
    expect(configErrors(loop).join('\n')).toContain('redirects entrypoint web through :80 to itself');
  });
});

describe('24b-17: a redirect to an entrypoint no Service exposes makes the Ingresses unreachable', () => {
  const redirect = (to: string, scheme = 'http') => ({ ports: { websecure: { http: { redirections: { entryPoint: { to, scheme } } } } } });
  test.each([
    [
      'metrics, through the values',
      redirect('metrics'),
      'traefik.values.ports.websecure.http.redirections.entryPoint.to: redirects entrypoint websecure to metrics',
    ],
    [
      'traefik, through a flag',
      flags('websecure', 'traefik'),
      'traefik.values.additionalArguments[0]: redirects entrypoint websecure to traefik',
    ],
    [
      'a user entrypoint not exposed',
      { ...redirect('admin'), ports: { ...redirect('admin').ports, admin: { port: 9001, exposedPort: 9001 } } },
      'redirects entrypoint websecure to admin',
    ],
  ])('%s is refused', (_, values, expected) => {
    expect(errorsOf(values)).toContain(`${expected}, which no Service exposes on the VIP, so clients cannot follow it, so ${HOST}`);
  });

  test.each([
    [
      'metrics exposed on the Service',
      { ports: { ...redirect('metrics', 'https').ports, metrics: { expose: { default: true }, exposedPort: 9100 } } },
    ],
    ['metrics on a host port', { ports: { ...redirect('metrics', 'https').ports, metrics: { hostPort: 9100 } } }],
  ])('control: %s, scheme https, is accepted', (_, values) => {
    expect(errorsOf(values)).toBe('');
  });
});

describe('24b-15: an IngressRoute meets an Ingress only where both can serve the same requests', () => {
  const route = (spec: object) => ({
    apiVersion: 'traefik.io/v1alpha1',
    kind: 'IngressRoute',
    metadata: { name: 'http-redirect', namespace: 'default' },
    spec: {
      routes: [{ match: 'Host(`k3s.code-place-dev.site`)', kind: 'Rule', services: [{ name: 'noop@internal', kind: 'TraefikService' }] }],
      ...spec,
    },
  });
  const CLASH =
    'traefik.values.extraObjects[0].spec.routes[0].match: host "k3s.code-place-dev.site" with path "/" is already routed by ingresses[0]';
  const judge = (spec: object, tls?: object) => {
    const config = withTraefikValues({ extraObjects: [route(spec)] }, { redirectToHttps: false });
    if (tls) config.ingresses[0].tls = tls;
    else if (tls === null) delete config.ingresses[0].tls;
    return configErrors(config).join('\n');
  };
  test.each([
    ['on web, plain, next to a certResolver Ingress', { entryPoints: ['web'] }],
    ['on web and a third entrypoint, plain', { entryPoints: ['web', 'traefik'] }],
  ])('control: %s is accepted', (_, spec) => {
    expect(judge(spec)).toBe('');
  });
  test.each([
    ['on websecure', { entryPoints: ['websecure'] }, undefined],
    ['on every entrypoint', {}, undefined],
    ['on web with tls', { entryPoints: ['web'], tls: {} }, undefined],
    ['on web, next to a plain Ingress', { entryPoints: ['web'] }, null],
    [
      'on web, next to a cert-manager Ingress (no router.tls: its routers are plain on web)',
      { entryPoints: ['web'] },
      { issuer: 'letsencrypt' },
    ],
  ])('%s is still refused', (_, spec, tls) => {
    expect(judge(spec, tls as object | undefined)).toContain(CLASH);
  });
});

describe("the removed redirectTo's advice names the keys of the door it came through", () => {
  const values = { ports: { web: { redirectTo: { port: 'websecure' } } } };
  test('a TraefikHelmChartConfig names its own props', () => {
    const refusal = helmChartConfigRefusal({ chartVersion: '37.1.0', values });
    expect(refusal).toContain('use values.ports.web.redirections (or redirectToHttps)');
    expect(refusal).not.toContain('traefik.redirectToHttps');
  });
  test('control: a config file names the traefik keys', () => {
    expect(errorsOf(values, { chartVersion: '37.1.0' })).toContain(
      'use traefik.values.ports.web.redirections (or traefik.redirectToHttps)',
    );
  });
});

describe('the Gateway rules read the effective http:// redirect, whichever key sets it', () => {
  /** config/examples/gateway.yaml: routes blog (TLS, DNS-01 issuer letsencrypt) and status (plain), Ingress shop (plain). */
  const EXAMPLE = parse(readFileSync('config/examples/gateway.yaml', 'utf8'));
  const [BLOG] = EXAMPLE.httpRoutes;
  const KEY = 'traefik.values.ports.web.http.redirections.entryPoint.to';
  const valuesRedirect = { ports: { web: { http: { redirections: { entryPoint: { to: 'websecure', scheme: 'https' } } } } } };
  const flagRedirect = { additionalArguments: ['--entrypoints.web.http.redirections.entrypoint.to=websecure'] };
  const errorsWith = (values: object, patch: object = {}) =>
    configErrors(withChanges(EXAMPLE, { ...patch, traefik: { ...EXAMPLE.traefik, values } })).join('\n');
  test.each([
    ['the values', valuesRedirect, KEY],
    ['a flag', flagRedirect, 'traefik.values.additionalArguments[0]'],
  ])('a plain route behind a redirect through %s is refused, naming that key', (_, values, key) => {
    expect(errorsWith(values)).toContain(
      `httpRoutes[1]: has no tls, but ${key} sends every http:// request to HTTPS, where the Gateway has no listener for "status.example.com", ` +
        `so it would answer 404: give the route tls.issuer, or remove ${key}`,
    );
  });
  test('an HTTP-01 challenge sent to HTTPS by a values redirect is refused, naming that key', () => {
    const http01 = {
      certManager: { issuers: { letsencrypt: { email: 'ops@example.com', solver: 'http01' } } },
      httpRoutes: [{ ...BLOG, path: '/.well-known' }],
    };
    expect(errorsWith(valuesRedirect, http01)).toContain(`once ${KEY} has sent it to HTTPS`);
    expect(errorsWith(valuesRedirect, http01)).toContain(`or remove ${KEY}`);
  });
  test('control: without a redirect the plain route is accepted', () => {
    expect(errorsWith({})).toBe('');
  });
});

describe('a websecure redirect with scheme http sends TLS Ingresses to plain HTTP, whatever the entrypoint', () => {
  // An extra plain entrypoint exposed on the Service: reachable, but a TLS router never matches plain HTTP there.
  const alt = { alt: { port: 8081, exposedPort: 8081, expose: { default: true }, protocol: 'TCP' } };
  const values = (scheme: string | undefined, how: 'values' | 'flag') =>
    how === 'flag'
      ? { ports: alt, additionalArguments: flags('websecure', 'alt', scheme).additionalArguments.slice(0, scheme ? 2 : 1) }
      : { ports: { ...alt, websecure: { http: { redirections: { entryPoint: { to: 'alt', ...(scheme && { scheme }) } } } } } };
  test.each([
    ['values', 'http', 'traefik.values.ports.websecure.http.redirections.entryPoint.to'],
    ['values', 'HTTP', 'traefik.values.ports.websecure.http.redirections.entryPoint.to'],
    ['flag', 'http', 'traefik.values.additionalArguments[0]'],
  ] as const)('through the %s, scheme %s: refused', (how, scheme, path) => {
    const errors = errorsOf(values(scheme, how));
    expect(errors).toContain(`${path}: redirects entrypoint websecure to plain HTTP on alt, where TLS routers never match`);
    expect(errors).toContain(HOST);
  });
  test.each([
    ['values', 'https'],
    ['values', undefined],
    ['flag', 'https'],
    ['flag', undefined],
  ] as const)('control: through the %s, scheme %s (Traefik defaults to https): accepted', (how, scheme) => {
    expect(errorsOf(values(scheme, how))).not.toContain('redirects entrypoint websecure');
  });
});
