/**
 * sprig's `int` (spf13/cast ToInt): a number truncated, true 1, a decimal text (`"2"`, `"2.0"`: cast trims a zero
 * fraction) its value, anything else 0. Texts in other bases are read as 0 here (a miss, never a false refusal).
 */
export function sprigInt(value: unknown): number {
  if (typeof value === 'number') return Math.trunc(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  const text = typeof value === 'string' ? value.replace(/^([+-]?\d+)\.0*$/, '$1') : '';
  return /^[+-]?\d+$/.test(text) ? parseInt(text, 10) : 0;
}
