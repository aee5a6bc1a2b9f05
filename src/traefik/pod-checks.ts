import type { Path, Problem } from '../core/problem';
import type { TraefikChartRules } from './chart-versions';
import { containerMountProblems } from './container-mounts';
import type { Entrypoint } from './entrypoints';
import { dnsConfigValueProblems } from './dns-config-values';
import { entrypointServiceProblems } from './entrypoint-service-rules';
import { extraNodePortProblems } from './extra-node-ports';
import { hostAliasValueProblems } from './host-alias-values';
import { goMemLimitProblems } from './go-mem-limit';
import { goTruthy } from './go-truth';
import { hubPortProblems } from './hub-ports';
import { capabilityNameProblems, sidecarHostPortProblems } from './pod-host-ports';
import { podContainerProblems } from './pod-containers';
import { podSpecTextProblems } from './pod-spec-texts';
import { sidecarProblems } from './sidecar-powers';
import { ownPodLimitProblems } from './own-pod-limits';
import { podValueTypeProblems } from './pod-value-types';
import { privilegedPortProblems } from './privileged-ports';
import { runAsRootProblems } from './run-as-root';
import { serviceSpecValueProblems } from './service-spec-values';
import { serviceValueKeyProblems } from './service-value-keys';
import { duplicateClusterIpProblems, duplicateObjectProblems } from './release-duplicates';
import { additionalVolumeClaimProblems } from './pod-claim-names';
import { autoscalerValueProblems } from './autoscaler-values';
import { podVolumeMountProblems } from './pod-volume-mounts';
import { podVolumeTextProblems } from './pod-volume-texts';
import { podVolumeProblems } from './pod-volumes';
import { tlsSecretValueProblems } from './tls-secret-values';
import { volumeSourceValueProblems } from './volume-source-values';
import { workloadValueTypeProblems } from './workload-value-types';

/**
 * What the API server or the node refuses in Traefik's pods and the release's other Services, on the merged values:
 * pod volume names (pod-volumes.ts), mount paths and sources (pod-volume-mounts.ts), the mounts of every container and
 * the sources of additional volumes (container-mounts.ts), texts of the pod spec the chart writes unquoted
 * (pod-volume-texts.ts, pod-spec-texts.ts) and values of the wrong type there and in the workload's counts (pod-value-types.ts,
 * workload-value-types.ts), `CAP_` capability names, the user's containers as an `extraObjects` pod's
 * (pod-containers.ts), a second Traefik or VIP announcer among them and what they hold of the node and the API
 * (sidecar-powers.ts), what no pod on K3s may hold in Traefik's pods (own-pod-limits.ts), host ports shared with
 * `deployment.additionalContainers` and ports below 1024 under hostNetwork (pod-host-ports.ts, privileged-ports.ts),
 * the nodePorts of `extraObjects` Services (extra-node-ports.ts), and the pod's DNS settings and host aliases
 * (dns-config-values.ts, host-alias-values.ts), the Services' own fields (service-spec-values.ts), keys the chart
 * writes twice or never reads there (service-value-keys.ts), the HorizontalPodAutoscaler's metrics and behavior
 * (autoscaler-values.ts), and a cluster IP or an object identity the release holds twice (release-duplicates.ts).
 */
export function podPortAndVolumeProblems(
  values: Readonly<Record<string, unknown>>,
  entrypoints: readonly Entrypoint[],
  prefix: Path,
  chart: TraefikChartRules,
  generated: Readonly<Record<string, unknown>> = {},
  user: Readonly<Record<string, unknown>> = {},
  k3sVersion?: string,
): Problem[] {
  // `hostNetwork: {{ .Values.hostNetwork }}` in the chart's pod template: Go truth.
  const hostNetwork = goTruthy(values.hostNetwork);
  return [
    ...podVolumeProblems(values, prefix, chart),
    ...volumeSourceValueProblems(values, prefix),
    ...podVolumeMountProblems(values, prefix, chart),
    ...podVolumeTextProblems(values, prefix, chart),
    ...containerMountProblems(values, prefix, chart),
    ...podSpecTextProblems(values, prefix, chart),
    ...podValueTypeProblems(values, prefix, chart),
    ...workloadValueTypeProblems(values, prefix),
    ...capabilityNameProblems(values, prefix),
    ...podContainerProblems(values, prefix, generated, chart, k3sVersion),
    ...sidecarProblems(values, prefix, { generated, user }, chart, k3sVersion),
    ...ownPodLimitProblems(values, prefix, chart, generated, k3sVersion),
    ...sidecarHostPortProblems(values, entrypoints, prefix, hostNetwork),
    ...privilegedPortProblems(values, entrypoints, prefix, hostNetwork, chart),
    ...runAsRootProblems(values, prefix, chart),
    ...additionalVolumeClaimProblems(values, prefix),
    ...extraNodePortProblems(values, entrypoints, prefix, chart.servicesByName),
    ...entrypointServiceProblems(values, entrypoints, prefix),
    ...goMemLimitProblems(values, prefix, chart),
    ...hubPortProblems(values, entrypoints, prefix, chart),
    ...dnsConfigValueProblems(values, prefix, chart),
    ...hostAliasValueProblems(values, prefix, chart),
    ...tlsSecretValueProblems(values, prefix),
    ...serviceSpecValueProblems(values, prefix, chart, k3sVersion),
    ...serviceValueKeyProblems(values, prefix, chart),
    ...autoscalerValueProblems(values, prefix),
    ...duplicateClusterIpProblems(values, prefix, chart),
    ...duplicateObjectProblems(values, prefix, chart),
  ];
}
