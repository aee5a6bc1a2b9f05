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
  const name = pairs.find(([key]) => key === 'name')?.[1];
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
