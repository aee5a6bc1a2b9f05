import type { Path } from '../core/problem';
import { isMap } from '../core/is-map';
import type { Sourced } from '../load-balancer/deployed';
import { flagIsFalse, flagIsTrue, type TraefikFlag } from './arguments';
import { traefikNamespace } from './extra-object-rules';
import { goTruthy } from './go-truth';

type Values = Readonly<Record<string, unknown>>;

/** The Kubernetes providers whose objects this tool deploys: Ingresses, IngressRoutes (CRD), and a Gateway. */
export type WatchingProvider = 'kubernetesCRD' | 'kubernetesIngress' | 'kubernetesGateway';

/** What one of Traefik's Kubernetes providers will read, each fact with the key or flag that decides it. */
export interface ProviderWatch {
  /** The provider is off: `providers.<name>.enabled` Go-false, its map or `providers` null, or `--providers.<name>=false`. */
  readonly disabled?: Path;
  /** It watches only these namespaces; absent, every namespace. */
  readonly namespaces?: Sourced<readonly string[]>;
  /** It reads only objects this label selector selects. */
  readonly labelSelector?: Sourced<string>;
  /** It reads only objects (CRD) or IngressClasses (Ingress) of this class. */
  readonly ingressClass?: Sourced<string>;
}

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * The provider as the chart passes it (traefik/traefik-helm-chart traefik/templates/_podtemplate.tpl, v30.1.0 to v41.3.0):
 * `--providers.<name>` only `if .enabled`; its `labelSelector` and `ingressClass` as their flags; and
 * `--providers.<name>.namespaces` when `or .namespaces (and $.Values.rbac.enabled $.Values.rbac.namespaced)`, valued
 * `default (include "traefik.namespace" .) (join "," .namespaces)` (_helpers.tpl): the list when it names any, else the
 * release namespace alone. So `rbac.namespaced` adds nothing to a list given (templates/rbac/role.yaml grants Roles in
 * the release namespace and the listed ones, but the flag is what Traefik watches). Flags in `additionalArguments` come
 * after the chart's, so they win (a list flag given again adds to the list).
 */
export function providerWatch(values: Values, flags: readonly TraefikFlag[], prefix: Path, name: WatchingProvider): ProviderWatch {
  const at = (...keys: string[]): Path => [...prefix, 'values', ...keys];
  const flagName = `providers.${name.toLowerCase()}`;
  // `if .enabled` is Go truth: a value given but Go-false (false, 0, "", null, which Helm drops with the chart's default) is off.
  const off = (value: unknown) => value !== undefined && !goTruthy(value);
  const providers = values.providers;
  const provider = isMap(providers) && isMap(providers[name]) ? providers[name] : {};
  let disabled: Path | undefined =
    providers === null
      ? at('providers')
      : isMap(providers) && providers[name] === null
        ? at('providers', name)
        : off(provider.enabled)
          ? at('providers', name, 'enabled')
          : undefined;
  const sourced = (key: string): Sourced<string> | undefined => {
    const value = text(provider[key]);
    return value === undefined ? undefined : { value, path: at('providers', name, key) };
  };
  // The Gateway provider's key was `labelselector` before chart v38.0.0 (templates/_podtemplate.tpl `with .labelselector`).
  let labelSelector: Sourced<string> | undefined =
    sourced('labelSelector') ?? (name === 'kubernetesGateway' ? sourced('labelselector') : undefined);
  let ingressClass: Sourced<string> | undefined = sourced('ingressClass');
  let namespaces = chartNamespaces(values, provider, at, name);
  for (const flag of flags) {
    if (flag.name === flagName) {
      if (flagIsFalse(flag)) disabled = flag.path;
      else if (flagIsTrue(flag)) disabled = undefined;
    } else if (flag.name === `${flagName}.labelselector`) {
      labelSelector = flag.value ? { value: flag.value, path: flag.path } : undefined;
    } else if (flag.name === `${flagName}.ingressclass`) {
      ingressClass = flag.value ? { value: flag.value, path: flag.path } : undefined;
    } else if (flag.name === `${flagName}.namespaces`) {
      namespaces = withFlagNamespaces(namespaces, flag);
    }
  }
  return {
    ...(disabled && { disabled }),
    ...(namespaces && { namespaces }),
    ...(labelSelector && { labelSelector }),
    ...(ingressClass && { ingressClass }),
  };
}

/** A `--providers.*.namespaces` flag given (again): its comma-separated names add to the list, the chart's own flag first. */
function withFlagNamespaces(namespaces: Sourced<readonly string[]> | undefined, flag: TraefikFlag): Sourced<readonly string[]> | undefined {
  const names = (flag.value ?? '')
    .split(',')
    .map((ns) => ns.trim())
    .filter((ns) => ns !== '');
  return names.length ? { value: [...(namespaces?.value ?? []), ...names], path: flag.path } : namespaces;
}

/** The namespaces the chart's own flag names: the given list, or the release namespace for an empty-joining list or namespaced RBAC. */
function chartNamespaces(
  values: Values,
  provider: Values,
  at: (...keys: string[]) => Path,
  name: string,
): Sourced<readonly string[]> | undefined {
  const list = Array.isArray(provider.namespaces) ? provider.namespaces : [];
  const rbac = values.rbac;
  // `and $.Values.rbac.enabled $.Values.rbac.namespaced`: an absent `enabled` keeps the chart's default, true.
  const namespaced = isMap(rbac) && (rbac.enabled === undefined || goTruthy(rbac.enabled)) && goTruthy(rbac.namespaced);
  const names = list.filter((ns): ns is string => typeof ns === 'string' && ns !== '');
  if (names.length) return { value: names, path: at('providers', name, 'namespaces') };
  if (list.length) return { value: [traefikNamespace(values)], path: at('providers', name, 'namespaces') };
  return namespaced ? { value: [traefikNamespace(values)], path: at('rbac', 'namespaced') } : undefined;
}
