import { isSecretKey } from './secrets-keys';
import { STDIN_FILE, type StdinRule } from './stdin-readers';

/**
 * Secret stores and key tools that take the secret on standard input (attack round 71a-15): `echo pw | gh secret set N`
 * hands `pw` to the store as surely as `--body pw` does. stdin-passwords.ts reads these rows as its own. A store of plain
 * settings too (CI variables, env stores, a key-value store) counts only where the name it sets is a secret's.
 */

/** Words that end a command in a shell (shellWords with its operators gives `&&` as two `&`). */
const SEPARATOR = /^(?:;|&&?|\|\|?|\(|\)|`)$/;

/** The words of the command whose name is word `i`, after it, up to its end. */
function commandWords(words: readonly string[], i: number): string[] {
  let end = i + 1;
  while (end < words.length && !SEPARATOR.test(words[end])) end++;
  return words.slice(i + 1, end);
}

/** Where the command's words after `steps` (each a later word, options between) start, or -1 where they do not follow. */
function afterSteps(own: readonly string[], steps: readonly RegExp[]): number {
  let at = 0;
  for (const step of steps) {
    while (at < own.length && !step.test(own[at])) at++;
    if (at++ >= own.length) return -1;
  }
  return at;
}

/**
 * A command that, after `steps`, reads its value on standard input: none of `valueOptions` gives it, at most `names`
 * operands stand after the steps (a further one is the value itself, judged by secret-store-commands.ts; `valued`: the
 * options whose value is the next word), and where `named` the first operand names a secret (`DB_PASSWORD`, `secret/db/pw`).
 */
function readsValue(steps: readonly RegExp[], valueOptions: RegExp | undefined, names: number, named: boolean, valued?: RegExp) {
  return (words: readonly string[], i: number): boolean => {
    const own = commandWords(words, i);
    const from = afterSteps(own, steps);
    if (from < 0 || (valueOptions && own.some((word) => valueOptions.test(word)))) return false;
    // Operands up to a redirection (`<<< pw`: what it reads), an option's value aside where `valued` names the option.
    const redirection = own.findIndex((word, k) => k >= from && /^\d?[<>]/.test(word));
    const operands = own
      .slice(from, redirection < 0 ? own.length : redirection)
      .filter((word, k, rest) => !word.startsWith('-') && !(valued?.test(rest[k - 1] ?? '') ?? false));
    return operands.length <= names && (!named || (operands.length > 0 && isSecretKey(operands[0], true)));
  };
}

/** passwd(1) with no option that locks, unlocks, deletes, expires, ages or reports: it asks for the new password (twice). */
const PASSWD_NO_PROMPT = /^(?:-[A-Za-z]*[ludeSanxwi]|--(?:lock|unlock|delete|expire|status|all|mindays|maxdays|warndays|inactive))/;
function passwdAsks(words: readonly string[], i: number): boolean {
  return !commandWords(words, i).some((word) => PASSWD_NO_PROMPT.test(word));
}

/** `consul kv put <key> -` where the key names a secret. */
function consulReadsSecret(words: readonly string[], i: number): boolean {
  const own = commandWords(words, i);
  const from = afterSteps(own, [/^kv$/, /^put$/]);
  const operands = from < 0 ? [] : own.slice(from).filter((word) => word === '-' || !word.startsWith('-'));
  return operands.length === 2 && operands[1] === '-' && isSecretKey(operands[0], true);
}

/** `zfs load-key` that prompts: no `-L` key location, or `-L prompt`. */
function zfsPrompts(words: readonly string[], i: number): boolean {
  const own = commandWords(words, i);
  if (afterSteps(own, [/^load-key$/]) < 0) return false;
  const location = own.findIndex((word) => /^-[A-Za-z]*L/.test(word));
  if (location < 0) return true;
  const glued = own[location].replace(/^-[A-Za-z]*L/, '');
  return (glued || own[location + 1]) === 'prompt';
}

/**
 * - `gh secret set <name>` with no `--body`/`--env-file`: "the value … read from standard input" (cli.github.com/manual/gh_secret_set);
 * - `wrangler secret put <name>` reads the value piped in (developers.cloudflare.com/workers/wrangler/commands/#secret-put);
 * - `gcloud secrets create|versions add … --data-file=-` ("Set to "-" to read the secret data from stdin",
 *   cloud.google.com/sdk/gcloud/reference/secrets/versions/add);
 * - `doppler secrets set <name>` (docs.doppler.com cli: the value piped in), `vercel env add <name> [env]`
 *   (vercel.com/docs/cli/env: "pipe the value"), `glab variable set <key>` (gitlab.com/gitlab-org/cli docs: "piped via
 *   stdin"), `consul kv put <key> -` ("-" reads stdin, developer.hashicorp.com/consul/commands/kv/put): secret names only;
 * - `passwd [user]` fed by a pipe (the PAM conversation reads the new password twice where stdin is no terminal);
 * - `zfs load-key` with the passphrase prompt (zfs-load-key(8): "prompt … read from stdin" where no terminal), not `-L file://…`;
 * - `secret-tool store` ("The password is read from stdin", secret-tool(1)); `keyctl padd|pupdate|pinstantiate` ("reads the
 *   data from stdin", keyctl(1)); `systemd-creds encrypt - …` (systemd-creds(1): "-" reads stdin);
 *   `ecryptfs-add-passphrase -` (ecryptfs-add-passphrase(1): "-" reads the passphrase from stdin).
 */
export const STORE_STDIN_RULES: readonly StdinRule[] = [
  {
    client: /^gh$/,
    holds: readsValue(
      [/^secret$/, /^set$/],
      /^(?:--body|--env-file|-[bf])/,
      1,
      false,
      /^(?:-[Reoavru]|--(?:repo|env|org|app|visibility|repos|user))$/,
    ),
    reading: 'password',
    name: 'secret set on standard input',
  },
  { client: /^wrangler$/, holds: readsValue([/^secret$/, /^put$/], undefined, 1, false), reading: 'password', name: 'secret put' },
  {
    client: /^gcloud$/,
    after: /^secrets$/,
    option: new RegExp(`^--data-file[= ](?:-|${STDIN_FILE})$`),
    reading: 'password',
    name: 'secrets --data-file=-',
  },
  { client: /^doppler$/, holds: readsValue([/^secrets$/, /^set$/], undefined, 1, true), reading: 'password', name: 'secrets set' },
  { client: /^vercel$/, holds: readsValue([/^env$/, /^add$/], undefined, 2, true), reading: 'password', name: 'env add' },
  {
    client: /^glab$/,
    holds: readsValue([/^variable$/, /^set$/], /^(?:--value|-v)/, 1, true, /^(?:-[gsdtR]|--(?:group|scope|description|type|repo))$/),
    reading: 'password',
    name: 'variable set on standard input',
  },
  { client: /^consul$/, holds: consulReadsSecret, reading: 'password', name: 'kv put -' },
  { client: /^passwd$/, holds: passwdAsks, reading: 'passwords', name: 'on standard input' },
  { client: /^zfs$/, holds: zfsPrompts, reading: 'password', name: 'load-key' },
  { client: /^secret-tool$/, after: /^store$/, option: /^--label[= ]/, reading: 'password', name: 'store' },
  { client: /^keyctl$/, holds: readsValue([/^p(?:add|update|instantiate)$/], undefined, 4, false), reading: 'password', name: 'padd' },
  { client: /^systemd-creds$/, after: /^encrypt$/, option: /^-$/, reading: 'password', name: 'encrypt -' },
  { client: /^ecryptfs-add-passphrase$/, option: /^-$/, reading: 'password', name: '-' },
];

/** The names of STORE_STDIN_RULES' clients, for a text's prefilter (stdin-passwords.ts STDIN_CLIENT). */
export const STORE_STDIN_CLIENTS =
  'gh|wrangler|gcloud|doppler|vercel|glab|consul|passwd|zfs|secret-tool|keyctl|systemd-creds|ecryptfs-add-passphrase';
