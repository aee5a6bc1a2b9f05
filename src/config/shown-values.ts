import { oneLine } from '../core/problem';
import { redact, secretValues } from '../core/secrets';

/** A value as the message quotes it, one over 80 characters cut to its head and size (one readable line); a secret blanked first, so no cut shows its head. */
export function show(value: string): string {
  const secrets = secretValues(value);
  const shown = secrets.length ? redact(value, secrets) : value;
  return oneLine(shown.length > 80 ? `${JSON.stringify(shown.slice(0, 60))}... (${value.length} characters)` : JSON.stringify(shown));
}

/** When length is the problem: `"…" is 64 characters, at most 63` and what the limit belongs to. */
export function tooLong(value: string, max: number, what = ''): string | undefined {
  return value.length > max ? `${show(value)} is ${value.length} characters, at most ${max}${what}` : undefined;
}
