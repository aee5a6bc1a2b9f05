import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { closest } from '../core/closest';
import type { Problem } from '../core/problem';
import { shownInSentence } from '../core/problem';
import { PROJECT_ROOT } from '../output/cache-folder';
import type { Version } from '../semver';
import type { TraefikFlag } from './arguments';

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
  readonly type: 'bool' | 'number' | 'other';
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
  const patterns = file.flags.map(([written, fallback, mask]): Pattern => {
    const type =
      fallback === 'true' || fallback === 'false' ? 'bool' : fallback !== null && /^-?\d+(\.\d+)?$/.test(fallback) ? 'number' : 'other';
    return { parts: written.toLowerCase().split('.'), written, type, mask };
  });
  table = { tags, patterns };
  return table;
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

const BOOL = /^(true|false|t|f|1|0)$/i;
const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;
const DURATION = /^[-+]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h))+$/;

/** Why `flag` stops Traefik (`mask`'s releases) from starting, else undefined. */
function flagProblem(flag: TraefikFlag, mask: number, label: string): string | undefined {
  const { patterns, tags } = reference();
  const parts = flag.name.split('.');
  const known = patterns.filter((pattern) => pattern.mask & mask);
  // A list flag may index its items (`trustedips[0]`).
  const exact = known.find(
    (pattern) =>
      pattern.parts.length === parts.length &&
      parts.every((part, i) => segmentMatches(pattern.parts[i], part) || segmentMatches(pattern.parts[i], part.replace(/\[\d+\]$/, ''))),
  );
  if (exact) {
    if (flag.value === undefined) return undefined;
    // An empty value turns an option block on, as a bare flag does (paerser: `Disabled` blocks; tested in attack45-probes45).
    if (exact.type === 'bool' && flag.value !== '' && !BOOL.test(flag.value))
      return `sets --${flag.written}, a switch, to a value Traefik cannot read as a boolean, so it fails to start: write true or false`;
    if (exact.type === 'number' && !NUMBER.test(flag.value) && !DURATION.test(flag.value))
      return (
        `sets --${flag.written} to a value Traefik cannot read as its number or duration, so it fails to start: write a number ` +
        '(a duration in seconds) or a duration such as 30s or 1m30s (units ns, us, ms, s, m, h)'
      );
    return undefined;
  }
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
  const candidates = flags.filter(
    (flag) => !/^(certificatesresolvers\.|configfile$)/.test(flag.name) && !/^entrypoints\.[^.]+\.address$/.test(flag.name),
  );
  if (!candidates.length) return [];
  const mask = tagMask(traefik, reference().tags);
  const label = traefik.exact ? `Traefik ${traefik.version.tag}` : `Traefik v${traefik.version.major}`;
  return candidates.flatMap((flag) => {
    const message = flagProblem(flag, mask, label);
    return message ? [{ path: flag.path, message }] : [];
  });
}
