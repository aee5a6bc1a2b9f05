/**
 * Words that make a noun with `password` (a heading, a table's row, a menu: `password manager`, `Password Policy`,
 * `password   policy`; round 54's false refusals, forms54), and how a password is stored (`password hashing: argon2id`,
 * `password format: sha512crypt`: round 53a-15): alone after the name they are no password. Read by
 * secrets-config-lines.ts (`password <pw>` lines) and name-value-pairs.ts (`NAME value` lines).
 */
export const PASSWORD_NOUNS =
  '(?:manager|policy|policies|reset|rules?|requirements?|strength|length|complexity|history|expiry|expiration|rotation|hash(?:es|ing)?|field|prompt|generator|recovery|settings?|formats?|schemes?|encodings?|ciphers?|algorithms?|algo|encryption|digests?|kdf|storage)';
const NOUN = new RegExp(`^${PASSWORD_NOUNS}$`, 'i');
/** Whether `word` makes a noun with `password` rather than being one (any letter case). */
export const isPasswordNoun = (word: string): boolean => NOUN.test(word);
