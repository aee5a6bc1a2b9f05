import { namesSecretValue } from './secrets-keys';

/**
 * A literal given as a default where code reads a secret (gaps42b): `const password = process.env.DB_PASSWORD ?? 'x'`,
 * `password = cfg.get('pw') || "x"`, `password = settings.pw or 'x'`, `$password = $pw ?: 'x'`. The read itself is a
 * reference (code-references.ts); the literal after `||`, `??`, `or` or `?:` (or in `.orElse("x")`) is a value, written where the text is,
 * whatever words stand before the name (`const`, `let`, `var`, `my`, `{ password: … }`).
 */

/**
 * A default operator and a quoted literal after it; or a call that gives its literal argument where a value is absent
 * (65a-13): Java's `Optional.orElse("x")`, Rust's `.unwrap_or("x")`, Scala's/Vavr's `.getOrElse("x")`, Kotlin's
 * `.getOrDefault(k, "x")`/Java's `Map.getOrDefault(k, "x")` (the key, a word or a quoted name, first).
 */
const DEFAULT =
  /(?:\|\||\?\?|\?:|(?<![\w.-])or(?![\w.-])|\.(?:orElse|unwrap_or|getOrElse)\(|\.getOrDefault\([^\S\n]*(?:[\w.]{1,128}|"[\w.-]{0,128}"|'[\w.-]{0,128}')[^\S\n]*,)[^\S\n]*("[^"\\\n]{0,512}"|'[^'\\\n]{0,512}')/g;
/** Whether a line has one of DEFAULT's operators or calls (the cheap test before the names are read). */
const HAS_DEFAULT = /\|\||\?\?|\?:|\bor\b|\.(?:orElse|unwrap_or|getOrElse|getOrDefault)\(/;
/**
 * A name set (`=`, `:=`, `:`, `=>`; not `==`) in the line before the default, read back at most 256 characters (the code
 * of one read): each name there, for the caller's judge.
 */
const SET_NAME = /(?<![\w.-])([A-Za-z_][\w.-]{0,63})["'\]]?[^\S\n]*(?::?=(?![=~])|=>|:(?![:/]))/g;

/**
 * The literal default in `line` given where a name like a secret is set (`sets(name, literal)`, secrets-text.ts
 * setsSecret: an empty text or a reference is none), or undefined. The names are read once per line, and only those
 * named like a secret are judged (a line of many defaults is not read back from each).
 */
export function defaultLiteralSecret(line: string, sets: (key: string, value: string) => boolean): string | undefined {
  const typed = typedDefaultSecret(line, sets);
  if (typed !== undefined || !HAS_DEFAULT.test(line) || !/[=:]/.test(line)) return typed;
  let names: Array<[number, string]> | undefined;
  let first = 0;
  for (const match of line.matchAll(DEFAULT)) {
    const literal = match[1].slice(1, -1);
    if (!literal) continue;
    names ??= [...line.matchAll(SET_NAME)].filter(([, name]) => namesSecretValue(name)).map((set) => [set.index, set[1]]);
    // Defaults come in order: names more than 256 characters back are passed for good.
    while (first < names.length && names[first][0] < match.index - 256) first++;
    for (let i = first; i < names.length && names[i][0] < match.index; i++) if (sets(names[i][1], literal)) return literal;
  }
  return undefined;
}

/**
 * A typed parameter's or field's literal default (43a-12): `def f(password: str = 'x'):`, `password: Optional[str] =
 * "x"`, TypeScript's `constructor(password: string = 'x')`, Kotlin's `val token: String = "x"`. A reader of
 * `name: value` takes the type for the value (code-declarations.ts: a type is no secret); the literal after `=` is one.
 */
const TYPED_DEFAULT =
  /(?<![\w$.])([A-Za-z_$][\w$]{0,63})\??[^\S\n]*:[^\S\n]*[A-Za-z_][\w.]{0,63}(?:[[<][^\]>=\n]{0,64}[\]>])?(?:[^\S\n]*\|[^\S\n]*[A-Za-z_]\w{0,63}){0,4}[^\S\n]*=(?![=>])[^\S\n]*("[^"\\\n]{0,512}"|'[^'\\\n]{0,512}')/g;

/** The literal a typed default (above) gives a name like a secret, judged by `sets` (an empty text is none), or undefined. */
function typedDefaultSecret(line: string, sets: (key: string, value: string) => boolean): string | undefined {
  if (!line.includes('=') || !line.includes(':')) return undefined;
  for (const match of line.matchAll(TYPED_DEFAULT)) {
    const literal = match[2].slice(1, -1);
    if (literal && namesSecretValue(match[1]) && sets(match[1], literal)) return literal;
  }
  return undefined;
}
