/**
 * A key written one level off (76b-3): a chart value among this tool's own Traefik keys (`traefik.extraObjects`), or
 * one of this tool's keys among the chart's values (`traefik.values.loadBalancerIPs`, `traefik.values.ingresses`).
 * Asked on the error path only: the schema is read when a key is already unknown.
 */
import { traefikValuesSchema } from './values-schema';
import { allowedKeys } from '../config/config-shape';
import { mayQuote } from '../core/quotable';
import { TRAEFIK_CHART_VERSION } from '../pins';

/** Where a key unknown under `traefik` belongs when the default chart's values schema declares it at its top. */
export function chartValueMisplaced(key: string): string | undefined {
  if (!mayQuote(key)) return undefined;
  const schema = traefikValuesSchema(TRAEFIK_CHART_VERSION);
  if (!schema?.topLevelKeys.includes(key)) return undefined;
  return `it is a value of Traefik chart ${schema.tag}: move it under values (write traefik.values.${key})`;
}

/**
 * Where a chart value the chart does not know belongs when it is one of this tool's keys. `keyPrefix` names the
 * reader's Traefik settings (`traefik.`); empty where there are none (a standalone TraefikHelmChartConfig).
 */
export function toolKeyMisplaced(key: string, keyPrefix: string): string | undefined {
  if (!keyPrefix) return undefined;
  // Worded without the key's new path: a finding that names a path left out for another problem is dropped as its
  // follow-on (cluster/rules-despite.ts), and `traefik.redirectToHTTPS` beside it is fixed to that very path.
  if (key !== 'values' && allowedKeys(['traefik']).includes(key))
    return `it is this tool's own key: move it one level up, beside ${keyPrefix}values`;
  if (key !== 'traefik' && allowedKeys([]).includes(key)) return "it is this tool's own key: move it to the top level, beside traefik";
  return undefined;
}
