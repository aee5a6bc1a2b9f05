/**
 * xargs as a pipeline stage (attack round 42a-2): `echo pw | xargs echo | docker login --password-stdin` hands the
 * reader the fed text. xargs(1) (GNU findutils) runs its command with the words of its input as arguments, `echo`
 * where no command is given ("The command … default is echo"); where that command is `echo` or `printf`, what comes
 * out is the fed text (a format's `%s` filled by it), so xargs passes its input on. Another command (`xargs cat`,
 * `xargs curl`) answers with data of its own, and `-a file` (`--arg-file`) reads its words from a file, not its input.
 */

/** xargs' options whose value is the next word where not glued (`-I {}`, `-n 1`, `--delimiter x`). */
export const TAKES_VALUE = /^(?:-[adEILnPs]|--(?:arg-file|delimiter|eof|replace|max-lines|max-args|max-procs|max-chars|process-slot-var))$/;

const basename = (word: string): string => word.replace(/^.*[/\\]/s, '');

/** Whether the xargs at word `k` (its stage ends at `end`) writes its input back out: it runs `echo` or `printf`. */
export function xargsEchoes(words: readonly string[], k: number, end: number): boolean {
  for (let j = k + 1; j < end; j++) {
    const word = words[j];
    if (/^(?:-a|--arg-file)(?:=|$)/.test(word) || /^-a./.test(word)) return false;
    if (word === '--') return j + 1 >= end || /^(?:echo|printf)$/.test(basename(words[j + 1]));
    if (!word.startsWith('-') || word === '-') return /^(?:echo|printf)$/.test(basename(word)) || /^[<>]|^\d[<>]/.test(word);
    if (TAKES_VALUE.test(word)) j++;
  }
  return true;
}
