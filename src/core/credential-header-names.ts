import { nameAsRead } from './text-decodings';

/**
 * A header or env name that carries a credential by the HTTP custom (57a-19): one whose last word is `auth` (`X-Auth`,
 * `X_AUTH`, `Proxy-Auth`, `BASIC_AUTH`, `REDIS_AUTH`: the value is the credential, as `Authorization`'s is, RFC 9110
 * §11.6.2), or an `X-` header whose last word is `key` (`X-Upstream-Key`, `X-Api-Key`, `X-Auth-Key`: the API-key header
 * custom, e.g. Cloudflare's `X-Auth-Key`, developers.cloudflare.com/fundamentals/api/get-started/keys). Read on an
 * annotation's or label's name part too (`example.com/x-auth`). One rule for every door (isSecretKey: env entries,
 * HTTPRoute header matches and modifiers, a Middleware's customRequestHeaders, router rule matchers, annotation keys).
 * Not a switch or a mode (`ENABLE_AUTH`, `NO_AUTH`, `AUTH_TYPE`: the last word is another, or one of these).
 */
const SWITCH_WORD =
  /^(?:no|skip|enable|enabled|disable|disabled|use|require|required|allow|with|without|insecure|anonymous|oauth|oauth2|oidc|ldap|saml|sso)$/;

export function namesCredentialHeader(written: string): boolean {
  const name = nameAsRead(written).split('/').pop() ?? '';
  // Words of a header or env name (`X-Upstream-Key`, `X_AUTH`, `x.auth`), short as such names are.
  if (!/^[A-Za-z][A-Za-z0-9]*(?:[-_.][A-Za-z0-9]+){0,5}$/.test(name)) return false;
  const list = name.toLowerCase().split(/[-_.]/);
  const last = list[list.length - 1];
  // K3s' `vpn-auth` is `name=…,joinKey=…`, whose parts k3s-vpn-auth.ts judges (a `joinKey=${TS_KEY}` reference is none).
  if (last === 'auth') return list.length === 1 || name.toLowerCase() === 'vpn-auth' ? false : !SWITCH_WORD.test(list[list.length - 2]);
  return last === 'key' && list.length >= 2 && list[0] === 'x' && !list.includes('public'); // `X-Public-Key` names no secret
}
