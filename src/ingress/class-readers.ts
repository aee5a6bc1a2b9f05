import { apiClientChange, apiServerClusterIp, bypassesProxy, SERVICE_ACCOUNT_DIR } from '../traefik/api-client-env';
import type { Path, Problem } from '../core/problem';
import type { TraefikIngressProvider } from '../traefik/ingress-provider';
import { INGRESS_CLASS } from './tls';

/** The Ingresses the class rules protect, as their messages name them. */
export interface ClassReaders {
  /** What follows when Traefik skips them: `Traefik ignores …, so their hosts answer 404`. */
  readonly ignored: string;
  /** Who names class traefik: `every Ingress of this config`, or `this Ingress`. */
  readonly namers: string;
  /** Why a label selector misses them, or undefined when their labels meet it. */
  readonly unlabelled?: string;
  /**
   * Whether they name class traefik in `spec.ingressClassName` (the config's all do). One without a class is still read
   * without the chart's IngressClass or Traefik's class lookup (traefik/traefik pkg/provider/kubernetes/ingress
   * kubernetes.go `shouldProcessIngress`: no class and no ingress.class annotation match an empty `ingressClass`).
   */
  readonly namesClass: boolean;
  /** The ClusterIP of the `kubernetes` Service (api-client-env.ts apiServerClusterIp), 10.43.0.1 unless the service CIDR moves it. */
  readonly apiServerIp?: string;
}

/**
 * Values that keep Traefik from reading Ingresses of class traefik whatever their namespace (traefik/ingress-provider.ts has
 * the chart and Traefik facts): no ClusterRole, another API server, no IngressClass lookup, a label selector, another
 * provider class, no IngressClass traefik. Said of the config's Ingresses (rules.ts checkIngressProvider) and, round 71,
 * of the app's Ingresses beside a K3sVipCluster (output/construct-ingress-readers.ts).
 */
export function classReaderProblems(provider: TraefikIngressProvider, readers: ClassReaders): Problem[] {
  const { ignored, namers, unlabelled, namesClass } = readers;
  const problems: Problem[] = [];
  const error = (path: Path, message: string) => problems.push({ path, message });
  const everyIngress = `the class ${namers} names`;
  // A flag is a list item: its path ends in an index.
  const flag = (path: Path) => typeof path[path.length - 1] === 'number';
  const { providerClass, missingClass, classLookupOff, labelSelector, endpoint, noClusterRole, badClassName } = provider;
  if (noClusterRole) {
    error(
      noClusterRole,
      `${noClusterRole.at(-1) === 'rbac' ? "drops the chart's rbac defaults" : "turns the chart's RBAC off"}, so the chart gives Traefik no ClusterRole and it may not ` +
        `list Ingresses (nor IngressClasses) anywhere, so ${ignored}: remove it`,
    );
  }
  if (endpoint) {
    error(
      endpoint.path,
      "makes Traefik's Ingress provider read Ingresses from the API server at that address instead of this cluster's, so " +
        `${ignored}: remove it`,
    );
  }
  // 81b-1: the variables Traefik's API client is built from have the refused endpoint flag's effect.
  const endpointRule = 'as --providers.kubernetesingress.endpoint, refused alike';
  const apiServerIp = readers.apiServerIp ?? apiServerClusterIp();
  for (const entry of provider.apiClientEnv ?? []) {
    const change = apiClientChange(entry, apiServerIp);
    if (change)
      error(
        entry.path,
        `${change}: Traefik's Kubernetes providers then read Ingresses from another API server or none (${endpointRule}), so ${ignored}: remove it`,
      );
  }
  const proxy = provider.apiProxy;
  if (proxy && !bypassesProxy(proxy.noProxy, apiServerIp))
    error(
      proxy.path,
      `${proxy.via ? `gives Traefik's container ${proxy.name} through ${proxy.via}, which ` : ''}sends Traefik's API requests to this cluster's API server (${apiServerIp}) through that proxy, which cannot reach a ClusterIP, as NO_PROXY does not list it ` +
        `(${endpointRule}), so ${ignored}: add ${apiServerIp} (or the service CIDR) to NO_PROXY`,
    );
  for (const tokenMount of provider.tokenMounts ?? []) {
    const over = tokenMount.inside
      ? `over ${SERVICE_ACCOUNT_DIR}/${tokenMount.inside}, inside the ServiceAccount token's volume, so it hides the token (or CA) Traefik's API client reads`
      : `over ${SERVICE_ACCOUNT_DIR}, so the API server adds no ServiceAccount token to Traefik's container`;
    error(
      tokenMount.path,
      `mounts a volume ${over} and it may not list Ingresses anywhere (as rbac.enabled false, refused alike), so ${ignored}: mount it elsewhere`,
    );
  }
  if (classLookupOff && namesClass) {
    const what = flag(classLookupOff)
      ? 'stops Traefik looking IngressClasses up'
      : classLookupOff[classLookupOff.length - 1] === 'namespaced'
        ? 'makes the chart pass --providers.kubernetesingress.disableClusterScopeResources (or disableIngressClassLookup), so Traefik looks no IngressClass up'
        : 'makes the chart pass --providers.kubernetesingress.disableIngressClassLookup, so Traefik looks no IngressClass up';
    error(
      classLookupOff,
      `${what}, and it then ignores every Ingress that names one, as ${namers} names ${INGRESS_CLASS}, so ${ignored}: remove it`,
    );
  }
  if (provider.inertClassLookupKey && namesClass) {
    error(
      provider.inertClassLookupKey,
      `is true, which asks Traefik to look no IngressClass up and so to ignore every Ingress that names one (${namers} names ${INGRESS_CLASS}); ` +
        'this chart renders nothing from the key (it was dropped in chart v30.1.0), so it has no effect today but hides the Ingresses under any chart that passes it: remove it',
    );
  }
  if (labelSelector && unlabelled) {
    error(
      labelSelector.path,
      `${flag(labelSelector.path) ? 'makes' : `is ${JSON.stringify(labelSelector.value)}, which makes`} Traefik read only Ingresses with ` +
        `matching labels, and ${unlabelled}, so ${ignored}: remove it`,
    );
  }
  if (providerClass) {
    const what = flag(providerClass.path) ? 'makes' : `is ${JSON.stringify(providerClass.value)}, which makes`;
    error(
      providerClass.path,
      `${what} Traefik read only IngressClass ${JSON.stringify(providerClass.value)}, not ${INGRESS_CLASS}, ${everyIngress}, so ${ignored}: remove it`,
    );
  }
  if (missingClass && namesClass) {
    const what =
      missingClass.key === 'enabled'
        ? `so the chart creates no IngressClass ${INGRESS_CLASS}`
        : `so the chart names its IngressClass that instead of ${INGRESS_CLASS}`;
    const besides = missingClass.key === 'name' && badClassName ? `; besides, it ${badClassName.message}` : '';
    error(missingClass.path, `is ${JSON.stringify(missingClass.value)}, ${what}, ${everyIngress}, so ${ignored}: remove it${besides}`);
  }
  return problems;
}
