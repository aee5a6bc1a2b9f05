import { readsFile } from './shell-redirections';
import { redirectedInput, stdinInput } from './stdin-passwords';
import { passesOn, stageCommand } from './stdin-pipes';

/**
 * The standard input a reader gets from around its command (attack round 44a-2), where nothing is fed to the command
 * itself (stdin-passwords.ts stdinInput): bash(1) SHELL GRAMMAR, "Compound Commands": the redirections of a `( list )`
 * or `{ list; }` apply to the whole list, so each command of the group reads the group's input (`{ chpasswd; } <<<
 * 'root:pw'`, `( cd /x && chpasswd ) < <(echo …)`, a pipe into the group); "Pipelines": a stage's input is the output
 * of the one before, so a reader after stages that pass their input on (stdin-pipes.ts passesOn: `cat`, `tr`, `sed`…)
 * reads what the pipeline's first stage reads: the group's, or the script's (`echo 'root:pw' | sh -c 'cat |
 * chpasswd'`: a `-c` script's commands inherit the shell's input, stdin-wrappers.ts scriptInput). A file read as input
 * (`} < /run/users`) or a stage with data of its own (a feeder, a client, a group's output) stops it.
 */

/** Words that end a command in a shell (shellWords with its operators gives `&&` as two `&`). */
const SEPARATOR = /^(?:;|&&?|\|\|?|\(|\)|`)$/;
/** A command that writes its own words (stdin-passwords.ts FEEDER): what a stage after it reads is those. */
const FEEDER = /^(?:[\w.-]*=)?(?:\S*\/)?(?:echo|printf|yes)$/;
/** How many words back a group's opening is looked for, forward its closing, and back a command's start. */
const MAX_GROUP = 64;
const MAX_CLOSING = 256;
const MAX_COMMAND_WORDS = 64;
/** How many groups and pipeline stages are read out through. */
const MAX_STEPS = 16;

/** The text a reader reads and the word that holds it (stdin-passwords.ts stdinInput's answer). */
export interface FedText {
  text: string;
  at: number;
}

const isOpening = (word: string | undefined): boolean => word === '(' || word === '{';

/** The first word after the command (or the group's closing) at word `i`: a separator, or the words' end. */
function commandEnd(words: readonly string[], i: number): number {
  let end = i + 1;
  while (end < words.length && !SEPARATOR.test(words[end])) end++;
  return end;
}

/** The first word of the command that holds word `i` (after a `{` that opens its group). */
function commandStart(words: readonly string[], i: number): number {
  let start = i;
  while (start > 0 && i - start < MAX_COMMAND_WORDS && !SEPARATOR.test(words[start - 1])) start--;
  return words[start] === '{' && start < i ? start + 1 : start;
}

/** The `)` or `}` that closes the group opened at word `open`. */
function closingOf(words: readonly string[], open: number): number | undefined {
  let depth = 0;
  for (let k = open + 1; k < words.length && k - open <= MAX_CLOSING; k++) {
    if (isOpening(words[k])) depth++;
    else if ((words[k] === ')' || words[k] === '}') && depth-- === 0) return k;
  }
  return undefined;
}

/** The `(` or `{` of a group whose command starts at `start`, not fed by a pipe inside the group. */
function groupOpening(words: readonly string[], start: number): number | undefined {
  const before = words[start - 1];
  if (before === undefined || (before === '|' && words[start - 2] !== '|') || (before === '&' && words[start - 2] !== '&'))
    return undefined;
  let depth = 0;
  for (let k = start - 1; k >= 0 && start - k < MAX_GROUP; k--) {
    const word = words[k];
    if (word === ')' || word === '}') depth++;
    else if (isOpening(word) && depth-- === 0) return k;
  }
  return undefined;
}

/**
 * Whether the stage from `start` to `end` reads its input and passes it on (stdin-pipes.ts passesOn), and names no file
 * to read instead (`cat /run/pw | restic init`: a path operand, but `tee`'s, which it writes).
 */
function passesInputOn(words: readonly string[], start: number, end: number): boolean {
  const k = stageCommand(words, start, end);
  if (k === undefined || !passesOn(words, start, end)) return false;
  return /^(?:\S*\/)?tee$/.test(words[k]) || !words.slice(k + 1, end).some((word) => /^(?:\/|\.{1,2}\/|~\/)/.test(word));
}

/** The `|` (or bash's `|&`) before the command starting at `start`, if one feeds it. */
function pipeBefore(words: readonly string[], start: number): number | undefined {
  if (words[start - 1] === '|' && words[start - 2] !== '|') return start - 1;
  return words[start - 1] === '&' && words[start - 2] === '|' ? start - 2 : undefined;
}

/**
 * What the reader whose command (or group) starts at word `from` reads on standard input: what is fed to it, else to
 * the group it is a command of or to its pipeline's first stage through stages that pass it on, out to the script's
 * own input (`inherited`, as given).
 */
export function readerInput<T extends FedText>(words: readonly string[], from: number, inherited?: T): FedText | T | undefined {
  let at = from;
  for (let step = 0; step < MAX_STEPS; step++) {
    const close = isOpening(words[at]) ? closingOf(words, at) : undefined;
    if (isOpening(words[at]) && close === undefined) return undefined;
    const own = stdinInput(words, at) ?? (close === undefined ? undefined : redirectedInput(words, close + 1, commandEnd(words, close)));
    if (own) return own;
    if (close === undefined ? readsFile(words, at + 1, commandEnd(words, at)) : readsFile(words, close + 1, commandEnd(words, close)))
      return undefined;
    // Back through the stages that pass their input on, to the pipeline's first.
    let head = close === undefined ? commandStart(words, at) : at;
    for (let pipe = pipeBefore(words, head); pipe !== undefined; pipe = pipeBefore(words, head)) {
      const stage = commandStart(words, pipe);
      if (++step >= MAX_STEPS || stage === pipe || words[stage] === '}' || FEEDER.test(words[stage]) || !passesInputOn(words, stage, pipe))
        return undefined;
      head = stage;
    }
    const open = groupOpening(words, head);
    if (open === undefined) return inherited;
    at = open;
  }
  return undefined;
}
