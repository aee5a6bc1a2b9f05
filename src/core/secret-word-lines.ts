import { withoutPublicKeyPins } from './public-key-pins';
import { FOREIGN_REFERENCE, FOREIGN_SECRET_IN_TEXT, holdsNonLatinSecretWord, NON_LATIN_SECRET } from './foreign-secret-words';
import { foldLetters } from './folded-letters';
import { looksGeneratedOrGrouped as looksGenerated } from './generated-groups';
import { gluedValueSpan, isShortGluedValue } from './glued-secret-names';
import { LEET_CLUE, unleet } from './leet-secret-names';
import { SLIP_CLUE, unslipped } from './misspelt-secret-names';
import { isAnyPasswordHash } from './password-hashes';
import { isPlaceholder } from './placeholders';
import { assignedSecret, gluedSecret, isReference, keyedSecret } from './secrets-text';
import { secretArgument } from './secret-arguments';
import { mayHoldSecretKey, REFERENCE_WORD } from './secrets-keys';
import { noteAfterStandIn } from './stand-in-notes';
import { OPENPGP_KEY_ID } from './public-named-values';
import { DIGIT_CODE } from './pin-code-lines';
import { withoutPlainKeyedValue } from './plain-keyed-values';

/**
 * Round 54 (attack 52a-3, -4, -5, -14, -19): a line of free text that names a secret and then, on the same line, holds a
 * word that looks generated (generated-runs.ts) holds that word as the secret, whatever stands between them: any
 * separator or none (`password → x`, `password[x]`, `password | x`), a sentence (`the admin password is "x"`, `root
 * password was set to x yesterday`), a name in any script (`пароль: x`, `密码：x`), spelled with look-alike letters
 * (`pаssword` with a Cyrillic `а`) or French typography's no-break spaces (`mot de passe : x`). One rule, not one
 * more syntax per round. The generated word is the guard: prose without one (`the password is stored in the vault`,
 * `PIN the version`) is no secret; nor is a reference or a placeholder (`${DB_PASSWORD}`, `<your-password>`), a digest
 * (`sha256:…`, `@sha512:…`, a hex word after `commit`, `rev`, `checksum`, `digest`, `hash`), a UUID or a host name.
 * Also (52a-19) an INI section named for logins, `[auth]`, `[authentication]`, `[login]`: a `key = value` under it whose
 * value looks generated is a secret (`admin = true` or `method = ldap` is none).
 * Round 55 (53a-1, -2, -3, -11, -12, -13), with the same guard: a value glued to the name in one word (`password-x`,
 * `PasswordX`: glued-secret-names.ts), a name in leetspeak (`Passw0rd`, `pa$$word`: leet-secret-names.ts), a PIN's digits
 * in a sentence (`PIN 482913`, `my pin is 4829`), an `auth` member's value (`"auth": "…"`), the value before its name in
 * a sentence (`x is the admin password`, `x as its credential`) and a lone value on the line below a line that is only a
 * name (`Password` then `x`, as a password manager copies them).
 */

/** What such a value is called in findings. */
export const SECRET_WORD_LINE =
  "a value beside a name like a secret's on its line or the line below (`password … x`, `password-x`, `x is the password`, `PIN …`, `auth: …`, in any script or spelling), or in an `[auth]` section";

/**
 * Secret names in English, as whole words or a name's parts (secret-words.ts, secrets-keys.ts SECRET_WORD), with the
 * words between a compound's parts written any way (`api key`, `api_key`, `apiKey`); `pin` only as a whole word.
 * Not `signature` (a signature is public), `key` alone, `auth` alone (`auth: true`), `pass` (a verb).
 */
const SEP = String.raw`[\s_.-]?`;
const ENGLISH = [
  'password',
  'passwd',
  'pass' + SEP + 'phrase', // 60a-2: also `the pass phrase is X`
  'passcode',
  'pwd',
  'pw',
  'token',
  'refresh' + SEP + 'tok',
  'secret',
  'credentials?',
  'creds',
  'psk',
  'privkey',
  'mnemonic',
  'jwt',
  'session' + SEP + '(?:id|cookie|key)',
  // 57a-2: the session cookies of Java servlets and PHP, as a URL's `;jsessionid=` or a query's `PHPSESSID=` carry them.
  'jsessionid|phpsessid',
  'cookie',
  'set-cookie',
  'x-auth',
  'pepper',
  'pin',
  'pin' + SEP + 'code',
  `(?:api|access|private|signing|signer|integration|encryption|master|license|licence|unlock|account|secret|(?:pre${SEP})?shared|cookie|otp|totp)${SEP}key`, // 72b-5 `eth signer key 0x…`, 72b-9 PagerDuty's integration key
  `(?:access|authori[sz]ation|auth|unlock|recovery|backup)${SEP}codes?`,
  `(?:seed|recovery)${SEP}phrase`,
  // 57a-7: a TOTP seed (RFC 6238's shared secret) by its name or an MFA/2FA seed's.
  `totp|(?:otp|mfa|2fa|two${SEP}factor)${SEP}(?:seed|secret)`,
  'sshpass',
  'requirepass',
  'masterauth',
  'shared' + SEP + 'access' + SEP + 'signature',
].join('|');
/** A secret name in a folded line (lower case, `_` at camel humps), not inside a longer word (`spin`, `pinned`, `bypass`). */
const NAMES = new RegExp(String.raw`(?<![a-z])(?:${ENGLISH}|${FOREIGN_SECRET_IN_TEXT})s?(?![a-z])`, 'g');
/** Words after a name that make it a verb's or a setting's (`password_reset`, `token_bucket`). */
const PASS_VERB_WORD = /^(?:through|thru|reset|change|policy|bucket|endpoint|hint|prompt|manager)$/;
const NON_LATIN = new RegExp(NON_LATIN_SECRET, 'u');

/** Cyrillic and Greek letters that look like Latin ones (52a-4: `pаssword` with `а`, `passwοrd` with `ο`). */
const LOOK_ALIKES: Readonly<Record<string, string>> = Object.fromEntries(
  [...'аaеeоoрpсcуyхxіiјjѕsкkмmнhтtвbАAВBЕEКKМMНHОOРPСCТTХXІIЈJЅSαaοoιiκkνvρpτtυuχxΑAΒBΕEΖZΗHΙIΚKΜMΝNΟOΡPΤTΥYΧX'.matchAll(/../gu)].map(
    ([pair]) => [pair[0], pair[1]],
  ),
);
const LOOK_ALIKE = new RegExp(`[${Object.keys(LOOK_ALIKES).join('')}]`, 'g');

/**
 * A line as a reader takes its words: NFKC, no-break and narrow spaces as spaces, soft hyphens and zero-width
 * characters left out, look-alike letters as Latin, accents left out, `_` at camel humps, lower case.
 */
export function foldedLine(line: string): string {
  const ascii = !/[\u0080-\uffff]/.test(line);
  const spaced = ascii
    ? line
    : line
        .normalize('NFKC')
        .replace(/[\u00a0\u2007\u202f\u2000-\u200a\u3000]/g, ' ')
        .replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '')
        .replace(LOOK_ALIKE, (letter) => LOOK_ALIKES[letter]);
  return foldLetters(spaced)
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/** A word of a line: what stands between blanks, quotes, brackets and list separators. */
const WORD = /[^\s"'`()[\]{}<>|,;=:\u2192\u2014\u2013]+/g;
/** Whole words before a candidate in which its secret's name must stand (`the admin password was set to x`). */
const WINDOW = 6;
const DIGEST_WORD = /(?<![a-z])(?:commit|rev|revision|sha\d*|checksum|digest|hash|fingerprint|etag)(?![a-z])/;
const HEX = /^[0-9a-f]+$/i;
/** An OpenPGP key's name just before its value (`signing key:`, `user.signingkey =`, `GPG_KEY=`): its ID is public (public-named-values.ts). */
const OPENPGP_KEY_NAMED = /(?<![a-z])(?:signing|signer|gpg|pgp)[ _.-]?key[ \t]*[:=]?[ \t]*$/;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const DIGEST = /@?(?:sha(?:1|224|256|384|512)|md5|blake2b|blake3)[:=-]?[0-9a-f]{16,}/gi;
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}\.?(?::\d{1,5})?$/i;

/**
 * A password's hash in crypt(3)'s format (`$1$`, `$2b$`, `$5$`, `$6$`, `$y$`, Cisco's `$8$`/`$9$`, Huawei's `$1a$`, `$argon2id$`): cracked
 * offline, but what configuration holds in place of the password (the project's rule: secrets-keys.ts PLAIN_WORD's note).
 */
const CRYPT_HASH = /^\$(?:1[a-d]?|2[abxy]?|5|6|7|8|9|y|gy|argon2(?:id|i|d)|scrypt|pbkdf2[\w-]{0,16}|sha\d{0,3}|md5)\$/i;
/**
 * The same, written whole as databases store it: a SCRAM verifier (`SCRAM-SHA-256$4096:salt$key:key`, PostgreSQL),
 * MySQL's `*` and 40 hex digits, SQL Server's `0x0200…` (`CREATE LOGIN … HASHED`).
 */
const PASSWORD_HASH = new RegExp(`${CRYPT_HASH.source}|^SCRAM-SHA-\\d+\\$\\d+:|^\\*[0-9A-F]{40}$|^0x0[12]00[0-9A-F]{16,}$`, 'i');
const CRYPTO_WORD = /pbkdf|hmac|sha\d|aes|rsa|ecdsa|ecdh|ed25519|x25519|chacha|poly1305|argon2|scrypt|bcrypt|md5|gcm|cbc|pkcs/i;
/** An algorithm's name (`PBKDF2WithHmacSHA256`, `AES256GCM`): a crypto word, and no piece of one or two letters as a key has. */
const isAlgorithm = (value: string): boolean =>
  CRYPTO_WORD.test(value) && (value.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])/g) ?? []).every((piece) => piece.length >= 3);

/** Verdicts on the words and chunks of one text (a hostile text repeats them): isGeneratedValue's (no hex), inReference's, namedBefore's. */
let verdicts = new Map<string, boolean>();
function memo(key: string, judge: () => boolean): boolean {
  let verdict = verdicts.get(key);
  if (verdict === undefined) verdicts.set(key, (verdict = judge()));
  return verdict;
}

/** Whether `word` (stripped of a trailing stop or colon), after `before` on its line, is a generated value and no digest. */
const isGeneratedValue = (word: string, before: string): boolean =>
  HEX.test(word) ? generatedValue(word, before) : memo(`g${word}`, () => generatedValue(word, before));

function generatedValue(word: string, before: string): boolean {
  const value = word.replace(/^[=:~\u2192\u2014\u2013-]+/, '').replace(/[.:!?]+$/, '');
  if (value === '' || !looksGenerated(value) || isReference(value) || isPlaceholder(value) || HOST.test(value)) return false;
  if (CRYPT_HASH.test(value) || isAnyPasswordHash(value) || isAlgorithm(value)) return false;
  if (OPENPGP_KEY_ID.test(value) && OPENPGP_KEY_NAMED.test(foldedLine(before))) return false; // `signing key: 4AA4767BBC9C4B1D` (70a-13c)
  const rest = value.replace(DIGEST, '').replace(UUID, '');
  if (!looksGenerated(rest)) return false;
  // A Git commit or a checksum: a hex word after the word that says so.
  return !(HEX.test(value) && DIGEST_WORD.test(foldedLine(before)));
}

/**
 * Whether the word at `from`..`to` is part of a reference or a placeholder written as one blank-free chunk (a sops
 * `ENC[AES256_GCM,data:…]`, `op://vault/item/password`, `${DB_PASSWORD}`), maybe after its key (`password=`).
 */
function inReference(line: string, from: number, to: number): boolean {
  // A chunk of at most 1024 characters each side: a long line's words are read in linear time.
  let [start, end] = [from, to];
  while (start > 0 && from - start < 1024 && !/\s/.test(line[start - 1])) start--;
  while (end < line.length && end - to < 1024 && !/\s/.test(line[end])) end++;
  const chunk = line.slice(start, end).replace(/^["'`]+|["'`,;.]+$/g, '');
  return memo(`r${chunk}`, () => {
    const value = chunk.replace(/^[^\s=:]{1,128}(?:=|:(?!\/\/))["']?/, '');
    return [chunk, value].some((part) => isReference(part) || isPlaceholder(part) || PASSWORD_HASH.test(part) || isAnyPasswordHash(part));
  });
}

/** Whether the words before a candidate (at most WINDOW of them, and what is glued before it) name a secret. */
function namedBefore(before: string): boolean {
  const words = before.split(/\s+/);
  const near = words.slice(-WINDOW - 1).join(' ');
  // A name inside a random run is none (a public JWK's `"x":"…K_pwNCN8…"` before its `y`: about one key in a hundred).
  const named = () => near.replace(/[A-Za-z0-9+/_-]{20,}/g, (run) => (looksGenerated(run) ? ' ' : run));
  return memo(
    `n${near}`,
    () => holdsNonLatinSecretWord(near) || [...foldedLine(unslipped(unleet(named()))).matchAll(NAMES)].some(namesSecretThere),
  );
}

/**
 * Whether a name's match names the secret where it stands: not the shell's `PWD` alone, and not a name whose words after
 * it name a reference or a property of the secret (`PWD_DIR`, `password_file`, `token_ttl`: secrets-keys.ts REFERENCE_WORD).
 */
function namesSecretThere(match: RegExpMatchArray): boolean {
  const text = match.input!;
  const end = match.index! + match[0].length;
  const after = /^[\w.-]*/
    .exec(text.slice(end))![0]
    .split(/[_.-]+/)
    .filter(Boolean);
  const whole = /[\w.-]*$/.exec(text.slice(0, match.index))![0] + match[0] + after.join('_');
  if (whole === 'pwd' || inHostName(text, match.index!, end)) return false;
  return !after.some((word) => REFERENCE_WORD.test(word) || FOREIGN_REFERENCE.test(word) || PASS_VERB_WORD.test(word));
}

/**
 * Whether the name at `at`..`end` is a label of a host name with two labels or more after it (`token.example.com`,
 * `api.secrets.example.com`, 57a-9): a DNS name, as the input doors read an Ingress's `host`, so the generated file
 * that shows it beside its path (`token.example.com/api/token/9f86…`) gets the verdict the config got.
 */
function inHostName(text: string, at: number, end: number): boolean {
  const tail = /^(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?){2,}/.exec(text.slice(end, end + 256))?.[0];
  if (tail === undefined) return false;
  const head = /(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*$/.exec(text.slice(Math.max(0, at - 256), at))![0];
  return HOST.test(head + text.slice(at, end) + tail);
}

/** Words that say a value is (`X is the admin password`, `X as its credential`), and words that deny it. */
const LINK_WORD = /(?<![a-z])(?:is|was|as|are|being|serves|becomes)(?![a-z])/;
const NEGATION = /(?<![a-z])(?:not|no|never|nor|isn't|wasn't|aren't|without|instead)(?![a-z])/;
/** A name's next word that makes the value something else of the secret's (`X is the token id`, `… password hash`). */
const PROPERTY_WORD =
  /^(?:ids?|names?|hash(?:es)?|digests?|fingerprints?|checksums?|hints?|policy|length|prefix|suffix|owner|holder|field|column|characters?|chars|bytes|bits|digits|letters|format|shape|type|kind)$/;

/** A note after a value that ends its line: `(root password)`, `- admin password`, `# api token`, `// secret`. */
const NOTED_NAME = /^["'`]?[ \t]*(?:\(|[-\u2013\u2014#]+|\/\/)[ \t]*([^()\n]{1,40}?)[ \t]*\)?[ \t]*[.,;]?[ \t]*$/;
/** Whether that note is a secret's name, in up to three words, the last the name (`(root password)`, not `# token id`). */
function notedName(after: string): boolean {
  const words = NOTED_NAME.exec(after)![1];
  if (words.split(/\s+/).length > 3) return false;
  const folded = foldedLine(unleet(words));
  if (LONE_ONLY_NAME.test(folded.trim())) return true;
  return [...folded.matchAll(NAMES)].some((match) => match.index! + match[0].length === folded.length && namesSecretThere(match));
}

/**
 * Whether the words after a generated word, in its sentence, say it is a secret (53a-12: `X as its credential`, `X is
 * the admin password`): a secret's name within 6 words, after a word that says "is" and none that says "not".
 */
function namedAfter(after: string): boolean {
  if (NOTED_NAME.test(after) && memo(`t${after}`, () => notedName(after))) return true;
  const clause = /^[^\n]*?(?=[.;!?](?:\s|$)|$)/.exec(after)![0];
  // The name within 6 words; the words after it read too (`… token characters` is a length, not a token).
  const words = clause.trim().split(/\s+/).slice(0, 8).join(' ');
  if (!LINK_WORD.test(words.toLowerCase())) return false;
  return memo(`a${words}`, () => {
    const folded = foldedLine(unleet(words));
    return [...folded.matchAll(NAMES)].some((match) => {
      const between = folded.slice(0, match.index);
      const next = /^\s+([a-z]+)/.exec(folded.slice(match.index! + match[0].length))?.[1] ?? '';
      const near = between.split(/\s+/).length <= 6;
      return near && LINK_WORD.test(between) && !NEGATION.test(between) && !PROPERTY_WORD.test(next) && namesSecretThere(match);
    });
  });
}

/**
 * A line that is only a secret's name (`Password`, `API key:`, `# Admin password`, `**Token**`), as a password manager's
 * copy puts it above the value (53a-13): the next line's lone generated word is its value.
 */
/**
 * What may lead a lone name's line: a list or quote mark, or a comment's opener (59a-2): `#`, `//`, `/*`, `--`, `;`, HTML's
 * `<!--`, JSP's `<%--`, Jinja's `{#`, TeX's `%`, VB's `'`, Vim's `"`, Fortran's and Haskell's `!`/`!!`, batch's `REM`/`::`.
 */
const LONE_NAME_OPENER = /^[ \t]*(?:<!--|<%--|\{#|\(\*|#+|\/\/|\/\*|%+|!+|'|"|;+|::|rem(?=[ \t])|[-*>]+|\[+)?[ \t]*(?:\*\*|__)?/i;
/**
 * What may follow the name (60a-3): a note in brackets (`# Password (staging)`), whom or what it is for (`# password for
 * the admin user`), a closer: Markdown's `## Password ##`, OCaml's and Pascal's `(* password *)`, besides the above's; an INI section's `[password]` (61a-6).
 */
const LONE_NAME_TAIL =
  /(?:[ \t]+\([^()\n]{1,40}\)|[ \t]+(?:for|of)[ \t]+[\p{L}_.-]+(?:[ \t]+[\p{L}_.-]+){0,3})?(?:\*\*|__)?[ \t]*[:=|]?[ \t]*(?:-->|--%>|#\}|\*\/|\*\)|#+|[|>][-+]?|\]+)?[ \t]*$/u;

/**
 * 61a-6: short names read only where a line or a note is nothing but the name (`# pwd`, `# admin pass`, `X # pass`, `# wifi
 * key`), never in prose: `pass` is a verb and `PWD` the shell's directory elsewhere (the README lists `# pass`).
 */
const LONE_ONLY_NAME = /(?:^|[\s_-])(?:pass|pwd|(?:wi[\s_-]?fi|wlan|wpa2?|network)[\s_-]?key)$/;

function isLoneName(line: string): boolean {
  if (line.length > 80) return false;
  const bare = line.replace(LONE_NAME_OPENER, '').replace(LONE_NAME_TAIL, '');
  if (bare === '' || bare.length > 40 || bare.split(/\s+/).length > 3 || /[^\p{L}\s_.-]/u.test(unleet(bare).replace(/[0-9@$]/g, '')))
    return false;
  const folded = foldedLine(unslipped(unleet(bare)));
  return holdsNonLatinSecretWord(bare) || LONE_ONLY_NAME.test(folded.trim()) || [...folded.matchAll(NAMES)].some(namesSecretThere);
}

/** The span of the lone generated word of a line below a lone name (quotes, code marks, a list mark around it). */
function loneValueSpan(line: string, nameLine: string): [number, number] | undefined {
  // Also between an element's tags (`<value>x</value>`, 59a-2: an XML file's value below its comment).
  // A definition list's `: value` (Pandoc's and PHP Markdown Extra's `Password` then `: X`, 60a-2) too.
  const match = /^[ \t]*(?:[-*:~][ \t]+|<[\w:.-]{1,64}>)?["'`]*([^\s"'`<]+)["'`]*(?:<\/[\w:.-]{1,64}>)?[ \t]*$/d.exec(line);
  if (!match || !looksGenerated(match[1])) return undefined;
  const [from, to] = match.indices![1];
  return isGeneratedValue(match[1], nameLine) && !inReference(line, from, to) ? [from, to] : undefined;
}

/** Sections whose entries are a login's (52a-19): `[auth]`, `[authentication]`, `[login]`, `[basic_auth]`. */
const AUTH_SECTION = /^[ \t]*\[\[?[ \t]*(?:[\w.-]*\.)?(?:auth|authentication|login|logins|basic[_-]?auth|http[_-]?auth)[ \t]*\]\]?[ \t]*$/i;
const SECTION = /^[ \t]*\[[^\]\n]*\][ \t]*$/;
const ENTRY = /^[ \t]*[\w.-]{1,128}[ \t]*[=:][ \t]*["']?([^\s"'#;]+)["']?[ \t]*(?:[#;].*)?$/d;

/** Cheap test that a text may hold a secret's name: most texts hold none. */
const CLUE = new RegExp(
  String.raw`pass|pw|tok|secret|session|sessid|otp|2fa|mfa|factor|cred|psk|priv|mnemonic|jwt|cookie|auth|pepper|pin|key|code|phrase|seed|recover|backup|sig|log|(?<![\w-])p[ \t]*[:=]|${LEET_CLUE}|${SLIP_CLUE.source}|${FOREIGN_SECRET_IN_TEXT}`,
  'i',
);

/**
 * A PIN's digits in a sentence (53a-3): after `PIN is`/`my pin was` (`PIN code is 1234`), or after `PIN`, `PIN #` or `PIN-`
 * where they end the clause (`PIN 482913`, `SIM PIN 1234.`): not `we PIN 2024 as the release year`, nor a year alone
 * (`PIN 2024`), a GPIO's `pin 3` or `pin 80` (fewer than 4 digits), `pinned`, `spin`.
 */
const PIN_SAID =
  /(?<![A-Za-z])(?:pin|pin[\s_.-]?(?:code|number)|passcode)s?[ \t]+(?:is|was|are)[ \t]*[:=]?[ \t]*["']?(\d{4,12})["']?(?![\w-]|\.\d)/dgi;
const PIN_BARE =
  /(?<![A-Za-z])(?:pin|pin[\s_.-]?(?:code|number|no\.?)|passcode)[ \t]*(?:[#-][ \t]*)?["']?(\d{4,12})["']?(?=[ \t]*[,;.!)]?[ \t]*$)/dgi;
const YEAR = /^(?:19|20)\d\d$/;
/** After a name that is only a code's (`PIN code`, `PIN number`, `passcode`), the digits are one whatever follows them. */
const PIN_NOUN = /(?<![A-Za-z])(?:pin[\s_.-]?(?:code|number)|passcode)s?[ \t]*(?:[#-][ \t]*)?["']?(\d{4,12})["']?(?![\w-]|\.\d)/dgi;
/**
 * A login's `auth` member with a generated value (53a-11: Docker's config.json `"auth": "…"`, base64 of `user:password`,
 * also when it does not look generated): `auth: basic`, `auth: none`, `auth: true`, `auth: ldap` are switches.
 */
const AUTH_MEMBER = /(?<![\w-])["']?auth["']?[ \t]*[:=][ \t]*["']?([\w+/][^\s"'`,;{}()[\]]*)/dgi;
/** What a value of base64 says, where it is printable text (the registry reader's `user:password`, or none), else undefined. */
const base64Text = (value: string): string | undefined => {
  if (value.length < 8 || value.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return undefined;
  const text = Buffer.from(value, 'base64').toString('latin1');
  return /^[\x20-\x7e]+$/.test(text) ? text : undefined;
};
/**
 * Whether an `auth` value is a login: base64 of printable text is one where it reads `user:password`, both given (as
 * secrets-formats.ts reads a registry's; `base64(':x')`, `base64('bob:')` are none); any other value where it looks generated.
 */
function isAuthCredential(value: string, before: string): boolean {
  const text = base64Text(value);
  return text === undefined ? isGeneratedValue(value, before) : /^[^:\s]{1,128}:.{1,256}$/.test(text);
}
/**
 * A wallet's seed phrase of 12, 15, 18, 21 or 24 lower-case words (BIP-39's lengths: github.com/bitcoin/bips
 * bip-0039.mediawiki) after its name: no word of it looks generated, its name makes it a secret, as a PIN's (DIGIT_CODE).
 */
const SEED_PHRASE =
  /(?<![A-Za-z])(?:seed|recovery|mnemonic|backup)(?:[\s_.-]?(?:phrase|words))?[ \t]*[:=][ \t]*["']?((?:[a-z]{3,8}[ \t]+){11,23}[a-z]{3,8})\b/dgi;
const isSeedPhrase = (words: string): boolean => [12, 15, 18, 21, 24].includes(words.split(/[ \t]+/).length);
/**
 * A Traefik `Query` matcher on a name a URL's query uses for a credential (`key`, `sig`: secret-shapes.ts
 * URL_QUERY_CREDENTIAL reads `?key=` so), v3's two arguments or v2's `name=value`; a login's `user / password` after
 * `log in as` (52a-5). `before`: the line up to the generated word.
 */
const QUERY_NAME = /query(?:regexp)?\s*\(\s*[`"](?:key|sig|auth|pass)(?:[`"]\s*,\s*[`"]?|=)$/i;
// 60a-2: also a label's (`login: admin / X`, `login = admin:X`, `logon: admin/X`), and a user's label then `p:` (`u: admin p: X`).
const LOGIN_AS =
  /(?:(?:log|sign)[\s_-]?(?:in|on)(?:\s+(?:as|with)\s+|[ \t]*[:=][ \t]*)[^\s/:]{1,64}\s*[/:]|(?<![\w-])(?:u|user|username|login)[ \t]*[:=][ \t]*[^\s:=]{1,64}[ \t]+(?:p|pw|pass)[ \t]*[:=])\s*["'`]?$/i;

/** 60a-2: a login label's user and password glued by `/` in one word (`logon: admin/X`): the password's span. */
/** A word that may hold a glued value too short or grouped for looksGenerated (61a-2: `pw_kTqvWx-2mPz…`; 78a-3: `pw-rf6tg7yh`). */
const GLUED_CANDIDATE = /[A-Za-z0-9]{10}|[A-Za-z0-9]{4}[-_.][A-Za-z0-9]{4}|[A-Za-z0-9]{2}[^\sA-Za-z0-9][A-Za-z0-9]{8}/;
const LOGIN_PAIR = /(?<![\w-])(?:log|sign)[_-]?(?:in|on)[ \t]*[:=][ \t]*["'`]?[^\s/:"'`]{1,64}\/([^\s"'`/]{8,256})/dgi;

/** Where `text` holds such a value: each generated word's span. */
export function secretWordLineSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const nonLatin = /[\u0080-\uffff]/.test(text);
  if (!/[A-Za-z0-9]{12,}|\d{4}|[a-z]{3,8}[ \t]+[a-z]{3,8}/.test(text) && !GLUED_CANDIDATE.test(text)) return spans; // no value any rule below reads
  if (!CLUE.test(text) && !(nonLatin && (NON_LATIN.test(text.normalize('NFKC').toLowerCase()) || CLUE.test(foldedLine(text)))))
    return spans;
  let inAuth = false;
  let lone: string | undefined; // the line above, where it is only a secret's name
  verdicts = new Map();
  const breaks = /[\n\r\u2028\u2029]|$/g;
  for (let start = 0; start <= text.length;) {
    breaks.lastIndex = start;
    const end = breaks.exec(text)!.index;
    const line = text.slice(start, end);
    const below = lone === undefined ? undefined : loneValueSpan(line, lone);
    for (const [from, to] of [...lineSpans(line, inAuth), ...(below ? [below] : [])]) spans.push([start + from, start + to]);
    // A code fence or a blank line (60a-3: `# password:`, a blank, then the value) between the name and its value keeps the name.
    lone = isLoneName(line) ? line : lone !== undefined && /^[ \t]*(?:(?:```|~~~)[\w-]*)?[ \t]*$/.test(line) ? lone : undefined;
    if (SECTION.test(line)) inAuth = AUTH_SECTION.test(line);
    else if (inAuth && !ENTRY.test(line) && line.trim() !== '' && !/^[ \t]*[#;]/.test(line)) inAuth = false;
    if (end >= text.length) break;
    start = end + 1;
  }
  return spans;
}

/**
 * Whether the rules of a name and its value (`password=x`, `--token x`, `password: x`: secret-shapes.ts namedSecret) read
 * the line: theirs is the finding, with its own words and the value alone; this reader takes what they leave.
 */
const readByNamedRules = (line: string): boolean =>
  mayHoldSecretKey(line) && (secretArgument(line) ?? gluedSecret(line) ?? assignedSecret(line) ?? keyedSecret(line)) !== undefined;

/** The spans of one line (`inAuth`: an entry of an `[auth]` section); those in a comment after a stand-in stay (53a-4). */
function lineSpans(written: string, inAuth: boolean): Array<[number, number]> {
  const line = withoutPublicKeyPins(written); // RFC 7469's hashes of public keys (62a-5, 63a-9), blanked in place
  const spans = withoutPlainKeyedValue(line, found(line, inAuth)); // `…_SEARCH_ONLY_API_KEY: <hex>` (75a-17)
  if (spans.length === 0 || !readByNamedRules(line)) return spans;
  const note = noteAfterStandIn(line);
  return note < 0 ? [] : spans.filter(([from]) => from >= note);
}

function found(line: string, inAuth: boolean): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const entry = inAuth && !SECTION.test(line) ? ENTRY.exec(line) : null;
  if (entry && isGeneratedValue(entry[1], line.slice(0, entry.indices![1][0]))) spans.push(entry.indices![1]);
  for (const match of line.matchAll(DIGIT_CODE)) spans.push(match.indices![1]);
  for (const match of line.matchAll(PIN_SAID)) spans.push(match.indices![1]);
  for (const match of line.matchAll(PIN_BARE)) if (!YEAR.test(match[1])) spans.push(match.indices![1]);
  for (const match of line.matchAll(PIN_NOUN)) spans.push(match.indices![1]);
  for (const match of line.matchAll(AUTH_MEMBER)) {
    const [from, to] = match.indices![1];
    if (isAuthCredential(match[1], line.slice(0, from)) && !inReference(line, from, to)) spans.push([from, to]);
  }
  for (const match of line.matchAll(SEED_PHRASE)) if (isSeedPhrase(match[1])) spans.push(match.indices![1]);
  for (const match of line.matchAll(LOGIN_PAIR)) {
    const [from, to] = match.indices![1];
    if (looksGenerated(match[1]) && isGeneratedValue(match[1], line.slice(0, from)) && !inReference(line, from, to)) spans.push([from, to]);
  }
  for (const match of line.matchAll(WORD)) {
    const at = match.index!;
    const before = line.slice(Math.max(0, at - 512), at);
    const generated = looksGenerated(match[0]);
    if (!generated && !GLUED_CANDIDATE.test(match[0])) continue;
    if (
      generated &&
      isGeneratedValue(match[0], before) &&
      !inReference(line, at, at + match[0].length) &&
      (namedBefore(before) || QUERY_NAME.test(before) || LOGIN_AS.test(before) || namedAfter(line.slice(at + match[0].length, at + 512)))
    ) {
      const lead = /^[=:~\u2192\u2014\u2013-]*/.exec(match[0])![0].length;
      spans.push([at + lead, at + match[0].length]);
      continue;
    }
    // A name glued to its value in one word (`password-X`, `token_X`, `PasswordX`: glued-secret-names.ts).
    const glued = gluedValueSpan(unleet(match[0]));
    if (!glued) continue;
    const [from, to] = [at + glued[0], at + glued[1]];
    const value = line.slice(from, to);
    if ((isShortGluedValue(value) || isGeneratedValue(value, line.slice(Math.max(0, from - 512), from))) && !inReference(line, from, to))
      spans.push([from, to]);
  }
  return spans;
}
