import { App } from 'cdk8s';
import { K3sVipCluster } from '../src/index';
import { devConfig, judgeConfig, REFERENCE_K3S, withChanges } from './helpers';

/**
 * Attack rounds 24b and 24a: required node affinity judged as nodeSelector is (24b-2), host ports of workloads in
 * extraObjects held to the host-port rule of Traefik's own pods (24b-12), a hostNetwork Deployment whose pods fill the
 * nodes they may run on (24b-16), and disruption budget counts the API server refuses or that let every pod go (24a-9).
 */
const judge = judgeConfig;
/** The reference setup's three servers, and one agent beside them. */
const WITH_AGENT = { ...REFERENCE_K3S, agents: [{ name: 'w-1', address: '192.168.0.21' }] };
const onNodes = (traefik: object, k3s: object = REFERENCE_K3S) => withChanges(devConfig(), { traefik, k3s });
const warningsOf = (config: unknown) =>
  new K3sVipCluster(new App(), 'c', config as never).warnings.map((w) => `${w.path.join('.')}: ${w.message}`).join('\n');

describe('24b-2: required node affinity is judged as nodeSelector is', () => {
  const TERMS = 'traefik.values.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms';
  const NONE = 'which no node Traefik may run on carries, so every Traefik pod stays Pending';
  const hostname = (operator: string, values?: string[]) => ({ key: 'kubernetes.io/hostname', operator, ...(values && { values }) });
  const CONTROL_PLANE = 'node-role.kubernetes.io/control-plane';
  const required = (terms: object[][], traefik: object = {}, k3s?: object) =>
    onNodes(
      {
        ...traefik,
        values: {
          ...(traefik as { values?: object }).values,
          affinity: {
            nodeAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms.map((e) => ({ matchExpressions: e })) },
            },
          },
        },
      },
      k3s,
    );
  test.each([
    ['a node that does not exist', required([[hostname('In', ['k3s-9'])]]), `requires kubernetes.io/hostname In ["k3s-9"], ${NONE}`],
    [
      'no control-plane role on a cluster of servers',
      required([[{ key: CONTROL_PLANE, operator: 'DoesNotExist' }]]),
      `requires ${CONTROL_PLANE} DoesNotExist, ${NONE}`,
    ],
    [
      'every server left out',
      required([[hostname('NotIn', ['k3s-1', 'k3s-2', 'k3s-3'])]]),
      `requires kubernetes.io/hostname NotIn ["k3s-1","k3s-2","k3s-3"], ${NONE}`,
    ],
    [
      'two ORed terms, neither held',
      required([[hostname('In', ['k3s-8'])], [hostname('In', ['k3s-9'])]]),
      `requires kubernetes.io/hostname In ["k3s-8"] or kubernetes.io/hostname In ["k3s-9"], ${NONE}`,
    ],
    [
      'two ANDed expressions no node holds both of',
      required([[hostname('In', ['w-1']), { key: CONTROL_PLANE, operator: 'Exists' }]], {}, WITH_AGENT),
      `requires kubernetes.io/hostname In ["w-1"] and ${CONTROL_PLANE} Exists, ${NONE}`,
    ],
    [
      'an unknown label beside a node that does not exist',
      required([[hostname('In', ['k3s-9']), { key: 'example.com/zone', operator: 'In', values: ['a'] }]]),
      `requires kubernetes.io/hostname In ["k3s-9"], ${NONE}`,
    ],
    [
      'a node other than the nodeSelector one',
      required([[hostname('In', ['k3s-2'])]], { values: { nodeSelector: { 'kubernetes.io/hostname': 'k3s-1' } } }),
      `selects {"kubernetes.io/hostname":"k3s-1"}, and requires kubernetes.io/hostname In ["k3s-2"], ${NONE}`,
    ],
  ])('%s is refused', (_name, config, message) => {
    judge(config, `${TERMS}: ${message}`);
  });
  test.each([
    ['one existing node, one pod', required([[hostname('In', ['k3s-1'])]])],
    ['no control-plane role, with an agent', required([[{ key: CONTROL_PLANE, operator: 'DoesNotExist' }]], {}, WITH_AGENT)],
    ['two servers of three left out', required([[hostname('NotIn', ['k3s-1', 'k3s-2'])]])],
    ['an ORed term that holds', required([[hostname('In', ['k3s-9'])], [hostname('In', ['k3s-2'])]])],
    ['a label this tool does not know', required([[{ key: 'example.com/zone', operator: 'In', values: ['a'] }]])],
    [
      'the nodeSelector node among the affinity ones',
      required([[hostname('In', ['k3s-1', 'k3s-2'])]], { values: { nodeSelector: { 'kubernetes.io/hostname': 'k3s-1' } } }),
    ],
  ])('control: %s is accepted', (_name, config) => {
    judge(config, undefined);
  });
  test('more pods than the nodes it leaves are warned about, as with nodeSelector', () => {
    const terms = [[hostname('In', ['k3s-1', 'k3s-2'])]];
    expect(warningsOf(required(terms, { replicas: 3 }))).toContain(
      `${TERMS}: requires kubernetes.io/hostname In ["k3s-1","k3s-2"], which leaves 2 node(s) (k3s-1, k3s-2) for 3 Traefik pods`,
    );
    expect(warningsOf(required(terms, { replicas: 2 }))).not.toContain(TERMS);
  });
});

describe('24b-16: a hostNetwork Deployment whose pods fill the nodes they may run on hangs every rollout', () => {
  const HANGS = 'traefik.values.hostNetwork: is true with';
  const FIX = 'set traefik.values.updateStrategy.rollingUpdate: {maxUnavailable: 1, maxSurge: 0}';
  test.each([
    ['3 pods on 3 servers', onNodes({ replicas: 3, values: { hostNetwork: true } }), '3 Traefik pod(s) on the 3 node(s)'],
    [
      '3 pods through the values on 3 servers',
      onNodes({ values: { hostNetwork: true, deployment: { replicas: 3 } } }),
      '3 Traefik pod(s) on the 3 node(s)',
    ],
    [
      '2 pods on the 2 nodes the affinity leaves',
      onNodes({
        replicas: 2,
        values: {
          hostNetwork: true,
          affinity: {
            nodeAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: {
                nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'NotIn', values: ['k3s-3'] }] }],
              },
            },
          },
        },
      }),
      '2 Traefik pod(s) on the 2 node(s) they may run on (k3s-1, k3s-2)',
    ],
    [
      'an explicit maxUnavailable 0',
      onNodes({ replicas: 3, values: { hostNetwork: true, updateStrategy: { rollingUpdate: { maxUnavailable: 0 } } } }),
      '3 Traefik pod(s)',
    ],
  ])('%s is refused', (_name, config, message) => {
    judge(config, `${HANGS} ${message}`);
    judge(config, FIX);
  });
  test.each([
    ['2 pods on 3 servers', onNodes({ replicas: 2, values: { hostNetwork: true } })],
    ['3 pods on 3 servers and an agent', onNodes({ replicas: 3, values: { hostNetwork: true } }, WITH_AGENT)],
    [
      '3 pods on 3 servers with the fix',
      onNodes({ replicas: 3, values: { hostNetwork: true, updateStrategy: { rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } } } }),
    ],
    ['3 pods on 3 servers without hostNetwork', onNodes({ replicas: 3 })],
  ])('control: %s is accepted', (_name, config) => {
    judge(config, undefined);
  });
});

describe('24b-12: host ports of workloads in extraObjects are held to the host-port rule', () => {
  const pod = (container: object, spec: object = {}) => ({
    ...spec,
    containers: [{ name: 'c', image: 'busybox:1.36', ...container }],
  });
  const template = (spec: object) => ({ metadata: { labels: { app: 'd' } }, spec });
  const workload = (kind: string, spec: object): object => {
    const metadata = { name: 'd', namespace: 'default' };
    if (kind === 'Pod') return { apiVersion: 'v1', kind, metadata, spec };
    if (kind === 'CronJob') {
      return { apiVersion: 'batch/v1', kind, metadata, spec: { schedule: '@daily', jobTemplate: { spec: { template: template(spec) } } } };
    }
    const apiVersion = kind === 'Job' ? 'batch/v1' : 'apps/v1';
    const selector = kind === 'Job' ? {} : { selector: { matchLabels: { app: 'd' } } };
    const service = kind === 'StatefulSet' ? { serviceName: 'd' } : {};
    return { apiVersion, kind, metadata, spec: { ...selector, ...service, template: template(spec) } };
  };
  const withItem = (item: object | string) => onNodes({ values: { extraObjects: [item] } });
  // Wave 84 (83a-3): an extraObjects pod opens no port of its node at all (extra-workload-powers.ts), which says more than
  // the rule on K3s' own ports did; a hostNetwork pod is refused as such.
  const HOST_PORT = (port: number) => `hostPort: is ${port}, a port of every node the pod runs on`;
  test.each([
    [
      'a DaemonSet with host port 6443',
      'DaemonSet',
      pod({ ports: [{ containerPort: 8443, hostPort: 6443 }] }),
      'spec.template.spec.containers[0].ports[0].',
      HOST_PORT(6443),
    ],
    [
      'a hostNetwork Pod listening on the kubelet port',
      'Pod',
      pod({ ports: [{ containerPort: 10250 }] }, { hostNetwork: true }),
      'spec.',
      "hostNetwork: is true, which runs the pod on the node's own network",
    ],
    [
      "a CronJob's init container with host port 2379",
      'CronJob',
      pod({}, { initContainers: [{ name: 'i', image: 'busybox:1.36', ports: [{ containerPort: 1, hostPort: 2379 }] }] }),
      'spec.jobTemplate.spec.template.spec.initContainers[0].ports[0].',
      HOST_PORT(2379),
    ],
    [
      'a ReplicaSet with flannel VXLAN host port',
      'ReplicaSet',
      pod({ ports: [{ containerPort: 1, hostPort: 8472, protocol: 'UDP' }] }),
      'spec.template.spec.containers[0].ports[0].',
      HOST_PORT(8472),
    ],
    [
      'a Job with host port 6443',
      'Job',
      { ...pod({ ports: [{ containerPort: 1, hostPort: 6443 }] }), restartPolicy: 'Never' },
      'spec.template.spec.containers[0].ports[0].',
      HOST_PORT(6443),
    ],
    [
      'another host port',
      'DaemonSet',
      pod({ ports: [{ containerPort: 8443, hostPort: 8443 }] }),
      'spec.template.spec.containers[0].ports[0].',
      HOST_PORT(8443),
    ],
    [
      'host port 443 over UDP',
      'Deployment',
      pod({ ports: [{ containerPort: 443, hostPort: 443, protocol: 'UDP' }] }),
      'spec.template.spec.containers[0].ports[0].',
      HOST_PORT(443),
    ],
    [
      'a Pod with host port 9100',
      'Pod',
      pod({ ports: [{ containerPort: 9100, hostPort: 9100 }] }),
      'spec.containers[0].ports[0].',
      HOST_PORT(9100),
    ],
  ])('%s is refused', (_name, kind, spec, at, message) => {
    judge(withItem(workload(kind, spec)), `traefik.values.extraObjects[0].${at}${message}`);
  });
  test('an item written as text is read as the workload it renders', () => {
    const text = JSON.stringify(workload('DaemonSet', pod({ ports: [{ containerPort: 8443, hostPort: 6443 }] })));
    judge(withItem(text), `traefik.values.extraObjects[0].spec.template.spec.containers[0].ports[0].${HOST_PORT(6443)}`);
  });
  test.each([['port 6443 in the pod only', 'DaemonSet', pod({ ports: [{ containerPort: 6443 }] })]])(
    'control: %s is accepted',
    (_name, kind, spec) => {
      judge(withItem(workload(kind, spec)), undefined);
    },
  );
});

describe('24a-9: disruption budget counts are what the API server takes, and one that lets every pod go is warned about', () => {
  const BUDGET = 'traefik.values.podDisruptionBudget';
  const budget = (counts: object, replicas = 3) => onNodes({ replicas, values: { podDisruptionBudget: { enabled: true, ...counts } } });
  const REFUSED = 'which the API server refuses in a PodDisruptionBudget, failing the whole Traefik release';
  test.each([
    [{ minAvailable: 'abc' }, 'minAvailable: is "abc", neither a whole number of pods (0 or more) nor a percentage such as "50%"'],
    [{ maxUnavailable: '1e999' }, 'maxUnavailable: is "1e999", neither a whole number of pods (0 or more) nor a percentage such as "50%"'],
    [{ maxUnavailable: 1.5 }, 'maxUnavailable: is 1.5, neither a whole number of pods (0 or more) nor a percentage such as "50%"'],
    [{ maxUnavailable: -1 }, 'maxUnavailable: is -1, neither a whole number of pods (0 or more) nor a percentage such as "50%"'],
    [{ minAvailable: '101%' }, 'minAvailable: is "101%", a percentage over 100%'],
    [{ maxUnavailable: 2 ** 31 }, `maxUnavailable: is ${2 ** 31}, more pods than a count holds (${2 ** 31 - 1})`],
  ])('%j is refused', (counts, message) => {
    judge(budget(counts), `${BUDGET}.${message}, ${REFUSED}: write a number of pods`);
  });
  test.each([
    [{ minAvailable: '50%' }],
    [{ minAvailable: '2' }],
    [{ maxUnavailable: 1 }],
    [{ minAvailable: '1' }],
    [{ maxUnavailable: '100%' }],
  ])('control: %j is accepted', (counts) => {
    judge(budget(counts), undefined);
  });
  const LETS_ALL_GO = 'Traefik pod(s), so a drain may evict every Traefik pod at once and nothing serves ingress until they start again';
  test.each([
    [{ maxUnavailable: 3 }, 3, 'maxUnavailable: is 3 with 3'],
    [{ maxUnavailable: '100%' }, 2, 'maxUnavailable: is "100%" with 2'],
    [{ minAvailable: '0%' }, 3, 'minAvailable: is "0%" with 3'],
    // Not minAvailable 0: the chart drops it, and a budget with no count blocks every drain (attack28-chart.test.ts).
  ])('%j with %d pods is warned about', (counts, replicas, message) => {
    const config = budget(counts, replicas);
    judge(config, undefined);
    expect(warningsOf(config)).toContain(`${BUDGET}.${message} ${LETS_ALL_GO}: use maxUnavailable: 1`);
  });
  test.each([
    [{ maxUnavailable: 2 }, 3],
    [{ minAvailable: 1 }, 2],
    [{ maxUnavailable: '50%' }, 3],
  ])('control: %j with %d pods is not warned about', (counts, replicas) => {
    expect(warningsOf(budget(counts, replicas))).not.toContain(LETS_ALL_GO);
  });
});
