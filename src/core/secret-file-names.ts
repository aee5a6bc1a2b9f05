/**
 * Which files hold a secret, by their path (65a-14, 66a-7, 66a-17): any literal written into K3s' token files and
 * Docker/Compose secrets is one; a word (no blank) written into a file whose name's subject is a secret word is one.
 * K3s reads its token from a file (docs.k3s.io/cli/server: `--token-file`; k3s-io/k3s writes
 * /var/lib/rancher/k3s/server/token, node-token and agent-token); this project's runbook writes
 * /etc/rancher/k3s/cluster-token (dist/dev/README.md).
 */

/** Where any literal is a secret: Docker/Compose secrets (/run/secrets/<name>) and K3s' token files. */
const SECRET_PLACE =
  /(?:^|\/)run\/secrets\/[^/]+$|(?:^|\/)rancher\/k3s\/(?:cluster-token|token)$|(?:^|\/)k3s\/server\/(?:node-|agent-)?token$/;
/**
 * A file's last part whose subject is a secret (`db_password`, `auth_pass`, `.vault_pass`, `token`, `api.key`,
 * `credentials`, `token.txt`, `password.bak`): the secret word is the last name part, then at most extensions a
 * secret's file takes. A secret word that qualifies another (`secret-sync.status`, `token-perms.ok`, `secrets-ready`,
 * `token-rotation.flag`, `token-version`, `password-rotation.log`, 66a-17) names a status, log or lock file.
 */
const SECRET_NAME =
  /(?:^|[._-])(?:tokens?|passwords?|passwd|pass(?:phrase|wd)?|secrets?|(?:private|api|secret)?[_-]?key|credentials?)(?:\.(?:txt|key|pem|json|ya?ml|env|conf|cfg|ini|b64|base64|bin|dat|raw|secret|gpg|asc|bak|old|orig|new|tmp)|[._-]\d{1,4})*$/i;
/** Files with such a name that hold no secret: public keys and key lists, PAM's stacks, the accounts file. */
const NOT_SECRET_FILE = /(?:^|\/)etc\/pam\.d\/|pub(?:lic)?[._-]?key|\.pub$|authorized_keys|known_hosts|(?:^|\/)etc\/passwd$/i;
/**
 * Docker's client config (docs.docker.com/reference/cli/docker/#configuration-files): its `auths` hold registry
 * logins; a word written there whole is one (JSON written there is judged by its keys elsewhere).
 */
const DOCKER_CONFIG = /(?:^|\/)\.docker\/config\.json$/;

/**
 * Whether a path names a file that holds a secret: 'any' (even words with blanks are one), 'word' (a literal without
 * blanks is one), 'json-word' (Docker's config: a word that is not JSON), or undefined. Windows paths are read too.
 */
export function secretFile(path: string): 'any' | 'word' | 'json-word' | undefined {
  const bare = path.replace(/^(["'])(.*)\1$/, '$2').replace(/\\/g, '/');
  if (/^\/(?:proc|sys|dev)\//.test(bare) || NOT_SECRET_FILE.test(bare)) return undefined;
  if (SECRET_PLACE.test(bare)) return 'any';
  if (DOCKER_CONFIG.test(bare)) return 'json-word';
  return SECRET_NAME.test(bare.slice(bare.lastIndexOf('/') + 1)) ? 'word' : undefined;
}

/** Whether `value`, written whole into a file of `kind` at `path`, is a secret (no reference or placeholder is asked). */
export function isWrittenSecret(kind: 'any' | 'word' | 'json-word', value: string, path: string): boolean {
  if (!value.trim()) return false;
  if (kind === 'any') return true;
  if (/\s/.test(value.trim())) return false;
  if (kind === 'json-word') return !/^[[{]/.test(value.trim());
  return !(/passwd/i.test(path) && value.includes(':'));
}

/**
 * 67w-2: a variable that holds a secret file's path by its name (`secret_path`, `token_file`, `PASSWORD_FILE`,
 * `credentialsPath`): a file a program opens by it, where the path itself is not in the text, is such a file.
 */
const SECRET_FILE_VARIABLE = /(?:tokens?|passwords?|passwd|secrets?|credentials?|api_?key)_?(?:path|file(?:_?name)?)$/i;

/** The kind of file a variable named like a secret file's path holds (see secretFile), or undefined. */
export const secretFileVariable = (name: string): 'word' | undefined => (SECRET_FILE_VARIABLE.test(name) ? 'word' : undefined);
