import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { devConfig, REFERENCE_K3S, valuesDoors, withChanges } from './helpers';

// Round 85: an account a newer Kubernetes release keeps in kube-system (85a-1), an Exact path on an httpRoutes entry's
// host and path (85a-3), a SealedSecret that makes a Secret K3s keeps (85a-4).

const HELD = 'an account kube-system already holds';

describe("85a-1: serviceAccount.name may not name a controller's account of a newer Kubernetes release", () => {
  it.each([
    'resource-claim-controller',
    'service-cidrs-controller',
    'volumeattributesclass-protection-controller',
    'selinux-warning-controller',
    'storage-version-migrator-controller',
    'device-taint-eviction-controller',
  ])('%s: refused through every door, not a warning to create it', (name) => {
    const values = { serviceAccount: { name } };
    for (const door of ['config', 'cluster', 'chart'] as const) {
      const said = valuesDoors[door](values);
      expect(said).toMatch(new RegExp(`serviceAccount\\.name:? is "${name}", ${HELD}`));
      expect(said).not.toContain('create it (or add it to extraObjects)');
    }
  });
  it('an account of its own name still passes, with the warning to create it', () => {
    expect(valuesDoors.config({ serviceAccount: { name: 'traefik-edge' } })).not.toContain(HELD);
  });
});

/** config/examples/gateway.yaml: httpRoutes blog.example.com (namespace blog, TLS) and status.example.com, path `/`. */
const GATEWAY = parse(readFileSync('config/examples/gateway.yaml', 'utf8'));
function gatewayErrors(extraObjects: object[]): string {
  const config = withChanges(GATEWAY, { traefik: { ...GATEWAY.traefik, values: { extraObjects } } });
  return parseConfigText('config/t.yaml', stringify(config)).errors.map(formatDiagnostic).join('\n');
}
const route = (host: string, path: object) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'r1', namespace: 'monitoring' },
  spec: {
    parentRefs: [{ name: 'traefik', namespace: 'kube-system' }],
    hostnames: [host],
    rules: [{ matches: [{ path }], backendRefs: [{ name: 'evil', port: 80 }] }],
  },
});

describe("85a-3: an Exact path on an httpRoutes entry's host and path outranks the entry's PathPrefix", () => {
  it.each<[string, object, string]>([
    ['Exact / on the entry of /', { type: 'Exact', value: '/' }, 'path "/"'],
    ['Exact / with a trailing slash form', { type: 'Exact', value: '//' }, 'path "//"'],
  ])('%s: refused at the match', (_, path, shown) => {
    const said = gatewayErrors([route('status.example.com', path)]);
    expect(said).toContain(`traefik.values.extraObjects[0].spec.rules[0].matches[0]: host "status.example.com" with ${shown}`);
    expect(said).toContain('an Exact match of that path outranks its PathPrefix');
    expect(said).toContain('is already routed by httpRoutes[1]');
  });
  it.each<[string, string, object]>([
    ['an Exact path of its own on the same host', 'status.example.com', { type: 'Exact', value: '/healthz' }],
    ['Exact / on a host no entry routes', 'other.example.com', { type: 'Exact', value: '/' }],
  ])('%s passes', (_, host, path) => {
    expect(gatewayErrors([route(host, path)])).not.toContain('extraObjects[0].spec.rules');
  });
});

const CIPHERTEXT = `Ag${'B'.repeat(740)}==`;
const sealed = (name: string, namespace?: string) => ({
  apiVersion: 'bitnami.com/v1alpha1',
  kind: 'SealedSecret',
  metadata: { name, ...(namespace && { namespace }) },
  spec: { encryptedData: { 'token-id': CIPHERTEXT }, template: { type: 'bootstrap.kubernetes.io/token' } },
});
const KEPT = "a name K3s keeps for its own Secrets in kube-system (its serving certificate, node passwords, Helm's records, join tokens)";

describe('85a-4: a SealedSecret may not make a Secret K3s keeps, as a Certificate or ExternalSecret may not', () => {
  it.each<[string, object]>([
    ['a join token in kube-system', sealed('bootstrap-token-abcdef', 'kube-system')],
    ["a node's password, the namespace left to the release's", sealed('k3s-4.node-password.k3s')],
    ["K3s' serving key", sealed('k3s-serving', 'kube-system')],
  ])('%s: refused through every door', (_, item) => {
    for (const door of ['config', 'cluster', 'chart'] as const) {
      const said = valuesDoors[door]({ extraObjects: [item] });
      expect(said).toMatch(/extraObjects\[0\]\.metadata\.name:? is "/);
      expect(said).toContain(`${KEPT}, which the sealed-secrets controller would write`);
    }
  });
  it.each<[string, object]>([
    ['a join-token name in another namespace', sealed('bootstrap-token-abcdef', 'apps')],
    ['a name of its own in kube-system', sealed('app-db', 'kube-system')],
  ])('%s passes', (_, item) => {
    expect(valuesDoors.config({ extraObjects: [item] })).not.toContain('sealed-secrets controller');
  });
});

const hpa = (spec: object) => ({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'h', namespace: 'default' },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'a' }, ...spec },
});
const policy = (ports: object[]) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'n', namespace: 'default' },
  spec: { podSelector: {}, ingress: [{ ports }] },
});

describe('lead 85: API-server rules of two more extraObjects kinds', () => {
  it.each<[string, object, string]>([
    [
      'an autoscaler whose maximum is below its minimum',
      hpa({ minReplicas: 5, maxReplicas: 2 }),
      'spec.maxReplicas: is 2, below minReplicas (5)',
    ],
    ['an autoscaler of minimum 0', hpa({ minReplicas: 0, maxReplicas: 2 }), 'spec.minReplicas: is 0'],
    ['an autoscaler of maximum 0', hpa({ maxReplicas: 0 }), 'spec.maxReplicas: is 0'],
    ['a policy port beyond 65535', policy([{ port: 70000 }]), 'spec.ingress[0].ports[0].port: is 70000'],
    ['a policy port name with a capital', policy([{ port: 'Http' }]), 'spec.ingress[0].ports[0].port: is "Http", not a port name'],
    ['an end port below the port', policy([{ port: 8000, endPort: 7000 }]), 'spec.ingress[0].ports[0].endPort: is 7000'],
    [
      'an end port beside a named port',
      policy([{ port: 'http', endPort: 9000 }]),
      'spec.ingress[0].ports[0].endPort: is set beside a named port',
    ],
    ['an end port with no port', policy([{ endPort: 9000 }]), 'spec.ingress[0].ports[0].endPort: is set beside no port'],
  ])('%s: refused', (_, item, said) => {
    const errors = valuesDoors.config({ extraObjects: [item] });
    expect(errors).toContain(`traefik.values.extraObjects[0].${said}`);
    expect(errors).toContain('which the API server refuses');
  });
  it.each<[string, object]>([
    ['an autoscaler from 2 to 5', hpa({ minReplicas: 2, maxReplicas: 5 })],
    ['an autoscaler of one bound', hpa({ minReplicas: 3, maxReplicas: 3 })],
    ['a policy port range', policy([{ port: 8000, endPort: 9000, protocol: 'TCP' }])],
    ['a named policy port', policy([{ port: 'metrics' }])],
  ])('%s passes', (_, item) => {
    expect(valuesDoors.config({ extraObjects: [item] })).not.toContain('extraObjects[0]');
  });
});

const workload = (podSpec: object) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'a', namespace: 'default' },
  spec: {
    selector: { matchLabels: { app: 'a' } },
    template: { metadata: { labels: { app: 'a' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }], ...podSpec } },
  },
});
const POD = 'extraObjects[0].spec.template.spec';

describe("lead 85: a pod spec's IDs, priority, readiness gates and volumes, as the API server and its admission take them", () => {
  it.each<[string, object, string, string]>([
    ['a negative pod user', { securityContext: { runAsUser: -1 } }, 'securityContext.runAsUser: is -1', 'must be between 0 and 2147483647'],
    ['a negative fsGroup', { securityContext: { fsGroup: -1 } }, 'securityContext.fsGroup: is -1', 'must be between 0 and 2147483647'],
    [
      'a supplemental group beyond int32',
      { securityContext: { supplementalGroups: [1000, 2147483648] } },
      'securityContext.supplementalGroups[1]: is 2147483648',
      'inclusive',
    ],
    [
      "a container's negative group",
      { containers: [{ name: 'c', image: 'nginx:1.27', securityContext: { runAsGroup: -2 } }] },
      'containers[0].securityContext.runAsGroup: is -2',
      'must be between 0 and 2147483647',
    ],
    [
      'a priority with no class',
      { priority: 1000 },
      'priority: is 1000, but with no priorityClassName the priority is 0',
      'Priority admission plugin',
    ],
    [
      "a priority other than the system class's",
      { priority: 5, priorityClassName: 'system-node-critical' },
      'priority: is 5, but the PriorityClass "system-node-critical" gives 2000001000',
      'Priority admission plugin',
    ],
    [
      'a readiness gate that is no qualified name',
      { readinessGates: [{ conditionType: 'bad type!' }] },
      'readinessGates[0].conditionType: "bad type!" is not a qualified name',
      'validateReadinessGates',
    ],
    [
      'a negative emptyDir size',
      { volumes: [{ name: 'v', emptyDir: { sizeLimit: '-1Gi' } }] },
      'volumes[0].emptyDir.sizeLimit: is "-1Gi"',
      'SizeLimit field',
    ],
  ])('%s: refused in an extraObjects pod', (_, podSpec, at, upstream) => {
    const errors = valuesDoors.config({ extraObjects: [workload(podSpec)] });
    expect(errors).toContain(`traefik.values.${POD}.${at}`);
    expect(errors).toContain(upstream);
  });
  it.each<[string, object, string]>([
    ["Traefik's pod user", { podSecurityContext: { runAsUser: -1 } }, 'podSecurityContext.runAsUser: is -1'],
    ["Traefik's own container's group", { securityContext: { runAsGroup: 3000000000 } }, 'securityContext.runAsGroup: is 3000000000'],
    [
      "a sidecar's user",
      { deployment: { additionalContainers: [{ name: 's', image: 'nginx:1.27', securityContext: { runAsUser: -5 } }] } },
      'deployment.additionalContainers[0].securityContext.runAsUser: is -5',
    ],
  ])("%s: refused in Traefik's pods at every door", (_, values, at) => {
    expect(valuesDoors.config(values)).toContain(`traefik.values.${at}`);
    expect(valuesDoors.cluster(values)).toContain(`traefik.values.${at}`);
    expect(valuesDoors.chart(values)).toContain(`values.${at.replace(/: is/, ' is')}`);
  });
  it.each<[string, object]>([
    [
      'IDs of 0 and 65532, and groups',
      { securityContext: { runAsUser: 65532, runAsGroup: 0, fsGroup: 65532, supplementalGroups: [0, 2147483647] } },
    ],
    ['a system class with its own priority', { priorityClassName: 'system-cluster-critical', priority: 2000000000 }],
    ['a class of its own with any priority', { priorityClassName: 'edge', priority: 7 }],
    ['priority 0 with no class', { priority: 0 }],
    // 86b-8: the API server makes a volume of no source an emptyDir (SetDefaults_Volume), so it is no problem.
    ['a volume with a name only, and one of emptyDir: null', { volumes: [{ name: 'v' }, { name: 'w', emptyDir: null }] }],
    ['a qualified readiness gate', { readinessGates: [{ conditionType: 'example.com/ready' }] }],
    [
      'an emptyDir of 1Gi and one of no limit',
      {
        volumes: [
          { name: 'a', emptyDir: { sizeLimit: '1Gi' } },
          { name: 'b', emptyDir: {} },
        ],
      },
    ],
  ])('%s passes', (_, podSpec) => {
    expect(valuesDoors.config({ extraObjects: [workload(podSpec)] })).not.toContain('extraObjects[0]');
  });
});

describe("84b-1, the rest: a lifecycle hook's sleep handler, by the Kubernetes release of k3s.version", () => {
  const withVersion = (values: object, tag?: string) =>
    parseConfigText(
      'config/t.yaml',
      stringify(
        withChanges(devConfig(), { traefik: { ...devConfig().traefik, values }, ...(tag && { k3s: { ...REFERENCE_K3S, version: tag } }) }),
      ),
    )
      .errors.map(formatDiagnostic)
      .join('\n');
  const hooked = (lifecycle: object) => ({
    extraObjects: [workload({ containers: [{ name: 'c', image: 'nginx:1.27', lifecycle }] })],
  });
  const HOOK = `traefik.values.${POD}.containers[0].lifecycle.preStop.sleep`;
  it.each<[string, object, string | undefined, string[]]>([
    [
      'on K3s v1.29, before the handler is served',
      { preStop: { sleep: { seconds: 5 } } },
      'v1.29.15+k3s1',
      ['needs Kubernetes 1.30 or newer', 'exec: {command: [sleep'],
    ],
    ['with no k3s.version', { preStop: { sleep: { seconds: 5 } } }, undefined, ['needs Kubernetes 1.30 or newer', 'no k3s.version']],
    ['0 seconds on K3s v1.31', { preStop: { sleep: { seconds: 0 } } }, 'v1.31.4+k3s1', ['holds seconds 0', 'from 1 up to']],
    ['a misspelt seconds', { preStop: { sleep: { second: 5 } } }, 'v1.33.1+k3s1', ['has "second", but a sleep handler has only seconds']],
    ['seconds as text', { preStop: { sleep: { seconds: '5' } } }, 'v1.33.1+k3s1', ['holds seconds "5"']],
  ])('a sleep handler %s: refused', (_, lifecycle, tag, words) => {
    const errors = withVersion(hooked(lifecycle), tag);
    for (const word of [HOOK, ...words]) expect(errors).toContain(word);
  });
  it.each<[string, object, string]>([
    ['5 seconds on K3s v1.30', { preStop: { sleep: { seconds: 5 } } }, 'v1.30.0+k3s1'],
    ['0 seconds on K3s v1.33', { preStop: { sleep: { seconds: 0 } } }, 'v1.33.1+k3s1'],
    ['on postStart on K3s v1.35', { postStart: { sleep: { seconds: 1 } } }, 'v1.35.3+k3s1'],
  ])('a sleep handler of %s passes', (_, lifecycle, tag) => {
    expect(withVersion(hooked(lifecycle), tag)).not.toContain('extraObjects[0]');
  });
  it("Traefik's own hook (deployment.lifecycle) is judged by the same table", () => {
    const values = { deployment: { lifecycle: { preStop: { sleep: { seconds: 5 } } } } };
    expect(withVersion(values, 'v1.33.1+k3s1')).toBe('');
    expect(withVersion(values, 'v1.29.15+k3s1')).toContain('needs Kubernetes 1.30 or newer');
  });
});

describe("86a-9, 86b-3: a hook's sleep may not outlast the pod's grace period", () => {
  const V133 = 'v1.33.1+k3s1';
  const sleepy = (seconds: number, podSpec: object = {}) =>
    workload({ containers: [{ name: 'c', image: 'nginx:1.27', lifecycle: { preStop: { sleep: { seconds } } } }], ...podSpec });
  const errorsAt = (values: object) =>
    parseConfigText(
      'config/t.yaml',
      stringify(withChanges(devConfig(), { traefik: { ...devConfig().traefik, values }, k3s: { ...REFERENCE_K3S, version: V133 } })),
    )
      .errors.map(formatDiagnostic)
      .join('\n');
  it.each<[string, object, string]>([
    [
      '45 s beside the default 30',
      sleepy(45),
      'holds seconds 45, which the API server refuses on Kubernetes 1.33 ("must be non-negative and less than terminationGracePeriodSeconds", validateSleepAction): write sleep: {seconds: 5}, a whole number of seconds from 0 up to the pod\'s terminationGracePeriodSeconds (30, the default)',
    ],
    [
      '20 s beside a grace of 10',
      sleepy(20, { terminationGracePeriodSeconds: 10 }),
      'holds seconds 20, which the API server refuses on Kubernetes 1.33',
    ],
  ])('%s: refused', (_, item, words) => {
    const errors = errorsAt({ extraObjects: [item] });
    expect(errors).toContain(`traefik.values.${POD}.containers[0].lifecycle.preStop.sleep: ${words}`);
    expect(errors).toContain('validateSleepAction');
  });
  it.each<[string, object]>([
    ['30 s beside the default 30', sleepy(30)],
    ['60 s beside a grace of 90', sleepy(60, { terminationGracePeriodSeconds: 90 })],
  ])('%s passes', (_, item) => {
    expect(errorsAt({ extraObjects: [item] })).not.toContain('extraObjects[0]');
  });
  it("Traefik's own container: deployment.lifecycle against deployment.terminationGracePeriodSeconds", () => {
    const values = (grace: number) => ({
      deployment: { terminationGracePeriodSeconds: grace, lifecycle: { preStop: { sleep: { seconds: 40 } } } },
    });
    expect(errorsAt(values(20))).toContain('traefik.values.deployment.lifecycle.preStop.sleep: holds seconds 40');
    expect(errorsAt(values(60))).toBe('');
    // The chart's own default is 60 s (traefik-helm-chart templates/_podtemplate.tpl), for Traefik's container and sidecars.
    const sidecar = { name: 's', image: 'nginx:1.27', lifecycle: { preStop: { sleep: { seconds: 50 } } } };
    expect(errorsAt({ deployment: { lifecycle: { preStop: { sleep: { seconds: 50 } } } } })).toBe('');
    expect(errorsAt({ deployment: { additionalContainers: [sidecar] } })).toBe('');
    expect(
      errorsAt({ deployment: { additionalContainers: [{ ...sidecar, lifecycle: { preStop: { sleep: { seconds: 70 } } } }] } }),
    ).toContain(
      'deployment.additionalContainers[0].lifecycle.preStop.sleep: holds seconds 70, which the API server refuses on Kubernetes 1.33',
    );
  });
});

describe('review 86: the sleep handler is said once, with a fix that works', () => {
  const at = (tag: string, podSpec: object, seconds: number) =>
    parseConfigText(
      'config/t.yaml',
      stringify(
        withChanges(devConfig(), {
          traefik: {
            ...devConfig().traefik,
            values: {
              extraObjects: [
                workload({ containers: [{ name: 'c', image: 'nginx:1.27', lifecycle: { preStop: { sleep: { seconds } } } }], ...podSpec }),
              ],
            },
          },
          k3s: { ...REFERENCE_K3S, version: tag },
        }),
      ),
    ).errors.map(formatDiagnostic);
  it('on a release that does not serve sleep, one line: the release, not the grace period', () => {
    const errors = at('v1.29.15+k3s1', {}, 45);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('needs Kubernetes 1.30 or newer');
    expect(errors[0]).not.toContain('terminationGracePeriodSeconds');
  });
  it('a grace period of 0 is told to be raised, not "write at most 0"', () => {
    const [error] = at('v1.30.0+k3s1', { terminationGracePeriodSeconds: 0 }, 1);
    expect(error).toContain('raise terminationGracePeriodSeconds to 1 or more');
  });
});

describe("review 86: Traefik's Deployment keeps the API server's default progress deadline of 600 s", () => {
  it.each<[string, object, boolean]>([
    ['minReadySeconds 600 on the Deployment', { deployment: { minReadySeconds: 600 } }, true],
    ['minReadySeconds 599', { deployment: { minReadySeconds: 599 } }, false],
    [
      'minReadySeconds 600 on a DaemonSet, which has no progress deadline',
      { deployment: { kind: 'DaemonSet', minReadySeconds: 600 } },
      false,
    ],
  ])('%s', (_, values, refused) => {
    for (const door of ['config', 'cluster', 'chart'] as const) {
      const said = valuesDoors[door](values);
      if (refused) expect(said).toMatch(/deployment\.minReadySeconds:? is 600, but the chart sets no progressDeadlineSeconds/);
      else expect(said).not.toContain('progressDeadlineSeconds');
    }
  });
});

describe('review 86: a sysctl name the API server refuses is said once, as a name, wherever the pod is', () => {
  const said = 'not a sysctl name';
  it.each<[string, object, string]>([
    [
      'an extraObjects pod',
      { extraObjects: [workload({ securityContext: { sysctls: [{ name: 'NET.IPV4.TCP_SYNCOOKIES', value: '1' }] } })] },
      `${POD}.securityContext.sysctls[0].name`,
    ],
    [
      "Traefik's pod",
      { podSecurityContext: { sysctls: [{ name: 'NET.IPV4.TCP_SYNCOOKIES', value: '1' }] } },
      'podSecurityContext.sysctls[0].name',
    ],
  ])('%s', (_, values, at) => {
    const lines = valuesDoors
      .config(values)
      .split('\n')
      .filter((line) => line.includes(`traefik.values.${at}`));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(said);
    expect(lines[0]).not.toContain('outside the safe set');
  });
});
