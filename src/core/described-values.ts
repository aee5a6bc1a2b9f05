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
/**
 * A parameter's type before its description, as YAML joins a NumPy-style docstring's `password : str` and the indented
 * lines below it (`str The password.`, `str, optional The password.`): a name without digits, maybe with brackets, then
 * a sentence's capital (47a-11).
 */
const TYPE_HEAD = /^[A-Za-z_][A-Za-z_.]{0,63}(?:\[[A-Za-z_., |[\]]{0,64}\])?(?:,[^\S\n]*optional)?\s+(?=[A-Z])/;
/** A type as a docstring gives it (`str`, `Optional[str]`, `str or None`, `bytes | None`, `str, optional`). */
const TYPE =
  /^[A-Za-z_][A-Za-z_.]{0,63}(?:\[[A-Za-z_., |[\]]{0,64}\])?(?:(?:,? or |[^\S\n]*\|[^\S\n]*)(?:None|[A-Za-z_.]{1,64}))?(?:,[^\S\n]*optional)?$/;
/** A type said to be optional (`str, optional`, `str or None`, `Optional[str]`, `bytes | None`). */
const OPTIONAL_TYPE = /^Optional\[|(?:,[^\S\n]*optional|\bor None|\|[^\S\n]*None)$/;
/**
 * A reST field list's key that gives a parameter's type (Sphinx `:type password:`, `:vartype token:`), and one that
 * describes it (`:param password:`, `:param str password:`, `:keyword token:`, `:ivar secret:`).
 */
const TYPE_FIELD = /^:(?:type|vartype|kwtype)[^\S\n]/;
/** The first word of a sentence naming a thing (`The password.`, `A token.`, `Your API key.`): two words are a description. */
const ARTICLE = /^(?:the|a|an|your|its|their|this|that)$/i;
/** A word of prose, maybe in brackets or quotes, with its punctuation. */
const WORD = /^[(`"']?[A-Za-z][A-Za-z'-]{0,39}[)`"']?[.,;:!?]?[)]?$|^(?:""|'')[.,;]?$/; // `Defaults to "".`
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

/**
 * Whether `value` describes a secret parameter; `keys`: its path. The caller keeps a Secret object's `data` and
 * `stringData` out (they are the secret whatever they say); a ConfigMap's `data` is prose like any key's (76a-19).
 */
export function describesSecret(value: string, keys: readonly string[] = []): boolean {
  const n = keys.length;
  if (value.length > 1024) return false;
  // `:type password: str`; NumPy's `token : str, optional` (a type said optional or None is no value: 47a-11).
  if (TYPE.test(value.trim()) && ((n >= 1 && TYPE_FIELD.test(keys[n - 1])) || OPTIONAL_TYPE.test(value.trim()))) return true;
  if (!/[A-Za-z][^\S\n]+[A-Za-z]/.test(value)) return false;
  const rest = value.replace(HEAD, '');
  // Or after a type (`str The password.`: NumPy's `password : str` and its description, joined by YAML).
  const untyped = rest.replace(TYPE_HEAD, '');
  return describes(rest) || (untyped !== rest && describes(untyped));
}

/** Whether prose, with any default or type taken off, describes a secret parameter. */
function describes(rest: string): boolean {
  const words = rest.trim().split(/\s+/);
  if (words.length < 2 || !words.every((word) => WORD.test(word)) || TELLS.test(rest.trim())) return false;
  if (DOCSTRING.test(rest)) return true;
  // Naming what it describes in a sentence (`The password to log in with`), not in a run of words (`Summer Secret Password`).
  const bare = words.map((word) => word.replace(/[^A-Za-z-]/g, ''));
  // Two words where the first is an article (`The password.`: a Google docstring's shortest description, 47a-11).
  const sentence = words.length >= 3 || ARTICLE.test(bare[0]);
  return sentence && bare.some((word) => NAMES_SECRET.test(word)) && bare.some((word) => FUNCTION_WORD.test(word));
}

/**
 * A Google-style docstring's parameter with its type in brackets (`password (str)`, `token (Optional[str], optional)`,
 * `key (:obj:`bytes`)`, `pin (int or None)`): words joined by `, `, ` or `, ` of `, ` | ` only, so a note in brackets
 * (`Token (see docs)`, `password (min 12)`) keeps the key as written.
 */
const TYPED_PARAMETER = /^([A-Za-z_][\w.-]{0,63})[^\S\n]+\(((?:[\w.:`[\]]+(?:,[^\S\n]*|[^\S\n]+(?:or|of|\|)[^\S\n]+))*[\w.:`[\]]+)\)$/;

/** The parameter's name of a key that is a docstring's `name (type)` (47a-11: read as `name` is), else the key. */
export function parameterName(key: string): string {
  const typed = key.length <= 160 ? TYPED_PARAMETER.exec(key) : null;
  return typed && typed[2].length <= 64 ? typed[1] : key;
}

/**
 * Whether `line`, below a key whose value `rest` starts on the key's line, goes on with a description of the secret
 * (`password (str): The password` then `    used to log in.`): YAML folds the two into one value; a line reader judging
 * each alone took the second for a value (47a-11). `keys`: the key's path.
 */
export const describedOn = (rest: string, keys: readonly string[], line: string): boolean =>
  rest !== '' && rest.length <= 1024 && describesSecret(`${rest} ${line.trim()}`, keys);
