import { keyText, quotedText, RuleResult, shownValue } from '../core/problem';
import type { PortRuleInputs, ValueSource } from './port-rule-inputs';
import type { Version } from '../semver';
import { parseIp } from '../net/ip';
import type { Entrypoint } from './entrypoints';
import type { TraefikFlag } from './arguments';
import { flagIsTrue } from './arguments';
import { traefikChartRules } from './chart-versions';
import { goTruthy } from './go-truth';
import { renderedInteger } from './yaml-number';
import { portNameProblem } from '../core/port-name';
import { renderedPortName } from './port-names';
import { probePort, probeRequests } from './probe-rules';
import { isMap } from '../core/is-map';
import { pingRouterAdvice, pingRouters } from './ping-routers';
import { blockState } from './switch-values';
import { entrypointMiddlewareNameProblems } from './entrypoint-middleware-names';

type Values = Readonly<Record<string, unknown>>;

/**
 * Where Traefik listens against where the chart sends traffic and probes: `ports.<name>.hostIP` (Traefik's listen address
 * from chart v27, chart-versions.ts `hostIpListens`), `containerPort` and `targetPort` (chart-versions.ts `portOverrides`),
 * and the flags that take `/ping` away from the port the chart's probes call. `hostNetwork`: the values' (Go truth).
 * 71b-5: and an entrypoint's middleware that no Middleware can be (entrypoint-middleware-names.ts).
 */
export function listenProblems(inputs: PortRuleInputs): RuleResult {
  const { values, flags, entrypoints, chart, chartName, sourced, hostNetwork } = inputs;
  const result: RuleResult = { errors: entrypointMiddlewareNameProblems(inputs), warnings: [] };
  hostIpProblems(values, entrypoints, chart, chartName, sourced, hostNetwork, result);
  portOverrideProblems(values, entrypoints, chart, chartName, sourced, result);
  pingProblems(values, flags, entrypoints, chart, result);
  return result;
}

/**
 * `ports.<name>.hostIP`: from chart v27.0.0 `--entryPoints.<name>.address={{ $config.hostIP }}:{{ $config.port }}`, so
 * Traefik binds that address in the pod's network namespace, where only the wildcard (and, without hostNetwork, nothing
 * of the node) exists; for `ports.traefik` also the probes' `host` unless `deployment.healthchecksHost` is set, which the
 * kubelet calls from the node (templates/_podtemplate.tpl, v27.0.0 to v41.3.0).
 */
function hostIpProblems(
  values: Values,
  entrypoints: readonly Entrypoint[],
  chart: Version,
  chartName: string,
  sourced: ValueSource,
  hostNetwork: boolean,
  result: RuleResult,
): void {
  const { hostIpListens } = traefikChartRules(chart);
  const ports = isMap(values.ports) ? values.ports : {};
  if (hostIpListens === 'no') return;
  const deployment = isMap(values.deployment) ? values.deployment : {};
  for (const entry of entrypoints) {
    const port = ports[entry.name];
    const hostIP = isMap(port) ? port.hostIP : undefined;
    // A value that is no text is the values schema's; an empty one renders nothing (`if $config.hostIP`, `:port`).
    if (typeof hostIP !== 'string' || hostIP === '') continue;
    const path = sourced(['ports', entry.name, 'hostIP'], hostIP).path;
    const ip = parseIp(hostIP);
    const shown = quotedText(hostIP, () => false, '');
    // A long text is named by its size once, not quoted again inside the flag.
    const written = shown.startsWith('"') ? (hostIpListens === 'bracketed' && hostIP.includes(':') ? `[${hostIP}]` : hostIP) : '<it>';
    const is = `is ${shown}, which ${chartName} also writes as entrypoint ${keyText(entry.name)}'s listen address (--entryPoints.${keyText(entry.name)}.address=${written}:${entry.port})`;
    const probes =
      entry.name === 'traefik' && !goTruthy(deployment.healthchecksHost)
        ? ' and as the host of the readiness and liveness probes, which the kubelet then calls on that address from the node'
        : '';
    const remove = 'remove the key (Traefik then listens on every address of the pod)';
    let message: string | undefined;
    let warning = false;
    if (ip?.family === 6 && hostIpListens === 'as-is') {
      message = `${is}${probes}, where Go refuses an IPv6 address without brackets ("too many colons"), so Traefik does not start: ${remove}`;
    } else if (!ip) {
      message = `${is}${probes}, and it is not an IP address, so Traefik cannot listen there and does not start: ${remove}`;
    } else if (ip.value === 0n) {
      // The wildcard listens everywhere; only the probes' host breaks, and only off the node's network.
      if (probes && !hostNetwork) {
        message = `${is}${probes}, not on the pod, so no Traefik pod ever gets Ready and nothing answers on the VIP: ${remove}`;
      }
    } else if ((ip.family === 4 && ip.value >> 24n === 127n) || (ip.family === 6 && ip.value === 1n)) {
      message = `${is}${probes}, a loopback address, so Traefik answers only inside its ${hostNetwork ? 'node' : 'pod'} and the Service's connections are refused: ${remove}`;
    } else if (!hostNetwork) {
      message =
        `${is}${probes}, but the pod has its own network, where that address does not exist, so Traefik cannot bind it ` +
        `("cannot assign requested address") and does not start: ${remove}`;
    } else {
      warning = true;
      message =
        `${is}${probes}; with hostNetwork Traefik listens on that address only, so on every node where a Traefik pod runs without ` +
        `it the pod fails to start ("cannot assign requested address"): keep Traefik on the node(s) that have it, or ${remove}`;
    }
    if (message) (warning ? result.warnings : result.errors).push({ path, message });
  }
}

/**
 * `ports.<name>.containerPort` and `targetPort`, read from chart v22.2.0: the container port is `containerPort` (else
 * `port`) and the Service targets the entrypoint's port name (else `targetPort`), while Traefik listens on `port`.
 */
function portOverrideProblems(
  values: Values,
  entrypoints: readonly Entrypoint[],
  chart: Version,
  chartName: string,
  sourced: ValueSource,
  result: RuleResult,
): void {
  const { portOverrides, portNames } = traefikChartRules(chart);
  const ports = isMap(values.ports) ? values.ports : {};
  if (!portOverrides) return;
  for (const entry of entrypoints) {
    const port = ports[entry.name];
    if (!isMap(port)) continue;
    const name = renderedPortName(entry.name, portNames);
    // `default $config.port $config.containerPort`: a Go-false containerPort keeps port.
    const containerPort = goTruthy(port.containerPort) ? renderedInteger(port.containerPort) : undefined;
    const targetPort = goTruthy(port.targetPort) ? port.targetPort : undefined;
    const straight = renderedInteger(targetPort) === entry.port && entry.hostPort === undefined;
    if (containerPort !== undefined && containerPort !== entry.port && !straight) {
      const reaches = [entry.services.length && 'the Service', entry.hostPort !== undefined && 'the host port'].filter(Boolean);
      result.errors.push({
        path: sourced(['ports', entry.name, 'containerPort'], containerPort).path,
        message:
          `is ${containerPort}, which ${chartName} writes as container port ${shownValue(name)}, but Traefik listens on ` +
          `ports.${keyText(entry.name)}.port (${entry.port}), so ${reaches.length ? reaches.join(' and ') : 'anything that uses the port name'} ` +
          `sends connections to ${containerPort}, where nothing listens: remove the key (the container port is then port)`,
      });
    }
    if (targetPort === undefined || !entry.services.length) continue;
    const sameName = typeof targetPort === 'string' && renderedPortName(targetPort, portNames) === name;
    if (straight || sameName || (containerPort === undefined && renderedInteger(targetPort) === entry.port)) continue;
    // A targetPort the API server refuses is an error of port-ranges.ts.
    const number = renderedInteger(targetPort);
    if (number === undefined ? typeof targetPort === 'string' && portNameProblem(targetPort) : number < 1 || number > 65535) continue;
    result.warnings.push({
      path: sourced(['ports', entry.name, 'targetPort'], targetPort).path,
      message:
        `is ${shownValue(targetPort)}, so the Service sends entrypoint ${keyText(entry.name)}'s connections to that port of the pods, while ` +
        `Traefik listens on ${entry.port}: keep it only for a load balancer that reaches Traefik another way (the chart's "useful for IP type LB"), else remove the key`,
    });
  }
}

/** Whether a flag sits in `additionalArguments`, which the chart writes after its own `--ping=true` (globalArguments come before). */
const additional = (flag: TraefikFlag) => flag.path[flag.path.length - 2] === 'additionalArguments';

/**
 * The chart always writes `--ping=true` and probes `/ping` on `deployment.healthchecksPort`, else `ports.traefik.port`
 * (templates/_podtemplate.tpl, v20.1.1 to v41.3.0). A later `--ping=<anything but true>` disables ping (Traefik's `Ping`
 * is an allowEmpty pointer, traefik/paerser parser/nodes_metadata.go: `Disabled` unless the value is "true", any case);
 * `--ping.entryPoint` moves it (an entrypoint name, matched as written); `--ping.manualRouting` leaves it to a router.
 */
function pingProblems(
  values: Values,
  flags: readonly TraefikFlag[],
  entrypoints: readonly Entrypoint[],
  chart: Version,
  result: RuleResult,
): void {
  const probe = probePort(values, entrypoints, chart);
  // Without a probe port the chart fails on its own (chart-failures.ts `probePort`).
  if (probe === undefined) return;
  const { port: probePortNumber, key } = probe;
  const healthKey = traefikChartRules(chart).probeKeys === 'deployment' ? 'deployment.healthchecksPort' : 'ports.traefik.healthchecksPort';
  const probes = `the chart's readiness and liveness probes call /ping on port ${probePortNumber} (${key.join('.')})`;
  const down = 'so no Traefik pod ever gets Ready, nothing answers on the VIP and the pods restart in a loop';
  const last = (name: string, from: readonly TraefikFlag[]) => from.filter((flag) => flag.name === name).at(-1);
  const ping = last('ping', flags.filter(additional));
  if (ping && blockState(ping.raw) === 'off') {
    result.errors.push({
      path: ping.path,
      message: `turns Traefik's ping off (any value but true does), but ${probes}, ${down}: remove it (the chart writes --ping=true itself)`,
    });
  }
  const entryPoint = last('ping.entrypoint', flags);
  if (entryPoint?.raw !== undefined) {
    const target = entrypoints.find((entry) => entry.name === entryPoint.raw);
    if (!target || target.port !== probePortNumber) {
      const where = target
        ? `entrypoint ${keyText(target.name)}, on port ${target.port}`
        : `${shownValue(entryPoint.raw)}, which names no entrypoint`;
      result.errors.push({
        path: entryPoint.path,
        message: `moves /ping to ${where}, but ${probes}, ${down}: remove it, or set ${healthKey} to the port of the entrypoint it names`,
      });
    }
  }
  const manual = last('ping.manualrouting', flags);
  // The entrypoints the probes call (their port), where a router to ping@internal must answer (ping-routers.ts).
  const names = entrypoints.filter((entry) => entry.port === probePortNumber).map((entry) => entry.name);
  if (!manual || !flagIsTrue(manual)) return;
  const where = names.length ? `entrypoint ${names.map(keyText).join(' or ')}` : 'that port';
  const requests = probeRequests(values, chart);
  const routers = pingRouters(values, chart, names, requests);
  if (!routers.length) {
    result.errors.push({
      path: manual.path,
      message:
        `makes Traefik serve /ping only through a router to ping@internal, but ${probes}, and no router to ping@internal is on ` +
        `${where} (Traefik answers 404 there), ${down}: ${pingRouterAdvice(chart)}, or remove the flag`,
    });
    return;
  }
  // Each probe needs a router whose rule matches its GET (ping-rule-match.ts); one message per path.
  const sources = [...new Set(routers.map((router) => router.source))].join(', ');
  const seen = new Set<string>();
  requests.forEach(({ path }, i) => {
    if (seen.has(path)) return;
    seen.add(path);
    const named = requests
      .filter((request) => request.path === path)
      .map((request) => request.probe)
      .join(' and ');
    const best = routers
      .map((router) => router.matches[i])
      .reduce((a, b) => (a === 'yes' || b === 'yes' ? 'yes' : a === 'unknown' || b === 'unknown' ? 'unknown' : 'no'));
    // A long path or host is named by its size (problem.ts keyText), as every echoed text.
    const host = requests[i].host;
    const request = `the ${named} probe${named.includes(' and ') ? 's' : ''}' GET ${keyText(path)} (Host: ${host === undefined ? "the pod's own address" : keyText(host)}, no query)`;
    if (best === 'no')
      result.errors.push({
        path: manual.path,
        message:
          `makes Traefik serve /ping only through a router to ping@internal, but the rule of every such router on ${where} (${sources}) ` +
          `never matches ${request}, so Traefik answers 404, ${down}: give one the rule PathPrefix(\`/ping\`) (no Host, Header or Query matcher), or remove the flag`,
      });
    else if (best === 'unknown')
      result.warnings.push({
        path: manual.path,
        message:
          `makes Traefik serve /ping only through a router to ping@internal, but whether the rule of a router to it on ${where} (${sources}) ` +
          `matches ${request} is not known here (a matcher this tool does not judge, or a regexp that may backtrack for long, which it does not run), and if none does no Traefik pod ever gets Ready: ` +
          `prefer the rule PathPrefix(\`/ping\`)`,
      });
  });
}
