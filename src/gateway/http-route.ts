import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { TraefikGateway } from './gateway';
import { GATEWAY_API_VERSION } from './model';
import { httpsListenerName } from './model';
import { PropsKeys, PropsValidator } from '../config/props-validator';
import { checkRouteProps } from '../config/route-props';
import { describeValue } from '../core/snapshot';
import * as format from '../config/formats';
import { constructArgs } from '../core/construct-args';
import { gateWhatItRenders } from '../output/construct-gate';

export interface TraefikHttpRouteProps {
  /** HTTPRoute name (a DNS subdomain). */
  readonly name: string;
  /**
   * Namespace of the HTTPRoute and its backend Service; the Gateway must let it attach (`routeNamespaces`).
   * @default "default"
   */
  readonly namespace?: string;
  /** DNS host name to route, e.g. `app.example.com` or `*.example.com`; never an IP address. */
  readonly host: string;
  /**
   * URL path prefix (match type PathPrefix), starting with `/`.
   * @default "/"
   */
  readonly path?: string;
  /**
   * Backend Service in the same namespace (the key of the config files and K3sVipCluster).
   * @default - none: required, unless the deprecated `serviceName` is given
   */
  readonly service?: string;
  /**
   * Backend Service port number: an HTTPRoute's `backendRefs[].port` is a number, never a port name.
   * @default - none: required, unless the deprecated `servicePort` is given
   */
  readonly port?: number;
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
  readonly servicePort?: number;
  /**
   * Attach only to the Gateway's HTTPS listener of `host` (which must be among its `httpsHosts`), so plain
   * HTTP never reaches the backend: a route with TLS.
   * @default false
   */
  readonly httpsOnly?: boolean;
  /**
   * Name of the Gateway in kube-system to attach to.
   * @default "traefik"
   */
  readonly gatewayName?: string;
}

/** The props of a TraefikHttpRoute, for the unknown-key check. */
export const TRAEFIK_HTTP_ROUTE_KEYS: PropsKeys<TraefikHttpRouteProps> = {
  name: true,
  namespace: true,
  host: true,
  path: true,
  service: true,
  port: true,
  serviceName: true,
  servicePort: true,
  httpsOnly: true,
  gatewayName: true,
};

/**
 * One host/path -> Service route through the Gateway (gateway.networking.k8s.io/v1, schema in
 * crds/gateway-api/): `parentRefs` to the Gateway in kube-system, `hostnames`, one PathPrefix match and
 * one `backendRefs` entry.
 *
 * @throws K3sVipValidationError when a prop is not what the Gateway API accepts
 */
export class TraefikHttpRoute extends Construct {
  constructor(scope: Construct, id: string, props: TraefikHttpRouteProps) {
    super(...constructArgs(scope, id, 'TraefikHttpRoute'));
    gateWhatItRenders(this);
    const check = new PropsValidator<TraefikHttpRouteProps>('TraefikHttpRoute', props, TRAEFIK_HTTP_ROUTE_KEYS);
    // Only the snapshot is read from here on: what was checked is what is rendered.
    props = check.props;
    const { gatewayName = TraefikGateway.DEFAULT_NAME } = props;
    const { namespace, path, service, port } = checkRouteProps(check, format.routeHostname);
    check.text(['gatewayName'], gatewayName, format.dns1123Subdomain);
    if (typeof port.value === 'string') {
      check.problem(
        [port.key],
        `${JSON.stringify(port.value)} is a port name, but an HTTPRoute's backendRefs[].port is a port number: give the Service port's number`,
      );
    } else {
      check.requiredValue([port.key], port.value, 'portNumber');
    }
    if (props.httpsOnly !== undefined && typeof props.httpsOnly !== 'boolean') {
      check.problem(['httpsOnly'], `${describeValue(props.httpsOnly)}: expected true or false`);
    }
    check.throwIfInvalid();

    new ApiObject(this, 'Resource', {
      apiVersion: GATEWAY_API_VERSION,
      kind: 'HTTPRoute',
      metadata: { name: props.name, namespace },
      spec: {
        parentRefs: [
          {
            name: gatewayName,
            namespace: TraefikGateway.NAMESPACE,
            ...(props.httpsOnly ? { sectionName: httpsListenerName(props.host) } : {}),
          },
        ],
        hostnames: [props.host],
        rules: [
          {
            matches: [{ path: { type: 'PathPrefix', value: path } }],
            backendRefs: [{ name: service.value as string, port: port.value as number }],
          },
        ],
      },
    });
  }
}
