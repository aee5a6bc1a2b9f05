import { looksGenerated } from './generated-runs';
import { nameWords } from './named-setting-values';
import { hasPasswordMix } from './password-mix';

/**
 * Short and compound names of a secret that the word rules of secrets-keys.ts do not read (attack round 34a-8), and
 * names whose value is a secret only where it is text. `list`: the name's words as secrets-keys.ts `words` splits them
 * (`dbPw` is db, pw; `PRIV_KEY` is priv, key); `key`: the name as read (nameAsRead).
 */

/**
 * Names whose every value is a secret, as the name's last word or its last words joined (`wifiPsk`, `DB_PW`,
 * `storageAccountKey`, `SharedAccessSignature`):
 * - `pw`, `creds`, `psk` (a Wi-Fi or IPsec pre-shared key), `presharedkey` (WireGuard's `PresharedKey`), `privkey`,
 *   `mnemonic`/`mnemonicphrase`/`seedphrase`/`recoveryphrase` (a wallet's seed phrase), `otpkey`/`otpseed`/`totpkey`/`totpseed` (a one-time
 *   password's seed; not a bare `otp`, which is Erlang/OTP's version in `ERLANG_OTP=26`, or a switch: `otp: "on"`);
 * - `authtok` (52a-10: SSSD's `ldap_default_authtok`, the bind password, sssd-ldap(5); PAM's `PAM_AUTHTOK`);
 * - `sshpass` (the variable `sshpass -e` reads), `redisauth`, `masterauth` and `requirepass` (redis.conf's server
 *   password and a replica's: redis.io/docs/latest/operate/oss_and_stack/management/config-file);
 * - `accountkey`, `sharedaccesssignature`: an Azure storage connection string's `AccountKey=` and
 *   `SharedAccessSignature=` (learn.microsoft.com azure/storage/common/storage-configure-connection-string);
 * - `licensekey`.
 * Not `auth` (a Traefik middleware's name, `auth: true`), `cookie`/`session` (sticky sessions' maps), `sig`,
 * `signature` alone, `seed`, `pin`, `hmac` (`Hmac::<Sha256>::new_from_slice` is code), `conn`, `priv`, `dsn`, `connectionstring`: each has common plain uses, and
 * the credentials a DSN or a connection string holds are read in its text (a URL's userinfo, `Password=`, `AccountKey=`).
 */
const STRONG = new Set([
  'pw',
  'creds',
  'psk',
  'presharedkey',
  'privkey',
  'mnemonic',
  'mnemonicphrase',
  'seedphrase',
  'recoveryphrase',
  'otpkey',
  'otpseed',
  'totpkey',
  'totpseed',
  'sshpass',
  'authtok',
  'redisauth',
  'masterauth',
  'requirepass',
  'accountkey',
  'sharedaccesssignature',
  'licensekey',
  // Round 54 (attack 52a-14): a passcode, a PIN code (not `pin` alone: a version pin), a pepper (the secret mixed into
  // every password hash), a refresh token cut short, a session cookie, an OAuth authorization code, an access or unlock
  // code or key, recovery and backup codes.
  'passcode',
  'pincode',
  'pepper',
  'refreshtok',
  'sessioncookie',
  'cookiesecret',
  'authorizationcode',
  'authcode',
  'accesscode',
  'unlockkey',
  'unlockcode',
  'recoverycode',
  'recoverycodes',
  'backupcodes',
  // Round 57 (attack 57a-7): a TOTP seed under its own name (`totp: X`; RFC 6238's shared secret), and an MFA or 2FA
  // seed (`mfa_seed`, `2fa_seed`); `otp` alone stays out (Erlang/OTP, above).
  'totp',
  'totpsecret',
  'mfaseed',
  '2faseed',
  'twofactorseed',
  // Round 69 (69a-5): a Windows NT hash logs in as it is (pass-the-hash), unlike a crypt hash (`NTLM_HASH`, `nthash`).
  'nthash',
  'ntlmhash',
  // Round 69 (69a-25): a macaroon is a bearer credential (LND's `LND_MACAROON`, hex or base64; `macaroonpath` is a path).
  'macaroon',
  // Round 69 (69a-23): applications' own names for a credential: Yarn Berry's `npmAuthIdent` (`user:password`,
  // yarnpkg.com/configuration/yarnrc#npmAuthIdent), Nextcloud's `passwordsalt` (config.php), MediaWiki's `$wgUpgradeKey`
  // (mediawiki.org Manual:$wgUpgradeKey: it unlocks the web installer).
  'authident',
  'npmauthident',
  'passwordsalt',
  'upgradekey',
  // Round 69 (attack 69a-12): a 2FA or OTP seed under a prefixed or suffixed name: lego's `NICMANAGER_API_OTP` (the
  // account's TOTP secret, go-acme/lego providers/dns/nicmanager), `API_OTP`, `admin_2fa`, `2FA_KEY`, `AUTHENTICATOR_SEED`.
  // A bare `otp` stays out (Erlang/OTP, above); `ERLANG_OTP` ends in no such pair.
  'apiotp',
  'adminotp',
  'userotp',
  '2fa',
  '2fakey',
  '2fasecret',
  'mfakey',
  'mfasecret',
  'authenticatorseed',
  'authenticatorkey',
  'authenticatorsecret',
  // Round 69 (attack 69a-26): short forms and key kinds whose every value is a secret: a token or a credential cut short
  // (`tkn`, `secr`, `authstr`; `tok` and `cred`, also code's own variables, are isShortCredentialName's), a shared secret (`Our shared secret: X`, 69a-16), a value in the clear (`cleartext`, `plaintext`; a switch's `true` is a plain
  // word), an SDK's secret key (`AWS_SK`; Huawei Cloud's `HUAWEICLOUD_SDK_SK`, `OBS_SK`; `TENCENTCLOUD_SK`), a symmetric key
  // (`aes_key`, `enc_key`, `cipher_key`, a data or key-encryption key `DEK`/`KEK`), a CA's or an SSH private key (`ca_key`,
  // `CAKEY`, `ssh_key`; its file's name is EXACT's). Not `crd` (a CustomResourceDefinition), `sec` (seconds), `sk` alone
  // (Slovak), `pk` (a primary key), `hash_key` (DynamoDB's partition key attribute), `cmk` (a KMS key's ID or ARN).
  'sharedsecret',
  'tkn',
  'secr',
  'authstr',
  'cleartext',
  'plaintext',
  'awssk',
  'sdksk',
  'obssk',
  'tencentcloudsk',
  'aeskey',
  'enckey',
  'cipherkey',
  'dek',
  'kek',
  'cakey',
  'sshkey',
  // Round 70 (attack 70a-15): a TACACS+ or RADIUS key is the protocol's shared secret (RFC 8907 §4.5, RFC 2865 §3).
  'tacacskey',
  'radiuskey',
  // Round 71 (71a-5): the Erlang distribution cookie, whoever holds it runs code on every node (erlang.org/doc/system/
  // distributed.html, "Security"; the rabbitmq image's `RABBITMQ_ERLANG_COOKIE`, `.erlang.cookie`), and a Web Push
  // VAPID key pair's private half (RFC 8292; web-push's `VAPID_PRIVATE_KEY`, also spelt `VAPID_PRIVATE`).
  'erlangcookie',
  'vapidprivate',
  // Round 79 (79a-2): WireGuard's and IPsec's pre-shared key under its adjective alone (`WG_PRESHARED`), and a card's or
  // an account's security code (`SECURITY_CODE`, `CARD_SECURITY_CODE`: the CVC, or a recovery code).
  'preshared',
  'securitycode',
]);
/** What SCALAR's and round 54's STRONG names hold, beside secrets-keys.ts's SECRET_WORD: its cheap test's words. */
export const IN_STRONG_NAME =
  'psk|tok|mnemonic|otp|jwt|session|bearer|pepper|pincode|accesscode|unlock|refreshtok|recoverycode|backupcode|cookiesecret|2fa|authenticator|tkn|secr|cleartext|plaintext|awssk|sdksk|obssk|cloudsk|dek|kek|idrsa|iddsa|idecdsa|ided25519|encrypt|nthash|ntlmhash|macaroon|community|erlangcookie|vapidprivate|preshared|securitycode';

/**
 * Words a name may end in after its secret word: `dbPwValue`, `PSK_PLAIN` (as secrets-keys.ts reads `password`), an
 * encoding or a format (`ADMIN_PW_B64`, `otpSeed_b32`, `PRIVKEY_PEM`, `CREDS_JSON`), a number (`PW_1`, `DB_PASS_2`;
 * `pw1` is read as `pw`), the content of its file (`PWD_FILE_CONTENT`: the file's text, not where it is).
 */
const TAIL = /^(?:value|plain|text|txt|raw|str|string|b\d\d|base\d\d|pem|json|hex|der|bin|encoded|\d+)$/;
const CONTENT = /^(?:content|contents|data)$/;

/**
 * A name's words without what may follow its secret word (TAIL; `file content`), the last one without its digits:
 * `DB_PASS_2` is db, pass; `otpSeed_b32` otp, seed; `privkey2` privkey; `PWD_FILE_CONTENT` pwd.
 */
export function withoutTail(list: readonly string[]): string[] {
  const words = [...list];
  for (let last = words.length - 1; words.length > 1; last = words.length - 1) {
    if (TAIL.test(words[last])) words.pop();
    else if (CONTENT.test(words[last]) && words[last - 1] === 'file' && words.length > 2) words.splice(last - 1, 2);
    else break;
  }
  if (words.length > 0) words[words.length - 1] = words[words.length - 1].replace(/(?<=[a-z])\d+$/, '');
  return words;
}

/** The last one, two and three words, joined; a last word glued after a role (`adminpw`, `DBPW`) ends in `pw`. */
function endings(list: readonly string[]): string[] {
  const words = withoutTail(list);
  const last = words[words.length - 1] ?? '';
  const glued = /^[a-z]{2,}pw$/.test(last) ? ['pw'] : [];
  return [...glued, ...[1, 2, 3].filter((n) => n <= words.length).map((n) => words.slice(-n).join(''))];
}

/**
 * Exact names of a credential read from the environment or an rc file: redis-cli's `REDISCLI_AUTH` (the password,
 * redis.io/docs/latest/develop/tools/cli), npm's `_auth` (base64 of user:password; `//registry/:_auth` scoped, or
 * `NPM_CONFIG__AUTH` as an env name: docs.npmjs.com cli/v10/configuring-npm/npmrc).
 */
// Round 37a-7: a GCP service-account key's `private_key_id` (a JSON key file's field; the key's ID, which with the file
// names the key to revoke, kept with it as scanners do) and Honeycomb's `x-honeycomb-team` header (its API key, as
// Traefik's `--tracing.otlp.http.headers.x-honeycomb-team=` sends it: docs.honeycomb.io send-data/opentelemetry).
// Round 38a-7: Azure API Management's `Ocp-Apim-Subscription-Key` header (the subscription's key: learn.microsoft.com
// azure/api-management/api-management-subscriptions), as a Traefik headers middleware's `customRequestHeaders` sets it.
// Round 69 (69a-26): an SSH private key under its file's name (`id_rsa`, `ID_ED25519`: ssh-keygen(1)'s default files).
const EXACT =
  /^(?:rediscli_auth|npm_config__auth|_auth|private_key_id|x-honeycomb-team|ocp-apim-subscription-key|id_(?:rsa|dsa|ecdsa|ed25519))$|(?<=:)_auth$/i;

/** A name whose every value is a secret (see STRONG and EXACT), or a salt's, whose value counts where it is no plain one. */
export function isStrongSecretName(key: string, list: readonly string[]): boolean {
  return (
    EXACT.test(key.trim()) ||
    endings(list).some((ending) => STRONG.has(ending)) ||
    isSaltName(list) ||
    isGossipKeyName(list) ||
    isCommunityName(list) ||
    isOneTimePasswordName(list) ||
    isShortCredentialName(list) ||
    isHmacName(list)
  );
}

/**
 * Round 73: `hmac` as a name's last word holds an HMAC's key (`WEBHOOK_HMAC`, `GITHUB_HMAC`, `hmac: <key>`) or names its
 * algorithm (`hmac: sha256`, `WEBHOOK_HMAC=hmac-sha256`), its hash's name maybe after it (`SLACK_HMAC_SHA256`, 74a-18);
 * the word is also code's (`Hmac::<Sha256>::new_from_slice(…)`, `var hmac = Hmac(sha256, key)`). So under it only a key's shape is a secret (isPlainHmacValue): one run of letters,
 * digits and base64's or a URL's marks, 8 or more long, that looks generated or mixes a password's classes, and is no
 * algorithm's name. `hmacKey`, `hmac_secret` end in a secret's word of their own; ACME's `hmacEncoded` is a secret's name too.
 */
function isHmacName(list: readonly string[]): boolean {
  const words = withoutTail(list);
  while (words.length > 1 && HMAC_ALGORITHM_WORD.test(words[words.length - 1])) words.pop();
  return withoutTail(words).pop() === 'hmac';
}
/** 74a-18: a hash's name after `hmac` (`SLACK_HMAC_SHA256`, `HMAC_SHA_256`: withoutTail leaves `sha`) says which HMAC. */
const HMAC_ALGORITHM_WORD = /^(?:sha|md|sm)\d*$|^blake2[bs]?$/;
const HMAC_KEY_SHAPE = /^[\w+/=.~-]{8,}$/;
/** A hash or an HMAC's name (`sha256`, `SHA-256`, `hmac-sha256`, `HmacSHA256`, `HS256`), no key. */
const HMAC_ALGORITHM = /^(?:hmac[-_]?)?(?:sha-?(?:1|224|256|384|512)|sha3-(?:224|256|384|512)|md5|blake2[bs]?|sm3)$|^hs(?:256|384|512)$/i;

/** A value under an HMAC's name (`name`) that is no key: an algorithm's name, or anything not shaped like a key. */
export function isPlainHmacValue(value: string, name: string): boolean {
  if (!isHmacName(nameWords(name))) return false;
  // 74a-18: a value as code quotes it, maybe with the code's closing marks after it (`{ webhookHmac: '…' };` as YAML reads it).
  const text = value.trim().replace(/^(["'`])([^"'`]*)\1[\s,;)}\]]*$/, '$2');
  return HMAC_ALGORITHM.test(text) || !(HMAC_KEY_SHAPE.test(text) && (looksGenerated(text) || hasPasswordMix(text)));
}

/** 74a-5: the settings of an `hmac:` map that hold no key: its algorithm and the header that carries the signature. */
const HMAC_SETTING = /^(?:algorithm|alg|digest|hash|header|header_?name|signature_?header)$/i;
/** An HTTP header's name (`X-Signature`, `X-Hub-Signature-256`): words of letters, a number only at the end. */
const HEADER_NAME = /^[A-Za-z]+(?:-[A-Za-z]+)*(?:-\d{1,3})?$/;

/** Whether `value` under `key` of a map under `parent` is an `hmac:` map's setting (`algorithm: sha256`, `header: X-Signature`). */
export function isPlainHmacSetting(value: string, key: string, parent: string): boolean {
  if (!HMAC_SETTING.test(key) || !isHmacName(nameWords(parent))) return false;
  const text = value.trim();
  return HMAC_ALGORITHM.test(text) || (HEADER_NAME.test(text) && !looksGenerated(text));
}

/**
 * Round 70 (attack 70a-15): an SNMP v1/v2c community is the agent's password (RFC 1157 §3.2.5; snmpd.conf(5)), its name
 * `community`, `snmp_community`, `ro_community`, `communityString`. `public` and `private` are the defaults every agent
 * ships and every scanner tries: none (as snmpd.conf's and `snmpwalk -c`'s, daemon-config-lines.ts, command-rules.ts).
 * Named for SNMP (`snmp`, `ro`, `rw`, `read`, `write`, `trap` before it) any other value is one; a bare `community` also
 * names a forum, an edition or a tag, so there only a value shaped like a password is (isPlainCommunity, as a salt's).
 */
const isCommunityName = (list: readonly string[]): boolean => withoutTail(list).pop() === 'community';
const SNMP_QUALIFIER = /^(?:snmp|snmpv[12]c?|v[12]c?|ro|rw|read|write|readonly|readwrite|trap|get|set)$/;

const DEFAULT_COMMUNITY = /^(?:public|private)$/i;

/** A value under a community's name (`name`) that is none: a default, or under a bare `community` a plain word. */
export function isPlainCommunity(value: string, name: string): boolean {
  const list = withoutTail(nameWords(name));
  if (list.pop() !== 'community') return false;
  if (DEFAULT_COMMUNITY.test(value.trim())) return true;
  return !list.some((word) => SNMP_QUALIFIER.test(word)) && isPlainWordValue(value);
}

/**
 * Round 71 (70a-12's remainder): `otp`, `hotp` as a name's last word hold a one-time password's seed (`otp: <seed>`, the
 * shared secret of RFC 4226/6238), or a switch, a count or a version (`otp: "on"`, `otp: 6`, Erlang/OTP's `ERLANG_OTP=26`,
 * `OTP-26.2.1`). So under it a word of a seed's or a password's shape is a secret (isPlainOneTimeValue), as under a bare
 * `community`; a map of settings below it is judged key by key (secret-map-settings.ts).
 */
const isOneTimePasswordName = (list: readonly string[]): boolean => /^h?otp$/.test(withoutTail(list).pop() ?? '');
/** An Erlang/OTP release (`26`, `26.2.1`, `OTP-26.2.1`, `OTP-27.0-rc3`: erlang/otp's tags), no seed. */
const OTP_RELEASE = /^(?:otp-)?\d{1,3}(?:\.\d{1,3}){0,4}(?:-rc\d{1,2})?$/i;

/** A value under a one-time password's name (`name`) that is none: a release, or a word with nothing generated-looking and no password's mix. */
export function isPlainOneTimeValue(value: string, name: string): boolean {
  const list = nameWords(name);
  if (!isOneTimePasswordName(list)) return false;
  return OTP_RELEASE.test(value.trim()) || (isPlainWordValue(value) && !hasPasswordMix(value));
}

/**
 * Round 78 (78a-14): `tok` and `cred`, a token's and a credential's short names (README lists them), as a name's last
 * word (`tok=…`, `API_TOK`, `db_cred`). Both are also code's own variables (`$cred = [pscredential]::new(…)`, a lexer's
 * `tok = next()`), so under them only one word of a password's or a generated shape is a secret (isPlainShortCredential).
 */
const isShortCredentialName = (list: readonly string[]): boolean => /^(?:tok|cred)$/.test(withoutTail(list).pop() ?? '');
const PASSWORD_WORD = /^[\x21-\x7e]{6,256}$/;

/** A value under `tok` or `cred` (`name`) that is none: anything but one word that looks generated or mixes a password's classes. */
export function isPlainShortCredential(value: string, name: string): boolean {
  // The word alone (`tok`, `$cred`): after another (`REFRESH_TOK`, `API_TOK`) it names a token plainly, any value its own.
  const words = withoutTail(nameWords(name));
  if (words.length !== 1 || !/^(?:tok|cred)$/.test(words[0])) return false;
  const text = value.trim();
  // An expression code opens and continues on the next lines (`tok = ("K10abc"` then `"def")`, attack47-code47): a
  // bracket opened first and not closed on its line is code's, not one word of a password.
  const open = { '(': ')', '[': ']', '{': '}' }[text[0]];
  if (open !== undefined && !text.includes(open)) return true;
  return !(PASSWORD_WORD.test(text) && (looksGenerated(text) || hasPasswordMix(text)));
}

/**
 * 74a-6: under a one-time password's or a second factor's name (`OTP`, `2FA`, `MFA`), a description of its settings, its
 * method or its state (`6 digits, 30 s period, SHA1`, `TOTP`, `ENABLED FOR ALL USERS`): those words only, no seed.
 */
const SECOND_FACTOR_NAME = /(?:^|[^a-z0-9])(?:h?otp|totp|2fa|mfa)$/; // `2FA` is no camel case's `2 FA`
const SECOND_FACTOR_WORD =
  /^(?:\d{1,3}|digits?|s|sec|secs|seconds?|period|step|interval|sha-?(?:1|256|512)|totp|hotp|sms|e-?mail|push|app|authenticator|webauthn|fido2?|enabled|disabled|required|optional|enforced|mandatory|on|off|for|all|every|users?|admins?|accounts?|only|and|or|via|by|with)$/i;
export function isOneTimeSettingsText(value: string, name: string): boolean {
  if (name.length > 64 || !SECOND_FACTOR_NAME.test(name.toLowerCase()) || value.length > 120) return false;
  const words = value
    .trim()
    .split(/[\s,;/]+/)
    .filter((word) => word !== '');
  return words.length > 0 && words.every((word) => SECOND_FACTOR_WORD.test(word.replace(/[.()]+$|^\(/g, '')));
}

/**
 * Round 69 (attack 69a-13): `encrypt`, the gossip encryption key of Consul, Nomad and Serf agents (`encrypt = "…"` in an
 * agent's HCL or JSON config, `-encrypt=…` on its command line; "a 32-byte, Base64-encoded key": developer.hashicorp.com
 * consul/docs/reference/agent/configuration-file/encryption; Nomad's `server.encrypt`, 16 or 32 bytes). Whoever holds it
 * joins and reads the gossip pool. Alone the word also names a switch or a mode (`encrypt: true`, `encrypt: tls`), so
 * under it only a key's shape is a secret (isPlainGossipValue): base64 of 16, 24 or 32 bytes.
 */
const isGossipKeyName = (list: readonly string[]): boolean => list.length === 1 && list[0] === 'encrypt';
const GOSSIP_KEY = /^(?:[A-Za-z0-9+/]{22}==|[A-Za-z0-9+/]{32}|[A-Za-z0-9+/]{43}=)$/;

/** A value under the gossip key's name (`name`) that is none: anything but base64 of a key's length (isGossipKeyName). */
export function isPlainGossipValue(value: string, name: string): boolean {
  return (
    isGossipKeyName(
      name
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter(Boolean),
    ) && !GOSSIP_KEY.test(value.trim())
  );
}

/**
 * A salt's name (round 53a-8): its last word `salt` (`AUTH_SALT`, `NONCE_SALT`, `WORDPRESS_LOGGED_IN_SALT`, `hashSalt`).
 * WordPress's eight keys and salts are all secrets (developer.wordpress.org/apis/wp-config, "Security Keys": `AUTH_SALT`
 * beside `AUTH_KEY`; the wordpress image reads them as `WORDPRESS_AUTH_SALT`…), as an app's hashing salt is.
 */
const isSaltName = (list: readonly string[]): boolean => /^salts?$/.test(withoutTail(list).pop() ?? '');

/**
 * A value under a salt's name (`name`) that is plainly none: words, numbers or a host (`SALT=16`, wp-config-sample.php's
 * `put your unique phrase here`), nothing generated-looking and no 16 characters mixing three of lower case, upper case,
 * digits and symbols. A generated salt is refused: api.wordpress.org/secret-key/1.1/salt writes 64 characters of letters,
 * digits and punctuation, few of its runs long enough to look generated alone.
 */
export function isPlainSalt(value: string, name: string): boolean {
  const list = nameWords(name);
  return isSaltName(list) && isPlainWordValue(value);
}

/** Words, numbers or a host: nothing generated-looking and no 16 characters mixing three character classes. */
function isPlainWordValue(value: string): boolean {
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z\d\s]/].filter((one) => one.test(value)).length;
  return /^[\w .-]*$/.test(value) && !looksGenerated(value) && !(value.length >= 16 && classes >= 3);
}

/**
 * Names whose text value is a secret, but under which a map is configuration (a JWT plugin's or middleware's settings):
 * `jwt`, `sessionid`/`session_id`, `bearer`.
 */
const SCALAR = new Set(['jwt', 'sessionid', 'bearer']);

/** A name whose text value is a secret (see SCALAR): judged only where the value is text. */
export function isScalarSecretName(list: readonly string[]): boolean {
  return endings(list).some((ending) => SCALAR.has(ending));
}

/**
 * Words after `pass`/`pwd`/`pw` that make it a verb or a result, not a password (round 37a-3): Traefik's
 * `passHostHeader`, `passTLSClientCert`, `passTLSCert`, `passThrough`; nginx's `proxy_pass_request_headers`,
 * `proxy_pass_header`, `proxy_pass_trailers`; `PASS_ENV`, `PASS_ARGS`; a test's `PASS_RATE`, `PASS_FAIL`, `PASS_COUNT`;
 * pass(1)'s `PASS_CMD`.
 */
const PASS_VERB =
  /^(?:through|thru|host|tls|client|cert|certs|info|header|headers|request|response|body|trailers|env|args|arg|rate|fail|count|score|threshold|list|cmd|command|mark|on|along)$/;

/**
 * Where a name's words (after withoutTail) hold a short secret word, `pass`, `pwd` or `pw` (or `dbpass`, `adminpwd`,
 * `peerpass`…), as its last word or followed only by the labels of which one it is: an environment, a role, an age or a
 * number (`DB_PASS_PROD`, `_OLD`, `_RO`, `_ADMIN`, `PASS_PRIMARY`, `dbPwdOld`, `REDIS_PASS_1_PROD`). The rule: the words
 * after it are labels unless one is a verb's or a result's word (PASS_VERB) or the last is a reference or a
 * qualifier (`isQualifier`: `PASS_HOST_HEADER`, `PASS_MAX_DAYS`, `PWD_DIR`), which name something about it. At most
 * three labels. `-1`: none.
 */
export function shortSecretWordAt(list: readonly string[], isQualifier: (word: string) => boolean): number {
  for (let at = list.length - 1; at >= 0 && at >= list.length - 4; at--) {
    if (/^(?:peer|db|admin|root|user)?(?:pass|pwd|pw)$/.test(list[at]) || isGluedPassWord(list[at])) {
      const labels = list.slice(at + 1);
      const last = labels[labels.length - 1];
      if (labels.some((word) => PASS_VERB.test(word)) || (last !== undefined && isQualifier(last))) return -1;
      return at;
    }
  }
  return -1;
}

/**
 * Round 79 (79a-2): a password's short name glued after the service or store it opens, one word in one letter case
 * (`REDISPASS`, `SMTPPASS`, `rconpass`, keytool's `STOREPASS`, `REDISPWD`), as `ADMINPASS` and `REDISPW` are read. The rule
 * is the word's end, not a list of services; English and technical words that end so name no password: `bypass`,
 * `compass` (`encompass`), `surpass`, `overpass`, `trespass`, a filter's `lowpass`/`highpass`/`bandpass`/`allpass`, an
 * encoder's or a renderer's `twopass`/`multipass`/`renderpass`/`subpass`, a ticket's `daypass`/`boardingpass`, the
 * KeePass manager (a file's path), keytool's `-importpass` command, an askpass program (`SSH_ASKPASS=/usr/bin/ssh-askpass`, ssh(1)), Python's `getpass`,
 * Redis ACL's `nopass` (no password), and the shell's `OLDPWD` (POSIX cd(1): the previous working directory).
 */
const GLUED_PASS = /^[a-z][a-z0-9]{1,23}(?:pass|pwd)$/;
const NOT_A_PASSWORD_PASS =
  /(?:bypass|compass|surpass|overpass|underpass|trespass|lowpass|highpass|hipass|lopass|bandpass|allpass|notchpass|onepass|twopass|singlepass|multipass|firstpass|secondpass|finalpass|renderpass|subpass|keepass|daypass|gamepass|seasonpass|boardingpass|skipass|fastpass|freepass|hallpass|buspass|askpass|getpass|nopass|importpass|oldpwd)$/;
const isGluedPassWord = (word: string): boolean => GLUED_PASS.test(word) && !NOT_A_PASSWORD_PASS.test(word);
