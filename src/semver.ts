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

// The version tables are folded for every lookup (a synth of config/dev.yaml parsed about 500 versions, a
// few dozen distinct): each text is parsed once, into a frozen Version.
const parsed = new Map<string, Version>();

export function parseVersion(text: string): Version {
  let version = parsed.get(text);
  if (!version) {
    const match = PATTERN.exec(text);
    if (!match) throw new Error(`not a version: ${text}`);
    const [major, minor, patch] = match.slice(1).map(Number);
    version = Object.freeze({ major, minor, patch, tag: `v${major}.${minor}.${patch}` });
    parsed.set(text, version);
  }
  return version;
}

export function compareVersions(a: Version, b: Version): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

// Rules are looked up for every check that depends on a version (thousands of times in a synth of many clusters,
// a few dozen distinct versions): each table is folded once per version, into a frozen object.
const folded = new WeakMap<object, Map<string, object>>();

/**
 * Folds a version table into the rules in force for `version`: every row whose `since` is not
 * newer than it applies, later rows overriding earlier ones. Rows must be sorted by `since`.
 * The result is frozen and shared by every caller asking for the same table and version.
 */
export function rulesFor<T extends object>(table: ReadonlyArray<{ readonly since: string } & Partial<T>>, version: Version): T {
  let byVersion = folded.get(table);
  if (!byVersion) folded.set(table, (byVersion = new Map()));
  const key = `${version.major}.${version.minor}.${version.patch}`;
  let rules = byVersion.get(key) as T | undefined;
  if (!rules) {
    let fold = {} as T;
    for (const { since, ...changes } of table) {
      if (compareVersions(parseVersion(since), version) > 0) break;
      fold = { ...fold, ...changes };
    }
    rules = Object.freeze(fold);
    byVersion.set(key, rules);
  }
  return rules;
}

/** A K3s release tag, `v1.33.5+k3s1`: the Kubernetes version plus K3s' own release counter. */
export interface K3sVersion {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  /** The `N` of `+k3sN` (a re-release of the same Kubernetes patch, e.g. v1.27.7+k3s2). */
  readonly k3s: number;
  readonly tag: string;
}

const K3S_TAG = /^v(0|[1-9]\d{0,3})\.(0|[1-9]\d{0,3})\.(0|[1-9]\d{0,3})\+k3s([1-9]\d{0,3})$/;

export function parseK3sVersion(text: string): K3sVersion | undefined {
  const match = K3S_TAG.exec(text);
  if (!match) return undefined;
  const [major, minor, patch, k3s] = match.slice(1).map(Number);
  return { major, minor, patch, k3s, tag: text };
}

export function compareK3sVersions(a: K3sVersion, b: K3sVersion): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch || a.k3s - b.k3s;
}
