import { looksGenerated } from './generated-runs';
import { secretValues } from './secrets';

/**
 * The secrets a key, a name or a host holds as a secret's name then a generated word, between the separators such a
 * name takes (round 53a-14: the annotation key `example.com/Pass word Xk9v…`, the Ingress `token-Xk9v…`, the host
 * `password.Xk9v….io`, quoted whole in "is not a valid …" messages, and lower-cased). No second list of names: each part
 * that looks generated (generated-runs.ts) is read with the one to three parts before it, glued (`Pass` `word` is
 * `Password`, `api` `key` is `apikey`), as a line `<name> <value>`, by the readers of a config's values (secretValues),
 * the catch-all of free-text secrets (secret-word-lines.ts) among them: a name or a spelling they learn is read here too.
 */

/** A part of a name: what stands between blanks and the separators of keys, names, hosts and paths. */
const PART = /[^\s/._:@=,;-]+/g;
/** The most parts before a value that may spell its secret's name (`pass` `phrase`, `pre` `shared` `key`). */
const NAME_PARTS = 3;
/** Longer texts are no key, name or host (a DNS name has at most 253 characters): the message's other readers judge them. */
const MAX_NAME = 512;

/** The generated parts of `name` that its parts before name as a secret, for a message to blank. */
export function secretsInNameParts(name: string): string[] {
  if (name.length > MAX_NAME || !/[\s/._:@=,;-]/.test(name)) return [];
  const parts = [...name.matchAll(PART)].map(([part]) => part);
  const found: string[] = [];
  for (let k = 1; k < parts.length; k++) {
    if (!looksGenerated(parts[k])) continue;
    for (let n = 1; n <= Math.min(NAME_PARTS, k); n++) {
      if (secretValues(`${parts.slice(k - n, k).join('')} ${parts[k]}`).length > 0) {
        found.push(parts[k]);
        break;
      }
    }
  }
  return found;
}
