// Hostile inputs of branch sql53 (scripts/hostile-inputs.js says what they are for).
'use strict';
const { described } = require('./text-units');

/**
 * Near-misses of round-51's SQL forms (attack52-sql53): quoted table names and bracketed groups before an INSERT's
 * column list, prose words that anchor a read (`with`, `insert`), SELECT lists of aliased literals, CTE column lists,
 * derived tables' rows, COPY heads and their rows never ended.
 */
const sqlForms53 = (size = 1_000_000) =>
  described(
    [
      ['quoted names and TOP groups, never a column list', 'INSERT TOP ((1) INTO [dbo].[x].`y`.'],
      ['PARTITION groups left open', 'INSERT INTO t PARTITION (p0, (p1 WITH (TABLOCK, '],
      ['prose words that anchor a read', 'with the insert, select with care and replace with '],
      ['SELECT lists of aliases, never a literal', "SELECT x AS password, :p password, password = @p, 'a' AS "],
      ['one SELECT list without end', "SELECT 'a' AS name, 'b' AS label, "],
      ['CTE heads without rows', 'WITH creds(name, password) AS (VALUES WITH c('],
      ['derived tables of many rows, never named', "(VALUES ('a', 'Zq9xWvT7pLm2'), ("],
      ['derived tables named without names', '(VALUES (1)) AS t (VALUES ) t ('],
      ['COPY heads', 'COPY users (name, password) FROM stdin;\n'],
      ['COPY rows never ended', 'bob\t$2b$12$abc\t\\N\t'],
    ],
    size,
  );

module.exports = { sqlForms53 };
