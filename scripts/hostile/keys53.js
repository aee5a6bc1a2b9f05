// Hostile inputs, round 51 (keys53): scripts/hostile-inputs.js says what they are for.
'use strict';
const { described, repeatTo } = require('./text-units');

/**
 * Round 51 (keys53): TOML dotted keys and inline tables under a secret name (core/secret-sections.ts) whose values
 * never end or carry comment-like tails, `secrets:` maps and lists as YAML, JSON and XML (core/secret-maps.ts,
 * core/secrets-xml.ts), and key makers (core/signing-key-calls.ts) whose names, generics, labels or arguments never end.
 */
const secretKeyMaps53 = (size = 1_000_000) => [
  ...described(
    [
      ['dotted keys with comment-like tails', `secrets.stripe = a${' #a'.repeat(1300)}\n`],
      ['dotted keys of many parts', `${'secrets.'.repeat(20)}a = b\n`],
      ['dotted keys without a value', 'secrets.a = \n'],
      ['inline tables never closed', `secrets = { a = b${', c = d'.repeat(500)}\n`],
      ['inline tables of commas', `secrets = {${','.repeat(3000)}\n`],
      ['secret-like words before dots', 'secretsecretsecret.'],
      ['YAML secrets maps of references', 'secrets:\n  a: ${A}\n  b:\n    file: ./b.txt\n'],
      ['YAML secrets lists of names', 'secrets:\n  - db_password\n'],
      ['XML secrets elements never closed', '<secrets><a>'],
      ['XML secrets leaves', '<secrets><a>b</a></secrets>'],
      ['key makers never closed', 'new HMACSHA256(Encoding.UTF8.GetBytes('],
      ['key makers of commas', 'Hmac(sha256, '],
      ['key type names without a call', 'HmacSha256HmacSha256'],
      ['generics never closed', 'Hmac::<'],
      ['labels without a literal', 'SymmetricKey(data: Data('],
      ['sign calls of TextEncoders', '.sign(new TextEncoder().encode('],
    ],
    size,
  ),
  ['one JSON secrets map of many references', `{"secrets": {${repeatTo('"a": "${A}", ', size - 20)}"z": true}}`],
];

module.exports = { secretKeyMaps53 };
