import { looksGenerated } from './generated-runs';
import { judgedOnce } from './secrets-memo';

/**
 * What a name ending in `secret` holds (attack round 44a-5 and 44a-11): a secret, or the name of a Kubernetes Secret.
 * The two pull against each other (`webhookSecret: Zq9xW7pLm3Tr` is the secret, `tlsSecret: wildcard-tls` a Secret's
 * name), so the name and the value decide together: a name that says what kind of Secret it is (SECRET_KIND), and a
 * value that reads as a Secret's name (isKubernetesSecretName). For secrets-keys.ts (namesSecretText, isPlainlyNotSecret).
 */

/**
 * The labels that may follow `secret` in a name and still say which secret it is (`clientSecretProd`, `JWT_SECRET_OLD`,
 * `appSecretB64`, `WEBHOOK_SECRET_2`), as `DB_PASS_PROD` and `dbPwdOld` do for a password (secret-words.ts
 * shortSecretWordAt): an environment, an age (`real`, 76a-18: `otp_real`), a role, an encoding, a number. A closed list: any other word after it
 * (`secretName`, `secretRef`, `secretNamespace`, `secretMount`, `secretLabels`) says something about the Secret.
 */
export const SECRET_LABEL_WORDS =
  'prod|production|dev|development|staging|stage|stg|test|testing|qa|uat|local|live|real|sandbox|old|new|prev|previous|next|current|legacy|backup|primary|secondary|ro|rw|readonly|readwrite|admin';
const SECRET_LABEL = new RegExp(String.raw`^(?:${SECRET_LABEL_WORDS}|b\d\d|base\d\d|hex|pem|raw|plain|value|\d+)$`);

/**
 * A name's words (secrets-keys.ts `words`) ending in `secret` then one to three labels (SECRET_LABEL).
 */
export function endsInSecretWithLabels(list: readonly string[]): boolean {
  for (let at = list.length - 2; at >= 0 && at >= list.length - 4; at--) {
    if (list[at] !== 'secret') continue;
    return list.slice(at + 1).every((word) => SECRET_LABEL.test(word));
  }
  return false;
}

/**
 * The words that name what a Kubernetes Secret holds, as its name says (`wildcard-tls`, `ca-bundle`, `db-creds`,
 * `my-db-secret`, `db-auth`, `registry-token`, `admin-password`, `kubeconfig-prod`).
 */
const HOLDS =
  /^(?:secrets?|tls|mtls|ssl|ca|cert|certs|certificates?|creds|credentials?|auth|basicauth|htpasswd|keys?|keypair|tokens?|passwords?|passwd|pass|pw|kubeconfig|jwt|oauth|oauth2|oidc|sso|sealed)$/;

/**
 * A Kubernetes Secret's name, not a secret: a DNS-1123 subdomain (lower case, `-` and `.` between pieces, up to 253
 * characters) of two to five pieces, each a word (letters, maybe a number after them: `redis6`) or a number, one of them
 * naming what the Secret holds (HOLDS), nothing looking generated. What tells it from a secret: a generated secret
 * has capitals, digits inside its letters or runs of letters no word has; a passphrase of words names no such
 * content (`correct-horse-battery-staple`).
 */
export function isKubernetesSecretName(value: string): boolean {
  if (value.length > 253 || !/^[a-z0-9](?:[-a-z0-9.]*[a-z0-9])?$/.test(value) || looksGenerated(value)) return false;
  const pieces = value.split(/[-.]/);
  if (pieces.length < 2 || pieces.length > 5) return false;
  return pieces.every((piece) => /^[a-z]+\d{0,4}$|^\d{1,4}$/.test(piece)) && pieces.some((piece) => HOLDS.test(piece.replace(/\d+$/, '')));
}

/**
 * The word before `secret` in a name that names a Kubernetes Secret by what it is: a kind of Secret (`tlsSecret`,
 * `caSecret`, `certSecret`, `sshSecret`, `dockerSecret`, `registrySecret`, `basicAuthSecret`), where it comes from or
 * lives (`kubernetesSecret`, `k8sSecret`, `sealedSecret`, `externalSecret`, `EXISTING_SECRET`), or the secret it holds
 * (`passwordSecret`, `DB_PASSWORD_SECRET`, `tokenSecret`, `credentialsSecret`, `kubeconfigSecret`). Not the one that
 * uses a secret (`jwtSecret`, `clientSecret`, `cookieSecret`, `sessionSecret`, `webhookSecret`, `appSecret`,
 * `apiSecret`, `hmacSecret`, `sharedSecret`, `signingSecret`): those hold it, as an app's settings write it
 * (`JWT_SECRET=super-secret-key` is the weak secret itself, whatever it looks like).
 */
const SECRET_KIND =
  /^(?:tls|ssl|mtls|ca|cert|certs|certificate|ssh|docker|registry|auth|basicauth|htpasswd|kubernetes|k8s|kube|sealed|external|existing|password|passwd|pass|pw|token|creds|credential|credentials|kubeconfig)$/;

/**
 * A value under a name whose last word is `secret` after a word of SECRET_KIND (`tlsSecret`, `caSecret`,
 * `EXISTING_SECRET`, `DB_PASSWORD_SECRET`; `list`: the name's words, secrets-keys.ts `words`) that is a Kubernetes
 * Secret's name (isKubernetesSecretName): a chart's or an app's reference to the Secret, as `existingSecret` is.
 * `secret` alone, and any other name, hold the secret itself.
 */
export const namesSecretByName = (value: string, list: readonly string[]): boolean =>
  list.length >= 2 && list[list.length - 1] === 'secret' && SECRET_KIND.test(list[list.length - 2]) && isKubernetesSecretName(value);

/**
 * A password-hashing algorithm's name made of algorithm words (`pbkdf2-sha256`, Keycloak's `KC_SPI_PASSWORD_HASHING_*`
 * providers; passlib's `pbkdf2_sha512`, `bcrypt_sha256`; `sha512-crypt`, `argon2id`), as secrets-keys.ts PLAIN_WORD
 * takes one word of them: how a password is made, no password.
 */
const ALGORITHM = '(?:pbkdf2|bcrypt|scrypt|argon2(?:id|i|d)?|sha-?(?:1|224|256|384|512)|md5|hmac|crypt|des|blake2[bs]?)';
const ALGORITHMS = new RegExp(`^${ALGORITHM}(?:[-_]${ALGORITHM}){1,3}$`, 'i');
export const isAlgorithmName = (value: string): boolean => ALGORITHMS.test(value);

/** Each name's stem found once (secrets-memo.ts): a text's every key and word is asked, most many times (attack32 comment lines). */
const stemOnce = judgedOnce(stemOf, 1_000_000);

/**
 * A name's stem before the labels that say which one of a secret it is (attack round 45a-9: `appSecret2`,
 * `stripeSecret2`, `jwtSecretV2`, `dbPasswordProd2`, `clientSecretProd2`, `appsecret2`, `example.com/appsecret2`): its
 * last words while each is a label (SECRET_LABEL), a number, or a version (`V2`, `v2.1`, `B64`: a letter glued to a
 * number), then a number glued to the word before (`secret2`). Those labels leave what the name names unchanged, so the
 * stem is judged as the name (secrets-keys.ts isSecretKey, namesSecretText): `secretName2` and `passwordFile2` stay
 * names of references, as `secretName` and `passwordFile` are. Undefined where no label ends the name. Cut in the name
 * as written, so its style (camelCase, `UPPER_CASE`) is judged as it was.
 */
export function labelledStem(name: string): string | undefined {
  if (name.length > 200 || !/[0-9]|[a-z][A-Z]|[-_.]/.test(name)) return undefined;
  return stemOnce(name);
}

/** labelledStem of a name that may have labels, found anew. */
function stemOf(name: string): string | undefined {
  // Words as written, with where each starts: a capital then lower case, capitals, lower case, a number.
  const pieces = [...name.matchAll(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+/g)];
  let cut = pieces.length;
  while (cut > 1) {
    const piece = pieces[cut - 1];
    const word = piece[0].toLowerCase();
    const glued = (at: number) => pieces[at - 1].index! + pieces[at - 1][0].length === pieces[at].index;
    if (/^\d+$/.test(word) || SECRET_LABEL.test(word)) cut--;
    // A version or an encoding: one letter (or `base`) glued to the number after it (`V2`, `b64`).
    else if (/^(?:v|b|base)$/.test(word) && cut < pieces.length && /^\d/.test(pieces[cut][0]) && glued(cut)) cut--;
    else break;
  }
  if (cut === pieces.length || cut === 0) return undefined;
  const stem = name.slice(0, pieces[cut].index).replace(/[-_.\s]+$/, '');
  return /[A-Za-z]{2}/.test(stem) ? stem : undefined;
}
