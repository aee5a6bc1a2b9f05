import { isPlaceholder } from './placeholders';

/**
 * Attack round 47a-5: a credential after an HTTP auth scheme (`Bearer Zq9xW3vLp7Rt`) is one from 8 token characters
 * on, in any text, env value or probe header: one of 16 or more with a digit (as before); a shorter one with letters
 * and digits, of 12 or more or in both cases (a random token's shape). A version, a date or a word of prose after
 * `Basic`/`Bearer` ("Basic v1.2.3", "Bearer 2024-01-01", "Bearer tokens") is none; `Bearer $TOKEN` and
 * `Bearer ${TOKEN}` hold no token characters to read.
 */
export function isAuthCredential(match: string): boolean {
  if (isPlaceholder(match)) return false; // `Bearer YOUR_API_TOKEN_HERE` (51a-11)
  const body = match.replace(/=+$/, '');
  if (body.length >= 16) return true;
  if (!/[A-Za-z]/.test(body)) return false;
  return body.length >= 12 || (/[a-z]/.test(body) && /[A-Z]/.test(body));
}
