import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { PropsValidator } from '../config/props-validator';
import { KubeVipCloudProvider, POOL_NETWORKS_KEYS, PoolNetworks } from './cloud-provider';
import { IP_POOL_SETTINGS_KEYS, IpPoolSettings } from './ip-pool';
import { chartArgs } from '../core/construct-args';

export interface KubeVipCloudProviderChartProps {
  /** The address ranges or CIDRs Service VIPs are handed out from. */
  readonly pool: IpPoolSettings;
  /**
   * The K3s networks no pool may overlap (KubeVipCloudProvider's `networks`).
   * @default - K3s' default pod and Service networks
   */
  readonly networks?: PoolNetworks;
}

/** kube-vip-cloud-provider and its pool ConfigMap (IP pool mode only). */
export class KubeVipCloudProviderChart extends Chart {
  constructor(scope: Construct, id: string, props: KubeVipCloudProviderChartProps) {
    super(...chartArgs(scope, id, 'KubeVipCloudProviderChart'));
    props = PropsValidator.read<KubeVipCloudProviderChartProps>('KubeVipCloudProviderChart', props, {
      pool: IP_POOL_SETTINGS_KEYS,
      networks: POOL_NETWORKS_KEYS,
    });
    new KubeVipCloudProvider(this, 'CloudProvider', props);
  }
}
