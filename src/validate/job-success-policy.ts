import { FieldPath, Finding, isRecord, show } from './paths';

const REFUSED = 'which the API server refuses';
/** maxSuccessPolicyRule and maxJobSuccessPolicySucceededIndexesLimit of the validation below. */
const MOST_RULES = 20;
const MOST_INDEX_TEXT = 64 * 1024;

/**
 * 87b-12: the rules of an Indexed Job's successPolicy (kubernetes/kubernetes pkg/apis/batch/validation/validation.go,
 * v1.30 to v1.35: validateSuccessPolicy, validateSuccessPolicyRule, validateIndexesFormat, parseIndexInterval): 1 to 20
 * rules, each with succeededCount or succeededIndexes; the indexes a comma list of increasing indexes and `a-b` intervals
 * below completions; the count not above completions, nor above the number of indexes listed beside it. `completions` is the
 * Job's (job-rules.ts says when it is missing); types are the schema's.
 */
export function successPolicyProblems(policy: unknown, completions: unknown, at: FieldPath): Finding[] {
  if (!isRecord(policy) || !Array.isArray(policy.rules)) return [];
  const { rules } = policy;
  const findings: Finding[] = [];
  if (rules.length === 0)
    findings.push({
      path: [...at, 'rules'],
      message: `are empty, ${REFUSED} (Required value: "at least one rules must be specified when the successPolicy is specified"): write a rule, such as {succeededIndexes: "0"}, or remove successPolicy`,
    });
  if (rules.length > MOST_RULES)
    findings.push({
      path: [...at, 'rules'],
      message: `are ${rules.length}, ${REFUSED} ("must have at most ${MOST_RULES} items"): merge them into ${MOST_RULES} or fewer`,
    });
  const total = typeof completions === 'number' && Number.isInteger(completions) ? completions : undefined;
  rules.forEach((rule: unknown, i: number) => {
    if (isRecord(rule)) findings.push(...ruleProblems(rule, total, [...at, 'rules', i]));
  });
  return findings;
}

function ruleProblems(rule: Record<string, unknown>, completions: number | undefined, at: FieldPath): Finding[] {
  const { succeededCount: count, succeededIndexes: indexes } = rule;
  const given = (value: unknown) => value !== undefined && value !== null;
  if (!given(count) && !given(indexes))
    return [
      {
        path: at,
        message: `has neither succeededCount nor succeededIndexes, ${REFUSED} (Required value: "at least one of succeededCount or succeededIndexes must be specified"): write one of them, such as succeededCount: 1`,
      },
    ];
  if (completions === undefined) return [];
  const findings: Finding[] = [];
  let listed: number | undefined;
  if (typeof indexes === 'string') {
    const parsed = indexCount(indexes, completions);
    if (typeof parsed === 'number') listed = parsed;
    else
      findings.push({
        path: [...at, 'succeededIndexes'],
        message: `is ${show(indexes)}, ${REFUSED} ("error parsing succeededIndexes: ${parsed.error}"): write increasing indexes from 0 to ${completions - 1} and intervals, such as "0,2-4"`,
      });
    if (indexes.length > MOST_INDEX_TEXT)
      findings.push({
        path: [...at, 'succeededIndexes'],
        message: `is ${indexes.length} characters long, ${REFUSED} ("may not be more than ${MOST_INDEX_TEXT} bytes"): join neighbouring indexes into intervals such as 0-99`,
      });
  }
  if (typeof count === 'number' && Number.isInteger(count)) {
    if (count > completions)
      findings.push({
        path: [...at, 'succeededCount'],
        message: `is ${count}, ${REFUSED} ("must be less than or equal to ${completions} (the number of specified completions)"): write ${completions} or less`,
      });
    else if (listed !== undefined && count > listed)
      findings.push({
        path: [...at, 'succeededCount'],
        message: `is ${count}, ${REFUSED} ("must be less than or equal to ${listed} (the number of indexes in the specified succeededIndexes field)"): write ${listed} or less, or list more indexes`,
      });
  }
  return findings;
}

/** validateIndexesFormat: how many indexes `text` lists, or why it is no index list (in the API server's words). */
function indexCount(text: string, completions: number): number | { error: string } {
  if (text === '') return 0;
  let last: number | undefined;
  let total = 0;
  for (const interval of text.split(',')) {
    const limits = interval.split('-');
    if (limits.length > 2)
      return {
        error: `the fragment ${JSON.stringify(interval)} violates the requirement that an index interval can have at most two parts separated by '-'`,
      };
    const bounds: number[] = [];
    for (const limit of limits) {
      // Go's strconv.Atoi: an optional sign, then decimal digits.
      if (!/^[+-]?[0-9]+$/.test(limit)) return { error: `cannot convert string to integer for index: ${JSON.stringify(limit)}` };
      const index = Number(limit);
      if (index >= completions) return { error: `too large index: ${JSON.stringify(limit)}` };
      bounds.push(index);
    }
    const [low, high = low] = bounds;
    if (bounds.length === 2 && low >= high) return { error: `non-increasing order, previous: ${low}, current: ${high}` };
    if (last !== undefined && last >= low) return { error: `non-increasing order, previous: ${last}, current: ${low}` };
    total += high - low + 1;
    last = high;
  }
  return total;
}
