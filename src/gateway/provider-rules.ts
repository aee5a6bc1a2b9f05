import type { Path, Report } from '../core/problem';
import { redactedList } from '../core/redact-message';
import { flagIsTrue, traefikFlags } from '../traefik/arguments';
import { needsLabel } from '../traefik/ingress-provider';
import { providerWatch } from '../traefik/provider-watch';
import { goTruthy } from '../traefik/go-truth';
import { GATEWAY_NAMESPACE } from './model';
import { isMap } from '../core/is-map';
import { SERVICE_ACCOUNT_DIR, tokenFolderMounts } from '../traefik/api-client-env';
import { chartRulesOf } from '../traefik/chart-versions';

type Values = Readonly<Record<string, unknown>>;

const SWITCH = 'providers.kubernetesgateway';

/** What the provider is judged against, from a config or from TraefikHelmChartConfig props. */
export interface GatewayUse {
  /** `traefik.values` as given, for their flags. */
  readonly values: Values;
  /** The merged values the chart will render. */
  readonly merged: Values;
  /** The Traefik chart version, which decides the argument lists it renders (traefik/arguments.ts). */
  readonly chartVersion: string;
  /** Whether this tool writes a Gateway (`traefik.gateway`, or the construct's `gateway` prop). */
  readonly gateway: boolean;
  /** The key that does: `traefik.gateway`. */
  readonly gatewayKey: string;
  /** The namespace of each HTTPRoute, where they are known (a config). */
  readonly routeNamespaces?: readonly string[];
  /** What to do instead of a flag that makes the provider: "add `gateway: {}` under traefik". */
  readonly turnOn: string;
}

/**
 * Traefik's Gateway API provider as the values and flags leave it, held to what the config needs of it:
 * - a flag that creates the provider where the chart renders no Gateway RBAC: the switch (bare, `=true`, `=1`),
 *   or any of its sub-options, since paerser allocates the provider's struct for any flag under it
 *   (traefik/paerser v0.2.0 parser/element_fill.go `setPtr`), and the chart renders the Gateway API rules of its
 *   ClusterRole only with `providers.kubernetesGateway.enabled` (traefik-helm-chart templates/rbac/clusterrole.yaml);
 * - with `traefik.gateway`, the provider turned off by a later flag, or narrowed to namespaces without the Gateway
 *   or its routes, or to labels: the same the Ingress provider is held to (traefik/ingress-provider.ts). The chart
 *   renders `namespaces` and `labelSelector` (`labelselector` before v38.0.0) as the provider's flags
 *   (templates/_podtemplate.tpl), and flags in `additionalArguments` come after the chart's.
 */
export function checkGatewayProvider(use: GatewayUse, prefix: Path, error: Report): void {
  const flags = traefikFlags(use.values, prefix, use.chartVersion);
  const merged = use.merged;
  const provider = isMap(merged.providers) && isMap(merged.providers.kubernetesGateway) ? merged.providers.kubernetesGateway : {};
  // templates/rbac/clusterrole.yaml: `if .Values.providers.kubernetesGateway.enabled` (Go truth).
  const rbac = use.gateway || goTruthy(provider.enabled);
  for (const flag of flags) {
    const sub = flag.name.startsWith(`${SWITCH}.`);
    if ((flag.name === SWITCH && flagIsTrue(flag)) || (sub && !rbac)) {
      error(
        flag.path,
        `${sub ? "sets an option of Traefik's Gateway API provider, which creates the provider" : "turns on Traefik's Gateway API provider"} ` +
          'without its RBAC: the chart renders the ' +
          'Gateway API rules of its ClusterRole only with providers.kubernetesGateway.enabled (templates/rbac/clusterrole.yaml), ' +
          `so Traefik cannot read Gateways: remove it and ${use.turnOn}`,
      );
    }
  }
  if (!use.gateway) return;
  const routes = use.routeNamespaces ? ` and its ${use.routeNamespaces.length} HTTPRoute(s)` : '';
  const uses = `the Gateway (${use.gatewayKey}, in ${GATEWAY_NAMESPACE})${routes}`;
  // What the provider reads, as traefik/provider-watch.ts reads every Kubernetes provider the chart renders.
  const { disabled: off, namespaces, labelSelector: selector } = providerWatch(merged, flags, prefix, 'kubernetesGateway');
  if (off) error(off, `turns Traefik's Gateway API provider off, so Traefik ignores ${uses}: remove it`);
  checkGatewayRbac(merged, prefix, uses, error);
  // 84b-8: a mount over the token's folder leaves the Gateway provider no token, as it does the Ingress provider.
  for (const mount of tokenFolderMounts(merged, prefix, chartRulesOf(use.chartVersion).localPlugins))
    error(
      mount.path,
      `mounts a volume over ${mount.inside ? `${SERVICE_ACCOUNT_DIR}/${mount.inside}, inside the ServiceAccount token's volume` : SERVICE_ACCOUNT_DIR}, ` +
        `so Traefik's API client has no token (or CA) and may not read GatewayClasses, Gateways nor HTTPRoutes, so Traefik ignores ${uses}: mount it elsewhere`,
    );
  if (namespaces) {
    const needed = [GATEWAY_NAMESPACE, ...(use.routeNamespaces ?? [])];
    const missing = [...new Set(needed)].filter((ns) => !namespaces.value.includes(ns));
    if (missing.length) {
      error(
        namespaces.path,
        `makes Traefik's Gateway API provider watch only namespace(s) ${redactedList(namespaces.value)}, not ${missing.join(', ')}, ` +
          `where ${uses} live, so Traefik ignores them there: add ${missing.join(', ')} to providers.kubernetesGateway.namespaces, or remove the key`,
      );
    }
  }
  if (selector && needsLabel(selector.value)) {
    error(
      selector.path,
      "makes Traefik's Gateway API provider read only the GatewayClasses that carry the labels it selects (Traefik's provider " +
        `docs, labelselector), and whether the chart's GatewayClass does cannot be judged here, so ${uses} may be ignored: remove the key`,
    );
  }
}

/**
 * The chart's Gateway API permissions live in its ClusterRole alone (templates/rbac/clusterrole.yaml, v30.1.0 to v41.3.0:
 * `if and .Values.rbac.enabled (not .Values.rbac.namespaced)`; rbac/role.yaml, the namespaced variant, has no Gateway
 * API rules), so `rbac.enabled` Go-false, `rbac: null` (which drops the chart's default) or `rbac.namespaced` Go-true
 * leave Traefik unable to read GatewayClasses, Gateways and HTTPRoutes. The wording follows the Ingress provider's
 * (ingress/rules.ts) for the same values.
 */
function checkGatewayRbac(merged: Values, prefix: Path, uses: string, error: Report): void {
  const at = (...keys: string[]): Path => [...prefix, 'values', ...keys];
  const rbac = merged.rbac;
  const noClusterRole =
    rbac === null ? at('rbac') : isMap(rbac) && rbac.enabled !== undefined && !goTruthy(rbac.enabled) ? at('rbac', 'enabled') : undefined;
  if (noClusterRole) {
    error(
      noClusterRole,
      `${rbac === null ? "drops the chart's rbac defaults" : "turns the chart's RBAC off"}, so the chart gives Traefik no ClusterRole and it may not ` +
        `read GatewayClasses, Gateways nor HTTPRoutes anywhere, so Traefik ignores ${uses}: remove it`,
    );
  } else if (isMap(rbac) && goTruthy(rbac.namespaced)) {
    error(
      at('rbac', 'namespaced'),
      'makes the chart give Traefik a namespaced Role instead of its ClusterRole, and only the ClusterRole holds the Gateway API ' +
        'rules (templates/rbac/clusterrole.yaml; rbac/role.yaml has none), so Traefik may not ' +
        `read GatewayClasses, Gateways nor HTTPRoutes anywhere, so Traefik ignores ${uses}: remove it`,
    );
  }
}
