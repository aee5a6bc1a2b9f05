import { labelKey, labelProblem, labelValue } from '../config/formats';
import { FieldPath, Finding, isRecord, show } from './paths';

const REFUSED = 'which the API server refuses';
const items = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** The operators of a label selector requirement (apimachinery metav1 LabelSelectorOperator), by whether they take values. */
const TAKES_VALUES: Readonly<Record<string, boolean>> = { In: true, NotIn: true, Exists: false, DoesNotExist: false };

/**
 * ValidateLabelSelector (k8s.io/apimachinery pkg/apis/meta/v1/validation/validation.go, v0.27 to v0.35;
 * LabelSelectorValidationOptions{AllowInvalidLabelValueInSelector: false}, as for a new object):
 * matchLabels are labels; each requirement's key is a label name, its values label values, In and NotIn need values,
 * Exists and DoesNotExist take none, and no other operator exists.
 */
export function labelSelectorProblems(selector: unknown, at: FieldPath): Finding[] {
  if (!isRecord(selector)) return [];
  const findings: Finding[] = [];
  const matchLabels = isRecord(selector.matchLabels) ? selector.matchLabels : {};
  for (const [key, value] of Object.entries(matchLabels)) {
    const problem = labelProblem(key, value);
    if (problem) findings.push({ path: [...at, 'matchLabels', key], message: `is not a valid label, ${REFUSED}: ${problem}` });
  }
  items(selector.matchExpressions).forEach((requirement, j) => {
    if (!isRecord(requirement)) return;
    const path: FieldPath = [...at, 'matchExpressions', j];
    const { key, operator } = requirement;
    const values = items(requirement.values);
    const keyProblem = typeof key === 'string' ? labelKey(key) : undefined;
    if (keyProblem) findings.push({ path: [...path, 'key'], message: `is not a valid label key, ${REFUSED}: ${keyProblem}` });
    if (typeof operator === 'string' && !Object.hasOwn(TAKES_VALUES, operator)) {
      const near = Object.keys(TAKES_VALUES).find((name) => name.toLowerCase() === operator.toLowerCase());
      findings.push({
        path: [...path, 'operator'],
        message: `is ${show(operator)}, ${REFUSED} ("not a valid selector operator"): write ${near ?? 'one of In, NotIn, Exists, DoesNotExist'} (case matters)`,
      });
    } else if (typeof operator === 'string' && TAKES_VALUES[operator] && !values.length)
      findings.push({
        path: [...path, 'values'],
        message: `are empty for ${operator}, ${REFUSED} ("must be specified when \`operator\` is 'In' or 'NotIn'"): list the values, or use Exists`,
      });
    else if (typeof operator === 'string' && !TAKES_VALUES[operator] && values.length)
      findings.push({
        path: [...path, 'values'],
        message: `are set for ${operator}, ${REFUSED} ("may not be specified when \`operator\` is 'Exists' or 'DoesNotExist'"): remove values, or use In or NotIn`,
      });
    values.forEach((value, k) => {
      const problem = typeof value === 'string' ? labelValue(value) : undefined;
      if (problem) findings.push({ path: [...path, 'values', k], message: `is not a valid label value, ${REFUSED}: ${problem}` });
    });
  });
  return findings;
}
