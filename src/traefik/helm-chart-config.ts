import { Construct } from 'constructs';
import { HelmChartConfig } from '../../imports/k3s-helm.cattle.io';

export interface TraefikHelmChartConfigProps {
  /** YAML text merged over K3s' own Traefik values. */
  readonly valuesContent: string;
}

/**
 * HelmChartConfig for K3s' packaged Traefik. The helm-controller matches it to the HelmChart with
 * the same namespace and name (k3s-io/helm-controller pkg/controllers/chart/chart.go), so both are
 * fixed: any other name is silently ignored.
 */
export class TraefikHelmChartConfig extends Construct {
  public static readonly NAME = 'traefik';
  public static readonly NAMESPACE = 'kube-system';

  constructor(scope: Construct, id: string, props: TraefikHelmChartConfigProps) {
    super(scope, id);
    new HelmChartConfig(this, 'Resource', {
      metadata: { name: TraefikHelmChartConfig.NAME, namespace: TraefikHelmChartConfig.NAMESPACE },
      // valuesContent, not `values`: the structured field needs helm-controller v0.16.20 (K3s v1.36+).
      spec: { valuesContent: props.valuesContent },
    });
  }
}
