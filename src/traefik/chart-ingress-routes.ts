import { isMap } from '../core/is-map';
import { rulesFor, type Version } from '../semver';
import { goTruthy } from './go-truth';

type Values = Readonly<Record<string, unknown>>;

interface ChartRouteRules {
  /**
   * Which `ingressRoute.<name>` the chart renders (traefik/traefik-helm-chart templates): `dashboard` from v20.1.1
   * (dashboard-hook-ingressroute.yaml, dashboard-ingressroute.yaml from v21.0.0), `healthcheck` too from v25.0.0
   * (healthcheck-ingressroute.yaml), every name from v30.0.0 (ingressroute.yaml, `range $name, $config := .Values.ingressRoute`).
   */
  readonly names: readonly string[] | 'any';
  /** `ingressRoute.dashboard.enabled` in traefik/values.yaml: true up to v28.3.0, false from v29.0.0. */
  readonly dashboardOn: boolean;
  /** Whether `services` is rendered: before v30.0.0 the templates write their own (`api@internal`, `ping@internal`). */
  readonly servicesFromValues: boolean;
}
const ROUTE_RULES: ReadonlyArray<{ since: string } & Partial<ChartRouteRules>> = [
  { since: '20.0.0', names: ['dashboard'], dashboardOn: true, servicesFromValues: false },
  { since: '25.0.0', names: ['dashboard', 'healthcheck'] },
  { since: '29.0.0', dashboardOn: false },
  { since: '30.0.0', names: 'any', servicesFromValues: true },
];

/**
 * The chart's defaults of its two routes, the same at every tag v20.1.1 to v41.3.0 (traefik/values.yaml `ingressRoute`;
 * `healthcheck` from v25.0.0): no `priority` key and no template that writes one, so Traefik gives each the default, its
 * rule's length.
 */
const DEFAULTS: Readonly<Record<string, Values>> = {
  dashboard: {
    matchRule: 'PathPrefix(`/dashboard`) || PathPrefix(`/api`)',
    entryPoints: ['traefik'],
    services: [{ name: 'api@internal', kind: 'TraefikService' }],
    tls: {},
  },
  healthcheck: {
    matchRule: 'PathPrefix(`/ping`)',
    entryPoints: ['traefik'],
    services: [{ name: 'ping@internal', kind: 'TraefikService' }],
    tls: {},
  },
};

/** An IngressRoute the chart renders from `ingressRoute.<name>`, as it renders it. */
export interface ChartIngressRoute {
  readonly name: string;
  /** `match: {{ $config.matchRule }}`, and whether it is the chart's default (the key is unset). */
  readonly matchRule: unknown;
  readonly defaultRule: boolean;
  readonly entryPoints: unknown;
  readonly services: unknown;
  readonly middlewares: unknown;
  /** `{{- with $config.tls }}`: written only when Go-true (the default `tls: {}` writes none). */
  readonly tls: unknown;
}

/**
 * The IngressRoutes chart `chart` renders from `ingressRoute`: the values' keys over the chart's defaults as Helm
 * coalesces them (a key given replaces the default, a list whole; a null deletes it, `ingressRoute.<name>: null` the
 * route), each where its `enabled` is Go-true (`if $config.enabled`), the dashboard's by default up to v28.
 */
export function renderedChartIngressRoutes(values: Values, chart: Version): ChartIngressRoute[] {
  if (values.ingressRoute === null) return [];
  const { names, dashboardOn, servicesFromValues } = rulesFor<ChartRouteRules>(ROUTE_RULES, chart);
  const given = isMap(values.ingressRoute) ? values.ingressRoute : {};
  const all = [...new Set([...Object.keys(DEFAULTS), ...Object.keys(given)])];
  return all.flatMap((name): ChartIngressRoute[] => {
    if (names !== 'any' && !names.includes(name)) return [];
    const own = Object.hasOwn(given, name) ? given[name] : {};
    if (!isMap(own)) return [];
    const defaults: Values = Object.hasOwn(DEFAULTS, name) ? { ...DEFAULTS[name], enabled: name === 'dashboard' && dashboardOn } : {};
    const over = (key: string): unknown => {
      const value = Object.hasOwn(own, key) ? own[key] : defaults[key];
      return value === null ? undefined : value;
    };
    if (!goTruthy(over('enabled'))) return [];
    const tls = over('tls');
    return [
      {
        name,
        matchRule: over('matchRule'),
        defaultRule: !Object.hasOwn(own, 'matchRule') && defaults.matchRule !== undefined,
        entryPoints: over('entryPoints'),
        services: servicesFromValues ? over('services') : defaults.services,
        middlewares: over('middlewares'),
        tls: goTruthy(tls) ? tls : undefined,
      },
    ];
  });
}
