import { dns1123Subdomain } from '../config/formats';
import { ingressPath } from '../config/ingress-path-format';
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
