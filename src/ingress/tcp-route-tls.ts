import { quotedText } from '../core/problem';
import { secretValues } from '../core/secrets';
import { matchersOf, parsedRule } from '../traefik/rule-syntax';

/**
 * 68b-15: a TCP router without TLS whose rule names a host in HostSNI: Traefik takes the rule's HostSNI values in order
 * (pkg/muxer/tcp/mux.go `ParseHostSNI`, negated ones too) and, unless the first is `*`, refuses the router ("has HostSNI
 * matcher, but no TLS on router", pkg/server/router/tcp/manager.go v3.0.0 to v3.7.0, then `continue`); v2.11 logs the
 * same error and keeps it, but a plain connection has no SNI to match. Either way the route never serves. `tls`: whether
 * the router has TLS (a CRD route's non-null `spec.tls`, a file router's `tls` key). The reason, else undefined.
 */
export function sniWithoutTlsProblem(match: unknown, tls: boolean): string | undefined {
  const tree = tls ? undefined : parsedRule(match);
  if (!tree) return undefined;
  const first = matchersOf(tree).find((m) => m.name.toLowerCase() === 'hostsni')?.values[0];
  if (first === undefined || first === '*') return undefined;
  return (
    `names host ${quotedText(first, (text) => secretValues(text).length > 0, '<redacted>')} in HostSNI on a router without tls, which Traefik refuses ("has HostSNI matcher, ` +
    'but no TLS on router"; Traefik v2 keeps it, but a plain connection carries no SNI to match), so the route never serves: add tls ' +
    '(tls: {} to terminate TLS, tls: {passthrough: true} to pass it on), or write HostSNI(`*`) for plain TCP'
  );
}
