import { serviceSubject, typeWithArticle } from '../core/service-subject';
import { formatPath, Path, Report, shownValue } from '../core/problem';
import type { ClusterConfig } from '../config/schema';
import type { NodeInventory } from '../k3s/inventory';
import { chartVersionSupport, NEWEST_KNOWN_CHART, OLDEST_CHART } from './chart-versions';
import { renderedCount } from './rendered-count';
import { EffectiveTraefik, effectiveTraefik } from './effective';
import { traefikSettings } from './settings';
import { budgetCountProblem } from './ha-values';
import { countlessBudgetMessage } from './budget-render';
import { checkTraefikNodeSelector, daemonSetNodeCount } from './node-selector-rules';
import { checkTraefikPods, resolverLabel } from './pod-rules';
import { valuesAffinityProblems } from './node-affinity';
import { staticEnvWarnings } from './static-env';
import { unexpandedEnvWarnings } from './env-references';
import { traefikValuesProblems } from './values-check';
import { isTemplated, misspeltVipAnnotationProblem, TEMPLATED } from './service-facts';
import { releaseSizeProblem } from './release-size-rule';

export { chartVersionSupport };

/**
 * Several Traefik pods with ACME resolvers: the refusal, else undefined. `keys` names the settings as the
 * caller's users write them (config keys or construct props).
 */
/** A Service type for a sentence ("a NodePort"): an empty one is ClusterIP; a long one was named by its size already. */
const typeNamed = (type: unknown): string =>
  type === '' ? 'a ClusterIP (an empty type)' : String(type).length > 80 ? 'one of that type' : typeWithArticle(String(type));

export function replicasWithCertResolversProblem(
  replicas: number,
  resolvers: readonly string[],
  keys: { readonly certResolvers: string; readonly certManager: string },
  pods = `is ${replicas}`,
  keep = 'keep replicas: 1',
): string | undefined {
  if (!(replicas > 1 && resolvers.length)) return undefined;
  return (
    `${pods}, but ${keys.certResolvers} (${resolvers.join(', ')}) keep ACME certificates in one acme.json ` +
    'that Traefik OSS cannot share between replicas (https://doc.traefik.io/traefik/https/acme/): issue the certificates with ' +
    `cert-manager instead (${keys.certManager}) and remove ${keys.certResolvers}, or ${keep}`
  );
}

/**
 * Traefik's rules on a config, judged on what will be deployed (the merged chart values): a supported
 * chart and the deployment rules below (the values schema is `checkTraefikValuesSchema`).
 */
export function checkTraefik(
  config: ClusterConfig,
  traefik: EffectiveTraefik,
  nodes: NodeInventory | undefined,
  error: Report,
  warn: Report,
): void {
  const support = chartVersionSupport(config.traefik.chartVersion);
  if (support.error) error(['traefik', 'chartVersion'], support.error);
  if (support.warning) warn(['traefik', 'chartVersion'], support.warning);
  if (support.error) {
    chartIndependentProblems(config, traefik, error);
    return;
  }
  checkTraefikNodeSelector(config, traefik, error, warn);
  // A DaemonSet runs one pod on each node its placement admits, whatever the replica count.
  const placed = nodes && traefik.kind.value === 'DaemonSet' ? daemonSetNodeCount(config, traefik) : undefined;
  checkTraefikDeployment(
    traefik,
    ['traefik'],
    clusterNames(config),
    nodes && placed ? { ...nodes, traefikNodes: placed } : nodes,
    error,
    warn,
  );
}

/** How a config names the settings the deployment rules point at. */
const clusterNames = (config: ClusterConfig) => ({
  certManager: 'certManager.issuers, and tls.issuer on each Ingress',
  chartVersion: config.traefik.chartVersion,
  externalTrafficPolicy: config.traefik.externalTrafficPolicy,
  loadBalancers: 'loadBalancers[]',
});

/**
 * A chart older than the table is refused; the deployment's problems that do not depend on the chart version are
 * still said in the same run (49b-6): those the deployment rules find both as the oldest and as the newest known chart
 * would deploy the values (the extraObjects schema, --ping, a replica count, ...). Chart-dependent ones wait for a
 * supported chart version, whose keys they follow.
 */
function chartIndependentProblems(config: ClusterConfig, oldest: EffectiveTraefik, error: Report): void {
  const found = (model: EffectiveTraefik) => {
    const lines = new Map<string, [Path, string]>();
    checkTraefikDeployment(
      model,
      ['traefik'],
      clusterNames(config),
      undefined,
      (path, message) => lines.set(`${formatPath(path)}\n${message}`, [path, message]),
      () => undefined,
    );
    return lines;
  };
  const newest = effectiveTraefik({ ...traefikSettings(config), chartVersion: NEWEST_KNOWN_CHART.tag.slice(1) });
  reportFoundInBoth(found(oldest), found(newest), error);
}

/** A chart's name in a message ("Traefik chart 39.0.7"), which differs between two charts that agree on the problem. */
const CHART_NAME = /\bTraefik chart v?\d+\.\d+\.\d+[^\s,;:)]*/g;

/**
 * The problems found both as the oldest and as the newest known chart would deploy the values: a message that names
 * its chart (port-ranges.ts: "which Traefik chart 39.0.7 writes as ...") says "the Traefik chart" instead (50b-6).
 */
function reportFoundInBoth(
  oldest: Map<string, [Path, string]>,
  newest: Map<string, [Path, string]>,
  error: Report,
  sameChartName = true,
): void {
  const unnamed = (lines: Map<string, [Path, string]>) =>
    new Map(
      [...lines.values()].map(([path, message]): [string, [Path, string]] => {
        const text = sameChartName ? message.replace(CHART_NAME, 'the Traefik chart') : message;
        return [`${formatPath(path)}\n${text}`, [path, text]];
      }),
    );
  const inNewest = unnamed(newest);
  for (const [key, [path, message]] of unnamed(oldest)) if (inNewest.has(key)) error(path, message);
}

/**
 * `traefik.values` against the chart's values schema and Kubernetes' own limits: composed after every rule
 * that reads the values, so where a rule explains a value its message is the one kept on that key.
 */
export function checkTraefikValuesSchema(config: ClusterConfig, error: Report, warn: Report): void {
  if (chartVersionSupport(config.traefik.chartVersion).error) {
    // A chart older than the table: what the values' rules find on every known chart is said in the same run (50b-6).
    const found = (chartVersion: string) =>
      new Map(
        traefikValuesProblems({ ...traefikSettings(config), chartVersion }, 'traefik.').errors.map(
          ({ path, message }): [string, [Path, string]] => {
            const at = ['traefik', 'values', ...path];
            return [`${formatPath(at)}\n${message}`, [at, message]];
          },
        ),
      );
    // A message naming its chart ("is not a value of Traefik chart 39.0.7") is the values schema's: it waits for a supported chart.
    reportFoundInBoth(found(OLDEST_CHART.tag.slice(1)), found(NEWEST_KNOWN_CHART.tag.slice(1)), error, false);
    return;
  }
  const { errors, unchecked, warnings } = traefikValuesProblems(traefikSettings(config), 'traefik.');
  for (const problem of errors) error(['traefik', 'values', ...problem.path], problem.message, problem);
  for (const problem of warnings ?? []) warn(['traefik', 'values', ...problem.path], problem.message);
  if (unchecked) warn(['traefik', 'values'], unchecked);
}

/**
 * What the chart will deploy, whichever key asked for it: LoadBalancer Services with VIPs kube-vip can
 * read, one pod per ACME store, and a disruption budget that lets a drain proceed. `prefix` is where the
 * settings live for the reader (`traefik` in a config, nothing for construct props).
 */
export function checkTraefikDeployment(
  traefik: EffectiveTraefik,
  prefix: Path,
  names: {
    readonly certManager: string;
    readonly chartVersion: string;
    readonly externalTrafficPolicy?: string;
    /** How the reader declares another LoadBalancer Service: `loadBalancers[]`, or a LoadBalancerService construct. */
    readonly loadBalancers: string;
  },
  nodes: NodeInventory | undefined,
  error: Report,
  warn: Report,
): void {
  const tooBig = releaseSizeProblem(traefik.values);
  if (tooBig) error([...prefix, ...tooBig.at], tooBig.message);
  for (const service of traefik.services) {
    for (const misspelt of service.misspeltVipAnnotations ?? []) {
      error(misspelt.path, misspeltVipAnnotationProblem(service.label));
    }
    if (service.ignoredByKubeVip && service.type.value === 'LoadBalancer') {
      error(
        service.ignoredByKubeVip.path,
        `is "true", so kube-vip skips ${serviceSubject(service.label)} and never announces its VIP, and nothing outside the cluster reaches it: remove the annotation`,
      );
    }
    // From chart v40 an additional Service without a type is a ClusterIP (chart-versions.ts `additionalServiceType`).
    const unsetIsLoadBalancer = !service.typeDefault || service.typeDefault === 'LoadBalancer';
    const typeFix = unsetIsLoadBalancer
      ? 'remove the key (the chart default is LoadBalancer)'
      : `write LoadBalancer in ${formatPath(service.type.path)} (unset, the chart renders a ${service.typeDefault})`;
    if (isTemplated(service.type.value)) {
      error(service.type.path, `${TEMPLATED}: ${unsetIsLoadBalancer ? 'write LoadBalancer, or ' : ''}${typeFix}`);
    } else if ((service.type.value === 'ClusterIP' || service.type.value === 'NodePort') && service.inClusterAllowed) {
      // An additional Service may serve the cluster only (metrics, internal entrypoints), as in the chart's own
      // values.yaml example, or each node's address at a node port (79b-11: as an extraObjects NodePort Service may);
      // a VIP written on it would never be announced.
      if (service.ips.length) {
        error(
          service.path,
          `asks a VIP for ${service.label}, whose type is ${service.type.value} (${formatPath(service.type.path)}), and kube-vip serves only ` +
            `LoadBalancer Services, so the VIP is never announced: remove the VIP, or ${unsetIsLoadBalancer ? 'the type (the chart default is LoadBalancer)' : typeFix}`,
        );
      }
    } else if (service.type.value !== 'LoadBalancer') {
      error(
        service.type.path,
        `${shownValue(service.type.value)} makes ${serviceSubject(service.label)} ${typeNamed(service.type.value)}, which kube-vip never gives a VIP, ` +
          `so nothing outside the cluster reaches it: ${typeFix}`,
      );
    }
  }
  for (const { path, readAt } of traefik.misplacedServiceTypes) {
    error(
      path,
      !readAt
        ? `is not where Traefik chart ${names.chartVersion} reads the Service type (this tool writes the type itself, as LoadBalancer): remove the key`
        : `is not where Traefik chart ${names.chartVersion} reads the type of an additional Service, which is ${formatPath(readAt)}` +
            (readAt.at(-2) === 'spec'
              ? ' (unset, the Service is a ClusterIP, which kube-vip never gives a VIP): move the value there, e.g. LoadBalancer'
              : ' (unset, LoadBalancer): remove the key'),
    );
  }
  for (const bad of traefik.badVips) error(bad.path, bad.message, bad);
  for (const extra of traefik.extraObjectServices) {
    error(
      extra.path,
      `is LoadBalancer Service ${extra.name}, which kube-vip would serve, but a Service written in extraObjects escapes this tool's VIP checks ` +
        `(pod network, pools, VIPs and ports shared with Traefik, leases): declare it in ${names.loadBalancers} instead`,
    );
  }
  checkTraefikPods(traefik, error);
  // An entrypoint's name is said beside a problem of its port (79b-1): port-names.ts marks its problems' textPart.
  for (const problem of traefik.portRules.errors) error(problem.path, problem.message, problem);
  for (const problem of traefik.portRules.warnings) warn(problem.path, problem.message);
  // Whatever the nodes, a node affinity the API server refuses, or that matches no node (node-affinity.ts).
  for (const problem of valuesAffinityProblems(traefik.values, prefix)) error(problem.path, problem.message);
  for (const problem of staticEnvWarnings(traefik.values, prefix)) warn(problem.path, problem.message);
  for (const problem of unexpandedEnvWarnings(traefik.values, prefix)) warn(problem.path, problem.message);

  // A resolver the values define is named with its key, so the message says where to remove it.
  const resolvers = traefik.acmeResolvers.map(resolverLabel);
  const { kind, replicas } = traefik;
  const daemonSet = kind.value === 'DaemonSet';
  const resolverKey = formatPath([...prefix, 'certResolvers']);
  const keys = {
    certResolvers: traefik.acmeResolvers.some((r) => r.path[prefix.length] === 'values') ? 'the ACME resolvers' : resolverKey,
    certManager: names.certManager,
  };
  const onVolume = traefik.acmeResolvers.filter((r) => !traefik.ephemeralAcme.some((e) => e.value === r.value));
  for (const lost of traefik.ephemeralAcme) {
    warn(
      lost.path,
      `keeps its ACME certificates in ${shownValue(lost.storage)}, on no persistent volume, so every restart or move of the Traefik ` +
        "pod loses them and requests them all again, and Let's Encrypt's rate limits (5 certificates for the same names a week) " +
        `can leave HTTPS down for days: set ${formatPath([...prefix, 'values', 'persistence', 'enabled'])}: true and the storage ` +
        `under ${lost.mount}/, or define the resolver in ${resolverKey}, which writes that volume`,
    );
  }
  // A count that is no number is refused on its own (pod-rules.ts); compared, a `{toString: 1}` map would throw.
  const count = typeof replicas.value === 'number' ? replicas.value : undefined;
  // Autoscaled pods next to ACME resolvers are refused at autoscaling.enabled (pod-rules.ts).
  const sharedAcme = daemonSet
    ? replicasWithCertResolversProblem(
        2,
        resolvers,
        keys,
        'is DaemonSet, one Traefik pod per node',
        // 79b-7: a DaemonSet has no replica count; the one line of this conflict (pod-rules.ts says no second).
        'write Deployment here, with one replica',
      )
    : !traefik.autoscaling && count !== undefined && replicasWithCertResolversProblem(count, resolvers, keys);
  // `traefik.replicas` (or the prop) asks this tool for a spread and a maxUnavailable budget, which mean nothing for a
  // DaemonSet (no replica count, and no scale for that budget to count against: checkDaemonSetBudget).
  if (daemonSet && count !== undefined && count > 1 && formatPath(replicas.path) === formatPath([...prefix, 'replicas'])) {
    error(
      replicas.path,
      `is ${count}, but ${formatPath(kind.path)} is DaemonSet, which runs one Traefik pod on each node and has no replica count: ` +
        'remove the key, and for a disruption budget write podDisruptionBudget: {enabled: true, minAvailable: N} in the values, N below the number of nodes',
    );
  }
  if (sharedAcme) {
    error(daemonSet ? kind.path : replicas.path, sharedAcme);
  } else if (onVolume.length && nodes && nodes.servers > 1) {
    const where = onVolume[0].path.slice(0, prefix.length + 1);
    // Under traefik.values the path alone does not say which resolvers: name them.
    const which = where.at(-1) === 'certResolvers' ? '' : `the ACME resolvers (${onVolume.map(resolverLabel).join(', ')}) `;
    warn(
      where,
      `${which}keep their certificates on a ReadWriteOnce volume; on K3s' local-path storage it lives on one node ` +
        'and pins Traefik there for good, so losing that node stops all ingress until it returns: for a multi-node cluster use ' +
        'cert-manager (certManager.issuers, tls.issuer), which keeps certificates in Secrets, and traefik.replicas: 2',
    );
  }
  // With Local, Traefik fits on the servers only, one pod each: kube-vip/client-ip-rules.ts refuses more.
  if (!daemonSet && nodes && count !== undefined && count > nodes.traefikNodes && names.externalTrafficPolicy !== 'Local') {
    warn(
      replicas.path,
      `is ${replicas.value}, but only ${nodes.traefikNodes} node(s) can run Traefik, so some nodes run two ` +
        'pods and losing one of them loses both: use at most one replica per node',
    );
  }
  if (daemonSet) checkDaemonSetBudget(traefik, nodes?.traefikNodes, error);
  else checkDisruptionBudget(traefik, count, error, warn);
}

/** Whether the budget has one count the API server takes; else says why not. */
function validBudget(budget: NonNullable<EffectiveTraefik['disruptionBudget']>, daemonSet: boolean, error: Report): boolean {
  const { minAvailable, maxUnavailable } = budget;
  if (!minAvailable && !maxUnavailable) {
    error(budget.dropped?.path ?? budget.path, countlessBudgetMessage(budget.dropped, daemonSet));
    return false;
  }
  if (minAvailable && maxUnavailable) {
    error(minAvailable.path, 'is set together with maxUnavailable, and the API server accepts only one of the two: remove one of them');
    return false;
  }
  const invalid = [minAvailable, maxUnavailable].flatMap((count) => {
    const problem = count && budgetCountProblem(count.value);
    return problem ? [{ path: count.path, problem }] : [];
  });
  for (const { path, problem } of invalid) error(path, problem);
  return !invalid.length;
}

/**
 * A DaemonSet's budget. `kubectl drain` never evicts DaemonSet pods (it needs --ignore-daemonsets), so the budget
 * guards only the eviction API. The disruption controller counts a whole-number minAvailable against the matching pods,
 * but maxUnavailable or a percentage against the scale of the pods' owner, which a DaemonSet has not (no scale
 * subresource), so that budget's sync fails and allows no eviction (k8s.io/kubernetes pkg/controller/disruption/disruption.go
 * getExpectedPodCount, getExpectedScale, failSafe; master at 003e862). `pods`: the nodes Traefik runs on, when known.
 */
function checkDaemonSetBudget(traefik: EffectiveTraefik, pods: number | undefined, error: Report): void {
  const budget = traefik.disruptionBudget;
  if (!budget || !validBudget(budget, true, error)) return;
  const { minAvailable, maxUnavailable } = budget;
  const whole = minAvailable && renderedCount(minAvailable.value);
  const below = pods === undefined ? 'below the number of nodes Traefik runs on' : `at most ${pods - 1} (Traefik runs on ${pods} node(s))`;
  const scaled = maxUnavailable ?? (typeof whole === 'number' ? undefined : minAvailable);
  if (scaled) {
    error(
      scaled.path,
      `is ${shownValue(scaled.value)}, but Traefik runs as a DaemonSet, which has no scale subresource, and the disruption controller ` +
        `counts maxUnavailable and percentages against one, so ${NO_EVICTION}: use a whole-number podDisruptionBudget.minAvailable ${below}`,
    );
  } else if (minAvailable && typeof whole === 'number' && pods !== undefined && whole >= pods) {
    const fix = pods > 1 ? `use a whole number ${below}` : 'remove the budget (podDisruptionBudget.enabled: false)';
    error(minAvailable.path, `is ${shownValue(minAvailable.value)} with ${pods} Traefik pod(s), one per node, so ${NO_EVICTION}: ${fix}`);
  }
}

/** What a budget that allows nothing does to a DaemonSet's pods, which `kubectl drain` skips. */
const NO_EVICTION = 'no eviction of a Traefik pod is allowed (the eviction API refuses every one, whichever tool asks)';

/**
 * A budget that lets no drain evict a Traefik pod blocks every node drain (and so every K3s upgrade) for good; one that
 * lets a drain evict them all leaves no pod serving meanwhile.
 */
function checkDisruptionBudget(traefik: EffectiveTraefik, pods: number | undefined, error: Report, warn: Report) {
  const budget = traefik.disruptionBudget;
  if (!budget) return;
  const { minAvailable, maxUnavailable } = budget;
  if (!validBudget(budget, false, error)) return;
  const blocks = 'so no drain may evict a Traefik pod and every node drain (and K3s upgrade) hangs';
  // The disruption controller rounds a percentage up to whole pods (k8s.io/kubernetes pkg/controller/disruption).
  const podsOf = (given: unknown, of = pods): number | undefined => {
    const value = renderedCount(given);
    if (typeof value === 'number') return value;
    const percent = typeof value === 'string' ? /^(\d+)%$/.exec(value) : null;
    return percent ? Math.ceil(((of ?? 1) * Number(percent[1])) / 100) : undefined;
  };
  if (maxUnavailable && podsOf(maxUnavailable.value) === 0) {
    error(maxUnavailable.path, `is ${shownValue(maxUnavailable.value)}, ${blocks}: use 1`);
  }
  // A percentage of 100 lets every pod go whatever their count.
  const lost = maxUnavailable ?? minAvailable;
  const evicted = maxUnavailable ? podsOf(maxUnavailable.value) : minAvailable && podsOf(minAvailable.value) === 0 ? pods : undefined;
  const all = maxUnavailable?.value === '100%' || (pods !== undefined && evicted !== undefined && evicted >= pods);
  if (lost && all && pods !== 1) {
    warn(
      lost.path,
      `is ${shownValue(lost.value)} with ${pods ?? 'all'} Traefik pod(s), so a drain may evict every Traefik pod at once and ` +
        'nothing serves ingress until they start again: use maxUnavailable: 1',
    );
  }
  if (minAvailable) {
    const value = minAvailable.value;
    // 70b-4: an HPA runs its minReplicas whenever load is low, and then the budget counts against that many pods.
    const fewest = traefik.autoscaling?.minReplicas ?? pods;
    const needed = podsOf(value, fewest);
    const all = value === '100%' || (needed !== undefined && needed >= (fewest ?? 1));
    if (all) {
      const shown = traefik.autoscaling
        ? `as few as ${fewest} Traefik pod(s) (autoscaling.minReplicas)`
        : `${pods ?? 'all'} Traefik pod(s)`;
      error(
        minAvailable.path,
        `is ${shownValue(value)} with ${shown}, ${blocks}: remove it (this tool sets maxUnavailable: 1 for 2 or more replicas)`,
      );
    }
  }
}
