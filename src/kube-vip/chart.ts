import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { PropsValidator } from '../config/props-validator';
import { KubeVipDaemonSet } from './daemon-set';
import { KUBE_VIP_SETTINGS_KEYS, KubeVipSettings } from './model';
import { KubeVipRbac } from './rbac';

export type KubeVipChartProps = KubeVipSettings;

/** kube-vip's RBAC and DaemonSet, in that order so the account exists before the pods. */
export class KubeVipChart extends Chart {
  constructor(scope: Construct, id: string, props: KubeVipChartProps) {
    super(scope, id);
    props = PropsValidator.read<KubeVipChartProps>('KubeVipChart', props, KUBE_VIP_SETTINGS_KEYS);
    const rbac = new KubeVipRbac(this, 'Rbac');
    new KubeVipDaemonSet(this, 'DaemonSet', { ...props, serviceAccountName: rbac.serviceAccountName });
  }
}
