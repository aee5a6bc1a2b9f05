import { namesSecretValue } from './secrets-keys';
import { setsSecret } from './secrets-text';
import { mayHoldSigningKey, signingKeySpans } from './signing-key-calls';

/**
 * Attack round 49a-5: a secret's name set to a plain string literal in a common form of a language that the quote
 * readers (secrets-text.ts `password = "…"`) and literal-forms.ts do not take, the literal the value:
 * - a call that makes a string of the literal (a wrapper: the literal is the value): Rust's `String::from("…")`,
 *   `String::new`, `Secret::new(…)`, `SecretString::from(…)`, `Box::from`; Java's `new String("…")`, `String.valueOf`;
 *   C++'s `std::string("…")`, `std::wstring`, `QString`, `QStringLiteral`, `CString`, MFC's `_T("…")` and `TEXT("…")`;
 *   JavaScript's tagged `String.raw\`…\``; Python's `str("…")`, `bytes("…")`, `SecretStr("…")`;
 * - C++'s brace initialisation `std::string password{"…"}` (the name, then `{` and the literal);
 * - Visual Basic's `Dim password As String = "…"`, `Const Password As String = "…"`, a type character glued to the
 *   name (`Private Const API_TOKEN$ = "…"`);
 * - a quote's prefix together with C++'s literal suffix (`u"…"s`, `L"…"sv`, `"…"_pw`: std::literals);
 * - C/C++'s and Python's adjacent literals, which the compiler joins (`const char password[] = "ab" "cd";`): the value
 *   is all of them, one after the other;
 * - a typed declaration's plain literal (50a-4): Rust's `let secret: &str = "…"`, `static SECRET: &'static str`, Go's
 *   `var secret string = "…"`, TypeScript's and Kotlin's `: string =`/`: String =`;
 * - C's `strdup("…")`, Go's `[]byte("…")`, Node's `Buffer.from('…')`, a format of one placeholder (`String.format("%s",
 *   "…")`, `fmt.Sprintf("%v", "…")`) as a wrapper (50a-8);
 * - C's array declaration and designator (51a-4): `char password[] = "…"`, `constexpr char kApiToken[N] = "…"`,
 *   `= {"…"}`, `{ .user = "bob", .password = "…" }` (a brace after `=` holding one literal, no object's key);
 * - a JSON Web Token's or an HMAC's signing key given as a literal, whatever the variable is called (`jwt.sign(payload,
 *   '…')`, `hmac.new(b"…", …)`, `Algorithm.HMAC256("…")`: signing-key-calls.ts), judged as a value named `secret`.
 * A name's form that the quote readers take already (`password = "…"` alone) is left to them. A reference, a
 * placeholder or an interpolation only (`String::from("${PW}")`, `new String(System.getenv("PW"))`: no literal right
 * after the wrapper) sets none (setsSecret).
 */

/** What such a value is called in findings (`FoundSecret.what`). */
export const WRAPPED_LITERAL_SECRET =
  'a string literal set under a name like a secret through a wrapper or a form of a language (String::from("…"), new String("…"), String.raw`…`, Dim … As String = "…", std::string x{"…"}, u"…"s, adjacent literals) or a key literal given to a JWT, HMAC, cipher or key derivation call (jwt.sign, AES.new, Fernet, createCipheriv, pbkdf2, scrypt)';

/** A format call whose format is one placeholder (`String.format("%s", "…")`, `fmt.Sprintf("%v", …)`): its argument is the value. */
const FORMAT_ONE = String.raw`(?:String[ \t]*\.[ \t]*(?:format|Format)|string[ \t]*\.[ \t]*Format|fmt[ \t]*\.[ \t]*Sprintf|sprintf|format)[ \t]*\([ \t]*(?:"(?:%[sv]|\{0?\})"|'(?:%[sv]|\{0?\})')`;

/** The calls that make a string of their literal argument (group: their name), then the literal's opener. */
const WRAPPER = String.raw`(?:new[ \t]+(?:java\.lang\.)?String[ \t]*\(|(?:std::)?(?:w|u8|u16|u32)?string(?:_view)?[ \t]*[({]|(?:String|Secret(?:String|Str|Box|Vec)?|Box|Rc|Arc|Cow|Zeroizing|SecUtf8|OsString|CString|Vec)[ \t]*(?:<[^<>\n]{0,64}>)?[ \t]*::[ \t]*(?:from|new|from_str|from_utf8)[ \t]*\((?:[ \t]*&)?|String[ \t]*\.[ \t]*(?:raw(?=[ \t]*\x60)|valueOf[ \t]*\(|from[ \t]*\()|(?:QString(?:Literal)?|QLatin1String|QByteArray|CString|CStringW|CStringA|_T|TEXT|_TEXT|SecretStr|SecretBytes|SecureString|str|bytes|Some|Sensitive|[gx_]?strn?dup|wcsdup|\[\][ \t]*byte|Buffer[ \t]*\.[ \t]*from|new[ \t]+TextEncoder[ \t]*\([ \t]*\)[ \t]*\.[ \t]*encode)[ \t]*\(|${FORMAT_ONE}[ \t]*,)[ \t]*`;

/** The name, maybe typed (VB's `As String`, a type character `$`, Rust's `: String`), then `=`/`:=`/`:`, or a brace. */
const buildNamed = (): RegExp =>
  new RegExp(
    // A C designator (`{ .password = "…" }`, `.password = "…",` on a line of its own: 51a-4) or a name alone.
    String.raw`(?:(?<=(?:^|[{,\n])[ \t]{0,64})(\.)|(?<![\w.$]))([A-Za-z_]\w{0,127})([$%&#]?)(?:[ \t]*(\[[\w \t+*-]{0,32}\]))?` +
      String.raw`(?:([ \t]+As[ \t]+(?:New[ \t]+)?[\w.]{1,64}(?:\(\))?)|([ \t]*:[ \t]*(?:[\w&*<>'\[\],.? ]|::){1,64}?(?=[ \t]*=)|[ \t]+(?:\*|\[\])?(?:string|byte|rune)(?=[ \t]*=)))?` +
      String.raw`(?:[ \t]*(:=|=(?![=~>])|:(?![:=/]))[ \t]*(${WRAPPER}|\{[ \t]*)?|([ \t]*\{[ \t]*))` +
      String.raw`(?=(?:u8|[uUL])?["'\x60])`,
    'gi',
  );
let named: RegExp | undefined;

/** Text that may hold one of the forms above (the name's operator and a wrapper or VB's `As`, a brace, a prefix, jwt, an array, a designator). */
const CLUE =
  /\][ \t]*=|(?:^|[{,\n])[ \t]*\.[A-Za-z_]|::[ \t]*(?:from|new)|new[ \t]+(?:java\.lang\.)?String|String[ \t]*\.|string[ \t]*[({]|[ \t]As[ \t]|\w[$%&#][ \t]*=|[({][ \t]*["'\x60]|["'][ \t]+["']|(?<!\w)(?:u8|[uUL])["']|(?:str|string|byte|rune)[ \t]*=[ \t]*(?:u8|[uUL])?["'\x60]|strn?dup|byte[ \t]*\(|Buffer[ \t]*\.|format[ \t]*\(|Sprintf|jw[st]|jose|hmac|SignedString|SigningKey|SecretKeySpec|signWith|TextEncoder/i;

/** The longest literal read. */
const MAX_LITERAL = 256;

/** A plain literal at `at` (a quote's prefix before it allowed), its body, where it ends and its C++ suffix. */
function plainAt(text: string, at: number): { start: number; end: number; after: number; prefix: string; suffix: string } | undefined {
  const prefix = /^(?:u8|[uUL])?/.exec(text.slice(at, at + 2))![0];
  const quote = text[at + prefix.length];
  if (quote !== '"' && quote !== "'" && quote !== '`') return undefined;
  const start = at + prefix.length + 1;
  for (let i = start; i < text.length && i - start <= MAX_LITERAL; i++) {
    const c = text[i];
    if (c === '\n' && quote !== '`') return undefined;
    if (c === '\\') i++;
    else if (c === quote) {
      const suffix = /^(?:sv|s|_[A-Za-z]\w{0,15})?(?!\w)/.exec(text.slice(i + 1, i + 18));
      return suffix ? { start, end: i, after: i + 1 + suffix[0].length, prefix, suffix: suffix[0] } : undefined;
    }
  }
  return undefined;
}

/** The literals joined to the one at `at` (`"ab" "cd"`, C's and Python's adjacent literals), and their spans. */
export function joinedAt(
  text: string,
  at: number,
): { value: string; span: [number, number]; count: number; prefix: string; suffix: string } | undefined {
  const first = plainAt(text, at);
  if (!first) return undefined;
  let [value, last, count] = [text.slice(first.start, first.end), first, 1];
  for (let next = /^[ \t]+(?=(?:u8|[uUL])?["'])/.exec(text.slice(last.after, last.after + 64)); next && count < 16; count++) {
    const part = plainAt(text, last.after + next[0].length);
    if (!part || text[part.start - 1] !== text[first.start - 1]) break;
    value += text.slice(part.start, part.end);
    last = part;
    next = /^[ \t]+(?=(?:u8|[uUL])?["'])/.exec(text.slice(last.after, last.after + 64));
  }
  return { value, span: [first.start, last.end], count, prefix: first.prefix, suffix: last.suffix };
}

/** Where a text sets a name like a secret to a literal in a form above, or gives jwt a literal key: the value's span. */
export function wrappedLiteralSpans(text: string): Array<[number, number]> {
  if (!CLUE.test(text) && !mayHoldSigningKey(text)) return [];
  const spans: Array<[number, number]> = [];
  const judged = new Map<string, boolean>();
  const judge = (key: string, value: string): boolean => {
    const verdict = `${key}\0${value}`;
    let sets = judged.get(verdict);
    if (sets === undefined) {
      sets = setsSecret(key, value);
      if (judged.size < 1024) judged.set(verdict, sets);
    }
    return sets;
  };
  const names = (named ??= buildNamed());
  names.lastIndex = 0;
  for (let match = names.exec(text); match; match = names.exec(text)) {
    const [, designator, name, typeChar, array, as, typed, operator, wrapper, brace] = match;
    const literal = joinedAt(text, match.index + match[0].length);
    // `= {"…"}` (C's array, C++'s std::array) is one literal in braces, no object literal's key (`= {"a": …}`).
    const objectKey = wrapper?.startsWith('{') && !(literal && /^[ \t]*\}/.test(text.slice(literal.span[1] + 1 + literal.suffix.length)));
    // Only the forms the quote readers miss: a wrapper, a brace, VB's typing, a prefix with a suffix, joined literals,
    // C's array declaration (`char password[] = "…"`) and designator (`.password = "…"`: 51a-4).
    const form =
      (!!wrapper && !objectKey) ||
      !!array ||
      !!designator ||
      (brace !== undefined && !operator) ||
      !!as ||
      !!typeChar ||
      !!typed || // `let secret: &str = "…"`, `var secret string = "…"` (50a-4)
      (!!literal && ((literal.prefix !== '' && literal.suffix !== '') || literal.count > 1));
    if (!literal || !form || !namesSecretValue(name)) {
      names.lastIndex = match.index + 1;
      continue;
    }
    // A backtick is a literal only after String.raw (a shell's command substitution elsewhere).
    if (text[literal.span[0] - 1] === '`' && !/raw/.test(wrapper ?? '')) continue;
    if (literal.value && judge(name, literal.value)) spans.push(literal.span);
  }
  spans.push(...signingKeySpans(text, judge)); // `jwt.sign(p, '…')`, `hmac.new(b"…", …)` (signing-key-calls.ts)
  return spans;
}
