import { ClusterConfig } from '../config/schema';
import type { Path, Report } from '../core/problem';
import { flagIsFalse, flagIsTrue, traefikFlags } from '../traefik/arguments';
import { needsLabel } from '../traefik/ingress-provider';
import { GATEWAY_NAMESPACE } from './model';

type Values = Readonly<Record<string, unknown>>;
const isMap = (value: unknown): value is Values => typeof value === 'object' && value !== null && !Array.isArray(value);

const SWITCH = 'providers.kubernetesgateway';

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
export function checkGatewayProvider(config: ClusterConfig, values: Values, error: Report): void {
  const flags = traefikFlags(config.traefik.values, ['traefik']);
  const provider = isMap(values.providers) && isMap(values.providers.kubernetesGateway) ? values.providers.kubernetesGateway : {};
  const rbac = !!config.traefik.gateway || provider.enabled === true;
  for (const flag of flags) {
    const sub = flag.name.startsWith(`${SWITCH}.`);
    if ((flag.name === SWITCH && flagIsTrue(flag)) || (sub && !rbac)) {
      error(
        flag.path,
        `${sub ? "sets an option of Traefik's Gateway API provider, which creates the provider" : "turns on Traefik's Gateway API provider"} ` +
          'without its RBAC: the chart renders the ' +
          'Gateway API rules of its ClusterRole only with providers.kubernetesGateway.enabled (templates/rbac/clusterrole.yaml), ' +
          'so Traefik cannot read Gateways: remove it and add `gateway: {}` under traefik',
      );
    }
  }
  if (!config.traefik.gateway) return;
  const at = (...keys: string[]): Path => ['traefik', 'values', 'providers', 'kubernetesGateway', ...keys];
  const uses = `the Gateway (traefik.gateway, in ${GATEWAY_NAMESPACE}) and its ${config.httpRoutes.length} HTTPRoute(s)`;
  let off: Path | undefined;
  let namespaces: { value: string[]; path: Path } | undefined;
  const listed = Array.isArray(provider.namespaces)
    ? provider.namespaces.filter((ns): ns is string => typeof ns === 'string' && ns !== '')
    : [];
  if (listed.length) namespaces = { value: listed, path: at('namespaces') };
  const selectorKey = ['labelSelector', 'labelselector'].find((key) => typeof provider[key] === 'string' && provider[key] !== '');
  let selector = selectorKey ? { value: provider[selectorKey] as string, path: at(selectorKey) } : undefined;
  for (const flag of flags) {
    if (flag.name === SWITCH) {
      if (flagIsFalse(flag)) off = flag.path;
      else if (flagIsTrue(flag)) off = undefined;
    } else if (flag.name === `${SWITCH}.namespaces`) {
      const names = (flag.value ?? '')
        .split(',')
        .map((ns) => ns.trim())
        .filter((ns) => ns !== '');
      // A list flag given again adds to the list (the chart's own flag comes first).
      if (names.length) namespaces = { value: [...(namespaces?.value ?? []), ...names], path: flag.path };
    } else if (flag.name === `${SWITCH}.labelselector`) {
      selector = flag.value ? { value: flag.value, path: flag.path } : undefined;
    }
  }
  if (off) error(off, `turns Traefik's Gateway API provider off, so Traefik ignores ${uses}: remove it`);
  if (namespaces) {
    const needed = [GATEWAY_NAMESPACE, ...config.httpRoutes.map((route) => route.namespace)];
    const missing = [...new Set(needed)].filter((ns) => !namespaces.value.includes(ns));
    if (missing.length) {
      error(
        namespaces.path,
        `makes Traefik's Gateway API provider watch only namespace(s) ${namespaces.value.join(', ')}, not ${missing.join(', ')}, ` +
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
