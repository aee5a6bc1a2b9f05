import { looksGeneratedRun } from './generated-runs';
import { neutralVendorTokenSpans } from './neutral-vendor-tokens';
import { vendorTokenSpans } from './token-shapes';

/**
 * Whether a URL's userinfo is a user name alone, chosen, not a secret (round 62a-6): RFC 3986 section 3.2.1 reads
 * userinfo as `user[:password]`, and without a `:` there is no password. Clone URLs carry one as hosts print them:
 * Azure DevOps' `https://jdoe@dev.azure.com/org/project/_git/repo`, Bitbucket's `https://ops-team@bitbucket.org/acme/repo.git`,
 * and `https://git@host/…` as `ssh://git@host/…`. A name is at most 32 characters (useradd's limit, shadow-utils
 * `LOGIN_NAME_MAX`), words (PLAIN_NAME below) starting with a letter, or an e-mail address; not a vendor token
 * (`ghp_…`, `glpat-…`) and no piece that looks generated (`x7Hq9LmPz2Rt8VwK`, 40 hex): those are tokens sent as the user,
 * as `git clone https://<token>@github.com/…` does, and stay refused.
 */
export function isPlainUserName(user: string): boolean {
  // Round 63a-8: an e-mail address as the user, its `@` percent-encoded (`jdoe%40corp.com`, as Azure DevOps and
  // Bitbucket print it for an account named by e-mail): a plain name before it, a host name after it.
  const email = /^([^%]{1,64})%40((?:[a-z0-9-]{1,63}\.){1,8}[a-z]{2,24})$/i.exec(user);
  if (email) return isPlainUserName(email[1]);
  if (user.length > 32 || !(PLAIN_NAME.test(user) || isCapitalsName(user))) return false;
  // Random mixed case of letters alone (`QwErTyUi`) is three or more one- or two-letter words; `MyOrg`, `JDoe` are not.
  if (/[a-z0-9][A-Z]/.test(user) && (user.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])/g) ?? []).filter((word) => word.length <= 2).length >= 3)
    return false;
  if (vendorTokenSpans(user).length > 0 || neutralVendorTokenSpans(user).length > 0) return false;
  return !(user.match(/[A-Za-z0-9]+/g) ?? []).some((piece) => looksGeneratedRun(piece) || /^(?=.*\d)[0-9a-f]{16,}$/i.test(piece));
}

/**
 * Parts joined by single `.`, `-` or `_`; each a lower-case word or camelCase words (round 63a-7: `JohnDoe`, `MyOrg`,
 * Azure DevOps' organisation as the user), optionally after one or two initials (`JDoe`): every capital run longer
 * than two is refused (`SEKRITns`), and random mixed case (`AbXyQzWk`: three short words) is refused too.
 * Each word after the first starts with a capital, and `[a-z0-9]` stops at one, so a text is split one way only.
 */
const WORDS = String.raw`(?:[A-Z]{1,2}(?=[A-Z][a-z]))?[a-z0-9]*(?:[A-Z][a-z][a-z0-9]*)*`;
const PLAIN_NAME = new RegExp(String.raw`^${WORDS.replace('[a-z0-9]*', '[A-Za-z][a-z0-9]*')}(?:[._-](?=[A-Za-z0-9])${WORDS})*$`);
/**
 * 64a-12: a name in capitals, letters only (`CONTOSO`, `ACME-IT`: Azure DevOps prints the organisation as it was written,
 * `https://CONTOSO@dev.azure.com/CONTOSO/…`), each part of 2 to 24 letters read as a word is: a fifth or more of it
 * vowels and no five consonants in a row (`NORTHWIND`, `NGINX`; a random run of capitals, `GHPAXKQRTZUW`, mostly has
 * fewer or longer: about one in five of 8 to 24 random capitals passes, a known limit; a token has digits or lower case).
 */
const isCapitalsName = (user: string): boolean =>
  /^[A-Z]{2,24}(?:[-_][A-Z]{2,24}){0,3}$/.test(user) &&
  user.split(/[-_]/).every((part) => (part.match(/[AEIOUY]/g) ?? []).length * 5 >= part.length && !/[^AEIOUY]{5}/.test(part));
