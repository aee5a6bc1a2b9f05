import { namesSecretValue } from './secrets-keys';

/**
 * A literal given as a default where code reads a secret (gaps42b): `const password = process.env.DB_PASSWORD ?? 'x'`,
 * `password = cfg.get('pw') || "x"`, `password = settings.pw or 'x'`, `$password = $pw ?: 'x'`. The read itself is a
 * reference (code-references.ts); the literal after `||`, `??`, `or` or `?:` is a value, written where the text is,
 * whatever words stand before the name (`const`, `let`, `var`, `my`, `{ password: … }`).
 */

/** A default operator and a quoted literal after it. */
const DEFAULT = /(?:\|\||\?\?|\?:|(?<![\w.-])or(?![\w.-]))[^\S\n]*("[^"\\\n]{0,512}"|'[^'\\\n]{0,512}')/g;
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
  if (!/\|\||\?\?|\?:|\bor\b/.test(line) || !/[=:]/.test(line)) return undefined;
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
