import { formatPath, Path, Problem } from '../core/problem';
import { show } from '../validate/paths';
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
import { leafRenders, printed, resolverLeaves, segment, unreadableName } from './resolver-keys';
import { isMap } from '../core/is-map';
import { blockState } from './switch-values';

type Values = Readonly<Record<string, unknown>>;
type ResolversKey = TraefikChartRules['certResolversKey'];

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

/** One `--certificatesresolvers.<name>.<rest>` flag Traefik gets: `rest` as Traefik matches it (`segment`), `raw` undefined when bare. */
export interface ResolverFlag {
  readonly name: string;
  readonly rest: readonly string[];
  readonly raw?: string;
  readonly path: Path;
}

/**
 * The flags the chart renders from the resolver key it reads (resolver-keys.ts `resolverLeaves`), under the name Traefik
 * reads: a resolver key with a dot defines the resolver named by its first part, and one Traefik cannot read defines none.
 */
function valuesFlags(values: Values, rules: ResolverRules, prefix: Path, firstClass: Values): ResolverFlag[] {
  // One path per resolver key: the rules below tell a resolver's flags apart by their path's identity.
  const paths = new Map<string, Path>();
  const pathOf = (key: string) =>
    paths.get(key) ??
    paths
      .set(key, Object.hasOwn(firstClass, key) ? [...prefix, 'certResolvers', key] : [...prefix, 'values', rules.certResolversKey, key])
      .get(key)!;
  return resolverLeaves(values, rules)
    .filter((leaf) => !unreadableName(leaf.key))
    .map(({ name, key, rest, value }) => ({ name, rest, raw: printed(value), path: pathOf(key) }));
}

type ResolverRules = Pick<TraefikChartRules, 'certResolversKey' | 'resolverLeaves'>;

/**
 * Every certificate resolver the deployed Traefik defines, from the flags it gets: those the chart renders from the
 * one resolver key the chart version reads (chart-versions.ts `certResolversKey`; the other key renders nothing), and
 * `--certificatesresolvers.<name>.*` in the argument lists. A resolver is defined only with an ACME or a Tailscale
 * block: ACME by any flag under `acme.` (ACME is no `allowEmpty` block: `acme` alone fails Traefik's start), Tailscale by
 * `tailscale` whose last value is empty or `true` (an `allowEmpty` block: any other value leaves it off; traefik/paerser
 * v0.2.0 parser/nodes_metadata.go `Disabled`, traefik/traefik pkg/config/static/static_config.go `CertificateResolver`).
 * So `le: {}`, `le: {acme: {}}` or `--certificatesresolvers.ts.tailscale=false` define nothing. The chart writes
 * `globalArguments` before its own flags and `additionalArguments` after them. `firstClass` names the resolvers a
 * first-class key wrote, found by that key. The rules that count resolvers (an Ingress' `tls.certResolver`, acme.json
 * with replicas, DaemonSet, persistence) read only these.
 */
export function definedResolvers(...args: ResolverInputs): DefinedResolver[] {
  const found: DefinedResolver[] = [];
  for (const { acme, tailscale } of resolverBlocks(...args)) {
    // Each spelling where it is written, so resolver-names.ts can tell spellings that differ in case alone.
    const seen = new Map<Path, Set<string>>();
    for (const flag of acme) {
      const names = seen.get(flag.path) ?? seen.set(flag.path, new Set()).get(flag.path)!;
      if (names.has(flag.name)) continue;
      names.add(flag.name);
      found.push({ value: flag.name, path: flag.path, acme: true });
    }
    if (tailscale && !acme.length) found.push({ value: tailscale.name, path: tailscale.path, acme: false });
  }
  return found;
}

export type ResolverInputs = [values: Values, flags: readonly TraefikFlag[], rules: ResolverRules, prefix: Path, firstClass: Values];

/** Each resolver name's flags in the order Traefik reads them: its `acme.*` flags, and the last `tailscale` flag when it turns Tailscale on. */
export function resolverBlocks(values: Values, flags: readonly TraefikFlag[], rules: ResolverRules, prefix: Path, firstClass: Values) {
  // Traefik keeps a resolver's name as written (traefik/arguments.ts).
  const argumentFlags = flags.flatMap((flag): ResolverFlag[] => {
    const match = /^certificatesresolvers\.([^.]+)(?:\.(.*))?$/i.exec(flag.written);
    return match ? [{ name: match[1], rest: match[2]?.split('.').map(segment) ?? [], raw: flag.raw, path: flag.path }] : [];
  });
  const global = (flag: ResolverFlag) => flag.path[prefix.length + 1] === 'globalArguments';
  const all = [
    ...argumentFlags.filter(global),
    ...valuesFlags(values, rules, prefix, firstClass),
    ...argumentFlags.filter((f) => !global(f)),
  ];
  // paerser makes one resolver of names that differ in case alone (parser/labels_decode.go `containsNode`, EqualFold),
  // named as first written here.
  return [...new Set(all.map((flag) => segment(flag.name)))].map((folded) => {
    const own = all.filter((flag) => segment(flag.name) === folded);
    const name = own[0].name;
    const acme = own.filter((flag) => flag.rest[0] === 'acme' && flag.rest.length > 1);
    const tailscale = own.filter((flag) => flag.rest.length === 1 && flag.rest[0] === 'tailscale').at(-1);
    const on = tailscale && blockState(tailscale.raw) === 'on';
    return { name, acme, tailscale: on ? tailscale : undefined };
  });
}

/**
 * The resolvers Traefik refuses to start with, so it serves nothing (traefik/traefik pkg/config/static/static_config.go
 * `ValidateConfiguration`, v3.0.0 and v3.7.0): ACME and Tailscale both on, or (v2.11.0 too) an ACME storage that is empty after the
 * last flag (`--...acme.storage=`, or a leaf the chart writes empty). And a resolver in the values that is no map (null
 * removes it): up to v32 the chart's `range` over its options fails on text or a number and writes `acme.0=` for a list
 * (templates/_podtemplate.tpl); from v33 it writes `--certificatesresolvers.<name>=<value>`, which is no resolver.
 */
export function resolverStartProblems(...args: ResolverInputs): Problem[] {
  const [values, , rules, prefix, firstClass] = args;
  const key = rules.certResolversKey;
  const problems: Problem[] = [];
  for (const [name, entry] of Object.entries(isMap(values[key]) ? values[key] : {})) {
    const written = key === 'certResolvers' || leafRenders(rules, entry);
    if (entry === null || isMap(entry) || !written) continue;
    const path = Object.hasOwn(firstClass, name) ? [...prefix, 'certResolvers', name] : [...prefix, 'values', key, name];
    const [renders, shape] =
      key === 'certResolvers'
        ? ['fails to render it (or, for a list, writes ACME options named 0, 1, ...)', `${key}.${name}.email`]
        : [`writes --certificatesresolvers.${name}=..., which defines no resolver Traefik can read`, `${key}.${name}.acme.email`];
    problems.push({ path, message: `is ${show(entry)}, not a map of options: the chart ${renders}: write a map, e.g. ${shape}` });
  }
  for (const { name, acme, tailscale } of resolverBlocks(...args)) {
    if (!acme.length) continue;
    if (tailscale) {
      problems.push({
        path: tailscale.path,
        message:
          `turns Tailscale on for the resolver ${name}, which ${acme[0].path === tailscale.path ? 'it' : formatPath(acme[0].path)} gives ACME options too, so Traefik ` +
          'fails to start ("ACME and Tailscale providers are mutually exclusive"): give each its own resolver name',
      });
    }
    const storage = acme.filter((flag) => flag.rest.length === 2 && flag.rest[1] === 'storage').at(-1);
    if (storage?.raw === '') {
      problems.push({
        path: storage.path,
        message:
          `leaves the ACME storage of the resolver ${name} empty, so Traefik fails to start ("no storage location for the certificates"): ` +
          'write a file on the persistent volume, e.g. /data/acme.json, or remove it (Traefik then keeps acme.json in the container)',
      });
    }
  }
  return problems;
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
