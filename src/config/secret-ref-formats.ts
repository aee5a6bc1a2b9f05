import { looksGeneratedName } from '../core/generated-runs';
import { looksGenerated } from '../core/secrets-keys';

/**
 * The name and key of a Kubernetes Secret that a first-class key refers to (`kubeVip.bgp.passwordSecret`,
 * `certManager.issuers.*.solver.dns01.tokenSecret`). A password is pasted there by mistake: no message quotes the
 * value or anything derived from it (no lower-case hint), and one that looks generated (core/secrets-keys.ts
 * looksGenerated: letters and digits mixed as in a generated key) is taken for the secret itself and refused, by the rule a
 * reference's names and keys follow under `traefik.values` (refersToSecret; README "Guarantees").
 */

/** IsDNS1123Subdomain's pattern (formats.ts has the same). */
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** A Secret's data key (k8s IsConfigMapKey). */
const DATA_KEY = /^[-._a-zA-Z0-9]+$/;

const NOT_SHOWN = '(the value is not shown: a password may have been pasted here)';

const generated = (what: string, example: string): string =>
  `looks generated (12 or more letters and digits mixed), as a password does, not chosen as a Secret's ${what} is ${NOT_SHOWN}: ` +
  `write the Secret's ${what} (e.g. "${example}"), never the password itself`;

/** The name of a Secret a first-class key refers to: a DNS-1123 subdomain that does not look generated. */
export const secretName = (value: string): string | undefined => {
  if (value.length > 253) return `is ${value.length} characters, at most 253 for a Secret's name ${NOT_SHOWN}`;
  if (!DNS1123_SUBDOMAIN.test(value)) {
    return `is not a valid Secret name ${NOT_SHOWN}: use lower-case letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit`;
  }
  return looksGeneratedName(value) ? generated('name', 'bgp-auth') : undefined;
};

/** The key in a Secret's data a first-class key refers to (IsConfigMapKey) that does not look generated. */
export const secretKey = (value: string): string | undefined => {
  if (value.length > 253) return `is ${value.length} characters, at most 253 for a key of a Secret ${NOT_SHOWN}`;
  if (!DATA_KEY.test(value)) return `is not a valid Secret key ${NOT_SHOWN}: use letters, digits, '-', '_' and '.'`;
  if (value === '.' || value.startsWith('..'))
    return `is not a valid Secret key ${NOT_SHOWN}: it must not be "." or "..", nor start with ".."`;
  return looksGenerated(value) ? generated('key', 'password') : undefined;
};
