import { formatPath, keyText, Path, Problem, shownValue } from '../core/problem';
import type { Sourced } from '../load-balancer/deployed';
import { CHART_ENTRYPOINTS, Entrypoint } from './entrypoints';
import { zeroCount } from './rendered-count';
import { deletedMapFailures } from './deleted-maps';
import { emptiedProbeFailures } from './emptied-probes';
import { goTruthy as truthy } from './go-truth';
import { renderedInteger, sprigFloat } from './yaml-number';
import { rulesFor, Version } from '../semver';
import { traefikChartRules } from './chart-versions';
import { redirectionsUnder, zeroTargetMessage } from './redirects';
import { imageFailures } from './chart-image-failures';
import { podTemplateFailures } from './chart-pod-failures';
import { oldChartFailures } from './chart-old-failures';
import { show } from '../validate/paths';
import { isMap } from '../core/is-map';
import { dns1035Label } from '../config/formats';

/**
 * Values the Traefik chart's own templates `fail` on, by upstream chart version: helm-controller's install
 * job then fails and K3s keeps the old Traefik (or none). Only conditions read in the templates of
 * traefik/traefik-helm-chart at every tag from v20.1.1 to v41.3.0 are listed; the values schema catches the rest.
 */
interface ChartFailures {
  /**
   * `ports.<name>.redirectTo` fails "redirectTo syntax has been removed in v34 of this Chart"
   * (templates/_podtemplate.tpl, v34.0.0 to v37.4.0; from v38.0.0 the values schema closes the port entries).
   */
  readonly redirectToRemoved: boolean;
  /**
   * Where a port's TLS switch lives, under `ports.<name>`: templates/service.yaml fails "You cannot enable http3
   * without enabling tls" when `http3.enabled` is set and it is not (`$config.tls.enabled` v20.1.1 to v38.x,
   * `($config.http).tls.enabled` from v39.0.0; the chart's `websecure` has it true, traefik/values.yaml).
   */
  readonly tlsSwitch: readonly string[];
  /**
   * What templates/service.yaml fails with for a Service without a port (`%s`: its name): "You need to expose at
   * least one port ..." v20.1.1 to v28.x, "Cannot create Service %s without ports" from v29.0.0.
   */
  readonly noPorts: string;
  /**
   * What the probes read once `ports.traefik` is dropped (templates/_podtemplate.tpl): `.Values.ports.traefik.port`
   * up to v23.1 (a nil pointer: the render fails); `.Values.ports.web.port` in v23.2 (failing alike without `web`);
   * from v24.0.0 `deployment.healthchecksPort`, failing "ERROR: When disabling traefik port, you need to specify
   * `deployment.healthchecksPort`" when that is empty.
   */
  readonly probePort: 'traefik' | 'web' | 'healthchecksPort';
  /**
   * A `redirections.entryPoint` to an entrypoint whose TLS switch is on fails "Cannot redirect %s to %s without setting
   * scheme to https" unless `scheme` is "https": also when none is given up to v36.x (`ne .scheme "https"`), only when
   * one is given from v37.0.0 (`and (...tls.enabled) .scheme (ne .scheme "https")`, templates/_podtemplate.tpl).
   */
  readonly redirectNeedsScheme: boolean;
}

/**
 * Two failures hold at every supported tag (templates/deployment.yaml and daemonset.yaml, v20.1.1 to v41.3.0):
 * `image.tag: latest` ("ERROR: latest tag should not be used"), and a DaemonSet with `hostNetwork: true`
 * whose RollingUpdate `maxUnavailable` is a number below 1 ("maxUnavailable should be greater than 1 when
 * using hostNetwork", "... than 0 ..." in newer tags; the chart's default is 0, traefik/values.yaml).
 */
const CHART_FAILURES: ReadonlyArray<{ since: string } & Partial<ChartFailures>> = [
  {
    since: '20.0.0',
    redirectToRemoved: false,
    tlsSwitch: ['tls', 'enabled'],
    noPorts: 'You need to expose at least one port or set enabled=false to service',
    probePort: 'traefik',
    redirectNeedsScheme: false,
  },
  { since: '23.2.0', probePort: 'web' },
  { since: '24.0.0', probePort: 'healthchecksPort' },
  { since: '29.0.0', noPorts: 'Cannot create Service %s without ports' },
  { since: '34.0.0', redirectToRemoved: true, redirectNeedsScheme: true },
  { since: '37.0.0', redirectNeedsScheme: false },
  { since: '38.0.0', redirectToRemoved: false },
  { since: '39.0.0', tlsSwitch: ['http', 'tls', 'enabled'] },
];

type Values = Record<string, unknown>;

const valueAt = (values: unknown, path: readonly string[]) =>
  path.reduce<unknown>((node, key) => (isMap(node) && Object.hasOwn(node, key) ? node[key] : undefined), values);

/**
 * Where the merged `values` make the chart's templates fail, each at the key that supplied the value.
 * `sourced` finds that key; `kind` is the effective `deployment.kind`.
 */
/** The protocols of a container's and a Service's ports (k8s.io/api core/v1 Protocol). */
const API_PROTOCOLS: readonly unknown[] = ['TCP', 'UDP', 'SCTP'];
/** The protocols of Traefik's entrypoints (its address' `/tcp` or `/udp`), as the API server spells them. */
const TRAEFIK_PROTOCOLS: readonly unknown[] = ['TCP', 'UDP'];

export function chartFailures(
  values: Values,
  chart: Version,
  kind: Sourced<string>,
  sourced: <T>(path: readonly string[], fallback: T, fallbackPath?: Path) => Sourced<T>,
  ports: readonly Entrypoint[],
  prefix: Path,
): Problem[] {
  const rules = rulesFor<ChartFailures>(CHART_FAILURES, chart);
  const chartName = `Traefik chart ${chart.tag.slice(1)}`;
  const problems: Problem[] = [];
  // `deployment.yaml` and `daemonset.yaml` render on `eq .Values.deployment.kind "Deployment"` / `"DaemonSet"` (v20 to
  // v41); a null deletes the chart's default (Helm's coalesce), so neither matches.
  if (kind.value === null) {
    problems.push({
      path: kind.path,
      message:
        "is null, which deletes the chart's default (Deployment), so the chart renders neither a Deployment nor a DaemonSet and " +
        'no Traefik pod runs and nothing answers on its VIP: write Deployment or DaemonSet, or remove the key',
    });
  }
  const image = isMap(values.image) ? values.image : {};
  if (image.tag === 'latest') {
    problems.push({
      path: sourced(['image', 'tag'], image.tag).path,
      message: `is "latest", which ${chartName} refuses to render ("latest tag should not be used"): pin a Traefik release, or remove the key (K3s pins one)`,
    });
  }
  // A tag YAML reads as a number (`tag: 2.11`) reaches the templates as a float64: the image-version helper runs
  // `split "@" (default $.Chart.AppVersion $.Values.image.tag)` (templates/_helpers.tpl), and sprig's split takes a
  // text, so the render fails; the image name's `printf "%s"` would print `%!s(float64=2.11)`. Go-false values
  // (0, false) fall back to the chart's AppVersion through `default`.
  if (image.tag !== undefined && typeof image.tag !== 'string' && truthy(image.tag)) {
    const given = typeof image.tag === 'number' ? `a number, ${image.tag}` : `a ${describeKind(image.tag)}`;
    problems.push({
      path: sourced(['image', 'tag'], image.tag).path,
      message:
        `is ${given}, not a text, and ${chartName}'s templates fail on it (the image tag goes through sprig's split, which takes only a text): ` +
        // A number's fix keeps it (79b-12): the config door says it as written (`3.10`, not `3.1`).
        `${typeof image.tag === 'number' ? `quote it ("${image.tag}")` : 'quote the tag ("v3.6.2")'}, or remove the key (K3s pins one)`,
    });
  }
  problems.push(...imageFailures(values, chart, chartName, sourced));
  if (rules.redirectToRemoved) {
    const ports = isMap(values.ports) ? values.ports : {};
    for (const [name, port] of Object.entries(ports)) {
      if (!isMap(port) || !port.redirectTo) continue;
      problems.push({
        path: sourced(['ports', name, 'redirectTo'], undefined).path,
        message:
          `is set, but ${chartName} fails on it ("redirectTo syntax has been removed in v34 of this Chart"): ` +
          // The keys as the reader writes them: under `traefik` in a config, bare in a construct's props.
          `use ${formatPath([...prefix, 'values', 'ports', name, 'redirections'])} (or ${formatPath([...prefix, 'redirectToHttps'])})`,
      });
    }
  }
  // The chart writes `ports.<name>.protocol` unchanged into the container's and the Service's ports
  // (traefik/templates/_podtemplate.tpl, _service.tpl), where the API server takes only these (core/v1 Protocol).
  for (const [name, port] of Object.entries(isMap(values.ports) ? values.ports : {})) {
    if (!isMap(port) || port.protocol === undefined || port.protocol === null || TRAEFIK_PROTOCOLS.includes(port.protocol as string))
      continue;
    // SCTP passes the API server, but the chart also writes it into `--entryPoints.<name>.address=...:<port>/sctp`, and
    // Traefik takes only tcp or udp there (traefik/traefik pkg/config/static/entrypoints.go GetProtocol: "invalid protocol").
    const api = API_PROTOCOLS.includes(port.protocol as string);
    problems.push({
      path: sourced(['ports', name, 'protocol'], undefined).path,
      message: api
        ? `is ${shownValue(port.protocol)}, which the chart also writes into Traefik's address for entrypoint ${keyText(name)} (/${String(port.protocol).toLowerCase()}), ` +
          `where Traefik takes only tcp or udp ("invalid protocol"), so Traefik does not start: write TCP or UDP`
        : `is ${show(port.protocol)}, which the chart writes unchanged into the pod's and the Service's ports, where the API server ` +
          'takes only TCP, UDP or SCTP in upper case, and Traefik only TCP or UDP, so the whole Traefik release fails to install: write TCP or UDP',
    });
  }
  problems.push(...deletedMapFailures(values, chart, chartName, sourced));
  problems.push(...emptiedProbeFailures(values, chartName, sourced));
  problems.push(...podTemplateFailures(values, chart, kind, sourced, chartName, ports));
  problems.push(...oldChartFailures(values, chart, sourced, chartName));
  problems.push(...droppedTraefikPort(values, rules, chartName, sourced, prefix));
  problems.push(...redirectFailures(values, chart, rules, chartName, sourced, ports, prefix));
  // `port: null` deletes the chart's default (Helm's coalesce, helm/helm pkg/chartutil/coalesce.go), and an entrypoint of
  // the user's keeps it nil: `if $config` still renders the entrypoint, with `containerPort: {{ default $config.port
  // $config.containerPort }}` empty and `--entryPoints.<name>.address=:/tcp` (templates/_podtemplate.tpl, v34.2.0 to v39.0.7).
  for (const [name, port] of Object.entries(isMap(values.ports) ? values.ports : {})) {
    if (!isMap(port) || port.port !== null) continue;
    const own = CHART_ENTRYPOINTS.includes(name);
    problems.push({
      path: sourced(['ports', name, 'port'], undefined).path,
      message:
        `is null, which leaves entrypoint ${keyText(name)} without a port${own ? " (Helm removes the chart's default given as null)" : ''}: ` +
        "the chart then renders an empty containerPort, which the API server refuses in Traefik's Deployment, and Traefik's " +
        `address for it has no port, so the whole Traefik release fails: ${own ? "remove the key to keep the chart's port, or give one" : 'give it a port'}`,
    });
  }
  // The chart's defaults (traefik/values.yaml): RollingUpdate with maxUnavailable 0.
  const strategy = isMap(values.updateStrategy) ? values.updateStrategy : {};
  const rolling = strategy.rollingUpdate === undefined ? {} : strategy.rollingUpdate;
  if (
    kind.value === 'DaemonSet' &&
    // v25 daemonset.yaml: `if and ($.Values.hostNetwork) (lt (float64 .rollingUpdate.maxUnavailable) 1.0)`, Go truth.
    truthy(values.hostNetwork) &&
    (strategy.type ?? 'RollingUpdate') === 'RollingUpdate' &&
    isMap(rolling)
  ) {
    // The guard reads the value itself, not the rendered one: sprig's float64, so `"00"` and `"0x1"` are below 1.
    const written = rolling.maxUnavailable ?? 0;
    const maxUnavailable = typeof written === 'string' && !written.includes('%') ? sprigFloat(written) : written;
    // The chart's guard skips a percentage, but "0%" is the same strategy as 0: the surge pod waits on the taken ports.
    const zeroPercent = typeof written === 'string' && written.includes('%') && zeroCount(written);
    if ((typeof maxUnavailable === 'number' && maxUnavailable < 1) || zeroPercent) {
      const given = sourced(['updateStrategy', 'rollingUpdate', 'maxUnavailable'], undefined, sourced(['hostNetwork'], true).path);
      const key = (name: string) => formatPath([...prefix, 'values', 'updateStrategy', 'rollingUpdate', name]);
      problems.push({
        path: given.path,
        message:
          `${given.value === undefined ? "is true, and the chart's default updateStrategy.rollingUpdate.maxUnavailable is 0" : `is ${shownValue(given.value)}`}, but a DaemonSet with hostNetwork cannot start a new pod before the old one ` +
          (zeroPercent
            ? 'frees its ports, so every rollout hangs with the new pod Pending: '
            : `frees its ports, and ${chartName} refuses it ("maxUnavailable should be greater than ... when using hostNetwork"): `) +
          // With maxSurge 0: a DaemonSet may not have both non-zero (the API server's rule, traefik/effective.ts).
          `set ${key('maxUnavailable')}: 1 and maxSurge: 0`,
      });
    }
  }
  problems.push(...serviceFailures(values, rules, chart, chartName, sourced, ports));
  return problems;
}

/** Whether entrypoint `name` serves TLS by its chart switch (`tlsSwitch`; the chart's websecure has it on, traefik/values.yaml). */
export function servesTls(values: Values, name: string, chart: Version): boolean {
  const port = isMap(values.ports) ? values.ports[name] : undefined;
  return truthy(tlsSwitch(port, name, rulesFor<ChartFailures>(CHART_FAILURES, chart).tlsSwitch));
}

/** Where chart `chart` reads a port's TLS switch under `ports.<name>` (`tlsSwitch`). */
export const tlsSwitchKey = (chart: Version): readonly string[] => rulesFor<ChartFailures>(CHART_FAILURES, chart).tlsSwitch;

/** An entrypoint's TLS switch as the chart reads it: websecure's default is on; a null on the way deletes it, so it is off. */
export function tlsSwitch(port: unknown, name: string, at: readonly string[]): unknown {
  const deleted = at.some((_, i) => valueAt(port, at.slice(0, i + 1)) === null) || port === null;
  const on = valueAt(port, at);
  return on === undefined && !deleted && name === 'websecure' ? true : on;
}

/** `ports.<name>.exposedPort` in the chart's values.yaml (v34.2.0 to v41.3.0), exposed on a Service or not. */
const CHART_EXPOSED_PORTS: Readonly<Record<string, number>> = { traefik: 8080, web: 80, websecure: 443, metrics: 9100 };

/**
 * `ports.<name>.redirections.entryPoint` (under `http` from v39, traefik/redirects.ts), which templates/_podtemplate.tpl
 * (v34.0.0 to v41.3.0) renders only for a `to` naming a key of `ports` (`hasKey $.Values.ports .to`, else "Cannot
 * redirect %s to %s: entryPoint not found"; sprig's hasKey takes a text only, so a number or list fails too), and to a
 * TLS entrypoint only with scheme https (`redirectNeedsScheme`). A `:port` target is the flag's alone.
 */
function redirectFailures(
  values: Values,
  chart: Version,
  rules: ChartFailures,
  chartName: string,
  sourced: <T>(path: readonly string[], fallback: T, fallbackPath?: Path) => Sourced<T>,
  entrypoints: readonly Entrypoint[],
  prefix: Path,
): Problem[] {
  const under = redirectionsUnder(chart);
  const ports = isMap(values.ports) ? values.ports : {};
  const known = (name: unknown) =>
    typeof name === 'string' && (entrypoints.some((entry) => entry.name === name) || (Object.hasOwn(ports, name) && ports[name] !== null));
  return Object.entries(under ? ports : {}).flatMap(([from, port]): Problem[] => {
    const at = ['ports', from, ...under!, 'redirections', 'entryPoint'];
    const entryPoint = valueAt(values, at);
    // The template reads it with `with`: a Go-false entryPoint renders nothing.
    if (!truthy(entryPoint) || !isMap(port)) return [];
    const { to, scheme } = isMap(entryPoint) ? entryPoint : ({} as Values);
    const flag = `--entrypoints.${from}.http.redirections.entrypoint.to=:<port>`;
    if (!known(to)) {
      const given =
        to === undefined || to === null
          ? 'has no to'
          : `is ${typeof to === 'string' ? shownValue(to) : `a ${describeKind(to)}`}, which names no key of ports`;
      return [
        {
          path: sourced([...at, 'to'], undefined, sourced(at, undefined).path).path,
          message:
            `${given}, and ${chartName} fails on it ("Cannot redirect ${from} to ...: entryPoint not found"): ` +
            `write an entrypoint's name exactly as under ${formatPath([...prefix, 'values', 'ports'])} (websecure); a port target is the flag's alone (${flag})`,
        },
      ];
    }
    // The chart writes `to=:{{ $toPort.exposedPort }}`: without one (the user's entrypoint, or the default deleted with a
    // null) Traefik gets `to=:`, logs an error and makes no redirection.
    const target = ports[to as string];
    const exposed = isMap(target) && Object.hasOwn(target, 'exposedPort') ? target.exposedPort : CHART_EXPOSED_PORTS[to as string];
    if (exposed === undefined || exposed === null || exposed === '') {
      return [
        {
          path: sourced([...at, 'to'], undefined).path,
          message:
            `redirects to ${String(to)}, which has no exposedPort, so ${chartName} writes --entryPoints.${from}.http.redirections.entryPoint.to=: ` +
            `and Traefik makes no redirection: give ${formatPath([...prefix, 'values', 'ports', String(to), 'exposedPort'])} the port clients reach it on`,
        },
      ];
    }
    // 79b-8: exposedPort 0 puts the Service on `port` (entrypoints.ts), but the flag gets `to=:0`, as the flag door refuses.
    if (renderedInteger(exposed) === 0) {
      return [
        {
          path: sourced([...at, 'to'], undefined).path,
          message: zeroTargetMessage(chartName, `--entryPoints.${from}`, String(to), prefix),
        },
      ];
    }
    if (!servesTls(values, to as string, chart) || scheme === 'https' || (!rules.redirectNeedsScheme && !truthy(scheme))) return [];
    return [
      {
        path: sourced([...at, 'scheme'], undefined, sourced([...at, 'to'], undefined).path).path,
        message:
          `${scheme === undefined ? `redirects to ${String(to)}, which serves TLS, with no scheme` : `is ${shownValue(scheme)} on a redirect to ${String(to)}, which serves TLS`}, ` +
          `and ${chartName} fails on it ("Cannot redirect ${from} to ${String(to)} without setting scheme to https"): ` +
          `set ${formatPath([...prefix, 'values', ...at, 'scheme'])}: https`,
      },
    ];
  });
}

/** `ports.traefik` dropped with a null (`ports.traefik: null`, `ports: null`), where the probes then read nothing (`probePort`). */
function droppedTraefikPort(
  values: Values,
  rules: ChartFailures,
  chartName: string,
  sourced: <T>(path: readonly string[], fallback: T, fallbackPath?: Path) => Sourced<T>,
  prefix: Path,
): Problem[] {
  const dropped = (name: string) => values.ports === null || (isMap(values.ports) && values.ports[name] === null);
  if (!dropped('traefik')) return [];
  const path = sourced(['ports', 'traefik'], undefined, sourced(['ports'], undefined).path).path;
  const what = `drops the chart's ports.traefik (Helm removes a default given as null)`;
  if (rules.probePort === 'healthchecksPort') {
    if (truthy(valueAt(values, ['deployment', 'healthchecksPort']))) return [];
    return [
      {
        path,
        message:
          `${what}, and ${chartName} then fails ("When disabling traefik port, you need to specify \`deployment.healthchecksPort\`"): ` +
          `remove the key, or set ${formatPath([...prefix, 'values', 'deployment', 'healthchecksPort'])}: 8080, where Traefik then opens ` +
          'its own traefik entrypoint for /ping (or the port of the entrypoint a --ping.entrypoint flag names)',
      },
    ];
  }
  if (rules.probePort === 'web' && !dropped('web')) return [];
  const read = rules.probePort === 'web' ? 'ports.web.port' : 'ports.traefik.port';
  return [{ path, message: `${what}, but ${chartName}'s probes read ${read}, so its templates fail: remove the key` }];
}

/** The autoscaler's, entrypoints' and Services' failures (templates/hpa.yaml, service.yaml, _service.tpl). */
function serviceFailures(
  values: Values,
  rules: ChartFailures,
  chart: Version,
  chartName: string,
  sourced: <T>(path: readonly string[], fallback: T, fallbackPath?: Path) => Sourced<T>,
  entrypoints: readonly Entrypoint[],
): Problem[] {
  const problems: Problem[] = [];
  // templates/hpa.yaml, v20.1.1 to v41.3.0: `if not .Values.autoscaling.maxReplicas` fails.
  if (truthy(valueAt(values, ['autoscaling', 'enabled'])) && !truthy(valueAt(values, ['autoscaling', 'maxReplicas']))) {
    const given = sourced(['autoscaling', 'maxReplicas'], undefined, sourced(['autoscaling', 'enabled'], true).path);
    problems.push({
      path: given.path,
      message:
        `${given.value === undefined ? 'is true, but autoscaling.maxReplicas is not set' : `is ${shownValue(given.value)}`}, and ${chartName} ` +
        'fails on it ("maxReplicas is required on HPA"): set autoscaling.maxReplicas to the most Traefik pods the autoscaler may run (1 to 100)',
    });
  }
  const service = isMap(values.service) ? values.service : {};
  // Rendered by name from v27 (chart-versions.ts `servicesByName`): each fails without a port, and "Cannot create a service
  // whose full name contains more than 60 characters" when `traefik-<name>` has 60 or more. Before, only Traefik's own.
  const { servicesByName } = traefikChartRules(chart);
  const additional = isMap(service.additionalServices) && servicesByName ? service.additionalServices : {};
  const rendered = [
    ...(service.enabled === false ? [] : [{ name: 'default', fullName: 'traefik', at: ['ports'] }]),
    ...Object.entries(additional)
      .filter(([, block]) => isMap(block) && block.enabled !== false)
      .map(([name]) => ({ name, fullName: `traefik-${name}`, at: ['service', 'additionalServices', name] })),
  ];
  // Every rendered Service walks the entrypoints (templates/service.yaml), so the http3 check needs one.
  const ports = isMap(values.ports) ? values.ports : {};
  for (const [name, port] of Object.entries(rendered.length ? ports : {})) {
    if (!isMap(port) || !truthy(valueAt(port, ['http3', 'enabled']))) continue;
    const tls = [...rules.tlsSwitch];
    const on = tlsSwitch(port, name, tls);
    if (truthy(on)) continue;
    problems.push({
      path: sourced(['ports', name, 'http3', 'enabled'], true).path,
      message:
        `is true, but ports.${keyText(name)}.${tls.join('.')} is ${on === undefined ? 'not set' : shownValue(on)}, and ${chartName} fails on it ` +
        `("You cannot enable http3 without enabling tls"): set ports.${keyText(name)}.${tls.join('.')}: true, or turn http3 off`,
    });
  }
  // From v27 every rendered Service looks `expose` up by its name (`index (default dict $config.expose) $name`,
  // templates/service.yaml v27.0.0 to v41.3.0): a value Go templates hold true that is not a map (`expose: true`, the form
  // of older charts) fails the render ("can't index item of type bool"); a false one falls back to the empty map.
  for (const [name, port] of Object.entries(servicesByName && rendered.length ? ports : {})) {
    const expose = isMap(port) ? port.expose : undefined;
    if (expose === undefined || isMap(expose) || !truthy(expose)) continue;
    problems.push({
      path: sourced(['ports', name, 'expose'], expose).path,
      message:
        `is ${expose === true ? 'true' : `a ${describeKind(expose)}`}, not a map, and ${chartName} fails on it (from chart v27 it reads ` +
        `expose by Service name: "can't index item"): write expose: {default: true}, and a key for each additional Service to expose it on`,
    });
  }
  for (const { name, fullName, at } of rendered) {
    // `traefik` is K3s' release name; the chart allows 64 characters less `-udp` (_service.tpl).
    if (name !== 'default' && fullName.length >= 60) {
      problems.push({
        path: sourced(at, undefined).path,
        message:
          `makes a Service named ${fullName.length > 80 ? `traefik- and the key (${fullName.length} characters)` : `${fullName}, ${fullName.length} characters`}, and ${chartName} fails on it ("Cannot create a service whose ` +
          `full name contains more than 60 characters"): use a name of at most ${59 - 'traefik-'.length} characters`,
      });
    }
    // 64b-7: the chart names it `traefik-<key>` (_service.tpl `traefik.service-name`), a Service name the API server holds
    // to a DNS-1035 label (ValidateServiceName): `Internal_X` renders but the release fails.
    const invalid = name !== 'default' && fullName.length < 60 ? dns1035Label(fullName) : undefined;
    if (invalid)
      problems.push({
        path: sourced(at, undefined).path,
        message: `makes the chart name a Service traefik-<key>, and ${invalid}, so the API server refuses it and the Traefik release fails: rename the key`,
      });
    if (entrypoints.some((entry) => entry.services.includes(name))) continue;
    const expose = servicesByName ? `expose.${name}: true` : 'expose: true';
    problems.push({
      path: sourced(at, undefined, sourced(['service'], undefined).path).path,
      message:
        `leaves ${name === 'default' ? "Traefik's own Service" : `Service ${fullName}`} with no port (no entrypoint has ${expose}), and ` +
        `${chartName} fails on it ("${rules.noPorts.replace('%s', fullName)}"): set ports.<entrypoint>.${expose} on an entrypoint` +
        (name === 'default' ? ' (web or websecure)' : ', or remove the Service'),
    });
  }
  return problems;
}

/** The chart's supported `deployment.kind` values: deployment.yaml renders only "Deployment", daemonset.yaml only "DaemonSet". */
export const TRAEFIK_KINDS = ['Deployment', 'DaemonSet'] as const;

const describeKind = (value: unknown) => (Array.isArray(value) ? 'list' : isMap(value) ? 'map' : typeof value);
