import { formatPath, Path, Problem, Report } from '../core/problem';
import { redactedList } from '../core/redact-message';
import type { EffectiveTraefik } from '../traefik/effective';
import type { AcmeResolver } from '../traefik/acme-challenges';
import type { TraefikIngressProvider } from '../traefik/ingress-provider';
import type { ClusterConfig } from '../config/schema';
import { checkIssuerForHost } from '../cert-manager/rules';
import { tlsSecretName } from './tls';
import { usesHttp01 } from '../gateway/model';
import { extraObjectResolverProblems } from '../traefik/extra-objects';
import {
  entrypointDomainRequests,
  NO_WILDCARD,
  nonWildcardChallenge,
  resolverDomainRequests,
  wildcardDomainProblems,
} from '../traefik/resolver-domains';
import { entrypointResolverProblems, resolverNameProblem } from '../traefik/resolver-names';
import { singleLabelCertificateWarning } from './single-label-hosts';
import { classReaderProblems } from './class-readers';
import { apiServerClusterIp } from '../traefik/api-client-env';
import { RouteOwner, routeKey, sameRouteMessage } from './extra-routes';
import { http01SolverOwners } from '../cert-manager/http01-hosts';
import { wildcardTakeoverProblems } from './wildcard-takeover';
import { extraGatewayPortProblems } from '../gateway/extra-gateway-ports';
import { checkRedirects, noHttpsRedirect } from './redirect-rules';
import { extraCrdRouteProblems } from './extra-crd-routes';
import { carriesVip, entrypointServices, vipServicesOf } from '../kube-vip/client-ip';

/**
 * The Ingresses' rules: unique names and routes, a certificate source that exists and can issue for
 * the host, and a redirect so HTTPS-only routes still answer http://.
 */
export function checkIngresses(config: ClusterConfig, traefik: EffectiveTraefik, error: Report, warn: Report): void {
  checkRoutes(config, traefik, error, warn);
  checkIngressTls(config, error, warn);
  checkIngressProvider(config, traefik.ingressProvider, error);
  checkListeners(config, traefik, error);
  checkRedirects(config, traefik, error);
}

/**
 * Each Ingress is served on an entrypoint the chart sets up (`web` for plain HTTP, `websecure` for TLS, K3s'
 * Traefik defaults): one exposed on no Service that carries a VIP (`ports.<name>.expose`, traefik/templates/_service.tpl;
 * kube-vip/client-ip.ts vipServicesOf) cannot be reached from outside, so the Ingress' host refuses connections on its
 * VIP. One exposed on an additional LoadBalancer Service only is a deliberate choice (that Service's VIP serves it); an
 * additional ClusterIP Service serves the cluster alone.
 */
function checkListeners(config: ClusterConfig, traefik: EffectiveTraefik, error: Report) {
  const needs = [
    { entrypoint: 'web', scheme: 'http://', users: config.ingresses.flatMap((ingress, i) => (ingress.tls ? [] : [i])) },
    { entrypoint: 'websecure', scheme: 'https://', users: config.ingresses.flatMap((ingress, i) => (ingress.tls ? [i] : [])) },
  ];
  for (const { entrypoint, scheme, users } of needs) {
    const entry = traefik.entrypoints.find((candidate) => candidate.name === entrypoint);
    if (!users.length) continue;
    const which = users.map((i) => `ingresses[${i}]`).join(', ');
    const unreachable = `${which} (${scheme}${config.ingresses[users[0]].host}) cannot be reached on the VIP`;
    if (!entry) {
      // Dropped with a null (`ports.<name>: null`, `ports: null`): the chart then renders neither its listener nor its Service port.
      const removed = traefik.removedEntrypoints.find((candidate) => candidate.name === entrypoint);
      if (removed) {
        const what = removed.path.at(-1) === 'ports' ? 'every entrypoint of the chart' : `the chart's entrypoint ${entrypoint}`;
        error(removed.path, `is null, which drops ${what} (Helm removes a default given as null), so ${unreachable}: remove the key`);
      }
      continue;
    }
    // HTTP and HTTPS run over TCP: on UDP or SCTP the entrypoint has no listener an Ingress' routers can use. A spelling
    // the API server refuses (`udp`) is the chart-failure check's to report.
    if (entry.protocol === 'UDP' || entry.protocol === 'SCTP') {
      error(
        [...entry.path, 'protocol'],
        `is ${entry.protocol}, so entrypoint ${entrypoint} serves no HTTP and ${which} (${scheme}${config.ingresses[users[0]].host}) ` +
          'cannot be reached on the VIP: remove the key (TCP is the default)',
      );
      continue;
    }
    if (vipServicesOf(entry, traefik.services).length) continue;
    const at = entry.path.length > 1 ? [...entry.path, 'expose'] : entry.path;
    // One Service per block: its `-udp` half has the same type.
    const offVip = [...entrypointServices(entry, traefik.services).values()]
      .flatMap((own) => own.slice(0, 1))
      .filter((s) => !carriesVip(s));
    if (!offVip.length) {
      error(
        at,
        `takes entrypoint ${entrypoint} off every Service, so ${unreachable}: remove the key, or expose ${entrypoint} on a Service`,
      );
      continue;
    }
    const types = offVip.map((service) => `${service.label}, whose type is ${service.type.value} (${formatPath(service.type.path)})`);
    error(
      at,
      `exposes entrypoint ${entrypoint} only on ${types.join(', and ')}, and kube-vip gives only LoadBalancer Services a VIP, so ` +
        `${unreachable}: expose ${entrypoint} on Traefik's own Service (remove the key), or make ${offVip.length > 1 ? 'one of them' : 'that Service'} a LoadBalancer`,
    );
  }
}

/**
 * Values that make Traefik ignore the Ingresses of this config (class traefik, each in its own
 * namespace): those of `ingresses`, and the solver Ingresses cert-manager makes for an HTTP-01
 * challenge (class traefik too, cert-manager/cluster-issuer.ts), for an httpRoute in the Gateway's
 * namespace kube-system. Silently, every host would answer 404 and no certificate would be issued.
 * traefik/ingress-provider.ts has the chart and Traefik facts.
 */
function checkIngressProvider(config: ClusterConfig, provider: TraefikIngressProvider, error: Report): void {
  const readers = [
    ...config.ingresses.map((ingress, i) => ({ namespace: ingress.namespace, what: `ingresses[${i}]` })),
    ...config.httpRoutes.flatMap((route, i) =>
      usesHttp01(config.certManager?.issuers, route.tls?.issuer)
        ? [{ namespace: 'kube-system', what: `the HTTP-01 solver of httpRoutes[${i}]` }]
        : [],
    ),
  ];
  const { badClassName } = provider;
  // One line per key: with Ingresses that name traefik, the name problem joins the missing-class message below.
  if (badClassName && !(readers.length && provider.missingClass?.key === 'name')) error(badClassName.path, badClassName.message);
  if (!readers.length) return;
  const ingresses = config.ingresses.length
    ? `the ${config.ingresses.length} Ingress(es) of ingresses[]${readers.length > config.ingresses.length ? " and cert-manager's HTTP-01 solvers" : ''}`
    : "cert-manager's HTTP-01 solver Ingresses for the httpRoutes";
  const ignored = `Traefik ignores ${ingresses}, so their hosts answer 404 (and HTTP-01 certificates are never issued)`;
  if (provider.disabled) error(provider.disabled, providerOffMessage(provider.disabled, ignored));
  const namers = 'every Ingress of this config';
  const unlabelled = "this tool's Ingresses carry none";
  for (const problem of classReaderProblems(provider, {
    ignored,
    namers,
    unlabelled,
    namesClass: true,
    apiServerIp: apiServerClusterIp(config.k3s.serviceCidr),
  }))
    error(problem.path, problem.message);
  const { namespaces } = provider;
  const unwatched = unwatchedNamespacesProblem(namespaces, readers);
  if (unwatched) error(unwatched.path, unwatched.message);
}

/** `disabled` (a flag or the chart key) turns the Ingress provider off, so Traefik ignores what `ignored` says. */
export function providerOffMessage(disabled: Path, ignored: string): string {
  const what =
    typeof disabled[disabled.length - 1] === 'number'
      ? "turns Traefik's Ingress provider off"
      : "turns Traefik's Ingress provider off (the chart renders it only when enabled)";
  return `${what}, so ${ignored}: remove it`;
}

/** An Ingress Traefik should read: its namespace, and how a message names it. */
export interface IngressReader {
  readonly namespace: string;
  readonly what: string;
}

/**
 * Watched namespaces (`providers.kubernetesIngress.namespaces`, `rbac.namespaced` or the flag) that leave out some
 * `readers`: the config's Ingresses, or the app's beside a K3sVipCluster (output/construct-ingress-rules.ts).
 */
export function unwatchedNamespacesProblem(
  namespaces: TraefikIngressProvider['namespaces'],
  readers: readonly IngressReader[],
): Problem | undefined {
  if (!namespaces) return undefined;
  const missing = new Map<string, string>();
  for (const reader of readers) {
    if (!namespaces.value.includes(reader.namespace) && !missing.has(reader.namespace)) missing.set(reader.namespace, reader.what);
  }
  if (!missing.size) return undefined;
  const which = [...missing].map(([ns, what]) => `${ns} (${what})`).join(', ');
  return {
    path: namespaces.path,
    message:
      `makes Traefik watch only namespace(s) ${redactedList(namespaces.value)}, so it ignores the Ingresses in ${which}: their hosts answer 404: ` +
      `add ${[...missing.keys()].join(', ')} to providers.kubernetesIngress.namespaces, or remove the key`,
  };
}

/**
 * A wildcard host asked of a resolver Traefik will have (any key or flag), whose TLS or HTTP challenge cannot issue one: for
 * `ingresses[]` and for the app's Ingresses beside a construct (output/construct-ingress-rules.ts) alike.
 */
export function wildcardResolverProblem(host: string, resolver: string, resolvers: readonly AcmeResolver[]): string | undefined {
  const challenge = host.startsWith('*.') ? nonWildcardChallenge(resolver, resolvers) : undefined;
  return challenge && `"${host}" is a wildcard, but resolver "${resolver}" uses the ${challenge} ${NO_WILDCARD}`;
}

/**
 * An Ingress naming both a cert-manager issuer and a Traefik resolver: one certificate source serves a host.
 * The message is about the issuer, written `issuerKey`; `prefix` leads the resolver's key path (`tls.` in a config).
 */
export function twoCertificateSourcesProblem(issuer: string, certResolver: string, issuerKey: string, prefix: string): string {
  return (
    `"${issuer}" and ${prefix}certResolver "${certResolver}" are both set, but one certificate source serves a host: ` +
    `keep ${issuerKey} (cert-manager, for several Traefik replicas) or certResolver (Traefik ACME, one replica)`
  );
}

function checkRoutes(config: ClusterConfig, traefik: EffectiveTraefik, error: Report, warn: Report) {
  const names = new Map<string, number>();
  const routes = new Map<string, number>();
  // The resolvers Traefik will have, whichever key defines them (traefik.values and flags too), and those configured elsewhere.
  const resolvers = new Set([...traefik.resolverNames, ...config.traefik.externalCertResolvers]);
  // An IngressRoute or TLSStore among Traefik's extraObjects names a resolver the same way, as does an entrypoint's default.
  const define = 'Define it under traefik.certResolvers, or list it in traefik.externalCertResolvers if it is configured elsewhere';
  const values = config.traefik.values ?? {};
  for (const problem of [
    ...extraObjectResolverProblems(values, ['traefik'], resolvers, define),
    ...entrypointResolverProblems(values, config.traefik.chartVersion, ['traefik'], resolvers, define),
    ...wildcardDomainProblems(
      [...resolverDomainRequests(values, ['traefik']), ...entrypointDomainRequests(values, config.traefik.chartVersion, ['traefik'])],
      traefik.acmeResolvers,
    ),
    ...wildcardTakeoverProblems(config.ingresses),
  ])
    error(problem.path, problem.message, problem);
  for (const name of config.traefik.externalCertResolvers) {
    if (Object.hasOwn(config.traefik.certResolvers, name)) {
      error(['traefik', 'externalCertResolvers'], `"${name}" is also defined in traefik.certResolvers: list it in one place`);
    }
  }
  config.ingresses.forEach((ingress, i) => {
    const name = `${ingress.namespace}/${ingress.name}`;
    // pathType Prefix matches /api and /api/ alike.
    const route = routeKey(ingress.host, ingress.path);
    const sameName = names.get(name);
    if (sameName !== undefined) {
      error(
        ['ingresses', i, 'name'],
        `"${ingress.name}" in namespace "${ingress.namespace}" is already used by ingresses[${sameName}]: each Ingress needs its own name`,
      );
    }
    const sameRoute = routes.get(route);
    if (sameRoute !== undefined) {
      error(['ingresses', i, 'path'], sameRouteMessage(ingress.host, ingress.path, `ingresses[${sameRoute}]`));
    }
    const resolver = ingress.tls?.certResolver;
    const wildcard = resolver ? wildcardResolverProblem(ingress.host, resolver, traefik.acmeResolvers) : undefined;
    if (wildcard) error(['ingresses', i, 'host'], wildcard);
    const unknown = resolver ? resolverNameProblem(resolver, resolvers, define) : undefined;
    if (unknown) error(['ingresses', i, 'tls', 'certResolver'], unknown);
    const single = resolver ? singleLabelCertificateWarning(ingress.host, `resolver "${resolver}"`) : undefined;
    if (single) warn(['ingresses', i, 'host'], single);
    // A certResolver makes the router TLS (router.tls.certresolver), so Traefik answers http:// with 404 unless `web`
    // redirects. A cert-manager Ingress has no TLS router: spec.tls only loads its certificate, and it answers on both.
    const http = resolver ? noHttpsRedirect(config, traefik, `http://${ingress.host}${ingress.path}`) : undefined;
    if (http) warn(['ingresses', i, 'tls'], `serves "${ingress.host}" on HTTPS only ${http}`);
    names.set(name, names.get(name) ?? i);
    routes.set(route, routes.get(route) ?? i);
  });
  // An IngressRoute among Traefik's extraObjects on an Ingress' host and path is a second router there, too.
  // A certResolver gets the Ingress the router.tls.certresolver annotation: TLS routers only (extra-routes.ts).
  // 70b-10: and one that outranks cert-manager's HTTP-01 solver Ingress catches the challenge.
  const owners = new Map<string, RouteOwner>([
    ...[...routes].map(([route, i]): [string, RouteOwner] => {
      const { host, path, tls } = config.ingresses[i];
      return [route, { owner: `ingresses[${i}]`, tls: !!tls?.certResolver, host, path }];
    }),
    ...http01SolverOwners(config, traefik.httpRedirect),
  ]);
  const extra = extraCrdRouteProblems(config, traefik, owners);
  for (const problem of extra.errors) error(problem.path, problem.message, problem);
  for (const problem of extra.warnings) warn(problem.path, problem.message, problem);
  for (const problem of extraGatewayPortProblems(values, ['traefik'])) error(problem.path, problem.message);
  // The extraObjects HTTPRoutes on a Gateway are judged with the Gateway's rules (gateway/rules.ts extraHttpRouteProblems).
}

function checkIngressTls(config: ClusterConfig, error: Report, warn: Report) {
  const issuers = config.certManager?.issuers ?? {};
  config.ingresses.forEach((ingress, i) => {
    const tls = ingress.tls;
    if (!tls) return;
    const path = ['ingresses', i, 'tls'];
    if (!tls.certResolver && !tls.issuer) {
      error(
        path,
        'names no certificate source: give certResolver (a Traefik ACME resolver) or issuer (a cert-manager ClusterIssuer), ' +
          'or remove tls for plain HTTP',
      );
    }
    if (!tls.issuer) return;
    const secretName = tlsSecretName(ingress.name);
    if (secretName.length > 253) {
      error(
        [...path.slice(0, -1), 'name'],
        `is ${ingress.name.length} characters long, and cert-manager stores its certificate in Secret "<name>-tls", which may have ` +
          'at most 253: shorten the name to 249 characters',
      );
    }
    if (tls.certResolver) {
      error([...path, 'issuer'], twoCertificateSourcesProblem(tls.issuer, tls.certResolver, 'issuer', 'tls.'));
    }
    checkIssuerForHost(issuers, tls.issuer, ingress.host, { issuer: [...path, 'issuer'], host: ['ingresses', i, 'host'] }, error, warn);
  });
}
