import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-27';

export interface TraefikIngressProps {
  readonly name: string;
  readonly namespace: string;
  readonly host: string;
  /** URL path prefix, starting with `/`. */
  readonly path: string;
  /** Backend Service in the same namespace. */
  readonly serviceName: string;
  /** Backend Service port: a number, or the name of a Service port. */
  readonly servicePort: number | string;
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

/** K3s' Traefik chart creates IngressClass `traefik` (traefik/traefik-helm-chart traefik/values.yaml `ingressClass`). */
export const INGRESS_CLASS = 'traefik';
/** Traefik Ingress annotation naming the resolver (traefik pkg/provider/kubernetes/ingress/annotations.go). */
export const CERT_RESOLVER_ANNOTATION = 'traefik.ingress.kubernetes.io/router.tls.certresolver';
/** cert-manager's ingress-shim annotation (https://cert-manager.io/docs/usage/ingress/). */
export const CLUSTER_ISSUER_ANNOTATION = 'cert-manager.io/cluster-issuer';

/** The Secret cert-manager writes an Ingress's certificate to: one per Ingress, unique in its namespace. */
export function tlsSecretName(ingressName: string): string {
  return `${ingressName}-tls`;
}

/**
 * One host/path -> Service route for Traefik. The class goes in `spec.ingressClassName` only: the
 * API server rejects it together with the deprecated `kubernetes.io/ingress.class` annotation.
 */
export class TraefikIngress extends Construct {
  constructor(scope: Construct, id: string, props: TraefikIngressProps) {
    super(scope, id);
    const port = typeof props.servicePort === 'number' ? { number: props.servicePort } : { name: props.servicePort };
    const annotations = {
      ...(props.certResolver ? { [CERT_RESOLVER_ANNOTATION]: props.certResolver } : {}),
      ...(props.clusterIssuer ? { [CLUSTER_ISSUER_ANNOTATION]: props.clusterIssuer } : {}),
    };
    // cert-manager needs hosts and a secretName to create the Certificate (pkg/controller/certificate-shim/sync.go);
    // a Traefik resolver stores its certificate itself.
    const tls = props.clusterIssuer ? [{ hosts: [props.host], secretName: tlsSecretName(props.name) }]
      : props.certResolver ? [{ hosts: [props.host] }] : undefined;
    new k8s.KubeIngress(this, 'Resource', {
      metadata: {
        name: props.name,
        namespace: props.namespace,
        ...(Object.keys(annotations).length ? { annotations } : {}),
      },
      spec: {
        ingressClassName: INGRESS_CLASS,
        rules: [{
          host: props.host,
          http: { paths: [{ path: props.path, pathType: 'Prefix', backend: { service: { name: props.serviceName, port } } }] },
        }],
        ...(tls ? { tls } : {}),
      },
    });
  }
}
