import { shownInSentence } from '../core/problem';
import type { Path, Problem } from '../core/problem';
import type { TraefikChartRules } from './chart-versions';
import { goTruthy } from './go-truth';
import { parseQuantity } from '../validate/quantity';
import { isMap } from '../core/is-map';
import { castFloat, chartMemLimit } from './chart-mem-bytes';

type Values = Readonly<Record<string, unknown>>;
const at = (node: unknown, key: string): unknown => (isMap(node) && Object.hasOwn(node, key) ? node[key] : undefined);

/**
 * The `GOMEMLIMIT` the chart computes for Traefik from chart v37.0.0 (chart-versions.ts `goMemLimit`): the memory limit times
 * `deployment.goMemLimitPercentage` (default 0.9), floored to whole MiB (`printf "%dMiB"`, traefik/templates/_helpers.tpl
 * `traefik.gomemlimit`). Below 1 MiB it is "0MiB", a Go soft memory limit of 0 (the garbage collector runs without pause), or
 * a negative count, which Go's runtime refuses at start (runtime/mgcpacer.go readGOMEMLIMIT: "malformed GOMEMLIMIT").
 * Up to v39.0.8 the chart writes it whenever a memory limit is set; from v40.0.0 a Go-false percentage leaves it out.
 * The chart's own arithmetic (chart-mem-bytes.ts) decides: a memory limit given as a YAML number fails the render, and
 * one in Ei reads as 0 bytes.
 */
export function goMemLimitProblems(values: Values, prefix: Path, rules: Pick<TraefikChartRules, 'goRuntimeEnv' | 'goMemLimit'>): Problem[] {
  if (!rules.goRuntimeEnv || rules.goMemLimit === 'limit') return [];
  const memory = at(at(at(values, 'resources'), 'limits'), 'memory');
  const deployment = at(values, 'deployment');
  const given = isMap(deployment) && Object.hasOwn(deployment, 'goMemLimitPercentage');
  const percentage = given ? deployment.goMemLimitPercentage : 0.9;
  if (!goTruthy(memory) || (rules.goMemLimit === 'percentage-if-set' && !goTruthy(percentage))) return [];
  const computed = chartMemLimit(memory, percentage);
  if (!computed) return [];
  const memoryPath = [...prefix, 'values', 'resources', 'limits', 'memory'];
  const percentagePath = [...prefix, 'values', 'deployment', 'goMemLimitPercentage'];
  const formula =
    `writes Traefik's GOMEMLIMIT as resources.limits.memory (${shownInSentence(memory)}) times ` +
    `deployment.goMemLimitPercentage (${shownInSentence(percentage)}) in whole MiB`;
  if ('failure' in computed) {
    // A memory limit of another kind than text or number is refused by the pod's schema already.
    if (computed.failure === 'lower')
      return typeof memory !== 'number'
        ? []
        : [
            {
              path: memoryPath,
              message:
                `is ${shownInSentence(memory)}, a number, not a text: from chart v37.0.0 the chart reads the memory limit for Traefik's GOMEMLIMIT ` +
                `with sprig's lower, which takes only a text (traefik/templates/_helpers.tpl traefik.convertMemToBytes; Helm reads a ` +
                `number as float64: "wrong type for value; expected string; got float64"), so the whole Traefik release fails to render: ` +
                `quote it ("${String(memory)}")`,
            },
          ];
    const atPercentage = given && !Number.isFinite(castFloat(percentage) ?? 0);
    return [
      {
        path: atPercentage ? percentagePath : memoryPath,
        message:
          `is ${shownInSentence(atPercentage ? percentage : memory)}, and the chart ${formula}: ` +
          (computed.failure === 'int64'
            ? "a count beyond Go's int64, which the chart's int64 turns into a meaningless number: give a smaller memory limit"
            : 'a product sprig cannot compute (decimal.NewFromFloat panics on an infinite number), so the whole Traefik release ' +
              `fails to render: give ${atPercentage ? 'a percentage such as 0.9' : 'a smaller memory limit'}`),
      },
    ];
  }
  const { mib, bytes } = computed;
  if (mib >= 1) return [];
  const written = `${mib}MiB`;
  const effect =
    mib < 0
      ? 'a negative memory limit, which Go refuses at start ("malformed GOMEMLIMIT"), so Traefik does not start'
      : "a Go soft memory limit of 0, so Traefik's garbage collector runs without pause and Traefik serves slowly";
  const limit = parseQuantity(memory);
  if (bytes === 0 && limit && limit.num > 0n)
    // The chart's `ei` branch trims only "e" (so "1ei" reads as 0), and it knows no `n` or `u`.
    return [
      {
        path: memoryPath,
        message:
          `is ${shownInSentence(memory)}, which the chart's traefik.convertMemToBytes reads as 0 bytes (traefik/templates/_helpers.tpl: ` +
          `its "ei" branch trims only the "e", and it knows no "n" or "u"), so it ${formula}: ` +
          `"${written}", ${effect}: give the limit in Pi, Ti, Gi or Mi (1Ei is 1024Pi)`,
      },
    ];
  const fix =
    rules.goMemLimit === 'percentage'
      ? 'set a percentage such as 0.9 (this chart writes GOMEMLIMIT whenever a memory limit is set: 0 leaves it out only from chart v40.0.0)'
      : 'set a percentage such as 0.9, or 0 to leave GOMEMLIMIT out';
  return [
    {
      path: given ? percentagePath : memoryPath,
      message: `is ${shownInSentence(given ? percentage : memory)}, and the chart ${formula}: "${written}", ${effect}: ${fix}`,
    },
  ];
}
