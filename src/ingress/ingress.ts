import { Construct } from 'constructs';
import { k8s } from '../core/k8s';
import { PropsKeys, PropsValidator } from '../config/props-validator';
import { checkRouteProps } from '../config/route-props';
import * as format from '../config/formats';
import { twoCertificateSourcesProblem } from './rules';
import { INGRESS_CLASS, tlsSecretName } from './tls';
import { constructArgs } from '../core/construct-args';
import { ingressTwinProblems, recordIngress } from './ingress-twins';
import { gateWhatItRenders } from '../output/construct-gate';

export interface TraefikIngressProps {
  /** Ingress name (a DNS subdomain). */
  readonly name: string;
  /**
   * Namespace of the Ingress and its backend Service.
   * @default "default"
   */
  readonly namespace?: string;
  /** DNS host name to route, e.g. `app.example.com` or `*.example.com`; never an IP address. */
  readonly host: string;
  /**
   * URL path prefix (pathType Prefix), starting with `/`.
   * @default "/"
   */
  readonly path?: string;
  /**
   * Backend Service in the same namespace (the key of the config files and K3sVipCluster).
   * @default - none: required, unless the deprecated `serviceName` is given
   */
  readonly service?: string;
  /**
   * Backend Service port: a number from 1 to 65535, or the name of a Service port.
   * @default - none: required, unless the deprecated `servicePort` is given
   */
  readonly port?: number | string;
  /**
   * The old name of `service`, still accepted; giving both with different values is an error.
   * @default - none
   * @deprecated Use `service`.
   */
  readonly serviceName?: string;
  /**
   * The old name of `port`, still accepted; giving both with different values is an error.
   * @default - none
   * @deprecated Use `port`.
   */
  readonly servicePort?: number | string;
  /**
   * Traefik certificate resolver for HTTPS.
   * @default - plain HTTP, no TLS
   */
  readonly certResolver?: string;
  /**
   * cert-manager ClusterIssuer for HTTPS; its certificate is kept in the Secret `<name>-tls`.
   * @default - none
   */
  readonly clusterIssuer?: string;
}

/** The props of a TraefikIngress, for the unknown-key check. */
export const TRAEFIK_INGRESS_KEYS: PropsKeys<TraefikIngressProps> = {
  name: true,
  namespace: true,
  host: true,
  path: true,
  service: true,
  port: true,
  serviceName: true,
  servicePort: true,
  certResolver: true,
  clusterIssuer: true,
};

/** Traefik Ingress annotation naming the resolver (traefik pkg/provider/kubernetes/ingress/annotations.go). */
const CERT_RESOLVER_ANNOTATION = 'traefik.ingress.kubernetes.io/router.tls.certresolver';
/** cert-manager's ingress-shim annotation (https://cert-manager.io/docs/usage/ingress/). */
const CLUSTER_ISSUER_ANNOTATION = 'cert-manager.io/cluster-issuer';

/**
 * One host/path -> Service route for Traefik. The class goes in `spec.ingressClassName` only: the
 * API server rejects it together with the deprecated `kubernetes.io/ingress.class` annotation.
 *
 * @throws K3sVipValidationError when a prop is not what the API server accepts
 */
export class TraefikIngress extends Construct {
  constructor(scope: Construct, id: string, props: TraefikIngressProps) {
    super(...constructArgs(scope, id, 'TraefikIngress'));
    gateWhatItRenders(this);
    const check = new PropsValidator<TraefikIngressProps>('TraefikIngress', props, TRAEFIK_INGRESS_KEYS);
    // From here on only the snapshot is read: a getter or a later change of the caller's object cannot alter the output.
    props = check.props;
    const { namespace, path, service, port } = checkRouteProps(check);
    check
      .text(['certResolver'], props.certResolver, format.certResolverName)
      .text(['clusterIssuer'], props.clusterIssuer, format.dns1123Subdomain);
    if (typeof port.value === 'string') check.text([port.key], port.value, format.portName);
    else check.requiredValue([port.key], port.value, 'portNumber');
    if (props.certResolver && props.clusterIssuer) {
      check.problem(['clusterIssuer'], twoCertificateSourcesProblem(props.clusterIssuer, props.certResolver, 'clusterIssuer', ''));
    }
    // Another TraefikIngress of the chart with this name or route, as two config `ingresses` are refused (51b-6).
    const own = check.valid ? { namespace, name: props.name, host: props.host, path } : undefined;
    for (const { key, message } of ingressTwinProblems(this, own)) check.problem([key], message);
    check.throwIfInvalid();
    recordIngress(this, own!);

    const backendPort = typeof port.value === 'number' ? { number: port.value } : { name: port.value as string };
    const annotations = {
      ...(props.certResolver ? { [CERT_RESOLVER_ANNOTATION]: props.certResolver } : {}),
      ...(props.clusterIssuer ? { [CLUSTER_ISSUER_ANNOTATION]: props.clusterIssuer } : {}),
    };
    // cert-manager needs hosts and a secretName to create the Certificate (pkg/controller/certificate-shim/sync.go);
    // a Traefik resolver stores its certificate itself.
    const tls = props.clusterIssuer
      ? [{ hosts: [props.host], secretName: tlsSecretName(props.name) }]
      : props.certResolver
        ? [{ hosts: [props.host] }]
        : undefined;
    new k8s.KubeIngress(this, 'Resource', {
      metadata: {
        name: props.name,
        namespace,
        ...(Object.keys(annotations).length ? { annotations } : {}),
      },
      spec: {
        ingressClassName: INGRESS_CLASS,
        rules: [
          {
            host: props.host,
            http: { paths: [{ path, pathType: 'Prefix', backend: { service: { name: service.value as string, port: backendPort } } }] },
          },
        ],
        ...(tls ? { tls } : {}),
      },
    });
  }
}
