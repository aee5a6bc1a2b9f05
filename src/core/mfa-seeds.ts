import { looksGenerated } from './generated-runs';

/**
 * MFA seeds and recovery codes after their label (58a-5): `2FA backup: JBSWY3DPEHPK3PXR`, `mfa: JBSW…`, `google
 * authenticator key JBSW Y3DP EHPK 3PXS` (the seed grouped in fours, as authenticator apps show it), `recovery codes:
 * 8f3a-2b9c 4d7e-1a6f`. A TOTP seed is base32 (RFC 4648 alphabet A-Z, 2-7; RFC 6238, Google Authenticator's Key Uri
 * Format, github.com/google/google-authenticator/wiki/Key-Uri-Format); whoever holds it makes every code. A label with
 * a setting after it (`mfa: enabled`, `2fa: required`) holds no seed: a seed is 16 or more base32 characters that look
 * generated (generated-runs.ts), and a code list is two or more codes of four or more letters and digits, a digit in each.
 */
export const MFA_SECRET = 'an MFA seed or recovery code after its label (2fa: <base32 seed>, recovery codes: …, a BitLocker recovery key)';

/**
 * The label, then up to seven words (`backup`, `key`, `secret`; 72b-11: `setup key for the admin account is`) and
 * `:`/`=`/blanks before the seed. Each word is read whole (no letter after it), so a run of letters splits one way only;
 * blanks, then an optional `:`/`=` and blanks: one way only to match a run of blanks (review59-1: two optional blank
 * runs around an optional sign took time growing with the square of the run). The seed in groups of four or eight, as
 * Google's and Microsoft's authenticators show it (`JBSWY3DP EHPK3PXP …`, 72b-11), or whole. A seed that runs on with
 * `+` or `/` and a letter or digit is part of a base64 run (a jar's bytes: `…/MfA23pHEdw3cwFss3CYCOdgvcGAL5KfLBU5MX+Kz…`,
 * review61-6), no seed.
 */
const SEED =
  /\b(?:2fa|mfa|two[- ]?factor|totp|hotp|otp|authenticator|authy)(?:[^\S\n]*(?:[:=][^\S\n]*)?[A-Za-z][A-Za-z-]{0,15}(?![A-Za-z-])){0,7}?[^\S\n]*(?:[:=][^\S\n]*)?((?:[A-Za-z2-7]{4}(?:[A-Za-z2-7]{4})?[ -]){1,15}[A-Za-z2-7]{2,8}|[A-Za-z2-7]{16,128})(?![A-Za-z0-9]|[+/][A-Za-z0-9])/gi;

/**
 * 72b-11: a BitLocker recovery password, 48 digits in eight groups of six (learn.microsoft.com windows/security/
 * operating-system-security/data-protection/bitlocker/recovery-overview: it unlocks the drive), after `BitLocker` or
 * `recovery` and up to three words (`recovery key:`, `-RecoveryPassword`). Its key ID (a GUID) is no secret.
 */
const RECOVERY_PASSWORD =
  /\b(?:bitlocker|recovery)(?:[^\S\n]*(?:[:=][^\S\n]*)?[A-Za-z][A-Za-z-]{0,15}(?![A-Za-z-])){0,3}?[^\S\n]*(?:[:=][^\S\n]*)?(\d{6}(?:-\d{6}){7})(?![\d-])/dgi;

/**
 * `recovery codes`/`backup codes`/`scratch codes`, then two or more codes, on its line or (59a-2: a saved codes file, the
 * label above) on the lines below. A code ends at `,`, `;` or a blank, which a code never holds: one way to split a run.
 */
const CODES =
  /\b(?:recovery|backup|scratch|emergency)[ _-]?codes?[^\S\n]*(?:[:=][^\S\n]*)?(?:\n[^\S\n]*)?((?:[A-Za-z0-9]{4,10}(?:-[A-Za-z0-9]{4,10})*(?=[,;\s])[,;]?[^\S\n]*(?:\n[^\S\n]*)?){1,31}[A-Za-z0-9]{4,10}(?:-[A-Za-z0-9]{4,10})*)(?![A-Za-z0-9])/gi;

export function mfaSeedSpans(text: string): Array<[number, number]> {
  if (!/2fa|mfa|factor|otp|authenticator|authy|codes?\b|recovery|bitlocker/i.test(text)) return [];
  const found: Array<[number, number]> = [];
  for (const m of text.matchAll(SEED)) {
    const seed = m[1].replace(/[ -]/g, '');
    if (seed.length >= 16 && looksGenerated(seed)) found.push([m.index + m[0].length - m[1].length, m.index + m[0].length]);
  }
  for (const m of text.matchAll(RECOVERY_PASSWORD)) found.push(m.indices![1]!);
  for (const m of text.matchAll(CODES)) {
    // The codes up to the first without a digit: the words of a next line are no codes (`8f3k-2m9d 7h2j-4k8s\nnext line`).
    const start = m.index + m[0].length - m[1].length;
    let [count, end] = [0, 0];
    for (const code of m[1].matchAll(/[^,;\s]+/g)) {
      if (!/\d/.test(code[0])) break;
      [count, end] = [count + 1, code.index + code[0].length];
    }
    if (count >= 2) found.push([start, start + end]);
  }
  return found;
}
