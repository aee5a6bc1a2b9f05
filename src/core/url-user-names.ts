import { looksGeneratedRun } from './generated-runs';
import { neutralVendorTokenSpans } from './neutral-vendor-tokens';
import { vendorTokenSpans } from './token-shapes';

/**
 * Whether a URL's userinfo is a user name alone, chosen, not a secret (round 62a-6): RFC 3986 section 3.2.1 reads
 * userinfo as `user[:password]`, and without a `:` there is no password. Clone URLs carry one as hosts print them:
 * Azure DevOps' `https://jdoe@dev.azure.com/org/project/_git/repo`, Bitbucket's `https://ops-team@bitbucket.org/acme/repo.git`,
 * and `https://git@host/…` as `ssh://git@host/…`. A name is at most 32 characters (useradd's limit, shadow-utils
 * `LOGIN_NAME_MAX`), lower-case letters and digits (each part may start with a capital) joined by single `.`, `-` or
 * `_`, starting with a letter; not a vendor token
 * (`ghp_…`, `glpat-…`) and no piece that looks generated (`x7Hq9LmPz2Rt8VwK`, 40 hex): those are tokens sent as the user,
 * as `git clone https://<token>@github.com/…` does, and stay refused.
 */
export function isPlainUserName(user: string): boolean {
  // Each part lower case, or a capitalised word (`Contoso`, `John.Doe`): a run of capitals glued to more letters (`SEKRITns`) is not.
  if (user.length > 32 || !/^[A-Za-z][a-z0-9]*(?:[._-][A-Z]?[a-z0-9]+)*$/.test(user)) return false;
  if (vendorTokenSpans(user).length > 0 || neutralVendorTokenSpans(user).length > 0) return false;
  return !(user.match(/[A-Za-z0-9]+/g) ?? []).some((piece) => looksGeneratedRun(piece) || /^(?=.*\d)[0-9a-f]{16,}$/i.test(piece));
}
