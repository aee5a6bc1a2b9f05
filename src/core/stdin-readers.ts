/**
 * More commands that read a password on standard input (attack round 40a-4), beside stdin-passwords.ts STDIN_RULES, and
 * the file names that are standard input. stdin-passwords.ts reads these rows as its own.
 */

/**
 * What a command reads from standard input: Redis commands (`redis`, any letter case), `user:password` lines
 * (`users`), `user:hash` lines (`hashes`: `chpasswd -e`, whose crypt hashes and locks are no passwords, 44a-12), a
 * password (`password`, its first line), or a password on each line (`passwords`: smbpasswd's and pdbedit's old and
 * new, typed twice).
 */
export type StdinReading = 'redis' | 'users' | 'hashes' | 'password' | 'passwords';

/** One row: stdin-passwords.ts STDIN_RULES says what each field means; `holds`, where given, decides alone. */
export interface StdinRule {
  client: RegExp;
  option?: RegExp;
  after?: RegExp;
  leading?: RegExp;
  holds?: (words: readonly string[], i: number) => boolean;
  reading: StdinReading;
  name: string;
}

/**
 * A file name that is standard input, as an option's value: `-` (where the tool says so), `/dev/stdin`, `/dev/fd/0`,
 * `/proc/self/fd/0` (Linux's proc(5): fd/0 is a link to the process's standard input; the others the same file).
 */
export const STDIN_FILE = String.raw`(?:\/dev\/stdin|\/dev\/fd\/0|\/proc\/self\/fd\/0)`;
const DASH_OR_FILE = `(?:-|${STDIN_FILE})`;
const STDIN_PATH = new RegExp(`^${STDIN_FILE}$`);

/** Words that end a command in a shell (shellWords with its operators gives `&&` as two `&`). */
const SEPARATOR = /^(?:;|&&?|\|\|?|\(|\)|`)$/;

/**
 * sshpass(1): "If no option is given, sshpass reads the password from the standard input"; `-d <fd>` reads fd (0: the
 * standard input), `-f <file>` a file that is standard input (43a-4: `-f <(echo pw)`). Its own options end at the command it runs (its first word that is no option nor `-d`'s, `-P`'s value).
 */
function sshpassReadsStdin(words: readonly string[], i: number): boolean {
  for (let k = i + 1; k < words.length && !SEPARATOR.test(words[k]); k++) {
    const word = words[k];
    if (word === '-f' && STDIN_PATH.test(words[k + 1] ?? '')) return true;
    if (/^-d ?0?$/.test(word)) return word === '-d0' || (word === '-d' && words[k + 1] === '0');
    if (/^-[pfe]/.test(word) || /^-d\d/.test(word)) return false;
    if (!word.startsWith('-') && !/^-[dP]$/.test(words[k - 1])) return true;
  }
  return false;
}

/**
 * - `mkpasswd -s|--stdin` "read password from stdin", `-P 0|--password-fd=0` (whois's mkpasswd(1));
 * - `openssl passwd -stdin` "read passwords from stdin" (docs.openssl.org openssl-passwd: one a line), and an openssl
 *   command's `-passin`/`-passout`/`-pass stdin`, `fd:0`, `file:/dev/stdin` (docs.openssl.org openssl-passphrase-options:
 *   "stdin: Read the password from standard input");
 * - sshpass without `-p`/`-f`/`-e`, or with `-d 0` (sshpass(1), above);
 * - `vault write|kv put|patch … key=-`: "If the value is '-', Vault will read the value from stdin"
 *   (developer.hashicorp.com vault/docs/commands: "Reading from stdin");
 * - `glab auth login --stdin` (docs.gitlab.com cli auth login: "Read token from standard input"), `gh auth login
 *   --with-token` (cli.github.com manual gh_auth_login: "Read token from standard input");
 * - `cosign login --password-stdin` (docs.sigstore.dev cosign login: "Take the password from stdin");
 * - Heimdal `kinit --password-file=STDIN` (Heimdal kinit(1): "If the filename is STDIN, the password will be read from
 *   the standard input");
 * - a password file that is standard input: restic `--password-file` (restic.readthedocs.io), gocryptfs `-passfile`
 *   (gocryptfs(1)), the OpenLDAP clients' `-y <passwdfile>` (ldapsearch(1): "Use complete contents of passwdfile as
 *   the password");
 * - `rclone obscure -`: "If you supply '-' as the password, it will be read from stdin" (rclone.org commands/rclone_obscure).
 * Round 49a-6:
 * - cryptsetup's passphrase actions with no key file (`open`, `luksOpen`, `luksFormat`, `luksAddKey`…): "If stdin is
 *   not a terminal … the passphrase is read from it" (cryptsetup(8) NOTES ON PASSPHRASE PROCESSING);
 * - `keytool -importpass` stores the password it reads (docs.oracle.com keytool: "-importpass … prompts for the
 *   password", read from standard input where that is no terminal);
 * - the argon2 CLI (github.com/P-H-C/phc-winner-argon2 README: "argon2 salt [-options] … Password is read from stdin").
 */
export const MORE_STDIN_RULES: readonly StdinRule[] = [
  { client: /^mkpasswd$/, option: /^(?:-[\d]*s|--stdin|-P ?0|--password-fd[= ]0)$/, reading: 'password', name: '--stdin' },
  { client: /^openssl$/, after: /^passwd$/, option: /^-stdin$/, reading: 'passwords', name: 'passwd -stdin' },
  {
    client: /^openssl$/,
    option: new RegExp(`^-(?:passin|passout|pass|kfile)[= ](?:stdin|fd:0|file:${STDIN_FILE}|${STDIN_FILE})$`),
    reading: 'password',
    name: '-passin stdin',
  },
  { client: /^sshpass$/, holds: sshpassReadsStdin, reading: 'password', name: 'on standard input' },
  { client: /^vault$/, after: /^(?:write|put|patch)$/, option: /^[\w.-]+=-$/, reading: 'password', name: 'key=-' },
  { client: /^glab$/, after: /^login$/, option: /^--stdin$/, reading: 'password', name: 'auth login --stdin' },
  { client: /^gh$/, after: /^login$/, option: /^--with-token$/, reading: 'password', name: 'auth login --with-token' },
  { client: /^cosign$/, option: /^--password-stdin$/, reading: 'password', name: '--password-stdin' },
  { client: /^kinit$/, option: /^--password-file[= ]STDIN$/, reading: 'password', name: '--password-file=STDIN' },
  { client: /^restic$/, option: new RegExp(`^(?:--password-file|-p)[= ]${DASH_OR_FILE}$`), reading: 'password', name: '--password-file' },
  { client: /^gocryptfs$/, option: new RegExp(`^--?passfile[= ]${DASH_OR_FILE}$`), reading: 'password', name: '-passfile' },
  { client: /^ldap\w+$/, option: new RegExp(`^-y ?${STDIN_FILE}$`), reading: 'password', name: '-y /dev/stdin' },
  { client: /^rclone$/, after: /^obscure$/, option: /^-$/, reading: 'password', name: 'obscure -' },
  { client: /^cryptsetup$/, holds: cryptsetupAsks, reading: 'password', name: 'passphrase' },
  { client: /^keytool$/, option: /^-importpass$/, reading: 'password', name: '-importpass' },
  // (69a-7) `openconnect --passwd-on-stdin` (openconnect(8)); `realm join` reads the password from standard input where
  // that is no terminal (realm(8)); MIT kinit likewise, unless it uses a keytab, renews or validates (`-k`, `-R`, `-v`).
  { client: /^openconnect$/, option: /^--passwd-on-stdin$/, reading: 'password', name: '--passwd-on-stdin' },
  { client: /^realm$/, holds: (words, i) => words[i + 1] === 'join', reading: 'password', name: 'join' },
  { client: /^kinit$/, holds: kinitAsks, reading: 'password', name: 'on standard input' },
  // (73b-1) sshfs's `-o password_stdin`, alone or in a list of mount options (sshfs(1): "read password from stdin").
  { client: /^sshfs$/, option: /^-o ?(?:[^\s,]*,)*password_stdin(?:,\S*)?$/, reading: 'password', name: '-o password_stdin' },
  // Its usage (`-h`, no salt) reads nothing.
  {
    client: /^argon2$/,
    holds: (words, i) => !!words[i + 1] && !/^(?:-h|--help)$/.test(words[i + 1]),
    reading: 'password',
    name: 'on standard input',
  },
];

/** A kinit that asks for the password: no keytab, renewal, validation or password file (MIT kinit(1)). */
function kinitAsks(words: readonly string[], i: number): boolean {
  for (let k = i + 1; k < words.length && !SEPARATOR.test(words[k]); k++)
    if (/^(?:-[A-Za-z]*[kRv]|--(?:keytab|password-file|renew|validate|use-keytab))/.test(words[k])) return false;
  return true;
}

/** A cryptsetup action that asks for a passphrase, its key file not given (`-d`, `--key-file`: a file read instead). */
function cryptsetupAsks(words: readonly string[], i: number): boolean {
  let asks = false;
  for (let k = i + 1; k < words.length && !SEPARATOR.test(words[k]); k++) {
    if (/^(?:-d|--key-file)(?:=|$)/.test(words[k]) || /^-d./.test(words[k])) return false;
    asks ||= /^(?:(?:luks|tcrypt|bitlk|plain|loopaes|fvault2)?Open|open|luks(?:Format|AddKey|ChangeKey|Resume)|create)$/.test(words[k]);
  }
  return asks;
}

/** The names of MORE_STDIN_RULES' clients, for a text's prefilter (stdin-passwords.ts STDIN_CLIENT). */
export const MORE_STDIN_CLIENTS =
  'mkpasswd|openssl|sshpass|vault|glab|gh|cosign|kinit|restic|gocryptfs|ldap\\w+|rclone|argon2|openconnect|realm|sshfs';
