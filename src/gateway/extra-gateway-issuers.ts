import { checkIssuerForHost } from '../cert-manager/rules';
import type { ClusterConfig } from '../config/schema';
import { isMap } from '../core/is-map';
import type { Report } from '../core/problem';
import { renderedObjects } from '../traefik/extra-objects';
import { apiGroup } from '../validate/kinds';
import { CLUSTER_ISSUER_ANNOTATION } from './model';

/**
 * 70b-22: an `extraObjects` Gateway annotated with one of `certManager.issuers` gets the issuer rules of `httpRoutes`
 * (cert-manager/rules.ts checkIssuerForHost: an HTTP-01 issuer cannot issue a wildcard): cert-manager's gateway-shim asks
 * the issuer for a Certificate of each listener's hostname that terminates TLS (cert-manager pkg/controller/certificate-shim
 * sync.go, v1.15: protocol HTTPS or TLS, tls.mode Terminate, the default). An issuer defined elsewhere is not judged.
 */
export function checkExtraGatewayIssuers(config: ClusterConfig, error: Report, warn: Report): void {
  const issuers = config.certManager?.issuers ?? {};
  const items = Array.isArray(config.traefik.values?.extraObjects) ? config.traefik.values.extraObjects : [];
  items.forEach((item, i) => {
    for (const object of renderedObjects(item)) {
      const group = typeof object.apiVersion === 'string' ? apiGroup(object.apiVersion) : '';
      if (object.kind !== 'Gateway' || group !== 'gateway.networking.k8s.io') continue;
      const annotations = isMap(object.metadata) && isMap(object.metadata.annotations) ? object.metadata.annotations : {};
      const issuer = annotations[CLUSTER_ISSUER_ANNOTATION];
      if (typeof issuer !== 'string' || !Object.hasOwn(issuers, issuer)) continue;
      const at = ['traefik', 'values', 'extraObjects', i];
      const listeners = isMap(object.spec) && Array.isArray(object.spec.listeners) ? object.spec.listeners : [];
      listeners.forEach((listener: unknown, j: number) => {
        if (!isMap(listener) || typeof listener.hostname !== 'string' || !['HTTPS', 'TLS'].includes(String(listener.protocol))) return;
        if (isMap(listener.tls) && (listener.tls.mode ?? 'Terminate') !== 'Terminate') return;
        const paths = {
          issuer: [...at, 'metadata', 'annotations', CLUSTER_ISSUER_ANNOTATION],
          host: [...at, 'spec', 'listeners', j, 'hostname'],
        };
        checkIssuerForHost(issuers, issuer, listener.hostname, paths, error, warn);
      });
    }
  });
}
