import { setsSecret } from './secrets-text';
import { looksGenerated } from './generated-runs';
import { isProseWordAfterLabel } from './prose-after-label-words';

/**
 * Attack round 48a-11: the secrets of network devices' config lines (Cisco IOS/IOS-XE/NX-OS/ASA, Arista EOS, FRR's and
 * Quagga's vtysh, Junos `set` and curly forms, VyOS/EdgeOS `set`), beside pasted-config-lines.ts' routing keys. A line
 * is read word by word, and the secret is the word after a secret's keyword (the word before it), past the modifiers
 * devices write between them: a privilege `level N`, an encryption type digit, a key id and its algorithm
 * (`authentication-key 1 md5 …`), Junos' `ascii-text`. Keywords and where they count:
 * - `password`, `secret`: on a line of a device's command (`enable`, `username`, `ppp chap|pap`, `ip ftp`, Junos/VyOS
 *   `set …`, a RADIUS/TACACS+ server's, an address then `secret "…";` in Junos' curly form);
 * - `key`: after a RADIUS/TACACS+ server, `crypto isakmp`, a keyring's `pre-shared-key address …`, `ntp`, an algorithm and
 *   a key id (Junos `authentication md5 1 key …`), or before an encryption type (`key 0 …`, `key 7 …`); a bare `key 1` is
 *   a key chain's key id, OpenVPN's `key server.key` a file;
 * - `community` after `snmp-server`/`snmp` (`public` and `private`, the documented defaults, are none, as snmpd.conf's),
 *   and `snmp-server host H [traps|informs] [version 1|2c|3 auth|noauth|priv] COMMUNITY`; `snmp-server user … auth
 *   md5|sha PW priv des|3des|aes N PW`;
 * - `authentication-key`, `key-string`, `plain-text-password-value`, `plaintext-password`, `simple-password`,
 *   `pre-shared-secret`, `pre-shared-key` (past `local|remote`, `ascii-text|hexadecimal`), `psksecret`,
 *   `text-authentication`, `wpa-psk ascii|hex`: anywhere on such a line, the words being a secret's own;
 * - `authentication` then `text|string|password|key|md5 key-string|md5 N key`, or alone after an HSRP/VRRP/GLBP group or
 *   NHRP (`standby 1 authentication …`); a mode (`message-digest`, `null`, `md5`, `key-chain NAME`) is none.
 * Round 49a-7: inside a device command's indented block (`line con 0`, `radius server R1`, `aaa group server radius G`,
 * `wlan W 1 ssid S`, `interface …`: the nearest less indented line is a command's), a bare `password|secret|key
 * [type] VALUE` line is a secret when VALUE ends the line; `pac key`, `server-private … key`, ASA `failover key
 * [hex]`, `set-key [ascii|hex] [type]`, `passphrase` (VyOS wireless, last word) and IOS' master key `key config-key
 * [password-encrypt|1] VALUE` too. Key chains (`key 1`), `login local`, `transport input ssh` and hashes set none.
 * Round 50a-7: Junos' NTP `authentication-key N type md5|sha1|sha256 value "…"` (the `value` word before the key), IS-IS'
 * `area-password`, `domain-password`, `lsp-password`, `hello-password` and an interface's `isis password P [level-N]`.
 * A hash is no secret: Cisco's types 4, 5, 8, 9 and crypt hashes (`$1$…`, `$8$salt$hash`, `$9$salt$hash`, `$6$…`); type 6
 * is encrypted under the device's master key, which no config line shows. Type 7 (Cisco's `service
 * password-encryption`) and Junos' `$9$…` are reversible encodings whose key is published (any type-7 or $9$ decoder
 * reads them back): they are the password, as written. A reference or placeholder is none (setsSecret).
 * Round 68 (68a-6): a dictionary word is the secret too on a command whose secret ends its line (ownsLastWord:
 * Cisco `ppp chap password [0] V`, `ntp authentication-key 1 md5 V`, Huawei `local-user U password irreversible-cipher
 * V`), on a PAN-OS `set mgt-config …` line as on VyOS' `set` lines, after VyOS' WireGuard `private-key`/`preshared-key`
 * on a `set` line, and in VyOS' and Junos' curly form (`show configuration`), read as the `set` line it stands for
 * (`interfaces { wireless wlan0 { security { wpa { passphrase V` is `set interfaces wireless wlan0 security wpa
 * passphrase V`; `service { snmp { community V {` is `set service snmp community V`). A sentence's word there is none
 * (`ppp chap password required`).
 */

/** What such a value is called in findings (`FoundSecret.what`). */
export const DEVICE_CONFIG_SECRET =
  "a password, key or community of a network device's config line (Cisco, FRR, Junos, VyOS; clear text, Cisco type 7 or Junos $9$, which read back as the password)";

/** A cheap test of a text: no line without one of these words is read. */
const CLUE = /password|passwd|secret|key|community|auth|psk|snmp|passphrase|mgmt-?user|plaintext|cipher/;
/** The longest line read. */
const MAX_LINE = 4096;
/** A line's words: quoted or bare, `;`, `{` and `}` apart (Junos' curly form). */
const WORD = /"[^"\n]*"|'[^'\n]*'|(?:\$\{[^}\s]*\}|\{\{[^}\n]*\}\}|[^\s"';{}])+|[;{}]/g;
/** A word of a device's command before its secret: no flag, no code's operator or bracket, no prose punctuation. */
const COMMAND_WORD = /^(?:[A-Za-z0-9_][\w.:/@[\]+*-]*|"[^"\n]*")$/;
/** The first word of a command line: a lower-case word, or an address (Junos' `10.0.0.1 secret "…";`). */
const FIRST_WORD = /^(?:[a-z][a-z0-9_-]*|\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f]*:[0-9a-f:]+)$/;
/** Heads of the lines whose `password` or `secret` is a device's. */
const PASSWORD_HEADS = new Set([
  'enable',
  'username',
  'ppp',
  'ip',
  'ipv6',
  'set',
  'user',
  'vrrp',
  'aaa',
  'wpa',
  'line',
  'login',
  'local-user',
  'super',
]);
/** Words before `password` or `secret` that make it a device's anywhere on the line. */
const PASSWORD_CONTEXT =
  /^(?:radius-server|tacacs-server|tacplus-server|radius|tacacs|sent-username|chap|pap|root-authentication|authentication|ftp|isis|\d{1,3}(?:\.\d{1,3}){3})$/;
/** Words before `key` that make it a device's anywhere on the line. */
const KEY_CONTEXT =
  /^(?:radius-server|tacacs-server|tacacs|radius|isakmp|ntp|aaa-server|address|hostname|authentication|pac|server-private|failover|pre-shared-key)$/;
/**
 * A block whose bare `password`, `secret` or `key` is a secret even in letters: a RADIUS or TACACS+ server's (IOS
 * `radius server NAME`, `aaa group server radius G`, ASA `aaa-server NAME …`), a console or vty line's, a WLAN's.
 */
const SECRET_BLOCK =
  /^[ \t]*(?:(?:radius|tacacs)[ \t]+server[ \t]|aaa-server[ \t]|aaa[ \t]+group[ \t]+server[ \t]|line[ \t]+(?:con|console|vty|aux|tty|\d+[ \t]+\d)|wlan[ \t])/;
/**
 * A device command opening a block: command words (ASA's `(inside)` too), no `:` at its end (YAML's, Python's), no
 * brace, no operator.
 */
const COMMAND_LINE = /^[ \t]*(?:no[ \t]+)?[a-z][a-z0-9_-]*(?:[ \t]+(?:[A-Za-z0-9_][\w.:/@[\]+*-]*|"[^"\n]*"|\([\w.-]*\)))*[ \t]*$/;
/** Keywords whose next word (past modifiers) is a secret wherever they stand. */
const OWN_KEYWORDS = new Set([
  'authentication-key',
  'key-string',
  'plain-text-password-value',
  'plaintext-password',
  'simple-password',
  'pre-shared-secret',
  'pre-shared-key',
  'psksecret',
  'text-authentication',
  'wpa-psk',
  'wpa2-psk',
  'set-key',
  'passphrase',
  'wpa-passphrase',
  // IS-IS (50a-7): IOS `area-password P [authenticate snp …]`, `domain-password P`, IOS-XR `lsp-password hmac-md5 P`, `hello-password`.
  'area-password',
  'domain-password',
  'lsp-password',
  'hello-password',
  // 52a-10: Huawei VRP/H3C `radius-server shared-key cipher K`, `authentication-mode md5 1 cipher K` (OSPF, IS-IS: its
  // `area-`/`domain-` forms); Cisco ASA `ldap-login-password P`; Palo Alto `bind-password P`, `snmp-community-string C`.
  'shared-key',
  'authentication-mode',
  'area-authentication-mode',
  'domain-authentication-mode',
  'ldap-login-password',
  'bind-password',
  'snmp-community-string',
]);
/** `authentication` then one of these: a secret follows. */
const AUTHENTICATION_THEN = new Set(['text', 'string', 'password', 'key', 'simple-password', 'plaintext-password']);
/** Words that are an `authentication` mode, or a modifier, never the secret. */
const MODE_WORD =
  /^(?:md5|sha\d*|hmac-\S+|message-digest|null|none|text|key-chain|keychain|mode|clear|plain|encrypted|type|ascii|ascii-text|hex|hexadecimal|local|remote|level|value|cipher|irreversible-cipher|simple|plaintext|\d+)$/i;
/** An encryption type before the secret: 0 clear, 7 reversible, 4/5/8/9 hashes, 6 AES under the device's master key. */
const TYPE_DIGIT = /^\d$/;
/** A crypt hash (`$1$salt$hash`, Cisco type 8/9 `$8$salt$hash`, `$6$…`): two `$` fields at least. */
const CRYPT_HASH = /^["']?\$(?:\w{1,8})\$[^$\s]*\$\S+$/;
/** Cisco type 6 output: AES ciphertext in letters and `[\]^_\``. */
const TYPE6 = /^["']?[A-Za-z[\\\]^_`]{12,}["']?$/;
/** A word of letters: prose's (`the key 1 is used`), taken for a secret only on a device command's own line. */
const PROSE_WORD = /^[a-z]+$/;
/**
 * 67a-12: the top-level nodes of a VyOS/EdgeOS `set` line (docs.vyos.io configuration: firewall, interfaces, service,
 * system, vpn, …). On `set <node> … <keyword> VALUE` with VALUE last, the line is the router's command, not prose
 * (`set the password with docker login`): a dictionary word there is the password too (`… psk peer1 secret bananabread`,
 * `… openvpn vtun0 authentication password …`, `… security wpa passphrase …`). 68a-6: PAN-OS' `mgt-config` and
 * `deviceconfig` too (`set mgt-config users admin password V`: docs.paloaltonetworks.com, PAN-OS CLI quick start,
 * "Use Configuration Mode Commands").
 */
const SET_NODE =
  /^(?:container|firewall|high-availability|interfaces|load-balancing|nat|nat66|pki|policy|protocols|qos|service|system|traffic-policy|vpn|vrf|mgt-config|deviceconfig)$/;
/**
 * 68a-6: keywords whose next word is a secret on a `set` line of SET_NODE only: VyOS' WireGuard `private-key` and a
 * peer's `preshared-key` (docs.vyos.io configuration/interfaces/wireguard); elsewhere `private-key` is often a file's.
 */
const SET_FORM_KEYWORDS = new Set(['private-key', 'preshared-key']);
/** A curly form's top-level node whose lines are read as `set` lines (68a-6): SET_NODE's, Junos' `snmp` and `security`. */
const CURLY_ROOT = /^(?:snmp|security)$/;
/** A line of the curly form that opens a node: words, then `{` (`wireless wlan0 {`, `community swordfish {`). */
const CURLY_OPENER = /^[ \t]*[a-z][\w.:/@-]*(?:[ \t]+(?:[\w.:/@+-]+|"[^"\n]*"))*[ \t]*\{[ \t]*\r?$/;
/** The most words a curly path keeps (a router's tree is not deeper). */
const MAX_PATH = 32;
/** The documented default SNMP communities. */
const DEFAULT_COMMUNITY = /^["']?(?:public|private)["']?$/i;

interface Word {
  text: string;
  at: number;
}

/** What the nearest less indented line opens: a secret's block (SECRET_BLOCK), a device command's, none. */
type Block = 'secret' | 'command' | undefined;

/**
 * 68a-6: commands whose secret ends their line, so a word there is the secret, not prose's: Cisco `ppp chap|pap password
 * [0|7] V` (IOS Dial Command Reference, `ppp chap password`), `ntp authentication-key N md5 V [7]` (IOS Basic System
 * Management Command Reference), Huawei/H3C `local-user U password [cipher|irreversible-cipher|simple] V` (VRP AAA
 * configuration). `at`: where the secret stands.
 */
function ownsLastWord(words: readonly Word[], start: number, at: number): boolean {
  const [second, third] = [words[start + 1]?.text, words[start + 2]?.text];
  const last = words.length - 1;
  switch (words[start].text) {
    case 'ppp':
      return /^(?:chap|pap)$/.test(second ?? '') && at === last;
    case 'local-user':
      return third === 'password' && at === last;
    case 'ntp':
      return second === 'authentication-key' && (at === last || (at === last - 1 && TYPE_DIGIT.test(words[last].text)));
    default:
      return false;
  }
}
/** Modifiers of a block's bare `password|secret|key` line before its value. */
const BARE_MODIFIERS = /^(?:\d|sha\d+|sha-\d+|md5|scrypt|clear|encrypted|hex|ascii|cipher|irreversible-cipher|simple|hash)$/;
/** A file's name or path (OpenVPN's `key client.key`), an operator or a label: never a bare key line's value. */
const NOT_BARE_VALUE = /[/=]|:$|\.(?:key|pem|crt|cer|der|p12|pfx|txt)$/;

/** The index of the secret after `words[i]` (a keyword), past a privilege level, modifiers and an encryption type. */
function afterModifiers(words: readonly Word[], i: number, modifiers: RegExp): { at: number; type?: string } {
  let j = i + 1;
  if (words[j]?.text === 'level' && /^\d+$/.test(words[j + 1]?.text ?? '')) j += 2;
  let type: string | undefined;
  // Modifiers before the secret: `local`, `ascii-text`, `1 md5`, a type digit (the last word of a line is the secret).
  while (j < words.length - 1 && modifiers.test(words[j].text)) {
    if (TYPE_DIGIT.test(words[j].text)) type = words[j].text;
    j++;
  }
  return { at: j, type };
}

/** Whether `value`, written after encryption type `type`, is a secret: not a hash, ciphertext, reference or placeholder. */
function isSecret(value: string, type: string | undefined): boolean {
  // `;`, `{`, `}` end a Junos statement; a lone digit is an encryption type whose value the line lacks.
  if (/^(?:[;{}]|\d)$/.test(value)) return false;
  // A modifier ending the line (`password irreversible-cipher`, a line YAML folded before its value) lacks its value too.
  if (PASSWORD_MODIFIERS.test(value)) return false;
  if (type !== undefined && /^[4589]$/.test(type)) return false;
  if (type === '6' && TYPE6.test(value)) return false;
  if (CRYPT_HASH.test(value) || /^\{\{.*\}\}$/.test(value)) return false; // a hash; a template's `{{ var }}`
  // Junos' `$9$…` (no second `$`) is setsSecret's shell expansion `$9`: an encoding read back by anyone, so a secret.
  if (/^["']?\$9\$[^$\s"']+["']?$/.test(value)) return true;
  return setsSecret('password', value);
}

/** Modifiers between `password`/`secret` and its value: a type, a hash's name, Huawei's and HP's `cipher`, `simple`, `plaintext`. */
const PASSWORD_MODIFIERS = /^(?:\d|sha\d+|sha-\d+|md5|scrypt|clear|encrypted|cipher|irreversible-cipher|simple|plaintext|hash)$/;

/**
 * 52a-10: commands whose secret stands at a fixed place, no keyword before it naming it so:
 * - Aruba `mgmt-user NAME ROLE PW` (ArubaOS CLI reference, `mgmt-user`), Cisco AireOS `config mgmtuser add NAME PW ROLE`;
 * - HP ProCurve/ArubaOS-Switch `password manager|operator|all [user-name NAME] plaintext PW` (`sha1 HASH` is none);
 * - Cisco ASA `passwd PW` (the login password; `passwd H encrypted` is its hash).
 */
function fixedPlaces(words: readonly Word[], start: number, head: string): Array<{ at: number; loose?: boolean }> {
  const text = (i: number): string => words[i]?.text ?? '';
  const last = words.length - 1;
  if (head === 'mgmt-user' && last === start + 3) return [{ at: last }];
  if (head === 'config' && text(start + 1) === 'mgmtuser' && text(start + 2) === 'add' && last >= start + 4) return [{ at: start + 4 }];
  // passwd(1)'s `passwd bob` names a user: only a generated-looking word is a password there.
  if (head === 'passwd' && (last === start + 1 || (last === start + 2 && text(last) !== 'encrypted')) && looksGenerated(text(start + 1)))
    return [{ at: start + 1 }];
  if (head === 'password' && /^(?:manager|operator|all)$/.test(text(start + 1))) {
    const plaintext = words.findIndex(({ text: word }, i) => i > start && word === 'plaintext');
    return plaintext > 0 && plaintext < last ? [{ at: plaintext + 1 }] : [];
  }
  return [];
}

/** The word indexes of the secrets a line's words hold (with the encryption type written before each). */
function secretOn(words: readonly Word[], block: Block): Array<{ at: number; type?: string; loose?: boolean }> {
  const found: Array<{ at: number; type?: string; loose?: boolean; setOnly?: boolean }> = [];
  let start = 0;
  if (words[0]?.text === 'no') start = 1;
  const head = words[start]?.text ?? '';
  if (!FIRST_WORD.test(head)) return found;
  const lastKey = words.length - 1;
  // What the words before the one read hold, kept as the line is read (each word is tested once).
  let passwordContext = false;
  let keyContext = false;
  let snmp = false;
  let snmpUser = false;
  let nhrp = false;
  for (let i = start; i < lastKey; i++) {
    const word = words[i].text;
    if (!COMMAND_WORD.test(word)) break;
    const previous = i > start ? words[i - 1].text : '';
    const twoBack = i > start + 1 ? words[i - 2].text : '';
    // A block's bare `password 0 V`, `key 7 V`: the value ends the line (`password rotation is monthly` is prose).
    const bare =
      i === 0 && block !== undefined && /^(?:password|secret|key)$/.test(word) ? afterModifiers(words, i, BARE_MODIFIERS) : undefined;
    // Under any command, a capitalised word is prose too (`line 3 col 4` / `  key Error`).
    const proseUnder = block === 'command' && /^[A-Z][a-z]+$/.test(words[bare?.at ?? i].text);
    if (bare !== undefined && bare.at === lastKey && !NOT_BARE_VALUE.test(words[bare.at].text) && !proseUnder) {
      found.push({ ...bare, loose: block !== 'secret' });
    } else if (word === 'config-key' && previous === 'key') {
      // IOS' master key: `key config-key password-encrypt V`, `key config-key 1 V`.
      const j = /^(?:password-encrypt|\d)$/.test(words[i + 1].text) ? i + 2 : i + 1;
      if (j === lastKey) found.push({ at: j });
    } else if (word === 'password' || word === 'secret' || (word === 'passwd' && head === 'set')) {
      if (i > start && (PASSWORD_HEADS.has(head) || passwordContext))
        // Prose starts with `set` too (`set the password with docker login`): a word of letters counts only after
        // `enable` or `username` (`enable password cisco`).
        found.push({
          ...afterModifiers(words, i, PASSWORD_MODIFIERS),
          loose: head !== 'enable' && head !== 'username',
        });
    } else if (word === 'key') {
      const typed = TYPE_DIGIT.test(words[i + 1].text) && i + 2 <= lastKey;
      const afterAlgorithm = /^\d+$/.test(previous) && MODE_WORD.test(twoBack);
      const next = afterModifiers(words, i, /^(?:\d|hex)$/);
      // In a server's or line's block, `pac key V`, `key V`: the value ends the line (`key not found` is prose).
      const context = keyContext || (block === 'secret' && next.at === lastKey);
      if (typed || afterAlgorithm || context) found.push({ ...next, loose: !context });
    } else if (word === 'community') {
      if (snmp) {
        // Huawei's `snmp-agent community read|write [cipher|simple] C`.
        let at = i + 1;
        while (at < lastKey && /^(?:read|write|cipher|simple)$/.test(words[at].text)) at++;
        if (!DEFAULT_COMMUNITY.test(words[at].text)) found.push({ at });
      }
    } else if (word === 'host' && head === 'snmp-server' && i === start + 1 && i + 2 <= lastKey) {
      let j = i + 2;
      if (/^(?:traps|informs)$/.test(words[j].text)) j++;
      if (words[j]?.text === 'version') j += words[j + 1]?.text === '3' ? 3 : 2;
      if (j <= lastKey && !DEFAULT_COMMUNITY.test(words[j].text) && !/^(?:vrf|udp-port)$/.test(words[j].text)) found.push({ at: j });
    } else if ((word === 'auth' || word === 'priv') && head === 'snmp-server' && snmpUser) {
      // `auth md5|sha PW`, `priv des|3des|aes 128 PW`.
      let j = i + 1;
      while (j < lastKey && /^(?:md5|sha\d*|des|3des|aes|\d{3})$/i.test(words[j].text)) j++;
      found.push({ at: j });
    } else if (SET_FORM_KEYWORDS.has(word)) {
      found.push({ at: i + 1, loose: true, setOnly: true });
    } else if (OWN_KEYWORDS.has(word)) {
      const next = afterModifiers(words, i, MODE_WORD);
      // A keyring's `pre-shared-key address A [M] key K` names its key later (the `key` branch reads it).
      // `passphrase` (VyOS' wireless, ssh-keygen's prose) counts as the line's last word only.
      const lastOnly = word === 'passphrase' && next.at !== lastKey;
      // A key chain named instead of a key (`authentication-mode md5 keychain K1`) sets none.
      const chain = words.slice(i + 1, next.at).some(({ text }) => /^key-?chain$/i.test(text));
      if (!lastOnly && !chain && !/^(?:address|hostname)$/.test(words[next.at]?.text ?? '')) found.push({ ...next, loose: true });
    } else if (word === 'authentication') {
      const next = words[i + 1].text;
      // `md5 key-string K` is key-string's own; a mode (`message-digest`, `md5 key-chain NAME`) sets none.
      if (AUTHENTICATION_THEN.has(next) && i + 2 <= lastKey) found.push({ ...afterModifiers(words, i + 1, TYPE_DIGIT), loose: true });
      else if (!MODE_WORD.test(next) && (nhrp || /^(?:standby|vrrp|glbp)$/.test(twoBack))) found.push({ at: i + 1 });
    }
    passwordContext ||= PASSWORD_CONTEXT.test(word);
    keyContext ||= KEY_CONTEXT.test(word);
    snmp ||= word === 'snmp-server' || word === 'snmp' || word === 'snmp-agent';
    snmpUser ||= word === 'user';
    nhrp ||= word === 'nhrp';
  }
  found.push(...fixedPlaces(words, start, head));
  // A login's `plaintext-password` word is wifi-key-lines.ts' (named so in its finding).
  const setForm = (at: number) =>
    head === 'set' && at === lastKey && SET_NODE.test(words[start + 1]?.text ?? '') && words[at - 1]?.text !== 'plaintext-password';
  const ownWord = (at: number) => ownsLastWord(words, start, at) && !isProseWordAfterLabel(words[at].text.replace(/^(["'])(.*)\1$/, '$2'));
  return found.filter(
    ({ at, type, loose, setOnly }) =>
      at < words.length &&
      !(setOnly && !setForm(at)) &&
      isSecret(words[at].text, type) &&
      !(loose && !setForm(at) && !ownWord(at) && PROSE_WORD.test(words[at].text)),
  );
}

/** What a line opens: a secret's block, a device command's, none (a long line is none). */
function opens(line: string): Block {
  if (line.length > MAX_LINE) return undefined;
  if (!COMMAND_LINE.test(line)) return undefined;
  return SECRET_BLOCK.test(line) ? 'secret' : 'command';
}

/** A line above the one read: its indent, its text, what it opens (asked once) and, for the curly form, its `set` words. */
interface Parent {
  indent: number;
  line: string;
  block?: Block | null;
  path?: readonly string[];
}

/** A line's words (64 at most), each where it stands in the text (`start`: the line's offset). */
function wordsOf(line: string, start: number): Word[] {
  const words: Word[] = [];
  for (const match of line.matchAll(WORD)) {
    words.push({ text: match[0], at: start + match.index });
    if (words.length > 64) break;
  }
  return words;
}

/** 68a-6: a curly form's line's words without the `{` or `;` that ends it. */
const statementOf = (words: readonly Word[]): Word[] => words.filter((word, i) => i < words.length - 1 || !/^[{;]$/.test(word.text));

/** 68a-6: the `set` words a curly form's opener stands for (its parents' and its own), or undefined where it is none. */
function curlyPath(line: string, parent: Parent | undefined): readonly string[] | undefined {
  if (line.length > MAX_LINE || !CURLY_OPENER.test(line)) return undefined;
  const own = statementOf(wordsOf(line, 0)).map(({ text }) => text);
  const base = parent === undefined ? (SET_NODE.test(own[0]) || CURLY_ROOT.test(own[0]) ? [] : undefined) : parent.path;
  return base !== undefined && base.length + own.length <= MAX_PATH ? [...base, ...own] : undefined;
}

/** 68a-6: the secrets of a curly form's line, read as the `set` line it stands for (`path`: its openers' words). */
function curlySecrets(words: readonly Word[], path: readonly string[]): number[] {
  const statement = statementOf(words);
  const head = ['set', ...path].map((text) => ({ text, at: -1 }));
  return secretOn([...head, ...statement], undefined)
    .filter(({ at }) => at >= head.length)
    .map(({ at }) => words.indexOf(statement[at - head.length]));
}

/** Where a text holds a secret of a network device's config line: the value's span (inside its quotes). */
export function deviceConfigSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  if (!CLUE.test(text)) return spans;
  let at = 0;
  // The lines above this one, each less indented than the next, and what each opens (judged when a line under it asks).
  const parents: Parent[] = [];
  for (const line of text.split('\n')) {
    const start = at;
    at += line.length + 1;
    const indent = line.search(/\S/);
    if (indent < 0) continue; // a blank line neither opens nor closes a block
    while (parents.length > 0 && parents[parents.length - 1].indent >= indent) parents.pop();
    const parent = parents[parents.length - 1];
    parents.push({ indent, line, path: curlyPath(line, parent) });
    if (line.length > MAX_LINE || !CLUE.test(line)) continue;
    if (parent !== undefined) parent.block ??= opens(parent.line) ?? null;
    const block = parent?.block ?? undefined;
    const words = wordsOf(line, start);
    const found = new Set(secretOn(words, block).map(({ at: n }) => n));
    if (parent?.path !== undefined) for (const n of curlySecrets(words, parent.path)) found.add(n);
    for (const n of found) {
      const { text: value, at: from } = words[n];
      const quoted = /^(["']).+\1$/s.test(value) ? 1 : 0;
      spans.push([from + quoted, from + value.length - quoted]);
    }
  }
  return spans;
}
