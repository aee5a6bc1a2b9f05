import { isPlaceholder } from './placeholders';
import { isCommandReference } from './secret-arguments';

/**
 * K3s' short alias of `--token`, `-t <token>` (docs.k3s.io/cli/server and /cli/agent: "--token value, -t value"; 48a-3),
 * read only where K3s reads it: after `k3s server|agent` (global options may stand before the subcommand) and after
 * the install script's `sh -s - [server|agent]` (docs.k3s.io/installation/configuration: `curl -sfL https://get.k3s.io
 * | sh -s - server --token …`, the script passes its arguments to K3s) on a line that names K3s. Go's flag package takes
 * `-t v`, `-t=v`, `--t v`, `--t=v`, and a long option after one dash (`-token v`); `-tv` glued is refused too. Another command's `-t` (`docker run -t`, `ssh -t`,
 * `tar -tf`, `k3s kubectl exec -t`, `k3s crictl exec -t`) is none. A reference (`$TOKEN`, `"$(cat f)"`) or a
 * placeholder sets none. Spans of the values.
 */
const ANCHOR =
  /(?<![\w.-])(?:k3s(?:\.exe)?((?:[ \t]+--?[\w-]+(?:=\S*)?)*)[ \t]+(?:server|agent)|sh[ \t]+-s[ \t]+-(?:[ \t]+(server|agent))?)(?=[ \t]|\\\r?\n)/g;
/** One word (quoted parts kept), after blanks or an escaped line break; a word ends at `;`, `&`, `|` or a line's end, a `#` opening one is a comment. */
const WORD = /(?:[ \t]|\\\r?\n)+((?!#)(?:"[^"\n]*"|'[^'\n]*'|[^\s;&|'"])+)/y;

export function k3sShortTokenSpans(text: string): Array<[number, number]> {
  if (!/-t/.test(text) || !/k3s|sh[ \t]+-s/.test(text)) return [];
  const found: Array<[number, number]> = [];
  const anchors = new RegExp(ANCHOR);
  const namesK3s = linesNaming(text);
  let anchor: RegExpExecArray | null;
  while ((anchor = anchors.exec(text))) {
    if (anchor[0].startsWith('sh') && !anchor[2] && !namesK3s(anchor.index)) continue;
    WORD.lastIndex = anchor.index + anchor[0].length;
    let word: RegExpExecArray | null;
    // The command's words, each read once: the next anchor is looked for after them.
    for (let n = 0; n < 200 && (word = WORD.exec(text)); n++) {
      anchors.lastIndex = WORD.lastIndex;
      // Go's flag package reads a long option after one dash too (`-tls-san x`): not `-t` glued; `-token x` is `--token`.
      const option = /^--?t(?:=|$)|^-(?:agent-)?token(?:=|$)|^-t(?!(?:oken|ls)[\w-]*(?:=|$))(?=.)/.exec(word[1]);
      if (!option) continue;
      let start = word.index + word[0].length - word[1].length + option[0].length;
      let value = word[1].slice(option[0].length);
      if (!value) {
        const next = WORD.exec(text);
        if (!next) break;
        start = next.index + next[0].length - next[1].length;
        value = next[1];
        anchors.lastIndex = WORD.lastIndex;
      }
      const quoted = /^(["'])(.*)\1$/s.exec(value);
      if (isCommandReference(value) || (quoted?.[1] === '"' && quoted[2].includes('$'))) continue;
      const bare = quoted ? quoted[2] : value;
      if (!bare || isPlaceholder(bare) || bare.startsWith('-')) continue;
      found.push(quoted ? [start + 1, start + 1 + bare.length] : [start, start + value.length]);
    }
  }
  return found;
}

/** Whether the line at an index names K3s (`get.k3s.io`), each line searched once. */
function linesNaming(text: string): (at: number) => boolean {
  let line: [number, number, boolean] = [-1, -1, false];
  return (at) => {
    if (at < line[0] || at >= line[1]) {
      const start = text.lastIndexOf('\n', at) + 1;
      const end = text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at);
      line = [start, end + 1, /k3s/i.test(text.slice(start, end))];
    }
    return line[2];
  };
}

/** What such a value is called in messages. */
export const K3S_SHORT_TOKEN = 'a K3s token given as k3s -t';
