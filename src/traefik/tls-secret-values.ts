import type { Path, Problem } from '../core/problem';
import { chartValueSecretNames } from '../validate/secret-name-places';

/**
 * The Secret names of `tlsStore` and `ingressRoute.<name>.tls` (validate/secret-name-places.ts chartValueSecretNames,
 * 48b-3), said at their key path under the values.
 */
export function tlsSecretValueProblems(values: Readonly<Record<string, unknown>>, prefix: Path): Problem[] {
  return chartValueSecretNames(values).map(({ path, message }) => ({
    path: [...prefix, 'values', ...path],
    message: message.startsWith('looks generated')
      ? message
      : `${message} (the chart writes it into a Traefik object as given: Traefik finds no such Secret and serves its default certificate)`,
  }));
}
