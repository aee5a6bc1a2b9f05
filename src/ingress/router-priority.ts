/**
 * Traefik's router priorities, as far as the duplicate-route rule needs them (extra-routes.ts, 50b-4): a router with
 * no priority gets its rule's length (traefik/traefik pkg/muxer/http/mux.go `GetRulePriority`: `len(rule)`, applied
 * in pkg/server/router/router.go when `Priority == 0`, v2.x and v3.x alike, read at v3.6.0), and the higher priority is
 * tried first (mux.go `Less`: `r[i].priority > r[j].priority`, under sort.Sort, so equal priorities come in no set order):
 * a router that matches every host takes an Ingress' requests when its priority is not below the Ingress router's.
 */

/**
 * The rule Traefik's Ingress provider gives this tool's Ingress of `host` and `path` (pathType Prefix): ``Host(`h`)``
 * and ``PathPrefix(`p`)`` joined by ` && ` (pkg/provider/kubernetes/ingress/kubernetes.go `loadRouter` and
 * `buildHostRule`, v3.x: a `*.` host is ``HostRegexp(`^[a-zA-Z0-9-]+\.d$`)`` with the rest regexp-quoted).
 */
export function ingressRouterRule(host: string, path: string): string {
  const hostRule = host.startsWith('*.')
    ? `HostRegexp(\`^${host.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&').replace('\\*\\.', '[a-zA-Z0-9-]+\\.')}$\`)`
    : `Host(\`${host}\`)`;
  return `${hostRule} && PathPrefix(\`${path}\`)`;
}

/** A rule's default priority: its length in bytes (Go's `len` of a string). */
export const defaultPriority = (rule: string): number => Buffer.byteLength(rule, 'utf8');

/** A route's priority: `priority` when a non-zero integer (0 means the default, Traefik's docs "Priority"), else its rule's length. */
export function routePriority(priority: unknown, match: string): { value: number; explicit: boolean } {
  return typeof priority === 'number' && Number.isInteger(priority) && priority !== 0
    ? { value: priority, explicit: true }
    : { value: defaultPriority(match), explicit: false };
}

/**
 * Whether ``PathPrefix(`prefix`)`` takes every request of an Ingress path (pathType Prefix, which Traefik matches as
 * ``PathPrefix(`path`)``, a plain string prefix): the Ingress' path starts with `prefix` (one trailing slash aside).
 */
export const coversPath = (prefix: string, path: string): boolean => path.startsWith(prefix.replace(/\/+$/, ''));
