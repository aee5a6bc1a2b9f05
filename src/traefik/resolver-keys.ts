import type { Path, Problem } from '../core/problem';
import { shownValue } from '../core/problem';
import type { TraefikChartRules } from './chart-versions';
import { goTruthy } from './go-truth';
import type { ValueConflict } from './values-merge';
import { isMap } from '../core/is-map';

type Values = Readonly<Record<string, unknown>>;
type ResolverRules = Pick<TraefikChartRules, 'certResolversKey' | 'resolverLeaves'>;

/** A key of a flag's name as Traefik matches it: in any case, blanks around it ignored (a key ` acme` is the acme block). */
export const segment = (key: string) => key.trim().toLowerCase();

/** Whether the chart writes a values leaf as a flag (chart-versions.ts `resolverLeaves`). */
const LEAF_RENDERS: Readonly<Record<TraefikChartRules['resolverLeaves'], (value: unknown) => boolean>> = {
  every: () => true,
  truthy: goTruthy,
  'non-null': (value) => value !== null,
  'bool-or-non-empty': (value) => typeof value === 'boolean' || goTruthy(value),
};

/** Whether the chart writes `value`, a resolver's entry or leaf, as a flag. */
export const leafRenders = (rules: ResolverRules, value: unknown) => LEAF_RENDERS[rules.resolverLeaves](value);

/** A leaf as the chart prints it after `=`: a list joined by commas, null as nothing (Helm's "<no value>" is dropped). */
export const printed = (value: unknown): string =>
  value === null ? '' : Array.isArray(value) ? value.map((item) => printed(item)).join(',') : String(value);

/** Go's order of map keys, which `range` follows: by their bytes. */
const goOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** A key or leaf under a resolver of the values, and the flag name the chart writes for it, as Traefik reads it. */
export interface ResolverNode {
  /** The resolver's name as Traefik reads it: the key up to its first dot, as written. */
  readonly name: string;
  /** The resolver's key as written (it may hold dots: resolverKeyProblems). */
  readonly key: string;
  /** The flag's name after the resolver name, split at every dot as Traefik splits it (`segment`), `acme` first up to chart v32. */
  readonly rest: readonly string[];
  /** The keys below the resolver's key, as written: the key path of the node. */
  readonly keys: readonly string[];
  /** The flag's name after the resolver's key, as the chart writes it. */
  readonly option: string;
  /** The value as given. */
  readonly value: unknown;
  /** Whether the chart writes it as one flag (a leaf it does not recurse into, which `resolverLeaves` lets through). */
  readonly written: boolean;
}

/**
 * Every key under the resolvers of the resolver key the chart reads, in the chart's order (Go's `range` sorts map keys;
 * a later flag of the same name wins in Traefik, traefik/paerser v0.2.0 flag/flagparser.go `setValue`): up to v32
 * `certResolvers.<name>.<option>` is written `--certificatesresolvers.<name>.acme.<option>[.<field>]` (a map option writes
 * one flag per field), from v33 `certificatesResolvers` through `traefik.yaml2CommandLineArgsRec`, which recurses into
 * every map and writes only the leaves `resolverLeaves` lets through (traefik/traefik-helm-chart templates/_podtemplate.tpl
 * up to v32.1.1, templates/_helpers.tpl from v33.0.0). Both join the keys with dots into one flag name and Traefik splits
 * it at every dot (paerser parser/labels_decode.go `DecodeToNode`), so a key `acme.storage` is read as `acme` then
 * `storage`, and a resolver `le.x` as resolver `le` with the option `x`.
 */
export function resolverNodes(values: Values, rules: ResolverRules): ResolverNode[] {
  const key = rules.certResolversKey;
  const resolvers = isMap(values[key]) ? values[key] : {};
  const found: ResolverNode[] = [];
  for (const resolver of Object.keys(resolvers).sort(goOrder)) {
    const [name, ...inName] = resolver.split('.');
    const walk = (node: unknown, keys: readonly string[]) => {
      // Up to v32 the chart ranges over a resolver's options and a map option's fields, no deeper.
      const recurse = isMap(node) && (key === 'certificatesResolvers' || keys.length < 2);
      if (keys.length) {
        const option = [...(key === 'certResolvers' ? ['acme'] : []), ...keys].join('.');
        const rest = [...inName, ...option.split('.')].map(segment);
        found.push({ name, key: resolver, rest, keys, option, value: node, written: !recurse && leafRenders(rules, node) });
      }
      if (recurse) for (const option of Object.keys(node).sort(goOrder)) walk(node[option], [...keys, option]);
    };
    // A resolver that is no map (`le: null`) writes no flag under its name.
    walk(resolvers[resolver], []);
  }
  return found;
}

/** The flags the chart writes from the resolvers of the values (`resolverNodes`), in its order. */
export const resolverLeaves = (values: Values, rules: ResolverRules) => resolverNodes(values, rules).filter((node) => node.written);

/** Text that breaks a double-quoted YAML scalar written as is: a quote, a backslash or a control character. */
export const unquotable = (text: string) => /["\\]/.test(text) || [...text].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

/** A resolver key Traefik gets no resolver of, whatever its options (`nameProblem`); a dot only moves them to another name. */
export const unreadableName = (key: string) => key.split('.').includes('') || unquotable(key) || /[=[\]]/.test(key);

/**
 * What a resolver key of the values cannot hold, as the chart writes it into `--certificatesresolvers.<name>.<option>=...`
 * in a double-quoted YAML item (templates/_podtemplate.tpl up to v32.1.1; from v33.0.0 `traefik.yaml2CommandLineArgs`,
 * which also splits its text at line breaks), and why. Traefik's parser (traefik/paerser v0.2.0) ends the flag's name at
 * the first `=` (flag/flagparser.go `parseOne`), splits it at dots, fails on an empty part and reads `[...]` as a list
 * index (parser/labels_decode.go `DecodeToNode`), and fails on an option it does not know (parser/nodes_metadata.go
 * `findTypedField`: "field not found").
 */
function nameProblem(name: string, option: string): string | undefined {
  const flag = `--certificatesresolvers.${name}.${option}`;
  const [first, second] = name.split('.');
  if (name.split('.').includes('')) {
    return (
      `is ${name ? 'a resolver name with an empty part around a dot' : 'an empty resolver name'}, so the chart writes ${flag}, and ` +
      'Traefik fails to start on the empty part ("invalid element"): name the resolver with letters, digits and "-", e.g. le'
    );
  }
  if (unquotable(name)) {
    return `is a resolver name with a quote, a backslash or a control character, which breaks the quoted flag the chart writes for it: name the resolver with letters, digits and "-", e.g. le`;
  }
  if (name.includes('=')) {
    return (
      `is a resolver name with "=", but Traefik ends a flag's name at its first "=", so of the flag the chart writes for it it reads ` +
      `${flag.split('=')[0]} and never gets this resolver: name the resolver without "=", e.g. ${shownValue(name.replace(/=/g, '-'))}`
    );
  }
  if (/[[\]]/.test(name)) {
    return `is a resolver name with "[" or "]", which Traefik reads as a list index in the flag ${flag}: name the resolver without brackets, e.g. le`;
  }
  if (name.includes('.')) {
    return (
      `is a resolver name with a dot, but the chart writes it into the flag ${flag}, which Traefik splits at every dot, so it reads ` +
      `resolver ${shownValue(first)} with the option ${shownValue(second)} (and fails to start on an option it does not know): ` +
      `name the resolver without dots, e.g. ${shownValue(name.replace(/\./g, '-'))}, or nest the keys under ${shownValue(first)} if that resolver is meant`
    );
  }
  return undefined;
}

/**
 * The resolver keys of the values the chart writes a flag for that Traefik cannot read as the resolver they name
 * (`nameProblem`), and, up to chart v32 (which writes `acme.` before every option itself), an option `acme`: the chart
 * writes `--certificatesresolvers.<name>.acme.acme.<option>`, and Traefik fails to start on the ACME option `acme` it does
 * not know. Each once, at the key as written (`firstClass`: the names a first-class key wrote, found by that key).
 */
export function resolverKeyProblems(values: Values, rules: ResolverRules, prefix: Path, firstClass: Values): Problem[] {
  const problems = new Map<string, Problem>();
  const at = (key: string) =>
    Object.hasOwn(firstClass, key) ? [...prefix, 'certResolvers', key] : [...prefix, 'values', rules.certResolversKey, key];
  for (const leaf of resolverLeaves(values, rules)) {
    const message = nameProblem(leaf.key, leaf.option);
    if (message && !problems.has(leaf.key)) problems.set(leaf.key, { path: at(leaf.key), message });
    const option = leaf.keys[0];
    const nested = rules.certResolversKey === 'certResolvers' && segment(option.split('.')[0]) === 'acme';
    const id = JSON.stringify([leaf.key, option]);
    if (nested && !problems.has(id)) {
      problems.set(id, {
        path: [...at(leaf.key), option],
        message:
          `is written by this chart as --certificatesresolvers.${leaf.key}.acme.${leaf.keys.join('.')}: up to chart v32 the chart puts ` +
          `every option of certResolvers.<name> under acme itself, so Traefik gets an ACME option "acme" it does not know and fails ` +
          `to start: write the options directly under the resolver, e.g. certResolvers.${leaf.key}.email (certificatesResolvers.<name>.acme ` +
          'is the shape of charts from v33)',
      });
    }
  }
  return [...problems.values()];
}

/**
 * The flags a user's resolver keys write over a flag the generator writes, spelt another way than its key, so the merge
 * of values (values-merge.ts, key by key) sees no conflict: `le: {"acme.storage": x}` beside the generated
 * `le: {acme: {storage: y}}` writes both flags, and Traefik keeps the later one, which in the chart's order is the
 * dotted key's. A conflict with a different value, at the user's key; the same spelling is values-merge's.
 */
export function resolverFlagConflicts(generated: Values, user: Values, rules: ResolverRules): ValueConflict[] {
  const flag = (node: ResolverNode) => [node.name, ...node.rest].join('.');
  const generatedFlags = new Map(resolverLeaves(generated, rules).map((node) => [flag(node), node]));
  const conflicts: ValueConflict[] = [];
  for (const node of resolverLeaves(user, rules)) {
    const ours = generatedFlags.get(flag(node));
    const sameKey = ours && ours.key === node.key && ours.keys.join('\0') === node.keys.join('\0');
    if (!ours || sameKey || printed(ours.value) === printed(node.value)) continue;
    conflicts.push({ path: [rules.certResolversKey, node.key, ...node.keys], user: node.value, generated: ours.value });
  }
  return conflicts;
}
