/**
 * The Gateway's names and limits, and what a config makes of them: pure functions, shared by the
 * constructs and the config rules.
 */

/** Gateway API group and version of the kinds this folder writes. */
export const GATEWAY_API_VERSION = 'gateway.networking.k8s.io/v1';
/** Traefik's namespace on K3s, where the Gateway, its certificates and their Secrets live. */
export const GATEWAY_NAMESPACE = 'kube-system';
/** The name of the Gateway's plain HTTP listener (its HTTPS listeners are httpsListenerName's). */
export const HTTP_LISTENER = 'http';
/** cert-manager's gateway-shim annotation (https://cert-manager.io/docs/usage/gateway/). */
export const CLUSTER_ISSUER_ANNOTATION = 'cert-manager.io/cluster-issuer';
/** Gateway API: at most 64 listeners per Gateway (the CRD's `spec.listeners` maxItems). */
export const MAX_LISTENERS = 64;
/**
 * Traefik ranks a Gateway route from 10000 up (PathPrefix; Exact from 100000), an Ingress route by the
 * length of its rule (traefik/traefik pkg/provider/kubernetes/gateway/httproute.go buildMatchRule;
 * https://doc.traefik.io/traefik/routing/routers/#priority): a Gateway route wins every request it matches,
 * save one of PathPrefix `/` (GATEWAY_CATCH_ALL_LOSES).
 */
export const GATEWAY_OUTRANKS_INGRESS =
  'Traefik ranks Gateway routes above Ingress routes (priority 10000 and up against the length of the rule; ' +
  'traefik pkg/provider/kubernetes/gateway/httproute.go)';
/**
 * A Gateway route of PathPrefix `/` is ranked 1 plus its host's length, "evaluated last" (httproute.go buildPathRule,
 * traefik v3.x), below every Ingress router of that host (``Host(`h`) && PathPrefix(`p`)`` is 27 + len(h) bytes or more).
 */
export const GATEWAY_CATCH_ALL_LOSES =
  'Traefik ranks a Gateway route of path "/" at 1 plus the length of its host, below every Ingress route of the host ' +
  '(the length of its rule; traefik pkg/provider/kubernetes/gateway/httproute.go buildPathRule)';
/**
 * The warning on an HTTPRoute serving a host an Ingress (`owner`, `ingresses[0]`) routes too, after the host's
 * quoted name: both doors of an HTTPRoute (httpRoutes, traefik.values.extraObjects) give it, as moving a host
 * from an Ingress to the Gateway passes through it. The priorities differ, so which one wins is known (finding 55a-2):
 * the HTTPRoute, unless its path is `/` (`catchAll`).
 */
export const alsoIngressMessage = (owner: string, catchAll = false): string =>
  catchAll
    ? `is also routed by ${owner}: fine while the host moves, but ${GATEWAY_CATCH_ALL_LOSES}, so the Ingress answers every ` +
      'request its path matches and the HTTPRoute only the rest: remove the Ingress once the HTTPRoute should serve the host'
    : `is also routed by ${owner}: fine while the host moves, but ${GATEWAY_OUTRANKS_INGRESS}, ` +
      'so the HTTPRoute answers every request its path matches: remove the Ingress once the HTTPRoute serves the host';
/** Longest listener name (SectionName) or Secret name (DNS subdomain). */
const MAX_NAME = 253;

/**
 * Names that cannot collide: an exact host keeps `https` / `tls` as its own first label, a wildcard host
 * `*.<domain>` gets `https-wildcard` / `tls-wildcard` instead of the `*` (host labels never hold a dot).
 */
function hostName(prefix: string, host: string): string {
  return host.startsWith('*.') ? `${prefix}-wildcard.${host.slice(2)}` : `${prefix}.${host}`;
}

/** The HTTPS listener of a host: a SectionName, as an HTTPRoute's `parentRefs[].sectionName` names it. */
export function httpsListenerName(host: string): string {
  return hostName('https', host);
}

/** The Secret (in kube-system) holding a host's certificate; cert-manager names the Certificate the same. */
export function gatewayTlsSecretName(host: string): string {
  return hostName('tls', host);
}

/** The HTTPRoute (in kube-system) that redirects a host's plain HTTP requests to its HTTPS listener. */
export function httpsRedirectName(host: string): string {
  return hostName('redirect', host);
}

/** Why a host cannot get an HTTPS listener (its names would be too long), else undefined. */
export function httpsHostProblem(host: string): string | undefined {
  const longest = [httpsListenerName(host), gatewayTlsSecretName(host), httpsRedirectName(host)].find((name) => name.length > MAX_NAME);
  return longest
    ? `is ${host.length} characters long, and the Gateway's names for it reach ${longest.length} characters ("${longest.slice(0, 20)}..."), over the ${MAX_NAME} allowed: shorten the host`
    : undefined;
}

/** `given` (the config's `traefik.gateway.routeNamespaces`), else the namespaces of the routes (kube-system alone is `Same`). */
export function routeNamespaces(
  given: 'All' | 'Same' | string[] | undefined,
  routes: ReadonlyArray<{ readonly namespace: string }>,
): 'All' | 'Same' | string[] {
  if (given) return given;
  const namespaces = [...new Set(routes.map((route) => route.namespace))].sort();
  return namespaces.length === 0 || (namespaces.length === 1 && namespaces[0] === GATEWAY_NAMESPACE) ? 'Same' : namespaces;
}

/** Whether the named cert-manager issuer proves domain control with HTTP-01. */
export function usesHttp01(
  issuers: Readonly<Record<string, { readonly solver: unknown }>> | undefined,
  issuer: string | undefined,
): boolean {
  return !!issuer && issuers?.[issuer]?.solver === 'http01';
}
