import type { Path, Problem } from '../core/problem';
import type { Finding } from '../validate/paths';
import { isMap } from '../core/is-map';
import { dns1123Label, dns1123Subdomain } from '../config/formats';

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

/**
 * The claim templates of a StatefulSet (`spec.volumeClaimTemplates[].metadata.name`): the StatefulSet controller adds a
 * pod volume of each template's name to every pod (kubernetes pkg/controller/statefulset stateful_set_utils.go
 * updateStorage) and a pod volume's name is a DNS-1123 label (pkg/apis/core/validation ValidateVolumes), so a template of
 * another name makes every pod fail to be created. Paths below the object.
 */
export function claimTemplateFindings(item: Values): Finding[] {
  const spec = item.kind === 'StatefulSet' && isMap(item.spec) ? item.spec : {};
  return volumesOf(spec, 'volumeClaimTemplates').flatMap((template, i): Finding[] => {
    const name = isMap(template) && isMap(template.metadata) ? template.metadata.name : undefined;
    const problem = typeof name === 'string' ? dns1123Label(name) : undefined;
    return problem
      ? [
          {
            path: ['spec', 'volumeClaimTemplates', i, 'metadata', 'name'],
            message:
              "is no name the StatefulSet controller can give the pod volume it adds for the claim template (a pod volume's name is a " +
              `DNS-1123 label), so none of its pods can be created: ${problem}`,
          },
        ]
      : [];
  });
}
