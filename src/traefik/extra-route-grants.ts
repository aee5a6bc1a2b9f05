import type { Problem, Path } from '../core/problem';
import { isMap } from '../core/is-map';
import { apiGroup } from '../validate/kinds';

type Values = Readonly<Record<string, unknown>>;

const GATEWAY_GROUP = 'gateway.networking.k8s.io';
/** The Gateway API route kinds whose rules hold backendRefs (gateway-api apis/v1 and v1alpha2, v1.2.0). */
const ROUTE_KINDS = new Set(['HTTPRoute', 'GRPCRoute', 'TCPRoute', 'TLSRoute', 'UDPRoute']);

const text = (value: unknown, fallback: string): string => (typeof value === 'string' && value !== '' ? value : fallback);
const namespaceOf = (object: Values): string => text(isMap(object.metadata) ? object.metadata.namespace : undefined, 'kube-system');

/**
 * Whether a ReferenceGrant among `objects` lets a `routeKind` of `from` refer to backend `group/kind name` in `to`: its
 * namespace is the backend's, a `from` entry names the route's group, kind and namespace, and a `to` entry the backend's
 * group and kind, with no name or the backend's (gateway-api apis/v1beta1/referencegrant_types.go, v1.2.0).
 */
function granted(
  objects: readonly Values[],
  routeKind: string,
  from: string,
  to: string,
  backend: { group: string; kind: string; name: unknown },
): boolean {
  return objects.some((grant) => {
    if (grant.kind !== 'ReferenceGrant' || typeof grant.apiVersion !== 'string' || apiGroup(grant.apiVersion) !== GATEWAY_GROUP)
      return false;
    if (namespaceOf(grant) !== to) return false;
    const spec = isMap(grant.spec) ? grant.spec : {};
    const froms = Array.isArray(spec.from) ? spec.from.filter(isMap) : [];
    const tos = Array.isArray(spec.to) ? spec.to.filter(isMap) : [];
    return (
      froms.some((f) => f.group === GATEWAY_GROUP && f.kind === routeKind && f.namespace === from) &&
      tos.some(
        (t) =>
          text(t.group, '') === backend.group &&
          t.kind === backend.kind &&
          (t.name === undefined || t.name === '' || t.name === backend.name),
      )
    );
  });
}

/**
 * 81b-25: a Gateway API route's backendRef in another namespace with no ReferenceGrant there in `objects` (the rendered
 * extraObjects) allowing it. The Gateway API lets a route refer across namespaces only through a ReferenceGrant in the
 * target's (gateway-api apis/v1/shared_types.go BackendObjectReference, v1.2.0); Traefik's Gateway provider then sets
 * ResolvedRefs False, RefNotPermitted, and answers the rule with 500 (traefik/traefik
 * pkg/provider/kubernetes/gateway/httproute.go, v3.3), as the IngressRoute cross-namespace rule says of a skipped route.
 */
export function routeGrantProblems(object: Values, path: Path, objects: readonly Values[]): Problem[] {
  const { kind, apiVersion } = object;
  if (typeof kind !== 'string' || !ROUTE_KINDS.has(kind) || typeof apiVersion !== 'string' || apiGroup(apiVersion) !== GATEWAY_GROUP)
    return [];
  const from = namespaceOf(object);
  const spec = isMap(object.spec) ? object.spec : {};
  const rules = Array.isArray(spec.rules) ? spec.rules : [];
  return rules.flatMap((rule: unknown, r: number) => {
    const refs = isMap(rule) && Array.isArray(rule.backendRefs) ? rule.backendRefs : [];
    return refs.flatMap((ref: unknown, b: number): Problem[] => {
      if (!isMap(ref) || typeof ref.namespace !== 'string' || ref.namespace === '' || ref.namespace === from) return [];
      const backend = { group: text(ref.group, ''), kind: text(ref.kind, 'Service'), name: ref.name };
      if (granted(objects, kind, from, ref.namespace, backend)) return [];
      const what = `${backend.kind} ${ref.namespace}/${String(ref.name)}`;
      return [
        {
          path: [...path, 'spec', 'rules', r, 'backendRefs', b, 'namespace'],
          message:
            `is ${JSON.stringify(ref.namespace)}, another namespace than the ${kind}'s (${from}), and no ReferenceGrant in extraObjects lets ` +
            `${kind}s of ${from} refer to ${what}, so Traefik refuses the reference (RefNotPermitted) and the rule answers 500: add a ` +
            `ReferenceGrant in ${ref.namespace} (from ${GATEWAY_GROUP} ${kind} in ${from}, to ${backend.kind} ${String(ref.name)}), or move the route to ${ref.namespace}`,
        },
      ];
    });
  });
}
