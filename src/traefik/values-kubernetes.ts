import { shownValue } from '../core/problem';
import type { ValuesViolation } from './values-schema';
import { closest } from '../core/closest';
import { annotationSizeProblem } from '../config/annotations';
import { labelKey } from '../config/formats';
import { isMap } from '../core/is-map';

/**
 * What the API server would refuse in the objects the Traefik chart renders from the merged values, where
 * the chart's values schema leaves the values untyped (`env`, `additionalArguments`) or cannot say it (the
 * size of all annotations of one object). Each rule is the API server's own; paths lie below `values`.
 */

/** An env var name as every supported Kubernetes accepts it: apimachinery `pkg/util/validation` IsEnvVarName. */
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
/** EnvVarSource's fields, exactly one of which is set (k8s.io/kubernetes `pkg/apis/core/validation` validateEnvVarValueFrom). */
const VALUE_SOURCES = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'];

/** A value as a message shows it: a number or boolean itself, never a string's content (it may be a secret). */
const describe = (value: unknown): string => {
  if (typeof value === 'number' || typeof value === 'boolean') return `${String(value)}, a ${typeof value}`;
  return value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a mapping' : `a ${typeof value}`;
};

/** Checks the merged values for what Kubernetes refuses in the rendered objects. */
export function kubernetesValuesProblems(values: Readonly<Record<string, unknown>>): ValuesViolation[] {
  return [
    ...envProblems(values.env),
    ...argumentProblems(values, 'additionalArguments'),
    ...argumentProblems(values, 'globalArguments'),
    ...annotationProblems(values),
    ...labelProblems(values),
  ];
}

/** A label value as the API server takes it: k8s.io/apimachinery `pkg/util/validation` IsValidLabelValue (63 characters, qualified-name characters). */
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const LABEL_VALUE_MAX = 63;

/**
 * Every label map of the values (`commonLabels`, `deployment.podLabels`, `service.labels`, a selector's
 * `matchLabels`, ...): the chart renders them with toYaml into object metadata, where the API server refuses a
 * key or value that is not a label's, so helm-controller's install fails. (A Helm template in `extraObjects` is
 * refused before: src/core/snapshot.ts.)
 */
function labelProblems(values: Readonly<Record<string, unknown>>): ValuesViolation[] {
  const problems: ValuesViolation[] = [];
  for (const { path, map } of mapsNamed(values, /labels$/i, POD_SCHEDULING_KEYS)) {
    for (const [name, value] of Object.entries(map)) {
      const at = [...path, name];
      // The key too (ValidateLabels; attack round 39a-6: `podLabels: {"my label": x}` was written).
      const keyProblem = labelKey(name);
      if (keyProblem) {
        problems.push({
          path: at,
          message: `${keyProblem} (Kubernetes ValidateLabels), so the API server refuses the object`,
          aboutName: true,
        });
        continue;
      }
      if (typeof value === 'number' || typeof value === 'boolean') {
        problems.push({ path: at, message: `is ${describe(value)}, but a label value is text: quote it, "${String(value)}"` });
      } else if (typeof value === 'string') {
        const problem =
          value.length > LABEL_VALUE_MAX
            ? `is ${value.length} characters long, but a label value has at most ${LABEL_VALUE_MAX}`
            : !LABEL_VALUE.test(value)
              ? "is not a label value: only letters, digits, '-', '_' and '.', starting and ending with a letter or digit"
              : undefined;
        if (problem)
          problems.push({ path: at, message: `${problem} (Kubernetes IsValidLabelValue), so the API server refuses the object` });
      }
    }
  }
  return problems;
}

/**
 * The values the chart writes into Traefik's pod spec whose label selectors (`matchLabels` of a spread constraint's or a
 * pod affinity term's `labelSelector` and `namespaceSelector`) the pod rules judge (own-container.ts OWN_FIELDS,
 * validate/pod-scheduling.ts): said here too, one bad key was two lines (83a-26).
 */
const POD_SCHEDULING_KEYS = ['affinity', 'topologySpreadConstraints'];

/**
 * Every map in `values` under a key matching `name`, with its path; lists and other maps are searched, a found map is
 * not, nor the top-level keys `skipped`.
 */
function mapsNamed(
  values: Readonly<Record<string, unknown>>,
  name: RegExp,
  skipped: readonly string[] = [],
): Array<{ path: ReadonlyArray<string | number>; map: Readonly<Record<string, unknown>> }> {
  const found: Array<{ path: ReadonlyArray<string | number>; map: Readonly<Record<string, unknown>> }> = [];
  const walk = (node: unknown, path: ReadonlyArray<string | number>) => {
    if (Array.isArray(node)) node.forEach((item, i) => walk(item, [...path, i]));
    if (!isMap(node)) return;
    for (const [key, child] of Object.entries(node)) {
      // extraObjects' items are objects, judged by their kinds' rules (validate/rules.ts: metadata, selectors, pod
      // templates): a key judged here too was said twice, in two wordings (56a-15).
      if (path.length === 0 && (key === 'extraObjects' || skipped.includes(key))) continue;
      if (name.test(key) && isMap(child)) found.push({ path: [...path, key], map: child });
      else walk(child, [...path, key]);
    }
  };
  walk(values, []);
  return found;
}

/** The fields of a Kubernetes EnvVar (core/v1). */
const ENV_VAR_FIELDS = ['name', 'value', 'valueFrom'];

/** `env` becomes the Traefik container's env: a list of EnvVars (k8s.io/kubernetes `pkg/apis/core/validation` validateEnv). */
function envProblems(env: unknown): ValuesViolation[] {
  if (!Array.isArray(env)) return [];
  const problems: ValuesViolation[] = [];
  env.forEach((item, i) => {
    if (!isMap(item)) {
      problems.push({ path: ['env', i], message: `is ${describe(item)}: expected an env var, e.g. "- {name: TZ, value: Europe/Berlin}"` });
      return;
    }
    // A misspelt `value` (`valu:`) would be dropped by the API server, yet written to dist/ all the same.
    for (const key of Object.keys(item).filter((key) => !ENV_VAR_FIELDS.includes(key))) {
      const near = closest(key, ENV_VAR_FIELDS);
      problems.push({
        path: ['env', i, key],
        message: `is not a field of an env var${near ? ` (did you mean ${near}?)` : ''}: expected ${ENV_VAR_FIELDS.join(', ')}`,
      });
    }
    const { name, value, valueFrom } = item;
    if (typeof name !== 'string' || name === '') {
      problems.push({
        path: ['env', i, 'name'],
        message: `is ${name === undefined ? 'missing' : describe(name)}: every env var needs a name, e.g. TZ`,
      });
    } else if (!ENV_VAR_NAME.test(name)) {
      problems.push({
        path: ['env', i, 'name'],
        message: `${shownValue(name)} is not an env var name: letters, digits, '_', '-' and '.', not starting with a digit`,
      });
    }
    if (value !== undefined && typeof value !== 'string') {
      const hint = typeof value === 'number' || typeof value === 'boolean' ? `: quote it, "${String(value)}"` : ': expected text';
      problems.push({ path: ['env', i, 'value'], message: `is ${describe(value)}, but an env var's value is a string${hint}` });
    }
    if (valueFrom !== undefined) {
      const sources = isMap(valueFrom) ? VALUE_SOURCES.filter((source) => valueFrom[source] !== undefined) : [];
      if (sources.length !== 1) {
        problems.push({
          path: ['env', i, 'valueFrom'],
          message: `${isMap(valueFrom) ? `names ${sources.length} sources` : `is ${describe(valueFrom)}`}: expected exactly one of ${VALUE_SOURCES.join(', ')}`,
        });
      } else if (typeof value === 'string' && value !== '') {
        problems.push({
          path: ['env', i, 'value'],
          message: 'is set next to valueFrom, which the API server refuses: keep one of the two',
        });
      }
    }
  });
  return problems;
}

/** Traefik's command-line flags: each item is one container argument, a string. */
function argumentProblems(values: Readonly<Record<string, unknown>>, key: string): ValuesViolation[] {
  const list = values[key];
  if (!Array.isArray(list)) return [];
  return list.flatMap((item, i) =>
    typeof item === 'string'
      ? []
      : [{ path: [key, i], message: `is ${describe(item)}: each item is one Traefik flag, a string such as "--log.level=DEBUG"` }],
  );
}

/**
 * Every annotation map of the values, each of one object, and the Service's maps the chart joins into one
 * (`service.annotations` with `annotationsTCP` or `annotationsUDP`, traefik/traefik-helm-chart `templates/service.yaml`).
 */
function annotationProblems(values: Readonly<Record<string, unknown>>): ValuesViolation[] {
  const problems: ValuesViolation[] = [];
  for (const { path, map } of mapsNamed(values, /annotations(TCP|UDP)?$/i)) {
    // The keys too (ValidateAnnotations: qualified names, the rule extraObjects' metadata is held to, validate/rules.ts).
    for (const name of Object.keys(map)) {
      const keyProblem = labelKey(name);
      if (keyProblem)
        problems.push({
          path: [...path, name],
          message: `is not a valid annotation key: ${keyProblem} (Kubernetes ValidateAnnotations), so the API server refuses the object`,
          aboutName: true,
        });
    }
    const problem = annotationSizeProblem(map, objectOf(path.slice(0, -1), String(path[path.length - 1])));
    if (problem) problems.push({ path, message: problem });
  }
  const service = isMap(values.service) ? values.service : {};
  const shared = isMap(service.annotations) ? service.annotations : undefined;
  for (const key of ['annotationsTCP', 'annotationsUDP']) {
    const own = service[key];
    if (!shared || !isMap(own) || annotationSizeProblem(shared, '') || annotationSizeProblem(own, '')) continue;
    const problem = annotationSizeProblem({ ...shared, ...own }, `the ${key.slice(-3)} Service`);
    if (problem) problems.push({ path: ['service', key], message: `joined with service.annotations, ${problem}` });
  }
  return problems;
}

/** What carries an annotation map, for the message. */
function objectOf(path: ReadonlyArray<string | number>, key: string): string {
  if (key === 'podAnnotations') return "Traefik's Deployment (its pod template carries them)";
  const parent = path[path.length - 1];
  if (parent === 'deployment' || parent === 'service') return `Traefik's ${parent === 'service' ? 'Service' : 'Deployment'}`;
  return `the object the chart makes of ${path.join('.') || 'the values'}`;
}
