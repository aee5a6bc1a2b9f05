import { FOREIGN_REFERENCE, FOREIGN_SECRET_IN_TEXT, holdsNonLatinSecretWord, NON_LATIN_SECRET } from './foreign-secret-words';
import { foldLetters } from './folded-letters';
import { looksGenerated } from './generated-runs';
import { isPlaceholder } from './placeholders';
import { assignedSecret, gluedSecret, isReference, keyedSecret } from './secrets-text';
import { secretArgument } from './secret-arguments';
import { mayHoldSecretKey, REFERENCE_WORD } from './secrets-keys';
import { noteAfterStandIn } from './stand-in-notes';

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
 */

/** What such a value is called in findings. */
export const SECRET_WORD_LINE =
  "a value after a name like a secret's on its line (`password … x`, `PIN: …`, in any script or spelling), or in an `[auth]` section";

/**
 * Secret names in English, as whole words or a name's parts (secret-words.ts, secrets-keys.ts SECRET_WORD), with the
 * words between a compound's parts written any way (`api key`, `api_key`, `apiKey`); `pin` only as a whole word.
 * Not `signature` (a signature is public), `key` alone, `auth` alone (`auth: true`), `pass` (a verb).
 */
const SEP = String.raw`[\s_.-]?`;
const ENGLISH = [
  'password',
  'passwd',
  'passphrase',
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
  'cookie',
  'set-cookie',
  'x-auth',
  'pepper',
  'pin',
  'pin' + SEP + 'code',
  `(?:api|access|private|signing|encryption|master|license|licence|unlock|account|secret|pre${SEP}shared|cookie|otp|totp)${SEP}key`,
  `(?:access|authori[sz]ation|auth|unlock|recovery|backup)${SEP}codes?`,
  `(?:seed|recovery)${SEP}phrase`,
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
  if (CRYPT_HASH.test(value) || isAlgorithm(value)) return false;
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
    return [chunk, value].some((part) => isReference(part) || isPlaceholder(part) || PASSWORD_HASH.test(part));
  });
}

/** Whether the words before a candidate (at most WINDOW of them, and what is glued before it) name a secret. */
function namedBefore(before: string): boolean {
  const words = before.split(/\s+/);
  const near = words.slice(-WINDOW - 1).join(' ');
  return memo(`n${near}`, () => holdsNonLatinSecretWord(near) || [...foldedLine(near).matchAll(NAMES)].some(namesSecretThere));
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
  if (whole === 'pwd') return false;
  return !after.some((word) => REFERENCE_WORD.test(word) || FOREIGN_REFERENCE.test(word) || PASS_VERB_WORD.test(word));
}

/** Sections whose entries are a login's (52a-19): `[auth]`, `[authentication]`, `[login]`, `[basic_auth]`. */
const AUTH_SECTION = /^[ \t]*\[\[?[ \t]*(?:[\w.-]*\.)?(?:auth|authentication|login|logins|basic[_-]?auth|http[_-]?auth)[ \t]*\]\]?[ \t]*$/i;
const SECTION = /^[ \t]*\[[^\]\n]*\][ \t]*$/;
const ENTRY = /^[ \t]*[\w.-]{1,128}[ \t]*[=:][ \t]*["']?([^\s"'#;]+)["']?[ \t]*(?:[#;].*)?$/d;

/** Cheap test that a text may hold a secret's name: most texts hold none. */
const CLUE = new RegExp(
  String.raw`pass|pw|tok|secret|cred|psk|priv|mnemonic|jwt|cookie|auth|pepper|pin|key|code|phrase|sig|log|${FOREIGN_SECRET_IN_TEXT}`,
  'i',
);

/**
 * Values no word of which looks generated, named so that they are secrets all the same: a PIN or passcode of 4 to 12
 * digits after `:` or `=` (`PIN: 482913`; not `PIN 2024`, a sentence), and a wallet's seed phrase of 12, 15, 18, 21 or
 * 24 lower-case words (BIP-39's lengths: github.com/bitcoin/bips bip-0039.mediawiki) after its name.
 */
const DIGIT_CODE =
  /(?<![A-Za-z])(?:pin|pin[\s_.-]?code|passcode|access[\s_.-]?code|unlock[\s_.-]?code)s?[ \t]*[:=][ \t]*["']?(\d{4,12})["']?(?![\w.-])/dgi;
const SEED_PHRASE =
  /(?<![A-Za-z])(?:seed|recovery|mnemonic|backup)(?:[\s_.-]?(?:phrase|words))?[ \t]*[:=][ \t]*["']?((?:[a-z]{3,8}[ \t]+){11,23}[a-z]{3,8})\b/dgi;
const isSeedPhrase = (words: string): boolean => [12, 15, 18, 21, 24].includes(words.split(/[ \t]+/).length);
/**
 * A Traefik `Query` matcher on a name a URL's query uses for a credential (`key`, `sig`: secret-shapes.ts
 * URL_QUERY_CREDENTIAL reads `?key=` so), v3's two arguments or v2's `name=value`; a login's `user / password` after
 * `log in as` (52a-5). `before`: the line up to the generated word.
 */
const QUERY_NAME = /query(?:regexp)?\s*\(\s*[`"](?:key|sig|auth|pass)(?:[`"]\s*,\s*[`"]?|=)$/i;
const LOGIN_AS = /(?:log|sign)[\s_-]?in\s+(?:as|with)\s+[^\s/:]{1,64}\s*[/:]\s*["'`]?$/i;

/** Where `text` holds such a value: each generated word's span. */
export function secretWordLineSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const nonLatin = /[\u0080-\uffff]/.test(text);
  if (!/[A-Za-z0-9]{12,}|\d{4}|[a-z]{3,8}[ \t]+[a-z]{3,8}/.test(text)) return spans; // no value any rule below reads
  if (!CLUE.test(text) && !(nonLatin && (NON_LATIN.test(text.normalize('NFKC').toLowerCase()) || CLUE.test(foldedLine(text)))))
    return spans;
  let inAuth = false;
  verdicts = new Map();
  const breaks = /[\n\r\u2028\u2029]|$/g;
  for (let start = 0; start <= text.length;) {
    breaks.lastIndex = start;
    const end = breaks.exec(text)!.index;
    const line = text.slice(start, end);
    spans.push(...lineSpans(line, inAuth).map(([from, to]): [number, number] => [start + from, start + to]));
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
function lineSpans(line: string, inAuth: boolean): Array<[number, number]> {
  const spans = found(line, inAuth);
  if (spans.length === 0 || !readByNamedRules(line)) return spans;
  const note = noteAfterStandIn(line);
  return note < 0 ? [] : spans.filter(([from]) => from >= note);
}

function found(line: string, inAuth: boolean): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const entry = inAuth && !SECTION.test(line) ? ENTRY.exec(line) : null;
  if (entry && isGeneratedValue(entry[1], line.slice(0, entry.indices![1][0]))) spans.push(entry.indices![1]);
  for (const match of line.matchAll(DIGIT_CODE)) spans.push(match.indices![1]);
  for (const match of line.matchAll(SEED_PHRASE)) if (isSeedPhrase(match[1])) spans.push(match.indices![1]);
  for (const match of line.matchAll(WORD)) {
    const at = match.index!;
    const before = line.slice(Math.max(0, at - 512), at);
    if (
      looksGenerated(match[0]) &&
      isGeneratedValue(match[0], before) &&
      !inReference(line, at, at + match[0].length) &&
      (namedBefore(before) || QUERY_NAME.test(before) || LOGIN_AS.test(before))
    ) {
      const lead = /^[=:~\u2192\u2014\u2013-]*/.exec(match[0])![0].length;
      spans.push([at + lead, at + match[0].length]);
    }
  }
  return spans;
}
