import { formatPath, Path, Problem } from '../core/problem';
import { isMap } from '../core/is-map';
import { apiGroup } from '../validate/kinds';
import { fileRoutes } from '../ingress/file-routes';
import { chartIngressRoutes, renderedObjects } from './extra-objects';
import type { AcmeResolver } from './acme-challenges';
import { traefikFlags } from './arguments';
import { entrypointResolvers, entrypointTlsBlocks } from './resolver-names';

type Values = Record<string, unknown>;

/** A domain a router asks a resolver for through `tls.domains` (main or sans), and where that is written. */
export interface ResolverDomainRequest {
  readonly resolver: string;
  readonly domain: string;
  readonly path: Path;
  /** For a file-provider router: its key path inside the text at `path` (`textPart`), and the domain's below it (`shown`). */
  readonly textPart?: string;
  readonly shown?: string;
}

/** A key of `map` in any case: paerser reads the file provider's keys so (57b-4); CRD fields are exact. */
const field = (map: Values, name: string, anyCase: boolean) =>
  anyCase ? Object.keys(map).find((key) => key.toLowerCase() === name.toLowerCase()) : Object.hasOwn(map, name) ? name : undefined;

/**
 * The `tls.domains` of one router: each `main` and `sans` item, as Traefik asks the resolver for them
 * (traefik/traefik pkg/provider/acme/provider.go, `resolveDomains`: `tls.domains` when given, else the Host rule's).
 */
function tlsDomainRequests(tls: unknown, anyCase: boolean, at: Path, router?: string): ResolverDomainRequest[] {
  if (!isMap(tls)) return [];
  const resolverKey = field(tls, 'certResolver', anyCase);
  const domainsKey = field(tls, 'domains', anyCase);
  const resolver = resolverKey === undefined ? undefined : tls[resolverKey];
  const domains = domainsKey === undefined ? undefined : tls[domainsKey];
  if (typeof resolver !== 'string' || resolver === '' || !Array.isArray(domains)) return [];
  return domains.flatMap((entry, i) => {
    if (!isMap(entry)) return [];
    const mainKey = field(entry, 'main', anyCase);
    const sansKey = field(entry, 'sans', anyCase);
    const main = mainKey === undefined ? [] : [{ value: entry[mainKey], keys: [mainKey] as Path }];
    const sans =
      sansKey !== undefined && Array.isArray(entry[sansKey])
        ? (entry[sansKey] as unknown[]).map((value, j) => ({ value, keys: [sansKey, j] as Path }))
        : [];
    return [...main, ...sans].flatMap(({ value, keys }): ResolverDomainRequest[] => {
      if (typeof value !== 'string') return [];
      const rest = [domainsKey!, i, ...keys];
      return router
        ? [{ resolver, domain: value, path: at, textPart: router, shown: `${router}.tls.${formatPath(rest)}` }]
        : [{ resolver, domain: value, path: [...at, ...rest] }];
    });
  });
}

/**
 * Every domain a router of Traefik's values asks a resolver for through `tls.domains`: the `extraObjects`
 * IngressRoutes and IngressRouteTCPs (traefik.io or traefik.containo.us), the chart's `ingressRoute.<name>`
 * and the file provider's routers. `prefix` leads the paths (`traefik` in a config).
 */
export function resolverDomainRequests(values: Values, prefix: Path): ResolverDomainRequest[] {
  const items = Array.isArray(values.extraObjects) ? values.extraObjects : [];
  const fromItems = items.flatMap((item, i) =>
    renderedObjects(item).flatMap((object) => {
      const group = typeof object.apiVersion === 'string' ? apiGroup(object.apiVersion) : '';
      if (object.kind !== 'IngressRoute' && object.kind !== 'IngressRouteTCP') return [];
      if ((group !== 'traefik.io' && group !== 'traefik.containo.us') || !isMap(object.spec)) return [];
      return tlsDomainRequests(object.spec.tls, false, [...prefix, 'values', 'extraObjects', i, 'spec', 'tls']);
    }),
  );
  const fromChart = chartIngressRoutes(values).flatMap(([name, config]) =>
    tlsDomainRequests(config.tls, false, [...prefix, 'values', 'ingressRoute', name, 'tls']),
  );
  const fromFile = fileRoutes(values).routes.flatMap(({ path, at, tls }) => tlsDomainRequests(tls, true, [...prefix, ...path], at));
  return [...fromItems, ...fromChart, ...fromFile];
}

/**
 * 70b-2: the domains entrypoints ask their default resolver for, which every router on them without its own TLS takes
 * (traefik/traefik pkg/server/aggregator.go `applyModel`): `ports.<name>.tls.domains` (`ports.<name>.http.tls.domains`
 * from chart v39), which the chart renders as `--entrypoints.<name>.http.tls.domains[i].main`/`.sans` under that block's
 * `enabled` (templates/_podtemplate.tpl), and those flags in the argument lists (`sans` a comma-separated list). The
 * resolver is the entrypoint's last `certResolver`, by key or flag (resolver-names.ts).
 */
export function entrypointDomainRequests(values: Values, chartVersion: string, prefix: Path): ResolverDomainRequest[] {
  const resolvers = entrypointResolvers(values, chartVersion, prefix);
  const resolverOf = (entrypoint: string) => resolvers.filter((found) => found.entrypoint === entrypoint).at(-1)?.resolver;
  const fromValues = entrypointTlsBlocks(values, chartVersion, prefix).flatMap(({ entrypoint, tls, path }) =>
    tlsDomainRequests({ ...tls, certResolver: resolverOf(entrypoint) }, false, path),
  );
  const fromFlags = traefikFlags(values, prefix, chartVersion).flatMap((flag): ResolverDomainRequest[] => {
    const match = /^entrypoints\.([^.]+)\.http\.tls\.domains\[\d+\]\.(main|sans)$/i.exec(flag.written);
    const resolver = match ? resolverOf(match[1]) : undefined;
    if (!match || !resolver || flag.value === undefined) return [];
    const domains = match[2].toLowerCase() === 'sans' ? flag.value.split(',').map((item) => item.trim()) : [flag.value];
    return domains.map((domain) => ({ resolver, domain, path: flag.path }));
  });
  return [...fromValues, ...fromFlags];
}

/**
 * 69b-19: a wildcard asked of an ACME resolver that has no DNS challenge (HTTP-01 or TLS-ALPN-01 only), whichever key
 * or flag defines it (70b-1, 70b-12), is never issued: ACME gives wildcards over DNS-01 alone (RFC 8555 section 7.1.3;
 * https://letsencrypt.org/docs/faq/), and the router serves the default self-signed certificate. Refused as for
 * `ingresses[].host` (ingress/rules.ts).
 */
export function wildcardDomainProblems(requests: readonly ResolverDomainRequest[], resolvers: readonly AcmeResolver[]): Problem[] {
  return requests.flatMap(({ resolver, domain, path, textPart, shown }) => {
    const challenge = domain.startsWith('*.') ? nonWildcardChallenge(resolver, resolvers) : undefined;
    if (!challenge) return [];
    const message = `${shown ? `${shown} ` : ''}asks resolver "${resolver}" for the wildcard "${domain}", but it uses the ${challenge} ${NO_WILDCARD}`;
    return [{ path, message, ...(textPart && { textPart }) }];
  });
}

/** What a wildcard refusal says after the challenge's name. */
export const NO_WILDCARD =
  'challenge, which cannot issue wildcard certificates (only DNS-01 can): list the host names, or use a DNS-01 resolver configured outside this project (traefik.externalCertResolvers)';

/** `HTTP` or `TLS` when the deployed ACME resolver `name` answers only that challenge, so it gets no wildcard; else undefined. */
export function nonWildcardChallenge(name: string, resolvers: readonly AcmeResolver[]): string | undefined {
  const challenge = resolvers.find((resolver) => resolver.value === name)?.challenge;
  return challenge === 'http' || challenge === 'tls' ? challenge.toUpperCase() : undefined;
}
