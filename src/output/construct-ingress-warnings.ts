import { IConstruct } from 'constructs';
import { isMap } from '../core/is-map';
import { formatPath, Path } from '../core/problem';
import type { ValidationProblem } from '../core/validation-error';
import { isLetsEncrypt, reservedNameMessage, reservedNameReason } from '../ingress/acme-reserved-names';
import { ingressRouterAnnotationProblems } from '../ingress/ingress-router-annotations';
import { ofTraefikClass } from '../ingress/legacy-class';
import { singleLabelCertificateWarning } from '../ingress/single-label-hosts';
import { effectiveClusterTraefik } from '../traefik/settings';
import { apiGroup } from '../validate/kinds';
import { appObjects, where } from './construct-app-objects';
import { clusterScope } from './cluster-scope';
import { notedClusterConfig } from './construct-services';

const CERT_RESOLVER_ANNOTATION = 'traefik.ingress.kubernetes.io/router.tls.certresolver';
const CLUSTER_ISSUER_ANNOTATION = 'cert-manager.io/cluster-issuer';

/**
 * Round 71: the warnings `ingresses[]` gets, for the app's Ingresses beside `cluster` (those no K3sVipCluster's config
 * made): a single-label host asked of a resolver or a defined issuer (single-label-hosts.ts), and a reserved name
 * (`.local`, `example.com`, ...) asked of Let's Encrypt (acme-reserved-names.ts), and (71b-4) a router.entrypoints item
 * naming no entrypoint of its Traefik (ingress-router-annotations.ts). Read when `cluster.warnings` is, so an
 * object added after the cluster counts; each names file, object and construct path.
 */
export function siblingIngressWarnings(cluster: IConstruct): ValidationProblem[] {
  const config = notedClusterConfig(cluster);
  if (!config) return [];
  const all = clusterScope(cluster);
  const { acmeResolvers: resolvers, values } = effectiveClusterTraefik(config);
  const issuers = config.certManager?.issuers ?? {};
  const warnings: ValidationProblem[] = [];
  for (const o of appObjects({ all, mine: new Set() }, () => false)) {
    const { object } = o;
    const spec = isMap(object.spec) ? object.spec : {};
    const ingress =
      object.kind === 'Ingress' && typeof object.apiVersion === 'string' && apiGroup(object.apiVersion) === 'networking.k8s.io';
    if (!ingress || o.construct?.node.scopes.some((scope) => notedClusterConfig(scope) !== undefined)) continue;
    const metadata = isMap(object.metadata) ? object.metadata : {};
    const annotations = isMap(metadata.annotations) ? metadata.annotations : {};
    const warn = (path: Path, message: string) => warnings.push({ path: [], message: `${where(o)}: ${formatPath(path)} ${message}` });
    const resolver = annotations[CERT_RESOLVER_ANNOTATION];
    const traefik = ofTraefikClass(object);
    if (traefik)
      for (const { path, message } of ingressRouterAnnotationProblems(annotations, values, config.traefik.chartVersion).warnings)
        warn(path, message);
    if (traefik && typeof resolver === 'string' && resolver) {
      const acme = resolvers.find((found) => found.value === resolver);
      for (const { host, path } of hostsOf(spec, 'rules'))
        asked(host, path, `resolver "${resolver}"`, !!acme && isLetsEncrypt(acme.caServer));
    }
    const issuer = annotations[CLUSTER_ISSUER_ANNOTATION];
    if (typeof issuer === 'string' && Object.hasOwn(issuers, issuer))
      for (const { host, path } of hostsOf(spec, 'tls')) asked(host, path, `issuer "${issuer}"`, isLetsEncrypt(issuers[issuer].server));

    // As ingresses[]: the single-label warning for any source; the reserved-name one when Let's Encrypt issues.
    function asked(host: string, path: Path, source: string, letsEncrypt: boolean) {
      const single = singleLabelCertificateWarning(host, source);
      if (single) warn(path, single);
      const reason = letsEncrypt ? reservedNameReason(host.replace(/^\*\./, '')) : undefined;
      if (reason) warn(path, reservedNameMessage(host, source, reason));
    }
  }
  return warnings;
}

/** The rule hosts (`rules`) or TLS hosts (`tls`) of an Ingress's spec, with their paths. */
function hostsOf(spec: Record<string, unknown>, key: 'rules' | 'tls'): Array<{ host: string; path: Path }> {
  const list = Array.isArray(spec[key]) ? spec[key] : [];
  return list.flatMap((entry, i) => {
    if (!isMap(entry)) return [];
    if (key === 'rules') return typeof entry.host === 'string' ? [{ host: entry.host, path: ['spec', 'rules', i, 'host'] }] : [];
    const hosts = Array.isArray(entry.hosts) ? entry.hosts : [];
    return hosts.flatMap((host, j) => (typeof host === 'string' ? [{ host, path: ['spec', 'tls', i, 'hosts', j] }] : []));
  });
}
