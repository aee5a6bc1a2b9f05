import { shownInSentence } from '../core/problem';
import type { Path, Problem } from '../core/problem';
import { goTruthy } from './go-truth';
import { renderedInteger } from './yaml-number';
import { isMap } from '../core/is-map';

type Values = Readonly<Record<string, unknown>>;
const FAILS = 'so the whole Traefik release fails to install';
const INT32_MAX = 2 ** 31 - 1;
const at = (node: unknown, key: string): unknown => (isMap(node) && Object.hasOwn(node, key) ? node[key] : undefined);

interface CountField {
  readonly path: Path;
  /** Written only when Go-true (`if`): a 0, false, "" or empty value is skipped. Else written whenever it is not null. */
  readonly guarded: boolean;
  readonly least: number;
  readonly what: string;
}

/**
 * Counts the chart writes unquoted into its Deployment or DaemonSet and its HorizontalPodAutoscaler, on every chart
 * version (no values schema needed): `minReadySeconds: {{ .Values.deployment.minReadySeconds }}` (always), `revisionHistoryLimit:`
 * (templates/deployment.yaml and daemonset.yaml, v20.1.1 to v41.3.0, under `if`, from some version `ne ... nil` in
 * deployment.yaml: judged only when Go-true, which both write), and hpa.yaml's `minReplicas:` (under `if`) and `maxReplicas:`
 * (a Go-false one fails the chart, chart-failures.ts). Each is an int32 field: what the template prints must read as a whole
 * number (yaml-number.ts renderedInteger), and the API server refuses a negative minReadySeconds or revisionHistoryLimit
 * (kubernetes pkg/apis/apps/validation ValidateDeploymentSpec and ValidateDaemonSetSpec: ValidateNonnegativeField), a
 * minReplicas or maxReplicas below 1 and a maxReplicas below minReplicas (pkg/apis/autoscaling/validation
 * validateHorizontalPodAutoscalerSpec).
 */
export function workloadValueTypeProblems(values: Values, prefix: Path): Problem[] {
  const fields: CountField[] = [
    { path: ['deployment', 'minReadySeconds'], guarded: false, least: 0, what: "the Traefik workload's minReadySeconds" },
    { path: ['deployment', 'revisionHistoryLimit'], guarded: true, least: 0, what: "the Traefik workload's revisionHistoryLimit" },
  ];
  if (goTruthy(at(at(values, 'autoscaling'), 'enabled')))
    fields.push(
      { path: ['autoscaling', 'minReplicas'], guarded: true, least: 1, what: "the HorizontalPodAutoscaler's minReplicas" },
      { path: ['autoscaling', 'maxReplicas'], guarded: true, least: 1, what: "the HorizontalPodAutoscaler's maxReplicas" },
    );
  const problems = fields.flatMap(({ path, guarded, least, what }) => {
    const value = path.reduce<unknown>((node, key) => at(node, key as string), values);
    if (value === undefined || value === null || (guarded && !goTruthy(value)) || value === '') return [];
    const count = renderedInteger(value);
    if (count !== undefined && count >= least && count <= INT32_MAX) return [];
    const why =
      count === undefined
        ? `which the chart writes unquoted as ${what}, where the API server takes only a whole number`
        : `which the chart writes as ${what}, where the API server takes a whole number from ${least} to ${INT32_MAX}`;
    return [
      {
        path: [...prefix, 'values', ...path],
        message: `is ${shownInSentence(value)}, ${why}, ${FAILS}: write a whole number${least ? ` of ${least} or more` : ' such as 0 or 10'}, or remove the key`,
      },
    ];
  });
  // Review 86: the chart has no progressDeadlineSeconds key, so the API server's default of 600 stands, and
  // ValidateDeploymentSpec refuses a Deployment whose minReadySeconds is not below it ("must be greater than minReadySeconds").
  const minReady = renderedInteger(at(at(values, 'deployment'), 'minReadySeconds'));
  const kind = at(at(values, 'deployment'), 'kind');
  if (minReady !== undefined && minReady >= 600 && minReady <= INT32_MAX && (kind === undefined || kind === 'Deployment'))
    problems.push({
      path: [...prefix, 'values', 'deployment', 'minReadySeconds'],
      message: `is ${minReady}, but the chart sets no progressDeadlineSeconds, so the API server's default of 600 stands, and it refuses a Deployment whose progressDeadlineSeconds is not above minReadySeconds ("must be greater than minReadySeconds"), ${FAILS}: write at most 599`,
    });
  const autoscaling = at(values, 'autoscaling');
  const [min, max] = [renderedInteger(at(autoscaling, 'minReplicas')), renderedInteger(at(autoscaling, 'maxReplicas'))];
  if (goTruthy(at(autoscaling, 'enabled')) && min !== undefined && min >= 1 && max !== undefined && max >= 1 && max < min)
    problems.push({
      path: [...prefix, 'values', 'autoscaling', 'maxReplicas'],
      message: `is ${max}, below autoscaling.minReplicas (${min}), and the API server refuses a HorizontalPodAutoscaler whose maxReplicas is below its minReplicas, ${FAILS}: raise maxReplicas to ${min} or more`,
    });
  return problems;
}
