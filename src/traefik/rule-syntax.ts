/**
 * Traefik's router rule grammar, read once for every reader of rules (doc.traefik.io routing "Rules & Priority": `&&`
 * binds tighter than `||`, `!` inverts a matcher or a parenthesised rule): ping-rule-match.ts judges a rule against the
 * kubelet's probe, ingress/route-alternatives.ts reads the hosts and paths its alternatives take.
 */

export type Token = { kind: 'op'; text: string } | { kind: 'name'; text: string } | { kind: 'value'; text: string };

/**
 * Splits a rule into matcher names, quoted values (backticks or double quotes: doc.traefik.io routing "Rules & Priority",
 * "To set the value of a rule, use backticks ` or escaped double-quotes"; single quotes are refused), `&&`, `||`, `!`,
 * parentheses and commas. Undefined when the text is none of these, or holds a line end Go reads as a semicolon
 * (endsAtLineBreak).
 */
export function tokens(rule: string): Token[] | undefined {
  const scanned = scan(rule);
  return scanned === 'semicolon' ? undefined : scanned;
}

/**
 * Whether a line break ends the rule before its last token, as Go reads it: Traefik parses a rule with
 * go/parser.ParseExpr (vulcand/predicate parse.go, through traefik pkg/rules/parser.go), whose scanner turns a line
 * break after an identifier, a string literal or `)` into a semicolon (go.dev/ref/spec#Semicolons; inside parentheses
 * too, the scanner counts none), a `//` comment and a `/*…*\/` holding a line break counting as one (go/scanner
 * scanner.go Scan). ParseExpr takes one such semicolon at the very end only, then expects EOF: `Host(`a`)⏎|| Path(`/x`)`
 * and `Host("a"⏎)` are refused ("expected 'EOF'", "expected ')'"), a break after `&&`, `||`, `(` or `,` is fine.
 */
export const endsAtLineBreak = (rule: string): boolean => scan(rule) === 'semicolon';

const NAME = /[A-Za-z][A-Za-z0-9]*/y;

function scan(rule: string): Token[] | 'semicolon' | undefined {
  const out: Token[] = [];
  // A line break after a token that ends a Go statement: another token after it is a syntax error.
  let broken = false;
  const lineBreak = () => {
    const last = out[out.length - 1];
    if (last && (last.kind !== 'op' || last.text === ')')) broken = true;
  };
  let i = 0;
  while (i < rule.length) {
    const c = rule[i];
    // Go's white space is these four only (go.dev/ref/spec#Tokens); any other is an illegal character.
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      if (c === '\n') lineBreak();
      i += 1;
      continue;
    }
    if (rule.startsWith('/*', i)) {
      // Go's scanner skips comments between tokens; one holding a line break is one (endsAtLineBreak).
      const end = rule.indexOf('*/', i + 2);
      if (end < 0) return undefined;
      if (rule.slice(i + 2, end).includes('\n')) lineBreak();
      i = end + 2;
      continue;
    }
    if (rule.startsWith('//', i)) {
      const end = rule.indexOf('\n', i);
      if (end >= 0) lineBreak();
      i = end < 0 ? rule.length : end + 1;
      continue;
    }
    if (broken) return 'semicolon';
    if (rule.startsWith('&&', i) || rule.startsWith('||', i)) {
      out.push({ kind: 'op', text: rule.slice(i, i + 2) });
      i += 2;
    } else if ('!(),'.includes(c)) {
      out.push({ kind: 'op', text: c });
      i += 1;
    } else if (c === '`') {
      const end = rule.indexOf('`', i + 1);
      if (end < 0) return undefined;
      // go/scanner and strconv.Unquote drop carriage returns from a raw string literal.
      out.push({ kind: 'value', text: rule.slice(i + 1, end).replace(/\r/g, '') });
      i = end + 1;
    } else if (c === '"') {
      const quoted = goString(rule, i);
      if (!quoted) return undefined;
      out.push({ kind: 'value', text: quoted.text });
      i = quoted.end;
    } else {
      NAME.lastIndex = i;
      const match = NAME.exec(rule);
      if (!match) return undefined;
      out.push({ kind: 'name', text: match[0] });
      i += match[0].length;
    }
  }
  return out;
}

/** Go's one-character escapes in an interpreted string literal (go.dev/ref/spec#Rune_literals; `\'` only in a rune). */
const SIMPLE_ESCAPES: Readonly<Record<string, number>> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92, '"': 34 };

/**
 * The double-quoted Go string literal at `start` of `rule`, unquoted as strconv.Unquote does (Traefik reads a rule with
 * go/parser and each value with strconv.Unquote): the escapes above, `\xHH`, `\ooo` (at most 377), `\uHHHH` and
 * `\UHHHHHHHH` (a code point, no surrogate); any other escape, a line feed or no closing quote is undefined (a
 * carriage return is a character: go/scanner scanString and strconv.Unquote refuse `\n` only). Bytes that are no
 * UTF-8 read as U+FFFD.
 */
function goString(rule: string, start: number): { text: string; end: number } | undefined {
  const bytes: number[] = [];
  const push = (text: string) => bytes.push(...Buffer.from(text, 'utf8'));
  for (let i = start + 1; i < rule.length;) {
    const c = rule[i];
    if (c === '"') return { text: Buffer.from(bytes).toString('utf8'), end: i + 1 };
    if (c === '\n') return undefined;
    if (c !== '\\') {
      const point = rule.codePointAt(i)!;
      push(String.fromCodePoint(point));
      i += point > 0xffff ? 2 : 1;
      continue;
    }
    const e = rule[i + 1];
    if (e !== undefined && Object.hasOwn(SIMPLE_ESCAPES, e)) {
      bytes.push(SIMPLE_ESCAPES[e]);
      i += 2;
    } else if (e === 'x' && /^[0-9A-Fa-f]{2}$/.test(rule.slice(i + 2, i + 4))) {
      bytes.push(parseInt(rule.slice(i + 2, i + 4), 16));
      i += 4;
    } else if (/^[0-7]{3}$/.test(rule.slice(i + 1, i + 4)) && parseInt(rule.slice(i + 1, i + 4), 8) <= 0o377) {
      bytes.push(parseInt(rule.slice(i + 1, i + 4), 8));
      i += 4;
    } else if (
      (e === 'u' || e === 'U') &&
      new RegExp(`^[0-9A-Fa-f]{${e === 'u' ? 4 : 8}}$`).test(rule.slice(i + 2, i + (e === 'u' ? 6 : 10)))
    ) {
      const point = parseInt(rule.slice(i + 2, i + (e === 'u' ? 6 : 10)), 16);
      if (point > 0x10ffff || (point >= 0xd800 && point <= 0xdfff)) return undefined;
      push(String.fromCodePoint(point));
      i += e === 'u' ? 6 : 10;
    } else return undefined;
  }
  return undefined;
}

/**
 * Every matcher name of Traefik's rule syntaxes, v2 and v3, HTTP and TCP (traefik/traefik pkg/muxer/http/matcher.go
 * `httpFuncs`, matcher_v2.go `httpFuncsV2`, pkg/muxer/tcp/matcher.go `tcpFuncs`, v3.6.0; pkg/muxer/http/mux.go and
 * tcp/mux.go, v2.11.0).
 */
const MATCHER_NAMES = [
  ...['ALPN', 'ClientIP', 'Header', 'HeaderRegexp', 'Headers', 'HeadersRegexp', 'Host', 'HostHeader', 'HostRegexp'],
  ...['HostSNI', 'HostSNIRegexp', 'Method', 'Path', 'PathPrefix', 'PathRegexp', 'Query', 'QueryRegexp'],
];

/**
 * The spellings Traefik's parser takes for each matcher: its own name, in lower case, in upper case and title case
 * (`cases.Title` of the lower case: `Pathprefix`), traefik/traefik pkg/rules/parser.go NewParser, v2.11.0 and v3.6.0.
 * Any other (`pAthPrefix`) is no function of the parser's, which refuses the rule.
 */
const SPELLINGS: ReadonlyMap<string, string> = new Map(
  MATCHER_NAMES.flatMap((name) => {
    const lower = name.toLowerCase();
    return [name, lower, name.toUpperCase(), lower[0].toUpperCase() + lower.slice(1)].map((spelling) => [spelling, name] as const);
  }),
);

/** A matcher name as Traefik reads it: the matcher's own name for a spelling its parser takes, else as written. */
export const canonicalMatcher = (written: string): string => SPELLINGS.get(written) ?? written;

/** The matcher a name not spelt as Traefik's parser takes it would be in another case (`pAthPrefix`: PathPrefix); else undefined. */
export function misspeltMatcher(name: string): string | undefined {
  if (SPELLINGS.has(name)) return undefined;
  return MATCHER_NAMES.find((known) => known.toLowerCase() === name.toLowerCase());
}

/** A matcher of a rule with its values, e.g. ``Host(`a`, `b`)`` (v2 takes several values per matcher); its name canonicalMatcher's. */
export interface Matcher {
  readonly name: string;
  readonly values: readonly string[];
}

/** A rule as a tree. */
export type RuleNode = { kind: 'matcher'; matcher: Matcher } | { kind: '&&' | '||'; a: RuleNode; b: RuleNode } | { kind: '!'; a: RuleNode };

/** The rule's tokens as a tree by Traefik's grammar; undefined if they are not one. Recurses once per parenthesis and `!`. */
export function parseRule(list: readonly Token[]): RuleNode | undefined {
  let at = 0;
  const peek = (text: string) => list[at]?.kind === 'op' && list[at].text === text;
  // `||` binds looser than `&&`: each level is its operands, of the next level, joined left to right.
  const joined = (op: '&&' | '||', operand: () => RuleNode | undefined) => (): RuleNode | undefined => {
    let left = operand();
    while (left && peek(op)) {
      at += 1;
      const right = operand();
      left = right && { kind: op, a: left, b: right };
    }
    return left;
  };
  const orExpr: () => RuleNode | undefined = joined('||', () => andExpr());
  const andExpr = joined('&&', () => unary());
  const unary = (): RuleNode | undefined => {
    if (peek('!')) {
      at += 1;
      const inner = unary();
      return inner && { kind: '!', a: inner };
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
    // Named once as Traefik reads it, so every reader compares the matcher's own name (53b-2: `host`, `PATHPREFIX`).
    return { kind: 'matcher', matcher: { name: canonicalMatcher(name.text), values } };
  };
  const tree = orExpr();
  return tree && at === list.length ? tree : undefined;
}

/** A rule longer than this, or of more tokens (a router rule is a line or two, a few dozen tokens), is left unread. */
const MAX_RULE = 8192;
const MAX_TOKENS = 1000;
/** The bounds above, for readers that tell a rule past them (left unread) from one not in Traefik's grammar. */
export const RULE_BOUNDS = { chars: MAX_RULE, tokens: MAX_TOKENS } as const;

/**
 * The tree of a router rule; undefined when it is no text, past the bounds above (hostile lengths are neither tokenized
 * nor parsed: the parser recurses once per parenthesis) or not Traefik's grammar.
 */
export function parsedRule(rule: unknown): RuleNode | undefined {
  if (typeof rule !== 'string' || rule.length > MAX_RULE) return undefined;
  const list = tokens(rule);
  return list && list.length <= MAX_TOKENS ? parseRule(list) : undefined;
}

/**
 * The matcher calls of a rule's tokens read flat (`Name(value, ...)`, whatever joins them), with no tree: how a rule past
 * the bounds above still has its values judged, in one pass (the parser's recursion is what the bounds guard).
 */
export function matcherCalls(list: readonly Token[]): Matcher[] {
  const out: Matcher[] = [];
  const op = (at: number, text: string) => list[at]?.kind === 'op' && list[at].text === text;
  for (let at = 0; at < list.length; at += 1) {
    if (list[at].kind !== 'name' || !op(at + 1, '(')) continue;
    const name = list[at].text;
    const values: string[] = [];
    at += 2;
    while (list[at]?.kind === 'value') {
      values.push(list[at].text);
      at += op(at + 1, ',') ? 2 : 1;
    }
    if (op(at, ')')) out.push({ name: canonicalMatcher(name), values });
  }
  return out;
}

/**
 * Every matcher of a rule in order, those under a `!` too unless `negated` is false (a negated matcher only narrows);
 * iterative over `&&` / `||` chains.
 */
export function matchersOf(node: RuleNode, negated = true): Matcher[] {
  const out: Matcher[] = [];
  const stack: RuleNode[] = [node];
  while (stack.length) {
    const next = stack.pop()!;
    if (next.kind === 'matcher') out.push(next.matcher);
    else if (next.kind === '!') {
      if (negated) stack.push(next.a);
    } else stack.push(next.b, next.a);
  }
  return out;
}
