import { keyText, Path, Problem, quotedText } from '../core/problem';
import { isMap } from '../core/is-map';
import { appProtocolProblem } from '../validate/service-port-rules';
import type { Entrypoint } from './entrypoints';
import { goTruthy } from './go-truth';

type Values = Readonly<Record<string, unknown>>;
const FAILS = 'so the whole Traefik release fails to install';

/**
 * What the chart writes from `ports.<name>` on every Service the entrypoint is exposed on, judged per Service as the API
 * server does (traefik/traefik-helm-chart traefik/templates/_service.tpl `traefik.service-ports`, `traefik.service-spec`,
 * commit 06c7b601; service.yaml runs each additionalServices entry through the same helpers; a Service's type is
 * `default "LoadBalancer" .service.type`): `nodePort` lands on each of them, and the API server refuses it on a ClusterIP
 * Service ("may not be used when `type` is 'ClusterIP'") and gives a node port to one Service only (the cluster-wide
 * allocator: "provided port is already allocated"); `appProtocol` lands on each and must be a qualified name
 * (validateServicePort, ValidateQualifiedName); `loadBalancerClass` of an additional Service is written whatever its
 * type, and the API server accepts it on type LoadBalancer only.
 */
export function entrypointServiceProblems(values: Values, entrypoints: readonly Entrypoint[], prefix: Path): Problem[] {
  const service = isMap(values.service) ? values.service : {};
  const additional = isMap(service.additionalServices) ? service.additionalServices : {};
  const typeOf = (name: string): string => {
    const block = name === 'default' ? service : isMap(additional[name]) ? (additional[name] as Values) : {};
    return typeof block.type === 'string' && block.type ? block.type : 'LoadBalancer';
  };
  const label = (name: string) => (name === 'default' ? "Traefik's Service" : `additional Service ${quotedText(name, () => false, '')}`);
  const problems: Problem[] = [];
  const ports = isMap(values.ports) ? values.ports : {};
  for (const entry of entrypoints) {
    const port = isMap(ports[entry.name]) ? (ports[entry.name] as Values) : undefined;
    if (!port || !entry.services.length) continue;
    const at = [...prefix, 'values', 'ports', entry.name];
    const key = `ports.${keyText(entry.name)}`;
    if (goTruthy(port.nodePort)) {
      const clusterIp = entry.services.find((name) => typeOf(name) === 'ClusterIP');
      const allocated = entry.services.filter((name) => typeOf(name) === 'NodePort' || typeOf(name) === 'LoadBalancer');
      if (clusterIp !== undefined)
        problems.push({
          path: [...at, 'nodePort'],
          message:
            `is set, and the chart writes it on every Service ${key} is exposed on, ${label(clusterIp)} of type ClusterIP included, where the API server ` +
            `refuses it ("may not be used when \`type\` is 'ClusterIP'"), ${FAILS}: remove nodePort, or do not expose ${key} on that Service`,
        });
      else if (allocated.length > 1)
        problems.push({
          path: [...at, 'nodePort'],
          message:
            `is set, and the chart writes it on every Service ${key} is exposed on (${allocated.map(label).join(', ')}), but the API server gives a ` +
            `node port to one Service only ("provided port is already allocated"), ${FAILS}: remove nodePort (Kubernetes then picks one per Service), ` +
            `or expose ${key} on one of them`,
        });
    }
    if (goTruthy(port.appProtocol)) {
      const problem = typeof port.appProtocol === 'string' ? appProtocolProblem(port.appProtocol) : 'is not a string';
      if (problem) problems.push({ path: [...at, 'appProtocol'], message: `${problem}, ${FAILS}` });
    }
  }
  for (const [name, extra] of Object.entries(additional)) {
    if (!isMap(extra) || extra.enabled === false || !goTruthy(extra.loadBalancerClass) || typeOf(name) === 'LoadBalancer') continue;
    problems.push({
      path: [...prefix, 'values', 'service', 'additionalServices', name, 'loadBalancerClass'],
      message:
        `is set on ${label(name)} of type ${typeOf(name)}; the chart writes it whatever the type, and the API server accepts it on a LoadBalancer only, ` +
        `${FAILS}: remove loadBalancerClass, or make the Service a LoadBalancer`,
    });
  }
  return problems;
}
