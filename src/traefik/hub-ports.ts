import { formatPath, keyText, shownValue } from '../core/problem';
import { yamlNumber } from './yaml-number';
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
    // Traefik listens on the port after the last ":" (Go net.SplitHostPort, `[::]:8443` too); a bad one is listenAddrProblem's.
    const port = /:(\d{1,5})$/.exec(given ?? DEFAULT_LISTEN)?.[1];
    if (port !== undefined) ports.push({ name: 'admission', port: Number(port), ...(given !== undefined && { listenAddr: given }) });
  }
  if (goTruthy(at(management, 'enabled'))) ports.push({ name: 'apiportal', port: 9903 });
  return ports;
}

/**
 * A `hub.apimanagement.admission.listenAddr` the chart cannot write as the container port of `admission`: it takes the text
 * after the first ":" (`containerPort: {{ last (mustRegexSplit ":" $listenAddr 2) }}`, unquoted, templates/_podtemplate.tpl
 * v28.1.0 to v41.3.0), which the API server takes only as a number 1-65535 (validation.go validateContainerPorts); a value
 * that is no text fails the template (mustRegexSplit takes a string). `[::]:8443` gives `:]:8443`.
 */
function listenAddrProblem(values: Values, rules: Rules, path: Path): Problem | undefined {
  const hub = at(values, 'hub');
  if (rules.hubPorts === 'none' || !goTruthy(at(hub, 'token'))) return undefined;
  if (rules.hubPorts === 'unless-offline' && goTruthy(at(hub, 'offline'))) return undefined;
  const listen = at(at(at(hub, 'apimanagement'), 'admission'), 'listenAddr');
  if (!goTruthy(listen)) return undefined;
  const fix = `write ":<port>" with a port 1-65535, such as the chart's default "${DEFAULT_LISTEN}" (an address with a host keeps the port after its only ":", as "0.0.0.0:9943")`;
  if (typeof listen !== 'string')
    return {
      path,
      message: `is ${shownValue(listen)}, not a text, but the chart splits it as a text to write the container port of "admission", so its template fails and ${FAILS.slice(3)}: ${fix}`,
    };
  const colon = listen.indexOf(':');
  const piece = colon < 0 ? listen : listen.slice(colon + 1);
  const number = yamlNumber(piece);
  if (number !== undefined && Number.isInteger(number) && number >= 1 && number <= 65535) return undefined;
  return {
    path,
    message:
      `is ${JSON.stringify(listen)}, and the chart writes the text after its first ":" (${JSON.stringify(piece)}) as the container port of "admission" ` +
      `for Traefik Hub, where the API server takes only a number 1-65535, ${FAILS}: ${fix}`,
  };
}

/**
 * An entrypoint whose container port takes the name or the TCP port of a Traefik Hub port the chart writes into the same
 * container: the API server refuses one port name twice in a container (validation.go validateContainerPorts, "Duplicate
 * value"), and Traefik cannot bind one TCP port for two listeners. A port clash with an entrypoint the user did not set (a
 * chart default such as websecure) is reported at the `listenAddr` that moved the admission port onto it.
 */
export function hubPortProblems(values: Values, entrypoints: readonly Entrypoint[], prefix: Path, rules: Rules): Problem[] {
  const hub = hubPorts(values, rules);
  const listenPath = [...prefix, 'values', 'hub', 'apimanagement', 'admission', 'listenAddr'];
  const bad = listenAddrProblem(values, rules, listenPath);
  const problems: Problem[] = [];
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
  // One line per key: a clash of the port Traefik listens on (`[::]:8443`) joins the split's problem.
  const clash = problems.findIndex((problem) => problem.path.join('.') === listenPath.join('.'));
  if (bad && clash >= 0) problems[clash] = { path: listenPath, message: `${bad.message}; and it ${problems[clash].message}` };
  else if (bad) problems.unshift(bad);
  return problems;
}
