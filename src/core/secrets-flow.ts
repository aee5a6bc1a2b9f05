import { isJwkSecret, isPlainlyNotSecret, isSecretKey } from './secrets-keys';
import { isReference, SUBSTITUTION, unquote } from './secrets-text';

/** A pair of the flow: its key, maybe quoted, and its value, a `${VAR}` in it read whole. */
const FLOW_PAIR = new RegExp(`(?:^|[{[,])[ \\t]*(["']?)([^\\s"',{}[\\]:]+)\\1[ \\t]*:[ \\t]+((?:${SUBSTITUTION}|[^,{}[\\]])*)`, 'g');

/**
 * `{password: abc, name: DB_TOKEN, value: def}` on one line (the flow may be unclosed), as the line reading of
 * secrets.ts (secretsInLines) reads it without a parser: the secret values, the private members of a JSON Web Key
 * among them (`# e: {kty: EC, d: abc}` in a hand-edited file's comment). A tag before a key or value (`!!str d`) is
 * read past, as YAML reads it. `keys`: the keys the flow stands under (the line's key last), for isPlainlyNotSecret.
 */
export function secretsInFlow(text: string, keys: readonly string[]): string[] {
  if (!/[{[]/.test(text)) return [];
  const untagged = text.replace(/(?<=^|[\s{[,:])![^\s,{}[\]]*[ \t]+/g, '');
  const pairs = [...untagged.matchAll(FLOW_PAIR)].map(([, , key, value]) => [key, value.trim()] as const);
  // An env entry's `name`, or a header pair's `key` (Envoy's `{key: Authorization, value: …}`, round 37a-4).
  const name = pairs.find(([key]) => key === 'name' || key === 'key')?.[1];
  const envSecret = name !== undefined && isSecretKey(unquote(name), true);
  const field = (wanted: string) => {
    const value = pairs.find(([key]) => key === wanted)?.[1];
    return value === undefined ? undefined : unquote(value);
  };
  const pairKeys = pairs.map(([key]) => key);
  return pairs
    .filter(([key, value]) => value && (isSecretKey(key) || (key === 'value' && envSecret) || isJwkSecret(key, field, pairKeys)))
    .filter(
      ([key, value]) =>
        !isReference(unquote(value)) &&
        !isPlainlyNotSecret(unquote(value), [...keys, key], key === 'value' && name !== undefined ? unquote(name) : undefined),
    )
    .flatMap(([, value]) => [value, unquote(value)]);
}

/** A key of a flow pair, maybe quoted. */
const FLOW_KEY = String.raw`(?:"[^"\n]*"|'[^'\n]*'|[^\s"',{}[\]:#]+)`;
/** A word of a plain flow value: a `${VAR}` whole, or no blank, separator, bracket or `#`. */
const FLOW_WORD = String.raw`(?:${SUBSTITUTION}|[^\s,{}[\]#])`;
/** A flow value: quoted, or plain words (blanks only between them: each blank run is read one way, in linear time). */
const FLOW_VALUE = String.raw`(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*'|${FLOW_WORD}(?:[ \t]*${FLOW_WORD})*)`;
const FLOW_LINE_PAIR = String.raw`${FLOW_KEY}[ \t]*:[ \t]+${FLOW_VALUE}`;
/** A line made only of flow pairs, with a `,` or closing bracket: `  password: "${P}", token: "${T}"`, `{a: 1,`, `  b: 2}`. */
const FLOW_LINE = new RegExp(
  String.raw`^[ \t]*(?:-[ \t]+)?[{[]?[ \t]*${FLOW_LINE_PAIR}(?:[ \t]*,[ \t]*${FLOW_LINE_PAIR})*[ \t]*,?[ \t]*[}\]]*[ \t]*,?[ \t]*$`,
);

/**
 * The secrets of one line of a flow mapping written over several lines, read as its pairs (secretsInFlow), as on one
 * line: the same mapping is judged the same wherever its line breaks fall. Undefined where the line is not only flow
 * pairs with a `,` or a closing bracket (a YAML key line then, read as one).
 */
export function secretsInFlowLine(line: string, keys: readonly string[]): string[] | undefined {
  if (!/[,}\]]/.test(line) || !FLOW_LINE.test(line)) return undefined;
  return secretsInFlow(`{${line.replace(/^[ \t]*(?:-[ \t]+)?/, '')}`, keys);
}
