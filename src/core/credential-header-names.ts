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

/**
 * Round 79 (79a-2): `auth` glued after what it opens, one word in one letter case (`BASICAUTH`, `SMTPAUTH`, `redisauth`),
 * as `BASIC_AUTH` is read; a camel-case `basicAuth`/`forwardAuth` is a Traefik Middleware's map, no env name. Not a
 * switch glued before it (`NOAUTH`, `SKIPAUTH`, `ENABLEAUTH`), a protocol's name (`oauth`, `GENERICOAUTH`), a prefix of a
 * repeated or preceding check (`reauth`, `preauth`, `unauth`); the value is judged as under `BASIC_AUTH` (`true`, a URL pass).
 */
const GLUED_AUTH = /^(?:[a-z][a-z0-9]{1,23}|[A-Z][A-Z0-9]{1,23})auth$/i;
const NOT_CREDENTIAL_AUTH_PREFIX = /^(?:re|pre|un|multi)$/;
/** Traefik's middleware names as its labels and flags write them (`traefik.http.middlewares.x.basicauth.users=…`). */
const TRAEFIK_MIDDLEWARE = /^(?:basic|digest|forward)auth$/;
export function gluedAuth(word: string): boolean {
  if (!GLUED_AUTH.test(word) || !/^(?:[a-z0-9]+|[A-Z0-9]+)$/.test(word) || TRAEFIK_MIDDLEWARE.test(word)) return false;
  const prefix = word.slice(0, -4).toLowerCase();
  return !SWITCH_WORD.test(prefix) && !NOT_CREDENTIAL_AUTH_PREFIX.test(prefix) && !/o$/.test(prefix);
}

export function namesCredentialHeader(written: string): boolean {
  const name = nameAsRead(written).split('/').pop() ?? '';
  // Words of a header or env name (`X-Upstream-Key`, `X_AUTH`, `x.auth`), short as such names are.
  if (!/^[A-Za-z][A-Za-z0-9]*(?:[-_.][A-Za-z0-9]+){0,5}$/.test(name)) return false;
  const list = name.toLowerCase().split(/[-_.]/);
  const last = list[list.length - 1];
  // K3s' `vpn-auth` is `name=…,joinKey=…`, whose parts k3s-vpn-auth.ts judges (a `joinKey=${TS_KEY}` reference is none).
  if (last === 'auth') return list.length === 1 || name.toLowerCase() === 'vpn-auth' ? false : !SWITCH_WORD.test(list[list.length - 2]);
  if (gluedAuth(name.split(/[-_.]/).pop() ?? '')) return true;
  return last === 'key' && list.length >= 2 && list[0] === 'x' && !list.includes('public'); // `X-Public-Key` names no secret
}

/**
 * Round 61 (attack 61a-4): under a map of headers (`headers`, `customRequestHeaders`: Traefik's OTLP `tracing.otlp.http.headers`
 * and `metrics.otlp.grpc.headers`, a Headers middleware's `customRequestHeaders`), a name whose last word is `key` is an
 * API key's header without the `X-` prefix too: SigNoz Cloud's `signoz-ingestion-key` (signoz.io/docs/ingestion/signoz-cloud/
 * keys), `ingest-key`, Azure API Management's `Ocp-Apim-Subscription-Key`, Fastly's `Fastly-Key`. Not elsewhere: as a key of
 * any map `routing-key`, `partition-key`, `topology-key` name settings. Nor the public headers whose last word is `key`:
 * `Sec-WebSocket-Key` (a nonce, RFC 6455 §4.1), `Idempotency-Key` (a request id, draft-ietf-httpapi-idempotency-key-header),
 * Fastly's `Surrogate-Key` (a cache tag), `Public-Key`/`X-Public-Key`, a `Cache-Key`.
 */
const PUBLIC_KEY_HEADER_WORD = /^(?:public|pub|websocket|idempotency|surrogate|cache|routing|sort|partition)$/;

/** Whether `parent` is a map of headers (its last word `headers`) and `name` a credential header in it, as above. */
export function namesSecretHeaderIn(parent: unknown, name: string): boolean {
  if (typeof parent !== 'string' || !/headers$/i.test(nameAsRead(parent))) return false;
  const written = nameAsRead(name).trim();
  if (!/^[A-Za-z][A-Za-z0-9]*(?:[-_.][A-Za-z0-9]+){0,7}$/.test(written)) return false;
  const list = written.toLowerCase().split(/[-_.]/);
  return list.length >= 2 && list[list.length - 1] === 'key' && !list.some((word) => PUBLIC_KEY_HEADER_WORD.test(word));
}

/** A flag that sets such a header: `--tracing.otlp.http.headers.ingest-key=…` (the header's name is the flag's last part). */
export function isSecretHeaderFlag(flag: string): boolean {
  const match = /\.([^.]*headers)\.([^.=]+)$/i.exec(flag);
  return match !== null && namesSecretHeaderIn(match[1], match[2]);
}

const TRAEFIK_ENV_HEADER = /^TRAEFIK_(?:[A-Z0-9]+_)*?HEADERS_(?!NAMES_)([A-Za-z][\w-]*)$/i;

/**
 * 81a-18: Traefik's env form of a headers map (`TRAEFIK_TRACING_OTLP_HTTP_HEADERS_X-HONEYCOMB-TEAM`, doc.traefik.io v3
 * reference/static-configuration/env) names the header as the flag `--tracing.otlp.http.headers.<name>` does: a secret's
 * header by `isSecretKey` (secrets-keys.ts, passed in: it reads this file) or as above. Not the access log's header modes (`…_NAMES_`).
 */
export function namesSecretEnvHeader(key: string, isSecretKey: (name: string) => boolean): boolean {
  const header = TRAEFIK_ENV_HEADER.exec(key)?.[1];
  return header !== undefined && (isSecretKey(header) || namesSecretHeaderIn('headers', header));
}
