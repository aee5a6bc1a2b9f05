import type { Path, Problem } from '../core/problem';
import { isMap } from '../core/is-map';

type Values = Readonly<Record<string, unknown>>;

/** The chart's own entrypoints (traefik/values.yaml `ports`): all TCP unless `protocol` says otherwise. */
const CHART_PORTS = ['web', 'websecure', 'traefik', 'metrics'];

/**
 * 67b-3: Traefik builds an IngressRouteUDP's router only on UDP entrypoints; named on a TCP one, the router gets
 * "entryPoint ... doesn't exist" and serves nothing (traefik/traefik pkg/config/runtime/runtime_udp.go
 * `GetUDPRoutersByEntryPoints`, given only the UDP entrypoints by pkg/server/routerfactory.go). An entrypoint is judged
 * only where `ports.<name>` tells its protocol (the chart's default is TCP); one an argument defines is not judged.
 */
export function udpRouteEntrypointProblems(values: Values, spec: Values, at: Path): Problem[] {
  const ports = isMap(values.ports) ? values.ports : {};
  const args = [values.additionalArguments, values.globalArguments].flatMap((list) => (Array.isArray(list) ? list : []));
  const entryPoints = Array.isArray(spec.entryPoints) ? spec.entryPoints : [];
  return entryPoints.flatMap((name, i): Problem[] => {
    if (typeof name !== 'string') return [];
    const own = ports[name];
    if (own === null || (own === undefined && !CHART_PORTS.includes(name))) return [];
    const argued = args.some((arg) => typeof arg === 'string' && arg.toLowerCase().includes(`entrypoints.${name.toLowerCase()}.`));
    const protocol = isMap(own) && typeof own.protocol === 'string' ? own.protocol : 'TCP';
    if (argued || protocol.toUpperCase() === 'UDP') return [];
    return [
      {
        path: [...at, 'entryPoints', i],
        message: `names entrypoint ${name}, which is ${protocol}${isMap(own) && typeof own.protocol === 'string' ? ` (ports.${name}.protocol)` : " (the chart's default)"}, and Traefik builds an IngressRouteUDP's router on UDP entrypoints only, so the route never serves: name a UDP entrypoint (ports.<name>.protocol: UDP)`,
      },
    ];
  });
}
