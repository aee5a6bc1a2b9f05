import { closesPromptString, isSetPromptLine, setsFromPrompt } from './cmd-prompts';
import { defaultLiteralSecret } from './code-defaults';
import { inCredentialSource } from './credential-sources';
import { isCodeOrStoreReference } from './code-references';
import { callRunningOn } from './code-declarations';
import { parsedJson } from './json-text';
import { isPasswordHash } from './password-hashes';
import { literalWordAt, opensBodyBelow, wholeLiteral } from './literal-bodies';
import { ASSIGNED_WORD, isPlaceholder, placeholderBeforeNote } from './placeholders';
import { isNoValueNoteAt, isProseAfterColon, isProseUnder } from './prose-values';
import { AUTH_SCHEME, isPlainlyNotSecret, labelsLine, namesSecretValue } from './secrets-keys';
import { closeOf, expansionWordAt, isCutShellWord, substitutionQuotedAt } from './shell-expansions';
import { isSchemeExpansion, isSchemeReference, isShellExpansion } from './scheme-expansions';
import { withSqlReferences } from './sql-references';
import { isToolReference } from './tool-references';
import { unpairedQuote } from './quoted-words';
import { withChecksumPrefix } from './named-setting-values';
import { decodeEscapes } from './yaml-escapes';
import { isImageOrHostName } from './image-names';
import { expansionDefault, newExpansionReading } from './expansion-defaults';
import { afterFromFile, inGeneratorFileSource } from './file-sources';
import { isSshPublicKeyLine } from './ssh-public-keys';

/**
 * A secret set inside one text by a key named like one, whatever the notation: `password:abc` (glued),
 * `db_password=abc` (a word of a command line or an env file), `password: abc` (a YAML line), `password = "abc"`
 * (TOML, INI), `Authorization: Bearer abc` (an HTTP header, alone or quoted in a command line),
 * `{"token": "abc"}` (JSON or YAML flow; JSON that parses is read as data by secretsInData). The shape decides,
 * not the words around it: a key named like a secret, `:` or `=`, and a value that is not only a reference.
 */

/**
 * A value that only refers to a secret kept elsewhere: Kubernetes' `$(VAR)` expansion, a `${VAR}` substitution (a
 * shell's, envsubst's, Flux's postBuild from a Secret), several glued (`${A}${B}`), an HTTP auth scheme then one
 * (`Bearer ${API_TOKEN}`), an empty value. Blanks around it are none of it: a `|` or `>` block keeps a final line break.
 * Any other text next to a reference (`${A}abc`, `Bearer ${A}abc`, `${A} # abc`) makes it a value again. Code that
 * reads a variable named like a secret, a secret store's reference and a sops ciphertext refer too (code-references.ts).
 */
export function isReference(value: string): boolean {
  const trimmed = value.trim();
  if (isCodeOrStoreReference(trimmed)) return true;
  const blank = trimmed.search(/[ \t]/);
  if (blank < 0) return trimmed === '' || REFERENCES.test(trimmed);
  return AUTH_SCHEME.test(trimmed.slice(0, blank)) && REFERENCES.test(trimmed.slice(blank).trimStart());
}

/** References only, glued (`$(A)`, `${A}${B}`). */
const REFERENCES = /^(?:\$(?:\([A-Za-z_][A-Za-z0-9_]*\)|\{[A-Za-z_][A-Za-z0-9_]*\}))+$/;

/** A backslash and the blank a continued line's break was folded to. */
const FOLDED_BREAK = /^\\[ \t]+(?=\S)/;
/**
 * A value of a multi-line text (its lines, its data read as YAML: secretsInLines, secretsInData) that only refers to a
 * secret (attack round 39a-7): isReference's, or (`shell`, where the text is one a shell or a program expands) a shell's
 * expansion of an environment variable, alone or after an auth scheme (`$TOKEN`, `"$API_TOKEN"`, `Bearer $TOKEN`,
 * `$(cat /run/secrets/pw)`). A variable's name is upper-case there: `password: $notAReferenceAbc123` in a file may be
 * a password that starts with `$` (a one-line text takes any name: setsSecret).
 */
export const refersOnly = (value: string, shell = true): boolean =>
  FOLDED_BREAK.test(value) ? refersOnly(value.replace(FOLDED_BREAK, ''), shell) : refersOnlyUnfolded(value, shell);
const refersOnlyUnfolded = (value: string, shell: boolean): boolean =>
  isReference(value) || (shell && (isEnvExpansion(value) || isSchemeExpansion(value, isEnvExpansion)));
/** isShellExpansion's, each `$name` upper-case (`$(…)` and `${…}` aside). */
const isEnvExpansion = (word: string): boolean =>
  isShellExpansion(word) && !/\$(?![A-Z_][A-Z0-9_]*(?!\w))[A-Za-z_]/.test(word.replace(/\$\([^()]*\)|\$\{[^{}]*\}/g, ''));

/** Whether `value`, set under `key` in a text, is a secret: the one rule of every notation below (and of secretsInLines). */
// A lone `-` is standard input, or what a shell's `${PW:-}` leaves. A value opening a substitution it does not close
// (`"$(<` where YAML folds a line, `$(cat f | tr -d '` where a decoding broke one) is a shell word cut short (false47).
// A line that goes on at the next (`db.password=\`, `token = \`) has its value there, or after the blank YAML folds the
// break to (`\ ${DB_PASSWORD}`): that is judged (48a-6; isPlainlyNotSecret takes a lone `\`).
export const setsSecret = (key: string, value: string): boolean => setsUnfolded(key, value.replace(FOLDED_BREAK, ''));
const setsUnfolded = (key: string, value: string): boolean =>
  namesSecretValue(key) &&
  value !== '-' &&
  !literalSetsNone(key, value) &&
  !isReference(unquote(value)) &&
  !isShellExpansion(unquote(value)) &&
  !isSchemeReference(unquote(value)) &&
  !isCutShellWord(value) &&
  !isPlainlyNotSecret(unquote(value), key);

/** A value that is one literal of a language (`@""`, `r#"${PW}"#`, `$"{pw}"`, literal-bodies.ts) whose body sets no secret. */
function literalSetsNone(key: string, value: string): boolean {
  // `password = <<~EOT` on its line: the body below is the value (literal-forms.ts judges it there).
  if (opensBodyBelow(value)) return true;
  const literal = wholeLiteral(value);
  // An empty quote (`@""`, `L""`) is judged as written, as before: a reading that removes its quotes (`@`) judges it again.
  if (!literal || (literal.value === '' && literal.quote)) return false;
  return literal.value === '' || literal.interpolatedOnly || !setsSecret(key, literal.value);
}

/** `password:hunter2`: a secret key glued to its value (YAML then reads one text, or one key); the part after the colon. */
export function gluedSecret(text: string): string | undefined {
  const glued = /^([A-Za-z][\w.-]*):(?!\/\/)(\S.*)$/s.exec(text);
  return glued && setsSecret(glued[1], glued[2]) && !isImageOrHostName(text, 0, glued[1], glued[2]) ? glued[2] : undefined;
}

/**
 * `key=` or `key:` starting a word of a text (after anything but a word's letter, digit, `_`, `.` or `-`: a blank, `;`,
 * `|`, `(`, a quote, a backtick, `$`, a flag's `=` or a prefix's `:`, as in `tag:db_password=`; a key may start with
 * `_`, as in `_password=`), maybe after a path
 * (`refs/heads/password=`, `/x?token=`): the key and its separator.
 */
// A key is read whole, once (a lookahead and its backreference: no backtracking into it), from the start of a word,
// so each word is read once. After a path it is bounded, as the path is: many starts (`,,,…`) lead to one key, and an
// unbounded path or key made every position of a long text without blanks (`a=a=a=…`) scan to its end; a path is
// tried from every word start, so its bound is short (64: 800 KB of `a:` took seconds at 256). A key after a longer
// path, or a longer key, is still read from its own start (a `/`, `?` or `,` ends a word).
// `KEY==x` sets `=x` (a shell or env file); `KEY == x` and `===` compare; `Hmac::new` is a Rust or C++ path, no key.
const WORD_KEY =
  /(?<![\w.-])(?:[^\s=;&"']{0,64}[/?,](?=([A-Za-z_][\w.-]{0,127}))\1|(?=([A-Za-z_][\w.-]*))\2)(=>?(?!=[\s=]|=$)|:(?!\/\/|:))/g;

/** A quoted value at `at` in `text` (`"a \" b"`, `'it''s'`): its content unquoted and unescaped, and where it ends (or none). */
export function quotedValueAt(text: string, at: number): { value: string; end: number } | undefined {
  // A backtick pair too: a shell's command substitution, whose words are one value (`` DB_PASSWORD=`cat x y` ``).
  const quoted = /"(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*'|`[^`\n]*`/y;
  quoted.lastIndex = at;
  const match = quoted.exec(text);
  // `"$(cat "$F")"`: read to the quote the shell closes it with (shell-expansions.ts).
  const substitution = match && substitutionQuotedAt(text, at, at + match[0].length);
  return substitution || (match ? { value: unquote(match[0]), end: at + match[0].length } : undefined);
}

/**
 * `db_password=abc` as a word of a text (an env file's line, a connection string, `refs/heads/password=abc`
 * after a path), or `X-Auth-Token:abc` glued in a command line: the first such value. A quoted value
 * (`DB_PASSWORD="correct horse battery"`, or the whole word quoted: `'DB_PASSWORD=correct horse'`) runs to its
 * closing quote, blanks included, and is given without its quotes.
 */
// A PKCS#11 URI's path attributes name a token and an object (RFC 7512: `pkcs11:token=label;object=key`, curl --cert,
// 37a-8); its query's `pin-value` is a secret still. Read back at most 200 characters (a URI's path is short).
const inPkcs11Path = (text: string, at: number): boolean => /pkcs11:[^\s'"?]*$/i.test(text.slice(Math.max(0, at - 200), at));
// Round 38a-6: an AWS Secrets Manager ARN's `:secret:<name>` names the secret (the `SecretId` AWS's API takes), no value.
// One pattern of the ARN up to its account, for both readers: assignedSecret skips a `secret:` key after it
// (inSecretsManagerArn), keyedSecret reads the text without it (ARN_SECRET).
const SECRETS_MANAGER_ARN = String.raw`arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}`;
// Traefik's `urn:k8s:secret:<name>:<key>` names a Secret and its key too (code-references.ts STORE_REFERENCE, 61a-13):
// no key inside it sets a value (`secret:`, a name `apikey:`).
const ARN_BEFORE = new RegExp(`(?:${SECRETS_MANAGER_ARN}:|(?<![\\w:])urn:k8s:(?:secret:(?:[a-z0-9][-a-z0-9.]{0,252}:)?)?)$`);
const inSecretsManagerArn = (text: string, at: number): boolean => ARN_BEFORE.test(text.slice(Math.max(0, at - 200), at));

/** An AWS Secrets Manager ARN up to its `:secret:` (the name after it is no value). */
const ARN_SECRET = new RegExp(`(${SECRETS_MANAGER_ARN}):secret:`, 'g');
/** Traefik's `urn:k8s:secret:<name>:<key>` (ARN_BEFORE), read as one word: no key inside it sets a value. */
const K8S_URN = /(?<![\w:])urn:k8s:secret:[a-z0-9][-a-z0-9.]{0,252}:[-._a-zA-Z0-9]{1,253}/g;
/** A PKCS#11 URI's path not followed by a query (read once: `(?=(…))\1` gives nothing back). */
const PKCS11_PATH = /pkcs11:(?=([^\s'"?]*))\1(?!\?)/g;

export function assignedSecret(text: string): string | undefined {
  if (!/[=:]/.test(text)) return undefined;
  const reading = newExpansionReading();
  for (const match of text.matchAll(WORD_KEY)) {
    const [whole, keyAfterPath, key = keyAfterPath, separator] = match;
    // The key first: a value is read (to the end of its word, which may be the whole text) only under a secret's name.
    if (
      !namesSecretValue(key) ||
      inPkcs11Path(text, match.index) ||
      inSecretsManagerArn(text, match.index) ||
      inCredentialSource(text, match.index) ||
      afterFromFile(text, match.index) ||
      inGeneratorFileSource(text, match.index + whole.length - separator.length - key.length) || // kustomize's `files` (80a-12)
      setsFromPrompt(text, match.index, match.index + whole.length) // cmd's `set /p PW=Password: ` (cmd-prompts.ts)
    )
      continue;
    const start = match.index + whole.length;
    let value: string | undefined;
    if (separator === ':' && text.slice(match.index - 2, match.index) === '${') {
      // A shell's `${DB_PASSWORD:-default}` (36a-9): the variable is a reference; a default given there is a value.
      value = expansionDefault(text, start, reading);
    } else if (separator === ':') {
      // Glued (`X-Auth-Token:abc`): the rest of the word, maybe closing the quote the word opened with.
      value = wordAt(GLUED_VALUE, text, start)?.[1];
      // An image's name and tag, a URL's host and port (`ghcr.io/acme/token-service:v1`, `//token-service:8080`, 56a-7).
      if (value !== undefined && isImageOrHostName(text, start - separator.length - key.length, key, value)) continue;
    } else {
      const opener = text.charAt(match.index - 1);
      const close = /["']/.test(opener) ? text.indexOf(opener, start) : -1;
      value =
        quotedValueAt(text, start)?.value ??
        literalWordAt(text, start) ?? // `PASSWORD=$"$PW"`, `password=@"…"` (literal-bodies.ts)
        (close >= 0 && !text.slice(start, close).includes('\n')
          ? text.slice(start, close)
          : (expansionWordAt(text, start) ?? wordAt(ASSIGNED_WORD, text, start)![0].replace(/(?<=.)(["'])[,.:)\]}]{0,2}$/, unpairedQuote)));
      value = callRunningOn(text, start, value); // `password=config.get("db", "password")` (code-declarations.ts)
    }
    // A quoted env line with its note (`"DB_PASSWORD=changeme  # replace before use"`: placeholders.ts, 52a-18); a catalogue's label (72b-10).
    if (value === undefined || !setsSecret(key, placeholderBeforeNote(value) ?? value) || labelsLine(text, start, key)) continue;
    // `HTTP_AUTHORIZATION=Bearer abc`: the credential is the word after the scheme.
    const next =
      separator === '=' && AUTH_SCHEME.test(value)
        ? text
            .slice(start + value.length)
            .trim()
            .split(/[\s;&"']/)[0]
        : '';
    if (next && isReference(next)) continue;
    return next || value;
  }
  return undefined;
}

/** The rest of a glued value's word, maybe closing a quote (`X-Auth-Token:abc`). */
const GLUED_VALUE = /([^\s"']+)["']?(?:\s|$)/y;

/** `pattern` (sticky) matched at `at` in `text`: no copy of the text's rest, so each read costs only what it matches. */
function wordAt(pattern: RegExp, text: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(text);
}

/** Blanks but a line break: a space, a tab, a no-break or other Unicode space. */
const BLANK = '[^\\S\\n]';
/** `key: value`, `key = value`, `"key": value` filling a whole text (or a quoted part of one), maybe after a path (`deploy/token: abc`); a name may start with digits (`2FA_KEY`, 69a-12). */
const KEYED = new RegExp(`^(?:[^\\s"':=]*[/?,])?(["']?)((?:\\d{1,3})?[A-Za-z][\\w.-]*)\\1${BLANK}*(?::(?!//)|=>?(?!=))${BLANK}*(\\S.*)$`);
/**
 * A key after other words, then `:` or `=` (`root password: x`, `(password: x)`, `$password = "x"`, `*password*: x`,
 * `"password": x`): the key, and where its value starts (after an opening bracket or quote).
 */
const KEY_AFTER_WORDS = new RegExp(
  `(?<![\\w.-])(?=([A-Za-z_][\\w.-]*))\\1[\\]"'\u2019\u201d*>)\`]{0,2}${BLANK}*(?::(?!//)|=>?(?!=))${BLANK}*[(\\[\u2018\u201c\`<]?`,
  'g',
);
/** A value's first word, up to a blank, a clause's end or a closing bracket or quote. */
const VALUE_WORD = /[^\s,;"'`()[\]{}<>\u2018\u2019\u201c\u201d]+/y;
/** What may close around a value: brackets, quotes, emphasis. */
const CLOSING = /[)\]}>"'`*\u2019\u201d]*/y;

/**
 * The value of a key after other words where it reads as set, not as prose: a quoted text, or a word that ends the
 * text, a clause (`,`, `;`, a sentence's `.`) or a bracket (`db password = x, then restart`, `(password: x) now`), or
 * that no prose word looks like, letters with digits (`the root password: hunter2 is set`). Prose runs on after
 * its first word: `the password: see the Secret`.
 */
function valueAfterWords(part: string): string | undefined {
  for (const match of part.matchAll(KEY_AFTER_WORDS)) {
    const key = match[1];
    // `${API_TOKEN:-$OTHER}` is a shell's parameter (assignedSecret judges its default), no `key: value` (false47).
    if (!namesSecretValue(key) || afterFromFile(part, match.index) || part.slice(match.index - 2, match.index) === '${') continue;
    const at = match.index + match[0].length;
    if (match[0] === `${key}:` && isImageOrHostName(part, match.index, key, part.slice(at))) continue; // 56a-7
    if (isPasswordHash(/^\S*/.exec(part.slice(at))![0].replace(/(?<![,;)}\]])[,;)}\]]+$/, ''))) continue; // a PHC hash's `m=…,t=…,p=…` is no list's comma (53a-16)
    // The rest of the text a stand-in, its opening bracket with it (`[REDACTED]`, `ENC[AES256_GCM,…]`: placeholders.ts, 52a-18), or prose (`# Secret: sealed`, 70a-14).
    if (isPlaceholder(part.slice(/[[<]$/.test(match[0]) ? at - 1 : at)) || isNoValueNoteAt(part, at)) continue;
    if (isToolReference(part.slice(at)) || closesPromptString(part, at)) continue; // Go's `cfg.DBPassword,` (68a-13), a prompt (70a-8)
    if (isSshPublicKeyLine(part.slice(at))) continue; // `SSH_AUTHORIZED_KEY=ssh-ed25519 AAAA… ops@example.com`: public (80a-21)
    let value = quotedValueAt(part, at)?.value ?? literalWordAt(part, at); // `= @"…"`, `= r#"…"#` (literal-bodies.ts)
    if (value === undefined) {
      const word = wordAt(VALUE_WORD, part, at)?.[0];
      if (word === undefined) continue;
      // `password = hashlib.sha256(raw).hexdigest()`: a name called, the call is the value; code sets none (50a-13).
      const called = part.charAt(at + word.length) === '(' && part.length - at <= 1024 && /^[A-Za-z_$][\w$.]*$/.test(word);
      const call = called ? part.slice(at) : ''; // a call read up to 1 KiB (a line of many is not read to its end from each)
      if (call && !setsSecret(key, call.replace(/[\s;,]+$/, ''))) continue;
      const bare = withoutStops(word);
      const closing = wordAt(CLOSING, part, at + word.length)![0];
      const after = at + word.length + closing.length;
      const next = part.charAt(after);
      const ends = after === part.length || next === ',' || next === ';' || /[)\]}>]/.test(closing) || (bare !== word && /\s/.test(next));
      const unlikeProse = bare.length >= 6 && /[A-Za-z]/.test(bare) && /\d/.test(bare);
      if (!ends && !unlikeProse) continue;
      if (match[0].endsWith('<') && closing.startsWith('>') && isPlaceholder(`<${bare}>`)) continue; // `<your-password>`
      value = bare;
    }
    if (setsSecret(withChecksumPrefix(part, key), value)) return value;
  }
  return undefined;
}

/**
 * A word without the `.`, `!` or `?` that end it, trimmed from its end: `/[.!?]+$/` tried each start of a run that does
 * not end the word (`x!!!…!a`), quadratic (58 s for 200,000, attack round 32a-9).
 */
function withoutStops(word: string): string {
  let end = word.length;
  while (end > 0 && '.!?'.includes(word[end - 1])) end--;
  return word.slice(0, end);
}

/**
 * The quoted parts of one line of a command line (`curl -H 'X-Auth-Token: abc' http://x`), their escapes undone, in
 * one pass: where a double quote finds no closing one, no later one can (the scan from a later quote runs as the
 * first did), so the rest of the line is not scanned again for each (quadratic in a text of many `\"`).
 * A double-quoted part holding a substitution with quotes of its own (`"Authorization: Basic $(echo -n "$U:$P" |
 * base64)"`) runs to the quote the shell closes it with (substitutionQuotedAt), and quoted halves a shell joins into
 * one word (`'Authorization: Bearer '"$TOKEN"`) are read joined, as the shell passes them (71a-14): a half the next
 * one goes on from is no part of its own, so `'Authorization: Bearer '"Zq9…"` is read as the literal it makes.
 */
function quotedParts(line: string): string[] {
  const parts: string[] = [];
  const double = /"((?:[^"\\]|\\.)*)"/y;
  let doubleCloses = true;
  // The halves of the word being read, and where its last one ends.
  let halves: string[] = [];
  let wordEnd = -1;
  const endWord = (): void => {
    if (halves.length) parts.push(halves[halves.length - 1]);
    if (halves.length > 1) parts.push(halves.join(''));
    halves = [];
  };
  for (let i = 0; i < line.length; i++) {
    let part: { value: string; end: number } | undefined;
    if (line[i] === "'") {
      const end = line.indexOf("'", i + 1);
      if (end >= 0) part = { value: line.slice(i + 1, end), end: end + 1 };
    } else if (line[i] === '"' && doubleCloses) {
      double.lastIndex = i;
      const match = double.exec(line);
      if (!match) doubleCloses = false;
      else part = substitutionQuotedAt(line, i, double.lastIndex) ?? { value: decodeEscapes(match[1]), end: double.lastIndex };
    }
    if (!part) continue;
    if (i !== wordEnd) endWord();
    halves.push(part.value);
    wordEnd = part.end;
    i = part.end - 1;
  }
  endWord();
  return parts;
}
/**
 * A `${VAR}` substitution inside a flow's plain value: one part of the value, not a value `$` then a flow map. So is one
 * that only checks the variable or leaves it empty (59a-14: `${DB_PASSWORD:?must be set}`, `${X?}`, `${X:-}`), whose
 * message or empty default is no value (`${X:-abc}` is not one: its default is read then as a value `$`).
 */
export const SUBSTITUTION = '\\$\\{[A-Za-z_][A-Za-z0-9_]*(?::?\\?[^{}\\n]*|:?[-=])?\\}';
/** A pair of a JSON object or YAML flow mapping, anywhere in a text: `{"token":"abc"}`, `, password: abc}`. */
const FLOW_PAIR = new RegExp(
  `(?:^|[{,])${BLANK}*(?:"((?:[^"\\\\\\n]|\\\\.)*)"|'([^'\\n]*)'|([A-Za-z][\\w.-]*))${BLANK}*:` +
    `(?:${BLANK}*("(?:[^"\\\\\\n]|\\\\.)*"|'[^'\\n]*')|${BLANK}+((?:${SUBSTITUTION}|[^\\s,{}[\\]])(?:${SUBSTITUTION}|[^,{}[\\]\\n])*))`,
  'g',
);

/** A secret set by a key in one line of text (see above), or undefined. Multi-line text goes line by line (secretsInLines). */
export function keyedSecret(text: string): string | undefined {
  if (text.includes('\n') || !/[:=]/.test(text) || isSetPromptLine(text)) return undefined;
  // A carriage return or a Unicode line separator breaks a line too, where no `\n` does.
  if (/[\r\u2028\u2029]/.test(text))
    return text
      .split(/[\r\u2028\u2029]/)
      .map(keyedSecret)
      .find((value) => value !== undefined);
  // A PKCS#11 URI's path without a query (`'pkcs11:token=label;object=key'`) sets no secret (inPkcs11Path), nor does a
  // Secrets Manager ARN's `:secret:<name>` (inSecretsManagerArn; attack round 39a-7: DB_SECRET_ARN=arn:…:secret:prod/db).
  const withoutPkcs11 = text.includes('pkcs11:') ? text.replace(PKCS11_PATH, 'pkcs11:') : text;
  const trimmed = withSqlReferences(
    (withoutPkcs11.includes(':secretsmanager:') ? withoutPkcs11.replace(ARN_SECRET, '$1:') : withoutPkcs11).replace(K8S_URN, 'urn'),
  ).trim();
  // The text, a value after a leading flag (`--header=Authorization: Bearer abc`), and each quoted part.
  const parts = [trimmed, trimmed.replace(/^--?[\w.-]+=/, ''), ...quotedParts(trimmed)];
  for (const part of parts) {
    const keyed = KEYED.exec(part);
    const value = keyed && (placeholderBeforeNote(keyed[3]) ?? keyed[3].trim());
    const named = keyed ? withChecksumPrefix(part, keyed[2]) : ''; // `checksum/secret: <sha256>` (68a-17)
    if (keyed && value && setsSecret(named, value) && !isExpansionBeforeCommand(part) && !isProseAfterColon(part, keyed[3]))
      if (!gluedName(part, keyed[2], keyed[3])) return asWritten(keyed[3].trim(), text);
  }
  // `root password: hunter2` at the end of a sentence: a set value, not prose (see KEY_AFTER_WORDS).
  for (const part of parts) {
    const value = valueAfterWords(part);
    if (value !== undefined) return asWritten(value, text);
  }
  // A JSON text quoted inside another (`'{\"password\": \"abc\"}'`) is read with its quotes undone.
  for (const flow of trimmed.includes('\\"') ? [trimmed, trimmed.replace(/\\"/g, '"')] : [trimmed]) {
    for (const pair of flow.matchAll(FLOW_PAIR)) {
      const [, doubleQuoted, singleQuoted, plain, quotedValue, plainValue] = pair;
      const key = doubleQuoted !== undefined ? decodeEscapes(doubleQuoted) : (singleQuoted ?? plain);
      const value = (quotedValue ?? plainValue).trim();
      // A plain value cut at a bracket runs on (`'PASSWORD': os.environ['DB_PASSWORD'],`): judged whole where it refers
      // (read up to 1 KiB, so a text of many such pairs is not read to its end from each), as is one cut at a call's comma
      // (`'PASSWORD': os.getenv('DB_PASSWORD', ''),}`), closing brackets and commas after it left out.
      const start = pair.index + pair[0].length - (plainValue?.length ?? 0);
      if (
        plainValue !== undefined &&
        (/[[(]/.test(flow.charAt(start + plainValue.length)) || plainValue.includes('(')) &&
        flow.length - start <= 1024 &&
        [isReference, isPlaceholder].some((refers) => refers(withoutUnopened(flow.slice(start).replace(/[\s,;}]+$/, '')))) // ENC[…]: 52a-18
      )
        continue;
      // A PHC hash's parameters (`$argon2id$v=19$m=65536,t=3,p=4$…`) are no flow's pairs: the hash is judged whole (53a-16).
      // `password: ${DB_PASSWORD:-${DB_PASS}}` cut at the expansion's `{`: judged whole, read up to 1 KiB (64a-15).
      const opened = plainValue?.endsWith('$') && flow.charAt(start + plainValue.length) === '{';
      const close = opened ? closeOf(flow.slice(start, start + 1024), plainValue!.length - 1) : -1;
      if (close > 0 && !setsSecret(key, flow.slice(start, start + close))) continue;
      if (plainValue !== undefined && isPasswordHash(/^\S*/.exec(flow.slice(start))![0].replace(/[,}\]]+$/, ''))) continue;
      // `Token: ask the platform team.` read as a flow's first pair: prose that fills the text (KEYED, 49a-10).
      if (plainValue !== undefined && pair.index === 0 && !/^\s*[{,]/.test(pair[0]) && isProseUnder(key, flow.slice(start))) continue;
      if (plainValue !== undefined && pair.index === 0 && isToolReference(flow.slice(start))) continue; // `#{DB.Password}` cut at `{` (68a-13)
      if (value && setsSecret(key, value)) return asWritten(value, text);
    }
  }
  return defaultLiteralSecret(trimmed, setsSecret);
}

/** `name:value` glued at the end of `part` that is an image's name and tag or a host and port (image-names.ts, 56a-7). */
function gluedName(part: string, key: string, value: string): boolean {
  const keyStart = part.length - value.length - 1 - key.length;
  return part.slice(keyStart, keyStart + key.length + 1) === `${key}:` && isImageOrHostName(part, keyStart, key, value);
}

/** `value` without the closing brackets (and separators) at its end that it never opened (`f({"pw": os.environ["PW"]})`, 47a-2). */
function withoutUnopened(value: string): string {
  const opener: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  const count = (c: string, end: number) => value.slice(0, end).split(c).length - 1;
  let end = value.length;
  for (let c = value[end - 1]; end > 0; c = value[--end - 1]) {
    if (opener[c] === undefined ? !/[\s,;]/.test(c) : count(c, end) <= count(opener[c], end)) break;
  }
  return value.slice(0, end);
}

/**
 * A shell's assignment before a command (`DB_PASSWORD=$PW ./run`, `DB_PASSWORD="$PW" ./run`, 38a-10): the value is the
 * first word, an expansion; the words after it are the command's.
 */
export function isExpansionBeforeCommand(part: string): boolean {
  // A command word follows: not a `#` or `;` (`DB_PASSWORD=${A} #x` in an env file sets `${A} #x`, 32a-2).
  const assignment = /^[A-Za-z_]\w*=("[^"]*"|'[^']*'|[^\s"']+)[ \t]+[^\s#;]/.exec(part);
  return (!!assignment && isShellExpansion(unquote(assignment[1]))) || isExpansionBeforeSeparator(part);
}

/**
 * `PASSWORD="$(cat /run/secrets/pw)"; app`, `TOKEN=$(vault print token) && app` (47a-9): a shell's assignment ended by
 * `;`, `&&`, `||`, `|`, `&` or a command word, its value an expansion read to its shell close (quotes nested inside it too); the
 * commands after the separator are judged by the command readers like any other.
 */
function isExpansionBeforeSeparator(part: string): boolean {
  const at = /^[A-Za-z_]\w*=/.exec(part)?.[0].length;
  if (at === undefined || !/^(?:"?\$[({]|"?\$[A-Za-z_])/.test(part.slice(at, at + 3))) return false;
  const end =
    part[at] === '"' || part[at + 1] === '(' || part[at + 1] === '{' ? closeOf(part, at) : /^\$\w+/.exec(part.slice(at))![0].length + at;
  return end > 0 && /^(?:[ \t]*(?:;|&&?|\|\|?)|[ \t]+[^\s#;])/.test(part.slice(end)) && isShellExpansion(unquote(part.slice(at, end)));
}

/** A quoted value without its quotes where the text holds it so (then every rendering of the text shows it so). */
function asWritten(value: string, text: string): string {
  const plain = unquote(value);
  return plain && text.includes(plain) ? plain : value;
}

/** `"a\"b"` -> `a"b`, `'it''s'` -> `it's`; anything else as it is. */
export function unquote(value: string): string {
  if (/^"(?:[^"\\]|\\.)*"$/.test(value)) {
    const json = parsedJson(value);
    return json ? (json.value as string) : value.slice(1, -1);
  }
  return /^'(?:[^']|'')*'$/.test(value) ? value.slice(1, -1).replace(/''/g, "'") : value;
}
