/**
 * The longest text a near miss is looked for: no key, option or name of the tool's is longer, and comparing two long
 * texts letter by letter costs the product of their lengths (79c-2: a 40,000-letter entrypoint against a 40,000-letter
 * `ports` key took two minutes). A longer text is no near miss of anything; every did-you-mean goes through here.
 */
export const NEAR_MISS_MAX = 64;

/** A near miss by spelling (`inteface`), else a longer or shorter form of an allowed key (`hostname` for `host`). */
export function closest(key: string, candidates: readonly string[]): string | undefined {
  if (key.length > NEAR_MISS_MAX) return undefined;
  const lower = key.toLowerCase();
  const limit = Math.max(2, Math.floor(key.length / 3));
  // Only a candidate whose length is near enough to be within `limit` edits, or to be a related form, is read at all.
  const near = candidates.filter((candidate) => candidate.length <= Math.max(2 * key.length, key.length + limit));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of near) {
    if (Math.abs(candidate.length - key.length) > limit) continue; // at least that many edits apart
    const d = levenshtein(lower, candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  if (bestDistance <= limit) return best;
  const related = (candidate: string) => {
    const [shorter, longer] = [lower, candidate.toLowerCase()].sort((a, b) => a.length - b.length);
    return shorter.length >= 3 && shorter.length * 2 >= longer.length && longer.includes(shorter);
  };
  const isPrefix = (candidate: string) => lower.startsWith(candidate.toLowerCase()) || candidate.toLowerCase().startsWith(lower);
  const relatedKeys = near.filter(related);
  return relatedKeys.find(isPrefix) ?? relatedKeys[0];
}

/**
 * The edits (insert, delete, replace a letter) that turn `a` into `b` (Levenshtein): O(|a| x |b|), so a text over
 * NEAR_MISS_MAX counts as far from every other (Infinity) unless the two are equal.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  return a.length > NEAR_MISS_MAX || b.length > NEAR_MISS_MAX ? Infinity : levenshtein(a, b);
}

/** Levenshtein's distance, for texts bounded by the callers above. */
function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** Levenshtein distance, counting a swap of two neighbours as one change; a text over NEAR_MISS_MAX is far from every other (editDistance). */
export function typoDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length > NEAR_MISS_MAX || b.length > NEAR_MISS_MAX) return Infinity;
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
