/**
 * A Permissions-Policy header's allowlist (73b-6): `publickey-credentials-get=(self)`, `identity-credentials-get=()`,
 * `private-state-token-issuance=()` name browser features (W3C Permissions Policy, w3c.github.io/webappsec-permissions-policy
 * "Policy-controlled features"; the header is an RFC 8941 Dictionary whose values are Inner Lists of `self`, `src`, `*`
 * and quoted origins). The feature names hold `credentials` and `token`, but the value says which origins may use the
 * feature: a public hardening header, never a secret.
 */

/** A policy-controlled feature's name: lower-case words joined by `-`. */
const FEATURE = /^[a-z]{1,40}(?:-[a-z]{1,40}){0,7}$/;
/** An allowlist item: a keyword or an origin in quotes (no user name or password before a host). */
const ITEM = String.raw`(?:self|src|\*|"https?://[^"\s@]{1,200}")`;
const ALLOWLIST = String.raw`(?:\*|\((?:${ITEM}(?: {1,8}${ITEM}){0,15})?\))`;
/** An allowlist, maybe then the header's further members (`, camera=()`) as a value read on to the end of the text. */
const POLICY_VALUE = new RegExp(String.raw`^${ALLOWLIST}(?:, {0,8}[a-z]{1,40}(?:-[a-z]{1,40}){0,7}=${ALLOWLIST}){0,63},?$`);

/** A keyword alone: the allowlist's item as a reader of `key: (value)` takes it, its brackets left out. */
const KEYWORD = /^(?:self|src|\*)$/;

/** Whether `value` set to `name` is a Permissions-Policy allowlist (above). */
export const isPermissionsPolicyAllowlist = (value: string, name: string): boolean =>
  value.length <= 4096 && FEATURE.test(name) && (POLICY_VALUE.test(value.trim()) || KEYWORD.test(value.trim()));
