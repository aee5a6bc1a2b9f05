import type { Path } from './problem';
import { isCookieHeader } from './cookie-values';
import { isSecretKey, namesSecretText } from './secrets-keys';
import { literalRuns } from './pattern-literals';

/**
 * The header and query values a Traefik router rule matches, as name/value pairs to judge the way a map's keys and
 * values are (51a-2): ``Header(`X-Api-Key`, `abc`)`` writes the key `abc` into the rule as surely as `X-Api-Key: abc`
 * writes it into a map. Traefik's matchers that take a name and a value (doc.traefik.io routing "Rules & Priority"):
 * v3 `Header`, `HeaderRegexp`, `Query`, `QueryRegexp`; v2 `Headers`, `HeadersRegexp` and `Query(`name=value`)`. Traefik
 * reads matcher names in any letter case (traefik pkg/rules/parser.go registers each name as written, lower, upper and
 * title case), and these calls are looked for anywhere in a text, not only where the whole text parses as a rule: a
 * rule stands inside labels, TOML, YAML or code too, and one matcher too many (or an unbalanced parenthesis) must not
 * hide the others.
 */

/** What a text must hold for any pair to be there: a matcher's name, then `(`. */
const PREFILTER = /(?:header|query)[a-z]*\s*\(/i;
/** A quoted value of a rule: backticks, or double quotes with escapes. */
const QUOTED = String.raw`(?:\x60[^\x60]*\x60|"(?:[^"\\]|\\.)*")`;
let calls: RegExp | undefined;
/** A matcher call with its quoted arguments (built on first use). */
const matcherCalls = (): RegExp =>
  (calls ??= new RegExp(String.raw`(?<![A-Za-z0-9_])(headers?(?:regexp)?|query(?:regexp)?)\s*\(\s*((?:${QUOTED}\s*(?:,\s*)?)+)\)`, 'gi'));
const ARGUMENT = new RegExp(QUOTED, 'g');

/** A header or query name of a rule and one value the rule matches it with; `regexp` when the value is a regular expression. */
export interface RulePair {
  readonly name: string;
  readonly value: string;
  readonly regexp: boolean;
}

/** A quoted argument's text: a backticked one as written, a double-quoted one as JSON reads it (undefined if it does not). */
function unquoted(argument: string): string | undefined {
  if (argument.startsWith('`')) return argument.slice(1, -1);
  try {
    return JSON.parse(argument) as string;
  } catch {
    return undefined;
  }
}

/** Every header or query name/value pair the matchers in `text` match with. */
export function rulePairs(text: string): RulePair[] {
  if (!PREFILTER.test(text)) return [];
  const pairs: RulePair[] = [];
  for (const [, matcher, list] of text.matchAll(matcherCalls())) {
    const values = (list.match(ARGUMENT) ?? []).map(unquoted);
    const regexp = /regexp$/i.test(matcher);
    const [name, ...rest] = values;
    if (name === undefined) continue;
    // v2's one-argument query form: `Query(`token=abc`)`.
    const assigned = rest.length === 0 && /^query/i.test(matcher) ? /^([^=]+)=(.*)$/s.exec(name) : null;
    if (assigned) pairs.push({ name: assigned[1], value: assigned[2], regexp });
    for (const value of rest) if (value !== undefined) pairs.push({ name, value, regexp });
  }
  return pairs;
}

/** An HTTP authentication scheme that a regular expression may require before the credentials it leaves open. */
const SCHEME = /^(?:bearer|basic|digest|negotiate|token|apikey)$/i;
/** The shortest literal run of a regular expression taken for (a part of) a value: shorter ones are its syntax's glue. */
const MIN_PIECE = 6;

/**
 * What of a pair's value to judge: the value itself, or for a regular expression each literal run it requires
 * (``^Zx9abc$`` requires `Zx9abc`; ``^Bearer .+$`` requires only the scheme, which is no secret; nor is a plain `Bearer`).
 */
export function judgedValues(pair: RulePair): string[] {
  // A value that is only a scheme's word (``Header(`Authorization`, `Bearer`)``, 73b-6) matches no credentials.
  if (!pair.regexp) return SCHEME.test(pair.value.trim()) ? [] : [pair.value];
  return literalRuns(pair.value).filter((piece) => piece.length >= MIN_PIECE && !SCHEME.test(piece));
}

/**
 * 79a-16: `judge` of `text` with each pattern of a `…Regexp` matcher written as the literal runs it requires, blank-separated,
 * for the readers of `name=value` text: ``HeaderRegexp(`Cookie`, `.*session_id=.*`)`` requires only `session_id=` (a
 * cookie's presence, no value), ``HeaderRegexp(`Cookie`, `.*session_id=Zq8v….*`)`` the cookie itself. The header or
 * query name (the first argument) stays as written. A finding's value not in `text` as written is the whole text.
 */
export function withPatternsAsLiterals<T extends { value: string }>(text: string, judge: (read: string) => T | undefined): T | undefined {
  const read = PREFILTER.test(text) && /regexp/i.test(text) ? text.replace(matcherCalls(), patternsAsLiterals) : text;
  const found = judge(read);
  return found && read !== text && !text.includes(found.value) ? { ...found, value: text } : found;
}

/** One matcher call (matcherCalls' match) with its patterns as literal runs, if it is a `…Regexp` one. */
function patternsAsLiterals(call: string, matcher: string, list: string): string {
  if (!/regexp$/i.test(matcher)) return call;
  let first = true;
  const literal = list.replace(ARGUMENT, (argument) => {
    const pattern = first ? undefined : unquoted(argument);
    first = false;
    return pattern === undefined ? argument : `\x60${literalRuns(pattern).join(' ').replace(/\x60/g, '')}\x60`;
  });
  // The call ends in its list and `)`.
  return call.slice(0, call.length - list.length - 1) + literal + call.slice(-1);
}

/**
 * How many header and query names, and pairs under a secret's name, one text's rules are read for: each costs a
 * reading of its own, and no router rule (nor a file provider's text of them) comes near. A text with more is refused whole.
 */
const MAX_PAIRS = 2000;
const TOO_MANY_PAIRS = `text whose router rules match more than ${MAX_PAIRS} header or query names or values, too many to judge`;

/** A finding as secrets.ts reports it (FoundSecret). */
interface Found {
  readonly path: Path;
  readonly value: string;
  readonly what: string;
}

/**
 * The secrets the rules in `text` (at `at`) match headers or query parameters with, judged by `judge` (secretsInData) as
 * a map from the name to the value: the value is the secret where the text holds it as written, else the whole text.
 */
export function ruleSecrets(text: string, at: Path, judge: (data: unknown) => readonly Found[]): Found[] {
  // A pair under a secret's name as a map, and every pair as a pair (below): a secret-shaped value is the text's own shape
  // already (secretShape reads the whole rule). Each name and pair once: a text of rules may repeat them many times.
  const [names, seen, judged] = [new Map<string, boolean>(), new Set<string>(), [] as Array<Record<string, string>>];
  for (const pair of rulePairs(text)) {
    if (!names.has(pair.name))
      names.set(
        pair.name,
        isSecretKey(pair.name) || isSecretKey(pair.name, true) || namesSecretText(pair.name) || isCookieHeader(pair.name),
      );
    if (names.size > MAX_PAIRS || judged.length > MAX_PAIRS) return [{ path: at, value: text, what: TOO_MANY_PAIRS }];
    for (const value of judgedValues(pair)) {
      const key = JSON.stringify([pair.name, value]);
      // 81a-19: a pair is also judged as an HTTPRoute's match or header modifier writes it, `{name, value}` (a `name=value`
      // line: `auth`, `signature`), so a router rule and a route give one verdict.
      if (!seen.has(key)) judged.push(...(names.get(pair.name) ? [{ [pair.name]: value }] : []), { name: pair.name, value });
      seen.add(key);
    }
  }
  if (!judged.length) return [];
  // One reading of them all (a list of one-key maps and pairs), each finding then taken back to its pair by its index.
  return judge(judged).map(({ path, what }) => {
    const item = judged[path[0] as number];
    const value = 'value' in item && 'name' in item && Object.keys(item).length === 2 ? item.value : Object.values(item)[0];
    return { path: at, value: value.length >= 4 && text.includes(value) ? value : text, what };
  });
}
