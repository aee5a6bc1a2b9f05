import type { StdinRule } from './stdin-readers';

/**
 * Tools that prompt for a password and read it from standard input when it is no terminal (attack round 41a-2): a
 * pipe into them (`echo pw | restic -r /srv init`) or a here-string hands them the password. stdin-readers.ts reads
 * these rows as its own.
 */

/** Words that end a command in a shell (shellWords with its operators gives `&&` as two `&`). */
const SEPARATOR = /^(?:;|&&?|\|\|?|\(|\)|`)$/;

/** The words of the command whose name is word `i`, after it, up to its end. */
function commandWords(words: readonly string[], i: number): string[] {
  let end = i + 1;
  while (end < words.length && !SEPARATOR.test(words[end])) end++;
  return words.slice(i + 1, end);
}
/** Whether an assignment before word `i` in its command sets one of `names` (`RESTIC_PASSWORD=… restic init`). */
function assigned(words: readonly string[], i: number, names: RegExp): boolean {
  for (let k = i - 1; k >= 0 && !SEPARATOR.test(words[k]); k--) if (names.test(words[k])) return true;
  return false;
}

/** restic's commands that open no repository (restic.readthedocs.io manual_rest: `version`, `help`, `generate`…). */
const RESTIC_NO_REPOSITORY = /^(?:version|help|generate|completion|self-update|options|features|cache)$/;
/**
 * restic (cmd/restic/global.go ReadPassword; restic changelog 0.9.5, restic/restic#2203: "Passwords for `init` and
 * `key add` can now be read from non-terminal stdin"): a command that opens a repository reads its password from
 * standard input when stdin is no terminal, unless it has one from `--password-file`, `--password-command`,
 * `RESTIC_PASSWORD[_FILE|_COMMAND]` or `--insecure-no-password`; `backup --stdin` reads data there instead (restic
 * refuses to read both: "cannot read both password and data from stdin"). `--password-file -` is stdin-readers.ts's row.
 */
function resticPrompts(words: readonly string[], i: number): boolean {
  if (assigned(words, i, /^RESTIC_PASSWORD(?:_FILE|_COMMAND)?=/)) return false;
  const own = commandWords(words, i);
  const command = own.find(
    (word, k) =>
      !word.startsWith('-') && !/^-(?:r|-repo|-repository-file|o|-option|-cacert|-cache-dir|-tls-client-cert)$/.test(own[k - 1] ?? ''),
  );
  if (command === undefined || RESTIC_NO_REPOSITORY.test(command)) return false;
  return !own.some((word) => /^--(?:password-file|password-command|insecure-no-password|stdin|stdin-from-command)(?:=|$)|^-p$/.test(word));
}

/** cosign's commands that use a key pair's private key (docs.sigstore.dev cosign signing overview: `--key <file>`). */
const COSIGN_SIGNS = /^(?:sign|sign-blob|attest|attest-blob)$/;
/**
 * cosign (sigstore/cosign cmd/cosign/cli/generate/generate_key_pair.go `readPasswordFn`): the private key's password is
 * COSIGN_PASSWORD's, or else read from standard input when it is no terminal: `generate-key-pair` and
 * `import-key-pair` (not with `--kms`), and signing with a key file (`sign --key cosign.key`; not a KMS key
 * `--key awskms://…`, nor keyless signing).
 */
function cosignPrompts(words: readonly string[], i: number): boolean {
  if (assigned(words, i, /^COSIGN_PASSWORD=/)) return false;
  const own = commandWords(words, i);
  const command = own.find((word) => !word.startsWith('-'));
  if (command === 'generate-key-pair' || command === 'import-key-pair') return !own.some((word) => /^--kms(?:=|$)/.test(word));
  if (!command || !COSIGN_SIGNS.test(command)) return false;
  return own.some((word, k) => {
    const key = /^--key=(.*)$/.exec(word)?.[1] ?? (word === '--key' ? own[k + 1] : undefined);
    return key !== undefined && !key.includes('://') && !key.startsWith('$');
  });
}

/** ansible-vault encrypt_string's options that take a value (ansible-vault(1)). */
const VAULT_VALUE = /^(?:-n|--name|--stdin-name|--vault-id|--vault-password-file|--vault-pass-file|--encrypt-vault-id|--output)$/;
/**
 * `ansible-vault encrypt_string` encrypts its string argument, or standard input where it has none or is given
 * `--stdin-name` (ansible-vault(1): "--stdin-name: Specify the variable name for stdin"; it says "Reading plaintext
 * input from stdin"): that text is the secret being encrypted.
 */
function vaultStringFromStdin(words: readonly string[], i: number): boolean {
  const own = commandWords(words, i);
  const sub = own.indexOf('encrypt_string');
  if (sub < 0) return false;
  const rest = own.slice(sub + 1);
  if (rest.some((word) => /^--stdin-name(?:=|$)/.test(word))) return true;
  return !rest.some((word, k) => !word.startsWith('-') && !VAULT_VALUE.test(rest[k - 1] ?? '') && !/^[<>]|^\d[<>]/.test(word));
}

export const PROMPT_STDIN_RULES: readonly StdinRule[] = [
  { client: /^restic$/, holds: resticPrompts, reading: 'password', name: 'password on standard input' },
  { client: /^cosign$/, holds: cosignPrompts, reading: 'password', name: 'key password on standard input' },
  { client: /^ansible-vault$/, holds: vaultStringFromStdin, reading: 'password', name: 'encrypt_string on standard input' },
];
