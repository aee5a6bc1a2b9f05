import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { TraefikGateway } from './gateway';
import { GATEWAY_API_VERSION } from './model';
import { httpsHostProblem, httpsRedirectName } from './model';
import { PropsValidator } from '../config/props-validator';
import * as format from '../config/formats';
import { constructArgs } from '../core/construct-args';
import { gateWhatItRenders } from '../output/construct-gate';

export interface TraefikHttpsRedirectProps {
  /** Host whose plain HTTP requests go to HTTPS; the Gateway must have an HTTPS listener for it. */
  readonly host: string;
  /**
   * Name of the Gateway in kube-system.
   * @default "traefik"
   */
  readonly gatewayName?: string;
}

/**
 * An HTTPRoute in kube-system on the Gateway's HTTP listener that answers every request for `host` with a
 * 301 to `https://` (Gateway API RequestRedirect filter: with a scheme and no port, the redirect goes to the
 * scheme's well-known port, 443). Traefik ranks it as a PathPrefix `/` route, so a plain route of the same
 * host with a longer path still serves HTTP, and an Exact route (cert-manager's HTTP-01 solver route) wins.
 *
 * @throws K3sVipValidationError when the host is not a valid Gateway hostname
 */
export class TraefikHttpsRedirect extends Construct {
  constructor(scope: Construct, id: string, props: TraefikHttpsRedirectProps) {
    super(...constructArgs(scope, id, 'TraefikHttpsRedirect'));
    gateWhatItRenders(this);
    const check = new PropsValidator<TraefikHttpsRedirectProps>('TraefikHttpsRedirect', props, {
      host: true,
      gatewayName: true,
    });
    // Only the snapshot is read from here on: what was checked is what is rendered.
    props = check.props;
    const { gatewayName = TraefikGateway.DEFAULT_NAME } = props;
    check.requiredText(['host'], props.host, format.ingressHost).text(['gatewayName'], gatewayName, format.dns1123Subdomain);
    if (check.valid) check.problem(['host'], httpsHostProblem(props.host));
    check.throwIfInvalid();

    new ApiObject(this, 'Resource', {
      apiVersion: GATEWAY_API_VERSION,
      kind: 'HTTPRoute',
      metadata: { name: httpsRedirectName(props.host), namespace: TraefikGateway.NAMESPACE },
      spec: {
        parentRefs: [{ name: gatewayName, namespace: TraefikGateway.NAMESPACE, sectionName: TraefikGateway.HTTP_LISTENER }],
        hostnames: [props.host],
        rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] }],
      },
    });
  }
}
