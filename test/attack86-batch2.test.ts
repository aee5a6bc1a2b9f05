import { chartRefusal, configErrors } from './extra-object-doors';

/**
 * Round 86 (batch2): 86a-1 the Job and Service fields later releases serve (podFailurePolicy's optional onPodConditions,
 * backoffLimitPerIndex, maxFailedIndexes, successPolicy, podReplacementPolicy, managedBy, trafficDistribution) judged by
 * `k3s.version`, and their inner rules; 86a-2/3 an HPA's replica bounds for autoscaling/v1 and its behavior bounds (also
 * through Traefik's own `autoscaling`); 86a-4/5 a CronJob's schedule, timeZone and name, an Indexed Job's completions, a
 * Job selector without manualSelector; 86a-7 a NetworkPolicy's ipBlock and policyTypes; 86a-10 a removed apiVersion names
 * the current one. Each refused row names the key and the API server's words; each valid neighbour passes.
 */

const V33 = 'v1.33.1+k3s1';
const V29 = 'v1.29.6+k3s1';
const V28 = 'v1.28.11+k3s1';

const CONTAINERS = [{ name: 'm', image: 'busybox:1.36' }];
const META = { name: 'migrate', namespace: 'kube-system' };
const job = (spec: object) => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: META,
  spec: { template: { spec: { restartPolicy: 'Never', containers: CONTAINERS } }, ...spec },
});
const cronJob = (spec: object, name = 'c1') => ({
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name, namespace: 'web' },
  spec: {
    schedule: '@daily',
    jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: CONTAINERS } } } },
    ...spec,
  },
});
const hpa = (apiVersion: string, spec: object) => ({
  apiVersion,
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'h', namespace: 'web' },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 3, ...spec },
});
const netpol = (spec: object) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'np1', namespace: 'web' },
  spec: { podSelector: { matchLabels: { app: 'web' } }, ...spec },
});
const service = (spec: object) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'web' },
  spec: { selector: { app: 'web' }, ports: [{ port: 80 }], ...spec },
});
// The Kubernetes docs' example (kubernetes.io/docs/tasks/job/pod-failure-policy, job-pod-failure-policy-example.yaml).
const DOCS_POLICY = {
  rules: [
    { action: 'FailJob', onExitCodes: { containerName: 'm', operator: 'In', values: [42] } },
    { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] },
  ],
};
const INDEXED = { completions: 10, parallelism: 3, completionMode: 'Indexed' };

// [case, k3s.version, extraObjects item, [key path below the item, words of its message]] ([]: passes)
const ROWS: Array<[string, string | undefined, object, Array<[string, string]>]> = [
  // 86a-1: fields of later releases, by k3s.version.
  ["the docs' podFailurePolicy example on 1.33", V33, job({ backoffLimit: 0, podFailurePolicy: DOCS_POLICY }), []],
  [
    "the docs' podFailurePolicy example on 1.28 (onPodConditions required by its schema until 1.29)",
    V28,
    job({ backoffLimit: 0, podFailurePolicy: DOCS_POLICY }),
    [['spec.podFailurePolicy.rules[0].onPodConditions', 'Kubernetes 1.29 and later take it missing): write onPodConditions: []']],
  ],
  [
    'a podFailurePolicy rule with neither onExitCodes nor onPodConditions on 1.33',
    V33,
    job({ podFailurePolicy: { rules: [{ action: 'FailJob' }] } }),
    [['spec.podFailurePolicy.rules[0]', 'one of OnExitCodes and OnPodConditions is required']],
  ],
  [
    'a podFailurePolicy rule with both on 1.33',
    V33,
    job({
      podFailurePolicy: {
        rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [1] }, onPodConditions: [{ type: 'DisruptionTarget' }] }],
      },
    }),
    [['spec.podFailurePolicy.rules[0]', 'both OnExitCodes and OnPodConditions is not supported']],
  ],
  [
    'an Indexed Job with backoffLimitPerIndex and maxFailedIndexes on 1.33',
    V33,
    job({ ...INDEXED, backoffLimitPerIndex: 1, maxFailedIndexes: 5 }),
    [],
  ],
  [
    'the same on 1.28 (JobBackoffLimitPerIndex: alpha, off)',
    V28,
    job({ ...INDEXED, backoffLimitPerIndex: 1, maxFailedIndexes: 5 }),
    [
      ['spec.backoffLimitPerIndex', 'needs Kubernetes 1.29 or newer'],
      ['spec.maxFailedIndexes', 'needs Kubernetes 1.29 or newer'],
    ],
  ],
  [
    'backoffLimitPerIndex on a NonIndexed Job (1.33)',
    V33,
    job({ backoffLimitPerIndex: 1 }),
    [['spec.backoffLimitPerIndex', 'requires indexed completion mode']],
  ],
  [
    'maxFailedIndexes without backoffLimitPerIndex, above completions (1.33)',
    V33,
    job({ ...INDEXED, maxFailedIndexes: 11 }),
    [
      ['spec.backoffLimitPerIndex', 'when maxFailedIndexes is specified'],
      ['spec.maxFailedIndexes', 'above completions (10)'],
    ],
  ],
  [
    'a successPolicy and podReplacementPolicy on an Indexed Job (1.33)',
    V33,
    job({ ...INDEXED, successPolicy: { rules: [{ succeededIndexes: '0-2', succeededCount: 1 }] }, podReplacementPolicy: 'Failed' }),
    [],
  ],
  [
    'a successPolicy on a NonIndexed Job and podReplacementPolicy Always (1.33)',
    V33,
    job({ successPolicy: { rules: [{ succeededCount: 1 }] }, podReplacementPolicy: 'Always' }),
    [
      ['spec.successPolicy', 'requires indexed completion mode'],
      ['spec.podReplacementPolicy', 'TerminatingOrFailed, Failed'],
    ],
  ],
  [
    'a CronJob job template with backoffLimitPerIndex on 1.33',
    V33,
    cronJob({
      jobTemplate: {
        spec: { ...INDEXED, backoffLimitPerIndex: 2, template: { spec: { restartPolicy: 'Never', containers: CONTAINERS } } },
      },
    }),
    [],
  ],
  [
    "a Deployment spec's backoffLimitPerIndex stays unknown on 1.33",
    V33,
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: META,
      spec: {
        backoffLimitPerIndex: 1,
        selector: { matchLabels: { a: 'b' } },
        template: { metadata: { labels: { a: 'b' } }, spec: { containers: CONTAINERS } },
      },
    },
    [['spec.backoffLimitPerIndex', 'is not a field']],
  ],
  ['a Service with trafficDistribution PreferClose on 1.33', V33, service({ trafficDistribution: 'PreferClose' }), []],
  [
    'the same on 1.29',
    V29,
    service({ trafficDistribution: 'PreferClose' }),
    [['spec.trafficDistribution', 'needs Kubernetes 1.31 or newer']],
  ],
  [
    'trafficDistribution of another value on 1.33',
    V33,
    service({ trafficDistribution: 'Nearest' }),
    [['spec.trafficDistribution', 'PreferClose']],
  ],
  // 86a-2
  [
    'an autoscaling/v1 HPA with min above max',
    undefined,
    hpa('autoscaling/v1', { minReplicas: 4, maxReplicas: 2, targetCPUUtilizationPercentage: 80 }),
    [['spec.maxReplicas', 'below minReplicas (4)']],
  ],
  [
    'an autoscaling/v1 HPA with maxReplicas 0',
    undefined,
    hpa('autoscaling/v1', { maxReplicas: 0 }),
    [['spec.maxReplicas', 'must be greater than 0']],
  ],
  [
    'an autoscaling/v1 HPA within bounds',
    undefined,
    hpa('autoscaling/v1', { minReplicas: 2, maxReplicas: 5, targetCPUUtilizationPercentage: 80 }),
    [],
  ],
  // 86a-3
  [
    'an HPA behavior over its bounds',
    undefined,
    hpa('autoscaling/v2', {
      behavior: { scaleDown: { stabilizationWindowSeconds: 4000, policies: [{ type: 'Percent', value: 0, periodSeconds: 4000 }] } },
    }),
    [
      ['spec.behavior.scaleDown.stabilizationWindowSeconds', 'less than or equal to 3600'],
      ['spec.behavior.scaleDown.policies[0].value', 'must be greater than zero'],
      ['spec.behavior.scaleDown.policies[0].periodSeconds', 'less than or equal to 1800'],
    ],
  ],
  [
    'an HPA with a scaleDown policy',
    undefined,
    hpa('autoscaling/v2', {
      behavior: {
        scaleDown: { stabilizationWindowSeconds: 300, selectPolicy: 'Min', policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] },
        scaleUp: { stabilizationWindowSeconds: 0, policies: [{ type: 'Percent', value: 100, periodSeconds: 1800 }] },
      },
    }),
    [],
  ],
  [
    // validateResourceSource takes either target (v1.27 to v1.35), and the controller then scales by utilization.
    'an AverageValue target with averageUtilization only (not refused upstream)',
    undefined,
    hpa('autoscaling/v2', {
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'AverageValue', averageUtilization: 80 } } }],
    }),
    [],
  ],
  // 86a-4
  [
    'a CronJob with CRON_TZ= in its schedule',
    V33,
    cronJob({ schedule: 'CRON_TZ=Europe/Berlin 0 3 * * *' }),
    [['spec.schedule', 'use timeZone']],
  ],
  ['a CronJob with a 4-field schedule', V33, cronJob({ schedule: '0 3 * *' }), [['spec.schedule', 'expected exactly 5 fields']]],
  ['a CronJob with an out-of-range hour', V33, cronJob({ schedule: '0 25 * * *' }), [['spec.schedule', 'unparseable']]],
  ['a CronJob with an unknown descriptor', V33, cronJob({ schedule: '@fortnightly' }), [['spec.schedule', 'unparseable']]],
  ['a CronJob with an unknown time zone', V33, cronJob({ timeZone: 'Berlin' }), [['spec.timeZone', 'unknown time zone Berlin']]],
  ['a CronJob @daily in Europe/Berlin', V33, cronJob({ schedule: '@daily', timeZone: 'Europe/Berlin' }), []],
  ['a CronJob 0 3 * * 1-5', V33, cronJob({ schedule: '0 3 * * 1-5' }), []],
  ['a CronJob */15 with names, steps and lists', V33, cronJob({ schedule: '*/15 8-18/2 1,15 jan-dec MON-FRI', timeZone: 'Etc/UTC' }), []],
  ['a CronJob @every 1h', V33, cronJob({ schedule: '@every 1h' }), []],
  [
    'a CronJob with weekday 7 (robfig/cron takes 0 to 6)',
    V33,
    cronJob({ schedule: '0 3 * * 7' }),
    [['spec.schedule', 'above maximum (6)']],
  ],
  [
    'a CronJob with a zone in the wrong case',
    V33,
    cronJob({ timeZone: 'europe/berlin' }),
    [['spec.timeZone', 'case-sensitive: Europe/Berlin']],
  ],
  ['a CronJob with timeZone Local', V33, cronJob({ timeZone: 'Local' }), [['spec.timeZone', 'explicit time zone']]],
  [
    'a CronJob with an offset as its zone (ICU takes it, Go does not)',
    V33,
    cronJob({ timeZone: '+05:00' }),
    [['spec.timeZone', 'unknown time zone +05:00']],
  ],
  ['a CronJob in America/Argentina/Buenos_Aires', V33, cronJob({ timeZone: 'America/Argentina/Buenos_Aires' }), []],
  // 86a-5
  [
    'an Indexed Job without completions',
    V33,
    job({ completionMode: 'Indexed', parallelism: 2 }),
    [['spec.completions', 'when completion mode is Indexed']],
  ],
  [
    'a CronJob name over 52 characters',
    V33,
    cronJob({}, 'c-with-a-rather-long-name-for-a-cronjob-that-is-over52'),
    [['metadata.name', 'no more than 52 characters']],
  ],
  ['a CronJob name of 52 characters', V33, cronJob({}, 'c'.repeat(52)), []],
  [
    'a Job with its own selector and no manualSelector',
    V33,
    job({
      selector: { matchLabels: { x: 'y' } },
      template: { metadata: { labels: { x: 'y' } }, spec: { restartPolicy: 'Never', containers: CONTAINERS } },
    }),
    [['spec.selector', 'manualSelector']],
  ],
  [
    'a Job with its own selector and manualSelector: true',
    V33,
    job({
      manualSelector: true,
      selector: { matchLabels: { x: 'y' } },
      template: { metadata: { labels: { x: 'y' } }, spec: { restartPolicy: 'Never', containers: CONTAINERS } },
    }),
    [],
  ],
  // 86a-7
  [
    'an ipBlock with a bad cidr and bad except items',
    undefined,
    netpol({
      ingress: [
        {
          from: [
            { ipBlock: { cidr: '10.42.0.0/16', except: ['10.43.0.0/24', '10.42.0.0/16', 'not-a-cidr'] } },
            { ipBlock: { cidr: '10.42.0.0/33' } },
          ],
        },
      ],
    }),
    [
      ['spec.ingress[0].from[0].ipBlock.except[0]', 'strict subset of `cidr`'],
      ['spec.ingress[0].from[0].ipBlock.except[1]', 'strict subset of `cidr`'],
      ['spec.ingress[0].from[0].ipBlock.except[2]', 'not a valid CIDR'],
      ['spec.ingress[0].from[1].ipBlock.cidr', 'not a valid CIDR'],
    ],
  ],
  [
    'policyTypes in lower case',
    undefined,
    netpol({ policyTypes: ['ingress'] }),
    [['spec.policyTypes[0]', 'supported values: "Ingress", "Egress"']],
  ],
  [
    'a NetworkPolicy with good ipBlocks and policyTypes',
    undefined,
    netpol({
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ ipBlock: { cidr: '10.42.0.0/16', except: ['10.42.1.0/24'] } }] }],
      egress: [
        {
          to: [
            { ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } },
            { ipBlock: { cidr: 'fd00::/8', except: ['fd00:1::/32'] } },
          ],
        },
      ],
    }),
    [],
  ],
  // 86a-10
  ['batch/v1beta1 CronJob', undefined, { ...cronJob({}), apiVersion: 'batch/v1beta1' }, [['apiVersion', 'write apiVersion: batch/v1']]],
  ['autoscaling/v2beta2 HPA', V33, hpa('autoscaling/v2beta2', {}), [['apiVersion', 'write apiVersion: autoscaling/v2']]],
  [
    'extensions/v1beta1 Deployment',
    undefined,
    { apiVersion: 'extensions/v1beta1', kind: 'Deployment', metadata: META, spec: {} },
    [['apiVersion', 'write apiVersion: apps/v1']],
  ],
];

describe('round 86 batch2: Job, CronJob, HPA, NetworkPolicy, Service fields as the cluster release takes them', () => {
  it.each(ROWS)('%s', (_, version, item, expected) => {
    const errors = configErrors({ extraObjects: [item] }, version).filter((e) => e.includes('extraObjects[0]'));
    if (!expected.length) expect(errors).toEqual([]);
    for (const [key, words] of expected)
      expect(errors.find((e) => e.includes(`extraObjects[0].${key}:`) && e.includes(words))).toBeDefined();
  });

  it('the construct door judges by its k3sVersion prop too', () => {
    const values = { extraObjects: [job({ ...INDEXED, backoffLimitPerIndex: 1 })] };
    expect(chartRefusal(values, V33)).toBe('');
    expect(chartRefusal(values, V28)).toContain('backoffLimitPerIndex');
    expect(chartRefusal({ extraObjects: [cronJob({ schedule: 'CRON_TZ=UTC 0 3 * * *' })] }, V33)).toContain('spec.schedule');
  });

  it("Traefik's own autoscaling.behavior is held to the same bounds", () => {
    const autoscaling = (behavior: object) => ({
      autoscaling: {
        enabled: true,
        minReplicas: 2,
        maxReplicas: 10,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } }],
        behavior,
      },
    });
    const bad = configErrors(
      autoscaling({ scaleDown: { stabilizationWindowSeconds: 4000, policies: [{ type: 'Pods', value: 0, periodSeconds: 60 }] } }),
    );
    expect(bad.find((e) => e.includes('autoscaling.behavior.scaleDown.stabilizationWindowSeconds:'))).toBeDefined();
    expect(bad.find((e) => e.includes('autoscaling.behavior.scaleDown.policies[0].value:'))).toBeDefined();
    expect(configErrors(autoscaling({ scaleDown: { policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] } }))).toEqual([]);
  });

  it('an unknown time zone is told what to write', () => {
    const errors = configErrors({ extraObjects: [cronJob({ timeZone: 'Berlin' })] }, V33);
    expect(errors.join('\n')).toMatch(/IANA/);
  });
});
