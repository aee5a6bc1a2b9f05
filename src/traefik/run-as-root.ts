import { formatPath, Path, Problem } from '../core/problem';
import type { TraefikChartRules } from './chart-versions';
import type { Finding } from '../validate/paths';
import { isMap } from '../core/is-map';

type Values = Readonly<Record<string, unknown>>;
const list = (node: Values, key: string): unknown[] =>
  Object.hasOwn(node, key) && Array.isArray(node[key]) ? (node[key] as unknown[]) : [];
const securityOf = (container: unknown): Values => (isMap(container) && isMap(container.securityContext) ? container.securityContext : {});

/**
 * The chart's own `securityContext` and `podSecurityContext` (traefik/values.yaml, chart-versions.ts `runAsUserDefault`):
 * uid 65532 and `runAsNonRoot: true` in the container's up to v21.2.0, in the pod's from v21.2.1; `capabilities.drop: [ALL]`
 * at every tag v20.1.1 to v41.3.0, and no capability added (the chart's only NET_BIND_SERVICE is in its PodSecurityPolicy);
 * the pod's `seccompProfile: {type: RuntimeDefault}` from v38.0.2 (`podSeccompDefault`).
 */
const NON_ROOT = { runAsUser: 65532, runAsNonRoot: true };
const DROP_ALL = { capabilities: { drop: ['ALL'] } };
const DEFAULTS: Record<TraefikChartRules['runAsUserDefault'], { container: Values; pod: Values }> = {
  securityContext: { container: { ...DROP_ALL, ...NON_ROOT }, pod: {} },
  podSecurityContext: { container: DROP_ALL, pod: NON_ROOT },
};
type Rules = Pick<TraefikChartRules, 'runAsUserDefault' | 'noNewPrivsDefault'> & Partial<Pick<TraefikChartRules, 'podSeccompDefault'>>;

/** Traefik's container's and pod's security contexts as the chart renders them: the values merged over its defaults. */
export function traefikSecurityContexts(values: Values, rules: Rules): { container: Values; pod: Values } {
  const { container, pod } = DEFAULTS[rules.runAsUserDefault];
  const defaults = {
    pod: rules.podSeccompDefault ? { ...pod, seccompProfile: { type: 'RuntimeDefault' } } : pod,
    container: rules.noNewPrivsDefault ? { ...container, allowPrivilegeEscalation: false } : container,
  };
  return { container: rendered(values, 'securityContext', defaults.container), pod: rendered(values, 'podSecurityContext', defaults.pod) };
}

/**
 * A container's effective runAsUser and runAsNonRoot: its own securityContext's over the pod's (k8s.io/api core/v1
 * SecurityContext: "If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes
 * precedence"), with where each comes from. `user` is undefined when neither sets it (the image's user, unknown here).
 */
export function effectiveRunAs(
  container: Values,
  pod: Values,
): { user: unknown; nonRoot: boolean; userFrom?: 'container' | 'pod'; nonRootFrom?: 'container' | 'pod' } {
  const from = (name: string): 'container' | 'pod' | undefined =>
    Object.hasOwn(container, name) ? 'container' : Object.hasOwn(pod, name) ? 'pod' : undefined;
  const [userFrom, nonRootFrom] = [from('runAsUser'), from('runAsNonRoot')];
  const value = (name: string, at: 'container' | 'pod' | undefined) =>
    at === 'container' ? container[name] : at === 'pod' ? pod[name] : undefined;
  return { user: value('runAsUser', userFrom), nonRoot: value('runAsNonRoot', nonRootFrom) === true, userFrom, nonRootFrom };
}

/**
 * The kubelet refuses to start a container whose effective runAsUser is 0 while its effective runAsNonRoot is true
 * (kubernetes pkg/kubelet/kuberuntime/security_context_others.go verifyRunAsNonRoot, v1.27 to v1.33: "container's
 * runAsUser breaks non-root policy", CreateContainerConfigError), so the pod never runs. Only a runAsUser given as 0
 * is judged: the image's own user is unknown here. Undefined when the container may start.
 */
export function rootUnderNonRoot(
  container: Values,
  pod: Values,
): { userFrom: 'container' | 'pod'; nonRootFrom: 'container' | 'pod' } | undefined {
  const run = effectiveRunAs(container, pod);
  return run.user === 0 && run.nonRoot && run.userFrom && run.nonRootFrom
    ? { userFrom: run.userFrom, nonRootFrom: run.nonRootFrom }
    : undefined;
}

const KUBELET = `the kubelet refuses to start it ("container's runAsUser breaks non-root policy", CreateContainerConfigError)`;

/**
 * Traefik's own container, `deployment.additionalContainers` and `deployment.initContainers` (written as given into
 * the chart's pod template, templates/_podtemplate.tpl, v20.1.1 to v41.3.0), each under the pod's security context as the
 * chart renders it, with runAsUser 0 and runAsNonRoot true: the pod never starts, so Traefik never answers on the VIP.
 */
export function runAsRootProblems(values: Values, prefix: Path, rules: Rules): Problem[] {
  const key = (...path: Path) => [...prefix, 'values', ...path];
  const { container, pod } = traefikSecurityContexts(values, rules);
  const deployment = isMap(values.deployment) ? values.deployment : {};
  // 85a-7: each key named as the reader writes it, `traefik.values.…` in a config, `values.…` in the props.
  const named = (...path: Path) => formatPath(key(...path));
  const podFrom = (name: string) =>
    Object.hasOwn(securityOf({ securityContext: values.podSecurityContext }), name)
      ? named('podSecurityContext', name)
      : "the chart's default podSecurityContext";
  const containers: Array<{ what: string; at: Path; security: Values }> = [
    { what: "Traefik's container", at: [], security: container },
    ...['additionalContainers', 'initContainers'].flatMap((name) =>
      list(deployment, name).map((item, i) => ({
        what: `deployment.${name}[${i}]`,
        at: ['deployment', name, i],
        security: securityOf(item),
      })),
    ),
  ];
  const seen = new Set<string>();
  return containers.flatMap(({ what, at, security }) => {
    const root = rootUnderNonRoot(security, pod);
    if (!root) return [];
    const own = at.length ? [...at, 'securityContext'] : ['securityContext'];
    // Traefik's container's defaults up to v21.2.0 sit in its own securityContext: the chart's, unless given.
    const given = (name: string) => isMap(values.securityContext) && Object.hasOwn(values.securityContext, name);
    const nonRootAt =
      root.nonRootFrom === 'pod'
        ? podFrom('runAsNonRoot')
        : at.length || given('runAsNonRoot')
          ? named(...own, 'runAsNonRoot')
          : "the chart's default securityContext";
    const path = root.userFrom === 'pod' ? key('podSecurityContext', 'runAsUser') : key(...own, 'runAsUser');
    if (seen.has(path.join('.'))) return [];
    seen.add(path.join('.'));
    return [
      {
        path,
        message:
          `is 0 (root) for ${what}, whose runAsNonRoot is true (${nonRootAt}), so ${KUBELET} and Traefik's pods never run ` +
          `(nothing answers on the VIP): set ${named(...own, 'runAsNonRoot')}: false to run it as root, or run it as another user`,
      },
    ];
  });
}

/** rootUnderNonRoot for each container of a pod spec (an `extraObjects` workload's): paths below the pod spec. */
export function podRunAsRootFindings(spec: Values): Finding[] {
  const pod = isMap(spec.securityContext) ? spec.securityContext : {};
  return ['initContainers', 'containers', 'ephemeralContainers'].flatMap((name) =>
    list(spec, name).flatMap((item, i): Finding[] => {
      const root = rootUnderNonRoot(securityOf(item), pod);
      if (!root) return [];
      const path = root.userFrom === 'pod' ? ['securityContext', 'runAsUser'] : [name, i, 'securityContext', 'runAsUser'];
      const nonRootAt = root.nonRootFrom === 'pod' ? 'the pod securityContext' : 'its own securityContext';
      return [
        {
          path,
          message:
            `is 0 (root) for ${name}[${i}], whose runAsNonRoot is true (${nonRootAt}), so ${KUBELET} and the pod never runs: ` +
            `set runAsNonRoot: false in ${name}[${i}].securityContext to run it as root, or run it as another user`,
        },
      ];
    }),
  );
}

/** A map of the values as the chart renders it: Helm's merge of the given map over the chart's default, a null deleting a key. */
function rendered(values: Values, key: string, defaults: Values): Values {
  if (!Object.hasOwn(values, key)) return defaults;
  const given = values[key];
  return isMap(given) ? merged(defaults, given) : {};
}

function merged(defaults: Values, given: Values): Values {
  const kept = Object.entries(defaults).filter(([name]) => !Object.hasOwn(given, name));
  const set = Object.entries(given)
    .filter(([, value]) => value !== null)
    .map(([name, value]): [string, unknown] => {
      const base = Object.hasOwn(defaults, name) ? defaults[name] : undefined;
      return [name, isMap(base) && isMap(value) ? merged(base, value) : value];
    });
  return Object.fromEntries([...kept, ...set]);
}
