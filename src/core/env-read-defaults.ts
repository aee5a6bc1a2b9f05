import { namesSecretValue } from './secrets-keys';
import { setsSecret } from './secrets-text';

/**
 * Round 64 (64a-5): a literal given as the fallback of code that reads a variable named like a secret, in the forms
 * that are no second argument (those, `ENV.fetch("PW", "x")`, `os.getenv("PW", "x")`, are read as a call's pair):
 * - Ruby's block, `ENV.fetch("DB_PASSWORD") { "x" }` or `{ |key| "x" }` (ruby-doc.org ENV.fetch: the block's value is
 *   returned where the name is unset);
 * - Java's `Optional.ofNullable(System.getenv("DB_PASSWORD")).orElse("x")`, `.orElseGet(() -> "x")`
 *   (docs.oracle.com java/util/Optional);
 * - Rust's `env::var("DB_PASSWORD").unwrap_or("x".to_string())`, `.unwrap_or_else(|_| "x".into())`,
 *   `String::from("x")` (doc.rust-lang.org std::env::var returns a Result; Result::unwrap_or, unwrap_or_else).
 * As with a placeholder's default (placeholder-defaults.ts), the fallback is the password wherever the variable is
 * unset. No value: an empty literal, `unwrap_or_default()`, a fallback read from elsewhere (`.orElse(cfg.pw())`), or
 * what setsSecret takes for none (`changeme`).
 */
// Linear: the read, the closing `)`, the fallback's opening and the literal are disjoint at each boundary; each run is bounded.
const READ_FALLBACK =
  /\b(?:getenv|fetch|var|var_os|getProperty|option_env!)\([ \t]*(["'])([A-Za-z_][\w.-]{0,127})\1[ \t]*\)(?:[ \t]*\))?(?:[ \t]*\.[ \t]*(?:orElse|orElseGet|unwrap_or|unwrap_or_else|or_else|getOrElse)\([ \t]*(?:\|[^|\n]{0,64}\|[ \t]*|\(\)[ \t]*->[ \t]*)?|[ \t]*(?:\{|do\b)[ \t]*(?:\|[^|\n]{0,64}\|[ \t]*)?)(?:String::from\([ \t]*|new[ \t]+String\([ \t]*)?("[^"\\\n]{1,512}"|'[^'\\\n]{1,512}')/g;

/** Spans of the literal fallbacks of reads of variables named like a secret. */
export function envReadDefaultSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  if (!text.includes('(')) return spans;
  for (const match of text.matchAll(READ_FALLBACK)) {
    const [whole, , name, quoted] = match;
    const literal = quoted.slice(1, -1);
    if (!namesSecretValue(name) || !setsSecret(name, literal)) continue;
    const end = match.index + whole.length - 1;
    spans.push([end - literal.length, end]);
  }
  return spans;
}

export const ENV_READ_DEFAULT =
  "a literal fallback of code that reads a secret (Ruby's `ENV.fetch` block, Java's `.orElse(…)`, Rust's `.unwrap_or(…)`: the fallback is the password wherever the variable is unset; read it with no fallback)";
