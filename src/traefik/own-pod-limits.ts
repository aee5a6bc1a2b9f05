import type { Path, Problem } from '../core/problem';
import { isMap } from '../core/is-map';
import type { TraefikChartRules } from './chart-versions';
import { goTruthy } from './go-truth';
import { generatedInits } from './init-container-join';
import { podSecurityLimitProblems } from './pod-security-limits';
import { podAnnotationLimitProblems } from './pod-annotation-limits';
import { traefikSecurityContexts } from './run-as-root';

type Values = Readonly<Record<string, unknown>>;

/**
 * Traefik's own pods as the chart writes them (traefik-helm-chart templates/_podtemplate.tpl, v20.1.1 to v41.3.0: the
 * `podSecurityContext` and Traefik's container's `securityContext` merged over the chart's defaults (run-as-root.ts),
 * `hostNetwork`, the user's `deployment.additionalContainers` after Traefik's container and `deployment.initContainers`),
 * held to what no pod on K3s may hold (pod-security-limits.ts), and its `deployment.podAnnotations` to what the API
 * server takes (pod-annotation-limits.ts): a pod the API server refuses fails the whole Traefik release, and one the
 * kubelet refuses never starts. The init containers this tool writes (`generated`) are its own.
 */
export function ownPodLimitProblems(
  values: Values,
  prefix: Path,
  chart: Pick<TraefikChartRules, 'runAsUserDefault' | 'noNewPrivsDefault' | 'podSeccompDefault'>,
  generated: Values,
  k3sVersion: string | undefined,
): Problem[] {
  const deployment = isMap(values.deployment) ? values.deployment : {};
  const sidecars: unknown[] = Array.isArray(deployment.additionalContainers) ? deployment.additionalContainers : [];
  const inits: unknown[] = Array.isArray(deployment.initContainers) ? deployment.initContainers : [];
  const own = generatedInits(inits, generated);
  const security = traefikSecurityContexts(values, chart);
  const spec = {
    securityContext: security.pod,
    hostNetwork: goTruthy(values.hostNetwork),
    containers: [{ securityContext: security.container }, ...sidecars],
    initContainers: inits.map((container, i) => (own.has(i) ? undefined : container)),
  };
  const where = ([key, index, ...rest]: Path): Path => {
    if (key === 'securityContext') return ['podSecurityContext', index, ...rest];
    if (key === 'initContainers') return ['deployment', 'initContainers', index, ...rest];
    return index === 0 ? rest : ['deployment', 'additionalContainers', (index as number) - 1, ...rest];
  };
  // The pod's annotations (`deployment.podAnnotations`) are judged against every container, this tool's init containers
  // included; Traefik's is named `traefik.fullname`, which name-overrides.ts keeps `traefik`.
  const named = { ...spec, containers: [{ name: 'traefik', securityContext: security.container }, ...sidecars], initContainers: inits };
  const annotations = podAnnotationLimitProblems(named, deployment.podAnnotations, ['deployment', 'podAnnotations'], k3sVersion);
  return [...podSecurityLimitProblems(spec, [], k3sVersion).map(({ at, message }) => ({ at: where(at), message })), ...annotations].map(
    ({ at, message }) => ({ path: [...prefix, 'values', ...at], message }),
  );
}
