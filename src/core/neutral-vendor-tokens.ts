import { inflated } from './gzip-members';
import { inPublicArmour } from './public-armour';
/**
 * Round 60 (60b-3): vendor tokens that token-shapes.ts' gitleaks-sized rules miss when no name beside them says
 * "secret" (an env entry named `OPENAI` or `X`):
 *
 * - OpenAI project, service-account and admin keys (`sk-proj-`, `sk-svcacct-`, `sk-admin-`; platform.openai.com/docs/
 *   api-reference/authentication) shorter than the 40 token-shapes.ts asks: the prefix is OpenAI's alone.
 * - SendGrid API keys `SG.<22>.<43>` (docs.sendgrid.com, "API Keys": the key ID and the secret, base64url) with other
 *   part lengths, where the parts look generated (upper- and lower-case letters and a digit each).
 * - Discord webhook URLs `https://discord.com/api/webhooks/<id>/<token>` (discord.com/developers/docs/resources/webhook,
 *   "Execute Webhook": the token in the path is the credential), also `discordapp.com`, `ptb.`/`canary.` and `/v10/`.
 * - An AWS secret access key: 40 characters of base64's alphabet (docs.aws.amazon.com/IAM/latest/UserGuide/
 *   id_credentials_access-keys.html, `wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`) where the run is unmistakable: upper-
 *   and lower-case letters and digits mixed as random base64 mixes them (10 or more changes of kind), no text when
 *   decoded, and a `/` or `+` inside (as 72% of keys have), or an access key id (`AKIA`/`ASIA` + 16) in the same text.
 *   A git SHA or a hex digest (no upper case), a path of words (few changes of kind) and base64 of text pass.
 * - Round 61 (61a-8): a Discord bot token `<user id>.<timestamp>.<HMAC>` (Rapptz/discord.py docs/token.rst: the first
 *   part is the user id in base64, the second 6 characters, the third the HMAC): taken only where the first part
 *   decodes to a snowflake id (17 to 20 digits), so dotted names and versions pass.
 */

const OPENAI_PROJECT_KEY = /(?<![A-Za-z0-9])sk-(?:proj|svcacct|admin)-(?=[\w-]{0,199}[0-9])(?=[\w-]{0,199}[A-Za-z])[\w-]{20,}(?![\w-])/g;
const SENDGRID_KEY = /(?<![A-Za-z0-9])SG\.([\w-]{16,32})\.([\w-]{16,64})(?![\w-])/g;
const DISCORD_WEBHOOK = /\bhttps?:\/\/(?:(?:ptb|canary)\.)?discord(?:app)?\.com\/api\/(?:v\d{1,2}\/)?webhooks\/\d{15,21}\/([\w-]{20,})/gi;
// 65a-9: after a digest's name as OkHttp writes a pin (`sha256/`, `sha1/`) the run is judged alone: a real pin is 43 or 27
// characters then `=` (square/okhttp CertificatePinner), so a 40-character run there is no pin.
const AWS_SECRET = /(?:(?<![A-Za-z0-9+/])|(?<=(?<![A-Za-z0-9+/])[Ss][Hh][Aa](?:1|224|256|384|512)\/))[A-Za-z0-9+/]{40}(?![A-Za-z0-9+/=])/g;
const AWS_KEY_ID = /(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/;

const DISCORD_BOT_TOKEN = /(?<![\w.-])([A-Za-z0-9_-]{23,28})\.[\w-]{6,7}\.[\w-]{27,40}(?![\w.-])/g;

const GENERATED = /^(?=[^A-Z]*[A-Z])(?=[^a-z]*[a-z])(?=\D*\d)/;
/**
 * How often a run's letters and digits change between upper case, lower case and digits (`/` and `+` skipped): 25 on
 * average in 40 random base64 characters, 13 in AWS' documented example, 8 in `Users/jdoe/Documents/Project2024/Configs`.
 */
function kindChanges(run: string): number {
  const kinds = run.replace(/[+/]/g, '').replace(/[A-Z]/g, 'U').replace(/[a-z]/g, 'l').replace(/\d/g, '9');
  let changes = 0;
  for (let i = 1; i < kinds.length; i++) if (kinds[i] !== kinds[i - 1]) changes++;
  return changes;
}
/** Whether a base64 run decodes to printable text (then it is text, judged as such by text-decodings.ts). */
const decodesToText = (run: string): boolean => /^[\t\n\r\x20-\x7e]*$/.test(Buffer.from(run, 'base64').toString('latin1'));

/**
 * A path part written as a word: lower-case letters first, then camel-case words or numbers (`org`, `iq80`, `k8sUtils`,
 * `SnappyFramedOutputStream`, `HealthCheck2Handler`): a Java class path of 40 characters is no key (review61-6). Each part
 * has two lower-case letters in a row, the run four. Random base64 with a `/` splits so about once in 2,400 keys (1e6
 * tried), and such a key beside its access key id is still taken.
 */
const WORD_LIKE = /^[A-Za-z][a-z\d]*(?:[A-Z][a-z\d]+)*$/;
const wordPath = (run: string): boolean =>
  /[a-z]{4}/.test(run) && run.split('/').every((part) => WORD_LIKE.test(part) && /[a-z]{2}/.test(part));

/** `keyId`: whether the text holds an access key id (tested once per text). */
function isAwsSecret(run: string, keyId: boolean): boolean {
  if (!GENERATED.test(run) || kindChanges(run) < 10 || decodesToText(run)) return false;
  // 67a-24: base64 of a whole gzip stream (`H4sI`: RFC 1952's magic) is compressed data, judged by what it inflates to.
  if (run.startsWith('H4sI') && Buffer.isBuffer(inflated(Buffer.from(run, 'base64')))) return false;
  if (keyId) return true;
  return /[+/]/.test(run) && !/^\/|\/$|\/\//.test(run) && !wordPath(run);
}

/** Spans of `text` that are one of these vendors' tokens. */
export function neutralVendorTokenSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const add = (at: number, length: number): number => spans.push([at, at + length]);
  if (text.includes('sk-')) for (const m of text.matchAll(OPENAI_PROJECT_KEY)) add(m.index, m[0].length);
  if (text.includes('SG.')) {
    for (const m of text.matchAll(SENDGRID_KEY)) if (GENERATED.test(m[1]) && GENERATED.test(m[2])) add(m.index, m[0].length);
  }
  if (/discord/i.test(text)) {
    for (const m of text.matchAll(DISCORD_WEBHOOK)) add(m.index + m[0].length - m[1].length, m[1].length);
  }
  if (text.length < 40) return spans;
  for (const m of text.matchAll(DISCORD_BOT_TOKEN)) {
    if (/^\d{17,20}$/.test(Buffer.from(m[1], 'base64url').toString('latin1'))) add(m.index, m[0].length);
  }
  const keyId = AWS_KEY_ID.test(text);
  // 70a-13: a 40-character line of a PGP public key block's or a certificate's base64 is public, random bytes.
  for (const m of text.matchAll(AWS_SECRET)) {
    if (isAwsSecret(m[0], keyId) && !inPublicArmour(text, m.index, m[0].length)) add(m.index, m[0].length);
  }
  return spans;
}

/** What a finding of neutralVendorTokenSpans is called (secrets-formats.ts FORMAT_FINDERS). */
export const NEUTRAL_VENDOR_TOKEN =
  'a vendor token (an OpenAI sk-proj- key, a SendGrid SG. key, a Discord webhook URL or bot token, or an AWS secret access key)';

/**
 * Round 63 (63a-16): which of these vendors the first finding in `text` is, so a refusal names it (README: a refusal
 * names the vendor where the shape says it). Never the token.
 */
export function neutralVendorTokenIn(text: string): string {
  const [span] = neutralVendorTokenSpans(text);
  const token = span ? text.slice(span[0], span[1]) : '';
  if (token.startsWith('sk-')) return 'an OpenAI API key (a vendor token)';
  if (token.startsWith('SG.')) return 'a SendGrid API key (a vendor token)';
  if (/discord/i.test(text) && !token.includes('.')) return 'a Discord webhook URL (a vendor token)';
  if (token.length === 40 && !token.includes('.')) return 'an AWS secret access key (a vendor token)';
  return token.includes('.') ? 'a Discord bot token (a vendor token)' : NEUTRAL_VENDOR_TOKEN;
}
