import { SQL_SECRET, sqlPasswordSpans, sqlSecretIn } from './sql-passwords';
import { SQL_SECRET_VARIABLE, sqlSecretVariableSpans } from './sql-secret-variables';
import { SQL_SECRET_VALUE, sqlValueSpans } from './sql-values';
import { isBase64DerKey, isHexDerKey, rawDerKeys } from './der-keys';
import { hexDumpKeys, hexKeyRuns } from './hex-runs';
import { decimalByteKeys } from './decimal-byte-keys';
import { jwkPrivateMembers } from './jwk-members';
import { FORMAT_FINDERS } from './secrets-formats';
import { LOGIN_ARGUMENT, loginArgumentSpans } from './login-arguments';
import { secretArgument } from './secret-arguments';
import { mayHoldSecretKey } from './secrets-keys';
import { assignedSecret, gluedSecret, keyedSecret } from './secrets-text';
import { decodings, spanIn } from './text-decodings';
import { judgedOnceAcrossRuns, judgedOnceUnder } from './secrets-memo';
import { cutIn, type LineCut } from './decoded-breaks';
import { asDecodedReading } from './shell-expansions';
import { holdsUrlCredentials } from './url-userinfo';
import { holdsOracleLogon, ORACLE_JDBC_LOGON } from './oracle-urls';
import { PGPASS_SECRET, pgpassSpans, SESSION_LOGIN_SECRET, sessionLoginSpans, TSIG_SECRET, tsigSpans } from './fixed-place-secrets';
import { COMMAND_SECRET, commandPasswordSpans, commandSecretIn } from './secrets-commands';
import { TOOL_PRIVATE_KEY, toolPrivateKeySpans, VENDOR_TOKEN, vendorTokenSpans } from './token-shapes';
import { vendorTokenIn } from './vendor-token-names';
import { isAuthCredential } from './auth-credentials';
import { joinedK3sTokenSpans, K3S_TOKEN, K3S_TOKEN_SHAPE } from './k3s-tokens';
import { SECRET_WORD_LINE, secretWordLineSpans } from './secret-word-lines';
import { PROSE_CREDENTIAL, proseCredentialSpans } from './prose-credential-lines';
import { LABELLED_PASSWORD, labelledPasswordSpans } from './labelled-password-values';
import { withPublicDerBlanked, withPublicDerRestored } from './public-armour';
import { withPatternFieldsAsLiterals } from './judged-forms';
import { SYMBOL_SEPARATED_SECRET, symbolSeparatedSecretSpans } from './symbol-separated-secrets';
import { PROSE_GENERATED_PASSWORD, proseGeneratedPasswordSpans } from './prose-generated-passwords';
import { Finder, rankFinders } from './finder-rank';
import { QUERY_CREDENTIAL_SHAPES } from './query-credentials';
import { REDACTED, replaceForms, replaceSpans } from './redaction-spans';

export { K3S_TOKEN, K3S_TOKEN_SHAPE } from './k3s-tokens';
export { REDACTED } from './redaction-spans';

/**
 * Values shaped like a secret, whatever key holds them (a K3s token, a URL with credentials, a private key),
 * and the redaction of secrets from a message or a file's text (src/core/secrets.ts finds the rest).
 */

/**
 * A bootstrap token, `[a-z0-9]{6}.[a-z0-9]{16}` (`k3s token create`, docs.k3s.io/cli/token; kubeadm's format), which
 * K3s takes as `--token`: standing alone, not part of a longer dotted name, with a digit in its secret half.
 */
const BOOTSTRAP_TOKEN = /(?<![\w.-])[a-z0-9]{6}\.(?=[a-z]*\d)[a-z0-9]{16}(?![\w.-])/g;
/**
 * `scheme://user:password@` (any scheme), `scheme://anything@` (a token as the user name: 79a-3, NATS' documented
 * `nats://<token>@host:4222`, `redis://<token>@host`; a plain user name, `ssh://git@host`, is url-userinfo.ts' to pass), `//user:password@`
 * (scheme-relative, or after a scheme too long or glued to a word to be read as one), `https:/user:password@` (WHATWG
 * URL parsers, Node's included, skip any slashes and backslashes after a special scheme: `https:/a:b@h`, `wss:\\a:b@h`),
 * or `user:password@host` without a scheme, starting a word, a path's segment or a part after `#`, `?` or `@`
 * (`/mnt/bob:pw@nas/x`: a host written with its userinfo); not an image pinned by digest (`traefik:v3.3@sha256:…`),
 * nor `mailto:a@b`. The colon may be percent-encoded (`admin%3Apw@host`: a URL parser decodes it the same). A password may hold quotes, backticks and `#` (`postgres://app:pa'ss#1@db`: libpq and many
 * clients read it so); a user name may not, so a quoted text then `:` is not read as one.
 */
// Bounded repeats: an unbounded scheme or user part made every position of a long text without `://` scan to its end.
// Where slashes and backslashes both lead, the userinfo after them holds neither, so no split between them is tried
// twice; a `//` scans only to the next slash. `http` is matched glued to a word as well (`x_https://token@h`).
/**
 * Review 79-3: schemes whose userinfo is a login name by design, never a token: SSH and its kin authenticate by key or
 * prompt (AWS CodeCommit's `ssh://APKA…@git-codecommit…`: the SSH public key's ID, docs.aws.amazon.com/codecommit/
 * latest/userguide/setting-up-ssh-unixes.html), SMB/CIFS and RDP name `DOMAIN;user` or `DOMAIN%5Cuser`, VNC and telnet
 * a login. Left out of the token-as-user alternative only; `user:password@` is refused for them as for any scheme.
 */
const LOGIN_SCHEMES = String.raw`(?:(?:git|svn)\+)?ssh(?:\+(?:git|svn))?|sftp|scp|rsync|smb|cifs|rdp|vnc|telnet`;
const URL_CREDENTIALS = new RegExp(
  [
    String.raw`https?:\/\/(?!…@)[^\s/?#@"'\`]{1,1024}@`,
    String.raw`https?:[/\\]{1,64}(?!…@)[^\s/\\?#@"'\`]{1,1024}@`,
    String.raw`\b(?:wss?|ftp):[/\\]{1,64}[^\s/\\?#@:"'\`]{0,1024}:[^\s/\\?@]{0,1024}@`,
    String.raw`\b[a-z][a-z0-9+.-]{0,31}:\/\/[^\s/?#@:"'\`]{0,1024}(?::|%3a)[^\s/?@]{0,1024}@`,
    String.raw`(?<![+.-])\b(?!${LOGIN_SCHEMES}:)[a-z][a-z0-9+.-]{0,31}:\/\/(?!…@)[^\s/?#@:"'\`]{1,1024}@(?!sha\d+:)`,
    String.raw`\/\/[^\s/?#@:"'\`]{0,1024}(?::|%3a)[^\s/?@]{0,1024}@`,
    String.raw`(?<=^|[\s"'\`=,;(<[{/#?@])(?!mailto:)[^\s/?#@:"'\`=,;(<[{]{1,256}(?::|%3a)[^\s/?@"]{1,1024}@(?!sha\d+:)(?=[\w[])`,
  ].join('|'),
  'gi',
);
/**
 * PEM private keys of any algorithm and OpenPGP private key blocks (`-----BEGIN PGP PRIVATE KEY BLOCK-----`),
 * with their body up to the END line; without one, the base64 lines that follow (a key cut short). The body
 * never runs over five dashes, so each BEGIN scans only to the next armour line: linear in the text.
 */
const PRIVATE_KEY =
  /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----(?:(?:[^-]|-(?!----))*-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|(?:[ \t]*\r?\n[ \t]*[A-Za-z0-9+/=]{16,}(?![^\r\n]))*)/g;
/**
 * The same, base64-encoded (a kubeconfig's `client-key-data`, a Secret's data): `LS0tLS1CRUdJTi` is
 * `-----BEGIN`; the run counts when it decodes to a private key's BEGIN line. Line-wrapped runs go on.
 */
const BASE64_PRIVATE_KEY = /LS0tLS1CRUdJTi[A-Za-z0-9+/]*={0,2}(?:[ \t]*\r?\n[ \t]*[A-Za-z0-9+/]{16,}={0,2}(?![^\r\n]))*/g;
const isBase64PrivateKey = (run: string): boolean =>
  /^-----BEGIN [A-Z0-9 ]*PRIVATE KEY/.test(Buffer.from(run.slice(0, 96), 'base64').toString('latin1'));

/**
 * A private key's DER, base64-encoded without armour (`openssl pkcs8 -outform DER | base64`, a JWT signing key in an
 * env var): a run starting `M` (a SEQUENCE, 0x30), or an OpenSSH key's body, `openssh-key-v1\0` (`b3BlbnNzaC1rZXktdjEA`,
 * openssh/openssh-portable PROTOCOL.key, whose format holds only private keys). Line-wrapped runs go on (`\n` or
 * `\r\n`), to a short last line.
 */
// The run's rest is outside the alternation: a repeat inside one made V8 backtrack over a long run (1 MB: 250 ms, not 1).
const BASE64_DER_KEY =
  /(?<![A-Za-z0-9+/])(?:M[A-Za-z0-9+/]{31}|b3BlbnNzaC1rZXktdjEA)[A-Za-z0-9+/]*={0,2}(?:[ \t]*\r?\n[ \t]*[A-Za-z0-9+/]+={0,2}(?![^\r\n]))*/g;
/** How a BASE64_DER_KEY match starts: its clue (case-sensitive, unlike SHAPE_CLUE). */
const BASE64_DER_CLUE = /(?<![A-Za-z0-9+/])(?:M[A-Za-z0-9+/]{31}|b3BlbnNzaC1rZXktdjEA)/;

/**
 * The same DER in hex (`openssl pkcs8 -outform DER | xxd -p`, Ed25519 and EC tooling): a run of hex digits starting
 * `30` (a SEQUENCE), or `openssh-key-v1\0` in hex. 60 digits at least (one line of `xxd -p`; a DER key is longer),
 * so a short hex word is not decoded. Line-wrapped runs go on, to a short last line.
 */
const HEX_DER_KEY =
  /(?<![0-9a-f])(?:30[0-9a-f]{58}|6f70656e7373682d6b65792d763100)[0-9a-f]*(?:[ \t]*\r?\n[ \t]*[0-9a-f]{2,}(?![^\r\n]))*/gi;
/**
 * The same hex with separators between bytes or groups, normalised: any run of them (blanks, Unicode spaces and line
 * breaks too, `:`, `,`, `;`, `-`: openssl's `30:81:87:…`, `30  77`, `30, 77`, `30-77`), and a `0x`, `\x` or `%` before
 * a byte (a C array `0x30, 0x77`, `\x30\x77`, `%30%77`). 15 groups at least; judged with every separator dropped.
 * No lookbehind: a run glued after a prefix (`--cfg=30:77`, `x30:77`) is found inside the text (the first group is
 * bounded, so a long unseparated hex word is not scanned from each of its positions).
 */
const HEX_SEPARATOR = String.raw`(?:[\s:,;-]{1,16}(?:0x|\\x|%)?|0x|\\x|%)`;
const SPLIT_HEX_HEAD = String.raw`(?:0x|\\x|%)?(?:30|6f)(?:[0-9a-f]{2}){0,63}`;
const SPLIT_HEX_DER_KEY = new RegExp(String.raw`${SPLIT_HEX_HEAD}(?:${HEX_SEPARATOR}(?:[0-9a-f]{2})+){14,}`, 'gi');
const SPLIT_HEX_DER_CLUE = new RegExp(String.raw`${SPLIT_HEX_HEAD}${HEX_SEPARATOR}[0-9a-f]{2}`, 'i');
/** A separated hex run is a key where, separators dropped, it is one from a `30` or `6f` near its start (after a glued prefix's digits). */
function isSplitHexDerKey(run: string): boolean {
  const hex = run.replace(/0x|\\x/gi, '').replace(/[^0-9a-f]/gi, '');
  return [...hex.slice(0, 64).matchAll(/30|6f/gi)].some(({ index }) => isHexDerKey(hex.slice(index, index + 256)));
}

/**
 * The base64 of a DER key or OpenSSH body split into groups by any run of blanks (`MIGH AgEA MBMG …`, `MIGH  AgEA`, a
 * tab, U+00A0, mixed; any group size): four groups at least, judged with the blanks dropped, and only a run of 60
 * base64 characters or more (an Ed25519 PKCS#8 key, the shortest, has 64) that decodes to a key's structure, so
 * prose of short words starting `M` is none. No lookbehind: a first group glued after a prefix (`--log.format=MHcC`,
 * `x/MHcC`) is found; the run is judged from each `M`/`b3` start near its head (words before the key in one run).
 */
// A SEQUENCE of a key's length starts `M` then `A`..`L` (0x30, then a length byte below 0x84); an OpenSSH body `b3`.
const SPLIT_BASE64_HEAD = String.raw`(?:M\s{0,16}[A-L]|b\s{0,16}3)[A-Za-z0-9+/]{0,75}`;
const SPLIT_BASE64_DER_KEY = new RegExp(
  String.raw`${SPLIT_BASE64_HEAD}(?:\s{1,16}[A-Za-z0-9+/]{1,76}){3,}(?:\s{0,16}={1,2})?(?![A-Za-z0-9+/=])`,
  'g',
);
const SPLIT_BASE64_DER_CLUE = new RegExp(String.raw`${SPLIT_BASE64_HEAD}(?:\s{1,16}[A-Za-z0-9+/]{1,76}){3}`);
function isSplitBase64DerKey(run: string): boolean {
  const joined = run.replace(/[\s=]/g, '');
  return [...joined.slice(0, 256).matchAll(/M[A-L]|b3/g)].some(
    ({ index }) => joined.length - index >= 60 && isBase64DerKey(joined.slice(index, index + 256)),
  );
}
/**
 * The private scalar `openssl ec -text` / `openssl pkey -text` prints as colon hex under `priv:` (indented lines of 15
 * bytes; openssl/openssl providers/implementations/encode_decode/encode_key2text.c ec_to_text, ecx_to_text, tag openssl-3.0.0):
 * raw bytes, no DER to judge, so the label and 20 bytes at least (an EC or Ed25519 key has 28 to 66) tell.
 */
const PRIV_BLOCK = /(?<![\w-])priv:[ \t]*(?:\r?\n[ \t]*)?(?:[0-9a-f]{2}:[ \t]{0,8}(?:\r?\n[ \t]*)?){19,}[0-9a-f]{2}(?![0-9a-f])/gi;
/** How a HEX_DER_KEY match starts. */
const HEX_DER_CLUE = /(?<![0-9a-f])(?:30[0-9a-f]{58}|6f70656e7373682d6b65792d763100)/i;

/**
 * An HTTP credential after its scheme (`Bearer eyJ…`, `Basic dXNlcjpw…`), under whatever header or key: a run of
 * token characters with a digit in it (isAuthCredential), so prose such as "Basic authentication" is none. The scheme stays readable.
 * 71a-1: Okta's `SSWS` scheme too, its API token's (developer.okta.com/docs/guides/create-an-api-token: `Authorization: SSWS ${api_token}`).
 * The blanks are bounded: an unbounded run in the lookbehind made every position of a long blank run scan back over it.
 */
const AUTH_CREDENTIAL = /(?<=\b(?:bearer|basic|ssws)[ \t]{1,8})(?=[\w.~+/-]*\d)[\w.~+/-]{8,}=*/gi;

/** `accept`: a match (at `at` in `text`) that is one after all (the pattern only finds candidates). */
const SHAPES: ReadonlyArray<{ pattern: RegExp; what: string; accept?: (match: string, text: string, at: number) => boolean }> = [
  { pattern: K3S_TOKEN, what: K3S_TOKEN_SHAPE },
  { pattern: BOOTSTRAP_TOKEN, what: 'a K3s or kubeadm bootstrap token (abcdef.0123456789abcdef)' },
  { pattern: URL_CREDENTIALS, what: 'a URL with credentials', accept: holdsUrlCredentials },
  { pattern: ORACLE_JDBC_LOGON, what: 'a URL with credentials', accept: holdsOracleLogon },
  ...QUERY_CREDENTIAL_SHAPES,
  { pattern: AUTH_CREDENTIAL, what: 'an HTTP credential (Bearer or Basic)', accept: isAuthCredential },
  { pattern: PRIVATE_KEY, what: 'a private key' },
  { pattern: BASE64_PRIVATE_KEY, what: 'a private key (base64-encoded)', accept: isBase64PrivateKey },
  { pattern: BASE64_DER_KEY, what: 'a private key (base64-encoded)', accept: isBase64DerKey },
  { pattern: HEX_DER_KEY, what: 'a private key (hex-encoded)', accept: isHexDerKey },
  { pattern: SPLIT_HEX_DER_KEY, what: 'a private key (hex-encoded)', accept: isSplitHexDerKey },
  { pattern: SPLIT_BASE64_DER_KEY, what: 'a private key (base64-encoded)', accept: isSplitBase64DerKey },
  { pattern: PRIV_BLOCK, what: 'a private key (hex-encoded)' },
];

/** What every match of a shape holds: `K10`, `@`, `=`, a BEGIN line or its base64 form, an HTTP auth scheme, `priv:`, a bootstrap token's dot; text without any is no secret shape. */
const SHAPE_CLUE = /k10|[@=]|-----BEGIN |LS0tLS1CRUdJTi|bearer|basic|ssws|priv:/i;
/**
 * A bootstrap token's dot, with its six characters before and sixteen after. Found from the dot (a lookbehind after
 * it): `[a-z0-9]{6}\.…` tried six characters at every position of a text, 30 ms a MB for each text and decoding (round 35).
 */
const BOOTSTRAP_CLUE = /\.(?<=[a-z0-9]{6}\.)[a-z0-9]{16}/i;
/** Whether `text` may hold a secret shape: text without any shape's clue holds none. */
const hasShapeClue = (text: string): boolean =>
  SHAPE_CLUE.test(text) ||
  BOOTSTRAP_CLUE.test(text) ||
  BASE64_DER_CLUE.test(text) ||
  HEX_DER_CLUE.test(text) ||
  SPLIT_HEX_DER_CLUE.test(text) ||
  SPLIT_BASE64_DER_CLUE.test(text);
/** Whether a plain word (letters, digits, `.`, `/`, `-`, `_`) may be a base64- or hex-encoded private key, the one shape one may be. */
export const mayBeEncodedKey = (word: string): boolean =>
  word.includes('LS0tLS1CRUdJTi') || BASE64_DER_CLUE.test(word) || HEX_DER_CLUE.test(word);
/** Each shape's pattern without `g`, for a test that keeps no state. */
const SHAPE_TESTS = SHAPES.map(({ pattern }) => new RegExp(pattern.source, pattern.flags.replace('g', '')));

/**
 * Shapes found by reading, not by one pattern: hex with any separator, a JWK's `d` in any syntax, raw DER, age and
 * PuTTY keys and fixed-prefix tokens (token-shapes.ts), pgpass lines, BIND secrets and clients' password options
 * (secrets-commands.ts), the secrets of credential files (a registry's `auth`, a netrc's `password`: secrets-formats.ts).
 */
// `named`: what a finding in that text is called, where it names more than `what` (a command line's client and option); `saidLast`: finder-rank.ts.
const FINDERS: readonly Finder[] = [
  { find: hexKeyRuns, what: 'a private key (hex-encoded)' },
  { find: hexDumpKeys, what: 'a private key (hex-encoded)' },
  { find: decimalByteKeys, what: 'a private key (its bytes in decimal)' },
  { find: jwkPrivateMembers, what: "a private key (a JSON Web Key's private member)" },
  { find: rawDerKeys, what: 'a private key' },
  { find: toolPrivateKeySpans, what: TOOL_PRIVATE_KEY },
  { find: vendorTokenSpans, what: VENDOR_TOKEN, named: vendorTokenIn },
  { find: joinedK3sTokenSpans, what: K3S_TOKEN_SHAPE },
  { find: pgpassSpans, what: PGPASS_SECRET },
  { find: tsigSpans, what: TSIG_SECRET },
  { find: sessionLoginSpans, what: SESSION_LOGIN_SECRET },
  { find: commandPasswordSpans, what: COMMAND_SECRET, named: commandSecretIn },
  { find: sqlPasswordSpans, what: SQL_SECRET, named: sqlSecretIn },
  { find: sqlSecretVariableSpans, what: SQL_SECRET_VARIABLE },
  { find: sqlValueSpans, what: SQL_SECRET_VALUE },
  ...FORMAT_FINDERS,
  { find: secretWordLineSpans, what: SECRET_WORD_LINE, saidLast: true },
  { find: loginArgumentSpans, what: LOGIN_ARGUMENT },
  { find: proseCredentialSpans, what: PROSE_CREDENTIAL, saidLast: true },
  { find: labelledPasswordSpans, what: LABELLED_PASSWORD, saidLast: true },
  // 77a-20, 77a-8: the widest readings of a name or a sentence beside a password, said where no narrower one says more.
  { find: symbolSeparatedSecretSpans, what: SYMBOL_SEPARATED_SECRET, saidLast: true },
  { find: proseGeneratedPasswordSpans, what: PROSE_GENERATED_PASSWORD, saidLast: true },
];
export const { asked: RANKED, saysMore } = rankFinders(FINDERS);

/** The shape `text` holds as written, or undefined. */
export function shapeAsWritten(text: string): string | undefined {
  const shape = hasShapeClue(text)
    ? SHAPES.find(({ pattern, accept }, i) =>
        accept ? matchesOf(pattern, text).some(([at, match]) => accept(match, text, at)) : SHAPE_TESTS[i].test(text),
      )
    : undefined;
  if (shape) return shape.what;
  const finder = RANKED.find(({ find }) => find(text).length > 0);
  return finder?.named ? finder.named(text) : finder?.what;
}

/**
 * What a text that sets a secret under a name like one only once decoded is called in findings. 75a-19: a name's accented
 * letters read in ASCII (accented-names.ts) are said too, so `contraseña: x`, plain UTF-8, is not blamed on an encoding.
 */
export const NAMED_ONCE_DECODED =
  "text that sets a value under a name like a secret once decoded (escapes, percent-encoding, character references, base64, hex, base32 or another encoding of bytes, a `rev` or ROT13 the text applies, invisible characters or compatibility forms (NFKC) undone, or a name's accented or look-alike letters read in ASCII: `contraseña` as `contrasena`)";

/**
 * The value a text sets under a name like a secret (`password=x`, `--token=x`, `password: x`, `{"token": "x"}`: the
 * rules of secrets-text.ts and secret-arguments.ts), line by line, with where it stands; undefined where none.
 */
function namedSecret(text: string, cut?: LineCut): { value: string; span: [number, number] } | undefined {
  if (!mayHoldSecretKey(text)) return undefined;
  let at = 0;
  for (const line of text.split(/(?<=[\n\r\u2028\u2029])/)) {
    const value = secretArgument(line) ?? gluedSecret(line) ?? assignedSecret(line) ?? keyedSecret(line.replace(/[\n\r\u2028\u2029]$/, ''));
    if (value !== undefined && !cut?.(line, at, value)) {
      // A value the line holds escaped or quoted is its line's rest from the name on: the line, to be safe.
      const i = line.lastIndexOf(value);
      return { value, span: i < 0 ? [at, at + line.length] : [at + i, at + i + value.length] };
    }
    at += line.length;
  }
  return undefined;
}

/**
 * A value set under a name like a secret in `decoded` (a decoding of `text`) that `text` does not set as written: the
 * named rules judge each decoding as the shapes do, so `pass%77ord%3Dx` or base64 of `password: x` is one.
 */
function namedOnceDecoded(decoded: string, asWritten: () => string | undefined, cut?: LineCut): ReturnType<typeof namedSecret> {
  const found = asDecodedReading(() => namedSecret(decoded, cut));
  return found && asWritten() !== found.value ? found : undefined;
}

/** What namedSecret finds in `text` as written, read once however many decodings ask (a 1 MB text has several). */
function namedAsWritten(text: string): () => string | undefined {
  let read: { value?: string } | undefined;
  return () => (read ??= { value: namedSecret(text)?.value }).value;
}

/**
 * What secret `text` is shaped like, as written or once decoded (text-decodings.ts), or undefined; a decoding that
 * sets a value under a name like a secret counts too (NAMED_ONCE_DECODED). The one judgement of a text's decodings,
 * for every door (secrets.ts, the write gate, the scalar redaction) and for redact below; once per text (secrets-memo.ts).
 */
export const secretShape: (text: string) => string | undefined = judgedOnceAcrossRuns(
  'secret-shape',
  (written: string): string | undefined => {
    const text = withPatternFieldsAsLiterals(withPublicDerBlanked(written)); // 81a-8, 81a-5 (judged-forms.ts)
    // A reading said last (FINDERS' saidLast) is said only where none, a decoding's included, says more.
    const shape = shapeAsWritten(text);
    if (saysMore(shape)) return shape;
    let fallback = shape;
    const asWritten = namedAsWritten(text);
    // Two decodings may give one text (`%41\u0042` undone in either order): it is judged once.
    const judged = new Set<string>();
    for (const decoding of decodings(text)) {
      const decoded = decoding.text;
      if (judged.has(decoded)) continue;
      judged.add(decoded);
      // A reading said last (a name or a sentence beside a password-looking word) says less than the decoding's named
      // setting: base64 of `password: x` is said once decoded (attack31-secrets 30a-1), as before such readers read it.
      const asShape = shapeAsWritten(decoded);
      const inner = saysMore(asShape)
        ? asShape
        : namedOnceDecoded(decoded, asWritten, cutIn(text, decoding))
          ? NAMED_ONCE_DECODED
          : asShape;
      if (saysMore(inner)) return inner;
      fallback ??= inner;
    }
    return fallback;
  },
);

/**
 * `text` with every secret-shaped value, and every one of `secrets` (whole, JSON-quoted, or cut as long
 * messages cut values), replaced by REDACTED. The whole forms go first, then the shapes, then the cut forms:
 * a cut form replaced first would take the head of a shape (a K3s token's `K10…`) and leave its rest, which no
 * shape then matches. Each text is redacted once per list (secrets-memo.ts): a table test repeated 89% of its calls.
 */
export const redact: (text: string, secrets?: readonly string[]) => string = judgedOnceUnder((text, secrets): string => {
  const whole = new Map<string, string>();
  const cut = new Map<string, string>();
  for (const secret of secrets) {
    if (!secret) continue;
    // Also as a message may show it lower-cased (a name's suggested form, 50a-1).
    for (const quoted of new Set([JSON.stringify(secret), JSON.stringify(secret.toLowerCase())]))
      for (const form of [quoted, quoted.slice(1, -1), JSON.parse(quoted) as string]) {
        // Short secrets are replaced only where quoted, so "a" does not blank every "a" of a sentence.
        if ((form.length >= 4 || form === quoted) && !whole.has(form)) whole.set(form, form === quoted ? `"${REDACTED}"` : REDACTED);
      }
    if (secret.length <= 60) continue;
    const head = JSON.stringify(secret.slice(0, 60)).slice(1, -1);
    if (!whole.has(head)) cut.set(head, REDACTED);
  }
  return replaceForms(redactShapes(replaceForms(text, whole)), cut);
});

/** `text` with every secret shape replaced, on each line it spans, and every one a decoding of it holds where it holds it. */
function redactShapes(text: string): string {
  const judged = withPublicDerBlanked(text); // a certificate's base64 is no shape (81a-8): its lines are shown
  return judged === text ? (shapesRedacted(text) ?? text) : withPublicDerRestored(shapesRedacted(judged) ?? judged, text);
}

/** What redactShapes changes `text` to, or undefined where it holds no shape: a pass, remembered across runs. */
const shapesRedacted = judgedOnceAcrossRuns('redact-shapes', (text: string): string | undefined => {
  let out = text;
  if (hasShapeClue(text))
    for (const { pattern, accept } of SHAPES) {
      const found = matchesOf(pattern, out).filter(([index, match]) => !accept || accept(match, out, index));
      out = replaceSpans(
        out,
        found.map(([index, match]): [number, number] => [index, index + match.length]),
      );
    }
  const spans = FINDERS.flatMap(({ find }) => find(out));
  const asWritten = namedAsWritten(out);
  // A text two decodings give is read once; its spans are mapped through each decoding.
  const found = new Map<string, Array<[number, number]>>();
  for (const decoded of decodings(out)) {
    let inDecoded = found.get(decoded.text);
    if (!inDecoded) {
      const named = namedOnceDecoded(decoded.text, asWritten)?.span;
      inDecoded = [...shapeSpans(decoded.text), ...(named ? [named] : [])];
      found.set(decoded.text, inDecoded);
    }
    // One push each, not push(...spans): a call's arguments live on the stack, and a script of 2000 here-docs into
    // /run/secrets gave some 130,000 spans (68c-6).
    for (const span of inDecoded) spans.push(spanIn(decoded, span));
  }
  const redacted = replaceSpans(out, spans);
  return redacted === text ? undefined : redacted;
});

/** Where `text` holds a secret shape, as written. */
function shapeSpans(text: string): Array<[number, number]> {
  const spans = FINDERS.flatMap(({ find }) => find(text));
  if (!hasShapeClue(text)) return spans;
  for (const { pattern, accept } of SHAPES)
    for (const [index, match] of matchesOf(pattern, text))
      if (!accept || accept(match, text, index)) spans.push([index, index + match.length]);
  return spans;
}

/**
 * Where each match of a global `pattern` stands in `text`, and what it is: as `matchAll` gives them, without the copy
 * of the pattern it makes per call, which for each shape of each decoding of each line of a diff cost seconds (round 35).
 */
function matchesOf(pattern: RegExp, text: string): Array<[number, string]> {
  const found: Array<[number, string]> = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    found.push([match.index, match[0]]);
    if (!match[0]) pattern.lastIndex++;
  }
  return found;
}

/**
 * `text` (a whole file) with every one of `secrets` and every secret shape redacted, a multi-line secret
 * line by line as the file holds it (indented in a block scalar), keeping the line count: a diff of two
 * redacted texts shows where a secret changed, never what it is.
 */
export function redactText(text: string, secrets: readonly string[]): string {
  // A multi-line secret goes by its lines: whole, it would join the lines it stands on into one.
  const parts = secrets.flatMap((secret) => (secret.includes('\n') ? secret.split('\n').map((line) => line.trim()) : [secret]));
  return redact(text, [...new Set(parts.filter((part) => part !== ''))]);
}
