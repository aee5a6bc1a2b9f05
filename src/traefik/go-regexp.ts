/**
 * The forms Go's regexp package (RE2 syntax) refuses, as far as they are certain, for a rule's regexp matchers: Traefik
 * v3 compiles HostRegexp, PathRegexp, HeaderRegexp and QueryRegexp values with `regexp.Compile` and refuses the router
 * when it fails (traefik/traefik pkg/muxer/http/matcher.go, v3.6.0). The errors are Go's (regexp/syntax parse.go, Go
 * 1.22): backreferences and unknown letter escapes ("invalid escape sequence"), lookarounds and atomic groups ("invalid
 * or unsupported Perl syntax"), unbalanced parentheses and brackets, a repetition with nothing to repeat or of a
 * repetition, a trailing backslash, a repeat count over 1000. Anything not certainly refused is let through.
 */

/** Letters Go takes after a backslash outside a class (`\Q` starts a quoted run), and inside one. */
const ESCAPES = new Set('afnrtvxdswDSWpPAbBzQ');
const CLASS_ESCAPES = new Set('afnrtvxdswDSWpP');

/** A counted repetition at `i` (`{2}`, `{2,}`, `{2,5}`): its length and counts; Go reads any other `{` literally. */
function counted(source: string, i: number): { length: number; min: number; max?: number } | undefined {
  const match = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i, i + 24));
  if (!match) return undefined;
  const max = match[2] === undefined ? Number(match[1]) : match[3] ? Number(match[3]) : undefined;
  return { length: match[0].length, min: Number(match[1]), max };
}

/** Why Go's regexp package refuses `source` (a short phrase), or undefined when it is not certain to. */
export function goRegexpProblem(source: string): string | undefined {
  let depth = 0;
  // What the last item was: nothing to repeat (start, `(`, `|`), an atom, a repetition, or a lazy repetition.
  let last: 'none' | 'atom' | 'repeat' | 'lazy' = 'none';
  for (let i = 0; i < source.length; i += 1) {
    const c = source[i];
    if (c === '\\') {
      const next = source[i + 1];
      if (next === undefined) return 'it ends in a backslash';
      if (next === 'Q') {
        const end = source.indexOf('\\E', i + 2);
        i = end < 0 ? source.length : end + 1;
        last = 'atom';
        continue;
      }
      if (/[1-9]/.test(next) && !(/[0-7]/.test(next) && /[0-7]/.test(source[i + 2] ?? ''))) {
        return `it has the backreference \\${next}, which Go's regexp (RE2) does not support`;
      }
      if (/[A-Za-z]/.test(next) && !ESCAPES.has(next)) return `it has the escape \\${next}, which Go's regexp does not know`;
      if (next.charCodeAt(0) >= 0x80) return `it escapes a non-ASCII character, which Go's regexp refuses`;
      i += 1;
      last = 'atom';
    } else if (c === '[') {
      let j = i + 1;
      if (source[j] === '^') j += 1;
      if (source[j] === ']') j += 1;
      for (; j < source.length && source[j] !== ']'; j += 1) {
        if (source[j] === '\\') {
          const next = source[j + 1];
          if (next === undefined) return 'it ends in a backslash';
          if (/[A-Za-z]/.test(next) && !CLASS_ESCAPES.has(next)) return `it has the escape \\${next}, which Go's regexp does not know`;
          j += 1;
        } else if (source.startsWith('[:', j)) {
          // A POSIX class (`[:alpha:]`, `[:^digit:]`): a short name, looked for nearby only (a long search per `[:` is quadratic).
          const posix = /^\[:\^?[a-z]{1,8}:\]/.exec(source.slice(j, j + 14));
          if (posix) j += posix[0].length - 1;
        }
      }
      if (j >= source.length) return 'a [ has no closing ]';
      i = j;
      last = 'atom';
    } else if (c === '(') {
      if (source[i + 1] === '?') {
        const rest = source.slice(i + 2, i + 4);
        if (/^(=|!|<=|<!|>|#)/.test(rest)) {
          return `it has "(?${/^<[=!]/.test(rest) ? rest : rest[0]}", a lookaround or atomic group, which Go's regexp (RE2) does not support`;
        }
        // A group's header (`(?P<name>`, `(?<name>`, `(?i:`) or a flag setting (`(?i)`, no group) is no repetition.
        const header = /^\?(P?<\w+>|[imsU-]*[:)])/.exec(source.slice(i + 1, i + 130));
        i += header ? header[0].length : 1;
        if (header && header[0].endsWith(')')) continue;
      }
      depth += 1;
      last = 'none';
    } else if (c === ')') {
      if (depth === 0) return 'a ) has no opening ('; // Go: "unexpected )"
      depth -= 1;
      last = 'atom';
    } else if (c === '|') {
      last = 'none';
    } else if (c === '*' || c === '+' || c === '?' || (c === '{' && counted(source, i))) {
      const count = c === '{' ? counted(source, i)! : undefined;
      if (count && (count.min > 1000 || (count.max ?? 0) > 1000 || (count.max !== undefined && count.max < count.min))) {
        return `it has the repeat count ${source.slice(i, i + count.length)}, which Go's regexp refuses (at most 1000, min before max)`;
      }
      if (c === '?' && last === 'repeat') last = 'lazy';
      else if (last === 'none' && c !== '{') return `its ${c} has nothing to repeat`;
      else if (last === 'repeat' || last === 'lazy')
        return 'it repeats a repetition, which Go\'s regexp refuses ("invalid nested repetition operator")';
      else last = 'repeat';
      if (count) i += count.length - 1;
    } else {
      last = 'atom';
    }
  }
  return depth > 0 ? 'a ( has no closing )' : undefined;
}
