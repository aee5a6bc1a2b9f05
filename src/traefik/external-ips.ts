import type { Path, Problem } from '../core/problem';
import { goTruthy } from './go-truth';
import { valueAt } from './service-facts';

/**
 * kube-proxy answers for a Service's externalIPs on every node, whatever owns them: a VIP of this cluster (Traefik's
 * :80, the API server's :6443) or any other address is taken over (CVE-2020-8554; K3s does not deny them).
 */
export const EXTERNAL_IPS_TAKEOVER =
  "is set: kube-proxy then answers for those addresses on every node, whatever owns them (this cluster's VIPs too)";

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
