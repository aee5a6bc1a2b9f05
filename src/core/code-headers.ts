import { opensBlock } from './block-openers';

/**
 * A key line read out of a function's or a class's header (attack round 44a-9): `def connect(password: str = ''):`
 * read as YAML is the key `def connect(password` and the rest `str = ''):`; the lines indented below are the
 * header's body (`pass`, `return token`), code, not a value of the key. For secrets.ts secretsInDocumentLines, which
 * otherwise takes every deeper line as the key's value: the rest is judged as before (a default of nothing, a type);
 * the body is read line by line, as any other code, so a shape or an assignment in it is found all the same.
 * A header: the key opens one `(` (a parameter list) with no quote before it, and the rest closes it and ends the
 * line with `:` (Python) or `{` (Kotlin, Swift, Rust, Go, JS), after an optional return type (`-> T`, `: T`), and holds
 * no quote but an empty default (`''`, `""`); or a control-flow header (block-openers.ts: `if not password:`).
 */
export const headsBody = (key: string, rest: string): boolean =>
  opensBlock(key, rest) ||
  // The whole header in the key, where the rest is empty (`def f(password):`, `def f(token) -> str:`: 47a-11).
  (rest === '' && key.length <= 256 && /^(?:async[^\S\n]+)?def[^\S\n]+\w+[^\S\n]*\([^()"'`]*\)(?:[^\S\n]*->[^"'`]*)?$/.test(key)) ||
  (key.length <= 256 &&
    rest.length <= 256 &&
    /^[^()"'`]*\([^()"'`]*$/.test(key) &&
    !/["'`]/.test(rest.replace(/''|""/g, '')) &&
    /\)[^\S\n]*(?:(?:->|:)[^\n]*)?[:{][^\S\n]*(?:#[^\n]*)?$/.test(rest));
