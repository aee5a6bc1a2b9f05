import { judgedValues } from './helpers';
import { servedTag } from './traefik-fixtures';

/**
 * Attack round 40b-2 and 40b-5: values of Traefik's pod template of the wrong type on chart versions with no vendored values
 * schema (36.3.0; 27.0.2, the chart K3s bundles), where only the type rules of pod-value-types.ts stand, and on 41.3.0, whose
 * schema refuses them too but one message is kept; priorityClassName, runtimeClassName and existingClaim that are no DNS-1123
 * subdomain, in the values and in extraObjects pod specs. Judged in-process.
 */
const errorsOf = (values: object, chart: string) => judgedValues({ image: { tag: servedTag(chart) }, ...values }, chart).errors;
// The errors at `key` or below it.
const at = (errors: string[], key: string) =>
  errors.filter((e) => /^[:.[]/.test(e.slice(`traefik.values.${key}`.length)) && e.startsWith(`traefik.values.${key}`));
const NOT_TEXT = (kind: string, what: string) =>
  new RegExp(`is .*, ${kind}, not a text, which the chart writes unquoted.*refuses ${what}.* that is no text`);
const localPath = (fields: object) => ({
  experimental: {
    localPlugins: {
      demo: { moduleName: 'github.com/x/y', mountPath: '/plugins-local/src/x', type: 'localPath', volumeName: 'plug', ...fields },
    },
  },
  deployment: { additionalVolumes: [{ name: 'plug', emptyDir: {} }] },
});
const NO_SCHEMA = ['36.3.0', '27.0.2'];

// [name, values, key, message]: refused on every chart version of NO_SCHEMA (new) and once on 41.3.0 (its schema refuses it too).
const TYPED: Array<[string, object, string, RegExp]> = [
  ['priorityClassName 5', { priorityClassName: 5 }, 'priorityClassName', NOT_TEXT('a number', 'a priorityClassName')],
  ['priorityClassName true', { priorityClassName: true }, 'priorityClassName', NOT_TEXT('a boolean', 'a priorityClassName')],
  ['persistence.subPath 5', { persistence: { enabled: true, subPath: 5 } }, 'persistence.subPath', NOT_TEXT('a number', 'a subPath')],
  [
    'persistence.existingClaim 7',
    { persistence: { enabled: true, existingClaim: 7 } },
    'persistence.existingClaim',
    NOT_TEXT('a number', 'a claimName'),
  ],
  ['persistence.path 5', { persistence: { path: 5 } }, 'persistence.path', NOT_TEXT('a number', 'a mountPath')],
  ['persistence.name 5', { persistence: { name: 5 } }, 'persistence.name', NOT_TEXT('a number', 'a volume name')],
  ['deployment.dnsPolicy 5', { deployment: { dnsPolicy: 5 } }, 'deployment.dnsPolicy', NOT_TEXT('a number', 'a DNS policy')],
  [
    'image.pullPolicy true',
    { image: { tag: 'v3.6.2', pullPolicy: true } },
    'image.pullPolicy',
    NOT_TEXT('a boolean', 'an image pull policy'),
  ],
  [
    'image.pullPolicy false (written, no guard)',
    { image: { tag: 'v3.6.2', pullPolicy: false } },
    'image.pullPolicy',
    NOT_TEXT('a boolean', 'an image pull policy'),
  ],
  [
    'deployment.runtimeClassName 5',
    { deployment: { runtimeClassName: 5 } },
    'deployment.runtimeClassName',
    NOT_TEXT('a number', 'a runtimeClassName'),
  ],
  [
    'persistence.subPath {a: 1} (printed as the text map[a:1])',
    { persistence: { enabled: true, subPath: { a: 1 } } },
    'persistence.subPath',
    /is \{"a":1\}, a map, not a text, .*prints it as the text "map\[\.\.\.\]", so the pod gets that as a subPath/,
  ],
  ['deployment.dnsPolicy [a]', { deployment: { dnsPolicy: ['ClusterFirst'] } }, 'deployment.dnsPolicy', NOT_TEXT('a list', 'a DNS policy')],
  [
    'terminationGracePeriodSeconds "abc"',
    { deployment: { terminationGracePeriodSeconds: 'abc' } },
    'deployment.terminationGracePeriodSeconds',
    /is "abc", which the chart writes unquoted as the pod's terminationGracePeriodSeconds, .*whole number of seconds.*default is 60/,
  ],
  [
    'terminationGracePeriodSeconds 2.5',
    { deployment: { terminationGracePeriodSeconds: 2.5 } },
    'deployment.terminationGracePeriodSeconds',
    /is 2\.5, .*whole number/,
  ],
  [
    'terminationGracePeriodSeconds true',
    { deployment: { terminationGracePeriodSeconds: true } },
    'deployment.terminationGracePeriodSeconds',
    /is true, .*whole number/,
  ],
  ['hostNetwork 1', { hostNetwork: 1 }, 'hostNetwork', /is 1, not a boolean, .*hostNetwork, where the API server takes only true or false/],
  ['hostNetwork "abc"', { hostNetwork: 'abc' }, 'hostNetwork', /is "abc", not a boolean/],
  [
    'hostNetwork "false" (written false, read as true by the chart)',
    { hostNetwork: 'false' },
    'hostNetwork',
    /is "false", a text, .*reads it as false, while the chart's own checks .*read any non-empty text as true.*write false, without quotes/,
  ],
  ['hostNetwork "~"', { hostNetwork: '~' }, 'hostNetwork', /reads it as null \(false\)/],
];

// 40b-5: texts that read as texts but are no DNS-1123 subdomain.
const NAMES: Array<[string, object, string, RegExp]> = [
  [
    'priorityClassName High',
    { priorityClassName: 'High' },
    'priorityClassName',
    /is no name the API server takes as a pod's priorityClassName \(a DNS-1123 subdomain\), .*fails to install: "High" is not a valid name.*"high"/,
  ],
  [
    'priorityClassName system_critical',
    { priorityClassName: 'system_critical' },
    'priorityClassName',
    /"system_critical" is not a valid name/,
  ],
  [
    'runtimeClassName Gvisor_1',
    { deployment: { runtimeClassName: 'Gvisor_1' } },
    'deployment.runtimeClassName',
    /is no name the API server takes as a pod's runtimeClassName.*"Gvisor_1" is not a valid name/,
  ],
  [
    'existingClaim Data_1',
    { persistence: { enabled: true, existingClaim: 'Data_1' } },
    'persistence.existingClaim',
    /is no name a PersistentVolumeClaim can have \(a DNS-1123 subdomain\), so Traefik's pod waits for the claim forever.*"Data_1" is not a valid name/,
  ],
  ['priorityClassName of 254 characters', { priorityClassName: 'a'.repeat(254) }, 'priorityClassName', /is 254 characters, at most 253/],
];

describe('refused on chart versions without a values schema', () => {
  test.each(
    NO_SCHEMA.flatMap((chart) =>
      [...TYPED, ...NAMES].map(([name, values, key, message]) => [`${name} (${chart})`, values, chart, key, message] as const),
    ),
  )('%s', (_, values, chart, key, message) => {
    const errors = at(errorsOf(values, chart), key);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });
});

describe('refused once on 41.3.0, which has a values schema', () => {
  test.each([...TYPED, ...NAMES])('%s', (_, values, key, message) => {
    const errors = at(errorsOf(values, '41.3.0'), key);
    expect(errors).toHaveLength(1);
    // The rule that explains the value is the one message kept (a string-typed hostNetwork is the schema's).
    if (!/^hostNetwork "/.test(_)) expect(errors[0]).toMatch(message);
  });
});

describe('fields only some chart versions write', () => {
  test.each<[string, object, string, string, RegExp]>([
    [
      'logs.access.timezone 5 from v37.1.0',
      { logs: { access: { timezone: 5 } } },
      '37.4.0',
      'logs.access.timezone',
      NOT_TEXT('a number', "an env var's value"),
    ],
    [
      'accessLog.timezone 5 from v41.0.0',
      { accessLog: { timezone: 5 } },
      '41.3.0',
      'accessLog.timezone',
      NOT_TEXT('a number', "an env var's value"),
    ],
    [
      'hub.tokenMountPath 5 from v39.0.8',
      { hub: { token: 'lic', tokenMountPath: 5 } },
      '40.2.0',
      'hub.tokenMountPath',
      NOT_TEXT('a number', 'a mountPath'),
    ],
    [
      'localPath volumeName 5',
      localPath({ volumeName: 5 }),
      '37.4.0',
      'experimental.localPlugins.demo.volumeName',
      NOT_TEXT('a number', "a volume mount's name"),
    ],
    [
      'localPath subPath 5',
      localPath({ subPath: 5 }),
      '37.4.0',
      'experimental.localPlugins.demo.subPath',
      NOT_TEXT('a number', 'a subPath'),
    ],
  ])('%s', (_, values, chart, key, message) => {
    const errors = at(errorsOf(values, chart), key);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });
});

describe('accepted (nothing said at the key)', () => {
  test.each<[string, object, string, string]>([
    ['priorityClassName system-cluster-critical', { priorityClassName: 'system-cluster-critical' }, '27.0.2', 'priorityClassName'],
    ['priorityClassName 0 (skipped by `if`)', { priorityClassName: 0 }, '36.3.0', 'priorityClassName'],
    ['priorityClassName false (skipped by `if`)', { priorityClassName: false }, '27.0.2', 'priorityClassName'],
    ['runtimeClassName gvisor', { deployment: { runtimeClassName: 'gvisor' } }, '36.3.0', 'deployment.runtimeClassName'],
    ['runtimeClassName 5 before v26.1.0 (not written)', { deployment: { runtimeClassName: 5 } }, '26.0.0', 'deployment.runtimeClassName'],
    ['dnsPolicy {} (skipped by `with`)', { deployment: { dnsPolicy: {} } }, '36.3.0', 'deployment.dnsPolicy'],
    ['existingClaim 7 without persistence', { persistence: { existingClaim: 7 } }, '36.3.0', 'persistence.existingClaim'],
    [
      'existingClaim traefik.data',
      { persistence: { enabled: true, existingClaim: 'traefik.data' } },
      '27.0.2',
      'persistence.existingClaim',
    ],
    ['subPath 0 (skipped by `if`)', { persistence: { enabled: true, subPath: 0 } }, '36.3.0', 'persistence.subPath'],
    ['logs.access.timezone 5 on v36.3.0 (no TZ written)', { logs: { access: { timezone: 5 } } }, '36.3.0', 'logs.access.timezone'],
    [
      'terminationGracePeriodSeconds 30',
      { deployment: { terminationGracePeriodSeconds: 30 } },
      '36.3.0',
      'deployment.terminationGracePeriodSeconds',
    ],
    [
      'terminationGracePeriodSeconds "30" (written 30)',
      { deployment: { terminationGracePeriodSeconds: '30' } },
      '27.0.2',
      'deployment.terminationGracePeriodSeconds',
    ],
    [
      'terminationGracePeriodSeconds 0 (default 60)',
      { deployment: { terminationGracePeriodSeconds: 0 } },
      '36.3.0',
      'deployment.terminationGracePeriodSeconds',
    ],
    ['hostNetwork false', { hostNetwork: false }, '36.3.0', 'hostNetwork'],
    ['hostNetwork null', { hostNetwork: null }, '27.0.2', 'hostNetwork'],
    ['hostNetwork "yes" (written and read as true)', { hostNetwork: 'yes' }, '36.3.0', 'hostNetwork'],
    ['pullPolicy null (written empty, defaulted)', { image: { tag: 'v3.6.2', pullPolicy: null } }, '36.3.0', 'image.pullPolicy'],
    ['no fields at all', {}, '27.0.2', ''],
  ])('%s', (_, values, chart, key) => {
    expect(key ? at(errorsOf(values, chart), key) : errorsOf(values, chart)).toEqual([]);
  });
});

const pod = (spec: object) => ({ containers: [{ name: 'c', image: 'busybox:1.36' }], ...spec });
const WORKLOADS: Record<string, (spec: object) => object> = {
  Deployment: (spec) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'w', namespace: 'default' },
    spec: { selector: { matchLabels: { app: 'w' } }, template: { metadata: { labels: { app: 'w' } }, spec: pod(spec) } },
  }),
  Pod: (spec) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'w', namespace: 'default' }, spec: pod(spec) }),
  CronJob: (spec) => ({
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'w', namespace: 'default' },
    spec: { schedule: '0 * * * *', jobTemplate: { spec: { template: { spec: pod({ restartPolicy: 'Never', ...spec }) } } } },
  }),
};
const SPEC_AT: Record<string, string> = {
  Deployment: 'spec.template.spec',
  Pod: 'spec',
  CronJob: 'spec.jobTemplate.spec.template.spec',
};

describe('extraObjects pod specs (40b-5)', () => {
  test.each(
    Object.keys(WORKLOADS).flatMap(
      (kind) =>
        [
          [
            kind,
            { priorityClassName: 'High' },
            'priorityClassName',
            /"High" is not a valid name.*\(a PriorityClass name is a DNS-1123 subdomain\)/,
          ],
          [
            kind,
            { runtimeClassName: 'Gvisor_1' },
            'runtimeClassName',
            /"Gvisor_1" is not a valid name.*\(a RuntimeClass name is a DNS-1123 subdomain\)/,
          ],
          [kind, { runtimeClassName: '' }, 'runtimeClassName', /"" is not a valid name.*RuntimeClass/],
        ] as const,
    ),
  )('%s %j is refused', (kind, spec, field, message) => {
    const errors = at(errorsOf({ extraObjects: [WORKLOADS[kind](spec)] }, '36.3.0'), `extraObjects[0].${SPEC_AT[kind]}.${field}`);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  test.each(Object.keys(WORKLOADS))(
    '%s with priorityClassName "" or system-node-critical and runtimeClassName gvisor is accepted',
    (kind) => {
      for (const spec of [{ priorityClassName: '' }, { priorityClassName: 'system-node-critical', runtimeClassName: 'gvisor' }])
        expect(at(errorsOf({ extraObjects: [WORKLOADS[kind](spec)] }, '41.3.0'), 'extraObjects')).toEqual([]);
    },
  );
});

describe('counts of the workload and its autoscaler, on every chart version', () => {
  const hpa = (fields: object) => ({ autoscaling: { enabled: true, maxReplicas: 3, ...fields } });
  test.each<[string, object, string, RegExp]>([
    [
      'minReadySeconds "abc"',
      { deployment: { minReadySeconds: 'abc' } },
      'deployment.minReadySeconds',
      /is "abc", .*minReadySeconds, where the API server takes only a whole number/,
    ],
    [
      'minReadySeconds false (written, no guard)',
      { deployment: { minReadySeconds: false } },
      'deployment.minReadySeconds',
      /is false, .*only a whole number/,
    ],
    [
      'minReadySeconds -1',
      { deployment: { minReadySeconds: -1 } },
      'deployment.minReadySeconds',
      /is -1, .*a whole number from 0 to 2147483647/,
    ],
    [
      'revisionHistoryLimit true',
      { deployment: { revisionHistoryLimit: true } },
      'deployment.revisionHistoryLimit',
      /is true, .*revisionHistoryLimit/,
    ],
    [
      'revisionHistoryLimit 2.5',
      { deployment: { revisionHistoryLimit: 2.5 } },
      'deployment.revisionHistoryLimit',
      /is 2\.5, .*only a whole number/,
    ],
    ['revisionHistoryLimit -3', { deployment: { revisionHistoryLimit: -3 } }, 'deployment.revisionHistoryLimit', /is -3, .*from 0/],
    ['minReplicas "x"', hpa({ minReplicas: 'x' }), 'autoscaling.minReplicas', /is "x", .*HorizontalPodAutoscaler's minReplicas/],
    [
      'maxReplicas true',
      hpa({ maxReplicas: true }),
      'autoscaling.maxReplicas',
      /is true, .*HorizontalPodAutoscaler's maxReplicas.*only a whole number/,
    ],
    ['maxReplicas -2', hpa({ maxReplicas: -2 }), 'autoscaling.maxReplicas', /is -2, .*from 1 to/],
    ['maxReplicas below minReplicas', hpa({ minReplicas: 4 }), 'autoscaling.maxReplicas', /is 3, below autoscaling\.minReplicas \(4\)/],
  ])('%s', (_, values, key, message) => {
    for (const chart of NO_SCHEMA) {
      const errors = at(errorsOf(values, chart), key);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(message);
    }
  });

  test.each<[string, object, string]>([
    ['minReadySeconds 0', { deployment: { minReadySeconds: 0 } }, 'deployment.minReadySeconds'],
    ['minReadySeconds "10" (written 10)', { deployment: { minReadySeconds: '10' } }, 'deployment.minReadySeconds'],
    ['revisionHistoryLimit 0', { deployment: { revisionHistoryLimit: 0 } }, 'deployment.revisionHistoryLimit'],
    ['minReplicas "x" without autoscaling', { autoscaling: { minReplicas: 'x' } }, 'autoscaling.minReplicas'],
    ['minReplicas 2, maxReplicas 3', hpa({ minReplicas: 2 }), 'autoscaling'],
  ])('%s is accepted', (_, values, key) => {
    for (const chart of NO_SCHEMA) expect(at(errorsOf(values, chart), key)).toEqual([]);
  });
});
