import type { Problem, Path } from '../core/problem';
import { shownValue } from '../core/problem';
import type { Sourced } from '../load-balancer/deployed';
import { rulesFor, Version } from '../semver';
import type { Entrypoint } from './entrypoints';
import { goTruthy as truthy } from './go-truth';
import { sprigInt } from './sprig-int';
import { coalesce } from './values-schema';
import { isMap } from '../core/is-map';
import { nonAsciiHost } from '../config/formats';

type Values = Readonly<Record<string, unknown>>;
type Source = <T>(path: readonly string[], fallback: T, fallbackPath?: Path) => Sourced<T>;

/**
 * templates/gateway.yaml under `if and (.Values.gateway).enabled (.Values.providers.kubernetesGateway).enabled`, by chart
 * version (traefik/traefik-helm-chart, read at every tag v30.0.0 to v41.3.0; no `fail` there before v30.0.0):
 * `if not .Values.gateway.listeners` fails "gateway must have at least one listener or should be disabled"; per listener,
 * no `ports.<name>.port` equal to its port fails "port %0.f is not declared in ports" (`eq $portConfig.port $config.port`,
 * from v39.0.5 `eq (int ...) (int ...)`); from v30.1.0 `if not .port` fails "port needs to be specified" and `and (eq
 * .protocol "HTTPS") (not .certificateRefs)` fails "certificateRefs needs to be specified using HTTPS". `listeners` is
 * the chart's default (traefik/values.yaml: `gateway.enabled: true`, these listeners) the user's values merge over.
 */
const GATEWAY_FAILURES: ReadonlyArray<{
  since: string;
  listeners?: Values;
  portNeeded?: boolean;
  intPorts?: boolean;
}> = [
  {
    since: 'v30.0.0',
    listeners: { web: { port: 8000, protocol: 'HTTP' }, websecure: { port: 8443, protocol: 'HTTPS' } },
    portNeeded: false,
    intPorts: false,
  },
  { since: 'v30.1.0', listeners: { web: { port: 8000, protocol: 'HTTP' } }, portNeeded: true },
  { since: 'v39.0.5', intPorts: true },
];

export function gatewayFailures(
  values: Values,
  chart: Version,
  sourced: Source,
  chartName: string,
  ports: readonly Entrypoint[],
): Problem[] {
  const rules = rulesFor(GATEWAY_FAILURES, chart);
  if (!rules.listeners) return [];
  // Helm's coalesce: a key given as null deletes the chart's default, a map merges key by key (values-schema.ts).
  const merged = coalesce(values.gateway === undefined ? {} : { gateway: values.gateway }, {
    gateway: { enabled: true, listeners: rules.listeners },
  });
  const gateway = isMap(merged.gateway) ? merged.gateway : {};
  const providers = isMap(values.providers) ? values.providers : {};
  const provider = isMap(providers.kubernetesGateway) ? providers.kubernetesGateway : {};
  if (!truthy(gateway.enabled) || !truthy(provider.enabled)) return [];
  const fails = (says: string) => `and ${chartName} fails on it ("${says}")`;
  const listeners = gateway.listeners;
  if (!truthy(listeners)) {
    return [
      {
        path: sourced(['gateway', 'listeners'], undefined, sourced(['providers', 'kubernetesGateway', 'enabled'], true).path).path,
        message:
          `leaves the chart's Gateway without listeners, ${fails('gateway must have at least one listener or should be disabled')}: ` +
          'give a listener (e.g. web: {port: 8000, protocol: HTTP}), or set gateway.enabled: false',
      },
    ];
  }
  const declared = ports.map((entry) => entry.port);
  return Object.entries(isMap(listeners) ? listeners : {}).flatMap(([name, listener]): Problem[] => {
    const entry = isMap(listener) ? listener : {};
    const at = (key: string) =>
      sourced(['gateway', 'listeners', name, key], undefined, sourced(['gateway', 'listeners', name], undefined).path);
    const port = entry.port;
    if (rules.portNeeded && !truthy(port)) {
      return [
        {
          path: at('port').path,
          message: `gives listener ${name} no port, ${fails('port needs to be specified')}: write one of the ports.<name>.port values`,
        },
      ];
    }
    const problems: Problem[] = [];
    const found = rules.intPorts ? declared.includes(sprigInt(port)) : typeof port === 'number' && declared.includes(port);
    if (!found) {
      const given = at('port');
      // The chart's own listener port is blamed on the switch that turns the Gateway on.
      const path = given.path.at(-1) === 'port' ? given.path : sourced(['providers', 'kubernetesGateway', 'enabled'], true).path;
      problems.push({
        path,
        message:
          `makes the chart's Gateway listen on ${port == null ? 'no port' : `port ${shownValue(port)}`} (listener ${name}), which no ` +
          `ports.<name>.port declares (${declared.join(', ') || 'none'}), ${fails(`port ${String(port ?? '%!f(<nil>)')} is not declared in ports`)}: ` +
          `set gateway.listeners.${name}.port to a declared port, or set gateway.enabled: false`,
      });
    }
    // The chart writes `hostname` into its Gateway as given (templates/gateway.yaml `hostname: {{ . | toYaml }}`, v39.0.7),
    // whose CRD takes lower-case ASCII names only: one with non-ASCII letters gets the punycode form, as ingresses[].host (53b-3).
    const punycode = typeof entry.hostname === 'string' ? nonAsciiHost(entry.hostname) : undefined;
    if (punycode) {
      problems.push({
        path: at('hostname').path,
        message: `is the hostname of the chart's Gateway listener ${name}, which the Gateway CRD refuses, so the API server refuses the Gateway and the whole Traefik release fails: ${punycode}`,
      });
    }
    if (rules.portNeeded && entry.protocol === 'HTTPS' && !truthy(entry.certificateRefs)) {
      problems.push({
        path: at('certificateRefs').path,
        message:
          `leaves HTTPS listener ${name} without certificateRefs, ${fails('certificateRefs needs to be specified using HTTPS')}: ` +
          'give the certificate Secret, e.g. certificateRefs: [{name: my-tls}], or use protocol HTTP',
      });
    }
    return problems;
  });
}
