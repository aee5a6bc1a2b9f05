import { stringifyForGo } from '../core/yaml';
import { TraefikChartRules, traefikChartRules, upstreamChartVersion } from './chart-versions';
import { traefikGatewayValues } from './gateway-values';
import { givesBudgetCount, traefikHaValues } from './ha-values';
import { traefikPlacementValues } from './placement-values';
import { goTruthy } from './go-truth';
import { renderedInteger } from './yaml-number';
import { mergeValues } from './values-merge';
import { withJoinedInitContainers } from './init-container-join';
import { withHiddenTokens } from './sidecar-tokens';
import { serviceVipFields } from '../kube-vip/service-vip';
import { LEASE_NAME_ANNOTATION } from '../kube-vip/shared-lease';
import { VOLUME_PERMISSIONS_IMAGE } from '../pins';
import { parseVersion } from '../semver';

export interface TraefikValuesSettings {
  /** Upstream Traefik chart version (the `+upX.Y.Z` part of K3s' chart). */
  readonly chartVersion: string;
  /** kube-vip release that announces the VIP. */
  readonly kubeVipVersion: string;
  /**
   * K3s release of the cluster (`k3s.version`): its Kubernetes decides the pod fields newer than the 1.27 schema that
   * the user's objects and containers may use (validate/later-fields.ts: native sidecars from 1.29).
   * @default - not named: such fields are refused, naming the release that serves them
   */
  readonly k3sVersion?: string;
  /**
   * Fixed VIP(s) of the Traefik LoadBalancer Service, at most one per IP family.
   * @default - none: kube-vip-cloud-provider assigns one from its pool
   */
  readonly loadBalancerIPs?: readonly string[];
  /**
   * Redirect all HTTP requests to HTTPS.
   * @default false
   */
  readonly redirectToHttps?: boolean;
  /**
   * ACME certificate resolvers to define, by name.
   * @default - none
   */
  readonly certResolvers?: Readonly<Record<string, CertResolverSettings>>;
  /**
   * Traefik pods; 2 or more spread over nodes with a PodDisruptionBudget.
   * @default 1
   */
  readonly replicas?: number;
  /**
   * `Local` keeps the client's IP: Traefik runs only on control-plane nodes (where kube-vip runs), one pod per node.
   * @default "Cluster"
   */
  readonly externalTrafficPolicy?: 'Cluster' | 'Local';
  /**
   * Addresses or CIDR blocks whose X-Forwarded-* headers Traefik believes on `web` and `websecure`.
   * @default - none: Traefik drops forwarded headers from everyone
   */
  readonly trustedProxies?: readonly string[];
  /**
   * `kube-vip.io/leaseName` of the Service: the per-Service lease it shares with Services on the same VIP.
   * @default - none: the Service elects its own leader
   */
  readonly leaseName?: string;
  /**
   * Turn on Traefik's Gateway API provider and its RBAC, with the chart's GatewayClass but without a Gateway of the chart's.
   * @default false
   */
  readonly gateway?: boolean;
  /**
   * Further chart values, deep-merged over the generated ones (a conflicting key keeps the generated value;
   * the config rules report it).
   * @default - none
   */
  readonly values?: Readonly<Record<string, unknown>>;
}

export interface CertResolverSettings {
  /** ACME account e-mail. */
  readonly email: string;
  /** ACME challenge type. */
  readonly challenge: 'tls' | 'http';
  /**
   * ACME directory URL.
   * @default - Let's Encrypt production
   */
  readonly caServer?: string;
}

/** The chart's default entrypoints (`ports.web` on 80, `ports.websecure` on 443) in every version v20 to v41. */
const WEB = 'web';
const WEBSECURE = 'websecure';
/** The entrypoints `trustedProxies` is written to: every entrypoint clients reach through the VIP. */
export const TRUSTED_PROXY_ENTRYPOINTS: readonly string[] = [WEB, WEBSECURE];

/**
 * The chart's data volume: `persistence.name` / `persistence.path` defaults in every version v20 to
 * v41. Pinned because the initContainer and the ACME storage path refer to them.
 */
const DATA_VOLUME = { name: 'data', path: '/data' } as const;
const ACME_STORAGE = `${DATA_VOLUME.path}/acme.json`;
/** GID Traefik runs as: the chart default `runAsGroup: 65532` in every version v20 to v41. */
const TRAEFIK_GID = 65532;

/** `ports.web` values that redirect HTTP to HTTPS, per chart key (traefik/traefik-helm-chart traefik/values.yaml). */
const REDIRECT: Record<TraefikChartRules['redirectKey'], () => Record<string, unknown>> = {
  'ports.web.redirectTo': () => ({ redirectTo: WEBSECURE }),
  // `redirectTo.permanent` only exists from v30; Traefik redirects permanently by default anyway
  // (RedirectEntryPoint.SetDefaults in traefik pkg/config/static/entrypoints.go).
  'ports.web.redirectTo.port': () => ({ redirectTo: { port: WEBSECURE } }),
  'ports.web.redirections': () => ({ redirections: { entryPoint: entryPointRedirect() } }),
  'ports.web.http.redirections': () => ({ http: { redirections: { entryPoint: entryPointRedirect() } } }),
};

function entryPointRedirect(): Record<string, unknown> {
  return { to: WEBSECURE, scheme: 'https', permanent: true };
}

/** One resolver's values, per chart key: v33+ nests Traefik's own `acme` options under the name. */
const CERT_RESOLVER: Record<TraefikChartRules['certResolversKey'], (acme: Record<string, unknown>) => Record<string, unknown>> = {
  certResolvers: (acme) => acme,
  certificatesResolvers: (acme) => ({ acme }),
};

/**
 * Helm values for K3s' Traefik, using only keys the chosen chart version reads
 * (traefik/traefik-helm-chart traefik/values.yaml at that tag): the VIP(s) of its LoadBalancer Service, and optionally
 * an HTTP -> HTTPS redirect and ACME resolvers with persistent, correctly permissioned storage.
 */
export function traefikValues(settings: TraefikValuesSettings, ownBudget = false): Record<string, unknown> {
  const chart = traefikChartRules(parseVersion(upstreamChartVersion(settings.chartVersion)));
  const values: Record<string, unknown> = { service: serviceValues(settings, chart) };
  const ports = portValues(settings, chart);
  if (Object.keys(ports).length) values.ports = ports;
  const resolvers = Object.entries(settings.certResolvers ?? {});
  if (resolvers.length) {
    values[chart.certResolversKey] = Object.fromEntries(
      resolvers.map(([name, resolver]) => [name, CERT_RESOLVER[chart.certResolversKey](acmeOptions(resolver))]),
    );
    Object.assign(values, acmeStorageValues(chart));
  }
  const replicas = effectiveReplicas(settings);
  // Under the chart's HPA the Deployment renders no replica count (templates/deployment.yaml, v20 to v41): the spread and budget stay.
  const userBudget = givesBudgetCount(settings.values) || ownBudget;
  const { deployment: _count, ...ha } = traefikHaValues(replicas, userBudget) as { deployment?: unknown };
  Object.assign(values, autoscaledMax(settings) === replicas ? ha : traefikHaValues(replicas, userBudget));
  Object.assign(values, traefikPlacementValues(settings.externalTrafficPolicy ?? 'Cluster', replicas));
  if (settings.gateway) Object.assign(values, traefikGatewayValues());
  const joined = withJoinedInitContainers(values, { ...settings.values });
  return withHiddenTokens(mergeValues(joined.generated, joined.user).merged, { ...settings.values });
}

/**
 * The values this tool writes for `settings` before `settings.values` is merged in, for the pods the
 * values ask for: what a values key may not change.
 */
export function generatedTraefikValues(settings: TraefikValuesSettings): Record<string, unknown> {
  return traefikValues({ ...settings, replicas: effectiveReplicas(settings), values: undefined }, givesBudgetCount(settings.values));
}

/**
 * How many Traefik pods a Deployment runs: `replicas`, or `values.deployment.replicas` when that asks
 * for several and `replicas` is left at 1. Several pods get the same spread, budget and (with `Local`) one-per-node placement whichever
 * key asked for them: a user who writes the chart's own key expects the same highly available Traefik.
 */
export function effectiveReplicas(settings: TraefikValuesSettings): number {
  const deployment = settings.values?.deployment as Record<string, unknown> | undefined;
  const given = autoscaledMax(settings) ?? (deployment && typeof deployment === 'object' ? deployment.replicas : undefined);
  const daemonSet = deployment && typeof deployment === 'object' && deployment.kind === 'DaemonSet';
  const first = settings.replicas ?? 1;
  // Only over the default: next to another `replicas` the values' count is a conflict the values check reports.
  return first === 1 && !daemonSet && isPodCount(given) && given > 1 ? given : first;
}

const isPodCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 100;

/**
 * `autoscaling.maxReplicas` when the chart's HorizontalPodAutoscaler is on (`autoscaling.enabled`, Go truth): up to that
 * many pods run, so they get the same spread, budget and one-per-node placement as that many replicas.
 */
export function autoscaledMax(settings: TraefikValuesSettings): number | undefined {
  const autoscaling = settings.values?.autoscaling as Record<string, unknown> | undefined;
  if (!autoscaling || typeof autoscaling !== 'object' || !goTruthy(autoscaling.enabled)) return undefined;
  // hpa.yaml prints the count unquoted, so a text YAML reads as a whole number ("5", "0x5") is that many pods.
  const max = renderedInteger(autoscaling.maxReplicas);
  return isPodCount(max) ? max : undefined;
}

/**
 * The entrypoints' values: the redirect on `web`, and the trusted proxies on both. The key
 * `ports.<name>.forwardedHeaders.trustedIPs` is the same in every chart v20 to v41; the pod template
 * turns it into `--entryPoints.<name>.forwardedHeaders.trustedIPs=<a,b>` (traefik/traefik-helm-chart
 * traefik/templates/_podtemplate.tpl).
 */
function portValues(settings: TraefikValuesSettings, chart: TraefikChartRules): Record<string, Record<string, unknown>> {
  const ports: Record<string, Record<string, unknown>> = {};
  if (settings.redirectToHttps) ports[WEB] = REDIRECT[chart.redirectKey]();
  const trusted = settings.trustedProxies ?? [];
  if (trusted.length) {
    for (const name of TRUSTED_PROXY_ENTRYPOINTS) ports[name] = { ...ports[name], forwardedHeaders: { trustedIPs: [...trusted] } };
  }
  return ports;
}

function serviceValues(settings: TraefikValuesSettings, chart: TraefikChartRules): Record<string, unknown> {
  // No fixed VIPs: no VIP key at all, kube-vip-cloud-provider picks one from its pool.
  const vip = serviceVipFields(settings.kubeVipVersion, settings.loadBalancerIPs ?? []);
  const service: Record<string, unknown> = { enabled: true };
  // Every chart passes `service.spec` through to the Service (traefik/traefik-helm-chart traefik/templates/_service.tpl),
  // and none has another key for the policy: written always, so a `values` override of it is a conflict.
  const spec: Record<string, unknown> = { externalTrafficPolicy: settings.externalTrafficPolicy ?? 'Cluster' };
  const annotations = { ...vip.annotations, ...(settings.leaseName ? { [LEASE_NAME_ANNOTATION]: settings.leaseName } : {}) };
  if (Object.keys(annotations).length) service.annotations = annotations;
  if (vip.loadBalancerIP) spec.loadBalancerIP = vip.loadBalancerIP;
  // The Service's own fields: top-level `service.*` keys up to chart v39, inside `service.spec` from v40.
  const fields = { type: 'LoadBalancer', ...(vip.families && { ...vip.families, ipFamilies: [...vip.families.ipFamilies] }) };
  Object.assign(chart.serviceFields === 'service' ? service : spec, fields);
  service.spec = spec;
  return service;
}

/** Traefik's ACME options (static config `certificatesResolvers.<name>.acme`). */
function acmeOptions(resolver: CertResolverSettings): Record<string, unknown> {
  const acme: Record<string, unknown> = { email: resolver.email, storage: ACME_STORAGE };
  // `tlsChallenge: true`, not `{}`: the chart turns the map into CLI flags and drops empty maps
  // (v33+ helper traefik.yaml2CommandLineArgsRec; upstream test pod-config_test.yaml uses `true`).
  if (resolver.challenge === 'tls') acme.tlsChallenge = true;
  else acme.httpChallenge = { entryPoint: WEB };
  if (resolver.caServer) acme.caServer = resolver.caServer;
  return acme;
}

/**
 * Keeps acme.json on a PersistentVolume with mode 600: Traefik refuses a more open file, and the
 * chart sets no `fsGroup` since v21.2.1. Workaround from upstream EXAMPLES.md (v34 to v41.3.0);
 * these keys are the same in every chart version v20 to v41.
 */
function acmeStorageValues(chart: TraefikChartRules): Record<string, unknown> {
  return {
    // Recreate: the default rolling update starts the new pod first, which hangs on a ReadWriteOnce volume
    // attached to another node (traefik-helm-chart issue #355), while maxUnavailable 0 keeps the old one.
    updateStrategy: chart.recreateStrategy === 'type' ? { type: 'Recreate' } : { type: 'Recreate', rollingUpdate: null },
    persistence: { enabled: true, ...DATA_VOLUME },
    deployment: {
      initContainers: [
        {
          name: 'volume-permissions',
          image: VOLUME_PERMISSIONS_IMAGE,
          command: ['sh', '-c', `touch ${ACME_STORAGE}; chmod -v 600 ${ACME_STORAGE}`],
          volumeMounts: [{ name: DATA_VOLUME.name, mountPath: DATA_VOLUME.path }],
        },
      ],
    },
    podSecurityContext: { fsGroup: TRAEFIK_GID, fsGroupChangePolicy: 'OnRootMismatch' },
  };
}

/** The values as the YAML text of `spec.valuesContent` (ends with a newline, so it renders as `|`). */
export function traefikValuesContent(values: Record<string, unknown>): string {
  return stringifyForGo(values, { sortMapEntries: true });
}
