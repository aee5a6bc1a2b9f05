import { checkIssuerForHost } from '../cert-manager/rules';
import type { DefinedIssuers } from '../cert-manager/issuer-objects';
import type { ClusterConfig } from '../config/schema';
import { isMap } from '../core/is-map';
import type { Path, Problem, Report } from '../core/problem';
import { renderedObjects } from '../traefik/extra-objects';
import { apiGroup } from '../validate/kinds';
import { CLUSTER_ISSUER_ANNOTATION } from './model';

/**
 * 70b-22: an `extraObjects` Gateway annotated with a ClusterIssuer gets the issuer rules of `httpRoutes`
 * (gatewayIssuerProblems), judged against `certManager.issuers`.
 */
export function checkExtraGatewayIssuers(config: ClusterConfig, error: Report, warn: Report): void {
  const issuers = config.certManager?.issuers ?? {};
  const items = Array.isArray(config.traefik.values?.extraObjects) ? config.traefik.values.extraObjects : [];
  items.forEach((item, i) => {
    const at = ['traefik', 'values', 'extraObjects', i];
    for (const object of renderedObjects(item)) {
      const problems = gatewayIssuerProblems(object, issuers, (path, message) => warn([...at, ...path], message));
      for (const { path, message } of problems) error([...at, ...path], message);
    }
  });
}

/**
 * A Gateway's `cert-manager.io/cluster-issuer` asks that issuer for a Certificate of each listener's hostname that
 * terminates TLS (cert-manager pkg/controller/certificate-shim sync.go, v1.15: protocol HTTPS or TLS, tls.mode
 * Terminate, the default), as an Ingress's does (73a-1): the issuer must be defined, and an HTTP-01 one cannot issue
 * a wildcard (cert-manager/rules.ts checkIssuerForHost). `warn` gets a single-label hostname.
 */
export function gatewayIssuerProblems(object: Record<string, unknown>, issuers: DefinedIssuers, warn: Report): Problem[] {
  const group = typeof object.apiVersion === 'string' ? apiGroup(object.apiVersion) : '';
  if (object.kind !== 'Gateway' || group !== 'gateway.networking.k8s.io') return [];
  const annotations = isMap(object.metadata) && isMap(object.metadata.annotations) ? object.metadata.annotations : {};
  const issuer = annotations[CLUSTER_ISSUER_ANNOTATION];
  if (typeof issuer !== 'string' || !issuer) return [];
  const at: Path = ['metadata', 'annotations', CLUSTER_ISSUER_ANNOTATION];
  const listeners = isMap(object.spec) && Array.isArray(object.spec.listeners) ? object.spec.listeners : [];
  const hosts = listeners.flatMap((listener: unknown, j: number) => {
    if (!isMap(listener) || typeof listener.hostname !== 'string' || !['HTTPS', 'TLS'].includes(String(listener.protocol))) return [];
    if (isMap(listener.tls) && (listener.tls.mode ?? 'Terminate') !== 'Terminate') return [];
    return [{ host: listener.hostname, path: ['spec', 'listeners', j, 'hostname'] as Path }];
  });
  const problems: Problem[] = [];
  const say = (path: Path, message: string) => {
    if (!problems.some((p) => p.message === message)) problems.push({ path, message });
  };
  // With no such listener only the issuer itself is judged.
  for (const { host, path } of hosts.length ? hosts : [{ host: '', path: at }])
    checkIssuerForHost(issuers, issuer, host, { issuer: at, host: path }, say, host ? warn : () => undefined);
  return problems;
}
