import { parseIp } from '../net/ip';
import { ingressHost } from './formats';

/**
 * An HTTPRoute hostname: the rules of an Ingress host (formats.ts `ingressHost`), with the IP refusal naming the
 * HTTPRoute. Gateway API's `Hostname` type (apis/v1/shared_types.go) says "IPs are not allowed" and its pattern refuses one.
 */
export function routeHostname(value: string): string | undefined {
  return parseIp(value)
    ? `${JSON.stringify(value)} is an IP address; an HTTPRoute hostname must be a DNS name (Gateway API refuses an IP there; route by IP with a LoadBalancer Service instead)`
    : ingressHost(value);
}
