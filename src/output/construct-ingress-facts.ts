import type { IConstruct } from 'constructs';
import { isMap } from '../core/is-map';
import type { Path } from '../core/problem';
import { ofTraefikClass } from '../ingress/legacy-class';
import { INGRESS_CLASS } from '../ingress/tls';
import { apiGroup } from '../validate/kinds';
import { notedClusterConfig } from './construct-services';

type Values = Record<string, unknown>;

/** The annotations by which an Ingress asks Traefik's resolver or cert-manager's ClusterIssuer for its certificate. */
export const CERT_RESOLVER_ANNOTATION = 'traefik.ingress.kubernetes.io/router.tls.certresolver';
export { CLUSTER_ISSUER_ANNOTATION } from '../gateway/model';

export const isIngress = (object: Values): boolean =>
  object.kind === 'Ingress' && typeof object.apiVersion === 'string' && apiGroup(object.apiVersion) === 'networking.k8s.io';

/**
 * Whether `construct` lies in a K3sVipCluster's own `ingresses` chart, which its config's `ingresses[]` made and its
 * config's rules judged. An Ingress the app adds anywhere else, under the cluster or beside it, is the app's.
 */
export const inClusterIngressChart = (construct: IConstruct | undefined): boolean =>
  !!construct?.node.scopes.some((scope) => {
    const cluster = scope.node.scope;
    return scope.node.id === 'ingresses' && !!cluster && !!notedClusterConfig(cluster)?.ingresses.length;
  });

/** What the rules read of an Ingress: annotations, namespace (`default` when none), rule and TLS hosts, whether Traefik serves it. */
export function ingressFacts(object: Values) {
  const metadata = isMap(object.metadata) ? object.metadata : {};
  const spec = isMap(object.spec) ? object.spec : {};
  const annotations = isMap(metadata.annotations) ? metadata.annotations : {};
  const labels = isMap(metadata.labels) ? metadata.labels : {};
  const namespace = typeof metadata.namespace === 'string' && metadata.namespace ? metadata.namespace : 'default';
  const rules = Array.isArray(spec.rules) ? spec.rules : [];
  const hosts = rules.flatMap((rule, i) =>
    isMap(rule) && typeof rule.host === 'string' ? [{ host: rule.host, path: ['spec', 'rules', i, 'host'] as Path }] : [],
  );
  const tls = Array.isArray(spec.tls) ? spec.tls : [];
  const tlsHosts = tls.flatMap((entry, i) =>
    isMap(entry) && Array.isArray(entry.hosts)
      ? entry.hosts.flatMap((host, j) => (typeof host === 'string' ? [{ host, path: ['spec', 'tls', i, 'hosts', j] as Path }] : []))
      : [],
  );
  // Of class traefik, or none, which K3s' Traefik also takes (its IngressClass is the default); 72a-12: or by the legacy annotation.
  const namesClass = spec.ingressClassName === INGRESS_CLASS;
  const traefik = ofTraefikClass(object);
  return { annotations, labels, namespace, hosts, tlsHosts, traefik, namesClass };
}
