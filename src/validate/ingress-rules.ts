import { dns1123Subdomain } from '../config/formats';
import { ingressPath } from '../config/ingress-path-format';
import { portNameProblem } from '../core/port-name';
import { isIpAddress } from '../net/ip';
import { Finding, isRecord, select, show } from './paths';

const isIngress = (object: Record<string, unknown>): boolean => object.kind === 'Ingress' && object.apiVersion === 'networking.k8s.io/v1';

/** An Ingress host: a DNS-1123 subdomain, optionally after `*.`, never an IP (k8s validateIngressRules). */
export function checkIngressHosts(object: Record<string, unknown>): Finding[] {
  if (!isIngress(object)) return [];
  return select(object, 'spec.rules[*].host').flatMap(({ path, value }): Finding[] => {
    if (typeof value !== 'string') return [];
    if (isIpAddress(value)) {
      return [
        {
          path,
          message: `is ${show(value)}, an IP address; the API server accepts only DNS names as Ingress hosts: leave host out to match any address, or use a DNS name`,
        },
      ];
    }
    const problem = dns1123Subdomain(value.startsWith('*.') ? value.slice(2) : value);
    return problem ? [{ path, message: `${problem} (an Ingress host is a DNS-1123 subdomain, optionally after "*.")` }] : [];
  });
}

/**
 * 69b-4: the path of an Ingress rule of pathType Prefix or Exact, held to the rule of `ingresses[].path`
 * (config/ingress-path-format.ts): the API server refuses `//`, `/./`, `/../`, `%2F` and a `/.` or `/..` end there
 * (k8s.io/kubernetes pkg/apis/networking/validation/validation.go, validateHTTPIngressPath), and a URL's path never
 * holds `?`, `#`, a space or a bad percent-escape, so such a route never matches. ImplementationSpecific is the
 * controller's to read, and a path left out is the schema's.
 */
export function checkIngressPaths(object: Record<string, unknown>): Finding[] {
  if (!isIngress(object)) return [];
  return select(object, 'spec.rules[*].http.paths[*]').flatMap(({ path, value }): Finding[] => {
    if (!isRecord(value) || typeof value.path !== 'string' || (value.pathType !== 'Prefix' && value.pathType !== 'Exact')) return [];
    const problem = ingressPath(value.path);
    return problem ? [{ path: [...path, 'path'], message: `${problem} (an Ingress path of pathType ${value.pathType})` }] : [];
  });
}

/**
 * 72a-2: `spec.ingressClassName` names an IngressClass, a DNS-1123 subdomain (k8s.io/kubernetes
 * pkg/apis/networking/validation/validation.go, ValidateIngressClassName = NameIsDNSSubdomain), so "Traefik" or
 * "my_class" is refused by the API server, as it refuses a host of that form.
 */
export function checkIngressClassName(object: Record<string, unknown>): Finding[] {
  if (!isIngress(object)) return [];
  return select(object, 'spec.ingressClassName').flatMap(({ path, value }): Finding[] => {
    const problem = typeof value === 'string' ? dns1123Subdomain(value) : undefined;
    return problem ? [{ path, message: `${problem} (an IngressClass name is a DNS-1123 subdomain)` }] : [];
  });
}

/**
 * 72a-2: a backend's Service port by name is an IANA_SVC_NAME, as `ingresses[].port` is (core/port-name.ts), and
 * names a port by name or by number, not both (validation.go validateIngressBackend: IsValidPortName, "cannot set
 * both port name & port number"), for the default backend and every path's.
 */
export function checkIngressBackendPorts(object: Record<string, unknown>): Finding[] {
  if (!isIngress(object)) return [];
  const ports = [
    ...select(object, 'spec.defaultBackend.service.port'),
    ...select(object, 'spec.rules[*].http.paths[*].backend.service.port'),
  ];
  return ports.flatMap(({ path, value }): Finding[] => {
    if (!isRecord(value) || typeof value.name !== 'string') return [];
    const why = portNameProblem(value.name);
    if (why)
      return [
        {
          path: [...path, 'name'],
          message:
            `is ${show(value.name)}, which is not a port name (${why}); the API server takes a Service port's name of at most 15 ` +
            "lower-case letters, digits and '-' (IsValidPortName): fix the name, or give port.number",
        },
      ];
    if (value.number !== undefined && value.number !== 0)
      return [
        { path, message: 'sets both name and number; the API server takes one ("cannot set both port name & port number"): keep one' },
      ];
    return [];
  });
}
