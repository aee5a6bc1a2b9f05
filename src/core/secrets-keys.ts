import { decodeEscapes } from './yaml-escapes';
import { isCredentialSource } from './credential-sources';
import { isKeyGenerationSetting } from './key-generation-settings';
import { isMessageString } from './message-strings';
import { isSecretReadCommand } from './secret-read-commands';
import { holdsOnlyPasswordHashes } from './password-hashes';
import { nameAsRead } from './text-decodings';
import { spelledName } from './misspelt-secret-names';
import type { Path } from './problem';
import { judgedOnceAcrossRuns } from './secrets-memo';
import {
  IN_STRONG_NAME,
  isPlainCommunity,
  isPlainGossipValue,
  isOneTimeSettingsText,
  isPlainHmacSetting,
  isPlainHmacValue,
  isPlainOneTimeValue,
  isPlainShortCredential,
  isPlainSalt,
  isScalarSecretName,
  isStrongSecretName,
  shortSecretWordAt,
  withoutTail,
} from './secret-words';
import { isPamStack } from './pam-rule-lines';
import { isCountOfSecrets, isCredentialsMode, isLookupTables, isSecretCommand, isSecretSetting, isSudoersTag } from './plain-settings';
import { isPassVerb } from './pass-verb';
import { isPlaceholder } from './placeholders';
import { declaresOrCopies } from './code-declarations';
import { codeHead, codeKeyName, isFunctionHeader, isPlainBody } from './code-parameters';
import { looksGenerated, looksGeneratedName } from './generated-runs';
import { describesSecret, parameterName } from './described-values';
import { namesSecretKeyAt } from './secret-key-maps';
import { endsInSecretWithLabels, isAlgorithmName, labelledStem, namesSecretByName } from './secret-name-values';
import {
  endsInForeignKeyWord,
  foreignKeyWordAsKey,
  holdsForeignSecretWord,
  holdsNonLatinSecretWord,
  namesForeignSecretKey,
  withForeignWords,
} from './foreign-secret-words';
import { isSecretHeaderFlag, namesCredentialHeader, namesSecretEnvHeader } from './credential-header-names';
import { namingWord } from './unit-qualified-names';
import { namesSecretAsLabel } from './secret-word-labels';
import { namesForeignCompoundKey } from './foreign-compounds';
import { englishQualifiedName } from './foreign-qualifiers';
import { isStatusNote } from './status-notes';
import { KEY_KIND, VALUE_JUDGED_KIND, isEnvKeyName, isPlainKeyValue, namesDataKey, namesSecretInEnvWords } from './key-kind-names';
import { isPermissionsPolicyAllowlist } from './permissions-policy';

/**
 * Which keys, env names and flags name a secret, and which values under them plainly are none. One rule for
 * config, construct props, chart values, the write gate and message redaction (src/core/secrets.ts).
 */

/** The words that make a name secret, wherever they stand in an env-style name (`MY_PASSWORD_PLAIN`). */
// `signature`: lego's EPIK_SIGNATURE, the Epik API credential (go-acme/lego providers/dns/epik); `authkey`: Tailscale's, glued (53a-7); `passkey` (a tracker's),
// `keymaterial` (70a-11).
export const SECRET_WORD =
  /password|passwd|passphrase|token|secret|apikey|accesskey|privatekey|signingkey|encryptionkey|masterkey|authkey|sessionkey|hmackey|credential|hmacencoded|signature|passkey|keymaterial/;
/**
 * A name that ends in one of these words names where a secret is kept, or which one it is, not the secret:
 * `DB_PASSWORD_FILE`, `SECRET_NAME`, `AWS_ACCESS_KEY_ID` (AWS's key ID identifies the key; the secret is
 * `AWS_SECRET_ACCESS_KEY`), `PROXMOX_TOKEN_ID`.
 */
// An OpenID Connect discovery document's `token_endpoint`, `token_endpoint_auth_method(s_supported)` and `token_type` name where or how a
// token is used (openid.net/specs/openid-connect-discovery-1_0.html §3); `TOKEN_TTL`, `PASSWORD_MIN_LENGTH` and the like give a property of
// one, not the secret. So does a last word that qualifies the secret (round 36a-8): a bound (`password_min`, `PASSWORD_MAX_AGE`), who it is
// for (`TOKEN_AUDIENCE`), how it is sent, made or ruled (`auth_token_header`, `PASSWORD_ALGORITHM`, `SECRET_POLICY`, `TOKEN_FORMAT`). Not
// `hash` (`ADMIN_PASSWORD_HASH`): its value is judged, but a well-formed hash (password-hashes.ts, 53a-16) or a mode word under it is none
// (PLAIN_WORD). Round 37a-9: also where it is kept or comes from (`SECRET_STORE`, `TOKEN_SOURCE`, `PASSWORD_PROVIDER`, `TOKEN_LOCATION`,
// `TOKEN_CACHE`, systemd's `CREDENTIALS_DIRECTORY`, 60a-15), who made it (`TOKEN_ISSUER`), its size, alphabet, strength or version (`TOKEN_CACHE_SIZE`, `PASSWORD_CHARS`,
// `PASSWORD_STRENGTH`, `PASSWORD_HASH_ROUNDS`, `TOKEN_VERSION`), its scope or prefix (`TOKEN_SCOPE`, `TOKEN_PREFIX="Bearer "`), its timing
// (`TOKEN_REFRESH_INTERVAL`, `PASSWORD_EXPIRE_DAYS`), how it is written or chosen (`PASSWORD_ENCODING`, `TOKEN_STRATEGY`), a login.defs
// bound (`PASS_WARN_AGE`, `PASS_CHANGE_TRIES`), a count or a level (`TOKEN_LIMIT`, `PASSWORD_LEVEL`). A list, not a blanket:
// `TOKEN_SECRET`, `PASSWORD_PROD` and `TOKEN_VALUE` end in no such word. Round 38a-12: also the claim, field or parameter that carries it
// (`TOKEN_CLAIM=sub`, `PASSWORD_FIELD=password`, `TOKEN_PARAM=access_token`), where it lives (`SECRET_NAMESPACE`, `SECRET_BACKEND=vault`,
// `TOKEN_ROLE_ARN`), what asks for it (`PASSWORD_PROMPT`, `PASSWORD_HINT`) and its timing (`TOKEN_BUCKET_RATE`,
// `PASSWORD_ROTATION_PERIOD`). Round 39a-7: Vault AppRole's bounds of a secret ID or token: `secret_id_num_uses`, `token_num_uses` (a
// count), `token_bound_cidrs`, `token_policies` (developer.hashicorp.com/vault/api-docs/auth/approle). 63a-11: JOSE's `alg` (RFC 7515 §4.1.1); 63a-12: German and Spanish hints and policies (`Passwort-Hinweis`). 66a-16: a schedule, a pattern (qualified-name-values.ts). 69a-19: a `validity` (JHipster's `token-validity-in-seconds`).
export const REFERENCE_WORD =
  /^(uses|cidrs|policies|file|path|dir|directory|ref|name|url|uri|id|endpoint|method|methods|supported|type|ttl|length|lifetime|validity|timeout|expiry|min|max|minimum|maximum|age|audience|header|algorithm|algorithms|algo|algos|alg|algs|curve|cipher|policy|format|mode|scheme|store|source|provider|location|cache|issuer|size|chars|charset|complexity|strength|rounds|iterations|cost|version|scope|scopes|prefix|interval|days|encoding|strategy|tries|retries|attempts|warn|limit|count|level|claim|claims|namespace|arn|field|param|params|prompt|hint|rate|backend|period|rotation|expiration|expires|validators|validator|validation|hashers|hasher|template|templates|hinweis|richtlinie|richtlinien|regeln|pista|politica|indice|schedule|cron|crontab|regex|regexp|pattern)$/;
const KEY_KIND_OR_HASH = (word: string) => KEY_KIND.test(word) || VALUE_JUDGED_KIND.test(word);
// Every key of a config is split several times (each secret reader asks); keys repeat across a file and a synth.
const splitKeys = new Map<string, readonly string[]>();
const MAX_REMEMBERED_KEYS = 10_000;
/** A key's words, split at `_`, `-`, `.` and camelCase: `allowACMEByPass` is allow, acme, by, pass; `DB_PASS` is db, pass. */
export function words(key: string): string[] {
  let split = splitKeys.get(key);
  if (!split) {
    split = key
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .replace(/([A-Z])([A-Z][a-z])/g, '$1 $2')
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter(Boolean);
    if (key.length <= 200) {
      if (splitKeys.size >= MAX_REMEMBERED_KEYS) splitKeys.clear();
      splitKeys.set(key, split);
    }
  }
  return [...split];
}
/**
 * `pass` and `pwd` are short and live inside other words (bypass, compass, passthrough), so they count only
 * as a key's whole last word (`dbPass`, `adminPass`, `DB_PASS`, `db-pwd`, `pass`), optionally before
 * Value/Plain/Text, or in a known compound (kube-vip's `bgp_peerpass`). Traefik's passHostHeader,
 * passTLSClientCert, passiveHealthCheck, passthrough and disablePassHostHeaders end in another word;
 * allowACMEByPass is "bypass" written in two words. `PWD` alone is the shell's working directory.
 */
function endsInShortSecretWord(key: string): boolean {
  if (!/pass|pwd|pw/i.test(key)) return false;
  // After its suffixes (secret-words.ts withoutTail: `DB_PASS_2`, `ADMIN_PASS_B32`, `PWD_FILE_CONTENT`), and after the
  // labels of which one it is (round 37a-3: `DB_PASS_PROD`, `dbPassOld`, `REDIS_PASS_1_PROD`: shortSecretWordAt).
  const list = withoutTail(words(key));
  const at = shortSecretWordAt(list, (word) => REFERENCE_WORD.test(word));
  return at >= 0 && list[at - 1] !== 'by' && key !== 'PWD';
}

/**
 * An LLM token count's name: `tokens` after a count's or a bound's word (round 38a-12), the last word or before a unit;
 * a rate (`TOKENS_PER_MINUTE`); a rate limiter's token bucket and its fill (Envoy's `token_bucket: {max_tokens, tokens_per_fill,
 * fill_interval}`, envoy api/envoy/config/core/v3/base.proto TokenBucket, 56a-9): settings, no credential.
 */
const COUNTED_TOKENS =
  /(?:^| )(?:max|min|maximum|minimum|num|number|total|output|input|prompt|completion|context|reserved|reasoning|response|generated|thinking|budget)(?: [a-z]+)? tokens(?: per [a-z]+| limit| count| budget)?$|^tokens per (?:second|minute|hour|day|request|user|fill)$|^tokens? buckets?(?: size| capacity)?$/;

// Every key of a config (and of each text read as data) is asked about by several readers, plainly or env-style: each
// verdict is kept, and a key that passed in an earlier synth is not judged again (judgedOnceAcrossRuns, 5 ms a synth).
const keyJudge = (style?: boolean) =>
  judgedOnceAcrossRuns(`secret-key-${String(style)}`, (key: string) => judgeSecretKey(key, style) || undefined);
const judgedKeys = new Map([undefined, true, false].map((style) => [style, keyJudge(style)]));

/**
 * A key that names a secret: `token`, `tokens`, `password1`, `apiKey`, `signingKey`, `K3S_TOKEN`, `MY_PASSWORD_PLAIN`, `clientSecret`,
 * `secret`, `dbPass`, `DB_PWD`, `OVH_CONSUMER_KEY`, Traefik's ACME EAB `hmacEncoded` ("Base64 encoded HMAC key from External CA",
 * doc.traefik.io reference/install-configuration/tls/certificate-resolvers/acme). A camelCase key must end in the word; names of
 * references (`tokenSecret`, `secretName`, `passwordFile`, `existingSecret`, `apiTokenSecretRef`) end in another word and are not.
 * An env-style name (`UPPER_CASE`, `snake_case`, `kebab-case`, every env entry's `name`) holds a long word anywhere, unless it
 * ends in a word of a reference (`DB_PASSWORD_FILE`, `AWS_ACCESS_KEY_ID`); one ending in `authorization` is (as a flag's last
 * name is, isSecretFlag), but `authorization-mode` is not.
 */
export function isSecretKey(written: string, envStyle?: boolean): boolean {
  if (written.length > 200) return judgeSecretKey(written, envStyle);
  return judgedKeys.get(envStyle)!(written) ?? false;
}

function judgeSecretKey(written: string, envStyle?: boolean): boolean {
  // Read as a reader sees it: `ｔｏｋｅｎ`, `ＤＢ＿ＰＡＳＳＷＯＲＤ` (NFKC), `pass\u200bword` (text-decodings.ts).
  const key = nameAsRead(spelledName(parameterName(written))); // `password (str)`: a docstring's parameter (47a-11); `Passw0rd` (53a-2), `pasword` (59a-3)
  const list = words(key);
  const english = englishQualifiedName(list); // `clave_publica` as `public_key`, `HASLO_POLITYKA` as `password_policy` (88a-6, 88a-8)
  if (english !== undefined) return isSecretKey(english.join('_'), envStyle);
  // 38a-6: Vault AppRole's `secret_id` is the credential (developer.hashicorp.com/vault/docs/auth/approle), not an ID.
  if (list.length >= 2 && list[list.length - 2] === 'secret' && list[list.length - 1] === 'id') return true;
  // Round 38a-12: a count of an LLM's tokens (`max_tokens`, `MAX_OUTPUT_TOKENS`, `maxTokens`, `num_tokens`) names a
  // number, not a credential; a tokenizer (`TOKENIZER`, `HF_TOKENIZER_PATH`) splits text into tokens.
  if (COUNTED_TOKENS.test(list.join(' '))) return false;
  if (namesSecretEnvHeader(key, isSecretKey)) return true; // `TRAEFIK_TRACING_OTLP_HTTP_HEADERS_X-HONEYCOMB-TEAM` (81a-18)
  const envName = envStyle ?? /^[A-Za-z][A-Za-z0-9]*(?:[_-][A-Za-z0-9]+)+$|^[A-Z][A-Z0-9]*$/.test(key);
  if (endsInShortSecretWord(key) || isStrongSecretName(key, words(key)) || namesForeignSecretKey(key, isSecretKey)) return true; // `Passwort` (50a-6), `example.com/passwort` (85b-1)
  if (namesForeignCompoundKey(list, envName, (word) => REFERENCE_WORD.test(word))) return true; // `Datenbankpasswort`, `senhaadmin` (86b-4)
  // `dbPasswordProd2`, `apiTokenV2` (45a-9), a member's path `config.secret_key_base` (54): named as the stem, the last member, is
  const stem = labelledStem(key) ?? /^[A-Za-z_]\w{0,63}(?:\.[A-Za-z_]\w{0,63}){0,7}\.([A-Za-z_]\w{0,63})$/.exec(key)?.[1];
  if (stem !== undefined && envStyle === undefined && isSecretKey(stem)) return true;
  if (isEnvKeyName(key) || namesCredentialHeader(key)) return true; // `X-Auth`, `X_AUTH` (57a-19)
  // `aes_key`, `Ssh_Key` (69a-27), `routing_key` as `ROUTING_KEY` (70a-1: its value judged, isPlainKeyValue); `hashKey` (70a-11).
  if (isEnvKeyName(key.toUpperCase())) return true;
  // Round 79: an env name in camel case as its words in capitals (`wifiKey`, 79a-2), a foreign key word as `_KEY` (79a-10);
  // 80a-15: alone as a key in any letter case (`schluessel`, `Chiave`), as `SCHLUESSEL` (English `key` alone names none).
  if ((envStyle === true && namesSecretInEnvWords(list)) || ((envName || list.length === 1) && endsInForeignKeyWord(list))) return true;
  if (list.length >= 2 && list[list.length - 1] === 'key' && KEY_KIND_OR_HASH(list[list.length - 2])) return true;
  const name = key
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .replace(/tokeni[sz](?:er|ers|ing|ation)|secretar(?:y|ies|iat)/g, ''); // a tokenizer, a secretary (59a-3) name none
  // An HTTP header is an env-style name too (`Proxy-Authorization`); a foreign word names one as PASSWORD does (`KENNWORT_DB`, 52a-3).
  // 81a-1: and `PAT` (a personal access token, docs.github.com) as a whole word of an env name: `GITHUB_PAT`, not `PATH`.
  const held = SECRET_WORD.test(name) || holdsForeignSecretWord(key) || (envName && list.includes('pat'));
  if (envName) return (held && !REFERENCE_WORD.test(namingWord(words(key), REFERENCE_WORD))) || /authorization$/.test(name);
  return (
    /(password|passwd|passphrase|token|apikey|accesskey|privatekey|signingkey|encryptionkey|masterkey|authkey|sessionkey|credential|clientsecret|secretkey|jwtkey|hmackey|hmacencoded|passkey|keymaterial)s?\d*(value|plain|text)?$/.test(
      name,
    ) || /^secret\d*$|authorization$/.test(name)
  );
}

/** A word every key isSecretKey takes holds, lower-cased and with all but letters and digits left out (keep the two in step). */
const IN_SECRET_KEY = withForeignWords(new RegExp(`pass|pw|token|secret|key|cred|hmacencoded|signature|auth|salt|${IN_STRONG_NAME}`));

/**
 * Whether `text` may hold a key isSecretKey takes, as any reader of text spells it: a key glued across quotes or a
 * shell's backslash (`to'ken'`, `to\ken`), written with escapes (`"\u0074oken"`, decoded once), folded as isSecretKey
 * reads it (nameAsRead). Text that may not sets no value under a name like a secret, whatever the notation, so the
 * named rules pass it by (secret-shapes.ts namedSecret: most decodings of a long text hold no such word).
 */
export function mayHoldSecretKey(text: string): boolean {
  const holds = (spelled: string) =>
    NON_ASCII.test(spelled)
      ? IN_SECRET_KEY.test(
          nameAsRead(spelled)
            .toLowerCase()
            .replace(/[^a-z0-9]/g, ''),
        )
      : IN_SECRET_KEY_SPREAD.test(spelled);
  return holds(text) || holdsNonLatinSecretWord(text) || (text.includes('\\') && holds(decodeEscapes(text))); // `пароль` (52a-3)
}
const NON_ASCII = /[\u0080-\uffff]/;
/**
 * IN_SECRET_KEY in ASCII text as written, whatever stands between a word's letters that is no letter or digit (which
 * the reading above leaves out): the same verdict without lower-casing and copying a long text twice (a 1 MB text and
 * each of its decodings, attack round 35). Each gap is one class run, tried from the letters just before it: linear.
 */
const IN_SECRET_KEY_SPREAD = new RegExp(
  IN_SECRET_KEY.source
    .split('|')
    .map((word) => word.split('').join('[^a-z0-9]*'))
    .join('|'),
  'i',
);

const JWK_PRIVATE = /^(?:d|p|q|dp|dq|qi|oth|k)$/i;
/** The members that mark a map as a JWK (RFC 7517 §4, RFC 7518 §6): beside a key-sized private member, any one does. */
const JWK_MARKS = ['kty', 'crv', 'x', 'y', 'n', 'e', 'kid', 'alg', 'use', 'key_ops', 'x5c'];
/** Base64url of 16 bytes or more (22 characters): a private scalar's length, not a short word or a number. */
const KEY_SIZED_BASE64URL = /^[A-Za-z0-9_-]{22,}={0,2}$/;

/**
 * A JSON Web Key's private members (RFC 7518 §6.2.2 EC `d`, §6.3.2 RSA `d p q dp dq qi oth`, §6.4 oct `k`; RFC 8037 OKP
 * `d`): secret only in a map that is a JWK, one with `kty` (RFC 7517 §4.1, required), or without it one holding any
 * other JWK member (`kid`, `alg`, `use`, `key_ops`, `x5c`, `crv`, `x`, `y`, `n`, `e`: `{kid: a, k: …}`, a JWK cut down);
 * elsewhere `d` or `k` is any key. Without `kty` the member's value must be one a key holds: base64url
 * of 16 bytes or more (22 characters; a list for `oth`, §6.3.2.7), so one-letter keys beside `e:`/`n:` with short
 * values (`d: "0o10"`, `k: NO`) are no JWK. Member names are read trimmed and in any letter case (`KTY`, `"kty "`, `D`):
 * a parser that forgives them reads the same key, and a `kty` of any value (a list) still marks one. `keys`: the map's
 * keys, where known; else only the exact names are read.
 */
export function isJwkSecret(key: string, field: (key: string) => unknown, keys: readonly string[] = JWK_MARKS): boolean {
  const member = nameAsRead(key).trim().toLowerCase();
  if (!JWK_PRIVATE.test(member)) return false;
  const present = new Set(
    keys.filter((name) => field(name) !== undefined && field(name) !== null).map((name) => nameAsRead(name).trim().toLowerCase()),
  );
  if (present.has('kty')) return true;
  const value = field(key);
  const keySized = member === 'oth' ? Array.isArray(value) : typeof value === 'string' && KEY_SIZED_BASE64URL.test(value.trim());
  return keySized && JWK_MARKS.some((mark) => present.has(mark));
}
/** A command-line flag that takes a secret: `--providers.x.token`, `-password`, `--bgp-password` (not `--api.token-file`). */
export function isSecretFlag(flag: string): boolean {
  return isSecretKey(flag.split('.').pop() ?? '', false) || isSecretHeaderFlag(flag); // `--tracing.otlp.http.headers.ingest-key` (61a-4)
}

/**
 * Traefik's access-log header modes (doc.traefik.io observability/access-logs, `fields.headers.names.<Header>`:
 * `keep`, `drop` or `redact`; the chart's `logs.access.fields.headers.names`): a header named like a secret
 * (`Authorization: drop`) takes a mode, never the header's value.
 */
const HEADER_MODE = /^(?:keep|drop|redact)$/i;
/** The same as Traefik's env form (81a-4): `TRAEFIK_ACCESSLOG_FIELDS_HEADERS_NAMES_<name>` (doc.traefik.io v3 reference/static-configuration/env). */
const HEADER_MODE_ENV = /(?:^|_)ACCESSLOG_FIELDS_HEADERS_NAMES_[\w-]+$/i;

/**
 * The last word of a name that takes the path of a file holding a secret, not the secret: Google's `GOOGLE_APPLICATION_
 * CREDENTIALS` ("the path of the JSON file that contains your service account key", cloud.google.com/docs/authentication/
 * application-default-credentials), a `credentials` key or flag. `*_FILE`/`*_PATH` names are no secret names (isSecretKey).
 */
// A private key's or a license's file too (`PRIVKEY=/etc/letsencrypt/live/x/privkey.pem`, `LICENSE_KEY=/etc/x.lic`), an
// htpasswd file's path (60a-13); where secrets are mounted (`SECRET_MOUNT=/mnt/secrets-store`, the Secrets Store CSI
// driver's documented path: secrets-store-csi-driver.sigs.k8s.io getting-started/usage, 71a-9); and a name that is
// `pwd` alone, the shell's working directory (POSIX `$PWD`: 60a-1).
const FILE_REFERENCE_WORD = /^(?:credentials?|creds|privkey|key|htpasswd|htdigest|mount)$/;
// With an extension, or in a folder (`/root/.ssh/id_ed25519`, `/run/creds`); no part looks generated (below).
export const ABSOLUTE_FILE_PATH = /^\/(?:[\w.-]+\/)*[\w-]+\.[A-Za-z0-9]{1,8}$|^\/(?:[\w.-]+\/)+[\w.-]+$/;
const SECRETS_MANAGER_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[\w/+=.@-]+$/; // arn:…:secret:<name>-<6>
/**
 * A switch's, a mode's or an algorithm's word under a secret name: no secret (`pw: none`, `psk: "off"`, `CREDS=none`,
 * `token: auto`, `passwordHash: bcrypt`, 67a-16 `Password: (empty)`): what a setting takes in place of the secret, or names how one is made.
 */
const PLAIN_WORD =
  /^(?:~|true|false|on|off|yes|no|none|null|empty|blank|enabled|disabled|auto|manual|random|generate|generated|required|optional|bcrypt|scrypt|argon2(?:id|i|d)?|pbkdf2|sha(?:1|256|384|512)|md5|scram-sha-(?:1|256|512))$/i;

/**
 * A value under a secret key (or a secret flag's value) that plainly is no secret, so it may be written:
 * - `"true"`/`"false"`, `on`/`off`, `none`, `enabled` (PLAIN_WORD), a number of one or two digits under a short name: a switch, e.g. Vault Agent Injector's `vault.hashicorp.com/agent-inject-token: "true"`
 *   (developer.hashicorp.com/vault/docs/platform/k8s/injector/annotations), which asks for a token, holds none;
 * - password hashes (`passwd: $6$…`, htpasswd's `user:hash` lines: password-hashes.ts, 53a-16); an absolute path to a file, under a name that takes one (FILE_REFERENCE_WORD);
 * - an AWS Secrets Manager secret's ARN: what AWS's `SecretId` takes (docs.aws.amazon.com secretsmanager latest/apireference
 *   API_GetSecretValue), so a `SECRET_ID` holding one names the secret (round 38a-6: a `SECRET_ID` is otherwise AppRole's);
 * - a header mode under `fields.headers.names` (above), as a key path or as the flag `--accesslog.fields.headers.names.X=drop`.
 * `where`: the key path to the value, or the flag's dotted name. `name`: the name that makes the value a secret,
 * where it is not the last key of `where` (an env entry's `name` for its `value`); none for a value further below.
 */
export function isPlainlyNotSecret(value: string, where: Path | string, name?: string, labels = true): boolean {
  // A line that goes on at the next (`db.password=\`): the value is there, or after the blank YAML folds it to (48a-6).
  if (value === '\\') return true;
  if (/^\\[ \t]+\S/.test(value)) return isPlainlyNotSecret(value.replace(/^\\[ \t]+/, ''), where, name, labels);
  if (PLAIN_WORD.test(value) || isAlgorithmName(value) || holdsOnlyPasswordHashes(value) || SECRETS_MANAGER_ARN.test(value)) return true;
  const keys = typeof where === 'string' ? where.split('.') : where.filter((key): key is string => typeof key === 'string');
  const label = name ?? keys[keys.length - 1];
  // A JWK's private member (`d`, `k`) is key material, no label a status note follows (`{kty: EC, d: short}`, 32b).
  if (
    isPlaceholder(value) ||
    (labels &&
      (describesSecret(value, keys) || namesSecretAsLabel(value, label) || (isStatusNote(value) && !JWK_PRIVATE.test(label?.trim() ?? ''))))
  )
    return true; // `password: The password to log in with. Defaults to None.` (described-values.ts); `Passwort` (64a-8), `token: Zugangstoken` (72b-10), `Passwort: erforderlich` (78a-16), none in a Secret's data (`labels` false)
  const n = keys.length;
  const named = name ?? keys[n - 1] ?? '';
  if (namesSecretByName(value, words(nameAsRead(labelledStem(named) ?? named)))) return true;
  const nameWords = foreignKeyWordAsKey(words(nameAsRead(named))); // `ROUTING_KEY: orders.created` (70a-1), `DB_SCHLUESSEL: user_id` (79a-10)
  if ((namesDataKey(nameWords) || !SECRET_WORD.test(nameWords.slice(0, -1).join(''))) && isPlainKeyValue(value, nameWords)) return true;
  if (name === undefined && namesSecretKeyAt(value, keys)) return true; // `existingSecretKeys:` then `rootUserSecretKey: root-user` (45a-17) // `tlsSecret: wildcard-tls` (secret-name-values.ts, 44a-11)
  // A number of one or two digits under a short name (`MIN_PW=12`); under `DB_PASSWORD` it is the (weak) password.
  if (/^\d{1,2}$/.test(value) && !SECRET_WORD.test(named.toLowerCase().replace(/[^a-z0-9]/g, ''))) return true;
  const fileWord = FILE_REFERENCE_WORD.test(withoutTail(words(named)).pop() ?? '') || /^pwd$/i.test(named); // not ADMIN_PWD
  if ((fileWord && ABSOLUTE_FILE_PATH.test(value) && !looksGenerated(value)) || isPlainSalt(value, named)) return true; // 53a-8
  if (isPlainGossipValue(value, named) || isPlainCommunity(value, named) || isPlainOneTimeValue(value, named)) return true; // `encrypt: true` (69a-13), `community: public` (70a-15), `otp: "on"`
  if (isPlainHmacValue(value, named) || isOneTimeSettingsText(value, named) || isPlainShortCredential(value, named)) return true; // `WEBHOOK_HMAC=sha256`, `2FA: TOTP` (74a-6), `$cred = …` (78a-14)
  if (name === undefined && n >= 2 && isPlainHmacSetting(value, keys[n - 1], keys[n - 2])) return true; // `hmac: {algorithm: sha256}` (74a-5)
  if (isPermissionsPolicyAllowlist(value, named)) return true; // `publickey-credentials-get=(self)` (73b-6)
  if (isCountOfSecrets(value, named) || isLookupTables(value, named) || isSecretCommand(value, named)) return true;
  if (isPamStack(value, isSecretKey)) return true; // Debian's `common-password` file under its own name (79a-9)
  if (isSecretSetting(value, named)) return true; // `token_refill: 10`, `secretKey: admin-password` (57a-11, plain-settings.ts)
  if (
    (labels && isMessageString(value, named)) || // a UI message, never in a Secret's data (76a-19)
    isKeyGenerationSetting(value, keys) ||
    isCredentialSource(value, named) ||
    isSecretReadCommand(value)
  )
    return true; // 71a-3, 71a-7, 71a-11, 71a-26
  if (isCredentialsMode(value, named) || isSudoersTag(value, named, looksGenerated) || isPassVerb(named, value)) return true; // 43a-13, 52a-18
  if (declaresOrCopies(value, named)) return true; // code's `password: string;`, `this.password = password;` (code-declarations.ts)
  // Code read on past its value (code-parameters.ts): `None)`, `string) { … }`, `password}` under `connect_args={'password'`.
  const head = looksGenerated(value) ? undefined : codeHead(value);
  if (head !== undefined && (head === '' || isPlainlyNotSecret(head, where, name) || declaresOrCopies(head, codeKeyName(named))))
    return true;
  if (isFunctionHeader(named) && isPlainBody(value) && !looksGenerated(value)) return true; // `def f(token=''): return token`
  return HEADER_MODE.test(value) && ((n >= 3 && keys[n - 2] === 'names' && keys[n - 3] === 'headers') || HEADER_MODE_ENV.test(named));
}

/**
 * 72b-10: whether the line from `start` (after `key=`) is the secret's label, as a message catalogue's line sets one
 * (a Java `.properties` file's `login.password=Mot de passe`: java.util.Properties#load takes the rest of the line),
 * where a reader of words took its first word alone. Read up to a label's length: linear.
 */
export function labelsLine(text: string, start: number, key: string): boolean {
  const line = /^[^\r\n]{0,201}/.exec(text.slice(start, start + 201))![0];
  return /\S[ \t]+\S/.test(line) && namesSecretAsLabel(line, key);
}

/**
 * The Traefik chart's `hub.token` is the *name* of a Secret holding Traefik Hub's license token (traefik-helm-chart
 * traefik/values.yaml: "Name of `Secret` with key 'token' set to a valid license token"), not the token: `where`
 * is a path of chart values (a config's `traefik.values...`, a manifest's `spec.valuesContent...`, props' `values...`).
 */
export function namesHubTokenSecret(where: Path, value: unknown): boolean {
  const n = where.length;
  const atHubToken =
    n >= 3 && where[n - 1] === 'token' && where[n - 2] === 'hub' && (where[n - 3] === 'values' || where[n - 3] === 'valuesContent');
  // Only a value that can be a Secret's name (a DNS-1123 subdomain): anything else there is the token itself. Round 79
  // (79a-14): so is one that looks generated (a lower-case token, a UUID), by the rule of every Secret-name field
  // (config/secret-ref-formats.ts secretName, validate/secret-name-places.ts): the Hub hands out the token, not its Secret's name.
  return atHubToken && isSecretName(value) && !looksGeneratedName(value as string);
}

/** A value that can be a Kubernetes Secret's name: a DNS-1123 subdomain. */
const isSecretName = (value: unknown): boolean =>
  typeof value === 'string' && value.length <= 253 && /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(value);

/** A prefixed annotation key whose name ends in `-secret`: ingress-nginx's `nginx.ingress.kubernetes.io/auth-secret`. */
const SECRET_ANNOTATION = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?\/[a-z0-9-]*-secret$/;

/**
 * Keys named like a secret whose value names a Kubernetes Secret, or a key of one, not the secret, as
 * `hub.token` does (namesHubTokenSecret), and by the same rule: only a value that can be such a name, at that
 * key below that parent; anything else there is taken for the secret itself.
 * - Traefik's Middleware `basicAuth.secret` and `digestAuth.secret`, and `tls.caSecret` / `tls.certSecret` (of
 *   `forwardAuth`): the name of a Secret (doc.traefik.io reference/routing-configuration/http/middlewares);
 * - a `*-secret` annotation (`nginx.ingress.kubernetes.io/auth-secret`, `auth-tls-secret`): a Secret's name
 *   (kubernetes.github.io/ingress-nginx user-guide/nginx-configuration/annotations);
 * - an ExternalSecret's `spec.data[].secretKey`: the key in the Secret it makes (external-secrets.io api/externalsecret),
 *   a Secret data key (`[-._a-zA-Z0-9]+`);
 * - a Traefik ServersTransport's `rootCAs[].secret` (doc.traefik.io reference/routing-configuration/kubernetes/crd/http/serverstransport).
 */
export function namesKubernetesSecret(where: Path, value: unknown, isExternalSecret: (root: Path) => boolean = () => false): boolean {
  if (namesHubTokenSecret(where, value)) return true;
  const n = where.length;
  const [last, parent] = [where[n - 1], where[n - 2]];
  if (last === 'secret' && (parent === 'basicAuth' || parent === 'digestAuth')) return isSecretName(value);
  if ((last === 'caSecret' || last === 'certSecret') && parent === 'tls') return isSecretName(value);
  // Traefik's ServersTransport(TCP) `rootCAs: [{secret: <name>}]` (traefik.io/v1alpha1, which deprecates rootCAsSecrets for it).
  if (last === 'secret' && typeof parent === 'number' && where[n - 3] === 'rootCAs') return isSecretName(value);
  if (typeof last === 'string' && SECRET_ANNOTATION.test(last) && typeof parent === 'string' && /annotations$/i.test(parent))
    return isSecretName(value);
  // An ExternalSecret's `spec.data[n].secretKey`, the object at a document's root or an extraObjects item.
  const objectRoot =
    (n === 4 || (typeof where[n - 5] === 'number' && where[n - 6] === 'extraObjects')) && isExternalSecret(where.slice(0, n - 4));
  const atSecretKey =
    last === 'secretKey' && typeof parent === 'number' && where[n - 3] === 'data' && where[n - 4] === 'spec' && objectRoot;
  return atSecretKey && typeof value === 'string' && value.length <= 253 && /^[-._a-zA-Z0-9]+$/.test(value);
}

/**
 * A key whose text value is a secret, though an object under it would be a reference: `webhookSecret: abc`
 * (but `tokenSecret: {name, key}`), or configuration (`jwt: {issuer: …}`: secret-words.ts). `existingSecret` and
 * `imagePullSecret` name a Secret.
 */
export function namesSecretText(key: string): boolean {
  const name = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  const list = words(nameAsRead(key)); // `clientSecretProd` too (secret-name-values.ts, 44a-5)
  if ((/secrets?$/.test(name) && !/^existing|pullsecrets?$/.test(name)) || endsInSecretWithLabels(list) || isScalarSecretName(list))
    return true;
  const stem = labelledStem(key); // `appSecret2`, `jwtSecretV2` (45a-9)
  return stem !== undefined && namesSecretText(stem);
}

/**
 * A key under which a text value is a secret (a value set in text is one): isSecretKey's, or namesSecretText's (`jwt=…`,
 * `JwtSecret=…`): every line format names a secret as a key of a map does (round 43a-6). Not a plural `secrets`: in a
 * line its value may be a flow map of them (compose's `secrets: {db_pw: {file: ./pw.txt}}`), which text is not.
 */
export const namesSecretValue = (key: string): boolean =>
  isSecretKey(key) || (namesSecretText(key) && !/secrets$/i.test(key.replace(/[^A-Za-z0-9]/g, '')));

/** Whether a value at `path` may not be quoted: under a key named like a secret, or one whose text would be (`tokenSecret: "abc"`). */
export function isSecretPath(path: Path): boolean {
  const keys = path.filter((key): key is string => typeof key === 'string');
  const last = keys[keys.length - 1];
  return keys.some((key) => isSecretKey(key)) || (last !== undefined && namesSecretText(last));
}

/** A reference's names and keys are taken for the secret itself when they look generated (generated-runs.ts). */
export { looksGenerated };

/** A reference's Secret name: a Secret name that does not look generated. */
export const isReferenceName = (value: unknown): boolean => isSecretName(value) && !looksGenerated(value as string);

/** A key of a Secret's data (`[-._a-zA-Z0-9]+`, core/v1 validation IsConfigMapKey) that does not look generated. */
export const isDataKey = (value: unknown): boolean =>
  typeof value === 'string' && value.length <= 253 && /^[-._a-zA-Z0-9]+$/.test(value) && !looksGenerated(value);

/**
 * An HTTP authentication scheme (RFC 9110 section 11.4; IANA's registry), as `Authorization` headers name it; Okta's
 * `SSWS` (71a-1: developer.okta.com/docs/guides/create-an-api-token) and Elasticsearch's `ApiKey` (71a-14) too.
 */
export const AUTH_SCHEME = /^(?:basic|bearer|digest|negotiate|token|hoba|mutual|ntlm|vapid|ssws|apikey|scram-sha-\d+|aws4-hmac-sha256)$/i;
