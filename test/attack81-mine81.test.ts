import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { MINIMAL_CONFIG_TEXT as HEADER } from './helpers';

// Round 81a-15: an alias whose anchor the parser's recovery read into a broken quoted text ended a run with an
// internal error; the syntax problem is said at its line instead, at any depth.

/** A config of the header plus `rest`: its errors, each `line:column: key.path: message`. */
const fileErrors = (rest: string): string[] =>
  parseConfigText('t.yaml', HEADER + rest).errors.map((d) => formatDiagnostic({ ...d, file: '' }).replace(/^:/, ''));

describe('81a-15: an alias to an anchor inside a broken quoted text', () => {
  test.each([
    ['under traefik.values', '  values:\n    x: "&a "b"\n    y: *a\n', 'traefik.values.x: has text after its closing quote'],
    [
      'deeper, in a list item',
      '  values:\n    env:\n      - name: A\n        value: "&a "b"\n      - name: B\n        value: *a\n',
      'traefik.values.env[0].value: has text after its closing quote',
    ],
  ])('%s: the quote problem, no internal error', (_, rest, expected) => {
    const errors = fileErrors(rest).join('\n');
    expect(errors).toContain(expected);
    expect(errors).not.toMatch(/unexpected|Unresolved alias/i);
  });
  test('an alias to no anchor, no syntax error: said at the alias', () =>
    expect(fileErrors('  values:\n    x: b\n    y: *a\n').join('\n')).toContain('traefik.values.y: *a refers to no anchor'));
  test('a valid anchor and alias pass', () =>
    expect(fileErrors('  values:\n    deployment:\n      podAnnotations:\n        a: &a b\n        c: *a\n')).toEqual([]));
});
