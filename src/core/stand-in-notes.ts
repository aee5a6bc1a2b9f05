import { isPlaceholder } from './placeholders';
import { isReference } from './secrets-text';

/**
 * Round 53a-4: a stand-in written where a secret goes (a placeholder, a reference, a sops or Ansible Vault value:
 * placeholders.ts, encrypted-values.ts, secrets-text.ts isReference) vouches for itself only. A YAML reader drops the
 * comment after it (`password: ENC[AES256_GCM,…] # old: <secret>`: the data holds the stand-in), but dist/ holds the
 * line whole, so what follows the stand-in on its line is judged as text, as the catch-all judges a line
 * (secret-word-lines.ts): a generated word after the secret's name is a secret, a note of words (`# rotated in May`) none.
 */

/** `key: value #` or `key = value #`: an optional list dash, a key, the value as one chunk (maybe quoted), then a comment. */
const KEYED_NOTE = /^[ \t]*(?:-[ \t]+)?(?:"[^"\n]*"|'[^'\n]*'|[^\s"'#:=]+)[ \t]*[:=][ \t]*("[^"\n]*"|'[^'\n]*'|[^\s"'#][^\s#]*)[ \t]+(?=#)/;

/** Where the comment after a stand-in on `line` starts (the `#`), or -1 where the line holds none so. */
export function noteAfterStandIn(line: string): number {
  if (line.length > 4096) return -1;
  const keyed = KEYED_NOTE.exec(line);
  if (!keyed) return -1;
  const value = /^(["']).*\1$/.test(keyed[1]) ? keyed[1].slice(1, -1) : keyed[1];
  return isPlaceholder(value) || isReference(value) ? keyed[0].length : -1;
}
