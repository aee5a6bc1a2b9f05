import { Path, Problem, shownValue } from '../core/problem';
import { email, FormatCheck, httpsUrl } from '../config/formats';
import type { TraefikFlag } from './arguments';
import type { TraefikChartRules } from './chart-versions';
import { resolverNodes } from './resolver-keys';

/** The ACME options `traefik.certResolvers` checks with a format, by their lower-case names (Traefik reads any case). */
const CHECKS: Readonly<Record<string, FormatCheck>> = { email, caserver: httpsUrl };

/**
 * The ACME account e-mail and CA server of every resolver the chart values or Traefik flags define, held to the
 * formats `traefik.certResolvers` holds them to: `certResolvers.<name>.<option>` (charts up to v32) or
 * `certificatesResolvers.<name>.acme.<option>` (from v33), whichever is `key`, and `--certificatesresolvers.<name>.acme.<option>=`.
 * A null option is judged as the empty text where the chart writes every leaf (`resolverLeaves: every`, up to v34.1.x:
 * `--<path>=` with nothing after it), and as unset where it writes none.
 */
export function acmeOptionProblems(
  user: Readonly<Record<string, unknown>>,
  flags: readonly TraefikFlag[],
  prefix: Path,
  { certResolversKey: key, resolverLeaves }: Pick<TraefikChartRules, 'certResolversKey' | 'resolverLeaves'>,
): Problem[] {
  const problems: Problem[] = [];
  // Only the key the chart reads (`key`): the other is refused whole (defined-resolvers.ts). A key is read as Traefik reads
  // the flag the chart writes for it, split at dots (resolver-keys.ts), so `acme.email` under a resolver is its e-mail.
  for (const { rest, key: resolver, keys, value: given } of resolverNodes(user, { certResolversKey: key, resolverLeaves })) {
    const check = rest.length === 2 && rest[0] === 'acme' ? CHECKS[rest[1]] : undefined;
    const value = given === null && resolverLeaves === 'every' ? '' : given;
    const problem =
      !check || value === null || value === undefined
        ? undefined
        : typeof value === 'string'
          ? check(value)
          : `is ${shownValue(value)}, not text: give it as text, as traefik.certResolvers takes it`;
    if (problem) problems.push({ path: [...prefix, 'values', key, resolver, ...keys], message: problem });
  }
  for (const flag of flags) {
    const option = /^certificatesresolvers\.[^.]+\.acme\.(email|caserver)$/.exec(flag.name)?.[1];
    const problem = option && flag.value !== undefined ? CHECKS[option](flag.value) : undefined;
    if (problem) problems.push({ path: flag.path, message: problem });
  }
  return problems;
}
