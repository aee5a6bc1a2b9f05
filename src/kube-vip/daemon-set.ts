import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-27';
import { EnvVar, KubeVipModel } from './model';

export interface KubeVipDaemonSetProps {
  /** Version-resolved image, env and capabilities. */
  readonly model: KubeVipModel;
  /** ServiceAccount the pods run as (needs the kube-vip ClusterRole). */
  readonly serviceAccountName: string;
}

/**
 * DaemonSet `kube-vip-ds`, field for field what kube-vip's own generator prints with
 * `--inCluster --taint` (kube-vip/kube-vip pkg/kubevip/config_generator.go). Built on the plain `k8s` class, not
 * cdk8s-plus-27's DaemonSet: plus-27 would add non-root, no-token, resource and selector defaults
 * and spell capabilities `CAP_NET_ADMIN` (fixed only from plus-28, cdk8s-team/cdk8s-plus#4267), none of which kube-vip
 * runs with.
 */
export class KubeVipDaemonSet extends Construct {
  public static readonly NAME = 'kube-vip-ds';

  constructor(scope: Construct, id: string, props: KubeVipDaemonSetProps) {
    super(scope, id);
    const { model } = props;
    const selector = { 'app.kubernetes.io/name': KubeVipDaemonSet.NAME };
    const labels = { ...selector, 'app.kubernetes.io/version': model.version };

    new k8s.KubeDaemonSet(this, 'Resource', {
      metadata: { name: KubeVipDaemonSet.NAME, namespace: 'kube-system', labels },
      spec: {
        selector: { matchLabels: selector },
        template: {
          metadata: { labels },
          spec: {
            // --taint: run only on control-plane nodes, whichever of the two role labels they carry.
            affinity: {
              nodeAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: {
                  nodeSelectorTerms: ['node-role.kubernetes.io/master', 'node-role.kubernetes.io/control-plane']
                    .map((key) => ({ matchExpressions: [{ key, operator: 'Exists' }] })),
                },
              },
            },
            containers: [{
              name: 'kube-vip',
              image: model.image,
              imagePullPolicy: model.imagePullPolicy,
              args: ['manager'],
              env: model.env.map(toEnvVar),
              securityContext: {
                capabilities: {
                  add: [...model.capabilities.add],
                  ...(model.capabilities.drop.length ? { drop: [...model.capabilities.drop] } : {}),
                },
              },
            }],
            hostNetwork: true,
            serviceAccountName: props.serviceAccountName,
            tolerations: [
              { effect: 'NoSchedule', operator: 'Exists' },
              { effect: 'NoExecute', operator: 'Exists' },
            ],
          },
        },
      },
    });
  }
}

function toEnvVar(env: EnvVar): k8s.EnvVar {
  if ('value' in env) return { name: env.name, value: env.value };
  if ('fieldPath' in env) return { name: env.name, valueFrom: { fieldRef: { fieldPath: env.fieldPath } } };
  return { name: env.name, valueFrom: { secretKeyRef: { name: env.secret.name, key: env.secret.key } } };
}
