import { redact, secretShape } from '../src/core/secrets';
import * as hostile from '../scripts/hostile-inputs';

// A long text with no URL in it must be scanned in linear time (an unbounded pattern took 2 s for 80,000 characters).
// Timed in `npm run bench` (hostile input); the generous timeout fails only a hang: quadratic takes minutes.
test.each(hostile.noSecretTexts())(
  'the secret shapes scan a 400 kB text (%s)',
  (_, text) => {
    expect(secretShape(text)).toBeUndefined();
    expect(redact(text)).toBe(text);
  },
  60_000,
);

// Private keys (PEM, PGP, base64-encoded; attack round 4 A5): many BEGIN lines, no END, long runs after one.
test.each(hostile.privateKeyTexts())(
  'the private-key shapes scan a 400 kB text (%s)',
  (_, text) => {
    expect(secretShape(text)).toBe('a private key');
    expect(redact(text)).not.toContain('BEGIN');
  },
  60_000,
);
