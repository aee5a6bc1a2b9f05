import { Construct } from 'constructs';
import type * as GatewayCharts from './chart';
import type { GatewayApiChartProps } from './chart';
import { GATEWAY_API_VERSION, GATEWAY_NAMESPACE, httpsRedirectName, routeNamespaces } from './model';
import { httpsRedirectHosts } from './route-gateways';
import { ClusterConfig } from '../config/schema';
import type { WrittenObject } from '../core/object-identity';
import { parseVersion } from '../semver';
import { traefikChartRules, upstreamChartVersion } from '../traefik/chart-versions';
import { traefikEntryPointPorts } from '../traefik/gateway-values';

/**
 * The Gateway API constructs, loaded only for a config with `traefik.gateway`: most configs have none,
 * and every synth would pay for loading them.
 */
const gatewayCharts = (): typeof GatewayCharts => require('./chart') as typeof GatewayCharts;

/** `gateway-api.yaml`, when the config has `traefik.gateway`. */
export function addGatewayApiChart(scope: Construct, config: ClusterConfig): void {
  const props = gatewayApiChartProps(config);
  if (!props) return;
  const { GatewayApiChart } = gatewayCharts();
  new GatewayApiChart(scope, GatewayApiChart.ID, props);
}

/** The Gateway and routes of a (valid) config, or undefined without `traefik.gateway`. */
export function gatewayApiChartProps(config: ClusterConfig): GatewayApiChartProps | undefined {
  const { gateway, chartVersion, values } = config.traefik;
  if (!gateway) return undefined;
  const tlsRoutes = config.httpRoutes.filter((route) => route.tls?.issuer);
  const ports = traefikEntryPointPorts(values);
  const bundle = traefikChartRules(parseVersion(upstreamChartVersion(chartVersion))).gatewayApi;
  return {
    gateway: {
      name: gateway.name,
      routeNamespaces: routeNamespaces(config.traefik.gateway?.routeNamespaces, config.httpRoutes),
      httpsHosts: [...new Set(tlsRoutes.map((route) => route.host))],
      // The rules allow one issuer per Gateway.
      clusterIssuer: tlsRoutes[0]?.tls?.issuer,
      httpPort: ports.http,
      httpsPort: ports.https,
    },
    // HTTP-01 needs the HTTP listener of its host free for cert-manager's solver Ingress (see rules.ts).
    httpsRedirects: httpsRedirectHosts(config),
    routes: config.httpRoutes.map((route) => ({
      name: route.name,
      namespace: route.namespace,
      host: route.host,
      path: route.path,
      service: route.service,
      // The rules refuse port names.
      port: route.port as number,
      httpsOnly: !!route.tls,
    })),
    ...(bundle.startsWith('v') ? { gatewayApi: { bundle, source: `as K3s installs them for Traefik chart ${chartVersion}` } } : {}),
  };
}

/** The objects addGatewayApiChart writes for a config: the Gateway, the HTTPRoutes and the HTTPS redirects. */
export function gatewayObjects(config: ClusterConfig): WrittenObject[] {
  const props = gatewayApiChartProps(config);
  if (!props?.gateway.name) return [];
  const route = { apiVersion: GATEWAY_API_VERSION, kind: 'HTTPRoute' };
  return [
    { apiVersion: GATEWAY_API_VERSION, kind: 'Gateway', namespace: GATEWAY_NAMESPACE, name: props.gateway.name, key: 'traefik.gateway' },
    ...(props.routes ?? []).map(({ name, namespace }, i) => ({
      ...route,
      namespace: namespace ?? 'default',
      name,
      key: `httpRoutes[${i}]`,
    })),
    ...(props.httpsRedirects ?? []).map((host) => ({
      ...route,
      namespace: GATEWAY_NAMESPACE,
      name: httpsRedirectName(host),
      key: `httpRoutes (the HTTPS redirect of ${host})`,
    })),
  ];
}
