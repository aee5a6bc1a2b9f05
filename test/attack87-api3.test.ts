import { chartRefusal, configErrors } from './extra-object-doors';

/**
 * Round 87 (api3): API-server rules on `traefik.values.extraObjects` and the chart's `service.spec`. 87b-9 the chart's
 * Service spec judged by `k3s.version` (k3sVersion) as an extraObjects Service is; 87b-5 podFailurePolicy's FailIndex from
 * 1.29, with backoffLimitPerIndex; 87b-3 a CronJob schedule parsed untrimmed, as robfig/cron does; 87b-4 autoscaling/v1's
 * targetCPUUtilizationPercentage above 0; 87b-8 NetworkPolicy peers and their label selectors; 87b-14 at most two
 * policyTypes; 87b-13 a CronJob's jobTemplate has no selector of its own; 87b-12 a Job's successPolicy rules and managedBy.
 * Each refused row names the key and the API server's words; each valid neighbour passes.
 */

const V34 = 'v1.34.1+k3s1';
const V33 = 'v1.33.1+k3s1';
const V32 = 'v1.32.2+k3s1';
const V29 = 'v1.29.6+k3s1';
const V28 = 'v1.28.11+k3s1';

const CONTAINERS = [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'echo $JOB_COMPLETION_INDEX'] }];
const job = (spec: object) => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'warmup', namespace: 'kube-system' },
  spec: { template: { spec: { restartPolicy: 'Never', containers: CONTAINERS } }, ...spec },
});
const cronJob = (spec: object, jobSpec: object = {}) => ({
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'cleanup', namespace: 'kube-system' },
  spec: {
    schedule: '@daily',
    jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: CONTAINERS } }, ...jobSpec } },
    ...spec,
  },
});
const hpaV1 = (spec: object) => ({
  apiVersion: 'autoscaling/v1',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'a1', namespace: 'kube-system' },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'whoami' }, minReplicas: 2, maxReplicas: 5, ...spec },
});
const netpol = (spec: object) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'np1', namespace: 'web' },
  spec: { podSelector: { matchLabels: { app: 'whoami' } }, ...spec },
});
const INDEXED = { completionMode: 'Indexed', completions: 5, parallelism: 2 };
const failIndex = (extra: object = {}) =>
  job({
    ...INDEXED,
    maxFailedIndexes: 2,
    backoffLimitPerIndex: 1,
    podFailurePolicy: { rules: [{ action: 'FailIndex', onExitCodes: { operator: 'In', values: [3] } }] },
    ...extra,
  });
const KUBE_SYSTEM = { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } };

// [case, k3s.version, extraObjects item, [key path below the item, words of its message]] ([]: passes)
const ROWS: Array<[string, string | undefined, object, Array<[string, string]>]> = [
  // 87b-5
  ['FailIndex beside backoffLimitPerIndex on 1.32', V32, failIndex(), []],
  ['FailIndex beside backoffLimitPerIndex on 1.29', V29, failIndex(), []],
  [
    'FailIndex on 1.28 (JobBackoffLimitPerIndex alpha, off): says it needs 1.29',
    V28,
    failIndex(),
    [
      ['spec.podFailurePolicy.rules[0].action', 'needs Kubernetes 1.29 or newer'],
      ['spec.backoffLimitPerIndex', 'needs Kubernetes 1.29 or newer'],
      ['spec.maxFailedIndexes', 'needs Kubernetes 1.29 or newer'],
      ['spec.podFailurePolicy.rules[0].onPodConditions', 'Kubernetes 1.29 and later take it missing'],
    ],
  ],
  [
    'FailIndex with no k3s.version: says so',
    undefined,
    failIndex(),
    [
      ['spec.podFailurePolicy.rules[0].action', 'no k3s.version (k3sVersion) names the release'],
      ['spec.backoffLimitPerIndex', 'no k3s.version (k3sVersion) names the release'],
      ['spec.maxFailedIndexes', 'no k3s.version (k3sVersion) names the release'],
      ['spec.podFailurePolicy.rules[0].onPodConditions', 'Kubernetes 1.29 and later take it missing'],
    ],
  ],
  [
    'FailIndex without backoffLimitPerIndex on 1.32',
    V32,
    failIndex({ backoffLimitPerIndex: undefined, maxFailedIndexes: undefined }),
    [['spec.podFailurePolicy.rules[0].action', 'requires the backoffLimitPerIndex to be set']],
  ],
  [
    'an action that no release has, on 1.32',
    V32,
    failIndex({ podFailurePolicy: { rules: [{ action: 'Retry', onExitCodes: { operator: 'In', values: [3] } }] } }),
    [['spec.podFailurePolicy.rules[0].action', 'FailIndex']],
  ],
  [
    "a CronJob's jobTemplate with FailIndex on 1.32",
    V32,
    cronJob(
      {},
      {
        ...INDEXED,
        backoffLimitPerIndex: 1,
        template: { spec: { restartPolicy: 'Never', containers: CONTAINERS } },
        podFailurePolicy: { rules: [{ action: 'FailIndex', onExitCodes: { operator: 'In', values: [3] } }] },
      },
    ),
    [],
  ],
  // 87b-3
  ['a schedule "@daily " (a blank after)', V32, cronJob({ schedule: '@daily ' }), [['spec.schedule', 'unrecognized descriptor: @daily ']]],
  [
    'a schedule " @daily" (a blank before)',
    V32,
    cronJob({ schedule: ' @daily' }),
    [['spec.schedule', 'expected exactly 5 fields, found 1']],
  ],
  ['a schedule "@daily\\n" (a YAML block)', V32, cronJob({ schedule: '@daily\n' }), [['spec.schedule', 'write "@daily"']]],
  ['a schedule "@every 1h "', V32, cronJob({ schedule: '@every 1h ' }), [['spec.schedule', 'failed to parse duration']]],
  ['a schedule "@daily" in Europe/Berlin', V32, cronJob({ schedule: '@daily', timeZone: 'Europe/Berlin' }), []],
  ['a schedule "0 3 * * *"', V32, cronJob({ schedule: '0 3 * * *' }), []],
  ['a schedule "0 3 * * *\\n" (five fields: robfig splits them on blanks)', V32, cronJob({ schedule: '0 3 * * *\n' }), []],
  ['a schedule " 0  3 * * * " (five fields, odd blanks)', V32, cronJob({ schedule: ' 0  3 * * * ' }), []],
  // 87b-4
  [
    'autoscaling/v1 targetCPUUtilizationPercentage 0',
    V32,
    hpaV1({ targetCPUUtilizationPercentage: 0 }),
    [['spec.targetCPUUtilizationPercentage', 'must be greater than 0']],
  ],
  [
    'autoscaling/v1 targetCPUUtilizationPercentage -5',
    V32,
    hpaV1({ targetCPUUtilizationPercentage: -5 }),
    [['spec.targetCPUUtilizationPercentage', 'must be greater than 0']],
  ],
  ['autoscaling/v1 targetCPUUtilizationPercentage 80', V32, hpaV1({ targetCPUUtilizationPercentage: 80 }), []],
  ['autoscaling/v1 targetCPUUtilizationPercentage 150 (above the requests)', V32, hpaV1({ targetCPUUtilizationPercentage: 150 }), []],
  // 87b-8
  [
    "the finding's NetworkPolicy: ipBlock beside a selector, an empty peer, In with no values, a bad label value",
    V32,
    netpol({
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0' }, podSelector: {} }, {}] }],
      egress: [
        {
          to: [
            { namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: [] }] } },
            { podSelector: { matchLabels: { app: 'bad value!' } } },
          ],
        },
      ],
    }),
    [
      ['spec.ingress[0].from[0]', 'may not specify both ipBlock and another peer'],
      ['spec.ingress[0].from[1]', 'must specify a peer'],
      ['spec.egress[0].to[0].namespaceSelector.matchExpressions[0].values', "must be specified when `operator` is 'In' or 'NotIn'"],
      ['spec.egress[0].to[1].podSelector.matchLabels.app', 'not a valid label'],
    ],
  ],
  [
    'NotIn with no values and an unknown operator in a peer',
    V32,
    netpol({
      ingress: [
        {
          from: [
            {
              podSelector: {
                matchExpressions: [
                  { key: 'app', operator: 'NotIn' },
                  { key: 'tier', operator: 'in', values: ['web'] },
                ],
              },
            },
          ],
        },
      ],
    }),
    [
      ['spec.ingress[0].from[0].podSelector.matchExpressions[0].values', 'NotIn'],
      ['spec.ingress[0].from[0].podSelector.matchExpressions[1].operator', 'write In'],
    ],
  ],
  [
    "the policy's own podSelector with a bad label value",
    V32,
    netpol({ podSelector: { matchLabels: { app: 'who ami' } } }),
    [['spec.podSelector.matchLabels.app', 'not a valid label']],
  ],
  [
    'namespaceSelector and podSelector in one peer, podSelector {} alone, ipBlock alone, In with values',
    V32,
    netpol({
      policyTypes: ['Ingress', 'Egress'],
      ingress: [
        {
          from: [
            { namespaceSelector: KUBE_SYSTEM, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'traefik' } } },
            { podSelector: {} },
            { ipBlock: { cidr: '10.42.0.0/16', except: ['10.42.1.0/24'] } },
          ],
        },
      ],
      egress: [
        {
          to: [
            {
              namespaceSelector: {
                matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['kube-system', 'monitoring'] }],
              },
            },
            { namespaceSelector: {} },
          ],
          ports: [{ port: 53, protocol: 'UDP' }],
        },
      ],
    }),
    [],
  ],
  ['a deny-all policy (podSelector {}, no rules)', V32, netpol({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] }), []],
  // 87b-14
  [
    'three policyTypes',
    V32,
    netpol({ policyTypes: ['Ingress', 'Egress', 'Ingress'], ingress: [{ from: [{ namespaceSelector: KUBE_SYSTEM }] }] }),
    [['spec.policyTypes', 'may not specify more than two policyTypes']],
  ],
  ['policyTypes [Egress]', V32, netpol({ policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: KUBE_SYSTEM }] }] }), []],
  // 87b-13
  [
    "a CronJob's jobTemplate with manualSelector: true and a selector",
    V32,
    cronJob(
      { schedule: '0 3 * * *' },
      {
        manualSelector: true,
        selector: { matchLabels: { app: 'cleanup' } },
        template: { metadata: { labels: { app: 'cleanup' } }, spec: { restartPolicy: 'OnFailure', containers: CONTAINERS } },
      },
    ),
    [
      ['spec.jobTemplate.spec.selector', '`selector` will be auto-generated'],
      ['spec.jobTemplate.spec.manualSelector', 'supported values: "nil", "false"'],
    ],
  ],
  ["a CronJob's jobTemplate with manualSelector: false", V32, cronJob({}, { manualSelector: false }), []],
  // 87b-12
  [
    "the finding's Job: successPolicy rules and managedBy",
    V32,
    job({
      completionMode: 'Indexed',
      completions: 3,
      managedBy: 'my controller',
      successPolicy: { rules: [{}, { succeededCount: 5 }, { succeededIndexes: 'a,b' }] },
    }),
    [
      ['spec.successPolicy.rules[0]', 'at least one of succeededCount or succeededIndexes must be specified'],
      ['spec.successPolicy.rules[1].succeededCount', 'must be less than or equal to 3 (the number of specified completions)'],
      ['spec.successPolicy.rules[2].succeededIndexes', 'error parsing succeededIndexes'],
      ['spec.managedBy', 'domain-prefixed path'],
    ],
  ],
  [
    'succeededIndexes out of range, in the wrong order, and a count above them',
    V32,
    job({
      ...INDEXED,
      successPolicy: {
        rules: [{ succeededIndexes: '0-5' }, { succeededIndexes: '3,1' }, { succeededIndexes: '1-2', succeededCount: 3 }],
      },
    }),
    [
      ['spec.successPolicy.rules[0].succeededIndexes', 'too large index: "5"'],
      ['spec.successPolicy.rules[1].succeededIndexes', 'non-increasing order'],
      ['spec.successPolicy.rules[2].succeededCount', 'the number of indexes in the specified succeededIndexes field'],
    ],
  ],
  [
    'a successPolicy with no rules',
    V32,
    job({ ...INDEXED, successPolicy: { rules: [] } }),
    [['spec.successPolicy.rules', 'at least one rules']],
  ],
  ['a managedBy over 63 characters', V32, job({ managedBy: `example.com/${'c'.repeat(60)}` }), [['spec.managedBy', 'at most 63']]],
  [
    'a managedBy with a host that is no DNS subdomain',
    V32,
    job({ managedBy: 'Example_Com/controller' }),
    [['spec.managedBy', 'domain-prefixed path']],
  ],
  [
    'a sound successPolicy (the Kubernetes docs) and Kueue as managedBy on 1.32',
    V32,
    job({
      completionMode: 'Indexed',
      completions: 10,
      parallelism: 10,
      managedBy: 'kueue.x-k8s.io/multikueue',
      successPolicy: { rules: [{ succeededIndexes: '0,2-3', succeededCount: 1 }, { succeededCount: 10 }] },
    }),
    [],
  ],
  ['a sound successPolicy on 1.31', 'v1.31.4+k3s1', job({ ...INDEXED, successPolicy: { rules: [{ succeededIndexes: '0-4' }] } }), []],
];

describe('round 87 api3: API-server rules on extraObjects and the chart Service, by the cluster release', () => {
  it.each(ROWS)('%s', (_, version, item, expected) => {
    const errors = configErrors({ extraObjects: [item] }, version).filter((e) => e.includes('extraObjects[0]'));
    if (!expected.length) expect(errors).toEqual([]);
    for (const [key, words] of expected)
      expect(errors.find((e) => e.includes(`extraObjects[0].${key}:`) && e.includes(words))).toBeDefined();
    if (expected.length) expect(errors).toHaveLength(expected.length);
  });

  it('87b-5: FailIndex on 1.28 is not refused by quoting the actions of the 1.27 schema', () => {
    expect(configErrors({ extraObjects: [failIndex()] }, V28).join('\n')).not.toMatch(/1\.27 schema of Job allows only/);
  });

  // 87b-9: the chart writes `service.spec` into Traefik's Service, which the cluster's release judges.
  const distribution = (value: string) => ({ service: { spec: { trafficDistribution: value } } });
  const serviceErrors = (value: string, version?: string) =>
    configErrors(distribution(value), version).filter((e) => e.includes('service.spec.trafficDistribution'));

  it.each([
    ['PreferClose on 1.33', 'PreferClose', V33],
    ['PreferClose on 1.31', 'PreferClose', 'v1.31.4+k3s1'],
    ['PreferSameZone on 1.34', 'PreferSameZone', V34],
  ])('87b-9: the chart Service with trafficDistribution %s passes', (_, value, version) => {
    expect(serviceErrors(value, version)).toEqual([]);
    expect(chartRefusal(distribution(value), version)).toBe('');
  });

  it('87b-9: on 1.29 the message names that release, not a missing k3s.version', () => {
    const [error, ...more] = serviceErrors('PreferClose', V29);
    expect(more).toEqual([]);
    expect(error).toContain(`K3s ${V29} is Kubernetes 1.29`);
    expect(error).toContain('needs Kubernetes 1.31 or newer');
    expect(error).not.toContain('no k3s.version');
    // An older API server drops the field: the message does not also say the Service is refused.
    expect(error).toContain('drops it');
    expect(error).not.toContain('refuses the Service');
    expect(chartRefusal(distribution('PreferClose'), V29)).toContain(`K3s ${V29} is Kubernetes 1.29`);
  });

  it('87b-9: with no k3s.version it says so; a value of a later release is judged by the named one', () => {
    expect(serviceErrors('PreferClose').join('\n')).toContain('no k3s.version (k3sVersion) names the release');
    expect(serviceErrors('PreferSameZone', V33).join('\n')).toContain('Kubernetes 1.33 refuses');
  });

  it('the construct door judges extraObjects by its k3sVersion prop too', () => {
    expect(chartRefusal({ extraObjects: [failIndex()] }, V32)).toBe('');
    expect(chartRefusal({ extraObjects: [cronJob({ schedule: '@daily ' })] }, V32)).toContain('spec.schedule');
  });
});
