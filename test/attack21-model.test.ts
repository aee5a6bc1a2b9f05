import { App } from 'cdk8s';
import { K3sVipCluster, TraefikHelmChartConfig } from '../src/index';
import { chart, configErrors, devConfig, judgeConfig, objects, REFERENCE_K3S, refusalOf, withChanges, withTraefikValues } from './helpers';

/**
 * Attack round 21b: an autoscaler maximum written as a text (D1), the HTTP/3 UDP listener left out of the one-port-
 * one-listener rule (D2), HTTP/3 switched on by a Traefik flag (D3), and a numeric image tag the chart fails on (D5).
 */
const errorsOf = (config: unknown) => configErrors(config).join('\n');
const judge = judgeConfig;
const K3S = REFERENCE_K3S;
const cluster = (traefik: object) => refusalOf(() => new K3sVipCluster(new App(), 'c', withChanges(devConfig(), { traefik, k3s: K3S })));
const helmChartConfig = (props: object) =>
  refusalOf(() => new TraefikHelmChartConfig(chart(), 't', { loadBalancerIPs: ['192.168.0.41'], ...props }));

describe('D1: autoscaling.maxReplicas written as a text YAML reads as a number counts as that many pods (hpa.yaml prints it unquoted)', () => {
  const autoscaled = (maxReplicas: unknown, traefik: object = {}) =>
    withTraefikValues(
      { autoscaling: { enabled: true, maxReplicas } },
      { chartVersion: '27.0.0', ...traefik },
      withChanges(devConfig(), { k3s: K3S }),
    );
  const LOCAL =
    'traefik.values.autoscaling.maxReplicas: is 5, but with externalTrafficPolicy Local Traefik runs only on the 3 control-plane node(s)';
  test.each([['5'], ['0x5'], [' 5'], ['05'], [5]])('maxReplicas %j with externalTrafficPolicy Local on chart 27 is refused', (max) => {
    judge(autoscaled(max, { externalTrafficPolicy: 'Local' }), LOCAL);
  });
  test.each([['3'], ['0x3'], [3]])('control: maxReplicas %j with Local (3 servers) is accepted', (max) => {
    judge(autoscaled(max, { externalTrafficPolicy: 'Local' }), undefined);
  });
  test.each([['2'], [2]])('maxReplicas %j gets the generated disruption budget and spread, as the number does', (max) => {
    const config = objects(autoscaled(max)).find((o) => o.kind === 'HelmChartConfig')!;
    const content = String(config.spec.valuesContent);
    expect(content).toContain('podDisruptionBudget:');
    expect(content).toContain('topologySpreadConstraints:');
  });
  test('control: maxReplicas "1" gets no disruption budget', () => {
    const config = objects(autoscaled('1')).find((o) => o.kind === 'HelmChartConfig')!;
    expect(String(config.spec.valuesContent)).not.toContain('podDisruptionBudget:');
  });
  test('construct: K3sVipCluster refuses maxReplicas "5" with Local on chart 27', () => {
    const values = { autoscaling: { enabled: true, maxReplicas: '5' } };
    expect(cluster({ chartVersion: '27.0.0', externalTrafficPolicy: 'Local', values })).toContain(
      'is 5, but with externalTrafficPolicy Local',
    );
    expect(
      cluster({ chartVersion: '27.0.0', externalTrafficPolicy: 'Local', values: { autoscaling: { enabled: true, maxReplicas: '3' } } }),
    ).toBe('');
  });
});

describe('D2: the HTTP/3 listener claims its UDP container and Service ports like an entrypoint', () => {
  const SHARE = 'two listeners cannot share it; give each entrypoint its own';
  const quic = (port: object) => ({ ports: { websecure: { http3: { enabled: true } }, quic: { protocol: 'UDP', ...port } } });
  test.each([
    ['both ports', { port: 8443, expose: { default: true }, exposedPort: 443 }, 'container port 8443/UDP'],
    ['the Service port only', { port: 9443, expose: { default: true }, exposedPort: 443 }, 'Service port 443/UDP'],
    ['the container port only', { port: 8443 }, 'container port 8443/UDP'],
  ])('a UDP entrypoint on %s of websecure HTTP/3 is refused', (_, port, key) => {
    judge(
      withTraefikValues(quic(port)),
      `traefik.values.ports.quic: uses the ${key}, as entrypoint websecure's HTTP/3 listener does: ${SHARE}`,
    );
  });
  test('the Service port is http3.advertisedPort when set', () => {
    const values = {
      ports: {
        websecure: { http3: { enabled: true, advertisedPort: 4443 } },
        quic: { port: 9443, protocol: 'UDP', exposedPort: 4443, expose: { default: true } },
      },
    };
    judge(
      withTraefikValues(values),
      `traefik.values.ports.quic: uses the Service port 4443/UDP, as entrypoint websecure's HTTP/3 listener does`,
    );
  });
  test.each([
    [
      'HTTP/3 off',
      {
        ports: {
          websecure: { http3: { enabled: false } },
          quic: { port: 8443, protocol: 'UDP', expose: { default: true }, exposedPort: 443 },
        },
      },
    ],
    ['other ports', quic({ port: 9443, expose: { default: true }, exposedPort: 4443 })],
    [
      'advertisedPort moves the Service port',
      {
        ports: {
          websecure: { http3: { enabled: true, advertisedPort: 4443 } },
          quic: { port: 9443, protocol: 'UDP', expose: { default: true }, exposedPort: 443 },
        },
      },
    ],
    ['a TCP entrypoint on 443 elsewhere unexposed', quic({ port: 9443 })],
  ])('control: %s is accepted', (_, values) => {
    judge(withTraefikValues(values), undefined);
  });
  test('construct: TraefikHelmChartConfig refuses the clash and accepts the control', () => {
    expect(helmChartConfig({ values: quic({ port: 8443, expose: { default: true }, exposedPort: 443 }) })).toContain(
      "uses the container port 8443/UDP, as entrypoint websecure's HTTP/3 listener does",
    );
    expect(helmChartConfig({ values: quic({ port: 9443, expose: { default: true }, exposedPort: 4443 }) })).toBe('');
  });
});

describe('D3: HTTP/3 switched on by a flag counts as ports.<name>.http3.enabled', () => {
  const FLANNEL =
    "opens port 8472 on the node's network (hostNetwork) for HTTP/3 (UDP, switched on by this flag), which is flannel VXLAN's port";
  const hostNetwork = (...flags: string[]) =>
    withTraefikValues({ hostNetwork: true, ports: { websecure: { port: 8472 } }, additionalArguments: flags });
  test.each([
    ['--entrypoints.websecure.http3=true'],
    ['--entrypoints.websecure.http3'],
    ['--entryPoints.websecure.HTTP3=TRUE'],
    ['--entrypoints.websecure.http3.advertisedport=443'],
    ['--ENTRYPOINTS.websecure.Http3.AdvertisedPort=443'],
  ])('%s with hostNetwork on port 8472 is refused at the flag', (flag) => {
    judge(hostNetwork(flag), `traefik.values.additionalArguments[0]: ${FLANNEL}`);
  });
  test('the last flag wins: on after off is refused', () => {
    judge(
      hostNetwork('--entrypoints.websecure.http3=false', '--entrypoints.websecure.http3=true'),
      `traefik.values.additionalArguments[1]: ${FLANNEL}`,
    );
  });
  test.each([
    [['--entrypoints.websecure.http3=false']],
    [['--entrypoints.websecure.http3=true', '--entrypoints.websecure.http3=false']],
    [['--entrypoints.web.http3=true']],
    [['--entrypoints.websecure.http2.maxconcurrentstreams=10']],
  ])('control: %j with hostNetwork on port 8472 is accepted', (flags) => {
    judge(hostNetwork(...flags), undefined);
  });
  test('control: the flag with a host port adds no host port (the chart declares no port for it)', () => {
    judge(
      withTraefikValues({ ports: { websecure: { hostPort: 8472 } }, additionalArguments: ['--entrypoints.websecure.http3=true'] }),
      undefined,
    );
  });
  test('the flag claims the UDP container port like the chart key (a UDP entrypoint on it is refused)', () => {
    const values = { ports: { quic: { port: 8443, protocol: 'UDP' } }, additionalArguments: ['--entrypoints.websecure.http3=true'] };
    judge(
      withTraefikValues(values),
      "traefik.values.ports.quic: uses the container port 8443/UDP, as entrypoint websecure's HTTP/3 listener does",
    );
    // The chart adds no Service port for a flag: a UDP entrypoint on the Service port 443 alone is accepted.
    const service = {
      ports: { quic: { port: 9443, protocol: 'UDP', expose: { default: true }, exposedPort: 443 } },
      additionalArguments: ['--entrypoints.websecure.http3=true'],
    };
    judge(withTraefikValues(service), undefined);
  });
});

describe('D5: a non-text image.tag is refused (the chart runs the tag through sprig split, which takes only a text)', () => {
  const QUOTE = 'quote the tag ("v3.6.2"), or remove the key (K3s pins one)';
  test.each([
    [2.11, '33.0.0', 'is a number, 2.11, not a text'],
    [3, '27.0.0', 'is a number, 3, not a text'],
    [3.6, '41.3.0', 'is a number, 3.6, not a text'],
    [true, '33.0.0', 'is a boolean, not a text'],
  ])('tag %j on chart %s is refused', (tag, chartVersion, given) => {
    judge(withTraefikValues({ image: { tag } }, { chartVersion }), `traefik.values.image.tag: ${given}`);
    // 79b-12: a number's fix keeps it (the config door says it as written, `3.10`).
    const fix = typeof tag === 'number' ? `quote it ("${tag}"), or remove the key (K3s pins one)` : QUOTE;
    expect(errorsOf(withTraefikValues({ image: { tag } }, { chartVersion }))).toContain(fix);
  });
  test.each([[0], [false], ['v3.6.2']])('control: tag %j on chart 33.0.0 is accepted', (tag) => {
    judge(withTraefikValues({ image: { tag } }, { chartVersion: '33.0.0' }), undefined);
  });
});
