import { App } from 'cdk8s';
import { K3sVipCluster } from '../src/index';
import { configWithValues, helmChartConfigRefusal, judgedValues } from './helpers';

/**
 * Attack round 34b-1 to 34b-5: entrypoint names the API server refuses as port names, `hostIP` as Traefik's listen
 * address, flags that take /ping from the probes' port, `containerPort`/`targetPort` off `port`, and `serviceAccount.name`.
 * Each case goes through `traefik.values` of a config and through a TraefikHelmChartConfig's props, on the chart versions
 * either side of the boundary the chart changed at (src/traefik/chart-versions.ts).
 */
const config = configWithValues;
const judged = judgedValues;

/** The refusal of a TraefikHelmChartConfig with these values on this chart ('' when accepted). */
const construct = (values: unknown, chartVersion: string) => helmChartConfigRefusal({ chartVersion, values });

/** Asserts the config refuses `values` at `key` with a message matching `pattern`, and the construct props too. */
function refused(values: unknown, chartVersion: string, key: string, pattern: RegExp) {
  const { errors } = judged(values, chartVersion);
  expect(errors).toContainEqual(expect.stringMatching(new RegExp(`^traefik\\.values\\.${key}: ${pattern.source}`)));
  expect(construct(values, chartVersion)).toMatch(new RegExp(`values\\.${key}:? ${pattern.source}`));
}

/** Asserts neither door refuses `values`, and that the config gives no warning at `key`. */
function accepted(values: unknown, chartVersion: string, key?: string) {
  const { errors, warnings } = judged(values, chartVersion);
  expect(errors).toEqual([]);
  expect(construct(values, chartVersion)).toBe('');
  if (key) expect(warnings.filter((w) => w.startsWith(`traefik.values.${key}:`))).toEqual([]);
}

const port = (extra: object = {}) => ({ port: 9001, expose: { default: true }, exposedPort: 9001, ...extra });

describe('34b-1: entrypoint names the API server refuses as port names', () => {
  test.each([
    ['39.0.7', 'my_port', /it holds "_"/],
    ['39.0.7', '8080', /it has no letter/],
    ['39.0.7', 'web--x', /it holds "--"/],
    ['39.0.7', 'a.b', /it holds "\."; .*splits the name at the dot/],
    ['27.0.2', 'Extra', /it holds "E"/],
    ['27.0.2', 'websecureinternal', /it has 17 characters/],
    // Boundary v34.1.0 (lower-cased): as written up to v34.0.0.
    ['34.0.0', 'Extra', /it holds "E"/],
    // Boundary v35.0.0 (traefik.portname cuts to 15): whole up to v34.5.0.
    ['34.5.0', 'websecureinternal', /it has 17 characters/],
  ])('chart %s: ports.%s is refused', (chart, name, why) => {
    const key = name.replace(/\./g, '\\.');
    refused(
      { ports: { [name]: port() } },
      chart,
      name.includes('.') ? `ports\\["${key}"\\]` : `ports\\.${key}`,
      new RegExp(`is entrypoint "${key}", which .*refuses it \\(${why.source}`),
    );
  });

  test.each([
    ['34.1.0', 'Extra'],
    ['35.0.0', 'websecureinternal'],
    ['39.0.7', 'internal'],
    ['27.0.2', 'extra-9001'],
  ])('control: chart %s takes ports.%s', (chart, name) => {
    accepted({ ports: { [name]: port() } }, chart);
  });

  test.each([
    // From v35.0.0 both are cut to "websecure-inter".
    [
      '39.0.7',
      { 'websecure-internal1': port(), 'websecure-internal2': port({ port: 9002, exposedPort: 9002 }) },
      'websecure-internal2',
      'websecure-inter',
    ],
    // From v34.1.0 "Web" is lower-cased onto the chart's own web.
    ['34.1.0', { Web: port() }, 'Web', 'web'],
  ])('chart %s: two entrypoints written as one port name are refused', (chart, ports, key, name) => {
    refused(
      { ports },
      chart,
      `ports\\.${key}`,
      new RegExp(`is entrypoint "${key}", which .* writes as port name "${name}", the same as entrypoint`),
    );
  });

  test('an entrypoint dropped with null leaves its name free', () => {
    accepted({ ports: { web: null, Web: port() } }, '34.1.0');
  });
});

describe('34b-2: ports.<name>.hostIP is also Traefik listen address (from chart v27.0.0)', () => {
  test.each([
    ['39.0.7', 'websecure', '192.168.0.11', /does not exist, so Traefik cannot bind it/],
    ['27.0.0', 'websecure', '10.0.0.1', /does not exist, so Traefik cannot bind it/],
    ['39.0.7', 'web', '127.0.0.1', /a loopback address/],
    ['39.0.7', 'traefik', '10.0.0.1', /and as the host of the readiness and liveness probes/],
    ['39.0.7', 'traefik', '0.0.0.0', /and as the host of the readiness and liveness probes.*no Traefik pod ever gets Ready/],
    // Boundary v41.1.0 (brackets): written as is before, which Go cannot split.
    ['41.0.2', 'websecure', '::', /too many colons/],
    ['39.0.7', 'websecure', 'eth0', /not an IP address/],
  ])('chart %s: ports.%s.hostIP %s is refused', (chart, name, hostIP, why) => {
    refused({ ports: { [name]: { hostIP } } }, chart, `ports\\.${name}\\.hostIP`, new RegExp(`is "${hostIP}", which .*${why.source}`));
  });

  test.each([
    ['26.1.0', 'websecure', '192.168.0.11', {}],
    ['39.0.7', 'websecure', '0.0.0.0', {}],
    ['41.1.0', 'websecure', '::', {}],
    ['39.0.7', 'websecure', '', {}],
    ['39.0.7', 'traefik', '0.0.0.0', { deployment: { healthchecksHost: '' }, hostNetwork: true }],
  ])('control: chart %s takes ports.%s.hostIP %j', (chart, name, hostIP, more) => {
    accepted({ ports: { [name]: { hostIP } }, ...more }, chart, `ports.${name}.hostIP`);
  });

  test('with hostNetwork a node address is a warning, not an error', () => {
    const values = { hostNetwork: true, ports: { websecure: { hostIP: '192.168.0.11' } } };
    const { errors, warnings } = judged(values, '39.0.7');
    expect(errors.filter((e) => e.includes('hostIP'))).toEqual([]);
    expect(warnings).toContainEqual(
      expect.stringMatching(/^traefik\.values\.ports\.websecure\.hostIP: .*with hostNetwork Traefik listens on that address only/),
    );
  });
});

describe('34b-3: flags that take /ping away from the probes', () => {
  test.each([
    [{ additionalArguments: ['--ping=false'] }, 'additionalArguments\\[0\\]', /turns Traefik's ping off/],
    [{ additionalArguments: ['-PING=False'] }, 'additionalArguments\\[0\\]', /turns Traefik's ping off/],
    [{ additionalArguments: ['--ping=true', '--ping=0'] }, 'additionalArguments\\[1\\]', /turns Traefik's ping off/],
    [
      { additionalArguments: ['--ping.entrypoint=websecure'] },
      'additionalArguments\\[0\\]',
      /moves \/ping to entrypoint websecure, on port 8443/,
    ],
    [
      { additionalArguments: ['--Ping.EntryPoint=nothere'] },
      'additionalArguments\\[0\\]',
      /moves \/ping to "nothere", which names no entrypoint/,
    ],
    [
      { additionalArguments: ['--ping.entrypoint=Traefik'] },
      'additionalArguments\\[0\\]',
      /moves \/ping to "Traefik", which names no entrypoint/,
    ],
  ])('%j is refused (chart 39.0.7)', (values, key, why) => {
    refused(values, '39.0.7', key, why);
  });

  test('globalArguments: --ping.entrypoint is refused, --ping=false is overridden by the chart (chart 35.4.0)', () => {
    refused({ globalArguments: ['--ping.entrypoint=web'] }, '35.4.0', 'globalArguments\\[0\\]', /moves \/ping to entrypoint web/);
    accepted({ globalArguments: ['--ping=false'] }, '35.4.0');
  });

  test.each([
    { additionalArguments: ['--ping=true'] },
    { additionalArguments: ['--ping=false', '--ping=TRUE'] },
    { additionalArguments: ['--ping.entrypoint=traefik'] },
    { additionalArguments: ['--ping.entrypoint=web'], deployment: { healthchecksPort: 8000 } },
  ])('control: %j is taken', (values) => {
    accepted(values, '39.0.7');
  });
});

describe('34b-4: containerPort and targetPort off port (read from chart v22.2.0)', () => {
  test.each(['22.2.0', '39.0.7'])('chart %s: ports.websecure.containerPort 9443 is refused', (chart) => {
    refused(
      { ports: { websecure: { containerPort: 9443 } } },
      chart,
      'ports\\.websecure\\.containerPort',
      /is 9443, which .* writes as container port "websecure", but Traefik listens on ports\.websecure\.port \(8443\), so the Service sends connections to 9443/,
    );
  });

  test.each([
    ['22.1.0', { websecure: { containerPort: 9443 } }],
    ['39.0.7', { websecure: { containerPort: 8443 } }],
    ['39.0.7', { websecure: { containerPort: 0 } }],
    ['39.0.7', { websecure: { containerPort: 9443, targetPort: 8443 } }],
  ])('control: chart %s takes %j', (chart, ports) => {
    accepted({ ports }, chart, 'ports.websecure.targetPort');
  });

  test.each([
    ['39.0.7', true],
    ['22.2.0', true],
    ['22.1.0', false],
  ])('chart %s: a targetPort off port warns: %s', (chart, warns) => {
    const { errors, warnings } = judged({ ports: { websecure: { targetPort: 1234 } } }, chart);
    expect(errors).toEqual([]);
    const warning = expect.stringMatching(
      /^traefik\.values\.ports\.websecure\.targetPort: is 1234, so the Service sends entrypoint websecure's/,
    );
    if (warns) expect(warnings).toContainEqual(warning);
    else expect(warnings).not.toContainEqual(warning);
  });
});

describe('34b-5: serviceAccount.name (the chart then creates none, at every tag)', () => {
  const warning = expect.stringMatching(/^traefik\.values\.serviceAccount\.name: is "custom", so the chart creates no ServiceAccount/);
  test.each(['27.0.2', '39.0.7'])('chart %s: a warning through the config and K3sVipCluster', (chart) => {
    const values = { serviceAccount: { name: 'custom' } };
    const { errors, warnings } = judged(values, chart);
    expect(errors).toEqual([]);
    expect(warnings).toContainEqual(warning);
    const cluster = new K3sVipCluster(new App(), 'c', config(values, chart));
    expect(cluster.warnings).toContainEqual(expect.objectContaining({ path: ['traefik', 'values', 'serviceAccount', 'name'] }));
  });

  test('control: no warning when extraObjects ships it', () => {
    const values = {
      serviceAccount: { name: 'custom' },
      extraObjects: [{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'custom' } }],
    };
    expect(judged(values, '39.0.7').warnings).not.toContainEqual(warning);
  });
});
