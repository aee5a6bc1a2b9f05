import { atFirstUse } from './lazy-regexp';
import { looksGenerated } from './generated-runs';
import { nameWords, underNameOrStem } from './named-setting-values';

/**
 * 77a-21: a name of a secret whose last word names a property of it, not the secret: when it was made, changed or ends
 * (`password_changed_at`, `token_created`, `token_exp`, JWT's `iat`/`nbf`/`exp` claims: RFC 7519 section 4.1), which one
 * it is (JWS's `kid`, RFC 7515 section 4.1.4; JWT's `jti`, RFC 7519 section 4.1.7), or which revision of it
 * (`secret_revision`). Only a value that fits the property passes: a date, a time or epoch seconds for a time; an id's
 * shape for an id; a git object id or a number for a revision. Anything else there (`password_changed_at: Hunter2024!x`,
 * `token_kid: eyJ…`, `secret_revision: ghp_…`) is the secret the name first says. For plain-settings.ts isSecretSetting.
 */
export const isSecretPropertyValue = (value: string, named: string): boolean => underNameOrStem(isPropertyUnder)(value, named);
function isPropertyUnder(value: string, named: string): boolean {
  const v = value.trim();
  if (v.length > 128 || named.length > 200) return false;
  const list = nameWords(named);
  const last = list[list.length - 1] ?? '';
  if (list.length < 2) return false;
  if (TIME_WORD.test(last) || TIME_ENDING.test(last)) return isTime(v);
  if (ID_WORD.test(last)) return isIdentifier(v, last === 'kid') || (last === 'kid' && KMS_KEY().test(v));
  if (REVISION_WORD.test(last)) return REVISION().test(v);
  if (BY_WORD.test(last)) return PERSON.test(v) && !looksGenerated(v);
  if (last === 'stage' || last === 'stages') return /^(?:AWSCURRENT|AWSPREVIOUS|AWSPENDING)$/.test(v);
  if (last === 'cid' || last === 'multihash') return CONTENT_ID.test(v);
  return false;
}

/**
 * A time's word last in a name (`_at`, `_on`, `created`, `last_set`, `not_before`), or a JWT time claim's name; a file's
 * times (`mtime`, `ctime`, `atime`: stat(2)); 78a-17: the same in German (`geändert_am`, read as `am`, `erstellt`, `seit`).
 */
const TIME_WORD =
  /^(?:at|on|date|dated|time|timestamp|ts|created|updated|changed|modified|rotated|renewed|issued|revoked|generated|set|since|until|before|after|exp|iat|nbf|expiry|expires|expiration|mtime|ctime|atime|am|um|seit|bis|erstellt|geaendert|aktualisiert|ablauf|le|fecha|data)$/;
/** A compound ending in a time's word (`ablaufdatum`, `erstellungszeit`, `expirydate`, `lastmodifiedtime`). */
const TIME_ENDING = /(?:datum|zeit|zeitpunkt|date|time|stamp)$/;
/**
 * An id's word: a JWS key id, a JWT id, a UUID or GUID, an object's `uid` (Kubernetes' metadata.uid is a UUID:
 * kubernetes.io/docs/concepts/overview/working-with-objects/names/#uids); `token_id` names no secret at all
 * (secrets-keys.ts REFERENCE_WORD).
 */
const ID_WORD = /^(?:kid|jti|uuid|guid|uid)$/;
const REVISION_WORD = /^(?:revision|rev|commit)$/;
/** 78a-4: who did something to it (`password_changed_by: ops-team`): a name of lower-case words or an e-mail address. */
const BY_WORD = /^(?:by|owner|author|creator|maintainer|contact)$/;
const PERSON = /^[a-z][a-z0-9]{0,31}(?:[-_.][a-z0-9]{1,32}){0,4}(?:@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,4})?$/;
/**
 * 78a-4: IPFS's content id and multihash (github.com/multiformats/cid, github.com/multiformats/multihash): CIDv0 is
 * base58 of a SHA-256 multihash (`Qm` and 44), CIDv1 in base32 `b`, `baf…` and 56 of `a-z2-7`; a multihash in hex is
 * its code and length (`1220`, `1114`, `1340`) then the digest's 64, 40 or 128 hex.
 */
const CONTENT_ID = /^(?:Qm[1-9A-HJ-NP-Za-km-z]{44}|baf[a-z2-7]{56}|1220[0-9a-f]{64}|1114[0-9a-f]{40}|1340[0-9a-f]{128}|b220[0-9a-f]{64})$/;
/**
 * 78a-10: a cloud KMS key's name as a key id: Google Cloud KMS's resource name (cloud.google.com/kms/docs/resource-hierarchy,
 * `projects/…/locations/…/keyRings/…/cryptoKeys/…[/cryptoKeyVersions/N]`), an AWS KMS key's ARN, an Azure Key Vault key's id
 * (learn.microsoft.com/azure/key-vault/general/about-keys-secrets-certificates, `https://<vault>.vault.azure.net/keys/<name>[/<version>]`).
 */
const KMS_KEY = atFirstUse(
  () =>
    /^(?:projects\/[\w.-]{1,64}\/locations\/[\w-]{1,64}\/keyRings\/[\w-]{1,64}\/cryptoKeys\/[\w-]{1,64}(?:\/cryptoKeyVersions\/\d{1,10})?|arn:aws[\w-]*:kms:[a-z0-9-]{1,32}:\d{12}:(?:key\/[0-9a-f-]{36}|alias\/[\w/-]{1,64})|https:\/\/[a-z0-9-]{3,24}\.vault\.azure\.net\/keys\/[\w-]{1,127}(?:\/[0-9a-f]{32})?)$/,
);

const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]{0,6}\\.?';
const CLOCK = String.raw`\d{1,2}:\d\d(?::\d\d(?:\.\d{1,9})?)?`;
const ZONE = String.raw`(?:[ \t]?(?:Z|UTC|GMT|[+-]\d\d:?\d\d))?`;
/**
 * A date or a time as programs write one: RFC 3339 (`2024-06-01T12:00:00Z`, or with a blank), a day first or a year
 * first with `.`, `/` or `-` (`01.06.2024`, `2024/06/01`), RFC 9110's IMF-fixdate (`Mon, 01 Jun 2024 12:00:00 GMT`),
 * a month's name (`June 1, 2024`, `1 Jun 2024`), or Unix time in seconds or milliseconds (9 to 13 digits).
 */
const TIMES = atFirstUse(
  () =>
    new RegExp(
      [
        String.raw`^\d{4}-\d\d-\d\d(?:[T ]${CLOCK}${ZONE})?$`,
        String.raw`^(?:\d{1,2}[./-]\d{1,2}[./-]\d{4}|\d{4}[./]\d\d[./]\d\d)(?:[ T]${CLOCK}${ZONE})?$`,
        String.raw`^(?:[A-Z][a-z]{2,8},?[ \t])?(?:\d{1,2}[ \t]${MONTH}|${MONTH}[ \t]\d{1,2}(?:st|nd|rd|th)?,?)[ \t]\d{4}(?:[ \t]${CLOCK}${ZONE})?$`,
        String.raw`^\d{9,10}(?:\.\d{1,9})?$|^\d{12,13}$`,
        // 78a-17: a clock time alone (`12:00:00`), and a date with a month's name in another language (`1. März 2024`, `1 de marzo de 2024`).
        String.raw`^${CLOCK}${ZONE}$`,
        String.raw`^\d{1,2}\.?[ \t](?:de[ \t])?\p{L}{3,12}\.?[ \t](?:de[ \t])?\d{4}(?:[ \t]${CLOCK}${ZONE})?$`,
      ].join('|'),
      'iu',
    ),
);
const isTime = (value: string): boolean => TIMES().test(value);

/**
 * An id: a UUID (RFC 9562), a ULID (github.com/ulid/spec), hex of 8 to 64 in one case, or a name of words
 * of one case each (`signing-2024-06`, nothing generated-looking). Under `kid` also a JWK thumbprint (RFC 7638 section 3: base64url of
 * SHA-1's or SHA-256's bytes, 27 or 43 characters) or base64 of a thumbprint's hex (40 or 64), as Auth0's JWKS writes
 * its `kid`. A JWT (`eyJ…`) or a generated run of another length is the secret.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ULID = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;
const ONE_CASE_HEX = /^(?:[0-9a-f]{8,64}|[0-9A-F]{8,64})$/;
/** Words of one case and numbers joined by `-`, `_`, `.` or `:` (`signing-2024-06`, `rsa1`): `Hunter2024x` is a password. */
const NAMED_ID = /^(?=.{1,64}$)(?:[a-z0-9]+|[A-Z0-9]+)(?:[-_.:](?:[a-z0-9]+|[A-Z0-9]+))*$/;
function isIdentifier(value: string, keyId: boolean): boolean {
  if (UUID.test(value) || ULID.test(value) || ONE_CASE_HEX.test(value)) return true;
  if (NAMED_ID.test(value) && !looksGenerated(value)) return true;
  if (!keyId || !/^[A-Za-z0-9_-]+={0,2}$/.test(value)) return false;
  if (/^[A-Za-z0-9_-]{27}=?$|^[A-Za-z0-9_-]{43}=?$/.test(value)) return true;
  return /^(?:[0-9a-f]{40}|[0-9A-F]{40}|[0-9a-f]{64}|[0-9A-F]{64})$/.test(Buffer.from(value, 'base64url').toString('latin1'));
}

/** A git object id, whole or short (SHA-1's 7 to 40 hex, SHA-256's 64: git-scm.com/docs/hash-function-transition), or a number. */
const REVISION = atFirstUse(() => /^(?:[0-9a-f]{7,40}|[0-9a-f]{64}|\d{1,20})$/);
