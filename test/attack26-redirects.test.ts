import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { configErrors, devConfig, helmChartConfigRefusal, withChanges, withTraefikValues } from './helpers';

/**
 * Attack round 25: 25a-2 (junk `:port` and names on the redirect flag), 25a-3 (the bare redirect flag), 25a-4 and 25b-1
 * (a chart-key `to` naming no entrypoint, refused only next to a plain Ingress), 25b-2 (scheme http to a TLS entrypoint),
 * 25b-3 (chart v34-v36 without scheme), the note on websecure loops; reviewer #6 (the last redirect flag wins) and #7
 * (an HTTPRoute on an HTTP listener does not meet a certResolver Ingress).
 */
// BASE: the reference Ingress has a certResolver, so no Ingress is served on web: the refusals hold whatever Ingresses exist.
const errorsOf = (values: unknown, traefik: object = {}) =>
  configErrors(withTraefikValues(values, { redirectToHttps: false, ...traefik })).join('\n');
const flag = (from: string, to: string, ...more: string[]) => ({
  additionalArguments: [`--entrypoints.${from}.http.redirections.entrypoint.to=${to}`, ...more],
});
const plainIngress = (values: unknown) => {
  const config = withTraefikValues(values, { redirectToHttps: false });
  delete config.ingresses[0].tls;
  return configErrors(config).join('\n');
};
const AT = 'traefik.values.additionalArguments[0]: redirects entrypoint web to';

describe('25a-2: a flag redirect target Traefik cannot use is refused', () => {
  test.each([
    [':ZZSEC', 'is no port'],
    [':https', 'is no port'],
    [': 443', 'is no port'],
    [':443 ', 'is no port'],
    [':+443', 'is no port'],
    [':00', 'is no port'],
    [':443.0', 'is no port'],
    [':0x1bb', 'is no port'],
    [':0', 'is no port'],
    [':65536', 'is no port'],
    [' websecure', 'names no entrypoint'],
    ['WEBSECURE', 'names no entrypoint'],
    ['nosuch', 'names no entrypoint'],
  ])('to=%j', (to, why) => {
    expect(errorsOf(flag('web', to))).toContain(`${AT} ${JSON.stringify(to)}, which ${why}`);
  });

  test('to= (empty) makes no redirection', () => {
    expect(errorsOf(flag('web', ''))).toContain(`${AT} nothing, so Traefik makes no redirection`);
  });

  test.each([':443', ':0443', ':1', ':65535', 'websecure'])('control: to=%s is accepted', (to) => {
    expect(errorsOf(flag('web', to))).toBe('');
  });

  test('only the last flag counts: a junk one replaced by a later one is accepted', () => {
    const values = flag('web', ':https', '--entrypoints.web.http.redirections.entrypoint.to=:443');
    expect(errorsOf(values)).toBe('');
  });
});

describe('25a-3: a redirect flag that takes a value, written bare, is refused', () => {
  const BARE = 'is a flag that takes a value, written without one';
  test.each(['to', 'scheme', 'priority'])('bare %s as the last item', (name) => {
    expect(errorsOf({ additionalArguments: [`--entrypoints.web.http.redirections.entrypoint.${name}`] })).toContain(
      `traefik.values.additionalArguments[0]: ${BARE}`,
    );
  });
  test('control: bare permanent (a switch) is accepted, also with an item after it', () => {
    const permanent = '--entrypoints.web.http.redirections.entrypoint.permanent';
    expect(errorsOf({ additionalArguments: [permanent] })).toBe('');
    expect(errorsOf({ additionalArguments: [permanent, '--entrypoints.web.http.redirections.entrypoint.to=:443'] })).toBe('');
  });
});

describe('25a-4, 25b-1: a chart-key target naming no key of ports fails the chart, whatever the Ingresses', () => {
  const key = (to: unknown) => ({ ports: { web: { http: { redirections: { entryPoint: { to, scheme: 'https' } } } } } });
  const KEY = 'traefik.values.ports.web.http.redirections.entryPoint.to';
  test.each([
    [443, 'a number'],
    [['websecure'], 'a list'],
    [':443', '":443"'],
    ['nosuch', '"nosuch"'],
    ['WEBSECURE', '"WEBSECURE"'],
  ])('to: %j', (to, given) => {
    expect(errorsOf(key(to))).toContain(
      `${KEY}: is ${given}, which names no key of ports, and Traefik chart 39.0.7 fails on it ("Cannot redirect web to ...: entryPoint not found")`,
    );
  });
  test('a TraefikHelmChartConfig is refused the same way', () => {
    expect(helmChartConfigRefusal({ values: key(':443') })).toContain('which names no key of ports');
  });
  test('control: to: websecure is accepted', () => {
    expect(errorsOf(key('websecure'))).toBe('');
  });
});

describe('25b-2: a redirect with scheme http to an entrypoint serving TLS', () => {
  const key = (scheme: string) => ({ ports: { web: { http: { redirections: { entryPoint: { to: 'websecure', scheme } } } } } });
  const scheme = (value: string) => `--entrypoints.web.http.redirections.entrypoint.scheme=${value}`;
  test('through the chart key: the chart fails', () => {
    expect(errorsOf(key('http'))).toContain(
      'traefik.values.ports.web.http.redirections.entryPoint.scheme: is "http" on a redirect to websecure, which serves TLS, and ' +
        'Traefik chart 39.0.7 fails on it ("Cannot redirect web to websecure without setting scheme to https")',
    );
  });
  test.each(['websecure', ':443'])('through the flag, to=%s: refused', (to) => {
    expect(errorsOf(flag('web', to, scheme('http')))).toContain(
      'traefik.values.additionalArguments[0]: redirects entrypoint web with scheme http to',
    );
    expect(errorsOf(flag('web', to, scheme('http')))).toContain('which serves TLS, so clients send plain HTTP to a TLS port');
  });
  test('control: scheme https through either door is accepted', () => {
    expect(errorsOf(key('https'))).toBe('');
    expect(errorsOf(flag('web', 'websecure', scheme('https')))).toBe('');
  });
});

describe('25b-3: charts before v37.0.0 fail on a redirect to a TLS entrypoint without scheme', () => {
  const noScheme = { ports: { web: { redirections: { entryPoint: { to: 'websecure' } } } } };
  test.each([
    ['34.2.0', true],
    ['36.3.0', true],
    ['37.0.0', false],
    ['37.1.0', false],
  ])('chart %s: refused %s', (chartVersion, refused) => {
    const errors = errorsOf(noScheme, { chartVersion });
    const message =
      `traefik.values.ports.web.redirections.entryPoint.to: redirects to websecure, which serves TLS, with no scheme, and Traefik chart ` +
      `${chartVersion} fails on it ("Cannot redirect web to websecure without setting scheme to https"): ` +
      'set traefik.values.ports.web.redirections.entryPoint.scheme: https';
    if (refused) expect(errors).toContain(message);
    else expect(errors).not.toContain('without setting scheme');
  });
  test('control: chart 34.2.0 with scheme https is accepted', () => {
    const withScheme = { ports: { web: { redirections: { entryPoint: { to: 'websecure', scheme: 'https' } } } } };
    expect(errorsOf(withScheme, { chartVersion: '34.2.0' })).not.toContain('redirect');
  });
});

describe('25b note: a websecure redirect next to plain Ingresses only', () => {
  test.each(['websecure', ':443'])('to=%s (itself) is refused: a loop', (to) => {
    expect(plainIngress(flag('websecure', to))).toContain('redirects entrypoint websecure');
    expect(plainIngress(flag('websecure', to))).toContain('to itself, where every request is redirected again');
  });
  test('control: to=:80 (web) is accepted: the plain Ingress is served on web as on websecure', () => {
    expect(plainIngress(flag('websecure', ':80'))).toBe('');
  });
});

describe('reviewer #6: the Gateway rules name the redirect flag that wins, the last', () => {
  const EXAMPLE = parse(readFileSync('config/examples/gateway.yaml', 'utf8'));
  test('two redirect flags: the second is named', () => {
    const values = flag('web', ':443', '--entrypoints.web.http.redirections.entrypoint.to=websecure');
    const errors = configErrors(withChanges(EXAMPLE, { traefik: { ...EXAMPLE.traefik, values } })).join('\n');
    expect(errors).toContain('or remove traefik.values.additionalArguments[1]');
    expect(errors).not.toContain('additionalArguments[0]');
  });
});

describe("reviewer #7: an HTTPRoute on the chart Gateway's HTTP listener does not meet a certResolver Ingress", () => {
  const HOST = 'k3s.code-place-dev.site';
  const route = (sectionName: string) => ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'hr', namespace: 'kube-system' },
    spec: {
      parentRefs: [{ name: 'traefik-gateway', sectionName }],
      hostnames: [HOST],
      rules: [{ backendRefs: [{ name: 'a', port: 80 }] }],
    },
  });
  const warningsOf = (sectionName: string, tls: boolean) => {
    const values = {
      providers: { kubernetesGateway: { enabled: true } },
      gateway: { listeners: { websecure: { port: 8443, protocol: 'HTTPS', certificateRefs: [{ name: 'c' }] } } },
      extraObjects: [route(sectionName)],
    };
    const config = withChanges(devConfig(), { traefik: { values } });
    if (!tls) delete config.ingresses[0].tls;
    return parseConfigText('config/t.yaml', stringify(config)).warnings.map(formatDiagnostic).join('\n');
  };
  const WARNED = `traefik.values.extraObjects[0].spec.hostnames[0]: "${HOST}" is also routed by ingresses[0]`;
  test.each([
    [true, false],
    [false, true],
  ])("the tool's Gateway, HTTP listener, certResolver Ingress %s: warned %s", (tls, warned) => {
    const values = {
      extraObjects: [{ ...route('http'), spec: { ...route('http').spec, parentRefs: [{ name: 'traefik', sectionName: 'http' }] } }],
    };
    const config = withChanges(devConfig(), { traefik: { gateway: {}, values } });
    if (!tls) delete config.ingresses[0].tls;
    const warnings = parseConfigText('config/t.yaml', stringify(config)).warnings.map(formatDiagnostic).join('\n');
    if (warned) expect(warnings).toContain(WARNED);
    else expect(warnings).not.toContain(WARNED);
  });
  test.each([
    ['web', true, false],
    ['web', false, true],
    ['websecure', true, true],
  ])('listener %s, certResolver Ingress %s: warned %s', (sectionName, tls, warned) => {
    if (warned) expect(warningsOf(sectionName, tls)).toContain(WARNED);
    else expect(warningsOf(sectionName, tls)).not.toContain(WARNED);
  });
});

describe('reviewer #7, first-class door: a plain httpRoutes entry on a certResolver Ingress host', () => {
  const HOST = 'k3s.code-place-dev.site';
  const warningsOf = (tls: boolean) => {
    const route = { name: 'status', namespace: 'kube-system', host: HOST, service: 'uptime', port: 3001 };
    const config = withChanges(devConfig(), { traefik: { gateway: {} }, httpRoutes: [route] });
    if (!tls) delete config.ingresses[0].tls;
    return parseConfigText('config/t.yaml', stringify(config)).warnings.map(formatDiagnostic).join('\n');
  };
  test.each([
    [true, false],
    [false, true],
  ])('certResolver Ingress %s: warned %s', (tls, warned) => {
    const expected = `httpRoutes[0].host: "${HOST}" is also routed by ingresses[0]`;
    if (warned) expect(warningsOf(tls)).toContain(expected);
    else expect(warningsOf(tls)).not.toContain(expected);
  });
});
