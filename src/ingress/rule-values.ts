import { quotedText } from '../core/problem';
import { parseCidr, parseIp } from '../net/ip';
import { goRegexpProblem } from '../traefik/go-regexp';
import { muxValueProblem } from '../traefik/mux-templates';
import { endsAtLineBreak, matcherCalls, matchersOf, misspeltMatcher, parsedRule, RULE_BOUNDS, tokens } from '../traefik/rule-syntax';
import type { Version } from '../semver';
import { hostValueProblem } from './rule-hosts';
import { pathQueryMark, regexpQueryMark } from './path-query-marks';

/**
 * Router rules Traefik cannot build (52b-7): Traefik logs the error and skips the router, so the route never serves, as
 * for a matcher its syntax lacks (v3-rule-syntax.ts). A rule this tool reads no tree from, within the bounds where it
 * reads rules at all (rule-syntax.ts parsedRule), is no rule Traefik's parser reads either: both take Traefik's grammar
 * (a Go expression of matcher calls on quoted values joined by &&, || and !, vulcand/predicate as used in traefik/traefik
 * pkg/rules/parser.go, v2.11 and v3.6.0). Then each matcher's values, as Traefik checks them (pkg/muxer/http/matcher.go
 * v3.6.0): a Path or PathPrefix must start with `/` ("path %q does not start with a '/'", v3 syntax only: v2's
 * gorilla/mux templates differ), a v3 regexp must compile in Go (go-regexp.ts), and so must a v2 template's {name:regexp}
 * parts and HeadersRegexp values (mux-templates.ts), a ClientIP must be an IP or CIDR
 * (pkg/ip/checker.go NewChecker: net.ParseIP or net.ParseCIDR, both syntaxes and TCP routers too); a TCP HostSNIRegexp
 * must compile too, and a TCP ALPN may not be `acme-tls/1`. `release` is the Traefik the image tag names, when it does
 * (rule-hosts.ts: HostSNI's `_`).
 */
export function ruleValueProblem(
  rule: unknown,
  syntax: 'v2' | 'v3',
  tcp: boolean,
  release?: Version,
): { why: string; fix: string; effect?: string } | undefined {
  if (typeof rule !== 'string') return undefined;
  const tree = parsedRule(rule);
  const list = tree ? undefined : tokens(rule);
  // Past the bounds no grammar is judged, but each matcher call's values still are (75a-16: a regexp Go cannot compile).
  const beyond = !tree && ruleBeyondBounds(rule, list);
  if (!tree && !beyond) {
    return {
      why: `is no rule Traefik's parser reads (${grammarSlip(rule)})`,
      fix: 'write matchers such as Host(`a.example.com`) joined by && or ||',
    };
  }
  // Each matcher call's first problem, all of them in one message: one run says every problem of the rule (76b-10).
  const found = (tree ? matchersOf(tree) : matcherCalls(list ?? [])).flatMap(
    ({ name, values }) => matcherProblem(name, values, syntax, tcp, release) ?? [],
  );
  return joined(found);
}

type RuleProblem = { why: string; fix: string; effect?: string };

const SHOWN_PROBLEMS = 5;

/**
 * Several problems of one rule as one: the router is refused where any of them refuses it (no `effect` of its own);
 * a problem two calls share (`Path(\`a\`) || Path(\`a\`)`) is said once.
 */
function joined(found: readonly RuleProblem[]): RuleProblem | undefined {
  const seen = new Set<string>();
  const distinct = found.filter((p) => !seen.has(p.why) && !!seen.add(p.why));
  if (distinct.length <= 1) return distinct[0];
  const effects = new Set(distinct.map((p) => p.effect));
  // A rule of thousands of bad calls is still one line: the first few, and how many more.
  const shown = distinct.slice(0, SHOWN_PROBLEMS);
  const more = distinct.length - shown.length;
  return {
    why: shown.map((p) => p.why).join(', and ') + (more ? `, and ${more} more problem(s) of its matchers` : ''),
    fix: shown.map((p) => p.fix).join('; and '),
    ...(effects.size === 1 && distinct[0].effect !== undefined && { effect: distinct[0].effect }),
  };
}

/** The first problem of one matcher call's values, as ruleValueProblem says it. */
function matcherProblem(
  name: string,
  values: readonly string[],
  syntax: 'v2' | 'v3',
  tcp: boolean,
  release?: Version,
): RuleProblem | undefined {
  // The parser takes a matcher's own name in four spellings only (rule-syntax.ts canonicalMatcher, 53b-2).
  const cased = misspeltMatcher(name);
  if (cased) {
    const lower = cased.toLowerCase();
    return {
      why: `uses matcher ${name}, a spelling Traefik's parser does not take (only ${cased}, ${lower}, ${cased.toUpperCase()} or ${lower[0].toUpperCase() + lower.slice(1)})`,
      fix: `write ${cased}`,
    };
  }
  const host = hostValueProblem(name, values, syntax, release);
  if (host) return host;
  const key = name.toLowerCase();
  for (const [index, value] of values.entries()) {
    if (key === 'clientip' && !(value.includes('/') ? parseCidr(value) : parseIp(value))) {
      return {
        why: `gives ClientIP ${quotedText(value, () => false, '')}, which is no IP address or CIDR block`,
        fix: 'write one such as 192.168.0.0/24',
      };
    }
    // TLS-ALPN-01 is Traefik's own (pkg/muxer/tcp matcher.go `alpn`, matcher_v2.go `alpnV2` v3.6.0, mux.go v2.11.0: "is not allowed").
    if (tcp && key === 'alpn' && value === 'acme-tls/1') {
      return {
        why: `gives ${name} \`acme-tls/1\`, the protocol Traefik keeps for its own TLS-ALPN-01 challenges ("is not allowed")`,
        fix: 'match another protocol (such as h2 or http/1.1), or drop the ALPN matcher',
      };
    }
    // A `?` or `#` in a path matcher: the route never matches (path-query-marks.ts, 57a-16); the value is not quoted (it may hold a token).
    const mark = tcp
      ? undefined
      : key === 'path' || key === 'pathprefix'
        ? pathQueryMark(value, syntax === 'v2')
        : key === 'pathregexp' && syntax === 'v3'
          ? regexpQueryMark(value)
          : undefined;
    if (mark) {
      const query = mark === '?';
      return {
        why: `gives ${name} a value that contains ${mark}, which a request's URL path never holds (${query ? 'the query starts there' : 'the fragment starts there and is never sent'}; Traefik matches ${name} against the path alone)`,
        effect: 'the route never matches a request',
        fix: query
          ? 'write the path without its query, and match the query with Query(`name`, `value`)'
          : 'write the path without its fragment',
      };
    }
    if (syntax === 'v2') {
      // A TCP HostSNIRegexp is a host template as HostRegexp's (traefik/traefik pkg/muxer/tcp preparePattern, matcher.go v2.11, matcher_v2.go v3.6.0).
      const why = muxValueProblem(tcp ? (key === 'hostsniregexp' ? key : '') : key, value, index);
      const fix = key === 'headersregexp' ? 'write a Go (RE2) regexp' : 'write balanced {name:regexp} parts with Go (RE2) regexps';
      if (why) return { why: `gives ${name} ${why}`, fix };
      continue;
    }
    if (tcp && key !== 'hostsniregexp') continue;
    if ((key === 'path' || key === 'pathprefix') && !value.startsWith('/')) {
      return {
        why: `gives ${name} ${quotedText(value, () => false, '')}, which does not start with /`,
        fix: `write ${name}(\`/${value}\`)`,
      };
    }
    // v3's TCP HostSNIRegexp is compiled as it is (pkg/muxer/tcp/matcher.go hostSNIRegexp, v3.6.0).
    const regexp =
      key === 'hostregexp' ||
      key === 'pathregexp' ||
      key === 'hostsniregexp' ||
      ((key === 'headerregexp' || key === 'queryregexp') && index === 1);
    const why = regexp ? goRegexpProblem(value) : undefined;
    if (why) return { why: `gives ${name} a regexp Go cannot compile: ${why}`, fix: 'write a Go (RE2) regexp' };
  }
  return undefined;
}

/** Whether a rule is past what this tool parses (rule-syntax.ts RULE_BOUNDS): `list` is its tokens when already scanned. */
export function ruleBeyondBounds(rule: unknown, list = typeof rule === 'string' ? tokens(rule) : undefined): boolean {
  return typeof rule === 'string' && (rule.length > RULE_BOUNDS.chars || (list !== undefined && list.length > RULE_BOUNDS.tokens));
}

/** What in a rule is not Traefik's grammar, for a message (no value is quoted: a rule may hold a header's value). */
function grammarSlip(rule: string): string {
  const list = tokens(rule);
  if (!list) {
    if (endsAtLineBreak(rule))
      return 'a line break (a // comment ends in one) after ), a matcher name or a value ends the rule in Go: break the line after && or || instead';
    if (/"(?:[^"\\\n]|\\.)*?\\[^abfnrtv\\"xuU0-7]/.test(rule))
      return 'a double-quoted value holds an escape Go does not read: write the character itself, or quote the value with backticks';
    return rule.includes("'")
      ? 'values are quoted with backticks or double quotes, never single quotes'
      : 'a value is not closed by its quote, or a character is outside the grammar';
  }
  let depth = 0;
  for (const token of list) {
    if (token.kind !== 'op') continue;
    if (token.text === '(') depth += 1;
    if (token.text === ')') depth -= 1;
    if (depth < 0) return 'a ) has no opening (';
  }
  if (depth > 0) return 'a ( is not closed';
  const ops = list.map((t) => (t.kind === 'op' ? t.text : t.kind));
  for (let i = 0; i + 1 < ops.length; i += 1) {
    if ((ops[i] === '&&' || ops[i] === '||') && (ops[i + 1] === '&&' || ops[i + 1] === '||'))
      return `${ops[i]} is followed by ${ops[i + 1]}`;
  }
  if (/^(&&|\|\|)$/.test(ops[0] ?? '') || /^(&&|\|\||!)$/.test(ops[ops.length - 1] ?? '')) return 'it starts or ends with an operator';
  return 'a matcher, its parentheses or an operator is missing';
}
