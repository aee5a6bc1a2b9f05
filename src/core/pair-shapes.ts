/**
 * The name a documented name/value pair gives its value, by the value's key (81a-3): the item is one mapping whatever
 * order its keys are written in, so its value is read as the value under that name.
 * - `{name|key, value}`: an env entry, Envoy's header pair, Tekton and Argo arguments (52a-2);
 * - `{name, default}`: a Tekton ParamSpec (tektoncd/pipeline docs/tasks.md "Specifying Parameters", v0.59) and an Argo
 *   Workflows input parameter (argoproj/argo-workflows docs/fields.md "Parameter", v3.5);
 * - `{parameterKey, parameterValue}` (Crossplane's CloudFormation Stack, provider-aws apis/cloudformation/v1alpha1) and
 *   `{ParameterKey, ParameterValue}` (AWS CloudFormation API "Parameter");
 * - `{Name|Key, Value}`: AWS's own capitalised pairs (ECS "KeyValuePair", CloudFormation "Tag");
 * - a JSON patch's `{op, path, value}` (RFC 6902 §4): the value is set at `path`, named by its last segment
 *   (`/stringData/password`), as kustomize's `patchesJson6902` and `patches` files write them.
 */
const NAME_KEYS: ReadonlyMap<string, readonly string[]> = new Map([
  ['value', ['name', 'key']],
  ['default', ['name']],
  ['parameterValue', ['parameterKey']],
  ['ParameterValue', ['ParameterKey']],
  ['Value', ['Name', 'Key']],
]);

/** A JSON patch operation that sets its value (RFC 6902 §4.1, §4.3, §4.6). */
const SETS_VALUE = /^(?:add|replace|test)$/;

/** Whether the key `nameKey` names the value under `valueKey` of the same item (`path` a JSON patch's value). */
export const namesPairValue = (nameKey: string, valueKey: string): boolean =>
  (NAME_KEYS.get(valueKey) ?? []).includes(nameKey) || (nameKey === 'path' && valueKey === 'value');

/** The keys that name a pair's value (NAME_KEYS' names, a JSON patch's `path`). */
const PAIR_NAME_KEYS = new Set([...[...NAME_KEYS.values()].flat(), 'path']);
/** Whether `key` names a pair's value; `isPairValueKey`, whether it holds one. */
export const isPairNameKey = (key: string): boolean => PAIR_NAME_KEYS.has(key);
export const isPairValueKey = (key: string): boolean => NAME_KEYS.has(key);

/** The name a JSON patch's path gives the value it sets: its last segment (`/stringData/password`), not an index. */
export function jsonPointerName(path: string): string | undefined {
  if (!path.startsWith('/')) return undefined;
  // A JSON pointer's segment escapes `~` and `/` as `~0` and `~1` (RFC 6901 §4).
  const last = path
    .slice(path.lastIndexOf('/') + 1)
    .replace(/~1/g, '/')
    .replace(/~0/g, '~');
  return last === '' || /^\d+$|^-$/.test(last) ? undefined : last;
}

/** The name the pair whose value is under `key` gives it (`field` reads the item's keys), or undefined where none is. */
export function pairNameOf(key: string, field: (key: string) => unknown): string | undefined {
  for (const nameKey of NAME_KEYS.get(key) ?? []) {
    const name = field(nameKey);
    if (typeof name === 'string') return name;
  }
  if (key !== 'value') return undefined;
  const [op, path] = [field('op'), field('path')];
  return typeof op === 'string' && SETS_VALUE.test(op) && typeof path === 'string' ? jsonPointerName(path) : undefined;
}
