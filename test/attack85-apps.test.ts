import { API_SERVER_RULES } from '../src/validate/rules';
import { ruleDoors } from './rule-doors';

/**
 * Round 85 (apps), 85b-5: the API server's rules of a workload beyond its containers (kubernetes/kubernetes
 * pkg/apis/apps/validation ValidateDeploymentSpec, ValidatePodTemplateSpecForReplicaSet, ValidateDaemonSetSpec,
 * ValidateStatefulSetSpec; pkg/apis/batch/validation validateJobSpec, validateCronJobSpec; pkg/apis/core/validation
 * ValidatePodSpec, ValidatePodTemplateSpec, ValidateVolumes, ValidatePodCreate) are applied to extraObjects workloads at
 * every door (the config file, K3sVipCluster, TraefikHelmChartConfig) and by `npm run validate`: a template restartPolicy or
 * activeDeadlineSeconds the kind refuses, negative counts, a progressDeadlineSeconds not above minReadySeconds, a
 * rollingUpdate beside Recreate or OnDelete, a hostname or subdomain that is no DNS-1123 label, a volume name that is no
 * DNS-1123 label or is given twice, ephemeral containers. Realistic workloads pass, and so does a schedulerName of any
 * text (ValidatePodSpec holds it to no format: the finding's "a b" is no API-server refusal).
 */

const CONTAINERS = [{ name: 'h', image: 'busybox:1.36', command: ['sleep', 'infinity'] }];
const LABELS = { app: 'helper' };
const META = { name: 'helper', namespace: 'default' };
const template = (pod: object = {}) => ({ metadata: { labels: LABELS }, spec: { containers: CONTAINERS, ...pod } });
const deployment = (spec: object = {}, pod: object = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: META,
  spec: { selector: { matchLabels: LABELS }, template: template(pod), ...spec },
});
const daemonSet = (spec: object = {}, pod: object = {}) => ({ ...deployment(spec, pod), kind: 'DaemonSet' });
const statefulSet = (spec: object = {}, pod: object = {}) => ({
  ...deployment({ serviceName: 'helper', ...spec }, pod),
  kind: 'StatefulSet',
});
const job = (spec: object = {}, pod: object = { restartPolicy: 'Never' }) => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: META,
  spec: { template: template(pod), ...spec },
});
const cronJob = (spec: object = {}, pod: object = { restartPolicy: 'OnFailure' }) => ({
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: META,
  spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: template(pod) } }, ...spec },
});
const pod = (spec: object) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { ...META, labels: LABELS },
  spec: { containers: CONTAINERS, ...spec },
});
// onPodConditions: [] as the Kubernetes 1.27 schema requires the key (later releases made it optional).
const FAIL_ON_42 = { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [42] }, onPodConditions: [] }] };
const REFUSED = 'which the API server refuses';
const T = 'spec.template.spec';

// [case, extraObjects item, [key path below the item, words of its message]] ([]: passes)
const ROWS: Array<[string, object, Array<[string, string]>]> = [
  [
    'the finding: a Deployment template with restartPolicy Never',
    deployment({}, { restartPolicy: 'Never' }),
    [[`${T}.restartPolicy`, `is "Never", ${REFUSED} in a Deployment (supported values: "Always"`]],
  ],
  [
    'the finding: a Deployment template with activeDeadlineSeconds',
    deployment({}, { activeDeadlineSeconds: 60 }),
    [[`${T}.activeDeadlineSeconds`, 'activeDeadlineSeconds in ReplicaSet is not Supported']],
  ],
  [
    'negative replicas and revisionHistoryLimit',
    deployment({ replicas: -1, revisionHistoryLimit: -1 }),
    [
      ['spec.replicas', `is -1, below 0, ${REFUSED} in a Deployment`],
      ['spec.revisionHistoryLimit', `is -1, below 0, ${REFUSED} in a Deployment`],
    ],
  ],
  [
    'progressDeadlineSeconds not above minReadySeconds',
    deployment({ minReadySeconds: 30, progressDeadlineSeconds: 10 }),
    [['spec.progressDeadlineSeconds', `is 10, not above minReadySeconds (30), ${REFUSED} ("must be greater than minReadySeconds"`]],
  ],
  [
    'minReadySeconds at or above the default progressDeadlineSeconds (600) when that is not written',
    deployment({ minReadySeconds: 600 }),
    [['spec.minReadySeconds', 'is 600, not below progressDeadlineSeconds (600, its default when not given)']],
  ],
  [
    'strategy Recreate with rollingUpdate',
    deployment({ strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } } }),
    [['spec.strategy.rollingUpdate', "may not be specified when strategy `type` is 'Recreate'"]],
  ],
  [
    'a pod hostname and subdomain that are no DNS-1123 label',
    deployment({}, { hostname: 'Bad_Host', subdomain: 'a.b' }),
    [
      [`${T}.hostname`, '"Bad_Host" is not a valid name'],
      [`${T}.subdomain`, 'a pod subdomain is a DNS-1123 label'],
    ],
  ],
  [
    'one volume name twice, and a volume name that is no DNS-1123 label',
    deployment(
      {},
      {
        volumes: [
          { name: 'a', emptyDir: {} },
          { name: 'a', emptyDir: {} },
          { name: 'Bad_Name', emptyDir: {} },
        ],
      },
    ),
    [
      [`${T}.volumes[1].name`, 'is "a", the name of volumes[0] too, and the API server refuses one volume name twice'],
      [`${T}.volumes[2].name`, `a volume name is a DNS-1123 label, ${REFUSED}`],
    ],
  ],
  [
    'ephemeral containers in a pod template',
    deployment({}, { ephemeralContainers: [{ name: 'dbg', image: 'busybox:1.36' }] }),
    [[`${T}.ephemeralContainers`, 'ephemeral containers not allowed in pod template']],
  ],
  [
    'ephemeral containers in a Pod',
    pod({ ephemeralContainers: [{ name: 'dbg', image: 'busybox:1.36' }] }),
    [['spec.ephemeralContainers', '"cannot be set on create"']],
  ],
  [
    'a Job without restartPolicy (defaulted to Always)',
    job({}, {}),
    [[`${T}.restartPolicy`, `is missing, so the pod's restartPolicy is Always (its default), ${REFUSED} in a Job`]],
  ],
  [
    'a Job with restartPolicy Always, a negative backoffLimit, a template deadline of 0',
    job({ backoffLimit: -1 }, { restartPolicy: 'Always', activeDeadlineSeconds: 0 }),
    [
      [`${T}.restartPolicy`, `is "Always", ${REFUSED} in a Job (supported values: "OnFailure", "Never"`],
      ['spec.backoffLimit', 'is -1, below 0'],
      [`${T}.activeDeadlineSeconds`, 'must be between 1 and 2147483647, inclusive'],
    ],
  ],
  [
    'a Job with a podFailurePolicy and restartPolicy OnFailure',
    job({ podFailurePolicy: FAIL_ON_42 }, { restartPolicy: 'OnFailure' }),
    [[`${T}.restartPolicy`, 'only "Never" is supported when podFailurePolicy is specified']],
  ],
  [
    "a CronJob whose job's pods restart Always, and a negative history limit",
    cronJob({ successfulJobsHistoryLimit: -1 }, { restartPolicy: 'Always' }),
    [
      ['spec.jobTemplate.spec.template.spec.restartPolicy', `is "Always", ${REFUSED} in a CronJob`],
      ['spec.successfulJobsHistoryLimit', 'is -1, below 0'],
    ],
  ],
  [
    'a StatefulSet with restartPolicy OnFailure and rollingUpdate beside OnDelete',
    statefulSet({ updateStrategy: { type: 'OnDelete', rollingUpdate: { partition: 0 } } }, { restartPolicy: 'OnFailure' }),
    [
      [`${T}.restartPolicy`, `is "OnFailure", ${REFUSED} in a StatefulSet`],
      ['spec.updateStrategy.rollingUpdate', "only allowed for updateStrategy 'RollingUpdate'"],
    ],
  ],
  [
    'a DaemonSet template with activeDeadlineSeconds',
    daemonSet({}, { activeDeadlineSeconds: 30 }),
    [[`${T}.activeDeadlineSeconds`, 'activeDeadlineSeconds in DaemonSet is not Supported']],
  ],
  // Valid neighbours.
  ['a Deployment with the defaults', deployment(), []],
  [
    'a Deployment with Recreate, no history, a deadline above minReadySeconds, a hostname, a subdomain, its own scheduler',
    deployment(
      { replicas: 0, strategy: { type: 'Recreate' }, revisionHistoryLimit: 0, minReadySeconds: 650, progressDeadlineSeconds: 700 },
      { restartPolicy: 'Always', hostname: 'web-0', subdomain: 'web', schedulerName: 'my-scheduler' },
    ),
    [],
  ],
  [
    'a Job with restartPolicy Never, deadlines, a podFailurePolicy, zero backoff and TTL',
    job(
      { backoffLimit: 0, ttlSecondsAfterFinished: 0, activeDeadlineSeconds: 600, podFailurePolicy: FAIL_ON_42 },
      { restartPolicy: 'Never', activeDeadlineSeconds: 300 },
    ),
    [],
  ],
  ['a CronJob whose pods restart OnFailure', cronJob({ successfulJobsHistoryLimit: 0, failedJobsHistoryLimit: 1 }), []],
  [
    'a StatefulSet with a rolling partition and a claim template its pods mount',
    statefulSet(
      {
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
        volumeClaimTemplates: [
          { metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } },
        ],
      },
      { containers: [{ ...CONTAINERS[0], volumeMounts: [{ name: 'data', mountPath: '/data' }] }] },
    ),
    [],
  ],
  ['a DaemonSet with maxUnavailable', daemonSet({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } } }), []],
  [
    'a DaemonSet with rollingUpdate beside OnDelete (ValidateDaemonSetUpdateStrategy does not judge it)',
    daemonSet({ updateStrategy: { type: 'OnDelete', rollingUpdate: { maxUnavailable: 1 } } }),
    [],
  ],
  ['a Pod that runs to an end, with a deadline', pod({ restartPolicy: 'Never', activeDeadlineSeconds: 30 }), []],
];

describe('85b-5: the API server rules of an extraObjects workload, at every door', () => {
  test.each(ROWS)('the config file: %s', (_, item, expected) => {
    const { errors } = ruleDoors({ extraObjects: [item] });
    for (const [key, words] of expected)
      expect(errors.find((line) => line.startsWith(`traefik.values.extraObjects[0].${key}:`))).toContain(words);
    if (!expected.length) expect(errors).toEqual([]);
  });

  test.each(ROWS.filter(([, , expected]) => expected.length))('K3sVipCluster and TraefikHelmChartConfig: %s', (_, item, expected) => {
    const { cluster, chart } = ruleDoors({ extraObjects: [item] });
    for (const [key, words] of expected)
      for (const refusal of [cluster, chart]) {
        expect(refusal).toContain(`extraObjects[0].${key}`);
        expect(refusal).toContain(words);
      }
  });

  test.each(ROWS)('npm run validate of the written object: %s', (_, item, expected) => {
    const object = JSON.parse(JSON.stringify(item));
    const found = API_SERVER_RULES.flatMap((rule) => rule.check(object, { objects: [object] })).map(
      ({ path, message }) => `${path.join('.')}: ${message}`,
    );
    for (const [key, words] of expected)
      expect(found.find((line) => line.startsWith(`${key.replace(/\[(\d+)\]/g, '.$1')}:`))).toContain(words);
    if (!expected.length) expect(found).toEqual([]);
  });

  test('a restart policy no pod takes ("never") is said once, by the schema', () => {
    const { errors } = ruleDoors({ extraObjects: [deployment({}, { restartPolicy: 'never' })] });
    expect(errors.filter((line) => line.startsWith(`traefik.values.extraObjects[0].${T}.restartPolicy:`))).toEqual([
      expect.stringContaining('is "never"; the Kubernetes 1.27 schema of Deployment allows only "Always", "Never", "OnFailure"'),
    ]);
  });

  test("Traefik's own additionalVolumes given one name twice: refused once, in the same words", () => {
    const { errors } = ruleDoors({
      deployment: {
        additionalVolumes: [
          { name: 'cache', emptyDir: {} },
          { name: 'cache', emptyDir: {} },
        ],
      },
    });
    const lines = errors.filter((line) => line.startsWith('traefik.values.deployment.additionalVolumes[1]'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('and the API server refuses one volume name twice, so the whole Traefik release fails to install');
  });
});
