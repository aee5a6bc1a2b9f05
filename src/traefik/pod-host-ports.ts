import { keyText, quotedText } from '../core/problem';
import { capabilityPrefixProblem } from '../core/capability-name';
import type { Path, Problem } from '../core/problem';
import type { Entrypoint } from './entrypoints';
import { renderedInteger } from './yaml-number';
import { isMap } from '../core/is-map';

type Values = Readonly<Record<string, unknown>>;
const FAILS = 'so the whole Traefik release fails to install';

/**
 * Host ports a container of `deployment.additionalContainers` declares that Traefik's own ports, or an earlier such
 * container, already declare in the same pod: the chart writes that list as is next to Traefik's container
 * (templates/_podtemplate.tpl `toYaml .Values.deployment.additionalContainers`, v20.1.1 to v41.3.0), and the API server
 * refuses one `<protocol>/<hostIP>/<hostPort>` twice among a pod's containers (kubernetes pkg/apis/core/validation
 * AccumulateUniqueHostPorts). With hostNetwork every container port is defaulted to its own host port first.
 * Two of Traefik's entrypoints on one host port are port-ranges.ts' to refuse.
 */
export function sidecarHostPortProblems(values: Values, entrypoints: readonly Entrypoint[], prefix: Path, hostNetwork: boolean): Problem[] {
  const taken = new Map<string, string>();
  const ports = isMap(values.ports) ? values.ports : {};
  const hostIP = (name: string) => {
    const port = ports[name];
    return isMap(port) && typeof port.hostIP === 'string' ? port.hostIP : '';
  };
  for (const entry of entrypoints) {
    const host = entry.hostPort || (hostNetwork ? entry.port : undefined);
    if (host)
      taken.set(
        `${entry.protocol}/${hostIP(entry.name)}/${host}`,
        `ports.${keyText(entry.name)} (entrypoint ${keyText(entry.name)}'s host port)`,
      );
    const http3 = entry.http3;
    const http3Host = http3 && !http3.byFlag ? (http3.hostPort ?? (hostNetwork ? http3.port : undefined)) : undefined;
    if (http3Host) taken.set(`UDP/${hostIP(entry.name)}/${http3Host}`, `entrypoint ${keyText(entry.name)}'s HTTP/3 port`);
  }
  const problems: Problem[] = [];
  const deployment = isMap(values.deployment) ? values.deployment : {};
  const containers = Array.isArray(deployment.additionalContainers) ? deployment.additionalContainers : [];
  containers.forEach((container, i) => {
    const list = isMap(container) && Array.isArray(container.ports) ? container.ports : [];
    list.forEach((port: unknown, j: number) => {
      if (!isMap(port)) return;
      const containerPort = renderedInteger(port.containerPort);
      const host = renderedInteger(port.hostPort) || (hostNetwork ? containerPort : undefined);
      if (!host) return;
      const protocol = typeof port.protocol === 'string' ? port.protocol : 'TCP';
      const key = `${protocol}/${typeof port.hostIP === 'string' ? port.hostIP : ''}/${host}`;
      const at = [...prefix, 'values', 'deployment', 'additionalContainers', i, 'ports', j];
      const other = taken.get(key);
      if (other === undefined) {
        taken.set(key, `deployment.additionalContainers[${i}].ports[${j}]`);
        return;
      }
      const how = renderedInteger(port.hostPort) ? 'host port' : 'port, which hostNetwork makes its host port,';
      problems.push({
        path: [...at, renderedInteger(port.hostPort) ? 'hostPort' : 'containerPort'],
        message:
          `opens ${how} ${host}/${protocol} in Traefik's pods, the same as ${other}, and the API server refuses one host port ` +
          `twice in a pod, ${FAILS}: give it another port`,
      });
    });
  });
  return problems;
}

/**
 * `CAP_`-prefixed names in `securityContext.capabilities.add`/`drop` of Traefik's container and of the pod's other
 * containers, `deployment.additionalContainers` and `deployment.initContainers` (which the chart writes as is), which
 * grant or drop nothing (core/capability-name.ts).
 */
export function capabilityNameProblems(values: Values, prefix: Path): Problem[] {
  const deployment = isMap(values.deployment) ? values.deployment : {};
  const sidecars = ['additionalContainers', 'initContainers'].flatMap((list) =>
    (Array.isArray(deployment[list]) ? (deployment[list] as unknown[]) : []).map((container, i) => ({
      security: isMap(container) ? container.securityContext : undefined,
      at: ['deployment', list, i, 'securityContext'],
    })),
  );
  const show = (text: string) => quotedText(text, () => false, '');
  return [{ security: values.securityContext, at: ['securityContext'] }, ...sidecars].flatMap(({ security, at }) => {
    const capabilities = isMap(security) && isMap(security.capabilities) ? security.capabilities : {};
    return ['add', 'drop'].flatMap((list) =>
      (Array.isArray(capabilities[list]) ? (capabilities[list] as unknown[]) : []).flatMap((name, i) => {
        const message = typeof name === 'string' ? capabilityPrefixProblem(name, show) : undefined;
        return message ? [{ path: [...prefix, 'values', ...at, 'capabilities', list, i], message }] : [];
      }),
    );
  });
}
