import { checkIssuerForHost } from '../cert-manager/rules';
import { CHALLENGE_PATH, http01Hosts } from '../cert-manager/http01-hosts';
import { regexpCatchesChallenge } from '../cert-manager/challenge-requests';
import {
  alsoIngressMessage,
  GATEWAY_OUTRANKS_INGRESS,
  httpsHostProblem,
  httpsRedirectName,
  MAX_LISTENERS,
  routeNamespaces,
  usesHttp01,
} from './model';
import { ClusterConfig } from '../config/schema';
import { bundlesTraefikV2, FIRST_TRAEFIK_V3_K3S } from '../k3s/bundled-traefik';
import { gatewayChartProblem, gatewayValuesProblem } from '../traefik/chart-versions';
import { goTruthy } from '../traefik/go-truth';
import type { EffectiveTraefik } from '../traefik/effective';
import { checkGatewayProvider } from './provider-rules';
import { checkExtraGatewayIssuers } from './extra-gateway-issuers';
import { redirectedPlainRouteProblems } from './redirected-routes';
import { chartGateway, GatewayRouter, toolGateway } from './route-gateways';
import { extraTraefikGateways } from './extra-traefik-gateways';
import type * as GatewayRoutes from '../ingress/gateway-routes';
import { gatewayProviderOn, TURN_ON_GATEWAY, unservedTraefikRoutes } from './unserved-routes';
import { renderedObjects } from '../traefik/extra-objects';
import { traefikNamespace } from '../traefik/extra-object-rules';
import { formatPath, Problem } from '../core/problem';
import { entrypointRedirects } from '../traefik/redirects';

type Path = ReadonlyArray<string | number>;
type Report = (path: Path, message: string) => void;

/**
 * The Gateway API rules: what `traefik.gateway` needs from the chart, K3s and cert-manager, what an
 * httpRoute may hold, one issuer per Gateway, and where the Gateway's routes meet Ingresses, the
 * HTTP -> HTTPS redirect and cert-manager's HTTP-01 challenge.
 */
export function checkGatewayRules(config: ClusterConfig, traefik: EffectiveTraefik, error: Report, warn: Report): void {
  checkProvider(config, error);
  checkExtraGatewayIssuers(config, error, warn);
  if (!config.traefik.gateway) checkValuesProvider(config, traefik, error);
  checkTraefikValues(config, traefik.values, error, warn);
  if (!gatewayProviderOn(!!config.traefik.gateway, traefik.values)) checkUnservedRoutes(config.traefik.values ?? {}, error);
  const extra = extraHttpRouteProblems(config, traefik);
  if (config.httpRoutes.length) {
    const redirect = httpRedirect(config, traefik);
    if (!config.traefik.gateway) error(['httpRoutes'], `need a Gateway to attach to: ${TURN_ON_GATEWAY}`);
    checkRoutes(config, redirect, error, warn);
    checkTls(config, error, warn);
    checkChallenges(config, redirect, gatewayRouters(config), error);
  }
  for (const { path, message } of extra.errors) error(path, message);
  for (const { path, message } of extra.warnings) warn(path, message);
}

/**
 * Every rule on the extraObjects HTTPRoutes of `config` on the Gateway the route rules judge, the tool's or the chart's
 * own (ingress/gateway-routes.ts: a listener, host and path another route holds; a namespace the Gateway does not
 * admit; an Ingress's host, a warning), 69b-11 cert-manager's HTTP-01 challenge and 71b-10 web's redirect. Round 73:
 * the config door judges its extraObjects with it, and the construct library the app's HTTPRoutes beside a
 * K3sVipCluster, placed after those (output/construct-gateway-parity.ts), so a rule added here holds at both doors.
 */
export function extraHttpRouteProblems(config: ClusterConfig, traefik: EffectiveTraefik): { errors: Problem[]; warnings: Problem[] } {
  const own = toolGateway(config) ?? chartGateway(traefik.values);
  // 82a-26: and every Gateway of Traefik's class in extraObjects, which Traefik serves on the same entrypoints.
  const extra = gatewayProviderOn(!!config.traefik.gateway, traefik.values) ? extraTraefikGateways(traefik.values) : [];
  const gateways = [...(own ? [own] : []), ...extra];
  if (!gateways.length) return { errors: [], warnings: [] };
  // Loaded only when there is a Gateway: most configs have none, and every synth would load these rules.
  const { extraGatewayRouters, gatewayRouteProblems } = require('../ingress/gateway-routes') as typeof GatewayRoutes;
  const judged = gateways.map((gateway) => gatewayRouteProblems(config, gateway));
  const [redirect, routers] = [httpRedirect(config, traefik), gateways.flatMap((gateway) => extraGatewayRouters(config, gateway))];
  const challenges: Problem[] = [];
  checkChallenges(config, redirect, routers, (path, message) => challenges.push({ path, message }));
  return {
    errors: [...judged.flatMap(({ errors }) => errors), ...challenges, ...redirectedPlainRouteProblems(redirect, routers)],
    warnings: judged.flatMap(({ warnings }) => warnings),
  };
}

/** 69b-17: an extraObjects route on a Traefik Gateway, with the provider off, gets what `httpRoutes` gets (unserved-routes.ts). */
function checkUnservedRoutes(values: Readonly<Record<string, unknown>>, error: Report): void {
  const items = Array.isArray(values.extraObjects) ? values.extraObjects : [];
  const objects = items.map(renderedObjects);
  const unserved = unservedTraefikRoutes(objects.flat(), values, traefikNamespace(values));
  objects.forEach((rendered, i) => {
    for (const route of rendered) {
      const gateway = unserved(route);
      if (!gateway) continue;
      error(
        ['traefik', 'values', 'extraObjects', i],
        `is ${route.kind === 'HTTPRoute' ? 'an' : 'a'} ${String(route.kind)} on Gateway ${gateway}, which nothing serves while Traefik's Gateway API provider is off: ${TURN_ON_GATEWAY}`,
      );
      return;
    }
  });
}

/** The http:// -> HTTPS redirect of `web` as deployed (`redirectToHttps`, the values or a flag), and how to undo it. */
interface HttpRedirect {
  readonly key: string;
  readonly undo: string;
}

/** The effective redirect of `web` (traefik/effective.ts), named by the key that sets it; undefined without one. */
function httpRedirect(config: ClusterConfig, traefik: EffectiveTraefik): HttpRedirect | undefined {
  if (!traefik.httpRedirect) return undefined;
  if (config.traefik.redirectToHttps) return { key: 'traefik.redirectToHttps', undo: 'set traefik.redirectToHttps: false' };
  // One redirect per entrypoint, the one Traefik keeps: the last flag, else the chart key (traefik/redirects.ts).
  const web = entrypointRedirects(traefik.values, config.traefik.chartVersion, ['traefik']).find((r) => r.from.toLowerCase() === 'web');
  // Charts before v34 spell it `ports.web.redirectTo` (entrypoints.ts webRedirects).
  const key = web ? formatPath(web.path) : 'traefik.values.ports.web.redirectTo';
  return { key, undo: `remove ${key}` };
}

function checkProvider(config: ClusterConfig, error: Report): void {
  const { gateway, chartVersion } = config.traefik;
  if (!gateway) return;
  const k3s = config.k3s.version;
  if (k3s && bundlesTraefikV2(k3s)) {
    error(
      ['traefik', 'gateway'],
      `needs Traefik's Gateway API provider, but K3s ${k3s} bundles Traefik v2, which has none: use K3s ${FIRST_TRAEFIK_V3_K3S} or newer (Traefik v3)`,
    );
    return;
  }
  const problem = gatewayChartProblem(chartVersion);
  if (problem) error(['traefik', 'gateway'], `${problem}${k3s ? ` (the chart of K3s ${k3s})` : ''}`);
}

/** The provider turned on through `traefik.values` meets the same K3s and chart gate as `traefik.gateway`. */
function checkValuesProvider(config: ClusterConfig, traefik: EffectiveTraefik, error: Report): void {
  const k3s = config.k3s.version;
  for (const path of traefik.gatewayKeys) {
    if (k3s && bundlesTraefikV2(k3s)) {
      error(
        path,
        `is true, but K3s ${k3s} bundles Traefik v2, which has no Gateway API provider: remove it, or use K3s ${FIRST_TRAEFIK_V3_K3S} or newer (Traefik v3)`,
      );
      continue;
    }
    const problem = gatewayValuesProblem(config.traefik.chartVersion);
    if (problem) error(path, `${problem}${k3s ? ` (the chart of K3s ${k3s})` : ''}`);
  }
}

/**
 * Values that bypass or shadow `traefik.gateway`: the provider turned on by flag (no RBAC), `gateway.*`
 * keys, which the chart ignores once its own Gateway is off, and the experimental channel K3s lacks.
 */
function checkTraefikValues(config: ClusterConfig, traefikValues: EffectiveTraefik['values'], error: Report, warn: Report): void {
  const { values, gateway } = config.traefik;
  const provider = (values.providers as { kubernetesGateway?: { experimentalChannel?: unknown } } | undefined)?.kubernetesGateway;
  // https://doc.traefik.io/traefik/v3.8/reference/install-configuration/providers/kubernetes/kubernetes-gateway/
  // The chart reads it with Go's `if` (1 and "yes" are on too).
  if (goTruthy(provider?.experimentalChannel)) {
    warn(
      ['traefik', 'values', 'providers', 'kubernetesGateway', 'experimentalChannel'],
      "is on, but K3s installs the Gateway API's standard channel only: without the experimental CRDs (TCPRoute, TLSRoute, ...) " +
        "Traefik's Gateway provider does not start (Traefik's provider docs): install them first, or drop the key",
    );
  }
  checkGatewayProvider(
    {
      values,
      merged: traefikValues,
      chartVersion: config.traefik.chartVersion,
      gateway: !!gateway,
      gatewayKey: 'traefik.gateway',
      routeNamespaces: config.httpRoutes.map((route) => route.namespace),
      turnOn: 'add `gateway: {}` under traefik',
    },
    ['traefik'],
    error,
  );
  const shadowed = values.gateway;
  if (!gateway || shadowed === null || typeof shadowed !== 'object' || Array.isArray(shadowed)) return;
  for (const key of Object.keys(shadowed).filter((k) => k !== 'enabled')) {
    error(
      ['traefik', 'values', 'gateway', key],
      "has no effect: traefik.gateway turns the chart's own Gateway off (gateway.enabled: false) and writes the Gateway " +
        'as a manifest, gateway-api.yaml: set its options under traefik.gateway, or drop the key',
    );
  }
}

function checkRoutes(config: ClusterConfig, redirect: HttpRedirect | undefined, error: Report, warn: Report): void {
  const names = new Map<string, number>();
  const routes = new Map<string, number>();
  const allowed = routeNamespaces(config.traefik.gateway?.routeNamespaces, config.httpRoutes);
  const tlsHosts = tlsHostsOf(config);
  const redirects = new Map([...tlsHosts].filter(([, host]) => !host.http01).map(([host]) => [httpsRedirectName(host), host]));
  const ingressHosts = new Map<string, number>();
  config.ingresses.forEach((ingress, j) => ingressHosts.set(ingress.host, ingressHosts.get(ingress.host) ?? j));
  config.httpRoutes.forEach((route, i) => {
    const name = `${route.namespace}/${route.name}`;
    const first = names.get(name);
    if (first !== undefined) {
      error(
        ['httpRoutes', i, 'name'],
        `"${route.name}" in namespace "${route.namespace}" is already used by httpRoutes[${first}]: each HTTPRoute needs its own name`,
      );
    }
    names.set(name, first ?? i);
    const key = `${route.host}${route.path.replace(/\/+$/, '')}/`;
    const sameRoute = routes.get(key);
    if (sameRoute !== undefined) {
      error(
        ['httpRoutes', i, 'path'],
        `host "${route.host}" with path "${route.path}" is already routed by httpRoutes[${sameRoute}]; only one of the two would get the traffic: change the host or the path`,
      );
    }
    routes.set(key, sameRoute ?? i);
    if (typeof route.port === 'string') {
      error(
        ['httpRoutes', i, 'port'],
        `"${route.port}" is a Service port name, but an HTTPRoute's backendRefs[].port is a port number (Gateway API PortNumber): ` +
          "write the number of the Service's port",
      );
    }
    if (Array.isArray(allowed) && route.namespace !== 'kube-system' && !allowed.includes(route.namespace)) {
      error(
        ['httpRoutes', i, 'namespace'],
        `"${route.namespace}" is not in traefik.gateway.routeNamespaces (${allowed.join(', ')}), so the Gateway would refuse the route: ` +
          'add the namespace there',
      );
    } else if (allowed === 'Same' && route.namespace !== 'kube-system') {
      error(
        ['httpRoutes', i, 'namespace'],
        `"${route.namespace}" is not kube-system, but traefik.gateway.routeNamespaces is Same, so the Gateway would refuse the route: ` +
          'list the namespace there, or leave routeNamespaces out',
      );
    }
    const ingress = ingressHosts.get(route.host);
    // A plain route sits on the HTTP listener alone, which never meets the TLS routers of certResolver Ingresses
    // (ingress/gateway-routes.ts, the same rule for an extraObjects HTTPRoute).
    const meets = !!route.tls || config.ingresses.some((other) => other.host === route.host && !other.tls?.certResolver);
    if (ingress !== undefined && meets) {
      warn(['httpRoutes', i, 'host'], `"${route.host}" ${alsoIngressMessage(`ingresses[${ingress}]`, route.path === '/')}`);
    }
    if (route.namespace === 'kube-system' && redirects.has(route.name)) {
      error(
        ['httpRoutes', i, 'name'],
        `"${route.name}" in kube-system is the name of the Gateway's redirect route for "${redirects.get(route.name)}": rename the HTTPRoute`,
      );
    }
    const tlsHost = tlsHosts.get(route.host);
    if (route.tls && tlsHost?.http01 && !redirect) {
      warn(
        ['httpRoutes', i, 'tls'],
        `serves "${route.host}" on HTTPS only, and http://${route.host}${route.path} answers 404: its issuer uses HTTP-01, whose ` +
          'challenge needs the HTTP listener of the host free for the solver Ingress, so the Gateway does not redirect it: ' +
          'give the issuer a dns01 solver, and the Gateway redirects the host to HTTPS',
      );
    }
    if (!route.tls && redirect && !hasHttpsListener(tlsHosts, route.host)) {
      error(
        ['httpRoutes', i],
        `has no tls, but ${redirect.key} sends every http:// request to HTTPS, where the Gateway has no listener for ` +
          `"${route.host}", so it would answer 404: give the route tls.issuer, or ${redirect.undo} ` +
          '(the Gateway redirects its TLS hosts itself)',
      );
    } else if (!route.tls && tlsHost && !tlsHost.http01 && route.path.replace(/\/+$/, '') === '') {
      error(
        ['httpRoutes', i, 'path'],
        `is "${route.path}" on "${route.host}", whose plain HTTP requests the Gateway redirects to HTTPS (httpRoutes[${tlsHost.index}] ` +
          'has tls), so the two would compete for http://: give this route tls too, or a longer path',
      );
    }
  });
}

/** The TLS hosts of the httpRoutes: the first route of each, and whether its issuer uses HTTP-01 (no redirect route then). */
function tlsHostsOf(config: ClusterConfig): Map<string, { index: number; http01: boolean }> {
  const hosts = new Map<string, { index: number; http01: boolean }>();
  config.httpRoutes.forEach((route, index) => {
    if (route.tls?.issuer && !hosts.has(route.host)) {
      hosts.set(route.host, { index, http01: usesHttp01(config.certManager?.issuers, route.tls.issuer) });
    }
  });
  return hosts;
}

function checkTls(config: ClusterConfig, error: Report, warn: Report): void {
  const issuers = config.certManager?.issuers ?? {};
  const hosts = new Set<string>();
  let gatewayIssuer: { name: string; index: number } | undefined;
  config.httpRoutes.forEach((route, i) => {
    const tls = route.tls;
    if (!tls) return;
    const path = ['httpRoutes', i, 'tls'];
    if (tls.certResolver) {
      error(
        [...path, 'certResolver'],
        `"${tls.certResolver}": Traefik's ACME resolvers cannot issue certificates for Gateway listeners ` +
          '(traefik/traefik-helm-chart#1467), so the host would get none: use tls.issuer, a cert-manager ClusterIssuer, ' +
          'or keep this host on an Ingress',
      );
    } else if (!tls.issuer) {
      error(path, 'names no certificate source: give issuer (a cert-manager ClusterIssuer), or remove tls for plain HTTP');
    }
    if (!tls.issuer) return;
    if (!hosts.has(route.host)) {
      const tooLong = httpsHostProblem(route.host);
      if (tooLong) error(['httpRoutes', i, 'host'], tooLong);
    }
    hosts.add(route.host);
    checkIssuerForHost(issuers, tls.issuer, route.host, { issuer: [...path, 'issuer'], host: ['httpRoutes', i, 'host'] }, error, warn);
    if (gatewayIssuer && gatewayIssuer.name !== tls.issuer) {
      error(
        [...path, 'issuer'],
        `"${tls.issuer}" is not "${gatewayIssuer.name}" of httpRoutes[${gatewayIssuer.index}]: cert-manager takes the issuer of every ` +
          'listener from the one cert-manager.io/cluster-issuer annotation of the Gateway, so all TLS httpRoutes name the same ' +
          'issuer: pick one, or keep this host on an Ingress (each Ingress names its own)',
      );
    }
    gatewayIssuer ??= { name: tls.issuer, index: i };
  });
  if (hosts.size + 1 > MAX_LISTENERS) {
    error(
      ['httpRoutes'],
      `have ${hosts.size} TLS hosts, each an HTTPS listener of the Gateway, which with the HTTP listener holds at most ` +
        `${MAX_LISTENERS} (Gateway API): move some hosts to Ingresses, or share a wildcard host`,
    );
  }
}

/**
 * cert-manager answers HTTP-01 with a solver Ingress for the host (the ClusterIssuers use `http01.ingress`).
 * The challenge arrives on the web entrypoint, or, with the redirect (a router of priority MaxInt32-1,
 * traefik pkg/config/static/entrypoints.go), on websecure: a Gateway router there for the host whose path
 * covers the challenge outranks the solver, and the certificate is never issued or renewed.
 */
function checkChallenges(
  config: ClusterConfig,
  redirect: HttpRedirect | undefined,
  routers: readonly GatewayRouter[],
  error: Report,
): void {
  const certificates = http01Hosts(config);
  if (!certificates.length) return;
  const entryPoint = redirect ? 'websecure' : 'web';
  const reported = new Set<string>();
  for (const router of routers) {
    // 69b-12: a route of path `/` ranks below every Ingress router of its host, the solver's included (GATEWAY_CATCH_ALL_LOSES).
    // A regexp route ranks 1000 + 100 per character (httproute.go buildPathRule), above the solver's rule length too.
    const catchAll = !router.regexp && /^\/*$/.test(router.path);
    const covers = router.regexp ? regexpCatchesChallenge(router.path) === true : coversChallenge(router.path);
    if (router.entryPoint !== entryPoint || catchAll || !covers || reported.has(router.at.join('.'))) continue;
    const caught = certificates.find((certificate) => hostMatches(router.host, certificate.host));
    if (!caught) continue;
    reported.add(router.at.join('.'));
    error(
      router.at,
      `${router.what} catches cert-manager's HTTP-01 challenge for "${caught.host}" (issuer "${caught.issuer}" of ${caught.owner})` +
        `${redirect ? ` once ${redirect.key} has sent it to HTTPS` : ''}: ${GATEWAY_OUTRANKS_INGRESS}, so the challenge ` +
        'never reaches the solver Ingress and the certificate is never issued or renewed: ' +
        `give issuer "${caught.issuer}" a dns01 solver${redirect ? `, or ${redirect.undo}` : ''}`,
    );
  }
}

/**
 * The routers of the Gateway's routes: a TLS route on its host's HTTPS listener only (parentRefs
 * sectionName); a plain route on the HTTP listener and on an HTTPS listener of its host. The redirect
 * route of a TLS host is of path / and so never outranks the solver (GATEWAY_CATCH_ALL_LOSES).
 */
function gatewayRouters(config: ClusterConfig): GatewayRouter[] {
  const tlsHosts = tlsHostsOf(config);
  return config.httpRoutes.flatMap((route, i): GatewayRouter[] => {
    const at = ['httpRoutes', i];
    const { host, path } = route;
    const what = `its route to Service ${route.namespace}/${route.service}`;
    if (route.tls) return [{ entryPoint: 'websecure', host, path, at, what }];
    return [
      { entryPoint: 'web', host, path, at, what },
      ...(hasHttpsListener(tlsHosts, host) ? [{ entryPoint: 'websecure' as const, host, path, at, what }] : []),
    ];
  });
}

/** Whether the Gateway has an HTTPS listener a route of `host` attaches to: for the host itself or a wildcard above it. */
function hasHttpsListener(tlsHosts: ReadonlyMap<string, unknown>, host: string): boolean {
  return [...tlsHosts.keys()].some((listener) => hostMatches(listener, host));
}

/** Whether a PathPrefix (matched path element by path element) covers CHALLENGE_PATH. */
function coversChallenge(path: string): boolean {
  return CHALLENGE_PATH.startsWith(`${path.replace(/\/+$/, '')}/`);
}

/** Whether a route host (`*.example.com` matches any name below example.com, `*` every name) matches a certificate host. */
function hostMatches(routeHost: string, host: string): boolean {
  return routeHost === '*' || routeHost === host || (routeHost.startsWith('*.') && host.endsWith(routeHost.slice(1)));
}
