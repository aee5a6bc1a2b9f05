import { formatPath, type Problem } from '../core/problem';

/** The matcher a rule problem starts with (`gives Host 2 value(s)`, `uses matcher Headers`), if it names one. */
const leadingMatcher = (message: string): string | undefined => /^(?:gives|uses matcher) ([A-Za-z]+)\b/.exec(message)?.[1];

/**
 * The problems of one router rule (a key path ending in `match` or `matchRule`) from its syntax checks (v3-rule-syntax.ts,
 * v2-rule-syntax.ts) and its values' (rule-values.ts) as one message, where they start with different matchers: a
 * config keeps one error per key path, and one run says every problem of the rule (76b-10). Two about the same matcher
 * are one value refused twice: the first stands.
 */
export function joinedRuleProblems(problems: readonly Problem[]): Problem[] {
  const firstAt = new Map<string, number>();
  const out: Problem[] = [];
  for (const problem of problems) {
    const last = problem.path[problem.path.length - 1];
    const key = last === 'match' || last === 'matchRule' ? formatPath(problem.path) : undefined;
    const at = key === undefined ? undefined : firstAt.get(key);
    const first = at === undefined ? undefined : out[at];
    const [mine, theirs] = [leadingMatcher(problem.message), first && leadingMatcher(first.message)];
    if (first && mine && theirs && mine !== theirs && !first.message.includes(problem.message)) {
      out[at!] = { ...first, message: `${first.message}; and ${problem.message}` };
      continue;
    }
    if (key !== undefined && at === undefined) firstAt.set(key, out.length);
    out.push(problem);
  }
  return out;
}
