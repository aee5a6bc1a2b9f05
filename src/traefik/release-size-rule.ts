import type { Path } from '../core/problem';
import { helmReleaseSizeProblem } from '../validate/helm-release-size';
import { traefikValuesContent } from './values';

/**
 * Values whose JSON is shorter than this are not judged: the release-size bound (validate/helm-release-size.ts) starts
 * at 360 KiB of values text, and the YAML this tool writes is at most a few times the JSON of the same values, so a
 * config of ordinary size pays one JSON.stringify here, never the YAML text, its compression or the extraObjects'.
 */
const SHORTEST_JSON = 90 * 1024;

/**
 * 64b-11: the Helm-release bound judged on the effective Traefik values, at the config key (`traefik.values.extraObjects`
 * when the values hold any, else `traefik.values`), by the same function as the conformance rule over written objects,
 * which stays for constructs and any case the JSON guard above lets by.
 */
export function releaseSizeProblem(values: Readonly<Record<string, unknown>>): { at: Path; message: string } | undefined {
  if (JSON.stringify(values).length < SHORTEST_JSON) return undefined;
  const message = helmReleaseSizeProblem(traefikValuesContent({ ...values }), values.extraObjects);
  if (!message) return undefined;
  const extra = Array.isArray(values.extraObjects) && values.extraObjects.length > 0;
  return { at: extra ? ['values', 'extraObjects'] : ['values'], message };
}
