import { isPlaceholder } from './placeholders';
import { isCommandReference } from './secret-arguments';

/**
 * The join key in K3s' `--vpn-auth` value (attack round 52a-12), wherever the value is written: on a command line
 * (`--vpn-auth="name=tailscale,joinKey=…"`), as the `vpn-auth:` key of K3s' config file, as `K3S_VPN_AUTH=…`, in an
 * argument list. K3s reads the value as comma-separated `key=value` pairs in any order, "name=<vpn-provider>,
 * joinKey=<key>[,controlServerURL=<url>][,extraArgs=<args>]" (k3s-io/k3s pkg/cli/cmds/agent.go, flag `vpn-auth`, env
 * K3S_VPN_AUTH; pkg/vpn/vpn.go vpnCliAuthInfo): a run of such pairs holding both `name=` and `joinKey=` is that value,
 * whatever names it, and the join key (Tailscale's auth key, a Headscale pre-auth key) is its secret. A reference
 * (`joinKey=$TS_KEY`) or a placeholder (`joinKey=<key>`) is none. Spans of the keys.
 */
// A value holds no bracket, and a run starts at a word or right after `--vpn-auth=`: `joinKey=<key>[,controlServerURL=<url>]` is the format's own notation.
const PAIRS = /(?:(?<![\w=,.-])|(?<=vpn-auth=))[A-Za-z]\w{0,31}=[^,\s"'`[\]]{0,4096}(?:,[A-Za-z]\w{0,31}=[^,\s"'`[\]]{0,4096}){1,15}/g;
const JOIN_KEY = /(?:^|,)joinKey=([^,]*)/;

/** What such a key is called in findings. */
export const K3S_VPN_JOIN_KEY = "a VPN join key (the joinKey of K3s' --vpn-auth or vpn-auth: value)";

export function k3sVpnJoinKeySpans(text: string): Array<[number, number]> {
  if (!text.includes('joinKey=')) return [];
  const found: Array<[number, number]> = [];
  for (const run of text.matchAll(PAIRS)) {
    const key = JOIN_KEY.exec(run[0]);
    if (!key || !/(?:^|,)name=/.test(run[0])) continue;
    const value = key[1];
    if (!value || isCommandReference(value) || isPlaceholder(value)) continue;
    const start = run.index + key.index + key[0].length - value.length;
    found.push([start, start + value.length]);
  }
  return found;
}
