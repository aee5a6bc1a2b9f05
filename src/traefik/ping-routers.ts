import { readManifestText } from '../core/manifest-text';
import { rulesFor, Version } from '../semver';
import { apiGroup } from '../validate/kinds';
import { goTruthy } from './go-truth';
import { isMap } from '../core/is-map';

type Values = Readonly<Record<string, unknown>>;

interface PingRouteRules {
  /**
   * Which `ingressRoute.<name>` values the chart renders as IngressRoutes (traefik/traefik-helm-chart templates): none before
   * v25.0.0; `healthcheck` v25.0.0 to v29.0.1 (templates/healthcheck-ingressroute.yaml, `if .Values.ingressRoute.healthcheck.enabled`,
   * its service written as `ping@internal`, kind TraefikService); from v30.0.0 every `ingressRoute.<name>` whose `enabled` is
   * Go-true, its `services` from the values (templates/ingressroute.yaml; values.yaml's healthcheck holds `ping@internal`).
   * The healthcheck defaults at every such tag: `entryPoints: ["traefik"]`, `matchRule: PathPrefix(\`/ping\`)` (traefik/values.yaml).
   */
  readonly chartRoutes: 'none' | 'healthcheck' | 'any';
}
const PING_ROUTE_RULES: ReadonlyArray<{ since: string } & Partial<PingRouteRules>> = [
  { since: '20.0.0', chartRoutes: 'none' },
  { since: '25.0.0', chartRoutes: 'healthcheck' },
  { since: '30.0.0', chartRoutes: 'any' },
];
const PING_SERVICE = 'ping@internal';
const HEALTHCHECK_DEFAULTS: Values = { entryPoints: ['traefik'], services: [{ name: PING_SERVICE, kind: 'TraefikService' }] };

/** A key of the user's map over the chart's default (Helm's coalesce: a list is replaced whole, a null deletes the default). */
const over = (defaults: Values, given: Values, key: string): unknown => (Object.hasOwn(given, key) ? given[key] : defaults[key]);

/**
 * Whether a route on `entryPoints` reaches one of `names`: listed, or, with no entryPoints, Traefik's default entrypoints,
 * which never hold the internal `traefik` one (traefik/traefik PR #6477, "Drop traefik from default entry points").
 */
function onEntrypoint(entryPoints: unknown, names: readonly string[]): boolean {
  if (!Array.isArray(entryPoints) || !entryPoints.length) return names.some((name) => name !== 'traefik');
  return entryPoints.some((entry) => typeof entry === 'string' && names.includes(entry));
}

const toPing = (services: unknown): boolean =>
  Array.isArray(services) && services.some((service) => isMap(service) && service.name === PING_SERVICE);

/** The IngressRoutes of `extraObjects` (a map item, or each document of a text item), in Traefik's API groups. */
function extraIngressRoutes(values: Values): Values[] {
  const items = Array.isArray(values.extraObjects) ? values.extraObjects : [];
  return items
    .flatMap((item: unknown) => (typeof item === 'string' ? readManifestText(item).documents : [item]))
    .filter(isMap)
    .filter(
      (object) =>
        object.kind === 'IngressRoute' &&
        typeof object.apiVersion === 'string' &&
        ['traefik.io', 'traefik.containo.us'].includes(apiGroup(object.apiVersion)),
    );
}

/**
 * Whether some router sends requests on one of the entrypoints `names` to Traefik's `ping@internal` service, which with
 * `--ping.manualRouting` is the only way /ping answers (doc.traefik.io operations/ping: "If manualRouting is true, it
 * disables the default internal router in order to allow one to create a custom router for the ping@internal service"):
 * the chart's `ingressRoute.healthcheck` (or, from chart v30, any `ingressRoute.<name>`), an IngressRoute in `extraObjects`
 * (both read only with the CRD provider on), or a text naming ping@internal in `providers.file.content` with the file
 * provider on. The routes' match rules are not judged.
 */
export function pingRouterFound(values: Values, chart: Version, names: readonly string[]): boolean {
  const providers = isMap(values.providers) ? values.providers : {};
  const crd = isMap(providers.kubernetesCRD) ? providers.kubernetesCRD : {};
  const crdOn = !Object.hasOwn(crd, 'enabled') || goTruthy(crd.enabled);
  const file = isMap(providers.file) ? providers.file : {};
  if (goTruthy(file.enabled) && JSON.stringify(file.content ?? '').includes(PING_SERVICE)) return true;
  if (!crdOn) return false;
  const { chartRoutes } = rulesFor<PingRouteRules>(PING_ROUTE_RULES, chart);
  const routes = isMap(values.ingressRoute) ? values.ingressRoute : {};
  const chartFound = Object.entries(routes).some(([name, given]) => {
    if (!isMap(given) || !goTruthy(given.enabled) || chartRoutes === 'none') return false;
    if (chartRoutes === 'healthcheck' && name !== 'healthcheck') return false;
    const defaults = name === 'healthcheck' ? HEALTHCHECK_DEFAULTS : {};
    const services = chartRoutes === 'healthcheck' ? HEALTHCHECK_DEFAULTS.services : over(defaults, given, 'services');
    return toPing(services) && onEntrypoint(over(defaults, given, 'entryPoints'), names);
  });
  return (
    chartFound ||
    extraIngressRoutes(values).some((route) => {
      const spec = isMap(route.spec) ? route.spec : {};
      const rules = Array.isArray(spec.routes) ? spec.routes : [];
      return onEntrypoint(spec.entryPoints, names) && rules.some((rule) => isMap(rule) && toPing(rule.services));
    })
  );
}

/** How to add such a router on chart `chart`, for the message. */
export function pingRouterAdvice(chart: Version): string {
  const { chartRoutes } = rulesFor<PingRouteRules>(PING_ROUTE_RULES, chart);
  const route = `an IngressRoute in extraObjects on that entrypoint with a route to ${PING_SERVICE} (kind: TraefikService)`;
  return chartRoutes === 'none' ? `add ${route}` : `set ingressRoute.healthcheck.enabled: true, or add ${route}`;
}
