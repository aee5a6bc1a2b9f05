/**
 * Tokens a vendor marks with a fixed prefix, which secret scanners recognise without any key beside them: GitHub,
 * GitLab, Slack, Stripe, AWS, npm, Google, OpenAI, Anthropic, JWTs, age and PuTTY private keys. Prefixes, lengths and
 * alphabets are gitleaks' rules (gitleaks/gitleaks config/gitleaks.toml, v8.30.0: ids github-pat, github-oauth,
 * github-app-token, github-refresh-token, github-fine-grained-pat, gitlab-pat, gitlab-runner-authentication-token,
 * gitlab-deploy-token, gitlab-ptt, slack-*, stripe-access-token, aws-access-token, npm-access-token, gcp-api-key,
 * openai-api-key, anthropic-api-key, jwt, age-secret-key), with the vendors' formats they cite. Each pattern starts
 * only where a run of its alphabet starts (a lookbehind), so a long run is scanned once: linear in the text.
 */

/** What a fixed-prefix token is called in findings (`FoundSecret.what`). */
export const VENDOR_TOKEN = 'a vendor token with a fixed prefix (ghp_, glpat-, xoxb-, sk_live_, AKIA…, npm_, AIza…, a JWT)';
/** What an age or PuTTY private key is called in findings. */
export const TOOL_PRIVATE_KEY = 'a private key (age AGE-SECRET-KEY-1…, or the Private-Lines of a PuTTY-User-Key-File)';

const TOKENS = [
  // GitHub: `ghp_`/`gho_`/`ghu_`/`ghs_`/`ghr_` + 36 (30 random + a 6-character checksum); fine-grained `github_pat_` + 82.
  String.raw`(?<![A-Za-z0-9])gh[pousr]_[A-Za-z0-9]{36}(?![A-Za-z0-9])`,
  String.raw`(?<![A-Za-z0-9])github_pat_\w{82}(?!\w)`,
  // GitLab: personal, runner and deploy tokens (20 or more: newer ones are longer), pipeline trigger tokens (40 hex).
  String.raw`(?<![A-Za-z0-9])gl(?:pat|rt|dt)-[\w-]{20}`,
  String.raw`(?<![A-Za-z0-9])glptt-[0-9a-f]{40}`,
  // Slack: bot, user, workspace, legacy and config tokens (`xox?-` then digits and an alphanumeric part), app tokens.
  String.raw`(?<![\w-])xox[abposre]-(?=[A-Za-z0-9-]*\d)[A-Za-z0-9-]{10,}`,
  String.raw`(?<![\w-])xapp-\d-[A-Za-z0-9-]{10,}`,
  // A Slack incoming webhook's path is its credential.
  String.raw`hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9+/]{43,}`,
  // Stripe secret and restricted keys.
  String.raw`(?<![\w-])(?:sk|rk)_(?:test|live|prod)_[A-Za-z0-9]{10,}`,
  // AWS access key IDs (long-term AKIA, temporary ASIA, …): base32, 16 after the prefix.
  String.raw`(?<![A-Za-z0-9])(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Za-z0-9])`,
  // npm access tokens (36 after the prefix; npm's own check is case-insensitive).
  String.raw`(?<![A-Za-z0-9])[Nn][Pp][Mm]_[A-Za-z0-9]{36}(?![A-Za-z0-9])`,
  // Google API keys.
  String.raw`(?<![\w-])AIza[\w-]{35}(?![\w-])`,
  // OpenAI keys carry `T3BlbkFJ` ("OpenAI" in base64); Anthropic's `sk-ant-api03-` keys.
  String.raw`(?<![\w-])sk-(?:(?:proj|svcacct|admin)-)?[\w-]{20,74}T3BlbkFJ[\w-]{20,74}`,
  String.raw`(?<![\w-])sk-ant-(?:api|admin)\d\d-[\w-]{80,}`,
  // A JWT: a base64url JSON header and payload (`{"` is `eyJ`), then its signature (empty for `alg: none`).
  String.raw`(?<![\w.-])eyJ[\w-]{14,}\.eyJ[\w-]{14,}\.[\w-]*`,
];

/**
 * age's secret key: Bech32's alphabet, 58 characters after `AGE-SECRET-KEY-1` (FiloSottile/age,
 * age-encryption.org/v1: 32 bytes and a checksum). PuTTY's `.ppk`: the base64 lines after `Private-Lines: N`
 * (the private key; `Public-Lines` and `Private-MAC` tell nothing), on lines or blanks, as a text may join them.
 */
const KEYS = [
  String.raw`(?<![A-Za-z0-9-])AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}(?![A-Za-z0-9])`,
  String.raw`Private-Lines:\s*\d+(?:\s+[A-Za-z0-9+/]+={0,2})+`,
];

const TOKEN = new RegExp(TOKENS.join('|'), 'g');
const KEY = new RegExp(KEYS.join('|'), 'gi');
/** What every token or key above holds: a text without any holds none, and is not scanned further. */
const CLUE =
  /gh[pousr]_|github_pat_|gl(?:pat|rt|dt|ptt)-|xox[abposre]-|xapp-|hooks\.slack\.com|[sr]k_(?:test|live|prod)_|A3T|AKIA|ASIA|ABIA|ACCA|npm_|AIza|T3BlbkFJ|sk-ant-|eyJ/i;
const KEY_CLUE = /AGE-SECRET-KEY-1|Private-Lines:/i;

const spansOf = (pattern: RegExp, text: string): Array<[number, number]> =>
  [...text.matchAll(pattern)].map(({ index, 0: match }) => [index, index + match.length]);

/** Where a text holds a fixed-prefix token. */
export function vendorTokenSpans(text: string): Array<[number, number]> {
  return CLUE.test(text) ? spansOf(TOKEN, text) : [];
}

/** Where a text holds an age secret key or a PuTTY key's private lines. */
export function toolPrivateKeySpans(text: string): Array<[number, number]> {
  return KEY_CLUE.test(text) ? spansOf(KEY, text) : [];
}
