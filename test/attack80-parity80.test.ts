import { stringify } from 'yaml';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { clusterRefusal, valuesDoors, withTraefikValues } from './helpers';

/**
 * Round 80 (80a-19): every value the Traefik chart copies as it is (toYaml) into Traefik's pod is held to the Kubernetes
 * 1.27 schema of the field it becomes, as `resources` already was (own-container.ts OWN_FIELDS): `tolerations`,
 * `affinity`, `topologySpreadConstraints`, `deployment.additionalVolumes` and, from chart v41.2.0, the emptyDir options
 * of the chart's own volumes; and `autoscaling.metrics` and `.behavior`, written as given into the chart's
 * HorizontalPodAutoscaler, are held to its schema. A bad value is refused at its key with the value, what the schema allows, and that the whole
 * release fails; the K3s chart's own tolerations and a real affinity still pass.
 */
const FAILS =
  /\(the chart writes it into (Traefik's pods|its HorizontalPodAutoscaler) as given, so (the API server refuses it and )?the whole Traefik release fails to install\)$/;
const SCHEMA = 'the Kubernetes 1.27 schema of a pod ';
/** The config's errors as the CLI prints them (file:line:column). */
const errorsOf = (values: object, traefik: object) =>
  parseConfigText('config/t.yaml', stringify(withTraefikValues(values, traefik))).errors.map(formatDiagnostic);

/** The tolerations K3s gives its own Traefik (k3s-io/k3s manifests/traefik.yaml, valuesContent). */
const K3S_TOLERATIONS = [
  { key: 'CriticalAddonsOnly', operator: 'Exists' },
  { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' },
];
const REAL_AFFINITY = {
  nodeAffinity: {
    requiredDuringSchedulingIgnoredDuringExecution: {
      nodeSelectorTerms: [{ matchExpressions: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists' }] }],
    },
  },
  podAntiAffinity: {
    preferredDuringSchedulingIgnoredDuringExecution: [
      {
        weight: 100,
        podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'traefik' } } },
      },
    ],
  },
};
const SPREAD = {
  maxSkew: 1,
  topologyKey: 'topology.kubernetes.io/zone',
  whenUnsatisfiable: 'ScheduleAnyway',
  labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'traefik' } },
};

// [case, traefik.values, other traefik keys, [key path below traefik.values, words of its message]] (no refusal: passes)
const ROWS: Array<[string, object, object, Array<[string, string]>]> = [
  [
    'the finding: operater, operator exists, effect NoSchedul',
    {
      tolerations: [
        { key: 'CriticalAddonsOnly', operater: 'Exists' },
        { key: 'node-role.kubernetes.io/control-plane', operator: 'exists', effect: 'NoSchedul' },
      ],
    },
    {},
    [
      ['tolerations[0].operater', 'is not a field of the Kubernetes 1.27 schema of a pod: '],
      ['tolerations[1].operator', `is "exists"; ${SCHEMA}allows only "Equal", "Exists"`],
      ['tolerations[1].effect', `is "NoSchedul"; ${SCHEMA}allows only "NoExecute", "NoSchedule", "PreferNoSchedule"`],
    ],
  ],
  [
    'tolerationSeconds as a duration text',
    { tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: '30s' }] },
    {},
    [['tolerations[0].tolerationSeconds', `is "30s"; ${SCHEMA}expects integer`]],
  ],
  ['a toleration that is a bare key', { tolerations: ['CriticalAddonsOnly'] }, {}, [['tolerations[0]', `${SCHEMA}expects object`]]],
  ['tolerations as one text', { tolerations: 'CriticalAddonsOnly' }, {}, [['tolerations', `${SCHEMA}expects array`]]],
  [
    'chart v20.3.1 (K3s v1.27) writes tolerations as given too',
    { tolerations: [{ key: 'CriticalAddonsOnly', operator: 'exists' }] },
    { chartVersion: '20.3.1' },
    [['tolerations[0].operator', 'allows only "Equal", "Exists"']],
  ],
  [
    'affinity: nodeAfinity misspelt',
    { affinity: { nodeAfinity: REAL_AFFINITY.nodeAffinity } },
    {},
    [['affinity.nodeAfinity', 'did you mean nodeAffinity?']],
  ],
  [
    'affinity: a required pod anti-affinity term without topologyKey',
    { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { a: 'b' } } }] } } },
    {},
    [['affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey', `is missing; ${SCHEMA}requires it`]],
  ],
  [
    'affinity: a weight written as a word',
    {
      affinity: {
        podAntiAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 'high', podAffinityTerm: { topologyKey: 'kubernetes.io/hostname' } }],
        },
      },
    },
    {},
    [['affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight', `is "high"; ${SCHEMA}expects integer`]],
  ],
  [
    'affinity: a node affinity operator "exists" is said once, by the node affinity rule, with the fix',
    {
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'exists' }] }],
          },
        },
      },
    },
    {},
    [
      [
        'affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator',
        'write Exists (case matters)',
      ],
    ],
  ],
  [
    'topologySpreadConstraints: whenUnsatisfiable DoNotschedule',
    { topologySpreadConstraints: [{ ...SPREAD, whenUnsatisfiable: 'DoNotschedule' }] },
    {},
    [['topologySpreadConstraints[0].whenUnsatisfiable', `${SCHEMA}allows only "DoNotSchedule", "ScheduleAnyway"`]],
  ],
  [
    'topologySpreadConstraints: maxskew misspelt (so maxSkew is missing)',
    { topologySpreadConstraints: [{ maxskew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule' }] },
    {},
    [
      ['topologySpreadConstraints[0].maxSkew', `is missing; ${SCHEMA}requires it`],
      ['topologySpreadConstraints[0].maxskew', 'did you mean maxSkew?'],
    ],
  ],
  [
    'deployment.additionalVolumes: emptydir misspelt',
    { deployment: { additionalVolumes: [{ name: 'scratch', emptydir: {} }] } },
    {},
    [['deployment.additionalVolumes[0].emptydir', 'did you mean emptyDir?']],
  ],
  [
    'deployment.additionalVolumes: hostPath type "Dir"',
    { deployment: { additionalVolumes: [{ name: 'logs', hostPath: { path: '/var/log', type: 'Dir' } }] } },
    {},
    [['deployment.additionalVolumes[0].hostPath.type', `is "Dir"; ${SCHEMA}allows only "", "BlockDevice"`]],
  ],
  [
    'chart v41.2.0: persistence.emptyDir sizelimit and tmpVolume medum misspelt',
    { persistence: { emptyDir: { sizelimit: '1Gi' } }, deployment: { tmpVolume: { emptyDir: { medum: 'Memory' } } } },
    { chartVersion: '41.2.0' },
    [
      ['persistence.emptyDir.sizelimit', 'did you mean sizeLimit?'],
      ['deployment.tmpVolume.emptyDir.medum', 'did you mean medium?'],
    ],
  ],
  [
    'chart v41.3.0: persistence.emptyDir a list',
    { persistence: { emptyDir: ['Memory'] } },
    { chartVersion: '41.3.0' },
    [['persistence.emptyDir', `${SCHEMA}expects object`]],
  ],
  [
    'autoscaling.metrics in the autoscaling/v2beta1 form (targetAverageUtilization)',
    {
      autoscaling: {
        enabled: true,
        maxReplicas: 3,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', targetAverageUtilization: 80 } }],
      },
    },
    {},
    [
      ['autoscaling.metrics[0].resource.target', 'is missing; the Kubernetes 1.27 schema of a HorizontalPodAutoscaler requires it'],
      [
        'autoscaling.metrics[0].resource.targetAverageUtilization',
        'is not a field of the Kubernetes 1.27 schema of a HorizontalPodAutoscaler',
      ],
    ],
  ],
  [
    'autoscaling.behavior: a stabilization window as a duration text',
    { autoscaling: { enabled: true, maxReplicas: 3, behavior: { scaleDown: { stabilizationWindowSeconds: '300s' } } } },
    {},
    [
      [
        'autoscaling.behavior.scaleDown.stabilizationWindowSeconds',
        'is "300s"; the Kubernetes 1.27 schema of a HorizontalPodAutoscaler expects integer',
      ],
    ],
  ],
  [
    'client IPs on two pods: a misspelt key beside the affinity this tool writes',
    { affinity: { podAntiAfinity: {} } },
    { externalTrafficPolicy: 'Local', replicas: 2 },
    [['affinity.podAntiAfinity', 'did you mean podAntiAffinity?']],
  ],
  // Valid neighbours: what K3s and the chart's docs write.
  ["the K3s chart's own tolerations", { tolerations: K3S_TOLERATIONS }, {}, []],
  [
    'an unreachable-node toleration of 30 s',
    { tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 }] },
    {},
    [],
  ],
  [
    'a toleration with operator Equal and a value',
    { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'ingress', effect: 'NoSchedule' }] },
    {},
    [],
  ],
  ['the K3s tolerations on chart v20.3.1', { tolerations: K3S_TOLERATIONS }, { chartVersion: '20.3.1' }, []],
  ['a real node and pod anti-affinity', { affinity: REAL_AFFINITY }, {}, []],
  [
    'client IPs on two pods: the K3s tolerations beside the affinity and spread this tool writes',
    { tolerations: K3S_TOLERATIONS },
    { externalTrafficPolicy: 'Local', replicas: 2 },
    [],
  ],
  ['an empty affinity and an empty tolerations list (not written)', { affinity: {}, tolerations: [] }, {}, []],
  ['a zone spread', { topologySpreadConstraints: [SPREAD] }, {}, []],
  [
    'additional volumes: emptyDir in memory, a ConfigMap, a hostPath directory',
    {
      deployment: {
        additionalVolumes: [
          { name: 'scratch', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } },
          { name: 'cfg', configMap: { name: 'traefik-extra', defaultMode: 420 } },
          { name: 'logs', hostPath: { path: '/var/log/traefik', type: 'DirectoryOrCreate' } },
        ],
      },
      additionalVolumeMounts: [{ name: 'cfg', mountPath: '/cfg' }],
    },
    {},
    [],
  ],
  [
    'chart v41.3.0: emptyDir options of the chart volumes',
    {
      persistence: { emptyDir: { medium: 'Memory', sizeLimit: '128Mi' } },
      deployment: { tmpVolume: { emptyDir: { sizeLimit: '512Mi' } } },
    },
    { chartVersion: '41.3.0' },
    [],
  ],
  [
    'chart v41.1.1 writes emptyDir: {} and reads no persistence.emptyDir',
    { persistence: { emptyDir: { sizelimit: '1Gi' } } },
    { chartVersion: '41.1.1' },
    [],
  ],
  [
    'chart v41.3.0 with persistence on writes a claim, not persistence.emptyDir',
    { persistence: { enabled: true, emptyDir: { sizelimit: '1Gi' } } },
    { chartVersion: '41.3.0' },
    [],
  ],
  [
    'an autoscaler on 80% CPU that scales down one pod a minute',
    {
      autoscaling: {
        enabled: true,
        minReplicas: 1,
        maxReplicas: 3,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }],
        behavior: { scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] } },
      },
    },
    {},
    [],
  ],
  [
    'autoscaling off: its metrics are not written',
    { autoscaling: { enabled: false, metrics: [{ type: 'Resource', resource: {} }] } },
    {},
    [],
  ],
];

describe('80a-19: values the chart copies into Traefik pods are held to the Pod schema, as resources is', () => {
  test.each(ROWS)('%s', (_name, values, traefik, refused) => {
    const errors = errorsOf(values, traefik);
    if (!refused.length) return expect(errors).toEqual([]);
    // One line per problem: the schema's findings are not said twice by the kind and node affinity rules.
    expect(errors).toHaveLength(refused.length);
    for (const [key, words] of refused) {
      const line = errors.find((error) => error.includes(`: traefik.values.${key}: `));
      expect(line).toBeDefined();
      expect(line).toMatch(/^config\/t\.yaml:\d+:\d+: /);
      expect(line).toContain(words);
      if (!words.includes('write Exists')) expect(line).toMatch(FAILS);
    }
  });

  test('the construct doors refuse the same tolerations at the same keys', () => {
    const values = { tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'exists', effect: 'NoSchedul' }] };
    for (const refusal of [clusterRefusal({ loadBalancerIPs: ['192.168.0.41'], values }), valuesDoors.chart(values)]) {
      expect(refusal).toMatch(
        /values\.tolerations\[0\]\.operator:? is "exists"; the Kubernetes 1\.27 schema of a pod allows only "Equal", "Exists"/,
      );
      expect(refusal).toMatch(/values\.tolerations\[0\]\.effect:? is "NoSchedul"/);
    }
    expect(clusterRefusal({ loadBalancerIPs: ['192.168.0.41'], values: { tolerations: K3S_TOLERATIONS } })).toBe('');
  });

  test('the same toleration is judged alike in traefik.values and in an extraObjects Deployment', () => {
    const toleration = { key: 'CriticalAddonsOnly', operator: 'exists' };
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'web', image: 'nginx:1.27' }], tolerations: [toleration] },
        },
      },
    };
    const own = valuesDoors.config({ tolerations: [toleration] });
    const extra = valuesDoors.config({ extraObjects: [deployment] });
    expect(own).toContain('tolerations[0].operator: is "exists"');
    expect(extra).toContain('tolerations[0].operator: is "exists"');
    expect(own).toContain('allows only "Equal", "Exists"');
    expect(extra).toContain('allows only "Equal", "Exists"');
  });
});
