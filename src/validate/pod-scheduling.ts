import { dns1123Label, labelKey, labelValue } from '../config/formats';
import { labelSelectorProblems } from './label-selector';
import { FieldPath, Finding, isRecord, show } from './paths';

type Node = Record<string, unknown>;
const REFUSED = 'which the API server refuses';
const items = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const isInteger = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);

/**
 * The API server's rules for where a pod may run, beyond the schema's types and enums (kubernetes/kubernetes
 * pkg/apis/core/validation/validation.go, v1.27): ValidateTolerations, validateTopologySpreadConstraints and
 * validateAffinity's podAffinity and podAntiAffinity (validatePodAffinityTerm, validateWeightedPodAffinityTerms), with
 * their label selectors (k8s.io/apimachinery pkg/apis/meta/v1/validation ValidateLabelSelector, v0.27). A missing field
 * or a value of the wrong type is the schema's to refuse and is skipped here; the node affinity is node-affinity.ts'.
 * Paths lie below the pod spec.
 */
export function podSchedulingProblems(spec: Node): Finding[] {
  const affinity = isRecord(spec.affinity) ? spec.affinity : {};
  return [
    ...items(spec.tolerations).flatMap((toleration, i) => tolerationProblems(toleration, ['tolerations', i])),
    ...spreadProblems(items(spec.topologySpreadConstraints)),
    ...(['podAffinity', 'podAntiAffinity'] as const).flatMap((kind) => podAffinityProblems(affinity[kind], ['affinity', kind])),
  ];
}

/** ValidateTolerations: a key is a label name; no key tolerates every taint, so only with Exists; Exists takes no value. */
function tolerationProblems(toleration: unknown, at: FieldPath): Finding[] {
  if (!isRecord(toleration)) return [];
  const { key, operator, value, effect, tolerationSeconds } = toleration;
  const findings: Finding[] = [];
  const keyText = typeof key === 'string' ? key : '';
  const keyProblem = keyText === '' ? undefined : labelKey(keyText);
  if (keyProblem) findings.push({ path: [...at, 'key'], message: `is not a valid taint key, ${REFUSED}: ${keyProblem}` });
  // Another operator is the schema's enum to refuse.
  if (keyText === '' && (operator === undefined || operator === 'Equal'))
    findings.push({
      path: [...at, operator === undefined ? 'key' : 'operator'],
      message:
        `${operator === undefined ? 'is missing, and the operator is Equal (its default)' : `is ${show(operator)} with no key`}, ${REFUSED} ` +
        '("operator must be Exists when `key` is empty"): write the taint\'s key, or operator: Exists to tolerate every taint',
    });
  if (
    tolerationSeconds !== undefined &&
    tolerationSeconds !== null &&
    [undefined, '', 'NoSchedule', 'PreferNoSchedule'].includes(effect as string)
  )
    findings.push({
      path: [...at, effect === undefined ? 'tolerationSeconds' : 'effect'],
      message:
        `${effect === undefined ? 'is set without an effect' : `is ${show(effect)}`}, but tolerationSeconds is for NoExecute taints only, ${REFUSED} ` +
        '("effect must be \'NoExecute\' when `tolerationSeconds` is set"): write effect: NoExecute, or remove tolerationSeconds',
    });
  if (typeof value !== 'string' || value === '') return findings;
  if (operator === 'Exists')
    findings.push({
      path: [...at, 'value'],
      message: `is ${show(value)}, but operator Exists matches any value, ${REFUSED} ("value must be empty when \`operator\` is 'Exists'"): remove value, or write operator: Equal`,
    });
  else if (operator === undefined || operator === 'Equal') {
    const problem = labelValue(value);
    if (problem) findings.push({ path: [...at, 'value'], message: `is not a valid taint value, ${REFUSED}: ${problem}` });
  }
  return findings;
}

/**
 * validateTopologySpreadConstraints: maxSkew and minDomains above zero, minDomains with DoNotSchedule only, a topologyKey,
 * one constraint per {topologyKey, whenUnsatisfiable}, matchLabelKeys (label names, with a labelSelector) and the selector.
 */
function spreadProblems(constraints: unknown[]): Finding[] {
  const seen = new Map<string, number>();
  return constraints.flatMap((constraint, i): Finding[] => {
    if (!isRecord(constraint)) return [];
    const at: FieldPath = ['topologySpreadConstraints', i];
    const { maxSkew, minDomains, topologyKey, whenUnsatisfiable, labelSelector } = constraint;
    const findings: Finding[] = [];
    if (isInteger(maxSkew) && maxSkew <= 0)
      findings.push({ path: [...at, 'maxSkew'], message: `is ${maxSkew}, ${REFUSED} ("must be greater than zero"): write 1 or more` });
    if (topologyKey === '')
      findings.push({
        path: [...at, 'topologyKey'],
        message: `is empty, ${REFUSED} ("can not be empty"): write a node label, e.g. kubernetes.io/hostname`,
      });
    if (isInteger(minDomains) && minDomains <= 0)
      findings.push({
        path: [...at, 'minDomains'],
        message: `is ${minDomains}, ${REFUSED} ("must be greater than zero"): write 1 or more, or remove it`,
      });
    if (isInteger(minDomains) && whenUnsatisfiable === 'ScheduleAnyway')
      findings.push({
        path: [...at, 'minDomains'],
        message: `is set with whenUnsatisfiable ${show(whenUnsatisfiable)}, ${REFUSED} ("can only use minDomains if whenUnsatisfiable=DoNotSchedule"): remove minDomains, or write whenUnsatisfiable: DoNotSchedule`,
      });
    if (typeof topologyKey === 'string' && typeof whenUnsatisfiable === 'string') {
      const pair = JSON.stringify([topologyKey, whenUnsatisfiable]);
      const earlier = seen.get(pair);
      if (earlier === undefined) seen.set(pair, i);
      else
        findings.push({
          path: [...at, 'topologyKey'],
          message: `is ${show(topologyKey)} with whenUnsatisfiable ${whenUnsatisfiable}, as in topologySpreadConstraints[${earlier}], ${REFUSED} ("Duplicate value"): merge the two constraints`,
        });
    }
    const keys = items(constraint.matchLabelKeys);
    if (keys.length && !isRecord(labelSelector))
      findings.push({
        path: [...at, 'matchLabelKeys'],
        message: `is set without a labelSelector, ${REFUSED} ("must not be specified when labelSelector is not set"): add the labelSelector, or remove matchLabelKeys`,
      });
    keys.forEach((key, j) => {
      const problem = typeof key === 'string' ? labelKey(key) : undefined;
      if (problem) findings.push({ path: [...at, 'matchLabelKeys', j], message: `is not a valid label key, ${REFUSED}: ${problem}` });
    });
    return [...findings, ...labelSelectorProblems(labelSelector, [...at, 'labelSelector'])];
  });
}

/** validatePodAffinity/validatePodAntiAffinity: the required terms, and the preferred ones with a weight of 1 to 100. */
function podAffinityProblems(affinity: unknown, at: FieldPath): Finding[] {
  if (!isRecord(affinity)) return [];
  const required = 'requiredDuringSchedulingIgnoredDuringExecution';
  const preferred = 'preferredDuringSchedulingIgnoredDuringExecution';
  return [
    ...items(affinity[required]).flatMap((term, i) => affinityTermProblems(term, [...at, required, i])),
    ...items(affinity[preferred]).flatMap((weighted, i): Finding[] => {
      if (!isRecord(weighted)) return [];
      const { weight } = weighted;
      const path: FieldPath = [...at, preferred, i];
      return [
        ...(isInteger(weight) && (weight < 1 || weight > 100)
          ? [
              {
                path: [...path, 'weight'],
                message: `is ${weight}, ${REFUSED} ("must be in the range 1-100"): write a weight from 1 to 100`,
              },
            ]
          : []),
        ...affinityTermProblems(weighted.podAffinityTerm, [...path, 'podAffinityTerm']),
      ];
    }),
  ];
}

/** validatePodAffinityTerm: its selectors, namespace names, and a topologyKey that is a label name. */
function affinityTermProblems(term: unknown, at: FieldPath): Finding[] {
  if (!isRecord(term)) return [];
  const { topologyKey } = term;
  const findings: Finding[] = [
    ...labelSelectorProblems(term.labelSelector, [...at, 'labelSelector']),
    ...labelSelectorProblems(term.namespaceSelector, [...at, 'namespaceSelector']),
  ];
  items(term.namespaces).forEach((name, j) => {
    const problem = typeof name === 'string' ? dns1123Label(name) : undefined;
    if (problem) findings.push({ path: [...at, 'namespaces', j], message: `is not a namespace name, ${REFUSED}: ${problem}` });
  });
  if (topologyKey === '')
    findings.push({
      path: [...at, 'topologyKey'],
      message: `is empty, ${REFUSED} ("can not be empty"): write the node label pods are kept together or apart by, e.g. kubernetes.io/hostname`,
    });
  const keyProblem = typeof topologyKey === 'string' && topologyKey !== '' ? labelKey(topologyKey) : undefined;
  if (keyProblem) findings.push({ path: [...at, 'topologyKey'], message: `is not a valid label key, ${REFUSED}: ${keyProblem}` });
  return findings;
}
