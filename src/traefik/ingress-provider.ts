import type { Path, Problem } from '../core/problem';
import type { Sourced } from '../load-balancer/deployed';
import { INGRESS_CLASS } from '../ingress/tls';
import { flagIsFalse, flagIsTrue, TraefikFlag } from './arguments';
import type { TraefikChartRules } from './chart-versions';
import { goTruthy } from './go-truth';
import { ingressClassNameProblems } from './ingress-class-name';
import { isMap } from '../core/is-map';
import { providerWatch } from './provider-watch';
import { type ApiClientEnv, type ApiProxy, apiClientEnv, apiProxy, type TokenMount, tokenFolderMounts } from './api-client-env';

/**
 * What decides whether Traefik reads the Ingresses this tool writes (class `traefik`, in their own
 * namespaces). Each fact is set only when it keeps them from Traefik, with the key that made it so.
 */
export interface TraefikIngressProvider {
  /** The Ingress provider is off: `providers.kubernetesIngress.enabled: false` or `--providers.kubernetesingress=false`. */
  readonly disabled?: Path;
  /** The provider reads only IngressClasses of this other name (`providers.kubernetesIngress.ingressClass`, or its flag). */
  readonly providerClass?: Sourced<string>;
  /** The chart creates no IngressClass `traefik`: `ingressClass.enabled: false`, or `ingressClass.name` another name. */
  readonly missingClass?: Sourced<unknown> & { readonly key: 'enabled' | 'name' };
  /** The provider watches only these namespaces (`providers.kubernetesIngress.namespaces`, `rbac.namespaced`, or the flag). */
  readonly namespaces?: Sourced<readonly string[]>;
  /**
   * Traefik looks no IngressClass up, so it ignores every Ingress that names one in `spec.ingressClassName`
   * (`shouldProcessIngress` matches the name against the classes it found): the flag
   * `disableIngressClassLookup` or `disableClusterScopeResources` (Traefik v3.1+), or the chart value that passes one.
   */
  readonly classLookupOff?: Path;
  /**
   * `providers.kubernetesIngress.disableIngressClassLookup: true` where the chart's schema still takes the key
   * (v38+) but no template renders it (from v30.1.0): inert today, and it asks for what would hide every Ingress here.
   */
  readonly inertClassLookupKey?: Path;
  /** A label selector the generated Ingresses (which carry no labels) do not match: Traefik lists only the Ingresses it selects. */
  readonly labelSelector?: Sourced<string>;
  /**
   * `--providers.kubernetesingress.endpoint`: in a pod, Traefik's Ingress client then talks to that API server instead of
   * its own cluster's (traefik/traefik pkg/provider/kubernetes/ingress, `newInClusterClient`: `config.Host = endpoint`).
   * The chart has no value for it (its `endpoint` keys belong to other providers); `token` and `certAuthFilePath` are
   * read only outside a cluster (`newExternalClusterClient`), so in a pod they change nothing.
   */
  readonly endpoint?: Sourced<string>;
  /** `env`/`envFrom` entries of the variables Traefik's API client is built from (api-client-env.ts): the endpoint flag's effect when they name another server. */
  readonly apiClientEnv?: readonly ApiClientEnv[];
  /** An HTTPS_PROXY of the container (`env`, `envFrom`), which the API client's requests go through unless NO_PROXY lists the API server. */
  readonly apiProxy?: ApiProxy;
  /** The volumes mounted over the ServiceAccount token's folder or a file in it: Traefik has no API token, as with no ClusterRole. */
  readonly tokenMounts?: readonly TokenMount[];
  /**
   * `rbac.enabled` Go-false (or `rbac: null`, which drops the chart's default): the chart renders no ClusterRole nor its
   * binding (rbac/clusterrole.yaml, v20 to v41: `if and .Values.rbac.enabled ...`), so Traefik may not list Ingresses.
   */
  readonly noClusterRole?: Path;
  /** `ingressClass.name` that no IngressClass can be named (ingress-class-name.ts): the release fails, Ingresses or not. */
  readonly badClassName?: Problem;
}

type Values = Readonly<Record<string, unknown>>;

/**
 * The Ingress provider as the chart and Traefik will run it (traefik/traefik-helm-chart v20 to v41.3.0):
 * - what the provider watches (on or off, namespaces, label selector, class) is read by provider-watch.ts;
 * - `ingressclass.yaml` creates the IngressClass only when `ingressClass.enabled`, named
 *   `ingressClass.name` (from v23.2.0) or else `traefik.fullname`, the release name `traefik` (name-overrides.ts
 *   refuses the overrides that would change it);
 * - Traefik keeps only the IngressClasses named like its `ingressClass` when that is set, and handles an
 *   Ingress with `spec.ingressClassName` only when that class is among them (traefik/traefik
 *   pkg/provider/kubernetes/ingress/kubernetes.go, `shouldProcessIngress`).
 * Flags in `additionalArguments` come after the chart's, so they win.
 */
export function traefikIngressProvider(
  values: Values,
  flags: readonly TraefikFlag[],
  prefix: Path,
  chart: Pick<TraefikChartRules, 'ingressClassName' | 'classLookupSwitch' | 'localPlugins'>,
): TraefikIngressProvider {
  const { ingressClassName } = chart;
  const at = (...keys: string[]): Path => [...prefix, 'values', ...keys];
  // The chart tests these switches with Go's `if` (`_podtemplate.tpl` `if .Values.providers.kubernetesIngress.enabled`,
  // `ingressclass.yaml` `if .Values.ingressClass.enabled`): a value given but Go-false (false, 0, "", null, which Helm
  // drops so the chart's default is gone) is off; an absent key keeps the chart's default (on).
  const off = (value: unknown) => value !== undefined && !goTruthy(value);
  // `if .Values.rbac.namespaced` (v30.1.0 `_podtemplate.tpl`) and `if ...disableIngressClassLookup`: Go truth too.
  const namespaced = isMap(values.rbac) && goTruthy(values.rbac.namespaced);
  const provider = isMap(values.providers) && isMap(values.providers.kubernetesIngress) ? values.providers.kubernetesIngress : {};
  const lookupKeyOn = goTruthy(provider.disableIngressClassLookup);
  const noClusterRole =
    values.rbac === null ? at('rbac') : isMap(values.rbac) && off(values.rbac.enabled) ? at('rbac', 'enabled') : undefined;
  const watch = providerWatch(values, flags, prefix, 'kubernetesIngress');
  const { disabled, namespaces } = watch;
  let providerClass = watch.ingressClass;
  const labelSelector = watch.labelSelector && needsLabel(watch.labelSelector.value) ? watch.labelSelector : undefined;
  let endpoint: Sourced<string> | undefined;
  let classLookupOff: Path | undefined =
    chart.classLookupSwitch === 'values-key' && lookupKeyOn
      ? at('providers', 'kubernetesIngress', 'disableIngressClassLookup')
      : chart.classLookupSwitch === 'rbac-namespaced' && namespaced
        ? at('rbac', 'namespaced')
        : undefined;
  const inertClassLookupKey =
    chart.classLookupSwitch === 'rbac-namespaced' && lookupKeyOn
      ? at('providers', 'kubernetesIngress', 'disableIngressClassLookup')
      : undefined;
  for (const flag of flags) {
    if (LOOKUP_FLAGS.includes(flag.name)) {
      if (flagIsTrue(flag)) classLookupOff = flag.path;
      else if (flagIsFalse(flag)) classLookupOff = undefined;
    } else if (flag.name === 'providers.kubernetesingress.endpoint') {
      // Given again, the last one wins; an empty one leaves the in-cluster address.
      endpoint = flag.value ? { value: flag.value, path: flag.path } : undefined;
    }
  }
  if (providerClass?.value === INGRESS_CLASS) providerClass = undefined;
  const classBlock = isMap(values.ingressClass) ? values.ingressClass : {};
  const missingClass =
    values.ingressClass === null
      ? { value: null, path: at('ingressClass'), key: 'enabled' as const }
      : off(classBlock.enabled)
        ? { value: classBlock.enabled, path: at('ingressClass', 'enabled'), key: 'enabled' as const }
        : ingressClassName && typeof classBlock.name === 'string' && classBlock.name !== '' && classBlock.name !== INGRESS_CLASS
          ? { value: classBlock.name, path: at('ingressClass', 'name'), key: 'name' as const }
          : undefined;
  const [badClassName] = ingressClassNameProblems(values, prefix, chart);
  const clientEnv = apiClientEnv(values, prefix);
  const proxy = apiProxy(values, prefix);
  const tokenMounts = tokenFolderMounts(values, prefix, chart.localPlugins);
  return {
    ...(badClassName && { badClassName }),
    ...(disabled && { disabled }),
    ...(providerClass && { providerClass }),
    ...(missingClass && { missingClass }),
    ...(namespaces && { namespaces }),
    ...(classLookupOff && { classLookupOff }),
    ...(inertClassLookupKey && { inertClassLookupKey }),
    ...(labelSelector && { labelSelector }),
    ...(endpoint && { endpoint }),
    ...(noClusterRole && { noClusterRole }),
    ...(clientEnv.length && { apiClientEnv: clientEnv }),
    ...(proxy && { apiProxy: proxy }),
    ...(tokenMounts.length && { tokenMounts }),
  };
}

/** The flags that stop Traefik looking IngressClasses up (the second is the v3.1 name of the first, which also skips Nodes). */
const LOOKUP_FLAGS = ['providers.kubernetesingress.disableingressclasslookup', 'providers.kubernetesingress.disableclusterscoperesources'];

/**
 * Whether a Kubernetes label selector matches only objects that carry some label, so never the Ingresses this
 * tool writes, which carry none. Requirements are ANDed, split at commas outside `in (...)` lists; `key!=v`,
 * `key notin (...)` and `!key` match an object without the label, every other form needs it
 * (k8s.io/apimachinery pkg/labels/selector.go, `Requirement.Matches`).
 */
export function needsLabel(selector: string): boolean {
  const requirements = selector.split(/,(?![^(]*\))/).map((part) => part.trim());
  return requirements.some((req) => req !== '' && !/^!\s*[^=!\s]/.test(req) && !/!=/.test(req) && !/\snotin\s*\(/.test(req));
}
