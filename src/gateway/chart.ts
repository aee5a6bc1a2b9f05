import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { TRAEFIK_GATEWAY_KEYS, TraefikGateway, TraefikGatewayProps } from './gateway';
import { TRAEFIK_HTTP_ROUTE_KEYS, TraefikHttpRoute, TraefikHttpRouteProps } from './http-route';
import { TraefikHttpsRedirect } from './https-redirect';
import { PropsValidator } from '../config/props-validator';
import { describeValue } from '../core/snapshot';
import { gatewayApiBundleProblem, gatewayApiMarker } from '../validate/gateway-api';
import { chartArgs } from '../core/construct-args';
import { gateWhatItRenders } from '../output/construct-gate';

export interface GatewayApiChartProps {
  /** The Gateway, checked by TraefikGateway. */
  readonly gateway: TraefikGatewayProps;
  /**
   * The HTTPRoutes, each checked by TraefikHttpRoute, all attached to this chart's Gateway; a name may
   * repeat only in another namespace.
   * @default []
   */
  readonly routes?: readonly Omit<TraefikHttpRouteProps, 'gatewayName'>[];
  /**
   * Hosts whose plain HTTP requests the Gateway redirects to HTTPS (a TraefikHttpsRedirect each); each must
   * be among the Gateway's `httpsHosts`. Leave out a host whose certificate cert-manager proves with HTTP-01:
   * the redirect would outrank its solver Ingress.
   * @default []
   */
  readonly httpsRedirects?: readonly string[];
  /**
   * The Gateway API CRDs (standard channel) the target cluster has, e.g. `v1.4.0`, and where they come
   * from: recorded in the file, which `npm run validate` then checks against exactly those CRDs.
   * @default - not recorded: the objects are checked against every vendored bundle
   */
  readonly gatewayApi?: GatewayApiTarget;
}

/** The Gateway API CRDs of the target cluster. */
export interface GatewayApiTarget {
  /** Bundle version, a folder of crds/gateway-api/, e.g. `v1.4.0` (another is refused, as `npm run validate` refuses it). */
  readonly bundle: string;
  /** Where the cluster gets them, e.g. `as K3s installs them for Traefik chart 39.0.7`. */
  readonly source: string;
}

/**
 * `gateway-api.yaml`: the Gateway and its HTTPRoutes, in one file: K3s applies it as one AddOn, retried
 * every 15 s until its kinds exist (the Gateway API CRDs come with K3s' Traefik, not from this folder).
 */
export class GatewayApiChart extends Chart {
  /** File (and chart id) of the Gateway and its routes. */
  public static readonly ID = 'gateway-api';
  /** Comment lines of the file after its generated header (src/output/render.ts writes them). */
  public readonly fileNote: string;

  constructor(scope: Construct, id: string, props: GatewayApiChartProps) {
    super(...chartArgs(scope, id, 'GatewayApiChart'));
    // 73a-8: the chart judges what its constructs render, so the app rules' lines it says carry its own path, not a part's.
    gateWhatItRenders(this);
    const check = new PropsValidator<GatewayApiChartProps>('GatewayApiChart', props, {
      gateway: TRAEFIK_GATEWAY_KEYS,
      // A chart's routes take its Gateway: no gatewayName of their own.
      routes: Object.fromEntries(Object.entries(TRAEFIK_HTTP_ROUTE_KEYS).filter(([key]) => key !== 'gatewayName')),
      httpsRedirects: true,
      gatewayApi: { bundle: true, source: true },
    });
    // Only the snapshot is read from here on: what was checked is what is rendered.
    props = check.props;
    if (props.gateway === null || typeof props.gateway !== 'object' || Array.isArray(props.gateway)) {
      check.problem(['gateway'], `${describeValue(props.gateway)}: expected the Gateway's props, an object ({} for the defaults)`);
    }
    const routes = check.list(['routes'], props.routes);
    const https = new Set(Array.isArray(props.gateway?.httpsHosts) ? props.gateway.httpsHosts : []);
    const names = new Map<string, number>();
    routes.forEach((route, i) => {
      if (route === null || typeof route !== 'object') return;
      const key = `${route.namespace ?? 'default'}/${route.name}`;
      const first = names.get(key);
      if (first !== undefined) {
        check.problem(
          ['routes', i, 'name'],
          `${JSON.stringify(route.name)} is also the name of routes[${first}] in its namespace: name each HTTPRoute once`,
        );
      }
      names.set(key, first ?? i);
      if (route.httpsOnly && typeof route.host === 'string' && !https.has(route.host)) {
        check.problem(
          ['routes', i, 'httpsOnly'],
          `is true, but the Gateway has no HTTPS listener for ${JSON.stringify(route.host)}: add the host to gateway.httpsHosts`,
        );
      }
    });
    // 71d-12: the marker names the CRDs `npm run validate` checks the file against: only a bundle it holds.
    if (props.gatewayApi !== null && typeof props.gatewayApi === 'object')
      check
        .requiredText(['gatewayApi', 'bundle'], props.gatewayApi.bundle, gatewayApiBundleProblem)
        .requiredText(['gatewayApi', 'source'], props.gatewayApi.source, markerSourceProblem);
    const redirects = check.list(['httpsRedirects'], props.httpsRedirects);
    redirects.forEach((host, i) => {
      if (typeof host === 'string' && !https.has(host)) {
        check.problem(['httpsRedirects', i], `${JSON.stringify(host)} has no HTTPS listener to redirect to: add it to gateway.httpsHosts`);
      }
    });
    check.throwIfInvalid();
    this.fileNote = props.gatewayApi ? gatewayApiMarker(props.gatewayApi.bundle, props.gatewayApi.source) : '';
    new TraefikGateway(this, 'Gateway', props.gateway);
    const gatewayName = props.gateway.name ?? TraefikGateway.DEFAULT_NAME;
    for (const host of [...new Set(redirects)].sort()) new TraefikHttpsRedirect(this, `redirect--${host}`, { host, gatewayName });
    for (const route of routes) {
      new TraefikHttpRoute(this, `${route.namespace ?? 'default'}--${route.name}`, { ...route, gatewayName });
    }
  }
}

/** A source the marker's comment line can name (a control character or line break the props snapshot refuses). */
const markerSourceProblem = (source: string): string | undefined =>
  source.trim() === '' ? 'is empty: say where the cluster gets its Gateway API CRDs' : undefined;
