import * as format from './formats';
import { FormatCheck } from './formats';
import { aliasedProp, PropsValidator } from './props-validator';

/** The props every host/path -> Service route shares: TraefikIngress and TraefikHttpRoute. */
interface RouteProps {
  readonly name: string;
  readonly namespace?: string;
  readonly host: string;
  readonly path?: string;
  readonly service?: string;
  readonly port?: number | string;
  readonly serviceName?: string;
  readonly servicePort?: number | string;
}

/**
 * Checks the props a route shares (name, namespace, host, path, the backend Service) and returns them with
 * their defaults; the port is returned unchecked, as an Ingress takes a port name and an HTTPRoute does not.
 * The deprecated `serviceName`/`servicePort` stay accepted, and messages name the key that was given.
 */
export function checkRouteProps<T extends RouteProps>(check: PropsValidator<T>, hostFormat: FormatCheck = format.ingressHost) {
  const { namespace = 'default', path = '/' } = check.props;
  const service = aliasedProp(check, 'service', 'serviceName');
  const port = aliasedProp(check, 'port', 'servicePort');
  check
    .requiredText(['name'], check.props.name, format.dns1123Subdomain)
    .text(['namespace'], namespace, format.dns1123Label)
    .requiredText(['host'], check.props.host, hostFormat)
    // An HTTPRoute's PathPrefix value has the API server's rules of an Ingress Prefix path (the CRD's CEL rules).
    .text(['path'], path, format.routePath) // and no generated-looking token (86b-9)
    .requiredText([service.key], service.value, format.dns1035Label);
  return { namespace, path, service, port };
}
