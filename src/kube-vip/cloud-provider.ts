import { Construct } from 'constructs';
import { k8s } from '../core/k8s';
import { IP_POOL_SETTINGS_KEYS, ipPoolConfigMapData, IpPoolSettings } from './ip-pool';
import { PropsValidator } from '../config/props-validator';
import { describeValue } from '../core/snapshot';
import * as format from '../config/formats';
import { CLOUD_PROVIDER_IMAGE, DEFAULT_CLUSTER_CIDR, DEFAULT_SERVICE_CIDR } from '../pins';
import { poolInNetworkCheck, poolProblems } from './pool-rules';
import { checkK3sNetworks, type Cidrs } from '../k3s/networks';
import type { Report } from '../core/problem';
import { booleanProblem } from './rules';
import { constructArgs } from '../core/construct-args';
import type { VipNetworks } from '../load-balancer/vip-networks';
import { gateWhatItRenders } from '../output/construct-gate';

export interface KubeVipCloudProviderProps {
  /** The address pools, written to the `kubevip` ConfigMap. */
  readonly pool: IpPoolSettings;
  /**
   * The K3s networks no pool may overlap, as for `kubeVip.services.ipPool` (a K3sVipCluster's config).
   * @default - K3s' default pod and Service networks
   */
  readonly networks?: PoolNetworks;
}

/** The K3s networks a pool is judged against: VipNetworks' pod and Service networks. */
export type PoolNetworks = Pick<VipNetworks, 'clusterCidr' | 'serviceCidr'>;

/** The keys of PoolNetworks, for the unknown-key check. */
export const POOL_NETWORKS_KEYS = { clusterCidr: true, serviceCidr: true } as const;

/** The ConfigMap name and namespace the provider reads by default (KUBEVIP_CONFIG_MAP / KUBEVIP_NAMESPACE). */
const POOL_CONFIG_MAP = 'kubevip';

/**
 * kube-vip-cloud-provider, the IPAM controller that gives LoadBalancer Services without a fixed VIP
 * an address from the `kubevip` ConfigMap's pools; kube-vip then announces it. Objects, names and
 * RBAC as upstream's `manifest/kube-vip-cloud-controller.yaml` @ v0.0.12 (including its `*` rule:
 * the controller creates, patches and deletes events, endpoints, configmaps and leases).
 *
 * @throws K3sVipValidationError when a pool or namespace is not what the provider and the API server accept
 */
export class KubeVipCloudProvider extends Construct {
  constructor(scope: Construct, id: string, props: KubeVipCloudProviderProps) {
    super(...constructArgs(scope, id, 'KubeVipCloudProvider'));
    gateWhatItRenders(this);
    // Only the validated snapshot is read from here on: what was checked is what is rendered.
    props = validate(props);
    const namespace = 'kube-system';
    const account = 'kube-vip-cloud-controller';
    const role = 'system:kube-vip-cloud-controller-role';
    const labels = { app: 'kube-vip', component: 'kube-vip-cloud-provider' };

    new k8s.KubeConfigMap(this, 'ConfigMap', {
      metadata: { name: POOL_CONFIG_MAP, namespace },
      data: ipPoolConfigMapData(props.pool),
    });
    new k8s.KubeServiceAccount(this, 'ServiceAccount', { metadata: { name: account, namespace } });
    new k8s.KubeClusterRole(this, 'ClusterRole', {
      metadata: { name: role, annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' } },
      rules: [
        { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'create', 'update', 'list', 'put'] },
        { apiGroups: [''], resources: ['configmaps', 'endpoints', 'events', 'services/status', 'leases'], verbs: ['*'] },
        { apiGroups: [''], resources: ['nodes', 'services'], verbs: ['list', 'get', 'watch', 'update'] },
      ],
    });
    new k8s.KubeClusterRoleBinding(this, 'ClusterRoleBinding', {
      metadata: { name: 'system:kube-vip-cloud-controller-binding' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
      subjects: [{ kind: 'ServiceAccount', name: account, namespace }],
    });
    const controlPlane = ['node-role.kubernetes.io/control-plane', 'node-role.kubernetes.io/master'];
    new k8s.KubeDeployment(this, 'Deployment', {
      metadata: { name: 'kube-vip-cloud-provider', namespace },
      spec: {
        replicas: 1,
        revisionHistoryLimit: 10,
        selector: { matchLabels: labels },
        strategy: {
          type: 'RollingUpdate',
          rollingUpdate: { maxSurge: k8s.IntOrString.fromString('25%'), maxUnavailable: k8s.IntOrString.fromString('25%') },
        },
        template: {
          metadata: { labels },
          spec: {
            containers: [
              {
                name: 'kube-vip-cloud-provider',
                image: CLOUD_PROVIDER_IMAGE,
                imagePullPolicy: 'Always',
                command: ['/kube-vip-cloud-provider', '--leader-elect-resource-name=kube-vip-cloud-controller'],
              },
            ],
            dnsPolicy: 'ClusterFirst',
            restartPolicy: 'Always',
            terminationGracePeriodSeconds: 30,
            serviceAccountName: account,
            tolerations: [...controlPlane].reverse().map((key) => ({ key, effect: 'NoSchedule' })),
            affinity: {
              nodeAffinity: {
                preferredDuringSchedulingIgnoredDuringExecution: controlPlane.map((key) => ({
                  weight: 10,
                  preference: { matchExpressions: [{ key, operator: 'Exists' }] },
                })),
              },
            },
          },
        },
      },
    });
  }
}

/**
 * Each value on its own, then the pools among themselves with the config's own rule (poolProblems: one of
 * cidr and range, no address in two pools, no namespace range hidden by a global cidr) and outside the K3s
 * networks. How the pools relate to the VIPs is K3sVipCluster's check.
 */
function validate(given: KubeVipCloudProviderProps): KubeVipCloudProviderProps {
  const check = new PropsValidator<KubeVipCloudProviderProps>('KubeVipCloudProvider', given, {
    pool: IP_POOL_SETTINGS_KEYS,
    networks: POOL_NETWORKS_KEYS,
  });
  const props = check.props;
  const cidrs = poolNetworks(check);
  const { pool } = props;
  if (!isObject(pool)) {
    check.problem(['pool'], `${pool === undefined ? 'is required' : describeValue(pool)}: expected { global?, namespaces? }`);
    check.throwIfInvalid();
  }
  const entries = [
    ...(pool.global !== undefined ? [[['pool', 'global'], pool.global] as const] : []),
    ...check
      .mapping(['pool', 'namespaces'], pool.namespaces)
      .map(([namespace, entry]) => [['pool', 'namespaces', namespace], entry] as const),
  ];
  for (const [path, entry] of entries) {
    if (path.length === 3) check.text(path, path[2], format.dns1123Label);
    if (!isObject(entry)) {
      check.problem(path, `${describeValue(entry)}: expected { cidr?, range? }`);
      continue;
    }
    // One text at `<key>`, or a list of them at `<key>[i]`: a message names the path that was written.
    const spans = (key: 'cidr' | 'range', valid: format.FormatCheck, what: string) => {
      const value: unknown = entry[key];
      if (value === undefined || typeof value === 'string') check.text([...path, key], value, valid);
      else if (Array.isArray(value)) value.forEach((item, i) => check.text([...path, key, i], item, valid));
      else check.problem([...path, key], `${describeValue(value)}: expected ${what} or a list of them`);
    };
    spans('cidr', format.cidr, 'a CIDR block (e.g. "192.168.0.64/27")');
    spans('range', format.ipRange, 'an address range (e.g. "192.168.0.64-192.168.0.95")');
    // `'no'` would be written as allow-share "no", which the provider reads as false only by luck.
    check.problem([...path, 'allowShare'], booleanProblem(entry.allowShare));
  }
  // The rule of the config path, once every text is a valid CIDR or range.
  const report: Report = (path, message) => check.problem(path, message);
  if (check.valid) poolProblems(pool, ['pool'], report, poolInNetworkCheck(cidrs!, report));
  check.throwIfInvalid();
  return props;
}

/**
 * 71b-2: the networks the pools must lie outside (kube-vip/pool-rules.ts poolInNetworkCheck, the config's rule), K3s'
 * defaults unless `networks` gives them; undefined (and a problem) when one is unreadable.
 */
function poolNetworks(check: PropsValidator<KubeVipCloudProviderProps>): Cidrs | undefined {
  const { networks } = check.props;
  if (networks !== undefined && !isObject(networks)) {
    check.problem(['networks'], `${describeValue(networks)}: expected { clusterCidr?, serviceCidr? }`);
    return undefined;
  }
  const { clusterCidr = DEFAULT_CLUSTER_CIDR, serviceCidr = DEFAULT_SERVICE_CIDR } = networks ?? {};
  check
    .text(['networks', 'clusterCidr'], clusterCidr, format.clusterNetworks)
    .text(['networks', 'serviceCidr'], serviceCidr, format.clusterNetworks);
  if (!check.valid) return undefined;
  const report: Report = (path, message) => check.problem(['networks', ...path.slice(1)], message);
  return checkK3sNetworks({ k3s: { clusterCidr, serviceCidr } }, report);
}

function isObject(value: unknown): value is object {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
