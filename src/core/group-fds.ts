import { literalWritten, WORD, WRITER, wordsLiteral } from './fed-literals';
import { readsAfter, spellings } from './fed-reads';
import type { ProbeEdit } from './probe-spans';

/**
 * A group or subshell given a descriptor on a literal (attack round 47a-16): `{ chpasswd <&3; } 3<<< 'root:pw'`, `(
 * sudo -S true 0<&3 ) 3<<< 'pw'`, `{ …; } 4< <(echo pw)`. bash(1) SHELL GRAMMAR, "Compound Commands": a redirection
 * after `}` or `)` applies to every command of the list, so descriptor N is open on the literal inside it, as after
 * `exec N<<<` (fed-files.ts EXEC_FD): its reads inside the group (`<&N`, `0<&N`, `read -u N`, `/dev/fd/N`) are
 * fed-reads.ts's, written in the probe as reading the literal.
 */

/**
 * A group's closing, up to four other redirections (`2>/dev/null`, `>&2`), then `N<<<WORD` or `N< <(echo …)` (N 1 to 9;
 * 0 is group-input.ts's standard input).
 */
const GROUP_FD = new RegExp(
  String.raw`[})](?:[ \t]*[0-9]?(?:>>?|<)&?[ \t]*[\w./-]+){0,4}[ \t]*([1-9])(?:<<<[ \t]*(${WORD})|<[ \t]*<\([ \t]*(${WRITER})[ \t]*\))`,
  'dg',
);
/** How far back a group's opening is looked for, and how many groups are read. */
const MAX_GROUP = 4096;
const MAX_GROUPS = 8;

/** The `{` or `(` that opens the group closed at `close` (quotes not followed: a group of a text's command lines). */
function openingOf(text: string, close: number): number | undefined {
  const [closing, opening] = text[close] === '}' ? ['}', '{'] : [')', '('];
  let depth = 0;
  for (let k = close - 1; k >= 0 && close - k <= MAX_GROUP; k--) {
    if (text[k] === closing) depth++;
    else if (text[k] === opening && depth-- === 0) return k;
  }
  return undefined;
}

/** fed-reads.ts's edits of each read, inside a group, of a descriptor the group is given on a literal. */
export function groupFdEdits(text: string, edits: ProbeEdit[]): void {
  if (!/[1-9]</.test(text) || !/[})]/.test(text)) return;
  let groups = 0;
  for (const match of text.matchAll(GROUP_FD)) {
    if (++groups > MAX_GROUPS) break;
    const open = openingOf(text, match.index);
    const literal =
      match[2] !== undefined
        ? wordsLiteral(text, ...match.indices![2])
        : match[3] !== undefined
          ? literalWritten(text, match.indices![3][0], match[3])
          : undefined;
    if (open === undefined || !literal) continue;
    const fd = match[1];
    readsAfter(text, open + 1, { files: spellings(`/dev/fd/${fd}`), fds: [fd], until: match.index }, literal, edits);
  }
}
