import { Path, Problem, shownValue } from '../core/problem';
import { parseVersion } from '../semver';
import { closest } from '../core/closest';
import { traefikFlags } from './arguments';
import { chartVersionSupport, OLDEST_CHART, traefikChartRules, upstreamChartVersion } from './chart-versions';
import { goTruthy } from './go-truth';
import { isMap } from '../core/is-map';
import { firstClassResolverName } from '../config/resolver-name-format';

type Values = Readonly<Record<string, unknown>>;

/**
 * Why a router (or an entrypoint's default) may not name certificate resolver `resolver`, given the names Traefik
 * will have (`known`): none of that name, so Traefik serves its self-signed default certificate; only another
 * spelling, as Traefik keeps a resolver's name as written and matches it exactly (a name with a dot is none: Traefik
 * splits its flags, paerser flag/flagparser.go, and environment variables, env/env.go, at dots); or two spellings of one name, which
 * Traefik makes one resolver of under whichever sorts first (traefik/paerser v0.2.0 parser/labels_decode.go,
 * `containsNode` with EqualFold). `define` says where a resolver is declared. Undefined when the name is fine.
 */
export function resolverNameProblem(resolver: string, known: Iterable<string>, define: string): string | undefined {
  const spellings = [...new Set(known)].filter((name) => name.toLowerCase() === resolver.toLowerCase());
  if (spellings.length === 1 && spellings[0] === resolver) return undefined;
  const others = spellings.filter((name) => name !== resolver).map((name) => shownValue(name));
  if (!spellings.length && resolver.includes('.')) {
    return (
      `"${resolver}" is not defined, and cannot be: Traefik splits the flags and environment variables that define resolvers at every dot, so no resolver ` +
      'name holds one, and it would serve its self-signed default certificate: name the resolver without dots, here and where ' +
      `it is defined, e.g. "${resolver.replace(/\./g, '-')}"`
    );
  }
  // `define` names the first-class keys, which take only what certResolverName does (59b-3): another name is defined in the values.
  const where = firstClassResolverName(resolver)
    ? define
    : "Define it in the chart values' certificatesResolvers (the first-class keys take only letters, digits, '-' and '_'), or rename it so";
  // 79b-14: a near miss of a defined name (`letsencrpyt` beside `letsencrypt`) is named; long names are not compared.
  const near =
    resolver.length <= 253
      ? closest(
          resolver,
          [...new Set(known)].filter((name) => name.length <= 253),
        )
      : undefined;
  if (!spellings.length && near)
    return `"${resolver}" is not defined: Traefik would serve its self-signed default certificate. Did you mean ${shownValue(near)}, which is defined?`;
  if (!spellings.length) return `"${resolver}" is not defined: Traefik would serve its self-signed default certificate. ${where}`;
  return !spellings.includes(resolver)
    ? `"${resolver}" is not defined, only ${others.join(', ')}, which differs in case alone, but Traefik keeps a resolver's name as written and matches it exactly, so it would serve its self-signed default certificate: spell the resolver "${resolver}" where it is defined`
    : `"${resolver}" is also defined as ${others.join(', ')}, which differs in case alone, and Traefik makes one resolver of them under one of the spellings, which may not be this one: define the resolver in one spelling`;
}

/**
 * The default resolvers of entrypoints: `ports.<name>.tls.certResolver` up to chart v38, `ports.<name>.http.tls.certResolver`
 * from v39 (the old key is ignored), which the chart renders as `--entryPoints.<name>.http.tls.certResolver` when that
 * block's `enabled` is true (the chart's default for websecure only; traefik/templates/_podtemplate.tpl), and the
 * flag itself in `additionalArguments`/`globalArguments`, in any letter case. Every TLS router on the entrypoint
 * asks for that resolver.
 */
export function entrypointResolvers(values: Values, chartVersion: string, prefix: Path): EntrypointResolver[] {
  const found: EntrypointResolver[] = [];
  for (const { entrypoint, tls, path } of entrypointTlsBlocks(values, chartVersion, prefix)) {
    if (typeof tls.certResolver !== 'string' || tls.certResolver === '') continue;
    found.push({ entrypoint, path: [...path, 'certResolver'], resolver: tls.certResolver });
  }
  for (const flag of traefikFlags(values, prefix, chartVersion)) {
    const match = /^entrypoints\.([^.]+)\.http\.tls\.certresolver$/i.exec(flag.written);
    if (match && flag.value) found.push({ entrypoint: match[1], path: flag.path, resolver: flag.value });
  }
  return found;
}

/** An entrypoint's default resolver, and the key or flag that names it. */
export interface EntrypointResolver {
  readonly entrypoint: string;
  readonly path: Path;
  readonly resolver: string;
}

/** The `tls` blocks of the values' entrypoints that the chart renders (see `entrypointResolvers`), with their key path. */
export function entrypointTlsBlocks(values: Values, chartVersion: string, prefix: Path) {
  // A chart older than the table is refused by its own rule; the oldest known chart's keys are read meanwhile.
  const version = chartVersionSupport(chartVersion).error ? OLDEST_CHART : parseVersion(upstreamChartVersion(chartVersion));
  const underHttp = traefikChartRules(version).redirectKey === 'ports.web.http.redirections';
  const ports = isMap(values.ports) ? values.ports : {};
  return Object.entries(ports).flatMap(([entrypoint, port]) => {
    const http = isMap(port) && underHttp ? port.http : port;
    const tls = isMap(http) ? http.tls : undefined;
    // Unset keeps the chart's default (on for websecure); null deletes it (Helm's coalesce), so the template reads nil.
    if (!isMap(tls) || !(tls.enabled === undefined ? entrypoint === 'websecure' : goTruthy(tls.enabled))) return [];
    return [{ entrypoint, tls, path: [...prefix, 'values', 'ports', entrypoint, ...(underHttp ? ['http'] : []), 'tls'] as Path }];
  });
}

/** The entrypoints' default resolvers that Traefik does not define (`known`), judged as an Ingress' `tls.certResolver`. */
export function entrypointResolverProblems(
  values: Values,
  chartVersion: string,
  prefix: Path,
  known: Iterable<string>,
  define: string,
): Problem[] {
  const names = [...known];
  return entrypointResolvers(values, chartVersion, prefix).flatMap(({ path, resolver }) => {
    const message = resolverNameProblem(resolver, names, define);
    return message ? [{ path, message }] : [];
  });
}
