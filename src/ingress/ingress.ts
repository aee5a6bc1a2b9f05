import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-27';
import { PropsValidator } from '../api/errors';
import * as format from '../config/formats';
import { portNumber } from '../config/schema';

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
  /** Backend Service in the same namespace. */
  readonly serviceName: string;
  /** Backend Service port: a number from 1 to 65535, or the name of a Service port. */
  readonly servicePort: number | string;
  /**
   * Traefik certificate resolver for HTTPS.
   * @default - plain HTTP, no TLS
   */
  readonly certResolver?: string;
}

/** K3s' Traefik chart creates IngressClass `traefik` (traefik/traefik-helm-chart traefik/values.yaml `ingressClass`). */
export const INGRESS_CLASS = 'traefik';
/** Traefik Ingress annotation naming the resolver (traefik pkg/provider/kubernetes/ingress/annotations.go). */
export const CERT_RESOLVER_ANNOTATION = 'traefik.ingress.kubernetes.io/router.tls.certresolver';

/**
 * One host/path -> Service route for Traefik. The class goes in `spec.ingressClassName` only: the
 * API server rejects it together with the deprecated `kubernetes.io/ingress.class` annotation.
 *
 * @throws K3sVipValidationError when a prop is not what the API server accepts
 */
export class TraefikIngress extends Construct {
  constructor(scope: Construct, id: string, props: TraefikIngressProps) {
    super(scope, id);
    const { namespace = 'default', path = '/' } = props;
    const check = new PropsValidator('TraefikIngress')
      .text(['name'], props.name, format.dns1123Subdomain)
      .text(['namespace'], namespace, format.dns1123Label)
      .text(['host'], props.host, format.ingressHost)
      .text(['path'], path, format.ingressPath)
      .text(['serviceName'], props.serviceName, format.dns1035Label)
      .text(['certResolver'], props.certResolver, format.dns1123Label);
    if (typeof props.servicePort === 'string') check.text(['servicePort'], props.servicePort, format.portName);
    else check.value(['servicePort'], props.servicePort, portNumber);
    check.throwIfInvalid();

    const port = typeof props.servicePort === 'number' ? { number: props.servicePort } : { name: props.servicePort };
    new k8s.KubeIngress(this, 'Resource', {
      metadata: {
        name: props.name,
        namespace,
        ...(props.certResolver ? { annotations: { [CERT_RESOLVER_ANNOTATION]: props.certResolver } } : {}),
      },
      spec: {
        ingressClassName: INGRESS_CLASS,
        rules: [{
          host: props.host,
          http: { paths: [{ path, pathType: 'Prefix', backend: { service: { name: props.serviceName, port } } }] },
        }],
        // No secretName: Traefik stores the resolver's certificate itself.
        ...(props.certResolver ? { tls: [{ hosts: [props.host] }] } : {}),
      },
    });
  }
}
