import { ASSEMBLED_SECRET, assembledSecretSpans } from './assembled-secrets';
import { EXPECT_SECRET, expectSendSpans } from './expect-send';
import { KEYWORD_PAIR_SECRET, keywordPairSpans } from './keyword-map-pairs';
import { CONFIG_FILE_SECRET, configFileSecretIn, configFileSpans } from './secrets-config-lines';
import { NAME_VALUE_SECRET, nameValueSecretIn, nameValueSpans } from './name-value-pairs';
import { PLAINTEXT_CREDENTIAL, plaintextCredentialSpans } from './plaintext-credentials';
import { STORED_SECRET, storedSecretIn, storedSecretSpans } from './secret-store-commands';
import { DAEMON_CONFIG_SECRET, daemonConfigSecretIn, daemonConfigSpans } from './daemon-config-lines';
import { ANT_EXEC_SECRET, antExecSpans } from './ant-exec';
import { CALL_CREDENTIAL, callCredentialSpans } from './credential-calls';
import { POWERSHELL_CREDENTIAL, powershellCredentialSpans } from './powershell-credentials';
import { isReference } from './secrets-text';
import { nameAsRead } from './text-decodings';
import { TABLE_COLUMN_SECRET, tableColumnSpans } from './table-columns';
import { SECRET_SECTION, secretSectionSpans } from './secret-sections';
import { PASTED_CONFIG_SECRET, pastedConfigSpans } from './pasted-config-lines';
import { K3S_SHORT_TOKEN, k3sShortTokenSpans } from './k3s-short-token';
import { KUBE_AUTH_FILE_SECRET, kubeAuthFileSpans } from './kube-auth-files';
import { K3S_VPN_JOIN_KEY, k3sVpnJoinKeySpans } from './k3s-vpn-auth';
import { DEVICE_CONFIG_SECRET, deviceConfigSpans } from './device-config-lines';
import { UCI_OPTION_SECRET, uciOptionSpans } from './uci-option-lines';
import { PRESEED_PASSWORD, preseedPasswordSpans } from './preseed-passwords';
import { MACHINE_KEY, machineKeySpans } from './machine-key-attributes';
import { NTLM_HASH, ntlmHashSpans } from './pwdump-lines';
import { BEARER_TOKEN, bearerTokenSpans } from './bearer-token-shapes';
import { ENCODED_PRIVATE_KEY, encodedPrivateKeySpans } from './private-key-encodings';
import { LITERAL_FORM_SECRET, literalFormSpans } from './literal-forms';
import { WRAPPED_LITERAL_SECRET, wrappedLiteralSpans } from './literal-wrappers';
import { C_COPY_SECRET, cSecretSpans } from './c-string-copies';
import { HTML_LABELLED_SECRET, htmlLabelledSpans } from './html-labelled-values';
import { CODE_LIST_SECRET, codeListSecretIn, codeListSecretSpans } from './code-list-secrets';
import { REDIS_CLIENT_SECRET, redisClientSpans } from './redis-client-calls';
import { BASIC_AUTH_PASSWORD, basicAuthUserSecretIn, basicAuthUserSpans } from './basic-auth-users';
import { htpasswdLineSecretIn, htpasswdLineSpans } from './htpasswd-files';
import { MALFORMED_STAND_IN, malformedStandInSpans } from './malformed-stand-ins';
import { NETWORK_PASSWORD, networkPasswordSpans } from './wifi-and-vrrp-passwords';
import { SHADOW_PLAIN_PASSWORD, shadowPlainPasswordSpans } from './shadow-plain-passwords';
import { PASSWD_PLAIN_PASSWORD, passwdPlainPasswordSpans } from './passwd-plain-passwords';
import { MFA_SECRET, mfaSeedSpans } from './mfa-seeds';
import { gzipUnreadSpans, UNREAD_GZIP } from './gzip-members';
import { CONTAINED_KEY, keyContainerSpans } from './key-containers';
import { KEYSTORE_KEY, binaryKeystoreSpans } from './binary-keystores';
import { KEY_FILE_TEXT, keyFileTextSpans } from './key-file-texts';
import { JAAS_USER_PASSWORD, jaasUserPasswordSpans } from './jaas-user-passwords';
import { K3S_TOKEN_FORM, k3sTokenFormSpans } from './k3s-token-forms';
import { NEUTRAL_VENDOR_TOKEN, neutralVendorTokenIn, neutralVendorTokenSpans } from './neutral-vendor-tokens';
import { PLACEHOLDER_DEFAULT, placeholderDefaultSpans } from './placeholder-defaults';
import { ORACLE_EZCONNECT, oracleEzconnectSpans } from './oracle-ezconnect';
import { ENV_READ_DEFAULT, envReadDefaultSpans } from './env-read-defaults';
import { SECRET_FILE_WRITE, secretFileWriteSpans } from './secret-file-writes';
import { FOREIGN_PROSE_PASSWORD, foreignProsePasswordSpans } from './foreign-prose-passwords';
import { ANY_SCRIPT_LABEL, anyScriptLabelSpans } from './any-script-labels';
import { COMMAND_DEFAULT_VALUE, commandDefaultSpans } from './command-defaults';
import { QUALIFIED_NAME_VALUE, qualifiedNameValueSpans } from './qualified-name-values';
import { WIFI_KEY, wifiKeySpans } from './wifi-key-lines';
import { GENERATED_SECRET_DATA, generatedSecretDataSpans } from './generated-secret-data';
import { HELM_SET_SECRET, helmSetSpans } from './terraform-helm-sets';
import { HAPROXY_REDIS_AUTH, haproxyRedisAuthSpans } from './haproxy-checks';

/**
 * Credential files whose secret sits under a name no other rule reads as one: a container registry's `auth` (base64
 * of `user:password`) and a netrc's `password`/`account` tokens (a blank, not `:` or `=`, after the name). Their
 * readers find the value in any text (secret-shapes.ts FINDERS, so every door, the write gate and every redaction
 * see them) and, for data, under its key (secrets.ts secretUnder).
 */

/** What a registry's `auth` is called in findings (`FoundSecret.what`). */
export const REGISTRY_AUTH = 'a registry credential (`auth`: base64 of user:password, as in Docker config.json or K3s registries.yaml)';
/** What a netrc's `password` or `account` value is called in findings. */
export const NETRC_SECRET = 'a netrc password or account (a `machine` line with its `password` or `account` token)';

/**
 * Docker's `auths.<registry>.auth` is "base64 encoded username:password" (docker/cli cli/config/types/authconfig.go,
 * v28); containerd's registry `auth` and K3s' registries.yaml `configs.<registry>.auth.auth` take the same
 * (docs.k3s.io/installation/private-registry). A key named exactly `auth`, in any letter case, whose value is base64
 * (padded or not) of printable text `<user>:<password>` (one colon at least, neither side empty). `auth: true`,
 * `auth: basic` or a map under `auth` is none.
 */
export function isRegistryAuth(key: string, value: unknown): boolean {
  return /^auth$/i.test(nameAsRead(key).trim()) && typeof value === 'string' && isBasicCredential(value.trim());
}

/**
 * Base64 (the standard alphabet; padded to a multiple of 4 or not padded) of `user:password`, judged on its bytes:
 * Docker sends them as they are, so they are read as UTF-8 where valid, else as Latin-1. The first colon has bytes on
 * both sides; no control character but a tab, and one line break at the end (what `echo user:pass | base64` writes).
 */
function isBasicCredential(base64: string): boolean {
  const body = base64.replace(/={1,2}$/, '');
  if (!/^[A-Za-z0-9+/]{4,}$/.test(body) || body.length % 4 === 1 || (body !== base64 && base64.length % 4 !== 0)) return false;
  const decoded = Buffer.from(body, 'base64');
  // A line break at the end is dropped before judging: the password must not be only that.
  const end = decoded.at(-1) === 0x0a ? decoded.length - (decoded.at(-2) === 0x0d ? 2 : 1) : decoded.length;
  const bytes = decoded.subarray(0, end);
  const colon = bytes.indexOf(0x3a);
  if (colon < 1 || colon === bytes.length - 1) return false;
  // UTF-8 text: what decodes and encodes back to the same bytes (no exception thrown: a long text has many candidates).
  const utf8 = bytes.toString('utf8');
  const text = Buffer.from(utf8, 'utf8').equals(bytes) ? utf8 : bytes.toString('latin1');
  return !/[^\P{Cc}\t]/u.test(text);
}

/**
 * `auth` as a key in text: JSON (`"auth": "…"`), YAML (`auth: …`, `{auth: …}`), TOML (`auth = "…"`, containerd's
 * config.toml); the value quoted alike or plain, up to where base64 ends.
 */
// The value is read in a lookahead: one that is no credential (`auth: auth: <value>`) is not taken from the key after it.
// Blanks and line breaks around the colon (JSON allows both; YAML folds an indented value on the next line) are each
// taken whole by `(?=(\s*))\N`, which never gives blanks back: a run of them is read once.
const AUTH_IN_TEXT = /(?<![\w-])(["']?)auth\1(?=(\s*))\2[:=](?=(\s*))\3(?=(["']?)([A-Za-z0-9+/]{4,}={0,2})\4(?![A-Za-z0-9+/=]))/gi;

/** Where a text holds a registry's `auth` credential: the base64 value's span. */
function registryAuthSpans(text: string): Array<[number, number]> {
  if (!/auth/i.test(text)) return [];
  const spans: Array<[number, number]> = [];
  for (const match of text.matchAll(AUTH_IN_TEXT)) {
    const [whole, , , , quote, value] = match;
    if (!isBasicCredential(value)) continue;
    const start = match.index + whole.length + quote.length;
    spans.push([start, start + value.length]);
  }
  return spans;
}

/**
 * netrc's tokens (ftp(1), netrc(5); curl/everything-curl usingcurl/netrc.md): `machine <host>` or `default` opens an
 * entry, then pairs `login <name>`, `password <secret>`, `account <secret>`, separated by any blanks or line breaks.
 * Readers take more: `user` for `login` and a `#` comment to the end of its line inside an entry (cpython
 * Lib/netrc.py, 3.12), `port`/`protocol` pairs (the authinfo variant: Emacs auth-source, git
 * contrib/credential/netrc/git-credential-netrc.perl). An entry opens after any character that is no letter, digit
 * or `_` (`<netrc>machine …`, `(machine …`, `netrc:machine …`). Only a pair inside an entry counts, so prose ("the
 * machine is up, the password is in the vault") is none: its words after `machine` are no pairs.
 */
const NETRC_ENTRY = /(?<![\p{L}\p{N}_])(?:machine|default)(?=\s|$)/giu;
/** The next token after blanks: a double-quoted string (newer curl reads one, blanks and all) or a run of non-blanks. */
const NETRC_TOKEN = /\s+("(?:[^"\\\n]|\\.)*"|\S+)/y;
const NETRC_KEYWORD = /^(?:login|user|password|account|port|protocol)$/i;
const NETRC_SECRET_KEYWORD = /^(?:password|account)$/i;
/** A word, then blanks on the same line, before an entry's keyword: the keyword may be a word of prose. */
const AFTER_WORD = /[\p{L}\p{N}][^\S\n]+$/u;
/** A sentence's verb after `password` (`Default password is printed by …`, 70a-14): prose, no netrc value. */
const PROSE_VERB = /^(?:is|was|are|were|will|can|must|should|may)$/i;
/** A host as netrc's `machine` names one: a dotted name or address, or a host and port. */
const HOST_LIKE = /^"?[\w-]+(?:[.:][\w-]+)+"?$/;

/** Where a text holds a netrc `password` or `account` value: the value's span (inside its quotes). */
function netrcSpans(text: string): Array<[number, number]> {
  if (!/machine|default/i.test(text) || !/password|account/i.test(text)) return [];
  const spans: Array<[number, number]> = [];
  const token = (at: number): { text: string; start: number; end: number } | undefined => {
    NETRC_TOKEN.lastIndex = at;
    const match = NETRC_TOKEN.exec(text);
    return match ? { text: match[1], start: NETRC_TOKEN.lastIndex - match[1].length, end: NETRC_TOKEN.lastIndex } : undefined;
  };
  // Where the entry read last ends: a token it read as a value or a comment opens no entry (`login default`,
  // `# machine …`), and reading from it again would read the same text again (quadratic in `default login default …`).
  let read = 0;
  /**
   * The next token that is no comment's word. A `#` comment runs to its line's end; its words are skipped, but a pair
   * in it is still read: a password commented out is still written out.
   */
  const pairToken = (at: number): ReturnType<typeof token> => {
    let next = token(at);
    for (let commentEnd = -1; next; next = token(next.end)) {
      if (next.text.startsWith('#') && next.start >= commentEnd) {
        const lineEnd = text.indexOf('\n', next.start);
        commentEnd = lineEnd < 0 ? text.length : lineEnd;
      } else if (next.start >= commentEnd || NETRC_KEYWORD.test(next.text)) return next;
      read = Math.max(read, next.end);
    }
    return next;
  };
  for (const entry of text.matchAll(NETRC_ENTRY)) {
    if (entry.index < read) continue;
    let at = entry.index + entry[0].length;
    // `machine` takes a host; `default` none.
    const host = /^machine$/i.test(entry[0]) ? token(at) : undefined;
    if (host) at = host.end;
    else if (/^machine$/i.test(entry[0])) at = text.length;
    const found: Array<[number, number]> = [];
    let login = false;
    // Each pair is read once: an entry ends at its first token that opens no pair (another entry, a word of prose).
    for (let keyword = pairToken(at); keyword && NETRC_KEYWORD.test(keyword.text); keyword = pairToken(at)) {
      const value = token(keyword.end);
      if (!value) break;
      at = value.end;
      login ||= /^(?:login|user)$/i.test(keyword.text);
      const quoted = value.text.length >= 2 && value.text.startsWith('"');
      const [start, end] = quoted ? [value.start + 1, value.end - 1] : [value.start, value.end];
      if (NETRC_SECRET_KEYWORD.test(keyword.text) && !isReference(text.slice(start, end)) && !PROSE_VERB.test(value.text) && end > start)
        found.push([start, end]);
    }
    // After a word on its line (`the default password hint`, `machine learning password hint`), an entry is prose unless
    // it has netrc's shape: a `login` pair, or a host written as one (`example.com`, `10.0.0.1`), or it follows an entry (56a-10).
    const afterWord = AFTER_WORD.test(text.slice(Math.max(0, entry.index - 64), entry.index));
    const afterEntry = read > 0 && text.slice(read, entry.index).trim() === '';
    if (afterWord && !afterEntry && !login && !(host && HOST_LIKE.test(host.text))) continue;
    spans.push(...found);
    read = Math.max(read, at);
  }
  return spans;
}

/** The readers of credential files, for secret-shapes.ts FINDERS: each finds its values' spans in a text. */
/** What a password line of a server's or a client's own config file is called in findings. */
export const CONFIG_LINE_SECRET =
  'a password line of a config file (redis.conf requirepass/masterauth, a Redis ACL >password, .curlrc user, pgbouncer userlist.txt)';

/**
 * Password lines of config files whose name is no secret word, one per line (m flag: each starts at a line's start, and
 * each part excludes what ends it, so a line is scanned once):
 * - redis.conf `requirepass <pw>` and `masterauth <pw>`, quoted or not (redis.io/docs/latest/operate/oss_and_stack/
 *   management/config-file), and an ACL rule `user <name> … ><pw> …` (redis.io/docs/latest/operate/oss_and_stack/
 *   management/security/acl: `>` adds a password in clear; `#` a hash);
 * - curl's config file (`.curlrc`, `-K`): `user = "bob:pw"`, `--user bob:pw`, `-u bob:pw` (curl.se/docs/manpage.html
 *   `-K`); a password of digits only is a uid:gid (`user = 1000:1000`);
 * - pgbouncer's `auth_file` (userlist.txt): `"user" "password"` alone on a line (pgbouncer.org/config.html#auth_file).
 */
const CONFIG_LINES = [
  String.raw`^[ \t]*(?:requirepass|masterauth)[ \t]+(?:"([^"\s]+)"|'([^'\s]+)'|([^\s"']+))[ \t]*\r?$`,
  String.raw`^[ \t]*(?:ACL[ \t]+SETUSER|user)[ \t]+[^\s>]+[ \t][^\n>]*?(?<=[ \t])>([^\s]+)`,
  String.raw`^[ \t]*(?:--(?:proxy-)?user|-[uU]|(?:proxy-)?user[ \t]*=)[ \t]*"?[^\s":]*:(?!\d+"?[ \t]*\r?$)([^\s"]+)"?[ \t]*\r?$`,
  String.raw`^[ \t]*"[^"\s]+"[ \t]+"([^"\s]+)"[ \t]*\r?$`,
];
const CONFIG_LINE = new RegExp(CONFIG_LINES.join('|'), 'dgim');

/** What each of CONFIG_LINES' groups is called (57a-15: curl's `-u` is no redis.conf line). */
const CONFIG_LINE_NAMES = [
  ...Array<string>(3).fill('a password line of a config file (redis.conf requirepass/masterauth)'),
  'a password line of a config file (a Redis ACL rule, `>password`)',
  "a password of curl's `-u`/`--user user:password` (a .curlrc line or a command's option)",
  'a password line of a config file (pgbouncer userlist.txt, `"user" "password"`)',
];

/** What the first password line of `text` is called (CONFIG_LINE_NAMES), or CONFIG_LINE_SECRET. */
export function configLineSecretIn(text: string): string {
  for (const match of text.matchAll(CONFIG_LINE)) {
    const group = [1, 2, 3, 4, 5, 6].find((n) => match[n] !== undefined);
    if (group !== undefined && !isReference(match[group])) return CONFIG_LINE_NAMES[group - 1];
  }
  return CONFIG_LINE_SECRET;
}

/** Where a text holds a password line of a config file (CONFIG_LINES): the password's span. */
export function configLineSpans(text: string): Array<[number, number]> {
  if (!/requirepass|masterauth|>|user|^[ \t]*[-"]/im.test(text)) return [];
  const spans: Array<[number, number]> = [];
  for (const match of text.matchAll(CONFIG_LINE)) {
    const group = [1, 2, 3, 4, 5, 6].find((n) => match[n] !== undefined);
    const span = group === undefined ? undefined : match.indices?.[group];
    if (span && !isReference(match[group!])) spans.push([span[0], span[1]]);
  }
  return spans;
}

export const FORMAT_FINDERS: ReadonlyArray<{
  find: (text: string) => Array<[number, number]>;
  what: string;
  named?: (text: string) => string;
}> = [
  { find: registryAuthSpans, what: REGISTRY_AUTH },
  { find: netrcSpans, what: NETRC_SECRET },
  { find: configLineSpans, what: CONFIG_LINE_SECRET, named: configLineSecretIn },
  { find: configFileSpans, what: CONFIG_FILE_SECRET, named: configFileSecretIn },
  { find: expectSendSpans, what: EXPECT_SECRET },
  { find: nameValueSpans, what: NAME_VALUE_SECRET, named: nameValueSecretIn },
  { find: storedSecretSpans, what: STORED_SECRET, named: storedSecretIn },
  { find: daemonConfigSpans, what: DAEMON_CONFIG_SECRET, named: daemonConfigSecretIn },
  { find: antExecSpans, what: ANT_EXEC_SECRET },
  { find: plaintextCredentialSpans, what: PLAINTEXT_CREDENTIAL },
  { find: powershellCredentialSpans, what: POWERSHELL_CREDENTIAL },
  { find: callCredentialSpans, what: CALL_CREDENTIAL },
  { find: tableColumnSpans, what: TABLE_COLUMN_SECRET },
  { find: secretSectionSpans, what: SECRET_SECTION },
  { find: pastedConfigSpans, what: PASTED_CONFIG_SECRET },
  { find: deviceConfigSpans, what: DEVICE_CONFIG_SECRET },
  { find: k3sShortTokenSpans, what: K3S_SHORT_TOKEN },
  { find: kubeAuthFileSpans, what: KUBE_AUTH_FILE_SECRET },
  { find: literalFormSpans, what: LITERAL_FORM_SECRET },
  { find: wrappedLiteralSpans, what: WRAPPED_LITERAL_SECRET },
  { find: cSecretSpans, what: C_COPY_SECRET },
  { find: htmlLabelledSpans, what: HTML_LABELLED_SECRET },
  { find: k3sVpnJoinKeySpans, what: K3S_VPN_JOIN_KEY },
  { find: keywordPairSpans, what: KEYWORD_PAIR_SECRET },
  { find: assembledSecretSpans, what: ASSEMBLED_SECRET },
  { find: generatedSecretDataSpans, what: GENERATED_SECRET_DATA },
  { find: helmSetSpans, what: HELM_SET_SECRET }, // 81a-14
  { find: haproxyRedisAuthSpans, what: HAPROXY_REDIS_AUTH }, // 81a-16
  { find: codeListSecretSpans, what: CODE_LIST_SECRET, named: codeListSecretIn },
  { find: redisClientSpans, what: REDIS_CLIENT_SECRET },
  { find: basicAuthUserSpans, what: BASIC_AUTH_PASSWORD, named: basicAuthUserSecretIn },
  { find: malformedStandInSpans, what: MALFORMED_STAND_IN },
  { find: htpasswdLineSpans, what: BASIC_AUTH_PASSWORD, named: htpasswdLineSecretIn },
  { find: mfaSeedSpans, what: MFA_SECRET },
  { find: keyContainerSpans, what: CONTAINED_KEY },
  { find: binaryKeystoreSpans, what: KEYSTORE_KEY },
  { find: keyFileTextSpans, what: KEY_FILE_TEXT },
  { find: jaasUserPasswordSpans, what: JAAS_USER_PASSWORD },
  { find: gzipUnreadSpans, what: UNREAD_GZIP },
  { find: networkPasswordSpans, what: NETWORK_PASSWORD },
  { find: shadowPlainPasswordSpans, what: SHADOW_PLAIN_PASSWORD },
  { find: k3sTokenFormSpans, what: K3S_TOKEN_FORM },
  { find: neutralVendorTokenSpans, what: NEUTRAL_VENDOR_TOKEN, named: neutralVendorTokenIn },
  { find: placeholderDefaultSpans, what: PLACEHOLDER_DEFAULT },
  { find: oracleEzconnectSpans, what: ORACLE_EZCONNECT },
  { find: envReadDefaultSpans, what: ENV_READ_DEFAULT },
  { find: passwdPlainPasswordSpans, what: PASSWD_PLAIN_PASSWORD },
  { find: secretFileWriteSpans, what: SECRET_FILE_WRITE },
  { find: qualifiedNameValueSpans, what: QUALIFIED_NAME_VALUE },
  { find: wifiKeySpans, what: WIFI_KEY },
  { find: uciOptionSpans, what: UCI_OPTION_SECRET },
  { find: preseedPasswordSpans, what: PRESEED_PASSWORD },
  { find: machineKeySpans, what: MACHINE_KEY },
  { find: ntlmHashSpans, what: NTLM_HASH },
  { find: bearerTokenSpans, what: BEARER_TOKEN },
  { find: encodedPrivateKeySpans, what: ENCODED_PRIVATE_KEY },
  { find: foreignProsePasswordSpans, what: FOREIGN_PROSE_PASSWORD },
  { find: anyScriptLabelSpans, what: ANY_SCRIPT_LABEL },
  { find: commandDefaultSpans, what: COMMAND_DEFAULT_VALUE },
];
