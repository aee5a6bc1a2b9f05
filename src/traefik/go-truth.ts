/**
 * Go templates' truth (text/template `if`, which Helm charts use): false, 0, nil and empty texts, lists and
 * maps are false, every other value is true. Helm reads the values' numbers as float64, so 0.0 is 0.
 */
export function goTruthy(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  return typeof value !== 'object' || Object.keys(value).length > 0;
}
