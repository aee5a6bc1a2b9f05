import { labelKey } from '../config/formats';
import type { Path, Problem } from '../core/problem';
import { shownValue } from '../core/problem';
import { isMap } from '../core/is-map';

type Values = Record<string, unknown>;
const REQUIRED = 'requiredDuringSchedulingIgnoredDuringExecution';
const PREFERRED = 'preferredDuringSchedulingIgnoredDuringExecution';

/** A node selector requirement's operators (k8s.io/api core/v1 NodeSelectorOperator), by what `values` must hold. */
const VALUE_RULES: Readonly<Record<string, 'some' | 'none' | 'one'>> = {
  In: 'some',
  NotIn: 'some',
  Exists: 'none',
  DoesNotExist: 'none',
  Gt: 'one',
  Lt: 'one',
};
const OPERATOR_NAMES = Object.keys(VALUE_RULES).join(', ');

/** Marks a requirement the API server accepts but the scheduler cannot build, so its term matches no node. */
const UNMATCHABLE = Symbol('unmatchable');
const unmatchable = (problem: Problem): boolean => UNMATCHABLE in problem;

/** A value for a message: JSON never calls a map's own `toString` (a `{toString: 1}` map breaks String()). */
const shown = (value: unknown): string => shownValue(value);

/** Why one `matchExpressions` entry is refused, each at its field. */
function requirementProblems(requirement: unknown, at: Path): Problem[] {
  if (!isMap(requirement)) return [{ path: at, message: `is ${shown(requirement)}, not a requirement: write {key, operator, values}` }];
  const { key, operator } = requirement;
  const problems: Problem[] = [];
  const keyProblem = typeof key === 'string' ? labelKey(key) : 'a label key is text';
  if (keyProblem) problems.push({ path: [...at, 'key'], message: `is ${shown(key)}: ${keyProblem}` });
  const rule = typeof operator === 'string' && Object.hasOwn(VALUE_RULES, operator) ? VALUE_RULES[operator] : undefined;
  if (!rule) {
    const near =
      typeof operator === 'string' ? Object.keys(VALUE_RULES).find((name) => name.toLowerCase() === operator.toLowerCase()) : undefined;
    problems.push({
      path: [...at, 'operator'],
      message: `is ${shown(operator)}, which the API server refuses ("not a valid selector operator"): write ${near ?? `one of ${OPERATOR_NAMES}`} (case matters)`,
    });
    return problems;
  }
  const values = Array.isArray(requirement.values) ? requirement.values : [];
  const path = [...at, 'values'];
  const why = (upstream: string) => `, which the API server refuses ("${upstream}"; k8s.io/kubernetes pkg/apis/core/validation)`;
  if (rule === 'some' && !values.length) {
    problems.push({
      path,
      message: `is empty or missing for ${operator}${why("must be specified when `operator` is 'In' or 'NotIn'")}: list the values, or use Exists`,
    });
  } else if (rule === 'none' && values.length) {
    problems.push({
      path,
      message: `is set for ${operator}${why("may not be specified when `operator` is 'Exists' or 'DoesNotExist'")}: remove values, or use In or NotIn`,
    });
  } else if (rule === 'one' && values.length !== 1) {
    problems.push({
      path,
      message: `holds ${values.length} values for ${operator}${why("must be specified single value when `operator` is 'Lt' or 'Gt'")}: give one whole number`,
    });
  } else if (rule === 'one' && !(typeof values[0] === 'string' && /^[+-]?\d+$/.test(values[0]))) {
    // The scheduler's selector refuses it (k8s.io/apimachinery pkg/labels NewRequirement: strconv.ParseInt base 10), and a term
    // it cannot build matches no node (k8s.io/component-helpers scheduling/corev1/nodeaffinity).
    problems.push({
      path: [...path, 0],
      message: `is ${shown(values[0])}, but ${operator} compares the label as a whole number, and the scheduler reads no other value, so the term matches no node: write a whole number as text, such as "3"`,
      [UNMATCHABLE]: true,
    } as Problem);
  }
  return problems;
}

/** The entries of a list, or none (a null or missing list is empty to the API server). */
const listAt = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Why a node selector term's requirements are refused (`matchExpressions`, and `matchFields` on metadata.name only). */
function termProblems(term: unknown, at: Path): Problem[] {
  if (!isMap(term)) return [];
  const fields = listAt(term.matchFields).flatMap((field, j) => {
    const path = [...at, 'matchFields', j];
    if (!isMap(field))
      return [{ path, message: `is ${shown(field)}, not a requirement: write {key: metadata.name, operator: In, values: [<node>]}` }];
    const ok =
      field.key === 'metadata.name' && (field.operator === 'In' || field.operator === 'NotIn') && listAt(field.values).length === 1;
    return ok
      ? []
      : [
          {
            path,
            message:
              'is refused by the API server: a field requirement takes key metadata.name, operator In or NotIn, and exactly one value',
          },
        ];
  });
  return [
    ...listAt(term.matchExpressions).flatMap((requirement, j) => requirementProblems(requirement, [...at, 'matchExpressions', j])),
    ...fields,
  ];
}

/** Whether a term holds no requirement: "a null or empty node selector term matches no objects" (k8s.io/api core/v1 NodeSelectorTerm). */
export const emptyTerm = (term: unknown): boolean =>
  !isMap(term) || (!listAt(term.matchExpressions).length && !listAt(term.matchFields).length);

/**
 * A pod's `nodeAffinity` as the API server judges it (k8s.io/kubernetes pkg/apis/core/validation validation.go,
 * ValidateNodeSelector, ValidateNodeSelectorTerm, ValidateNodeSelectorRequirement, v1.27 to v1.33): a required
 * affinity needs a term, each requirement a known operator with the values it takes. Then what the scheduler
 * makes of it: required terms all empty match no node, so every pod stays Pending. `at` is the `nodeAffinity` key.
 */
export function nodeAffinityProblems(nodeAffinity: unknown, at: Path): Problem[] {
  if (!isMap(nodeAffinity)) return [];
  const problems: Problem[] = [];
  const required = nodeAffinity[REQUIRED];
  if (isMap(required)) {
    const path = [...at, REQUIRED, 'nodeSelectorTerms'];
    const terms = listAt(required.nodeSelectorTerms);
    if (!terms.length) {
      problems.push({
        path,
        message: `${required.nodeSelectorTerms === undefined ? 'is missing' : `is ${shown(required.nodeSelectorTerms)}`}, and the API server refuses a required node affinity without terms ("must have at least one node selector term"): give a term with matchExpressions, or remove ${REQUIRED}`,
      });
    } else if (terms.every(emptyTerm)) {
      problems.push({
        path,
        message: `holds only empty terms (${shown(terms)}), and an empty term matches no node, so every pod stays Pending: give each term matchExpressions, or remove ${REQUIRED}`,
      });
    }
    // A term the scheduler cannot build only drops out of the OR (k8s.io/component-helpers scheduling/corev1/nodeaffinity
    // LazyErrorNodeSelector): the API server takes it, so it is refused only when no other term could match.
    const byTerm = terms.map((term, i) => termProblems(term, [...path, i]));
    const someTermMatches = terms.some((term, i) => !emptyTerm(term) && !byTerm[i].some(unmatchable));
    byTerm.forEach((found) => problems.push(...found.filter((problem) => !someTermMatches || !unmatchable(problem))));
  }
  listAt(nodeAffinity[PREFERRED]).forEach((entry, i) => {
    // A preference the scheduler cannot build is skipped, not refused.
    if (isMap(entry)) problems.push(...termProblems(entry.preference, [...at, PREFERRED, i, 'preference']).filter((p) => !unmatchable(p)));
  });
  return problems;
}

/** The problems of the chart values' `affinity.nodeAffinity` (the chart renders `affinity` as given, templates/_podtemplate.tpl). */
export const valuesAffinityProblems = (values: Values, prefix: Path): Problem[] =>
  nodeAffinityProblems(isMap(values.affinity) ? values.affinity.nodeAffinity : undefined, [
    ...prefix,
    'values',
    'affinity',
    'nodeAffinity',
  ]);
