import { bodyValue, literalAt } from './literal-bodies';
import { namesSecretValue } from './secrets-keys';
import { setsSecret } from './secrets-text';

/**
 * Attack round 48a-4: a secret's name set to a string literal in a form of a programming language that the plain
 * quote readers (secrets-text.ts: `password = "…"`, `'…'`, backticks) do not take:
 * - a quote with a prefix glued to it: C#'s verbatim `@"…"` (`""` escapes a quote; it may span lines) and interpolated
 *   `$"…"`/`$@"…"`, C/C++'s `L"…"`, `u8"…"`, `u"…"`, `U"…"`, Python's `b"…"`/`r"…"`/`f"…"`, Scala's `s"…"`, `f"…"`,
 *   `raw"…"` (any interpolator), Objective-C's `@"…"`; C++'s raw `R"delim(…)delim"`; Rust's raw `r#"…"#` (`br`, any
 *   number of `#`); Swift's extended `#"…"#` and `#"""…"""#`;
 * - a text block of three or more quotes (`"""…"""`, `'''…'''`: Java, Kotlin, Python, Swift, Scala, C# 11 raw);
 * - a here-document as a value: PHP's heredoc and nowdoc (`<<<EOT`, `<<<'EOT'`, `<<<"EOT"`, the closing marker maybe
 *   indented), Perl's and Ruby's (`<<'EOT'`, `<<"EOT"`, `<<~EOT`, `<<-EOT`; the body starts on the next line);
 * - Perl's quote operators `q{…}`, `qq{…}`, `qw{…}` (any delimiter; brackets nest), Ruby's `%q{…}`, `%Q{…}`, `%{…}`,
 *   `%w[…]`, Lua's long strings `[[…]]` and `[=[…]=]`.
 * The name (an identifier, maybe quoted or a hash's key: `'password' => q{…}`) then maybe a type (`let password: &str =`,
 * `var password string =`, `char password[] =`) and an assignment (`=`, `:=`, `=>`, `:`, `<-`, `||=`, `??=`) come
 * right before the literal. The value is the literal's body; a body over several lines (a text block, a heredoc) is
 * the value only where it holds one line once blank lines and indentation are left out (a longer body is read line
 * by line by the other readers). A body that only interpolates (`$"{pw}"`, `s"$pw"`, `"""${PW}"""`, `qq{$pw}`,
 * `%Q{#{pw}}`, Swift's `\(pw)`) refers; an empty body, a reference or a placeholder is none (setsSecret).
 */

/** What such a value is called in findings (`FoundSecret.what`). */
export const LITERAL_FORM_SECRET =
  'a string literal set under a name like a secret (C# @"…"/$"…", C++ L"…"/R"(…)", Rust r#"…"#, a text block """…""", a heredoc, Perl q{…}, Lua [[…]], Ruby %q{…})';

let nameThenOperator: RegExp | undefined;

/** A name, maybe quoted, maybe a type after it, then an assignment; the literal's opener next (checked by literalAt). */
const buildNameThenOperator = (): RegExp =>
  new RegExp(
    String.raw`(?<!\w)(["']?)([A-Za-z_]\w{0,127})\1\]?(?:[ \t]*\[\d{0,8}\])?` +
      String.raw`(?:[ \t]*:[ \t]*(?:[\w&*<>'\[\],.? ]|::){1,64}?(?=[ \t]*=)|[ \t]+[\w.*\[\]]{1,32}(?=[ \t]*=))?` +
      String.raw`[ \t]*(:=|=>|<-|\|\|=|\?\?=|=(?![=~>])|:(?![:=/]))[ \t]*(?=[A-Za-z@$#%<\[]|"""|''')`,
    'g',
  );

/**
 * The prefilter: an assignment's last character then a literal's opener (a quote's prefix, `#"`, three quotes, `<<`,
 * `[[`, Perl's `q{`, Ruby's `%q{`). The name is judged only where a literal follows (mayHoldSecretKey is the line
 * readers' own prefilter: each of a text's decodings is asked once, attack35-mixed-escapes).
 */
const OPENER_AFTER_OPERATOR =
  /[=:>-][ \t]*(?:[A-Za-z][A-Za-z0-9]{0,7}["'#]|[@$]{1,2}["']|#+"|"""|'''|<<|\[=*\[|q[qw]?[ \t]*[^\w\s=,;)]|%[qQwWiI]?[^\w\s=])/;

/** Where a text sets a name like a secret to a literal in a form above: the value's span. */
export function literalFormSpans(text: string): Array<[number, number]> {
  if (!OPENER_AFTER_OPERATOR.test(text)) return [];
  const names = (nameThenOperator ??= buildNameThenOperator());
  const spans: Array<[number, number]> = [];
  const judged = new Map<string, boolean>();
  names.lastIndex = 0;
  for (let match = names.exec(text); match; match = names.exec(text)) {
    const body = literalAt(text, match.index + match[0].length);
    if (!body || (body.assignedOnly && !/^:?=$/.test(match[3])) || !namesSecretValue(match[2])) {
      // The name may be a type's or a keyword's (`var password = …` read as `var` of type `password`): the next word's turn.
      names.lastIndex = match.index + 1;
      continue;
    }
    names.lastIndex = body.after;
    const found = bodyValue(text, body);
    // Interpolations alone (and separators) refer; a literal mixed with them is judged as the shell's `pre${X}` is.
    if (!found.value || found.interpolatedOnly) continue;
    // A text that sets one name to one body many times is judged once (a hostile text repeats one line).
    const verdict = `${match[2]}\0${found.value}`;
    let sets = judged.get(verdict);
    if (sets === undefined) {
      sets = setsSecret(match[2], found.value);
      if (judged.size < 1024) judged.set(verdict, sets);
    }
    if (sets) spans.push(found.span);
  }
  return spans;
}
