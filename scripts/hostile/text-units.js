// Builders' shared pieces: repeating a unit to a size, labelling rows (scripts/hostile-inputs.js).
'use strict';

/** `unit` repeated to `size` characters or just over. */
const repeatTo = (unit, size) => unit.repeat(Math.ceil(size / unit.length));

/** Rows labelled by the unit (as JSON), each unit repeated to `size` characters. */
const units = (list, size) => list.map((unit) => [JSON.stringify(unit), repeatTo(unit, size)]);

/** Rows of [label, unit], each unit repeated to `size` characters. */
const described = (list, size) => list.map(([label, unit]) => [label, repeatTo(unit, size)]);

/** Rows labelled by their index, like jest's %#. */
const indexed = (texts) => texts.map((text, i) => [String(i), text]);

/**
 * `n` scaled to a text of `size` characters where `n` is the count for 400 kB: the bench builds the 400 kB texts it
 * times, the tests the same shapes at HOSTILE_TEST_SIZE (test/secret-doors.ts).
 */
const scaled = (n, size) => Math.round((n * size) / 400_000);

module.exports = { repeatTo, units, described, indexed, scaled };
