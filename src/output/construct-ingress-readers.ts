import { checkIssuerForHost } from '../cert-manager/rules';
import { formatPath, Path } from '../core/problem';
import { classReaderProblems } from '../ingress/class-readers';
import { surelyUnselected } from '../ingress/ignored-crd-routes';
import {
  IngressReader,
  providerOffMessage,
  twoCertificateSourcesProblem,
  unwatchedNamespacesProblem,
  wildcardResolverProblem,
} from '../ingress/rules';
import { effectiveClusterTraefik } from '../traefik/settings';
import { AppObject, Scope, where } from './construct-app-objects';
import { appDefinedIssuers } from './construct-issuer-objects';
import { blankedPath } from './construct-render';
import {
  CERT_RESOLVER_ANNOTATION,
  CLUSTER_ISSUER_ANNOTATION,
  inClusterIngressChart,
  ingressFacts,
  isIngress,
} from './construct-ingress-facts';
import { notedClusterConfig, notedTraefikRelease } from './construct-services';

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
    // An Ingress the app adds, under a K3sVipCluster or beside it, meets every rule (71d-2); the cluster's own
    // (its ingresses chart) met all but the issuer rule by their config.
    const own = inClusterIngressChart(o.construct);
    const say = (path: Path, message: string) => findings.push(`${where(o)}: ${path.length ? `${formatPath(path)} ` : ''}${message}`);
    const { annotations, labels, namespace, hosts, tlsHosts, traefik, namesClass } = ingressFacts(o.object);
    const resolver = annotations[CERT_RESOLVER_ANNOTATION];
    if (!own && traefik && typeof resolver === 'string')
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
    // 73a-7: both sources, refused as ingresses[].tls and TraefikIngress refuse them (whatever added them, a patch too).
    if (traefik && typeof issuer === 'string' && issuer && typeof resolver === 'string' && resolver)
      say(
        ['metadata', 'annotations', CLUSTER_ISSUER_ANNOTATION],
        twoCertificateSourcesProblem(issuer, resolver, 'the cluster-issuer annotation', `the ${CERT_RESOLVER_ANNOTATION} annotation's `),
      );
    if (own || !provider || !traefik) continue;
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
