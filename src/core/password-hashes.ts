/**
 * A well-formed password hash in crypt(3)'s modular format, written whole: what a config holds in place of a password
 * (cloud-init's `passwd:`, `hashed_passwd:`, an `htpasswd` line, Traefik's BasicAuth `users`: doc.traefik.io traefik
 * middlewares/http/basicauth "passwords must be hashed using MD5, SHA1, or BCrypt"). It logs no one in, so it is no
 * secret: accepted under a key named like one as after a device's `password sha512` (round 53a-16: one verdict). Only a
 * hash of its algorithm's own lengths and alphabet counts; a short one, or one with a word appended, stays judged.
 * Lengths: the libxcrypt crypt(5) manual page (github.com/besser82/libxcrypt doc/crypt.5), passlib's hash docs
 * (passlib.readthedocs.io lib/passlib.hash), argon2's PHC string format (github.com/P-H-C/phc-string-format).
 */

/** crypt(3)'s alphabet (`./0-9A-Za-z`) in runs of `n`. */
const B64 = '[./0-9A-Za-z]';
/** A salt with its optional `rounds=N$` before it (SHA-crypt). */
const ROUNDS = String.raw`(?:rounds=\d{1,9}\$)?`;
const FORMS = [
  String.raw`\$(?:1|apr1)\$[^$:\s]{0,8}\$${B64}{22}`, // md5-crypt, Apache's apr1
  String.raw`\$5\$${ROUNDS}[^$:\s]{0,16}\$${B64}{43}`, // sha256-crypt
  String.raw`\$6\$${ROUNDS}[^$:\s]{0,16}\$${B64}{86}`, // sha512-crypt
  // bcrypt: cost 04 to 31 (golang.org/x/crypto bcrypt/bcrypt.go checkCost: MinCost 4, MaxCost 31, else InvalidCostError;
  // Traefik's BasicAuth compares with it), then 22 of salt and 31 of hash
  String.raw`\$2[abxy]?\$(?:0[4-9]|[12]\d|3[01])\$${B64}{53}`,
  String.raw`\$g?y\$${B64}{1,32}\$${B64}{1,86}\$${B64}{43}`, // yescrypt, gost-yescrypt
  String.raw`\$7\$${B64}{11,64}\$${B64}{43}`, // scrypt
  String.raw`\$[89]\$${B64}{14}\$${B64}{43}`, // Cisco type 8 (PBKDF2) and 9 (scrypt)
  String.raw`\$argon2(?:id|i|d)\$(?:v=\d{1,3}\$)?m=\d{1,10},t=\d{1,10},p=\d{1,3}\$[A-Za-z0-9+/]{11,64}\$(?:[A-Za-z0-9+/]{22}|[A-Za-z0-9+/]{32}|[A-Za-z0-9+/]{43}|[A-Za-z0-9+/]{64}|[A-Za-z0-9+/]{86})`, // PHC: 16-64 bytes (malformed-stand-ins.ts)
  String.raw`\$pbkdf2(?:-sha(?:1|256|512))?\$\d{1,9}\$${B64}{1,64}\$${B64}{27,86}`, // passlib's pbkdf2
  String.raw`\$sha1\$\d{1,9}\$${B64}{1,64}\$${B64}{28}`, // NetBSD sha1-crypt
];
/** Dovecot's or OpenLDAP's scheme before a hash (`{SHA512-CRYPT}$6$…`, `{BLF-CRYPT}`, `{ARGON2}$argon2id$…`, `{CRYPT}`: doc.dovecot.org password schemes). */
const SCHEME = String.raw`(?:\{[A-Za-z0-9._-]{2,24}\})?`; // 389-ds' `{GOST_YESCRYPT}$gy$…` too
const PASSWORD_HASH = new RegExp(`^${SCHEME}(?:${FORMS.join('|')})$`);

/** Whether `value` (quotes about it left out) is a well-formed password hash and nothing else. */
export const isPasswordHash = (value: string): boolean => value.length <= 512 && PASSWORD_HASH.test(value.replace(/^(["'])(.*)\1$/, '$2'));

const B64STD = '[A-Za-z0-9+/]';
/**
 * Hashes of other families, well formed (58a-12), as apps store them: accepted as one value under a secret's name, never
 * in Traefik's `users` or an htpasswd file (isPasswordHash), which cannot check them.
 */
const FOREIGN_FORMS = [
  String.raw`pbkdf2_sha(?:1|256)\$\d{1,9}\$[A-Za-z0-9]{1,64}\$${B64STD}{27,43}=`, // Django (docs.djangoproject.com topics/auth/passwords)
  String.raw`(?:scrypt:\d{1,9}:\d{1,3}:\d{1,3}|pbkdf2:sha(?:1|256|512):\d{1,9})\$[A-Za-z0-9]{1,64}\$(?:[0-9a-f]{40}|[0-9a-f]{64}|[0-9a-f]{128})`, // Werkzeug generate_password_hash
  String.raw`\{S?(?:SHA(?:256|384|512)?|MD5)\}${B64STD}{22,200}={0,2}`, // LDAP userPassword (RFC 2307, OpenLDAP slappasswd)
  // OpenLDAP's pw-pbkdf2 (slapd-pw-pbkdf2(5): `{PBKDF2}`, `{PBKDF2-SHA1}`, `-SHA256`, `-SHA512`), as passlib's ldap_pbkdf2_*
  // write them (60a-16): `<rounds>$<ab64 salt>$<ab64 key>`, the key 20, 32 or 64 bytes; 389-ds' `{PBKDF2_SHA256}` is one
  // base64 of 4 bytes of rounds, 64 of salt, 256 of key (389ds/389-ds-base ldap/servers/plugins/pwdstorage/pbkdf2_pwd.c).
  String.raw`\{PBKDF2(?:-SHA(?:1|256|512))?\}\d{1,9}\$[A-Za-z0-9./+]{11,88}\$(?:[A-Za-z0-9./+]{27}|[A-Za-z0-9./+]{43}|[A-Za-z0-9./+]{86})`,
  String.raw`\{PBKDF2_SHA256\}${B64STD}{432}`,
  String.raw`\*[0-9A-F]{40}`, // MySQL 4.1+ (dev.mysql.com/doc/refman/8.0/en/password-hashing.html)
  String.raw`md5[0-9a-f]{32}`, // PostgreSQL rolpassword (postgresql.org/docs/current/catalog-pg-authid.html)
  String.raw`SCRAM-SHA-256\$\d{1,9}:${B64STD}{16,88}={0,2}\$${B64STD}{43}=:${B64STD}{43}=`, // PostgreSQL SCRAM (RFC 5803)
  String.raw`\$[67]\$\d{1,9}\$${B64STD}{16,88}={0,2}\$${B64STD}{86}==`, // Mosquitto (mosquitto.org/man/mosquitto_passwd-1.html)
];
const FOREIGN_HASH = new RegExp(`^(?:${FOREIGN_FORMS.join('|')})$`);
/** Whether `value` is a password hash of any family above, well formed and nothing else. */
export const isAnyPasswordHash = (value: string): boolean =>
  isPasswordHash(value) || (value.length <= 512 && FOREIGN_HASH.test(value.replace(/^(["'])(.*)\1$/, '$2')));

/** A `user:hash` entry of an htpasswd file or of Traefik's BasicAuth `users` (doc.traefik.io middlewares/http/basicauth). */
const ENTRY = /^[^:\s]{1,256}:(\S+)$/;
/**
 * Whether `value` holds password hashes only: one hash, or htpasswd entries `user:hash`, one a line or separated by commas
 * (Traefik's label form `users=a:$apr1$…,b:$apr1$…`; a comma inside an argon2 hash's parameters separates nothing).
 */
export function holdsOnlyPasswordHashes(value: string): boolean {
  if (isAnyPasswordHash(value)) return true;
  if (value.length > 65_536) return false;
  // Split at line breaks, then trimmed: blanks around a break in the pattern were read back from every blank (quadratic).
  const entries = value
    .split(/[\r\n]+|,(?=[^:,\s]{1,256}:)/)
    .map((entry) => entry.trim())
    .filter(Boolean);
  // Any family (59a-12: Mosquitto's password file `user:$7$…`); Traefik's `users` are judged on their own (auth-user-entries.ts).
  return entries.length > 0 && entries.every((entry) => isAnyPasswordHash(ENTRY.exec(entry)?.[1] ?? ''));
}
