import type { Path, Problem } from '../core/problem';
import { isMap } from '../core/is-map';
import { dns1123Label } from '../config/formats';
import { apiGroup } from '../validate/kinds';
import { flagIsFalse, flagIsTrue, traefikFlags } from '../traefik/arguments';
import { chartIngressRoutes, renderedObjects } from '../traefik/extra-objects';
import { traefikNamespace } from '../traefik/extra-object-rules';
import { goTruthy } from '../traefik/go-truth';
import { compareVersions, parseVersion, type Version } from '../semver';

type Values = Readonly<Record<string, unknown>>;

const FLAG = 'providers.kubernetescrd.allowcrossnamespace';

/**
 * Whether Traefik's CRD provider allows cross-namespace references: `providers.kubernetesCRD.allowCrossNamespace`
 * (false in traefik/traefik-helm-chart traefik/values.yaml at v27.0.2, v34.0.0, v37.1.0, v39.0.7 and v41.3.0; when true
 * the chart writes `--providers.kubernetescrd.allowCrossNamespace=true`, templates/_podtemplate.tpl), then that flag in
 * `additionalArguments`, which Traefik reads after the chart's (the last value wins). Traefik's own default is false
 * (traefik/traefik pkg/provider/kubernetes/crd/kubernetes.go `AllowCrossNamespace bool`, v2.11.0 and v3.6.0).
 */
function crossNamespaceAllowed(values: Values, chartVersion: string): boolean {
  const providers = isMap(values.providers) ? values.providers : {};
  const crd = isMap(providers.kubernetesCRD) ? providers.kubernetesCRD : {};
  let allowed = goTruthy(crd.allowCrossNamespace);
  for (const flag of traefikFlags(values, [], chartVersion))
    if (flag.name === FLAG) allowed = flagIsTrue(flag) ? true : flagIsFalse(flag) ? false : allowed;
  return allowed;
}

/** A route's references in another namespace than `own`, at their `namespace` (or `name`) key. */
function routeRefs(route: unknown, at: Path, own: string, kind: string): Problem[] {
  if (!isMap(route)) return [];
  const out: Problem[] = [];
  const other = (ref: unknown): string | undefined =>
    isMap(ref) && typeof ref.namespace === 'string' && ref.namespace !== '' && ref.namespace !== own && !dns1123Label(ref.namespace)
      ? ref.namespace
      : undefined;
  const says = (what: string, namespace: string) =>
    `is ${JSON.stringify(namespace)}, not the ${kind}'s own namespace ${JSON.stringify(own)}, and Traefik's Kubernetes CRD provider ` +
    `refuses a ${what} in another namespace while providers.kubernetesCRD.allowCrossNamespace is false (the chart's default), ` +
    `so it skips the route, which never serves: put the ${what} in ${JSON.stringify(own)}, or set providers.kubernetesCRD.allowCrossNamespace: true`;
  const services: unknown[] = Array.isArray(route.services) ? route.services : [];
  services.forEach((ref, i) => {
    const namespace = other(ref);
    if (namespace) out.push({ path: [...at, 'services', i, 'namespace'], message: says('backend', namespace) });
  });
  const middlewares: unknown[] = Array.isArray(route.middlewares) ? route.middlewares : [];
  middlewares.forEach((ref, i) => {
    if (!isMap(ref) || typeof ref.name !== 'string') return;
    // `<namespace>-<name>@kubernetescrd` may name any namespace, so Traefik refuses that spelling outright.
    if (kind === 'IngressRoute' && ref.name.endsWith('@kubernetescrd'))
      out.push({
        path: [...at, 'middlewares', i, 'name'],
        message:
          "ends with @kubernetescrd, which Traefik's Kubernetes CRD provider refuses while providers.kubernetesCRD.allowCrossNamespace " +
          "is false (the chart's default; it cannot tell the namespace in that name), so it skips the route, which never serves: " +
          'write the Middleware name alone, with namespace: if it is elsewhere and cross-namespace references are allowed',
      });
    const namespace = ref.name.includes('@') ? undefined : other(ref);
    if (namespace) out.push({ path: [...at, 'middlewares', i, 'namespace'], message: says('Middleware', namespace) });
  });
  return out;
}

/**
 * 66b-12: with cross-namespace references off, Traefik's CRD provider skips a route that names a backend or a Middleware
 * in another namespace than its IngressRoute's (traefik/traefik pkg/provider/kubernetes/crd kubernetes_http.go v3.6.0 and
 * v2.11.0: `makeMiddlewareKeys` returns "middleware %s/%s is not in the IngressRoute namespace %s", and for a
 * `name@kubernetescrd` "with crossnamespace disallowed, the namespace field needs to be explicitly specified";
 * `nameAndService` and `loadServers` "service %s/%s not in the parent resource namespace %s"; the caller logs it and
 * `continue`s past the route. kubernetes_tcp.go and kubernetes_udp.go do the same for IngressRouteTCP and
 * IngressRouteUDP, whose middlewares have no `@kubernetescrd` rule). `isNamespaceAllowed` (kubernetes.go) compares the reference's `namespace`, when set, with the
 * object's; a cross-provider Middleware (`name@file`) ignores its namespace. The objects: `extraObjects` (without a
 * namespace they land in kube-system, the release's) and the chart's `ingressRoute.<name>` (templates/ingressroute.yaml:
 * the `traefik.namespace`, namespaceOverride or kube-system).
 */
export function crossNamespaceProblems(values: Values, prefix: Path, chartVersion: string, chart: Version): Problem[] {
  const providers = isMap(values.providers) ? values.providers : {};
  const crd = isMap(providers.kubernetesCRD) ? providers.kubernetesCRD : {};
  if ((crd.enabled !== undefined && !goTruthy(crd.enabled)) || crossNamespaceAllowed(values, chartVersion)) return [];
  const items = Array.isArray(values.extraObjects) ? values.extraObjects : [];
  const fromItems = items.flatMap((item, i) =>
    renderedObjects(item).flatMap((object): Problem[] => {
      const group = typeof object.apiVersion === 'string' ? apiGroup(object.apiVersion) : '';
      const kind = object.kind;
      if ((group !== 'traefik.io' && group !== 'traefik.containo.us') || !isMap(object.spec)) return [];
      if (kind !== 'IngressRoute' && kind !== 'IngressRouteTCP' && kind !== 'IngressRouteUDP') return [];
      const metadata = isMap(object.metadata) ? object.metadata : {};
      const own = typeof metadata.namespace === 'string' && metadata.namespace !== '' ? metadata.namespace : 'kube-system';
      const routes: unknown[] = Array.isArray(object.spec.routes) ? object.spec.routes : [];
      return routes.flatMap((route, j) => routeRefs(route, [...prefix, 'values', 'extraObjects', i, 'spec', 'routes', j], own, kind));
    }),
  );
  const own = traefikNamespace(values);
  // Before v30.0.0 the chart renders only `dashboard` and `healthcheck`, with a fixed service (chart-route-refs.ts).
  const anyName = compareVersions(chart, parseVersion('30.0.0')) >= 0;
  const fromChart = chartIngressRoutes(values).flatMap(([name, config]) =>
    anyName || name === 'dashboard' || name === 'healthcheck'
      ? routeRefs(anyName ? config : { middlewares: config.middlewares }, [...prefix, 'values', 'ingressRoute', name], own, 'IngressRoute')
      : [],
  );
  return [...fromItems, ...fromChart];
}
