import type { Path } from '../core/problem';
import { isMap } from '../core/is-map';
import { compareVersions, parseVersion, Version } from '../semver';
import type { TraefikFlag } from './arguments';
import type { TraefikChartRules } from './chart-versions';
import { chartOptionFlags } from './chart-option-flags';
import { goTruthy } from './go-truth';
import { resolverLeaves } from './resolver-keys';

type Values = Readonly<Record<string, unknown>>;

/** The first chart that renders `ports.<name>.transport` (traefik/traefik-helm-chart templates/_podtemplate.tpl at v28.0.0). */
const TRANSPORT_SINCE = parseVersion('28.0.0');

/** The `ports.<name>.transport` keys the chart writes as `--entryPoints.<name>.transport.<key>` flags. */
const TRANSPORT_KEYS = [
  ['respondingTimeouts', 'readTimeout'],
  ['respondingTimeouts', 'writeTimeout'],
  ['respondingTimeouts', 'idleTimeout'],
  ['lifeCycle', 'requestAcceptGraceTimeout'],
  ['lifeCycle', 'graceTimeOut'],
  ['keepAliveMaxRequests'],
  ['keepAliveMaxTime'],
] as const;

/**
 * A value as a Go template prints it (`{{ . }}`, fmt's %v): Helm reads every YAML number as a float64, which %v prints
 * in the shortest form, with an exponent from 1e+06 on (so 1000000 reaches Traefik as `1e+06`, helm/helm#1707).
 * Undefined for a list or map, which this does not judge.
 */
export function goPrinted(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value !== 'number') return undefined;
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? '+Inf' : '-Inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const [mantissa, exponent] = value.toExponential().split('e');
  const x = Number(exponent);
  if (x >= -4 && x < 6) return String(value);
  return `${mantissa}e${x < 0 ? '-' : '+'}${String(Math.abs(x)).padStart(2, '0')}`;
}

const flagOf = (path: Path, written: string, raw: string): TraefikFlag => ({
  path,
  name: written.toLowerCase(),
  written,
  value: raw,
  raw,
  fromKey: true,
});

/**
 * 52b-5: the flags the chart writes from its own keys, whose values Traefik reads as it reads the same flag in
 * `additionalArguments` (flag-names.ts holds both to the option's type), each at its key's path:
 * - `ports.<name>.transport.*` (from chart v28.0.0), written when not null and not empty (`if and (ne .readTimeout nil)
 *   (toString .readTimeout)`), and `ports.<name>.http3.advertisedPort` (`with .advertisedPort` under `http3.enabled`),
 *   in the `range $entrypoint, $config := $.Values.ports` of templates/_podtemplate.tpl (v28.0.0 to v41.3.0);
 * - every resolver leaf of `certificatesResolvers` / `certResolvers` the chart writes (resolver-keys.ts `resolverLeaves`);
 * - the `metrics.*`, `tracing.sampleRate`, access-log, provider and redirect `priority` keys of chart-option-flags.ts.
 */
export function chartKeyFlags(values: Values, prefix: Path, chartVersion: Version, rules: TraefikChartRules): TraefikFlag[] {
  const flags: TraefikFlag[] = [];
  const ports = isMap(values.ports) ? values.ports : {};
  for (const [name, config] of Object.entries(ports)) {
    if (!isMap(config) || !goTruthy(config)) continue;
    const at = [...prefix, 'values', 'ports', name];
    const transport = config.transport;
    if (isMap(transport) && goTruthy(transport) && compareVersions(chartVersion, TRANSPORT_SINCE) >= 0) {
      for (const keys of TRANSPORT_KEYS) {
        const block = keys.length === 2 ? transport[keys[0]] : transport;
        if (keys.length === 2 && !(isMap(block) && goTruthy(block))) continue;
        const raw = isMap(block) && block[keys.at(-1)!] !== null ? goPrinted(block[keys.at(-1)!]) : undefined;
        if (raw) flags.push(flagOf([...at, 'transport', ...keys], `entryPoints.${name}.transport.${keys.join('.')}`, raw));
      }
    }
    const http3 = config.http3;
    if (isMap(http3) && goTruthy(http3.enabled) && goTruthy(http3.advertisedPort)) {
      const raw = goPrinted(http3.advertisedPort);
      if (raw) flags.push(flagOf([...at, 'http3', 'advertisedPort'], `entryPoints.${name}.http3.advertisedPort`, raw));
    }
  }
  for (const leaf of resolverLeaves(values, rules)) {
    const raw = leaf.value === null ? '' : goPrinted(leaf.value);
    const path: Path = [...prefix, 'values', rules.certResolversKey, leaf.key, ...leaf.keys];
    if (raw !== undefined) flags.push(flagOf(path, `certificatesresolvers.${leaf.name}.${leaf.rest.join('.')}`, raw));
  }
  for (const { keys, flag, value } of chartOptionFlags(values, chartVersion, rules)) {
    const raw = goPrinted(value);
    if (raw) flags.push(flagOf([...prefix, 'values', ...keys], flag, raw));
  }
  return flags;
}
