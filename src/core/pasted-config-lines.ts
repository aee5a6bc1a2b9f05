import { continuedPropertiesSpans, PROSE } from './properties-continued';
import { namesSecretValue } from './secrets-keys';
import { setsSecret } from './secrets-text';

/**
 * Attack round 47a-6: secret lines of config files whose separator or keyword no other reader takes, one per line:
 * - a Java `.properties` line with a blank for its separator (`db.password Qw7x`: java.util.Properties#load takes
 *   `=`, `:` or a blank after the key); the key dotted, as properties keys are, so a code line (`Password string`,
 *   `token []byte`) is none; a value of words of prose (a documentation table's `db.password  The database password.`)
 *   neither;
 * - strongSwan's and libreswan's `ipsec.secrets` (docs.strongswan.org ipsec.secrets(5); libreswan ipsec.secrets(5)):
 *   `[selectors] : PSK|XAUTH|EAP|NTLM|PIN secret`, the secret quoted, `0x` hex or `0s` base64 (a bare word of letters is
 *   prose's: "Note: PSK mode"), and `: RSA|ECDSA|P12 file "passphrase"`; the type lower-case too (48a-11: libreswan's
 *   secrets.c reads it with `tokeqword("psk")`, case-insensitive; strongSwan's lexparser `match` is case-sensitive);
 *   the secret last on its line (a comment may follow), and a `PIN` always after its smartcard id (`: PIN %smartcard:50
 *   "1234"`, ipsec.secrets(5)): `note: PIN 4 of the header is GND` is prose (60a-17);
 * - FRR's and Quagga's routing daemons, as Cisco's IOS writes them (docs.frrouting.org bgp `neighbor PEER password`,
 *   ospfd `ip ospf message-digest-key KEYID md5 KEY` and `ip ospf authentication-key`, ospf6d `ipv6 ospf6
 *   authentication … key`, ripd `ip rip authentication string`, a key chain's `key-string`, isisd `area-password`,
 *   `domain-password`, `isis password` (clear|md5)); IOS's encryption type digit before the key (`password 7 …`) too.
 * A value that refers (`$PW`, `${PW}`) or is a placeholder is none (setsSecret).
 */

/** What such a value is called in findings (`FoundSecret.what`). */
export const PASTED_CONFIG_SECRET =
  'a password line of a config file (a .properties key and its value after a blank, ipsec.secrets PSK/XAUTH/EAP, an FRR/Quagga neighbor or OSPF/RIP/IS-IS key)';

/** A Java properties key, dotted. */
// The value starts with no code's operator or closer (`process.env.CLIENT_SECRET };`, `… ?? ''`, `… || x`), nor is the
// key a program's own object (`this.token`, `self.password`, `process.env.TOKEN`).
const PROPERTIES_LINE =
  /^[ \t]*(?!(?:this|self|process\.env|os\.environ)\.)([A-Za-z_][\w-]{0,63}(?:\.[\w-]{1,64}){1,16})[ \t]+([^\s=:#!})\];,?|&(+*/<>.][^\n\r]*?)[ \t]*\r?$/dgm;

const QUOTED = String.raw`"(?:[^"\\\n]|\\.)*"|'[^'\n]*'`;
/** `: PSK secret` after selectors (or none), the type upper-case, as both daemons write it. */
const IPSEC_LINE = new RegExp(
  String.raw`(?:^|[ \t])[^\s#]{0,256}?:[ \t]{0,64}(?:(?:(?:PSK|XAUTH|EAP|NTLM|psk|xauth|eap|ntlm)[ \t]{1,64}(?:%[\w:]{1,64}[ \t]{1,64})?` +
    String.raw`|(?:PIN|pin)[ \t]{1,64}%[\w:@.-]{1,64}[ \t]{1,64})` +
    String.raw`(${QUOTED}|0[xs][^\s#]+|[^\s#"'%][^\s#]*)|(?:RSA|ECDSA|P12|PKCS8|PKCS12|BLISS)[ \t]{1,64}[^\s#"']{1,256}[ \t]{1,64}(${QUOTED}))` +
    String.raw`(?=[ \t]*(?:#.*)?\r?$)`,
  'dgm',
);

/** Routing daemons' key commands, the key last on the line (an IOS encryption type, 0 to 7, may come before it). */
const ROUTING_LINE = new RegExp(
  String.raw`^[ \t]*(?:no[ \t]+)?(?:neighbor[ \t]+\S{1,256}[ \t]+password|ip[ \t]+ospf(?:[ \t]+\S{1,64})?[ \t]+(?:message-digest-key[ \t]+\d{1,3}[ \t]+md5|authentication-key)` +
    String.raw`|ipv6[ \t]+ospf6[ \t]+authentication[ \t][^\n]{0,256}?[ \t]key|ip[ \t]+rip[ \t]+authentication[ \t]+string|key-string` +
    String.raw`|(?:isis[ \t]+password|area-password|domain-password)[ \t]+(?:clear|md5))` +
    String.raw`[ \t]+(?:[0-7][ \t]+(?=\S))?([^\s!]\S*)[ \t]*(?:!.*)?\r?$`,
  'dgm',
);

/** Where a text holds a password line of a config file read here: the value's span (inside its quotes). */
export function pastedConfigSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const add = (match: RegExpMatchArray, key: string, group: number) => {
    const value = match[group];
    const span = match.indices?.[group];
    if (!span || !setsSecret(key, value)) return;
    const quoted = /^(["']).+\1$/s.test(value) ? 1 : 0;
    spans.push([span[0] + quoted, span[1] - quoted]);
  };
  if (/\.[\w-]+[ \t]/.test(text) && /pass|pw|token|secret|key|cred|auth|psk/i.test(text)) {
    for (const match of text.matchAll(PROPERTIES_LINE)) {
      // A line that goes on at the next (an odd number of backslashes at its end) is continuedPropertiesSpans'.
      if (/(?<!\\)(?:\\\\)*\\$/.test(match[2])) continue;
      if (namesSecretValue(match[1]) && /[A-Za-z0-9]/.test(match[2]) && !PROSE.test(match[2])) add(match, match[1], 2);
    }
  }
  if (/PSK|XAUTH|EAP|NTLM|PIN|RSA|ECDSA|P12|PKCS|BLISS|psk|xauth|eap|ntlm|pin/.test(text)) {
    for (const match of text.matchAll(IPSEC_LINE)) {
      const group = match[1] !== undefined ? 1 : 2;
      // A bare word of letters is prose's (`Note: PSK mode`), not a secret; nor is punctuation (`: psk : psk`, cheaply).
      if (!/^[A-Za-z]+$/.test(match[group]) && /[A-Za-z0-9]/.test(match[group])) add(match, 'password', group);
    }
  }
  if (/password|ospf|rip|key-string/i.test(text)) {
    for (const match of text.matchAll(ROUTING_LINE)) add(match, 'password', 1);
  }
  spans.push(...continuedPropertiesSpans(text));
  return spans;
}
