import { looksGeneratedGroups } from './generated-groups';
import { looksGenerated, looksGeneratedRun } from './generated-runs';

/**
 * Round 55 (attack 53a-1): a secret's name glued to its value by punctuation other than `:` or `=`, or by none at a camel
 * hump (`password-X`, `password_X`, `password/X`, `token~X`, `PasswordX`), within one word. A first rule read the name
 * anywhere in a word and refused six earlier controls (a random base64 blob holding `/token…` or `Pwd…`, `secret_` and a
 * lower-case run, `secret-0123passw0rd` of a Redis ACL sample, `Hunter2SecretC06`): here the name must START a word, or
 * follow a short identifier-like prefix (`db_password-X`, `dbPasswordX`), never a letter, digit, `+` or `/` of a run;
 * the name is a long one (a short one, `pw`, `pwd`, `creds`, only at a word's start before a separator); and what
 * follows the separator is the rest of the word, one run of 12 to 128 base64 characters that looks generated and mixes
 * upper case, lower case and digits (or is 20 or more long, two of those classes and not hex; or, since 56a-3, one case
 * of letters with digits, or hex after a password's name): no identifier (`password_reset_token_ttl`), no
 * path of words (`secret/data/app`), no hex digest (`api-key-<hex>`), no Kubernetes name (`token-x8k2p`).
 */

/**
 * Round 56 (attack 56a-3): the key forms first (`secret_key-X`, `SecretKeyX` are one name, not `secret` then `_key…`);
 * leet spellings glued to a value (`Passw0rdX`, `s3cretX`: leet-secret-names.ts reads a word alone only); the names of
 * other languages (foreign-secret-words.ts: `passwort_X`, `пароль-X`, `密码X`); short names (`pw`, `pwd`, `creds`) only
 * at a word's start and before a separator, where a random run holds them by no chance.
 */
const NAME = new RegExp(
  String.raw`(?:(?:api|auth|access|private|secret|signing|master)[-_.]?key|p[a@4][s$5]{2}(?:w[o0]rd|wd|phr[a4][s$5][e3]|c[o0]d[e3])|` +
    String.raw`[s$5][e3]cr[e3][t7]|[t7][o0]k[e3]n|cr[e3]d[e3]nt[i1!]a[l1]s?|creds|pwd|pw|passwort|kennwort|mot[_-]?de[_-]?passe|` +
    String.raw`contrase[nñ]a|senha|wachtwoord|has[lł]o|l[oö]senord|passord|salasana|parola|parool|parol|jelsz[oó]|heslo|[sş]ifre|` +
    String.raw`lozinka|geslo|adgangskode|kodeord|session[-_.]?id|totp|pass|парол[ьяюеіи]?|пароль|密码|密碼|口令|密钥|パスワード|비밀번호|` +
    String.raw`كلمة[_\u0640]{1,4}(?:ال)?(?:مرور|سر))s?`,
  'giu',
);
/**
 * Round 57 (57a-4): `pass` and `totp` join the short names (`pass-X`, `totp_X`), and a short name may close a compound
 * (`adminpw-X`, `rootpw_X`: COMPOUND), as `adminpw=X` is read; the foreign words of foreign-secret-words.ts that a
 * `name=value` reader takes (`şifre`, `parola`, `jelszó`, `heslo`, `كلمة_المرور`) and `sessionid` are read glued too.
 */
const SHORT = /^(?:pwd|pw|creds|pass|totp)s?$/i;
const CASELESS = /^[^A-Za-z0-9$@]+$/u;
/** A short lower-case word glued before a name as one compound (`dbpassword`, `apitoken`), not inside a word (`bypass…`). */
const COMPOUND =
  /^(?:db|api|app|admin|root|user|auth|access|bot|client|service|svc|ssh|smtp|mail|ldap|redis|mysql|pg|postgres|mongo|vault|jwt|oauth|session|refresh|bearer|web|my)$/i;
/** What may stand before the name in its word: up to four identifier pieces (`db_`, `my-app-`, `db` before `Password`). */
const PREFIX = /^(?:[A-Za-z][A-Za-z0-9]{0,15}[_.-]?){0,4}$/;
/**
 * What may stand before the name in its word as a path, in any segment (56b-7): a quote or bracket opening a value
 * (`` Path(`/api/token_X`) ``), a URL's scheme and host, then segments (`example.com/`, `/api/v1/`). Round 57 (57a-3):
 * in any letter case (`/API/PASSWORD_X`); a random base64 run before the name is kept out by its segments, which look
 * generated (pathSegments).
 */
const PATH_PREFIX = /^(?:[^\s]*[`'"([{<=,;])?(?:[a-z][a-z0-9+.-]*:\/\/)?\/?(?:[A-Za-z0-9._~%@:-]{1,63}\/)+/;
/**
 * Round 57 (57a-2): after the path, a URL's last segment and its query or fragment (`cb?`, `r.git#`, `cb#/login?`, `1&` where the
 * line's `=` split the word), where a name may start glued to its value (`?tokenX`, `#token-X`, `&tokenX`); or an
 * e-mail's local part before a `+` tag (`ops+passwordX@example.com`).
 */
const QUERY_PREFIX = /^(?:(?:[A-Za-z0-9._~%@:+/-]{0,63}[?#&]){1,8}|[A-Za-z0-9._-]{1,64}\+)/;
/** A domain after the value (`X@example.com`: the e-mail's own), left out of the value. */
const MAIL_DOMAIN = /@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,63}$/;

/**
 * The path before a name, unless one of its last segments looks generated (a base64 run's pieces between `/`). Only the
 * last 256 characters are read: a word read once per name in it stays linear (a hostile word holds thousands).
 */
function pathSegments(written: string): string {
  const path = PATH_PREFIX.exec(written)?.[0] ?? '';
  if (
    path
      .slice(-256)
      .split(/[/:@]/)
      .some((segment) => segment.length >= 12 && looksGenerated(segment))
  )
    return '';
  return path;
}
/**
 * Round 58 (58a-3): a file's or a host's suffix after the value ends it, as the word's end does (`token_X.prod`,
 * `PASSWORD_X.1`, `/api/pw_X.json`, `acme/PASSWORD_X.git`, `X.tar.gz?v=1`), and so does a name's next piece
 * (`token_X-prod`, `token-X_v2`): no base64 run holds `.`, `-` or `_`. What stays before it is judged as the whole word
 * was (`token-service.prod`, `password-reset.html` stay names). Round 59 (59b-6): any sign outside base64's alphabet
 * then a letter or digit ends it too (`password-X@file`, a Traefik provider's suffix; `token_X!prod`, `pw-X%file`,
 * `token_X#frag`): those signs are in no value VALUE takes, so the suffix hid the value it follows.
 */
const SUFFIX = /[^A-Za-z0-9+/=\s][A-Za-z0-9][^]*$/;
const SEPARATOR = /^[-~#!?&%+*^@\\_/.|]{0,3}/;
const VALUE = /^[A-Za-z0-9+/]{12,128}={0,2}$/;
/**
 * 61a-2: a run of 8 to 11 glued after a separator that mixes letters and digits as a generated one does. Round 78 (78a-3):
 * from 8, in one letter case too (`password_Zx9kq2Lm`, `pw-rf6tg7yh`), as `password: Zx9kq2Lm` is read after its name; a
 * name piece (`password_v2`, `token_sha256sum`, `password_reset2024`) is no generated run, nor is short hex (`token-7f3a9c2e1b`:
 * a commit's or a checksum's, as oneCase reads hex).
 */
export const isShortGluedValue = (value: string): boolean =>
  /^[A-Za-z0-9]{8,11}$/.test(value) && !/^[0-9a-f]+$/i.test(value) && looksGeneratedRun(value);
/**
 * A Kubernetes object's generated suffix after a name of several words (`db-password-g2h5k8m9c4`): kustomize's name hash
 * and a ReplicaSet's pod-template-hash are written in SafeEncodeString's alphabet, no vowels, 10 characters at most
 * (kubernetes/apimachinery pkg/util/rand/rand.go, `alphanums`; kustomize api/hasher/hasher.go `encode` maps its hex into it). A name alone
 * before it (`password-zx9kq2lm`) names no object: a password there is refused.
 */
const objectNameSuffix = (value: string, separator: string, prefix: string): boolean =>
  separator === '-' && prefix !== '' && /^[bcdfghjklmnpqrstvwxz2456789]{5,10}$/.test(value);

/** Whether a run mixes its characters as a generated one does. */
function mixed(value: string): boolean {
  const classes = [/[A-Z]/, /[a-z]/, /\d/].filter((c) => c.test(value)).length;
  return classes === 3 || (classes === 2 && value.length >= 20 && !/^[0-9a-f]+$/i.test(value.replace(/[+/=]/g, '')));
}

/**
 * Round 56 (56a-3a): a generated run in one letter case (`qm7vzp2lx9kt4rw`, `QM7VZP2LX9KT4RW`), or hex of 16 or more
 * after a password's name (a hex digest after `api-key-` or `token-` stays a digest: a commit's or a checksum's).
 */
function oneCase(value: string, name: string): boolean {
  if (/^[0-9a-f]+$/i.test(value)) return value.length >= 16 && /^p/i.test(name);
  return (/^[a-z0-9]+$/.test(value) || /^[A-Z0-9]+$/.test(value)) && /\d/.test(value) && /[a-z]/i.test(value);
}

const [MAX_BEFORE, MAX_AFTER] = [1024, 512];

/** Where `word` (a blank-free word of a line) holds a value glued to a secret's name, or undefined. */
export function gluedValueSpan(word: string): [number, number] | undefined {
  const start = /^[^\p{L}\p{N}]*/u.exec(word)![0].length;
  for (const match of word.matchAll(NAME)) {
    const at = match.index!;
    // Each name reads at most MAX_BEFORE characters before it and MAX_AFTER after it: a blank-free word of a million
    // characters holds a name every few (`secretsecret…`), and reading the whole word for each was quadratic (bench, round
    // 62: 219 s for 1 MB). A value is at most 256 characters (VALUE, generated-groups.ts); a name further into one word
    // than MAX_BEFORE is not read here (a path that long before a glued name: the other readers judge its value).
    if (at - start > MAX_BEFORE) break;
    const written = word.slice(start, at);
    const path = pathSegments(written);
    // A URL's query or fragment may start with the name (`?token-X`, `#token-X`, `&token-X`: 56a-4, 57a-2).
    const query = QUERY_PREFIX.exec(written.slice(path.length))?.[0] ?? '';
    const prefix = written.slice(path.length + query.length);
    const inUrl = path !== '' || query !== '';
    if (at < start || prefix.length > 48 || !PREFIX.test(prefix) || looksGenerated(prefix) || looksGenerated(query)) continue;
    // After a prefix, the name starts at a separator or a camel hump (`dbPassword`), not inside a word (`bypasswordless`).
    const compound = COMPOUND.test(prefix) && /^[a-z]/i.test(match[0]);
    if (prefix !== '' && !compound && !/[_.-]$/.test(prefix) && !(/[a-z0-9]$/.test(prefix) && /^[A-Z]/.test(match[0]))) continue;
    const rest = word.slice(at + match[0].length, at + match[0].length + MAX_AFTER);
    const separator = SEPARATOR.exec(rest)![0];
    // A short name starts its word, a URL's segment or query, or closes a compound (`adminpw`), before a separator.
    if (SHORT.test(match[0]) && ((prefix !== '' && !compound) || separator === '')) continue;
    // No separator: a camel hump (`PasswordX`), a name in capitals before a capital and a lower-case letter or digit
    // (`PASSWORDQm7…`), a script without case (`密码X`), or a name before a run of lower case and digits that starts as a
    // generated one does, at most three letters before a digit (`tokenxk9vq…`); not a longer word (`tokenizer…`,
    // `passwordless…`, `TOKENIZERX…`: a word goes on in letters of its case).
    const hump = /[a-z]$/.test(match[0]) && /^[A-Z0-9]/.test(rest);
    const capitals = /^[A-Z]+$/.test(match[0]) && /^[A-Z][a-z0-9]/.test(rest);
    const oneCaseRun = /[a-z]$/i.test(match[0]) && /^[a-z]{0,3}\d[a-z0-9]*(?![A-Za-z0-9])/.test(rest);
    if (separator === '' && !hump && !capitals && !oneCaseRun && !CASELESS.test(match[0].slice(-1))) continue;
    // Vault's KV engine is mounted at `secret/`: `secret/…` is a path.
    if (separator.includes('/') && /^secrets?$/i.test(match[0])) continue;
    // Inside a path, `/api/token/<id>` names a resource by its id: a segment of its own is no glued value.
    if (separator === '/' && inUrl) continue;
    // A grouped value (`password-kTqvWx-2mPz9d-Lr4nBh`, 61a-2: generated-groups.ts) is the rest, not a value and a suffix.
    const whole = rest.slice(separator.length).replace(/[`'")\]}>,:;!?]+$/, '');
    if (separator !== '' && looksGeneratedGroups(whole)) {
      const from = at + match[0].length + separator.length;
      return [from, from + whole.length];
    }
    const value = rest
      .slice(separator.length)
      .replace(MAIL_DOMAIN, '')
      .replace(SUFFIX, '')
      .replace(/[`'")\]}>.,:;!?]+$/, ''); // a closing quote or bracket ends it
    if (separator !== '' && isShortGluedValue(value)) {
      if (objectNameSuffix(value, separator, prefix)) continue;
      const from = at + match[0].length + separator.length;
      return [from, from + value.length];
    }
    if (!VALUE.test(value) || value.split('/').some((piece) => /^[A-Za-z]{2,}$/.test(piece))) continue;
    if (!(mixed(value) || oneCase(value, match[0])) || !looksGenerated(value)) continue;
    const from = at + match[0].length + separator.length;
    return [from, from + value.length];
  }
  return undefined;
}
