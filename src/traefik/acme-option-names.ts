import { closest } from '../core/closest';
import type { Path, Problem } from '../core/problem';
import { shownValue } from '../core/problem';
import { compareVersions, parseVersion, Version } from '../semver';
import type { TraefikFlag } from './arguments';
import type { TraefikChartRules } from './chart-versions';
import { imageRelease } from './image-release';
import { resolverLeaves, segment, unreadableName } from './resolver-keys';

type Values = Readonly<Record<string, unknown>>;
type Rules = Pick<TraefikChartRules, 'certResolversKey' | 'resolverLeaves' | 'traefikMajor'>;

/**
 * The options of a certificate resolver Traefik knows, below `certificatesresolvers.<name>.`, as written in its YAML tags,
 * with the first Traefik release that has each (traefik/traefik pkg/config/static/static_config.go `CertificateResolver`,
 * pkg/provider/acme/provider.go `Configuration`, `EAB`, `DNSChallenge`, `Propagation`, `HTTPChallenge`, `TLSChallenge`,
 * read at v2.11.0 and at v3.0.0 to v3.7.0, and v3.7.9). Traefik's parser fails to start on any other name, in any case
 * (traefik/paerser v0.2.0 parser/nodes_metadata.go `findTypedField`: "field not found"), and on a name below a leaf.
 * `2.0.0` stands for every v2 release (the v2.11.0 set; the charts deploy v2.9 to v2.11).
 */
const OPTIONS: ReadonlyArray<readonly [path: string, since: string]> = [
  ['acme', '2.0.0'],
  ...[
    'email',
    'caServer',
    'preferredChain',
    'storage',
    'keyType',
    'eab',
    'eab.kid',
    'eab.hmacEncoded',
    'certificatesDuration',
    'dnsChallenge',
    'dnsChallenge.provider',
    'dnsChallenge.delayBeforeCheck',
    'dnsChallenge.resolvers',
    'dnsChallenge.disablePropagationCheck',
    'httpChallenge',
    'httpChallenge.entryPoint',
    'tlsChallenge',
  ].map((path) => [`acme.${path}`, '2.0.0'] as const),
  ['tailscale', '3.0.0'],
  ...['caCertificates', 'caSystemCertPool', 'caServerName'].map((path) => [`acme.${path}`, '3.2.0'] as const),
  ...['propagation', ...['disableChecks', 'disableANSChecks', 'requireAllRNS', 'delayBeforeChecks'].map((p) => `propagation.${p}`)].map(
    (path) => [`acme.dnsChallenge.${path}`, '3.3.0'] as const,
  ),
  ['acme.profile', '3.4.0'],
  ['acme.emailAddresses', '3.4.0'],
  ...['clientTimeout', 'clientResponseHeaderTimeout', 'httpChallenge.delay'].map((path) => [`acme.${path}`, '3.5.0'] as const),
  ['acme.disableCommonName', '3.6.0'],
  ['acme.tlsChallenge.delay', '3.6.0'],
  ['acme.certificateTimeout', '3.7.0'],
];

/** The options by their lower-case paths, as Traefik matches them. */
const BY_KEY = new Map(OPTIONS.map(([path, since]) => [path.toLowerCase(), { path, since: parseVersion(since) }]));

/**
 * The Traefik the chart deploys, as far as the values tell: the release `image.tag` names, else the newest of the chart's
 * default major (`traefikMajor`; K3s may pin a newer minor than the chart's appVersion), `exact` false then.
 */
export function deployedTraefik(values: Values, rules: Pick<Rules, 'traefikMajor'>): { version: Version; exact: boolean } | undefined {
  const release = imageRelease(values);
  // Another major (a v4 the table does not know, or a v1 the chart fails on) is not judged.
  if (typeof release === 'object') return release.major === 2 || release.major === 3 ? { version: release, exact: true } : undefined;
  const major = rules.traefikMajor;
  return { version: { major, minor: 9999, patch: 9999, tag: `v${major}` }, exact: false };
}

const known = (key: string, version: Version) => {
  const option = BY_KEY.get(key);
  return !!option && compareVersions(option.since, version) <= 0;
};

/** Why Traefik `version` fails on the option path `rest` (lower-case parts after the resolver's name), else undefined. */
function unknownOption(rest: readonly string[], { version, exact }: { version: Version; exact: boolean }): string | undefined {
  // A list flag may index its items (`resolvers[0]`, paerser parser/labels_decode.go).
  const parts = rest.map((part) => part.replace(/\[\d+\]$/, ''));
  for (let i = 1; i <= parts.length; i++) {
    const key = parts.slice(0, i).join('.');
    if (known(key, version)) continue;
    const parent = parts.slice(0, i - 1).join('.');
    const siblings = OPTIONS.filter(([path]) => {
      const lower = path.toLowerCase();
      return lower.startsWith(parent ? `${parent}.` : '') && lower.split('.').length === i && known(lower, version);
    }).map(([path]) => path.split('.').at(-1)!);
    const near = closest(parts[i - 1], siblings);
    const traefik = exact ? `Traefik ${version.tag}` : `Traefik v${version.major}`;
    const later = BY_KEY.get(key);
    const where = parent ? `under ${BY_KEY.get(parent)?.path ?? parent}` : 'for a certificate resolver';
    const fix = later
      ? `remove it, or deploy Traefik ${later.since.tag} or newer, which has it`
      : near
        ? `write ${near}, the nearest option Traefik knows there`
        : siblings.length
          ? `write one of ${siblings.join(', ')}`
          : `remove it (${BY_KEY.get(parent)?.path ?? parent} takes no options)`;
    return `${traefik} has no option ${shownValue(parts[i - 1])} ${where}, so it fails to start ("field not found"): ${fix}`;
  }
  return undefined;
}

/**
 * Certificate resolver options the deployed Traefik does not know (`OPTIONS`), from the resolver key the chart reads
 * (`traefik.values`, as the chart writes each leaf: resolver-keys.ts `resolverLeaves`) and from `--certificatesresolvers.*`
 * flags of the argument lists. Resolver keys Traefik cannot read, and up to chart v32 an option `acme`, are
 * resolver-keys.ts `resolverKeyProblems`' to refuse.
 */
export function unknownResolverOptionProblems(
  user: Values,
  values: Values,
  flags: readonly TraefikFlag[],
  prefix: Path,
  rules: Rules,
): Problem[] {
  const traefik = deployedTraefik(values, rules);
  const problems: Problem[] = [];
  if (!traefik) return problems;
  for (const leaf of resolverLeaves(user, rules)) {
    if (unreadableName(leaf.key) || leaf.key.includes('.')) continue;
    if (rules.certResolversKey === 'certResolvers' && segment(leaf.keys[0].split('.')[0]) === 'acme') continue;
    const problem = unknownOption(leaf.rest, traefik);
    const flag = `--certificatesresolvers.${leaf.key}.${leaf.option}`;
    if (problem)
      problems.push({
        path: [...prefix, 'values', rules.certResolversKey, leaf.key, ...leaf.keys],
        message: `is written by the chart as ${flag}: ${problem}`,
      });
  }
  for (const flag of flags) {
    const rest = /^certificatesresolvers\.[^.]+\.(.+)$/.exec(flag.name)?.[1];
    const problem = rest === undefined ? undefined : unknownOption(rest.split('.').map(segment), traefik);
    if (problem) problems.push({ path: flag.path, message: `is the flag --${flag.written}: ${problem}` });
  }
  return problems;
}
