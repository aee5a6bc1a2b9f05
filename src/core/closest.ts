/** A near miss by spelling (`inteface`), else a longer or shorter form of an allowed key (`hostname` for `host`). */
export function closest(key: string, candidates: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(lower, candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  if (bestDistance <= Math.max(2, Math.floor(key.length / 3))) return best;
  const related = (candidate: string) => {
    const [shorter, longer] = [lower, candidate.toLowerCase()].sort((a, b) => a.length - b.length);
    return shorter.length >= 3 && shorter.length * 2 >= longer.length && longer.includes(shorter);
  };
  const isPrefix = (candidate: string) => lower.startsWith(candidate.toLowerCase()) || candidate.toLowerCase().startsWith(lower);
  const relatedKeys = candidates.filter(related);
  return relatedKeys.find(isPrefix) ?? relatedKeys[0];
}

/** The edits (insert, delete, replace a letter) that turn `a` into `b` (Levenshtein): O(|a| x |b|). */
export function editDistance(a: string, b: string): number {
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
