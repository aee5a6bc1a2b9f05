import { formatPath, keyText, Path, Problem, quotedText, RuleResult, shownValue } from '../core/problem';
import type { PortRuleInputs, ValueSource } from './port-rule-inputs';
import type { Version } from '../semver';
import { parseIp } from '../net/ip';
import type { Entrypoint } from './entrypoints';
import { flagIsTrue } from './arguments';
import { traefikChartRules } from './chart-versions';
import type { TraefikChartRules } from './chart-versions';
import { portNameProblem } from '../core/port-name';
import { goTruthy } from './go-truth';
import { renderedInteger } from './yaml-number';
import { renderedPortName } from './port-names';
import { isMap } from '../core/is-map';
import { entrypointTls } from './entrypoint-tls';
import type { ProbeRequest } from './ping-rule-match';
import { pingRouters } from './ping-routers';
import { pingMiddlewareProblems } from './entrypoint-middlewares';

type Values = Readonly<Record<string, unknown>>;
const valueAt = (values: unknown, path: readonly string[]) =>
  path.reduce<unknown>((node, key) => (isMap(node) && Object.hasOwn(node, key) ? node[key] : undefined), values);

/**
 * The port Traefik opens its own `traefik` entrypoint on when ping is left there and no `ports.traefik` defines it
 * (traefik/traefik pkg/config/static/static_config.go `SetEffectiveConfiguration`: `EntryPoint{Address: ":8080"}`).
 */
export const INTERNAL_PING_PORT = 8080;

/** The probes' port as the chart reads it (chart-versions.ts `probeKeys`), with the values key that sets it. */
export interface ProbePort {
  readonly port: number;
  /** `ports.traefik.healthchecksPort`-style key, relative to the values. */
  readonly key: readonly string[];
  /** Set by the healthchecks key (else `ports.traefik.port`). */
  readonly own: boolean;
}

/** The version's healthchecks key (chart-versions.ts `probeKeys`), relative to the values. */
export function healthchecksKey(chart: Version): readonly string[] {
  return traefikChartRules(chart).probeKeys === 'deployment'
    ? ['deployment', 'healthchecksPort']
    : ['ports', 'traefik', 'healthchecksPort'];
}

/**
 * The port the chart's readiness and liveness probes call: the version's healthchecks key (Go-true), else
 * `ports.traefik.port`; a port name (a text) is resolved through the entrypoints' written port names. Undefined when
 * none is known (the chart then fails on its own: chart-failures.ts `probePort`) or a name names no entrypoint.
 */
export function probePort(values: Values, entrypoints: readonly Entrypoint[], chart: Version): ProbePort | undefined {
  const { portNames } = traefikChartRules(chart);
  const key = healthchecksKey(chart);
  const given = valueAt(values, key);
  if (goTruthy(given)) {
    const number = renderedInteger(given);
    const named =
      number === undefined && typeof given === 'string'
        ? entrypoints.find((entry) => renderedPortName(entry.name, portNames) === given)?.port
        : undefined;
    const port = number ?? named;
    return port === undefined ? undefined : { port, key, own: true };
  }
  const traefik = entrypoints.find((entry) => entry.name === 'traefik');
  return traefik && { port: traefik.port, key: ['ports', 'traefik', 'port'], own: false };
}

/** The kubelet's readiness and liveness requests as the chart writes them: their paths (`deployment.readinessPath` and `livenessPath`, `default "/ping"`, v28+; `/ping` before) and the host (`deployment.healthchecksHost`, v27+). */
export function probeRequests(values: Values, chart: Version): Array<ProbeRequest & { probe: 'readiness' | 'liveness' }> {
  const rules = traefikChartRules(chart);
  const host = valueAt(values, ['deployment', 'healthchecksHost']);
  const pathOf = (key: string) => {
    const path = rules.probePaths ? valueAt(values, ['deployment', key]) : undefined;
    return goTruthy(path) && typeof path === 'string' ? path : '/ping';
  };
  return (['readiness', 'liveness'] as const).map((probe) => ({
    probe,
    path: pathOf(`${probe}Path`),
    ...(rules.probeHost && goTruthy(host) && typeof host === 'string' && { host }),
  }));
}

/**
 * The chart's probes as they will be deployed (templates/_podtemplate.tpl, v20.1.1 to v41.3.0), judged against where
 * Traefik answers `/ping`: its ping router (pkg/provider/traefik/internal.go: `PathPrefix(\`/ping\`)` on
 * `ping.entryPoint`, default `traefik`, served over plain HTTP unless that entrypoint's TLS switch is on). The port
 * (`deployment.healthchecksPort`, `ports.traefik.healthchecksPort` before v24), the scheme, the host (v27+) and the
 * paths (v28+) each sent to where nothing answers leave every Traefik pod un-Ready and restarting.
 * A `--ping.entrypoint`, `--ping=false` or `--ping.manualRouting` flag is judged in port-listen.ts.
 */
export function probeProblems({ values, flags, entrypoints, chart, chartName, sourced, hostNetwork }: PortRuleInputs): RuleResult {
  const result: RuleResult = { errors: [], warnings: [] };
  const rules = traefikChartRules(chart);
  const last = (name: string) => flags.filter((flag) => flag.name === name).at(-1);
  const manual = last('ping.manualrouting');
  // With manualRouting a router to ping@internal answers on the probes' own entrypoint (port-listen.ts judges that router and
  // its rule), so the TLS and host rules hold there: the router inherits the entrypoint's TLS (entrypoint-tls.ts).
  const manualOn = manual !== undefined && flagIsTrue(manual);
  const probe = probePort(values, entrypoints, chart);
  const routed = manualOn ? entrypoints.find((entry) => probe !== undefined && entry.port === probe.port) : undefined;
  if (manualOn && !routed) return result;
  const moved = manualOn ? undefined : last('ping.entrypoint')?.raw;
  const pingName = routed?.name ?? moved ?? 'traefik';
  const target = entrypoints.find((entry) => entry.name === pingName);
  const pingPort = target?.port ?? (moved === undefined ? INTERNAL_PING_PORT : undefined);
  const down = 'so no Traefik pod ever gets Ready, nothing answers on the VIP and the pods restart in a loop';
  const at = (key: readonly string[], value: unknown) => sourced(key, value).path;
  const where = target
    ? `entrypoint ${keyText(target.name)} (port ${target.port})`
    : `Traefik's own traefik entrypoint, which it opens on :${INTERNAL_PING_PORT} once ports.traefik is dropped`;

  // The port: with a --ping.entrypoint flag port-listen.ts judges the pair.
  // The healthchecks key's value, unless the probes take ports.traefik.port (then it is not Go-true).
  const portKey = healthchecksKey(chart);
  const given = probe && !probe.own ? undefined : valueAt(values, portKey);
  // A port name: written as is into httpGet.port, which the kubelet resolves among the container's port names.
  const text = typeof given === 'string' && renderedInteger(given) === undefined ? given : undefined;
  const name = text === undefined ? undefined : quotedText(text, () => false, '');
  // Where the table's `probePortName` is false, the values schema refuses any text at the key: a name that names an
  // entrypoint is refused here with its number; one that names none is left to the schema's own message.
  if (name !== undefined && probe && !rules.probePortName) {
    result.errors.push({
      path: at(probe.key, given),
      message:
        `is ${name}, a text (the port name of port ${probe.port}), but ${chartName}'s values schema takes only a number here, ` +
        `so Helm refuses the values and the release fails to install: write ${pingPort ?? probe.port}`,
    });
  } else if (text !== undefined && text !== '' && !probe && rules.probePortName) {
    result.errors.push(
      unnamedPortProblem(
        portKey,
        text,
        quotedText(text, () => false, ''),
        entrypoints,
        rules.portNames,
        chartName,
        at,
        pingPort,
      ),
    );
  } else if (!manualOn && probe?.own && moved === undefined && pingPort !== undefined && probe.port !== pingPort) {
    const other = entrypoints.find((entry) => entry.port === probe.port);
    const there = other ? `entrypoint ${keyText(other.name)}'s port, which has no /ping router` : 'a port no entrypoint listens on';
    result.errors.push({
      path: at(probe.key, probe.port),
      message:
        `is ${name === undefined ? probe.port : `${name}, the port named so (${probe.port})`}, ${there}, but Traefik answers /ping only on ${where}, and ${chartName}'s readiness and liveness probes ` +
        `call this port, ${down}: set it to ${pingPort}, or remove the key`,
    });
  }

  // The scheme: `default "HTTP"`, written as is into httpGet.scheme (the API server takes HTTP or HTTPS), against whether the
  // ping entrypoint serves TLS, by its values switch or a flag (entrypoint-tls.ts).
  const schemeKey = rules.probeKeys === 'deployment' ? ['deployment', 'healthchecksScheme'] : ['ports', 'traefik', 'healthchecksScheme'];
  const scheme = valueAt(values, schemeKey);
  const tls = entrypointTls(values, flags, pingName, chart);
  // A router with TLS of its own answers HTTPS on an entrypoint without it, and only HTTPS: Traefik's docs
  // (routing-configuration/http/tls/overview) "process only TLS requests and ignore non-TLS traffic" (ping-routers.ts).
  const routers = manualOn ? pingRouters(values, chart, [pingName], []) : [];
  const routerTls = routers.some((router) => router.tls);
  if (goTruthy(scheme) && scheme !== 'HTTP') {
    const shown = typeof scheme === 'string' ? quotedText(scheme, () => false, '') : shownValue(scheme);
    if (scheme !== 'HTTPS') {
      result.errors.push({
        path: at(schemeKey, scheme),
        message: `is ${shown}, which ${chartName} writes as the probes' scheme, where the API server takes only HTTP or HTTPS (upper case), so the whole Traefik release fails to install: write HTTP, or remove the key`,
      });
    } else if (!tls.on && !routerTls) {
      result.errors.push({
        path: at(schemeKey, scheme),
        message:
          `is "HTTPS", but Traefik serves /ping on ${where} over plain HTTP${tls.flag ? ` (${formatPath(tls.flag.path)} turns its TLS off)` : ''}, ` +
          `so every probe's TLS handshake fails, ${down}: remove the key (the chart's default is HTTP)`,
      });
    }
  } else if (tls.on && (!probe || probe.port === pingPort)) {
    // Plain HTTP to an entrypoint serving TLS: Go's TLS server answers 400 ("Client sent an HTTP request to an HTTPS server").
    const plain =
      `${chartName}'s readiness and liveness probes call it over plain HTTP ` +
      `(${formatPath(schemeKey)} ${scheme === undefined ? 'unset' : `is ${shownValue(scheme)}`}), which gets a 400 from a TLS port, ${down}: ` +
      `set ${formatPath(schemeKey)}: HTTPS, or `;
    if (tls.chartDefault) {
      // The chart's own switch (websecure's): reported at what sent /ping and the probes there.
      const flag = moved === undefined ? undefined : last('ping.entrypoint');
      result.errors.push({
        path: flag ? flag.path : at(probe!.key, probe!.port),
        message:
          `${flag ? 'moves /ping to' : 'sends the probes to'} ${where}, which serves TLS by ${chartName}'s own default ` +
          `(${formatPath(tls.key!)}: true in its values.yaml, written as --entryPoints.${keyText(pingName)}.http.tls=true), but ${plain}` +
          `${flag ? 'remove the flag' : 'remove the key'}`,
      });
    } else {
      const why = tls.flag ? 'turns TLS on for' : `turns TLS on (the chart writes --entryPoints.${keyText(pingName)}.http.tls=true) for`;
      result.errors.push({
        path: tls.flag ? tls.flag.path : at(tls.key!, true),
        message: `${why} ${where}, where Traefik answers /ping, but ${plain}remove ${tls.flag ? 'the flag' : 'the key'}`,
      });
    }
  }

  if (!tls.on && (!goTruthy(scheme) || scheme === 'HTTP') && routers.length && routers.every((router) => router.tls))
    // 46b-1: plain-HTTP probes, and every router to ping@internal there takes TLS requests only.
    result.errors.push({
      path: manual!.path,
      message:
        `makes Traefik serve /ping only through a router to ping@internal, but every such router on ${where} ` +
        `(${[...new Set(routers.map((router) => router.source))].join(', ')}) has TLS of its own, so it ignores the plain HTTP ` +
        `of ${chartName}'s probes (${formatPath(schemeKey)} ${scheme === undefined ? 'unset' : `is ${shownValue(scheme)}`}), which get a 404, ${down}: ` +
        `drop the router's tls, or set ${formatPath(schemeKey)}: HTTPS`,
    });

  // 47b-2: the ping entrypoint's middlewares sit in front of its ping router too (entrypoint-middlewares.ts).
  result.errors.push(...pingMiddlewareProblems(values, flags, pingName, chart, where, down, portKey, at));

  if (rules.probeHost) hostProblem(values, pingName, chartName, sourced, hostNetwork, down, result);

  // With manualRouting the router's rule decides which paths answer (port-listen.ts).
  if (rules.probePaths && !manualOn) {
    for (const key of ['readinessPath', 'livenessPath']) {
      const path = valueAt(values, ['deployment', key]);
      // `default "/ping"`: a Go-false value keeps /ping; a value that is no text is the values schema's.
      if (!goTruthy(path) || typeof path !== 'string' || path.startsWith('/ping')) continue;
      const probe = key === 'readinessPath' ? 'readiness' : 'liveness';
      result.errors.push({
        path: at(['deployment', key], path),
        message:
          `is ${quotedText(path, () => false, '')}, which ${chartName} writes as the ${probe} probe's path, but on ${where} Traefik answers only ` +
          `/ping (its ping router, PathPrefix(\`/ping\`)), ${probe === 'readiness' ? 'so no Traefik pod ever gets Ready and nothing answers on the VIP' : 'so the kubelet restarts every Traefik pod in a loop'}: remove the key (the chart's default is /ping)`,
      });
    }
  }
  return result;
}

/**
 * A probe port name (a text the chart's schema takes: chart-versions.ts `probePortName`) that names no container port of
 * Traefik's pod, as the chart writes the entrypoints' port names (port-names.ts): the API server refuses one that is no
 * IANA_SVC_NAME (core/port-name.ts), and the kubelet finds no port for any other, so the pods never get Ready.
 */
function unnamedPortProblem(
  key: readonly string[],
  given: string,
  name: string,
  entrypoints: readonly Entrypoint[],
  portNames: TraefikChartRules['portNames'],
  chartName: string,
  at: (key: readonly string[], value: unknown) => Path,
  pingPort: number | undefined,
): Problem {
  const written = entrypoints.map((entry) => renderedPortName(entry.name, portNames));
  const near = written.find((port) => port.toLowerCase() === given.toLowerCase());
  const fix = `write ${[near, pingPort].filter((v) => v !== undefined).join(' or ') || "a container port's name or number"}`;
  const invalid = portNameProblem(given);
  return {
    path: at(key, given),
    message: invalid
      ? `is ${name}, which ${chartName} writes as the probes' port, where the API server takes a number or a port name (an IANA_SVC_NAME: ` +
        `at most 15 lower-case letters, digits and "-"), but ${invalid}, so the whole Traefik release fails to install: ${fix}`
      : `is ${name}, which ${chartName} writes as the probes' port, but no container port of Traefik's pod is named so (${written.join(', ') || 'none'}), ` +
        `so the kubelet's probes find no port and no Traefik pod ever gets Ready: ${fix}`,
  };
}

/**
 * `deployment.healthchecksHost` (v27+): the probes' `host`, which the kubelet calls from the node. Without hostNetwork
 * Traefik listens only in the pod's own network, whose address the probe finds when no host is given; with it, on the
 * node's addresses, or on `ports.<ping entrypoint>.hostIP` only when that is set (port-listen.ts).
 */
function hostProblem(
  values: Values,
  pingName: string,
  chartName: string,
  sourced: ValueSource,
  hostNetwork: boolean,
  down: string,
  result: RuleResult,
): void {
  const host = valueAt(values, ['deployment', 'healthchecksHost']);
  if (!goTruthy(host) || typeof host !== 'string') return;
  const path = sourced(['deployment', 'healthchecksHost'], host).path;
  const is = `is ${quotedText(host, () => false, '')}, which ${chartName} writes as the host of the readiness and liveness probes, which the kubelet calls from the node`;
  const remove = "remove the key (the probes then call the pod's own address)";
  if (!hostNetwork) {
    result.errors.push({
      path,
      message: `${is}, but Traefik listens only in the pod's own network, whose address is not known before the pod runs, ${down}: ${remove}`,
    });
    return;
  }
  const ip = parseIp(host);
  const listen = valueAt(values, ['ports', pingName, 'hostIP']);
  const listenIp = typeof listen === 'string' && listen !== '' ? parseIp(listen) : undefined;
  if (ip && listenIp && listenIp.value !== 0n && (ip.family !== listenIp.family || ip.value !== listenIp.value)) {
    result.errors.push({
      path,
      message: `${is}, but Traefik listens for /ping only on ${formatPath(['ports', pingName, 'hostIP'])}, another address, ${down}: ${remove}`,
    });
    return;
  }
  const loopback = ip && ((ip.family === 4 && ip.value >> 24n === 127n) || (ip.family === 6 && ip.value === 1n));
  if (ip && (loopback || ip.value === 0n)) return;
  result.warnings.push({
    path,
    message: `${is}; with hostNetwork every node running a Traefik pod must have that address${ip ? '' : ' (a name: the kubelet resolves it on each node)'}, else its pod never gets Ready: remove the key unless every such node has it`,
  });
}
