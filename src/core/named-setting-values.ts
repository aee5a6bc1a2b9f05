import { gluedAuth } from './credential-header-names';
import { looksGenerated } from './generated-runs';
import { labelledStem } from './secret-name-values';
import { isRegistryAuthSetting } from './registry-auth-settings';

/**
 * Values under a name like a credential's that say how, when or which, by the name and the value together (round 58):
 * for plain-settings.ts isSecretSetting, so for secrets-keys.ts isPlainlyNotSecret; `named`: the name the value is set under.
 */

/** A name's words, lower case, split at `_`, `-`, `.`, blanks and camelCase humps (`REGISTRY_AUTH`, `X-Cache-Key`, `token_refill`). */
export const nameWords = (named: string): string[] =>
  named
    .trim()
    // A hump after a digit only before lower case (`sha256Sum`): `PASSWORD_BLAKE2B` is `blake2b` (78a-10).
    .replace(/([a-z])([A-Z])|([0-9])(?=[A-Z][a-z])/g, '$1$3 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/**
 * 78a-19: a rule read under the name, then under its stem before a number, a version or an environment's label
 * (`DB_PASSWORD_18`, `password_digest_b2`, `secret_sha3_256`: secret-name-values.ts labelledStem), which say which
 * one of the secret it is, not what the value is.
 */
export const underNameOrStem =
  (rule: (value: string, named: string) => boolean) =>
  (value: string, named: string): boolean => {
    if (rule(value, named)) return true;
    const stem = labelledStem(named.trim());
    return stem !== undefined && rule(value, stem);
  };

/**
 * An authentication scheme or mode, a switch: what an `*_AUTH` name selects (review57-1). Docker Distribution's
 * `REGISTRY_AUTH=htpasswd` (distribution.github.io/distribution/about/configuration, `auth`: silly, token, htpasswd),
 * SASL mechanisms (`SMTP_AUTH=login`, `cram-md5`: IANA "SASL Mechanisms"), HTTP schemes (IANA "HTTP Authentication
 * Schemes": basic, bearer, digest, negotiate…), PostgreSQL's pg_hba methods (trust, md5, scram-sha-256, peer, ident, cert).
 */
const MODE =
  /^(?:none|off|on|true|false|yes|no|enabled?|disabled?|required|optional|anonymous|htpasswd|htdigest|silly|token|login|plain|cram-md5|digest-md5|scram-sha-(?:1|256|512)|xoauth2|oauthbearer|external|gssapi|ntlm|kerberos|negotiate|basic|digest|bearer|hoba|mutual|vapid|oauth2?|oidc|openid|saml2?|sso|ldaps?|jwt|mtls|tls|x509|cert|client-cert|apikey|api-key|hmac|iam|aws|gcp|azure|github|gitlab|google|keycloak|trust|peer|ident|md5|reject|local|file|static|internal|forward|header|cookie|session)$/;

/** A scheme, mode, switch or provider word (MODE), in any case. */
export const isModeWord = (value: string): boolean => MODE.test(value.trim().toLowerCase());

/** Under an `*_AUTH` name (credential-header-names.ts), a mode word names no credential: `REGISTRY_AUTH=htpasswd`. */
export const isAuthMode = (value: string, named: string): boolean => {
  if (!MODE.test(value.trim().toLowerCase())) return false;
  // 79a-2: glued (`SMTPAUTH=login`) as apart (`SMTP_AUTH=login`): the name's last piece as written.
  const last = nameWords(named).pop();
  return last === 'auth' || gluedAuth(named.trim().split(/[-_.]/).pop() ?? '');
};

/** Words that make an `X-…-Key` header an API key's or a secret's, whose value is judged as any secret's. */
const CREDENTIAL_WORD =
  /^(?:api|access|private|secret|token|auth|session|master|encryption|hmac|jwt|client|consumer|license|pass|password|app|admin|service|upstream)$/;
/** A key's type or size (`rsa-2048`, `ec-p256`, `ed25519`, `hmac-sha256`, JOSE's `RS256`): which key, not the key. */
const KEY_TYPE = /^(?:rsa|ecdsa|ec|ed25519|ed448|x25519|hmac|hs|rs|es|ps)(?:[-_]?(?:\d{3,4}|p-?\d{3}|sha-?\d{3}))?$/i;

/**
 * A label under an `X-…-Key` header that is no API key's (58a-17): a cache, sort, partition or idempotency key is a
 * name (`X-Cache-Key: prod-v2`, `X-Sort-Key: createdAt`), as a key's type is under any (`X-Signing-Key: rsa-2048`).
 * Only a short word-like value, nothing generated-looking: `X-Cache-Key: Qw8vLmP3xR7tYwQw8v` stays a secret.
 */
export function isHeaderKeyLabel(value: string, named: string): boolean {
  const list = nameWords(named);
  if (list.length < 2 || list[0] !== 'x' || list[list.length - 1] !== 'key' || value.length > 32 || looksGenerated(value)) return false;
  if (KEY_TYPE.test(value.trim())) return true;
  const labelled = list.slice(1, -1).every((word) => !CREDENTIAL_WORD.test(word) && !/pass|secret|token|signing/.test(word));
  return labelled && /^[A-Za-z][A-Za-z0-9]*(?:[-_.:][A-Za-z0-9]+){0,3}$/.test(value.trim());
}

/** A secret's word in a name (plain-settings.ts SECRET_PART's). */
const SECRET_PART = /^(?:password|passwd|passphrase|pass|pwd|pw|token|secret|credentials?|creds|apikey|key|auth)$/;
/** A Go duration (pkg.go.dev/time#ParseDuration: `30s`, `1h30m`, `1.5h`) or a day/week count (`7d`, `2w`). */
const DURATION = /^(?:\d{1,6}(?:\.\d{1,3})?(?:ns|us|µs|ms|s|m|h|d|w))+$/;

/**
 * A duration under a name whose secret word is followed by another (58a-16: `TOKEN_SKEW=30s`, `PASSWORD_GRACE=7d`,
 * `SECRET_REFRESH=1h30m`, `SESSION_SECRET_ROTATE=24h`), as plain-settings.ts isPolicyNumber reads a number: when the
 * secret is renewed or how long it holds. Not under a name ending in the secret's word (`DB_PASSWORD: 30s`) or labelled.
 */
export function isSecretDuration(value: string, named: string): boolean {
  if (value.length > 40 || !DURATION.test(value.trim()) || named.length > 200 || labelledStem(named.trim()) !== undefined) return false;
  const list = nameWords(named);
  const last = list.length - 1;
  return last >= 1 && !SECRET_PART.test(list[last]) && list.slice(0, last).some((word) => SECRET_PART.test(word));
}

/**
 * A digest that says a secret changed, no secret (58a-13): Helm's roll idiom `checksum/secret: {{ include … | sha256sum }}`
 * (helm.sh/docs/howto/charts_tips_and_tricks, "Automatically Roll Deployments"), hex of MD5, SHA-1, SHA-256 or SHA-512;
 * and a key's fingerprint under a name ending in `fingerprint`, as ssh-keygen -l prints it (`SHA256:` and 43 base64
 * characters, or `MD5:` and colon hex; man.openbsd.org/ssh-keygen, FingerprintHash) or as colon or plain hex.
 */
export const isDigestOfSecret = (value: string, named: string): boolean => underNameOrStem(isDigestUnder)(value, named);
function isDigestUnder(value: string, named: string): boolean {
  const v = value.trim();
  // 68a-17: also a name ending in `hash`, `checksum` or `digest` (`secret-hash`, `config_checksum`): the digest is its value,
  // maybe after its algorithm's name (68a-18: kubeadm's `--discovery-token-ca-cert-hash sha256:…`, a digest of the public CA
  // certificate: kubernetes.io/docs/reference/setup-tools/kubeadm/kubeadm-join, "Token-based discovery with CA pinning").
  // 69a-5: not a Windows NT or LM hash (`NTLM_HASH`, `NT_HASH`): it logs in as it is (pass-the-hash).
  const words = nameWords(named);
  const last = words[words.length - 1];
  if (last === 'hash' && /^(?:nt|ntlm|lm)$/.test(words[words.length - 2] ?? '')) return false;
  // An HMAC's key named after its algorithm (`SLACK_HMAC_SHA256`, `github_hmac_sha1`, 74a-18) is the key, not a digest.
  if (words.includes('hmac')) return false;
  if (/^checksum\//i.test(named.trim()) || DIGEST_WORD.test(last ?? ''))
    return isHexDigest(v.replace(ALGORITHM_PREFIX, '')) || isWrittenDigest(v);
  if (isDigestName(words)) return isWrittenDigest(v);
  if (nameWords(named).pop() !== 'fingerprint') return false;
  return /^SHA(?:1|256|384|512):[A-Za-z0-9+/]{27,86}={0,2}$|^MD5:[0-9a-f]{2}(?::[0-9a-f]{2}){15}$|^[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){15,63}$|^[0-9a-f]{40}$|^[0-9a-f]{64}$/.test(
    v,
  );
}

/**
 * 75a-10: the last word of a name for a digest, or for its algorithm (`tls-secret-sha256`, `CONFIG_SHA256`, `secret-md5`);
 * 77a-21: BLAKE2's and BLAKE3's (RFC 7693; github.com/BLAKE3-team/BLAKE3), xxHash's (github.com/Cyan4973/xxHash: XXH32,
 * XXH64, XXH3, XXH128); 77a-2: `sri`, Subresource Integrity's metadata (w3.org/TR/SRI, as `integrity`).
 */
const DIGEST_WORD =
  /^(?:hash|checksum|digest|sha|sha1|sha224|sha256|sha384|sha512|sha2|sha3|keccak|keccak256|ripemd160|md5|blake2b|blake2s|blake3|xxhash|xxh3|xxh32|xxh64|xxh128|sri)$/;
/**
 * 78a-4, 78a-10: a digest's algorithm before it, any algorithm, maybe with its size (`sha256:`, `crc32c:`, `xxh3:`,
 * `blake2b-256:`, OCI's `algorithm:encoded`: github.com/opencontainers/image-spec descriptor.md "Digests"). The hex after it is judged.
 */
const ALGORITHM_PREFIX = /^[a-z][a-z0-9]{1,15}(?:[-_]\d{2,4})?:/i;
/**
 * 76a-3: a name for a digest as written, maybe numbered or with its encoding last (`secret_checksum_b64`, `secret_etag2`):
 * also a CRC's (`token_crc32`), an HTTP entity tag's (`etag`) or Subresource Integrity's (`integrity`).
 */
const isDigestName = (words: readonly string[]): boolean => {
  const list = /^(?:b64|base64|hex)$/.test(words[words.length - 1] ?? '') ? words.slice(0, -1) : words;
  const last = list[list.length - 1] ?? '';
  return (
    /^(?:crc|crc32c?|crc64|etag|integrity)$/.test(last.replace(/(?<=[a-z])\d$/, '')) || DIGEST_WORD.test(last.replace(/(?<=[a-z])\d$/, ''))
  );
};

/**
 * 76a-3: a digest as a name for one writes it: hex, maybe after `0x` (a CRC-32's 8 hex) or in an HTTP entity tag's quotes
 * (`W/"5f70bf18a086"`, RFC 9110 section 8.8.3); or base64 of exactly SHA-256's, SHA-384's or SHA-512's length, maybe after
 * its algorithm as Subresource Integrity writes it (`sha384-oqVu…`, w3.org/TR/SRI "Integrity metadata"). Other base64
 * lengths (an AES key's 24 bytes) stay secrets.
 */
function isWrittenDigest(value: string): boolean {
  const etag = /^(?:W\/)?"([^"]{1,130})"$/.exec(value);
  const hex = (etag ? etag[1] : value).replace(/^0x/i, '');
  if (isHexDigest(hex)) return true;
  // 78a-4: nginx's and Apache's entity tag, hex of the file's time and size joined by `-` (`"5e8f-1a2b3c4d"`).
  if (etag && /^[0-9a-f]{1,16}(?:-[0-9a-f]{1,16}){1,2}$/.test(hex) && isHexDigest(hex.replace(/-/g, '').padEnd(7, '0'))) return true;
  const base64 = value.replace(/^sha(?:256|384|512)-/, '');
  return /^(?:[A-Za-z0-9+/]{43}=|[A-Za-z0-9+/]{64}|[A-Za-z0-9+/]{86}==)$/.test(base64) && /\d/.test(base64);
}

/**
 * Hex of a digest in one letter case, with a digit and a letter: whole (up to SHA-256's 64, SHA-384's 96, SHA-512's 128),
 * or cut to fit a label (75a-10: a label value is at most 63 characters, kubernetes.io/docs/concepts/overview/
 * working-with-objects/labels, so charts write `sha256sum | trunc 12`), at least git's short 7.
 */
const isHexDigest = (hex: string): boolean =>
  /^(?:[0-9a-f]{7,64}|[0-9a-f]{96}|[0-9a-f]{128})$/.test(hex.toLowerCase()) &&
  (hex === hex.toLowerCase() || hex === hex.toUpperCase()) &&
  /\d/.test(hex) &&
  /[a-f]/i.test(hex);

/** A line's first key with the `checksum/` a key reader cuts off (`checksum/secret: …` read as `secret`, 68a-17). */
export function withChecksumPrefix(line: string, key: string): string {
  const start = line.trimStart();
  const named = `checksum/${key}`;
  return start.slice(0, named.length).toLowerCase() === named.toLowerCase() && /^[ \t]*[:=]/.test(start.slice(named.length)) ? named : key;
}

/** A locked or shadowed password field: `x` (in shadow(5)), `*`, `!`, `!!`, `!*`, or empty (no password). */
const NO_PASSWORD = String.raw`(?:x|\*|!{1,2}\*?|)`;
const NAME = String.raw`[a-z_][a-z0-9_.-]{0,31}\$?`;
/** passwd(5) `name:password:UID:GID:GECOS:directory:shell` and group(5) `name:password:GID:members`. */
const PASSWD_LINE = new RegExp(String.raw`^${NAME}:${NO_PASSWORD}:\d{1,10}:\d{1,10}:[^:\n]*:[^:\n]*:[^:\n]*$`);
const GROUP_LINE = new RegExp(String.raw`^${NAME}:${NO_PASSWORD}:\d{1,10}:(?:${NAME}(?:,${NAME})*)?$`);

/**
 * An /etc/passwd or /etc/group text (man7.org/linux/man-pages/man5/passwd.5.html, group.5.html) under a name ending
 * in `passwd` or `group` (58a-14: a ConfigMap's `passwd: |` for a non-root image): every line's password field is
 * `x` (the hash is in /etc/shadow), locked or empty, so no password is in it. A line with anything else there is judged.
 */
export function isAccountsFile(value: string, named: string): boolean {
  if (!/(?:^|[^a-z])(?:passwd|group)$/i.test(named.trim()) || value.length > 65536) return false;
  const lines = value
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  return lines.length > 0 && lines.every((line) => PASSWD_LINE.test(line) || GROUP_LINE.test(line));
}

/**
 * Where a pod's mounted secrets are read: Kubernetes' service-account volume, Docker's and Compose's secrets; 78a-19:
 * any directory named `secrets` or `secrets-store` on the way (`/etc/secrets/redis/password`), as the Secrets Store
 * CSI driver's `/mnt/secrets-store` (secrets-store-csi-driver.sigs.k8s.io/getting-started/usage) and Vault Agent
 * Injector's `/vault/secrets` (developer.hashicorp.com/vault/docs/platform/k8s/injector) mount them.
 */
const SECRETS_DIR = /^(?:\/[\w.@-]+)*\/secrets(?:-store)?\//;
/** A token file's own name: `token`, `node-token`, `hub.token`, `token.txt`, `k3s_token`. */
const TOKEN_FILE = /(?:^|[-_.])token(?:[-_.][a-z0-9]{1,8})?$/i;
/** The last word of a name that may be given the path of its secret's file in a secrets directory in its place. */
const FILE_TAKING_WORD = /^(?:token|password|passwd|passphrase|pass|pwd|pw|secret)$/;

/**
 * The path of a file holding the token, under a name ending in `token` where the option takes one (58a-15): the Traefik
 * chart's `providers.kubernetesIngressNginx.token` ("either a token value or a file path to the token", traefik-helm-chart
 * traefik/values.schema.json v39.0.7), its flag, `K8S_TOKEN=/var/run/secrets/kubernetes.io/serviceaccount/token`
 * (kubernetes.io/docs/tasks/run-application/access-api-from-pod). An absolute path in a secrets directory or to a file
 * named for a token, nothing generated-looking in it: `/Zq8vLmP3xR7tYwQw8v` stays the token. 77a-7: under a password's or
 * a secret's name only a path in a secrets directory (`db_password: /run/secrets/db_password`, where Docker and Kubernetes
 * mount it: docs.docker.com/engine/swarm/secrets), also as a file URL (`file:///run/secrets/db_password`, RFC 8089);
 * elsewhere a bare path there stays the password (attack 7 H2: `DB_PASSWORD=/etc/db.txt`).
 */
export const isSecretFilePath = (value: string, named: string): boolean => underNameOrStem(isSecretFilePathUnder)(value, named);
function isSecretFilePathUnder(value: string, named: string): boolean {
  // 78a-19: a file URL's host `localhost` is no host (RFC 8089 section 2), and its query no part of the path.
  const v = value
    .trim()
    .replace(/^file:\/\/(?:localhost)?(?=\/)/i, '')
    .replace(/\?[\w.-]{1,32}=[\w.-]{0,32}(?:&[\w.-]{1,32}=[\w.-]{0,32}){0,7}$/, '');
  const last = nameWords(named).pop() ?? '';
  if (!FILE_TAKING_WORD.test(last) || v.length > 512 || !/^(?:\/[\w.@-]+)+$/.test(v) || looksGenerated(v)) return false;
  return SECRETS_DIR.test(v) || (last === 'token' && TOKEN_FILE.test(v.slice(v.lastIndexOf('/') + 1)));
}

/**
 * 75a-18: the name of the environment variable that holds the secret, under a name ending in `env` or `var`
 * (`hmac_secret_env = WEBHOOK_SECRET`, `TOKEN_ENV_VAR=GITHUB_TOKEN`): the indirection a reference is, as names ending
 * in `name` or `ref` are (secrets-keys.ts REFERENCE_WORD). Only a POSIX-style name, upper case (pubs.opengroup.org
 * onlinepubs/9799919799 basedefs/V1_chap08.html); `Zq8vLm2Kp9Xr` or a generated-looking run there stays the secret.
 */
export function isEnvVariableName(value: string, named: string): boolean {
  const v = value.trim();
  if (!/^(?:env|var|variable)$/.test(nameWords(named).pop() ?? '') || !/^[A-Z_][A-Z0-9_]{0,127}$/.test(v)) return false;
  return /[A-Z]/.test(v) && !looksGenerated(v);
}

/**
 * 76a-12: the last four characters of a key, shown so a user can tell keys apart (`api_key_last4: 7n2Q`; Stripe's
 * `last4`), maybe after a mask (`****7n2Q`): four letters or digits, under a name ending in `last4` or `last 4`.
 */
export function isLastFour(value: string, named: string): boolean {
  const list = nameWords(named);
  const tail = list.slice(-2).join(' ');
  const lastFour = list[list.length - 1] === 'last4' || tail === 'last 4' || tail === 'last four';
  return lastFour && /^(?:[*•.x]{0,32}|…)[A-Za-z0-9]{4}$/.test(value.trim());
}

/** A modifier or a named key of a keyboard shortcut (Electron's accelerators: electronjs.org/docs/latest/api/accelerator). */
const CHORD_KEY =
  /^(?:ctrl|control|alt|altgr|shift|meta|cmd|command|super|option|opt|mod|cmdorctrl|commandorcontrol|[a-z0-9]|f(?:[1-9]|1\d|2[0-4])|enter|return|tab|space|esc|escape|up|down|left|right|home|end|pageup|pagedown|delete|backspace|insert|plus)$/i;

/**
 * 76a-22: a keyboard shortcut under a name for one (`keyboard_shortcut_password_toggle: Alt+P`, `password_hotkey`):
 * modifiers and one key joined by `+` (Electron's, VS Code's keybindings). A word that is no key (`Ctrl+Sunfl0wer12x`) is
 * a password's.
 */
export function isKeyboardShortcut(value: string, named: string): boolean {
  const v = value.trim();
  if (v.length > 64 || !nameWords(named).some((word) => /^(?:shortcut|hotkey|keybinding|keybind|accelerator)s?$/.test(word))) return false;
  return v.split('+').every((part) => CHORD_KEY.test(part.trim()));
}

/** Any of the above (round 58). */
export const isNamedSetting = (value: string, named: string): boolean =>
  isAuthMode(value, named) ||
  isHeaderKeyLabel(value, named) ||
  isSecretDuration(value, named) ||
  isDigestOfSecret(value, named) ||
  isAccountsFile(value, named) ||
  isSecretFilePath(value, named) ||
  isRegistryAuthSetting(value, named) ||
  isEnvVariableName(value, named) ||
  isLastFour(value, named) ||
  isKeyboardShortcut(value, named);
