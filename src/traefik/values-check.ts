import { shownValue } from '../core/problem';
import { chartRulesOf } from './chart-versions';
import { generatorKeys } from './generator-keys';
import { resolverFlagConflicts } from './resolver-keys';
import { resolverArgumentConflicts } from './resolver-arguments';
import { generatedTraefikValues, TraefikValuesSettings } from './values';
import type * as ValuesKubernetes from './values-kubernetes';
import type * as NameOverrides from './name-overrides';
import type * as ChartUnreadKeys from './chart-unread-keys';
import { mergeValues, ValueConflict } from './values-merge';
import { withJoinedInitContainers } from './init-container-join';
import { checkTraefikValues, traefikValuesSchema, ValuesViolation } from './values-schema';
import { closest } from '../core/closest';
import { mayQuote } from '../core/quotable';
import { redactMessage } from '../core/redact-message';
import { toolKeyMisplaced } from './misplaced-keys';
import { unreadResolversKeyProblem } from './defined-resolvers';
import { ignoredGlobalArgumentsProblem } from './arguments';
import { blockKindProblems } from './block-kinds';

/** What is wrong with the `values` escape hatch; paths lie below `values`. */
export interface TraefikValuesProblems {
  readonly errors: readonly ValuesViolation[];
  /** Set when no values schema of the chart version is vendored, so the values went unchecked. */
  readonly unchecked?: string;
  /** Keys the chart drops without a word where its schema leaves the map open (chart-unread-keys.ts). */
  readonly warnings?: readonly ValuesViolation[];
}

/**
 * Checks `settings.values`: no key the generator writes may be changed, the merged values must fit the
 * chart's values schema, and the objects the chart renders from them must pass the API server. `keyPrefix` is what the reader's settings are called under (`traefik.` in a config file).
 */
export function traefikValuesProblems(settings: TraefikValuesSettings, keyPrefix = ''): TraefikValuesProblems {
  const user = settings.values ?? {};
  if (!Object.keys(user).length) return { errors: [] };
  const generated = generatedTraefikValues(settings);
  const joined = withJoinedInitContainers(generated, user);
  const { merged, conflicts: keyConflicts } = mergeValues(joined.generated, joined.user);
  const rules = chartRulesOf(settings.chartVersion);
  const conflicts = [...keyConflicts, ...resolverFlagConflicts(generated, user, rules)];
  const errors: ValuesViolation[] = conflicts.map((conflict) => ({
    path: conflict.path,
    message: conflictMessage(conflict, generatorKeys(conflict.path, settings, generated, !keyPrefix), keyPrefix),
  }));
  errors.push(...resolverArgumentConflicts(generated, user, rules, settings.chartVersion, keyPrefix));
  // What the API server refuses in the rendered objects, whether or not a values schema is vendored. Loaded
  // only for a config with traefik.values: most configs have none, and every synth would load these rules.
  const { kubernetesValuesProblems } = require('./values-kubernetes') as typeof ValuesKubernetes;
  const { nameOverrideProblems } = require('./name-overrides') as typeof NameOverrides;
  errors.push(...kubernetesValuesProblems(merged));
  // Judged on every chart, not only where a values schema says so; the rule that explains a value is the one message about it.
  const unread = unreadResolversKeyProblem(user, settings.chartVersion, `${keyPrefix}certResolvers`);
  const ignored = ignoredGlobalArgumentsProblem(user, settings.chartVersion);
  const versionless = [...nameOverrideProblems(merged, settings.chartVersion), ...(unread ? [unread] : []), ...(ignored ? [ignored] : [])];
  errors.push(...versionless);
  const explained = new Set(versionless.map((error) => error.path.join('.')));

  const schema = traefikValuesSchema(settings.chartVersion);
  if (!schema) {
    return {
      // The kinds of the blocks the chart writes into Traefik's pod, which a vendored schema would judge (block-kinds.ts).
      errors: [...errors, ...blockKindProblems(merged).filter((error) => !explained.has(error.path.join('.')))],
      unchecked:
        `cannot be checked: this tool has no values schema of Traefik chart ${settings.chartVersion} ` +
        '(vendor/traefik-values-schema/ lists the ones it has), so a misspelt key would be ignored by the chart without a word',
    };
  }
  for (const key of Object.keys(user).filter((k) => !schema.topLevelKeys.includes(k) && !explained.has(k))) {
    const guess = closest(key, schema.topLevelKeys);
    // A dotted key is one key to Helm, never a path (71d-7): `logs.general.level` reads as the chart's own key otherwise.
    const parts = key.split('.');
    const nested = `${parts.join(': {')}: ...${'}'.repeat(parts.length - 1)}`;
    const dotted =
      parts.length > 1 && key.length <= 80 ? `"${key}" is one key whose name holds dots, not a path: nest it (${nested})` : undefined;
    const hint =
      cliFlagHint(key, user[key]) ??
      dotted ??
      toolKeyMisplaced(key, keyPrefix) ??
      (guess ? `did you mean "${guess}"?` : "check the chart's values.yaml");
    // About the key's name: it stands at the key, and a secret in its value is still said beside it.
    errors.push({ path: [key], message: `is not a value of Traefik chart ${schema.tag}: ${hint}`, aboutName: true });
  }
  errors.push(...checkTraefikValues(schema, merged).filter((violation) => !explained.has(violation.path.join('.'))));
  const { unreadChartKeys } = require('./chart-unread-keys') as typeof ChartUnreadKeys;
  return { errors, warnings: unreadChartKeys(user, schema.json, schema.tag) };
}

/**
 * A Traefik command-line flag written as a chart value (77a-4, `"--entrypoints.web.address=:8000": x`): the chart
 * passes flags to Traefik from its `additionalArguments` list (traefik/traefik-helm-chart, traefik/values.yaml).
 */
function cliFlagHint(key: string, value: unknown): string | undefined {
  if (!key.startsWith('--')) return undefined;
  const hint = (flag: string) =>
    `it is a Traefik command-line flag, not a chart value: give it as an item of additionalArguments (additionalArguments: [${JSON.stringify(flag)}]), or set the chart value that writes it`;
  // The value joins the flag where it is a plain one (`"--log.level": DEBUG`); one a message would not show is left out.
  if (key.includes('=') || !['string', 'number', 'boolean'].includes(typeof value) || !mayQuote(String(value))) return hint(key);
  const joined = hint(`${key}=${String(value)}`);
  return redactMessage(joined, []) === joined ? joined : hint(key);
}

function conflictMessage({ user, generated }: ValueConflict, keys: readonly string[], keyPrefix: string): string {
  const settings = keys.map((key) => `${keyPrefix}${key}`).join(' and ');
  return (
    `is ${shownValue(user)}, but ${settings} make${keys.length > 1 ? '' : 's'} this tool write ${JSON.stringify(generated)} there: ` +
    `change ${keys.length > 1 ? 'those keys' : settings} instead, or drop the key from ${keyPrefix}values`
  );
}
