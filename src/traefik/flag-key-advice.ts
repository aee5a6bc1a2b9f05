/**
 * 78b-18, 78b-3: what to write for a Traefik option given as a chart value (`"--entrypoints.web.address": ":80"`, or
 * without dashes, `entryPoints.web.address: ":80"`). The advice must be one this tool then accepts: the chart key that
 * writes the flag where the chart has one (a flag it writes from its own key is refused in additionalArguments), else
 * the flag as an additionalArguments item, unless Traefik does not know it.
 */
import type { TraefikFlag } from './arguments';
import { deployedTraefik } from './acme-option-names';
import { chartRulesOf } from './chart-versions';
import { unknownFlagProblems } from './flag-names';

interface SchemaNode {
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly additionalProperties?: SchemaNode | boolean;
}

/**
 * The chart keys traefik-helm-chart writes as these flags (traefik/templates/_podtemplate.tpl, v39.0.7; from v41.0.0
 * `log` and `accessLog` stand for `logs.general` and `logs.access`), each tried in turn against the chart's schema.
 * `$1` is the entrypoint or resolver name as written; a resolver's rest keeps its spelling (resolver-keys.ts).
 */
const CHART_KEYS: ReadonlyArray<readonly [RegExp, readonly string[]]> = [
  [/^entrypoints\.([^.]+)\.address$/i, ['ports.$1.port']],
  [/^entrypoints\.([^.]+)\.forwardedheaders\.trustedips$/i, ['ports.$1.forwardedHeaders.trustedIPs']],
  [/^entrypoints\.([^.]+)\.proxyprotocol\.trustedips$/i, ['ports.$1.proxyProtocol.trustedIPs']],
  [/^global\.checknewversion$/i, ['global.checkNewVersion']],
  [/^global\.sendanonymoususage$/i, ['global.sendAnonymousUsage']],
  [/^log\.level$/i, ['logs.general.level', 'log.level']],
  [/^log\.format$/i, ['logs.general.format', 'log.format']],
  [/^accesslog$/i, ['logs.access.enabled', 'accessLog.enabled']],
  [/^accesslog\.format$/i, ['logs.access.format', 'accessLog.format']],
  [/^metrics\.prometheus\.entrypoint$/i, ['metrics.prometheus.entryPoint']],
  [/^certificatesresolvers\.([^.]+)\.(.+)$/i, ['certificatesResolvers.$1.$2']],
];

/**
 * Traefik's static-configuration roots (doc.traefik.io/traefik/reference/static-configuration/cli/, v3): a dotted key
 * starting with one, which the chart's schema does not know as a path, names a Traefik option, not a chart value.
 */
const TRAEFIK_ROOTS = new Set(
  ['entrypoints', 'certificatesresolvers', 'log', 'accesslog', 'api', 'providers', 'metrics', 'ping', 'global', 'serverstransport'].concat([
    'tcpserverstransport',
    'tracing',
    'experimental',
    'hostresolver',
    'spiffe',
    'ocsp',
    'core',
  ]),
);

/** Whether `path` is a place the chart's values schema takes: a listed key, a named entry, or inside an open map. */
export function schemaTakes(schema: object, path: readonly string[]): boolean {
  let node: SchemaNode | undefined = schema as SchemaNode;
  for (const step of path) {
    if (!node) return false;
    if (node.properties && Object.hasOwn(node.properties, step)) node = node.properties[step];
    else if (typeof node.additionalProperties === 'object') node = node.additionalProperties;
    else return !node.properties && node.additionalProperties !== false;
  }
  return true;
}

/** Whether a dotted key (`entryPoints.web.address`) names a Traefik option rather than a chart value the schema knows nested. */
export function namesTraefikOption(key: string, schema: object): boolean {
  const parts = key.split('.');
  return parts.length > 1 && TRAEFIK_ROOTS.has(parts[0].toLowerCase()) && !schemaTakes(schema, parts);
}

/** The advice for option `written` (no dashes) with its flag item `item` (`--name=value`, or the name alone), given the merged values. */
export function flagKeyAdvice(
  written: string,
  item: string,
  schema: object,
  values: Readonly<Record<string, unknown>>,
  chartVersion: string,
): string {
  const name = written.toLowerCase();
  if (name === 'configfile') {
    // pod-rules.ts refuses it in additionalArguments: with a configuration file Traefik ignores every flag.
    return "it points Traefik at a static configuration file, and with one Traefik ignores every flag the chart writes: remove it, and set each option through the chart's values";
  }
  for (const [pattern, keys] of CHART_KEYS) {
    const match = pattern.exec(written);
    if (!match) continue;
    const key = keys.map((k) => k.replace(/\$(\d)/g, (_, i: string) => match[Number(i)])).find((k) => schemaTakes(schema, k.split('.')));
    if (!key) break;
    const expose = /^entrypoints\./i.test(name) && key.endsWith('.port') ? ` (and ${key.replace(/port$/, 'expose')})` : '';
    return `the chart writes this option from its own key: set ${key}${expose} instead`;
  }
  const flag: TraefikFlag = { path: [], name, written };
  const unknown = unknownFlagProblems([flag], deployedTraefik(values, chartRulesOf(chartVersion))).find((problem) =>
    problem.message.startsWith('names option '),
  );
  if (unknown) return `as the flag --${written} it ${unknown.message}`;
  return `give it as an item of additionalArguments (additionalArguments: [${JSON.stringify(item)}])`;
}
