import { Matcher, parsedRule, RULE_BOUNDS, RuleNode, tokens } from '../traefik/rule-syntax';

/** The routes a rule's alternatives take, and whether some alternative is in a form this reader does not judge. */
export interface RuleRoutes {
  readonly routes: ReadonlyArray<{ host: string; path: string }>;
  readonly unread: boolean;
  /** The path prefixes of alternatives with no host matcher (``PathPrefix(`/p`)`` alone, or a lone matcher-free form): every host's. */
  readonly anyHost: readonly string[];
  /** Whether some alternative with no Host or HostRegexp matcher is in another form: it may take requests of every host. */
  readonly anyHostUnread: boolean;
  /**
   * Alternatives with no Host matcher but a HostRegexp (51b-2): their regexps, and their path prefix when the alternative
   * is ``HostRegexp(`re`)`` with at most one PathPrefix (else undefined: a form not read here). Whether they take an
   * Ingress' host is told by hostRegexpMatches.
   */
  readonly regexpHosts: ReadonlyArray<{ regexps: readonly string[]; path?: string }>;
  /**
   * Alternatives ``PathRegexp(`re`)``, alone (every host: no `host`) or with one Host (one entry a host): their regexp,
   * judged by pathRegexpMatches against a path it may take. They count as unread too, for what is not told that way.
   */
  readonly regexpPaths: ReadonlyArray<{ host?: string; regexp: string }>;
  /** Why no alternative was read: past this reader's bounds (a rule Traefik may read), or not Traefik's grammar at all. */
  readonly unparsed?: 'bounds' | 'grammar';
}

/** More alternatives than this (a product of many `||` groups) are not expanded: the rule is left unread. */
const MAX_ALTERNATIVES = 64;

const NEGATION: Matcher = { name: '!', values: [] };

/** The rule's alternatives: each a conjunction of matchers (`||` distributed over `&&`, a negation as NEGATION); undefined past the cap. */
function alternatives(node: RuleNode): Matcher[][] | undefined {
  // v2's HostHeader is Host under another name (traefik/traefik pkg/muxer/http/matcher.go `httpFuncs`, v2.11: both run
  // `host`); v3's syntax refuses it on its own (v3-rule-syntax.ts), so reading it as Host here never lets it pass.
  if (node.kind === 'matcher') return [[node.matcher.name === 'HostHeader' ? { name: 'Host', values: node.matcher.values } : node.matcher]];
  // A negation only narrows the alternative it is in (51b-2): it is kept as a matcher of its own, never read as a host.
  if (node.kind === '!') return [[NEGATION]];
  const a = alternatives(node.a);
  const b = a && alternatives(node.b);
  if (!a || !b) return undefined;
  const all = node.kind === '||' ? [...a, ...b] : a.flatMap((x) => b.map((y) => [...x, ...y]));
  return all.length > MAX_ALTERNATIVES ? undefined : all;
}

/**
 * The host and path routes of a router rule, one per host of each alternative in the simple forms ``Host(`a`)`` (every
 * path: `/`) and ``Host(`a`) && PathPrefix(`/p`)`` (in either order; backquotes or double quotes), as an Ingress' router
 * is; `||` alternatives are read one by one (49b-4: ``Host(`a`) || Host(`b`)`` takes host a as ``Host(`a`)`` does, and its
 * longer rule wins Traefik's priority by length). An alternative with another matcher, a negation or a rule this reader
 * cannot parse makes the rule `unread`.
 */
export function ruleRoutes(match: unknown): RuleRoutes {
  if (typeof match !== 'string') return { routes: [], unread: false, anyHost: [], anyHostUnread: false, regexpHosts: [], regexpPaths: [] };
  const tree = parsedRule(match);
  const all = tree && alternatives(tree);
  // An unparsed rule (or one past the caps) may take every host's requests: its host set is not bounded (51b-2).
  if (!all) {
    // A tree with too many alternatives, or a rule past the parser's bounds, may be Traefik's: only the rest is not.
    const list = tree || match.length > RULE_BOUNDS.chars ? undefined : tokens(match);
    const unparsed = tree || match.length > RULE_BOUNDS.chars || (list && list.length > RULE_BOUNDS.tokens) ? 'bounds' : 'grammar';
    return { routes: [], unread: true, anyHost: [], anyHostUnread: true, regexpHosts: [], regexpPaths: [], unparsed };
  }
  const routes: Array<{ host: string; path: string }> = [];
  const anyHost: string[] = [];
  let unread = false;
  let anyHostUnread = false;
  const regexpHosts: Array<{ regexps: readonly string[]; path?: string }> = [];
  const regexpPaths: Array<{ host?: string; regexp: string }> = [];
  for (const conjunction of all) {
    const regexpPath = pathRegexpAlternative(conjunction);
    if (regexpPath) {
      regexpPaths.push(...regexpPath);
      unread = true;
      continue;
    }
    // A HostRegexp with no Host: its hosts are those its regexps match, told per Ingress host (51b-2).
    if (!conjunction.some((m) => m.name === 'Host') && conjunction.some((m) => m.name === 'HostRegexp')) {
      const regexps = conjunction.filter((m) => m.name === 'HostRegexp');
      const prefixes = conjunction.filter((m) => m.name === 'PathPrefix');
      const path = prefixes.length ? prefixes[0].values[0] : '/';
      const simple = regexps.length === 1 && prefixes.length <= 1 && regexps.length + prefixes.length === conjunction.length;
      regexpHosts.push({ regexps: regexps.flatMap((m) => m.values), path: simple && path?.startsWith('/') ? path : undefined });
      unread = true;
      continue;
    }
    // No host matcher (a negated Host is none): the alternative takes every host's requests on its entrypoints (50b-4).
    if (!conjunction.some((m) => m.name === 'Host' || m.name === 'HostRegexp')) {
      const only = conjunction.length === 1 && conjunction[0].name === 'PathPrefix' ? conjunction[0].values : [];
      if (only.length === 1 && only[0].startsWith('/')) anyHost.push(only[0]);
      else anyHostUnread = unread = true;
      continue;
    }
    const hosts = conjunction.filter((m) => m.name === 'Host');
    const prefixes = conjunction.filter((m) => m.name === 'PathPrefix');
    const path = prefixes.length ? prefixes[0].values[0] : '/';
    const simple =
      hosts.length === 1 &&
      hosts[0].values.length > 0 &&
      prefixes.length <= 1 &&
      (!prefixes.length || prefixes[0].values.length === 1) &&
      hosts.length + prefixes.length === conjunction.length &&
      typeof path === 'string' &&
      path.startsWith('/');
    if (simple) routes.push(...hosts[0].values.map((host) => ({ host, path })));
    else unread = true;
  }
  return { routes, unread, anyHost, anyHostUnread, regexpHosts, regexpPaths };
}

/** ``PathRegexp(`re`)`` alone or beside one Host (either order): its regexp, once a host; else undefined. */
function pathRegexpAlternative(conjunction: readonly Matcher[]): Array<{ host?: string; regexp: string }> | undefined {
  const regexps = conjunction.filter((m) => m.name === 'PathRegexp');
  const hosts = conjunction.filter((m) => m.name === 'Host');
  if (regexps.length !== 1 || regexps[0].values.length !== 1 || hosts.length > 1 || hosts.length + 1 !== conjunction.length)
    return undefined;
  const regexp = regexps[0].values[0];
  if (!hosts.length) return [{ regexp }];
  return hosts[0].values.length ? hosts[0].values.map((host) => ({ host, regexp })) : undefined;
}
