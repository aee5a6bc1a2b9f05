import { configErrors, devConfig, helmChartConfigRefusal, withChanges } from './helpers';

/**
 * Attack round 29, fixed in round 30 (helper c2): the maps the chart's templates read bare that the null table missed,
 * found with scripts/chart-reads.js (29b-1); the dashboard IngressRoute without api.dashboard (29b-2); any ".acme." text
 * in a DaemonSet's additionalArguments (29b-4); a nodeSelector value that is no text (29a-8).
 */
const FAILS = "is null, which deletes the chart's";
const on = (chartVersion: string, values: unknown) =>
  configErrors(withChanges(devConfig(), { traefik: { chartVersion, values } })).join('\n');

describe('29b-1: a null on a map the chart reads on this render is refused, by chart version and condition', () => {
  const old = { image: { tag: 'v3.6.2' } };
  test.each([
    ['39.0.7', { logs: { general: { otlp: null } } }, 'logs.general.otlp'],
    ['37.2.0', { logs: { access: { otlp: null } } }, 'logs.access.otlp'],
    ['40.3.0', { logs: { access: { otlp: null } } }, 'logs.access.otlp'],
    ['41.3.0', { log: null }, 'log'],
    ['41.0.0', { log: { otlp: null } }, 'log.otlp'],
    ['41.3.0', { accessLog: { otlp: null } }, 'accessLog.otlp'],
    ['34.2.0', { providers: { kubernetesIngress: { publishedService: null } } }, 'providers.kubernetesIngress.publishedService'],
    ['41.3.0', { providers: { kubernetesIngress: { publishedService: null } } }, 'providers.kubernetesIngress.publishedService'],
    ['35.0.0', { oci_meta: { images: null } }, 'oci_meta.images'],
    ['39.0.7', { oci_meta: { images: { proxy: null } } }, 'oci_meta.images.proxy'],
    ['35.3.0', { global: { azure: { images: null } } }, 'global.azure.images'],
    ['41.3.0', { global: { azure: { images: { proxy: null } } } }, 'global.azure.images.proxy'],
    ['39.0.7', { ...old, ports: { websecure: { http: { encodedCharacters: null } } } }, 'ports.websecure.http.encodedCharacters'],
    ['38.0.0', { ...old, ports: { websecure: { http: null } } }, 'ports.websecure.http'],
    ['41.0.2', { hub: { apimanagement: null } }, 'hub.apimanagement'],
    ['40.0.0', { providers: { kubernetesIngressNGINX: null } }, 'providers.kubernetesIngressNGINX'],
    ['37.4.0', { providers: { kubernetesIngressNginx: null } }, 'providers.kubernetesIngressNginx'],
    ['36.2.0', { autoscaling: { enabled: true, maxReplicas: 1, scaleTargetRef: null } }, 'autoscaling.scaleTargetRef'],
    ['39.0.0', { providers: { kubernetesGateway: { enabled: true } }, gateway: null }, 'gateway'],
    ['39.0.7', { metrics: { prometheus: { service: { enabled: true } } }, ports: { metrics: null } }, 'ports.metrics'],
  ])('chart %s, %j is refused', (chartVersion, values, map) => {
    expect(on(chartVersion, values)).toContain(`traefik.values.${map}: ${FAILS} ${map} map`);
  });

  test.each([
    // Before the read exists, or once it is gone.
    ['37.1.2', { logs: { general: { otlp: null } } }],
    ['34.2.0', { oci_meta: { images: null } }],
    ['35.2.0', { global: { azure: { images: null } } }],
    ['41.1.0', { hub: { apimanagement: null } }],
    ['38.0.0', { providers: { kubernetesIngressNginx: null } }],
    ['39.0.9', { providers: { kubernetesIngressNGINX: null } }],
    ['36.1.0', { autoscaling: { enabled: true, maxReplicas: 1, scaleTargetRef: null } }],
    ['38.0.2', { providers: { kubernetesGateway: { enabled: true } }, gateway: null }],
    // The condition around the read does not hold.
    ['39.0.7', { experimental: { otlpLogs: true }, logs: { general: { otlp: null }, access: { otlp: null } } }],
    ['39.0.7', { logs: { general: { otlp: { enabled: true } }, access: { otlp: null } }, experimental: { otlpLogs: true } }],
    ['41.3.0', { log: { otlp: { enabled: true } }, accessLog: { otlp: null }, experimental: { otlpLogs: true } }],
    ['41.3.0', { providers: { kubernetesIngress: { enabled: false, publishedService: null } } }],
    ['34.2.0', { providers: { kubernetesIngress: { enabled: false, publishedService: null } } }],
    ['39.0.7', { versionOverride: 'v3.6.2', oci_meta: { images: null } }],
    ['39.0.7', { image: { tag: 'v3.6.4' }, ports: { websecure: { http: { encodedCharacters: null } } } }],
    ['39.0.7', { ports: { websecure: { http: { encodedCharacters: null } } } }],
    ['39.0.7', { image: { tag: 'v3.6.2' }, ports: { websecure: { http: { sanitizePath: false, encodedCharacters: null } } } }],
    ['39.0.7', { autoscaling: { scaleTargetRef: null } }],
    ['39.0.7', { gateway: null }],
    ['39.0.7', { ports: { metrics: null } }],
    ['39.0.7', { logs: { general: { otlp: {} } } }],
  ])('control: chart %s, %j is not refused as a deleted map', (chartVersion, values) => {
    expect(on(chartVersion, values)).not.toContain(FAILS);
  });

  test('the construct door refuses them too', () => {
    expect(helmChartConfigRefusal({ values: { providers: { kubernetesIngress: { publishedService: null } } } })).toContain(
      `values.providers.kubernetesIngress.publishedService ${FAILS}`,
    );
  });
});

describe('29b-2: the dashboard IngressRoute without api.dashboard fails the chart from v37.2.0', () => {
  const message = 'fails on it ("Cannot create an IngressRoute for the dashboard without enabling api.dashboard")';
  const dashboard = (api: unknown) => ({ api: { dashboard: api }, ingressRoute: { dashboard: { enabled: true } } });
  test.each([
    ['37.2.0', false],
    ['39.0.0', null],
    ['39.0.0', 0],
    ['39.0.1', false],
    ['41.3.0', ''],
  ])('chart %s, api.dashboard %j with the IngressRoute on is refused', (chartVersion, api) => {
    expect(on(chartVersion, dashboard(api))).toContain(
      `traefik.values.api.dashboard: is ${JSON.stringify(api)}, but traefik.values.ingressRoute.dashboard.enabled is true, and Traefik chart ${chartVersion} ${message}`,
    );
  });
  test.each([
    ['37.1.2', dashboard(false)],
    // From v39.0.1 a null deletes the key, and `hasKey` skips the check.
    ['39.0.1', dashboard(null)],
    ['41.3.0', dashboard(true)],
    ['41.3.0', { api: { dashboard: false } }],
    ['38.0.2', { api: { dashboard: false }, ingressRoute: { dashboard: { enabled: false } } }],
    ['41.3.0', { ingressRoute: { dashboard: { enabled: true } } }],
  ])('control: chart %s, %j is accepted', (chartVersion, values) => {
    expect(on(chartVersion, values)).not.toContain('Cannot create an IngressRoute');
  });
});

describe('29b-4: a DaemonSet fails on any additionalArguments item holding ".acme."', () => {
  const message = 'holds ".acme.", and Traefik chart 39.0.7 refuses any additionalArguments item holding that text for a DaemonSet';
  test.each([['--metrics.otlp.http.endpoint=https://otel.acme.example/v1/metrics'], ['--log.filePath=/data/x.acme.log']])(
    '%s is refused',
    (item) => {
      const values = { deployment: { kind: 'DaemonSet' }, additionalArguments: ['--log.level=INFO', item] };
      expect(on('39.0.7', values)).toContain(`traefik.values.additionalArguments[1]: ${message}`);
    },
  );
  test.each([
    [{ deployment: { kind: 'DaemonSet' }, additionalArguments: ['--metrics.otlp.http.endpoint=https://otel.ACME.example/v1/metrics'] }],
    [{ deployment: { kind: 'DaemonSet' }, additionalArguments: ['--metrics.otlp.http.endpoint=https://acme.example/v1/metrics'] }],
    [{ additionalArguments: ['--metrics.otlp.http.endpoint=https://otel.acme.example/v1/metrics'] }],
  ])('control: %j is accepted', (values) => {
    expect(on('39.0.7', values)).not.toContain('holds ".acme."');
  });
});

describe('29a-8: a nodeSelector value that is no text is refused, for both kinds', () => {
  const message = "but a pod's nodeSelector holds texts only, so the API server refuses Traefik's pods";
  test.each([
    [{ deployment: { kind: 'DaemonSet' }, nodeSelector: { 'kubernetes.io/hostname': 5 } }, '["kubernetes.io/hostname"]', 'is 5, a number'],
    [
      { nodeSelector: { 'node-role.kubernetes.io/control-plane': true } },
      '["node-role.kubernetes.io/control-plane"]',
      'is true, a boolean',
    ],
    [{ deployment: { kind: 'DaemonSet' }, nodeSelector: { disk: ['ssd'] } }, '.disk', 'is a list'],
  ])('%j is refused', (values, key, given) => {
    const errors = on('39.0.7', values);
    expect(errors).toContain(`traefik.values.nodeSelector${key}: ${given}, ${message}`);
    expect(errors).not.toContain('which no node');
  });
  test('the message says how to quote it', () => {
    expect(on('39.0.7', { nodeSelector: { 'kubernetes.io/hostname': 5 } })).toContain('quote it ("5")');
  });
  test('the construct door refuses it too', () => {
    expect(helmChartConfigRefusal({ values: { nodeSelector: { 'kubernetes.io/hostname': 5 } } })).toContain(
      `values.nodeSelector["kubernetes.io/hostname"] is 5, a number, ${message}`,
    );
  });
  test('control: an extraObjects pod template with one stays refused by the Kubernetes schema', () => {
    const spec = { nodeSelector: { 'kubernetes.io/hostname': 5 }, containers: [{ name: 'c', image: 'nginx:1' }] };
    const template = { metadata: { labels: { a: 'b' } }, spec };
    const item = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'x', namespace: 'default' },
      spec: { selector: { matchLabels: { a: 'b' } }, template },
    };
    expect(on('39.0.7', { extraObjects: [item] })).toContain(
      'traefik.values.extraObjects[0].spec.template.spec.nodeSelector["kubernetes.io/hostname"]: is 5; the Kubernetes 1.27 schema of Deployment expects string',
    );
  });
  test.each([
    [{ nodeSelector: { 'node-role.kubernetes.io/control-plane': 'true' } }],
    [{ deployment: { kind: 'DaemonSet' }, nodeSelector: { 'kubernetes.io/hostname': 'k3s-1' } }],
  ])('control: %j is accepted', (values) => {
    expect(on('39.0.7', values)).not.toContain(message);
  });
});

describe("29b-2 (the other fails): a switch without the one it needs fails the chart's render", () => {
  test.each([
    [
      '37.2.0',
      { logs: { general: { otlp: { enabled: true } } } },
      'logs.general.otlp.enabled',
      'is true',
      'needs experimental.otlpLogs=true',
    ],
    [
      '40.3.0',
      { logs: { access: { otlp: { enabled: true } } } },
      'logs.access.otlp.enabled',
      'is true',
      'needs experimental.otlpLogs=true',
    ],
    ['41.0.0', { accessLog: { otlp: { enabled: true } } }, 'accessLog.otlp.enabled', 'is true', 'needs experimental.otlpLogs=true'],
    ['37.3.0', { providers: { knative: { enabled: true } } }, 'providers.knative.enabled', 'is true', 'Knative is experimental'],
    [
      '39.0.0',
      { providers: { kubernetesGateway: { enabled: true } }, gateway: { defaultScope: 'All' } },
      'gateway.defaultScope',
      'is "All"',
      "The Gateway 'defaultScope' field is experimental",
    ],
    ['39.0.9', { podSecurityPolicy: { enabled: true } }, 'podSecurityPolicy.enabled', 'is true', 'PodSecurityPolicy has been removed'],
    ['37.1.0', { logs: { general: { format: 'logfmt' } } }, 'logs.general.format', 'is "logfmt"', 'must be either common or json'],
    [
      '41.0.1',
      { ingressRoute: { myRoute: { enabled: false } } },
      'ingressRoute.myRoute',
      'has upper-case letters',
      'contains uppercase characters',
    ],
    [
      '34.2.0',
      { experimental: { plugins: { demo: { moduleName: 'github.com/x/demo' } } } },
      'experimental.plugins.demo',
      'lacks moduleName or version',
      'missing moduleName/version keys',
    ],
  ])('chart %s, %j is refused', (chartVersion, values, key, given, says) => {
    const errors = on(chartVersion, values);
    expect(errors).toContain(`traefik.values.${key}: ${given}`);
    expect(errors).toContain(says);
  });
  test.each([
    ['37.1.2', { logs: { general: { otlp: { enabled: true } } } }],
    ['39.0.7', { experimental: { otlpLogs: true }, logs: { general: { otlp: { enabled: true } } } }],
    ['37.2.0', { providers: { knative: { enabled: true } } }],
    ['39.0.7', { experimental: { knative: true }, providers: { knative: { enabled: true } } }],
    ['38.0.2', { providers: { kubernetesGateway: { enabled: true } }, gateway: { defaultScope: 'All' } }],
    ['39.0.7', { providers: { kubernetesGateway: { enabled: true, experimentalChannel: true } }, gateway: { defaultScope: 'All' } }],
    ['40.0.0', { podSecurityPolicy: { enabled: true } }],
    ['37.1.1', { logs: { general: { format: 'logfmt' } } }],
    ['34.2.0', { logs: { general: { format: 'json' } } }],
    ['41.0.0', { ingressRoute: { myRoute: { enabled: false } } }],
    ['41.3.0', { ingressRoute: { 'my-route': { enabled: false } } }],
    ['34.2.0', { experimental: { plugins: { demo: { moduleName: 'github.com/x/demo', version: 'v1.0.0' } } } }],
  ])('control: chart %s, %j is accepted', (chartVersion, values) => {
    expect(on(chartVersion, values)).not.toMatch(
      /fails on it \("(otlp on logs|Knative|The Gateway|PodSecurityPolicy|\.Values\.logs|ingressRoute key|plugin)/,
    );
  });
});

describe('the --fails scan: with hostNetwork, a hostPort other than its port fails the chart', () => {
  const says = 'fails on it ("All hostPort must match their respective containerPort when `hostNetwork` is enabled")';
  test.each([
    ['39.0.7', { hostNetwork: true, ports: { web: { hostPort: 80 } } }, 'web', 'is 80, but ports.web.port is 8000'],
    [
      '34.2.0',
      { hostNetwork: true, ports: { websecure: { port: 8443, hostPort: '443' } } },
      'websecure',
      'is 443, but ports.websecure.port is 8443',
    ],
  ])('chart %s, %j is refused', (chartVersion, values, name, given) => {
    expect(on(chartVersion, values)).toContain(
      `traefik.values.ports.${name}.hostPort: ${given}, and with hostNetwork Traefik chart ${chartVersion} ${says}`,
    );
  });
  test.each([
    [{ hostNetwork: true, ports: { web: { port: 80, hostPort: 80 } } }],
    [{ ports: { web: { hostPort: 80 } } }],
    [{ hostNetwork: true, ports: { web: { hostPort: 0 } } }],
  ])('control: %j is accepted', (values) => {
    expect(on('39.0.7', values)).not.toContain('All hostPort must match');
  });
});
