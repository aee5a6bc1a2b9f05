import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { PropsKeys, PropsValidator } from '../config/props-validator';
import { describeValue } from '../core/snapshot';
import * as format from '../config/formats';
import {
  CLUSTER_ISSUER_ANNOTATION,
  GATEWAY_API_VERSION,
  GATEWAY_NAMESPACE,
  gatewayTlsSecretName,
  HTTP_LISTENER,
  httpsHostProblem,
  httpsListenerName,
  MAX_LISTENERS,
} from './model';
import { GATEWAY_CLASS } from '../traefik/gateway-values';
import { constructArgs } from '../core/construct-args';
import { gateWhatItRenders } from '../output/construct-gate';

export interface TraefikGatewayProps {
  /**
   * Gateway name (a DNS subdomain) in kube-system. Not the chart's own `traefik-gateway`: Helm deletes
   * what its chart no longer renders, and that would take this Gateway along.
   * @default "traefik"
   */
  readonly name?: string;
  /**
   * Namespaces whose routes may attach: `All`, `Same` (kube-system only) or a list of namespace names
   * (selected by their `kubernetes.io/metadata.name` label, which Kubernetes 1.22+ sets on every namespace;
   * kube-system, which holds the Gateway's own redirect routes, is always added).
   * @default "Same"
   */
  readonly routeNamespaces?: 'All' | 'Same' | readonly string[];
  /**
   * Hosts served over HTTPS: one HTTPS listener each, terminating TLS with the certificate in the
   * Secret `tls.<host>` (`tls-wildcard.<domain>` for `*.<domain>`) in kube-system.
   * @default []
   */
  readonly httpsHosts?: readonly string[];
  /**
   * cert-manager ClusterIssuer whose certificates fill the HTTPS listeners' Secrets (its gateway-shim
   * reads the `cert-manager.io/cluster-issuer` annotation; one per Gateway).
   * @default - none: the Secrets come from elsewhere
   */
  readonly clusterIssuer?: string;
  /**
   * Container port of Traefik's `web` entrypoint, which serves the HTTP listener.
   * @default 8000
   */
  readonly httpPort?: number;
  /**
   * Container port of Traefik's `websecure` entrypoint, which serves the HTTPS listeners.
   * @default 8443
   */
  readonly httpsPort?: number;
}

/** The props of a TraefikGateway, for the unknown-key check. */
export const TRAEFIK_GATEWAY_KEYS: PropsKeys<TraefikGatewayProps> = {
  name: true,
  routeNamespaces: true,
  httpsHosts: true,
  clusterIssuer: true,
  httpPort: true,
  httpsPort: true,
};

/** Set by the API server on every namespace from Kubernetes 1.22 (KEP-2161). */
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';
/**
 * The Gateway in kube-system that Traefik serves on its own VIP (gateway.networking.k8s.io/v1, schema in
 * crds/gateway-api/). One HTTP listener for every host, and one HTTPS listener per host in `httpsHosts`;
 * ports are Traefik's entrypoint container ports, not the Service's 80/443. Traefik copies the VIP of its
 * Service into `status.addresses` (`providers.kubernetesGateway.statusAddress.service`, on by default).
 *
 * @throws K3sVipValidationError when a prop is not what the Gateway API or Traefik accepts
 */
export class TraefikGateway extends Construct {
  public static readonly NAMESPACE = GATEWAY_NAMESPACE;
  public static readonly DEFAULT_NAME = 'traefik';
  /** Name of the listener that serves plain HTTP for every host. */
  public static readonly HTTP_LISTENER = HTTP_LISTENER;

  constructor(scope: Construct, id: string, props: TraefikGatewayProps = {}) {
    super(...constructArgs(scope, id, 'TraefikGateway'));
    gateWhatItRenders(this);
    const check = new PropsValidator<TraefikGatewayProps>('TraefikGateway', props, TRAEFIK_GATEWAY_KEYS);
    // Only the snapshot is read from here on: what was checked is what is rendered.
    props = check.props;
    const { name = TraefikGateway.DEFAULT_NAME, routeNamespaces = 'Same', httpPort = 8000, httpsPort = 8443 } = props;
    check
      .text(['name'], name, format.dns1123Subdomain)
      .text(['clusterIssuer'], props.clusterIssuer, format.dns1123Subdomain)
      .value(['httpPort'], httpPort, 'portNumber')
      .value(['httpsPort'], httpsPort, 'portNumber');
    if (httpPort === httpsPort) check.problem(['httpsPort'], `is ${httpsPort}, as httpPort is: give each entrypoint its own port`);
    if (Array.isArray(routeNamespaces)) {
      if (!routeNamespaces.length) check.problem(['routeNamespaces'], 'is empty: list at least one namespace, or write "Same" or "All"');
      routeNamespaces.forEach((namespace, i) => check.text(['routeNamespaces', i], namespace, format.dns1123Label));
    } else if (routeNamespaces !== 'All' && routeNamespaces !== 'Same') {
      check.problem(['routeNamespaces'], `${describeValue(routeNamespaces)}: expected "All", "Same" or a list of namespaces`);
    }
    const hosts = check.list(['httpsHosts'], props.httpsHosts);
    const seen = new Set<string>();
    hosts.forEach((host, i) => {
      check.text(['httpsHosts', i], host, format.ingressHost);
      if (typeof host !== 'string') return;
      if (seen.has(host)) check.problem(['httpsHosts', i], `${JSON.stringify(host)} is listed twice: list each host once`);
      else if (!format.ingressHost(host)) check.problem(['httpsHosts', i], httpsHostProblem(host));
      seen.add(host);
    });
    if (hosts.length + 1 > MAX_LISTENERS) {
      check.problem(
        ['httpsHosts'],
        `has ${hosts.length} hosts; with the HTTP listener that is over the ${MAX_LISTENERS} listeners a Gateway holds`,
      );
    }
    check.throwIfInvalid();

    const allowedRoutes = { namespaces: routeSelection(routeNamespaces) };
    new ApiObject(this, 'Resource', {
      apiVersion: GATEWAY_API_VERSION,
      kind: 'Gateway',
      metadata: {
        name,
        namespace: TraefikGateway.NAMESPACE,
        ...(props.clusterIssuer ? { annotations: { [CLUSTER_ISSUER_ANNOTATION]: props.clusterIssuer } } : {}),
      },
      spec: {
        gatewayClassName: GATEWAY_CLASS,
        listeners: [
          { name: TraefikGateway.HTTP_LISTENER, port: httpPort, protocol: 'HTTP', allowedRoutes },
          // cert-manager makes a Certificate of a listener with hostname, tls.mode Terminate and a Secret in the
          // Gateway's own namespace (pkg/controller/certificate-shim/sync.go; https://cert-manager.io/docs/usage/gateway/).
          ...[...hosts].sort().map((host) => ({
            name: httpsListenerName(host),
            hostname: host,
            port: httpsPort,
            protocol: 'HTTPS',
            tls: { mode: 'Terminate', certificateRefs: [{ kind: 'Secret', name: gatewayTlsSecretName(host) }] },
            allowedRoutes,
          })),
        ],
      },
    });
  }
}

function routeSelection(routeNamespaces: 'All' | 'Same' | readonly string[]): Record<string, unknown> {
  if (typeof routeNamespaces === 'string') return { from: routeNamespaces };
  const values = [...new Set([...routeNamespaces, GATEWAY_NAMESPACE])].sort();
  return { from: 'Selector', selector: { matchExpressions: [{ key: NAMESPACE_NAME_LABEL, operator: 'In', values }] } };
}
