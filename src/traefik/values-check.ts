import { shownValue } from '../core/problem';
import { chartRulesOf } from './chart-versions';
import { generatorKeys } from './generator-keys';
import { resolverFlagConflicts } from './resolver-keys';
import { resolverArgumentConflicts } from './resolver-arguments';
import { generatedTraefikValues, TraefikValuesSettings } from './values';
import type * as ValuesKubernetes from './values-kubernetes';
import type * as NameOverrides from './name-overrides';
import type * as ChartUnreadKeys from './chart-unread-keys';
import type * as ValuesKeyTypos from './values-key-typos';
import type * as FlagKeyAdvice from './flag-key-advice';
import { mergeValues, ValueConflict } from './values-merge';
import { withJoinedInitContainers } from './init-container-join';
import { withHiddenTokens } from './sidecar-tokens';
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
  const { merged: written, conflicts: keyConflicts } = mergeValues(joined.generated, joined.user);
  const merged = withHiddenTokens(written, user);
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
  const unknownKeys = Object.keys(user).filter((k) => !schema.topLevelKeys.includes(k) && !explained.has(k));
  // Loaded only for an unknown key: the option tables of every Traefik release it reads are large.
  const { flagKeyAdvice, namesTraefikOption, schemaTakes } = (
    unknownKeys.length ? require('./flag-key-advice') : {}
  ) as typeof FlagKeyAdvice;
  for (const key of unknownKeys) {
    const guess = closest(key, schema.topLevelKeys);
    // A dotted key is one key to Helm, never a path (71d-7): `logs.general.level` reads as the chart's own key otherwise.
    const parts = key.split('.');
    const nested = `${parts.join(': {')}: ...${'}'.repeat(parts.length - 1)}`;
    const oneKey = `"${key}" is one key whose name holds dots, not a path`;
    // 78b-3: nesting a Traefik option's name (`entryPoints.web.address`) makes no chart value either: say what the flag advice says.
    const option = parts.length > 1 && key.length <= 80 && namesTraefikOption(key, schema.json);
    const dotted =
      parts.length > 1 && key.length <= 80
        ? option
          ? `${oneKey}, and it names Traefik's option --${key}: ${flagKeyAdvice(key, flagItem(`--${key}`, user[key]), schema.json, merged, settings.chartVersion)}`
          : schemaTakes(schema.json, parts)
            ? `${oneKey}: nest it (${nested})`
            : `${oneKey}, and nested (${nested}) it is no value of the chart either: check the chart's values.yaml`
        : undefined;
    const flag = key.startsWith('--') ? key.replace(/^-+/, '').split('=')[0] : undefined;
    const hint =
      (flag !== undefined && flag
        ? `it is a Traefik command-line flag, not a chart value: ${flagKeyAdvice(flag, flagItem(key, user[key]), schema.json, merged, settings.chartVersion)}`
        : undefined) ??
      dotted ??
      toolKeyMisplaced(key, keyPrefix) ??
      (guess ? `did you mean "${guess}"?` : "check the chart's values.yaml");
    // About the key's name: it stands at the key, and a secret in its value is still said beside it.
    errors.push({ path: [key], message: `is not a value of Traefik chart ${schema.tag}: ${hint}`, aboutName: true });
  }
  errors.push(...checkTraefikValues(schema, merged).filter((violation) => !explained.has(violation.path.join('.'))));
  const { unreadChartKeys } = require('./chart-unread-keys') as typeof ChartUnreadKeys;
  const { valuesKeyTypos } = require('./values-key-typos') as typeof ValuesKeyTypos;
  // A slip the schema tells (78b-11) is refused, as its flag would be; the warning about the same key would say it twice.
  const typos = valuesKeyTypos(user, schema.json, schema.tag).filter((typo) => !explained.has(typo.path.join('.')));
  errors.push(...typos);
  const refused = new Set(typos.map((typo) => typo.path.join('.')));
  const warnings = unreadChartKeys(user, schema.json, schema.tag).filter((warning) => !refused.has(warning.path.join('.')));
  return { errors, warnings };
}

/**
 * The flag item a chart value stands for (77a-4, `"--log.level": DEBUG` is `--log.level=DEBUG`): the chart passes flags to
 * Traefik from its `additionalArguments` list (traefik/traefik-helm-chart, traefik/values.yaml). The value joins the flag
 * where it is a plain one; one a message would not show is left out.
 */
function flagItem(key: string, value: unknown): string {
  if (key.includes('=') || !['string', 'number', 'boolean'].includes(typeof value) || !mayQuote(String(value))) return key;
  const joined = `${key}=${String(value)}`;
  return redactMessage(joined, []) === joined ? joined : key;
}

function conflictMessage({ user, generated }: ValueConflict, keys: readonly string[], keyPrefix: string): string {
  const settings = keys.map((key) => `${keyPrefix}${key}`).join(' and ');
  return (
    `is ${shownValue(user)}, but ${settings} make${keys.length > 1 ? '' : 's'} this tool write ${JSON.stringify(generated)} there: ` +
    `change ${keys.length > 1 ? 'those keys' : settings} instead, or drop the key from ${keyPrefix}values`
  );
}
