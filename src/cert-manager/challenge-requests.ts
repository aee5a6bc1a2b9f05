import { pathRegexpMatches } from '../traefik/rule-regexps';

/** Where ACME's HTTP-01 check asks for its token (RFC 8555 §8.3). */
export const CHALLENGE_PATH = '/.well-known/acme-challenge/';

/**
 * Challenge requests as a regexp route is tried on (70b-3): tokens are base64url (RFC 8555 §8.1), 43 characters at
 * Let's Encrypt; one mixed and one of letters and digits only.
 */
const CHALLENGE_REQUESTS = ['Ab0-_cD1eF2gH3iJ4kL5mN6oP7qR8sT9uV-wX_yZ0aB', 'LetsEncryptToken0123456789abcdefghijklmnopq'].map(
  (token) => `${CHALLENGE_PATH}${token}`,
);

/**
 * Whether a path regexp (Traefik v3's PathRegexp, or a Gateway RegularExpression path, which Traefik writes as one)
 * matches the challenge requests: true, false, or undefined when not told here (pathRegexpMatches).
 */
export function regexpCatchesChallenge(regexp: string): boolean | undefined {
  const results = CHALLENGE_REQUESTS.map((path) => pathRegexpMatches(regexp, path));
  return results.includes(true) ? true : results.includes(undefined) ? undefined : false;
}
