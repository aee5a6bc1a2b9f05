import { IConstruct } from 'constructs';
import { checkIssuerForHost } from '../cert-manager/rules';
import { isMap } from '../core/is-map';
import { formatPath, Path } from '../core/problem';
import { classReaderProblems } from '../ingress/class-readers';
import { ofTraefikClass } from '../ingress/legacy-class';
import { surelyUnselected } from '../ingress/ignored-crd-routes';
import { INGRESS_CLASS } from '../ingress/tls';
import { IngressReader, providerOffMessage, unwatchedNamespacesProblem, wildcardResolverProblem } from '../ingress/rules';
import { effectiveClusterTraefik } from '../traefik/settings';
import { apiGroup } from '../validate/kinds';
import { AppObject, Scope, where } from './construct-app-objects';
import { appDefinedIssuers } from './construct-issuer-objects';
import { blankedPath } from './construct-render';
import { notedClusterConfig, notedTraefikRelease } from './construct-services';

type Values = Record<string, unknown>;

const CERT_RESOLVER_ANNOTATION = 'traefik.ingress.kubernetes.io/router.tls.certresolver';
const CLUSTER_ISSUER_ANNOTATION = 'cert-manager.io/cluster-issuer';

/**
 * Round 70 (70b-5, 70b-7, 70b-24): the rules of `ingresses[]` that relate an Ingress to the cluster, for the app's
 * Ingresses beside a construct (`judge`: those the gated construct speaks for), with the same functions the config
 * door calls (ingress/rules.ts, cert-manager/rules.ts): a wildcard host asked of a TLS- or HTTP-challenge resolver; a
 * ClusterIssuer neither the cluster's certManager nor an app object defines (construct-issuer-objects.ts), or an HTTP-01 one asked for a
 * wildcard; and, beside a K3sVipCluster, an Ingress its Traefik never reads (its Ingress provider off, or the Ingress's
 * namespace not watched). A K3sVipCluster's own Ingresses are its config's, judged there (all but the issuer rule).
 */
export function ingressReaderFindings(scope: Scope, objects: readonly AppObject[], judge: (o: AppObject) => boolean): string[] {
  const { all } = scope;
  const owner = all.find((c) => notedClusterConfig(c) !== undefined);
  const config = owner && notedClusterConfig(owner);
  const effective = config && effectiveClusterTraefik(config);
  const acmeResolvers = effective
    ? effective.acmeResolvers
    : (all.map(notedTraefikRelease).find((r) => r !== undefined)?.acmeResolvers ?? []);
  const issuers = appDefinedIssuers(scope, objects);
  const provider = effective ? effective.ingressProvider : undefined;
  const cluster = owner ? `K3sVipCluster ${blankedPath(owner)}` : '';
  const findings: string[] = [];
  for (const o of objects) {
    if (!judge(o) || !isIngress(o.object)) continue;
    // 71d-2: an Ingress added under a K3sVipCluster meets the issuer rule too (its own Ingresses meet it by their config).
    const held = heldBy(o.construct, notedClusterConfig);
    const say = (path: Path, message: string) => findings.push(`${where(o)}: ${path.length ? `${formatPath(path)} ` : ''}${message}`);
    const { annotations, labels, namespace, hosts, tlsHosts, traefik, namesClass } = ingressFacts(o.object);
    const resolver = annotations[CERT_RESOLVER_ANNOTATION];
    if (!held && traefik && typeof resolver === 'string')
      for (const { host, path } of hosts) {
        const wildcard = wildcardResolverProblem(host, resolver, acmeResolvers);
        if (wildcard) say(path, wildcard);
      }
    const issuer = annotations[CLUSTER_ISSUER_ANNOTATION];
    if (issuers && typeof issuer === 'string' && issuer) {
      const at = ['metadata', 'annotations', CLUSTER_ISSUER_ANNOTATION];
      // Warnings (a single-label host) have no channel here: the construct reports errors only.
      for (const { host, path } of tlsHosts.length ? tlsHosts : [{ host: '', path: at }])
        checkIssuerForHost(issuers, issuer, host, { issuer: at, host: path }, say, () => undefined);
    }
    if (held || !provider || !traefik) continue;
    const readers: IngressReader[] = [{ namespace, what: 'this Ingress' }];
    const ignored = 'Traefik ignores this Ingress, so its hosts answer 404';
    if (provider.disabled)
      say([], `is never read: ${cluster}'s ${formatPath(provider.disabled)} ${providerOffMessage(provider.disabled, ignored)}`);
    const unwatched = unwatchedNamespacesProblem(provider.namespaces, readers);
    if (unwatched) say([], `is never read: ${cluster}'s ${formatPath(unwatched.path)} ${unwatched.message}`);
    // Round 71: the class rules the config's Ingresses meet (class-readers.ts), for this Ingress's class and labels.
    const selector = provider.labelSelector?.value;
    const unlabelled = selector && surelyUnselected(selector, labels) ? 'the labels of this Ingress do not meet them' : undefined;
    for (const problem of classReaderProblems(provider, { ignored, namers: 'this Ingress', unlabelled, namesClass }))
      say([], `is never read: ${cluster}'s ${formatPath(problem.path)} ${problem.message}`);
  }
  return findings;
}

const isIngress = (object: Values): boolean =>
  object.kind === 'Ingress' && typeof object.apiVersion === 'string' && apiGroup(object.apiVersion) === 'networking.k8s.io';

/** Whether a scope above `construct` carries `note` (a K3sVipCluster's config). */
const heldBy = (construct: IConstruct | undefined, note: (c: IConstruct) => unknown): boolean =>
  !!construct?.node.scopes.some((scope) => note(scope) !== undefined);

/** What the rules read of an Ingress: annotations, namespace (`default` when none), rule and TLS hosts, whether Traefik serves it. */
function ingressFacts(object: Values) {
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
