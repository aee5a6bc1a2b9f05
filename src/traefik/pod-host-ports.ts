import { keyText, quotedText } from '../core/problem';
import { capabilityPrefixProblem } from '../core/capability-name';
import type { Path, Problem } from '../core/problem';
import type { Entrypoint } from './entrypoints';
import { goTruthy } from './go-truth';
import { renderedInteger } from './yaml-number';

type Values = Readonly<Record<string, unknown>>;
const isMap = (value: unknown): value is Values => typeof value === 'object' && value !== null && !Array.isArray(value);
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

/** Linux' first port only a process with CAP_NET_BIND_SERVICE may bind (`net.ipv4.ip_unprivileged_port_start` default). */
const PRIVILEGED_BELOW = 1024;

/**
 * Under hostNetwork Traefik binds its entrypoints on the node's own network, where the node's
 * `net.ipv4.ip_unprivileged_port_start` (1024 by default) applies, not the pod network namespace's 0 that containerd
 * sets. Every chart v20.1.1 to v41.3.0 runs Traefik as uid 65532 (`podSecurityContext.runAsUser`, `runAsNonRoot: true`)
 * with `securityContext.capabilities.drop: [ALL]` and adds no capability (traefik/values.yaml at each tag; the only
 * NET_BIND_SERVICE in the chart is in its PodSecurityPolicy), so a port below 1024 fails with "bind: permission denied"
 * and the pod restarts in a loop. Fine with NET_BIND_SERVICE in `securityContext.capabilities.add`, a privileged
 * container, or root (runAsUser 0) that no longer drops ALL or NET_BIND_SERVICE: root without the capability cannot bind either.
 */
export function privilegedPortProblems(values: Values, entrypoints: readonly Entrypoint[], prefix: Path, hostNetwork: boolean): Problem[] {
  if (!hostNetwork || canBindLowPorts(values)) return [];
  return entrypoints
    .filter((entry) => entry.port > 0 && entry.port < PRIVILEGED_BELOW)
    .map((entry) => ({
      path: entry.path[entry.path.length - 1] === entry.name ? [...entry.path, 'port'] : entry.path,
      message:
        `is ${entry.port}, which Traefik binds on the node's own network (hostNetwork: true), where only a process with ` +
        `NET_BIND_SERVICE may bind a port below ${PRIVILEGED_BELOW}, but the chart runs Traefik as user 65532 with every ` +
        'capability dropped, so Traefik fails with "bind: permission denied" and its pods restart in a loop: add ' +
        `securityContext: {capabilities: {add: [NET_BIND_SERVICE]}} to ${[...prefix, 'values'].join('.')}, or use a port from ${PRIVILEGED_BELOW} up`,
    }));
}

/** Whether the values give Traefik's container NET_BIND_SERVICE (Helm merges them over the chart's defaults). */
function canBindLowPorts(values: Values): boolean {
  const security = isMap(values.securityContext) ? values.securityContext : {};
  const pod = isMap(values.podSecurityContext) ? values.podSecurityContext : {};
  const capabilities = isMap(security.capabilities) ? security.capabilities : { drop: ['ALL'] };
  // A `CAP_` spelling grants nothing (core/capability-name.ts; refused by capabilityNameProblems).
  const names = (list: unknown) => (Array.isArray(list) ? list : []).map((name) => String(name).toUpperCase());
  if (goTruthy(security.privileged)) return true;
  const dropped = Object.hasOwn(capabilities, 'drop') ? names(capabilities.drop) : ['ALL'];
  // containerd's CRI (WithCapabilities) applies add ALL, then drop ALL, then each added name, then each dropped name: a
  // name in both lists is dropped, while drop: [ALL] does not take back a name added one by one.
  if (dropped.includes('NET_BIND_SERVICE')) return false;
  if (names(capabilities.add).includes('NET_BIND_SERVICE')) return true;
  if (dropped.includes('ALL') || dropped.includes('NET_BIND_SERVICE')) return false;
  // The container's runAsUser over the pod's (the chart's default: 65532 in podSecurityContext).
  const user = Object.hasOwn(security, 'runAsUser') ? security.runAsUser : Object.hasOwn(pod, 'runAsUser') ? pod.runAsUser : 65532;
  return user === 0;
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
