import { helmChartConfigRefusal, judgedValues } from './helpers';

/**
 * Attack round 35b-1, 35b-2, 35b-3 and 35b-12: the chart's own probe keys (host, port, scheme, paths) judged against where
 * Traefik answers /ping; port numbers, nodePorts and hostPorts of `traefik.values.ports` in range and used once; SCTP;
 * and the wording of three port messages. Each refusal goes through `traefik.values` of a config and through a
 * TraefikHelmChartConfig's props, on the chart versions either side of the boundary (src/traefik/chart-versions.ts).
 */
const judged = judgedValues;

const construct = (values: unknown, chartVersion: string) => helmChartConfigRefusal({ chartVersion, values });

/** The config's error at `key` (a regexp source), which must match `pattern`; the construct refuses it the same way. */
function refused(values: unknown, chartVersion: string, key: string, pattern: RegExp): string {
  const { errors } = judged(values, chartVersion);
  const at = errors.filter((e) => new RegExp(`^traefik\\.values\\.${key}: `).test(e));
  expect(at).toContainEqual(expect.stringMatching(new RegExp(`^traefik\\.values\\.${key}: ${pattern.source}`)));
  expect(construct(values, chartVersion)).toMatch(new RegExp(`values\\.${key}:? ${pattern.source}`));
  return at.find((e) => new RegExp(pattern.source).test(e))!;
}

/** Neither door refuses `values`. */
function accepted(values: unknown, chartVersion: string) {
  expect(judged(values, chartVersion).errors).toEqual([]);
  expect(construct(values, chartVersion)).toBe('');
}

describe('35b-1: the probes the chart deploys, whichever key sets them', () => {
  test.each([
    // deployment.healthchecksHost: read from v27.0.0; the kubelet calls it from the node.
    ['39.0.7', { deployment: { healthchecksHost: '0.0.0.0' } }, 'deployment\\.healthchecksHost', /is "0\.0\.0\.0", .*pod's own network/],
    ['39.0.7', { deployment: { healthchecksHost: '10.9.9.9' } }, 'deployment\\.healthchecksHost', /is "10\.9\.9\.9", .*pod's own network/],
    [
      '27.0.0',
      { deployment: { healthchecksHost: '127.0.0.1' } },
      'deployment\\.healthchecksHost',
      /is "127\.0\.0\.1", .*pod's own network/,
    ],
    // The port: /ping answers only on the ping entrypoint (traefik, 8080).
    [
      '39.0.7',
      { deployment: { healthchecksPort: 8000 } },
      'deployment\\.healthchecksPort',
      /is 8000, entrypoint web's port, which has no \/ping router.*set it to 8080/,
    ],
    [
      '39.0.7',
      { deployment: { healthchecksPort: 9999 } },
      'deployment\\.healthchecksPort',
      /is 9999, a port no entrypoint listens on.*set it to 8080/,
    ],
    [
      '39.0.7',
      { deployment: { healthchecksPort: 8443, healthchecksScheme: 'HTTPS' } },
      'deployment\\.healthchecksPort',
      /is 8443, entrypoint websecure's port/,
    ],
    ['24.0.0', { deployment: { healthchecksPort: 8000 } }, 'deployment\\.healthchecksPort', /is 8000, entrypoint web's port/],
    // Boundary v24.0.0: before it the chart reads ports.traefik.healthchecksPort.
    ['23.2.0', { ports: { traefik: { healthchecksPort: 8000 } } }, 'ports\\.traefik\\.healthchecksPort', /is 8000, entrypoint web's port/],
    // The advice for ports.traefik: null must work: only 8080 (Traefik's own traefik entrypoint) answers.
    [
      '39.0.7',
      { ports: { traefik: null }, deployment: { healthchecksPort: 9000 } },
      'deployment\\.healthchecksPort',
      /is 9000, a port no entrypoint listens on, but Traefik answers \/ping only on Traefik's own traefik entrypoint.*set it to 8080/,
    ],
    [
      '39.0.7',
      { ports: { traefik: null } },
      'ports\\.traefik',
      /drops the chart's ports\.traefik .*healthchecksPort: 8080, where Traefik then opens its own traefik entrypoint/,
    ],
    // The scheme.
    [
      '39.0.7',
      { deployment: { healthchecksScheme: 'HTTPS' } },
      'deployment\\.healthchecksScheme',
      /is "HTTPS", but Traefik serves \/ping on entrypoint traefik \(port 8080\) over plain HTTP/,
    ],
    [
      '39.0.7',
      { deployment: { healthchecksScheme: 'https' } },
      'deployment\\.healthchecksScheme',
      /is "https", .*takes only HTTP or HTTPS/,
    ],
    [
      '23.2.0',
      { ports: { traefik: { healthchecksScheme: 'HTTPS' } } },
      'ports\\.traefik\\.healthchecksScheme',
      /is "HTTPS", but Traefik serves \/ping/,
    ],
    // The paths: read from v28.0.0.
    [
      '39.0.7',
      { deployment: { readinessPath: '/nope' } },
      'deployment\\.readinessPath',
      /is "\/nope", .*readiness probe's path, but .* answers only \/ping/,
    ],
    ['28.0.0', { deployment: { livenessPath: '/healthz' } }, 'deployment\\.livenessPath', /is "\/healthz", .*liveness probe's path/],
  ])('chart %s: %j is refused', (chart, values, key, pattern) => {
    refused(values, chart, key, pattern);
  });

  test.each([
    ['26.1.0', { deployment: { healthchecksHost: '10.9.9.9' } }],
    ['27.0.2', { deployment: { readinessPath: '/nope', livenessPath: '/nope' } }],
    ['23.2.0', { deployment: { healthchecksPort: 8000, healthchecksScheme: 'HTTPS' } }],
    ['39.0.7', { ports: { traefik: null }, deployment: { healthchecksPort: 8080 } }],
    ['39.0.7', { deployment: { healthchecksPort: 8080, readinessPath: '/ping', livenessPath: '/ping/' } }],
    ['39.0.7', { deployment: { healthchecksPort: 8000 }, additionalArguments: ['--ping.entrypoint=web'] }],
    ['39.0.7', { deployment: { healthchecksScheme: 'HTTPS' }, ports: { traefik: { http: { tls: { enabled: true } } } } }],
  ])('control: chart %s takes %j', (chart, values) => {
    accepted(values, chart);
  });
});

describe('35b-2: port numbers, nodePorts and hostPorts of traefik.values.ports', () => {
  const extra = (more: object) => ({ port: 9001, expose: { default: true }, exposedPort: 9001, ...more });
  test.each([
    [{ ports: { extra: extra({ port: 70000, exposedPort: 9001 }) } }, 'ports\\.extra\\.port', /is 70000, .*takes only 1 to 65535/],
    [{ ports: { extra: extra({ port: 0 }) } }, 'ports\\.extra\\.port', /is 0, .*takes only 1 to 65535/],
    [{ ports: { extra: extra({ port: -1 }) } }, 'ports\\.extra\\.port', /is -1, /],
    [{ ports: { extra: extra({ exposedPort: 70000 }) } }, 'ports\\.extra\\.exposedPort', /is 70000, .*port of Traefik's Service/],
    [{ ports: { extra: extra({ hostPort: 70000 }) } }, 'ports\\.extra\\.hostPort', /is 70000, /],
    [
      { ports: { web: { nodePort: 99999 } } },
      'ports\\.web\\.nodePort',
      /is 99999, .*only 30000 to 32767 \(K3s' default service-node-port-range\)/,
    ],
    [{ ports: { web: { nodePort: 80 } } }, 'ports\\.web\\.nodePort', /is 80, .*only 30000 to 32767/],
    [{ ports: { websecure: { targetPort: 70000 } } }, 'ports\\.websecure\\.targetPort', /is 70000, .*targetPort/],
    [{ ports: { websecure: { targetPort: 'my_port' } } }, 'ports\\.websecure\\.targetPort', /is "my_port", .*neither \(it holds "_"\)/],
    [
      { ports: { web: { nodePort: 30080 }, websecure: { nodePort: 30080 } } },
      'ports\\.websecure\\.nodePort',
      /is 30080\/TCP, the same as ports\.web\.nodePort's, and the API server refuses one nodePort twice/,
    ],
    [
      { ports: { web: { hostPort: 8080 }, websecure: { hostPort: 8080 } } },
      'ports\\.websecure\\.hostPort',
      /is 8080\/TCP, the same as ports\.web\.hostPort's, and the API server refuses one hostPort twice/,
    ],
    [
      { ports: { extra: { expose: { default: true } } } },
      'ports\\.extra',
      /is entrypoint extra without a port.*Cannot create extra port on Service/,
    ],
    [
      { hostNetwork: true, ports: { websecure: { port: 8443, hostPort: 8443, http3: { enabled: true, advertisedPort: 443 } } } },
      'ports\\.websecure\\.http3\\.advertisedPort',
      /is 443, .*HTTP\/3 port \(UDP\), whose container port is 8443 .*with hostNetwork the API server requires them equal/,
    ],
  ])('%j is refused', (values, key, pattern) => {
    refused(values, '39.0.7', key, pattern);
  });

  test.each([
    ['27.0.2', { ports: { web: { nodePort: 30080 }, websecure: { nodePort: 30443 } } }],
    ['39.0.7', { ports: { web: { hostPort: 8000 }, dns: { port: 5353, protocol: 'UDP', hostPort: 8000 } } }],
    ['39.0.7', { ports: { extra: extra({ exposedPort: 0 }) } }],
  ])('control: chart %s takes %j', (chart, values) => {
    accepted(values, chart);
  });
});

describe('35b-3: protocols Traefik takes', () => {
  test('chart 39.0.7: ports.web.protocol SCTP is refused (Traefik: "invalid protocol")', () => {
    refused(
      { ports: { web: { protocol: 'SCTP' } } },
      '39.0.7',
      'ports\\.web\\.protocol',
      /is "SCTP", .*Traefik takes only tcp or udp \("invalid protocol"\).*write TCP or UDP/,
    );
  });

  test('chart 39.0.7: the message for tcp no longer suggests SCTP', () => {
    const message = refused({ ports: { metrics: { protocol: 'tcp' } } }, '39.0.7', 'ports\\.metrics\\.protocol', /is "tcp", /);
    expect(message).toMatch(/: write TCP or UDP$/);
  });
});

describe('35b-12: message wording', () => {
  test('a 120-character hostIP is named by its size, never quoted', () => {
    const long = 'x'.repeat(120);
    const message = refused({ ports: { web: { hostIP: long } } }, '39.0.7', 'ports\\.web\\.hostIP', /is a text of 120 characters, /);
    expect(message).not.toContain('xxxxxxxxxx');
  });

  test('an entrypoint clashing with its own HTTP/3 port name says HTTP/3', () => {
    const values = { ports: { 'websecure-inter': { port: 9444, http3: { enabled: true }, http: { tls: { enabled: true } } } } };
    refused(
      values,
      '39.0.7',
      'ports\\.websecure-inter',
      /is entrypoint "websecure-inter", which .* its HTTP\/3 port \(UDP\) as port name "websecure-inter", the same name as the entrypoint's own port/,
    );
  });

  test.each(['https://example.com:8443/x', 'host:1:2'])('hostIP %s is not described as IPv6 (chart 39.0.7)', (hostIP) => {
    const message = refused({ ports: { web: { hostIP } } }, '39.0.7', 'ports\\.web\\.hostIP', /is .*not an IP address/);
    expect(message).not.toMatch(/IPv6/);
  });
});
