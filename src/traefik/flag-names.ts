import { closest } from '../core/closest';
import type { Problem } from '../core/problem';
import { shownInSentence } from '../core/problem';
import type { Version } from '../semver';
import type { TraefikFlag } from './arguments';
import { Pattern, prefixMatches, reference, segmentMatches } from './flag-reference';
import { goFloat, goFloats, goInt, goSecondsOrDuration } from './go-parse';
import { switchValueProblem } from './switch-values';
import { emptyListItemProblem } from './flag-list-items';
import { flagValueRuleProblem } from './flag-value-rules';

/**
 * 49b-2: Traefik's flag parser (traefik/paerser v0.2.0 flag/flagparser.go, parser/nodes_metadata.go) fails at start on a
 * flag naming no option ("field not found", e.g. traefik/traefik#5094, #7306) and on a value it cannot convert to the
 * option's type (strconv.ParseBool, ParseInt, ParseFloat; types.Duration takes seconds or a Go duration). The options,
 * per Traefik minor release, are Traefik's own generated static-configuration reference, vendored in
 * vendor/traefik-static-flags/ (source, tags and commits in its README.md and flags.json).
 */

/** The reference's tags that stand for the deployed Traefik: its minor's, else (a major only, or a newer minor) every tag of its major. */
function tagMask(traefik: { version: Version; exact: boolean }, tags: readonly Version[]): number {
  const { version, exact } = traefik;
  const ofMajor = tags.map((tag, i) => (tag.major === version.major ? 1 << i : 0)).reduce((a, b) => a | b, 0);
  if (!exact) return ofMajor;
  const same = tags.findIndex((tag) => tag.major === version.major && tag.minor === version.minor);
  // v2 is vendored at v2.11 only (the charts deploy v2.9 to v2.11): older v2 minors are judged by it.
  if (same < 0 && version.major === 2) return ofMajor;
  return same < 0 ? ofMajor : 1 << same;
}

/** Which values each type takes, and what to write instead (paerser parser/element_fill.go; go-parse.ts). */
const READERS: Readonly<
  Record<Exclude<Pattern['type'], 'other' | 'bool' | 'int'>, { reads: (raw: string) => boolean; as: string; write: string }>
> = {
  seconds: {
    reads: goSecondsOrDuration,
    as: 'its number or duration',
    write: 'write a whole number (a duration in seconds) or a duration such as 30s, 1.5s or 1m30s (units ns, us, ms, s, m, h)',
  },
  float: { reads: goFloat, as: 'a number', write: 'write a number such as 0.5' },
  floats: { reads: goFloats, as: 'a list of numbers', write: 'write numbers separated by commas, such as 0.1,0.3,1.2' },
};

/**
 * Why Traefik fails to start on the value of `flag`, an option of type `type`: bare where it takes a value (50b-1:
 * paerser `parseOne` takes the next item, and fails with "flag needs an argument" when none follows), or a value it
 * cannot convert (50b-2), read exactly as written.
 */
function valueProblem(flag: TraefikFlag, { type, bits }: Pattern, major: number): string | undefined {
  if (flag.raw === undefined) {
    if (type === 'bool' || !flag.next) return undefined;
    const then =
      flag.next === 'none'
        ? 'no item follows it, so Traefik fails to start ("flag needs an argument")'
        : 'Traefik takes the flag after it as its value';
    return `is --${flag.written} without a value, and it is an option that takes one, not a switch: ${then}: write --${flag.written}=value`;
  }
  if (type === 'other') return emptyListItemProblem(flag) ?? flagValueRuleProblem(flag, major);
  // A switch is read by Go's strconv.ParseBool, an option block by paerser's own rule (switch-values.ts).
  if (type === 'bool') return switchValueProblem(flag.name, flag.written, flag.raw);
  const { reads, as, write } = type === 'int' ? intReader(bits ?? 64) : READERS[type];
  if (reads(flag.raw)) return flagValueRuleProblem(flag, major);
  // Traefik trims no value (blanks around a list's items aside): say so where they are the only fault.
  const blanks = flag.raw !== flag.raw.trim() && reads(flag.raw.trim()) ? ' (it has blanks around it, which Traefik does not trim)' : '';
  return `sets --${flag.written} to a value Traefik cannot read as ${as}${blanks}, so it fails to start: ${write}`;
}

/** A Go integer of `bits` (flag-int-options.ts): no duration, and within its range. */
function intReader(bits: 32 | 64) {
  const max = (1n << BigInt(bits - 1)) - 1n;
  return {
    reads: (raw: string) => goInt(raw, bits),
    as: `a whole number (a Go int${bits === 32 ? '32' : ''}, from ${-max - 1n} to ${max}; no duration)`,
    write: 'write a whole number such as 250, without a unit',
  };
}

/** Why `flag` stops Traefik (`mask`'s releases) from starting, else undefined. */
function flagProblem(flag: TraefikFlag, mask: number, label: string, namesJudged: boolean, major: number): string | undefined {
  const { patterns, tags } = reference();
  const parts = flag.name.split('.');
  const known = patterns.filter((pattern) => pattern.mask & mask);
  // A list flag may index its items (`trustedips[0]`).
  const exact = known.find(
    (pattern) =>
      pattern.parts.length === parts.length &&
      parts.every((part, i) => segmentMatches(pattern.parts[i], part) || segmentMatches(pattern.parts[i], part.replace(/\[\d+\]$/, ''))),
  );
  if (exact) return valueProblem(flag, exact, major);
  if (!namesJudged) return undefined;
  // A block above options (`--providers.kubernetescrd`), or a key below a free map (a plugin provider's settings).
  if (known.some((pattern) => prefixMatches(pattern, parts, parts.length))) return undefined;
  const free = known.some(
    (pattern) =>
      pattern.type === 'other' &&
      pattern.parts.at(-1) === '<name>' &&
      pattern.parts.length < parts.length &&
      prefixMatches(pattern, parts, pattern.parts.length),
  );
  if (free) return undefined;
  let depth = 1;
  while (depth < parts.length && known.some((pattern) => prefixMatches(pattern, parts, depth + 1))) depth += 1;
  if (!known.some((pattern) => prefixMatches(pattern, parts, depth))) depth = 0;
  const bad = parts[depth].replace(/\[\d+\]$/, '');
  // As written (entrypoint and resolver names kept), or as the reference writes it when a map key is long.
  const written = flag.written.split('.').slice(0, depth).join('.');
  const above = known.find((pattern) => prefixMatches(pattern, parts, depth));
  const parent = written.length <= 120 || !above ? written : above.written.split('.').slice(0, depth).join('.');
  const siblings = [
    ...new Set(known.filter((pattern) => prefixMatches(pattern, parts, depth)).map((pattern) => pattern.written.split('.')[depth])),
  ].filter((name): name is string => !!name && name !== '<name>');
  const elsewhere = patterns.find((pattern) => !(pattern.mask & mask) && prefixMatches(pattern, parts, depth + 1));
  const near = closest(bad, siblings); // a long one is no near miss (closest.ts NEAR_MISS_MAX)
  const releases = elsewhere && tags.filter((_, i) => elsewhere.mask & (1 << i)).map((tag) => `${tag.major}.${tag.minor}`);
  const fix = releases
    ? `remove it (Traefik has it in ${releases.map((r) => `v${r}`).join(', ')})`
    : near
      ? `write ${near}, the nearest option Traefik knows there`
      : 'remove it';
  return `names option ${shownInSentence(bad)} ${parent ? `under --${parent}` : 'at the top level'}, which ${label} does not have, so it fails to start ("field not found"): ${fix}`;
}

/**
 * The flags of the argument lists that the deployed Traefik (`traefik`, acme-option-names.ts deployedTraefik) fails to
 * start on. Resolver options are acme-option-names.ts', an entrypoint's address and `--configfile` arguments.ts' and
 * pod-rules.ts'.
 */
export function unknownFlagProblems(flags: readonly TraefikFlag[], traefik: { version: Version; exact: boolean } | undefined): Problem[] {
  if (!traefik) return [];
  const candidates = flags.filter((flag) => flag.name !== 'configfile');
  if (!candidates.length) return [];
  const mask = tagMask(traefik, reference().tags);
  const label = traefik.exact ? `Traefik ${traefik.version.tag}` : `Traefik v${traefik.version.major}`;
  return candidates.flatMap((flag): Problem[] => {
    // Resolver option names are acme-option-names.ts' to judge, an entrypoint's address arguments.ts': their values are judged here.
    const namesJudged = !/^(certificatesresolvers\.|entrypoints\.[^.]+\.address$)/.test(flag.name);
    const problem = flagProblem(flag, mask, label, namesJudged, traefik.version.major);
    // 52b-5: a chart key is held to the value rules of the flag the chart writes for it.
    const message = problem && flag.fromKey ? `is a key the chart writes as a Traefik flag, and it ${problem}` : problem;
    // A wrong name leaves the value to be judged too: a secret in it is said in the same run (50a-12).
    return message ? [{ path: flag.path, message, ...(message.startsWith('names option ') && { aboutName: true }) }] : [];
  });
}
