import { AUTH_SCHEME } from './secrets-keys';
import { isReference } from './secrets-text';
import { isPlaceholder } from './placeholders';
import { nginxLiterals } from './nginx-variables';
import { looksGenerated } from './generated-runs';
import { PASSWORD_NOUNS, isPasswordNoun } from './password-nouns';

/**
 * Password lines of servers' and clients' config files that name no secret word, beside secrets-formats.ts
 * CONFIG_LINES (attack round 36a-3, 36a-4, 36a-5). Each pattern starts only at a line's start, a `;` or a header's name,
 * and each blank run is taken whole (`(?=(…*))\N` never gives it back), so a text is scanned once: linear.
 */

/** What such a line's password is called in findings (`FoundSecret.what`): configFileSecretIn names the format (40a-8b). */
export const CONFIG_FILE_SECRET = 'a password of a config file';

/**
 * - curl's config file takes `=`, `:` or blanks between an option and its value (curl.se/docs/manpage.html `-K`):
 *   `user: bob:pw`, `user "bob:pw"`, `proxy-user bob:pw` (the `=` form is CONFIG_LINES'). The same words are a
 *   compose file's or a Dockerfile's `user: uid:gid` / `USER name:group`: a password that can be a group's name (POSIX
 *   portable letters, digits, `.`, `_`, `-`, lower case; or digits) is taken for one.
 * - ODBC's `PWD=` (learn.microsoft.com sql/odbc/reference/syntax/sqldriverconnect: `PWD=<password>`, `{…}` quoted), in
 *   a connection string (after `;`) or an odbc.ini line; a shell's `PWD=/app` is a folder: a value that starts with
 *   `/`, `~`, `.` or `$` is none.
 * - haproxy `user <name> insecure-password <pw>` in a userlist, and `stats auth <user>:<pw>`
 *   (docs.haproxy.org configuration.html 3.4 Userlists, 4.2 stats auth; `password` takes a hash).
 * - Redis Sentinel `sentinel auth-pass <master> <pw>` and `sentinel sentinel-pass <pw>` (redis.io/docs/latest/operate/
 *   oss_and_stack/management/sentinel), the Sentinel's masterauth and requirepass.
 */
const LINES = [
  String.raw`^[ \t]*(?:proxy-)?user(?=([ \t]*))\1(:?)(?=([ \t]*))\3"?[^\s":]+:([^\s"]+)"?[ \t]*\r?$`,
  String.raw`(?:^|;)[ \t]*PWD[ \t]*=[ \t]*(?:\{([^}\n]+)\}|([^;\s{][^;\s]*))`,
  String.raw`^[ \t]*(?:user[ \t]+\S+[ \t]+insecure-password|stats[ \t]+auth[ \t]+[^\s:]+:|sentinel[ \t]+(?:auth-pass[ \t]+\S+|sentinel-pass))(?=([ \t]*))\7(\S+)`,
];
/** A pattern's letters in either case (`PLAIN` is `[Pp][Ll]…`), where the rest of its regular expression keeps case. */
function anyCase(pattern: string): string {
  return pattern.replace(/[A-Za-z]/g, (c) => `[${c.toUpperCase()}${c.toLowerCase()}]`);
}
const LINE = new RegExp(LINES.join('|'), 'dgim');
/** A password of the first form that can be a group's name or a gid (`nobody:nogroup`, `1000:1000`, `app:app`). */
const GROUP_LIKE = /^(?:\d+|[a-z_][a-z0-9_.-]*)$/;

/**
 * An `Authorization` header whose credential is a bearer token: `Authorization: Bearer x` (an HTTP header line),
 * nginx `proxy_set_header Authorization "Bearer x";` / `add_header …`, any quoting; README: "a header
 * `Authorization`". A variable (`$token`, `${TOKEN}`) or a word in lower-case letters only (`Bearer token`, a
 * placeholder) is none.
 */
const BEARER = /(?<![\w-])Authorization["']?(?=([ \t:]*))\1["']?Bearer(?=([ \t]+))\2([A-Za-z0-9._~+/=-]+)/dgi;

/**
 * Round 37a-5, password lines without `=` or `:`:
 * - keepalived's `auth_pass <pw>` in a `vrrp_instance`'s `authentication` block (keepalived.org manpage
 *   keepalived.conf: `auth_type PASS`, `auth_pass <password>`);
 * - a line of exactly `password <pw>` (msmtp's msmtprc, a .netrc split over lines; PAM's `password required
 *   pam_unix.so …` has more words), and `user <name> password <pw>` on one line (fetchmailrc `poll h user bob
 *   password x`; not `login <name> password <pw>` without `machine`, which round 33a left to netrc's reader as no
 *   netrc entry: `timemachine h login u password x`); haproxy's `user x password <hash>` takes a
 *   crypt hash (`$6$…`, left as haproxy's own rule left it: a value starting with `$` is none);
 * - redis.conf's `tls-key-file-pass` and `tls-client-key-file-pass` (the private key's passphrase; redis.io
 *   docs/latest/operate/oss_and_stack/management/config-file);
 * - pppd's chap-secrets and pap-secrets: `client server secret addresses`, four words, with the server or the
 *   addresses `*` and the addresses `*` or an IPv4 address (ppp.samba.org pppd.8 "AUTHENTICATION"): `bob * pw *`.
 * Round 38a-7: fetchmail's long form `user bob there with password pw is bob here` (fetchmail.sourceforge.io manual);
 * dovecot's passwd-file `user:{PLAIN}pw:…` with a plain-text scheme (`{PLAIN}`, `{CLEAR}`, `{CLEARTEXT}`,
 * `{PLAIN-TRUNC}`: doc.dovecot.org password schemes; a hashed scheme, `{SHA512-CRYPT}$6$…`, is a hash in a file
 * without a secret's name, accepted as htpasswd's and haproxy's are); postfix's `sasl_passwd` map
 * `[smtp.example.com]:587 user:pw` (postfix.org SASL_README: a bracketed host and a port, which a plain `a b:c`
 * line cannot take).
 * Round 39a-2: fetchmail's `passwd` beside `password`/`pass` (fetchmail's lexer, rcfile_l.l, knows `pass(word)?` only,
 * but a value written after `passwd` is meant as the password all the same); dovecot's scheme names in any letter case
 * and with an encoding suffix (`{plain}`, `{Cleartext}`, `{PLAIN.b64}`: doc.dovecot.org password schemes; dovecot's
 * password-scheme.c looks them up without case); postfix's `sasl_passwd` without brackets, or without a port
 * (postfix.org SASL_README "smtp_sasl_password_maps": the key is `[host]`, `[host]:port`, `host`, `host:port`, or a
 * sender `user@domain`, or a sender's domain `@domain` with smtp_sender_dependent_authentication, 40a-6):
 * `smtp.example.com:587 user:pw`, `smtp.example.com user:pw`, `@example.com user:pw`. A bare `host a:b` line is
 * common elsewhere (an image `nginx:1.25`, a service `backend:8080`), so there the host must be a dotted name or an
 * address, the line two words, and a value that can be a name, a version or a port (lower case, digits) is none.
 * Each starts at a line's start; the words are runs of disjoint classes: linear.
 */
/**
 * Words that make a noun with `password` (password-nouns.ts): alone they are no password, and after them a value counts
 * only where it looks generated (generated-runs.ts), so `password manager X7kQ…` is one, `password policy strict` none.
 */
const COMPOUND = anyCase(PASSWORD_NOUNS);
const PLAIN_LINES = [
  String.raw`^[ \t]*(?:auth_pass|tls-(?:client-)?key-file-pass)[ \t]+(\S+)`,
  String.raw`^[ \t]*(?:(?:(?:\*|//+)[ \t]*)?@param(?:[ \t]+\{[^}\n]*\})?[ \t]+)?password[ \t]+(?:${COMPOUND}[ \t]+)?(\S+)[ \t]*\r?$`,
  String.raw`(?<!\S)(?:user|username)[ \t]+(?!\|)\S+(?:[ \t]+there)?(?:[ \t]+with)?[ \t]+pass(?:word|wd)?[ \t]+(\S+)`,
  String.raw`^[ \t]*(?:"[^"\n]*"|[^\s#"]+)[ \t]+(\*|[\w.-]+)[ \t]+("[^"\n]*"|[^\s"]+)[ \t]+(\*|\d{1,3}(?:\.\d{1,3}){3}(?:/\d{1,2})?)[ \t]*\r?$`,
  String.raw`^[ \t]*[^\s:#{]+:\{${anyCase('(?:PLAIN|CLEAR|CLEARTEXT|PLAIN-TRUNC)(?:\\.(?:B64|BASE64|HEX))?')}\}([^:\s]+)`,
  String.raw`^[ \t]*\[[^\]\s]+\]:\d{1,5}[ \t]+[^\s:]+:(\S+)`,
  String.raw`^[ \t]*(?:[^\s@:\[]*@)?(?:(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}|\d{1,3}(?:\.\d{1,3}){3})(?::(?:\d{1,5}|[a-z]+))?[ \t]+[^\s:]+:(\S+)[ \t]*\r?$`,
];
const PLAIN_LINE = new RegExp(PLAIN_LINES.join('|'), 'dgm');
/** The postfix line without brackets (its group): a value that can be a name, a version or a port is none. */
const BARE_SASL_GROUP = 9;
const NAME_LIKE = /^(?:[\d.:;,]+|v?\d[\w.+-]*|[a-z_][a-z0-9_.-]*)$/;
/**
 * Nor is the rest of a URI whose scheme the `user:` was (a properties line `spring.datasource.url jdbc:postgresql://db/app`,
 * `jdbc:oracle:thin:@db:1521:orcl`: 48a-16): schemes in lower case, then `//` or an Oracle thin `@`.
 */
const URI_REST = /^(?:[a-z][a-z0-9+.-]*:)*\/\/|^(?:[a-z][a-z0-9+.-]*:)+@/;
/**
 * A Google-style docstring's type in brackets after a parameter's name (`password (str): The password.`, `(Optional[str])`):
 * a name, no digits, so `password (hunter2)` stays a password line (47a-11).
 */
const DOCSTRING_TYPE = /^\([A-Za-z_][A-Za-z_.]*(?:\[[A-Za-z_.,[\]|]*\])?\)$/;
const AFTER_COMPOUND = new RegExp(`password[ \\t]+${COMPOUND}[ \\t]+\\S+[ \\t]*\\r?$`);
/** A `password <noun>` line, or `password <noun> <value>` whose value does not look generated. */
const isCompound = (line: string, value: string, bare: string): boolean =>
  AFTER_COMPOUND.test(line) && line.trimEnd().endsWith(value) ? !looksGenerated(bare) : isPasswordNoun(bare);
/** Words a PLAIN_LINES value may be that are no password: PAM's controls, switches, placeholders, a table's `|` (48a-5). */
const NOT_A_PASSWORD = /^(?:required|requisite|sufficient|optional|include|substack|none|null|true|false|on|off|yes|no|[-*|+=]+)$/i;

/**
 * Round 37a-4: a value set on a header that carries a credential, through a web server's or a proxy's directive, in
 * any scheme or none: nginx `proxy_set_header`/`grpc_set_header`/`add_header`/`more_set_headers`/
 * `more_set_input_headers`, haproxy `http-request set-header`/`add-header`, Apache `RequestHeader set|append|add|…`
 * and `Header …`, Caddy `header_up`/`header_down`/`header`. Headers: `Authorization`, `Proxy-Authorization`, any
 * `…Api-Key`/`…ApiKey`, `…Auth-Token`, `…Access-Token`, GitLab's `PRIVATE-TOKEN`, Vault's `X-Vault-Token`,
 * Honeycomb's `X-Honeycomb-Team`, Azure API Management's `Ocp-Apim-Subscription-Key` (round 38a-7, with Caddy's
 * `request_header` and haproxy's `%[str(…)]`). A variable (`$http_authorization`, `{http.request.header.X}`), a scheme alone, or a
 * word in lower-case letters only (`header`, a placeholder) is none.
 */
const HEADER_SET = new RegExp(
  String.raw`(?<![\w-])(?:proxy_set_header|grpc_set_header|add_header|more_set_(?:input_)?headers|(?:set|add)-header|(?:request_?)?header(?:[ \t]+(?:always|onsuccess))?(?:[ \t]+(?:set|append|add|merge|setifempty))?|header_(?:up|down))` +
    String.raw`[ \t]+["']?(?:proxy-)?(?:authorization|[a-z0-9-]*?(?:api-?key|auth-?token|access-?token)|private-token|x-vault-token|x-honeycomb-team|[a-z0-9-]*subscription-key)["']?(?:[ \t]*:[ \t]*|[ \t]+)["']?(?:([a-z][\w-]*)[ \t]+)?([^\s"';]+)`,
  'dgi',
);

/**
 * haproxy's `%[str(…)]` sample with its text quoted or its blank escaped, which HEADER_SET's value stops at: `%[str('Bearer
 * x')]`, `%[str(Bearer\ x)]` (docs.haproxy.org configuration.html 2.2 "Quoting and escaping": quotes and `\ ` inside an
 * argument; 7.3.2 `str`; round 39a-2). Group 2 the scheme, group 3 the credential.
 */
const HAPROXY_STR = /%\[str\((['"]?)(?:([A-Za-z][\w-]*)(?:\\[ \t]|[ \t]+))?([^\s"'()\\]+)\1\)\]/dy;

/**
 * Round 76 (76a-17): nginx's `secure_link_md5 <expression>;` hashes its variables with a shared secret written as the
 * expression's literal text (nginx.org/en/docs/http/ngx_http_secure_link_module.html: `secure_link_md5
 * "$secure_link_expires$uri$remote_addr secret";`), the secret `secure_link_secret <word>` names in the module's other
 * mode. So each literal word there is one, beside its variables (`$uri`, `${arg_e}`): of 4 or more characters, a
 * letter or a digit among them, no path (`/s`) nor placeholder. An expression of variables and separators holds none.
 */
const SECURE_LINK_MD5 = /(?<![\w-])secure_link_md5[ \t]+(?:"([^"\n]*)"|'([^'\n]*)'|([^\s;"']+))/dgi;
/** An nginx variable, `$name` or `${name}`: blanked (offsets kept) so that the literal words are what is left. */
const VARIABLE = /\$\{\w*\}|\$\w+/g;

function secureLinkSecrets(text: string): ConfigFileFinding[] {
  const found: ConfigFileFinding[] = [];
  for (const match of text.matchAll(SECURE_LINK_MD5)) {
    const group = [1, 2, 3].find((n) => match[n] !== undefined)!;
    const [offset] = match.indices![group];
    const literals = match[group].replace(VARIABLE, (variable) => ' '.repeat(variable.length));
    for (const { 0: literal, index } of literals.matchAll(/\S+/g)) {
      if (literal.length < 4 || !/[A-Za-z0-9]/.test(literal) || literal.startsWith('/') || isPlaceholder(literal)) continue;
      found.push({ span: [offset + index, offset + index + literal.length], format: "nginx secure_link_md5's shared secret" });
    }
  }
  return found;
}

/** The format of a LINES match, by its group (and its words, where a pattern holds several). */
function lineFormat(group: number, line: string): string {
  if (group === 4) return 'a .curlrc user line';
  if (group !== 8) return 'an ODBC PWD=';
  return /insecure-password/i.test(line)
    ? 'haproxy insecure-password'
    : /stats/i.test(line)
      ? 'haproxy stats auth'
      : 'Redis Sentinel auth-pass';
}

/** The format of a PLAIN_LINES match, by its group. */
function plainLineFormat(group: number, line: string): string {
  if (group === 1) return /auth_pass/.test(line) ? 'keepalived auth_pass' : 'Redis tls-key-file-pass';
  if (group === 2) return 'a password line';
  if (group === 3) return "a fetchmail poll line's password";
  if (group === 5) return 'a chap-secrets or pap-secrets line';
  if (group === 7) return "a dovecot passwd-file's plain-text scheme";
  return 'a postfix sasl_passwd line';
}

/** A password a config file's line holds, and the format's name. */
interface ConfigFileFinding {
  span: [number, number];
  format: string;
}

/** Where a text holds a password line of LINES or a bearer token of an `Authorization` header: the secret's span. */
export const configFileSpans = (text: string): Array<[number, number]> => configFileOnce(text).map(({ span }) => span);
/** How a finding of configFileSpans is named: the format of the first line that holds one (40a-8b). */
export const configFileSecretIn = (text: string): string => {
  const [first] = [...configFileOnce(text)].sort((a, b) => a.span[0] - b.span[0]);
  return first ? `${CONFIG_FILE_SECRET} (${first.format})` : CONFIG_FILE_SECRET;
};

/** The last text read and what was found (a shape's finder, then its name, read the same text one after the other). */
let lastRead: { text: string; found: ConfigFileFinding[] } | undefined;
const configFileOnce = (text: string): ConfigFileFinding[] =>
  (lastRead = lastRead?.text === text ? lastRead : { text, found: configFileFindings(text) }).found;

function configFileFindings(text: string): ConfigFileFinding[] {
  const found: ConfigFileFinding[] = [];
  if (/user|pwd|stats|sentinel/i.test(text)) {
    for (const match of text.matchAll(LINE)) {
      const group = [4, 5, 6, 8].find((n) => match[n] !== undefined)!;
      const value = match[group];
      // The first form: blanks or a colon after `user` (`username:x` is no option), a password that is no group's name.
      if (group === 4 && ((match[1] === '' && match[2] === '' && match[3] === '') || GROUP_LIKE.test(value))) continue;
      // A sops file's `user: ENC[AES256_GCM,data:…]` (encrypted-values.ts): the colon is the envelope's, no `name:password`.
      if (group === 4 && isPlaceholder(match[0].replace(/^[ \t]*(?:proxy-)?user[ \t]*:?[ \t]*"?|"?[ \t]*\r?$/gi, ''))) continue;
      if (group === 6 && /^[/~.$]/.test(value)) continue;
      const [start, end] = match.indices![group];
      // A quoted value (Redis takes `"pw"`) is the text inside its quotes.
      const quoted = group === 8 && /^(["']).+\1$/.test(value) ? 1 : 0;
      if (!isReference(value) && value.length > 2 * quoted)
        found.push({ span: [start + quoted, end - quoted], format: lineFormat(group, match[0]) });
    }
  }
  if (/auth_pass|key-file-pass|pass|\*|\{|\]:/i.test(text) || /\w[ \t]+[^\s:]+:\S/.test(text)) {
    for (const match of text.matchAll(PLAIN_LINE)) {
      const group = [1, 2, 3, 5, 7, 8, BARE_SASL_GROUP].find((n) => match[n] !== undefined)!;
      if (group === BARE_SASL_GROUP && (NAME_LIKE.test(match[group]) || URI_REST.test(match[group]))) continue;
      // chap-secrets: the server or the addresses `*`.
      if (group === 5 && match[4] !== '*' && match[6] !== '*') continue;
      const value = match[group];
      const quoted = /^(["']).+\1$/.test(value) ? 1 : 0;
      const bare = value.slice(quoted, value.length - quoted);
      if (NOT_A_PASSWORD.test(bare) || /^[$[]/.test(bare) || isReference(bare) || isPlaceholder(bare)) continue; // `<your-password>` (45a-18)
      if (group === 1 && /^[#!]/.test(bare)) continue; // keepalived's comment after `auth_pass`, no value (review60-7)
      if (group === 2 && DOCSTRING_TYPE.test(bare)) continue; // a docstring's `password (str): …` (47a-11)
      if (group === 2 && isCompound(match[0], value, bare)) continue;
      // Javadoc's or JSDoc's `@param password Zx9-Pq7!mNb`: a value, where a one-word description is letters (47a-11).
      if (group === 2 && match[0].includes('@param') && /^[A-Za-z-]+[.,;:]?$/.test(bare)) continue;
      const [start, end] = match.indices![group];
      // A device's `username u password 5 <hash> role r`: the digit is an encryption type, device-config-lines.ts reads on (48a-11).
      if (group === 3 && /^\d$/.test(bare) && /^[ \t]+\S/.test(text.slice(end))) continue;
      found.push({ span: [start + quoted, end - quoted], format: plainLineFormat(group, match[0]) });
    }
  }
  if (/header/i.test(text)) {
    const literals = text.includes('$') ? nginxLiterals(text) : undefined;
    for (const match of text.matchAll(HEADER_SET)) {
      // haproxy's `%[str(<text>)]` sample is the text itself (docs.haproxy.org configuration.html 7.3.2 `str`).
      const [start] = match.indices![2];
      HAPROXY_STR.lastIndex = start;
      const sample = match[2].startsWith('%[str(') ? HAPROXY_STR.exec(text) : null;
      const scheme = sample ? sample[2] : match[1];
      const credential = sample ? sample[3] : match[2];
      const span: [number, number] = sample ? sample.indices![3] : match.indices![2];
      // An nginx variable set to a literal (`set $tok "…";`, a `map` block's results): the literal is sent (45a-12).
      const variable = /^\$\{?(\w+)\}?$/.exec(credential)?.[1] ?? '';
      for (const [from, to] of literals?.get(variable) ?? [])
        if (!isReference(text.slice(from, to)) && !/^[a-z]+$/.test(text.slice(from, to)))
          found.push({ span: [from, to], format: 'an nginx variable set to a literal, sent in a credential header' });
      literals?.delete(variable); // each variable's literals once, however many headers send it
      if (/^[a-z]+[.,:!?)]*$/.test(credential) || AUTH_SCHEME.test(credential) || /^[${%<]/.test(credential)) continue;
      if (isReference(scheme === undefined ? credential : `${scheme} ${credential}`) || isReference(credential)) continue;
      found.push({ span, format: sample ? "haproxy's %[str(…)] header value" : 'a credential header set by a directive' });
    }
  }
  if (/secure_link_md5/i.test(text)) found.push(...secureLinkSecrets(text));
  if (/authorization/i.test(text)) {
    for (const match of text.matchAll(BEARER)) {
      const token = match[3];
      if (!/^[a-z]+$/.test(token) && !isPlaceholder(token))
        found.push({ span: match.indices![3], format: 'an Authorization: Bearer header' });
    }
  }
  return found;
}
