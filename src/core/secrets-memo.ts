/** How each kept judgement is let go (forgetJudgements). */
const forgets: Array<() => void> = [];

/**
 * A judgement of a text, made once per text: one text meets several readers (its config file, the effective chart
 * values, the construct's props, the write gate; each line of it the line reading and the comment reading), and a
 * 1 MB text judged anew by each took seconds (attack round 31a). `judge` must depend on the text alone. The texts
 * kept are bounded by their characters; all are let go when full.
 */
export function judgedOnce<T>(judge: (text: string) => T, maxCharacters = 16_000_000): (text: string) => T {
  const judged = new Map<string, T>();
  let characters = 0;
  const forget = () => {
    judged.clear();
    characters = 0;
  };
  forgets.push(forget);
  return (text) => {
    if (judged.has(text)) return judged.get(text)!;
    const verdict = judge(text);
    if (characters + text.length > maxCharacters) forget();
    judged.set(text, verdict);
    characters += text.length;
    return verdict;
  };
}

/** Lets go of every judgement kept: for `npm run bench`, which times each judgement afresh (scripts/bench.js). */
export function forgetJudgements(): void {
  for (const forget of forgets) forget();
}
