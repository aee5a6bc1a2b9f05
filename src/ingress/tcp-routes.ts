import type { Path, Problem } from '../core/problem';
import { isMap } from '../core/is-map';
import { extraObjectRoutes } from '../traefik/extra-objects';
import { matchersOf, parsedRule } from '../traefik/rule-syntax';
import { hostRegexpMatches } from '../traefik/rule-regexps';
import { fileRoutes } from './file-routes';
import { negatedSniTaking } from './tcp-negated-sni';

/** An Ingress as the TCP rule needs it: `ingresses[0]`, its host, and whether its routers are TLS only (extra-routes.ts RouteOwner). */
interface TcpOwner {
  readonly owner: string;
  readonly tls: boolean;
  readonly host?: string;
}

const bare = (host: string) => host.toLowerCase().replace(/\.$/, '');

/**
 * `extraObjects` IngressRouteTCPs that take an Ingress' connections (51b-8): Traefik serves an entrypoint's TCP routers
 * before its HTTP routers (Traefik's docs, routing/routers "TCP routers": "If both HTTP routers and TCP routers listen
 * to the same entry points, the TCP routers will apply before the HTTP routers. If no matching route is found for the
 * TCP routers, then the HTTP routers will take over"), so a route with ``HostSNI(`*`)`` takes
 * every connection of its entrypoints, and one with the Ingress' host as SNI (with TLS: passthrough or termination)
 * every TLS connection of that host. A route on no entrypoint is on all; one on entrypoints other than web and
 * websecure does not meet the Ingresses, nor one on web alone an Ingress whose routers are TLS only. 68b-15: a route
 * without TLS whose rule is only ClientIP takes every plain connection of web from those addresses: Traefik matches a
 * non-TLS connection against its non-TLS TCP routers before handing it to the HTTP routers (traefik/traefik
 * pkg/server/router/tcp/router.go `ServeTCP`, `if !hello.isTLS`, v2.11.0 and v3.6.0).
 */
export function tcpRouteProblems(values: Readonly<Record<string, unknown>>, prefix: Path, owners: readonly TcpOwner[]): Problem[] {
  // The file provider's TCP routers are judged alike (57b-4), at `content`, named by their key path in the text.
  const fromItems = extraObjectRoutes(values, ['IngressRouteTCP']).map(({ spec, route, at }) => ({
    entryPoints: spec.entryPoints,
    // The CRD provider makes a TLS router of a non-null spec.tls (traefik/traefik pkg/provider/kubernetes/crd kubernetes_tcp.go).
    tls: spec.tls !== undefined && spec.tls !== null,
    match: isMap(route) ? route.match : undefined,
    path: [...prefix, ...at, 'match'],
    named: '',
    part: undefined as string | undefined,
    keys: undefined as Path | undefined,
  }));
  const fromFile = fileRoutes(values)
    .routes.filter((route) => route.tcp)
    .map(({ path, at, keys, entryPoints, rule, tls }) => ({
      entryPoints,
      // A `tls` key, empty too, makes a TLS router (file:"allowEmpty", pkg/config/dynamic tcp_config.go).
      tls: tls !== undefined,
      match: rule,
      path: [...prefix, ...path],
      named: `${at}.rule: `,
      part: at as string | undefined,
      // 73a-4: at the router's own line of the text where its keys are plain words.
      keys,
    }));
  return [...fromItems, ...fromFile].flatMap(({ entryPoints: given, tls, match, path, named: label, part, keys }): Problem[] => {
    const entryPoints = Array.isArray(given) ? given : [];
    const web = !entryPoints.length || entryPoints.includes('web');
    const websecure = !entryPoints.length || entryPoints.includes('websecure');
    if (!web && !websecure) return [];
    const tree = parsedRule(match);
    if (!tree) return [];
    // A negated matcher only narrows.
    const matchers = matchersOf(tree, false);
    const sni = matchers.filter((m) => m.name.toLowerCase() === 'hostsni').flatMap((m) => m.values);
    const sniRegexps = matchers.filter((m) => m.name.toLowerCase() === 'hostsniregexp').flatMap((m) => m.values);
    const entries = entryPoints.length ? `entrypoint(s) ${entryPoints.join(', ')}` : 'every entrypoint (no entryPoints)';
    // 68b-15: a non-TLS router whose rule is ClientIP alone matches a plain connection by its address only.
    const clientIp = !tls && web && matchersOf(tree).every((m) => m.name.toLowerCase() === 'clientip');
    for (const owner of owners) {
      // An Ingress whose routers are TLS only serves on websecure alone (extra-routes.ts meets).
      if (owner.tls && !websecure) continue;
      if (clientIp && !owner.tls)
        return [
          {
            path,
            message:
              `${label}has only ClientIP in its rule, on a route without tls, so on ${entryPoints.length ? 'entrypoint web' : entries} it takes every plain ` +
              `connection from those addresses before any HTTP router (Traefik serves non-TLS TCP routers first), and ${owner.owner} on host ` +
              `"${owner.host}" gets none of their HTTP traffic: give the route an entrypoint of its own (ports.<name> in the values), or add a HostSNI and tls`,
            ...(part !== undefined && { textPart: part }),
            ...(keys && { textPath: keys }),
          },
        ];
      const ownHost = owner.host === undefined ? undefined : bare(owner.host);
      const named = ownHost !== undefined && websecure && sni.some((s) => bare(s) === ownHost);
      const regexp = ownHost !== undefined && websecure && sniRegexps.some((re) => hostRegexpMatches(re, ownHost) === true);
      const negated = ownHost !== undefined && websecure ? negatedSniTaking(tree, ownHost) : undefined;
      if (!sni.includes('*') && !named && !regexp && !negated) continue;
      const what = sni.includes('*')
        ? `HostSNI(\`*\`) on ${entries} takes every connection there`
        : named
          ? `its HostSNI names host "${owner.host}" on websecure, so it takes every TLS connection of that host`
          : regexp
            ? `has a HostSNIRegexp that may match host "${owner.host}" on websecure, so it may take every TLS connection of that host`
            : `negates HostSNI ${negated!.map((n) => JSON.stringify(n)).join(', ')} on websecure, which matches every other server name, so it takes every TLS connection of host "${owner.host}" as HostSNI(\`*\`) would`;
      return [
        {
          path,
          message:
            `${label}${what}, before any HTTP router (Traefik serves TCP routers first), so ${owner.owner} on host "${owner.host}" gets none of its ` +
            'traffic: give the route an entrypoint of its own (ports.<name> in the values), or another HostSNI',
          ...(part !== undefined && { textPart: part }),
          ...(keys && { textPath: keys }),
        },
      ];
    }
    return [];
  });
}
