import { groupsOnOneLine } from './group-lines';

/**
 * A pipeline a line leaves open (attack round 42a-2): a line that ends with `|` is continued on the next, without a
 * `\` (bash(1) SHELL GRAMMAR: a pipeline's `|` may be followed by newlines before the next command; POSIX sh the same,
 * XCU 2.10.2 `pipe_sequence '|' linebreak command`): `echo pw |` then `  restic -r /r init` is one pipeline.
 * secrets-commands.ts reads such a line break as a blank (the text keeps its length, so a password's span in it is
 * the written text's too). Not a YAML block scalar's `|` (`key: |`, `- |`, `? |`, a `|` alone) nor `||`.
 */

/**
 * A `|` at a line's end after a character that ends a command's word (not `:`, `-`, `?`, `|`, `=`, a blank): its line
 * break, with a comment after the `|` and the blank or comment-only lines before the next command (43a-3: bash reads
 * `echo pw | # the token` and then, after blank lines, `vault login -` as one pipeline).
 */
const OPEN_PIPE = /(?<=[^\s:?|=-][ \t]*\|)(?=[ \t]*(?:#[^\r\n]*)?\r?\n)/g;
/** One blank or comment-only line: taken one at a time in code (a repeated group's stack grows with the lines: review61-4). */
const BLANK_LINE = /[ \t]*(?:#[^\r\n]*)?\r?\n/y;

function openPipesBlanked(text: string): string {
  let out = '';
  let done = 0;
  for (const { index } of text.matchAll(OPEN_PIPE)) {
    if (index < done) continue;
    let end = index;
    for (BLANK_LINE.lastIndex = end; BLANK_LINE.test(text); BLANK_LINE.lastIndex = end) end = BLANK_LINE.lastIndex;
    out += text.slice(done, index) + ' '.repeat(end - index);
    done = end;
  }
  return out + text.slice(done);
}

/**
 * `text` with the line break after each pipeline left open made blanks, each character where it stood, and each group
 * over several lines that is fed as a whole on one line (group-lines.ts, 44a-2).
 */
export const pipesOnOneLine = (text: string): string => groupsOnOneLine(text.includes('|') ? openPipesBlanked(text) : text);
