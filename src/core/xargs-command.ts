import { stdinInput } from './stdin-passwords';
import { TAKES_VALUE } from './xargs-stage';

/**
 * The command an xargs stage runs, with the words it is fed (attack round 43a-2): xargs(1) (GNU findutils) "reads items
 * from the standard input, delimited by blanks … or newlines, and executes the command … with any initial-arguments
 * followed by items read from standard input"; with `-I R` (`-i`, `--replace`) "Replace occurrences of
 * replace-str in the initial-arguments with names read from standard input" (a line each); `-0`/`--null` and `-d X`
 * (`--delimiter`) make each item one argument, blanks kept. So `echo pw | xargs sshpass -p` runs `sshpass -p pw`,
 * `printf 'root:pw' | xargs -0 -I@ sh -c 'echo @ | chpasswd'` runs `sh -c 'echo root:pw | chpasswd'`: the command is
 * judged with the fed literal where xargs puts it. `-a FILE` (`--arg-file`) reads its items from that file instead.
 */

/** An item's end: a line break (written `\n` in an `echo -e`/`printf` text too), or a NUL. */
const ITEM_END = /\\n|\\0|\r?\n|\0/;

/** The xargs at word `k` (its stage ends at `end`), fed `text`: the words of the command it runs, or none. */
export function xargsRun(words: readonly string[], k: number, end: number, text: string): string[] | undefined {
  let replace: string | undefined;
  let delimited = false;
  let j = k + 1;
  for (; j < end; j++) {
    const word = words[j];
    if (word === '--') {
      j++;
      break;
    }
    if (!word.startsWith('-') || word === '-') break;
    if (/^(?:-a|--arg-file)(?:=|$)|^-a./.test(word)) return undefined;
    const value = word.includes('=')
      ? word.slice(word.indexOf('=') + 1)
      : TAKES_VALUE.test(word)
        ? words[j + 1]
        : /^-[IdL]./.test(word)
          ? word.slice(2)
          : undefined;
    if (/^(?:-I|--replace)/.test(word)) replace = value ?? '{}';
    else if (/^-i/.test(word)) replace = word.slice(2) || '{}';
    delimited ||= /^(?:-0|--null|-d|--delimiter)/.test(word);
    if (!word.includes('=') && TAKES_VALUE.test(word)) j++;
  }
  if (j >= end) return undefined;
  const command = words.slice(j, end);
  const items = text.split(delimited || replace !== undefined ? ITEM_END : /\s+|\\n/).filter((item) => item !== '');
  if (items.length === 0) return undefined;
  if (replace === undefined) return [...command, ...items];
  return command.map((word) => word.split(replace!).join(items[0]));
}

/** Words that end a command in a shell (shellWords with its operators gives `&&` as two `&`). */
const SEPARATOR = /^(?:;|&&?|\|\|?|\(|\)|`)$/;

/**
 * What the command an xargs at word `k` runs holds (`judge` reads its words), found at the word that holds the fed text
 * (its `echo`'s or `printf`'s, or a here-string's), read as nested.
 */
export function xargsFound<T extends { index: number; nested: boolean }>(
  words: readonly string[],
  k: number,
  judge: (run: string[]) => T[],
): T[] {
  const input = stdinInput(words, k);
  if (!input) return [];
  let end = k + 1;
  while (end < words.length && !SEPARATOR.test(words[end])) end++;
  const run = xargsRun(words, k, end, input.text);
  return run ? judge(run).map((inner) => ({ ...inner, index: input.at, nested: true })) : [];
}
