import type { RuleNode } from '../traefik/rule-syntax';
import { hostRegexpMatches } from '../traefik/rule-regexps';

/** One alternative of a TCP rule, as far as its SNI goes: the HostSNI and HostSNIRegexp values it asks for, and those it negates. */
interface SniAlternative {
  readonly sni: readonly string[];
  readonly regexps: readonly string[];
  readonly notSni: readonly string[];
  readonly notRegexps: readonly string[];
  /** A negation of a compound form: what it leaves is not told here, so the alternative is never judged open. */
  readonly unread: boolean;
}

const EMPTY: SniAlternative = { sni: [], regexps: [], notSni: [], notRegexps: [], unread: false };
/** More alternatives than this (a product of many `||` groups) are not expanded: the rule is left alone. */
const MAX_ALTERNATIVES = 64;

const isSni = (node: RuleNode, name: string) => node.kind === 'matcher' && node.matcher.name.toLowerCase() === name;

function sniAlternatives(node: RuleNode): SniAlternative[] | undefined {
  if (node.kind === 'matcher') {
    if (isSni(node, 'hostsni')) return [{ ...EMPTY, sni: node.matcher.values }];
    return [isSni(node, 'hostsniregexp') ? { ...EMPTY, regexps: node.matcher.values } : EMPTY];
  }
  if (node.kind === '!') {
    if (node.a.kind !== 'matcher') return [{ ...EMPTY, unread: true }];
    if (isSni(node.a, 'hostsni')) return [{ ...EMPTY, notSni: node.a.matcher.values }];
    return [isSni(node.a, 'hostsniregexp') ? { ...EMPTY, notRegexps: node.a.matcher.values } : EMPTY];
  }
  const a = sniAlternatives(node.a);
  const b = a && sniAlternatives(node.b);
  if (!a || !b) return undefined;
  const all =
    node.kind === '||'
      ? [...a, ...b]
      : a.flatMap((x) =>
          b.map((y) => ({
            sni: [...x.sni, ...y.sni],
            regexps: [...x.regexps, ...y.regexps],
            notSni: [...x.notSni, ...y.notSni],
            notRegexps: [...x.notRegexps, ...y.notRegexps],
            unread: x.unread || y.unread,
          })),
        );
  return all.length > MAX_ALTERNATIVES ? undefined : all;
}

/**
 * 70b-19: the SNI names a TCP rule negates in an alternative that asks for no SNI of its own, when that alternative
 * takes the TLS connections of `host`: Traefik v3's ``!HostSNI(`b`)`` matches every server name but b (traefik/traefik
 * pkg/muxer/tcp/mux.go, `!` negates a matcher, v3.6.0), so ``!HostSNI(`b`)`` takes host a as ``HostSNI(`*`)`` does.
 * A negated HostSNIRegexp leaves a host only when its regexp surely matches it; a negated compound form is not judged.
 */
export function negatedSniTaking(tree: RuleNode, host: string): readonly string[] | undefined {
  const bare = (name: string) => name.toLowerCase().replace(/\.$/, '');
  const open = (sniAlternatives(tree) ?? []).find(
    (alt) =>
      !alt.unread &&
      !alt.sni.length &&
      !alt.regexps.length &&
      alt.notSni.length + alt.notRegexps.length > 0 &&
      !alt.notSni.some((name) => name === '*' || bare(name) === bare(host)) &&
      alt.notRegexps.every((re) => hostRegexpMatches(re, host) === false),
  );
  return open && [...open.notSni, ...open.notRegexps];
}
