import { saysOpenNetwork } from './open-network-words';
import { isPlaceholder } from './placeholders';
import { isReference, refersOnly } from './secrets-text';

/**
 * 66a-6: a Wi-Fi network's key where the setting's name is only `key`, and so says nothing by itself, but its place
 * makes it the passphrase; and VyOS' login password in clear. A dictionary word there is the key (a WPA passphrase is
 * any 8 to 63 characters: IEEE 802.11i, wpa_supplicant.conf's `psk`), so no mix is asked.
 * - OpenWrt's UCI `wireless` options (`uci set wireless.default_radio0.key='…'`, `option key '…'` in a `config
 *   wifi-iface` section): `key`, `key1`…`key4`, `sae_password`, `auth_secret`, `acct_secret`, `priv_key_pwd`
 *   (openwrt.org/docs/guide-user/network/wifi/basic); a WEP `key` of 1 to 4 is the index of a key, no secret.
 * - A dotted or compound name that names Wi-Fi (`wifi.key`, `wlan0_psk`, `wireless.passphrase`), or a `….key` whose
 *   `….ssid` sibling the text holds (`wifi.ssid: homenet` then `wifi.key: …`); `wifi.key_mgmt: wpa-psk` ends in another word.
 * - Labels: `Key:`, `PSK:`, `Passphrase:` near a network's label (`SSID:`, `Network:`, `WLAN:`, `Wi-Fi:`):
 *   `Network: homenet / Key: swordfish`. Without such a label, `key: certificate` is any other setting's key; 67a-18:
 *   a `Network:` holding an address or a CIDR is an IP network's, and a value that does not end its line a sentence's.
 * - VyOS/EdgeOS `… authentication plaintext-password <pw>` (docs.vyos.io configuration/system/login), any word.
 * A placeholder, a reference, a file's path, an auth mode's name (`wpa-psk`, `sae`, `certificate`) is none; so is a word
 * saying the network is open (`Key: open`, `Key: keine`: open-network-words.ts).
 */
export const WIFI_KEY =
  "a Wi-Fi network's key or a VyOS login password in clear (`wireless.<iface>.key`, `wifi.key`, `Key:` beside an SSID, `plaintext-password`)";

const UCI =
  /\buci[ \t]+(?:-[A-Za-z][ \t]+){0,4}(?:set|add_list)[ \t]+wireless\.[\w@[\]-]{1,64}\.(?:key[1-4]?|sae_password|auth_secret|acct_secret|priv_key_pwd)=/g;
const UCI_OPTION = /^[ \t]*option[ \t]+(?:key[1-4]?|sae_password|auth_secret|acct_secret|priv_key_pwd)[ \t]+/gm;
/** `name: value`, `name=value`, one a line, the name dotted or compound. */
const NAMED = /^[ \t]*(?:export[ \t]+)?["']?([A-Za-z][\w.-]{0,127})["']?[ \t]*[=:][ \t]*/gm;
const WIFI_WORD = /^(?:wifi|wi|wlan\d*|wireless|wpa\d?|hotspot)$/;
const KEY_WORD = /^(?:key|psk|passphrase)$/;
/** A network's label: `ssid` in any case; `Network`, `WLAN`, `Wi-Fi` as prose writes them (capitalised). */
const SSID_LABEL = /(?:^|[^\w.-])(?:ssid|SSID)[ \t]*[:=]/;
// 67a-18: a `Network:` whose value is an address or a CIDR (`10.42.0.0/16`, `fd00::/8`) is an IP network's, no Wi-Fi's.
const NETWORK_LABEL =
  /(?:^|[^\w.-])(?:(?:SSID|WLAN(?: name)?|Wi-?Fi(?: name| network)?|WIFI)[ \t\u00a0]*[:=]|(?:Network(?: name)?|NETWORK|R(?:é|e)seau|Netzwerk|Rete|Red)[ \t\u00a0]*[:=](?![ \t]*(?:\d|\[|[\da-fA-F]{0,4}:[\da-fA-F]{0,4}:)))/;
/** 67a-18: what may follow a label's key on its line: the line's end, a separator, a comment; a word more makes a sentence. */
const KEY_ENDS = /^[ \t]*(?:$|\r?\n|[,;|#]|[.!?](?:\s|$)|\/[ \t]|\([^()\r\n]*\)[ \t]*(?:$|\r?\n))/;
/** A Kubernetes label's or annotation's key (`app.kubernetes.io/name`): no Wi-Fi key. */
const LABEL_KEY = /^(?:[a-z\d-]+\.)+[a-z]{2,}\/[\w.-]+$/i;
// 68a-5: `WPA2:` beside an SSID, and the key's name in German, French, Spanish, Italian (`Schlüssel :`, `Clé :`).
const KEY_LABEL =
  /(?<![\w.-])(?:Key|KEY|key|PSK|psk|Passphrase|passphrase|WPA2?|Schl(?:ü|ue)ssel|Cl(?:é|e)|Clave|Chiave)[ \t\u00a0]*[:=][ \t]*/g;
/**
 * 68a-5: a device's key in its config: Debian's ifupdown `wpa-psk X` (wpasupplicant's README.Debian), Cisco's `wpa-psk
 * ascii 0 X` and IOS-XE's `security wpa akm psk set-key ascii 0 X`; the value ends its line (`wpa-psk mode` in prose goes on).
 */
const DEVICE_KEY = /(?<![\w-])(?:wpa-psk(?:[ \t]+(?:ascii|hex)[ \t]+\d)?|set-key[ \t]+(?:ascii|hex)[ \t]+\d)[ \t]+(?=[^\s]+[ \t]*$)/gm;
/** A switch's state after `WPA2:` (`WPA2: enabled`): no key. */
const STATE = /^(?:enabled|disabled|on|off|yes|no|true|false|required|optional|supported)$/i;
const PLAINTEXT = /(?<![\w-])plaintext-password[ \t]+/g;
/** What a setting of a Wi-Fi mode holds: its security's name, no key (an open network's words: open-network-words.ts). */
const MODE =
  /^(?:wep|owe|sae|psk2?|eap|wpa\d?(?:[-_+ ]?(?:psk|personal|enterprise|eap|sae|mixed|tkip|ccmp))*|certificate|enterprise|personal|shared|hidden|auto|tkip|ccmp)$/i;

/** The value at `at` (quoted or up to a blank, `;`, `#`), or undefined where it is none. */
function valueAt(text: string, at: number, least: number): [number, number] | undefined {
  const match = /^(?:"([^"\n]*)"|'([^'\n]*)'|([^\s;#"']+))/.exec(text.slice(at, at + 256));
  if (!match) return undefined;
  const quoted = match[1] ?? match[2];
  const value = quoted ?? match[3].replace(/[.,)]+$/, ''); // a sentence's stop after an unquoted word
  if (
    value.length < least ||
    /^[1-4]$/.test(value) ||
    MODE.test(value) ||
    STATE.test(value) ||
    saysOpenNetwork(value) ||
    LABEL_KEY.test(value) ||
    value.startsWith('/') ||
    /^~?\.{0,2}\//.test(value)
  )
    return undefined;
  if (isPlaceholder(value) || isReference(value) || refersOnly(value) || /^\$/.test(value)) return undefined;
  const start = at + (quoted === undefined ? 0 : 1);
  return [start, start + value.length];
}

/** Whether `name` names a Wi-Fi key: a Wi-Fi word then a key's word last, or a `….key` whose `….ssid` is in `ssids`. */
function namesWifiKey(name: string, ssids: ReadonlySet<string>): boolean {
  const parts = name.split(/[._-]/).flatMap((part) =>
    part
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .toLowerCase()
      .split(' '),
  );
  if (parts.length < 2 || !KEY_WORD.test(parts[parts.length - 1])) return false;
  return parts.slice(0, -1).some((part) => WIFI_WORD.test(part)) || ssids.has(name.slice(0, name.lastIndexOf('.') + 1));
}

/** Where such keys and passwords stand in `text` (secrets-formats.ts FORMAT_FINDERS: refused and redacted). */
export function wifiKeySpans(text: string): Array<[number, number]> {
  if (!/key|psk|passphrase|plaintext|wpa|schl|cl[ée]|clave|chiave/i.test(text)) return [];
  const found: Array<[number, number]> = [];
  const take = (span: [number, number] | undefined) => span && found.push(span);
  for (const match of text.matchAll(UCI)) take(valueAt(text, match.index + match[0].length, 1));
  if (/^[ \t]*config[ \t]+wifi-iface\b/m.test(text))
    for (const match of text.matchAll(UCI_OPTION)) take(valueAt(text, match.index + match[0].length, 1));
  for (const match of text.matchAll(PLAINTEXT)) take(valueAt(text, match.index + match[0].length, 1));
  for (const match of text.matchAll(DEVICE_KEY)) take(valueAt(text, match.index + match[0].length, 1));
  const named = [...text.matchAll(NAMED)];
  const ssids = new Set(named.filter(([, name]) => /\.ssid$/i.test(name)).map(([, name]) => name.slice(0, -4)));
  for (const match of named) if (namesWifiKey(match[1], ssids)) take(valueAt(text, match.index + match[0].length, 5));
  for (const match of text.matchAll(KEY_LABEL)) {
    // A network's label on the same line or within the lines around it.
    const near = text.slice(Math.max(0, match.index - 200), Math.min(text.length, match.index + 200));
    // A capitalised label beside a prose network label; `key:` in lower case (any setting's) only beside an `ssid`.
    if (!(/^[A-Z]/.test(match[0]) ? NETWORK_LABEL.test(near) : SSID_LABEL.test(near))) continue;
    const span = valueAt(text, match.index + match[0].length, 5);
    // 67a-18: an unquoted value must end its line (`Key: WireGuard encryption is on` is a sentence, a legend's `Key:`).
    const quoted = span !== undefined && /["']/.test(text[span[0] - 1] ?? '');
    if (span && (quoted || KEY_ENDS.test(text.slice(span[1], span[1] + 256)))) found.push(span);
  }
  return found;
}

/** How many entries of one map are read as lines below: a device's or app's settings are tens. */
const MAX_ENTRIES = 256;
/** An entry read as a line: a name NAMED takes, a value of one line that a double-quoted value may hold. */
const ENTRY_NAME = /^[A-Za-z][\w.-]{0,127}$/;

/**
 * 70a-16: the keys of a map (YAML or JSON data: a ConfigMap's `data`, an app's settings) whose values are Wi-Fi keys as
 * wifiKeySpans reads a text's lines (`ssid` beside `key`, `wifi.key`): data is judged value by value, and `key` alone
 * says nothing, so its entries are read together, one `name: value` line each.
 */
export function wifiKeyEntries(record: Readonly<Record<string, unknown>>): string[] {
  const lines: Array<{ key: string; start: number; end: number }> = [];
  let text = '';
  for (const [key, value] of Object.entries(record).slice(0, MAX_ENTRIES)) {
    const written = typeof value === 'number' ? String(value) : value;
    if (typeof written !== 'string' || !ENTRY_NAME.test(key) || /["\r\n]/.test(written) || written.length > 1024) continue;
    // Unquoted as a file would write a plain word (the `Network:` rule reads an address right after the colon), or
    // plain words, so a sentence or a legend stays one (67a-18: `Key: WireGuard encryption is on`).
    const plain =
      /^[^\s;#"'.,)]+$|^[^\s;#"']+[^\s;#"'.,)]$/.test(written) || (/^[A-Za-z0-9][^']*$/.test(written) && !/:\s|\s#|\s$/.test(written));
    const line = plain ? `${key}: ${written}\n` : `${key}: "${written}"\n`;
    lines.push({ key, start: text.length, end: text.length + line.length });
    text += line;
  }
  const keys = wifiKeySpans(text).map(([start]) => lines.find((line) => line.start <= start && start < line.end)?.key);
  return [...new Set(keys.filter((key): key is string => key !== undefined))];
}
