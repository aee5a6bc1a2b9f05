import { goRegexpProblem } from './go-regexp';

/**
 * Traefik's v2 rule syntax reads HostRegexp, Path, PathPrefix and Query values as gorilla/mux templates and HeadersRegexp
 * values as Go regexps (traefik/traefik pkg/muxer/http/matcher.go v2.11, matcher_v2.go v3.6.0), and refuses the router when
 * mux returns an error (gorilla/mux regexp.go `newRouteRegexp`, v1.8): unbalanced braces, a `{}` part with no name or
 * pattern, or a pattern Go cannot compile (alone as `^pattern$`, and as a group of the template's regexp). Text outside the braces is quoted
 * (regexp.QuoteMeta), so only the patterns are regexps. A pattern with a capture group makes mux panic ("contains capture
 * groups in its regexp", `reg.NumSubexp() != len(idxs)/2`, 56b-3); a TCP HostSNIRegexp template (`hostsniregexp` here) is
 * built by Traefik's own copy, preparePattern (pkg/muxer/tcp matcher_v2.go v3.6.0, mux.go v2.11.0), which has no such check.
 */
const UNBALANCED = 'a template whose {name:regexp} braces are unbalanced (gorilla/mux: "unbalanced braces")';
const TEMPLATES = new Set(['hostregexp', 'path', 'pathprefix', 'query', 'hostsniregexp']);

/** Why mux refuses the value at `index` of v2 matcher `name` (lower case), a clause after "gives <matcher> ", or undefined. */
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
      if (level < 0) return UNBALANCED;
      if (level > 0) continue;
      const part = value.slice(open + 1, i);
      const colon = part.indexOf(':');
      const [varName, pattern] = colon < 0 ? [part, 'default'] : [part.slice(0, colon), part.slice(colon + 1)];
      if (varName === '' || pattern === '')
        return 'a template with a {} part that has no name or no pattern (gorilla/mux: "missing name or pattern")';
      // Alone as `^pattern$`, and inside the whole template's regexp (a trailing `\` escapes the `$` alone, not the group's `)`).
      const why = colon < 0 ? undefined : (goRegexpProblem(`^${pattern}$`) ?? goRegexpProblem(`(?:${pattern})`));
      if (why) return `a {name:regexp} pattern that is no regexp Go compiles: ${why}`;
      if (name !== 'hostsniregexp' && captureGroups(pattern) > 0) {
        return 'a {name:regexp} pattern with a capture group, which gorilla/mux refuses ("contains capture groups in its regexp"; write (?:pattern) instead of (pattern))';
      }
    }
  }
  return level !== 0 ? UNBALANCED : undefined;
}

/**
 * The capture groups of a regexp Go compiles, as regexp.NumSubexp counts them (regexp/syntax parse.go v1.22): each `(`
 * but `(?` flags and `(?:`, with `(?P<name>` and `(?<name>` counted; a `\` escape, `\Q...\E` and a `[...]` class (with
 * its `[:name:]` parts and a leading `]`) hold no group.
 */
export function captureGroups(pattern: string): number {
  let count = 0;
  for (let i = 0; i < pattern.length; i += 1) {
    const c = pattern[i];
    if (c === '\\') {
      if (pattern[i + 1] === 'Q') {
        const end = pattern.indexOf('\\E', i + 2);
        i = end < 0 ? pattern.length : end + 1;
      } else i += 1;
    } else if (c === '[') {
      i = classEnd(pattern, i);
    } else if (c === '(') {
      if (
        pattern[i + 1] !== '?' ||
        pattern.startsWith('P<', i + 2) ||
        (pattern[i + 2] === '<' && pattern[i + 3] !== '=' && pattern[i + 3] !== '!')
      )
        count += 1;
    }
  }
  return count;
}

/** The index of the `]` closing the class opened at `start`. */
function classEnd(pattern: string, start: number): number {
  let i = start + 1;
  if (pattern[i] === '^') i += 1;
  if (pattern[i] === ']') i += 1;
  for (; i < pattern.length; i += 1) {
    if (pattern[i] === '\\') i += 1;
    else if (pattern.startsWith('[:', i)) {
      const end = pattern.indexOf(':]', i + 2);
      if (end >= 0) i = end + 1;
    } else if (pattern[i] === ']') return i;
  }
  return i;
}
