/**
 * Traefik's Gateway API provider, for a Gateway this project writes as a manifest (src/gateway/). The
 * keys are the same at every chart tag read, v34.2.0 to v41.3.0 (traefik/traefik-helm-chart):
 * - `providers.kubernetesGateway.enabled` adds `--providers.kubernetesgateway` (templates/_podtemplate.tpl)
 *   and is the only switch of the Gateway RBAC (templates/rbac/clusterrole.yaml,
 *   `if (.Values.providers.kubernetesGateway).enabled`): the provider turned on through
 *   `additionalArguments` runs without it;
 * - `gateway.enabled: false`: the chart renders no Gateway of its own (templates/gateway.yaml needs both
 *   switches), so its listener map, whose keys and shapes change between versions, plays no part;
 * - `gatewayClass`: the chart still renders the GatewayClass (templates/gatewayclass.yaml needs only the
 *   provider, `controllerName: traefik.io/gateway-controller`); its name is written so the Gateway's
 *   `gatewayClassName` cannot drift from it.
 */
export const GATEWAY_CLASS = 'traefik';

export function traefikGatewayValues(): Record<string, unknown> {
  return {
    providers: { kubernetesGateway: { enabled: true } },
    gateway: { enabled: false },
    gatewayClass: { enabled: true, name: GATEWAY_CLASS },
  };
}

/**
 * Container ports of the `web` and `websecure` entrypoints: the chart defaults (`ports.web.port: 8000`,
 * `ports.websecure.port: 8443` in traefik/values.yaml, v34.2.0 to v41.3.0), unless the values change
 * them. A Gateway listener must use these, not the Service's 80/443: Traefik serves a listener on the
 * entrypoint whose address ends in the listener's port (traefik/traefik
 * pkg/provider/kubernetes/gateway/kubernetes.go, entryPointName).
 */
export function traefikEntryPointPorts(values: Readonly<Record<string, unknown>>): { readonly http: number; readonly https: number } {
  const port = (name: string, fallback: number): number => {
    const entry = (values.ports as Record<string, { port?: unknown } | undefined> | undefined)?.[name];
    return typeof entry?.port === 'number' ? entry.port : fallback;
  };
  return { http: port('web', 8000), https: port('websecure', 8443) };
}
