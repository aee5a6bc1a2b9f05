import { looksGenerated } from './generated-runs';
import { atFirstUse } from './lazy-regexp';

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
 * 74a-10: a seed's label as authenticator apps and sites write it beside `2fa`/`totp`: Google Authenticator's `setup
 * key` ("Enter a setup key"), and its name in other languages' apps (German `Einrichtungsschlüssel`, French `clé de
 * configuration`, Spanish `clave de configuración`, Italian `chiave di configurazione`, Portuguese `chave de
 * configuração`), accented letters as written or folded.
 */
const SEED_LABEL = [
  String.raw`2fa|mfa|two[- ]?factor|totp|hotp|otp|authenticator|authy|setup[ _-]?key`,
  String.raw`einrichtungs[ _-]?schl(?:ü|ue|u)ssel|cl[ée] de configuration|clave de configuraci[óo]n`,
  String.raw`chiave di configurazione|chave de configura(?:ç|c)(?:ã|a)o`,
].join('|');
/**
 * A word between a label and its value: Latin letters, accented ones too (`TOTP-Schlüssel`, 74a-10), maybe glued to the
 * label by `-`; read whole (no letter after it), so a run of letters splits one way only.
 */
const LABEL_WORD = String.raw`-?[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f-]{0,15}(?![A-Za-z\u00c0-\u024f-])`;
/**
 * What stands between label, words and value: blanks, then maybe a closing `)` (`Seed (Google Authenticator):`), then
 * maybe `:`, `=` or a dash (`MFA seed for grafana-admin — …`) and blanks; each part one way only (review59-1: two
 * optional blank runs around an optional sign took time growing with the square of the run).
 */
const GAP = String.raw`[^\S\n]*(?:\)[^\S\n]*)?(?:[:=\u2013\u2014][^\S\n]*)?`;
/**
 * The label, then up to seven words (`backup`, `key`, `secret`; 72b-11: `setup key for the admin account is`) before the
 * seed, on its line or (74a-10: `Authenticator setup key:` above it) on the next. The seed in groups of four or eight, as
 * Google's and Microsoft's authenticators show it (`JBSWY3DP EHPK3PXP …`, 72b-11), or whole. A seed that runs on with
 * `+` or `/` and a letter or digit is part of a base64 run (a jar's bytes: `…/MfA23pHEdw3cwFss3CYCOdgvcGAL5KfLBU5MX+Kz…`,
 * review61-6), no seed. Each count of words is tried in turn (74a-10: in `MFA seed for grafana-admin — JBSW …` the
 * words `seed for` read as a seed of two groups, rejected, hid the seed after them); each try is bounded, so linear.
 */
const SEED_LABELS = new RegExp(String.raw`\b(?:${SEED_LABEL})`, 'gi');
const SEED_AFTER_WORDS = Array.from(
  { length: 8 },
  (_, count) =>
    new RegExp(
      String.raw`(?:${GAP}${LABEL_WORD}){${count}}${GAP}(?:\r?\n[^\S\n]*)?` +
        String.raw`((?:[A-Za-z2-7]{4}(?:[A-Za-z2-7]{4})?[ -]){1,15}[A-Za-z2-7]{2,8}|[A-Za-z2-7]{16,128})(?![A-Za-z0-9]|[+/][A-Za-z0-9])`,
      'iy',
    ),
);

/** The span of the seed after a label ending at `at`, or undefined. */
function seedAfter(text: string, at: number): [number, number] | undefined {
  for (const after of SEED_AFTER_WORDS) {
    after.lastIndex = at;
    const m = after.exec(text);
    if (!m) continue;
    const seed = m[1].replace(/[ -]/g, '');
    if (seed.length >= 16 && looksGenerated(seed)) return [at + m[0].length - m[1].length, at + m[0].length];
  }
  return undefined;
}

/**
 * 74a-9: what Windows labels the BitLocker recovery key with in other languages than English (German
 * `Wiederherstellungsschlüssel`, French `clé de récupération`, Spanish `clave de recuperación`, Portuguese `chave de
 * recuperação`, Italian `chiave di ripristino`, Dutch `herstelsleutel`, Polish `klucz odzyskiwania`, Swedish
 * `återställningsnyckel`, Danish `genoprettelsesnøgle`, Norwegian `gjenopprettingsnøkkel`, Finnish `palautusavain`, Czech
 * `obnovovací klíč`, Turkish `kurtarma anahtarı`, Russian `ключ восстановления`, Japanese `回復キー`, Chinese `恢复密钥`,
 * Korean `복구 키`), accented letters as written or folded.
 */
const RECOVERY_LABEL = [
  String.raw`bitlocker|recovery|wiederherstellungs[ _-]?(?:schl(?:ü|ue|u)ssel|kennwort|passwort)`,
  String.raw`cl[ée] de r[ée]cup[ée]ration|clave de recuperaci[óo]n|chave de recupera(?:ç|c)(?:ã|a)o|chiave di ripristino`,
  String.raw`herstel[ _-]?sleutel|klucz odzyskiwania|(?:å|a)terst(?:ä|a)llningsnyckel|genoprettelsesn(?:ø|o)gle`,
  String.raw`gjenopprettingsn(?:ø|o)kkel|palautusavain|obnovovac(?:í|i) kl(?:í|i)(?:č|c)|kurtarma anahtar(?:ı|i)`,
  String.raw`ключ восстановления|回復キー|恢复密钥|복구 키`,
].join('|');
/**
 * 72b-11: a BitLocker recovery password, 48 digits in eight groups of six (learn.microsoft.com windows/security/
 * operating-system-security/data-protection/bitlocker/recovery-overview: it unlocks the drive), after `BitLocker`,
 * `recovery` or RECOVERY_LABEL and up to three words (`recovery key:`, `-RecoveryPassword`). Its key ID (a GUID) is no secret.
 */
const RECOVERY_PASSWORD = atFirstUse(
  () =>
    new RegExp(
      String.raw`(?<![\p{L}\p{N}_])(?:${RECOVERY_LABEL})(?:[^\S\n]*(?:[:=][^\S\n]*)?-?\p{L}[\p{L}-]{0,15}(?![\p{L}-])){0,3}?` +
        String.raw`[^\S\n]*(?:[:=\uff1a][^\S\n]*)?(\d{6}(?:-\d{6}){7})(?![\d-])`,
      'dgiu',
    ),
);

/**
 * `recovery codes`/`backup codes`/`scratch codes`, then two or more codes, on its line or (59a-2: a saved codes file, the
 * label above) on the lines below. A code ends at `,`, `;` or a blank, which a code never holds: one way to split a run.
 */
const CODES =
  /\b(?:recovery|backup|scratch|emergency)[ _-]?codes?[^\S\n]*(?:[:=][^\S\n]*)?(?:\n[^\S\n]*)?((?:[A-Za-z0-9]{4,10}(?:-[A-Za-z0-9]{4,10})*(?=[,;\s])[,;]?[^\S\n]*(?:\n[^\S\n]*)?){1,31}[A-Za-z0-9]{4,10}(?:-[A-Za-z0-9]{4,10})*)(?![A-Za-z0-9])/gi;

export function mfaSeedSpans(text: string): Array<[number, number]> {
  if (!/2fa|mfa|factor|otp|authenticator|authy|setup|configura|schl|codes?\b|recovery|bitlocker|\d{6}-\d{6}/i.test(text)) return [];
  const found: Array<[number, number]> = [];
  for (const label of text.matchAll(SEED_LABELS)) {
    const seed = seedAfter(text, label.index + label[0].length);
    if (seed) found.push(seed);
  }
  for (const m of text.matchAll(RECOVERY_PASSWORD())) found.push(m.indices![1]!);
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
