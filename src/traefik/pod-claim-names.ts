import type { Path, Problem } from '../core/problem';
import type { Finding } from '../validate/paths';
import { isMap } from '../core/is-map';
import { dns1123Subdomain } from '../config/formats';

type Values = Readonly<Record<string, unknown>>;
const volumesOf = (node: Values, key: string): unknown[] => (Array.isArray(node[key]) ? (node[key] as unknown[]) : []);

/**
 * A PersistentVolumeClaim's own name is a DNS-1123 subdomain (kubernetes pkg/apis/core/validation
 * ValidatePersistentVolumeClaim), so a pod volume's `persistentVolumeClaim.claimName` of another form names a claim
 * that can never exist: the API server takes the pod (validatePersistentClaimVolumeSource only requires the name),
 * and the pod waits for the claim forever. The same rule as `persistence.existingClaim` (pod-spec-texts.ts).
 */
export const CLAIM_NAME_RULE = 'is no name a PersistentVolumeClaim can have (a DNS-1123 subdomain), so the pod waits for the claim forever';

/** The claim names of a list of pod volumes: paths below the list's holder, `key` the list's key. */
function claimFindings(holder: Values, key: string): Finding[] {
  return volumesOf(holder, key).flatMap((volume, i): Finding[] => {
    const claim = isMap(volume) && isMap(volume.persistentVolumeClaim) ? volume.persistentVolumeClaim.claimName : undefined;
    const problem = typeof claim === 'string' && claim !== '' ? dns1123Subdomain(claim) : undefined;
    return problem ? [{ path: [key, i, 'persistentVolumeClaim', 'claimName'], message: `${CLAIM_NAME_RULE}: ${problem}` }] : [];
  });
}

/** The claim names of a pod spec's volumes (an `extraObjects` workload's): paths below the pod spec. */
export function podClaimNameFindings(spec: Values): Finding[] {
  return claimFindings(spec, 'volumes');
}

/**
 * The claim names of `deployment.additionalVolumes`, which the chart writes as given (`toYaml`) into Traefik's pod
 * template (templates/_podtemplate.tpl, v20.1.1 to v41.3.0): Traefik's pods wait for the claim and the rollout never completes.
 */
export function additionalVolumeClaimProblems(values: Values, prefix: Path): Problem[] {
  const deployment = isMap(values.deployment) ? values.deployment : {};
  return claimFindings(deployment, 'additionalVolumes').map((finding) => ({
    path: [...prefix, 'values', 'deployment', ...finding.path],
    message: finding.message
      .replace('so the pod waits', "so Traefik's pod waits")
      .replace(/forever/, 'forever and the rollout never completes'),
  }));
}
