import type { Path } from './problem';
import { mayQuote } from './quotable';

/**
 * A key below a key named like a secret that is structure, not the secret's text (67a-19): a list's index, or a word
 * of letters in lower camel, snake or kebab case (`pass`, `valueFrom`, `api_token`). A digit, a capital first letter
 * or a blank (`Zq9pW7vL`, `Summer`, `correct horse`) may be a pasted secret's, as a parser reading `password: abc: x`
 * leniently makes `abc` a key: a message's key path stops before it.
 */
export const isStructureKey = (key: string | number): boolean =>
  typeof key === 'number' || (key.length <= 64 && /^[a-z][a-zA-Z]*(?:[-_][a-zA-Z]+)*$/.test(key) && mayQuote(key));

/** How far a message's key path shows `path`, from `end` (the key below the secret's), down to the value taken. */
export function structureEnd(path: Path, end: number): number {
  let leaf = end;
  while (leaf < path.length && isStructureKey(path[leaf])) leaf++;
  return leaf;
}
