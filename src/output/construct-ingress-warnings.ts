import { IConstruct } from 'constructs';
import { describeGeneratedQuotes } from '../core/generated-quotes';
import { formatPath, Path } from '../core/problem';
import type { ValidationProblem } from '../core/validation-error';
import { isLetsEncrypt, reservedNameMessage, reservedNameReason } from '../ingress/acme-reserved-names';
import { ingressRouterAnnotationProblems } from '../ingress/ingress-router-annotations';
import { singleLabelCertificateWarning } from '../ingress/single-label-hosts';
import { effectiveClusterTraefik } from '../traefik/settings';
import { appObjects, where } from './construct-app-objects';
import { clusterScope } from './cluster-scope';
import {
  CERT_RESOLVER_ANNOTATION,
  CLUSTER_ISSUER_ANNOTATION,
  inClusterIngressChart,
  ingressFacts,
  isIngress,
} from './construct-ingress-facts';
import { appDefinedIssuers } from './construct-issuer-objects';
import { besideRouteProblems } from './construct-gateway-parity';
import { besideCrdProblems } from './construct-traefik-parity';
import { notedClusterConfig } from './construct-services';

/**
 * Round 71: the warnings `ingresses[]` gets, for the app's Ingresses under `cluster` or beside it (not those its
 * config made, in its ingresses chart): a single-label host asked of a resolver or a defined issuer (single-label-hosts.ts), and a reserved name
 * (`.local`, `example.com`, ...) asked of Let's Encrypt (acme-reserved-names.ts), and (71b-4) a router.entrypoints item
 * naming no entrypoint of its Traefik (ingress-router-annotations.ts). Read when `cluster.warnings` is, so an
 * object added after the cluster counts; each names file, object and construct path.
 */
export function siblingIngressWarnings(cluster: IConstruct): ValidationProblem[] {
  const config = notedClusterConfig(cluster);
  if (!config) return [];
  const scope = { all: clusterScope(cluster), mine: new Set<IConstruct>() };
  const { acmeResolvers: resolvers, values } = effectiveClusterTraefik(config);
  const objects = appObjects(scope, () => false);
  // The issuers the construct's issuer rule knows (construct-issuer-objects.ts): the config's and the app's ClusterIssuers.
  const issuers = appDefinedIssuers(scope, objects) ?? {};
  const warnings: ValidationProblem[] = [];
  for (const o of objects) {
    // The cluster's own Ingresses got these warnings from its config (clusterScope leaves out other clusters' objects).
    if (!isIngress(o.object) || inClusterIngressChart(o.construct)) continue;
    const { annotations, hosts, tlsHosts, traefik } = ingressFacts(o.object);
    const warn = (path: Path, message: string) => warnings.push({ path: [], message: `${where(o)}: ${formatPath(path)} ${message}` });
    const resolver = annotations[CERT_RESOLVER_ANNOTATION];
    if (traefik)
      for (const { path, message } of ingressRouterAnnotationProblems(annotations, values, config.traefik.chartVersion).warnings)
        warn(path, message);
    if (traefik && typeof resolver === 'string' && resolver) {
      const acme = resolvers.find((found) => found.value === resolver);
      for (const { host, path } of hosts) asked(host, path, `resolver "${resolver}"`, !!acme && isLetsEncrypt(acme.caServer));
    }
    const issuer = annotations[CLUSTER_ISSUER_ANNOTATION];
    if (typeof issuer === 'string' && Object.hasOwn(issuers, issuer))
      for (const { host, path } of tlsHosts) asked(host, path, `issuer "${issuer}"`, issuers[issuer].letsEncrypt);

    // As ingresses[]: the single-label warning for any source; the reserved-name one when Let's Encrypt issues.
    function asked(host: string, path: Path, source: string, letsEncrypt: boolean) {
      const single = singleLabelCertificateWarning(host, source);
      if (single) warn(path, single);
      const reason = letsEncrypt ? reservedNameReason(host.replace(/^\*\./, '')) : undefined;
      if (reason) warn(path, reservedNameMessage(host, source, reason));
    }
  }
  // 72a-3, 73a-5: and the app's HTTPRoutes and Traefik CRD objects, as the cluster's extraObjects ones (an Ingress's
  // host, an entrypoint Traefik does not have).
  const beside = [...besideRouteProblems(scope, objects, () => true).warnings, ...besideCrdProblems(scope, objects, () => true).warnings];
  // 73a-11: a quoted value that looks generated is said by its size, as in the errors (core/generated-quotes.ts).
  const all = [...warnings, ...beside.map((message) => ({ path: [], message }))];
  return all.map(({ path, message }) => ({ path, message: describeGeneratedQuotes(message) }));
}
