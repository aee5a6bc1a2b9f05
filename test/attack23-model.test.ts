import { App } from 'cdk8s';
import { K3sVipCluster } from '../src/index';
import { configErrors, devConfig, judgeConfig, objects, REFERENCE_K3S, withChanges } from './helpers';

/**
 * Attack round 23b: a disruption budget of the user's own beside the tool's replicas (23b-2), ACME resolvers of the
 * values or flags and their volume (23b-5), `nodeSelector` held to the placement `affinity` is (23b-3), the HTTP
 * redirect read from the values and flags (23b-1), and one line per problem of an additional Service's VIP (23b-6).
 */
const errorsOf = (config: unknown) => configErrors(config).join('\n');
const judge = judgeConfig;
/** The reference setup's three servers and one agent. */
const K3S = { ...REFERENCE_K3S, agents: [{ name: 'w-1', address: '192.168.0.21' }] };
const onNodes = (traefik: object, extra: object = {}) => withChanges(devConfig(), { traefik, k3s: K3S, ...extra });
const warningsOf = (config: unknown) =>
  new K3sVipCluster(new App(), 'c', config as never).warnings.map((w) => `${w.path.join('.')}: ${w.message}`).join('\n');
const writtenValues = (config: unknown) => String(objects(config).find((o) => o.kind === 'HelmChartConfig')!.spec.valuesContent);

describe("23b-2: a budget count of the user's own replaces the maxUnavailable this tool writes for several pods", () => {
  const BLOCKS = 'so no drain may evict a Traefik pod and every node drain (and K3s upgrade) hangs';
  test.each([
    [
      'values replicas 3, minAvailable 2',
      { values: { deployment: { replicas: 3 }, podDisruptionBudget: { enabled: true, minAvailable: 2 } } },
    ],
    ['replicas 2, minAvailable 1', { replicas: 2, values: { podDisruptionBudget: { enabled: true, minAvailable: 1 } } }],
    ['replicas 3, minAvailable "50%"', { replicas: 3, values: { podDisruptionBudget: { enabled: true, minAvailable: '50%' } } }],
    [
      'values replicas 3, maxUnavailable 2',
      { values: { deployment: { replicas: 3 }, podDisruptionBudget: { enabled: true, maxUnavailable: 2 } } },
    ],
  ])("%s is accepted and written without the tool's maxUnavailable", (_name, traefik) => {
    const config = onNodes(traefik);
    judge(config, undefined);
    const written = writtenValues(config);
    expect(written).toMatch(/podDisruptionBudget:\n\s+enabled: true\n\s+m/);
    expect(written.match(/minAvailable|maxUnavailable/g)).toHaveLength(1);
  });
  test.each([
    [
      'values replicas 3, minAvailable 3',
      { values: { deployment: { replicas: 3 }, podDisruptionBudget: { enabled: true, minAvailable: 3 } } },
      'is 3 with 3',
    ],
    ['replicas 2, minAvailable 2', { replicas: 2, values: { podDisruptionBudget: { enabled: true, minAvailable: 2 } } }, 'is 2 with 2'],
    [
      'replicas 2, minAvailable "100%"',
      { replicas: 2, values: { podDisruptionBudget: { enabled: true, minAvailable: '100%' } } },
      'is "100%" with 2',
    ],
  ])('%s lets no drain evict and stays refused', (_name, traefik, is) => {
    judge(onNodes(traefik), `traefik.values.podDisruptionBudget.minAvailable: ${is} Traefik pod(s), ${BLOCKS}`);
  });
  test('replicas 2, maxUnavailable 0 stays refused', () => {
    judge(
      onNodes({ replicas: 2, values: { podDisruptionBudget: { enabled: true, maxUnavailable: 0 } } }),
      `traefik.values.podDisruptionBudget.maxUnavailable: is 0, ${BLOCKS}`,
    );
  });
  test("control: replicas 2 with no count of the user's gets maxUnavailable 1", () => {
    expect(writtenValues(onNodes({ replicas: 2 }))).toMatch(/podDisruptionBudget:\n\s+enabled: true\n\s+maxUnavailable: 1/);
  });
});

describe('23b-5: an ACME resolver of the values or flags is judged on the volume it has, not on one it lacks', () => {
  const LOST = 'keeps its ACME certificates in';
  const RWO = 'ReadWriteOnce';
  const resolver = (acme: object) => ({ certificatesResolvers: { le: { acme: { email: 'a@example.com', tlsChallenge: true, ...acme } } } });
  const FLAGS = ['--certificatesresolvers.le.acme.email=a@example.com', '--certificatesresolvers.le.acme.tlschallenge=true'];
  test.each([
    [
      'values, storage /data/acme.json, no persistence',
      resolver({ storage: '/data/acme.json' }),
      'traefik.values.certificatesResolvers.le',
      '"/data/acme.json"',
    ],
    ['values, no storage (Traefik keeps acme.json)', resolver({}), 'traefik.values.certificatesResolvers.le', '"acme.json"'],
    [
      'values, persistence on but storage outside /data',
      { ...resolver({ storage: '/tmp/acme.json' }), persistence: { enabled: true } },
      'traefik.values.certificatesResolvers.le',
      '"/tmp/acme.json"',
    ],
    [
      'flags, storage /tmp/acme.json',
      { additionalArguments: [...FLAGS, '--certificatesresolvers.le.acme.storage=/tmp/acme.json'] },
      'traefik.values.additionalArguments',
      '"/tmp/acme.json"',
    ],
  ])('%s: warned as lost at every restart, with no volume claims', (_name, values, where, storage) => {
    const warnings = warningsOf(onNodes({ values }));
    expect(warnings).toContain(`${where}`);
    expect(warnings).toContain(`${LOST} ${storage}, on no persistent volume, so every restart or move of the Traefik pod loses them`);
    expect(warnings).not.toContain(RWO);
  });
  test.each([
    ['values, persistence on, storage /data/acme.json', { ...resolver({ storage: '/data/acme.json' }), persistence: { enabled: true } }],
    [
      'flags, persistence on, storage /data/acme.json',
      { additionalArguments: [...FLAGS, '--certificatesresolvers.le.acme.storage=/data/acme.json'], persistence: { enabled: true } },
    ],
  ])('control: %s keeps the volume warning and gets no loss warning', (_name, values) => {
    const warnings = warningsOf(onNodes({ values }));
    expect(warnings).toContain(RWO);
    expect(warnings).not.toContain(LOST);
  });
  test('control: traefik.certResolvers writes the volume and gets no loss warning', () => {
    const warnings = warningsOf(onNodes({ certResolvers: { le: { email: 'a@example.com', challenge: 'tls' } } }));
    expect(warnings).toContain(RWO);
    expect(warnings).not.toContain(LOST);
  });
});

describe('23b-3: nodeSelector is judged with the placement this tool writes', () => {
  const PATH = 'traefik.values.nodeSelector: selects';
  const selector = (nodeSelector: object, traefik: object = {}) => onNodes({ ...traefik, values: { nodeSelector } });
  const LOCAL = { externalTrafficPolicy: 'Local', replicas: 2 };
  test.each([
    [
      'an agent under Local',
      selector({ 'kubernetes.io/hostname': 'w-1' }, LOCAL),
      'which no node Traefik may run on carries (with traefik.externalTrafficPolicy Local',
    ],
    [
      'an unknown node',
      selector({ 'kubernetes.io/hostname': 'nowhere' }),
      'which no node Traefik may run on carries, so every Traefik pod stays Pending',
    ],
    [
      'the control-plane role on an agent hostname',
      selector({ 'kubernetes.io/hostname': 'w-1', 'node-role.kubernetes.io/control-plane': 'true' }),
      'which no node Traefik may run on carries',
    ],
    [
      'one server for two pods under Local',
      selector({ 'kubernetes.io/hostname': 'k3s-1' }, LOCAL),
      'which leaves 1 control-plane node(s) (k3s-1), but with traefik.externalTrafficPolicy Local this tool places one Traefik pod per node, so 1 of the 2 pods stay Pending',
    ],
  ])('%s is refused', (_name, config, message) => {
    judge(config, `${PATH} ${JSON.stringify(config.traefik.values.nodeSelector)}, ${message}`);
  });
  test.each([
    ['one server under Local, one pod', selector({ 'kubernetes.io/hostname': 'k3s-1' }, { externalTrafficPolicy: 'Local' })],
    ['the control-plane role under Local, two pods', selector({ 'node-role.kubernetes.io/control-plane': 'true' }, LOCAL)],
    ['an agent under Cluster, one pod', selector({ 'kubernetes.io/hostname': 'w-1' })],
    ['a label this tool does not know', selector({ 'example.com/zone': 'a' }, LOCAL)],
  ])('control: %s is accepted', (_name, config) => {
    judge(config, undefined);
  });
  test('two pods on one node under Cluster are warned about', () => {
    expect(warningsOf(selector({ 'kubernetes.io/hostname': 'k3s-1' }, { replicas: 2 }))).toContain(
      `${PATH} {"kubernetes.io/hostname":"k3s-1"}, which leaves 1 node(s) (k3s-1) for 2 Traefik pods, so some nodes run two`,
    );
    expect(warningsOf(selector({ 'kubernetes.io/hostname': 'k3s-1' }, { replicas: 1 }))).not.toContain('traefik.values.nodeSelector');
  });
});

describe('23b-1: the http:// 404 warning reads the redirect from the values and flags', () => {
  const NOT_FOUND = 'answers 404: set traefik.redirectToHttps: true';
  const redirect = { to: 'websecure', scheme: 'https', permanent: true };
  test.each([
    ['ports.web.http.redirections on chart 39', { ports: { web: { http: { redirections: { entryPoint: redirect } } } } }, '39.0.7'],
    ['ports.web.redirections on chart 37', { ports: { web: { redirections: { entryPoint: redirect } } } }, '37.1.0'],
    ['ports.web.redirectTo.port on chart 27', { ports: { web: { redirectTo: { port: 'websecure' } } } }, '27.0.0'],
    // A flag naming websecure puts its address port 8443 in the Location, which no Service exposes (attack28-chart.test.ts).
    ['the flag', { additionalArguments: ['--entrypoints.web.http.redirections.entrypoint.to=:443'] }, '39.0.7'],
    ['the flag in another case', { additionalArguments: ['--entryPoints.web.http.redirections.entryPoint.to=:443'] }, '39.0.7'],
  ])('a redirect through %s gets no 404 warning', (_name, values, chartVersion) => {
    expect(warningsOf(onNodes({ chartVersion, values }))).not.toContain(NOT_FOUND);
  });
  test.each([
    ['no redirect', {}],
    ['a redirect on another entrypoint', { additionalArguments: ['--entrypoints.traefik.http.redirections.entrypoint.to=websecure'] }],
  ])('control: %s keeps the warning', (_name, values) => {
    expect(warningsOf(onNodes({ chartVersion: '39.0.7', values }))).toContain(NOT_FOUND);
  });
  test('control: traefik.redirectToHttps gets no warning', () => {
    expect(warningsOf(onNodes({ redirectToHttps: true }))).not.toContain(NOT_FOUND);
  });
});

describe('23b-6: a refused VIP of an additional Service is one line, not also "is missing"', () => {
  const ANNOTATIONS = 'traefik.values.service.additionalServices.internal.annotations';
  const internal = (annotations: object) =>
    withChanges(devConfig(), {
      traefik: {
        values: {
          ports: { websecure: { expose: { default: true, internal: true } } },
          service: { additionalServices: { internal: { type: 'LoadBalancer', annotations } } },
        },
      },
    });
  test.each([
    ['127.0.0.1', 'is loopback'],
    ['0.0.0.0', 'is the "this network" block'],
    ['224.0.0.1', 'is multicast'],
    ['192.168.0.300', 'is not an IP address'],
  ])('%s gives its own error only', (vip, why) => {
    const errors = configErrors(internal({ 'kube-vip.io/loadbalancerIPs': vip }));
    expect(errors).toEqual([expect.stringContaining(`${ANNOTATIONS}["kube-vip.io/loadbalancerIPs"]: "${vip}" ${why}`)]);
  });
  test('control: no annotation and no pool is still refused (the VIP annotation named as missing, 50b-8)', () => {
    expect(errorsOf(internal({}))).toContain(
      `${ANNOTATIONS}: has no kube-vip.io/loadbalancerIPs annotation and no IP pool serves namespace kube-system`,
    );
  });
  test('control: a good VIP is accepted', () => {
    judge(internal({ 'kube-vip.io/loadbalancerIPs': '192.168.0.42' }), undefined);
  });
});
