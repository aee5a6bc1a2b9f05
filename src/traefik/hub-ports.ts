import { formatPath, keyText } from '../core/problem';
import type { Path, Problem } from '../core/problem';
import type { TraefikChartRules } from './chart-versions';
import type { Entrypoint } from './entrypoints';
import { goTruthy } from './go-truth';
import { renderedPortName } from './port-names';
import { isMap } from '../core/is-map';

type Values = Readonly<Record<string, unknown>>;
type Rules = Pick<TraefikChartRules, 'hubPorts' | 'portNames'>;
const at = (node: unknown, key: string): unknown => (isMap(node) && Object.hasOwn(node, key) ? node[key] : undefined);
const FAILS = 'so the whole Traefik release fails to install';
/** The chart's default `hub.apimanagement.admission.listenAddr` (traefik/values.yaml, v28.1.0 to v41.3.0). */
const DEFAULT_LISTEN = ':9943';

/**
 * The container ports the chart adds to Traefik's container for Traefik Hub (chart-versions.ts `hubPorts`): `admission` on the
 * port after the first ":" of `hub.apimanagement.admission.listenAddr` (`last (mustRegexSplit ":" $listenAddr 2)`, default
 * ":9943") and, with `hub.apimanagement.enabled`, `apiportal` on 9903 (templates/_podtemplate.tpl, v28.1.0 to v41.3.0).
 */
function hubPorts(values: Values, rules: Rules): Array<{ name: string; port: number; listenAddr?: string }> {
  const hub = at(values, 'hub');
  if (rules.hubPorts === 'none' || !goTruthy(at(hub, 'token'))) return [];
  const management = at(hub, 'apimanagement');
  const ports: Array<{ name: string; port: number; listenAddr?: string }> = [];
  if (rules.hubPorts === 'with-token' || !goTruthy(at(hub, 'offline'))) {
    const listen = at(at(management, 'admission'), 'listenAddr');
    const given = goTruthy(listen) && typeof listen === 'string' ? listen : undefined;
    const address = given ?? DEFAULT_LISTEN;
    const port = address.includes(':') ? address.slice(address.indexOf(':') + 1) : address;
    if (/^\d{1,5}$/.test(port)) ports.push({ name: 'admission', port: Number(port), ...(given !== undefined && { listenAddr: given }) });
  }
  if (goTruthy(at(management, 'enabled'))) ports.push({ name: 'apiportal', port: 9903 });
  return ports;
}

/**
 * An entrypoint whose container port takes the name or the TCP port of a Traefik Hub port the chart writes into the same
 * container: the API server refuses one port name twice in a container (validation.go validateContainerPorts, "Duplicate
 * value"), and Traefik cannot bind one TCP port for two listeners. A port clash with an entrypoint the user did not set (a
 * chart default such as websecure) is reported at the `listenAddr` that moved the admission port onto it.
 */
export function hubPortProblems(values: Values, entrypoints: readonly Entrypoint[], prefix: Path, rules: Rules): Problem[] {
  const hub = hubPorts(values, rules);
  if (!hub.length) return [];
  const problems: Problem[] = [];
  const listenPath = [...prefix, 'values', 'hub', 'apimanagement', 'admission', 'listenAddr'];
  for (const entry of entrypoints) {
    for (const { name, port, listenAddr } of hub) {
      const why = `the chart writes its own container port ${JSON.stringify(name)} (${port}/TCP) into Traefik's container for Traefik Hub (${formatPath([...prefix, 'values', 'hub', 'token'])} is set)`;
      if (renderedPortName(entry.name, rules.portNames) === name)
        problems.push({
          path: entry.path,
          message: `writes a container port named ${JSON.stringify(name)}, but ${why}, and the API server refuses one port name twice in a container ("Duplicate value"), ${FAILS}: rename entrypoint ${keyText(entry.name)}`,
        });
      else if (entry.port === port && entry.protocol === 'TCP') {
        // An entrypoint under values.ports is the user's; any other is the chart's default, which the user did not move.
        const chartDefault = entry.path.length === prefix.length;
        if (listenAddr !== undefined && chartDefault) {
          const free = !entrypoints.some((other) => other.protocol === 'TCP' && `:${other.port}` === DEFAULT_LISTEN);
          problems.push({
            path: listenPath,
            message:
              `is ${JSON.stringify(listenAddr)}, so the chart writes its own container port "admission" (${port}/TCP) into Traefik's container ` +
              `for Traefik Hub, but entrypoint ${keyText(entry.name)} (the chart's default) listens on ${port}/TCP there, and two listeners ` +
              `cannot share a port: give listenAddr another port${free ? `, such as the chart's default "${DEFAULT_LISTEN}"` : ''}`,
          });
        } else
          problems.push({
            path: entry.path,
            message:
              `listens on ${port}/TCP, but ${why}, where Traefik Hub listens, and two listeners cannot share a port: give entrypoint ${keyText(entry.name)} another port` +
              (listenAddr !== undefined ? `, or ${formatPath(listenPath)} another port` : ''),
          });
      }
    }
  }
  return problems;
}
