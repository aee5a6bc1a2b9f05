import { Construct } from 'constructs';
import type * as CertManagerCharts from './chart';
import { ClusterConfig } from '../config/schema';
import type { WrittenObject } from '../core/object-identity';
import { DeferredManifest } from '../gitops/objects';
import { CERT_MANAGER_HELM_CHART, CLUSTER_ISSUER } from './names';

/** cert-manager's constructs, loaded only for a config with a certManager block, which most configs lack. */
const certManagerCharts = (): typeof CertManagerCharts => require('./chart') as typeof CertManagerCharts;

/** cert-manager's two files, when the config has a certManager block. */
export function addCertManagerCharts(scope: Construct, config: ClusterConfig): void {
  const certManager = config.certManager;
  if (!certManager) return;
  const { CertManagerChart, CertManagerIssuersChart } = certManagerCharts();
  // The gateway-shim whenever there is a Gateway: a TLS route added later then needs no cert-manager restart.
  new CertManagerChart(scope, 'cert-manager', { version: certManager.version, gatewayApi: !!config.traefik.gateway });
  const issuers = Object.entries(certManager.issuers);
  if (issuers.length) {
    new CertManagerIssuersChart(scope, CertManagerIssuersChart.ID, {
      issuers: issuers.map(([name, issuer]) => ({ name, email: issuer.email, server: issuer.server, solver: issuer.solver })),
    });
  }
}

/** Manifests whose kinds exist only after a chart in the same folder ran: GitOps delivery applies them later. */
export function deferredManifests(config: ClusterConfig): DeferredManifest[] {
  if (!Object.keys(config.certManager?.issuers ?? {}).length) return [];
  return [{ file: `${certManagerCharts().CertManagerIssuersChart.ID}.yaml`, apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer' }];
}

/** The objects addCertManagerCharts writes for a config: the HelmChart and a ClusterIssuer per issuer. */
export function certManagerObjects(config: ClusterConfig): WrittenObject[] {
  if (!config.certManager) return [];
  return [
    { ...CERT_MANAGER_HELM_CHART, key: 'certManager' },
    ...Object.keys(config.certManager.issuers).map((name) => ({ ...CLUSTER_ISSUER, name, key: `certManager.issuers.${name}` })),
  ];
}
