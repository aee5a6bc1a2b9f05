import { formatPath, Path, Report, shownValue } from '../core/problem';
import type { K3sNode } from '../k3s/inventory';
import { renderedRolloutCount, renderedStrategyType } from './rendered-count';
import type { EffectiveTraefik } from './effective';
import { isMap } from '../core/is-map';

type Values = Record<string, unknown>;

/** What holds a port on the node in every Traefik pod, at the key that sets it. */
interface Holder {
  readonly path: Path;
  readonly is: string;
  readonly why: string;
}

/**
 * The first key that makes Traefik's pods hold a port on their node: `hostNetwork`, a `ports.<name>.hostPort`, or a
 * host port of `deployment.additionalContainers` (init containers are gone once the pod runs). The scheduler's
 * NodePorts filter places no pod where another one holds the same host port (k8s.io/kubernetes
 * pkg/scheduler/framework/plugins/nodeports), and with hostNetwork every container port is a host port.
 */
function portHolder(traefik: EffectiveTraefik): Holder | undefined {
  if (traefik.hostNetwork)
    return { path: traefik.hostNetwork.path, is: 'is true', why: "a pod on the node's network holds its ports there" };
  const entry = traefik.entrypoints.find((e) => e.hostPort !== undefined);
  if (entry)
    return { path: [...entry.path, 'hostPort'], is: `is ${entry.hostPort}`, why: 'a pod holding a host port takes it on its node' };
  const port = traefik.sidecarPorts.find((p) => p.hostPort !== undefined && p.path.includes('additionalContainers'));
  if (port) return { path: [...port.path, 'hostPort'], is: `is ${port.hostPort}`, why: 'a pod holding a host port takes it on its node' };
  return undefined;
}

/** The chart's `updateStrategy.rollingUpdate` (traefik/traefik-helm-chart traefik/values.yaml, v20 to v41). */
const CHART_DEFAULTS: Readonly<Record<string, number>> = { maxUnavailable: 0, maxSurge: 1 };

/** A DaemonSet's rollout counts when its field is empty (k8s.io/kubernetes pkg/apis/apps/v1/defaults.go SetDefaults_DaemonSet). */
const DAEMON_SET_DEFAULTS: Readonly<Record<string, number>> = { maxUnavailable: 1, maxSurge: 0 };

/**
 * One rollout count resolved as the Deployment controller does (k8s.io/kubernetes pkg/controller/deployment/util
 * ResolveFenceposts, GetScaledValueFromIntOrPercent): a percentage of the pods, maxSurge rounded up and maxUnavailable
 * down. A key absent takes the chart's default; null, or a text YAML reads as null (rendered-count.ts), renders an empty
 * field, which takes Kubernetes' default: 25% in a Deployment, maxUnavailable 1 and maxSurge 0 in a DaemonSet
 * (k8s.io/kubernetes pkg/apis/apps/v1/defaults.go SetDefaults_Deployment, SetDefaults_DaemonSet). With how it came
 * about, for the message; undefined for a value the API server refuses.
 */
function fencepost(
  values: Values,
  name: 'maxSurge' | 'maxUnavailable',
  pods: number,
  daemonSet = false,
): { count: number; source: string } | undefined {
  // `type: null` (or a text rendered as null, rendered-count.ts) leaves no RollingUpdate: the chart then writes no
  // rollingUpdate block (deployment.yaml renders it only for `eq .type "RollingUpdate"`), and Kubernetes defaults the
  // strategy to RollingUpdate with its default counts.
  const untyped = isMap(values.updateStrategy) && renderedStrategyType(values.updateStrategy.type) === null;
  const rolling =
    !untyped && isMap(values.updateStrategy) && isMap(values.updateStrategy.rollingUpdate) ? values.updateStrategy.rollingUpdate : {};
  // No empty last key for `type`: formatPath shows an empty key as [""] (87dc942).
  const key = formatPath(['traefik', 'values', 'updateStrategy', ...(untyped ? ['type'] : ['rollingUpdate', name])]);
  if (untyped && daemonSet)
    return { count: DAEMON_SET_DEFAULTS[name], source: `${name} Kubernetes' default ${DAEMON_SET_DEFAULTS[name]} (null at ${key})` };
  if (untyped) {
    const count = name === 'maxSurge' ? Math.ceil(pods / 4) : Math.floor(pods / 4);
    return {
      count,
      source: `${name} Kubernetes' default 25% (null at ${key}), of ${pods} pod(s) rounded ${name === 'maxSurge' ? 'up' : 'down'} to ${count}`,
    };
  }
  if (rolling[name] === undefined) return { count: CHART_DEFAULTS[name], source: `${name} ${CHART_DEFAULTS[name]}, the chart's default` };
  const rendered = renderedRolloutCount(rolling[name]);
  const shown = rolling[name] === null ? 'null' : shownValue(rolling[name]);
  if (rendered === null && daemonSet)
    return { count: DAEMON_SET_DEFAULTS[name], source: `${name} ${shown} at ${key}, so Kubernetes' default ${DAEMON_SET_DEFAULTS[name]}` };
  const written = rendered === null ? '25%' : rendered;
  if (typeof written === 'number')
    return Number.isInteger(written) && written >= 0 ? { count: written, source: `${name} ${written} at ${key}` } : undefined;
  const percent = typeof written === 'string' ? /^(\d+)%$/.exec(written) : null;
  if (!percent) return undefined;
  const up = name === 'maxSurge';
  const scaled = (Number(percent[1]) * pods) / 100;
  const count = up ? Math.ceil(scaled) : Math.floor(scaled);
  const what = rendered === null ? `${shown} at ${key}, so Kubernetes' default 25%` : `${shownValue(written)} at ${key}`;
  return { count, source: `${name} ${what}, of ${pods} pod(s) rounded ${up ? 'up' : 'down'} to ${count}` };
}

/**
 * Pods that hold a port on their node never share one, so when they reach the nodes they may run on, a rollout that
 * surges a pod before it stops one (maxSurge 1 or more, maxUnavailable 0 once resolved) finds no node for it, and every
 * rollout hangs, as the chart itself refuses for a DaemonSet (chart-failures.ts).
 */
export function checkHostPortRollout(traefik: EffectiveTraefik, pods: number, eligible: readonly K3sNode[], error: Report): void {
  const holder = portHolder(traefik);
  const names = eligible.map((node) => node.name).join(', ');
  if (holder && pods > eligible.length) {
    // Whatever the strategy: no two of these pods share a node, so the pods beyond the nodes never start.
    error(
      holder.path,
      `${holder.is} with ${pods} Traefik pod(s) on the ${eligible.length} node(s) they may run on (${names || 'none'}): ${holder.why}, ` +
        `so ${pods - eligible.length} pod(s) stay Pending for good: run at most ${eligible.length} pod(s), or let them run on more nodes` +
        (holder.path[holder.path.length - 1] === 'hostPort' ? ', or remove the host port' : ''),
    );
    return;
  }
  const strategy = isMap(traefik.values.updateStrategy) ? traefik.values.updateStrategy : {};
  if (!holder || (renderedStrategyType(strategy.type) ?? 'RollingUpdate') !== 'RollingUpdate' || pods < 1 || pods < eligible.length) return;
  const surge = fencepost(traefik.values, 'maxSurge', pods);
  const unavailable = fencepost(traefik.values, 'maxUnavailable', pods);
  // Both 0 as written is refused on its own (pod-rules.ts); resolved to 0 both, the controller takes maxUnavailable 1.
  if (!surge || !unavailable || surge.count < 1 || unavailable.count !== 0) return;
  const hostPort = holder.path[holder.path.length - 1] === 'hostPort' ? ', or remove the host port' : '';
  error(
    holder.path,
    `${holder.is} with ${pods} Traefik pod(s) on the ${eligible.length} node(s) they may run on (${names || 'none'}): ${holder.why}, ` +
      `so the rollout's extra pod (${surge.source}; ${unavailable.source}) finds no free node and every rollout hangs: ` +
      `set traefik.values.updateStrategy${renderedStrategyType(strategy.type) === null ? ': {type: RollingUpdate, rollingUpdate: {maxUnavailable: 1, maxSurge: 0}}' : '.rollingUpdate: {maxUnavailable: 1, maxSurge: 0}'}, or run fewer pods than nodes${hostPort}`,
  );
}

/**
 * A DaemonSet runs one pod per node, and a surging update starts each node's new pod beside the old one
 * (k8s.io/kubernetes pkg/controller/daemon/update.go), so pods holding a host port hang every rollout once maxSurge is
 * 1 or more (any percentage above 0 rounds up to 1). With hostNetwork the chart fails on it itself (chart-failures.ts).
 */
export function checkDaemonSetHostPortRollout(traefik: EffectiveTraefik, error: Report): void {
  const holder = portHolder(traefik);
  const strategy = isMap(traefik.values.updateStrategy) ? traefik.values.updateStrategy : {};
  if (!holder || traefik.hostNetwork || (renderedStrategyType(strategy.type) ?? 'RollingUpdate') !== 'RollingUpdate') return;
  const surge = fencepost(traefik.values, 'maxSurge', 1, true);
  if (!surge || surge.count < 1) return;
  error(
    holder.path,
    `${holder.is} in a DaemonSet whose update surges (${surge.source.replace(/, of 1 pod\(s\) rounded up to 1$/, '')}): ${holder.why}, ` +
      "so each node's new pod waits for the port its old pod holds and every rollout hangs: " +
      'set traefik.values.updateStrategy.rollingUpdate: {maxUnavailable: 1, maxSurge: 0}, or remove the host port',
  );
}
