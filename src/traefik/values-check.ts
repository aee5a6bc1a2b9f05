import { traefikValues, TraefikValuesSettings } from './values';
import { mergeValues, ValueConflict } from './values-merge';
import { checkTraefikValues, traefikValuesSchema, ValuesViolation } from './values-schema';
import { closest } from '../config/load';

/** What is wrong with the `values` escape hatch; paths lie below `values`. */
export interface TraefikValuesProblems {
  readonly errors: readonly ValuesViolation[];
  /** Set when no values schema of the chart version is vendored, so the values went unchecked. */
  readonly unchecked?: string;
}

/**
 * Checks `settings.values`: no key the generator writes may be changed, and the merged values must fit the
 * chart's values schema. `keyPrefix` is what the reader's settings are called under (`traefik.` in a config file).
 */
export function traefikValuesProblems(settings: TraefikValuesSettings, keyPrefix = ''): TraefikValuesProblems {
  const user = settings.values ?? {};
  if (!Object.keys(user).length) return { errors: [] };
  const { merged, conflicts } = mergeValues(traefikValues({ ...settings, values: undefined }), user);
  const errors: ValuesViolation[] = conflicts.map((conflict) => ({ path: conflict.path, message: conflictMessage(conflict, keyPrefix) }));

  const schema = traefikValuesSchema(settings.chartVersion);
  if (!schema) {
    return {
      errors,
      unchecked:
        `cannot be checked: this tool has no values schema of Traefik chart ${settings.chartVersion} ` +
        '(vendor/traefik-values-schema/ lists the ones it has), so a misspelt key would be ignored by the chart without a word',
    };
  }
  for (const key of Object.keys(user).filter((k) => !schema.topLevelKeys.includes(k))) {
    const guess = closest(key, schema.topLevelKeys);
    const hint = guess ? `did you mean "${guess}"?` : "check the chart's values.yaml";
    errors.push({ path: [key], message: `is not a value of Traefik chart ${schema.tag}: ${hint}` });
  }
  errors.push(...checkTraefikValues(schema, merged));
  return { errors };
}

/** Which setting writes each generated top-level value, so a conflict names both keys. */
function generatorKey(path: readonly string[]): string {
  const [top, second] = path;
  if (top === 'service') return 'loadBalancerIPs';
  if (top === 'ports') return 'redirectToHttps';
  if (top === 'deployment' && second === 'replicas') return 'replicas';
  if (top === 'podDisruptionBudget' || top === 'topologySpreadConstraints') return 'replicas';
  if (top === 'providers' || top === 'gateway' || top === 'gatewayClass') return 'gateway';
  return 'certResolvers';
}

function conflictMessage({ path, user, generated }: ValueConflict, keyPrefix: string): string {
  const setting = `${keyPrefix}${generatorKey(path)}`;
  return (
    `is ${JSON.stringify(user)}, but ${setting} makes this tool write ${JSON.stringify(generated)} there: ` +
    `change ${setting} instead, or drop the key from ${keyPrefix}values`
  );
}
