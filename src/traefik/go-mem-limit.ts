import { shownInSentence } from '../core/problem';
import type { Path, Problem } from '../core/problem';
import type { TraefikChartRules } from './chart-versions';
import { goTruthy } from './go-truth';
import { parseQuantity } from '../validate/quantity';
import { isMap } from '../core/is-map';

type Values = Readonly<Record<string, unknown>>;
const at = (node: unknown, key: string): unknown => (isMap(node) && Object.hasOwn(node, key) ? node[key] : undefined);
const MIB = 2 ** 20;

/** sprig's `mulf` reads its argument with cast.ToFloat64: a number, a numeric text, a boolean as 1 or 0, anything else as 0. */
function asFloat(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === null) return 0;
  if (typeof value === 'string') return Number.isFinite(Number(value.trim())) && value.trim() !== '' ? Number(value.trim()) : 0;
  return undefined;
}

/**
 * The `GOMEMLIMIT` the chart computes for Traefik from chart v37.0.0 (chart-versions.ts `goMemLimit`): the memory limit times
 * `deployment.goMemLimitPercentage` (default 0.9), floored to whole MiB (`printf "%dMiB"`, traefik/templates/_helpers.tpl
 * `traefik.gomemlimit`). Below 1 MiB it is "0MiB", a Go soft memory limit of 0 (the garbage collector runs without pause), or
 * a negative count, which Go's runtime refuses at start (runtime/mgcpacer.go readGOMEMLIMIT: "malformed GOMEMLIMIT").
 * Up to v39.0.8 the chart writes it whenever a memory limit is set; from v40.0.0 a Go-false percentage leaves it out.
 */
export function goMemLimitProblems(values: Values, prefix: Path, rules: Pick<TraefikChartRules, 'goRuntimeEnv' | 'goMemLimit'>): Problem[] {
  if (!rules.goRuntimeEnv || rules.goMemLimit === 'limit') return [];
  const memory = at(at(at(values, 'resources'), 'limits'), 'memory');
  const deployment = at(values, 'deployment');
  const given = isMap(deployment) && Object.hasOwn(deployment, 'goMemLimitPercentage');
  const percentage = given ? deployment.goMemLimitPercentage : 0.9;
  if (!goTruthy(memory) || (rules.goMemLimit === 'percentage-if-set' && !goTruthy(percentage))) return [];
  const factor = asFloat(percentage);
  const limit = parseQuantity(memory);
  if (factor === undefined || !limit) return [];
  const mib = Math.floor(((Number(limit.num) / Number(limit.den)) * factor) / MIB);
  if (!Number.isFinite(mib) || mib >= 1) return [];
  const written = `${mib}MiB`;
  const effect =
    mib < 0
      ? 'a negative memory limit, which Go refuses at start ("malformed GOMEMLIMIT"), so Traefik does not start'
      : "a Go soft memory limit of 0, so Traefik's garbage collector runs without pause and Traefik serves slowly";
  const fix =
    rules.goMemLimit === 'percentage'
      ? 'set a percentage such as 0.9 (this chart writes GOMEMLIMIT whenever a memory limit is set: 0 leaves it out only from chart v40.0.0)'
      : 'set a percentage such as 0.9, or 0 to leave GOMEMLIMIT out';
  return [
    {
      path: [...prefix, 'values', ...(given ? ['deployment', 'goMemLimitPercentage'] : ['resources', 'limits', 'memory'])],
      message:
        `is ${shownInSentence(given ? percentage : memory)}, and the chart writes Traefik's GOMEMLIMIT as resources.limits.memory ` +
        `(${shownInSentence(memory)}) times deployment.goMemLimitPercentage (${shownInSentence(percentage)}) in whole MiB: "${written}", ${effect}: ${fix}`,
    },
  ];
}
