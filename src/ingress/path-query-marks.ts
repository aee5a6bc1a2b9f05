import { escapedValue, escapeEnd } from '../traefik/go-regexp-escapes';

/**
 * A `?` or `#` where only a request's path is matched (57a-16). Traefik's Path and PathPrefix compare the request URL's
 * path (traefik/traefik pkg/muxer/http/matcher.go v3.6.0 `path`, `pathPrefix`: req.URL.Path; matcher_v2.go and gorilla/mux
 * v1.8 the same), and PathRegexp matches the same path; Go's net/url cuts the query at the first `?` and the fragment at
 * `#` (url.Parse), and a browser never sends the fragment, so a path rule holding either never matches a request. The
 * first-class `ingresses[].path` refuses both (config/formats.ts ingressPath); this is the same verdict for rules.
 */

/** The `?` or `#` a Path or PathPrefix value holds outside a v2 `{name:regexp}` part (v3 reads the value literally), or undefined. */
export function pathQueryMark(value: string, templated: boolean): '?' | '#' | undefined {
  let level = 0;
  for (const c of value) {
    if (templated && c === '{') level += 1;
    else if (templated && c === '}') level = Math.max(0, level - 1);
    else if (level === 0 && (c === '?' || c === '#')) return c;
  }
  return undefined;
}

/** A literal `?` or `#` a Go regexp text names, else undefined. */
const markOf = (c: string | undefined): '?' | '#' | undefined => (c === '?' || c === '#' ? c : undefined);

/**
 * The escape at `i` (a `\`): where it ends, and the one character it stands for (Go's parse.go `parseEscape`, go1.25,
 * through the port in go-regexp-escapes.ts: `\?`, `\x3F`, `\x{23}`, `\077`), or no character (`\d`, `\pL`, `\b`).
 * Undefined for a text Go refuses (refused on its own, go-regexp.ts).
 */
function escapeAt(pattern: string, i: number): { end: number; char?: string } | undefined {
  const next = pattern[i + 1];
  if (next !== undefined && 'dDsSwWbBAz'.includes(next)) return { end: i + 2 };
  if (next === 'p' || next === 'P') {
    const close = pattern[i + 2] === '{' ? pattern.indexOf('}', i + 3) : i + 2;
    return close < 0 ? undefined : { end: close + 1 };
  }
  try {
    const end = escapeEnd(pattern, i, false);
    return { end, char: String.fromCodePoint(escapedValue(pattern.slice(i, end))) };
  } catch {
    return undefined;
  }
}

/**
 * The class at `i` (a `[`): where it ends, and the mark when it matches that one character only (`[?]`, `[\x23]`, `[##]`).
 * A negated class, a range, a Perl or POSIX class, or any other member is no mark. Undefined for a text Go refuses.
 */
function classAt(pattern: string, i: number): { end: number; mark?: '?' | '#' } | undefined {
  let j = i + 1;
  const negated = pattern[j] === '^';
  if (negated) j += 1;
  const members = new Set<string>();
  let other = negated;
  for (let first = true; j < pattern.length && (first || pattern[j] !== ']'); first = false) {
    if (pattern.startsWith('[:', j)) {
      const close = pattern.indexOf(':]', j + 2);
      if (close < 0) return undefined;
      other = true;
      j = close + 2;
      continue;
    }
    let char: string | undefined;
    if (pattern[j] === '\\') {
      const escape = escapeAt(pattern, j);
      if (!escape) return undefined;
      char = escape.char;
      j = escape.end;
    } else {
      char = String.fromCodePoint(pattern.codePointAt(j)!);
      j += char.length;
    }
    if (char === undefined || (pattern[j] === '-' && pattern[j + 1] !== ']')) other = true;
    else members.add(char);
  }
  if (j >= pattern.length) return undefined;
  const [only] = members;
  return { end: j + 1, mark: !other && members.size === 1 ? markOf(only) : undefined };
}

/**
 * The `?` or `#` a Go regexp requires as a literal at its top level, or undefined: written `\?`, `#`, `\#`, as a class
 * of that character alone (`[?]`), as a hex or octal escape (`\x3F`, `\x{23}`, `\077`) or inside `\Q…\E` (58b-4). Only
 * what every match must hold is judged: a regexp with an alternation, or a mark inside a group or under a quantifier
 * that allows none (`\??`, `#*`, `#{0,1}`), is left alone, so nothing that may match is refused. One pass: linear.
 */
export function regexpQueryMark(pattern: string): '?' | '#' | undefined {
  if (pattern.includes('|')) return undefined;
  // A quantifier after an atom that lets it be absent.
  const optional = (end: number) => /^(?:[?*]|\{0[,}])/.test(pattern.slice(end, end + 3));
  let depth = 0;
  for (let i = 0; i < pattern.length;) {
    const c = pattern[i];
    let mark: '?' | '#' | undefined;
    let end = i + 1;
    if (c === '[') {
      const found = classAt(pattern, i);
      if (!found) return undefined;
      ({ end, mark } = found);
    } else if (c === '\\' && pattern[i + 1] === 'Q') {
      // A quoted run: every character literal; a quantifier after `\E` binds its last character only.
      const close = pattern.indexOf('\\E', i + 2);
      const text = pattern.slice(i + 2, close < 0 ? pattern.length : close);
      end = close < 0 ? pattern.length : close + 2;
      const chars = [...text];
      const needed = chars.find((ch, k) => markOf(ch) && (k < chars.length - 1 || !optional(end)));
      if (depth === 0 && needed) return markOf(needed);
      i = end;
      continue;
    } else if (c === '\\') {
      const escape = escapeAt(pattern, i);
      if (!escape) return undefined;
      end = escape.end;
      mark = markOf(escape.char);
    } else if (c === '#') mark = '#';
    else if (c === '(') depth += 1;
    else if (c === ')') depth = Math.max(0, depth - 1);
    if (mark && depth === 0 && !optional(end)) return mark;
    i = end;
  }
  return undefined;
}
