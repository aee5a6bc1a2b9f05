import { IConstruct } from 'constructs';
import { acmeIssuerObjectProblems, certificateIssuerProblems, DefinedIssuers, objectClusterIssuers } from '../cert-manager/issuer-objects';
import { checkIssuerForHost } from '../cert-manager/rules';
import { formatPath, Path, Problem } from '../core/problem';
import { gatewayIssuerProblems } from '../gateway/extra-gateway-issuers';
import { clusterScope } from './cluster-scope';
import { isLetsEncrypt } from '../ingress/acme-reserved-names';
import { AppObject, appObjects, Scope, where } from './construct-app-objects';
import { notedClusterConfig } from './construct-services';

/**
 * The ClusterIssuers an app object may name (71b-9, 71d-2): those its K3sVipCluster's certManager.issuers and its own
 * objects define, as the README says, whether or not the cluster has certManager (the config door refuses an undefined
 * `tls.issuer` then too). Without a K3sVipCluster, those the app's objects define (a CertManagerIssuersChart's), if any;
 * else none is known and nothing is judged.
 */
export function appDefinedIssuers({ all }: Scope, objects: readonly AppObject[]): AppIssuers | undefined {
  const config = all.map((c: IConstruct) => notedClusterConfig(c)).find((c) => c !== undefined);
  const defined = objectClusterIssuers(objects.map((o) => o.object));
  if (!config) return Object.keys(defined).length ? defined : undefined;
  const configured = Object.entries(config.certManager?.issuers ?? {}).map(([name, issuer]) => [
    name,
    { ...issuer, letsEncrypt: isLetsEncrypt(issuer.server) },
  ]);
  return { ...defined, ...Object.fromEntries(configured) };
}

/** The ClusterIssuers an app object may name, each saying whether Let's Encrypt issues (for the reserved-name warning). */
export type AppIssuers = Readonly<Record<string, DefinedIssuers[string] & { readonly letsEncrypt: boolean }>>;

/**
 * The app's cert-manager objects (`judge`: those the gated construct speaks for) meet the config door's issuer rules:
 * an ACME Issuer or ClusterIssuer the checks of certManager.issuers (71b-16), a Certificate those of an Ingress's
 * issuer (71b-8: defined, not HTTP-01 for a wildcard), and so does an annotated Gateway, with the functions the config door calls (cert-manager/issuer-objects.ts).
 */
export function issuerObjectFindings(scope: Scope, objects: readonly AppObject[], judge: (o: AppObject) => boolean): string[] {
  const issuers = appDefinedIssuers(scope, objects);
  return objects.filter(judge).flatMap((o) =>
    [
      ...acmeIssuerObjectProblems(o.object),
      ...(issuers ? certificateIssuerProblems(o.object, issuers) : []),
      // 73a-1: a Gateway's annotation, as cert-manager's gateway-shim reads it (warnings have no channel here).
      ...(issuers ? gatewayIssuerProblems(o.object, issuers, () => undefined) : []),
    ].map(({ path, message }) => `${where(o)}: ${formatPath(path)} ${message}`),
  );
}

/**
 * 72a-8: the `tls.issuer` references of a K3sVipCluster's own keys (`ingresses[]`, `httpRoutes[]`, extraObjects) that
 * its config leaves undefined (cert-manager/rules.ts checkIssuerForHost; validateClusterConfig defers them): a
 * ClusterIssuer object of the app (the library's AcmeClusterIssuer, or a plain one) defines one, as it does for an
 * Ingress beside the cluster (appDefinedIssuers), and the issuer rule is judged again with it (HTTP-01 never for a
 * wildcard). One no object defines is refused as the config door refuses it. Read at synth, so an object added after the cluster counts.
 */
export function deferredIssuerFindings(cluster: IConstruct, deferred: readonly Problem[]): string[] {
  const scope = { all: clusterScope(cluster), mine: new Set<IConstruct>() };
  const issuers =
    appDefinedIssuers(
      scope,
      appObjects(scope, () => false),
    ) ?? {};
  return deferred.flatMap(({ path, message, undefinedIssuer: ref }) => {
    if (!ref || !Object.hasOwn(issuers, ref.name)) return [`${formatPath(path)}: ${message}`];
    const found: string[] = [];
    const say = (at: Path, text: string) => void found.push(`${formatPath(at)}: ${text}`);
    checkIssuerForHost(issuers, ref.name, ref.host, { issuer: path, host: ref.hostPath }, say, () => undefined);
    return found;
  });
}
