/**
 * cloud-init's `chpasswd` map (68a-18; docs.cloudinit.readthedocs.io/en/latest/reference/modules.html, "Set Passwords":
 * `chpasswd: {expire: bool, users: [{name, password, type: hash | text | RANDOM}]}`): a key named like a secret whose
 * map only holds users, so its fields are judged by their own keys (secrets-keys.ts refersToSecret): a `password` that
 * is a crypt hash (`type: hash`) passes, a clear one is refused under `password`. Its deprecated `list` of
 * `user:password` lines is no such map: the text under `chpasswd` is judged whole.
 */
export function isChpasswdOfUsers(under: string, record: Record<string, unknown>): boolean {
  if (under !== 'chpasswd' || !Array.isArray(record.users)) return false;
  if (!Object.keys(record).every((key) => key === 'users' || (key === 'expire' && typeof record.expire === 'boolean'))) return false;
  return record.users.every(
    (user: unknown) => !!user && typeof user === 'object' && !Array.isArray(user) && Object.keys(user).every((key) => USER_KEYS.has(key)),
  );
}

/** A `chpasswd.users` entry's keys. */
const USER_KEYS = new Set(['name', 'password', 'type']);
