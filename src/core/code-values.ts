import { mixed, withoutEnd } from './code-declarations';
import { looksGenerated, namesSecretValue } from './secrets-keys';

/**
 * Code that reads or passes a secret kept elsewhere, written where a value would stand (attack round 42a-11): the
 * value after a secret's name is an expression of a program, not a literal. For code-references.ts (as its member
 * reads `os.environ['DB_PASSWORD']` are) and, with the name it is set under, for secrets-keys.ts isPlainlyNotSecret.
 * - a call: `getpass.getpass("Password: ")`, `input("Password: ")`, `get_secret("db")`, `keyring.get_password("svc",
 *   "bob")`, `bcrypt.hashpw(password, bcrypt.gensalt())`, a keyword argument's `os.environ["PGPASSWORD"]` read up to
 *   the call's `)`; its names, and the texts it is given: a name (`"db"`), a prompt (`"Password: "`);
 * - a value that names what its key names, or a type (code-declarations.ts).
 * A literal stays a value: a text given to a call that is no read (`withPassword("abc")`), a default after the name
 * read (`os.environ.get("PW", "abc")`), a name or a text that mixes letters and digits or looks generated.
 */

const NAME = /[A-Za-z_$][\w$]{0,63}/y;
/** A text a call is given that is a name: a key, a section, a service, a user, a path. */
const NAME_TEXT = /^[A-Za-z_][\w./-]{0,127}$/;
/** A prompt: words, then `:` or `?` and maybe a blank (`"Password: "`, `"Enter the vault token? "`). */
const PROMPT = /^[A-Za-z][A-Za-z' _-]{0,127}[:?] ?$/;
/** A call that reads, by its name: a getter, a prompt, a lookup (`get_secret`, `getpass`, `input`, `keyring.get_password`). */
const READS = /^(?:get|read|fetch|load|lookup|find|retrieve|resolve|prompt|ask|input|query|question)(?![a-z])|^(?:getpass|gets|readline)$/;
/**
 * A name whose last word is a reader (48a-17): mongosh's `passwordPrompt()`, `password_input()`, `secretReader()`,
 * `askpass`: what it names is read, as a read verb first says (`promptPassword()`).
 */
const READER = /(?:prompt|input|reader|getter|lookup|askpass|getpass)$/i;
/** Whether a call's name says it reads (READS, READER), in any case (`get_secret`, `getSecret`, `GetSecret`, `GET_SECRET`). */
const isRead = (name: string): boolean => {
  const bare = name.replace(/^[_$]+/, '');
  return READS.test(bare.charAt(0).toLowerCase() + bare.slice(1)) || READS.test(bare.toLowerCase()) || READER.test(bare);
};
/** A JOSE algorithm (RFC 7518 section 3.1), a digest or a text encoding, given to a call: how it computes, no secret. */
const SETTING =
  /^(?:[HRE]S(?:256|384|512)|PS(?:256|384|512)|EdDSA|utf-?(?:8|16|32)|ascii|latin-?1|hex|base64|sha-?(?:1|224|256|384|512)|md5)$/i;
const NO_DEFAULT = /^(?:''|""|None|nil|null|undefined)$/;
/**
 * 51a-10: a text a string method is given that is a separator or a prefix, no secret: none, a blank, up to three marks or
 * escapes (`''`, `'"'`, `' '`, `','`, `'\\n'`, `'\\r\\n'`), a word of letters and a blank, `:` or `=` (`'Bearer '`, `'token='`).
 */
const SEPARATOR = /^(?:[^\w\s\\]|\\[nrt0'"\\]|[ \t]){0,3}$|^[A-Za-z][a-z]{1,15}(?: |: ?|=)$/;
/** A file's path given to a read or an open (`open('/run/secrets/pw')`, `File.read('./pw.txt')`): where it reads. */
const PATH = /^(?:~|\.{1,2})?(?:\/[\w.-]{1,64}){2,16}$/;
/** A call that opens a file to read it (`open`, `fopen`, `os.Open`, `Path`, `File`). */
const OPENS = /^(?:open|fopen|Open|OpenFile|Path|File|io\.open)$/;
/** The environment, read by a name in brackets (`os.environ['KEYS']`, Ruby's `ENV['KEYS']`). */
const ENVIRONMENT = /^(?:environ|env|ENV|getenv)$/;
/**
 * 51a-10: a name with a number that a codec or a digest has (`b64decode`, `base64`, `sha256`, `utf8`, `hex2bin`): a
 * name, not a word that mixes letters and digits as a password does.
 */
const CODEC_NAME = /^[a-z]{0,12}_?(?:b(?:ase)?(?:16|32|64|85)|sha(?:1|224|256|384|512)|md5|utf_?(?:8|16)|crc32|2)_?[a-z]{0,12}$/i;
const mixedName = (name: string): boolean => mixed(name) && !CODEC_NAME.test(name);

interface Read {
  /** Names and name texts, in order. */
  names: string[];
  /** Whether a text given to a call is a name or a prompt no read says it is. */
  literal: boolean;
  calls: number;
}

/** Reads `expr` from `at` (a name, then member reads, calls and indexes); the end, or -1. `depth` bounds nested calls. */
function expression(text: string, at: number, read: Read, depth: number): number {
  NAME.lastIndex = at;
  const first = NAME.exec(text);
  if (!first) return -1;
  read.names.push(first[0]);
  let i = at + first[0].length;
  for (;;) {
    const member = /(?:\.|\?\.|::|->)/y;
    member.lastIndex = i;
    if (member.exec(text)) {
      NAME.lastIndex = member.lastIndex;
      const name = NAME.exec(text);
      if (!name) return -1;
      read.names.push(name[0]);
      i = member.lastIndex + name[0].length;
    } else if (text[i] === '(' || text[i] === '[') {
      if (depth >= 4) return -1;
      const close = text[i] === '(' ? ')' : ']';
      const callee = read.names[read.names.length - 1] ?? '';
      const reads = close === ')' ? isRead(callee) || OPENS.test(callee) : ENVIRONMENT.test(callee);
      i = argumentsOf(text, i + 1, close, read, depth + 1, reads);
      if (i < 0) return -1;
      if (close === ')') read.calls++;
    } else return i;
  }
}

/** The arguments of a call or an index up to `close`; where it ends, or -1. `reads`: the call is a read (READS). */
function argumentsOf(text: string, at: number, close: string, read: Read, depth: number, reads: boolean): number {
  let i = skipBlanks(text, at);
  let secretText = false;
  if (text[i] === close) return i + 1;
  for (;;) {
    const keyword = /([A-Za-z_]\w{0,63})\s*=(?!=)\s*/y;
    keyword.lastIndex = i;
    const named = keyword.exec(text);
    if (named) i = keyword.lastIndex;
    // Python's `...` (pydantic's `Field(..., env="API_TOKEN")`: required, no default) and Ruby's `&:gets` pass no text.
    const passes = /(?:\.\.\.|&:[a-z_]\w{0,63}[?!]?)(?=\s*[,)\]])/y;
    passes.lastIndex = i;
    const passed = passes.exec(text);
    if (passed) {
      if (passed[0].startsWith('&:')) read.names.push(passed[0].slice(2)); // the method it calls (`gets`)
      i = skipBlanks(text, passes.lastIndex);
      if (text[i] === close) return i + 1;
      if (text[i] !== ',') return -1;
      i = skipBlanks(text, i + 1);
      continue;
    }
    // A count as an index (`.split(' ')[1]`, `[-1]`, 51a-10).
    const index = /-?\d{1,3}(?=\s*\])/y;
    index.lastIndex = i;
    if (close === ']' && index.exec(text)) {
      i = skipBlanks(text, index.lastIndex);
      if (text[i] === close) return i + 1;
      return -1;
    }
    const quoted = /"((?:[^"\\\n]|\\[^\n]){0,128})"|'((?:[^'\\\n]|\\[^\n]){0,128})'/y;
    quoted.lastIndex = i;
    const string = quoted.exec(text);
    if (string) {
      const value = string[1] ?? string[2];
      if (!reads && close === ')' && SEPARATOR.test(value)) {
        // `.split(' ')`, `.replace('"', '')`, `.removeprefix('Bearer ')`: a string method's separator or prefix (51a-10).
      } else if (reads && PATH.test(value) && !value.split(/[/._-]/).some((part) => part.length > 4 && mixedName(part))) {
        // `open('/run/secrets/pw')`: the file it reads.
      } else if (NO_DEFAULT.test(string[0])) read.literal ||= !secretText;
      else if (secretText)
        read.literal = true; // a default after the name read
      else if (SETTING.test(value) || (named && !namesSecretValue(named[1]) && NAME_TEXT.test(value) && !mixed(value))) {
        // `algorithm='HS256'`, `.encode('utf-8')`: the call's setting, named by its keyword or an algorithm's (50a-13).
        read.names.push(value);
      } else if (NAME_TEXT.test(value) && !mixed(value)) {
        read.names.push(value);
        secretText ||= namesSecretValue(value);
        if (!reads && !namesSecretValue(value)) read.literal = true;
      } else if (PROMPT.test(value)) read.names.push(...value.split(/[^A-Za-z_]+/).filter(Boolean));
      else read.literal = true;
      i = quoted.lastIndex;
    } else {
      i = expression(text, i, read, depth);
      if (i < 0) return -1;
    }
    i = skipBlanks(text, i);
    if (text[i] === close) return i + 1;
    if (text[i] !== ',') return -1;
    i = skipBlanks(text, i + 1);
  }
}

function skipBlanks(text: string, at: number): number {
  while (text[at] === ' ' || text[at] === '\t') at++;
  return at;
}

/** A call that reads or passes a secret (above), with what it reads named like a secret, or a read whatever it reads. */
export function isCodeCall(value: string): boolean {
  const code = withoutEnd(value);
  if (code.length > 512 || looksGenerated(code)) return false;
  const read: Read = { names: [], literal: false, calls: 0 };
  if (expression(code, 0, read, 0) !== code.length || read.literal) return false;
  // A method called without brackets (Ruby's `IO.console.getpass`): a member read whose last name reads, each name of
  // one case (`Summer.Find` may be a password with a dot).
  const oneCase = (name: string) => !(/[a-z]/.test(name) && /[A-Z]/.test(name));
  if (read.calls === 0)
    return read.names.length > 1 && isRead(read.names[read.names.length - 1]) && read.names.every((name) => oneCase(name) && !mixed(name));
  if (read.names.some(mixedName)) return false;
  const reads = read.names.some(isRead);
  // A method called on a value (`hashlib.sha256(raw).hexdigest()`, `jwt.encode(payload, key)`) computes it (50a-13); its
  // first name starts lower-case, as a module's or a variable's does (`Pass.word(x)` may be a password).
  // Two names, each of one case, the method's of three letters or more (`line.strip()`, `f.readline()`) compute too (51a-10).
  const computes =
    /^(?:[a-z_$][\w$]*|ENV)(?:(?:\.|::|->|\[)|\(.*\)(?:\.|::|->))/.test(code) &&
    (read.names.length >= 3 || (read.names.length === 2 && read.names.every(oneCase) && /^[a-z_]{3,}$/.test(read.names[1])));
  return reads || computes || read.names.some((name) => namesSecretValue(name.replace(/^[$@]+/, '')));
}
