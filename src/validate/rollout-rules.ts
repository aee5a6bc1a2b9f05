import { BOTH_ZERO_ROLLOUT, countFix, countProblem, zeroPods } from '../core/int-or-string';
import { groupKind, kindEntry } from './kinds';
import { Finding, isRecord, show } from './paths';

/**
 * A Deployment's `spec.strategy` and a DaemonSet's `spec.updateStrategy`, as the API server judges them once defaulted
 * (k8s.io/kubernetes pkg/apis/apps/validation/validation.go ValidateDeploymentStrategy, ValidateRollingUpdateDeployment,
 * ValidateRollingUpdateDaemonSet; pkg/apis/apps/v1/defaults.go, v1.27 to v1.35), with the counts applied as written:
 * the rules Traefik's own workload meets (traefik/pod-rules.ts), for a workload written as is (an extraObjects item).
 */
interface Rollout {
  /** Where the strategy sits, and the type that owns `rollingUpdate`. */
  readonly field: 'strategy' | 'updateStrategy';
  /** The counts an empty field takes (SetDefaults_Deployment, SetDefaults_DaemonSet). */
  readonly defaults: Readonly<Record<Count, number | string>>;
  /** The counts the API server caps at 100% (IsNotMoreThan100Percent). */
  readonly atMost100: readonly Count[];
  /** Whether exactly one count may be non-zero (a DaemonSet's), else at least one. */
  readonly exactlyOne: boolean;
}

type Count = 'maxSurge' | 'maxUnavailable';
const COUNTS: readonly Count[] = ['maxSurge', 'maxUnavailable'];

const ROLLOUTS: Readonly<Record<string, Rollout>> = {
  'apps/Deployment': {
    field: 'strategy',
    defaults: { maxSurge: '25%', maxUnavailable: '25%' },
    atMost100: ['maxUnavailable'],
    exactlyOne: false,
  },
  'apps/DaemonSet': {
    field: 'updateStrategy',
    defaults: { maxSurge: 0, maxUnavailable: 1 },
    atMost100: ['maxSurge', 'maxUnavailable'],
    exactlyOne: true,
  },
};

/** A valid count once defaulted (a whole number, or a percentage), or undefined when it is refused on its own. */
function resolved(value: unknown, fallback: number | string): number | string | undefined {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : undefined;
  return typeof value === 'string' && /^[0-9]+%$/.test(value) ? value : undefined;
}

/** The rollout of a Deployment or DaemonSet of apps/v1: its counts, the two together, and a surge its host ports hang. */
export function checkRollout(object: Record<string, unknown>): Finding[] {
  const { apiVersion, kind } = object;
  const rollout = typeof apiVersion === 'string' && typeof kind === 'string' ? kindEntry(ROLLOUTS, apiVersion, kind) : undefined;
  const spec = isRecord(object.spec) ? object.spec : {};
  const strategy = rollout && isRecord(spec[rollout.field]) ? (spec[rollout.field] as Record<string, unknown>) : {};
  if (!rollout || (strategy.type ?? 'RollingUpdate') !== 'RollingUpdate') return [];
  const at = ['spec', rollout.field, 'rollingUpdate'];
  const rolling = isRecord(strategy.rollingUpdate) ? strategy.rollingUpdate : {};
  const findings: Finding[] = COUNTS.flatMap((name) => {
    const what = countProblem(rolling[name], { reading: 'as written', atMost100: rollout.atMost100.includes(name), example: '25%' });
    return what
      ? [
          {
            path: [...at, name],
            message: `is ${show(rolling[name])}, ${what}, which the API server refuses in a ${kind}: ${countFix('25%')}`,
          },
        ]
      : [];
  });
  const surge = resolved(rolling.maxSurge, rollout.defaults.maxSurge);
  const unavailable = resolved(rolling.maxUnavailable, rollout.defaults.maxUnavailable);
  if (surge === undefined || unavailable === undefined) return findings;
  if (zeroPods(surge) && zeroPods(unavailable)) return [...findings, { path: at, message: BOTH_ZERO_ROLLOUT }];
  if (rollout.exactlyOne && !zeroPods(surge) && !zeroPods(unavailable)) {
    const given = rolling.maxUnavailable === undefined || rolling.maxUnavailable === null;
    return [
      ...findings,
      {
        path: [...at, 'maxSurge'],
        message:
          `is ${show(surge)} with maxUnavailable ${given ? `${show(unavailable)} (its default when not given)` : show(unavailable)}, ` +
          'but the API server refuses a DaemonSet rollout with both non-zero ("may not be set when maxUnavailable is non-zero"): ' +
          'set maxSurge to 0, or maxUnavailable to 0',
      },
    ];
  }
  return findings;
}

/**
 * A DaemonSet runs one pod per node, and a surging update starts each node's new pod beside the old one
 * (k8s.io/kubernetes pkg/controller/daemon/update.go), which the scheduler's NodePorts filter places nowhere while the
 * old one holds the same host port (pkg/scheduler/framework/plugins/nodeports; with hostNetwork every container port is
 * one): every rollout hangs, as for Traefik's own DaemonSet (traefik/host-port-rollout.ts).
 */
export function checkHostPortSurge(object: Record<string, unknown>): Finding[] {
  const { apiVersion, kind } = object;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || groupKind(apiVersion, kind) !== 'apps/DaemonSet') return [];
  const spec = isRecord(object.spec) ? object.spec : {};
  const strategy = isRecord(spec.updateStrategy) ? spec.updateStrategy : {};
  const rolling = isRecord(strategy.rollingUpdate) ? strategy.rollingUpdate : {};
  const at = ['spec', 'updateStrategy', 'rollingUpdate'];
  const surge = resolved(rolling.maxSurge, 0);
  // A rollout refused on its own (both counts non-zero) is reported as such.
  if ((strategy.type ?? 'RollingUpdate') !== 'RollingUpdate' || surge === undefined || zeroPods(surge)) return [];
  if (!zeroPods(resolved(rolling.maxUnavailable, 1))) return [];
  const template = isRecord(spec.template) && isRecord(spec.template.spec) ? spec.template.spec : {};
  const hostNetwork = template.hostNetwork === true;
  const containers = Array.isArray(template.containers) ? template.containers : [];
  for (const [c, container] of containers.entries()) {
    const ports = isRecord(container) && Array.isArray(container.ports) ? container.ports : [];
    for (const [p, port] of ports.entries()) {
      if (!isRecord(port)) continue;
      const held = typeof port.hostPort === 'number' && port.hostPort > 0 ? port.hostPort : hostNetwork ? port.containerPort : undefined;
      if (typeof held !== 'number') continue;
      const how = typeof port.hostPort === 'number' && port.hostPort > 0 ? 'hostPort' : 'containerPort';
      return [
        {
          path: ['spec', 'template', 'spec', 'containers', c, 'ports', p, how],
          message:
            `is ${held}${how === 'hostPort' ? '' : ' on the node (hostNetwork)'} in a DaemonSet whose update surges (maxSurge ${show(surge)} at ${[...at, 'maxSurge'].join('.')}): ` +
            "a pod holding a host port takes it on its node, so each node's new pod waits for the port its old pod holds and every rollout hangs: " +
            `set ${at.join('.')}: {maxUnavailable: 1, maxSurge: 0}, or remove the host port`,
        },
      ];
    }
  }
  return [];
}
