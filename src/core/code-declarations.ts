/**
 * Code that declares or copies a secret where a value would stand (attack round 42a-11), for secrets-keys.ts
 * isPlainlyNotSecret, with the name the value is set under (code-values.ts reads calls):
 * - a value that names what its key names, copying a field or passing a variable: `this.password = password;`,
 *   `Config{Password: cfg.Password}`, `connect(password=password)` (a dotted one reads a variable's field: its first
 *   part starts lower-case, as `Summer.Password`, which may be a password, does not);
 * - a type: TypeScript's `password: string;` (and an interface's next members, `token?: string`), Python's
 *   `password: str` or `Optional[str] = None`, Go's `Password []byte`, C#'s `SecureString`.
 * A name or a text that mixes letters and digits stays a value.
 */

/** A name that mixes letters and digits (`Zq9pW7`), but for a `_1` part (`DB_PASSWORD_2`) or a trailing number (`psycopg2`, `sha256`). */
export const mixed = (name: string): boolean => /\d/.test(name.replace(/_\d+(?=_|$)/g, '').replace(/\d+$/, ''));

/** `value` without a statement's end (`;`, `,`) and a call's `)` it does not open (a keyword argument read to its word's end). */
export function withoutEnd(value: string): string {
  let v = value.trim().replace(/[;,]$/, '');
  let unopened = v.split(')').length - v.split('(').length;
  while (unopened-- > 0 && v.endsWith(')')) v = v.slice(0, -1);
  return v.trimEnd();
}

/** The types a secret is declared with, in the languages that write `name: type` or `Name type`. */
const TYPE =
  /^(?:\[\]byte|&(?:'[a-z]\w*\s+)?(?:str|\[u8\])|(?:string|str|String|bytes|byte|char|number|int|bool|boolean|Buffer|Uint8Array|SecretStr|SecretBytes|SecretString|SecureString|any|unknown)(?:\[\])?\??|(?:Optional|Option|Secret|Box)[[<](?:str|String|string|bytes|SecretStr|SecretString)[\]>])(?:\s*\|\s*(?:None|null|undefined))?$/;

/**
 * The value of a typed declaration read from its type on (48a-17): `str = Field(..., env="API_TOKEN")` under
 * `api_token: str = …` (Python's annotated assignment, pydantic's settings), `string = readPassword()` under a
 * TypeScript `let password: string = …`; undefined where `value` starts with no type and `=`.
 */
export function typedValue(value: string): string | undefined {
  const typed = /^([^=\n]{1,80}?)[ \t]*=(?!=)[ \t]*(\S.*)$/s.exec(value);
  return typed && TYPE.test(typed[1].trim()) ? typed[2] : undefined;
}

/**
 * A type where a value stands (`password: string;`, `password: str`, `password: Optional[str] = None` up to its `=`),
 * or a value that names what its key names (`password;` under `this.password`, `cfg.Password` under `Password`).
 */
export function declaresOrCopies(value: string, key: string): boolean {
  if (value.length > 512) return false;
  // A default of nothing (`= None`, `= ''`, `= ""`, or `=` alone where a reading took out the `""`) after the type:
  // the type is what is declared.
  const code = withoutEnd(value).replace(/\s*=\s*(?:None|null|undefined|nil|''|"")?$/, '');
  if (TYPE.test(code)) return true;
  // A flow reading runs on over an interface's next members (`string; token?: string`): each is a name and a type.
  const [head, ...members] = code.split(';');
  const member = (text: string) => {
    const typed = /^\s*[A-Za-z_]\w{0,63}\??\s*:\s*(.*?)\s*$/.exec(text);
    return text.trim() === '' || (!!typed && TYPE.test(typed[1]));
  };
  if (members.length && TYPE.test(head.trim()) && members.every(member)) return true;
  const last = (name: string) => (/[A-Za-z_]\w*$/.exec(name)?.[0] ?? '').toLowerCase();
  // A dotted copy reads a variable's field (`cfg.Password`, `self.password`): `Summer.Password` may be a password.
  return /^(?:[A-Za-z_]\w*|[a-z_]\w*(?:\.[A-Za-z_]\w*){1,4})$/.test(code) && last(code) !== '' && last(code) === last(key) && !mixed(code);
}

/**
 * A keyword argument's value where it is a call that runs on past a blank (`password=config.get("db", "password")`,
 * read as a word up to its blank): the text from `start` to the `)` that closes its call, on its line and within 512
 * characters; `value` itself where it opens no call, or none closes it there.
 */
export function callRunningOn(text: string, start: number, value: string): string {
  // Only a word whose call its blank cut short (more `(` than `)`): a value is never cut (`$(FOUND)'tail` stays whole).
  if (value.split('(').length <= value.split(')').length || text.slice(start, start + value.length) !== value) return value;
  let [depth, quote] = [0, ''];
  for (let i = start; i < text.length && i < start + 512 && text[i] !== '\n'; i++) {
    const c = text[i];
    if (quote) quote = c === quote ? '' : quote;
    else if (c === '"' || c === "'") quote = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth <= 0) return depth === 0 && i + 1 > start + value.length ? text.slice(start, i + 1) : value;
  }
  return value;
}
