import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { PropsValidator } from '../config/props-validator';
import { LOAD_BALANCER_SERVICE_KEYS, LoadBalancerService, LoadBalancerServiceProps } from './service';
import { chartArgs } from '../core/construct-args';

export interface LoadBalancerChartProps {
  /** The Services, each checked by LoadBalancerService; a name may repeat only in another namespace. */
  readonly services: readonly LoadBalancerServiceProps[];
}

/** The extra LoadBalancer Services of a cluster, in config order. */
export class LoadBalancerChart extends Chart {
  constructor(scope: Construct, id: string, props: LoadBalancerChartProps) {
    super(...chartArgs(scope, id, 'LoadBalancerChart'));
    const check = new PropsValidator<LoadBalancerChartProps>('LoadBalancerChart', props, { services: LOAD_BALANCER_SERVICE_KEYS });
    props = check.props;
    const items = check.list(['services'], props.services, true);
    check.throwIfInvalid();
    for (const service of items) {
      new LoadBalancerService(this, `${service?.namespace ?? 'default'}--${service?.name}`, service);
    }
  }
}
