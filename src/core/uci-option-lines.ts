import { setsSecret } from './secrets-text';

/**
 * Round 68 (68a-6): an OpenWrt UCI config line whose option is named like a secret: `option password 'swordfish'` (a
 * PPPoE `interface`, a DDNS `service`), `list password '…'`, `option sae_password`, `option auth_secret`, `option
 * private_key` (a WireGuard interface). UCI's syntax: `option NAME VALUE` and `list NAME VALUE`, the name of letters,
 * digits and `_`, the value quoted with `'` or `"` or a bare word, alone on its line (openwrt.org/docs/guide-user/base-system/uci,
 * "File syntax"). The option names a secret, so its value is one whatever it looks like, a dictionary word too, as under a
 * key named like a secret (setsSecret): an empty value, a reference, a placeholder, `none`/`off` or a hash is none. A
 * Wi-Fi `option key` (a name that says nothing alone) is wifi-key-lines.ts'.
 */
export const UCI_OPTION_SECRET = "a secret option of an OpenWrt UCI config file (`option password '…'`, `list …`, `option private_key …`)";

/** A UCI option line: its name, then its value quoted (`'…'`, `"…"`) or bare, the line's last. */
const OPTION_LINE = /^[ \t]*(?:option|list)[ \t]+([A-Za-z0-9_]{1,64})[ \t]+(?:'([^'\n]*)'|"([^"\n]*)"|([^\s'"#]+))[ \t]*\r?$/dgm;

/** Where a text holds such a value: each value's span (inside its quotes). */
export function uciOptionSpans(text: string): Array<[number, number]> {
  if (!/(?:option|list)[ \t]/.test(text)) return [];
  const spans: Array<[number, number]> = [];
  // Each option's verdict once a text (a file repeats its options).
  const verdicts = new Map<string, boolean>();
  for (const match of text.matchAll(OPTION_LINE)) {
    const group = [2, 3, 4].find((n) => match[n] !== undefined)!;
    const key = `${match[1]}\0${match[group]}`;
    let secret = verdicts.get(key);
    if (secret === undefined) verdicts.set(key, (secret = setsSecret(match[1], match[group])));
    if (secret) spans.push(match.indices![group]);
  }
  return spans;
}
