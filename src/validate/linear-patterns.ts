/**
 * CRD `pattern`s that JavaScript's backtracking RegExp (which ajv runs) cannot decide in linear time, rewritten to
 * patterns that accept exactly the same texts. The API server runs them with Go's RE2, in linear time, so a value such
 * as `"1111…1x"` is a plain refusal there; as written, JavaScript tries every way to split the digits among the repeated
 * groups, 2^n of them (79c-6: 27 digits took seconds, 33 minutes). Every vendored pattern is held to this in the tests.
 */

/**
 * Traefik's duration fields from chart v35.3.0 (`traefik/crds/traefik.io_serverstransports.yaml`, `_middlewares.yaml`,
 * `_serverstransporttcps.yaml`: `^([0-9]+(ns|us|µs|ms|s|m|h)?)+$`): numbers, each with an optional unit. The same
 * language, read one character at a time: a digit first, then digits, and a unit only right after a digit.
 */
const NUMBERS_WITH_UNITS = /^\^\(\[0-9\]\+\((?<units>[a-zµμ|]+)\)\?\)\+\$$/u;

/** `pattern` as ajv should run it: the linear equivalent of a known backtracking shape, else as written. */
export function linearPattern(pattern: string): string {
  const units = NUMBERS_WITH_UNITS.exec(pattern)?.groups?.units;
  return units ? `^[0-9](?:[0-9]|(?<=[0-9])(?:${units}))*$` : pattern;
}

/**
 * Traefik's Middleware `errors.status` items (`traefik/crds/traefik.io_middlewares.yaml`, v39.0.7:
 * `^([1-5][0-9]{2}[,-]?)+$`): HTTP status codes and ranges, which the raw pattern does not say in words (80a-17).
 */
const STATUS_CODES = '^([1-5][0-9]{2}[,-]?)+$';

/** What a text must be to match a known CRD pattern, in words, for a message; undefined for any other. */
export function patternMeaning(pattern: string): string | undefined {
  if (pattern === STATUS_CODES)
    return 'HTTP status codes: a code from 100 to 599 or a range of them, such as "500", "500-599" or "502,504"';
  const units = /^\^\[0-9\]\(\?:\[0-9\]\|\(\?<=\[0-9\]\)\(\?:(?<units>[^)]+)\)\)\*\$$/u.exec(pattern)?.groups?.units;
  return units
    ? `a duration the API server takes: whole numbers, each followed by a unit (${units.split('|').join(', ')}) or none, ` +
        'with no decimal point and no blanks, such as 30s, 1m30s or 1500ms'
    : undefined;
}
