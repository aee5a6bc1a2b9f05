import { isPasswordHash } from './password-hashes';

/**
 * 79a-21: Dex's `staticPasswords` (dexidp/dex cmd/dex/config.go, `password.UnmarshalJSON`: `email`, `username`,
 * `userID`, `hash` or `hashFromEnv`; storage/storage.go Password adds `name`, `preferredUsername`, `emailVerified`,
 * `groups`): a list of users under a key named like a secret, each with a bcrypt `hash` (Dex refuses any other, or
 * reads it from the env var `hashFromEnv` names). Such a list holds who the users are and their hashes, no password: its
 * fields are judged by their own keys, as cloud-init's `chpasswd.users` are (cloud-init-chpasswd.ts). An entry with any
 * other field (a clear `password:`), or a `hash` that is no well-formed hash, leaves the whole list judged as a secret.
 */
export function isDexStaticPasswords(under: string, value: unknown): boolean {
  if (under !== 'staticPasswords' || !Array.isArray(value) || value.length === 0 || value.length > 1000) return false;
  return value.every((user: unknown) => {
    if (!user || typeof user !== 'object' || Array.isArray(user) || Object.getPrototypeOf(user) !== Object.prototype) return false;
    const entry = user as Record<string, unknown>;
    if (!Object.keys(entry).every((key) => USER_KEYS.has(key))) return false;
    const { hash, hashFromEnv } = entry;
    if (hash !== undefined) return typeof hash === 'string' && isPasswordHash(hash);
    return typeof hashFromEnv === 'string' && /^[A-Za-z_][A-Za-z0-9_]{0,127}$/.test(hashFromEnv);
  });
}

/** A static user's fields. */
const USER_KEYS = new Set(['email', 'hash', 'hashFromEnv', 'username', 'userID', 'name', 'preferredUsername', 'emailVerified', 'groups']);
