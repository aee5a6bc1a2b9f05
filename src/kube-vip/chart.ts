import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { PropsValidator } from '../config/props-validator';
import { KubeVipDaemonSet, validateKubeVipProps } from './daemon-set';
import { KUBE_VIP_SETTINGS_KEYS, KubeVipSettings } from './model';
import { VIP_NETWORKS_KEYS, VipNetworks } from '../load-balancer/vip-networks';
import { KubeVipRbac } from './rbac';
import { arpInterfaceProblem } from './rules';
import { chartArgs } from '../core/construct-args';
import * as format from '../config/formats';
import { gateWhatItRenders } from '../output/construct-gate';

export interface KubeVipChartProps extends KubeVipSettings {
  /**
   * The networks `controlPlaneAddress` is judged against (KubeVipDaemonSet's `networks`).
   * @default - K3s' default pod and Service networks, a /24 LAN around the VIP (no LAN check under `bgp`)
   */
  readonly networks?: VipNetworks;
}

/** kube-vip's RBAC and DaemonSet, in that order so the account exists before the pods. */
export class KubeVipChart extends Chart {
  constructor(scope: Construct, id: string, props: KubeVipChartProps) {
    super(...chartArgs(scope, id, 'KubeVipChart'));
    // 73a-8: the chart judges what its constructs render, so the app rules' lines it says carry its own path, not a part's.
    gateWhatItRenders(this);
    const check = new PropsValidator<KubeVipChartProps>('KubeVipChart', props, { ...KUBE_VIP_SETTINGS_KEYS, networks: VIP_NETWORKS_KEYS });
    // As for a cluster: in ARP mode (no bgp) the interface must be the LAN's NIC.
    const { interface: nic, bgp } = check.props;
    check
      .requiredText(['version'], check.props.version, format.version)
      .problem(['interface'], typeof nic === 'string' && !bgp ? arpInterfaceProblem(nic) : undefined)
      .throwIfInvalid();
    const rbac = new KubeVipRbac(this, 'Rbac');
    // The DaemonSet's checks, said as this construct's (56b-13): the user built a KubeVipChart.
    const checked = validateKubeVipProps({ ...check.props, serviceAccountName: rbac.serviceAccountName }, 'KubeVipChart');
    new KubeVipDaemonSet(this, 'DaemonSet', checked);
  }
}
