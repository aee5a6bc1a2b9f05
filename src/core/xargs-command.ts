import { type FedText, readerInput } from './group-input';
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

/** The options of the xargs at word `k` (its stage ends at `end`): its replace string, whether items are delimited, its command's first word. */
function xargsOptions(
  words: readonly string[],
  k: number,
  end: number,
): { replace?: string; delimited: boolean; command: number } | undefined {
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
  return j >= end ? undefined : { replace, delimited, command: j };
}

/** The xargs at word `k` (its stage ends at `end`), fed `text`: the words of the command it runs, or none. */
export function xargsRun(words: readonly string[], k: number, end: number, text: string): string[] | undefined {
  const options = xargsOptions(words, k, end);
  if (!options) return undefined;
  const { replace, delimited } = options;
  const command = words.slice(options.command, end);
  const items = text.split(delimited || replace !== undefined ? ITEM_END : /\s+|\\n/).filter((item) => item !== '');
  if (items.length === 0) return undefined;
  if (replace === undefined) return [...command, ...items];
  return command.map((word) => word.split(replace).join(items[0]));
}

/** How many words back from a password the xargs whose command holds it is looked for. */
const MAX_XARGS_WORDS = 64;

/**
 * `found` without the passwords that are an xargs replace string where xargs puts its items (44a-10: `cat /run/pw |
 * xargs -I{} redis-cli -a {} ping`, `| xargs -I PW sshpass -p PW ssh h`, `| xargs -I@ sh -c 'echo root:@ | chpasswd'`):
 * a password made of copies of the replace string only is the item xargs reads, not a literal (a literal fed to xargs
 * is judged where xargsFound puts it). `index` is the word that holds the password (a nested script's word too).
 */
export function withoutXargsItems<T extends { index: number; password: string; from?: number }>(words: readonly string[], found: T[]): T[] {
  if (found.length === 0 || !words.some((word) => XARGS.test(word))) return found;
  return found.filter(({ index, password, from }) => {
    if (from !== undefined) return true;
    for (let k = index - 1; k >= 0 && index - k <= MAX_XARGS_WORDS && !SEPARATOR.test(words[k]); k--) {
      if (!XARGS.test(words[k])) continue;
      const options = xargsOptions(words, k, index + 1);
      const replace = options?.replace;
      return !(replace && options.command <= index && password.split(replace).join('') === '');
    }
    return true;
  });
}

/** Words that end a command in a shell (shellWords with its operators gives `&&` as two `&`). */
const SEPARATOR = /^(?:;|&&?|\|\|?|\(|\)|`)$/;

/** An xargs word (`xargs`, `/usr/bin/xargs`, `CMD=xargs`). */
const XARGS = /(?:^|[/\\=])xargs$/i;

/**
 * What the command an xargs at word `k` runs holds (none where word `k` is no xargs) (`judge` reads its words), found at the word that holds the fed text
 * (its `echo`'s or `printf`'s, or a here-string's), read as nested.
 */
export function xargsFound<T extends { index: number; nested: boolean; from?: number }>(
  words: readonly string[],
  k: number,
  judge: (run: string[]) => T[],
  inherited?: FedText & { from: number },
): T[] {
  if (!XARGS.test(words[k])) return [];
  // An xargs further than that into its command is an argument (each read on to its command's end: a 1 MB line of them).
  for (let start = k; !SEPARATOR.test(words[start - 1] ?? ';'); start--) if (k - start >= MAX_XARGS_WORDS) return [];
  // What it is fed, or its group, its pipeline's first stage or its script is (group-input.ts, 44a-2).
  const input = readerInput(words, k, inherited);
  if (!input) return [];
  const from = input === inherited ? inherited.from : undefined;
  let end = k + 1;
  while (end < words.length && !SEPARATOR.test(words[end])) end++;
  const run = xargsRun(words, k, end, input.text);
  return run ? judge(run).map((inner) => ({ ...inner, index: input.at, nested: true, from })) : [];
}
