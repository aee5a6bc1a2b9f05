import { isMap } from '../core/is-map';
import { formatPath } from '../core/problem';
import { podSpecs, WORKLOADS } from '../traefik/extra-object-rules';
import { nodePortProblem } from '../traefik/pod-rules';
import { AppObject, where } from './construct-app-objects';

/**
 * Round 71: a port an app's workload beside a construct opens on its node where K3s holds it (the kubelet's 10250, etcd's,
 * flannel's, ...), refused as for a workload in `traefik.values.extraObjects` (traefik/pod-rules.ts nodePortProblem): its
 * `hostPort`, or under `spec.hostNetwork` its container port. Init containers count, as there.
 */
export function siblingPodFindings(objects: readonly AppObject[], speaks: (o: AppObject) => boolean): string[] {
  return objects.flatMap((o) => {
    if (!speaks(o) || !WORKLOADS.has(o.object.kind)) return [];
    return podSpecs(o.object).flatMap(({ spec, at }) =>
      ['initContainers', 'containers'].flatMap((list) =>
        (Array.isArray(spec[list]) ? spec[list] : []).flatMap((container: unknown, i: number) =>
          (isMap(container) && Array.isArray(container.ports) ? container.ports : []).flatMap((port: unknown, j: number) => {
            if (!isMap(port) || typeof port.containerPort !== 'number') return [];
            const hostPort = typeof port.hostPort === 'number' ? port.hostPort : undefined;
            const protocol = typeof port.protocol === 'string' ? port.protocol : 'TCP';
            const taken = nodePortProblem(hostPort, port.containerPort, protocol, spec.hostNetwork === true);
            return taken ? [`${where(o)}: ${formatPath([...at, list, i, 'ports', j])} ${taken}`] : [];
          }),
        ),
      ),
    );
  });
}
