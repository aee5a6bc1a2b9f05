/** A release version `vMAJOR.MINOR.PATCH`, as upstream tags are spelled. */
export interface Version {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  /** Canonical tag form, always with the leading `v`. */
  readonly tag: string;
}

/** Largest number in one part of a version; release numbers never come near it, typos do. */
export const MAX_VERSION_PART = 9999;
/** `MAJOR.MINOR.PATCH`, optional `v`, numbers without leading zeros up to MAX_VERSION_PART. */
const PATTERN = /^v?(0|[1-9]\d{0,3})\.(0|[1-9]\d{0,3})\.(0|[1-9]\d{0,3})$/;

export function isVersion(text: string): boolean {
  return PATTERN.test(text);
}

export function parseVersion(text: string): Version {
  const match = PATTERN.exec(text);
  if (!match) throw new Error(`not a version: ${text}`);
  const [major, minor, patch] = match.slice(1).map(Number);
  return { major, minor, patch, tag: `v${major}.${minor}.${patch}` };
}

export function compareVersions(a: Version, b: Version): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

/**
 * Folds a version table into the rules in force for `version`: every row whose `since` is not
 * newer than it applies, later rows overriding earlier ones. Rows must be sorted by `since`.
 */
export function rulesFor<T extends object>(table: ReadonlyArray<{ readonly since: string } & Partial<T>>, version: Version): T {
  let rules = {} as T;
  for (const { since, ...changes } of table) {
    if (compareVersions(parseVersion(since), version) > 0) break;
    rules = { ...rules, ...changes };
  }
  return rules;
}
