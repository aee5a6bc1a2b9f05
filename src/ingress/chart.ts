import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { PropsValidator } from '../config/props-validator';
import { TRAEFIK_INGRESS_KEYS, TraefikIngress, TraefikIngressProps } from './ingress';
import { chartArgs } from '../core/construct-args';

export interface IngressChartProps {
  /** The Ingresses, each checked by TraefikIngress; a name may repeat only in another namespace. */
  readonly ingresses: readonly TraefikIngressProps[];
}

/** Every Ingress of a cluster, in config order. */
export class IngressChart extends Chart {
  constructor(scope: Construct, id: string, props: IngressChartProps) {
    super(...chartArgs(scope, id, 'IngressChart'));
    const check = new PropsValidator<IngressChartProps>('IngressChart', props, { ingresses: TRAEFIK_INGRESS_KEYS });
    props = check.props;
    const items = check.list(['ingresses'], props.ingresses, true);
    check.throwIfInvalid();
    for (const ingress of items) {
      new TraefikIngress(this, `${ingress?.namespace ?? 'default'}--${ingress?.name}`, ingress);
    }
  }
}
