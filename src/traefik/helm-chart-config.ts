import { Construct } from 'constructs';
import { TRAEFIK_CHART_VERSION } from '../pins';
import { traefikValues, traefikValuesContent } from './values';
import { HelmChartConfig } from '../../imports/k3s-helm.cattle.io';
import { PropsValidator } from '../api/errors';
import * as format from '../config/formats';
import { chartVersionSupport, kubeVipVersionSupport } from '../config/rules';
import { KUBE_VIP_VERSION } from '../pins';
import { traefikValuesProblems } from './values-check';

export interface TraefikHelmChartConfigProps {
  /**
   * Upstream Traefik chart version your K3s deploys (`39.0.7`, or K3s' `39.0.701+up39.0.7`); the values follow its keys.
   * @default "39.0.7"
   */
  readonly chartVersion?: string;
  /**
   * kube-vip release that announces the VIP; decides how the VIP is written (annotation or `loadBalancerIP`).
   * @default "v1.2.3"
   */
  readonly kubeVipVersion?: string;
  /**
   * Fixed VIP(s) of Traefik's LoadBalancer Service: one IPv4 and/or one IPv6 address.
   * @default - none: kube-vip-cloud-provider assigns one from its pool
   */
  readonly loadBalancerIPs?: readonly string[];
  /**
   * Redirect every HTTP request to HTTPS (permanent).
   * @default false
   */
  readonly redirectToHttps?: boolean;
  /**
   * ACME certificate resolvers Traefik defines, by name; their certificates persist in a volume.
   * @default - none
   */
  readonly certResolvers?: Readonly<Record<string, TraefikCertResolver>>;
  /**
   * Traefik pods; 2 or more spread over nodes with a PodDisruptionBudget.
   * @default 1
   */
  readonly replicas?: number;
  /**
   * Further chart values, deep-merged over the generated ones (a key the generator writes keeps its value).
   * @default - none
   */
  readonly values?: Readonly<Record<string, unknown>>;
}

export interface TraefikCertResolver {
  /** ACME account e-mail address. */
  readonly email: string;
  /**
   * ACME challenge: `tls` (TLS-ALPN-01 on 443) or `http` (HTTP-01 on 80).
   * @default "tls"
   */
  readonly challenge?: 'tls' | 'http';
  /**
   * ACME directory URL, e.g. Let's Encrypt staging.
   * @default - Let's Encrypt production
   */
  readonly caServer?: string;
}

/**
 * HelmChartConfig for K3s' packaged Traefik, whose values give Traefik's LoadBalancer Service its
 * VIP(s). The helm-controller matches it to the HelmChart with the same namespace and name
 * (k3s-io/helm-controller pkg/controllers/chart/chart.go), so both are fixed: any other name is
 * silently ignored.
 *
 * @throws K3sVipValidationError when a prop is not what the chart, kube-vip or ACME accepts
 */
export class TraefikHelmChartConfig extends Construct {
  public static readonly NAME = 'traefik';
  public static readonly NAMESPACE = 'kube-system';

  constructor(scope: Construct, id: string, props: TraefikHelmChartConfigProps) {
    super(scope, id);
    const { chartVersion = TRAEFIK_CHART_VERSION, kubeVipVersion = KUBE_VIP_VERSION } = props;
    const chartSupport =
      typeof chartVersion === 'string' && !format.chartVersion(chartVersion) ? chartVersionSupport(chartVersion) : undefined;
    const kubeVipSupport =
      typeof kubeVipVersion === 'string' && !format.version(kubeVipVersion) ? kubeVipVersionSupport(kubeVipVersion) : undefined;
    const check = new PropsValidator('TraefikHelmChartConfig')
      .text(['chartVersion'], chartVersion, format.chartVersion)
      .problem(['chartVersion'], chartSupport?.error)
      .text(['kubeVipVersion'], kubeVipVersion, format.version)
      .problem(['kubeVipVersion'], kubeVipSupport?.error);
    (props.loadBalancerIPs ?? []).forEach((ip, i) => check.text(['loadBalancerIPs', i], ip, format.virtualIp));
    for (const [name, resolver] of Object.entries(props.certResolvers ?? {})) {
      check
        .text(['certResolvers', name], name, format.dns1123Label)
        .text(['certResolvers', name, 'email'], resolver.email, format.email)
        .text(['certResolvers', name, 'caServer'], resolver.caServer, format.httpsUrl);
    }
    if (props.replicas !== undefined && !(Number.isInteger(props.replicas) && props.replicas >= 1 && props.replicas <= 100)) {
      check.problem(['replicas'], `${props.replicas} is not a replica count: expected a whole number from 1 to 100`);
    }
    const certResolvers = Object.fromEntries(
      Object.entries(props.certResolvers ?? {}).map(([name, resolver]) => [name, { ...resolver, challenge: resolver.challenge ?? 'tls' }]),
    );
    const settings = { ...props, chartVersion, kubeVipVersion, certResolvers };
    // The values check renders the generated values, which needs versions this library can read.
    if (chartSupport && !chartSupport.error && kubeVipSupport && !kubeVipSupport.error) {
      for (const problem of traefikValuesProblems(settings).errors) {
        check.problem(['values', ...problem.path], problem.message);
      }
    }
    check.throwIfInvalid();

    const values = traefikValues(settings);
    new HelmChartConfig(this, 'Resource', {
      metadata: { name: TraefikHelmChartConfig.NAME, namespace: TraefikHelmChartConfig.NAMESPACE },
      // valuesContent, not `values`: the structured field needs helm-controller v0.16.20 (K3s v1.36+).
      spec: { valuesContent: traefikValuesContent(values) },
    });
  }
}
