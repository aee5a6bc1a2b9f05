import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../output/cache-folder';
import type { Version } from '../semver';
import { intBits } from './flag-int-options';

/**
 * Traefik's static-configuration options per minor release, as its own generated reference lists them, vendored in
 * vendor/traefik-static-flags/ (source, tags and commits in its README.md and flags.json), with each option's value type.
 */
export interface Pattern {
  /** Lower-case segments; `<name>` stands for any map key, `[n]` for a list index. */
  readonly parts: readonly string[];
  readonly written: string;
  /**
   * From the documented default: `bool` a boolean or an option block (a pointer: a bare flag turns it on), `seconds` a
   * `types.Duration` (seconds or a Go duration), `int` a Go integer of `bits` (flag-int-options.ts: the reference prints
   * both as a whole number), `float` a float (Go prints it with six decimals), `floats` a list of floats, `other` a text,
   * list, map or block (a bare one takes the next item).
   */
  readonly type: 'bool' | 'seconds' | 'int' | 'float' | 'floats' | 'other';
  readonly bits?: 32 | 64;
  /** Bit i: the option is in `tags[i]`. */
  readonly mask: number;
}

let table: { tags: Version[]; patterns: Pattern[] } | undefined;

/** The vendored reference, read on first use. */
export function reference() {
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
    const type = typeOf(fallback);
    const bits = type === 'seconds' ? intBits(written) : undefined;
    return { parts: written.toLowerCase().split('.'), written, type: bits ? 'int' : type, ...(bits && { bits }), mask };
  });
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

export const segmentMatches = (pattern: string, part: string) =>
  pattern === part || (pattern === '<name>' && part !== '') || (pattern.endsWith('[n]') && part.replace(/\[\d+\]$/, '[n]') === pattern);

/** Whether `parts` matches `pattern` from its start, for the pattern's first `length` parts. */
export const prefixMatches = (pattern: Pattern, parts: readonly string[], length: number) =>
  pattern.parts.length >= length && parts.slice(0, length).every((part, i) => segmentMatches(pattern.parts[i], part));

/**
 * Whether the lower-case flag name `name` is an option block in some release: a pointer to a struct, which the reference
 * prints with a boolean default and options below it (`accesslog`, `providers.kubernetesingress`, an ACME challenge).
 */
export function isOptionBlock(name: string): boolean {
  const parts = name.split('.');
  const { patterns } = reference();
  const bool = patterns.some(
    (pattern) => pattern.type === 'bool' && pattern.parts.length === parts.length && prefixMatches(pattern, parts, parts.length),
  );
  return bool && patterns.some((pattern) => pattern.parts.length > parts.length && prefixMatches(pattern, parts, parts.length));
}
