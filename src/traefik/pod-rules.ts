import { formatPath, keyText, Path, quotedText, Report, shownValue } from '../core/problem';
import type { EffectiveTraefik } from './effective';
import type { Entrypoint } from './entrypoints';
import type { Sourced } from '../load-balancer/deployed';
import { TRAEFIK_KINDS } from './chart-failures';
import { isTemplated, KUBE_VIP_CLASS, TEMPLATED } from './service-facts';
import { KUBE_VIP_METRICS_PORT } from '../kube-vip/model';
import { foreignClassMessage } from '../kube-vip/versions';
import { goTruthy } from './go-truth';
import { renderedRollout, renderedStrategyType } from './rendered-count';
import { BOTH_ZERO_ROLLOUT, countFix, countProblem, countText } from '../core/int-or-string';
import { isMap } from '../core/is-map';

/** The most Traefik pods a config may ask for, through `traefik.replicas` (src/config/schema.ts) or the chart values. */
const MAX_PODS = 100;

/** kube-vip's own LoadBalancer class (default of `lb_class_name`, kube-vip/kube-vip cmd/kube-vip.go). */

/**
 * Ports K3s itself holds on every node (docs.k3s.io/installation/requirements#inbound-rules-for-k3s-nodes), also those
 * bound on 127.0.0.1 only (Linux refuses a wildcard bind while a loopback listener holds the port, SO_REUSEADDR or not),
 * and the one kube-vip's DaemonSet opens on the node's network on every control-plane node: a Traefik host port or
 * host-network listener on one of them takes it from its owner or fails to start.
 * - 6443 the supervisor, which serves the API to clients; 6444 the apiserver itself on 127.0.0.1 (k3s-io/k3s pkg/cli/server/server.go: APIServerPort = HTTPSPort + 1).
 * - 10248 kubelet healthz, 10249 kube-proxy metrics, 10256 kube-proxy healthz, 10257 kube-controller-manager,
 *   10259 kube-scheduler (kubernetes/kubernetes pkg/cluster/ports/ports.go and the component defaults).
 * - 10010 containerd's CRI stream server (k3s-io/k3s pkg/agent/templates/templates_linux.go, stream_server_port).
 * - 2381 embedded etcd's metrics listener, http://127.0.0.1:2381 unless etcd-expose-metrics (k3s-io/k3s pkg/etcd/etcd.go
 *   metricsURL); 10258 K3s' embedded cloud-controller-manager, bound to the loopback (k3s-io/k3s pkg/daemons/control/server.go
 *   cloudControllerManager: bind-address cfg.Loopback) on its default secure port (k8s.io/cloud-provider
 *   options.CloudControllerManagerPort = 10258).
 */
const NODE_PORTS: ReadonlyMap<string, string> = new Map([
  ...[
    ['6443/TCP', "the K3s API server's"],
    ['10250/TCP', "the kubelet's"],
    ['10256/TCP', "kube-proxy's healthz"],
    ['2379/TCP', "etcd's client"],
    ['2380/TCP', "etcd's peer"],
    ['8472/UDP', "flannel VXLAN's"],
    ['51820/UDP', "flannel WireGuard's"],
    ['51821/UDP', "flannel WireGuard's (IPv6)"],
  ].map(([port, owner]): [string, string] => [port, `${owner} port on every K3s node`]),
  ...[
    ['10248/TCP', "the kubelet's healthz port", 'node'],
    ['10249/TCP', "kube-proxy's metrics port", 'node'],
    ['10010/TCP', "containerd's CRI stream port", 'node'],
    ['6444/TCP', "the K3s API server's own port (the supervisor serves 6443 and passes it on)", 'server'],
    ['10257/TCP', "kube-controller-manager's port", 'server'],
    ['10259/TCP', "kube-scheduler's port", 'server'],
    ['2381/TCP', "embedded etcd's metrics port", 'server'],
    ['10258/TCP', "the K3s cloud-controller-manager's port", 'server'],
  ].map(([port, owner, where]): [string, string] => [port, `${owner}, on 127.0.0.1 of every K3s ${where}`]),
  [
    `${KUBE_VIP_METRICS_PORT}/TCP`,
    "kube-vip's metrics port (prometheus_server) on every control-plane node, where kube-vip runs with hostNetwork",
  ],
]);

/**
 * A container port that a pod opens on its node (its `hostPort`, or under `hostNetwork` the port itself, which the API
 * server defaults to the host port) where K3s holds it (NODE_PORTS): for Traefik's pods, `extraObjects` workloads and,
 * round 71, an app's workloads beside a construct (output/construct-sibling-pods.ts). `what` names the port's use.
 */
export function nodePortProblem(
  hostPort: number | undefined,
  port: number,
  protocol: string,
  hostNetwork: boolean,
  what = '',
): string | undefined {
  const onNode = hostPort ?? (hostNetwork ? port : undefined);
  const owner = onNode === undefined ? undefined : NODE_PORTS.get(`${onNode}/${protocol}`);
  if (!owner) return undefined;
  const how = hostPort !== undefined ? `host port ${onNode}` : `port ${onNode} on the node's network (hostNetwork)`;
  return `opens ${how}${what}, which is ${owner}: pick another port`;
}

/**
 * What the merged values do to Traefik's pods and Service that a first-class key would never write:
 * no Traefik at all, zero or autoscaled pods next to one ACME store, a Service kube-vip ignores or with
 * a second VIP source, a rollout the API server refuses, entrypoints that collide with each other or
 * with K3s' own ports.
 */
export function checkTraefikPods(traefik: EffectiveTraefik, error: Report): void {
  // https://doc.traefik.io/traefik/getting-started/configuration-overview/: the three static-configuration sources
  // (file, flags, environment) are mutually exclusive, tried in that order (traefik/traefik cmd/traefik/traefik.go loaders).
  const ignoresFlags =
    "Traefik ignores every command-line flag, the chart's own (entrypoints, Ingress provider, trusted proxies, ACME resolvers) " +
    'and those these rules judge, while the file itself cannot be checked here';
  for (const problem of traefik.argumentProblems) error(problem.path, problem.message, problem.aboutName ? { aboutName: true } : undefined);
  if (traefik.configFile) {
    error(
      traefik.configFile,
      `points Traefik at a static configuration file, and with one ${ignoresFlags}: remove it and set the options through the chart values or flags`,
    );
  }
  // Without --configfile Traefik looks for traefik.yml/.yaml/.toml in /etc/traefik/, $XDG_CONFIG_HOME/, $HOME/.config/ and the
  // working directory (doc.traefik.io/traefik/reference/install-configuration/boot-environment/, "Configuration File").
  for (const mount of traefik.staticConfigMounts) {
    error(
      mount,
      'mounts a volume where Traefik looks for its static configuration file (traefik.yml, traefik.yaml or traefik.toml in ' +
        `/etc/traefik/, $XDG_CONFIG_HOME/, $HOME/.config/ or the working directory), and with one ${ignoresFlags}: ` +
        'mount it elsewhere, and set the options through the chart values or flags',
    );
  }
  for (const { path, name, volume } of traefik.searchDirectories.onChartVolume) {
    error(
      path,
      `sets ${name} so that a directory where Traefik looks for its static configuration file (traefik.yml, traefik.yaml or traefik.toml in ` +
        `$${name === 'HOME' ? 'HOME/.config' : name}/) lies on ${volume}, as a volume mounted at /etc/traefik would, and with a file there ${ignoresFlags}: remove it`,
    );
  }
  for (const entry of traefik.searchDirectories.unknowable) {
    error(
      entry,
      'sets a directory where Traefik looks for its static configuration file ($XDG_CONFIG_HOME/ or $HOME/.config/) from ' +
        'valueFrom or $(VAR), so whether a volume mounted beside it holds that file cannot be judged: give a literal value',
    );
  }
  // `if and .Values.deployment.enabled ...` (templates/deployment.yaml and daemonset.yaml, v20 to v41): Go truth, so 0 and
  // "" deploy nothing too. A null deletes the chart's default (Helm's coalesce, pkg/chartutil/coalesce.go), leaving nil: false.
  const enabled = traefik.enabled.value;
  if (!goTruthy(enabled)) {
    const what =
      enabled === false
        ? 'is false'
        : enabled === null
          ? "is null, which deletes the chart's default (true), so the chart's template reads it as false"
          : `is ${shownValue(enabled)}, which the chart's template reads as false (Go's if)`;
    error(traefik.enabled.path, `${what}, so K3s deploys no Traefik and nothing answers on its VIP: remove the key`);
  }
  const { replicas, kind } = traefik;
  // A non-text kind is the values schema's to report. A kind the chart renders nothing for still has every rule below
  // judged in the same run (attack round 44b-7): as the kind it differs from only in letter case, else as both kinds.
  if (isTemplated(kind.value)) error(kind.path, `${TEMPLATED}: write Deployment or DaemonSet`);
  else if (typeof kind.value === 'string' && !(TRAEFIK_KINDS as readonly string[]).includes(kind.value)) {
    const meant = judgedKind(kind.value);
    error(
      kind.path,
      `is ${quotedText(kind.value, () => false, '')}, but the chart renders Traefik only for exactly "Deployment" (templates/deployment.yaml) or ` +
        `"DaemonSet" (templates/daemonset.yaml), so no Traefik pod runs and nothing answers on its VIP: ${meant ? `write ${meant} (case matters)` : 'write Deployment or DaemonSet'}`,
    );
  }
  const judged = judgedKind(kind.value);
  // A failure about a key's name (a misspelt service key, 79b-10) keeps that mark: one line at the key.
  for (const failure of traefik.chartFailures) error(failure.path, failure.message, failure.aboutName ? { aboutName: true } : undefined);
  for (const problem of traefik.acmeOptionProblems) error(problem.path, problem.message, problem);
  if (judged === 'Deployment') {
    const problem = podCountProblem(replicas.value);
    if (problem) error(replicas.path, problem);
  }
  // An HPA whose maxReplicas is 1 never runs a second pod (70b-23): one acme.json, as with one replica.
  if (traefik.autoscaling && traefik.autoscaling.maxReplicas !== 1 && traefik.acmeResolvers.length) {
    error(
      traefik.autoscaling.path,
      `scales Traefik to ${shownValue(traefik.autoscaling.maxReplicas ?? 'several')} pods, but the ACME resolvers ` +
        `(${traefik.acmeResolvers.map(resolverLabel).join(', ')}) keep their certificates in one acme.json that pods cannot share: ` +
        'issue the certificates with cert-manager instead, or turn autoscaling off',
    );
  }
  const lbClass = traefik.loadBalancerClass;
  if (lbClass && lbClass.value !== KUBE_VIP_CLASS) {
    error(lbClass.path, foreignClassMessage(shownValue(lbClass.value), 'Traefik'));
  }
  if (traefik.extraLoadBalancerIP) {
    // The TraefikHelmChartConfig construct's paths start at its `values` prop, next to its `loadBalancerIPs` (56b-13).
    const { path } = traefik.extraLoadBalancerIP;
    const vips = path[0] === 'traefik' ? 'traefik.loadBalancerIPs' : 'loadBalancerIPs';
    error(path, `is a second VIP source next to ${vips}, and kube-vip reads only one of them: remove the key and list the VIPs in ${vips}`);
  }
  if (traefik.stuckRollout) {
    error(traefik.stuckRollout, BOTH_ZERO_ROLLOUT);
  }
  if (traefik.surgingDaemonSet) error(traefik.surgingDaemonSet.path, traefik.surgingDaemonSet.message);
  checkRolloutCounts(traefik.values, judged === 'DaemonSet', error);
  checkStrategyType(traefik, judged, error);
  checkEntrypoints(traefik, error);
}

type TraefikKind = (typeof TRAEFIK_KINDS)[number];

/**
 * The kind the workload rules judge: DaemonSet or Deployment as given (a null or a kind of another type as the chart's
 * default, Deployment), a text that differs from one only in letter case as that one, and another text as neither
 * (undefined: only what both kinds refuse is said).
 */
function judgedKind(kind: unknown): TraefikKind | undefined {
  if (typeof kind !== 'string') return 'Deployment';
  return TRAEFIK_KINDS.find((name) => name.toLowerCase() === kind.trim().toLowerCase());
}

/**
 * `updateStrategy.type`, which the chart writes unchanged into the Deployment's `strategy` or the DaemonSet's
 * `updateStrategy` (templates/deployment.yaml, daemonset.yaml, v34.2.0 to v41.3.0): the API server takes only
 * `RollingUpdate` or `Recreate` for a Deployment and `RollingUpdate` or `OnDelete` for a DaemonSet (k8s.io/api apps/v1).
 */
function checkStrategyType(traefik: EffectiveTraefik, judged: TraefikKind | undefined, error: Report): void {
  const strategy = traefik.values.updateStrategy;
  const type = isMap(strategy) ? strategy.type : undefined;
  // Rendered empty or null, the field is unset and Kubernetes defaults it (rendered-count.ts).
  if (type === undefined || renderedStrategyType(type) === null) return;
  const allowed =
    judged === 'DaemonSet'
      ? ['RollingUpdate', 'OnDelete']
      : judged === 'Deployment'
        ? ['RollingUpdate', 'Recreate']
        : ['RollingUpdate', 'Recreate', 'OnDelete'];
  if (typeof type === 'string' && allowed.includes(type)) return;
  // 70b-8: a first-class resolver makes this tool write Recreate for its ReadWriteOnce volume (values.ts), over any type
  // the values give (that clash is values-check.ts's error, naming both): the resolver's key is the one to name.
  const writer = type === 'Recreate' ? traefik.acmeResolvers.find((resolver) => resolverLabel(resolver) === resolver.value) : undefined;
  // On a DaemonSet the ACME resolver is refused once, at deployment.kind, with both ways out (rules.ts, 79b-7).
  if (writer && traefik.kind.value === 'DaemonSet') return;
  if (writer) {
    error(
      writer.path,
      `makes this tool write updateStrategy.type "Recreate" (for the ACME volume), which the API server refuses for Traefik's DaemonSet, ` +
        'failing the whole Traefik release: issue the certificates with cert-manager instead, or run Traefik as a Deployment',
    );
    return;
  }
  error(
    ['traefik', 'values', 'updateStrategy', 'type'],
    `is ${shownValue(type)}, which the API server refuses for Traefik's ${judged ?? 'Deployment and DaemonSet alike'}, ` +
      `failing the whole Traefik release: ${judged ? `write ${allowed.join(' or ')}` : 'write RollingUpdate (Recreate fits a Deployment only, OnDelete a DaemonSet only)'} (case matters)`,
  );
}

/**
 * `updateStrategy.rollingUpdate.maxSurge`/`maxUnavailable` as the chart renders them (rendered-count.ts), by the API
 * server's count rule (core/int-or-string.ts): maxUnavailable at most 100%, and a DaemonSet's maxSurge too
 * (k8s.io/kubernetes pkg/apis/apps/validation ValidateRollingUpdateDeployment, ValidateRollingUpdateDaemonSet). The API
 * server refuses the workload, and with it the Traefik release, otherwise.
 */
function checkRolloutCounts(values: Readonly<Record<string, unknown>>, daemonSet: boolean, error: Report): void {
  const strategy = values.updateStrategy;
  const rolling = isMap(strategy) ? strategy.rollingUpdate : undefined;
  if (!isMap(rolling)) return;
  for (const name of ['maxSurge', 'maxUnavailable']) {
    const given = rolling[name];
    const what = countProblem(given, renderedRollout(name === 'maxUnavailable' || daemonSet));
    if (!what) continue;
    error(
      ['traefik', 'values', 'updateStrategy', 'rollingUpdate', name],
      `is ${countText(given)}, ${what}, which the API server refuses in Traefik's workload, failing the whole Traefik release: ${countFix('25%')}`,
    );
  }
}

/**
 * What is wrong with a count of Traefik pods, or undefined for a whole number of 1 or more. Every chart's values
 * schema types `deployment.replicas` as an integer, and Helm refuses values that break their chart's schema, so
 * `"3"` and `2.5` are refused for what they are, not for running no pod.
 */
function podCountProblem(count: unknown): string | undefined {
  if (typeof count === 'number' && Number.isInteger(count)) {
    if (count > MAX_PODS) return `is ${count}, more Traefik pods than traefik.replicas allows (${MAX_PODS}): use ${MAX_PODS} or fewer`;
    return count >= 1 ? undefined : `is ${count}, so no Traefik pod runs and nothing answers on its VIP: use 1 or more`;
  }
  const schema = "the chart's values schema wants a whole number, and Helm refuses values that break it";
  if (typeof count === 'string' && /^\d+$/.test(count)) {
    // `"0"` unquoted is refused too: the fix is a count of pods, not only the quotes.
    const fix = Number(count) >= 1 ? `write ${Number(count)} without quotes` : 'use 1 or more, without quotes';
    return `is a string, "${count}": ${schema}: ${fix}`;
  }
  if (typeof count === 'number') return `is ${count}, not a whole number of pods: ${schema}: use 1 or more`;
  if (count === null) return 'is null, which leaves the count unset: give the number of Traefik pods, 1 or more, or remove the key';
  return `is a ${Array.isArray(count) ? 'list' : typeof count === 'object' ? 'map' : typeof count}, not a number of pods: ${schema}: use 1 or more`;
}

/** A resolver's name, with its key when `traefik.values` defines it (a first-class one is found by its name). */
export function resolverLabel(resolver: Sourced<string>): string {
  const { path } = resolver;
  const firstClass = path[path.length - 2] === 'certResolvers' && path[path.length - 3] !== 'values';
  return firstClass ? resolver.value : `${resolver.value} at ${formatPath(path)}`;
}

function checkEntrypoints(traefik: EffectiveTraefik, error: Report) {
  // With hostNetwork the API server defaults a container port's hostPort to the port itself.
  const nodePort = (path: Path, hostPort: number | undefined, port: number, protocol: string, what = '') => {
    const taken = nodePortProblem(hostPort, port, protocol, !!traefik.hostNetwork, what);
    if (taken) error(path, taken);
  };
  const seen = new Map<string, { name: string; label: string }>();
  const claim = (key: string, entry: Entrypoint, path = entry.path, label = `entrypoint ${keyText(entry.name)}`) => {
    const other = seen.get(key);
    if (other !== undefined && other.name !== entry.name) {
      error(path, `uses the ${key}, as ${other.label} does: two listeners cannot share it; give each entrypoint its own`);
    }
    seen.set(key, { name: entry.name, label });
  };
  // The chart's own entrypoints first, so a clash is reported at the values key that made it.
  const entries = [...traefik.entrypoints].sort((a, b) => a.path.length - b.path.length);
  // HTTP/3 listeners before the UDP entrypoints, so one that takes the same UDP port is refused where it is set.
  for (const entry of entries) {
    const http3 = entry.http3;
    if (!http3) continue;
    // Traefik binds the entrypoint's port over UDP too (the chart's `<name>-http3` port, entrypoints.ts), and the chart
    // adds its Service port (UDP): another listener on either makes Traefik fail to bind, or the Service a duplicate.
    const label = `entrypoint ${keyText(entry.name)}'s HTTP/3 listener`;
    claim(`container port ${http3.port}/UDP`, entry, http3.path, label);
    if (http3.servicePort !== undefined) claim(`Service port ${http3.servicePort}/UDP`, entry, http3.path, label);
    // On the node with a host port or hostNetwork too.
    const what = http3.byFlag ? ' for HTTP/3 (UDP, switched on by this flag)' : ` for HTTP/3 (UDP, the chart's ${entry.name}-http3 port)`;
    nodePort(http3.path, http3.hostPort, http3.port, 'UDP', what);
  }
  for (const entry of entries) {
    claim(`container port ${entry.port}/${entry.protocol}`, entry);
    if (entry.exposedPort !== undefined) claim(`Service port ${entry.exposedPort}/${entry.protocol}`, entry);
    nodePort(entry.path, entry.hostPort, entry.port, entry.protocol);
  }
  // The user's own containers share the pods: a host port they declare is claimed on the node the same way. A host port equal to a port Traefik's Service serves on its VIP takes
  // no VIP traffic: kube-proxy prepends its KUBE-SERVICES jump to nat PREROUTING (kubernetes pkg/proxy/iptables/proxier.go,
  // EnsureRule(Prepend)) while K3s' portmap plugin appends CNI-HOSTPORT-DNAT (containernetworking/plugins
  // plugins/meta/portmap/chain.go insertUnique, prependEntry false), so the Service's DNAT of the VIP matches first and
  // the host port gets only the node's own addresses.
  for (const port of traefik.sidecarPorts) {
    nodePort(port.path, port.hostPort, port.containerPort, port.protocol);
  }
}
