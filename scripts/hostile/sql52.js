// Hostile inputs of branch sql52 (scripts/hostile-inputs.js says what they are for).
'use strict';
const { described } = require('./text-units');

/**
 * Near-misses of round-50's SQL forms (attack51-sql52): assignments after a keyword, INSERTs' column lists and rows
 * (read on window after window), crypt functions' arguments, variables set to variables.
 */
const sqlForms52 = (size = 1_000_000) =>
  described(
    [
      ['keywords before :=, never a literal', 'BEGIN v_password := THEN secret_key := '],
      ['INSERT heads without rows', 'INSERT INTO users (name, password) INSERT INTO t ('],
      ['one INSERT of many rows', "INSERT INTO users (name, password) VALUES ('bob', crypt(:x, y)), "],
      ['rows of nested brackets', "INSERT INTO t (password) VALUES ((((('a', "],
      ['INSERT ... SELECT without FROM', "INSERT INTO t (a, password) SELECT 'a', (x), "],
      ['crypt calls left open', "crypt('x', crypt('y', hmac(data, 'k', "],
      ['key arguments never given', 'pgp_sym_encrypt(data AES_ENCRYPT(( hmac(x '],
      ['REPLACE calls', "SELECT REPLACE(password, 'a', 'b'), REPLACE(INTO ("],
      ['variables set to variables', 'SET @db_password = @input_password v_password := p_password '],
    ],
    size,
  );

module.exports = { sqlForms52 };
