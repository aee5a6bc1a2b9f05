import { chartRefusal as chartDoor, configErrors as configDoor } from './extra-object-doors';

/**
 * Round 88b-4: a Job's podFailurePolicy `onExitCodes` as the API server judges it (validatePodFailurePolicyRuleOnExitCodes,
 * kubernetes/kubernetes pkg/apis/batch/validation/validation.go): a containerName of the pod template, 1 to 255 values,
 * no 0 under In, no value twice, in rising order; at most 20 rules. The same at the config and the construct door.
 */

const V33 = 'v1.33.5+k3s1';
const configErrors = (values: object): string[] => configDoor(values, V33);
const chartRefusal = (values: object): string => chartDoor(values, V33);

const job = (rules: object[]) => ({
  extraObjects: [
    {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'warmup', namespace: 'kube-system' },
      spec: {
        podFailurePolicy: { rules },
        template: {
          spec: {
            restartPolicy: 'Never',
            initContainers: [{ name: 'init', image: 'busybox:1.36', command: ['true'] }],
            containers: [{ name: 'main', image: 'busybox:1.36', command: ['true'] }],
          },
        },
      },
    },
  ],
});
const onExit = (onExitCodes: object) => job([{ action: 'FailJob', onExitCodes }]);
const AT = 'traefik.values.extraObjects[0].spec.podFailurePolicy.rules';

describe('88b-4: podFailurePolicy onExitCodes as the API server judges it', () => {
  test.each<[string, object, string, string]>([
    ['0 under In', onExit({ operator: 'In', values: [0, 1] }), `${AT}[0].onExitCodes.values[0]:`, 'must not be 0 for the In operator'],
    ['values out of order', onExit({ operator: 'In', values: [3, 1] }), `${AT}[0].onExitCodes.values:`, 'must be ordered'],
    ['a value twice', onExit({ operator: 'NotIn', values: [1, 1] }), `${AT}[0].onExitCodes.values[1]:`, 'Duplicate value'],
    ['no values', onExit({ operator: 'In', values: [] }), `${AT}[0].onExitCodes.values:`, 'at least one value is required'],
    [
      'a container the pod lacks',
      onExit({ containerName: 'sidecar', operator: 'In', values: [1] }),
      `${AT}[0].onExitCodes.containerName:`,
      'must be one of the container or initContainer names',
    ],
    [
      '21 rules',
      job(Array.from({ length: 21 }, (_, i) => ({ action: 'FailJob', onExitCodes: { operator: 'In', values: [i + 1] } }))),
      `${AT}:`,
      'must have at most 20 items',
    ],
  ])('%s is refused at the config and the construct', (_, values, path, words) => {
    const errors = configErrors(values);
    expect(errors.find((e) => e.startsWith(path) && e.includes(words))).toBeDefined();
    expect(chartRefusal(values)).toContain(words);
  });

  test.each<[string, object]>([
    ['In 1 2 42', onExit({ operator: 'In', values: [1, 2, 42] })],
    ['NotIn 0 (every failure but a clean exit)', onExit({ operator: 'NotIn', values: [0] })],
    ['an init container named', onExit({ containerName: 'init', operator: 'In', values: [3] })],
    ['the main container named', onExit({ containerName: 'main', operator: 'In', values: [3] })],
    ['20 rules', job(Array.from({ length: 20 }, (_, i) => ({ action: 'Ignore', onExitCodes: { operator: 'In', values: [i + 1] } })))],
  ])('%s passes', (_, values) => {
    expect(configErrors(values).filter((e) => e.includes('podFailurePolicy'))).toEqual([]);
    expect(chartRefusal(values)).toBe('');
  });
});
