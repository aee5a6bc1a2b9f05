import { keyText } from '../core/problem';
import type { PortRuleInputs, ValueSource } from './port-rule-inputs';
import type { Path, Problem } from '../core/problem';
import { show } from '../validate/paths';
import { CHART_ENTRYPOINTS, Entrypoint } from './entrypoints';
import { traefikChartRules } from './chart-versions';
import { goTruthy } from './go-truth';
import { renderedInteger } from './yaml-number';
import { portNameProblem } from '../core/port-name';
import { isMap } from '../core/is-map';
import { NODE_PORTS } from '../net/node-ports';
import { latinSpelling, lookAlikeAdvice } from '../config/look-alike';

type Values = Readonly<Record<string, unknown>>;

export { NODE_PORTS };

/**
 * The port numbers of `ports.<name>` as the chart writes them (templates/_podtemplate.tpl and _service.tpl, v20.1.1 to
 * v41.3.0, printed unquoted): `port` always (the container port and Traefik's address), `containerPort` and `targetPort`
 * when Go-true and read (chart-versions.ts `portOverrides`; `default`), `hostPort` and `nodePort` when Go-true (`if`),
 * `exposedPort` when Go-true on an exposed entrypoint (`default $config.port $config.exposedPort`). The API server takes
 * 1 to 65535 (a nodePort within the node-port range) and a targetPort text only as a port name (IANA_SVC_NAME), so a
 * value outside makes the whole Traefik release fail to install, as the first-class `loadBalancers` ports are refused.
 * Also: a user entrypoint without a port (an empty containerPort and `--entryPoints.<name>.address=:/tcp`; an exposed one
 * fails the chart from v28.0.0: "Cannot create <name> port on Service without .port or .exposedPort"), one nodePort or
 * one hostPort on two entrypoints (the API server refuses the duplicate), and under hostNetwork an HTTP/3
 * `advertisedPort` that becomes the `<name>-http3` port's hostPort (`default $config.hostPort $config.http3.advertisedPort`)
 * other than its containerPort (`$config.port`), which the API server refuses with hostNetwork.
 */
export function portRangeProblems({ values, entrypoints, chart, chartName, sourced, hostNetwork }: PortRuleInputs): Problem[] {
  const { portOverrides } = traefikChartRules(chart);
  const problems: Problem[] = [];
  const ports = isMap(values.ports) ? values.ports : {};
  const fails = 'so the whole Traefik release fails to install';
  for (const [name, port] of Object.entries(ports)) {
    if (!isMap(port)) continue;
    const entry = entrypoints.find((e) => e.name === name);
    const exposed = !!entry?.services.length;
    const at = (key: string, value: unknown) => sourced(['ports', name, key], value).path;
    // `w\u0435b` (a Cyrillic "е", 80a-9): the chart's entrypoint mistyped, not a new one to complete with a port.
    const meant = latinSpelling(name);
    if (meant && CHART_ENTRYPOINTS.includes(meant) && !Object.hasOwn(ports, meant)) {
      problems.push({ path: sourced(['ports', name], port).path, message: `is no entrypoint of ${chartName}: ${lookAlikeAdvice(name)}` });
      continue;
    }
    if (!Object.hasOwn(port, 'port') && !CHART_ENTRYPOINTS.includes(name) && goTruthy(port)) {
      problems.push({
        path: sourced(['ports', name], port).path,
        message:
          `is entrypoint ${keyText(name)} without a port, so ${chartName} writes an empty containerPort, which the API server refuses, and ` +
          `an address without a port for Traefik${goTruthy(port.expose) ? ` (or fails first: "Cannot create ${keyText(name)} port on Service without .port or .exposedPort")` : ''}, ` +
          `${fails}: give it ports.${keyText(name)}.port`,
      });
      continue;
    }
    const checks: Array<[string, boolean, string]> = [
      ['port', port.port !== undefined && port.port !== null, "as Traefik's container port and listen address"],
      ['containerPort', portOverrides && goTruthy(port.containerPort), "as Traefik's container port"],
      ['hostPort', goTruthy(port.hostPort), 'as the port opened on each node running Traefik'],
      ['exposedPort', exposed && goTruthy(port.exposedPort), "as the port of Traefik's Service"],
      ['targetPort', portOverrides && exposed && goTruthy(port.targetPort), "as the Service's targetPort"],
      ['nodePort', exposed && goTruthy(port.nodePort), "as the Service port's nodePort"],
    ];
    for (const [key, read, as] of checks) {
      if (!read) continue;
      const value = port[key];
      const number = renderedInteger(value);
      if (key === 'targetPort' && number === undefined && typeof value === 'string') {
        const why = portNameProblem(value);
        if (why) {
          problems.push({
            path: at(key, value),
            message: `is ${show(value)}, which ${chartName} writes ${as}, where the API server takes a number from 1 to 65535 or a port name, and this is neither (${why}), ${fails}: write ${entry?.port ?? 'the port Traefik listens on'}, or remove the key`,
          });
        }
        continue;
      }
      // A text that renders as no integer is the values schema's (or the chart's) to refuse.
      if (number === undefined) continue;
      const node = key === 'nodePort';
      const [min, max] = node ? [NODE_PORTS.min, NODE_PORTS.max] : [1, 65535];
      if (number >= min && number <= max) continue;
      problems.push({
        path: at(key, value),
        message:
          `is ${number}, which ${chartName} writes ${as}, where the API server takes only ${min} to ${max}` +
          `${node ? " (K3s' default service-node-port-range)" : ''}, ${fails}: write a port from ${min} to ${max}${node ? ', or remove the key (Kubernetes then picks one)' : ''}`,
      });
    }
  }
  problems.push(...duplicatePorts(entrypoints, ports, sourced, chartName, hostNetwork));
  return problems;
}

/** One nodePort or hostPort (per protocol) on two entrypoints, and an HTTP/3 host port off its container port under hostNetwork. */
function duplicatePorts(
  entrypoints: readonly Entrypoint[],
  ports: Values,
  sourced: ValueSource,
  chartName: string,
  hostNetwork: boolean,
): Problem[] {
  const problems: Problem[] = [];
  const nodePorts = new Map<string, string>();
  const hostPorts = new Map<string, string>();
  const claim = (taken: Map<string, string>, key: string, label: string, path: Path, what: string) => {
    const other = taken.get(key);
    if (other === undefined) {
      taken.set(key, label);
      return;
    }
    problems.push({
      path,
      message: `is ${what}, the same as ${other}'s, and the API server refuses one ${key.split('/')[0] === 'node' ? 'nodePort' : 'hostPort'} twice, so the whole Traefik release fails to install: give each its own port`,
    });
  };
  for (const entry of entrypoints) {
    const port = isMap(ports[entry.name]) ? (ports[entry.name] as Values) : {};
    const node = entry.services.length && goTruthy(port.nodePort) ? renderedInteger(port.nodePort) : undefined;
    if (node !== undefined) {
      claim(
        nodePorts,
        `node/${node}/${entry.protocol}`,
        `ports.${keyText(entry.name)}.nodePort`,
        sourced(['ports', entry.name, 'nodePort'], node).path,
        `${node}/${entry.protocol}`,
      );
    }
    const hostIP = typeof port.hostIP === 'string' ? port.hostIP : '';
    if (entry.hostPort !== undefined && entry.hostPort !== 0) {
      claim(
        hostPorts,
        `host/${hostIP}/${entry.hostPort}/${entry.protocol}`,
        `ports.${keyText(entry.name)}.hostPort`,
        sourced(['ports', entry.name, 'hostPort'], entry.hostPort).path,
        `${entry.hostPort}/${entry.protocol}`,
      );
    }
    const http3 = entry.http3;
    if (http3?.hostPort !== undefined && !http3.byFlag) {
      claim(
        hostPorts,
        `host/${hostIP}/${http3.hostPort}/UDP`,
        `entrypoint ${keyText(entry.name)}'s HTTP/3 port`,
        http3.path,
        `${http3.hostPort}/UDP for entrypoint ${keyText(entry.name)}'s HTTP/3 port`,
      );
      // A hostPort off `port` itself is the chart's own failure (chart-pod-failures.ts); here the advertisedPort's.
      if (hostNetwork && http3.hostPort !== http3.port && http3.path[http3.path.length - 1] === 'advertisedPort') {
        problems.push({
          path: http3.path,
          message:
            `is ${http3.hostPort}, which ${chartName} writes as the host port of entrypoint ${keyText(entry.name)}'s HTTP/3 port (UDP), whose container port is ` +
            `${http3.port} (ports.${keyText(entry.name)}.port), and with hostNetwork the API server requires them equal, so the whole Traefik release fails to install: ` +
            `remove ports.${keyText(entry.name)}.http3.advertisedPort, or set it to ${http3.port}`,
        });
      }
    }
  }
  return problems;
}
