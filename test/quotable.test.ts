import { mayQuote } from '../src/core/quotable';
import { decodeEscapes } from '../src/core/yaml-escapes';

/**
 * The one paranoid check of raw text a message may quote (attack round 13, A5): raw text, its decoded form and
 * its words without their leading YAML indicators are all judged; a secret in any of them, and it is not quoted.
 */

const TOKEN_HEAD = `K1\\u0030${'a'.repeat(64)}`;

describe('mayQuote refuses raw text that holds a secret in any reading of it', () => {
  test.each<[string, string]>([
    ['a duplicate list item line that sets a flag', 'args: --token=Hunter2Secret01'],
    ['a header credential quoted in a command', `value: "curl -H 'Authorization: Bearer Hunter2Secret03'"`],
    ['a flag written with a \\u escape', 'value: "--token=Hunter2\\u0053ecretY12"'],
    ['a URL whose @ is a \\x escape', 'value: "https://bob:Hunter2SecretY13\\x40example.com"'],
    ['a URL whose @ is a \\U escape', '"https://bob:Hunter2SecretU\\U00000040example.com"'],
    ['a K3s token whose 0 is an escape', `"${TOKEN_HEAD}::server:Hunter2SecretC07"`],
    ['a block scalar header glued to an assignment', 'Block scalar header includes extra characters: |db_password=Hunter2SecretBS2'],
    ['a folded header glued to a flag', 'Block scalar header includes extra characters: >--providers.consul.token=Hunter2SecretBS1'],
    ['a header with a chomping indicator glued to a flag', '|-2--api.token=Hunter2SecretBS6'],
    ['an alias under a secret key', '  token: *Hunter2SecretV01'],
    ['a key without a space after the colon, escaped', 'password:"Hunter2\\u0053ecret"'],
    ['a flow mapping that sets a secret', '{name: x, password: Hunter2SecretFL}'],
  ])('%s', (_, raw) => {
    expect(mayQuote(raw)).toBe(false);
  });
});

describe('mayQuote lets ordinary raw text be quoted (controls)', () => {
  test.each<[string, string]>([
    ['a list item line', '- name: b'],
    ['a parser message', 'Nested mappings are not allowed in compact mappings'],
    ['a block scalar header with plain text', 'Block scalar header includes extra characters: |abc'],
    ['an unknown tag', '!Ref'],
    ['an alias and an anchor', '*base &base'],
    ['a URL without credentials', 'url: https://example.com/a?b=c'],
    ['an escape in plain text', 'note: "hello\\u0021 world"'],
    ['what a redaction left of a credential', 'repoURL:https://git.example.com/x.git?access_token=<redacted>'],
    ['nothing', '   '],
  ])('%s', (_, raw) => {
    expect(mayQuote(raw)).toBe(true);
  });
});

test.each<[string, string]>([
  ['\\u0040 \\x40 \\U00000040', '@ @ @'],
  ['a\\tb\\nc\\\\d\\"e', 'a\tb\nc\\d"e'],
  ["it''s (a single-quoted quote is no escape)", "it''s (a single-quoted quote is no escape)"],
  ['\\q stays', '\\q stays'],
  ['\\UFFFFFFFF stays', '\\UFFFFFFFF stays'],
])('decodeEscapes(%j)', (raw, decoded) => {
  expect(decodeEscapes(raw)).toBe(decoded);
});
