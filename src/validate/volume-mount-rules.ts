import { groupKind, POD_TEMPLATES } from './kinds';
import { extraVolumeSources, secondSourceMessage, subPathProblems } from './mount-paths';
import { Finding, isRecord, joinPattern, select, show } from './paths';

type KubeObject = Record<string, unknown>;

/**
 * A workload's volume mounts the API server refuses (kubernetes pkg/apis/core/validation ValidateVolumeMounts, per
 * container and init container): an empty name or mountPath ("Required value"), one mountPath twice in a container
 * ("must be unique", compared as written), a mount whose name is no volume of the pod ("Not found"), and a subPath or
 * subPathExpr that leaves the volume or comes with the other (mount-paths.ts); and a pod volume of two sources
 * (validateVolumeSource). Names and paths that are not texts are the schema's to refuse.
 */
export function checkVolumeMounts(object: KubeObject): Finding[] {
  const template =
    POD_TEMPLATES[
      groupKind(typeof object.apiVersion === 'string' ? object.apiVersion : '', typeof object.kind === 'string' ? object.kind : '')
    ];
  if (template === undefined) return [];
  // A StatefulSet's pods also have a volume per claim template, which the controller adds to each pod: the standard way
  // to mount its storage (kubernetes.io/docs/concepts/workloads/controllers/statefulset/, "volumeClaimTemplates").
  const claims = select(object, 'spec.volumeClaimTemplates[*]').flatMap(({ value: claim }) =>
    isRecord(claim) && isRecord(claim.metadata) && typeof claim.metadata.name === 'string' ? [claim.metadata.name] : [],
  );
  return select(object, joinPattern(template, 'spec')).flatMap(({ path: specPath, value: spec }) => {
    if (!isRecord(spec)) return [];
    const sources = select(spec, 'volumes[*]').flatMap(({ path: volumePath, value: volume }) => {
      if (!isRecord(volume)) return [];
      const { first, extra } = extraVolumeSources(volume);
      return extra.map((key) => ({ path: [...specPath, ...volumePath, key], message: secondSourceMessage(first as string) }));
    });
    const volumes = new Set([
      ...claims,
      ...(Array.isArray(spec.volumes) ? spec.volumes : []).flatMap((volume) =>
        isRecord(volume) && typeof volume.name === 'string' ? [volume.name] : [],
      ),
    ]);
    const mounts = ['containers', 'initContainers'].flatMap((list) =>
      select(spec, `${list}[*]`).flatMap(({ path: containerPath, value: container }) => {
        const findings: Finding[] = [];
        const seen = new Map<string, number>();
        select(container, 'volumeMounts[*]').forEach(({ path: mountPath, value: mount }) => {
          if (!isRecord(mount)) return;
          const at = [...specPath, ...containerPath, ...mountPath];
          const index = mountPath[mountPath.length - 1] as number;
          if (typeof mount.name === 'string' && mount.name !== '' && !volumes.has(mount.name))
            findings.push({
              path: [...at, 'name'],
              message: `is ${show(mount.name)}, which names no volume of the pod (spec.volumes), and the API server refuses a mount of a volume the pod does not have: add the volume, or name one the pod has`,
            });
          if (mount.name === '')
            findings.push({
              path: [...at, 'name'],
              message: 'is "", and the API server requires the name of the pod volume to mount: name one of spec.volumes',
            });
          for (const { key, problem } of subPathProblems(mount))
            findings.push({ path: [...at, key], message: `is ${show(mount[key])}, ${problem}` });
          if (mount.mountPath === '')
            findings.push({
              path: [...at, 'mountPath'],
              message: 'is "", and the API server requires a mountPath: write the folder to mount the volume at',
            });
          if (typeof mount.mountPath !== 'string' || mount.mountPath === '') return;
          const first = seen.get(mount.mountPath);
          if (first === undefined) seen.set(mount.mountPath, index);
          else
            findings.push({
              path: [...at, 'mountPath'],
              message: `is ${show(mount.mountPath)}, the same as volumeMounts[${first}].mountPath of this container, and the API server refuses one mountPath twice in a container: mount it at another path`,
            });
        });
        return findings;
      }),
    );
    return [...sources, ...mounts];
  });
}
