import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { closest } from '../core/closest';
import type { Problem } from '../core/problem';
import { shownInSentence } from '../core/problem';
import { PROJECT_ROOT } from '../output/cache-folder';
import type { Version } from '../semver';
import type { TraefikFlag } from './arguments';
import { goBool, goFloat, goFloats, goSecondsOrDuration } from './go-parse';

/**
 * 49b-2: Traefik's flag parser (traefik/paerser v0.2.0 flag/flagparser.go, parser/nodes_metadata.go) fails at start on a
 * flag naming no option ("field not found", e.g. traefik/traefik#5094, #7306) and on a value it cannot convert to the
 * option's type (strconv.ParseBool, ParseInt, ParseFloat; types.Duration takes seconds or a Go duration). The options,
 * per Traefik minor release, are Traefik's own generated static-configuration reference, vendored in
 * vendor/traefik-static-flags/ (source, tags and commits in its README.md and flags.json).
 */

interface Pattern {
  /** Lower-case segments; `<name>` stands for any map key, `[n]` for a list index. */
  readonly parts: readonly string[];
  readonly written: string;
  /**
   * From the documented default: `bool` a boolean or an option block (a pointer: a bare flag turns it on), `seconds` an
   * integer (an int or a duration: the reference does not tell them apart), `float` a float (Go prints it with six
   * decimals), `floats` a list of floats, `other` a text, list, map or block (a bare one takes the next item).
   */
  readonly type: 'bool' | 'seconds' | 'float' | 'floats' | 'other';
  /** Bit i: the option is in `tags[i]`. */
  readonly mask: number;
}

let table: { tags: Version[]; patterns: Pattern[] } | undefined;

/** The vendored reference, read on first use. */
function reference() {
  if (table) return table;
  const file = JSON.parse(readFileSync(join(PROJECT_ROOT, 'vendor', 'traefik-static-flags', 'flags.json'), 'utf8')) as {
    tags: string[];
    flags: Array<[string, string | null, number]>;
  };
  const tags = file.tags.map((tag) => {
    const [major, minor, patch] = tag.slice(1).split('.').map(Number);
    return { major, minor, patch, tag };
  });
  const patterns = file.flags.map(([written, fallback, mask]): Pattern => ({
    parts: written.toLowerCase().split('.'),
    written,
    type: typeOf(fallback),
    mask,
  }));
  table = { tags, patterns };
  return table;
}

function typeOf(fallback: string | null): Pattern['type'] {
  if (fallback === 'true' || fallback === 'false') return 'bool';
  if (fallback === null) return 'other';
  if (/^-?\d+$/.test(fallback)) return 'seconds';
  if (/^-?\d+\.\d+$/.test(fallback)) return 'float';
  return /^-?\d+\.\d+(, *-?\d+\.\d+)+$/.test(fallback) ? 'floats' : 'other';
}

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

const segmentMatches = (pattern: string, part: string) =>
  pattern === part || (pattern === '<name>' && part !== '') || (pattern.endsWith('[n]') && part.replace(/\[\d+\]$/, '[n]') === pattern);

/** Whether `parts` matches `pattern` from its start, for the pattern's first `length` parts. */
const prefixMatches = (pattern: Pattern, parts: readonly string[], length: number) =>
  pattern.parts.length >= length && parts.slice(0, length).every((part, i) => segmentMatches(pattern.parts[i], part));

/** Which values each type takes, and what to write instead (paerser parser/element_fill.go; go-parse.ts). */
const READERS: Readonly<Record<Exclude<Pattern['type'], 'other'>, { reads: (raw: string) => boolean; as: string; write: string }>> = {
  // An empty value turns an option block on, as a bare flag does (paerser: `Disabled` blocks; tested in attack45-probes45).
  bool: { reads: (raw) => raw === '' || goBool(raw), as: 'a boolean', write: 'write true or false' },
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
function valueProblem(flag: TraefikFlag, type: Pattern['type']): string | undefined {
  if (flag.raw === undefined) {
    if (type === 'bool' || !flag.next) return undefined;
    const then =
      flag.next === 'none'
        ? 'no item follows it, so Traefik fails to start ("flag needs an argument")'
        : 'Traefik takes the flag after it as its value';
    return `is --${flag.written} without a value, and it is an option that takes one, not a switch: ${then}: write --${flag.written}=value`;
  }
  if (type === 'other') return undefined;
  const { reads, as, write } = READERS[type];
  if (reads(flag.raw)) return undefined;
  // Traefik trims no value (blanks around a list's items aside): say so where they are the only fault.
  const blanks = flag.raw !== flag.raw.trim() && reads(flag.raw.trim()) ? ' (it has blanks around it, which Traefik does not trim)' : '';
  const what = type === 'bool' ? `sets --${flag.written}, a switch,` : `sets --${flag.written}`;
  return `${what} to a value Traefik cannot read as ${as}${blanks}, so it fails to start: ${write}`;
}

/** Why `flag` stops Traefik (`mask`'s releases) from starting, else undefined. */
function flagProblem(flag: TraefikFlag, mask: number, label: string, namesJudged: boolean): string | undefined {
  const { patterns, tags } = reference();
  const parts = flag.name.split('.');
  const known = patterns.filter((pattern) => pattern.mask & mask);
  // A list flag may index its items (`trustedips[0]`).
  const exact = known.find(
    (pattern) =>
      pattern.parts.length === parts.length &&
      parts.every((part, i) => segmentMatches(pattern.parts[i], part) || segmentMatches(pattern.parts[i], part.replace(/\[\d+\]$/, ''))),
  );
  if (exact) return valueProblem(flag, exact.type);
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
  // No option name is long: a hostile one is not compared letter by letter with each candidate.
  const near = bad.length <= 64 ? closest(bad, siblings) : undefined;
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
    const message = flagProblem(flag, mask, label, namesJudged);
    // A wrong name leaves the value to be judged too: a secret in it is said in the same run (50a-12).
    return message ? [{ path: flag.path, message, ...(message.startsWith('names option ') && { aboutName: true }) }] : [];
  });
}
