import { isMap } from '../core/is-map';
import { formatPath } from '../core/problem';
import { ingressRouterAnnotationProblems } from '../ingress/ingress-router-annotations';
import { ofTraefikClass } from '../ingress/legacy-class';
import { resolverNameProblem } from '../traefik/resolver-names';
import { AppObject, Scope, where } from './construct-app-objects';
import { CERT_RESOLVER_ANNOTATION } from './construct-ingress-facts';
import { notedTraefikRelease } from './construct-services';

type Values = Record<string, unknown>;

/** Where a resolver is defined: the props of the app's TraefikHelmChartConfig or K3sVipCluster. */
const DEFINE =
  "Define it under the certResolvers prop of the app's TraefikHelmChartConfig or K3sVipCluster, or list it in externalCertResolvers if it is configured elsewhere";

/**
 * Round 69 (69b-3, 69b-4): the app's Ingresses (`judge`: those the gated construct speaks for) get the rules of
 * `ingresses[]`: the resolver a Traefik Ingress names by annotation, as TraefikIngress's `certResolver` writes it,
 * judged as `ingresses[].tls.certResolver` (ingress/rules.ts) against the resolvers of the cluster's Traefik (none
 * judged without a TraefikHelmChartConfig). Their host and path are synth's conformance rules (validate/ingress-rules.ts),
 * which the gate runs over the construct's own files and the lead over a sibling chart's (construct-gate.ts): said
 * here too, each was said twice (71d-14).
 * 71b-4: and its router annotations (entrypoints, priority, TLS switch) as an IngressRoute's same fields
 * (ingress/ingress-router-annotations.ts); the unknown entrypoint names warned of there are cluster.warnings
 * (construct-ingress-warnings.ts).
 */
export function ingressObjectFindings({ all }: Scope, objects: readonly AppObject[], judge: (o: AppObject) => boolean): string[] {
  const release = all.map(notedTraefikRelease).find((r) => r !== undefined);
  const resolvers = release?.resolvers;
  return objects.filter(judge).flatMap((o) => {
    const router = release ? traefikIngressAnnotations(o.object) : undefined;
    const shape = (router && release ? ingressRouterAnnotationProblems(router, release.values, release.chartVersion).errors : []).map(
      ({ path, message }) => `${where(o)}: ${formatPath(path)} ${message}`,
    );
    const named = traefikIngressResolver(o.object);
    const unknown = named !== undefined && resolvers ? resolverNameProblem(named, resolvers, DEFINE) : undefined;
    return unknown ? [...shape, `${where(o)}: ${formatPath(['metadata', 'annotations', CERT_RESOLVER_ANNOTATION])} ${unknown}`] : shape;
  });
}

/** The resolver an Ingress Traefik serves names, if any. */
function traefikIngressResolver(object: Values): string | undefined {
  const resolver = traefikIngressAnnotations(object)?.[CERT_RESOLVER_ANNOTATION];
  return typeof resolver === 'string' && resolver !== '' ? resolver : undefined;
}

/** The annotations of an Ingress Traefik serves (of class traefik, or none, which K3s' Traefik also takes: legacy-class.ts); undefined for another object. */
export function traefikIngressAnnotations(object: Values): Values | undefined {
  if (object.kind !== 'Ingress' || typeof object.apiVersion !== 'string' || !object.apiVersion.startsWith('networking.k8s.io/')) return;
  if (!ofTraefikClass(object)) return;
  const metadata = isMap(object.metadata) ? object.metadata : {};
  return isMap(metadata.annotations) ? metadata.annotations : {};
}
