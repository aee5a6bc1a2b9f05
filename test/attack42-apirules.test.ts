import { judgedValues } from './helpers';
import { deploymentOf } from './traefik-fixtures';

/**
 * Attack round 41b-1, 41b-2 and 41b-5: the API server's container rules (kubernetes pkg/apis/core/validation
 * validateContainerCommon and the functions it calls) on every container of every pod: Traefik's sidecars and init
 * containers, Traefik's own `resources` and `env`, and extraObjects workloads; and a terminationGracePeriodSeconds that
 * YAML and Helm cannot carry exactly. Judged in-process.
 */
const errorsOf = (values: object, chart = '41.3.0') => judgedValues({ image: { tag: 'v3.6.2' }, ...values }, chart).errors;
const at = (errors: string[], key: string) =>
  errors.filter((e) => e.startsWith(`traefik.values.${key}: `)).map((e) => e.slice(`traefik.values.${key}: `.length));
const c = (name: string, extra: object = {}) => ({ name, image: 'busybox:1.36', ...extra });
const side = (extra: object, list = 'additionalContainers') => ({ deployment: { [list]: [c('side-0', extra)] } });
const init = (extra: object) => side(extra, 'initContainers');
const deployment = deploymentOf;
const inDeployment = (extra: object) => deployment({ containers: [c('side-0', extra)] });
const SIDE = 'deployment.additionalContainers[0]';
const INIT = 'deployment.initContainers[0]';
const DEPLOY = 'extraObjects[0].spec.template.spec.containers[0]';
const FAILS = /\(the chart writes it into Traefik's pods as given, so the whole Traefik release fails to install\)$/;
const env = (item: object) => ({ env: [{ name: 'A', ...item }] });
const fieldRef = (fieldPath: string) => env({ valueFrom: { fieldRef: { fieldPath } } });

describe('refused', () => {
  test.each<[string, object, string, RegExp]>([
    // 41b-1: ports
    [
      'sidecar containerPort 70000',
      side({ ports: [{ containerPort: 70000 }] }),
      `${SIDE}.ports[0].containerPort`,
      /^is 70000, .*from 1 to 65535/,
    ],
    [
      'sidecar hostPort 70000',
      side({ ports: [{ containerPort: 80, hostPort: 70000 }] }),
      `${SIDE}.ports[0].hostPort`,
      /^is 70000, .*or 0 for none/,
    ],
    [
      'sidecar port name twice',
      side({
        ports: [
          { containerPort: 81, name: 'a' },
          { containerPort: 82, name: 'a' },
        ],
      }),
      `${SIDE}.ports[1].name`,
      /^is "a", the name of ports\[0\] too, .*one port name twice in a container \("Duplicate value"\)/,
    ],
    [
      'sidecar port name Web_UI',
      side({ ports: [{ containerPort: 81, name: 'Web_UI' }] }),
      `${SIDE}.ports[0].name`,
      /IANA_SVC_NAME.*holds "W"/,
    ],
    [
      'extraObjects containerPort 70000',
      inDeployment({ ports: [{ containerPort: 70000 }] }),
      `${DEPLOY}.ports[0].containerPort`,
      /^is 70000, /,
    ],
    // image
    [
      'sidecar without an image',
      { deployment: { additionalContainers: [{ name: 'side-0' }] } },
      `${SIDE}.image`,
      /^is missing, .*"Required value"/,
    ],
    ['init container without an image', { deployment: { initContainers: [{ name: 'i' }] } }, `${INIT}.image`, /^is missing, /],
    [
      'sidecar image " busybox"',
      side({ image: ' busybox' }),
      `${SIDE}.image`,
      /^is " busybox", with spaces around it, .*write "busybox" \(.*the release installs, but Traefik's new pods are never created\)$/,
    ],
    ['extraObjects container without an image', deployment({ containers: [{ name: 'a' }] }), `${DEPLOY}.image`, /^is missing, /],
    // resources
    [
      'sidecar requests cpu 2 above limits 1',
      side({ resources: { requests: { cpu: '2' }, limits: { cpu: '1' } } }),
      `${SIDE}.resources.requests.cpu`,
      /^is "2", above limits\.cpu \("1"\), .*"must be less than or equal to cpu limit"/,
    ],
    [
      'sidecar requests 1025Mi above limits 1Gi',
      side({ resources: { requests: { memory: '1025Mi' }, limits: { memory: '1Gi' } } }),
      `${SIDE}.resources.requests.memory`,
      /above limits\.memory/,
    ],
    [
      'sidecar limits cpu -1',
      side({ resources: { limits: { cpu: '-1' } } }),
      `${SIDE}.resources.limits.cpu`,
      /^is "-1", a negative quantity/,
    ],
    [
      "Traefik's own requests memory 1Gi above limits 0.5",
      { resources: { limits: { memory: '0.5' }, requests: { memory: '1Gi' } } },
      'resources.requests.memory',
      /^is "1Gi", above limits\.memory \("0\.5"\)/,
    ],
    [
      'extraObjects requests 2 above limits 1500m',
      inDeployment({ resources: { requests: { cpu: 2 }, limits: { cpu: '1500m' } } }),
      `${DEPLOY}.resources.requests.cpu`,
      /^is 2, above limits\.cpu \("1500m"\)/,
    ],
    [
      'sidecar limits cpus 1 (a typo)',
      side({ resources: { limits: { cpus: '1' } } }),
      `${SIDE}.resources.limits.cpus`,
      /^names "cpus", .*"must be a standard resource for containers"/,
    ],
    [
      'sidecar requests nvidia.com/gpu without a limit',
      side({ resources: { requests: { 'nvidia.com/gpu': 1 } } }),
      `${SIDE}.resources.requests["nvidia.com/gpu"]`,
      /^is 1, with no limits\.nvidia\.com\/gpu, .*"Limit must be set for non overcommitable resources"/,
    ],
    [
      'sidecar hugepages request below its limit',
      side({ resources: { requests: { 'hugepages-2Mi': '2Mi', memory: '1Gi' }, limits: { 'hugepages-2Mi': '4Mi', memory: '1Gi' } } }),
      `${SIDE}.resources.requests.hugepages-2Mi`,
      /^is "2Mi", not equal to limits\.hugepages-2Mi \("4Mi"\), .*"must be equal to hugepages-2Mi limit"/,
    ],
    [
      'sidecar limits example.com/dongle 0.5',
      side({ resources: { limits: { 'example.com/dongle': '500m' } } }),
      `${SIDE}.resources.limits["example.com/dongle"]`,
      /^is "500m", a fraction of "example\.com\/dongle", .*"must be an integer"/,
    ],
    // probes and lifecycle
    [
      'sidecar livenessProbe {}',
      side({ livenessProbe: {} }),
      `${SIDE}.livenessProbe`,
      /^names no handler, .*"must specify a handler type"/,
    ],
    [
      'sidecar livenessProbe exec and httpGet',
      side({ livenessProbe: { exec: { command: ['x'] }, httpGet: { port: 80 } } }),
      `${SIDE}.livenessProbe`,
      /^names 2 handlers \(exec, httpGet\), .*"may not specify more than 1 handler type"/,
    ],
    [
      'sidecar lifecycle preStop {}',
      side({ lifecycle: { preStop: {} } }),
      `${SIDE}.lifecycle.preStop`,
      // Lead 85: sleep is a lifecycle handler too (validate/later-fields.ts serves it by release).
      /^names no handler, .*exactly one of exec, httpGet, tcpSocket, sleep: /,
    ],
    [
      'sidecar startupProbe successThreshold 2',
      side({ startupProbe: { exec: { command: ['x'] }, successThreshold: 2 } }),
      `${SIDE}.startupProbe.successThreshold`,
      /^is 2, but a startupProbe's successThreshold must be 1/,
    ],
    [
      'sidecar livenessProbe successThreshold 3',
      side({ livenessProbe: { tcpSocket: { port: 80 }, successThreshold: 3 } }),
      `${SIDE}.livenessProbe.successThreshold`,
      /must be 1 \(validateLivenessProbe\)/,
    ],
    ['sidecar exec without a command', side({ readinessProbe: { exec: {} } }), `${SIDE}.readinessProbe.exec.command`, /^is missing, /],
    ['sidecar httpGet port 0', side({ readinessProbe: { httpGet: { port: 0 } } }), `${SIDE}.readinessProbe.httpGet.port`, /^is 0, /],
    [
      'sidecar readinessProbe terminationGracePeriodSeconds',
      side({ readinessProbe: { httpGet: { port: 80 }, terminationGracePeriodSeconds: 10 } }),
      `${SIDE}.readinessProbe.terminationGracePeriodSeconds`,
      /"must not be set for readinessProbes"/,
    ],
    [
      'sidecar livenessProbe terminationGracePeriodSeconds 0',
      side({ livenessProbe: { httpGet: { port: 80 }, terminationGracePeriodSeconds: 0 } }),
      `${SIDE}.livenessProbe.terminationGracePeriodSeconds`,
      /^is 0, .*"must be greater than 0"/,
    ],
    [
      'init container readinessProbe',
      init({ readinessProbe: { exec: { command: ['x'] } } }),
      `${INIT}.readinessProbe`,
      /restartPolicy=Always/,
    ],
    [
      'init container lifecycle',
      init({ lifecycle: { preStop: { exec: { command: ['x'] } } } }),
      `${INIT}.lifecycle`,
      /restartPolicy=Always/,
    ],
    ['extraObjects livenessProbe {}', inDeployment({ livenessProbe: {} }), `${DEPLOY}.livenessProbe`, /^names no handler/],
    // 41b-2: env
    [
      'sidecar env name A=B',
      side({ env: [{ name: 'A=B', value: 'x' }] }),
      `${SIDE}.env[0].name`,
      /^is "A=B", not an env var name, .*no '='/,
    ],
    [
      'init container value next to valueFrom',
      init(env({ value: 'x', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } })),
      `${INIT}.env[0].value`,
      /^is set next to valueFrom, .*"may not be specified when `value` is not empty"/,
    ],
    ['sidecar valueFrom {}', side(env({ valueFrom: {} })), `${SIDE}.env[0].valueFrom`, /^names 0 sources, /],
    [
      'sidecar fieldRef metadata.nonsense',
      side(fieldRef('metadata.nonsense')),
      `${SIDE}.env[0].valueFrom.fieldRef.fieldPath`,
      /^is "metadata\.nonsense", .*metadata\.name/,
    ],
    [
      'sidecar fieldRef status.phase',
      side(fieldRef('status.phase')),
      `${SIDE}.env[0].valueFrom.fieldRef.fieldPath`,
      /^is "status\.phase", /,
    ],
    [
      'sidecar fieldRef apiVersion v2',
      side(env({ valueFrom: { fieldRef: { apiVersion: 'v2', fieldPath: 'metadata.name' } } })),
      `${SIDE}.env[0].valueFrom.fieldRef.apiVersion`,
      /^is "v2", /,
    ],
    [
      'sidecar resourceFieldRef limits.gpu',
      side(env({ valueFrom: { resourceFieldRef: { resource: 'limits.gpu' } } })),
      `${SIDE}.env[0].valueFrom.resourceFieldRef.resource`,
      /^is "limits\.gpu", .*limits\.memory/,
    ],
    [
      "Traefik's own env fieldRef metadata.nonsense",
      fieldRef('metadata.nonsense'),
      'env[0].valueFrom.fieldRef.fieldPath',
      /^is "metadata\.nonsense", /,
    ],
    [
      'extraObjects env name 1A=b',
      inDeployment({ env: [{ name: '1A=b', value: 'x' }] }),
      `${DEPLOY}.env[0].name`,
      /^is "1A=b", not an env var name/,
    ],
    // 41b-5: terminationGracePeriodSeconds
    ...['27.0.2', '36.3.0', '39.0.7', '41.3.0'].map((chart): [string, object, string, RegExp] => [
      `terminationGracePeriodSeconds 1e20 on ${chart}`,
      { chart, deployment: { terminationGracePeriodSeconds: 1e20 } },
      'deployment.terminationGracePeriodSeconds',
      /^is 100000000000000000000, which the chart writes as the pod's terminationGracePeriodSeconds, beyond 9007199254740991 \(2\^53-1\), .*outside int64, .*write a number of seconds such as 30/,
    ]),
    [
      'terminationGracePeriodSeconds 2^63',
      { deployment: { terminationGracePeriodSeconds: 2 ** 63 } },
      'deployment.terminationGracePeriodSeconds',
      /beyond 9007199254740991/,
    ],
    [
      'terminationGracePeriodSeconds 2^53+2',
      { deployment: { terminationGracePeriodSeconds: 2 ** 53 + 2 } },
      'deployment.terminationGracePeriodSeconds',
      /^is 9007199254740994, which the chart writes .*, beyond 9007199254740991 .*written as another number, while/,
    ],
    [
      'terminationGracePeriodSeconds "9223372036854775808" (a text)',
      { chart: '36.3.0', deployment: { terminationGracePeriodSeconds: '9223372036854775808' } },
      'deployment.terminationGracePeriodSeconds',
      /outside int64/,
    ],
    [
      'extraObjects terminationGracePeriodSeconds 2^60',
      deployment({ terminationGracePeriodSeconds: 2 ** 60, containers: [c('a')] }),
      'extraObjects[0].spec.template.spec.terminationGracePeriodSeconds',
      /^is 1152921504606847000, beyond 9007199254740991/,
    ],
  ])('%s', (_, input, key, message) => {
    const { chart, ...values } = input as { chart?: string };
    const errors = at(errorsOf(values, chart), key);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
    if (key.startsWith('deployment.') && !key.includes('terminationGrace') && !key.endsWith('image')) expect(errors[0]).toMatch(FAILS);
  });
});

describe('accepted (nothing said)', () => {
  const good = {
    ports: [
      { containerPort: 8080, name: 'metrics' },
      { containerPort: 9090, hostPort: 0, name: 'admin' },
    ],
    resources: {
      requests: { cpu: '100m', memory: '512Mi', 'ephemeral-storage': '1Gi', 'nvidia.com/gpu': 1, 'hugepages-2Mi': '4Mi' },
      limits: { cpu: '1', memory: '1Gi', 'nvidia.com/gpu': '1', 'hugepages-2Mi': '4Mi', 'example.com/dongle': 2 },
    },
    readinessProbe: { httpGet: { path: '/', port: 8080 } },
    livenessProbe: { tcpSocket: { port: 'metrics' }, successThreshold: 1, terminationGracePeriodSeconds: 5 },
    lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } },
    env: [
      { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'IP', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.podIP' } } },
      { name: 'APP', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app.kubernetes.io/name']" } } },
      { name: 'MEM', value: '', valueFrom: { resourceFieldRef: { resource: 'limits.memory' } } },
      { name: 'my.var-1', value: 'x' },
    ],
  };
  test.each<[string, object]>([
    ['a sidecar with ports, quantities, probes, lifecycle and env', side(good)],
    ['an init container with ports, quantities and env', init({ ports: good.ports, resources: good.resources, env: good.env })],
    ["Traefik's own resources and env", { resources: good.resources, env: good.env.slice(0, 3) }],
    [
      'requests equal to limits, as numbers',
      side({ resources: { requests: { cpu: 1, memory: '1Gi' }, limits: { cpu: '1000m', memory: '1024Mi' } } }),
    ],
    ['an extraObjects Deployment', inDeployment(good)],
    ['terminationGracePeriodSeconds 2^53-1', { deployment: { terminationGracePeriodSeconds: Number.MAX_SAFE_INTEGER } }],
    [
      'terminationGracePeriodSeconds "9223372036854775807" (a text int64 keeps, 36.3.0)',
      { chart: '36.3.0', deployment: { terminationGracePeriodSeconds: '9223372036854775807' } },
    ],
  ])('%s', (_, input) => {
    const { chart, ...values } = input as { chart?: string };
    expect(errorsOf(values, chart)).toEqual([]);
  });
});
