import { TRAEFIK_POD_LABELS } from './ha-values';
import { KUBE_VIP_NODE_ROLES } from '../kube-vip/model';

/**
 * Where Traefik's pods may run when its Service keeps client IPs (`externalTrafficPolicy: Local`):
 * only a node with a ready Traefik pod may hold the VIP, and only a node running kube-vip can announce
 * it, so Traefik gets a required node affinity on exactly the roles kube-vip's DaemonSet requires. With
 * several pods, one per node (required anti-affinity), so losing a node never takes two, and a rollout
 * replaces one pod at a time instead of surging a pod that has no free node to go to.
 *
 * Keys and their use are the same in every chart v20 to v41 (traefik/traefik-helm-chart
 * traefik/templates/_podtemplate.tpl renders `affinity` as given; deployment.yaml and daemonset.yaml
 * render `updateStrategy`).
 */
export function traefikPlacementValues(policy: 'Cluster' | 'Local', replicas: number): Record<string, unknown> {
  if (policy !== 'Local') return {};
  const affinity: Record<string, unknown> = {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        // Terms are ORed: a node with either control-plane label, as for kube-vip.
        nodeSelectorTerms: KUBE_VIP_NODE_ROLES.map((key) => ({ matchExpressions: [{ key, operator: 'Exists' }] })),
      },
    },
  };
  if (replicas < 2) return { affinity };
  affinity.podAntiAffinity = {
    requiredDuringSchedulingIgnoredDuringExecution: [
      { labelSelector: { matchLabels: { ...TRAEFIK_POD_LABELS } }, topologyKey: 'kubernetes.io/hostname' },
    ],
  };
  return {
    affinity,
    // The chart's default (maxSurge 1, maxUnavailable 0) would wait forever for a node without a Traefik pod.
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
  };
}
