import type { Path, Problem } from '../core/problem';
import { isMap } from '../core/is-map';
import { dns1123Label } from '../config/formats';
import { apiGroup } from '../validate/kinds';
import { renderedChartIngressRoutes } from '../traefik/chart-ingress-routes';
import { renderedObjects } from '../traefik/extra-objects';
import { traefikNamespace } from '../traefik/extra-object-rules';
import { goTruthy } from '../traefik/go-truth';
import { compareVersions, parseVersion, type Version } from '../semver';
import { crossNamespaceSetting, type CrossNamespaceSetting } from './cross-namespace-setting';
import { FAILOVER_SINCE, hasField, HRW_SINCE, type Deployed } from './traefik-service-fields';

type Values = Readonly<Record<string, unknown>>;

/** One object's references, judged against its own namespace. */
interface Judge {
  readonly own: string;
  readonly kind: string;
  readonly setting: CrossNamespaceSetting;
}

/** A reference's `namespace` when it names another (valid) namespace than the object's own. */
const otherNamespace = (ref: unknown, own: string): string | undefined =>
  isMap(ref) && typeof ref.namespace === 'string' && ref.namespace !== '' && ref.namespace !== own && !dns1123Label(ref.namespace)
    ? ref.namespace
    : undefined;

/** The refusal of a `what` in `namespace`, which makes Traefik do `effect`. */
const refusal = ({ own, kind, setting }: Judge, what: string, namespace: string, effect: string): string =>
  `is ${JSON.stringify(namespace)}, not the ${kind}'s own namespace ${JSON.stringify(own)}, and Traefik's Kubernetes CRD provider ` +
  `refuses a ${what} in another namespace while providers.kubernetesCRD.allowCrossNamespace is false ${setting.said}, ` +
  `so ${effect}: put the ${what} in ${JSON.stringify(own)}, or ${setting.fix}`;

const SKIPS_ROUTE = 'it skips the route, which never serves';

/** A route's references in another namespace than its object's, at their `namespace` (or `name`) key. */
function routeRefs(route: unknown, at: Path, judge: Judge): Problem[] {
  if (!isMap(route)) return [];
  const out: Problem[] = [];
  const services: unknown[] = Array.isArray(route.services) ? route.services : [];
  services.forEach((ref, i) => {
    const namespace = otherNamespace(ref, judge.own);
    if (namespace) out.push({ path: [...at, 'services', i, 'namespace'], message: refusal(judge, 'backend', namespace, SKIPS_ROUTE) });
  });
  const middlewares: unknown[] = Array.isArray(route.middlewares) ? route.middlewares : [];
  middlewares.forEach((ref, i) => {
    if (!isMap(ref) || typeof ref.name !== 'string') return;
    // `<namespace>-<name>@kubernetescrd` may name any namespace, so Traefik refuses that spelling outright.
    if (judge.kind === 'IngressRoute' && ref.name.endsWith('@kubernetescrd'))
      out.push({ path: [...at, 'middlewares', i, 'name'], message: crdSpellingMessage(judge.setting, SKIPS_ROUTE) });
    const namespace = ref.name.includes('@') ? undefined : otherNamespace(ref, judge.own);
    if (namespace)
      out.push({ path: [...at, 'middlewares', i, 'namespace'], message: refusal(judge, 'Middleware', namespace, SKIPS_ROUTE) });
  });
  return out;
}

const crdSpellingMessage = (setting: CrossNamespaceSetting, effect: string): string =>
  `ends with @kubernetescrd, which Traefik's Kubernetes CRD provider refuses (it cannot tell the namespace in that name) while ` +
  `providers.kubernetesCRD.allowCrossNamespace is false ${setting.said}, so ${effect}: write the Middleware name alone, ` +
  `with namespace: if it is elsewhere and cross-namespace references are allowed (${setting.fix})`;

/**
 * 68b-10: an IngressRoute's or IngressRouteTCP's TLSOption in another namespace: Traefik logs "TLSOption %s/%s is not in
 * the IngressRoute namespace %s" and `continue`s past each route of the object (kubernetes_http.go and kubernetes_tcp.go
 * v2.11.0 and v3.6.0; from v2.11.46, v3.6.17 and v3.7.1 through `resolveReference`, which refuses it alike). A
 * cross-provider name (`name@file`) is left alone: there the namespace is ignored. `tls.store` is never read for a
 * router (traefik/traefik PR #8422: "Since TLSStore is not used, its behavior has not changed").
 */
function tlsOptionRefs(tls: unknown, at: Path, judge: Judge): Problem[] {
  const options = isMap(tls) ? tls.options : undefined;
  if (!isMap(options) || (typeof options.name === 'string' && options.name.includes('@'))) return [];
  const namespace = otherNamespace(options, judge.own);
  const effect = `it skips every route of the ${judge.kind}, which never serves`;
  return namespace ? [{ path: [...at, 'tls', 'options', 'namespace'], message: refusal(judge, 'TLSOption', namespace, effect) }] : [];
}

/**
 * 68b-10: a TraefikService's backends: `weighted.services[]`, `mirroring` itself and its `mirrors[]`,
 * `highestRandomWeight.services[]` and `failover.service`/`fallback` (where the deployed CRD has them) go through
 * `nameAndService`, which fails on another namespace ("service %s/%s not in the parent resource namespace %s",
 * kubernetes_http.go v2.11.0, v3.6.0, v3.7.0), and Traefik then drops the whole TraefikService ("Error while building
 * TraefikService", kubernetes.go), so every route using it fails.
 */
function traefikServiceRefs(spec: Values, at: Path, judge: Judge, deployed: Deployed): Problem[] {
  const effect = 'Traefik drops the TraefikService, and every route using it never serves';
  const one = (ref: unknown, path: Path): Problem[] => {
    const namespace = otherNamespace(ref, judge.own);
    return namespace ? [{ path: [...path, 'namespace'], message: refusal(judge, 'backend', namespace, effect) }] : [];
  };
  const list = (parent: unknown, key: string, path: Path): Problem[] =>
    isMap(parent) && Array.isArray(parent[key]) ? (parent[key] as unknown[]).flatMap((ref, i) => one(ref, [...path, key, i])) : [];
  const { failover } = spec;
  return [
    ...list(spec.weighted, 'services', [...at, 'weighted']),
    ...one(spec.mirroring, [...at, 'mirroring']),
    ...list(spec.mirroring, 'mirrors', [...at, 'mirroring']),
    ...(hasField(deployed, HRW_SINCE) ? list(spec.highestRandomWeight, 'services', [...at, 'highestRandomWeight']) : []),
    ...(hasField(deployed, FAILOVER_SINCE) && isMap(failover)
      ? ['service', 'fallback'].flatMap((key) => one(failover[key], [...at, 'failover', key]))
      : []),
  ];
}

/**
 * The Traefik releases whose CRD provider refuses a chain member in another namespace (kubernetes.go `createChainMiddleware`:
 * "middleware %s/%s is not in the chain namespace %s", or through `resolveReference`): v2.11.43 and later v2.11, v3.6.14 and
 * later (v3.7.0 included); v3.0.0 to v3.6.13 and v2.11.0 to v2.11.42 take any namespace (checked at each tag).
 */
const chainChecked = (traefik: Version): boolean =>
  compareVersions(traefik, parseVersion('3.6.14')) >= 0 || (traefik.major === 2 && compareVersions(traefik, parseVersion('2.11.43')) >= 0);

/**
 * 68b-10: a Middleware's `errors.service` in another namespace fails the Middleware at every release (kubernetes.go
 * `createErrorPageMiddleware`: `buildServersLB`/`loadServers`, later `nameAndService`), and a `chain` member does where
 * chainChecked; Traefik logs "Error while reading ... middleware" and `continue`s, so every route naming the Middleware
 * fails. Where the deployed Traefik is not pinned (`image.tag`; K3s picks it) a chain member is a warning.
 */
function middlewareRefs(spec: Values, at: Path, judge: Judge, deployed: Deployed): { errors: Problem[]; warnings: Problem[] } {
  const drops = (traefik: string, verb = 'drops') => `${traefik} ${verb} the Middleware, and every route using it never serves`;
  const errors: Problem[] = [];
  const errorPage = isMap(spec.errors) ? spec.errors.service : undefined;
  const namespace = otherNamespace(errorPage, judge.own);
  if (namespace)
    errors.push({ path: [...at, 'errors', 'service', 'namespace'], message: refusal(judge, 'backend', namespace, drops('Traefik')) });
  const pinned = deployed.traefik;
  if (pinned && !chainChecked(pinned)) return { errors, warnings: [] };
  const effect = pinned
    ? drops('Traefik')
    : `${drops('Traefik v2.11.43 and later v2.11, and v3.6.14 and later,', 'drop')} (image.tag does not pin the release K3s deploys, and v3.0 to v3.6.13 take it)`;
  const chain: unknown[] = isMap(spec.chain) && Array.isArray(spec.chain.middlewares) ? spec.chain.middlewares : [];
  const members = chain.flatMap((ref, i): Problem[] => {
    if (!isMap(ref) || typeof ref.name !== 'string') return [];
    const path = [...at, 'chain', 'middlewares', i];
    if (ref.name.endsWith('@kubernetescrd')) return [{ path: [...path, 'name'], message: crdSpellingMessage(judge.setting, effect) }];
    const other = ref.name.includes('@') ? undefined : otherNamespace(ref, judge.own);
    return other ? [{ path: [...path, 'namespace'], message: refusal(judge, 'Middleware', other, effect) }] : [];
  });
  return pinned ? { errors: [...errors, ...members], warnings: [] } : { errors, warnings: members };
}

/**
 * 66b-12, 68b-10: with cross-namespace references off, Traefik's CRD provider refuses a reference to another namespace
 * than its object's (traefik/traefik pkg/provider/kubernetes/crd, v2.11.0 and v3.6.0: kubernetes_http.go
 * `makeMiddlewareKeys` "middleware %s/%s is not in the IngressRoute namespace %s", and for a `name@kubernetescrd` "with
 * crossnamespace disallowed, the namespace field needs to be explicitly specified"; `nameAndService` and `loadServers`
 * "service %s/%s not in the parent resource namespace %s"; kubernetes_tcp.go and kubernetes_udp.go alike for
 * IngressRouteTCP and IngressRouteUDP, whose middlewares have no `@kubernetescrd` rule; `isNamespaceAllowed` in
 * kubernetes.go compares a reference's `namespace`, when set, with the object's; a cross-provider `name@file` ignores
 * it). A route's backend or middleware skips the route; a TLSOption, a TraefikService backend and a Middleware's
 * `errors` or `chain` reference are judged below. The objects: `extraObjects` (without a namespace they land in
 * kube-system, the release's) and the chart's `ingressRoute.<name>` as rendered (templates/ingressroute.yaml: the
 * `traefik.namespace`, namespaceOverride or kube-system).
 */
export function crossNamespaceProblems(
  values: Values,
  prefix: Path,
  chartVersion: string,
  deployed: Deployed,
): { errors: Problem[]; warnings: Problem[] } {
  const providers = isMap(values.providers) ? values.providers : {};
  const crd = isMap(providers.kubernetesCRD) ? providers.kubernetesCRD : {};
  const setting = crossNamespaceSetting(values, prefix, chartVersion);
  if ((crd.enabled !== undefined && !goTruthy(crd.enabled)) || setting.allowed) return { errors: [], warnings: [] };
  const warnings: Problem[] = [];
  const items = Array.isArray(values.extraObjects) ? values.extraObjects : [];
  const fromItems = items.flatMap((item, i) =>
    renderedObjects(item).flatMap((object): Problem[] => {
      const group = typeof object.apiVersion === 'string' ? apiGroup(object.apiVersion) : '';
      const { kind, spec } = object;
      if ((group !== 'traefik.io' && group !== 'traefik.containo.us') || !isMap(spec) || typeof kind !== 'string') return [];
      const metadata = isMap(object.metadata) ? object.metadata : {};
      const own = typeof metadata.namespace === 'string' && metadata.namespace !== '' ? metadata.namespace : 'kube-system';
      const judge: Judge = { own, kind, setting };
      const at = [...prefix, 'values', 'extraObjects', i, 'spec'];
      if (kind === 'TraefikService') return traefikServiceRefs(spec, at, judge, deployed);
      if (kind === 'Middleware') {
        const found = middlewareRefs(spec, at, judge, deployed);
        warnings.push(...found.warnings);
        return found.errors;
      }
      if (kind !== 'IngressRoute' && kind !== 'IngressRouteTCP' && kind !== 'IngressRouteUDP') return [];
      const routes: unknown[] = Array.isArray(spec.routes) ? spec.routes : [];
      return [
        ...routes.flatMap((route, j) => routeRefs(route, [...at, 'routes', j], judge)),
        ...(kind === 'IngressRouteUDP' ? [] : tlsOptionRefs(spec.tls, at, judge)),
      ];
    }),
  );
  const judge: Judge = { own: traefikNamespace(values), kind: 'IngressRoute', setting };
  const fromChart = renderedChartIngressRoutes(values, deployed.chart).flatMap(({ name, services, middlewares, tls }) => {
    const at = [...prefix, 'values', 'ingressRoute', name];
    return [...routeRefs({ services, middlewares }, at, judge), ...tlsOptionRefs(tls, at, judge)];
  });
  return { errors: [...fromItems, ...fromChart], warnings };
}
