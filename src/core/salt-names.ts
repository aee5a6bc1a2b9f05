import { looksGenerated } from './generated-runs';
import { withoutTail } from './secret-words';

/**
 * A salt's name (round 53a-8): its last word `salt` (`AUTH_SALT`, `NONCE_SALT`, `WORDPRESS_LOGGED_IN_SALT`, `hashSalt`).
 * WordPress's eight keys and salts are all secrets (developer.wordpress.org/apis/wp-config, "Security Keys": `AUTH_SALT`
 * beside `AUTH_KEY`; the wordpress image reads them as `WORDPRESS_AUTH_SALT`…), as an app's hashing salt is; a
 * salt's value is one only where it looks generated (isPlainSalt): `SALT=16` or a SaltStack host (`SALT_MASTER`, another
 * last word) is none.
 */
export const isSaltName = (list: readonly string[]): boolean => /^salts?$/.test(withoutTail(list).pop() ?? '');

/**
 * A value under a salt's name that is no secret: nothing in it looks generated, and it is not 16 or more characters
 * mixing three of lower case, upper case, digits and symbols, as WordPress's generated salts do (api.wordpress.org/
 * secret-key/1.1/salt: 64 characters of letters, digits and punctuation, few runs of letters long enough for looksGenerated).
 * `put your unique phrase here` (wp-config-sample.php) is words.
 */
export function isPlainSalt(value: string): boolean {
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z\d\s]/].filter((one) => one.test(value)).length;
  return !looksGenerated(value) && !(value.length >= 16 && classes >= 3);
}
