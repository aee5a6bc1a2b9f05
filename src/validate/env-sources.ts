import { dns1123Subdomain } from '../config/formats';
import { secretName } from '../config/secret-ref-formats';
import { FieldPath, Finding, isRecord, show } from './paths';
import { generatedReferenceProblems, unshownReference } from './secret-refs';

type Node = Record<string, unknown>;
const REFUSED = 'which the API server refuses';
const items = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const has = (node: Node, key: string): boolean => node[key] !== undefined && node[key] !== null;
/** apimachinery IsEnvVarName, as container-fields.ts. */
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/**
 * Where a container's env vars come from, as the API server judges it (kubernetes/kubernetes pkg/apis/core/validation/
 * validation.go, v1.27: validateEnvVarValueFrom's validateConfigMapKeySelector and validateSecretKeySelector, a `name` that
 * is a DNS-1123 subdomain and a `key` that IsConfigMapKey takes; ValidateEnvFrom, a `prefix` that IsEnvVarName takes,
 * exactly one of `configMapRef` and `secretRef`, and their `name`s). Values of the wrong type are the schema's. Paths lie
 * below the pod spec; `at` is the container's.
 */
export function envSourceProblems(container: Node, at: FieldPath): Finding[] {
  const findings: Finding[] = [];
  items(container.env).forEach((item, i) => {
    const from = isRecord(item) ? item.valueFrom : undefined;
    if (!isRecord(from)) return;
    for (const kind of ['configMapKeyRef', 'secretKeyRef'] as const) {
      const ref = from[kind];
      if (!isRecord(ref)) continue;
      const path = [...at, 'env', i, 'valueFrom', kind];
      const secret = kind === 'secretKeyRef';
      findings.push(...objectNameProblems(ref.name, [...path, 'name'], secret ? 'Secret' : 'ConfigMap'));
      const problem = typeof ref.key === 'string' ? configMapKeyProblem(ref.key) : undefined;
      // A Secret's key may be the pasted password: not shown, and refused when it looks generated (secret-refs.ts).
      if (!problem && secret) findings.push(...generatedReferenceProblems(ref.key, [...path, 'key'], 'key'));
      if (problem)
        findings.push({
          path: [...path, 'key'],
          message: `is ${secret ? unshownReference(ref.key) : show(ref.key)}, ${problem}, ${REFUSED} (IsConfigMapKey, validate${kind === 'secretKeyRef' ? 'Secret' : 'ConfigMap'}KeySelector): write the key as the ${kind === 'secretKeyRef' ? 'Secret' : 'ConfigMap'} names it, such as password`,
        });
    }
  });
  items(container.envFrom).forEach((item, i) => {
    if (!isRecord(item)) return;
    const path = [...at, 'envFrom', i];
    const { prefix } = item;
    if (typeof prefix === 'string' && prefix !== '' && !ENV_VAR_NAME.test(prefix))
      findings.push({
        path: [...path, 'prefix'],
        message: `is ${show(prefix)}, not the start of an env var name, ${REFUSED} (IsEnvVarName: letters, digits, '_', '-' and '.', not starting with a digit, no '='; ValidateEnvFrom): write a prefix such as APP_`,
      });
    const sources = ['configMapRef', 'secretRef'].filter((key) => has(item, key));
    if (sources.length !== 1)
      findings.push({
        path,
        message:
          `names ${sources.length ? `both configMapRef and secretRef` : 'neither configMapRef nor secretRef'}, ${REFUSED} ` +
          `(${sources.length ? '"may not have more than one field specified at a time"' : '"must specify one of: `configMapRef` or `secretRef`"'}, ValidateEnvFrom): ` +
          `${sources.length ? 'write each source as its own envFrom item' : 'name the ConfigMap or Secret to read, such as configMapRef: {name: app-env}'}`,
      });
    for (const key of sources) {
      const ref = item[key];
      if (isRecord(ref))
        findings.push(...objectNameProblems(ref.name, [...path, key, 'name'], key === 'secretRef' ? 'Secret' : 'ConfigMap'));
    }
  });
  return findings;
}

/** A ConfigMap or Secret name: required, a DNS-1123 subdomain (ValidateConfigMapName, ValidateSecretName). */
function objectNameProblems(name: unknown, path: FieldPath, kind: string): Finding[] {
  if (name === undefined || name === null || name === '')
    return [
      {
        path,
        message: `is ${name === '' ? 'empty' : 'missing'}, ${REFUSED} ("Required value"): name the ${kind} to read, such as app-env`,
      },
    ];
  const invalid = typeof name === 'string' ? dns1123Subdomain(name) : undefined;
  if (!invalid) return kind === 'Secret' ? generatedReferenceProblems(name, path, 'name') : [];
  // A Secret's name may be the pasted password: said without it (secret-ref-formats.ts secretName).
  const problem = kind === 'Secret' ? secretName(name as string)! : invalid;
  return [{ path, message: `${problem}, ${REFUSED} (a ${kind} name is a DNS-1123 subdomain): name the ${kind} as it is named` }];
}

/** apimachinery IsConfigMapKey: at most 253 of [-._a-zA-Z0-9], not "." or "..", not starting with "..". */
function configMapKeyProblem(key: string): string | undefined {
  if (key.length > 253) return `${key.length} characters long, beyond the 253 a key may have`;
  if (!/^[-._a-zA-Z0-9]+$/.test(key)) return "not a key (letters, digits, '-', '_' and '.' only)";
  if (key === '.' || key.startsWith('..')) return 'not a key (it must not be "." or "..", nor start with "..")';
  return undefined;
}
