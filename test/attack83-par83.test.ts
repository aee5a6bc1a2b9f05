import { stringify } from 'yaml';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { API_SERVER_RULES } from '../src/validate/rules';
import { devConfig, withChanges } from './helpers';
import { ruleDoors } from './rule-doors';
import { deploymentOf, SETCAP_INIT } from './traefik-fixtures';

/**
 * Round 83 (par83), the parity findings of round 82:
 * - 82a-17: tolerations, topologySpreadConstraints and pod (anti-)affinity the API server refuses (ValidateTolerations,
 *   validateTopologySpreadConstraints, validatePodAffinityTerm and its label selectors, v1.27) are refused in Traefik's
 *   own pod, in an extraObjects workload and in the written manifests alike; what K3s, the chart and this tool write passes.
 * - 82a-19: an EndpointSlice or Endpoints joining a `loadBalancers` Service is refused as one joining Traefik's is.
 * - 82a-26: an HTTPRoute on a second Gateway of Traefik's class taking an Ingress's host gets the warning a route on
 *   `traefik.gateway`'s Gateway gets.
 * - 82a-15: a second Traefik (or a VIP announcer) in `deployment.additionalContainers`/`initContainers` is refused; a
 *   Traefik image that only lends its binary (the chart's EXAMPLES.md setcap init container) passes.
 */

/** Config lines (`key.path: message`, no file or line) of a config with `traefik` and other top-level keys patched. */
function configLines(traefik: object, extra: object = {}) {
  const parsed = parseConfigText('config/t.yaml', stringify(withChanges(devConfig(), { traefik, ...extra })));
  const line = (d: Parameters<typeof formatDiagnostic>[0]) => formatDiagnostic({ ...d, file: '', line: undefined }).replace(/^: /, '');
  return { errors: parsed.errors.map(line), warnings: parsed.warnings.map(line) };
}

const REFUSED = 'which the API server refuses';
const K3S_TOLERATIONS = [
  { key: 'CriticalAddonsOnly', operator: 'Exists' },
  { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' },
];
const SPREAD = {
  maxSkew: 1,
  topologyKey: 'kubernetes.io/hostname',
  whenUnsatisfiable: 'DoNotSchedule',
  labelSelector: { matchLabels: { app: 'd1' } },
};
const ANTI = 'affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution';
const PREFERRED = 'affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution';

// [case, pod spec fields, [key path below the pod spec, words of its message]] ([] : passes)
const POD_ROWS: Array<[string, object, Array<[string, string]>]> = [
  [
    'the finding: Exists with a value, an empty key with Equal, maxSkew 0, an empty anti-affinity topologyKey',
    {
      tolerations: [
        { key: 'a', operator: 'Exists', value: 'x' },
        { operator: 'Equal', value: 'z' },
      ],
      topologySpreadConstraints: [{ ...SPREAD, maxSkew: 0 }],
      affinity: {
        podAntiAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'd1' } }, topologyKey: '' }],
        },
      },
    },
    [
      ['tolerations[0].value', "value must be empty when `operator` is 'Exists'"],
      ['tolerations[1].operator', 'operator must be Exists when `key` is empty'],
      ['topologySpreadConstraints[0].maxSkew', 'is 0, which the API server refuses ("must be greater than zero")'],
      [`${ANTI}[0].topologyKey`, 'is empty, which the API server refuses ("can not be empty")'],
    ],
  ],
  [
    'a toleration without key or operator (effect alone)',
    { tolerations: [{ effect: 'NoSchedule' }] },
    [['tolerations[0].key', 'is missing, and the operator is Equal (its default)']],
  ],
  [
    'tolerationSeconds on a NoSchedule toleration',
    { tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 30 }] },
    [['tolerations[0].effect', "effect must be 'NoExecute' when `tolerationSeconds` is set"]],
  ],
  [
    'a taint key with a space, and a value no label value can be',
    { tolerations: [{ key: 'dedicated key', operator: 'Equal', value: 'gpu nodes' }] },
    [
      ['tolerations[0].key', `is not a valid taint key, ${REFUSED}`],
      ['tolerations[0].value', `is not a valid taint value, ${REFUSED}`],
    ],
  ],
  [
    'spread: an empty topologyKey, minDomains with ScheduleAnyway',
    { topologySpreadConstraints: [{ ...SPREAD, topologyKey: '', whenUnsatisfiable: 'ScheduleAnyway', minDomains: 2 }] },
    [
      ['topologySpreadConstraints[0].topologyKey', 'can not be empty'],
      ['topologySpreadConstraints[0].minDomains', 'can only use minDomains if whenUnsatisfiable=DoNotSchedule'],
    ],
  ],
  [
    'spread: minDomains 0, and the same {topologyKey, whenUnsatisfiable} twice',
    { topologySpreadConstraints: [{ ...SPREAD, minDomains: 0 }, SPREAD] },
    [
      ['topologySpreadConstraints[0].minDomains', 'is 0'],
      ['topologySpreadConstraints[1].topologyKey', 'as in topologySpreadConstraints[0], which the API server refuses ("Duplicate value")'],
    ],
  ],
  [
    'spread: a selector requirement In without values, an operator "in", matchLabelKeys without a selector',
    {
      topologySpreadConstraints: [
        {
          ...SPREAD,
          labelSelector: {
            matchExpressions: [
              { key: 'app', operator: 'In' },
              { key: 'tier', operator: 'in', values: ['web'] },
            ],
          },
        },
        { ...SPREAD, topologyKey: 'topology.kubernetes.io/zone', labelSelector: undefined, matchLabelKeys: ['pod-template-hash'] },
      ],
    },
    [
      ['topologySpreadConstraints[0].labelSelector.matchExpressions[0].values', "must be specified when `operator` is 'In' or 'NotIn'"],
      ['topologySpreadConstraints[0].labelSelector.matchExpressions[1].operator', 'write In (case matters)'],
      ['topologySpreadConstraints[1].matchLabelKeys', 'must not be specified when labelSelector is not set'],
    ],
  ],
  [
    'pod affinity: weight 0, a namespace with capitals, a label value with a space, a topologyKey that is no label key',
    {
      affinity: {
        podAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            {
              weight: 0,
              podAffinityTerm: { topologyKey: 'zone key', namespaces: ['Apps'], labelSelector: { matchLabels: { app: 'my app' } } },
            },
          ],
        },
      },
    },
    [
      [`${PREFERRED}[0].weight`, 'must be in the range 1-100'],
      [`${PREFERRED}[0].podAffinityTerm.topologyKey`, `is not a valid label key, ${REFUSED}`],
      [`${PREFERRED}[0].podAffinityTerm.namespaces[0]`, `is not a namespace name, ${REFUSED}`],
      [`${PREFERRED}[0].podAffinityTerm.labelSelector.matchLabels.app`, `is not a valid label, ${REFUSED}`],
    ],
  ],
  // Valid neighbours.
  ["K3s' own tolerations", { tolerations: K3S_TOLERATIONS }, []],
  [
    'tolerate everything (no key, Exists), a default operator with a value, tolerationSeconds with NoExecute',
    {
      tolerations: [
        { operator: 'Exists' },
        { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 },
      ],
    },
    [],
  ],
  [
    'spread: the same key with each whenUnsatisfiable, minDomains with DoNotSchedule, matchLabelKeys beside a selector',
    {
      topologySpreadConstraints: [
        { ...SPREAD, minDomains: 2, matchLabelKeys: ['pod-template-hash'] },
        { ...SPREAD, whenUnsatisfiable: 'ScheduleAnyway' },
      ],
    },
    [],
  ],
  [
    'affinity: a namespaceSelector {} (every namespace), Exists and NotIn requirements',
    {
      affinity: {
        podAntiAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [
            {
              topologyKey: 'kubernetes.io/hostname',
              namespaceSelector: {},
              labelSelector: {
                matchExpressions: [
                  { key: 'app', operator: 'Exists' },
                  { key: 'tier', operator: 'NotIn', values: ['batch'] },
                ],
              },
            },
          ],
        },
      },
    },
    [],
  ],
];

describe('82a-17: tolerations, spread and pod affinity the API server refuses, at every door', () => {
  test.each(POD_ROWS)('Traefik values: %s', (_, fields, expected) => {
    const { errors } = ruleDoors(fields);
    for (const [key, words] of expected) expect(errors.find((line) => line.startsWith(`traefik.values.${key}:`))).toContain(words);
    if (!expected.length) expect(errors).toEqual([]);
  });

  test.each(POD_ROWS)('an extraObjects Deployment: %s', (_, fields, expected) => {
    const { errors } = ruleDoors(deploymentOf({ containers: [{ name: 'a', image: 'nginx:1.27' }], ...fields }, { labels: { app: 'd1' } }));
    const at = 'traefik.values.extraObjects[0].spec.template.spec.';
    for (const [key, words] of expected) expect(errors.find((line) => line.startsWith(`${at}${key}:`))).toContain(words);
    if (!expected.length) expect(errors).toEqual([]);
  });

  test.each(POD_ROWS)('npm run validate of a written Deployment: %s', (_, fields, expected) => {
    const deployment = deploymentOf({ containers: [{ name: 'a', image: 'nginx:1.27' }], ...fields }, { labels: { app: 'd1' } })
      .extraObjects[0];
    const object = JSON.parse(JSON.stringify(deployment));
    const found = API_SERVER_RULES.flatMap((rule) => rule.check(object, { objects: [object] })).map(
      ({ path, message }) => `${path.join('.')}: ${message}`,
    );
    for (const [key, words] of expected) {
      const dotted = `spec.template.spec.${key}`.replace(/\[(\d+)\]/g, '.$1');
      expect(found.find((line) => line.startsWith(`${dotted}:`))).toContain(words);
    }
    if (!expected.length) expect(found).toEqual([]);
  });

  test('what this tool writes for several pods (spread) and client IPs (anti-affinity) passes', () => {
    expect(configLines({ loadBalancerIPs: ['192.168.0.41'], replicas: 2, externalTrafficPolicy: 'Cluster' }).errors).toEqual([]);
    expect(
      configLines({ loadBalancerIPs: ['192.168.0.41'], replicas: 2, externalTrafficPolicy: 'Local' }, {}).errors.filter((l) =>
        l.includes('API server refuses'),
      ),
    ).toEqual([]);
  });

  test('an operator the schema refuses ("exists") with no key is said once, by the schema', () => {
    const { errors } = ruleDoors({ tolerations: [{ operator: 'exists' }] });
    expect(errors.filter((line) => line.startsWith('traefik.values.tolerations[0]'))).toEqual([
      expect.stringContaining(
        'traefik.values.tolerations[0].operator: is "exists"; the Kubernetes 1.27 schema of a pod allows only "Equal", "Exists"',
      ),
    ]);
  });

  test('a TraefikHelmChartConfig refuses the same values', () => {
    const doors = ruleDoors({ tolerations: [{ key: 'a', operator: 'Exists', value: 'x' }] });
    expect(doors.chart).toContain('tolerations[0].value');
    expect(doors.chart).toContain("value must be empty when `operator` is 'Exists'");
  });
});

const POSTGRES = { name: 'postgres', namespace: 'data', selector: { app: 'postgres' }, ports: [{ port: 5432 }], ips: ['192.168.0.42'] };
const slice = (namespace: string, service: string) => ({
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { name: `${service}-extra`, namespace, labels: { 'kubernetes.io/service-name': service } },
  addressType: 'IPv4',
  ports: [{ port: 5432, protocol: 'TCP' }],
  endpoints: [{ addresses: ['10.0.0.9'] }],
});
const endpoints = (namespace: string, name: string) => ({
  apiVersion: 'v1',
  kind: 'Endpoints',
  metadata: { name, namespace },
  subsets: [{ addresses: [{ ip: '10.0.0.9' }], ports: [{ port: 5432 }] }],
});

// [case, extraObjects item, words of the refusal at extraObjects[0] ('' : passes)]
const ENDPOINT_ROWS: Array<[string, object, string]> = [
  [
    'the finding: an EndpointSlice of the loadBalancers Service data/postgres',
    slice('data', 'postgres'),
    'is an EndpointSlice (of Service data/postgres, which loadBalancers[0] writes) that adds backends to a Service this tool or the chart owns, behind its VIP',
  ],
  ['Endpoints named as the loadBalancers Service', endpoints('data', 'postgres'), 'is an Endpoints (of Service data/postgres'],
  ["Traefik's own, as before", slice('kube-system', 'traefik'), 'adds backends to a Service this tool or the chart owns, behind its VIP'],
  // Valid neighbours: another namespace, another Service.
  ['an EndpointSlice of a Service postgres in another namespace', slice('default', 'postgres'), ''],
  ['an EndpointSlice of another Service in data', slice('data', 'legacy-db'), ''],
  ['Endpoints of another name in data', endpoints('data', 'legacy-db'), ''],
];

describe('82a-19: endpoints joining a loadBalancers Service are refused as those of Traefik', () => {
  test.each(ENDPOINT_ROWS)('%s', (_, item, words) => {
    const { errors } = configLines({ loadBalancerIPs: ['192.168.0.41'], values: { extraObjects: [item] } }, { loadBalancers: [POSTGRES] });
    const line = errors.find((l) => l.startsWith('traefik.values.extraObjects[0]:'));
    if (words) {
      expect(line).toContain(words);
      expect(line).toContain('give your backends a Service of their own');
    } else expect(errors).toEqual([]);
  });
});

const gatewayItem = (listener: object, className = 'traefik') => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: { name: 'g2', namespace: 'default' },
  spec: { gatewayClassName: className, listeners: [listener] },
});
const HTTPS_8443 = {
  name: 'https',
  protocol: 'HTTPS',
  port: 8443,
  hostname: 'k3s.code-place-dev.site',
  tls: { certificateRefs: [{ name: 'site-tls' }] },
};
const route = (hostnames: string[], parent: object = { name: 'g2' }) => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'steal', namespace: 'default' },
  spec: { parentRefs: [parent], hostnames, rules: [{ backendRefs: [{ name: 'evil', port: 80 }] }] },
});
const ALSO = 'is also routed by ingresses[0]';

// [case, traefik keys, extraObjects, [key path, words] of the warning ('' : none)]
const GATEWAY_ROWS: Array<[string, object, object[], string, string]> = [
  [
    'the finding: a route on a second Gateway of Traefik class takes the Ingress host',
    { gateway: {} },
    [gatewayItem(HTTPS_8443), route(['k3s.code-place-dev.site'])],
    'traefik.values.extraObjects[1].spec.hostnames[0]',
    `"k3s.code-place-dev.site" ${ALSO}`,
  ],
  [
    'a wildcard hostname on an HTTPS listener without hostname (the Gateway provider on through the values, no traefik.gateway)',
    { values: { providers: { kubernetesGateway: { enabled: true } } } },
    [
      gatewayItem({ name: 'https', protocol: 'HTTPS', port: 8443, tls: { certificateRefs: [{ name: 'site-tls' }] } }),
      route(['*.code-place-dev.site']),
    ],
    'traefik.values.extraObjects[1].spec.hostnames[0]',
    '"*.code-place-dev.site" takes "k3s.code-place-dev.site"',
  ],
  [
    "the same route on the chart's own Gateway, on an HTTPS listener, as before",
    {
      values: {
        providers: { kubernetesGateway: { enabled: true } },
        gateway: { listeners: { websecure: { port: 8443, protocol: 'HTTPS', certificateRefs: [{ name: 'site-tls' }] } } },
      },
    },
    [{ ...route(['k3s.code-place-dev.site'], { name: 'traefik-gateway' }), metadata: { name: 'r', namespace: 'kube-system' } }],
    'traefik.values.extraObjects[0].spec.hostnames[0]',
    `"k3s.code-place-dev.site" ${ALSO}`,
  ],
  // Valid neighbours: another host; a listener on a port no entrypoint has (its own error); a route from a namespace the listener does not admit (its own error).
  [
    'a route on the second Gateway for another host',
    { gateway: {} },
    [gatewayItem({ ...HTTPS_8443, hostname: 'other.example.org' }), route(['other.example.org'])],
    '',
    '',
  ],
  [
    "a plain HTTP listener: the Ingress's certResolver gives it HTTPS routers only",
    { gateway: {}, redirectToHttps: false },
    [gatewayItem({ name: 'web', protocol: 'HTTP', port: 8000 }), route(['k3s.code-place-dev.site'])],
    '',
    '',
  ],
  [
    'a listener on a port no entrypoint has (refused for its port, not judged for hosts)',
    { gateway: {} },
    [gatewayItem({ ...HTTPS_8443, port: 443 }), route(['k3s.code-place-dev.site'])],
    '',
    '',
  ],
];

describe('82a-26: a route on any Gateway of Traefik class meets the Ingress hosts', () => {
  test.each(GATEWAY_ROWS)('%s', (_, traefik, items, key, words) => {
    const base = { loadBalancerIPs: ['192.168.0.41'], ...traefik } as { values?: object };
    const { errors, warnings } = configLines({ redirectToHttps: true, ...base, values: { ...base.values, extraObjects: items } });
    expect(errors.filter((line) => !line.includes('.port: is 443'))).toEqual([]);
    if (key) expect(warnings.find((line) => line.startsWith(`${key}:`))).toContain(words);
    else expect(warnings.filter((line) => line.includes('extraObjects'))).toEqual([]);
  });

  test('a route from a namespace the second Gateway does not admit is refused, naming where the Gateway admits namespaces', () => {
    const { errors } = configLines({
      loadBalancerIPs: ['192.168.0.41'],
      gateway: {},
      values: {
        extraObjects: [
          gatewayItem(HTTPS_8443),
          { ...route(['k3s.code-place-dev.site'], { name: 'g2', namespace: 'default' }), metadata: { name: 'r', namespace: 'apps' } },
        ],
      },
    });
    const line = errors.find((l) => l.startsWith('traefik.values.extraObjects[1].metadata.namespace:'));
    expect(line).toContain('but Gateway default/g2 admits only routes of its own namespace, default');
    expect(line).toContain('traefik.values.extraObjects[0].spec.listeners[].allowedRoutes.namespaces');
  });
});

// [case, traefik.values, key path of the refusal, words ('' : passes)]
const SIDECAR_ROWS: Array<[string, object, string, string]> = [
  [
    'the finding: traefik:v3.1.2 as a sidecar with its own entrypoint',
    {
      deployment: {
        additionalContainers: [
          { name: 't2', image: 'traefik:v3.1.2', args: ['--providers.kubernetesingress', '--entrypoints.alt.address=:9443'] },
        ],
      },
    },
    'deployment.additionalContainers[0].image',
    `is "traefik:v3.1.2" in Traefik's own pods (deployment.additionalContainers), which runs a second Traefik`,
  ],
  [
    "K3s' mirror as an init container with no command (runs traefik)",
    { deployment: { initContainers: [{ name: 't2', image: 'docker.io/rancher/mirrored-library-traefik:3.3.6' }] } },
    'deployment.initContainers[0].image',
    'which runs a second Traefik',
  ],
  [
    'traefik run through a shell',
    {
      deployment: {
        additionalContainers: [
          { name: 't2', image: 'traefik:v3.1.2', command: ['sh', '-c', 'exec traefik --entrypoints.alt.address=:9443'] },
        ],
      },
    },
    'deployment.additionalContainers[0].image',
    'which runs a second Traefik',
  ],
  [
    "the image's /entrypoint.sh as the command, with flags",
    {
      deployment: {
        additionalContainers: [
          { name: 't2', image: 'traefik:v3.1.2', command: ['/entrypoint.sh'], args: ['--entrypoints.alt.address=:9443'] },
        ],
      },
    },
    'deployment.additionalContainers[0].image',
    'which runs a second Traefik',
  ],
  [
    'keepalived as a sidecar',
    { deployment: { additionalContainers: [{ name: 'vip', image: 'osixia/keepalived:2.0.20' }] } },
    'deployment.additionalContainers[0].image',
    'announces addresses beside kube-vip',
  ],
  // Valid neighbours: the chart's EXAMPLES.md setcap init containers (a Traefik image that copies its binary), `traefik version`, another image.
  ["the chart's setcap example (cp of the binary)", { ...SETCAP_INIT, hostNetwork: true }, '', ''],
  [
    'traefik version in an init container',
    { deployment: { initContainers: [{ name: 'v', image: 'traefik:v3.1.2', args: ['version'] }] } },
    '',
    '',
  ],
  ['an exporter sidecar', { deployment: { additionalContainers: [{ name: 'x', image: 'example/traefik-exporter:1.0' }] } }, '', ''],
];

describe('82a-15: a second Traefik or an announcer in Traefik own pods', () => {
  test.each(SIDECAR_ROWS)('%s', (_, values, key, words) => {
    const doors = ruleDoors(values);
    const mine = doors.errors.filter((line) => /second Traefik|announces addresses/.test(line));
    if (!key) {
      expect(mine).toEqual([]);
      return;
    }
    expect(mine.find((line) => line.startsWith(`traefik.values.${key}:`))).toContain(words);
    expect(doors.chart).toContain(key);
    expect(doors.chart).toContain(words);
  });
});

const cpu = (target: object) => ({ type: 'Resource', resource: { name: 'cpu', target } });
const hpa = (metrics: object[]) => ({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'web', namespace: 'default' },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 3, metrics },
});

// [case, metrics, [key path below the metrics, words]] ([] : passes)
const HPA_ROWS: Array<[string, object[], Array<[string, string]>]> = [
  [
    'the finding: a Utilization target without averageUtilization',
    [cpu({ type: 'Utilization' })],
    [
      [
        '[0].resource.target.averageUtilization',
        'is missing, which the API server refuses ("must set either a target raw value or a target utilization")',
      ],
    ],
  ],
  [
    'a Pods metric without averageValue',
    [{ type: 'Pods', pods: { metric: { name: 'requests_per_second' }, target: { type: 'AverageValue' } } }],
    [['[1].pods.target.averageValue', 'must specify a positive target averageValue']],
  ],
  [
    'averageUtilization 0, and both targets at once',
    [
      cpu({ type: 'Utilization', averageUtilization: 0 }),
      { type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 80, averageValue: '500Mi' } } },
    ],
    [
      ['[0].resource.target.averageUtilization', 'must be greater than 0'],
      ['[1].resource.target.averageValue', 'may not set both a target raw value and a target utilization'],
    ],
  ],
  [
    'type Resource with the source under pods',
    [{ type: 'Resource', pods: { metric: { name: 'x' }, target: { type: 'AverageValue', averageValue: '1' } } }],
    [['[0].resource', 'must populate information for the given metric source']],
  ],
  [
    'an External metric without value or averageValue',
    [{ type: 'External', external: { metric: { name: 'queue_depth' }, target: { type: 'Value' } } }],
    [['[0].external.target.averageValue', 'must set either a target value for metric or a per-pod target']],
  ],
  // Valid neighbours: what the chart's values.yaml documents, an averageValue, a Pods and an External metric.
  ['cpu at 80% (the chart example)', [cpu({ type: 'Utilization', averageUtilization: 80 })], []],
  [
    'memory by averageValue, a Pods metric and an External value',
    [
      { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '500Mi' } } },
      { type: 'Pods', pods: { metric: { name: 'requests_per_second' }, target: { type: 'AverageValue', averageValue: '1k' } } },
      { type: 'External', external: { metric: { name: 'queue_depth' }, target: { type: 'Value', value: '30' } } },
    ],
    [],
  ],
];

describe("82a-17: the autoscaler's metric targets the API server refuses", () => {
  test.each(HPA_ROWS)('Traefik autoscaling.metrics: %s', (_, metrics, expected) => {
    // The Pods row's metric is the second one here: an autoscaler needs a resource metric first to be a realistic config.
    const given =
      metrics.length === 1 && (metrics[0] as { type: string }).type === 'Pods'
        ? [cpu({ type: 'Utilization', averageUtilization: 80 }), ...metrics]
        : metrics;
    const { errors } = ruleDoors({ autoscaling: { enabled: true, minReplicas: 1, maxReplicas: 3, metrics: given } });
    for (const [key, words] of expected) {
      const line = errors.find((l) => l.startsWith(`traefik.values.autoscaling.metrics${key}:`));
      expect(line).toContain(words);
      expect(line).toContain('the chart writes it into its HorizontalPodAutoscaler as given');
    }
    if (!expected.length) expect(errors).toEqual([]);
  });

  test.each(HPA_ROWS)('an extraObjects HorizontalPodAutoscaler: %s', (_, metrics, expected) => {
    const given =
      metrics.length === 1 && (metrics[0] as { type: string }).type === 'Pods'
        ? [cpu({ type: 'Utilization', averageUtilization: 80 }), ...metrics]
        : metrics;
    const { errors } = ruleDoors({ extraObjects: [hpa(given)] });
    for (const [key, words] of expected)
      expect(errors.find((l) => l.startsWith(`traefik.values.extraObjects[0].spec.metrics${key}:`))).toContain(words);
    if (!expected.length) expect(errors).toEqual([]);
  });
});
