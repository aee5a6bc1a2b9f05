import { isMap } from '../core/is-map';
import type { Report } from '../core/problem';
import { redactedList } from '../core/redact-message';
import type { ClusterConfig } from '../config/schema';
import { traefikFlags } from '../traefik/arguments';
import { traefikNamespace } from '../traefik/extra-object-rules';
import { renderedObjects } from '../traefik/extra-objects';
import { providerWatch } from '../traefik/provider-watch';
import { apiGroup } from '../validate/kinds';

type Values = Readonly<Record<string, unknown>>;

/** The route kinds Traefik's Kubernetes CRD provider reads (traefik.io, or the older traefik.containo.us). */
const ROUTE_KINDS = new Set(['IngressRoute', 'IngressRouteTCP', 'IngressRouteUDP']);
const GROUPS = new Set(['traefik.io', 'traefik.containo.us']);
/** The annotation the CRD provider matches against its `ingressClass` (traefik/traefik pkg/provider/kubernetes/crd kubernetes.go, v3.6). */
const CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

/** An `extraObjects` route of the CRD provider: what it is called and where, and what the provider's filters read. */
interface CrdRoute {
  readonly what: string;
  readonly namespace: string;
  readonly labels: Values;
  readonly className: unknown;
}

function crdRoutes(values: Values): CrdRoute[] {
  const items = Array.isArray(values.extraObjects) ? values.extraObjects : [];
  return items.flatMap((item, i) =>
    renderedObjects(item).flatMap((object): CrdRoute[] => {
      const { apiVersion, kind } = object;
      if (typeof kind !== 'string' || !ROUTE_KINDS.has(kind) || typeof apiVersion !== 'string' || !GROUPS.has(apiGroup(apiVersion)))
        return [];
      const metadata = isMap(object.metadata) ? object.metadata : {};
      const namespace = typeof metadata.namespace === 'string' && metadata.namespace ? metadata.namespace : traefikNamespace(values);
      const annotations = isMap(metadata.annotations) ? metadata.annotations : {};
      return [
        {
          what: `${kind} ${namespace}/${String(metadata.name)} (traefik.values.extraObjects[${i}])`,
          namespace,
          labels: isMap(metadata.labels) ? metadata.labels : {},
          className: annotations[CLASS_ANNOTATION],
        },
      ];
    }),
  );
}

/**
 * Whether a Kubernetes label selector surely does not select an object of `labels`: its requirements are ANDed, split at
 * commas outside `in (...)` lists (k8s.io/apimachinery pkg/labels/selector.go, `Requirement.Matches`); a requirement in
 * a form not read here is taken as met.
 */
export function surelyUnselected(selector: string, labels: Values): boolean {
  const has = (key: string) => Object.hasOwn(labels, key);
  const listed = (list: string) => list.split(',').map((v) => v.trim());
  return selector
    .split(/,(?![^(]*\))/)
    .map((part) => part.trim())
    .some((req) => {
      let m: RegExpMatchArray | null;
      if ((m = /^([^=!\s(),]+)\s*(==?|!=)\s*([^=!\s(),]*)$/.exec(req)))
        return m[2] === '!=' ? labels[m[1]] === m[3] : labels[m[1]] !== m[3];
      if ((m = /^([^=!\s(),]+)\s+(in|notin)\s*\(([^()]*)\)$/.exec(req))) {
        const within = has(m[1]) && listed(m[3]).includes(String(labels[m[1]]));
        return m[2] === 'in' ? !within : within;
      }
      if ((m = /^(!?)\s*([^=!\s(),]+)$/.exec(req))) return m[1] ? has(m[2]) : !has(m[2]);
      return false;
    });
}

/**
 * 70b-20: values that make Traefik ignore the IngressRoutes this config deploys, refused as their Ingress provider
 * equivalents are for Ingresses (rules.ts checkIngressProvider): the CRD provider off (`providers.kubernetesCRD.enabled`,
 * `--providers.kubernetescrd=false`), or narrowed so a route is not read: `namespaces` (or `rbac.namespaced`, the release
 * namespace), `labelSelector`, `ingressClass` (the routes' kubernetes.io/ingress.class annotation must name it), as
 * provider-watch.ts reads them from the values and flags.
 */
export function checkIgnoredCrdRoutes(config: ClusterConfig, values: Values, error: Report): void {
  const routes = crdRoutes(values);
  if (!routes.length) return;
  const flags = traefikFlags(config.traefik.values ?? {}, ['traefik'], config.traefik.chartVersion);
  const { disabled, namespaces, labelSelector, ingressClass: className } = providerWatch(values, flags, ['traefik'], 'kubernetesCRD');
  const ignored = 'Traefik ignores it and its routes answer nothing';
  if (disabled) {
    error(
      disabled,
      `turns Traefik's Kubernetes CRD provider off, so Traefik ignores ${routes[0].what} and its routes answer nothing: remove it`,
    );
    return;
  }
  const outside = namespaces && routes.find((route) => !namespaces!.value.includes(route.namespace));
  if (namespaces && outside) {
    error(
      namespaces.path,
      `makes Traefik's CRD provider watch only namespace(s) ${redactedList(namespaces.value)}, not ${outside.namespace} of ${outside.what}, so ${ignored}: ` +
        `add ${outside.namespace} to providers.kubernetesCRD.namespaces, or remove the key`,
    );
  }
  const unlabelled = labelSelector && routes.find((route) => surelyUnselected(labelSelector!.value, route.labels));
  if (labelSelector && unlabelled) {
    error(
      labelSelector.path,
      `makes Traefik's CRD provider read only objects whose labels match it, and ${unlabelled.what} does not, so ${ignored}: ` +
        'give it matching labels, or remove the key',
    );
  }
  const unclassed = className && routes.find((route) => route.className !== className!.value);
  if (className && unclassed) {
    error(
      className.path,
      `makes Traefik's CRD provider read only objects annotated ${CLASS_ANNOTATION}: ${JSON.stringify(className.value)}, and ${unclassed.what} ` +
        `is not, so ${ignored}: annotate it so, or remove the key`,
    );
  }
}
