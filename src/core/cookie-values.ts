import { looksGenerated } from './generated-runs';
import { isPlaceholder } from './placeholders';
import { isReference } from './secrets-text';

/** What a session cookie is called in findings. */
export const SESSION_COOKIE = 'a session cookie (a `Cookie` header value: whoever sends it is logged in as its owner)';

/** HTTP's cookie headers (RFC 6265 sections 4.1 and 4.2: `Set-Cookie: name=value; attributes`, `Cookie: a=1; b=2`). */
const COOKIE_HEADER = /^(?:set-)?cookie2?$/i;
/** Cookie names that hold a session or a credential by convention (`session`, `JSESSIONID`, `PHPSESSID`, `sid`, `auth_token`...). */
const SESSION_NAME = /sess|sid|auth|token|jwt|login|remember|csrf|xsrf|secret|key/i;
/** The shortest value a session-named cookie is taken for a credential with: session ids are long random strings. */
const MIN_SESSION_VALUE = 8;

/**
 * Whether a cookie header's value holds a credential (52b-12: ``Header(`Cookie`, `JSESSIONID=…`)`` was written): a cookie
 * named like a session whose value is 8 characters or more, or any cookie whose value looks generated; a placeholder
 * or a reference is none, and neither is `lang=en` or a `Set-Cookie` attribute (`Path=/`, `Max-Age=3600`).
 */
function holdsCookieCredential(value: string): boolean {
  return value.split(';').some((part) => {
    const equals = part.indexOf('=');
    if (equals < 0) return false;
    const name = part.slice(0, equals).trim();
    const cookie = part
      .slice(equals + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    if (cookie === '' || isPlaceholder(cookie) || isReference(cookie)) return false;
    return (SESSION_NAME.test(name) && cookie.length >= MIN_SESSION_VALUE) || looksGenerated(cookie);
  });
}

/**
 * SESSION_COOKIE where a mapping sets a cookie header to a credential: under the header's own key (a Middleware's
 * `customRequestHeaders: {Cookie: …}`) or as the `value` of a `{name, value}` pair (a Gateway API header match, an
 * env-like list); `field` reads a key of the same mapping (secrets.ts secretUnder).
 */
export function cookieUnder(key: string, field: (key: string) => unknown): string | undefined {
  const header = key === 'value' ? field('name') : key;
  const value = field(key);
  return typeof header === 'string' && COOKIE_HEADER.test(header) && typeof value === 'string' && holdsCookieCredential(value)
    ? SESSION_COOKIE
    : undefined;
}

/** Whether a header name is a cookie header, whose values rule-pairs.ts judges as cookies. */
export const isCookieHeader = (name: string): boolean => COOKIE_HEADER.test(name);
