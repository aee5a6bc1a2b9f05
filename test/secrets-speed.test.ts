import { redact, secretShape } from '../src/core/secrets';

// A long text with no URL in it must be scanned in linear time (an unbounded pattern took 2 s for 80,000 characters).
test.each([
  ['a.'.repeat(200_000)],
  ['http'.repeat(100_000)],
  ['https://'.repeat(50_000)],
  ['x:'.repeat(200_000)],
  ['?token'.repeat(60_000)],
  ['LS0tLS1CRUdJTi'.repeat(30_000)],
  [`LS0tLS1CRUdJTi${'A'.repeat(400_000)}`],
  ['#access_token'.repeat(30_000)],
  ['Bearer '.repeat(60_000)],
  [`bearer${' '.repeat(400_000)}`],
  [`Basic ${'A'.repeat(400_000)}`],
])('the secret shapes scan a 400 kB text quickly (%#)', (text) => {
  const started = process.hrtime.bigint();
  expect(secretShape(text)).toBeUndefined();
  expect(redact(text)).toBe(text);
  // A generous bound: the point is linear, not fast; quadratic takes minutes.
  expect(Number(process.hrtime.bigint() - started) / 1e9).toBeLessThan(10);
});

// Private keys (PEM, PGP, base64-encoded; attack round 4 A5): many BEGIN lines, no END, long runs after one.
test.each([
  ['-----BEGIN PRIVATE KEY-----'.repeat(15_000)],
  ['-----BEGIN PGP PRIVATE KEY BLOCK-----\n'.repeat(10_000)],
  [`-----BEGIN PRIVATE KEY-----${'-'.repeat(400_000)}`],
  [`-----BEGIN PRIVATE KEY-----\n${'A'.repeat(16)}${' '.repeat(400_000)}`],
  [`-----BEGIN RSA PRIVATE KEY-----${'\n  AAAAAAAAAAAAAAAAAAAA'.repeat(20_000)}`],
])('the private-key shapes scan a 400 kB text quickly (%#)', (text) => {
  const started = process.hrtime.bigint();
  expect(secretShape(text)).toBe('a private key');
  expect(redact(text)).not.toContain('BEGIN');
  expect(Number(process.hrtime.bigint() - started) / 1e9).toBeLessThan(10);
});
