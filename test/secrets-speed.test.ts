import { redact, secretShape } from '../src/core/secrets';

// A long text with no URL in it must be scanned in linear time (an unbounded pattern took 2 s for 80,000 characters).
test.each([
  ['a.'.repeat(200_000)],
  ['http'.repeat(100_000)],
  ['https://'.repeat(50_000)],
  ['x:'.repeat(200_000)],
  ['?token'.repeat(60_000)],
])('the secret shapes scan a 400 kB text quickly (%#)', (text) => {
  const started = process.hrtime.bigint();
  expect(secretShape(text)).toBeUndefined();
  expect(redact(text)).toBe(text);
  // A generous bound: the point is linear, not fast; quadratic takes minutes.
  expect(Number(process.hrtime.bigint() - started) / 1e9).toBeLessThan(10);
});
