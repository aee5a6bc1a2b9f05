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
function editDistance(a: string, b: string): number {
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

/** Levenshtein distance, counting a swap of two neighbours as one change. */
export function typoDistance(a: string, b: string): number {
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
