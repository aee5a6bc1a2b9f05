import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { PropsValidator } from '../config/props-validator';
import { AcmeClusterIssuer, CLUSTER_ISSUER_KEYS, ClusterIssuerProps } from './cluster-issuer';
import { CertManagerHelmChart } from './helm-chart';
import { chartArgs } from '../core/construct-args';

export interface CertManagerChartProps {
  /** cert-manager chart version, a release tag such as v1.21.1. */
  readonly version: string;
  /**
   * Turn on the gateway-shim (v1.15.0 or newer), which issues the certificates of annotated Gateways.
   * @default false
   */
  readonly gatewayApi?: boolean;
}

/**
 * `cert-manager.yaml`: the HelmChart alone. K3s applies each file of its manifests folder as one unit and
 * retries a failing file every 15 s (k3s-io/k3s pkg/deploy/controller.go), so the ClusterIssuers, which
 * fail until the chart's CRDs and webhook are up, live in their own file and never hold this one back.
 * The AddOn name `cert-manager` is none of K3s' packaged components.
 */
export class CertManagerChart extends Chart {
  constructor(scope: Construct, id: string, props: CertManagerChartProps) {
    super(...chartArgs(scope, id, 'CertManagerChart'));
    props = PropsValidator.read<CertManagerChartProps>('CertManagerChart', props, { version: true, gatewayApi: true });
    new CertManagerHelmChart(this, 'HelmChart', { version: props.version, gatewayApi: props.gatewayApi });
  }
}

export interface CertManagerIssuersChartProps {
  /** The ClusterIssuers, each checked by AcmeClusterIssuer; names are unique (ClusterIssuers have no namespace). */
  readonly issuers: readonly ClusterIssuerProps[];
}

/** `cert-manager-issuers.yaml`: one ClusterIssuer per configured issuer. */
export class CertManagerIssuersChart extends Chart {
  /** File (and chart id) of the issuers, which GitOps delivery defers until cert-manager runs. */
  public static readonly ID = 'cert-manager-issuers';

  constructor(scope: Construct, id: string, props: CertManagerIssuersChartProps) {
    super(...chartArgs(scope, id, 'CertManagerIssuersChart'));
    const check = new PropsValidator<CertManagerIssuersChartProps>('CertManagerIssuersChart', props, { issuers: CLUSTER_ISSUER_KEYS });
    props = check.props;
    const issuers = check.list(['issuers'], props.issuers, true);
    const firstIndex = new Map<string, number>();
    issuers.forEach((issuer, i) => {
      if (typeof issuer?.name !== 'string') return;
      const first = firstIndex.get(issuer.name);
      if (first === undefined) firstIndex.set(issuer.name, i);
      else
        check.problem(
          ['issuers', i, 'name'],
          `${JSON.stringify(issuer.name)} is also the name of issuers[${first}]: name each ClusterIssuer once`,
        );
    });
    check.throwIfInvalid();
    issuers.forEach((issuer, i) => new AcmeClusterIssuer(this, typeof issuer?.name === 'string' ? issuer.name : `issuer-${i}`, issuer));
  }
}
