import type { Path, Problem } from '../core/problem';
import { goTruthy } from './go-truth';
import { EXTERNAL_IPS_TAKEOVER } from './extra-objects';
import { valueAt } from './service-facts';

/**
 * `externalIPs` on a Service the chart renders from the block at `at` (`service`, `service.additionalServices.<name>`):
 * its own key, rendered up to chart v39 (`with .service.externalIPs`, templates/_service.tpl), and the free-form
 * `spec` (`with .service.spec`, toYaml, every chart). `fieldKeys` are where this chart version reads the Service's
 * fields; `instead` is where a VIP is given.
 */
export function externalIpsProblems(
  block: Record<string, unknown>,
  at: readonly string[],
  fieldKeys: ReadonlyArray<readonly string[]>,
  prefix: Path,
  instead: string,
): Problem[] {
  return fieldKeys
    .map((keys) => [...keys, 'externalIPs'])
    .filter((path) => goTruthy(valueAt(block, path)))
    .map((path) => ({
      path: [...prefix, 'values', ...at, ...path],
      message: `${EXTERNAL_IPS_TAKEOVER}; give the Service a VIP through ${instead} instead`,
    }));
}
