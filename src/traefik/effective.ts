import { EphemeralAcme, ephemeralAcmeResolvers } from './acme-storage';
import { formatPath, keyText, Path, Problem, RuleResult } from '../core/problem';
import { describeValue } from '../core/snapshot';
import type { ClusterConfig } from '../config/schema';
import { DeployedService, Sourced } from '../load-balancer/deployed';
import { parseVersion, Version } from '../semver';
import { argumentProblems, TraefikFlag, traefikFlags } from './arguments';
import { chartVersionSupport, OLDEST_CHART, traefikChartRules, upstreamChartVersion } from './chart-versions';
import { additionalServicePorts, Entrypoint, entrypoints, http3Ports, removedEntrypoints, webRedirects } from './entrypoints';
import { externalIpsProblems } from './external-ips';
import { SidecarPort, sidecarPorts } from './sidecar-ports';
import { TraefikIngressProvider, traefikIngressProvider } from './ingress-provider';
import { TraefikTrust, traefikTrust } from './trust';
import { chartFailures } from './chart-failures';
import { portNameProblems } from './port-names';
import { listenProblems } from './port-listen';
import { probeProblems } from './probe-rules';
import { portRangeProblems } from './port-ranges';
import { serviceAccountRules } from './service-account';
import { zeroCount } from './rendered-count';
import { surgingDaemonSet } from './daemon-set-surge';
import { acmeOptionProblems } from './acme-options';
import { acmeChallengeProblems, AcmeResolver, acmeResolverFacts } from './acme-challenges';
import { deployedTraefik, unknownResolverOptionProblems } from './acme-option-names';
import { unknownFlagProblems } from './flag-names';
import { chartKeyFlags } from './chart-key-flags';
import { quotedArgProblems } from './quoted-args';
import { podPortAndVolumeProblems } from './pod-checks';
import { definedResolvers, resolverStartProblems } from './defined-resolvers';
import { resolverKeyProblems } from './resolver-keys';
import { searchDirectoryEntries, staticConfigMounts } from './config-file';
import {
  ExtraObjectService,
  extraObjectServices,
  hasKubeVipAnnotation,
  templatedKubeVipAnnotations,
  valueAt,
  VIP_ANNOTATION,
} from './service-facts';
import { generatedTraefikValues, traefikValues, TraefikValuesSettings } from './values';
import { generatorKeys } from './generator-keys';
import { chartService, ServiceContext } from './chart-service';
import { extraObjectEscapes } from './extra-objects';
import type * as ExtraRoutePaths from './extra-route-paths';
import { nonTextAnnotationProblems } from './annotation-values';
import { RenderedBudget, renderedBudget } from './budget-render';
import { webRedirectsToTls } from './redirect-reach';
import { goTruthy } from './go-truth';
import { renderedInteger } from './yaml-number';
import { isMap } from '../core/is-map';

/** K3s installs the chart as release `traefik`, so its Service is `traefik` (traefik.fullname). */
const TRAEFIK_SERVICE_NAME = 'traefik';

/**
 * Traefik as it will be deployed: the chart values K3s receives (generated, then `traefik.values`
 * merged in), read back into the facts the rules judge. Every fact carries the key that supplied it,
 * a first-class key or a `traefik.values` path, so a rule holds whichever key was typed and its
 * message points at that key.
 */
export interface EffectiveTraefik {
  /** The chart values as written into the HelmChartConfig. */
  readonly values: Record<string, unknown>;
  /** The Services the chart renders: its own, and those of `service.additionalServices`. */
  readonly services: readonly DeployedService[];
  readonly portlessServices: readonly DeployedService[]; // additional ones the chart fails on (no port): judged for VIPs (81b-7)
  /**
   * Type keys this chart version does not read (`service.type` for `service.spec.type` or the reverse, and the same on an
   * additional Service); `readAt` is the key read instead on an additional Service (this tool writes Traefik's own).
   */
  readonly misplacedServiceTypes: ReadonlyArray<{ readonly path: Path; readonly readAt?: Path }>;
  /**
   * VIP annotations (`kube-vip.io/loadbalancerIPs` under `traefik.values`) whose entries are not addresses,
   * Service blocks (`additionalServices.<name>`, their `annotations`) that are not maps, and `extraObjects`
   * items that escape the rules of what they stand for (traefik/extra-objects.ts), and annotation values that are not texts.
   */
  readonly badVips: readonly Problem[];
  /** The entrypoints the pods listen on, with their Service and host ports. */
  readonly entrypoints: readonly Entrypoint[];
  /** The chart's entrypoints a null in the values drops (`ports.<name>: null`, `ports: null`), with that key. */
  readonly removedEntrypoints: ReadonlyArray<{ readonly name: string; readonly path: Path }>;
  /** Ports the user's own containers in Traefik's pods declare (`deployment.additionalContainers`, `initContainers`). */
  readonly sidecarPorts: readonly SidecarPort[];
  /** `deployment.enabled`: false deploys no Traefik at all. */
  readonly enabled: Sourced<unknown>;
  /** `autoscaling` when enabled: an HPA scales the pods between min and max replicas. */
  readonly autoscaling?: { readonly path: Path; readonly maxReplicas?: unknown; readonly minReplicas: number };
  /** `hostNetwork: true`: the pods listen on the node's own addresses. */
  readonly hostNetwork?: Sourced<unknown>;
  /** `service.spec.loadBalancerClass` (or the top-level key of older charts): another class leaves the Service to another controller. */
  readonly loadBalancerClass?: Sourced<unknown>;
  /** `service.spec.loadBalancerIP` next to the first-class VIPs: a second, contradicting VIP source. */
  readonly extraLoadBalancerIP?: Sourced<unknown>;
  /** `updateStrategy.rollingUpdate` when both maxUnavailable and maxSurge are 0, which the API server refuses. */
  readonly stuckRollout?: Path;
  /** A DaemonSet's `updateStrategy.rollingUpdate` with maxUnavailable and maxSurge both non-zero, which the API server refuses. */
  readonly surgingDaemonSet?: Problem;
  /** `deployment.kind`: Deployment or DaemonSet. */
  readonly kind: Sourced<string>;
  /** `deployment.replicas`, or under the chart's HPA `autoscaling.maxReplicas` (a DaemonSet ignores both). */
  readonly replicas: Sourced<number>;
  /** Whether `web` redirects every http:// request (to HTTPS), through `redirectToHttps`, the values or a flag. */
  readonly httpRedirect: boolean;
  /** Whether that redirect reaches HTTPS on the VIP (redirect-reach.ts), so a TLS-only router's http:// is answered. */
  readonly httpsRedirect: boolean;
  /** ACME resolvers Traefik itself defines, whichever key defines them (a `--certificatesresolvers.<name>.acme.*` flag too). */
  readonly acmeResolvers: readonly AcmeResolver[];
  /** The ACME resolvers whose acme.json lies on no persistent volume (the others share the chart's ReadWriteOnce one). */
  readonly ephemeralAcme: readonly EphemeralAcme[];
  /** Every certificate resolver Traefik defines (ACME or not), whichever key or flag defines it: the names an Ingress may use. */
  readonly resolverNames: readonly string[];
  /** The networks Traefik believes forwarded headers or the PROXY protocol from, and entrypoints that believe everyone. */
  readonly trust: TraefikTrust;
  /** A `--configfile` flag: Traefik then reads its static configuration from that file alone, ignoring every flag. */
  readonly configFile?: Path;
  /** `traefik.values` mount paths that put a volume where Traefik looks for a static configuration file: the same as `configFile`. */
  readonly staticConfigMounts: readonly Path[];
  /** `env` XDG_CONFIG_HOME/HOME entries whose config-file lookup is unknown here, or lies on a writable volume of the chart's own. */
  readonly searchDirectories: ReturnType<typeof searchDirectoryEntries>;
  /** What would keep Traefik from reading the Ingresses this tool writes. */
  readonly ingressProvider: TraefikIngressProvider;
  /** `traefik.values` keys that turn Traefik's Gateway API provider (or the chart's Gateway) on: `providers.kubernetesGateway.enabled`, `gateway.enabled`. */
  readonly gatewayKeys: readonly Path[];
  /** Where the merged values make the chart's own templates fail (so helm-controller's install job fails). */
  readonly chartFailures: readonly Problem[];
  /** Entrypoint names, listen addresses, port overrides and ping flags the cluster would refuse or run wrongly; `serviceAccount.name`. */
  readonly portRules: RuleResult;
  /** Items of `additionalArguments`/`globalArguments` that Traefik would not read as the flags they look like. */
  readonly argumentProblems: readonly Problem[];
  /** ACME e-mails and CA servers that `traefik.certResolvers` would refuse, resolvers Traefik cannot start with, and resolver names it cannot read. */
  readonly acmeOptionProblems: readonly Problem[];
  /** LoadBalancer Services kube-vip would serve among the chart's `extraObjects`. */
  readonly extraObjectServices: readonly ExtraObjectService[];
  /** `podDisruptionBudget` when enabled. */
  readonly disruptionBudget?: RenderedBudget & { readonly path: Path };
}

type Values = Record<string, unknown>;

/**
 * The settings of `config.traefik` as the values generator takes them, but for the per-Service lease
 * name (kube-vip/client-ip.ts derives that from the Services this model finds; traefik/settings.ts adds it).
 * A chart older than the table is refused by its own rule; the model follows the oldest known chart meanwhile.
 */
export function traefikSettingsWithoutLease(config: ClusterConfig): TraefikValuesSettings {
  const { traefik, kubeVip } = config;
  return {
    chartVersion: chartVersionSupport(traefik.chartVersion).error ? OLDEST_CHART.tag.slice(1) : traefik.chartVersion,
    kubeVipVersion: kubeVip.version,
    k3sVersion: config.k3s.version,
    loadBalancerIPs: traefik.loadBalancerIPs,
    redirectToHttps: traefik.redirectToHttps,
    certResolvers: traefik.certResolvers,
    replicas: traefik.replicas,
    externalTrafficPolicy: traefik.externalTrafficPolicy,
    trustedProxies: traefik.trustedProxies,
    gateway: !!traefik.gateway,
    values: traefik.values,
  };
}

/**
 * Traefik as `settings` deploy it. `prefix` is where the settings live for the reader (`traefik` in a
 * config file, nothing in a construct's props), so every sourced path is a key the reader typed.
 */
export function effectiveTraefik(settings: TraefikValuesSettings, prefix: Path = ['traefik']): EffectiveTraefik {
  const user = settings.values ?? {};
  const generated = generatedTraefikValues(settings);
  const values = traefikValues(settings);
  const chartVersion = parseVersion(upstreamChartVersion(settings.chartVersion));
  const chart = traefikChartRules(chartVersion);
  // Where a value came from: the user's values when they hold it, else the first-class key that writes it.
  const source = (path: readonly string[], fallback: Path): Path =>
    valueAt(user, path) !== undefined
      ? [...prefix, 'values', ...path]
      : valueAt(generated, path) !== undefined
        ? [...prefix, generatorKeys(path, settings, generated, !prefix.length)[0]]
        : fallback;
  const sourced = <T>(path: readonly string[], fallback: T, fallbackPath: Path = prefix): Sourced<T> => {
    const value = valueAt(values, path);
    return value === undefined ? { value: fallback, path: fallbackPath } : { value: value as T, path: source(path, fallbackPath) };
  };

  // The Service's own fields: top-level `service.*` up to chart v39, `service.spec.*` from v40.
  const typeKey = chart.serviceFields === 'service' ? ['type'] : ['spec', 'type'];
  const otherTypeKey = chart.serviceFields === 'service' ? ['spec', 'type'] : ['type'];
  const additionalTypeKey = chart.additionalServiceType.split('.');
  // Up to v39 the chart also renders the free-form `service.spec` (traefik/templates/_service.tpl), after its own keys.
  const fieldKeys = chart.serviceFields === 'service' ? [[], ['spec']] : [['spec']];
  const [services, portless]: DeployedService[][] = [[], []];
  const badVips: Problem[] = [];
  const service = isMap(values.service) ? values.service : {};
  const flags = traefikFlags(user, prefix, settings.chartVersion);
  const ports = entrypoints(values, prefix, flags, chartVersion);
  const servicePorts = ports.filter((entry) => entry.exposedPort !== undefined).map((entry) => `${entry.exposedPort}/${entry.protocol}`);
  const notMap = (at: readonly string[], value: unknown, expected = "a map of the Service's settings") =>
    badVips.push({ path: [...prefix, 'values', ...at], message: `${describeValue(value)}: expected ${expected}` });
  const badAnnotations = (block: Values, at: readonly string[]) => {
    const bad = block.annotations !== undefined && block.annotations !== null && !isMap(block.annotations);
    if (bad) notMap([...at, 'annotations'], block.annotations, 'a map of annotation names to texts');
    return bad;
  };
  // Traefik's own `service.annotations` is typed by the chart's values schema, which reports a non-map there.
  // A Helm template in a kube-vip annotation: kube-vip reads what Helm renders at install time, which no rule can judge.
  const templated = (block: Values, at: readonly string[]) => {
    for (const path of templatedKubeVipAnnotations(block, at)) {
      badVips.push({
        path: [...prefix, 'values', ...path],
        message:
          'holds a Helm template ({{ ... }}), which the chart renders at install time (from chart v40 through tpl), so the value kube-vip ' +
          'reads cannot be judged here (VIP, pool, lease and ignore rules): write the value itself',
      });
    }
  };
  // With `single` off UDP ports get a `<name>-udp` Service of their own, with annotationsUDP over annotations;
  // it is a Service of its own for kube-vip only when annotationsUDP carries kube-vip annotations (else it shares the TCP one's VIP).
  // `single` is read with Go truth (`if $service.single`, templates/service.yaml), so 0 is off and 1 is on.
  const udpService = (block: Values, single: boolean, udp: readonly string[]) =>
    !single && hasKubeVipAnnotation(block.annotationsUDP) && udp.length > 0;
  // The Service's ports as the chart lists them (entrypoints, then their HTTP/3 ports): those on its TCP side and
  // those its `-udp` Service would take.
  const sides = (ports: readonly string[], service: string) => {
    const http3 = http3Ports(values, service, chartVersion);
    const tcp = [...ports.filter((port) => !port.endsWith('/UDP')), ...http3.filter((h) => !h.udpService).map((h) => h.port)];
    const udp = [...ports.filter((port) => port.endsWith('/UDP')), ...http3.filter((h) => h.udpService).map((h) => h.port)];
    return { tcp, udp, all: [...tcp, ...udp] };
  };
  const takeover = (block: Values, at: readonly string[], instead: string) =>
    badVips.push(...externalIpsProblems(block, at, fieldKeys, prefix, instead));
  // A Service without a port is never rendered (the chart fails on it, chart-failures.ts), so it holds no VIP.
  if (service.enabled !== false && servicePorts.length) {
    const { tcp, udp, all } = sides(servicePorts, 'default');
    const context: ServiceContext = {
      label: 'Traefik',
      name: TRAEFIK_SERVICE_NAME,
      vipPath: [...prefix, 'loadBalancerIPs'],
      prefix,
      typeKey,
      fieldKeys,
      sourced,
      badVips,
      ports: all,
      firstClassIps: settings.loadBalancerIPs,
      kubeVipVersion: settings.kubeVipVersion,
      traefikOwn: true,
    };
    templated(service, ['service']);
    takeover(service, ['service'], formatPath([...prefix, 'loadBalancerIPs']));
    // The chart's default is `single: true` (traefik/values.yaml v20 to v41). A null deletes the default (Helm's
    // coalesce, pkg/chartutil/coalesce.go: "When the YAML value is null ... we remove the value's key"): the template reads nil, false.
    const single = service.single === undefined || goTruthy(service.single);
    if (udpService(service, single, udp)) {
      services.push(chartService(service, ['service'], { ...context, ports: tcp }));
      services.push(
        chartService(
          service,
          ['service'],
          { ...context, label: "Traefik's UDP", name: `${TRAEFIK_SERVICE_NAME}-udp`, ports: udp, firstClassIps: undefined },
          'annotationsUDP',
        ),
      );
    } else services.push(chartService(service, ['service'], context));
  }
  // Type keys the chart does not read: Traefik's own (this tool writes its type), and each additional Service's.
  const misplaced: Array<{ path: Path; readAt?: Path }> = [];
  if (valueAt(user, ['service', ...otherTypeKey]) !== undefined)
    misplaced.push({ path: [...prefix, 'values', 'service', ...otherTypeKey] });
  const additional = isMap(service.additionalServices) ? service.additionalServices : {};
  for (const [name, extra] of Object.entries(additional)) {
    const at = ['service', 'additionalServices', name];
    // `<name>: null` removes an entry (Helm drops null keys); anything else that is not a map is a mistake.
    if (extra !== null && !isMap(extra)) notMap(at, extra);
    // `if ne $service.enabled false` (templates/service.yaml): only false itself turns an additional Service off.
    if (!isMap(extra) || extra.enabled === false || badAnnotations(extra, at)) continue;
    const entrypointPorts = additionalServicePorts(values, name, chartVersion);
    const rendered = entrypointPorts.length ? services : portless; // without a port: not rendered, its VIPs judged (81b-7)
    const { tcp, udp, all } = sides(entrypointPorts, name);
    const context: ServiceContext = {
      label: `Traefik's additional Service ${keyText(name)}`,
      name: `${TRAEFIK_SERVICE_NAME}-${name}`,
      vipPath: [...prefix, 'values', ...at, 'annotations'],
      prefix,
      typeKey: additionalTypeKey,
      ...(chart.additionalServiceType === 'spec.type' && { typeDefault: 'ClusterIP' }),
      fieldKeys,
      sourced,
      badVips,
      ports: all,
      kubeVipVersion: settings.kubeVipVersion,
    };
    templated(extra, at);
    takeover(extra, at, `its ${VIP_ANNOTATION} annotation`);
    const unreadType = additionalTypeKey.length > 1 ? ['type'] : ['spec', 'type'];
    if (valueAt(extra, unreadType) !== undefined)
      misplaced.push({ path: [...prefix, 'values', ...at, ...unreadType], readAt: [...prefix, 'values', ...at, ...additionalTypeKey] });
    // An additional Service has no `single` default: unset splits its UDP ports off.
    if (udpService(extra, goTruthy(extra.single), udp)) {
      const udpSide = { ...context, label: `${context.label} (UDP)`, name: `${context.name}-udp`, ports: udp };
      rendered.push(chartService(extra, at, { ...context, ports: tcp }), chartService(extra, at, udpSide, 'annotationsUDP'));
    } else rendered.push(chartService(extra, at, context));
  }
  badVips.push(
    ...extraObjectEscapes(user, prefix, chart, settings.k3sVersion),
    // 87b-2: a route path holding a secret token, as the first-class route keys refuse it (read only where routes can be).
    ...(['extraObjects', 'ingressRoute', 'providers'].some((key) => key in user)
      ? (require('./extra-route-paths') as typeof ExtraRoutePaths).routeTokenProblems(user, prefix)
      : []),
    ...nonTextAnnotationProblems(user, prefix, values, chartVersion),
  );
  const kind = sourced<string>(['deployment', 'kind'], 'Deployment');
  // hpa.yaml renders under `if .Values.autoscaling.enabled` (Go truth: 1 or "false" are on too).
  const autoscaling = isMap(values.autoscaling) && goTruthy(values.autoscaling.enabled) ? values.autoscaling : undefined;
  // Under the chart's HPA the Deployment renders no count (templates/deployment.yaml, v20 to v41): up to maxReplicas pods run.
  // hpa.yaml prints `maxReplicas: {{ .Values.autoscaling.maxReplicas }}` unquoted, so a text such as "5" is 5 pods.
  const maxReplicas = renderedInteger(autoscaling?.maxReplicas);
  // hpa.yaml writes minReplicas only when set, and the HPA's default is then 1 (k8s.io/api autoscaling/v2).
  const minReplicas = renderedInteger(autoscaling?.minReplicas) ?? 1;
  const replicas =
    maxReplicas !== undefined
      ? { ...sourced<number>(['autoscaling', 'maxReplicas'], 1), value: maxReplicas }
      : sourced<number>(['deployment', 'replicas'], 1);
  // Only the resolver key this chart version reads defines resolvers (defined-resolvers.ts); a name defined twice counts once.
  const defined = definedResolvers(values, flags, chart, prefix, settings.certResolvers ?? {});
  const acmeResolvers = acmeResolverFacts(defined, values, flags, chart, prefix, settings.certResolvers ?? {});
  // A VIP source of the user's next to traefik.loadBalancerIPs: the spec field, or the annotation in a map the chart joins over the generated one.
  const extraVip = [
    ['service', 'spec', 'loadBalancerIP'],
    ['service', 'annotationsTCP', VIP_ANNOTATION],
    ['service', 'annotationsUDP', VIP_ANNOTATION],
  ].find((path) => valueAt(user, path) !== undefined && valueAt(generated, path) === undefined);
  const budget = isMap(values.podDisruptionBudget) ? values.podDisruptionBudget : undefined;
  const present = <T>(path: readonly string[]) => (valueAt(values, path) === undefined ? undefined : sourced<T>(path, undefined as T));
  const rolling = valueAt(values, ['updateStrategy', 'rollingUpdate']);
  const classKey = chart.serviceFields === 'service' ? ['service', 'loadBalancerClass'] : ['service', 'spec', 'loadBalancerClass'];
  const keyFlags = chartKeyFlags(values, prefix, chartVersion, chart);
  const flagProblems = unknownFlagProblems([...flags, ...keyFlags], deployedTraefik(values, chart));
  const flagValueTold = new Set(flagProblems.filter((problem) => !problem.aboutName).map((problem) => formatPath(problem.path)));
  return {
    values,
    services,
    portlessServices: portless,
    badVips,
    misplacedServiceTypes: misplaced,
    entrypoints: ports,
    removedEntrypoints: removedEntrypoints(values, prefix),
    sidecarPorts: sidecarPorts(user, prefix),
    enabled: sourced(['deployment', 'enabled'], true),
    ...(autoscaling && {
      autoscaling: { path: source(['autoscaling', 'enabled'], prefix), maxReplicas: maxReplicas ?? autoscaling.maxReplicas, minReplicas },
    }),
    // `hostNetwork: {{ .Values.hostNetwork }}` / `if .Values.hostNetwork` in the chart's templates: Go truth.
    ...(goTruthy(valueAt(values, ['hostNetwork'])) && { hostNetwork: sourced(['hostNetwork'], true) }),
    ...((present(classKey) ?? present(['service', 'spec', 'loadBalancerClass'])) && {
      loadBalancerClass: present(classKey) ?? present(['service', 'spec', 'loadBalancerClass']),
    }),
    ...(settings.loadBalancerIPs?.length && extraVip && { extraLoadBalancerIP: sourced(extraVip, undefined) }),
    ...(isMap(rolling) &&
      zeroCount(rolling.maxUnavailable) &&
      zeroCount(rolling.maxSurge) && { stuckRollout: source(['updateStrategy', 'rollingUpdate'], prefix) }),
    ...surgingDaemonSet(values, kind, sourced, prefix),
    kind,
    replicas,
    acmeResolvers,
    ephemeralAcme: ephemeralAcmeResolvers(values, flags, acmeResolvers, chart),
    httpRedirect: webRedirects(values, flags, chart.redirectKey),
    httpsRedirect: webRedirectsToTls(values, settings.chartVersion, ports, prefix),
    resolverNames: defined.map((resolver) => resolver.value),
    chartFailures: [
      ...chartFailures(values, chartVersion, kind, sourced, ports, prefix),
      ...quotedArgProblems(user, prefix, chart),
      ...podPortAndVolumeProblems(values, ports, prefix, chart, generated, user, settings.k3sVersion),
    ],
    argumentProblems: argumentProblems(user, prefix, settings.chartVersion, (path) => flagValueTold.has(formatPath(path))),
    portRules: portRules(values, flags, ports, chartVersion, sourced),
    acmeOptionProblems: [
      ...acmeOptionProblems(user, flags, prefix, chart),
      ...resolverStartProblems(values, flags, chart, prefix, settings.certResolvers ?? {}),
      ...resolverKeyProblems(values, chart, prefix, settings.certResolvers ?? {}),
      ...unknownResolverOptionProblems(user, values, flags, prefix, chart),
      ...flagProblems,
      ...acmeChallengeProblems(ports, values, flags, chart, prefix, settings.certResolvers ?? {}),
    ],
    extraObjectServices: extraObjectServices(user, prefix),
    ...(flags.some((flag) => flag.name === 'configfile') && { configFile: flags.find((flag) => flag.name === 'configfile')!.path }),
    staticConfigMounts: staticConfigMounts(user, prefix),
    searchDirectories: searchDirectoryEntries(user, prefix),
    trust: traefikTrust(settings.trustedProxies ?? [], user, flags, prefix),
    ingressProvider: traefikIngressProvider(values, flags, prefix, chart),
    gatewayKeys: [
      ['providers', 'kubernetesGateway', 'enabled'],
      ['gateway', 'enabled'],
    ]
      // `if .enabled` / `if and (.Values.gateway).enabled ...` in the chart's templates: Go truth.
      .filter((path) => goTruthy(valueAt(user, path)))
      .map((path) => [...prefix, 'values', ...path]),
    // templates/poddisruptionbudget.yaml: `if .Values.podDisruptionBudget.enabled` (Go truth: 1 and "yes" are on too).
    ...(goTruthy(budget?.enabled) && {
      disruptionBudget: {
        path: source(['podDisruptionBudget', 'enabled'], [...prefix, 'replicas']),
        ...renderedBudget(budget!, sourced),
      },
    }),
  };
}

/** The port rules (port-names.ts, port-ranges.ts, port-listen.ts, probe-rules.ts) and the ServiceAccount's, on the merged values. */
function portRules(
  values: Values,
  flags: readonly TraefikFlag[],
  ports: readonly Entrypoint[],
  chart: Version,
  sourced: <T>(path: readonly string[], fallback: T, fallbackPath?: Path) => Sourced<T>,
): RuleResult {
  const chartName = `Traefik chart ${chart.tag.slice(1)}`;
  const hostNetwork = goTruthy(valueAt(values, ['hostNetwork']));
  const inputs = { values, flags, entrypoints: ports, chart, chartName, sourced, hostNetwork };
  const [listen, probes, accounts] = [listenProblems(inputs), probeProblems(inputs), serviceAccountRules(values, sourced)];
  return {
    errors: [
      ...portNameProblems(ports, chart, chartName),
      ...portRangeProblems(inputs),
      ...[listen, probes, accounts].flatMap((r) => r.errors),
    ],
    warnings: [listen, probes, accounts].flatMap((r) => r.warnings),
  };
}
