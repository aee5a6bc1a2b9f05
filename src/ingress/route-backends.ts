import type { Path, Problem } from '../core/problem';
import { isMap } from '../core/is-map';
import { dns1035Label, dns1123Label, dns1123Subdomain, portName } from '../config/formats';

type Values = Readonly<Record<string, unknown>>;

/**
 * 63b-12: the backends and middlewares an IngressRoute or IngressRouteTCP route names, held to the rules `ingresses[]`
 * has for the same things (no Traefik CRD is installed here to bound them). Traefik looks a `kind: Service` backend
 * (the default) up by name and port in the route's namespace (traefik/traefik pkg/provider/kubernetes/crd
 * kubernetes_http.go `loadServers`, `getServicePort`: a number matches `ports[].port`, a text `ports[].name`), so a name
 * no Service can have (DNS-1035 label) or a port no Service can have (1-65535, or an IANA_SVC_NAME port name) is never
 * found, and the router serves errors. A TraefikService backend (`kind: TraefikService`) may name another provider's
 * (`name@file`): not judged. A middleware reference names a Middleware object (a DNS-1123 subdomain), or, with `@`,
 * another provider's middleware (`name@file`, `<namespace>-<name>@kubernetescrd`; doc.traefik.io/traefik/routing/
 * providers/kubernetes-crd/ "Middleware ... cross-provider"), whose names are that provider's: not judged here.
 */
export function routeBackendProblems(route: Values, at: Path): Problem[] {
  const problems: Problem[] = [];
  const services: unknown[] = Array.isArray(route.services) ? route.services : [];
  for (const [i, service] of services.entries()) problems.push(...backendProblems(service, [...at, 'services', i]));
  const middlewares: unknown[] = Array.isArray(route.middlewares) ? route.middlewares : [];
  for (const [i, middleware] of middlewares.entries()) {
    if (!isMap(middleware)) continue;
    problems.push(...namespaceProblems(middleware, [...at, 'middlewares', i], 'Middleware'));
    if (typeof middleware.name !== 'string' || middleware.name.includes('@')) continue;
    const problem = dns1123Subdomain(middleware.name);
    if (problem)
      problems.push({
        path: [...at, 'middlewares', i, 'name'],
        message: `${problem}: a Middleware object has such a name (or write <name>@<provider> for another provider's), so Traefik finds none and refuses the router`,
      });
  }
  return problems;
}

/**
 * 64b-8: a backend's `namespace` (any kind: a Service's or a TraefikService's) names a namespace, a DNS-1123 label
 * (kubernetes apimachinery ValidateNamespaceName); Traefik looks the object up there and finds none by another name.
 */
function namespaceProblems(ref: Values, path: Path, what: string): Problem[] {
  const { namespace } = ref;
  const problem = typeof namespace === 'string' && namespace !== '' ? dns1123Label(namespace) : undefined;
  return problem
    ? [
        {
          path: [...path, 'namespace'],
          message: `${problem}: no namespace has such a name, so Traefik finds no ${what} there, and the route serves errors`,
        },
      ]
    : [];
}

/**
 * One backend reference (`name`, `port`, `namespace`, `kind`) of an IngressRoute, IngressRouteTCP or IngressRouteUDP
 * route, or of a TraefikService's `weighted.services`, `mirroring` or `mirroring.mirrors` (64b-8: Traefik resolves
 * them all alike, traefik/traefik pkg/provider/kubernetes/crd kubernetes_http.go `loadServers`, kubernetes_udp.go
 * `loadUDPServers`), judged by the rules above; a `kind: TraefikService` one only by its namespace.
 */
export function backendProblems(service: unknown, path: Path): Problem[] {
  if (!isMap(service)) return [];
  const problems = namespaceProblems(service, path, service.kind === 'TraefikService' ? 'TraefikService' : 'Service');
  if (service.kind !== undefined && service.kind !== 'Service') return problems;
  if (typeof service.name === 'string') {
    const problem = dns1035Label(service.name);
    if (problem)
      problems.push({
        path: [...path, 'name'],
        message: `${problem}: Traefik finds no Service by that name, and the route serves errors`,
      });
  }
  const port = service.port;
  const problem =
    typeof port === 'number'
      ? Number.isInteger(port) && port >= 1 && port <= 65535
        ? undefined
        : `${port} is not a Service port: expected a number from 1 to 65535 or a Service port name`
      : typeof port === 'string'
        ? portName(port)
        : undefined;
  if (problem)
    problems.push({
      path: [...path, 'port'],
      message: `${problem}; Traefik finds no such port on the Service, and the route serves errors`,
    });
  return problems;
}
