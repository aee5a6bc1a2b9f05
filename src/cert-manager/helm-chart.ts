import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { CERT_MANAGER_HELM_CHART } from './names';
import { certManagerValuesContent } from './values';
import { certManagerVersionSupport } from './versions';
import { PropsValidator } from '../config/props-validator';
import { describeValue } from '../core/snapshot';
import * as format from '../config/formats';
import { CERT_MANAGER_CHART } from '../pins';
import { parseVersion } from '../semver';
import { constructArgs } from '../core/construct-args';
import { gateWhatItRenders } from '../output/construct-gate';

export interface CertManagerHelmChartProps {
  /** cert-manager chart version, a release tag such as v1.21.1 (v1.15.0 or newer); `1.21.1` is read as `v1.21.1`. */
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
 * that K3s' helm-controller runs as a Helm job, from the OCI registry the cert-manager docs recommend
 * (https://cert-manager.io/docs/installation/helm/). With `repo` empty, helm-controller hands `chart` to the job
 * unchanged (k3s-io/helm-controller `pkg/controllers/chart/chart.go`) and the job runs `helm install <chart>`
 * (k3s-io/klipper-helm `entry`), which reads `oci://` references from Helm 3.8.0 on. The object lives in
 * kube-system like K3s' own charts; the workload goes to namespace cert-manager, the cluster resource namespace
 * of ClusterIssuers.
 *
 * @throws K3sVipValidationError when the version is no release tag or older than v1.15.0
 */
export class CertManagerHelmChart extends Construct {
  public static readonly NAME = CERT_MANAGER_HELM_CHART.name;
  public static readonly TARGET_NAMESPACE = 'cert-manager';

  constructor(scope: Construct, id: string, props: CertManagerHelmChartProps) {
    super(...constructArgs(scope, id, 'CertManagerHelmChart'));
    gateWhatItRenders(this);
    const check = new PropsValidator<CertManagerHelmChartProps>('CertManagerHelmChart', props, { version: true, gatewayApi: true });
    // Only the snapshot is read from here on: what was checked is what is rendered.
    props = check.props;
    const wellFormed = typeof props.version === 'string' && !format.version(props.version);
    check
      .requiredText(['version'], props.version, format.version)
      .problem(['version'], wellFormed ? certManagerVersionSupport(props.version).error : undefined);
    // Every supported release (v1.15.0+) has the gateway-shim.
    if (props.gatewayApi !== undefined && typeof props.gatewayApi !== 'boolean') {
      check.problem(['gatewayApi'], `${describeValue(props.gatewayApi)}: expected true or false`);
    }
    check.throwIfInvalid();
    // cert-manager tags its chart versions with the `v`, in the OCI registry as in the legacy repository.
    const version = parseVersion(props.version).tag;
    const { apiVersion, kind, namespace, name } = CERT_MANAGER_HELM_CHART;
    new ApiObject(this, 'Resource', {
      apiVersion,
      kind,
      // Wave -1: Argo CD applies it before the ClusterIssuers (wave 1) that need its CRDs.
      metadata: { name, namespace, annotations: { [SYNC_WAVE]: '-1' } },
      spec: {
        chart: CERT_MANAGER_CHART,
        version,
        targetNamespace: CertManagerHelmChart.TARGET_NAMESPACE,
        // helm-controller v0.15.0+ (K3s v1.27.3+k3s1 on the 1.27 line, k3s-io/k3s#7699; see src/k3s/versions.ts).
        createNamespace: true,
        valuesContent: certManagerValuesContent(version, { gatewayApi: props.gatewayApi }),
      },
    });
  }
}
