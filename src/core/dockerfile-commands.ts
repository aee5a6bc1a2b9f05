import { listItemsAt } from './exec-form-lists';

/**
 * A Dockerfile's exec-form commands read as the container runs them (attack round 41a-5): `ENTRYPOINT [...]` then
 * `CMD [...]` is one command line, the CMD's items the entrypoint's arguments (docs.docker.com reference/dockerfile,
 * "Understand how CMD and ENTRYPOINT interact"); a list continued over lines, by a `\` at a line's end or an open `[`,
 * is one list. Each is given as data, `{command: entrypoint, args: cmd}`, judged as a container's command and args are
 * (data-commands.ts). `FROM` starts a stage: an entrypoint before it is not the next stage's.
 */

/** An instruction this reads: where its word starts, and (for CMD and ENTRYPOINT) where its `[` is. */
const INSTRUCTION = /^[ \t]*(FROM|ENTRYPOINT|CMD)\b[ \t]*(\[)?/gim;
/** The longest list read, from its `[` (exec-form-lists.ts reads as far). */
const MAX_LIST = 4096;

/** The items of the list at `text[from]`, its line breaks (and a `\` before one) read as blanks; undefined where none. */
function listOver(text: string, from: number): { items?: string[]; read: number } {
  const most = text.slice(from, from + MAX_LIST);
  const part = most.slice(0, most.indexOf(']') + 1 || most.length);
  // A `]` inside a quoted item ends no list: such a list is read as far as that and fails, and the line reading reads it.
  return { items: listItemsAt(part.replace(/\\?\r?\n/g, ' '), 0), read: part.length };
}

/** The commands a Dockerfile's text runs in exec form, as `{command, args}` data; none where it has no such list. */
export function dockerfileCommands(text: string): Array<{ command: string[]; args?: string[] }> {
  if (!/^[ \t]*(?:CMD|ENTRYPOINT)\b[ \t]*\[/im.test(text)) return [];
  const found: Array<{ command: string[]; args?: string[] }> = [];
  let entrypoint: string[] = [];
  // Lists left open overlap (a `CMD [` on every line): together they read at most a few times the text.
  let budget = 4 * text.length + MAX_LIST;
  for (const match of text.matchAll(INSTRUCTION)) {
    const word = match[1].toUpperCase();
    if (word === 'FROM') entrypoint = [];
    if (word === 'FROM' || !match[2] || budget <= 0) continue;
    const { items = [], read } = listOver(text, match.index + match[0].length - 1);
    budget -= read;
    const command = word === 'ENTRYPOINT' ? { command: (entrypoint = items) } : { command: entrypoint, args: items };
    // One word sets no password: not read (a hostile `ENTRYPOINT ["a"]` on every line stays cheap).
    if (command.command.length + (command.args?.length ?? 0) > 1) found.push(command);
  }
  return found;
}
