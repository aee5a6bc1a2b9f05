import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-27';
import { ServiceVipFields } from '../kube-vip/service-vip';

export interface LoadBalancerServicePort {
  /**
   * Port name; required by Kubernetes when there are several.
   * @default - unnamed
   */
  readonly name?: string;
  readonly port: number;
  /**
   * Container port.
   * @default - same as port
   */
  readonly targetPort?: number | string;
  readonly protocol: 'TCP' | 'UDP';
}

export interface LoadBalancerServiceProps {
  readonly name: string;
  readonly namespace: string;
  /** Pod labels to route to. */
  readonly selector: Readonly<Record<string, string>>;
  readonly ports: readonly LoadBalancerServicePort[];
  /** VIP fields for the configured kube-vip release (empty: the pool assigns one). */
  readonly vip: ServiceVipFields;
  /**
   * `spec.loadBalancerClass`.
   * @default - none: kube-vip's default handling of class-less Services
   */
  readonly loadBalancerClass?: string;
  /**
   * `spec.externalTrafficPolicy`.
   * @default - Kubernetes' default, Cluster
   */
  readonly externalTrafficPolicy?: 'Cluster' | 'Local';
}

/** A Service of type LoadBalancer whose external IP kube-vip announces. */
export class LoadBalancerService extends Construct {
  constructor(scope: Construct, id: string, props: LoadBalancerServiceProps) {
    super(scope, id);
    const { vip } = props;
    new k8s.KubeService(this, 'Resource', {
      metadata: {
        name: props.name,
        namespace: props.namespace,
        ...(Object.keys(vip.annotations).length ? { annotations: { ...vip.annotations } } : {}),
      },
      spec: {
        type: 'LoadBalancer',
        selector: { ...props.selector },
        ports: props.ports.map((p) => ({
          ...(p.name ? { name: p.name } : {}),
          port: p.port,
          protocol: p.protocol,
          ...(p.targetPort === undefined ? {} : {
            targetPort: typeof p.targetPort === 'number' ? k8s.IntOrString.fromNumber(p.targetPort) : k8s.IntOrString.fromString(p.targetPort),
          }),
        })),
        loadBalancerIp: vip.loadBalancerIP,
        loadBalancerClass: props.loadBalancerClass,
        externalTrafficPolicy: props.externalTrafficPolicy,
        ipFamilyPolicy: vip.dualStack?.ipFamilyPolicy,
        ipFamilies: vip.dualStack ? [...vip.dualStack.ipFamilies] : undefined,
      },
    });
  }
}
