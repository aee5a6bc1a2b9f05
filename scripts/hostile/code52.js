// Hostile inputs, round 50 (code52): scripts/hostile-inputs.js says what they are for.
'use strict';
const { described } = require('./text-units');

/**
 * Round 50 (code52): typed declarations under a secret name without a literal, `strdup(`/format wrappers left open,
 * signing-key calls (core/signing-key-calls.ts) whose arguments never end or whose bytes wrappers never reach a
 * literal, and plural secret sections (core/secret-sections.ts) of entries that never end.
 */
const signingKeys52 = (size = 1_000_000) =>
  described(
    [
      ['typed declarations without a literal', 'let secret: &str = '],
      ['Go typed declarations without a literal', 'var secret string = '],
      ['long types before operators', `secret: ${'&'.repeat(60)} = `],
      ['strdup wrappers left open', 'char *password = strdup("a'],
      ['format wrappers without an argument', 'secret = String.format("%s", '],
      ['hmac calls of commas', 'hmac.new(b"a", '],
      ['hmac calls never closed', 'hmac.new(bytes(Buffer.from(['],
      ['bytes wrappers without a literal', 'jwt.sign(p, Buffer.from(Buffer.from('],
      ['literals with long tails', 'hmac.new(b"a".encode().encode().encode() '],
      ['Go hmac keys of commas', 'hmac.New(sha256.New, '],
      ['PHP hmac calls of commas', "hash_hmac('a', "],
      ['SignedString calls left open', '.SignedString([]byte("a'],
      ['hmac calls, a quote each far on', `hmac.new(a${' '.repeat(1100)}"`],
      ['plural sections with entries', '[secrets.prod]\ndb = a\n'],
    ],
    size,
  );

module.exports = { signingKeys52 };
