import { App } from 'cdk8s';
import { K3sVipCluster } from '../src/index';
import { configErrors, devConfig, withChanges } from './helpers';
import * as hostile from '../scripts/hostile-inputs';

/**
 * Attack round 28 (helper p): 26b-6 (a budget count the chart drops), 26b-2 (a web redirect that reaches no TLS
 * entrypoint), 27a-6 (redirect cycles), nested maps a null deletes, and hub admission annotations by chart version.
 */
const ha = (values: unknown) =>
  withChanges(devConfig(), {
    traefik: { externalCertResolvers: [], replicas: 2, values },
    certManager: { issuers: { le: { email: 'ops@example.com' } } },
    ingresses: [{ name: 'web', host: 'web.example.com', service: 'web', port: 80, tls: { issuer: 'le' } }],
  });
const errorsOf = (config: unknown) => configErrors(config).join('\n');

describe('26b-6: the budget is judged as the chart renders it (a count only when Go-true)', () => {
  const hangs = 'so no drain may evict a Traefik pod and every node drain (and K3s upgrade) hangs';
  test.each([
    // A dropped 0 next to a real count: only the count renders, so nothing is "both set".
    ['maxUnavailable 0 next to minAvailable 1', { maxUnavailable: 0, minAvailable: 1 }, undefined],
    ['minAvailable 0 next to maxUnavailable 1', { minAvailable: 0, maxUnavailable: 1 }, undefined],
    ['maxUnavailable "" next to minAvailable 1', { maxUnavailable: '', minAvailable: 1 }, undefined],
    // "0" is a non-empty text, Go-true: it renders as 0, so both are written.
    ['maxUnavailable "0" next to minAvailable 1', { maxUnavailable: '0', minAvailable: 1 }, 'is set together with maxUnavailable'],
    ['both counts set (control)', { maxUnavailable: 1, minAvailable: 1 }, 'is set together with maxUnavailable'],
    // Only zeros: the PodDisruptionBudget has no count, and the disruption controller then allows no eviction.
    ['maxUnavailable 0 alone', { maxUnavailable: 0 }, `traefik.values.podDisruptionBudget.maxUnavailable: is 0, ${hangs}`],
    ['minAvailable 0 alone', { minAvailable: 0 }, `traefik.values.podDisruptionBudget.minAvailable: is 0, ${hangs}`],
    ['both 0', { maxUnavailable: 0, minAvailable: 0 }, `traefik.values.podDisruptionBudget.maxUnavailable: is 0, ${hangs}`],
    ['minAvailable "" alone', { minAvailable: '' }, `traefik.values.podDisruptionBudget.minAvailable: is "", ${hangs}`],
    ['maxUnavailable 1 (control)', { maxUnavailable: 1 }, undefined],
  ])('%s', (_name, budget, expected) => {
    const errors = errorsOf(ha({ podDisruptionBudget: budget }));
    if (expected) expect(errors).toContain(expected);
    else expect(errors).toBe('');
  });

  test('a budget switched on with no count for one pod names its enabled key', () => {
    expect(errorsOf(withChanges(devConfig(), { traefik: { values: { podDisruptionBudget: { enabled: true } } } }))).toContain(
      "traefik.values.podDisruptionBudget.enabled: renders Traefik's PodDisruptionBudget with no count, " +
        `${hangs} (the disruption controller allows no eviction under a PodDisruptionBudget with neither minAvailable nor ` +
        'maxUnavailable): set podDisruptionBudget.maxUnavailable: 1',
    );
  });
});

describe('26b-2: only a web redirect clients can follow to TLS on the VIP silences the http:// 404 warning', () => {
  // The cause and fix name the redirect Traefik keeps (attack29-budget-redirect.test.ts, 28b-5).
  const NOT_FOUND = 'ingresses.0.tls: serves "k3s.code-place-dev.site" on HTTPS only while';
  const warningsOf = (traefik: object) =>
    new K3sVipCluster(new App(), 'c', withChanges(devConfig(), { traefik: { redirectToHttps: false, ...traefik } }) as never).warnings
      .map((w) => `${w.path.join('.')}: ${w.message}`)
      .join('\n');
  const key = (entryPoint: object) => ({ values: { ports: { web: { http: { redirections: { entryPoint } } } } } });
  const flags = (...additionalArguments: string[]) => ({ values: { additionalArguments } });
  const FLAG = '--entryPoints.web.http.redirections.entryPoint';
  test.each([
    ['the chart key to traefik (not exposed)', key({ to: 'traefik', scheme: 'https' })],
    ['the flag to traefik (its address port 8080, no Service port)', flags(`${FLAG}.to=traefik`)],
    ['the flag to websecure by name (its address port 8443, no Service port)', flags(`${FLAG}.to=websecure`)],
    ['the flag to :8443 (no Service port)', flags(`${FLAG}.to=:8443`)],
    [
      'the chart 27 key to traefik (not exposed)',
      { chartVersion: '27.0.0', values: { ports: { web: { redirectTo: { port: 'traefik' } } } } },
    ],
    ['redirectToHttps overridden by a flag to traefik', { redirectToHttps: true, ...flags(`${FLAG}.to=traefik`) }],
  ])('%s keeps the warning', (_name, traefik) => {
    expect(warningsOf(traefik)).toContain(NOT_FOUND);
  });
  test.each([
    ['redirectToHttps', { redirectToHttps: true }],
    ['the chart key to websecure', key({ to: 'websecure', scheme: 'https' })],
    ['the flag to :443', flags(`${FLAG}.to=:443`)],
  ])('control: %s silences it', (_name, traefik) => {
    expect(warningsOf(traefik)).not.toContain(NOT_FOUND);
  });
});

describe('27a-6: a cycle of redirections among entrypoints is refused, naming the cycle', () => {
  const to = (target: string, scheme = 'https') => ({ http: { redirections: { entryPoint: { to: target, scheme } } } });
  const FLAG = (from: string, target: string) => `--entrypoints.${from}.http.redirections.entrypoint.to=${target}`;
  const exposed = (port: number) => ({ port, exposedPort: port, expose: { default: true } });
  test.each([
    [
      'web → websecure → web by chart keys',
      { ports: { web: to('websecure'), websecure: to('web', 'http') } },
      'traefik.values.ports.web.http.redirections.entryPoint.to: redirects entrypoint web to websecure in a cycle of redirections (web → websecure → web)',
    ],
    [
      'web → websecure → web by flags (:port)',
      { additionalArguments: [FLAG('web', ':443'), FLAG('websecure', ':80')] },
      'traefik.values.additionalArguments[0]: redirects entrypoint web to :443 in a cycle of redirections (web → websecure → web)',
    ],
    [
      'a key and a flag',
      { ports: { web: to('websecure') }, additionalArguments: [FLAG('websecure', ':80')] },
      'redirects entrypoint web to websecure in a cycle of redirections (web → websecure → web)',
    ],
    [
      'three entrypoints',
      { ports: { web: to('websecure'), websecure: to('alt'), alt: { ...exposed(8081), ...to('web') } } },
      '(web → websecure → alt → web)',
    ],
  ])('%s', (_name, values, expected) => {
    expect(errorsOf(ha(values))).toContain(expected);
  });

  test.each([
    [
      'web → websecure, websecure → alt (no way back)',
      { ports: { web: to('websecure'), websecure: to('alt'), alt: { ...exposed(8081) } } },
    ],
    // A flag naming websecure sends clients to its address port 8443, which no Service exposes: they never land there.
    ['a flag by name to an address port no Service exposes', { additionalArguments: [FLAG('web', 'websecure'), FLAG('websecure', ':80')] }],
  ])('control: %s is no cycle', (_name, values) => {
    expect(errorsOf(ha(values))).not.toContain('cycle of redirections');
  });

  // Timed in `npm run bench` (hostile input); the generous timeout fails only a hang.
  test('a 999-entrypoint cycle is found', () => {
    const errors = errorsOf(ha(hostile.redirectCycle(999)[0][1]));
    expect(errors).toContain('redirects entrypoint e0 to e1 in a cycle of redirections (e0 → e1 → e2 →');
    expect(errors).toContain('e997 → e998 → e0)');
  }, 60_000);
});

describe('a null on a map under a map the chart reads on every render fails Helm, by chart version', () => {
  const FAILS = "is null, which deletes the chart's";
  const on = (chartVersion: string, values: unknown) => errorsOf(withChanges(devConfig(), { traefik: { chartVersion, values } }));
  test.each([
    ['39.0.7', { logs: { access: null } }, 'traefik.values.logs.access: ' + FAILS + ' logs.access map'],
    ['34.2.0', { logs: { access: null } }, 'traefik.values.logs.access: ' + FAILS + ' logs.access map'],
    ['40.3.0', { logs: { general: null } }, 'traefik.values.logs.general: ' + FAILS + ' logs.general map'],
    // logs itself: read bare from v37.1.0 (`.Values.logs.access.timezone`) to v40.3.0, then renamed accessLog.
    ['37.1.0', { logs: null }, 'traefik.values.logs: ' + FAILS + ' logs map'],
    ['40.3.0', { logs: null }, 'traefik.values.logs: ' + FAILS + ' logs map'],
    ['41.3.0', { accessLog: null }, 'traefik.values.accessLog: ' + FAILS + ' accessLog map'],
    ['34.2.0', { providers: { file: null } }, 'traefik.values.providers.file: ' + FAILS + ' providers.file map'],
    ['41.3.0', { providers: { kubernetesIngress: null } }, 'traefik.values.providers.kubernetesIngress: ' + FAILS],
    ['39.0.7', { providers: null }, 'traefik.values.providers: ' + FAILS + ' providers map'],
    ['35.3.0', { global: null }, 'traefik.values.global: ' + FAILS + ' global map'],
    ['35.3.0', { global: { azure: null } }, 'traefik.values.global.azure: ' + FAILS + ' global.azure map'],
    ['39.0.7', { ingressRoute: { dashboard: null } }, 'traefik.values.ingressRoute.dashboard: ' + FAILS],
  ])('chart %s, %j is refused', (chartVersion, values, expected) => {
    expect(on(chartVersion, values)).toContain(expected);
  });
  test.each([
    ['37.0.0', { logs: null }],
    ['39.0.7', { logs: { access: { enabled: false } } }],
    ['39.0.7', { providers: { file: { enabled: false } } }],
    ['39.0.7', { metrics: { prometheus: null } }],
    ['35.2.0', { global: null }],
  ])('control: chart %s, %j is accepted', (chartVersion, values) => {
    expect(on(chartVersion, values)).not.toContain(FAILS);
  });
});

describe("review 8a: Traefik Hub's admission annotations are judged only where the chart renders them (v37.1.0 on)", () => {
  const HUB = { hub: { token: 'hub-token-secret', apimanagement: { enabled: true, admission: { annotations: { 'example.com/n': 1 } } } } };
  const KEY = 'traefik.values.hub.apimanagement.admission.annotations["example.com/n"]';
  const on = (chartVersion: string) => errorsOf(withChanges(devConfig(), { traefik: { chartVersion, values: HUB } }));
  test.each([
    ['39.0.7', true],
    ['37.1.0', true],
    ['37.0.0', false],
    ['34.2.0', false],
  ])('chart %s: refused %s', (chartVersion, refused) => {
    expect(on(chartVersion).includes(KEY)).toBe(refused);
  });
});
