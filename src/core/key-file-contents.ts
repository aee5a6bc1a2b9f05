import { looksGenerated } from './generated-runs';
import { words } from './secrets-keys';

/**
 * 81a-17: a MongoDB replica set's key file is its members' shared secret: 6 to 1024 characters of the base64 set,
 * blanks and line breaks ignored, made by `openssl rand -base64 756` (mongodb.com/docs/manual/core/security-internal-
 * authentication, "Keyfiles"). Under a name that is a key file's (`mongodb-keyfile`, `keyfile`, `keyFile`, `KEY_FILE`),
 * that text is the secret; a path or a file's name there (`keyFile: /etc/mongo/keyfile`, mongod's `security.keyFile`)
 * is none, nor is a short word: the text must look generated (generated-runs.ts).
 */

/** The base64 set, as a key file holds it once its blanks are left out (at most 1024 characters). */
const KEY_FILE_TEXT = /^[A-Za-z0-9+/]{16,1024}={0,2}$/;

/** Whether `value` under `name` is a key file's content. */
export function isKeyFileContent(name: string, value: unknown): boolean {
  if (typeof value !== 'string' || value.length > 4096) return false;
  const list = words(name);
  const [last, before] = [list[list.length - 1], list[list.length - 2]];
  if (last !== 'keyfile' && !(last === 'file' && before === 'key')) return false;
  const text = value.replace(/\s+/g, '');
  return KEY_FILE_TEXT.test(text) && looksGenerated(text);
}
