import { formatPath, keyText, type Problem } from '../core/problem';
import type { EffectiveTraefik } from './effective';

/**
 * 70b-11: a host port an `extraObjects` workload's pod opens (its `hostPort`, or under `hostNetwork` its container port,
 * which the API server defaults to the host port) that Traefik's pods, or another such pod, open too. The scheduler
 * places no two pods asking one host port on a node (kubernetes pkg/scheduler/framework/plugins/nodeports), so the
 * second cannot run where the first does: as one pod cannot open a port twice (pod-host-ports.ts), it is refused.
 * Host IPs are not told apart: one on all addresses takes the port on each.
 */
export function workloadHostPortProblems(traefik: EffectiveTraefik): Problem[] {
  const traefikNetwork = !!traefik.hostNetwork;
  const taken = new Map<string, { label: string; pod: string }>();
  const claim = (key: string, label: string, pod: string) => {
    if (!taken.has(key)) taken.set(key, { label, pod });
  };
  for (const entry of traefik.entrypoints) {
    const host = entry.hostPort ?? (traefikNetwork ? entry.port : undefined);
    if (host !== undefined) claim(`${host}/${entry.protocol}`, `Traefik's entrypoint ${keyText(entry.name)}`, 'traefik');
    const http3 = entry.http3;
    const http3Host = http3 && (http3.hostPort ?? (traefikNetwork ? http3.port : undefined));
    if (http3Host) claim(`${http3Host}/UDP`, `Traefik's entrypoint ${keyText(entry.name)} (HTTP/3)`, 'traefik');
  }
  const problems: Problem[] = [];
  for (const port of traefik.sidecarPorts) {
    const own = port.podHostNetwork === undefined;
    const host = port.hostPort ?? ((port.podHostNetwork ?? traefikNetwork) ? port.containerPort : undefined);
    if (host === undefined) continue;
    const key = `${host}/${port.protocol}`;
    // Traefik's own containers share one pod (pod-host-ports.ts judges them); an extraObjects pod is the one up to its container list.
    const list = port.path.findIndex((part) => part === 'containers' || part === 'initContainers');
    const pod = own ? 'traefik' : formatPath(port.path.slice(0, list));
    const other = taken.get(key);
    if (!other || other.pod === pod || own) {
      claim(key, own ? "Traefik's pods" : `the pod of ${pod}`, pod);
      continue;
    }
    problems.push({
      path: port.path,
      message:
        `opens ${port.hostPort !== undefined ? `host port ${key}` : `port ${key} on the node's network (hostNetwork)`}, as ${other.label} ` +
        'does: the scheduler places no two pods asking one host port on a node, so this pod cannot run where the other runs ' +
        "(a DaemonSet's stays Pending there): give it another port",
    });
  }
  return problems;
}
