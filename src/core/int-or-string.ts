/**
 * The API server's rule for a count of pods held in an IntOrString (a budget's `minAvailable`/`maxUnavailable`, a
 * rollout's `maxSurge`/`maxUnavailable`): a whole number of 0 or more that fits an int32, or a text `^[0-9]+%$`, at
 * most 100% where that applies (k8s.io/kubernetes pkg/apis/apps/validation/validation.go ValidatePositiveIntOrPercent,
 * IsNotMoreThan100Percent; pkg/apis/policy/validation/validation.go ValidatePodDisruptionBudgetSpec, v1.27 to v1.35).
 * One judge for every place such a count is written, whichever way it reaches the API server.
 */

/** The largest count an IntOrString holds (int32). */
export const MAX_INT32 = 2 ** 31 - 1;

/**
 * How a count reaches the API server: `'as written'` for an object applied as it is (an extraObjects item), where a
 * text is a count only as a percentage (`"1"` is refused); or through a chart template that prints it unquoted, where
 * the function given says what YAML reads back (traefik/rendered-count.ts), so `"1"` arrives as 1.
 */
export type CountReading = 'as written' | ((value: unknown) => unknown);

export interface CountRule {
  readonly reading: CountReading;
  /** Whether a percentage over 100% is refused (IsNotMoreThan100Percent). */
  readonly atMost100: boolean;
  /** A percentage to show in the message, such as "25%". */
  readonly example: string;
}

const percentOf = (value: unknown): number | undefined => {
  const percent = typeof value === 'string' ? /^([0-9]+)%$/.exec(value) : null;
  return percent ? Number(percent[1]) : undefined;
};

/**
 * What is wrong with a count, as a phrase for the message ("a percentage over 100%"), or undefined when the API server
 * takes it or none is given (null). As written, a fraction or a non-number is left to the schema check, which reports
 * it for what it is; rendered, whatever YAML reads that is no count is refused here, the schema never seeing it.
 */
export function countProblem(value: unknown, rule: CountRule): string | undefined {
  const count = rule.reading === 'as written' ? value : rule.reading(value);
  if (count === undefined || count === null) return undefined;
  const percent = percentOf(count);
  if (percent !== undefined) return rule.atMost100 && percent > 100 ? 'a percentage over 100%' : undefined;
  if (typeof count === 'number' && Number.isInteger(count) && count >= 0) {
    return count > MAX_INT32 ? `more pods than a count holds (${MAX_INT32})` : undefined;
  }
  if (rule.reading !== 'as written') return `neither a whole number of pods (0 or more) nor a percentage such as "${rule.example}"`;
  if (typeof count === 'number') return Number.isInteger(count) ? 'a negative number of pods' : undefined;
  return typeof count === 'string' ? 'a text that is not a percentage (a count is written without quotes)' : undefined;
}

/** The value as a message shows it: a number as itself, anything else as JSON. */
export const countText = (value: unknown): string => (typeof value === 'number' ? String(value) : JSON.stringify(value));

/** The end of every count message: `write` a number or a percentage such as `example`. */
export const countFix = (example: string): string => `write a number of pods, such as 1, or a percentage, such as "${example}"`;

/** A count that gives no pods once valid: 0, or a percentage of 0 (`"0%"`, `"00%"`), which scales to 0 whatever the pod count. */
export const zeroPods = (count: unknown): boolean => count === 0 || (typeof count === 'string' && /^0+%$/.test(count));

/**
 * A Deployment whose resolved maxSurge and maxUnavailable are both 0 (ValidateRollingUpdateDeployment: "may not be 0
 * when `maxSurge` is 0"), at its `rollingUpdate`, for Traefik's own and an extraObjects item alike.
 */
export const BOTH_ZERO_ROLLOUT =
  'has maxUnavailable and maxSurge both 0, which the API server refuses (no rollout could progress): allow one of the two';
