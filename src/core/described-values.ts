/**
 * A value that describes a parameter instead of setting it (46a-10): a Google-style docstring's `password: The password
 * to log in with. Defaults to None.`, `token: the API token to send, or None` wrapped onto a second line, and a typed
 * default with its description below it (`password: str = None`, then indented lines), which YAML reads as one value
 * (`str = None The password to log in with.`). Prose: words of letters only (a password has digits or signs: `Zx9-Pq7!mNb`
 * stays a value), two or more, that name what they describe (a password, a token, a secret, a key, credentials) or say a
 * docstring's default (`Optional`, `Defaults to None`, `or None`). A sentence that tells the value (`the password is
 * swordfish`) and words naming nothing (`correct horse battery staple`: a passphrase) are no description.
 */

/** A typed or plain empty default before the description (`str = None`, `Optional[str] = None`, `None`). */
const HEAD = /^(?:[A-Za-z_][\w.]{0,63}(?:\[[\w., ]{0,64}\])?[^\S\n]*=[^\S\n]*)?(?:None|null|nil|undefined)[.,]?\s+/;
/** A word of prose, maybe in brackets or quotes, with its punctuation. */
const WORD = /^[(`"']?[A-Za-z][A-Za-z'-]{0,39}[)`"']?[.,;:!?]?[)]?$/;
/** A word naming what a secret parameter holds. */
const NAMES_SECRET =
  /^(?:pass(?:word|phrase|wd)?s?|tokens?|secrets?|keys?|credentials?|pins?|apikeys?|auth(?:entication|orization)?|login|sign-in)$/i;
/** What a docstring says of a parameter's default. */
const DOCSTRING = /\b(?:Optional|Defaults?(?: to)?|or None|if (?:not )?(?:given|set|provided|None))\b/i;
/** A word that only a sentence has. */
const FUNCTION_WORD = /^(?:the|a|an|to|of|for|with|from|by|in|on|when|if|used|use|uses)$/i;
/** A sentence that gives the value itself (`the password is swordfish`, `token = abc`). */
const TELLS =
  /\b(?:pass\w*|tokens?|secrets?|keys?|pins?)[^\S\n]+(?:is|was|are|will be|should be|equals|=)[^\S\n]+["'`]?[A-Za-z]+["'`]?[.!]?$/i;

/** Whether `value` describes a secret parameter; `where`: its path, none under a Secret object's `data` or `stringData`. */
export function describesSecret(value: string, keys: readonly string[] = []): boolean {
  const n = keys.length;
  if (n >= 2 && (keys[n - 2] === 'data' || keys[n - 2] === 'stringData')) return false; // a Secret's data stays data
  if (value.length > 1024 || !/[A-Za-z][^\S\n]+[A-Za-z]/.test(value)) return false;
  const rest = value.replace(HEAD, '');
  const words = rest.trim().split(/\s+/);
  if (words.length < 2 || !words.every((word) => WORD.test(word)) || TELLS.test(rest.trim())) return false;
  if (DOCSTRING.test(rest)) return true;
  // Naming what it describes in a sentence (`The password to log in with`), not in a run of words (`Summer Secret Password`).
  const bare = words.map((word) => word.replace(/[^A-Za-z-]/g, ''));
  return words.length >= 3 && bare.some((word) => NAMES_SECRET.test(word)) && bare.some((word) => FUNCTION_WORD.test(word));
}
