import { commandLines } from './data-commands';
import { codeLiteralRuns, k3sCodeArgLists, wordSpan } from './k3s-code-args';
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
 * one dash (`-token v`); `-tv` glued is refused too. A quoted path counts as `k3s` (`"/usr/local/bin/k3s" agent -t …`,
 * 51a-8). Another command's `-t` (`docker run -t`, `ssh -t`, `tar -tf`, `k3s kubectl exec -t`, `k3s crictl exec -t`)
 * is none. A reference (`$TOKEN`, `"$(cat f)"`) or a placeholder sets none. Also `k3s token create <token>`'s token
 * (49a-4; docs.k3s.io/cli/token). Spans of the values.
 */
const ANCHOR =
  /(?<![\w.-])(?:(?:k3s(?:\.exe)?["']?|rancher\/k3s(?:[:@][\w.:+-]+)?)((?:[ \t]+--?[\w-]+(?:=\S*)?)*)[ \t]+(?:server|agent|token[ \t]+create)|sh[ \t]+-s[ \t]+-(?:[ \t]+(server|agent))?)(?=[ \t]|\\\r?\n)/g;
/** One word (quoted parts kept), after blanks or an escaped line break; a word ends at `;`, `&`, `|` or a line's end, a `#` opening one is a comment. */
// A backtick closes an inline command in prose (``Run `k3s token create --ttl 24h` on a server.``, 66a-18): the word ends
// there, and what follows it is no argument; a whole `` `cmd` `` substitution stays one word.
const WORD = /(?:[ \t]|\\\r?\n)+((?!#)(?:"[^"\n]*"|'[^'\n]*'|`[^`\n]*`|[^\s;&|'"`])+)/y;

/** `k3s token create [options] <token>`'s token, its words read by WORD from its lastIndex (its options all take a value). */
function createdToken(text: string): [number, number] | undefined {
  for (let n = 0, word; n < 100 && (word = WORD.exec(text)); n++) {
    if (word[1].startsWith('-')) {
      if (!word[1].includes('=') && !WORD.exec(text)) return undefined;
      continue;
    }
    const start = word.index + word[0].length - word[1].length;
    const quoted = /^(["'])(.*)\1$/s.exec(word[1]);
    if (quoted?.[1] === '"' && quoted[2].includes('$')) return undefined;
    const bare = quoted ? quoted[2] : word[1];
    return isToken(word[1]) && isToken(bare) ? (quoted ? [start + 1, start + 1 + bare.length] : [start, start + bare.length]) : undefined;
  }
  return undefined;
}

/** The install script's INSTALL_K3S_EXEC, the words it gives K3s (docs.k3s.io/reference/env-variables). */
const INSTALL_EXEC = /(?<![\w-])INSTALL_K3S_EXEC=("[^"\n]{0,4096}"|'[^'\n]{0,4096}'|[^\s;&|]+)/g;
/** `-t`, `--t`, `-token`/`-agent-token` after one dash (Go's flag package), with its value glued or after `=` (`-tX`, `-t=X`). */
// And `--cluster-secret`, the old name of `--token` (52a-12; k3s-io/k3s pkg/cli/cmds/agent.go: "(deprecated) use
// --token", env K3S_CLUSTER_SECRET), which no other command's rule reads as a secret.
const OPTION = /^--?t(?:=|$)|^-(?:agent-)?token(?:=|$)|^--?cluster-secret(?:=|$)|^-t(?!(?:oken|ls)[\w-]*(?:=|$))(?=.)/;
/** A value that is a token: not a reference (`$T`, `"$(cat f)"`), a placeholder or the next option. */
const isToken = (value: string): boolean => !!value && !isCommandReference(value) && !isPlaceholder(value) && !value.startsWith('-');

/** The values of `-t` in K3s command lines of `text` (secret-shapes.ts's finders: refused and redacted). */
export function k3sShortTokenSpans(text: string): Array<[number, number]> {
  if (!/-t|create|cluster-secret|s3-s/.test(text) || !/k3s|sh[ \t]+-s/i.test(text)) return [];
  const found: Array<[number, number]> = [];
  const anchors = new RegExp(ANCHOR);
  const namesK3s = linesNaming(text);
  let anchor: RegExpExecArray | null;
  while ((anchor = anchors.exec(text))) {
    if (anchor[0].startsWith('sh') && !anchor[2] && !namesK3s(anchor.index)) continue;
    WORD.lastIndex = anchor.index + anchor[0].length;
    let word: RegExpExecArray | null;
    if (/create$/.test(anchor[0])) {
      const token = createdToken(text);
      if (token) found.push(token);
      anchors.lastIndex = token ? token[1] : anchor.index + anchor[0].length;
      continue;
    }
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
  found.push(...listTokenSpans(text));
  // A list in code is read by both list readers: each value once.
  const seen = new Set(found.map(String));
  for (const span of [...codeTokenSpans(text), ...looseTokenSpans(text)]) {
    if (!seen.has(String(span))) found.push(span);
    seen.add(String(span));
  }
  return found;
}

/**
 * A text that runs K3s (a `k3s` word, or k3sup) may build its argument list apart from the call (52a-12: Go's `args :=
 * []string{"agent", "--token", "…"}` then `exec.Command("k3s", args...)`, PowerShell's `& k3s.exe @("agent", …)` or a
 * splatted `@args`, `args += ['--token', '…']`, Ruby's `%w[…]`, k3sup's `--k3s-extra-args "--token …"`): every run of
 * literals in it is read for K3s' secret options (LIST_OPTION's long ones anywhere; `-t` after `server`/`agent` only, as
 * `docker run -t` is no token). A literal of words that starts with an option or a subcommand is an arguments string.
 */
const RUNS_K3S = /(?<![\w.-])(?:[\w.-]*[/\\])?k3s(?:\.exe|up)?(?![\w-])/;
const SPLIT = /^(?:-|(?:server|agent)[ \t])/;
const EXTRA_ARGS = /--(?:server-)?k3s-extra-args(?:=|[ \t]+)["']?$/;
function looseTokenSpans(text: string): Array<[number, number]> {
  if (!/-t|cluster-secret|s3-s/.test(text) || !RUNS_K3S.test(text)) return [];
  const found: Array<[number, number]> = [];
  // A run that ends with the subcommand goes on in the next (`args = ['k3s', 'server']; args += ['-t', '…']`).
  let carried = false;
  const extra = text.includes('k3s-extra-args');
  for (const run of codeLiteralRuns(text)) {
    const start = run[0].pieces[0].start;
    // k3sup's `--k3s-extra-args "…"` holds `k3s server|agent`'s options (github.com/alexellis/k3sup README).
    let subcommand = carried || (extra && EXTRA_ARGS.test(text.slice(Math.max(0, start - 64), start)));
    carried = /^(?:server|agent)$/.test(run[run.length - 1].word);
    if (!run.some(({ word }) => word.includes('-'))) continue;
    const words: Array<{ text: string; item: number; at: number }> = [];
    run.forEach(({ word }, item) => {
      if (/\s/.test(word) && SPLIT.test(word))
        for (const part of word.matchAll(/\S+/g)) words.push({ text: part[0], item, at: part.index });
      else words.push({ text: word, item, at: 0 });
    });
    for (let i = 0; i < words.length; i++) {
      subcommand ||= /^(?:server|agent)$/.test(words[i].text);
      const option = LONG_OPTION.exec(words[i].text) ?? (subcommand ? LIST_OPTION.exec(words[i].text) : null);
      if (!option) continue;
      const glued = words[i].text.length > option[0].length;
      const n = glued ? i : i + 1;
      if (n >= words.length) break;
      const offset = glued ? option[0].length : 0;
      const { text: word, item, at } = words[n];
      if (isToken(word.slice(offset))) found.push(wordSpan(run[item], at + offset, at + word.length));
      i = n;
    }
  }
  return found;
}

/**
 * `-t`, `--token` and `--agent-token` in the argument lists code hands K3s (k3s-code-args.ts; 50a-2). A literal with
 * blanks after the `k3s` word is read as the words it holds: an arguments string (.NET's `Process.Start("k3s", "agent
 * --token …")`); in an argv one item `--token x` would be no option K3s knows.
 */
function codeTokenSpans(text: string): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  for (const list of k3sCodeArgLists(text)) {
    // Each word, the list item it is in, and where in the item it starts.
    const texts: string[] = [];
    const places: Array<[number, number]> = [];
    list.forEach(({ word }, n) => {
      const parts: Array<{ 0: string; index: number }> = /\s/.test(word) ? [...word.matchAll(/\S+/g)] : [{ 0: word, index: 0 }];
      for (const part of parts) {
        texts.push(part[0]);
        places.push([n, part.index]);
      }
    });
    let i = 0;
    while (i < texts.length && /(?:^|\/)k3s(?:\.exe)?$/.test(texts[i])) i++;
    for (const { n, offset } of tokenWords(texts, i, LIST_OPTION)) {
      const [item, at] = places[n];
      if (isToken(texts[n].slice(offset))) found.push(wordSpan(list[item], at + offset, at + texts[n].length));
    }
  }
  return found;
}

/**
 * `-t`, `--token` and `--agent-token` in a list of K3s' words written in text (sql49's open end; 49a-4): a JSON or flow
 * list, a Dockerfile's exec form, a call's arguments (`subprocess.run(["k3s", "agent", "--token", "…"])`,
 * `exec.Command("k3s", "agent", "-t", "…")`, `spawn('k3s', ['agent', '-t', '…'])`), quoted or bare items on one line;
 * and `k3s token create <token>`'s token; read as execK3sTokens reads a container's command. Where `k3s` is quoted
 * (code), a bare item is a variable, no value (49a-10: `["k3s", "agent", "-t", token]`); in a list of bare words
 * (`[k3s, agent, -t, …]`, YAML's flow) it is one.
 */
const LIST_K3S = /[[(,][ \t]*(["']?)(?:[\w.-]*\/)*k3s(?:\.exe)?\1[ \t]*,/g;
const LIST_ITEM = /[ \t]*\[?[ \t]*(?:"([^"\n\\]{0,4096})"|'([^'\n\\]{0,4096})'|([^\s,'"()[\]]{1,4096}))[ \t]*([,\])]|$)/y;
/** A list's token options: `-t` as on a command line, and the long `--token`/`--agent-token` (not `--token-file`). */
// Also the S3 secret options of `k3s server` and `etcd-snapshot` (k3s-io/k3s pkg/cli/cmds/server.go `etcd-s3-secret-key`,
// `etcd-s3-session-token`, later `s3-secret-key`/`s3-session-token` with those as aliases), as no other rule reads code's lists.
const LONG_OPTION = /^--(?:agent-)?token(?:=|$)|^--?(?:etcd-)?s3-(?:secret-key|session-token)(?:=|$)/;
const LIST_OPTION = new RegExp(`${OPTION.source}|${LONG_OPTION.source}`);
function listTokenSpans(text: string): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  const heads = new RegExp(LIST_K3S);
  for (let head = heads.exec(text); head; head = heads.exec(text)) {
    const items: Array<{ word: string; at: number; variable: boolean }> = [];
    LIST_ITEM.lastIndex = heads.lastIndex;
    for (let item = LIST_ITEM.exec(text); item && items.length < 200; item = LIST_ITEM.exec(text)) {
      const word = item[1] ?? item[2] ?? item[3];
      // The word starts after the blanks (and a call's `[`), and after its opening quote.
      const at = item.index + item[0].search(/[^ \t[]/) + (item[3] === undefined ? 1 : 0);
      items.push({ word, at, variable: !!head[1] && item[3] !== undefined });
      heads.lastIndex = LIST_ITEM.lastIndex;
      if (item[4] !== ',') break;
    }
    for (const { n, offset } of tokenWords(
      items.map(({ word }) => word),
      0,
      LIST_OPTION,
    )) {
      const { word, at, variable } = items[n];
      if (!variable && isToken(word.slice(offset))) found.push([at + offset, at + word.length]);
    }
  }
  return found;
}

/**
 * The words of a K3s command (from `i`, after `k3s` and its global options) that hold a token, and where in the word
 * it starts (a glued `-tX`, `--token=X`): `option`'s value after `server|agent`, or the positional token of `k3s token
 * create [options] <token>` (docs.k3s.io/cli/token; its options all take a value).
 */
function tokenWords(words: readonly string[], i: number, option: RegExp): Array<{ n: number; offset: number }> {
  const found: Array<{ n: number; offset: number }> = [];
  for (; i < words.length && words[i].startsWith('-'); i++);
  if (words[i] === 'token' && words[i + 1] === 'create') {
    for (i += 2; i < words.length && words[i] !== ';'; i += words[i].includes('=') ? 1 : 2)
      if (!words[i].startsWith('-')) return [{ n: i, offset: 0 }];
    return found;
  }
  if (!/^(?:server|agent)$/.test(words[i] ?? '')) return found;
  for (i++; i < words.length && words[i] !== ';'; i++) {
    const glued = option.exec(words[i]);
    if (!glued) continue;
    const n = words[i].length > glued[0].length ? i : i + 1;
    if (n < words.length) found.push({ n, offset: n === i ? glued[0].length : 0 });
    i = n;
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
  // A record with no image (a fragment in a text, 49a-4: `args: [agent, -t, …]`) is read as K3s' own.
  const k3sArgs = (image || !('image' in record)) && !('command' in record);
  return commandLines(record).flatMap((items) => {
    const words = items.map(({ word }) => word);
    const i = words.findIndex((word) => /(?:^|\/)k3s(?:\.exe)?$/.test(word));
    if (i < 0 && !k3sArgs) return [];
    return tokenWords(words, i + 1, OPTION).flatMap(({ n, offset }) => {
      const { key, index } = items[n] ?? {};
      if (key === undefined || !isToken(words[n].slice(offset))) return [];
      return [{ path: index === undefined ? [...at, key] : [...at, key, index], value: String(items[n].item), what: K3S_SHORT_TOKEN }];
    });
  });
}

/** What such a value is called in messages. */
export const K3S_SHORT_TOKEN =
  'a K3s token or secret given to k3s on a command line or in an argument list (-t, --token, --agent-token, --cluster-secret, --etcd-s3-secret-key, token create)';
