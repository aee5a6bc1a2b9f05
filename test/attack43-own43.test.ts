import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { stringify } from 'yaml';
import { judgedValues, valuesDoors } from './helpers';
import { servedTag } from './traefik-fixtures';
import { validateManifests } from '../src/validate/conformance';
import { podContainerProblems } from '../src/traefik/pod-containers';
import { traefikChartRules } from '../src/traefik/chart-versions';
import { parseVersion } from '../src/semver';

/**
 * Attack round 42b-1, 42b-2, 42b-3, 42b-4, 42b-6 and 42b-7: Traefik's own container and pod as the chart renders them
 * (securityContext, podSecurityContext, the probes below the chart's own httpGet, startupProbe, deployment.lifecycle,
 * resources, env after the chart's own entries, envFrom) get the container rules every other container gets; env
 * valueFrom selectors, envFrom, sysctls, hugepages and hostPort under hostNetwork on every container of every pod and in
 * `npm run validate`. Judged in-process.
 */
const errorsOf = (values: object, chart = '41.3.0') => judgedValues({ image: { tag: servedTag(chart) }, ...values }, chart).errors;
const at = (errors: string[], key: string) =>
  errors.filter((e) => e.startsWith(`traefik.values.${key}: `)).map((e) => e.slice(`traefik.values.${key}: `.length));
const c = (name: string, extra: object = {}) => ({ name, image: 'busybox:1.36', ...extra });
const side = (extra: object, list = 'additionalContainers') => ({ deployment: { [list]: [c('side-0', extra)] } });
const pod = (spec: object) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec });
const FAILS = /\(the chart writes it into Traefik's pods as given, so the whole Traefik release fails to install\)$/;
const SIDE = 'deployment.additionalContainers[0]';
const ref = (kind: string, name: string, key: string) => ({ env: [{ name: 'A', valueFrom: { [kind]: { name, key } } }] });
const HUGE = /^names hugepages but neither cpu nor memory, .*"HugePages require cpu or memory"/;
const DUP_ENV = /env names must be unique/;
const SCHEMA = /the Kubernetes 1\.27 schema of a pod('s container)? expects (integer|number)/;
const UNKNOWN = /is not a field of the Kubernetes 1\.27 schema of a pod('s container)?/;

// [case, values, key, message, chart version]
const REFUSED: Array<[string, object, string, RegExp, string?]> = [
  // 42b-1: Traefik's own securityContext, podSecurityContext, probes and lifecycle
  ['securityContext.runAsUser "1000"', { securityContext: { runAsUser: '1000' } }, 'securityContext.runAsUser', SCHEMA],
  ['securityContext.runAsUser 0_0', { securityContext: { runAsUser: '0_0' } }, 'securityContext.runAsUser', SCHEMA],
  ['podSecurityContext.fsGroup "65532"', { podSecurityContext: { fsGroup: '65532' } }, 'podSecurityContext.fsGroup', SCHEMA, '27.0.2'],
  ['livenessProbe successThreshold 2', { livenessProbe: { successThreshold: 2 } }, 'livenessProbe.successThreshold', /must be 1/],
  ['livenessProbe failureThreshold -1', { livenessProbe: { failureThreshold: -1 } }, 'livenessProbe.failureThreshold', /negative count/],
  [
    'livenessProbe exec beside the chart httpGet',
    { livenessProbe: { exec: { command: ['true'] } } },
    'livenessProbe',
    /names 2 handlers \(exec, httpGet\)/,
    '27.0.2',
  ],
  [
    'readinessProbe terminationGracePeriodSeconds',
    { readinessProbe: { terminationGracePeriodSeconds: 5 } },
    'readinessProbe.terminationGracePeriodSeconds',
    /must not be set for readinessProbes/,
    '27.0.2',
  ],
  ['startupProbe without handler', { startupProbe: { periodSeconds: 5 } }, 'startupProbe', /names no handler/],
  [
    'startupProbe two handlers',
    { startupProbe: { tcpSocket: { port: 8080 }, httpGet: { path: '/ping', port: 8080 } } },
    'startupProbe',
    /names 2 handlers/,
  ],
  [
    'startupProbe successThreshold 2',
    { startupProbe: { tcpSocket: { port: 8080 }, successThreshold: 2 } },
    'startupProbe.successThreshold',
    /must be 1/,
  ],
  [
    'lifecycle two handlers',
    { deployment: { lifecycle: { preStop: { exec: { command: ['sleep', '5'] }, httpGet: { port: 8080 } } } } },
    'deployment.lifecycle.preStop',
    /names 2 handlers/,
  ],
  ['lifecycle no handler', { deployment: { lifecycle: { preStop: {} } } }, 'deployment.lifecycle.preStop', /names no handler/],
  [
    'securityContext a text (no values schema)',
    { securityContext: 'x' },
    'securityContext',
    /is "x"; the Kubernetes 1\.27 schema of a pod's container expects object/,
    '27.0.2',
  ],
  [
    'podSecurityContext a text (no values schema)',
    { podSecurityContext: 'x' },
    'podSecurityContext',
    /is "x"; the Kubernetes 1\.27 schema of a pod expects object/,
    '27.0.2',
  ],
  // 42b-2: quantities
  // 80a-20: a text that is no quantity is said with what to write, not as "expects number".
  [
    'resources cpu 1core',
    { resources: { limits: { cpu: '1core' } } },
    'resources.limits.cpu',
    /is "1core", not a quantity .*write a number with a unit/,
  ],
  [
    'resources memory 1Gb',
    { resources: { limits: { memory: '1Gb' } } },
    'resources.limits.memory',
    /"Gb" is no Kubernetes unit: write 1G .* or 1Gi/,
  ],
  [
    'resources memory "12 Mi"',
    { resources: { requests: { memory: '12 Mi' } } },
    'resources.requests.memory',
    /"12 Mi", not a quantity .*has a blank before its unit: write 12Mi/,
  ],
  ['hugepages alone (Traefik)', { resources: { limits: { 'hugepages-2Mi': '100Mi' } } }, 'resources', HUGE],
  ['hugepages alone (sidecar)', side({ resources: { limits: { 'hugepages-2Mi': '100Mi' } } }), `${SIDE}.resources`, HUGE],
  // 42b-6: unknown fields, sysctls
  ['securityContext.runAsUsr', { securityContext: { runAsUsr: 1000 } }, 'securityContext.runAsUsr', UNKNOWN],
  ['podSecurityContext.fsGroupp', { podSecurityContext: { fsGroupp: 1 } }, 'podSecurityContext.fsGroupp', UNKNOWN, '27.0.2'],
  ['resources.limit', { resources: { limit: { cpu: 1 } } }, 'resources.limit', UNKNOWN],
  [
    'sysctl "bad name"',
    { podSecurityContext: { sysctls: [{ name: 'bad name', value: '1' }] } },
    'podSecurityContext.sysctls[0].name',
    /not a sysctl name/,
  ],
  [
    'sysctl twice',
    {
      podSecurityContext: {
        sysctls: [
          { name: 'net.core.somaxconn', value: '1' },
          { name: 'net.core.somaxconn', value: '2' },
        ],
      },
    },
    'podSecurityContext.sysctls[1].name',
    /"Duplicate value"/,
  ],
  // 42b-7: env names once, also against the chart's own entries
  [
    'env A twice',
    {
      env: [
        { name: 'A', value: 'x' },
        { name: 'A', value: 'y' },
      ],
    },
    'env[1].name',
    /already the name of env\[0\]; .*must be unique/,
  ],
  [
    'env POD_NAME (chart v41.3.0)',
    { env: [{ name: 'POD_NAME', value: 'x' }] },
    'env[0].name',
    /the env var POD_NAME the chart writes itself/,
  ],
  ['env POD_NAMESPACE (chart v33.0.0)', { env: [{ name: 'POD_NAMESPACE', value: 'x' }] }, 'env[0].name', DUP_ENV, '33.0.0'],
  ['env USER (chart v37.1.2)', { env: [{ name: 'USER', value: 'x' }] }, 'env[0].name', DUP_ENV, '37.1.2'],
  [
    'env GOMAXPROCS with limits.cpu (chart v28.0.0)',
    { resources: { limits: { cpu: '1' } }, env: [{ name: 'GOMAXPROCS', value: '2' }] },
    'env[0].name',
    DUP_ENV,
    '28.0.0',
  ],
  // 42b-3: valueFrom selectors, envFrom
  [
    'secretKeyRef name Bad_Name',
    ref('secretKeyRef', 'Bad_Name', 'k'),
    'env[0].valueFrom.secretKeyRef.name',
    /is not a valid Secret name \(the value is not shown.*a Secret name is a DNS-1123 subdomain/,
  ],
  [
    'configMapKeyRef key "bad key"',
    ref('configMapKeyRef', 'cm', 'bad key'),
    'env[0].valueFrom.configMapKeyRef.key',
    /not a key .*IsConfigMapKey/,
  ],
  ['secretKeyRef key ..x', ref('secretKeyRef', 's', '..x'), 'env[0].valueFrom.secretKeyRef.key', /must not be "\." or "\.\."/],
  [
    'secretKeyRef name missing',
    { env: [{ name: 'A', valueFrom: { secretKeyRef: { key: 'k' } } }] },
    'env[0].valueFrom.secretKeyRef.name',
    /is missing, .*"Required value"/,
  ],
  [
    'sidecar configMapKeyRef key',
    side(ref('configMapKeyRef', 'cm', 'bad key')),
    `${SIDE}.env[0].valueFrom.configMapKeyRef.key`,
    /not a key/,
  ],
  ['envFrom prefix "1="', { envFrom: [{ prefix: '1=', configMapRef: { name: 'cm' } }] }, 'envFrom[0].prefix', /IsEnvVarName/],
  [
    'envFrom two sources',
    { envFrom: [{ configMapRef: { name: 'cm' }, secretRef: { name: 's' } }] },
    'envFrom[0]',
    /names both configMapRef and secretRef/,
  ],
  ['envFrom no source', { envFrom: [{ prefix: 'A_' }] }, 'envFrom[0]', /names neither configMapRef nor secretRef/],
  [
    'sidecar envFrom name Bad_Name',
    side({ envFrom: [{ configMapRef: { name: 'Bad_Name' } }] }),
    `${SIDE}.envFrom[0].configMapRef.name`,
    /a ConfigMap name is a DNS-1123/,
  ],
  [
    'init container envFrom secretRef name',
    side({ envFrom: [{ secretRef: { name: 'a_b' } }] }, 'initContainers'),
    'deployment.initContainers[0].envFrom[0].secretRef.name',
    /a Secret name/,
  ],
  // 42b-4: hostPort under hostNetwork
  [
    'hostNetwork sidecar hostPort 8082',
    { hostNetwork: true, ...side({ ports: [{ containerPort: 8081, hostPort: 8082 }] }) },
    `${SIDE}.ports[0].hostPort`,
    /not its containerPort 8081, .*validateHostNetwork/,
  ],
  [
    'hostNetwork init hostPort 9002',
    { hostNetwork: true, ...side({ ports: [{ containerPort: 9001, hostPort: 9002 }] }, 'initContainers') },
    'deployment.initContainers[0].ports[0].hostPort',
    /validateHostNetwork/,
  ],
  [
    'extraObjects Pod under hostNetwork',
    { extraObjects: [pod({ hostNetwork: true, containers: [c('c', { ports: [{ containerPort: 8001, hostPort: 8002 }] })] })] },
    'extraObjects[0].spec.containers[0].ports[0].hostPort',
    // Wave 84 (83a-3): an extraObjects pod opens no host port at all, which says more than the API server's pairing rule.
    /is 8002, a port of every node the pod runs on/,
  ],
  [
    'extraObjects Pod secretKeyRef key',
    { extraObjects: [pod({ containers: [c('c', ref('secretKeyRef', 's', 'bad key'))] })] },
    'extraObjects[0].spec.containers[0].env[0].valueFrom.secretKeyRef.key',
    /IsConfigMapKey/,
  ],
];

// Every row with its chart version (jest passes a callback for a parameter a row leaves out).
const REFUSED_ROWS = REFUSED.map(([name, values, key, message, chart]) => [name, values, key, message, chart ?? ''] as const);

describe('refused', () => {
  test.each(REFUSED_ROWS)('%s', (_, values, key, message, chart) => {
    const found = at(errorsOf(values, chart || undefined), key);
    expect(found).toEqual([expect.stringMatching(message)]);
    if (!key.startsWith('extraObjects')) expect(found[0]).toMatch(FAILS);
  });
});

describe('the construct doors too', () => {
  // K3sVipCluster writes `traefik.values.<key>: ...`, TraefikHelmChartConfig `values.<key> ...`; both on K3s' default chart.
  const escaped = (key: string) => key.replace(/[.[\]]/g, (ch) => `\\${ch}`);
  const DOOR_CASES = [
    'securityContext.runAsUser "1000"',
    'startupProbe without handler',
    'lifecycle two handlers',
    'resources cpu 1core',
    'sysctl "bad name"',
    'env A twice',
    'configMapKeyRef key "bad key"',
    'envFrom two sources',
    'hostNetwork sidecar hostPort 8082',
    'hugepages alone (sidecar)',
  ];
  test.each(REFUSED_ROWS.filter(([name]) => DOOR_CASES.includes(name)))('%s', (_, values, key) => {
    for (const door of [valuesDoors.cluster, valuesDoors.chart])
      expect(door({ image: { tag: 'v3.6.2' }, ...values })).toMatch(new RegExp(`(^|\\n|: )(traefik\\.)?values\\.${escaped(key)}:? `));
  });
});

// [case, values, chart version]
const ACCEPTED: Array<[string, object, string?]> = [
  [
    'every own field well formed',
    {
      resources: { limits: { cpu: '1', memory: '1Gi', 'hugepages-2Mi': '100Mi' }, requests: { cpu: '100m', 'hugepages-2Mi': '100Mi' } },
      env: [
        { name: 'B', value: 'x' },
        { name: 'S', valueFrom: { secretKeyRef: { name: 'app.secret', key: 'pass.word_1' } } },
      ],
      envFrom: [{ prefix: 'APP_', configMapRef: { name: 'app-env' } }, { secretRef: { name: 's', optional: true } }],
      securityContext: { readOnlyRootFilesystem: true, runAsNonRoot: null },
      podSecurityContext: {
        fsGroup: 65532,
        sysctls: [
          { name: 'net.ipv4.ip_unprivileged_port_start', value: '0' },
          { name: 'kernel/shm_rmid_forced', value: '1' },
        ],
      },
      livenessProbe: { failureThreshold: 3, successThreshold: 1 },
      readinessProbe: { periodSeconds: 5, successThreshold: 2 },
      startupProbe: { tcpSocket: { port: 8080 }, failureThreshold: 30 },
      deployment: { lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } } },
    },
  ],
  ['env POD_NAME before the chart writes it (v32.1.1)', { env: [{ name: 'POD_NAME', value: 'x' }] }, '32.1.1'],
  ['env USER before the chart writes it (v37.1.0)', { env: [{ name: 'USER', value: 'x' }] }, '37.1.0'],
  ['env GOMAXPROCS without limits.cpu', { env: [{ name: 'GOMAXPROCS', value: '2' }] }],
  [
    'hostNetwork sidecar hostPort equal or unset',
    // An init container: wave 84 refuses a running sidecar of a hostNetwork Traefik (test/attack84-lead84.test.ts).
    { hostNetwork: true, ...side({ ports: [{ containerPort: 8081, hostPort: 8081 }, { containerPort: 8082 }] }, 'initContainers') },
  ],
  ['sidecar hostPort other than containerPort without hostNetwork', side({ ports: [{ containerPort: 8081, hostPort: 8082 }] })],
  [
    'empty probes, lifecycle and startupProbe',
    { livenessProbe: {}, readinessProbe: {}, startupProbe: {}, deployment: { lifecycle: {} } },
    '27.0.2',
  ],
];

describe('accepted (nothing said)', () => {
  test.each(ACCEPTED.map(([name, values, chart]) => [name, values, chart ?? ''] as const))('%s', (_, values, chart) => {
    expect(errorsOf(values, chart || undefined)).toEqual([]);
  });
});

describe("the chart's own default values pass on each vendored chart version", () => {
  const dir = join(__dirname, '..', 'vendor', 'traefik-values-schema');
  const tags = readdirSync(dir).flatMap((file) => /^v(.+)\.values\.yaml$/.exec(file)?.[1] ?? []);
  test.each(tags)('v%s', (tag) => {
    const values = load(readFileSync(join(dir, `v${tag}.values.yaml`), 'utf8')) as Record<string, unknown>;
    expect(podContainerProblems(values, ['traefik'], {}, traefikChartRules(parseVersion(tag)))).toEqual([]);
  });
});

describe('npm run validate', () => {
  test('a Pod with each fault is reported at each field', () => {
    const spec = {
      hostNetwork: true,
      securityContext: { sysctls: [{ name: 'Bad', value: '1' }] },
      containers: [
        c('c', {
          ports: [{ containerPort: 8001, hostPort: 8002 }],
          env: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'cm', key: 'bad key' } } }],
          envFrom: [{ prefix: '1=', secretRef: { name: 's' } }],
          resources: { limits: { 'hugepages-2Mi': '100Mi' } },
        }),
      ],
    };
    const fields = validateManifests(new Map([['x/pod.yaml', stringify(pod(spec))]])).map((v) => v.field);
    expect(fields.sort()).toEqual(
      [
        'spec.containers[0].env[0].valueFrom.configMapKeyRef.key',
        'spec.containers[0].envFrom[0].prefix',
        'spec.containers[0].ports[0].hostPort',
        'spec.containers[0].resources',
        'spec.securityContext.sysctls[0].name',
      ].sort(),
    );
  });
});
