import { CERT_MANAGER_CHART_REPOSITORY } from '../pins';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { certManagerValuesContent } from './values';
import { certManagerVersionSupport, gatewayShimVersionProblem } from './versions';
import { describeValue, PropsValidator } from '../api/errors';
import * as format from '../config/formats';
import { parseVersion } from '../semver';

export interface CertManagerHelmChartProps {
  /** cert-manager chart version, a release tag such as v1.21.1 (v1.12.0 or newer); `1.21.1` is read as `v1.21.1`. */
  readonly version: string;
  /**
   * Turn on the gateway-shim (v1.15.0 or newer): cert-manager issues the certificates of Gateways annotated
   * with `cert-manager.io/cluster-issuer`. It needs the Gateway API CRDs, which K3s installs with Traefik.
   * @default false
   */
  readonly gatewayApi?: boolean;
}

/** Argo CD annotation ordering a sync (https://argo-cd.readthedocs.io/en/stable/user-guide/sync-waves/). */
export const SYNC_WAVE = 'argocd.argoproj.io/sync-wave';

/**
 * cert-manager installed the K3s way: a `HelmChart` (helm.cattle.io/v1, schema in crds/helmchart.yaml)
 * that K3s' helm-controller runs as a Helm job, from the chart repository the cert-manager docs name
 * (https://cert-manager.io/docs/installation/helm/). The object lives in kube-system like K3s' own
 * charts; the workload goes to namespace cert-manager, the cluster resource namespace of ClusterIssuers.
 *
 * @throws K3sVipValidationError when the version is no release tag or older than v1.12.0
 */
export class CertManagerHelmChart extends Construct {
  public static readonly NAME = 'cert-manager';
  public static readonly TARGET_NAMESPACE = 'cert-manager';

  constructor(scope: Construct, id: string, props: CertManagerHelmChartProps) {
    super(scope, id);
    const check = new PropsValidator('CertManagerHelmChart', props);
    const wellFormed = typeof props.version === 'string' && !format.version(props.version);
    check
      .requiredText(['version'], props.version, format.version)
      .problem(['version'], wellFormed ? certManagerVersionSupport(props.version).error : undefined);
    if (props.gatewayApi !== undefined && typeof props.gatewayApi !== 'boolean') {
      check.problem(['gatewayApi'], `${describeValue(props.gatewayApi)}: expected true or false`);
    } else if (props.gatewayApi && wellFormed) {
      check.problem(['gatewayApi'], gatewayShimVersionProblem(props.version, 'version'));
    }
    check.throwIfInvalid();
    // The jetstack repository tags its chart versions with the `v`.
    const version = parseVersion(props.version).tag;
    new ApiObject(this, 'Resource', {
      apiVersion: 'helm.cattle.io/v1',
      kind: 'HelmChart',
      // Wave -1: Argo CD applies it before the ClusterIssuers (wave 1) that need its CRDs.
      metadata: { name: CertManagerHelmChart.NAME, namespace: 'kube-system', annotations: { [SYNC_WAVE]: '-1' } },
      spec: {
        repo: CERT_MANAGER_CHART_REPOSITORY,
        chart: 'cert-manager',
        version,
        targetNamespace: CertManagerHelmChart.TARGET_NAMESPACE,
        // helm-controller v0.15.0+ (K3s v1.27 ships it).
        createNamespace: true,
        valuesContent: certManagerValuesContent(version, { gatewayApi: props.gatewayApi }),
      },
    });
  }
}
