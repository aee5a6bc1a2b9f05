import { looksGenerated } from './generated-runs';
import { namesCredentialHeader } from './credential-header-names';
import { endsInForeignKeyWord } from './foreign-secret-words';

/**
 * Names ending in the word `key` (`ROUTING_KEY`, `aes_key`, `hashKey`): the word before it says which key it is. A key
 * kind (`API_KEY`, `signing_key`, `csrfKey`) names a secret by its name; any other word names a key of a message, a
 * table, an object or a cache as well (RabbitMQ's `ROUTING_KEY`, DynamoDB's `SORT_KEY`, S3's `OBJECT_KEY`, PagerDuty's
 * `DEDUP_KEY`: 70a-1), so the name is judged by its value, in every letter case alike.
 */
// `csrf`, `mac`, `signature`, `ingest`: gorilla/csrf's auth key, MAC and signing keys, an ingest key (70a-11).
export const KEY_KIND =
  /^(?:aes|enc|encryption|encrypt|cipher|crypt|crypto|hmac|ssh|ca|tls|ssl|private|priv|secret|signing|sign|master|root|api|access|auth|session|jwt|license|app|application|consumer|client|service|deploy|account|shared|wrap|wrapping|gpg|pgp|gossip|unseal|sec|storage|webhook|dek|kek|csrf|xsrf|mac|signature|ingest|cookie)$/;
/**
 * A hash key is a secret (gorilla/securecookie's `hashKey`) or a table's key (DynamoDB's `hash_key: id`): named so in
 * any casing (`HASH_KEY`, `hashKey`), its value tells which (70a-11).
 */
export const VALUE_JUDGED_KIND = /^hash$/;

/**
 * A part of a plain key: a word with digits only at its end (`orders`, `tenantId`, `v3`, `requests`), an AMQP wildcard,
 * or a short product word with a digit inside (`k3s`, `k8s`, `ec2`, `i18n`: 71a-20, `k3s-node-down`); a longer word with
 * digits inside (`Sunfl0wer12x`) is a password's mix.
 */
const PLAIN_PART = /^(?:[A-Za-z]+\d*|\d+|\*|#|[A-Za-z][A-Za-z\d]{1,3})$/;

/**
 * A value under a `…_KEY` name of no key kind that is a plain word or identifier, no secret: `orders.created`,
 * `user_id`, `traefik/access.log`, `traefik-v3-assets`. A generated-looking value (`Zq8vLm3p…`) or a password's mix of
 * letters and digits (`Sunfl0wer12x`) stays one. `words`: the name's words, lower case, none of them a secret's word.
 */
export function isPlainKeyValue(value: string, words: readonly string[]): boolean {
  const n = words.length;
  if (n < 2 || !/^key\d?$/.test(words[n - 1])) return false; // `token_cache_key2`
  const dataKey = namesDataKey(words);
  if (!dataKey && words.slice(0, -1).some((word) => KEY_KIND.test(word))) return false;
  if (value.length > 128) return false;
  if (dataKey && (UUID.test(value) || isHexRun(value))) return true; // hex is what looksGenerated takes for a secret
  if (looksGenerated(value) && !dataKey) return false; // a data key's parts are judged one by one
  const template = withoutVariables(value);
  if (template === undefined) return false;
  // A folder ends in `/` (S3's and MinIO's key prefixes: `uploads/`, 71a-20): its last part is empty.
  const parts = template.replace(/(?<=[A-Za-z\d])\/$/, '').split(/[._:/-]/);
  const plain = (part: string) => (PLAIN_PART.test(part) && !(dataKey && looksGenerated(part))) || (dataKey && isHexRun(part));
  return parts.length <= 16 && parts.every(plain) && parts.some((part) => /[A-Za-z]/.test(part));
}

/**
 * 76a-3, 76a-22: the word before `key` names a key of data, a name a store looks things up by (an S3 `object_key`, a
 * `cache_key`, Stripe's `Idempotency-Key`, PagerDuty's `dedup_key`): what comes before only says whose
 * (`token_cache_key: $host$uri` is a cache key of tokens), and a content hash or UUID is how such keys are written.
 */
const DATA_KEY_WORD = /^(?:cache|object|idempotency|dedup|dedupe|deduplication|blob|s3)$/;
export const namesDataKey = (words: readonly string[]): boolean =>
  words.length >= 2 && /^key\d?$/.test(words[words.length - 1]) && DATA_KEY_WORD.test(words[words.length - 2]);

/**
 * A UUID (RFC 9562), Stripe's suggested idempotency key (docs.stripe.com/api/idempotent_requests: "V4 UUIDs"); only
 * under a data key's name: under `api_key` or `vault_key` it is the secret (Heroku's API keys are UUIDs).
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Hex in one letter case with a digit, 8 to 128 long: a content hash in a key (`uploads/2024/a1b2c3d4e5f6.png`). */
const isHexRun = (part: string): boolean => /^(?:[0-9a-f]{8,128}|[0-9A-F]{8,128})$/.test(part) && /\d/.test(part);

/** A variable a server fills in: `$host`, `${host}`; or a template's placeholder (76a-3: `tok:{user_id}:{scope}`). */
const VARIABLE = /\$\{?([A-Za-z_]\w{0,63})\}?|\{([A-Za-z_]\w{0,63})\}/g;

/**
 * 75a-1: `value` with each variable a server fills in read as a word, nginx's `$host$request_uri` (nginx.org/en/docs/http/
 * ngx_http_proxy_module.html#proxy_cache_key, default `$scheme$proxy_host$request_uri`): a template of the key names no
 * value. Undefined where a variable's name is no plain word (`$Sunfl0wer12x` is a password's mix after a `$`).
 */
function withoutVariables(value: string): string | undefined {
  if (!value.includes('$') && !value.includes('{')) return value;
  const names = [...value.matchAll(VARIABLE)].map(([, name, placeholder]) => name ?? placeholder);
  if (!names.every((name) => name.split('_').every((piece) => piece === '' || PLAIN_PART.test(piece)))) return undefined;
  return value.replace(VARIABLE, 'var');
}

/**
 * An UPPER_CASE env name ending in `_KEY` is a credential: lego's DNS providers, which Traefik's DNS challenge
 * reads, name theirs so (go-acme/lego docs/content/dns: `OVH_APPLICATION_KEY`, `OVH_CONSUMER_KEY`, `EASYDNS_KEY`,
 * `GANDIV5_API_KEY`, `ALICLOUD_SECRET_KEY`, `HUAWEICLOUD_ACCESS_KEY_ID` is an ID and ends in `_ID`). Not a public
 * key, and not lego's `RFC2136_TSIG_KEY`, which is the *name* of the TSIG key (its secret is `RFC2136_TSIG_SECRET`).
 */
const ENV_KEY = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*_KEY$/;
const NOT_A_SECRET_KEY = /(?:^|_)(?:PUBLIC|TSIG)_KEY$/;
/** An UPPER_CASE env name ending in `_KEY` of no public key (ENV_KEY, NOT_A_SECRET_KEY). */
export const isEnvKeyName = (name: string): boolean => ENV_KEY.test(name) && !NOT_A_SECRET_KEY.test(name);

/**
 * Round 79: an env entry's name in camel case read as its words in capitals (79a-2: `wifiKey` as `WIFI_KEY`, `smtpAuth` as
 * `SMTP_AUTH`), its value judged as theirs; a YAML key so named (`topologyKey`, `basicAuth`) is no env name. 79a-10: a key
 * word of another language last (`SCHLUESSEL`, `DB_SCHLUESSEL`), read as `_KEY` (foreign-secret-words.ts foreignKeyWordAsKey).
 */
export function namesSecretInEnvWords(list: readonly string[]): boolean {
  if (endsInForeignKeyWord(list)) return true;
  const upper = list.join('_').toUpperCase();
  return list.length >= 2 && (isEnvKeyName(upper) || namesCredentialHeader(upper));
}
