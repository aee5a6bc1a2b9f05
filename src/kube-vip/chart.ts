import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { KubeVipDaemonSet } from './daemon-set';
import { KubeVipModel } from './model';
import { KubeVipRbac } from './rbac';

export interface KubeVipChartProps {
  /** Version-resolved DaemonSet settings. */
  readonly model: KubeVipModel;
}

/** kube-vip's RBAC and DaemonSet, in that order so the account exists before the pods. */
export class KubeVipChart extends Chart {
  constructor(scope: Construct, id: string, props: KubeVipChartProps) {
    super(scope, id);
    const rbac = new KubeVipRbac(this, 'Rbac');
    new KubeVipDaemonSet(this, 'DaemonSet', { model: props.model, serviceAccountName: rbac.serviceAccountName });
  }
}
