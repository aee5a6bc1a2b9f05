/**
 * The regexps of Traefik rules (HostRegexp, PathRegexp) tried on a text here, by JavaScript's RegExp. Traefik runs them
 * with Go's regexp (RE2: linear in the text, traefik/traefik pkg/muxer/http/matcher.go, v3.6.0); JavaScript's backtracks,
 * and a user's regexp may take exponentially long on a text (`(a|a)*`, thirty `a?`; 79c-5) or polynomially (`a*a*b` on a
 * long host). So a regexp is run only when the worst case of its backtracking is small (`boundedTest`), else its verdict
 * is not told (undefined), and the caller says so rather than hang.
 */

/** The most backtracking steps a tested regexp may take at its worst (about 0.1 s of CPU; a real run takes far fewer). */
const MAX_STEPS = 10_000_000;

/** `text` quoted for a regexp. */
export const quote = (text: string) => text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');

/** A gorilla/mux `{name}` or `{name:re}` template (Traefik v2's HostRegexp). */
const TEMPLATE_PART = /\{[A-Za-z_][A-Za-z0-9_]*(?::((?:[^{}]|\{[^{}]*\})*))?\}/g;

/**
 * Whether a HostRegexp value may match `host`: read as v3 does (a Go regexp, unanchored, traefik/traefik
 * pkg/muxer/http/matcher.go `hostRegexp`, v3.6.0) or as v2 does (a gorilla/mux template, anchored, literal parts
 * quoted), in any case: true, false, or undefined (not told) for a value JavaScript cannot compile (a Go-only form) or
 * that may backtrack for long (boundedTest): its hosts are not bounded here. Go's own spellings are read first: `\Q…\E`
 * quotes its text (regexp/syntax parse.go), `(?P<name>` names a group.
 */
export function hostRegexpMatches(value: string, host: string): boolean | undefined {
  const tries: string[] = [goSpellings(value.replace(/^\(\?i\)/, ''))];
  if (value.includes('{')) {
    let out = '';
    let last = 0;
    for (const m of value.matchAll(TEMPLATE_PART)) {
      out += quote(value.slice(last, m.index)) + `(?:${m[1] ?? '[^.]+'})`;
      last = m.index! + m[0].length;
    }
    tries.push(`^${out}${quote(value.slice(last))}$`);
  }
  const results = tries.map((source) => boundedTest(source, 'i', host));
  return results.includes(true) ? true : results.includes(undefined) ? undefined : false;
}

/**
 * 70b-3: whether a PathRegexp value (a Go regexp, unanchored, case-sensitive unless `(?i)`: traefik/traefik
 * pkg/muxer/http/matcher.go `pathRegexp`, v3.6.0) matches `path`: true, false, or undefined when not told here (as
 * hostRegexpMatches; JavaScript's `u` mode refuses the escapes Go has and it lacks, such as `\z`).
 */
export function pathRegexpMatches(value: string, path: string): boolean | undefined {
  const caseless = value.startsWith('(?i)');
  return boundedTest(goSpellings(caseless ? value.slice(4) : value), caseless ? 'iu' : 'u', path);
}

/**
 * A regexp's test of `text`, undefined when it does not compile or may backtrack for long: a repeated group (`(a|a)*`,
 * `(a+)+`: exponential; a group that may be left out, `(:\d+)?`, runs), a backreference (Go has none), or more steps at
 * worst than MAX_STEPS by `worstSteps` (79c-5: a hostile regexp is not run).
 */
export function boundedTest(source: string, flags: string, text: string): boolean | undefined {
  const shape = choicePoints(source);
  if (shape.repeatedGroup || shape.backreference) return undefined;
  if (worstSteps(shape, source.length, text.length, !flags.includes('m')) > MAX_STEPS) return undefined;
  try {
    return new RegExp(source, flags).test(text);
  } catch {
    return undefined;
  }
}

/** What makes a regexp backtrack, as JavaScript reads it (escapes and classes skipped; `(?` is a group's syntax). */
interface ChoicePoints {
  /** `*`, `+`, `?` and `{n,m}` after an item: each may take up to every count the text allows. */
  readonly quantifiers: number;
  /** `|`: each doubles the alternatives a path may take, at most. */
  readonly bars: number;
  readonly repeatedGroup: boolean;
  readonly backreference: boolean;
  /** Whether the regexp starts with `^` and has no `|` outside a group: JavaScript then tries it at the text's start only. */
  readonly anchored: boolean;
}

/** A counted repetition, `{2}`, `{2,}`, `{2,5}`. */
const COUNTED = /\{\d+(?:,\d*)?\}/y;

function choicePoints(source: string): ChoicePoints {
  let quantifiers = 0;
  let bars = 0;
  let depth = 0;
  let topBar = false;
  let repeatedGroup = false;
  let backreference = false;
  let lastQuantifier = false; // a `?` right after a quantifier makes it lazy: no choice of its own
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    const afterQuantifier = lastQuantifier;
    lastQuantifier = false;
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (/[1-9k]/.test(next)) backreference = true;
      i++; // braces after it (`\p{L}`) are read below: counted only when they hold a count, as a regexp without `u` reads them
    } else if (c === '[') {
      // A class ends at its first unescaped `]` in JavaScript (`[]` is empty there).
      for (i += source[i + 1] === '^' ? 2 : 1; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
    } else if (c === '(') {
      depth++;
      if (source[i + 1] === '?') i++;
    } else if (c === ')') {
      depth--;
      if (/^(?:[*+]|\{\d)/.test(source.slice(i + 1, i + 3))) repeatedGroup = true;
    } else if (c === '|') {
      bars++;
      if (depth <= 0) topBar = true;
    } else if (c === '*' || c === '+' || (c === '?' && !afterQuantifier)) {
      [quantifiers, lastQuantifier] = [quantifiers + 1, true];
    } else if (c === '{') {
      COUNTED.lastIndex = i;
      const counted = COUNTED.exec(source);
      if (counted) [quantifiers, lastQuantifier, i] = [quantifiers + 1, true, i + counted[0].length - 1];
    }
  }
  return { quantifiers, bars, repeatedGroup, backreference, anchored: source.startsWith('^') && !topBar };
}

/**
 * The most steps a backtracking run may take: per start tried, every count of every quantifier (up to the text's length
 * each) times every alternative, each path along the regexp and the text.
 */
function worstSteps(shape: ChoicePoints, sourceLength: number, textLength: number, singleLine: boolean): number {
  const starts = shape.anchored && singleLine ? 1 : textLength + 1;
  return starts * (textLength + 1) ** shape.quantifiers * 2 ** shape.bars * (sourceLength + textLength + 1);
}

/** A Go regexp in JavaScript's spelling where the two differ in form only: `\Q…\E` quoted, `(?P<name>` as `(?<name>`. */
function goSpellings(source: string): string {
  let out = '';
  for (let i = 0; i < source.length; i++) {
    if (source[i] !== '\\') out += source[i];
    else if (source[i + 1] !== 'Q') out += source.slice(i, ++i + 1);
    else {
      const end = source.indexOf('\\E', i + 2);
      out += quote(source.slice(i + 2, end < 0 ? source.length : end));
      i = end < 0 ? source.length : end + 1;
    }
  }
  return out.replace(/\(\?P</g, '(?<');
}
