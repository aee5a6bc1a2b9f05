import type { Path, Problem } from '../core/problem';
import type { TraefikChartRules } from './chart-versions';
import type { Entrypoint } from './entrypoints';
import { goTruthy } from './go-truth';
import { effectiveRunAs, traefikSecurityContexts } from './run-as-root';
import { setcapInitContainer } from './setcap-init';
import { isMap } from '../core/is-map';

type Values = Readonly<Record<string, unknown>>;
const list = (node: Values, key: string): unknown[] =>
  Object.hasOwn(node, key) && Array.isArray(node[key]) ? (node[key] as unknown[]) : [];

/** Linux' first port only a process with CAP_NET_BIND_SERVICE may bind (`net.ipv4.ip_unprivileged_port_start` default). */
const PRIVILEGED_BELOW = 1024;

/**
 * Under hostNetwork Traefik binds its entrypoints on the node's own network, where the node's
 * `net.ipv4.ip_unprivileged_port_start` (1024 by default) applies, not the pod network namespace's 0 that containerd sets,
 * so a port below 1024 needs CAP_NET_BIND_SERVICE in the Traefik process, else "bind: permission denied" and a restart loop.
 * The capability reaches the process in two ways:
 * - it runs as root (the container's runAsUser over the pod's is 0, or unset with runAsNonRoot not true: the traefik
 *   image's own user is root) and the capability is in the container's set;
 * - it runs as another user and the traefik binary carries the file capability (`setcap cap_net_bind_service=+ep`): the
 *   capability in `securityContext.capabilities` alone is "not sufficient" for a non-root process (traefik/traefik-library-image
 *   PR #51; the kubelet sets no ambient capabilities), and a file capability gives no more than the container's set. This
 *   tool takes it as given when an init container sets it on the binary Traefik runs, as root (setcap-init.ts), as
 *   traefik-helm-chart EXAMPLES.md "Running on privileged ports with host network" (v41.3.0) does: it copies the binary
 *   into an emptyDir mounted over /usr/local/bin.
 *   Traefik's container must allow privilege escalation, as that example sets: under no_new_privs (`allowPrivilegeEscalation:
 *   false`, the chart's default from v23.2.0) exec grants no file capability beyond the permitted set the process had, and the
 *   image's /entrypoint.sh that execs traefik runs as a user that is not root with an empty one (setcap-init.ts).
 * The container's set is containerd's (CRI WithCapabilities): its default set (which holds NET_BIND_SERVICE), all on `add: [ALL]`,
 * none on `drop: [ALL]` after that, then each name added, then each name dropped; all of them when privileged.
 * Helm merges the values over the chart's defaults (a null deletes a default).
 */
export function privilegedPortProblems(
  values: Values,
  entrypoints: readonly Entrypoint[],
  prefix: Path,
  hostNetwork: boolean,
  rules: Pick<TraefikChartRules, 'runAsUserDefault' | 'noNewPrivsDefault'>,
): Problem[] {
  if (!hostNetwork) return [];
  const low = entrypoints.filter((entry) => entry.port > 0 && entry.port < PRIVILEGED_BELOW);
  const why = low.length ? bindProblem(values, rules, [...prefix, 'values'].join('.')) : undefined;
  if (!why) return [];
  return low.map((entry) => ({
    path: entry.path[entry.path.length - 1] === entry.name ? [...entry.path, 'port'] : entry.path,
    message:
      `is ${entry.port}, which Traefik binds on the node's own network (hostNetwork: true), where only a process with ` +
      `NET_BIND_SERVICE may bind a port below ${PRIVILEGED_BELOW}, but ${why.reason}, so Traefik fails with "bind: permission denied" ` +
      `and its pods restart in a loop: ${why.fix}, or use a port from ${PRIVILEGED_BELOW} up`,
  }));
}

const EXAMPLE = 'traefik-helm-chart EXAMPLES.md "Running on privileged ports with host network"';

/** Why Traefik's process lacks NET_BIND_SERVICE and what gives it, else undefined. */
function bindProblem(
  values: Values,
  rules: Pick<TraefikChartRules, 'runAsUserDefault' | 'noNewPrivsDefault'>,
  at: string,
): { reason: string; fix: string } | undefined {
  const { container, pod } = traefikSecurityContexts(values, rules);
  const { user, nonRoot } = effectiveRunAs(container, pod);
  const root = !nonRoot && (user === 0 || user === undefined);
  const missing = missingCapability(values, container);
  const add = `add securityContext: {capabilities: {add: [NET_BIND_SERVICE]}} to ${at}`;
  if (root) return missing ? { reason: `Traefik's container runs as root without NET_BIND_SERVICE (${missing})`, fix: add } : undefined;
  const setcap = setcapInitContainer(values, pod, container);
  if (setcap?.counts)
    return missing
      ? {
          reason: `an init container gives the traefik binary the file capability, yet Traefik's container lacks NET_BIND_SERVICE (${missing}), beyond which no file capability reaches`,
          fix: add,
        }
      : undefined;
  const who = typeof user === 'number' && user !== 0 ? `user ${user}` : 'a user that is not root (runAsNonRoot: true)';
  return {
    reason:
      `the chart runs Traefik as ${who}, and a process that is not root gets no capability from securityContext.capabilities ` +
      `unless the traefik binary carries it as a file capability too (Kubernetes sets no ambient capabilities; ${EXAMPLE})` +
      (setcap ? `, and ${setcap.why}` : ''),
    fix:
      `run Traefik as root with it, securityContext: {runAsUser: 0, runAsNonRoot: false, capabilities: {add: [NET_BIND_SERVICE]}} ` +
      `in ${at}, or give the binary the file capability with deployment.initContainers that copy it into a volume, run ` +
      `setcap cap_net_bind_service=+ep on it, and mount that volume over /usr/local/bin with additionalVolumeMounts, with ` +
      `securityContext.allowPrivilegeEscalation: true in ${at}, as that example does`,
  };
}

/** Why the container's capability set lacks NET_BIND_SERVICE (containerd's order, see above), else undefined. */
function missingCapability(values: Values, container: Values): string | undefined {
  if (goTruthy(container.privileged)) return undefined;
  const capabilities = isMap(container.capabilities) ? container.capabilities : {};
  // A `CAP_` spelling grants nothing (core/capability-name.ts; refused by capabilityNameProblems).
  const names = (key: string) => list(capabilities, key).map((name) => String(name).toUpperCase());
  const [added, dropped] = [names('add'), names('drop')];
  if (dropped.includes('NET_BIND_SERVICE')) return 'securityContext.capabilities.drop names it';
  if (added.includes('NET_BIND_SERVICE') || !dropped.includes('ALL')) return undefined;
  const given = isMap(values.securityContext) && isMap(values.securityContext.capabilities) ? values.securityContext.capabilities : {};
  const dropAll = `drop: [ALL]${Object.hasOwn(given, 'drop') ? '' : ", the chart's default"}`;
  return added.includes('ALL')
    ? `securityContext.capabilities.add: [ALL] grants nothing next to ${dropAll}, which containerd applies after it`
    : `securityContext.capabilities.${dropAll}`;
}
