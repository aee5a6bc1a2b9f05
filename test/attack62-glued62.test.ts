// Round 62 (the bench's keys53 row): a blank-free word of a million characters with a secret's name every few
// (`secretsecretsecret.`, `#access_token#access_token…`) was read whole once per name by glued-secret-names.ts: 219 s
// for 1 MB. Each name now reads a bounded window; the time is the bench's, here a hang fails by the timeout.
import { secretsInData } from '../src/core/secrets';

describe('round 62: names glued in one long word are read in bounded windows', () => {
  test.each([
    ['secret-like words before dots', 'secretsecretsecret.'],
    ['fragments of access tokens', '#access_token'],
    ['glued password names', 'password-'],
  ])(
    '1 MB of %s is judged',
    (_, unit) => {
      const text = unit.repeat(Math.ceil(1_000_000 / unit.length));
      expect(Array.isArray(secretsInData({ data: { k0: text } }))).toBe(true);
    },
    60_000,
  );

  test('a glued value is still found within the window', () => {
    const found = secretsInData({ data: { k0: `https://example.com/${'seg/'.repeat(200)}password-Zq8Wm3Lp0aKdRt5YvB7n` } });
    expect(found.length).toBeGreaterThan(0);
  });
});
