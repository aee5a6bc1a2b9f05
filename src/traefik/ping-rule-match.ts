import { pathRegexpMatches } from './rule-regexps';
import { parsedRule, RuleNode } from './rule-syntax';

/** Whether a router's rule matches a request: surely, surely not, or not known before the pod runs (or not judged here). */
export type RuleMatch = 'yes' | 'no' | 'unknown';

/** The kubelet's HTTP probe as the chart writes it: `GET <path>`, Host the probe's host (the pod's address unless set), no query. */
export interface ProbeRequest {
  readonly path: string;
  /** `deployment.healthchecksHost` when set (the Host header the kubelet sends then), else undefined: the pod's own address. */
  readonly host?: string;
}

const and = (a: RuleMatch, b: RuleMatch): RuleMatch => (a === 'no' || b === 'no' ? 'no' : a === 'yes' && b === 'yes' ? 'yes' : 'unknown');
const or = (a: RuleMatch, b: RuleMatch): RuleMatch => (a === 'yes' || b === 'yes' ? 'yes' : a === 'no' && b === 'no' ? 'no' : 'unknown');
const not = (a: RuleMatch): RuleMatch => (a === 'yes' ? 'no' : a === 'no' ? 'yes' : 'unknown');
const any = (values: readonly string[], test: (value: string) => RuleMatch): RuleMatch => values.map(test).reduce(or, 'no');

/** A PathRegexp of the rule against the probe's path, as rule-regexps.ts tells it: unknown when it may backtrack for long (79c-5) or JavaScript cannot read it. */
function regexpMatch(pattern: string, path: string): RuleMatch {
  const matches = pathRegexpMatches(pattern, path);
  return matches === undefined ? 'unknown' : matches ? 'yes' : 'no';
}

/**
 * One matcher against the probe (v3 syntax, and v2's several values per matcher, as either may be the rule syntax): Path and
 * PathPrefix against the path (a v2 `{name:regexp}` placeholder is not judged), PathRegexp; Method (GET); Host never matches
 * the pod's address, which is not known before the pod runs (a set healthchecksHost is compared); Query/QueryRegexp never
 * match (the probe sends no query); Header/Headers on another header than the kubelet's own never match. Any other matcher
 * (ClientIP, HostRegexp, a header the kubelet sends, HostSNI...) is not judged.
 */
function matcher(name: string, values: readonly string[], probe: ProbeRequest): RuleMatch {
  const placeholder = (value: string) => value.includes('{');
  const kubeletHeaders = ['user-agent', 'accept', 'connection', 'host'];
  switch (name) {
    case 'Path':
      return any(values, (value) => (value === probe.path ? 'yes' : placeholder(value) ? 'unknown' : 'no'));
    case 'PathPrefix':
      return any(values, (value) => (probe.path.startsWith(value) ? 'yes' : placeholder(value) ? 'unknown' : 'no'));
    case 'PathRegexp':
      return any(values, (value) => regexpMatch(value, probe.path));
    case 'Method':
      return any(values, (value) => (value.toUpperCase() === 'GET' ? 'yes' : 'no'));
    case 'Host':
      return probe.host === undefined
        ? 'no'
        : any(values, (value) =>
            value.toLowerCase() === probe.host!.toLowerCase() ? 'yes' : placeholder(value) || value.includes('*') ? 'unknown' : 'no',
          );
    case 'Query':
    case 'QueryRegexp':
      return 'no';
    case 'Header':
    case 'HeaderRegexp':
    case 'Headers':
    case 'HeadersRegexp':
      return values.length && kubeletHeaders.includes(values[0].toLowerCase()) ? 'unknown' : 'no';
    default:
      return 'unknown';
  }
}

/**
 * Whether `rule` (an HTTP router's rule) matches the kubelet's probe, by Traefik's rule grammar (`&&` binds tighter than
 * `||`, `!` inverts a matcher or a parenthesised rule: doc.traefik.io routing "Rules & Priority", read by rule-syntax.ts). A
 * rule this reader cannot parse is not judged ('unknown'); an empty one serves nothing ('no').
 */
export function ruleMatchesProbe(rule: unknown, probe: ProbeRequest): RuleMatch {
  if (typeof rule !== 'string' || rule.trim() === '') return 'no';
  const tree = parsedRule(rule);
  return tree ? evaluate(tree, probe) : 'unknown';
}

/** A rule's tree against the probe. A chain `a && b && c …` is walked along its left side, not recursed into (a long one would overflow the stack). */
function evaluate(node: RuleNode, probe: ProbeRequest): RuleMatch {
  const chain: Array<{ kind: '&&' | '||'; b: RuleNode }> = [];
  let first = node;
  while (first.kind === '&&' || first.kind === '||') {
    chain.push(first);
    first = first.a;
  }
  let value = first.kind === 'matcher' ? matcher(first.matcher.name, first.matcher.values, probe) : not(evaluate(first.a, probe));
  for (let i = chain.length - 1; i >= 0; i -= 1) {
    const right = evaluate(chain[i].b, probe);
    value = chain[i].kind === '&&' ? and(value, right) : or(value, right);
  }
  return value;
}
