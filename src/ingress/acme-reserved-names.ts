import type { ClusterConfig } from '../config/schema';
import type { Path, Report } from '../core/problem';
import type { EffectiveTraefik } from '../traefik/effective';
import { entrypointDomainRequests, resolverDomainRequests } from '../traefik/resolver-domains';
import { singleLabelCertificateWarning } from './single-label-hosts';

/**
 * Names no public CA issues for (69b-20): the special-use names of RFC 6761 section 6 (test, localhost, invalid, example),
 * RFC 6762 (local, mDNS), RFC 7686 (onion), RFC 8375 (home.arpa), ICANN's private-use internal (2024 board resolution),
 * and lan, home and corp, which are in no root zone. Let's Encrypt issues only for names under a public suffix
 * (letsencrypt/boulder policy/pa.go `ValidDomain`; https://letsencrypt.org/docs/certificates-for-localhost/).
 */
const RESERVED = ['test', 'localhost', 'invalid', 'example', 'local', 'onion', 'home.arpa', 'internal', 'lan', 'home', 'corp'];

/** Why a public ACME CA never issues for `host` of a reserved suffix, or undefined (one label: single-label-hosts.ts). */
export function reservedNameReason(host: string): string | undefined {
  const name = host.toLowerCase().replace(/\.$/, '');
  const suffix = RESERVED.find((reserved) => name === reserved || name.endsWith(`.${reserved}`));
  return suffix && `".${suffix}" is not a public domain (RFC 6761, RFC 6762, RFC 7686, RFC 8375, ICANN)`;
}

/** What a host of a reserved suffix asked of Let's Encrypt through `source` (`resolver "le"`) gets. */
export const reservedNameMessage = (host: string, source: string, reason: string): string =>
  `asks ${source} (Let's Encrypt) for "${host}", but ${reason}, and Let's Encrypt issues only for names under ` +
  'a public suffix, so it never gets a certificate and Traefik serves its self-signed default one: use a public name, ' +
  'or a private ACME CA (caServer / server) that issues it';

/** Let's Encrypt's ACME directories, which a Traefik resolver uses without `caServer` and an issuer's production and staging are. */
export const isLetsEncrypt = (server: string | undefined) =>
  server === undefined ||
  server === 'production' ||
  server === 'staging' ||
  /^https:\/\/acme(-staging)?-v02\.api\.letsencrypt\.org\//.test(server);

/**
 * A host asked of Let's Encrypt that it never issues for: `ingresses[]` and `httpRoutes[]` with a resolver Traefik defines
 * (whichever key or flag) or an issuer of `certManager.issuers`, and the `tls.domains` of Traefik's routers and entrypoints. The
 * router serves Traefik's self-signed default certificate, and the client keeps retrying against the CA's rate limits.
 * A private ACME directory (`caServer`, `server`: step-ca and the like) may issue such names: not judged, and so a warning.
 * A single-label host is single-label-hosts.ts's warning, which ingresses[] and httpRoutes[] give already: here for tls.domains.
 */
export function checkAcmeReservedNames(config: ClusterConfig, traefik: EffectiveTraefik, warn: Report): void {
  const issuers = config.certManager?.issuers ?? {};
  const values = config.traefik.values ?? {};
  const publicCa = (tls: { certResolver?: string; issuer?: string } | undefined): string | undefined => {
    // The resolver as deployed, whichever key or flag defines it and its CA (70b-1).
    const resolver = tls?.certResolver && traefik.acmeResolvers.find((found) => found.value === tls.certResolver);
    if (resolver && isLetsEncrypt(resolver.caServer)) return `resolver "${resolver.value}"`;
    if (tls?.issuer && Object.hasOwn(issuers, tls.issuer) && isLetsEncrypt(issuers[tls.issuer].server)) return `issuer "${tls.issuer}"`;
    return undefined;
  };
  const asked: Array<{ host: string; source?: string; path: Path; textPart?: string; shown?: string; domain?: boolean }> = [
    ...config.ingresses.map((ingress, i) => ({ host: ingress.host, source: publicCa(ingress.tls), path: ['ingresses', i, 'host'] })),
    ...config.httpRoutes.map((route, i) => ({ host: route.host, source: publicCa(route.tls), path: ['httpRoutes', i, 'host'] })),
    ...[...resolverDomainRequests(values, ['traefik']), ...entrypointDomainRequests(values, config.traefik.chartVersion, ['traefik'])].map(
      ({ domain, resolver, ...at }) => ({
        host: domain,
        source: publicCa({ certResolver: resolver }),
        domain: true,
        ...at,
      }),
    ),
  ];
  for (const { host, source, path, textPart, shown, domain } of asked) {
    if (!source) continue;
    const where = textPart !== undefined ? { textPart } : undefined;
    const reason = reservedNameReason(host.replace(/^\*\./, ''));
    const single = domain && !reason ? singleLabelCertificateWarning(host, source) : undefined;
    if (single) warn(path, `${shown ? `${shown} ` : ''}${single}`, where);
    if (reason) warn(path, `${shown ? `${shown} ` : ''}${reservedNameMessage(host, source, reason)}`, where);
  }
}
