import { isPlainlyNotSecret } from './secrets-keys';
import { isReference } from './secrets-text';

/**
 * Attack round 40a-6: secrets of daemons' config files that no secret word names, beside secrets-config-lines.ts:
 * - net-snmp's snmpd.conf (snmpd.conf(5), net-snmp 5.9): `rocommunity|rwcommunity[6] [-Cn CONTEXT] [-V VIEW] COMMUNITY
 *   [SOURCE [OID]]`, `com2sec[6] [-Cn CONTEXT] SECNAME SOURCE COMMUNITY`, `trapcommunity COMMUNITY`,
 *   `trapsink|trap2sink|informsink HOST [COMMUNITY [PORT]]`: a v1/v2c community is a shared secret, but `public` and
 *   `private`, the documented defaults every scanner tries, are none (as command-rules.ts takes snmpwalk's `-c`);
 *   `createUser [-e ENGINEID] NAME (MD5|SHA|SHA-224…SHA-512) [-l|-m] AUTHPASS [DES|AES[-192|-256]] [-l|-m] [PRIVPASS]`:
 *   the SNMPv3 user's passphrases (or localized keys); snmp.conf(5)'s `defAuthPassphrase`, `defPrivPassphrase`,
 *   `defPassphrase`;
 * - fetchmail's rc file over several lines (fetchmail.sourceforge.io fetchmail manual, "The run control file"): on a
 *   `poll|skip <host>` or `defaults` line or the lines after it indented deeper, a `pass|passwd|password <value>` (the
 *   one-line forms are secrets-config-lines.ts'). A `poll` line's host is a dotted name, an address or quoted, so prose ("poll the server")
 *   opens no such file.
 * Each pattern starts at a line's start (or after a word's end for fetchmail's keyword) and each part excludes what ends
 * it: a text is scanned once.
 */

/** What such a value is called in findings (`FoundSecret.what`). */
export const DAEMON_CONFIG_SECRET = 'a community or passphrase of snmpd.conf, or a password of a .fetchmailrc (poll … then pass …)';

const WORD = String.raw`(?:"[^"\n]*"|'[^'\n]*'|[^\s"']+)`;
/** Options with a value before a community (`-Cn ctx`, `-V view`). */
const OPTIONS = String.raw`(?:-[A-Za-z]+[ \t]+\S+[ \t]+)*`;
const SNMP_LINES = [
  String.raw`^[ \t]*(?:rocommunity6?|rwcommunity6?|trapcommunity)[ \t]+${OPTIONS}(${WORD})`,
  String.raw`^[ \t]*com2sec(?:6|unix)?[ \t]+${OPTIONS}\S+[ \t]+\S+[ \t]+(${WORD})`,
  String.raw`^[ \t]*(?:trapsink|trap2sink|informsink)[ \t]+\S+[ \t]+(${WORD})`,
  String.raw`^[ \t]*createUser[ \t]+(?:-e[ \t]+\S+[ \t]+)?\S+[ \t]+(?:MD5|SHA(?:-\d+)?)[ \t]+(?:-[lm][ \t]+)?(${WORD})` +
    String.raw`(?:[ \t]+(?:DES|AES(?:-?\d+)?)(?:[ \t]+(?:-[lm][ \t]+)?(${WORD}))?)?`,
  String.raw`^[ \t]*def(?:Auth|Priv)?Passphrase[ \t]+(${WORD})`,
];
const SNMP_LINE = new RegExp(SNMP_LINES.join('|'), 'dgim');
/** The documented default communities: no secret. */
const DEFAULT_COMMUNITY = /^(?:public|private)$/i;
/** The groups of SNMP_LINE that hold a community (the rest hold passphrases). */
const COMMUNITY_GROUPS = [1, 2, 3];

/** A fetchmail rc file's entry: `poll|skip <host>` (a dotted name, an address, quoted) or `defaults`. */
const FETCHMAIL_ENTRY =
  /^([ \t]*)(?:(?:poll|skip)[ \t]+(?:"[^"\n]+"|'[^'\n]+'|[\w-]+(?:\.[\w-]+)+)(?=[ \t]|\r?$)|defaults(?=[ \t]|\r?$))/gm;
/** fetchmail's password keyword (rcfile_l.l: `pass(word)?`; `passwd` as 39a-2 took it) and its value. */
const FETCHMAIL_PASSWORD = /(?<![\w-])pass(?:word|wd)?[ \t]+("[^"\n]*"|'[^'\n]*'|[^\s"']+)/dg;

/** A value that is a secret: not a reference, a switch's word or a placeholder. */
const isSecretValue = (value: string): boolean =>
  value !== '' && !isReference(value) && !/^[$]/.test(value) && !isPlainlyNotSecret(value, 'password');

/** The span of group `n` of `match`, inside its quotes. */
function valueSpan(match: RegExpExecArray | RegExpMatchArray, n: number): { value: string; span: [number, number] } {
  const [start, end] = match.indices![n];
  const quoted = /^(["']).*\1$/s.test(match[n]) && match[n].length >= 2 ? 1 : 0;
  return { value: match[n].slice(quoted, match[n].length - quoted), span: [start + quoted, end - quoted] };
}

/** How a finding of daemonConfigSpans is named: the snmpd.conf directive of the first one's line, or fetchmail's form (41a-12). */
export function daemonConfigSecretIn(text: string): string {
  const [first] = daemonConfigSpans(text).sort((a, b) => a[0] - b[0]);
  const line = first ? text.slice(text.lastIndexOf('\n', first[0]) + 1, first[0]) : '';
  const directive =
    /^[ \t]*(rocommunity6?|rwcommunity6?|trapcommunity|com2sec(?:6|unix)?|trapsink|trap2sink|informsink|createUser|def(?:Auth|Priv)?Passphrase)[ \t]/i.exec(
      line,
    )?.[1];
  if (directive) return `a ${/Passphrase|createUser/i.test(directive) ? 'passphrase' : 'community'} of snmpd.conf (${directive})`;
  return first ? 'a password of a .fetchmailrc (poll … then pass …)' : DAEMON_CONFIG_SECRET;
}

/** Where a text holds an snmpd.conf community or passphrase, or a .fetchmailrc password over several lines. */
export function daemonConfigSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  if (/community|com2sec|sink|createUser|Passphrase/i.test(text)) {
    for (const match of text.matchAll(SNMP_LINE)) {
      for (let n = 1; n < match.length; n++) {
        if (match[n] === undefined) continue;
        const { value, span } = valueSpan(match, n);
        if (COMMUNITY_GROUPS.includes(n) && DEFAULT_COMMUNITY.test(value)) continue;
        if (isSecretValue(value)) spans.push(span);
      }
    }
  }
  if (!/poll|skip|defaults/.test(text)) return spans;
  // Each entry's block: its line, and the lines after it indented deeper (a blank one too); blocks are read once.
  let read = 0;
  for (const entry of text.matchAll(FETCHMAIL_ENTRY)) {
    if (entry.index < read) continue;
    const indent = entry[1].length;
    let end = text.indexOf('\n', entry.index);
    while (end >= 0) {
      const next = /^[ \t]*/.exec(text.slice(end + 1, end + 1 + indent + 1))![0].length;
      const blank = /^[ \t]*(?:\r?\n|$)/.test(text.slice(end + 1, end + 1 + indent + 2));
      if (next <= indent && !blank) break;
      end = text.indexOf('\n', end + 1);
    }
    read = end < 0 ? text.length : end;
    for (const match of text.slice(entry.index, read).matchAll(FETCHMAIL_PASSWORD)) {
      const { value, span } = valueSpan(match, 1);
      if (isSecretValue(value)) spans.push([entry.index + span[0], entry.index + span[1]]);
    }
  }
  return spans;
}
