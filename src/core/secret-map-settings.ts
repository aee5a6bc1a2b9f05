import { looksGenerated } from './generated-runs';
import { nameWords } from './named-setting-values';

/**
 * 70a-12: settings inside a map under a name like a secret's, and a token's lifespan, as Authelia's configuration
 * writes them (authelia/authelia docs/content/configuration: second-factor/time-based-one-time-password.md `totp:
 * {disable, issuer, algorithm, digits, period, skew}`, identity-validation/reset-password.md `reset_password:
 * {jwt_lifespan, jwt_algorithm}`, identity-providers/openid-connect/provider.md `lifespans: {access_token: 1h}`): the
 * map's keys say what each value is (an issuer's name, an algorithm, a duration), no secret. Its secret keys
 * (`jwt_secret`, `secret`) keep the secret's word and are judged as any secret is.
 */

/** A setting's word, last in its key: who issues, for how long, by which algorithm, how many digits, on or off. */
const SETTING_WORD = /^(?:issuer|lifespan|algorithm|digits|period|skew|ttl|expiry|enabled?|disabled?)$/;
/** A secret's word in a key (plain-settings.ts SECRET_PART's). */
const SECRET_PART = /^(?:password|passwd|passphrase|pass|pwd|pw|token|secret|credentials?|creds|apikey|key|auth)$/;
/** A Go duration (pkg.go.dev/time#ParseDuration: `1h`, `90m`, `1h30m`), as Authelia reads one, or a day count (`7d`). */
const DURATION = /^(?:\d{1,6}(?:ns|us|µs|ms|s|m|h|d|w))+$/;

/** Whether `value` is a setting under `named`, a key whose last word names one and no word a secret (`issuer`, `jwt_lifespan`). */
function isSettingOfSecretMap(value: string, named: string): boolean {
  const words = nameWords(named);
  if (!SETTING_WORD.test(words[words.length - 1] ?? '') || words.some((word) => SECRET_PART.test(word))) return false;
  return value.length <= 253 && !looksGenerated(value);
}

/**
 * A duration under a token's name (`access_token: 1h`, `refresh_token: 90m`) or a one-time password's (`totp: 30s`, its
 * period): a token or a seed is never that short or that shaped.
 */
const isTokenLifespan = (value: string, named: string): boolean =>
  DURATION.test(value.trim()) && /^(?:token|[th]?otp)$/.test(nameWords(named).pop() ?? '');

/** A setting of a secret's map or a token's lifespan (above). */
export const isSecretMapSetting = (value: string, named: string): boolean =>
  isSettingOfSecretMap(value, named) || isTokenLifespan(value, named);
