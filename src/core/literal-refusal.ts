import { isUnusableEntry } from './auth-user-entries';
import type { Path } from './problem';
import { referenceExample } from './secret-advice';
import { FoundSecret, secretRefusal as refusal } from './secrets';

/**
 * The refusal of a secret found by the name it is set under (attack round 52a-18): the value was taken as a literal, and
 * the message says so and names what would have been accepted there, so someone who wrote a stand-in the rules do not
 * know learns which to write (placeholders.ts, encrypted-values.ts, secrets-text.ts isReference). A secret of a shape
 * (a K3s token, a private key) is refused by its shape, whatever stands around it: no such hint.
 */
const BY_NAME = /named like (?:a secret|one)|a name like a secret|a line setting /;

const hint = (path: Path): string =>
  `; it was taken as a literal value: where it is not the secret, write a reference (${referenceExample(path)}), ` +
  'a placeholder such as `<your-password>` or `REPLACE_ME`, or a value encrypted by SOPS or Ansible Vault';

/**
 * secrets.ts secretRefusal's message, with the hint above where the secret was found by its name. A BasicAuth hash that
 * Traefik cannot check is no secret written out (58a-10): it is said alone, with the hashes that work.
 */
export function secretRefusal(secret: FoundSecret): string {
  if (isUnusableEntry(secret.what)) return `holds ${secret.what}`;
  const message = refusal(secret);
  return BY_NAME.test(secret.what) && message.startsWith('holds ') ? `${message}${hint(secret.path)}` : message;
}
