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

/** Passes of earlier runs, by text (output/pass-memo.ts's PassMemo, which the commands that write set: core keeps no file). */
export interface EarlierPasses {
  passed(input: string): boolean;
  remember(input: string): void;
}

let earlierPasses: EarlierPasses | undefined;

/** Sets the passes judgedOnceAcrossRuns reads and adds to; undefined (the default: constructs, tests) for none. */
export function useEarlierPasses(passes: EarlierPasses | undefined): void {
  earlierPasses = passes;
}

/**
 * judgedOnce for a judgement whose `undefined` is a pass: a text passed in an earlier run (useEarlierPasses, whose
 * memo is kept by a digest of the judging code) is not judged again. The readers compile about 430 regular expressions
 * on a run's first texts: a synth of a config synthesized before skips that, about 20 ms of 0.3 s.
 */
export function judgedOnceAcrossRuns<T>(name: string, judge: (text: string) => T | undefined): (text: string) => T | undefined {
  return judgedOnce((text: string): T | undefined => {
    const passes = earlierPasses;
    const input = `${name}\0${text}`;
    if (passes?.passed(input)) return undefined;
    const verdict = judge(text);
    if (verdict === undefined) passes?.remember(input);
    return verdict;
  });
}

/**
 * judgedOnce for a judgement of a text under a list (redact's secrets): one text meets each door of a validation, the
 * error a construct throws and a message's parts with one list (test/attack49-lits50.test.ts: 3,786 of 4,250 calls
 * repeated one). The list is part of the key, as JSON, which never holds a raw NUL: the key splits back at the first.
 */
export function judgedOnceUnder<T>(judge: (text: string, list: readonly string[]) => T): (text: string, list?: readonly string[]) => T {
  const once = judgedOnce((key: string): T => {
    const at = key.indexOf('\0');
    return judge(key.slice(at + 1), JSON.parse(key.slice(0, at)) as string[]);
  });
  return (text, list = []) => once(`${JSON.stringify(list)}\0${text}`);
}

/** Lets go of every judgement kept: for `npm run bench`, which times each judgement afresh (scripts/bench.js). */
export function forgetJudgements(): void {
  for (const forget of forgets) forget();
}
