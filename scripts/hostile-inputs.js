// Hostile inputs of the ReDoS and quadratic-read guards, built here once for two readers: the tests, which assert the
// verdict on each input (with only jest's generous per-test timeout against a hang), and `npm run bench`, which times
// each input against the target beside it (`seconds`, the limit the tests asserted before). Each builder returns
// [label, input] rows for test.each; inputs are built on call, as they are megabytes of text.
// The builders live in scripts/hostile/ (a few files, each under the size the project keeps its files to).
'use strict';

module.exports = {
  ...require('./hostile/rounds-4-41'),
  ...require('./hostile/rounds-34-49'),
  ...require('./hostile/rounds-48-50'),
  ...require('./hostile/tables51'),
  ...require('./hostile/netdev51'),
  ...require('./hostile/k3s51'),
  ...require('./hostile/k3s52'),
  ...require('./hostile/code51'),
  ...require('./hostile/code52'),
  ...require('./hostile/code53'),
  ...require('./hostile/false51'),
  ...require('./hostile/sql51'),
  ...require('./hostile/sql52'),
  ...require('./hostile/sql53'),
  ...require('./hostile/lines52'),
  ...require('./hostile/lines53'),
  ...require('./hostile/false52'),
  ...require('./hostile/keys53'),
  ...require('./hostile/traefik53'),
  ...require('./hostile/routes53'),
  ...require('./hostile/false53'),
  ...require('./hostile/msgs53'),
  ...require('./hostile/binary61'),
};
