import { stringify } from 'yaml';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { chart, devConfig, REFERENCE_K3S, refusalOf, withChanges, withTraefikValues } from './helpers';
import { laterFieldVerdict } from '../src/validate/later-fields';
import { K3sVipCluster, TraefikHelmChartConfig } from '../src/index';
import { App } from 'cdk8s';

/**
 * Round 83 (attacker a), fix wave 84 (side84): a native sidecar (`initContainers[].restartPolicy: Always`) is judged by
 * the Kubernetes release `k3s.version` names, not refused as a field the vendored 1.27 schema lacks (83a-25); an
 * extraObjects HTTPRoute on an `httpRoutes` entry's host and path is refused whatever method, header or query matches
 * it adds, as those make it win the requests under Gateway API precedence (83a-18).
 */
const diagnosticsOf = (values: object, patch: object = {}) => {
  const parsed = parseConfigText(
    'config/t.yaml',
    stringify(withTraefikValues(values, {}, withChanges(withChanges(devConfig(), { k3s: REFERENCE_K3S }), patch))),
  );
  return { errors: parsed.errors.map(formatDiagnostic), warnings: parsed.warnings.map(formatDiagnostic) };
};
const errorsOf = (values: object, patch: object = {}) => diagnosticsOf(values, patch).errors;

const version = (tag: string | undefined) => ({ k3s: { ...REFERENCE_K3S, version: tag } });
const V128 = version('v1.28.15+k3s1');
const V129 = version('v1.29.0+k3s1');
const V133 = version('v1.33.1+k3s1');
const NONE = {};

/** An extraObjects Deployment of app container `c` and the init containers given. */
const workload = (initContainers: object[], containers: object[] = [{ name: 'c', image: 'nginx:1.27' }]) => ({
  extraObjects: [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'w', namespace: 'apps' },
      spec: {
        selector: { matchLabels: { app: 'w' } },
        template: { metadata: { labels: { app: 'w' } }, spec: { initContainers, containers } },
      },
    },
  ],
});
const shipper = (more: object = {}) => ({ name: 'log-shipper', image: 'fluent/fluent-bit:3.1.9', restartPolicy: 'Always', ...more });
const POD = 'extraObjects[0].spec.template.spec';
const needs129 = ['native sidecar', 'Kubernetes 1.29', 'k3s.version', 'v1.29.0+k3s1'];

/** Traefik's own pod with the init container given (the chart writes `deployment.initContainers` as they are). */
const ownInit = (container: object) => ({ deployment: { initContainers: [container] } });

const gatewayPatch = (route: object = {}) => ({
  traefik: { gateway: { routeNamespaces: 'All' } },
  httpRoutes: [{ name: 'status', namespace: 'monitoring', host: 'status.example.com', service: 'uptime', port: 3001, ...route }],
});
const httpRoute = (name: string, match: object, hostnames = ['status.example.com']) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name, namespace: 'status' },
  spec: {
    parentRefs: [{ name: 'traefik', namespace: 'kube-system' }],
    hostnames,
    rules: [{ matches: [match], backendRefs: [{ name: 'other', port: 80 }] }],
  },
});
const routes = (...items: object[]) => ({ extraObjects: items });
const ROOT = { path: { type: 'PathPrefix', value: '/' } };
const catchAllHeader = { headers: [{ type: 'RegularExpression', name: 'User-Agent', value: '.*' }] };
const taken = (owner: string) => ['is already routed by ' + owner, 'status.example.com', 'change the host or the path'];

// [case, traefik.values, config patch, key path below traefik.values and words of its message (undefined: passes), words it must not hold]
const ROWS: Array<[string, object, object, [string, string[]] | undefined, string[]?]> = [
  // 83a-25: native sidecars, by the Kubernetes release of k3s.version (SidecarContainers: beta and on from 1.29, GA 1.33).
  ['83a-25: a native sidecar on K3s v1.33.1', workload([shipper()]), V133, undefined],
  ['83a-25: a native sidecar on K3s v1.29.0, the first release that serves it', workload([shipper()]), V129, undefined],
  [
    '83a-25: a native sidecar on K3s v1.28 (the feature gate is alpha and off)',
    workload([shipper()]),
    V128,
    [`${POD}.initContainers[0].restartPolicy`, [...needs129, 'v1.28.15+k3s1']],
    ['resizePolicy', 'not a field'],
  ],
  [
    '83a-25: a native sidecar with no k3s.version',
    workload([shipper()]),
    NONE,
    [`${POD}.initContainers[0].restartPolicy`, needs129],
    ['resizePolicy', 'not a field'],
  ],
  [
    '83a-25: an init container restartPolicy other than Always on v1.33',
    workload([shipper({ restartPolicy: 'OnFailure' })]),
    V133,
    [`${POD}.initContainers[0].restartPolicy`, ['"OnFailure"', 'may only be Always', 'validateInitContainerRestartPolicy']],
  ],
  [
    '83a-25: restartPolicy on an app container on v1.33',
    workload([], [{ name: 'c', image: 'nginx:1.27', restartPolicy: 'Always' }]),
    V133,
    [
      `${POD}.containers[0].restartPolicy`,
      ['may not be set for non-init containers', 'initContainers', 'Kubernetes 1.35', 'K3s v1.33.1+k3s1'],
    ],
    ['resizePolicy'],
  ],
  [
    'restartPolicy on an app container on v1.34 (ContainerRestartRules alpha and off)',
    workload([], [{ name: 'c', image: 'nginx:1.27', restartPolicy: 'OnFailure' }]),
    version('v1.34.2+k3s1'),
    [`${POD}.containers[0].restartPolicy`, ['may not be set for non-init containers', 'v1.35.0+k3s1']],
  ],
  [
    'neighbour: an app container restart policy on v1.35 (ContainerRestartRules beta and on)',
    workload([shipper()], [{ name: 'c', image: 'nginx:1.27', restartPolicy: 'OnFailure' }]),
    version('v1.35.0+k3s1'),
    undefined,
  ],
  [
    'an app container restart policy of no known value on v1.35',
    workload([], [{ name: 'c', image: 'nginx:1.27', restartPolicy: 'Sometimes' }]),
    version('v1.35.0+k3s1'),
    [`${POD}.containers[0].restartPolicy`, ['"Sometimes"', 'Always, OnFailure, Never']],
  ],
  [
    '83a-25: restartPolicy on an app container with no k3s.version',
    workload([], [{ name: 'c', image: 'nginx:1.27', restartPolicy: 'Always' }]),
    NONE,
    [`${POD}.containers[0].restartPolicy`, ['may not be set for non-init containers', 'initContainers']],
    ['resizePolicy'],
  ],
  [
    'neighbour: a sidecar may have probes and a lifecycle on v1.33',
    workload([shipper({ readinessProbe: { tcpSocket: { port: 2020 } }, lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } } })]),
    V133,
    undefined,
  ],
  [
    'neighbour: a plain init container still may not have a probe on v1.33',
    workload([{ name: 'init', image: 'busybox:1.36', readinessProbe: { tcpSocket: { port: 2020 } } }]),
    V133,
    [`${POD}.initContainers[0].readinessProbe`, ['without restartPolicy=Always']],
  ],
  [
    'neighbour: a sidecar is still a container for the capability rule',
    workload([shipper({ securityContext: { capabilities: { add: ['CAP_NET_ADMIN'] } } })]),
    V133,
    [`${POD}.initContainers[0].securityContext.capabilities.add[0]`, ['CAP_NET_ADMIN', 'NET_ADMIN']],
  ],
  [
    'neighbour: a sidecar is still a container for the container field rules',
    workload([shipper({ image: ' fluent/fluent-bit:3.1.9' })]),
    V133,
    [`${POD}.initContainers[0].image`, ['leading or trailing whitespace']],
  ],
  [
    'neighbour: a sidecar running keepalived is still a VIP announcer',
    workload([shipper({ image: 'osixia/keepalived:2.0.20' })]),
    V133,
    ['extraObjects[0]', ['keepalived']],
  ],
  // Traefik's own init containers pass through the same schema (pod-containers.ts).
  ['83a-25: a native sidecar in deployment.initContainers on v1.33', ownInit(shipper()), V133, undefined],
  [
    '83a-25: a native sidecar in deployment.initContainers with no k3s.version',
    ownInit(shipper()),
    NONE,
    ['deployment.initContainers[0].restartPolicy', needs129],
    ['resizePolicy'],
  ],
  [
    '83a-25: a native sidecar in deployment.initContainers on v1.28',
    ownInit(shipper()),
    V128,
    ['deployment.initContainers[0].restartPolicy', needs129],
  ],
  ['83a-25: a native sidecar in deployment.initContainers on v1.29', ownInit(shipper()), V129, undefined],
  [
    'neighbour: restartPolicy on an additional container of Traefik on v1.33',
    { deployment: { additionalContainers: [{ name: 'side', image: 'busybox:1.36', restartPolicy: 'Always' }] } },
    V133,
    ['deployment.additionalContainers[0].restartPolicy', ['may not be set for non-init containers']],
  ],
  // 84b-1: appArmorProfile by field (AppArmor GA in 1.30).
  [
    '84b-1: appArmorProfile RuntimeDefault in a container on K3s v1.33',
    workload([], [{ name: 'c', image: 'nginx:1.27', securityContext: { appArmorProfile: { type: 'RuntimeDefault' } } }]),
    V133,
    undefined,
  ],
  [
    "84b-1: appArmorProfile in a pod's security context on K3s v1.30.0",
    {
      extraObjects: [
        {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'p', namespace: 'apps' },
          spec: { securityContext: { appArmorProfile: { type: 'RuntimeDefault' } }, containers: [{ name: 'c', image: 'nginx:1.27' }] },
        },
      ],
    },
    version('v1.30.0+k3s1'),
    undefined,
  ],
  [
    '84b-1: appArmorProfile on K3s v1.29 (the field is 1.30)',
    workload([], [{ name: 'c', image: 'nginx:1.27', securityContext: { appArmorProfile: { type: 'RuntimeDefault' } } }]),
    V129,
    [`${POD}.containers[0].securityContext.appArmorProfile`, ['Kubernetes 1.30', 'k3sVersion', 'annotation']],
  ],
  // 84b-7: a RegularExpression path on an httpRoutes entry's host may outrank it in Traefik.
  [
    '84b-7: a RegularExpression path /.* on an httpRoutes host',
    routes(httpRoute('steal', { path: { type: 'RegularExpression', value: '/.*' } })),
    gatewayPatch(),
    ['extraObjects[0].spec.rules[0].matches[0]', ['RegularExpression path', 'httpRoutes[0]', 'use a PathPrefix path']],
  ],
  [
    '84b-7 neighbour: a RegularExpression path on a host of its own passes',
    routes(httpRoute('own', { path: { type: 'RegularExpression', value: '/.*' } }, ['api.example.com'])),
    gatewayPatch(),
    undefined,
  ],
  [
    'neighbour: a misspelt field beside a sidecar is still unknown',
    workload([shipper({ restartPolicyy: 'Always' })]),
    V133,
    [`${POD}.initContainers[0].restartPolicyy`, ['is not a field']],
  ],
  // 83a-18: method, header and query matches make an HTTPRoute win the requests (Gateway API precedence): no exemption.
  [
    '83a-18: method GET and a catch-all header on an httpRoutes host and path',
    routes(httpRoute('steal', { ...ROOT, method: 'GET', ...catchAllHeader })),
    gatewayPatch(),
    ['extraObjects[0].spec.rules[0].matches[0]', [...taken('httpRoutes[0]'), 'precedence']],
  ],
  [
    '83a-18: a query match alone',
    routes(httpRoute('steal', { ...ROOT, queryParams: [{ name: 'a', value: 'b' }] })),
    gatewayPatch(),
    ['extraObjects[0].spec.rules[0].matches[0]', taken('httpRoutes[0]')],
  ],
  [
    '83a-18: a header match alone, without a path (PathPrefix / by default)',
    routes(httpRoute('steal', catchAllHeader)),
    gatewayPatch(),
    ['extraObjects[0].spec.rules[0].matches[0]', taken('httpRoutes[0]')],
  ],
  [
    '83a-18: method POST on the entry path /api',
    routes(httpRoute('steal', { path: { type: 'PathPrefix', value: '/api/' }, method: 'POST' })),
    gatewayPatch({ path: '/api' }),
    ['extraObjects[0].spec.rules[0].matches[0]', taken('httpRoutes[0]')],
  ],
  [
    'neighbour: the plain route is refused as before',
    routes(httpRoute('steal', ROOT)),
    gatewayPatch(),
    ['extraObjects[0].spec.rules[0].matches[0]', taken('httpRoutes[0]')],
  ],
  [
    'neighbour: a method match on another host passes',
    routes(httpRoute('own', { ...ROOT, method: 'GET' }, ['api.example.com'])),
    gatewayPatch(),
    undefined,
  ],
  [
    'neighbour: a longer path prefix with a method match passes, as without it',
    routes(httpRoute('own', { path: { type: 'PathPrefix', value: '/admin' }, method: 'GET' })),
    gatewayPatch(),
    undefined,
  ],
  [
    'neighbour: a longer path prefix passes',
    routes(httpRoute('own', { path: { type: 'PathPrefix', value: '/admin' } })),
    gatewayPatch(),
    undefined,
  ],
  [
    'neighbour: two extraObjects routes split by method (GET and POST) pass',
    routes(
      httpRoute('reads', { ...ROOT, method: 'GET' }, ['api.example.com']),
      httpRoute('writes', { ...ROOT, method: 'POST' }, ['api.example.com']),
    ),
    gatewayPatch(),
    undefined,
  ],
  [
    '83a-18: a header-narrowed extraObjects route before a plain one on the same host and path',
    routes(httpRoute('canary', { ...ROOT, ...catchAllHeader }, ['api.example.com']), httpRoute('main', ROOT, ['api.example.com'])),
    gatewayPatch(),
    ['extraObjects[0].spec.rules[0].matches[0]', ['is already routed by traefik.values.extraObjects[1]', 'api.example.com']],
  ],
];

describe('side84: native sidecars by the K3s release, and HTTPRoute matches that do not step aside', () => {
  test.each(ROWS)('%s', (_case, values, patch, expected, absent = []) => {
    const errors = errorsOf(values, patch);
    if (!expected) {
      expect(errors).toEqual([]);
      return;
    }
    const [key, words] = expected;
    const lines = errors.filter((line) => line.includes(`traefik.values.${key}:`));
    expect(lines).not.toEqual([]);
    // One line holds every word (one line per problem).
    const line = lines.find((candidate) => words.every((word) => candidate.includes(word))) ?? lines.join('\n');
    for (const word of words) expect(line).toContain(word);
    for (const word of absent) expect(lines.join('\n')).not.toContain(word);
  });
});

describe('83a-25: the version table of fields the vendored 1.27 schema lacks', () => {
  const at = ['spec', 'template', 'spec', 'initContainers', 0];
  test.each([
    ['v1.28.15+k3s1', 'refused'],
    ['v1.29.0+k3s1', 'served'],
    ['v1.33.1+k3s1', 'served'],
    ['v1.36.3+k3s1', 'served'],
    [undefined, 'refused'],
  ])('initContainers[].restartPolicy Always on %s: %s', (tag, verdict) => {
    const found = laterFieldVerdict(at, 'restartPolicy', 'Always', tag);
    expect(found === 'served' ? 'served' : found ? 'refused' : 'unknown').toBe(verdict);
  });
  test.each([
    ['v1.34.2+k3s1', 'refused'],
    ['v1.35.0+k3s1', 'served'],
    [undefined, 'refused'],
  ])('containers[].restartPolicy OnFailure on %s: %s', (tag, verdict) => {
    const found = laterFieldVerdict(['spec', 'containers', 0], 'restartPolicy', 'OnFailure', tag);
    expect(found === 'served' ? 'served' : found ? 'refused' : 'unknown').toBe(verdict);
  });
  test('a field no row names is left to the schema', () => {
    expect(laterFieldVerdict(at, 'restartPolicyy', 'Always', 'v1.33.1+k3s1')).toBeUndefined();
  });
});

describe('83a-25: the constructs take the release too (K3sVipCluster passes k3s.version to its TraefikChart)', () => {
  const props = (more: object) => ({ loadBalancerIPs: ['192.168.0.41'], values: workload([shipper()]), ...more });
  test('a TraefikHelmChartConfig with k3sVersion v1.33.1+k3s1 takes a native sidecar', () => {
    expect(refusalOf(() => new TraefikHelmChartConfig(chart(), 't', props({ k3sVersion: 'v1.33.1+k3s1' })))).toBe('');
  });
  test('without k3sVersion it is refused, naming the release that serves it', () => {
    const refusal = refusalOf(() => new TraefikHelmChartConfig(chart(), 't', props({})));
    expect(refusal).toContain('initContainers[0].restartPolicy');
    expect(refusal).toContain('Kubernetes 1.29');
  });
  test('a k3sVersion that is no K3s release is refused', () => {
    expect(refusalOf(() => new TraefikHelmChartConfig(chart(), 't', props({ k3sVersion: '1.33' })))).toContain('is not a K3s release');
  });
  test('a K3sVipCluster of a config with k3s.version v1.33.1+k3s1 and a sidecar builds', () => {
    const config = withTraefikValues(workload([shipper()]), {}, withChanges(devConfig(), V133));
    expect(refusalOf(() => new K3sVipCluster(new App(), 'c', config))).toBe('');
  });
});
