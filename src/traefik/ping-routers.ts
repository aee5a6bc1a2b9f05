import { readHelmManifestText } from '../core/manifest-text';
import { rulesFor, Version } from '../semver';
import { apiGroup } from '../validate/kinds';
import { goTruthy } from './go-truth';
import { isMap } from '../core/is-map';
import { ProbeRequest, RuleMatch, ruleMatchesProbe } from './ping-rule-match';
import { fileRouters } from './file-ping-routers';
import { renderedChartIngressRoutes } from './chart-ingress-routes';

type Values = Readonly<Record<string, unknown>>;

interface PingRouteRules {
  /**
   * Which `ingressRoute.<name>` values the chart renders as IngressRoutes (traefik/traefik-helm-chart templates): none before
   * v25.0.0; `healthcheck` v25.0.0 to v29.0.1 (templates/healthcheck-ingressroute.yaml, `if .Values.ingressRoute.healthcheck.enabled`,
   * its service written as `ping@internal`, kind TraefikService); from v30.0.0 every `ingressRoute.<name>` whose `enabled` is
   * Go-true, its `services` from the values (templates/ingressroute.yaml; values.yaml's healthcheck holds `ping@internal`).
   */
  readonly chartRoutes: 'none' | 'healthcheck' | 'any';
}
const PING_ROUTE_RULES: ReadonlyArray<{ since: string } & Partial<PingRouteRules>> = [
  { since: '20.0.0', chartRoutes: 'none' },
  { since: '25.0.0', chartRoutes: 'healthcheck' },
  { since: '30.0.0', chartRoutes: 'any' },
];
const PING_SERVICE = 'ping@internal';
/**
 * Whether a route on `entryPoints` reaches one of `names`: listed, or, with no entryPoints, Traefik's default entrypoints,
 * which never hold the internal `traefik` one (traefik/traefik PR #6477, "Drop traefik from default entry points").
 */
function onEntrypoint(entryPoints: unknown, names: readonly string[]): boolean {
  if (!Array.isArray(entryPoints) || !entryPoints.length) return names.some((name) => name !== 'traefik');
  return entryPoints.some((entry) => typeof entry === 'string' && names.includes(entry));
}

/** An IngressRoute service that is Traefik's ping@internal: `kind: TraefikService` (the CRD's default kind is a Kubernetes Service). */
const toPing = (services: unknown): boolean =>
  Array.isArray(services) &&
  services.some((service) => isMap(service) && service.name === PING_SERVICE && service.kind === 'TraefikService');

/** The IngressRoutes of `extraObjects` (a map item, or each document of a text item), in Traefik's API groups, with their item index. */
function extraIngressRoutes(values: Values): Array<{ route: Values; index: number }> {
  const items = Array.isArray(values.extraObjects) ? values.extraObjects : [];
  return items
    .flatMap((item: unknown, index) =>
      (typeof item === 'string' ? readHelmManifestText(item).documents : [item]).map((route) => ({ route, index })),
    )
    .filter((entry): entry is { route: Values; index: number } => isMap(entry.route))
    .filter(
      ({ route }) =>
        route.kind === 'IngressRoute' &&
        typeof route.apiVersion === 'string' &&
        ['traefik.io', 'traefik.containo.us'].includes(apiGroup(route.apiVersion)),
    );
}

/** A router to ping@internal on one of the probes' entrypoints: where it is written, whether its rule matches each probe, its own TLS. */
export interface PingRouter {
  /** Where it is written, for messages: `ingressRoute.healthcheck`, `extraObjects[0]`, `providers.file.content router "p"`. */
  readonly source: string;
  /** Whether its rule matches each probe request, in the order given. */
  readonly matches: readonly RuleMatch[];
  /** Whether the router has TLS of its own (an IngressRoute's `tls`, a file router's `tls`): it then answers only over TLS. */
  readonly tls: boolean;
}

/**
 * The routers that send requests on one of the entrypoints `names` to Traefik's `ping@internal` service, which with
 * `--ping.manualRouting` is the only way /ping answers (doc.traefik.io operations/ping: "If manualRouting is true, it
 * disables the default internal router in order to allow one to create a custom router for the ping@internal service"):
 * the chart's `ingressRoute.healthcheck` (or, from chart v30, any `ingressRoute.<name>`), an IngressRoute in `extraObjects`
 * (both read only with the CRD provider on), and an HTTP router of `providers.file.content` with the file provider on
 * (file-ping-routers.ts). Each rule is judged against each probe (ping-rule-match.ts).
 */
export function pingRouters(values: Values, chart: Version, names: readonly string[], probes: readonly ProbeRequest[]): PingRouter[] {
  const judged = (rule: unknown) => probes.map((probe) => ruleMatchesProbe(rule, probe));
  const providers = isMap(values.providers) ? values.providers : {};
  const crd = isMap(providers.kubernetesCRD) ? providers.kubernetesCRD : {};
  const crdOn = !Object.hasOwn(crd, 'enabled') || goTruthy(crd.enabled);
  const file = isMap(providers.file) ? providers.file : {};
  const found: PingRouter[] = goTruthy(file.enabled)
    ? fileRouters(file.content)
        .filter((router) => router.service === PING_SERVICE && (router.unread || onEntrypoint(router.entryPoints, names)))
        .map((router) => ({
          source: `providers.file.content router ${JSON.stringify(router.name)}`,
          matches: router.unread ? probes.map(() => 'unknown' as const) : judged(router.rule),
          tls: router.tls,
        }))
    : [];
  if (!crdOn) return found;
  // The chart's routes as it renders them, its defaults included (chart-ingress-routes.ts).
  for (const route of renderedChartIngressRoutes(values, chart)) {
    if (!toPing(route.services) || !onEntrypoint(route.entryPoints, names)) continue;
    found.push({ source: `ingressRoute.${route.name}`, matches: judged(route.matchRule), tls: route.tls !== undefined });
  }
  for (const { route, index } of extraIngressRoutes(values)) {
    const spec = isMap(route.spec) ? route.spec : {};
    if (!onEntrypoint(spec.entryPoints, names)) continue;
    const rules = Array.isArray(spec.routes) ? spec.routes : [];
    for (const rule of rules) {
      if (!isMap(rule) || !toPing(rule.services)) continue;
      // The CRD provider gives a route TLS when `spec.tls` is set at all (traefik/traefik pkg/provider/kubernetes/crd kubernetes_http.go: `if ingressRoute.Spec.TLS != nil`).
      found.push({ source: `extraObjects[${index}]`, matches: judged(rule.match), tls: spec.tls !== undefined && spec.tls !== null });
    }
  }
  return found;
}

/** How to add such a router on chart `chart`, for the message. */
export function pingRouterAdvice(chart: Version): string {
  const { chartRoutes } = rulesFor<PingRouteRules>(PING_ROUTE_RULES, chart);
  const route = `an IngressRoute in extraObjects on that entrypoint with a route to ${PING_SERVICE} (kind: TraefikService)`;
  return chartRoutes === 'none' ? `add ${route}` : `set ingressRoute.healthcheck.enabled: true, or add ${route}`;
}
