import { looksGenerated } from './generated-runs';

/**
 * Round 55 (attack 53a-1): a secret's name glued to its value by punctuation other than `:` or `=`, or by none at a camel
 * hump (`password-X`, `password_X`, `password/X`, `token~X`, `PasswordX`), within one word. A first rule read the name
 * anywhere in a word and refused six earlier controls (a random base64 blob holding `/token…` or `Pwd…`, `secret_` and a
 * lower-case run, `secret-0123passw0rd` of a Redis ACL sample, `Hunter2SecretC06`): here the name must START a word, or
 * follow a short identifier-like prefix (`db_password-X`, `dbPasswordX`), never a letter, digit, `+` or `/` of a run;
 * the name is a long one (not `pwd`, `pw`, `pin`, which a random run holds by chance); and what follows the separator
 * is the rest of the word, one run of 12 to 128 base64 characters that looks generated and mixes upper case, lower case
 * and digits (or is 20 or more long, two of those classes and not hex): no identifier (`password_reset_token_ttl`), no
 * path of words (`secret/data/app`), no hex digest (`api-key-<hex>`), no Kubernetes name (`token-x8k2p`).
 */

const NAME = /(?:pass(?:word|wd|phrase|code)|secret|token|credentials?|(?:api|auth|access|private|secret|signing|master)[-_.]?key)s?/gi;
/** What may stand before the name in its word: up to four identifier pieces (`db_`, `my-app-`, `db` before `Password`). */
const PREFIX = /^(?:[A-Za-z][A-Za-z0-9]{0,15}[_.-]?){0,4}$/;
/**
 * What may stand before the name in its word as a path, in any segment (56b-7): a quote or bracket opening a value
 * (`` Path(`/api/token_X`) ``), a URL's scheme and host, then lower-case segments (`example.com/`, `/api/v1/`). A
 * random base64 run before the name holds upper case, so it is never read as such a path.
 */
const PATH_PREFIX = /^(?:[^\s]*[`'"([{<=,;])?(?:[a-z][a-z0-9+.-]*:\/\/)?\/?(?:[a-z0-9._~%@:-]{1,63}\/)+/;
const SEPARATOR = /^[-~#!?&%+*^@\\_/.|]{0,3}/;
const VALUE = /^[A-Za-z0-9+/]{12,128}={0,2}$/;

/** Whether a run mixes its characters as a generated one does. */
function mixed(value: string): boolean {
  const classes = [/[A-Z]/, /[a-z]/, /\d/].filter((c) => c.test(value)).length;
  return classes === 3 || (classes === 2 && value.length >= 20 && !/^[0-9a-f]+$/i.test(value.replace(/[+/=]/g, '')));
}

/** Where `word` (a blank-free word of a line) holds a value glued to a secret's name, or undefined. */
export function gluedValueSpan(word: string): [number, number] | undefined {
  const start = /^[^A-Za-z0-9]*/.exec(word)![0].length;
  for (const match of word.matchAll(NAME)) {
    const at = match.index!;
    const written = word.slice(start, at);
    const path = PATH_PREFIX.exec(written)?.[0] ?? '';
    const prefix = written.slice(path.length);
    if (at < start || prefix.length > 48 || !PREFIX.test(prefix) || looksGenerated(prefix)) continue;
    // After a prefix, the name starts at a separator or a camel hump (`dbPassword`), not inside a word (`bypasswordless`).
    if (prefix !== '' && !/[_.-]$/.test(prefix) && !(/[a-z0-9]$/.test(prefix) && /^[A-Z]/.test(match[0]))) continue;
    const rest = word.slice(at + match[0].length);
    const separator = SEPARATOR.exec(rest)![0];
    // No separator: a camel hump (`PasswordX`), not a longer word (`tokenizer…`, `passwordless…`).
    if (separator === '' && !(/[a-z]$/.test(match[0]) && /^[A-Z0-9]/.test(rest))) continue;
    // Vault's KV engine is mounted at `secret/`: `secret/…` is a path.
    if (separator.includes('/') && /^secrets?$/i.test(match[0])) continue;
    // Inside a path, `/api/token/<id>` names a resource by its id: a segment of its own is no glued value.
    if (separator === '/' && path !== '') continue;
    const value = rest.slice(separator.length).replace(/[`'")\]}>.,:;!?]+$/, ''); // a closing quote or bracket ends it
    if (!VALUE.test(value) || value.split('/').some((piece) => /^[A-Za-z]{2,}$/.test(piece))) continue;
    if (!mixed(value) || !looksGenerated(value)) continue;
    const from = at + match[0].length + separator.length;
    return [from, from + value.length];
  }
  return undefined;
}
