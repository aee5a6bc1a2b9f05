/**
 * A unit after a word of a property (secrets-keys.ts REFERENCE_WORD) qualifies that property (64a-6): `TOKEN_EXPIRY_SECONDS`, `TOKEN_TIMEOUT_MS`,
 * `API_TOKEN_EXPIRES_IN`, `TOKEN_LIFETIME_MINUTES` name a duration as `TOKEN_EXPIRY` does. Only after such a word: `TOKEN_MS` is a token.
 */
const UNIT_WORD =
  /^(?:in|at|ms|millis|milliseconds|us|ns|s|sec|secs|seconds|m|mins|minutes|h|hrs|hours|d|days|w|weeks|months|years|bytes|kb|mb|kib|mib)$/;
/** The word that says what a name holds: its last, or the one before a unit that qualifies a property (`expiry` in `TOKEN_EXPIRY_SECONDS`). */
export function namingWord(list: readonly string[], property: RegExp): string {
  const [last, before] = [list.at(-1) ?? '', list.at(-2)];
  // 69a-19: `in` then the unit (JHipster's `token-validity-in-seconds`, `TOKEN_TTL_IN_MS`) qualifies the word before both.
  const third = list.at(-3);
  if (UNIT_WORD.test(last) && before === 'in' && third !== undefined && property.test(third)) return third;
  return UNIT_WORD.test(last) && before !== undefined && property.test(before) ? before : last;
}
