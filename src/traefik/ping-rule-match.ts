/** Whether a router's rule matches a request: surely, surely not, or not known before the pod runs (or not judged here). */
export type RuleMatch = 'yes' | 'no' | 'unknown';

/** The kubelet's HTTP probe as the chart writes it: `GET <path>`, Host the probe's host (the pod's address unless set), no query. */
export interface ProbeRequest {
  readonly path: string;
  /** `deployment.healthchecksHost` when set (the Host header the kubelet sends then), else undefined: the pod's own address. */
  readonly host?: string;
}

export type Token = { kind: 'op'; text: string } | { kind: 'name'; text: string } | { kind: 'value'; text: string };

/**
 * Splits a rule into matcher names, quoted values (backticks or double quotes: doc.traefik.io routing "Rules & Priority",
 * "To set the value of a rule, use backticks ` or escaped double-quotes"; single quotes are refused), `&&`, `||`, `!`,
 * parentheses and commas. Undefined when the text is none of these.
 */
export function tokens(rule: string): Token[] | undefined {
  const out: Token[] = [];
  let i = 0;
  while (i < rule.length) {
    const c = rule[i];
    if (/\s/.test(c)) i += 1;
    else if (rule.startsWith('&&', i) || rule.startsWith('||', i)) {
      out.push({ kind: 'op', text: rule.slice(i, i + 2) });
      i += 2;
    } else if ('!(),'.includes(c)) {
      out.push({ kind: 'op', text: c });
      i += 1;
    } else if (c === '`') {
      const end = rule.indexOf('`', i + 1);
      if (end < 0) return undefined;
      out.push({ kind: 'value', text: rule.slice(i + 1, end) });
      i = end + 1;
    } else if (c === '"') {
      const match = /^"((?:[^"\\]|\\.)*)"/.exec(rule.slice(i));
      if (!match) return undefined;
      let text: string;
      try {
        text = JSON.parse(match[0]) as string;
      } catch {
        return undefined;
      }
      out.push({ kind: 'value', text });
      i += match[0].length;
    } else {
      const match = /^[A-Za-z][A-Za-z0-9]*/.exec(rule.slice(i));
      if (!match) return undefined;
      out.push({ kind: 'name', text: match[0] });
      i += match[0].length;
    }
  }
  return out;
}

const and = (a: RuleMatch, b: RuleMatch): RuleMatch => (a === 'no' || b === 'no' ? 'no' : a === 'yes' && b === 'yes' ? 'yes' : 'unknown');
const or = (a: RuleMatch, b: RuleMatch): RuleMatch => (a === 'yes' || b === 'yes' ? 'yes' : a === 'no' && b === 'no' ? 'no' : 'unknown');
const not = (a: RuleMatch): RuleMatch => (a === 'yes' ? 'no' : a === 'no' ? 'yes' : 'unknown');
const any = (values: readonly string[], test: (value: string) => RuleMatch): RuleMatch => values.map(test).reduce(or, 'no');

/** A Go regexp (RE2) read as a JavaScript one where both agree on plain patterns; unknown where JavaScript cannot read it. */
function regexpMatch(pattern: string, text: string): RuleMatch {
  try {
    return new RegExp(pattern).test(text) ? 'yes' : 'no';
  } catch {
    return 'unknown';
  }
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
 * `||`, `!` inverts a matcher or a parenthesised rule: doc.traefik.io routing "Rules & Priority"). A rule that does not
 * this reader cannot parse is not judged ('unknown'); an empty one serves nothing ('no').
 */
export function ruleMatchesProbe(rule: unknown, probe: ProbeRequest): RuleMatch {
  if (typeof rule !== 'string' || rule.trim() === '') return 'no';
  const list = tokens(rule);
  if (!list) return 'unknown';
  let at = 0;
  const peek = (text: string) => list[at]?.kind === 'op' && list[at].text === text;
  // `||` binds looser than `&&`: each level is its operands, of the next level, joined left to right.
  const joined =
    (op: string, operand: () => RuleMatch | undefined, join: (a: RuleMatch, b: RuleMatch) => RuleMatch) => (): RuleMatch | undefined => {
      let left = operand();
      while (left !== undefined && peek(op)) {
        at += 1;
        const right = operand();
        left = right === undefined ? undefined : join(left, right);
      }
      return left;
    };
  const orExpr = joined('||', () => andExpr(), or);
  const andExpr = joined('&&', () => unary(), and);
  const unary = (): RuleMatch | undefined => {
    if (peek('!')) {
      at += 1;
      const inner = unary();
      return inner === undefined ? undefined : not(inner);
    }
    if (peek('(')) {
      at += 1;
      const inner = orExpr();
      if (!peek(')')) return undefined;
      at += 1;
      return inner;
    }
    const name = list[at];
    if (name?.kind !== 'name') return undefined;
    at += 1;
    if (!peek('(')) return undefined;
    at += 1;
    const values: string[] = [];
    while (list[at]?.kind === 'value') {
      values.push(list[at].text);
      at += 1;
      if (peek(',')) at += 1;
      else break;
    }
    if (!peek(')')) return undefined;
    at += 1;
    return matcher(name.text, values, probe);
  };
  const result = orExpr();
  return result === undefined || at !== list.length ? 'unknown' : result;
}
