// Hostile inputs of branch sql51 (scripts/hostile-inputs.js says what they are for).
'use strict';
const { described } = require('./text-units');

/**
 * Near-misses of round-49's SQL forms (attack50-sql51): secret-named variables set with `=`, `:=` or `\set`, statements'
 * texts built by SET/SELECT, CHAR(39) joins, format() arguments quoted by a function.
 */
const sqlForms51 = (size = 1_000_000) =>
  described(
    [
      ['PL/SQL declarations without a literal', 'v_password CONSTANT VARCHAR2(30 BYTE) NOT NULL := '],
      ['names before :=, never a literal', 'password := password := '],
      ['long names before blanks', `${'p'.repeat(120)} ${'t'.repeat(60)}(99) `],
      ['T-SQL variables left open', "DECLARE @password nvarchar(MAX) := N'PASSWORD "],
      ['psql \\set without a value', '\\set password \\set token '],
      ['SET @sql joins without a literal', "SET @sql = N'CREATE LOGIN a WITH PASSWORD = ' + CHAR(39) + CHAR(39 + "],
      ['SELECT texts', "SELECT 'ALTER ROLE a PASSWORD ' || '''' || "],
      ['joins after password places', "PASSWORD = ' + IDENTIFIED BY ''' || "],
      ['CONCAT joins after password places', "CONCAT(CONCAT( IDENTIFIED BY ''', "],
      ['password places before long literals', `PASSWORD = ' + '${'x'.repeat(200)}`],
      ['format with quoting calls', "EXECUTE format('ALTER ROLE a PASSWORD %s', quote_literal(quote_literal( "],
    ],
    size,
  );

module.exports = { sqlForms51 };
