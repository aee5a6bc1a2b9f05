import type { Path } from '../core/problem';
import { podSpecs, WORKLOADS } from './extra-object-rules';
import { renderedObjects } from './extra-objects';
import { isMap } from '../core/is-map';

/** A port a container of the user's own declares, in Traefik's pods or in a workload of `extraObjects`. */
export interface SidecarPort {
  /** `traefik.values.deployment.<list>[i].ports[j]`, or the port's path in an `extraObjects` item. */
  readonly path: Path;
  readonly containerPort: number;
  readonly protocol: string;
  /** Port opened on the node itself. */
  readonly hostPort?: number;
  /**
   * For a pod of `extraObjects`, whether it runs on the node's network (`spec.hostNetwork`); undefined for Traefik's
   * own pods, which follow `hostNetwork` of the values.
   */
  readonly podHostNetwork?: boolean;
}

type Values = Record<string, unknown>;
const LISTS = ['additionalContainers', 'initContainers'] as const;

/** The declared ports of `containers`, at `at`. */
function containerPorts(containers: unknown, at: Path, podHostNetwork?: boolean): SidecarPort[] {
  const list = Array.isArray(containers) ? containers : [];
  return list.flatMap((container, i) => {
    const ports = isMap(container) && Array.isArray(container.ports) ? container.ports : [];
    return ports.flatMap((port: unknown, j: number) => {
      if (!isMap(port) || typeof port.containerPort !== 'number') return [];
      return [
        {
          path: [...at, i, 'ports', j],
          containerPort: port.containerPort,
          protocol: typeof port.protocol === 'string' ? port.protocol : 'TCP',
          ...(typeof port.hostPort === 'number' && { hostPort: port.hostPort }),
          ...(podHostNetwork !== undefined && { podHostNetwork }),
        },
      ];
    });
  });
}

/**
 * The ports of `deployment.additionalContainers` and `deployment.initContainers`, which the chart writes into
 * Traefik's pods as given (templates/_podtemplate.tpl, toYaml, v20.1.1 to v41.3.0): a `hostPort` there claims a port
 * on every node Traefik runs on, as `ports.<name>.hostPort` does. Init containers are counted too, whether or not
 * the kubelet maps their host ports, since a host port there is refused at no cost. Only the user's lists: the
 * generator's own init container opens no port. Then the ports of the pods of workloads in `extraObjects`, shipped in
 * the same release (templates/extra-objects.yaml): K3s' CNI portmap plugin maps their host ports on the nodes the same way.
 */
export function sidecarPorts(user: Values, prefix: Path): SidecarPort[] {
  const deployment = isMap(user.deployment) ? user.deployment : {};
  const own = LISTS.flatMap((list) =>
    containerPorts(Object.hasOwn(deployment, list) ? deployment[list] : undefined, [...prefix, 'values', 'deployment', list]),
  );
  const items = Array.isArray(user.extraObjects) ? user.extraObjects : [];
  const extra = items.flatMap((item, i) =>
    renderedObjects(item)
      .filter((object) => WORKLOADS.has(object.kind))
      .flatMap((object) =>
        podSpecs(object).flatMap(({ spec, at }) =>
          ['initContainers', 'containers'].flatMap((list) =>
            containerPorts(spec[list], [...prefix, 'values', 'extraObjects', i, ...at, list], spec.hostNetwork === true),
          ),
        ),
      ),
  );
  return [...own, ...extra];
}
