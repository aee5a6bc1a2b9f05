import { Construct } from 'constructs';
import { k8s } from '../core/k8s';
import { constructArgs } from '../core/construct-args';
import { gateWhatItRenders } from '../output/construct-gate';

/**
 * The ClusterRole rules of https://kube-vip.io/manifests/rbac.yaml as of 2025-01-08
 * (kube-vip/website content/manifests/rbac.yaml). Shipping
 * all six on every version avoids the "forbidden" crash loops of a stale role after an upgrade.
 */
export const KUBE_VIP_RULES: readonly k8s.PolicyRule[] = [
  { apiGroups: [''], resources: ['services/status'], verbs: ['update'] },
  { apiGroups: [''], resources: ['services', 'endpoints'], verbs: ['list', 'get', 'watch', 'update'] },
  { apiGroups: [''], resources: ['nodes'], verbs: ['list', 'get', 'watch', 'update', 'patch'] },
  { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['list', 'get', 'watch', 'update', 'create'] },
  { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['list', 'get', 'watch', 'update'] },
  { apiGroups: [''], resources: ['pods'], verbs: ['list'] },
];

/** ServiceAccount `kube-vip`, ClusterRole `system:kube-vip-role` and its binding, named as upstream. */
export class KubeVipRbac extends Construct {
  public readonly serviceAccountName = 'kube-vip';

  constructor(scope: Construct, id: string) {
    super(...constructArgs(scope, id, 'KubeVipRbac'));
    gateWhatItRenders(this);
    // kube-vip's leases and its DaemonSet live in kube-system (same rbac.yaml).
    const namespace = 'kube-system';
    const roleName = 'system:kube-vip-role';

    new k8s.KubeServiceAccount(this, 'ServiceAccount', {
      metadata: { name: this.serviceAccountName, namespace },
    });
    new k8s.KubeClusterRole(this, 'ClusterRole', {
      metadata: {
        name: roleName,
        annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' },
      },
      rules: KUBE_VIP_RULES.map((rule) => ({ ...rule })),
    });
    new k8s.KubeClusterRoleBinding(this, 'ClusterRoleBinding', {
      metadata: { name: 'system:kube-vip-binding' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleName },
      subjects: [{ kind: 'ServiceAccount', name: this.serviceAccountName, namespace }],
    });
  }
}
