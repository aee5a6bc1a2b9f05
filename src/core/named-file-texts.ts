import type { Path } from './problem';
import { isShellExpansion } from './scheme-expansions';
import { isPlainlyNotSecret } from './secrets-keys';
import { isReference, unquote } from './secrets-text';

/** What each is called in findings (`FoundSecret.what`). */
export const ASKPASS_SECRET = 'a password an askpass script prints (GIT_ASKPASS, SSH_ASKPASS: echo …)';
export const AUTH_USER_PASS_SECRET = "an OpenVPN auth-user-pass file's password (its second line)";

/**
 * Round 71 (71a-6): texts whose format only their file's name tells (a ConfigMap's key is the file it mounts as). git
 * and ssh run the program GIT_ASKPASS / SSH_ASKPASS name with a prompt and take what it prints as the answer
 * (git-scm.com/docs/gitcredentials, "Requesting credentials"): a script that echoes a literal holds the password.
 */
const ASKPASS_FILE = /askpass/i;
/**
 * OpenVPN's `--auth-user-pass <file>`: the user name on its first line, the password on its second (openvpn.net,
 * OpenVPN 2.6 reference manual, `--auth-user-pass`), under the names such files take (`auth.txt`, `openvpn-auth.txt`, `vpn.pass`).
 */
const AUTH_USER_PASS_FILE = /(?:^|[._-])(?:auth|auth-user-pass|userpass|creds|credentials|login)(?:\.txt)?$|\.pass$/i;
/** A word an `echo` or `printf` prints (after its flags and a `'%s'` format), at a line's start or after `;`, `)`, `&&`, `||`. */
const PRINTED_WORD =
  /(?:^|[;)]|&&|\|\|)[ \t]*(?:echo|printf)(?:[ \t]+-[neE]+)*(?:[ \t]+(["'])%s(?:\\n)?\1)?[ \t]+("[^"\n]*"|'[^'\n]*'|[^\s;&|]+)/gm;

/** The secrets a data key's text holds by the format its name gives it (`at`'s last key), each with its path. */
export function namedFileSecrets(text: string, at: Path): Array<{ path: Path; value: string; what: string }> {
  const name = at[at.length - 1];
  if (typeof name !== 'string') return [];
  if (ASKPASS_FILE.test(name)) return askpassSecrets(text).map((value) => ({ path: at, value, what: ASKPASS_SECRET }));
  const password = AUTH_USER_PASS_FILE.test(name) ? authUserPassPassword(text) : undefined;
  return password ? [{ path: at, value: password, what: AUTH_USER_PASS_SECRET }] : [];
}

/** Each literal an askpass script prints, but on a line answering the user name prompt (`Username*) echo alice`). */
function askpassSecrets(text: string): string[] {
  const secrets: string[] = [];
  for (const line of text.split('\n')) {
    if (/user/i.test(line)) continue;
    for (const [, , word] of line.matchAll(PRINTED_WORD)) {
      const value = unquote(word);
      if (value && !word.startsWith('-') && !refers(value) && !(word[0] !== "'" && value.includes('$'))) secrets.push(value);
    }
  }
  return secrets;
}

/** The second line of a file of two one-word lines (user, password), unless it refers or is plainly no secret. */
function authUserPassPassword(text: string): string | undefined {
  const lines = text.replace(/\r/g, '').replace(/\n+$/, '').split('\n');
  if (lines.length !== 2 || !lines.every((line) => /^[^\s=:#]+$/.test(line.trim()))) return undefined;
  const password = lines[1].trim();
  return refers(password) || isPlainlyNotSecret(password, 'password') ? undefined : password;
}

const refers = (value: string): boolean => isReference(value) || isShellExpansion(value);
