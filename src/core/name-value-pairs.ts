import { withForeignWords } from './foreign-secret-words';
import { looksGenerated } from './generated-runs';
import { AUTH_SCHEME, words } from './secrets-keys';
import { setsSecret, unquote } from './secrets-text';
import { isPasswordNoun } from './password-nouns';
import { namesStore } from './prose-after-label-words';
import { namesSecretAsLabel } from './secret-word-labels';

/**
 * Attack round 40a-4b: a secret-named variable set by a syntax other than `name=value` or `name: value`. Only the syntax
 * that pairs a name with its value is read here; the name is judged as everywhere (secrets-keys.ts: a name like a secret,
 * not one of a reference such as `DB_PASSWORD_FILE`), and so is the value (secrets-text.ts setsSecret: a reference, a
 * switch's word, a path under a file's name are none). One table, one row per syntax:
 * - a directive, then the name and its value, alone on a line: Dockerfile's legacy `ENV NAME value` (the rest of the
 *   line; docs.docker.com reference/dockerfile "ENV"), csh/tcsh `setenv`, Apache `SetEnv` (mod_env), Windows `setx`
 *   (`/M` after it), fish `set -x|-gx|--export` and Tcl's `set`, nginx `fastcgi_param`/`uwsgi_param`/`scgi_param`
 *   and Passenger's `passenger_env_var`, nginx's `set $name value;` and the headers `proxy_set_header`/`grpc_set_header`/
 *   `add_header` set (`proxy_set_header X-Webhook-Secret "v";`, 44a-5),
 *   PHP's `php_value`/`php_admin_value`, RPM's `%define`/`%global`; C's `#define` of a string (code's words are none);
 * - CMake's `set(NAME value)` (41a-7), `set(ENV{NAME} value)`, `string(CONCAT|APPEND NAME value)` and
 *   `-DNAME[:TYPE]=value` (42a-5, also a compiler's `-D` and Java's `-D` property); Passenger's Apache spelling
 *   `PassengerEnvVar NAME value` (42a-5); `dotnet user-secrets set NAME value`, and a name then a tab then its value (44a-5);
 * - GNU make's other assignments `?=`, `:=`, `::=`, `:::=`, `+=`, `!=` (make manual "Setting Variables", with
 *   `override`/`export` before; code's words are none there too), R's `<-` and `<<-` of a string;
 * - a Lisp form `(setq name "value")`, `(defvar …)`, `(setenv "NAME" "value")`, Scheme's `(define …)`, Clojure's `(def …)`;
 * - a quoted name then a quoted value, as a call's first two arguments or a pair (`os.Setenv("NAME", "v")`, `setenv(…)`,
 *   `define('NAME', 'v')`, `System.setProperty("db.password", "v")`, `os.environ.setdefault(…)`, `["NAME", "v"]`,
 *   `('password', 'v')`);
 * - a builder or setter named like a secret taking one quoted value (`withPassword("v")`, `.password("v")`,
 *   `setApiKey("v")`).
 * In the last two, make's and C's, code's own words are no secret (isCodeWord): an identifier of letters only (`"text"`, `"hidden"`, a
 * type's or a placeholder's name, as secrets-config-lines.ts takes a header's in lower case; another name in a list of
 * names), the name itself as a label (`t('password', 'Password')`), an option, a path, or words of prose.
 * Round 68 (68a-19): a call that stores a value under the name it is given (`props.setProperty("password", "v")`,
 * `System.setProperty`, `os.Setenv`, `setenv`, `putenv`, `os.environ.setdefault`, `define`, `put`, `set`, `setItem`)
 * sets the value whatever it looks like, a dictionary word too: only a label, a format, a path, an empty or a
 * placeholder's value is none there.
 */

/** What such a value is called in findings (`FoundSecret.what`). */
export const NAME_VALUE_SECRET =
  'a value set to a name like a secret by a directive, an operator or a call ' +
  '(ENV NAME value, setenv, set -x, #define, define(), ?=, <-, setq, os.Setenv("NAME", …))';

/** A name as these syntaxes write it (a variable's, a property's: `db.password`, `db-password`). */
const NAME = String.raw`[A-Za-z_][\w.-]{0,127}`;
/** A configuration key's path, sections joined by `:` (`ConnectionStrings:Password`). */
const NAME_PATH = String.raw`[A-Za-z_][\w.:-]{0,127}`;
/** Options, each maybe with its value (`--project src/App `, `-p=x `, `--verbose `), never `set` itself as an option's value. */
const OPTIONS = String.raw`(?:--?[A-Za-z][\w-]*(?:=\S*)?[ \t]+(?:(?!-|set[ \t])\S+[ \t]+)?)*`;
/** A quoted value, to its closing quote on the line. */
const QUOTED = String.raw`"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'`;
/** A value: quoted, or a word up to a blank or `;`. */
const VALUE = String.raw`${QUOTED}|[^\s;"'][^\s;]*`;

interface Syntax {
  pattern: RegExp;
  /** Code's words are none (see above); `labels`: only a label, a format, a path or punctuation is (a setter call's). */
  code?: boolean | 'labels';
  /** A word of letters only is a column's name, none. */
  column?: boolean;
  /** A further test of a match that sets none. */
  none?: (match: RegExpMatchArray) => boolean;
  /** The syntax, for a finding's name (41a-12): from the match, its fixed words only (a directive, an operator), never the value. */
  named: (match: RegExpMatchArray) => string;
}

/** The first of `pattern`'s words in `text` (words of a fixed alternation), or `fallback`. */
const wordOf = (pattern: RegExp, text: string, fallback: string): string => pattern.exec(text)?.[0].replace(/[ \t]+/g, ' ') ?? fallback;

/**
 * A type where a value goes (Go's `*string`, `[]byte`, `[32]byte`; `String?`, `Option<String>`, `byte[]`,
 * `Optional[str]`), or a docstring's in brackets (`password (str)`, `token (Optional[str])`: secrets-config-lines.ts).
 */
const TYPE_LIKE =
  /^(?:[*&]|\[\d*\])+[A-Za-z_][\w.]*$|^[A-Za-z_][\w.]*(?:\?|\[\]|<[\w<>, .?]*>|\[[\w.,[\]| ]*\])$|^\([A-Za-z_][A-Za-z_.]*(?:\[[A-Za-z_.,[\]| ]*\])?\)$/;
/** A file's name: a name, then an extension of letters (`auth.txt`, `static.key`, `creds.conf`). */
const FILE_NAME = /^[\w-]+(?:\.[\w-]+)*\.(?:txt|conf|cfg|key|pem|crt|json|yaml|yml|ini|secret|pass|gpg|asc|enc|env|cred|creds)$/i;

/** 68a-19: a call that stores a value under the name it is given (see above). */
const SETTER_CALL = String.raw`(?:setProperty|setenv|Setenv|putenv|setdefault|define|put|set|setItem)`;

const SYNTAXES: readonly Syntax[] = [
  // The legacy ENV form: the value is the rest of the line.
  {
    pattern: new RegExp(String.raw`^[ \t]*ENV[ \t]+(${NAME})[ \t]+(${QUOTED}|[^\s"'=][^\n\r]*?)[ \t]*\r?$`, 'dgim'),
    named: () => 'Dockerfile ENV NAME value',
  },
  {
    pattern: new RegExp(
      String.raw`^[ \t]*(?:setenv|SetEnv|setx|set(?:[ \t]+-{1,2}[A-Za-z][\w-]*)*|fastcgi_param|uwsgi_param|scgi_param|passenger_env_var|PassengerEnvVar|` +
        String.raw`php_(?:admin_)?value|%define|%global|(?:proxy|grpc)_set_header|add_header|add_trailer)` +
        String.raw`[ \t]+\$?(${NAME})[ \t]+(${VALUE})[ \t]*;?(?:[ \t]+/[A-Za-z])?[ \t]*\r?$`,
      'dgm',
    ),
    named: (match) => `${wordOf(/[%\w]+(?:[ \t]+-{1,2}[a-z]{1,8}(?![\w-]))?/i, match[0], 'a directive')} NAME value`,
  },
  // .NET's secret store (learn.microsoft.com aspnet/core/security/app-secrets: `dotnet user-secrets set "Auth:ClientSecret"
  // "v"`, options before the name), the name's sections joined by `:` (44a-5); options before `set` too (45a-8:
  // `--project src/Web set …`, `-p x.csproj set …`, `--verbose set …`).
  {
    pattern: new RegExp(
      String.raw`(?<![\w-])dotnet[ \t]+user-secrets[ \t]+${OPTIONS}set[ \t]+${OPTIONS}` +
        String.raw`(?:"(${NAME_PATH})"|'(${NAME_PATH})'|(${NAME_PATH}))[ \t]+(${VALUE})`,
      'dg',
    ),
    named: () => 'dotnet user-secrets set NAME value',
  },
  // A name, a tab, one value, alone on a line (a tab-separated pair: `clientSecret<TAB>value`, 44a-5); a word of letters
  // there may be a column's name (`token<TAB>type`).
  {
    pattern: new RegExp(String.raw`^[ \t]*(${NAME})\t[ \t]*(${VALUE})[ \t]*;?[ \t]*\r?$`, 'dgm'),
    column: true,
    named: () => 'NAME<TAB>value',
  },
  // A name, blanks (a space among them: tabs alone are the row above's), one value, alone on a line (50a-6): slapd.conf's
  // `rootpw <pw>` (openldap.org slapd.conf(5)), nslcd.conf's and pam_ldap's `bindpw <pw>` (nslcd.conf(5)), a key file's
  // `admin_password <pw>`. Code's words are none (`Password string`, `password VARCHAR(255)`), nor a type (`Token
  // *string`, `Key [32]byte`), a file's name (OpenVPN's `auth-user-pass auth.txt`), a `passwd` command (`passwd bob`,
  // `smbpasswd -a bob`), password-store's `pass <entry>`, or an HTTP auth scheme (`Bearer abc123`: secret-shapes.ts reads those).
  {
    pattern: new RegExp(String.raw`^[ \t]*(${NAME})(?=([ \t]+))\2(${VALUE})(?=[ \t]*\r?$)`, 'dgm'),
    code: true,
    none: ([, name, blanks, value]) =>
      !blanks.includes(' ') ||
      // A scheme's word or the command, unless the value looks generated (51a-1: `token Zx9Qw7Lp3VbTb`, `passwd
      // x7Kq9mZ2pL4v` set a secret; `token bucket`, `Token abc`, `passwd bob` do not).
      ((AUTH_SCHEME.test(name) || /^[a-z]*passwd$/.test(name)) && !looksGenerated(unquote(value))) ||
      (name === 'pass' && value.includes('/')) ||
      TYPE_LIKE.test(value) ||
      FILE_NAME.test(value) ||
      (/pass/i.test(name) && isPasswordNoun(unquote(value))) || // a heading: `Password Manager`, `Password Policy`
      namesStore(unquote(value)) || // 78a-12: a store, maybe with a case ending (`Şifre Vaultta`, read in ASCII: in Vault)
      namesSecretAsLabel(`${name} ${unquote(value)}`, name), // a catalogue's label: `Passwort anzeigen`, `Jeton d'accès` (74a-2)
    named: () => 'NAME value',
  },
  // C's macro unquoted is code (`#define GL_POINT_TOKEN 0x0701`, `#define T_KEY ns_t_key`): a string only.
  {
    pattern: new RegExp(String.raw`^[ \t]*#[ \t]*define[ \t]+(${NAME})[ \t]+(${QUOTED})[ \t]*\r?$`, 'dgm'),
    code: true,
    named: () => 'C #define NAME "value"',
  },
  // make's name holds no `.` (`self.token += c` is code), `!==` compares; code's words (`tokens += more`) are none.
  {
    pattern: new RegExp(
      String.raw`^[ \t]*(?:(?:override|export)[ \t]+)?([A-Za-z_][\w-]{0,127})[ \t]*(?:[?+]=|!=(?!=)|:{1,3}=)[ \t]*(${QUOTED}|[^\s"'][^\n\r]*?)[ \t]*\r?$`,
      'dgm',
    ),
    code: true,
    // A value ended by `;` is a statement's (PL/SQL's, Pascal's `v_password := …;`, C's `token += …;`), not make's (50a-13).
    named: (match) =>
      `${match[2].endsWith(';') ? 'an assignment' : 'make'} NAME ${wordOf(/[?+!:]*=/, match[0].slice(match.indices![1][1] - match.index!), '=')} value${match[2].endsWith(';') ? ';' : ''}`,
  },
  // R's value unquoted is code (`token <- readline()`): a string only.
  {
    pattern: new RegExp(String.raw`^[ \t]*(${NAME})[ \t]*<<?-[ \t]*(${QUOTED})[ \t]*;?[ \t]*\r?$`, 'dgm'),
    named: (match) => `R NAME ${match[0].includes('<<-') ? '<<-' : '<-'} "value"`,
  },
  // CMake's `set(NAME value …)` (any case; `CACHE STRING "doc"` may follow): code, its words are none; so is a reference
  // to the environment or the cache (`$ENV{DB_PASSWORD}`, `$CACHE{…}`; `${…}` is any shell's).
  {
    pattern: new RegExp(
      String.raw`^[ \t]*(?:set[ \t]*\([ \t]*(?:ENV\{(${NAME})\}|(${NAME}))|string[ \t]*\([ \t]*(?:CONCAT|APPEND|PREPEND)[ \t]+(${NAME}))` +
        String.raw`[ \t]+(?!["']?\$(?:ENV|CACHE)\{)(${QUOTED}|[^\s()"'$][^\s()]*)`,
      'dgim',
    ),
    code: true,
    named: (match) =>
      `CMake ${/^[ \t]*string/i.test(match[0]) ? 'string(CONCAT NAME value)' : match[1] ? 'set(ENV{NAME} value)' : 'set(NAME value)'}`,
  },
  // CMake's cache entry on its command line, maybe typed (`-DAPI_TOKEN:STRING=value`, cmake(1) -D); a compiler's macro
  // (`-DAPI_KEY=value`) and Java's system property (`-Ddb.password=value`) alike.
  {
    pattern: new RegExp(
      String.raw`(?<![\w-])-D[ \t]?(${NAME})(?::(?:STRING|BOOL|PATH|FILEPATH|INTERNAL|UNINITIALIZED))?=(${VALUE})`,
      'dgi',
    ),
    named: () => '-DNAME[:TYPE]=value',
  },
  {
    pattern: new RegExp(
      String.raw`\((?:setq(?:-default|-local)?|setf|defvar|defconst|defcustom|setenv|define|def)[ \t]+["']?(${NAME})["']?[ \t]+(${QUOTED})`,
      'dg',
    ),
    named: (match) => `Lisp (${wordOf(/[a-z-]+/, match[0], 'setq')} NAME "value")`,
  },
  {
    pattern: new RegExp(String.raw`(?<![\w$])${SETTER_CALL}[ \t]*\([ \t]*(?:"(${NAME})"|'(${NAME})')[ \t]*,[ \t]*(${QUOTED})`, 'dg'),
    code: 'labels',
    named: () => 'a call or pair ("NAME", "value")',
  },
  {
    // The bracket before the lookbehind: V8 unoptimized tries a leading lookbehind at every position, back over every blank (65a-10's CI run).
    pattern: new RegExp(
      String.raw`[(\[{](?<!(?<![\w$])${SETTER_CALL}[ \t]*.)[ \t]*(?:"(${NAME})"|'(${NAME})')[ \t]*,[ \t]*(${QUOTED})`,
      'dg',
    ),
    code: true,
    named: () => 'a call or pair ("NAME", "value")',
  },
  {
    pattern: new RegExp(String.raw`(?<![\w$])(${NAME})\([ \t]*(${QUOTED})[ \t]*\)`, 'dg'),
    code: true,
    named: () => 'a setter or builder (withPassword("value"))',
  },
];

/** A method's first word that reads, checks or derives a secret, not one that sets it. */
const VERB =
  /^(?:get|has|is|check|validate|verify|hash|reset|find|read|load|fetch|remove|delete|clear|encode|decode|encrypt|decrypt|compare|generate|create|update|rotate|revoke|lookup|require|mask|show|print|log|ask|prompt|input)$/;

/** A builder's or setter's name: `with`/`set` then a name like a secret, or such a name alone after a `.` or at a word's start. */
function builderName(name: string): string | undefined {
  const method = name.replace(/^.*\./, '');
  const prefixed = /^(?:with|set)([A-Z]\w*)$/.exec(method);
  if (prefixed) return prefixed[1];
  // Not a getter's or a check's (`getPassword("db")`, `checkPassword(…)`): a name of one or two words, a noun first.
  const list = words(method);
  return list.length <= 2 && !VERB.test(list[0] ?? '') ? method : undefined;
}

/**
 * Code's own words where a value goes: the name or its last words again (a label), an identifier of letters only (`text`, `ADMINPW`,
 * `encryptionKey`, `session_id`, `rsa.RSAPublicKey`: another name in a list of names), an option (`-p`), a path, a call
 * (`nextchar()`), a prompt (`"Password: "`), a format (`" %s"`), punctuation (`"=>"`), or words of prose.
 */
function isCodeWord(name: string, written: string, identifiers = true): boolean {
  // A statement's `;` ends it (`v_password := p_password;`, 50a-13): the identifier before it is the value.
  const value = written.replace(/(?<=\w);$/, '');
  const flat = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');
  const identifier =
    /^[A-Za-z_][A-Za-z_.-]*$/.test(value) && (/^[a-z_.-]+$|^[A-Z_.-]+$/.test(value) || words(value).length > 1 || value.startsWith('_'));
  const prose = /^[A-Za-z_]+(?:[ \t]+[A-Za-z_]+[.,:!?]?)+$/.test(value);
  // A call is code where it starts the value (`nextchar()`, `os.getenv(`): a generated key's `7(Z` is no call (53a-8, WordPress salts).
  const other =
    /^[-/]|^[A-Za-z][A-Za-z ]*:[ \t]*$|^[A-Za-z_$][\w$.]*\(|%[-+ #0-9.]*[sdifx]|\{\d*\}/.test(value) || !/[A-Za-z0-9]/.test(value);
  // The name's own last words (`#define SSL_TXT_PSK "PSK"`, `#define XtCSessionID "SessionID"`): a label.
  const label = flat(value) !== '' && flat(name).endsWith(flat(value));
  return value === '' || label || other || (identifiers && (identifier || prose));
}

/** Where a text sets a value under a name like a secret by one of SYNTAXES: the value's span (inside its quotes). */
export const nameValueSpans = (text: string): Array<[number, number]> => nameValueFindings(text).map(({ span }) => span);

/** How a finding of nameValueSpans is named: the syntax of the first value found (41a-12). */
export function nameValueSecretIn(text: string): string {
  const [first] = nameValueFindings(text).sort((a, b) => a.span[0] - b.span[0]);
  return first ? `a value set to a name like a secret by ${first.format}` : NAME_VALUE_SECRET;
}

/** Text without any of these sets no value under a name like a secret (foreign-secret-words.ts: `kennwort`). */
const CLUE = withForeignWords(/pass|pw|token|secret|key|cred|auth|psk|jwt|signature|session|bearer|salt/i);

/** Whether `value` set under `name` is a secret by a syntax whose code's words (`code`) or column names (`column`) are none. */
function setsValue(name: string, value: string, code?: boolean | 'labels', column?: boolean): boolean {
  const plain = unquote(value);
  return setsSecret(name, value) && !(code && isCodeWord(name, plain, code === true)) && !(column && /^[A-Za-z_]+$/.test(plain));
}

function nameValueFindings(text: string): Array<{ span: [number, number]; format: string }> {
  if (!CLUE.test(text)) return [];
  const found: Array<{ span: [number, number]; format: string }> = [];
  // Each name and value's verdict once a text (a file of `rootpw $PW` lines repeats them).
  const verdicts = new Map<string, boolean>();
  const judged = (key: string, judge: () => boolean): boolean => {
    let verdict = verdicts.get(key);
    if (verdict === undefined) {
      verdict = judge();
      if (verdicts.size < 10_000 && key.length <= 256) verdicts.set(key, verdict);
    }
    return verdict;
  };
  for (const { pattern, code, column, none, named } of SYNTAXES) {
    for (const match of text.matchAll(pattern)) {
      const groups = [1, 2, 3, 4].filter((n) => match[n] !== undefined);
      const [nameGroup, valueGroup] = [groups[0], groups[groups.length - 1]];
      const written = match[nameGroup];
      const name = pattern === SYNTAXES[SYNTAXES.length - 1].pattern ? builderName(written) : written;
      const value = match[valueGroup];
      if (
        name === undefined ||
        !judged(`${code === true ? 'c' : code ? 'l' : ''}${column ? 't' : ''}\0${name}\0${value}`, () =>
          setsValue(name, value, code, column),
        )
      )
        continue;
      if (none?.(match)) continue;
      const [start, end] = match.indices![valueGroup];
      const quoted = /^(["']).*\1$/s.test(value) && value.length >= 2 ? 1 : 0;
      if (end - start > 2 * quoted) found.push({ span: [start + quoted, end - quoted], format: named(match) });
    }
  }
  return found;
}
