import { looksGenerated } from './generated-runs';

/**
 * Attack rounds 49a-5 and 50a-8: a signing key given as a literal to a call that takes one, whatever the variable is
 * called: the HMAC secret of a JSON Web Token library or of an HMAC, for literal-wrappers.ts. The argument that is the
 * key, by call (each library's documented signature):
 * - jsonwebtoken's `jwt.sign(payload, key)`/`verify(token, key)`, PyJWT's `jwt.encode(payload, key)`/`decode(token,
 *   key)`, ruby-jwt's `JWT.encode payload, key, 'HS256'` (no parentheses): the second;
 * - Python's `hmac.new(key, msg, digestmod)` and `hmac.digest(key, msg, digest)`, PyCryptodome's `HMAC.new(key, …)`,
 *   java-jwt's `Algorithm.HMAC256(key)` (and 384, 512), golang-jwt's `token.SignedString(key)`, jjwt's
 *   `Keys.hmacShaKeyFor(bytes)` and `setSigningKey(key)`, Java's `new SecretKeySpec(bytes, "HmacSHA256")`, Ruby's
 *   `OpenSSL::HMAC.new(key, digest)`: the first;
 * - Go's `hmac.New(sha256.New, key)`, Node's `crypto.createHmac('sha256', key)`, Ruby's `OpenSSL::HMAC.hexdigest('SHA256',
 *   key, data)`, jjwt's `signWith(SignatureAlgorithm.HS256, key)`: the second; PHP's `hash_hmac('sha256', $data, key)`: the third.
 * The key is a literal (a quote's prefix allowed: Python's and Rust's `b"…"`, `rb"…"`, C's `L"…"`), maybe in calls that
 * only make bytes of it (`Buffer.from('…')`, Go's `[]byte("…")`, `bytes("…", "utf-8")`, `"…".encode()`, Java's
 * `"…".getBytes(StandardCharsets.UTF_8)`, C#'s `Encoding.UTF8.GetBytes("…")`, a base64 decoding): the literal is the
 * key. A variable, a read (`process.env.JWT_SECRET`, `os.environ["K"].encode()`), a placeholder or a reference sets none
 * (judged as a value named `secret` by setsSecret); a literal inside any other call (`config.get("jwt_secret")`) is no key.
 */

/**
 * The calls, each with the index of its key argument (a name that ends in `.` or a blank takes arguments without
 * parentheses), and what the text before it must hold where its form is common (CONTEXT characters before it).
 */
const CALLS: ReadonlyArray<readonly [RegExp, number, RegExp?]> = [
  [/(?<![\w$])(?:jwt|jws|JWT|jose|jsonwebtoken|PyJWT)[ \t]*\.[ \t]*(?:sign|encode|decode|verify)(?:[ \t]*\(|[ \t]+(?=[\w{[]))/g, 1],
  [/(?<![\w$.])(?:hmac[ \t]*\.[ \t]*(?:new|digest)|HMAC[ \t]*\.[ \t]*new|OpenSSL[ \t]*::[ \t]*HMAC[ \t]*\.[ \t]*new)[ \t]*\(/g, 0],
  [/(?<![\w$])(?:Algorithm[ \t]*\.[ \t]*HMAC(?:256|384|512)|Keys[ \t]*\.[ \t]*hmacShaKeyFor|new[ \t]+SecretKeySpec)[ \t]*\(/g, 0],
  [/\.[ \t]*(?:SignedString|setSigningKey)[ \t]*\(/g, 0],
  [/(?<![\w$.])(?:hmac[ \t]*\.[ \t]*New|(?:crypto[ \t]*\.[ \t]*)?createHmac)[ \t]*\(/g, 1],
  [/(?:OpenSSL[ \t]*::[ \t]*HMAC[ \t]*\.[ \t]*(?:hexdigest|digest|base64digest)|\.[ \t]*signWith)[ \t]*\(/g, 1],
  [/(?<![\w$])hash_hmac[ \t]*\(/g, 2],
  // 54: ciphers' and key derivations' key or password (each library's signature): the first of pyca's `Fernet(key)`,
  // `AESGCM(key)`, `ChaCha20Poly1305(key)`, `algorithms.AES(key)`, PyCryptodome's `AES.new(key, mode)` (DES3, Blowfish,
  // ChaCha20, Salsa20), PyNaCl's `SecretBox(key)`, Java's `new PBEKeySpec(pw.toCharArray(), …)`, Node's
  // `crypto.scryptSync(pw, salt, n)`/`pbkdf2Sync`, `hashlib.scrypt(pw, …)`, PyCryptodome's `PBKDF2(pw, salt)`, Go's
  // `pbkdf2.Key([]byte(pw), …)`, `scrypt.Key`, `argon2.IDKey`, `aes.NewCipher(key)`, bcrypt's `hashpw(pw, salt)`, PHP's
  // `password_hash(pw, algo)`, Ruby's `OpenSSL::PKCS5.pbkdf2_hmac(pw, …)`, `ActiveSupport::MessageEncryptor.new(key)`,
  // Express's `cookieParser(secret)` (expressjs.com/en/resources/middleware/cookie-parser.html);
  [
    /(?<![\w$.])(?:Fernet|AES(?:GCM|CCM|OCB3|SIV)|ChaCha20Poly1305|SecretBox|algorithms[ \t]*\.[ \t]*(?:AES|ChaCha20|TripleDES|Camellia)\w{0,4}|(?:AES|DES3?|Blowfish|ARC4|CAST|ChaCha20(?:_Poly1305)?|X?Salsa20)[ \t]*\.[ \t]*new|new[ \t]+PBEKeySpec|PBKDF2|password_hash|cookieParser|cookie_parser)[ \t]*\(/g,
    0,
  ],
  [
    /(?<![\w$])(?:crypto[ \t]*\.[ \t]*(?:scrypt|pbkdf2)(?:Sync)?|hashlib[ \t]*\.[ \t]*scrypt|(?:pbkdf2|scrypt)[ \t]*\.[ \t]*Key|argon2[ \t]*\.[ \t]*(?:ID)?Key|aes[ \t]*\.[ \t]*NewCipher|chacha20poly1305[ \t]*\.[ \t]*NewX?|bcrypt[ \t]*\.[ \t]*(?:hashpw|hash|hashSync|kdf)|OpenSSL[ \t]*::[ \t]*PKCS5[ \t]*\.[ \t]*pbkdf2_hmac\w{0,8}|(?:ActiveSupport[ \t]*::[ \t]*)?(?:MessageEncryptor|MessageVerifier|KeyGenerator)[ \t]*\.[ \t]*new)[ \t]*\(/g,
    0,
  ],
  // the second of Node's `crypto.createCipheriv(alg, key, iv)` (createDecipheriv, createCipher), `hashlib.pbkdf2_hmac(name,
  // pw, salt, n)`, PHP's `hash_pbkdf2(algo, pw, …)`, CryptoJS's `AES.encrypt(data, key)` and `HmacSHA256(msg, key)`;
  [
    /(?<![\w$])(?:(?:crypto[ \t]*\.[ \t]*)?create(?:De)?[Cc]ipher(?:iv)?|hashlib[ \t]*\.[ \t]*pbkdf2_hmac|hash_pbkdf2|CryptoJS[ \t]*\.[ \t]*(?:(?:AES|DES|TripleDES|Rabbit|RC4)[ \t]*\.[ \t]*(?:en|de)crypt|Hmac\w{1,8}))[ \t]*\(/g,
    1,
  ],
  // the third of PHP's `openssl_encrypt($data, $method, key)` and `openssl_decrypt`;
  [/(?<![\w$])openssl_(?:en|de)crypt[ \t]*\(/g, 2],
  // a golang-jwt Keyfunc's `return []byte("…"), nil` (pkg.go.dev/github.com/golang-jwt/jwt/v5#Keyfunc): its first value.
  [/(?<![\w$])return[ \t]+(?=\[\][ \t]*byte[ \t]*\()/g, 0, /jwt[ \t]*\.[ \t]*Token|Keyfunc/],
];

/**
 * 51a-5: a constructor or factory of key material, in any language, named so, or a type named so and its factory
 * (`Type::new_from_slice`, `Type.create`): every literal argument is judged as the key (an algorithm's name is none),
 * maybe labelled as the key (`key=`, `data:`), maybe made bytes: C#'s `new HMACSHA256(…)`, `new SymmetricSecurityKey(…)`,
 * Rust's `HmacSha256::new_from_slice(b"…")`, `Hmac::<Sha256>::new_from_slice`, `EncodingKey::from_secret(b"…")`, Kotlin's
 * `SecretKeySpec("…".toByteArray(), …)`, Swift's `SymmetricKey(data: Data("…".utf8))`, Dart's `Hmac(sha256,
 * utf8.encode('…'))`, Elixir's `Joken.Signer.create("HS256", "…")`, itsdangerous' `URLSafeTimedSerializer('…')`,
 * Django's `Signer(key='…')`; jose's `new SignJWT(p).sign(new TextEncoder().encode('…'))` (`.sign(` of a literal made bytes).
 */
const KEY_TYPE = String.raw`(?:(?:[A-Z]\w{0,32})?(?:HMAC|Hmac)(?:[-_]?(?:SHA|Sha|sha|MD5|Md5|SM3|Blake2[bs]?)[-_]?\d{0,3})?(?:Key|Signer|Signature)?|(?:[A-Z]\w{0,32})?(?:SecretKey(?:Spec)?|Symmetric(?:Security)?Key)|(?:Encoding|Decoding|Signing|Mac)Key|TimestampSigner|Signer|URLSafe(?:Timed)?Serializer|Timed(?:JSONWebSignature)?Serializer|JSONWebSignatureSerializer)`;
const KEY_FACTORY = String.raw`(?:new\w{0,64}|create|from\w{0,64}|of|for|init|with\w{0,64}|build)`;
const buildKeyMaker = (): RegExp =>
  new RegExp(
    String.raw`(?<![\w$])(?:${KEY_TYPE}(?:[ \t]*::[ \t]*<[^<>()\n]{0,64}>)?(?:[ \t]*(?:\.|::)[ \t]*${KEY_FACTORY})?)[ \t]*\(|\.[ \t]*sign[ \t]*\((?=[ \t]*new[ \t]+TextEncoder)`,
    'g',
  );
let keyMaker: RegExp | undefined;
/** A label an argument may have and still be the key (Python's `key=`, Swift's `data:`); any other label is another argument. */
const KEY_LABEL = /^[ \t]*(?:(?:secret_?)?key|secret|data|keyData|signing_?key|password)[ \t]*(?:=(?!=)|:(?!:))/i;
const OTHER_LABEL = /^[ \t]*[A-Za-z_]\w*[ \t]*(?:=(?!=)|:(?!:))/;
/** An algorithm's name, which a key maker takes beside its key (`"HS256"`, `"HmacSHA256"`, `'sha256'`): no key. */
const ALGORITHM = /^(?:(?:hmac)?[-_]?(?:sha|md5|sha3|blake2[bs]?)(?:[-_/]?\d{1,3}){0,2}|[HRPE]S\d{3}|hmac|aes[\w-]{0,16})$/i;
/** A bare `Signer(…)` (itsdangerous', Django's) is a common name: its literal is a key only where it looks generated. */
const BARE_SIGNER = /^Signer[ \t]*\($/;
/** The most arguments of a key maker read. */
const MAX_KEY_ARGUMENTS = 4;

/** How far before a call its context (CALLS' third member) is looked for. */
const CONTEXT = 512;

/** Text that may hold one of the calls. */
const CLUE =
  /jw[st]|jose|hmac|SignedString|SigningKey|SecretKeySpec|signWith|SecretKey|Symmetric|EncodingKey|DecodingKey|Signer|Serializer|TextEncoder|fernet|aes|cipher|PBE|pbkdf|scrypt|argon|bcrypt|password_hash|cookie_?parser|chacha|salsa|secretbox|des3?\.|blowfish|arc4|cast\.|Message(?:Encryptor|Verifier)|KeyGenerator|CryptoJS|openssl_/i;
/** Whether a text may hold one of the calls (literal-wrappers.ts reads it only then). */
export const mayHoldSigningKey = (text: string): boolean => CLUE.test(text);

/** Calls that only make bytes (or a string) of the literal in them, before it. */
const BYTES_OPENER =
  /^(?:(?:new[ \t]+)?(?:Buffer[ \t]*\.[ \t]*from|Buffer|\[\][ \t]*byte|bytes|bytearray|str[ \t]*\.[ \t]*encode|(?:new[ \t]+)?TextEncoder[ \t]*\([ \t]*\)[ \t]*\.[ \t]*encode|Encoding[ \t]*\.[ \t]*(?:UTF8|ASCII|Default|Unicode)[ \t]*\.[ \t]*GetBytes|String[ \t]*::[ \t]*from|Data|utf8[ \t]*\.[ \t]*encode|utf8ToBytes|SecretKeySpec|Keys[ \t]*\.[ \t]*hmacShaKeyFor|(?:base64[ \t]*\.[ \t]*(?:b64|standard_b64|urlsafe_b64)decode)|Base64[ \t]*\.[ \t]*(?:getDecoder|getUrlDecoder)[ \t]*\([ \t]*\)[ \t]*\.[ \t]*decode)[ \t]*\([ \t]*)*/;
/** What may follow the literal: the bytes calls' `)`, an encoding argument, a method that makes bytes of it. */
const BYTES_TAIL =
  /^(?:[ \t]*\)|[ \t]*\.[ \t]*(?:encode|getBytes|as_bytes|to_vec|into|to_string|to_owned|bytes|GetBytes|toByteArray|toCharArray|encodeToByteArray|data)[ \t]*\([^()\n]{0,64}\)|[ \t]*\.[ \t]*(?:utf8|bytes)(?![\w(])|[ \t]*,[ \t]*(?:["'][\w-]{1,16}["']|(?:StandardCharsets|Charsets)[ \t]*\.[ \t]*\w{1,16}))*[ \t]*$/;
/** A literal's quote prefix. */
const PREFIX = /^(?:[bB][rR]?|[rR][bB]|u8|[uUL])?/;

/** The longest argument read. */
const MAX_ARGUMENTS = 1024;

/** The arguments' spans from `at` (after the call's `(`, or its blank where `bare`), up to `count`: depth-aware, quotes skipped. */
function argumentSpans(text: string, at: number, bare: boolean, count: number): { spans: Array<[number, number]>; end: number } {
  const spans: Array<[number, number]> = [];
  let start = at;
  for (let i = at, depth = 0; i < text.length && i < at + MAX_ARGUMENTS; i++) {
    const c = text[i];
    if (c === '\n' && bare && depth === 0) return { spans: [...spans, [start, i]], end: i };
    if (c === '"' || c === "'" || c === '`') {
      const close = text.indexOf(c, i + 1);
      if (close < 0 || close >= at + MAX_ARGUMENTS) break;
      i = close;
    } else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c) && depth-- === 0) return { spans: [...spans, [start, i]], end: i };
    else if (c === ',' && depth === 0) {
      spans.push([start, i]);
      if (spans.length > count) return { spans, end: i };
      start = i + 1;
    }
  }
  return { spans: bare && at + MAX_ARGUMENTS > text.length ? [...spans, [start, text.length]] : spans, end: at + MAX_ARGUMENTS };
}

/** The literal an argument (`text` from `start` to `end`) is, maybe made bytes: the literal's body's span. */
function keyLiteral(text: string, start: number, end: number): [number, number] | undefined {
  const argument = text.slice(start, end);
  const lead = /^[ \t\r\n]*/.exec(argument)![0].length;
  const opened = BYTES_OPENER.exec(argument.slice(lead))![0].length;
  const prefix = PREFIX.exec(argument.slice(lead + opened, lead + opened + 2))![0].length;
  const open = lead + opened + prefix;
  const quote = argument[open];
  if (quote !== '"' && quote !== "'" && quote !== '`') return undefined;
  for (let i = open + 1; i < argument.length && i - open <= 257; i++) {
    if (argument[i] === '\\') i++;
    else if (argument[i] === '\n') return undefined;
    else if (argument[i] === quote) {
      const body = argument.slice(open + 1, i);
      if (quote === '`' && body.includes('${')) return undefined;
      return BYTES_TAIL.test(argument.slice(i + 1)) ? [start + open + 1, start + i] : undefined;
    }
  }
  return undefined;
}

/** How far back a variable's assignment is looked for, and for how many arguments of one text (bounded on hostile text). */
const MAX_ASSIGNMENT_DISTANCE = 2048;
const MAX_ASSIGNMENT_LOOKUPS = 64;

/**
 * The literal an argument that is a variable was set to in a statement before it (known limit 53: C#'s `var bytes =
 * Encoding.UTF8.GetBytes("…");` then `new SymmetricSecurityKey(bytes)`, Go's `key := []byte("…")`, Python's `key =
 * b"…"`), maybe made bytes: its last assignment before `at`, on one line, the literal alone after `=`.
 */
function assignedLiteral(text: string, argument: [number, number], at: number): [number, number] | undefined {
  const name = /^[ \t\r\n]*([A-Za-z_]\w{0,63})[ \t\r\n]*$/.exec(text.slice(...argument))?.[1];
  if (!name) return undefined;
  const from = Math.max(0, at - MAX_ASSIGNMENT_DISTANCE);
  const window = text.slice(from, at);
  let last: RegExpExecArray | undefined;
  // A statement's assignment, maybe a declaration (`var`, `byte[]`, `let mut`), not a call's keyword argument (`key="…"`).
  const assignment = new RegExp(
    String.raw`(?:^|[;{}])[ \t]*(?:[A-Za-z_][\w.<>\[\]?*&]{0,63}[ \t]+){0,4}${name}[ \t]*(?::=|=(?![=>]))[ \t]*`,
    'gm',
  );
  for (const match of window.matchAll(assignment)) last = match;
  if (!last) return undefined;
  const start = from + last.index + last[0].length;
  const end = text.slice(start, at).search(/[;\n]|$/);
  return keyLiteral(text, start, start + end);
}

/** Where a text gives a call above a literal key: the key's span, for each one `judge` ('secret', its value) takes. */
export function signingKeySpans(text: string, judge: (key: string, value: string) => boolean): Array<[number, number]> {
  if (!CLUE.test(text)) return [];
  const spans: Array<[number, number]> = [];
  let lookups = 0;
  const assigned = (argument: [number, number], at: number) =>
    lookups++ < MAX_ASSIGNMENT_LOOKUPS ? assignedLiteral(text, argument, at) : undefined;
  for (const [call, index, context] of CALLS) {
    // A call inside another's arguments is not read again (`jwt.sign(jwt.sign(…`: each part of the text read once).
    let read = 0;
    for (const match of text.matchAll(call)) {
      if (match.index < read || (context && !context.test(text.slice(Math.max(0, match.index - CONTEXT), match.index)))) continue;
      const { spans: args, end } = argumentSpans(text, match.index + match[0].length, !match[0].endsWith('('), index);
      read = end;
      const key =
        args[index] &&
        (keyLiteral(text, args[index][0] + (KEY_LABEL.exec(text.slice(...args[index]))?.[0].length ?? 0), args[index][1]) ??
          assigned(args[index], match.index));
      if (key && key[1] > key[0] && judge('secret', text.slice(key[0], key[1]))) spans.push(key);
    }
  }
  const maker = (keyMaker ??= buildKeyMaker());
  let read = 0;
  for (const match of text.matchAll(maker)) {
    if (match.index < read) continue;
    const { spans: args, end } = argumentSpans(text, match.index + match[0].length, false, MAX_KEY_ARGUMENTS);
    read = end;
    for (const [from, to] of args.slice(0, MAX_KEY_ARGUMENTS)) {
      const argument = text.slice(from, to);
      const label = KEY_LABEL.exec(argument)?.[0].length ?? (OTHER_LABEL.test(argument) ? -1 : 0);
      const key = label >= 0 ? (keyLiteral(text, from + label, to) ?? assigned([from + label, to], match.index)) : undefined;
      const value = key && text.slice(key[0], key[1]);
      if (!key || !value || ALGORITHM.test(value) || (BARE_SIGNER.test(match[0]) && !looksGenerated(value))) continue;
      if (judge('secret', value)) spans.push(key);
    }
  }
  return spans;
}
