import { clusterRefusal, configErrors, devConfig, helmChartConfigRefusal, REFERENCE_K3S, withChanges } from './helpers';

/**
 * Attack round 25 and the reviewer: a map with a `toString` key crashed the rules that stringified it; required node
 * affinity the API server refuses (or that matches no node) was accepted in the values; host ports and percentages
 * in the rollout were left out of the hostNetwork rollout-hang rule.
 */
/** The reference config on the reference servers, with `values` as Traefik's chart values. */
const onServers = (values: object, traefik: object = {}) =>
  withChanges(devConfig(), { traefik: { ...traefik, values }, k3s: REFERENCE_K3S });
/** Every error of the config, through YAML, or the thrown refusal of a K3sVipCluster built from the same data. */
const yamlErrors = (config: unknown) => configErrors(config).join('\n');
const propsErrors = (config: { traefik: object; k3s: object }) => clusterRefusal(config.traefik, { k3s: config.k3s });
const AFFINITY = 'traefik.values.affinity.nodeAffinity';
const TERMS = `${AFFINITY}.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`;
const HOST = 'kubernetes.io/hostname';
const required = (terms: unknown) => ({
  affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } },
});
const expression = (e: object) => required([{ matchExpressions: [e] }]);
const MAP = { toString: 1 };

describe('reviewer: a map with a toString key is judged, not a crash', () => {
  const gateway = (protocol: unknown) => ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: 'g', namespace: 'default' },
    spec: { gatewayClassName: 'traefik', listeners: [{ name: 'l', port: 8000, protocol, hostname: 'a.example.com' }] },
  });
  test.each([
    [
      'an affinity operator',
      expression({ key: HOST, operator: MAP, values: ['k3s-1'] }),
      `${TERMS}[0].matchExpressions[0].operator: is {"toString":1}, which the API server refuses ("not a valid selector operator")`,
    ],
    [
      'a nodeSelector value',
      { nodeSelector: { [HOST]: MAP } },
      // Round 30 (29a-8): a value that is no text is refused as such, whatever the nodes.
      'traefik.values.nodeSelector["kubernetes.io/hostname"]: is a map, but a pod\'s nodeSelector holds texts only',
    ],
    [
      "an extraObjects item's namespace",
      { extraObjects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: MAP } }] },
      'traefik.values.extraObjects[0].metadata.namespace: is {"toString":1}; the Kubernetes 1.27 schema of ConfigMap expects string',
    ],
    ['the replicas', { deployment: { replicas: MAP } }, 'traefik.values.deployment.replicas: is a map, not a number of pods'],
    ['an annotation value', { deployment: { podAnnotations: { a: MAP } } }, 'traefik.values.deployment.podAnnotations.a: is an object'],
    [
      "a Gateway listener's protocol",
      { extraObjects: [gateway(MAP)] },
      'traefik.values.extraObjects[0].spec.listeners[0].protocol: is {"toString":1}',
    ],
  ])('%s, through YAML and construct props', (_name, values, message) => {
    const config = onServers(values);
    expect(yamlErrors(config)).toContain(`config/t.yaml: ${message}`);
    expect(propsErrors(config)).toContain(message);
  });
  test('control: a toString key as data (a ConfigMap key, an annotation name) is accepted', () => {
    const item = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'x', namespace: 'default' },
      data: { toString: 'x', valueOf: 'y' },
    };
    const config = onServers({ extraObjects: [item], deployment: { podAnnotations: { toString: 'x' } } });
    expect(yamlErrors(config)).toBe('');
    expect(propsErrors(config)).toBe('');
  });
});

describe('25a-7 / 25b-6: required node affinity is held to the API server and the scheduler', () => {
  const REFUSES = 'which the API server refuses';
  const EMPTY = 'and an empty term matches no node, so every pod stays Pending';
  const deployment = (affinity: object) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'd', namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'd' } },
      template: { metadata: { labels: { app: 'd' } }, spec: { affinity, containers: [{ name: 'c', image: 'busybox:1.36' }] } },
    },
  });
  const ITEM =
    'traefik.values.extraObjects[0].spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms';
  // [name, values' affinity, path below nodeSelectorTerms, message]
  const refused: Array<[string, object, string, string]> = [
    ['no terms', required([]), '', `is [], and the API server refuses a required node affinity without terms`],
    ['only an empty term', required([{}]), '', `holds only empty terms ([{}]), ${EMPTY}`],
    [
      'only a term with no expressions',
      required([{ matchExpressions: [] }]),
      '',
      `holds only empty terms ([{"matchExpressions":[]}]), ${EMPTY}`,
    ],
    [
      'a lower-case operator',
      expression({ key: HOST, operator: 'in', values: ['k3s-1'] }),
      '[0].matchExpressions[0].operator',
      `is "in", ${REFUSES} ("not a valid selector operator"): write In (case matters)`,
    ],
    [
      'Exists with values',
      expression({ key: HOST, operator: 'Exists', values: ['k3s-1'] }),
      '[0].matchExpressions[0].values',
      `is set for Exists, ${REFUSES}`,
    ],
    [
      'In without values',
      expression({ key: HOST, operator: 'In' }),
      '[0].matchExpressions[0].values',
      `is empty or missing for In, ${REFUSES}`,
    ],
    [
      'Gt with two values',
      expression({ key: 'example.com/gen', operator: 'Gt', values: ['1', '2'] }),
      '[0].matchExpressions[0].values',
      `holds 2 values for Gt, ${REFUSES}`,
    ],
    [
      'Lt with no number',
      expression({ key: 'example.com/gen', operator: 'Lt', values: ['a'] }),
      '[0].matchExpressions[0].values[0]',
      'is "a", but Lt compares the label as a whole number',
    ],
  ];
  test.each(refused)('%s is refused in traefik.values', (_name, values, at, message) => {
    expect(yamlErrors(onServers(values))).toContain(`config/t.yaml: ${TERMS}${at}: ${message}`);
    // Without an inventory of nodes too: the API server refuses it whatever the nodes.
    expect(yamlErrors(withChanges(devConfig(), { traefik: { values } }))).toContain(`${TERMS}${at}: ${message}`);
    // And in a TraefikHelmChartConfig's values.
    expect(helmChartConfigRefusal({ values })).toContain(`${TERMS.replace('traefik.', '')}${at} ${message}`);
  });
  test.each(refused.filter(([name]) => name !== 'a lower-case operator'))(
    '%s is refused in an extraObjects Deployment',
    (_name, values, at, message) => {
      const { affinity } = values as { affinity: object };
      expect(yamlErrors(onServers({ extraObjects: [deployment(affinity)] }))).toContain(`${ITEM}${at}: ${message}`);
    },
  );
  test('nodeSelectorTerms null in traefik.values is refused', () => {
    expect(yamlErrors(onServers(required(null)))).toContain(
      `${TERMS}: is null, and the API server refuses a required node affinity without terms`,
    );
    expect(yamlErrors(onServers({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: {} } } }))).toContain(
      `${TERMS}: is missing, and the API server refuses`,
    );
  });
  test.each([
    ['In on an existing node', expression({ key: HOST, operator: 'In', values: ['k3s-1'] })],
    ['Exists without values', expression({ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists' })],
    ['Gt with one number', expression({ key: 'example.com/gen', operator: 'Gt', values: ['3'] })],
    ['an empty term beside one that holds', required([{}, { matchExpressions: [{ key: HOST, operator: 'In', values: ['k3s-2'] }] }])],
    ['a matchFields term on a node name', required([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['k3s-1'] }] }])],
  ])('control: %s is accepted, in the values and in extraObjects', (_name, values) => {
    expect(yamlErrors(onServers(values))).toBe('');
    expect(yamlErrors(onServers({ extraObjects: [deployment((values as { affinity: object }).affinity)] }))).toBe('');
    expect(helmChartConfigRefusal({ values })).toBe('');
  });
});

describe('25b-5 and reviewer #3: the rollout-hang rule with host ports, and percentages as the controller resolves them', () => {
  const HANGS = 'finds no free node and every rollout hangs';
  const strategy = (rollingUpdate: object) => ({ updateStrategy: { rollingUpdate } });
  const KEY = 'traefik.values.updateStrategy.rollingUpdate';
  test.each([
    [
      'a host port of an entrypoint',
      { deployment: { replicas: 3 }, ports: { web: { hostPort: 8080 } } },
      'traefik.values.ports.web.hostPort: is 8080 with 3 Traefik pod(s) on the 3 node(s) they may run on (k3s-1, k3s-2, k3s-3): a pod holding a host port',
    ],
    [
      'a host port of an additional container',
      {
        deployment: {
          replicas: 3,
          additionalContainers: [{ name: 's', image: 'busybox:1.36', ports: [{ containerPort: 9000, hostPort: 9000 }] }],
        },
      },
      'traefik.values.deployment.additionalContainers[0].ports[0].hostPort: is 9000 with 3 Traefik pod(s)',
    ],
    [
      'maxUnavailable 25% of 3 pods (rounded down to 0)',
      { hostNetwork: true, deployment: { replicas: 3 }, ...strategy({ maxUnavailable: '25%' }) },
      `maxSurge 1, the chart's default; maxUnavailable "25%" at ${KEY}.maxUnavailable, of 3 pod(s) rounded down to 0`,
    ],
    [
      'maxUnavailable 33% of 3 pods (rounded down to 0)',
      { hostNetwork: true, deployment: { replicas: 3 }, ...strategy({ maxUnavailable: '33%' }) },
      `maxUnavailable "33%" at ${KEY}.maxUnavailable, of 3 pod(s) rounded down to 0`,
    ],
    [
      'maxSurge 1% of 3 pods (rounded up to 1)',
      { hostNetwork: true, deployment: { replicas: 3 }, ...strategy({ maxSurge: '1%' }) },
      `maxSurge "1%" at ${KEY}.maxSurge, of 3 pod(s) rounded up to 1; maxUnavailable 0, the chart's default`,
    ],
    [
      'an explicit maxSurge 2',
      { hostNetwork: true, deployment: { replicas: 3 }, ...strategy({ maxSurge: 2 }) },
      `(maxSurge 2 at ${KEY}.maxSurge; maxUnavailable 0, the chart's default)`,
    ],
  ])('%s is refused', (_name, values, message) => {
    const errors = yamlErrors(onServers(values));
    expect(errors).toContain(message);
    expect(errors).toContain(HANGS);
  });
  test('the message says the effective values, not the default, when set', () => {
    expect(yamlErrors(onServers({ hostNetwork: true, deployment: { replicas: 3 }, ...strategy({ maxSurge: 2 }) }))).not.toContain(
      'by default',
    );
  });
  test.each([
    [
      'maxUnavailable 34% of 3 pods (rounded down to 1)',
      { hostNetwork: true, deployment: { replicas: 3 }, ...strategy({ maxUnavailable: '34%' }) },
    ],
    [
      'maxSurge 0% beside maxUnavailable 25% (the controller takes 1 unavailable)',
      { hostNetwork: true, deployment: { replicas: 3 }, ...strategy({ maxSurge: '0%', maxUnavailable: '25%' }) },
    ],
    ['a host port with fewer pods than nodes', { deployment: { replicas: 2 }, ports: { web: { hostPort: 8080 } } }],
    [
      'a host port with the fix',
      { deployment: { replicas: 3 }, ports: { web: { hostPort: 8080 } }, ...strategy({ maxUnavailable: 1, maxSurge: 0 }) },
    ],
    [
      'an additional container without a host port',
      { deployment: { replicas: 3, additionalContainers: [{ name: 's', image: 'busybox:1.36', ports: [{ containerPort: 9000 }] }] } },
    ],
  ])('control: %s is accepted', (_name, values) => {
    expect(yamlErrors(onServers(values))).toBe('');
  });
});

describe('reviewer: no value anywhere in rich chart values crashes a rule when it is a map with a toString key', () => {
  const container = { name: 's', image: 'busybox:1.36', args: ['a'], ports: [{ containerPort: 99, hostPort: 99, protocol: 'TCP' }] };
  const rich = {
    nodeSelector: { [HOST]: 'k3s-1' },
    ...expression({ key: HOST, operator: 'In', values: ['k3s-1'] }),
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: 1 } },
    hostNetwork: true,
    ports: { web: { port: 8000, hostPort: 8080, protocol: 'TCP' } },
    deployment: { replicas: 2, additionalContainers: [container], podAnnotations: { a: 'b' } },
    podDisruptionBudget: { enabled: true, maxUnavailable: 1 },
    extraObjects: [
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'a', annotations: { c: 'd' } }, data: { k: 'v' } },
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'd' },
        spec: {
          selector: { matchLabels: { a: 'b' } },
          template: {
            metadata: { labels: { a: 'b' } },
            spec: { ...expression({ key: 'a', operator: 'In', values: ['b'] }), containers: [container] },
          },
        },
      },
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'Gateway',
        metadata: { name: 'g', namespace: 'n' },
        spec: { gatewayClassName: 'traefik', listeners: [{ name: 'l', port: 8000, protocol: 'HTTP', hostname: 'a.b' }] },
      },
    ],
  };
  /** Every key path of `node`, maps and lists too. */
  const paths = (node: unknown, at: Array<string | number> = []): Array<Array<string | number>> =>
    node && typeof node === 'object'
      ? [at, ...Object.entries(node).flatMap(([key, value]) => paths(value, [...at, Array.isArray(node) ? Number(key) : key]))]
      : [at];
  const replaced = (path: Array<string | number>) => {
    const values = structuredClone(rich) as Record<string | number, any>;
    path.slice(0, -1).reduce((node, key) => node[key], values)[path[path.length - 1]] = MAP;
    return values;
  };
  test('every one is reported as a config error', () => {
    const crashes = paths(rich)
      .filter((path) => path.length)
      .flatMap((path) => {
        try {
          configErrors(onServers(replaced(path)));
          return [];
        } catch (error) {
          return [`${path.join('.')}: ${(error as Error).message}`];
        }
      });
    expect(crashes).toEqual([]);
  });
});
