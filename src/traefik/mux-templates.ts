import { goRegexpProblem } from './go-regexp';

/**
 * Traefik's v2 rule syntax reads HostRegexp, Path, PathPrefix and Query values as gorilla/mux templates and HeadersRegexp
 * values as Go regexps (traefik/traefik pkg/muxer/http/matcher.go v2.11, matcher_v2.go v3.6.0), and refuses the router when
 * mux returns an error (gorilla/mux regexp.go `newRouteRegexp`, v1.8): unbalanced braces, a `{}` part with no name or
 * pattern, or a pattern Go cannot compile (alone as `^pattern$`, and as a group of the template's regexp). Text outside the braces is quoted
 * (regexp.QuoteMeta), so only the patterns are regexps.
 */
const TEMPLATES = new Set(['hostregexp', 'path', 'pathprefix', 'query']);

/** Why mux refuses the value at `index` of v2 matcher `name` (lower case), after "gives <matcher> ", or undefined. */
export function muxValueProblem(name: string, value: string, index: number): string | undefined {
  if (name === 'headersregexp') {
    const why = index === 1 ? goRegexpProblem(value) : undefined;
    return why && `a regexp Go cannot compile: ${why}`;
  }
  if (!TEMPLATES.has(name)) return undefined;
  let level = 0;
  let open = 0;
  for (let i = 0; i < value.length; i += 1) {
    if (value[i] === '{') {
      level += 1;
      if (level === 1) open = i;
    } else if (value[i] === '}') {
      level -= 1;
      if (level < 0) return 'its {name:regexp} braces are unbalanced (gorilla/mux: "unbalanced braces")';
      if (level > 0) continue;
      const part = value.slice(open + 1, i);
      const colon = part.indexOf(':');
      const [varName, pattern] = colon < 0 ? [part, 'default'] : [part.slice(0, colon), part.slice(colon + 1)];
      if (varName === '' || pattern === '') return 'a {} part has no name or no pattern (gorilla/mux: "missing name or pattern")';
      // Alone as `^pattern$`, and inside the whole template's regexp (a trailing `\` escapes the `$` alone, not the group's `)`).
      const why = colon < 0 ? undefined : (goRegexpProblem(`^${pattern}$`) ?? goRegexpProblem(`(?:${pattern})`));
      if (why) return `a {name:regexp} pattern is no regexp Go compiles: ${why}`;
    }
  }
  return level !== 0 ? 'its {name:regexp} braces are unbalanced (gorilla/mux: "unbalanced braces")' : undefined;
}
