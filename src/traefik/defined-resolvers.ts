import type { Path } from '../core/problem';
import { parseVersion } from '../semver';
import type { TraefikFlag } from './arguments';
import {
  chartVersionSupport,
  OLDEST_CHART,
  TRAEFIK_CHART_TABLE,
  traefikChartRules,
  TraefikChartRules,
  upstreamChartVersion,
} from './chart-versions';
import type { ValuesViolation } from './values-schema';

type Values = Readonly<Record<string, unknown>>;
type ResolversKey = TraefikChartRules['certResolversKey'];
const isMap = (value: unknown): value is Values => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A certificate resolver the deployed Traefik defines: its name as written, the key or flag that defines it, whether it uses ACME. */
export interface DefinedResolver {
  readonly value: string;
  readonly path: Path;
  readonly acme: boolean;
}

/** The chart key the chart version reads its ACME resolvers from (a chart older than the table follows the oldest, refused on its own). */
function resolversKey(chartVersion: string): ResolversKey {
  const version = chartVersionSupport(chartVersion).error ? OLDEST_CHART : parseVersion(upstreamChartVersion(chartVersion));
  return traefikChartRules(version).certResolversKey;
}

/**
 * Every certificate resolver the deployed Traefik defines: the entries of the one resolver key the chart version reads
 * (chart-versions.ts `certResolversKey`; the other key renders nothing: traefik/templates/_podtemplate.tpl ranges over
 * `.Values.certResolvers` up to v32.1.1 and renders `.Values.certificatesResolvers` from v33.0.0), and the
 * `--certificatesresolvers.<name>.*` flags. `firstClass` names the resolvers a first-class key wrote, found by that key.
 * The rules that count resolvers (an Ingress' `tls.certResolver`, acme.json with replicas, DaemonSet, persistence) read only these.
 */
export function definedResolvers(
  values: Values,
  flags: readonly TraefikFlag[],
  key: ResolversKey,
  prefix: Path,
  firstClass: Values,
): DefinedResolver[] {
  const resolvers = isMap(values[key]) ? values[key] : {};
  const found: DefinedResolver[] = Object.entries(resolvers).map(([name, entry]) => ({
    value: name,
    path: Object.hasOwn(firstClass, name) ? [...prefix, 'certResolvers', name] : [...prefix, 'values', key, name],
    // `certResolvers` (up to v32) holds ACME options only; `certificatesResolvers` is Traefik's own shape, where a
    // resolver without an `acme` block (`tailscale: {}`, v33+) keeps no acme.json. Traefik reads the key in any case (`Acme`).
    acme:
      key === 'certResolvers' ||
      (isMap(entry) &&
        Object.entries(entry).some(([option, block]) => option.trim().toLowerCase() === 'acme' && block !== undefined && block !== null)),
  }));
  // Traefik keeps a resolver's name as written (traefik/arguments.ts); `.acme.` is the flag form K3s' docs show.
  for (const flag of flags) {
    const match = /^certificatesresolvers\.([^.]+)\.(acme(\.|$))?/i.exec(flag.written);
    if (match) found.push({ value: match[1], path: flag.path, acme: match[2] !== undefined });
  }
  return found;
}

/** The first chart version whose resolvers are `certificatesResolvers.<name>.acme`. */
const MODERN_SINCE = TRAEFIK_CHART_TABLE.find((row) => row.certResolversKey === 'certificatesResolvers')!.since;

/**
 * The resolver key of `values` that the chart version does not read, when it holds resolvers: they would not be defined,
 * so an Ingress naming one gets Traefik's self-signed default certificate (v34.2.0+ values schemas refuse it as an unknown
 * key; v33.0.0 to v38.x also fail on `certResolvers`, templates/requirements.yaml). `firstClass` is what the reader calls
 * the first-class resolvers (`traefik.certResolvers`).
 */
export function unreadResolversKeyProblem(values: Values, chartVersion: string, firstClass: string): ValuesViolation | undefined {
  const read = resolversKey(chartVersion);
  const unread: ResolversKey = read === 'certResolvers' ? 'certificatesResolvers' : 'certResolvers';
  const given = values[unread];
  if (!isMap(given) || !Object.keys(given).length) return undefined;
  const shape = read === 'certResolvers' ? 'certResolvers.<name>.<option>' : 'certificatesResolvers.<name>.acme.<option>';
  return {
    path: [unread],
    message:
      `is not read by Traefik chart ${chartVersion}, which takes its ACME resolvers from ${read} ` +
      `(certResolvers before chart v${MODERN_SINCE}, certificatesResolvers from it), ` +
      `so the resolvers ${Object.keys(given).join(', ')} would not be defined: write them as ${shape}, or in ${firstClass}`,
  };
}
