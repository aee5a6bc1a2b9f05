import { isSecretKey, redact, secretsInData } from './secrets';

/**
 * The secrets of a YAML text read line by line, without a parser: for a file that no longer parses (a key
 * written twice, a broken indentation), or parses into less than the text holds (the first of two equal keys),
 * so that a diff or a message still leaves them out. Over-reading is harmless here: what is found is only
 * ever redacted. Found:
 * - the rest of a `key: value` line whose key is named like a secret (`password:`, `"api-token":`), and every
 *   line below it indented deeper (a block scalar, a folded value, a mapping under the key);
 * - the `value:` of a list item whose `name:` is (an env entry `- name: DB_PASSWORD`);
 * - everything under a top-level `data:`/`stringData:` of a document that says `kind: Secret`;
 * - any value shaped like a secret or setting one (`--token=abc`).
 */
export function secretsInLines(text: string): string[] {
  return text.split(/^---/m).flatMap((document) => secretsInDocumentLines(document.split('\n')));
}

/**
 * `  - "key": rest`: indentation with dashes, the key (quoted, or up to the colon), the rest after the colon
 * (trimmed by the caller). No optional blank run follows a part that may end in blanks: every line is read in
 * linear time, whatever runs of spaces it holds.
 */
const KEY_LINE = /^([ \t]*(?:-[ \t]+)*)(?:"([^"]*)"[ \t]*|'([^']*)'[ \t]*|([^\s"'#:{}[\],&*!|>%@`-][^"'#:]*)):(?:[ \t]+(.*))?$/;
/** `  - item` */
const ITEM_LINE = /^[ \t]*-[ \t]+(.*)$/;

/** A key line's parts: its column, key and rest (trimmed; '' when the value is on the lines below). */
function keyLineOf(line: string): { column: number; key: string; rest: string } | undefined {
  const match = KEY_LINE.exec(line);
  if (!match) return undefined;
  const [, lead, doubleQuoted, singleQuoted, plain, rest = ''] = match;
  return { column: lead.length, key: (doubleQuoted ?? singleQuoted ?? plain).trim(), rest: rest.trim() };
}

function secretsInDocumentLines(lines: readonly string[]): string[] {
  const found: string[] = [];
  const isSecretObject = lines.some((line) => /^kind:[ \t]*(["']?)Secret\1[ \t]*(?:#.*)?$/.test(line));
  const indent = (line: string) => /^[ \t]*/.exec(line)![0].length;
  /** The last `name:` key: its column, and whether it names a secret. */
  let name: { column: number; secret: boolean } | undefined;
  const add = (value: string) => {
    const comment = value.search(/[ \t]#/);
    const unquoted = unquote(comment < 0 ? value : value.slice(0, comment).trimEnd());
    found.push(value, unquoted, ...secretsInData(unquoted).map((secret) => secret.value));
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const keyLine = keyLineOf(line);
    if (!keyLine) {
      const item = ITEM_LINE.exec(line)?.[1].trim();
      if (item) found.push(...secretsInData(unquote(item)).map((secret) => secret.value));
      continue;
    }
    const { column, key, rest } = keyLine;
    if (key === 'name') name = { column, secret: isSecretKey(unquote(rest), true) };
    const secret =
      isSecretKey(key) ||
      (key === 'value' && name?.column === column && name.secret) ||
      (isSecretObject && column === 0 && (key === 'data' || key === 'stringData'));
    if (!secret) {
      if (rest) found.push(...secretsInData(unquote(rest)).map((s) => s.value), ...secretsInFlow(rest));
      continue;
    }
    if (rest && !/^[|>][-+0-9]*(?:[ \t]+#.*)?$/.test(rest)) add(rest);
    // Everything below is taken whole, so the scan goes on after it: each line is read once.
    let below = i + 1;
    for (; below < lines.length && (lines[below].trim() === '' || indent(lines[below]) > column); below++) {
      if (!lines[below].trim()) continue;
      add(lines[below].trim());
      // `cf: abc` below a Secret's data: the value alone too, as a diff line may show it apart from its key.
      const value = keyLineOf(lines[below])?.rest ?? ITEM_LINE.exec(lines[below])?.[1].trim();
      if (value) add(value);
    }
    i = below - 1;
  }
  return [...new Set(found.filter((value) => value !== ''))];
}

/** `{password: abc, name: DB_TOKEN, value: def}` on one line (the flow may be unclosed): the secret values. */
function secretsInFlow(text: string): string[] {
  if (!/[{[]/.test(text)) return [];
  const pairs = [...text.matchAll(/(?:^|[{[,])[ \t]*(["']?)([^\s"',{}[\]:]+)\1[ \t]*:[ \t]+([^,{}[\]]*)/g)].map(
    ([, , key, value]) => [key, value.trim()] as const,
  );
  const name = pairs.find(([key]) => key === 'name')?.[1];
  const envSecret = name !== undefined && isSecretKey(unquote(name), true);
  return pairs
    .filter(([key, value]) => value && (isSecretKey(key) || (key === 'value' && envSecret)))
    .flatMap(([, value]) => [value, unquote(value)]);
}

/** `"a\"b"` -> `a"b`, `'it''s'` -> `it's`; anything else as it is. */
function unquote(value: string): string {
  if (/^"(?:[^"\\]|\\.)*"$/.test(value)) {
    try {
      return JSON.parse(value) as string;
    } catch {
      return value.slice(1, -1);
    }
  }
  return /^'(?:[^']|'')*'$/.test(value) ? value.slice(1, -1).replace(/''/g, "'") : value;
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
