import type { Path } from '../core/problem';
import { isMap } from '../core/is-map';

/** A port a container of the user's own declares in Traefik's pods. */
export interface SidecarPort {
  /** `traefik.values.deployment.<list>[i].ports[j]`. */
  readonly path: Path;
  readonly containerPort: number;
  readonly protocol: string;
  /** Port opened on the node itself. */
  readonly hostPort?: number;
}

type Values = Record<string, unknown>;
const LISTS = ['additionalContainers', 'initContainers'] as const;

/** The declared ports of `containers`, at `at`. */
function containerPorts(containers: unknown, at: Path): SidecarPort[] {
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
 * generator's own init container opens no port. (An `extraObjects` pod may open no port on its node at all:
 * extra-workload-powers.ts.)
 */
export function sidecarPorts(user: Values, prefix: Path): SidecarPort[] {
  const deployment = isMap(user.deployment) ? user.deployment : {};
  return LISTS.flatMap((list) =>
    containerPorts(Object.hasOwn(deployment, list) ? deployment[list] : undefined, [...prefix, 'values', 'deployment', list]),
  );
}
