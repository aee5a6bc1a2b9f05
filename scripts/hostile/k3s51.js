// Round 49a-1/49a-4 (k3s51) near-misses of K3s tokens (core/k3s-tokens.ts, k3s-short-token.ts): placeholder hashes
// without credentials, argument lists and `k3s token create` lines that never reach a value (scripts/hostile-inputs.js).
'use strict';

const { described } = require('./text-units');

/** Near-misses of a token with a placeholder hash and of K3s' token options in lists and `token create` lines. */
const k3sTokens51 = (size = 1_000_000) =>
  described(
    [
      ['K10 runs', 'K10'],
      ['placeholder hashes, no colons', `K10${'X'.repeat(50)}`],
      ['hashes then one colon', 'K10abc:'],
      ['hashes then users, no credentials', 'K10XXXX::server:\n'],
      ['short credentials', 'K10X::s:abcd '],
      ['list heads', '["k3s", '],
      ['list options with variables', '("k3s", "agent", "--token", x, '],
      ['calls with a list never closed', "spawn('k3s', ['agent', "],
      ['token create, options only', 'k3s token create --ttl '],
      ['token create lines', 'k3s token create --ttl 1h\n'],
      ['args fragments', 'args:\n- agent\n- -t\n'],
    ],
    size,
  );

module.exports = { k3sTokens51 };
