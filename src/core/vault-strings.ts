/**
 * `ansible-vault encrypt_string [options] [string …]` encrypts the strings it is given as words (docs.ansible.com
 * cli/ansible-vault, "encrypt_string": "Encrypt the supplied string using the provided vault secret"; `--name` names
 * each): each such word is the secret itself, written in the file (a round-42 known gap). `--stdin-name`, or no string,
 * reads it from standard input instead (stdin-prompts.ts). `encrypt`, `view` and the others take file names.
 */

/** What the command line has shown so far (secrets-positional.ts ClientState has these fields). */
interface WordState {
  sub?: string;
  /** `--` was seen: every word after it is a string. */
  other?: boolean;
}

/** encrypt_string's options that take a value (ansible-vault(1)); `--opt=value` is one word, and the others are switches. */
const VALUE_OPTION = /^(?:-n|--name|--stdin-name|--vault-id|--vault-password-file|--vault-pass-file|--encrypt-vault-id|--output)$/;

/**
 * The secret word `i` of an ansible-vault command line sets, and how a message names it: a word after
 * `encrypt_string` that is no option nor an option's value (after `--`, every word). A word of lower-case letters alone
 * is prose's (`use ansible-vault encrypt_string to hide it`), as rclone obscure's (secrets-positional.ts), and ends the
 * reading.
 */
export function vaultStringPassword(words: readonly string[], i: number, state: WordState): { value: string; option: string } | undefined {
  const word = words[i];
  if (state.sub === undefined) {
    if (word === 'encrypt_string') state.sub = word;
    // The subcommand is the first word that is no option (nor a value of one given before it).
    else if (!word.startsWith('-') && !VALUE_OPTION.test(words[i - 1] ?? '')) state.sub = '';
    return undefined;
  }
  if (state.sub !== 'encrypt_string') return undefined;
  if (!state.other) {
    if (word === '--') state.other = true;
    if (word.startsWith('-') || VALUE_OPTION.test(words[i - 1])) return undefined;
  }
  if (!/^[a-z]+[.,:;!?]?$/.test(word)) return { value: word, option: 'encrypt_string <string>' };
  // Prose goes on in prose: what follows is not read either (`… encrypt_string and paste its output into vars/main.yml`).
  state.sub = '';
  return undefined;
}
