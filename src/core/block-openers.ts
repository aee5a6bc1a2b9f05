/**
 * A key line read out of a control-flow header (45a-16): `if not password:` (Python) read as YAML is the key
 * `if not password` with nothing after it; the lines indented below are the block it opens (`password = getpass…`),
 * code, not a value of the key. For code-headers.ts headsBody: the body is read line by line, as any other code, so a
 * shape or an assignment in it is found all the same (and a text that also reads as YAML data is judged as data too).
 * A header: a keyword that opens a block (`if`, `elif`, `while`, `unless`, `until`, `for`, `with`), then a condition of
 * words with no quote, and nothing after the colon but a comment.
 */
export const opensBlock = (key: string, rest: string): boolean =>
  key.length <= 256 && /^(?:if|elif|while|unless|until|for|with)[^\S\n]+[^"'`\n]+$/.test(key) && /^(?:#[^\n]*)?$/.test(rest);
