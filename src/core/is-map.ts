/** A plain map of parsed or given data (a YAML mapping, a props object): an object that is no list and not null. */
export const isMap = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
