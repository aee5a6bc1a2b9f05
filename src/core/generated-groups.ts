import { looksGenerated } from './generated-runs';

/**
 * Round 61 (attack 61a-2): a generated password made of groups joined by one separator, as Apple's Keychain suggests them
 * (`kTqvWx-2mPz9d-Lr4nBh`: 20 characters, upper and lower case, digits and hyphens, per Apple Platform Security,
 * "Automatic strong passwords", support.apple.com/guide/security/secc84c811c4), or joined by `_` or `.`.
 * A separator cuts the letters-and-digits run that looksGenerated reads, so each group was judged alone and too short.
 * Here the groups are read together: three or more groups of four or more (two, `2KFQnbNIdI.2KYOU`, is as often a
 * device's hash or a version as a password), all joined by the same separator (a group with another one fails), each mixing
 * two of upper case, lower case and digits, the whole value holding both cases, and the groups run together looking
 * generated. Both cases are required on purpose: the hyphenated names a config holds are lower case (DNS-1123: a
 * Kubernetes name `my-app-v2`, a pod `web-7d9f8c6b5-x2kqz`, a host, an image tag) or hex of one case (a UUID), and stay
 * what they are; a grouped password of one case is left to the other readers (a known limit).
 */
const GROUPED = /^[A-Za-z0-9]{4,64}(?:([-_.])[A-Za-z0-9]{4,64}){2,7}$/;

export function looksGeneratedGroups(value: string): boolean {
  if (value.length > 256) return false;
  const match = GROUPED.exec(value);
  if (!match || !/[a-z]/.test(value) || !/[A-Z]/.test(value)) return false;
  const groups = value.split(match[1]);
  const classes = (group: string) => [/[A-Z]/, /[a-z]/, /\d/].filter((c) => c.test(group)).length;
  return groups.every((group) => /^[A-Za-z0-9]+$/.test(group) && classes(group) >= 2) && looksGenerated(groups.join(''));
}

/** looksGenerated, or a grouped value as above: what the prose and label readers ask of a value named a secret. */
export const looksGeneratedOrGrouped = (value: string): boolean => looksGenerated(value) || looksGeneratedGroups(value);
