// Round 50a-1/50a-2 (k3s52) near-misses of K3s tokens (core/k3s-tokens.ts, k3s-code-args.ts): placeholder hashes with
// no user and no credentials, and argument lists in code that never reach a value (scripts/hostile-inputs.js).
'use strict';

const { described } = require('./text-units');

/** Near-misses of a token with a placeholder hash and no user, and of K3s' argument lists in code. */
const k3sTokens52 = (size = 1_000_000) =>
  described(
    [
      ['placeholder hashes, one colon', `K10${'X'.repeat(60)}:`],
      ['hash words that never end', `K10${'h'.repeat(60)}hash${'x'.repeat(60)} `],
      ['placeholder hashes, short credentials', 'K10CAHASH::abc '],
      ['placeholder hashes, calls', 'K10XXXX::render() '],
      ['brackets never closed', `K10<${'a'.repeat(70)}`],
      ['quoted k3s heads', '"k3s", '],
      ['quoted k3s heads joined', '"k3s" + '],
      ['quoted k3s heads then brackets', `"k3s"${'[('.repeat(50)} `],
      ['builder calls without a value', 'Command::new("k3s").arg("agent").arg("--token").arg('],
      ['arrays of options', 'new String[]{"k3s", "agent", "--token", '],
    ],
    size,
  );

module.exports = { k3sTokens52 };
