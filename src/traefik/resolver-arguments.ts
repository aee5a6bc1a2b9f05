import { keyText, shownValue } from '../core/problem';
import type { TraefikChartRules } from './chart-versions';
import { flagIsFalse, flagIsTrue, traefikFlags } from './arguments';
import { printed, resolverLeaves, segment } from './resolver-keys';
import type { ValuesViolation } from './values-schema';

type Values = Readonly<Record<string, unknown>>;
type ResolverRules = Pick<TraefikChartRules, 'certResolversKey' | 'resolverLeaves'>;

/**
 * Round 36b-6: a `--certificatesresolvers.<name>.<option>=` item of `additionalArguments` that sets, to another value,
 * an option the generator writes for the first-class resolver `traefik.certResolvers.<name>`. The chart writes
 * `additionalArguments` after the flags it renders from the resolver key (templates/_podtemplate.tpl, `with
 * .Values.additionalArguments`), and Traefik keeps the later value of a flag (traefik/paerser v0.2.0 flag/flagparser.go
 * `setValue`), so the item wins over the config's resolver, as a values key spelt another way would (resolver-keys.ts
 * `resolverFlagConflicts`, refused the same way). Traefik matches option names in any case, and resolver names too
 * (one resolver of two spellings: parser/labels_decode.go `containsNode`, EqualFold). `globalArguments` come before the
 * chart's flags, which win: no conflict. Paths lie below `values`.
 */
export function resolverArgumentConflicts(
  generated: Values,
  user: Values,
  rules: ResolverRules,
  chartVersion: string,
  keyPrefix: string,
): ValuesViolation[] {
  const ours = new Map(resolverLeaves(generated, rules).map((node) => [[segment(node.name), ...node.rest].join('.'), node]));
  if (!ours.size) return [];
  const problems: ValuesViolation[] = [];
  for (const flag of traefikFlags(user, [], chartVersion)) {
    if (flag.path[1] !== 'additionalArguments') continue;
    const match = /^certificatesresolvers\.([^.]+)\.(.+)$/i.exec(flag.written);
    const node = match && ours.get([segment(match[1]), ...match[2].split('.').map(segment)].join('.'));
    if (!node) continue;
    const same =
      typeof node.value === 'boolean'
        ? (node.value ? flagIsTrue : flagIsFalse)(flag)
        : flag.raw !== undefined && flag.raw === printed(node.value);
    if (same) continue;
    const option = [...(rules.certResolversKey === 'certResolvers' ? ['acme'] : []), ...node.keys].join('.');
    problems.push({
      path: flag.path.slice(1),
      message:
        `sets ${keyText(`--certificatesresolvers.${match[1]}.${match[2]}`)} (Traefik reads option ${keyText(option)} of resolver ` +
        `${keyText(node.name)}), which ${keyPrefix}certResolvers.${keyText(node.key)} makes this tool write as ${shownValue(node.value)}, ` +
        `and Traefik keeps this later flag: change ${keyPrefix}certResolvers.${keyText(node.key)} instead, or drop the item`,
    });
  }
  return problems;
}
