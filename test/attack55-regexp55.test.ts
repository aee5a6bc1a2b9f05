import { goRegexpError, goRegexpProblem } from '../src/traefik/go-regexp';
import { ruleDoors } from './rule-doors';

/**
 * Round-53b findings 1 and 7 (src/traefik/go-regexp.ts, go-regexp-escapes.ts, go-unicode-names.ts, mux-templates.ts):
 * the regexps of IngressRoute rules are judged as Go's parser judges them (golang/go src/regexp/syntax/parse.go, go1.25),
 * one row per error code of parse.go with its valid look-alikes, and every door (the config's traefik.values,
 * K3sVipCluster, TraefikHelmChartConfig) gives the same verdict, with Go's own wording.
 */

// [regexp, Go's error code, the text Go quotes (undefined: Go quotes the whole regexp), a plain reason]
type Refused = readonly [string, string, string | undefined, RegExp];

const REFUSED: readonly Refused[] = [
  // ErrInvalidCharRange: ranges, POSIX classes, Unicode classes (53b-1).
  ['^/[z-a]', 'invalid character class range', 'z-a', /class range z-a runs backwards/],
  ['[\\x{10FFFF}-\\x{0}]', 'invalid character class range', '\\x{10FFFF}-\\x{0}', /runs backwards/],
  ['[a-[:alpha:]]', 'invalid character class range', 'a-[', /runs backwards/],
  ['^/[[:foo:]]', 'invalid character class range', '[:foo:]', /\[:foo:\] is no POSIX class Go knows \(alnum/],
  ['[[:^Alpha:]]', 'invalid character class range', '[:^Alpha:]', /no POSIX class/],
  ['[[:alpha]b:]]', 'invalid character class range', '[:alpha]b:]', /no POSIX class/],
  ['^/\\pX', 'invalid character class range', '\\pX', /\\pX names no Unicode category or script Go knows/],
  ['^/\\p{Foo}', 'invalid character class range', '\\p{Foo}', /\\p\{Foo\} names no Unicode/],
  ['[\\P{Klingon}]', 'invalid character class range', '\\P{Klingon}', /names no Unicode/],
  ['\\p{^}', 'invalid character class range', '\\p{^}', /names no Unicode/],
  ['\\p', 'invalid character class range', '\\p', /names no Unicode/],
  ['\\p{Greek', 'invalid character class range', '\\p{Greek', /\\p\{ has no closing \}/],
  // ErrInvalidEscape (53b-7: a code point past U+10FFFF is an invalid escape, not a repeat count).
  ['^/\\x{110000}', 'invalid escape sequence', '\\x{110000', /escape \\x\{110000… names a code point beyond U\+10FFFF/],
  ['\\x{}', 'invalid escape sequence', '\\x{}', /hex escape is neither/],
  ['\\x{12', 'invalid escape sequence', '\\x{12', /hex escape/],
  ['\\xZ1', 'invalid escape sequence', '\\xZ1', /hex escape/],
  ['\\x', 'invalid escape sequence', '\\x', /hex escape/],
  ['^/(a)\\1$', 'invalid escape sequence', '\\1', /backreference \\1/],
  ['\\8', 'invalid escape sequence', '\\8', /escape \\8/],
  ['\\Z', 'invalid escape sequence', '\\Z', /escape \\Z, which Go's regexp does not know/],
  ['\\C', 'invalid escape sequence', '\\C', /\\C \(any byte\)/],
  ['[\\b]', 'invalid escape sequence', '\\b', /escape \\b, which Go's regexp does not know inside \[ \]/],
  ['[a-\\d]', 'invalid escape sequence', '\\d', /escape \\d.*inside \[ \]/],
  ['\\é', 'invalid escape sequence', '\\é', /escapes a non-ASCII character/],
  // ErrInvalidPerlOp: flags and Perl groups (53b-1).
  ['^/(?z)', 'invalid or unsupported Perl syntax', '(?z', /group flags are not Go's \(i, m, s and U/],
  ['(?i-)', 'invalid or unsupported Perl syntax', '(?i-)', /group flags/],
  ['(?--i)', 'invalid or unsupported Perl syntax', '(?--', /group flags/],
  ['(?', 'invalid or unsupported Perl syntax', '(?', /group flags/],
  ['(?P=n)', 'invalid or unsupported Perl syntax', '(?P', /group flags/],
  ['^/(?!admin)', 'invalid or unsupported Perl syntax', '(?!', /lookaround/],
  ['(?>a)', 'invalid or unsupported Perl syntax', '(?>', /atomic group/],
  ['(?#note)', 'invalid or unsupported Perl syntax', '(?#', /\(\?# comment/],
  // ErrInvalidNamedCapture.
  ['(?P<1-a>x)', 'invalid named capture', '(?P<1-a>', /group name is not letters, digits and _/],
  ['(?<>x)', 'invalid named capture', '(?<>', /group name/],
  ['(?P<n', 'invalid named capture', '(?P<n', /group name/],
  ['(?<=a)b', 'invalid named capture', '(?<=a)b', /"\(\?<=", a lookaround/],
  // ErrInvalidRepeatSize: counts, and nested counts whose product passes 1000 (parse.go repeatIsValid; 53b-1).
  ['a{1001}', 'invalid repeat count', '{1001}', /repeat count \{1001\}/],
  ['a{2,1}', 'invalid repeat count', '{2,1}', /repeat count \{2,1\}/],
  ['a{99999999999}', 'invalid repeat count', '{99999999999}', /repeat count/],
  ['^/(a{2}){501}', 'invalid repeat count', '{501}', /nested repeats multiply past 1000 at \{501\}/],
  ['^/(a{1000}){1000}', 'invalid repeat count', '{1000}', /multiply past 1000/],
  ['(?:a{2}){501}', 'invalid repeat count', '{501}', /multiply past 1000/],
  ['((a{10}){1}){101}', 'invalid repeat count', '{101}', /multiply past 1000/],
  ['(a{3}|b){334,}', 'invalid repeat count', '{334,}', /multiply past 1000/],
  // ErrInvalidRepeatOp, ErrMissingRepeatArgument.
  ['^/a**', 'invalid nested repetition operator', '**', /repeats a repetition/],
  ['x{2}{3}', 'invalid nested repetition operator', '{2}{3}', /repeats a repetition/],
  ['a*?+', 'invalid nested repetition operator', '*?+', /repeats a repetition/],
  ['*a', 'missing argument to repetition operator', '*', /its \* has nothing to repeat/],
  ['{2}', 'missing argument to repetition operator', '{2}', /its \{2\} has nothing to repeat/],
  ['a|+', 'missing argument to repetition operator', '+', /nothing to repeat/],
  ['(?i)?', 'missing argument to repetition operator', '?', /nothing to repeat/],
  // Brackets, parentheses, backslash, nesting.
  ['[a-', 'missing closing ]', '[a-', /a \[ has no closing \]/],
  ['[]', 'missing closing ]', '[]', /no closing \]/],
  ['(a', 'missing closing )', undefined, /a \( has no closing \)/],
  ['a)', 'unexpected )', undefined, /a \) has no opening \(/],
  ['a\\', 'trailing backslash at end of expression', '', /ends in a backslash/],
  ['^/' + '('.repeat(1001) + 'a' + ')'.repeat(1001), 'expression nests too deeply', undefined, /nests more than 1000 levels/],
  ['(a' + '(a'.repeat(600) + ')'.repeat(601), 'expression nests too deeply', undefined, /nests more than 1000 levels/],
];

/** Valid look-alikes: Go compiles each (parse.go; `[\d-z]` is \d, `-` and `z`: a class ends no range, the `-` is literal). */
const PASSING: readonly string[] = [
  '[a-z]',
  '[[:alpha:]]',
  '[[:^alpha:]]',
  '[[:word:][:xdigit:]]',
  '[\\d-z]',
  '[[:alpha:]-z]',
  '[a-]',
  '[-a]',
  '[]a]',
  '[^]a]',
  '\\p{Greek}',
  '\\pL',
  '\\PL',
  '\\p{^Greek}',
  '\\P{Lu}',
  '\\p{Any}',
  '\\p{greek}',
  '\\p{Letter}',
  '\\p{Old_Italic}',
  '[\\p{Han}\\p{Latin}]',
  '(?i)',
  '(?i:x)',
  '(?i-s:x)',
  '(?-i)x',
  '(?U)a+',
  '(?P<v>x)',
  '(?<v>x)',
  '(?P<a>x)(?P<a>y)',
  'a{1000}',
  'a{0,1000}',
  '(a{10}){100}',
  '(?:a{2}){500}',
  '(a{1000}){0}',
  '(a{1000}){0,}',
  '(a{1000})*',
  '(a{1000}){1}',
  'a{01}',
  'a{,5}',
  'a{1000,',
  'a*(?i)*',
  '^*',
  '\\b+',
  '(?:)*',
  '(?:a*)*',
  '((a*)*)+',
  '\\x{10FFFF}',
  '\\x41\\101\\0',
  '[\\x00-\\x{10FFFF}]',
  '\\Q*+?\\E+',
  '\\Q',
  '\\_\\-\\.',
  '\\a\\f\\n\\r\\t\\v\\A\\z',
  '(' + '('.repeat(998) + 'a' + ')'.repeat(998) + ')',
  '^/api/(?P<v>[a-z]+)/\\d{2,5}$',
];

/** A row's name: the regexp, or its start and length when long. */
const named = (source: string) => (source.length > 40 ? `${source.slice(0, 16)}… (${source.length} characters)` : source);

describe('53b-1, 53b-7: Go regexp errors, one row per parse.go error code', () => {
  test.each(REFUSED.map((row) => [named(row[0]), ...row] as const))('%s refused', (_, source, code, expr, why) => {
    expect(goRegexpError(source)).toMatchObject({ code, expr });
    expect(goRegexpProblem(source)).toMatch(why);
    expect(goRegexpProblem(source)).toContain(`(Go: "${code}`);
  });
  test.each(PASSING.map((source) => [named(source), source]))('%s compiles', (_, source) => {
    expect(goRegexpProblem(source)).toBeUndefined();
  });
  test('53b-7: \\x{110000} gives no repeat count as its reason', () => {
    expect(goRegexpProblem('^/\\x{110000}')).not.toMatch(/repeat/);
  });
});

describe('hostile regexps are judged in linear time', () => {
  test.each([
    ['\\p{ openers', '\\p{'.repeat(2500)],
    ['named group openers', '(?P<'.repeat(2000)],
    ['POSIX class openers in one class', `[${'[:a'.repeat(2500)}`],
    ['deep groups', '('.repeat(4000) + ')'.repeat(4000)],
    ['hex escapes', '\\x{1'.repeat(2000)],
    ['nested counted repeats', '(a{2}'.repeat(9) + ')'.repeat(9)],
  ])(
    '%s',
    (_, source) => {
      // A hang fails by the timeout; the time itself is the bench's (speed targets live in npm run bench).
      expect(() => goRegexpProblem(source)).not.toThrow();
    },
    60_000,
  );
});

// The doors: the config's traefik.values.extraObjects, K3sVipCluster and TraefikHelmChartConfig.
const ITEM = 'extraObjects[0]';
const ROUTE = `${ITEM}.spec.routes[0]`;
const route = (match: string, kind = 'IngressRoute') => ({
  apiVersion: 'traefik.io/v1alpha1',
  kind,
  metadata: { name: 'ir', namespace: 'default' },
  spec: {
    entryPoints: ['websecure'],
    routes: [{ match, services: [{ name: 'other', port: 80 }], ...(kind === 'IngressRoute' ? { kind: 'Rule' } : {}) }],
  },
});

/** Every door's verdict (rule-doors.ts), the config's errors as one text. */
const doors = (values: object, chartVersion: string) => {
  const said = ruleDoors(values, chartVersion);
  return { config: said.errors.join('\n'), cluster: said.cluster, chart: said.chart };
};

type DoorRow = readonly [name: string, match: string, chart: string, message: RegExp, kind?: string];

const DOORS_REFUSED: readonly DoorRow[] = [
  [
    '53b-1 reversed range',
    'Host(`a.example.com`) && PathRegexp(`^/[z-a]`)',
    '39.0.7',
    /PathRegexp a regexp Go cannot compile: .*"invalid character class range: `z-a`"/,
  ],
  ['53b-1 POSIX class', 'Host(`a.example.com`) && PathRegexp(`^/[[:foo:]]`)', '39.0.7', /invalid character class range: `\[:foo:\]`/],
  ['53b-1 \\pX', 'Host(`a.example.com`) && PathRegexp(`^/\\pX`)', '39.0.7', /invalid character class range: `\\pX`/],
  ['53b-1 \\p{Foo}', 'HostRegexp(`^\\p{Foo}\\.example\\.com$`)', '39.0.7', /HostRegexp a regexp Go.*`\\p\{Foo\}`/],
  ['53b-1 (?z)', 'Host(`a.example.com`) && PathRegexp(`^/(?z)`)', '39.0.7', /invalid or unsupported Perl syntax: `\(\?z`/],
  ['53b-1 (a{2}){501}', 'Host(`a.example.com`) && PathRegexp(`^/(a{2}){501}`)', '39.0.7', /invalid repeat count: `\{501\}`/],
  [
    '53b-1 (a{1000}){1000}',
    'Host(`a.example.com`) && HeaderRegexp(`X-A`, `(a{1000}){1000}`)',
    '39.0.7',
    /HeaderRegexp.*invalid repeat count/,
  ],
  [
    '53b-1 1001 nested groups',
    `Host(\`a.example.com\`) && PathRegexp(\`^/${'('.repeat(1001)}a${')'.repeat(1001)}\`)`,
    '39.0.7',
    /expression nests too deeply/,
  ],
  [
    '53b-7 \\x{110000}',
    'Host(`a.example.com`) && QueryRegexp(`q`, `^\\x{110000}`)',
    '39.0.7',
    /code point beyond U\+10FFFF.*invalid escape sequence/,
  ],
  [
    'v2 template range',
    'Host(`a.example.com`) && Path(`/{id:[z-a]+}`)',
    '27.0.2',
    /Path a \{name:regexp\} pattern that is no regexp Go compiles: .*invalid character class range: `z-a`/,
  ],
  [
    'v2 template braces',
    'HostRegexp(`{sub:[a-z]+.example.com`)',
    '27.0.2',
    /HostRegexp a template whose \{name:regexp\} braces are unbalanced/,
  ],
  [
    'v2 template trailing backslash',
    'Host(`a.example.com`) && PathPrefix(`/{id:a\\}`)',
    '27.0.2',
    /PathPrefix a \{name:regexp\} pattern.*missing closing \)/,
  ],
  ['v2 HeadersRegexp', 'Host(`a.example.com`) && HeadersRegexp(`X-A`, `\\pX`)', '27.0.2', /HeadersRegexp a regexp Go cannot compile/],
  [
    'v3 TCP HostSNIRegexp',
    'HostSNIRegexp(`^[z-a]\\.example\\.com$`)',
    '39.0.7',
    /HostSNIRegexp a regexp Go cannot compile: .*`z-a`/,
    'IngressRouteTCP',
  ],
  [
    'v2 TCP HostSNIRegexp',
    'HostSNIRegexp(`{sub:[z-a]}.example.com`)',
    '27.0.2',
    /HostSNIRegexp a \{name:regexp\} pattern.*`z-a`/,
    'IngressRouteTCP',
  ],
];

const DOORS_PASSING: readonly (readonly [string, string, string, string?])[] = [
  ['Go classes and flags', 'Host(`a.example.com`) && PathRegexp(`^/[\\d-z][[:alpha:]]\\p{Greek}\\pL(?i:x)(a{10}){100}$`)', '39.0.7'],
  ['v2 templates', 'HostRegexp(`{sub:[a-z]+}.example.com`) && PathPrefix(`/{id:[0-9]{2}}`)', '27.0.2'],
  ['v3 TCP HostSNIRegexp', 'HostSNIRegexp(`^[a-z]+\\.example\\.com$`)', '39.0.7', 'IngressRouteTCP'],
  ['v2 TCP HostSNIRegexp', 'HostSNIRegexp(`{sub:[a-z]+}.example.com`)', '27.0.2', 'IngressRouteTCP'],
];

describe('every door refuses what Go refuses, in the same words', () => {
  test.each(DOORS_REFUSED.map((row) => [row[0], row] as const))('%s', (_, [, match, chart, message, kind]) => {
    const said = doors({ extraObjects: [route(match, kind)] }, chart);
    for (const verdict of [said.config, said.cluster, said.chart]) {
      expect(verdict).toContain(`${ROUTE}.match`);
      expect(verdict).toMatch(message);
      expect(verdict).toMatch(/Traefik refuses the router and the route never serves/);
    }
  });
  test.each(DOORS_PASSING.map((row) => [row[0], row] as const))('%s pass', (_, [, match, chart, kind]) => {
    const said = doors({ extraObjects: [route(match, kind)] }, chart);
    expect(said.config).not.toContain(`${ROUTE}.match`);
    expect(said.cluster).not.toContain(`${ROUTE}.match`);
    expect(said.chart).not.toContain(`${ROUTE}.match`);
  });
});
