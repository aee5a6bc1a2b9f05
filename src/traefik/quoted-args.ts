import type { Path, Problem } from '../core/problem';
import type { TraefikChartRules } from './chart-versions';
import { unquotable } from './resolver-keys';
import { isMap } from '../core/is-map';

type Values = Readonly<Record<string, unknown>>;

/**
 * The values the chart writes, unescaped, inside a double-quoted item of Traefik's arguments: `- "--<flag>={{ ... }}"`
 * lines of traefik/templates/_podtemplate.tpl (and the `traefik.oltpCommonParams` lines of _helpers.tpl), and from v33.0.0
 * `traefik.yaml2CommandLineArgs` (_helpers.tpl: `printf "- \"%s\"\n"`), read at traefik/traefik-helm-chart v27.0.2,
 * v34.2.0 and v41.3.0. A `*` stands for any key (an entrypoint, a plugin, a label); each entry is checked whole: its
 * text, every item of a list (the chart joins them with commas) and every key and text below a map (the chart writes
 * the keys into the flag's name). An entry a chart version does not write is still held to this: such a value breaks
 * the chart versions that do. `additionalArguments` and `globalArguments` go through `quote`, which escapes.
 */
const QUOTED: readonly string[] = [
  // v27.0.2 L160, v41.3.0 L223-238: `--entrypoints.<name>.address={{ $config.hostIP }}:...`, asDefault, observability.
  'ports.*.hostIP',
  'ports.*.protocol',
  'ports.*.observability',
  // v27.0.2 L605-663, v41.3.0 L662-770 (`ports.<name>.http.*` from v39.0.0, `encodedCharacters` through yaml2CommandLineArgs).
  'ports.*.http',
  'ports.*.tls',
  'ports.*.middlewares',
  'ports.*.redirectTo',
  'ports.*.redirections',
  'ports.*.http3.advertisedPort',
  'ports.*.forwardedHeaders',
  'ports.*.proxyProtocol',
  'ports.*.transport',
  // v34.2.0 L189, v41.3.0 L253 (`api` through yaml2CommandLineArgs) and L259.
  'api',
  'core.defaultRuleSyntax',
  // v27.0.2 L176-370, v41.3.0 L273-402 and _helpers.tpl L546-565 (`traefik.oltpCommonParams`).
  'metrics.datadog',
  'metrics.influxdb',
  'metrics.influxdb2',
  'metrics.statsd',
  'metrics.openTelemetry',
  'metrics.otlp',
  'metrics.prometheus.entryPoint',
  'metrics.prometheus.buckets',
  'metrics.prometheus.headerLabels',
  // v41.3.0 L410 (yaml2CommandLineArgs), v27.0.2 L381-526, v41.3.0 L420-440.
  'ocsp.responderOverrides',
  'tracing',
  // v27.0.2 L534-535, v41.3.0 L463-487.
  'experimental.plugins',
  'experimental.localPlugins.*.moduleName',
  // v27.0.2 L540-587, v41.3.0 L490-654 (the namespaces through the `providers.*.namespaces` templates, joined with commas).
  'providers.precedence',
  'providers.kubernetesCRD.labelSelector',
  'providers.kubernetesCRD.ingressClass',
  'providers.kubernetesCRD.namespaces',
  'providers.kubernetesCRD.crossProviderNamespaces',
  'providers.kubernetesCRD.defaultTLSResourcesNamespace',
  'providers.kubernetesIngress.labelSelector',
  'providers.kubernetesIngress.ingressClass',
  'providers.kubernetesIngress.namespaces',
  'providers.kubernetesIngress.crossProviderNamespaces',
  'providers.kubernetesIngress.ingressEndpoint',
  'providers.kubernetesIngress.publishedService.pathOverride',
  'providers.kubernetesGateway.statusAddress',
  'providers.kubernetesGateway.namespaces',
  'providers.kubernetesGateway.crossProviderNamespaces',
  'providers.kubernetesGateway.labelSelector',
  'providers.kubernetesIngressNginx',
  'providers.knative.namespaces',
  'providers.knative.labelSelector',
  // v27.0.2 L670-703, v41.3.0 L777-833.
  'logs.general.format',
  'logs.general.filePath',
  'logs.general.level',
  'logs.access.format',
  'logs.access.filePath',
  'logs.access.bufferingSize',
  'logs.access.filters',
  'logs.access.fields',
  // v34.2.0 L776-813, v41.3.0 L850-988 and the hub providers through yaml2CommandLineArgs (L918-962).
  'hub.namespaces',
  'hub.platformUrl',
  'hub.apimanagement.admission.secretName',
  'hub.redis',
  'hub.providers',
  'hub.tracing.additionalTraceHeaders',
  'hub.pluginRegistry',
];

/** The first character of `text` that breaks a double-quoted YAML scalar, by name (never the text itself). */
const character = (text: string) =>
  text.includes('"') ? 'a quote (")' : text.includes('\\') ? 'a backslash (\\)' : 'a control character (a line break or a tab)';

/** Every key and text under `node` that breaks the quoted item, with its key path below `at`. */
function* broken(node: unknown, at: readonly (string | number)[]): Generator<[Path, 'key' | 'value', string]> {
  if (typeof node === 'string') {
    if (unquotable(node)) yield [at, 'value', node];
  } else if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) yield* broken(item, [...at, i]);
  } else if (isMap(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (unquotable(key)) yield [[...at, key], 'key', key];
      else yield* broken(value, [...at, key]);
    }
  }
}

/** The entries of `values` a pattern of `QUOTED` (or the resolvers' key) names, with their key paths. */
function* matches(values: Values, pattern: readonly string[], at: readonly string[] = []): Generator<[readonly string[], unknown]> {
  if (!pattern.length) {
    yield [at, valuesAt(values, at)];
    return;
  }
  const node = valuesAt(values, at);
  if (!isMap(node)) return;
  const [first, ...rest] = pattern;
  for (const key of first === '*' ? Object.keys(node) : Object.hasOwn(node, first) ? [first] : [])
    yield* matches(values, rest, [...at, key]);
}

const valuesAt = (values: Values, at: readonly string[]) =>
  at.reduce<unknown>((node, key) => (isMap(node) && Object.hasOwn(node, key) ? node[key] : undefined), values);

/**
 * `traefik.values` keys and texts the chart writes inside a double-quoted args item (`QUOTED`, and the ACME resolvers of
 * the key the chart reads: `certResolvers` up to v32, _podtemplate.tpl L711-714 at v27.0.2, `certificatesResolvers`
 * through yaml2CommandLineArgs from v33) that hold a `"`, a `\` or a control character: the item ends early or holds an
 * invalid escape, so the pod template is not YAML and Helm fails the release. A resolver's name and its ACME e-mail and
 * CA server are resolver-keys.ts' and acme-options.ts' to refuse.
 */
export function quotedArgProblems(
  user: Values,
  prefix: Path,
  { certResolversKey }: Pick<TraefikChartRules, 'certResolversKey'>,
): Problem[] {
  const problems: Problem[] = [];
  const report = (path: Path, what: 'key' | 'value', text: string) =>
    problems.push({
      path: [...prefix, 'values', ...path],
      message:
        `${what === 'key' ? 'is a key' : 'holds text'} with ${character(text)}, which the chart writes unescaped into a double-quoted ` +
        'item of Traefik\'s arguments ("--...=..."), so the rendered pod template is no YAML and Helm fails the release: remove it ' +
        '(a URL can percent-encode it)',
    });
  for (const pattern of QUOTED) {
    for (const [at, node] of matches(user, pattern.split('.'))) for (const [path, what, text] of broken(node, at)) report(path, what, text);
  }
  // v37.0.0 to v41.3.0 L478-482: `- "--experimental.localPlugins.{{ $localPluginName }}.moduleName=..."`: the key itself.
  const experimental = user.experimental;
  const plugins = isMap(experimental) && isMap(experimental.localPlugins) ? experimental.localPlugins : {};
  for (const name of Object.keys(plugins)) if (unquotable(name)) report(['experimental', 'localPlugins', name], 'key', name);
  const resolvers = user[certResolversKey];
  for (const [name, resolver] of Object.entries(isMap(resolvers) ? resolvers : {})) {
    if (unquotable(name)) continue;
    for (const [path, what, text] of broken(resolver, [certResolversKey, name])) {
      const last = String(path.at(-1)).toLowerCase();
      if (what === 'value' && path.length <= 4 && (last === 'email' || last === 'caserver')) continue;
      report(path, what, text);
    }
  }
  return problems;
}
