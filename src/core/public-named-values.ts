import { looksGenerated } from './generated-runs';
import { nameWords } from './named-setting-values';
import { isSshPublicKeyLine } from './ssh-public-keys';

/**
 * Values under a name like a secret's that are public by design, known by the name AND the value's documented shape
 * together (61a-12, 61a-14, 61a-15); either alone is not enough (`sk_live_…` under a PUBLISHABLE name is a secret
 * key, a random text under SITE_KEY is one). For secrets-keys.ts isPlainlyNotSecret; `named`: the name set under.
 * An OpenSSH public key line is public under any name (80a-21: `SSH_AUTHORIZED_KEY`, `DEPLOY_KEY`): its blob names its own
 * key type (ssh-public-keys.ts), a shape no private key or password has.
 */
export function isPublicNamedValue(value: string, named: string): boolean {
  if (isSshPublicKeyLine(value)) return true;
  if (value.length > 256) return false;
  const words = nameWords(named);
  const last = words[words.length - 1];
  if (words.includes('publishable')) return STRIPE_PUBLISHABLE.test(value);
  if (last === 'key' && words[words.length - 2] === 'site') return CAPTCHA_SITE_KEY.test(value);
  if (last === 'sitekey') return CAPTCHA_SITE_KEY.test(value);
  // 76a-12: a signing key's fingerprint may be written as its long key ID, as `gpg --list-keys` prints it (`signing_key_fingerprint`).
  if (last === 'fingerprint') return FINGERPRINTS.some((shape) => shape.test(value)) || (namesOpenPgpKey(words) && isOpenPgpKeyId(value));
  if (last === 'signingkey' || (last === 'key' && OPENPGP_KEY_WORD.test(words[words.length - 2] ?? ''))) return isOpenPgpKeyId(value);
  if (last === 'cookie') return isCookieName(value);
  if (words.includes('posthog')) return POSTHOG_PROJECT_KEY.test(value);
  if (last === 'key' && words.join(' ').includes('search only')) return ALGOLIA_KEY.test(value);
  if (words.includes('mapbox') || (last === 'token' && words[words.length - 2] === 'access')) return MAPBOX_PUBLIC.test(value);
  return VAULT_PATH_ANNOTATION.test(named.trim()) && isVaultPath(value);
}

/** Stripe's publishable key (docs.stripe.com/keys: "Publishable keys … can be publicly accessible"), `pk_live_`/`pk_test_`. */
const STRIPE_PUBLISHABLE = /^pk_(?:live|test)_[A-Za-z0-9]{8,247}$/;

/**
 * 71a-25: PostHog's project API key, `phc_` (posthog.com/docs/api, "Project API key": write-only, safe in a web page's
 * code); its personal API key, `phx_`, reads every project's data and stays refused.
 */
const POSTHOG_PROJECT_KEY = /^phc_[A-Za-z0-9]{20,64}$/;

/**
 * 75a-17: Algolia's search-only API key, which the browser sends (algolia.com/doc/guides/security/api-keys: "safe to use
 * in your production frontend code"), 32 hex as every Algolia key is: only the name tells it from the admin or write key,
 * so only a name that says search-only (`ALGOLIA_SEARCH_ONLY_API_KEY`, `searchOnlyApiKey`) passes it; `ALGOLIA_SEARCH_KEY` does not.
 */
const ALGOLIA_KEY = /^[0-9a-f]{32}$/;

/**
 * 69a-15: Mapbox's public token, `pk.` then a JWT-like payload of `{"u":"<user>",…}` and a signature (docs.mapbox.com/
 * help/getting-started/access-tokens: public tokens "can be used in client-side code"), under a Mapbox name or Mapbox
 * GL's `accessToken`; its secret `sk.` token stays refused.
 */
const MAPBOX_PUBLIC = /^pk\.eyJ1Ijoi[A-Za-z0-9_-]{8,200}\.[A-Za-z0-9_-]{20,43}$/;

/**
 * A CAPTCHA's site key, which the page shows every visitor: reCAPTCHA's (40 characters from `6L`, developers.google.com/
 * recaptcha/docs/faq: the test key 6LeIxAcTAAAAAJcZVRqyHh71UMIEGNQ_MXjiZKhI), hCaptcha's UUID (docs.hcaptcha.com), or
 * (80a-21) Cloudflare Turnstile's: `0x4AA…`, at most 32 characters (Cloudflare API schema turnstile_sitekey, e.g.
 * 0x4AAF00AAAABn0R22HWm-YUc), or a test site key (developers.cloudflare.com/turnstile/troubleshooting/testing:
 * 1x00000000000000000000AA). Turnstile's secret key is 35 characters (its test one 1x0000000000000000000000000000000AA), refused.
 */
const CAPTCHA_SITE_KEY =
  /^(?:6L[A-Za-z0-9_-]{38}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|0x4AA[A-Za-z0-9_-]{15,27}|[123]x0{20}(?:AA|AB|BB|FF))$/;

/**
 * A key's fingerprint, a hash of its public half: OpenPGP v4 (40 hex) or v5/v6 (64 hex), bare or in groups of four as
 * `gpg --fingerprint` prints them (RFC 9580 section 5.5.4); colon-separated hex pairs (MD5, SHA-1, SHA-256 of a
 * certificate, or `ssh-keygen -E md5`), or OpenSSH's `SHA256:` and 43 base64 characters (ssh-keygen(1) -l).
 */
const FINGERPRINTS: readonly RegExp[] = [
  /^(?:[0-9A-Fa-f]{40}|[0-9A-Fa-f]{64})$/,
  /^[0-9A-Fa-f]{4}(?: {1,2}[0-9A-Fa-f]{4}){9}$/,
  /^[0-9A-Fa-f]{4}(?: {1,2}[0-9A-Fa-f]{4}){15}$/,
  /^(?:[0-9A-Fa-f]{2}:){15}[0-9A-Fa-f]{2}(?:(?::[0-9A-Fa-f]{2}){4}|(?::[0-9A-Fa-f]{2}){16})?$/,
  /^SHA256:[A-Za-z0-9+/]{43}=?$/,
];

/** The word before `key` that names an OpenPGP key, as a signing key's setting does (git's `user.signingkey`). */
const OPENPGP_KEY_WORD = /^(?:signing|gpg|pgp)$/;
/** A name's words that name an OpenPGP key: `signingkey`, `signing key`, `gpg`, `pgp`. */
const namesOpenPgpKey = (words: readonly string[]): boolean =>
  words.some((word, at) => word === 'signingkey' || word === 'gpg' || word === 'pgp' || (word === 'signing' && words[at + 1] === 'key'));
/**
 * 70a-13c: an OpenPGP key's ID or fingerprint, which names the public key (`gpg --list-keys` prints both): the long key ID
 * (16 hex, maybe `0x` first), or a v4 fingerprint (40 hex, bare or in groups of four), maybe then the key's user ID
 * (`4AA4767BBC9C4B1D (ops@example.com)`, `<ops@example.com>`). The secret key is an armoured block or its passphrase; a
 * hex run of any other length (an HMAC key's 32 or 64) stays a secret.
 */
export const OPENPGP_KEY_ID =
  /^(?:(?:0x)?[0-9A-Fa-f]{16}|[0-9A-Fa-f]{40}|[0-9A-Fa-f]{4}(?: {1,2}[0-9A-Fa-f]{4}){3}(?:(?: {1,2}[0-9A-Fa-f]{4}){6})?)$/;
const isOpenPgpKeyId = (value: string): boolean =>
  OPENPGP_KEY_ID.test(value.trim().replace(/[ \t]+(?:\([^()\n]{1,100}\)|<[^<>\s]{1,100}>)$/, ''));

/**
 * A cookie's name (RFC 6265 section 4.1.1 token; `__Host-`/`__Secure-` prefixes, RFC 6265bis section 4.1.3): words of
 * one case, each maybe ending in a digit or two, joined by `_`, `-` or `.` (`sid`, `__Host-session`, `_oauth2_proxy`,
 * `connect.sid`, `JSESSIONID`). A word of mixed case and digits (`Xk9fQ2mLp7a`) or a generated run is a cookie's value.
 */
function isCookieName(value: string): boolean {
  const name = value.replace(/^(?:__Host-|__Secure-|_{1,2})/, '');
  if (name.length > 64 || looksGenerated(name)) return false;
  // One bare word is a name while short (`sid`, `session`, `JSESSIONID`); a longer one (`correcthorse`) is as likely the
  // (weak) value a SESSION_COOKIE setting holds (52a-3).
  if (name === value && !/[-_.]/.test(name) && name.length > 10) return false;
  return name.split(/[-_.]/).every((word) => /^(?:[a-z]{1,24}|[A-Z]{1,24}|[A-Z][a-z]{1,23})\d{0,2}$/.test(word));
}

/**
 * Vault Agent Injector annotations whose value is a path in Vault, not a secret (developer.hashicorp.com/vault/docs/
 * platform/k8s/injector/annotations): `agent-inject-secret-<file>` (the secret's path, e.g. `database/creds/db-app`)
 * and `secret-volume-path[-<file>]` (where the agent writes the file). Not `agent-inject-template-*`: a template is
 * text the chart renders (the Traefik chart puts podAnnotations through `tpl`: traefik/templates/_podtemplate.tpl).
 */
const VAULT_PATH_ANNOTATION =
  /^vault\.hashicorp\.com\/(?:agent-inject-secret-[A-Za-z0-9._-]{1,200}|secret-volume-path(?:-[A-Za-z0-9._-]{1,200})?)$/;

/** A path of segments of word characters, `.`, `-` and `@`, none generated-looking (base64 has `+` and `=` too). */
const isVaultPath = (value: string): boolean =>
  /^\/?[\w.@-]{1,128}(?:\/[\w.@-]{1,128}){1,15}\/?$/.test(value) && !value.split('/').some(looksGenerated);
