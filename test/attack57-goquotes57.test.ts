/**
 * Attack round 57b-6: Traefik reads a rule with go/parser and each double-quoted value with strconv.Unquote, so every Go
 * escape (`\x3a`, `\072`, `\U0000003a`, not only `\u003a`) is read as the character it names, and comments between
 * tokens are skipped; an escape Go does not take is named as such.
 */
import { ingressRouteValues, ruleDoors } from './rule-doors';

const MATCH = 'traefik.values.extraObjects[0].spec.routes[0].match:';

describe('57b-6: Go escapes in double-quoted values are read as Go reads them', () => {
  test.each([
    ['\\u003a', 'Host("a.example.com\\u003a443")'],
    ['\\x3a', 'Host("a.example.com\\x3a443")'],
    ['octal \\072', 'Host("a.example.com\\072443")'],
    ['\\U0000003a', 'Host("a.example.com\\U0000003a443")'],
  ])('a host with a port written with %s is refused as one', (_, match) => {
    const doors = ruleDoors(ingressRouteValues(match));
    const error = doors.errors.find((e) => e.startsWith(MATCH));
    expect(error).toBeDefined();
    expect(error).toContain('port');
    expect(error).not.toContain('no rule Traefik');
    expect(doors.cluster).toContain('port');
  });

  test.each([
    ['\\x2f inside a path', 'Host(`a.example.com`) && Path("/x\\x2fy")'],
    ['a block comment', 'Host(`a.example.com`) /* Host(`b.example.com:1`) */'],
    ['a line comment', 'Host(`a.example.com`) // the site'],
    ['\\t and \\\\ escapes', 'Host(`a.example.com`) && Header("X-A", "a\\tb\\\\c")'],
  ])('%s is a rule Traefik reads: accepted', (_, match) => {
    const doors = ruleDoors(ingressRouteValues(match));
    expect(doors.errors.filter((e) => e.startsWith(MATCH))).toEqual([]);
    expect(doors.cluster).not.toContain('extraObjects');
  });

  test.each([
    ['\\/ (JSON only)', 'Host("a.example.com\\/")'],
    ['\\q', 'Host("a\\qexample.com")'],
    ["\\' (a rune escape)", 'Host("a\\\'b")'],
    ['\\400 (past a byte)', 'Host("a\\400")'],
    ['a surrogate \\uD800', 'Host("a\\uD800")'],
  ])('%s is an escape Go does not read: refused, naming it', (_, match) => {
    const doors = ruleDoors(ingressRouteValues(match));
    const error = doors.errors.find((e) => e.startsWith(MATCH));
    expect(error).toBeDefined();
    expect(error).toContain("is no rule Traefik's parser reads");
  });

  test('an unclosed block comment is no rule', () => {
    expect(ruleDoors(ingressRouteValues('Host(`a.example.com`) /* open')).errors.find((e) => e.startsWith(MATCH))).toContain(
      'no rule Traefik',
    );
  });
});
