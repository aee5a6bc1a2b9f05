import { codePointLength, escapedValue, escapeEnd, Failed, fail, GoError } from './go-regexp-escapes';
import { isGoUnicodeClass } from './go-unicode-names';

/**
 * Whether Go's regexp package compiles a rule's regexp: Traefik v3 compiles HostRegexp, PathRegexp, HeaderRegexp and
 * QueryRegexp values with `regexp.Compile` and refuses the router when it fails (traefik/traefik pkg/muxer/http/matcher.go,
 * v3.6.0). This is a port of the error paths of Go's parser (golang/go src/regexp/syntax/parse.go, go1.25; the errors are
 * those of go1.22 on, `(?<name>` included), with the flags `regexp.Compile` uses (syntax.Perl): it walks the text as
 * `parse` does and keeps, per parsed piece, only what an error depends on. Each error is Go's own code and wording
 * (parse.go `ErrorCode`), with a plain reason before it. Not judged: "expression too large" (ErrLarge, which depends on
 * Go's allocation count) and "invalid UTF-8" (this tool writes UTF-8, where a lone surrogate becomes U+FFFD).
 */

/** A parsed piece: its height in Go's tree (a lower bound), the largest product of repeat counts along one path in it (parse.go
 * `repeatIsValid`), and, for a concatenation, its item count and tallest item (a non-capturing group's is spliced). */
type Piece = { kind: 'node'; h: number; prod: number; items: number; tallest: number };
type Entry = Piece | { kind: 'lparen'; capture: boolean } | { kind: 'vbar'; alts: Piece[] };

/** Go's limits (parse.go `maxRepeat`, `maxHeight`). */
const MAX_REPEAT = 1000;
const MAX_HEIGHT = 1000;

const POSIX = new Set('alnum alpha ascii blank cntrl digit graph lower print punct space upper word xdigit'.split(' '));
const PERL_CLASSES = new Set('dDsSwW');

const leaf = (): Piece => ({ kind: 'node', h: 1, prod: 1, items: 1, tallest: 1 });

/** The error of Go's parser for `source`, or undefined when Go compiles it (or fails only on what is not judged here). */
export function goRegexpError(source: string): GoError | undefined {
  try {
    new GoParse(source).run();
    return undefined;
  } catch (error) {
    if (error instanceof Failed) return error.error;
    throw error;
  }
}

/** Why Go's regexp package refuses `source`: a plain reason and Go's own error, or undefined when it compiles. */
export function goRegexpProblem(source: string): string | undefined {
  const error = goRegexpError(source);
  if (!error) return undefined;
  const quoted = error.expr !== undefined && error.expr.length <= 24 && !/[`\s]/.test(error.expr) ? `: \`${error.expr}\`` : '';
  return `${error.why} (Go: "${error.code}${quoted}")`;
}

class GoParse {
  private readonly stack: Entry[] = [];
  /** Cached positions of the next `:]`, `}` and `>` (Go searches for them afresh each time: cached, the walk stays linear). */
  private readonly next = new Map<string, number>();

  constructor(private readonly s: string) {}

  run(): void {
    const s = this.s;
    let i = 0;
    let lastRepeat = -1; // where the previous item's repetition operator began, or -1
    while (i < s.length) {
      let repeat = -1;
      const c = s[i];
      if (c === '(') {
        if (s[i + 1] === '?') i = this.perlFlags(i);
        else {
          this.stack.push({ kind: 'lparen', capture: true });
          i += 1;
        }
      } else if (c === '|') {
        this.verticalBar();
        i += 1;
      } else if (c === ')') {
        this.rightParen();
        i += 1;
      } else if (c === '[') {
        i = this.parseClass(i);
        this.stack.push(leaf());
      } else if (c === '*' || c === '+' || c === '?') {
        repeat = i;
        i = this.repeat(i, i + 1, lastRepeat, 0, 0, false);
      } else if (c === '{') {
        const counted = this.counts(i);
        if (!counted) {
          this.stack.push(leaf());
          i += 1;
        } else {
          const { min, max, end } = counted;
          const text = s.slice(i, end);
          if (min < 0 || min > MAX_REPEAT || max > MAX_REPEAT || (max >= 0 && min > max)) {
            fail('invalid repeat count', text, `it has the repeat count ${text}, which Go's regexp refuses (at most 1000, min before max)`);
          }
          repeat = i;
          i = this.repeat(i, end, lastRepeat, min, max, true);
        }
      } else if (c === '\\') {
        i = this.backslash(i);
      } else {
        // `^`, `$`, `.` and literals: one node each (literals merge in Go; the bounds below allow for it).
        this.stack.push(leaf());
        i += codePointLength(s, i);
      }
      lastRepeat = repeat;
    }
    const whole = this.alternate(this.concat());
    if (this.stack.length > 0) fail('missing closing )', undefined, 'a ( has no closing )');
    this.checkHeight(whole);
  }

  /** A backslash outside a class (parse.go `parse`, case '\\'). */
  private backslash(i: number): number {
    const s = this.s;
    const c = s[i + 1];
    if (c === 'A' || c === 'b' || c === 'B' || c === 'z') {
      this.stack.push(leaf());
      return i + 2;
    }
    if (c === 'C') fail('invalid escape sequence', '\\C', "it has \\C (any byte), which Go's regexp does not support");
    if (c === 'Q') {
      const end = s.indexOf('\\E', i + 2);
      const stop = end < 0 ? s.length : end;
      for (let j = i + 2; j < stop; j += codePointLength(s, j)) this.stack.push(leaf());
      return end < 0 ? s.length : end + 2;
    }
    if (c === 'p' || c === 'P') {
      const end = this.unicodeClass(i);
      this.stack.push(leaf());
      return end;
    }
    if (c !== undefined && PERL_CLASSES.has(c)) {
      this.stack.push(leaf());
      return i + 2;
    }
    const end = escapeEnd(this.s, i, false);
    this.stack.push(leaf());
    return end;
  }

  /** `\p{Name}`, `\pN` and their `\P` negations (parse.go `parseUnicodeClass`): where it ends. */
  private unicodeClass(i: number): number {
    const s = this.s;
    const t = i + 2;
    let name: string;
    let end: number;
    if (s[t] !== '{') {
      end = t >= s.length ? t : t + codePointLength(s, t);
      name = s.slice(t, end);
    } else {
      const close = this.find('}', t);
      if (close < 0) fail('invalid character class range', s.slice(i), `its ${s.slice(i, t + 1)} has no closing }`);
      end = close + 1;
      name = s.slice(t + 1, close);
    }
    const bare = name.startsWith('^') ? name.slice(1) : name;
    if (!isGoUnicodeClass(bare)) {
      const seq = s.slice(i, end);
      const shown = seq.length <= 40 ? ` ${seq}` : '';
      fail(
        'invalid character class range',
        seq,
        `its class${shown} names no Unicode category or script Go knows (such as L, Lu, Greek, Latin, Han)`,
      );
    }
    return end;
  }

  /** A class `[...]` from `i` (parse.go `parseClass`): where it ends. */
  private parseClass(i: number): number {
    const s = this.s;
    let t = i + 1;
    if (s[t] === '^') t += 1;
    let first = true;
    while (t >= s.length || s[t] !== ']' || first) {
      first = false;
      if (s.startsWith('[:', t) && t + 2 < s.length) {
        const close = this.find(':]', t + 2);
        if (close >= 0) {
          const name = s.slice(t, close + 2);
          const bare = name.slice(2, -2).replace(/^\^/, '');
          if (!POSIX.has(bare)) {
            const shown = name.length <= 40 ? ` ${name}` : '';
            fail(
              'invalid character class range',
              name,
              `its class${shown} is no POSIX class Go knows (${[...POSIX].join(', ')}; [:^name:] negates)`,
            );
          }
          t = close + 2;
          continue;
        }
      }
      if (s[t] === '\\' && (s[t + 1] === 'p' || s[t + 1] === 'P')) {
        t = this.unicodeClass(t);
        continue;
      }
      if (s[t] === '\\' && PERL_CLASSES.has(s[t + 1] ?? '')) {
        t += 2;
        continue;
      }
      const lo = this.classChar(t, i);
      let end = lo.end;
      if (s[end] === '-' && end + 1 < s.length && s[end + 1] !== ']') {
        const hi = this.classChar(end + 1, i);
        if (hi.value < lo.value) {
          const range = s.slice(t, hi.end);
          fail(
            'invalid character class range',
            range,
            `its class range ${range} runs backwards (the first end must not be above the second)`,
          );
        }
        end = hi.end;
      }
      t = end;
    }
    return t + 1;
  }

  /** One character of a class (parse.go `parseClassChar`): its code point and where it ends. */
  private classChar(t: number, open: number): { value: number; end: number } {
    const s = this.s;
    if (t >= s.length) fail('missing closing ]', s.slice(open), 'a [ has no closing ]');
    if (s[t] !== '\\') return { value: s.codePointAt(t)!, end: t + codePointLength(s, t) };
    const end = escapeEnd(this.s, t, true);
    return { value: escapedValue(s.slice(t, end)), end };
  }

  /** `{min}`, `{min,}` or `{min,max}` at `i` (parse.go `parseRepeat`), or undefined when Go reads `{` literally. */
  private counts(i: number): { min: number; max: number; end: number } | undefined {
    let j = i + 1;
    while (j < this.s.length && /[\d,]/.test(this.s[j])) j += 1;
    const match = /^\{(0|[1-9]\d*)(,(0|[1-9]\d*)?)?\}$/.exec(this.s.slice(i, j + 1));
    return match ? this.counted(match, i) : undefined;
  }

  private counted(match: RegExpExecArray, i: number): { min: number; max: number; end: number } {
    const int = (digits: string) => (digits.length > 9 ? -1 : Number(digits)); // parse.go parseInt: -1 past 9 digits
    let min = int(match[1]);
    const max = match[2] === undefined ? min : match[3] === undefined ? -1 : int(match[3]);
    if (match[3] !== undefined && max < 0) min = -1;
    return { min, max, end: i + match[0].length };
  }

  /** A repetition operator from `at` to `after` (parse.go `repeat`): where parsing goes on. */
  private repeat(at: number, after: number, lastRepeat: number, min: number, max: number, counted: boolean): number {
    const s = this.s;
    if (s[after] === '?') after += 1;
    if (lastRepeat >= 0) {
      const text = s.slice(lastRepeat, after);
      fail(
        'invalid nested repetition operator',
        text,
        'it repeats a repetition, which Go\'s regexp refuses ("invalid nested repetition operator")',
      );
    }
    const sub = this.stack[this.stack.length - 1];
    if (!sub || sub.kind !== 'node') {
      const text = s.slice(at, after);
      fail('missing argument to repetition operator', text, `its ${text} has nothing to repeat`);
    }
    const piece = sub as Piece;
    let prod = piece.prod;
    if (counted) {
      // parse.go repeatIsValid: a {0} ends the path; {n,} counts n; counts multiply along nested repeats.
      const m = max === 0 ? 0 : max < 0 ? min : max;
      prod = max === 0 ? 1 : m === 0 ? piece.prod : m * piece.prod;
      if ((min >= 2 || max >= 2) && prod > MAX_REPEAT) {
        const text = s.slice(at, after);
        fail(
          'invalid repeat count',
          text,
          `its nested repeats multiply past 1000 at ${text}, which Go's regexp refuses (the product of nested counts is at most 1000)`,
        );
      }
    }
    const node: Piece = { kind: 'node', h: piece.h + 1, prod, items: 1, tallest: piece.h + 1 };
    this.checkHeight(node);
    this.stack[this.stack.length - 1] = node;
    return after;
  }

  /** `(?` at `i`: a named group, flags, or a non-capturing group (parse.go `parsePerlFlags`): where parsing goes on. */
  private perlFlags(i: number): number {
    const s = this.s;
    const named = (s[i + 2] === 'P' && s[i + 3] === '<' && s.length - i > 4) || (s[i + 2] === '<' && s.length - i > 3);
    if (named) {
      const start = s[i + 2] === 'P' ? i + 4 : i + 3;
      const lookbehind = s[i + 2] === '<' && (s[i + 3] === '=' || s[i + 3] === '!');
      const end = this.find('>', i);
      const why = lookbehind
        ? `it has "(?<${s[i + 3]}", a lookaround, which Go's regexp (RE2) does not support`
        : 'its group name is not letters, digits and _';
      if (end < 0) fail('invalid named capture', s.slice(i), why);
      if (!/^[0-9A-Za-z_]+$/.test(s.slice(start, end))) fail('invalid named capture', s.slice(i, end + 1), why);
      this.stack.push({ kind: 'lparen', capture: true });
      return end + 1;
    }
    let t = i + 2;
    let sign = 1;
    let sawFlag = false;
    while (t < s.length) {
      const c = s[t];
      t += codePointLength(s, t);
      if ('imsU'.includes(c)) {
        sawFlag = true;
        continue;
      }
      if (c === '-' && sign > 0) {
        sign = -1;
        sawFlag = false;
        continue;
      }
      if ((c === ':' || c === ')') && (sign > 0 || sawFlag)) {
        if (c === ':') this.stack.push({ kind: 'lparen', capture: false });
        return t;
      }
      break;
    }
    const text = s.slice(i, t);
    const head = s.slice(i, i + 3);
    const why = /^\(\?[=!>]$/.test(head)
      ? `it has "${head}", a lookaround or atomic group, which Go's regexp (RE2) does not support`
      : head === '(?#'
        ? "it has a (?# comment, which Go's regexp does not support"
        : "its group flags are not Go's (i, m, s and U, a - before those to clear, then : or ))";
    return fail('invalid or unsupported Perl syntax', text, why);
  }

  /** The items above the topmost `(` or `|` as one piece (parse.go `concat`; a non-capturing group's items are spliced). */
  private concat(): Piece {
    let items = 0;
    let tallest = 0;
    let prod = 1;
    while (this.stack.length > 0 && this.stack[this.stack.length - 1].kind === 'node') {
      const item = this.stack.pop() as Piece;
      items += item.items;
      tallest = Math.max(tallest, item.items > 1 ? item.tallest : item.h);
      prod = Math.max(prod, item.prod);
    }
    if (items <= 1) return items === 1 ? { kind: 'node', h: tallest, prod, items: 1, tallest } : leaf();
    // Literals and classes may merge into one node; an item that is no literal keeps a concatenation node above it.
    const node: Piece = { kind: 'node', h: tallest > 1 ? tallest + 1 : 1, prod, items, tallest };
    this.checkHeight(node);
    return node;
  }

  private verticalBar(): void {
    const piece = this.concat();
    const top = this.stack[this.stack.length - 1];
    if (top?.kind === 'vbar') top.alts.push(piece);
    else this.stack.push({ kind: 'vbar', alts: [piece] });
  }

  /** The alternatives above the topmost `(` (parse.go `alternate`); Go may factor them, so the tallest one is the bound. */
  private alternate(last: Piece): Piece {
    const top = this.stack[this.stack.length - 1];
    if (top?.kind !== 'vbar') return last;
    this.stack.pop();
    const alts = [...top.alts, last];
    return { kind: 'node', h: Math.max(...alts.map((a) => a.h)), prod: Math.max(...alts.map((a) => a.prod)), items: 1, tallest: 0 };
  }

  private rightParen(): void {
    const inner = this.alternate(this.concat());
    const open = this.stack.pop();
    if (open?.kind !== 'lparen') fail('unexpected )', undefined, 'a ) has no opening (');
    if (!(open as { capture: boolean }).capture) {
      this.stack.push(inner);
      return;
    }
    const node: Piece = { kind: 'node', h: inner.h + 1, prod: inner.prod, items: 1, tallest: inner.h + 1 };
    this.checkHeight(node);
    this.stack.push(node);
  }

  private checkHeight(piece: Piece): void {
    if (piece.h > MAX_HEIGHT)
      fail('expression nests too deeply', undefined, 'it nests more than 1000 levels deep (groups, repeats and sequences)');
  }

  /** The next `text` at or after `from` (-1 when none), remembered so that a walk over many openers stays linear. */
  private find(text: string, from: number): number {
    const known = this.next.get(text);
    if (known !== undefined && (known < 0 || known >= from)) return known;
    const found = this.s.indexOf(text, from);
    this.next.set(text, found);
    return found;
  }
}
