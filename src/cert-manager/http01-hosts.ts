import type { ClusterConfig } from '../config/schema';
import { usesHttp01 } from '../gateway/model';
import type { RouteOwner } from '../ingress/extra-routes';
import { ingressRouterRule } from '../ingress/router-priority';
import { CHALLENGE_PATH } from './challenge-requests';

// Kept importable from here for the Gateway rules, which read both.
export { CHALLENGE_PATH };

/** A stand-in for the token in the solver's path, as long as a Let's Encrypt token (43 base64url characters, RFC 8555 §8.1). */
const TOKEN = '<the-43-character-token-of-each-ACME-order>';

/** A certificate cert-manager proves with HTTP-01, and who asked for it (`ingresses[0]`). */
export interface Http01Host {
  readonly host: string;
  readonly issuer: string;
  readonly owner: string;
}

/** The config's certificates whose challenge arrives over HTTP: its Ingresses and httpRoutes of an HTTP-01 issuer, wildcards aside (refused on their own). */
export function http01Hosts(config: ClusterConfig): Http01Host[] {
  const issuers = config.certManager?.issuers;
  return [
    ...config.ingresses.flatMap((ingress, j) =>
      usesHttp01(issuers, ingress.tls?.issuer) ? [{ host: ingress.host, issuer: ingress.tls!.issuer!, owner: `ingresses[${j}]` }] : [],
    ),
    ...config.httpRoutes.flatMap((route, k) =>
      usesHttp01(issuers, route.tls?.issuer) ? [{ host: route.host, issuer: route.tls!.issuer!, owner: `httpRoutes[${k}]` }] : [],
    ),
  ].filter((certificate) => !certificate.host.startsWith('*.'));
}

/**
 * 70b-10: cert-manager's solver Ingress of each HTTP-01 certificate, as the Traefik router rules of IngressRoutes and of
 * the file provider take an Ingress (extra-routes.ts): a router that outranks it on the challenge path catches the
 * challenge, as a Gateway route does (gateway/rules.ts). Its path is the challenge's with a token (pathType
 * ImplementationSpecific, which Traefik reads as a prefix: cert-manager pkg/issuer/acme/http/ingress.go, v1.15), so its
 * router's priority is the length of that rule. Behind web's redirect to HTTPS (`redirect`) the challenge arrives on
 * websecure: only routers serving HTTPS meet it then, as they meet a certResolver Ingress (`tls`).
 */
export function http01SolverOwners(config: ClusterConfig, redirect: boolean): Array<[string, RouteOwner]> {
  const seen = new Set<string>();
  return http01Hosts(config).flatMap(({ host, owner }): Array<[string, RouteOwner]> => {
    if (seen.has(host)) return [];
    seen.add(host);
    const rule = ingressRouterRule(host, `${CHALLENGE_PATH}${TOKEN}`);
    return [
      [
        `${host} ${rule}`,
        { owner: `the HTTP-01 solver Ingress of ${owner}`, tls: redirect, host, path: CHALLENGE_PATH, rule, solver: true },
      ],
    ];
  });
}
