/**
 * Shell redirections among a command's words (shellWords keeps `<`, `2>/dev/null`, `0</run/pw` as words): they are
 * no arguments of the command (attack round 41a-9: `openssl passwd -6 -stdin < /run/secrets/pw` names no password).
 */

/** A redirection's operator, maybe with its target glued (`<`, `0<`, `2>`, `>>`, `&>`, `2>/dev/null`, `<file`). */
const REDIRECTION = /^(?:\d*(?:<>?|>>?|>\|)|&>>?)/;
/** An operator alone, whose target is the next word. */
const OPERATOR = /^(?:\d*(?:<>?|>>?|>\|)|&>>?)$/;

/**
 * Whether word `i` is a redirection or the target of one (`< /run/pw`): not a here-string's text (`<<< pw`) nor a
 * here-doc's delimiter, which secrets-commands.ts reads as standard input.
 */
export function isRedirection(words: readonly string[], i: number): boolean {
  const word = words[i];
  // Not a here-doc or here-string, nor a placeholder (`openssl passwd <password>` stands for a password).
  if (word.startsWith('<<') || /^<[\w -]+>$/.test(word)) return false;
  if (REDIRECTION.test(word)) return true;
  const before = words[i - 1] ?? '';
  return OPERATOR.test(before) && !(before === '<' && (word === '<' || word === '('));
}

/**
 * Whether the command from `start` to `end` has its standard input redirected from a file (`< /run/secrets/pw`,
 * `0</run/pw`; not a here-string `<<<`, a here-doc `<<`, nor a process substitution `< <(…)`): it reads no fed text
 * (41a-9: `openssl passwd -stdin < /run/secrets/pw` is the safe form).
 */
export function readsFile(words: readonly string[], start: number, end: number): boolean {
  for (let k = start; k < end; k++) {
    const target = /^0?<(?![<(&])(.*)$/s.exec(words[k])?.[1];
    if (target === undefined || words[k - 1] === '<') continue;
    if (target !== '' || (k + 1 < end && words[k + 1] !== '<' && words[k + 1] !== '(')) return true;
  }
  return false;
}
