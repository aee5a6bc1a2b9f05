import { commandLines } from './data-commands';
import { isPlaceholder } from './placeholders';
import type { Path } from './problem';
import { isCommandReference } from './secret-arguments';

/**
 * K3s' short alias of `--token`, `-t <token>` (docs.k3s.io/cli/server and /cli/agent: "--token value, -t value"; 48a-3),
 * read only where K3s reads it: after `k3s server|agent` (global options may stand before the subcommand), after the
 * image `rancher/k3s` (its entrypoint is k3s: `docker run rancher/k3s:v1.30.4-k3s1 agent -t …`), after the install
 * script's `sh -s - [server|agent]` (docs.k3s.io/installation/configuration: `curl -sfL https://get.k3s.io | sh -s -
 * server --token …`, the script passes its arguments to K3s) on a line that names K3s, and in its
 * `INSTALL_K3S_EXEC="agent -t …"`. Go's flag package takes `-t v`, `-t=v`, `--t v`, `--t=v`, and a long option after
 * one dash (`-token v`); `-tv` glued is refused too. Another command's `-t` (`docker run -t`, `ssh -t`, `tar -tf`,
 * `k3s kubectl exec -t`, `k3s crictl exec -t`) is none. A reference (`$TOKEN`, `"$(cat f)"`) or a placeholder sets
 * none. Spans of the values.
 */
const ANCHOR =
  /(?<![\w.-])(?:(?:k3s(?:\.exe)?|rancher\/k3s(?:[:@][\w.:+-]+)?)((?:[ \t]+--?[\w-]+(?:=\S*)?)*)[ \t]+(?:server|agent)|sh[ \t]+-s[ \t]+-(?:[ \t]+(server|agent))?)(?=[ \t]|\\\r?\n)/g;
/** One word (quoted parts kept), after blanks or an escaped line break; a word ends at `;`, `&`, `|` or a line's end, a `#` opening one is a comment. */
const WORD = /(?:[ \t]|\\\r?\n)+((?!#)(?:"[^"\n]*"|'[^'\n]*'|[^\s;&|'"])+)/y;

/** The install script's INSTALL_K3S_EXEC, the words it gives K3s (docs.k3s.io/reference/env-variables). */
const INSTALL_EXEC = /(?<![\w-])INSTALL_K3S_EXEC=("[^"\n]{0,4096}"|'[^'\n]{0,4096}'|[^\s;&|]+)/g;
/** `-t`, `--t`, `-token`/`-agent-token` after one dash (Go's flag package), with its value glued or after `=` (`-tX`, `-t=X`). */
const OPTION = /^--?t(?:=|$)|^-(?:agent-)?token(?:=|$)|^-t(?!(?:oken|ls)[\w-]*(?:=|$))(?=.)/;
/** A value that is a token: not a reference (`$T`, `"$(cat f)"`), a placeholder or the next option. */
const isToken = (value: string): boolean => !!value && !isCommandReference(value) && !isPlaceholder(value) && !value.startsWith('-');

/** The values of `-t` in K3s command lines of `text` (secret-shapes.ts's finders: refused and redacted). */
export function k3sShortTokenSpans(text: string): Array<[number, number]> {
  if (!/-t/.test(text) || !/k3s|sh[ \t]+-s/i.test(text)) return [];
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
      const option = OPTION.exec(word[1]);
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
      if (quoted?.[1] === '"' && quoted[2].includes('$')) continue;
      const bare = quoted ? quoted[2] : value;
      if (isToken(value) && isToken(bare)) found.push(quoted ? [start + 1, start + 1 + bare.length] : [start, start + value.length]);
    }
  }
  for (const exec of text.matchAll(INSTALL_EXEC)) {
    const at = exec.index + exec[0].length - exec[1].length + (/^["']/.test(exec[1]) ? 1 : 0);
    const words = [...exec[1].replace(/^(["'])(.*)\1$/s, '$2').matchAll(/\S+/g)];
    words.forEach((word, i) => {
      const option = OPTION.exec(word[0]);
      const glued = option && word[0].length > option[0].length;
      const value = !option ? undefined : glued ? word[0].slice(option[0].length) : words[i + 1]?.[0];
      const start = !option ? 0 : glued ? word.index + option[0].length : (words[i + 1]?.index ?? 0);
      if (value && isToken(value)) found.push([at + start, at + start + value.length]);
    });
  }
  return [...found, ...listTokenSpans(text)];
}

/**
 * `-t` in a list of K3s' words written in text (sql49's open end): a JSON or flow list, a Dockerfile's exec form, a
 * call's arguments (`subprocess.run(["k3s", "agent", "-t", "…"])`, `exec.Command("k3s", "agent", "-t", "…")`), quoted
 * or bare items on one line; read as execK3sTokens reads a container's command.
 */
const LIST_K3S = /[[(,][ \t]*(["']?)(?:[\w.-]*\/)*k3s(?:\.exe)?\1[ \t]*,/g;
const LIST_ITEM = /[ \t]*(?:"([^"\n\\]{0,4096})"|'([^'\n\\]{0,4096})'|([^\s,'"()[\]]{1,4096}))[ \t]*([,\])]|$)/y;
function listTokenSpans(text: string): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  const heads = new RegExp(LIST_K3S);
  for (let head = heads.exec(text); head; head = heads.exec(text)) {
    const items: Array<{ word: string; at: number }> = [];
    LIST_ITEM.lastIndex = heads.lastIndex;
    for (let item = LIST_ITEM.exec(text); item && items.length < 200; item = LIST_ITEM.exec(text)) {
      const word = item[1] ?? item[2] ?? item[3];
      // The word starts after the blanks, and after its opening quote.
      items.push({ word, at: item.index + item[0].search(/[^ \t]/) + (item[3] === undefined ? 1 : 0) });
      heads.lastIndex = LIST_ITEM.lastIndex;
      if (item[4] !== ',') break;
    }
    let i = 0;
    while (i < items.length && items[i].word.startsWith('-')) i++;
    if (!/^(?:server|agent)$/.test(items[i]?.word ?? '')) continue;
    for (i++; i < items.length; i++) {
      const option = OPTION.exec(items[i].word);
      if (!option) continue;
      const glued = items[i].word.length > option[0].length;
      const n = glued ? i : i + 1;
      const value = glued ? items[i].word.slice(option[0].length) : items[n]?.word;
      const at = glued ? items[i].at + option[0].length : items[n]?.at;
      if (value !== undefined && at !== undefined && isToken(value)) found.push([at, at + value.length]);
      i = n;
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

/**
 * `-t` in an exec-form command that runs K3s (`command: [k3s, agent, -t, …]`, or `args: [agent, -t, …]` of an image
 * `rancher/k3s`): one finding per list item holding the value, as the kubelet passes each item as one word.
 */
export function execK3sTokens(record: Record<string, unknown>, at: Path): Array<{ path: Path; value: string; what: string }> {
  const image = typeof record.image === 'string' && /(?:^|\/)rancher\/k3s(?:[:@]|$)/.test(record.image);
  return commandLines(record).flatMap((items) => {
    const words = items.map(({ word }) => word);
    let i = words.findIndex((word) => /(?:^|\/)k3s(?:\.exe)?$/.test(word));
    if (i < 0 && !(image && !('command' in record))) return [];
    for (i++; i < words.length && words[i].startsWith('-'); i++);
    if (!/^(?:server|agent)$/.test(words[i] ?? '')) return [];
    const found: Array<{ path: Path; value: string; what: string }> = [];
    for (i++; i < words.length && words[i] !== ';'; i++) {
      const option = OPTION.exec(words[i]);
      if (!option) continue;
      const glued = words[i].length > option[0].length;
      const n = glued ? i : i + 1;
      const value = glued ? words[i].slice(option[0].length) : words[n];
      const { key, index } = items[n] ?? {};
      if (value !== undefined && key !== undefined && isToken(value))
        found.push({ path: index === undefined ? [...at, key] : [...at, key, index], value: String(items[n].item), what: K3S_SHORT_TOKEN });
      i = n;
    }
    return found;
  });
}

/** What such a value is called in messages. */
export const K3S_SHORT_TOKEN = 'a K3s token given as k3s -t';
