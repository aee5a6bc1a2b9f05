import { shellWords } from './secret-arguments';

/**
 * The command lines a mapping of data runs, as its program runs them (attack round 41a-5), so that a command in YAML
 * text (a Pod spec, a compose file pasted into a ConfigMap) is judged as a real container's is:
 * - Kubernetes' `command` then `args` (a container, a probe's or a hook's `exec`): one command line, whatever the
 *   lists' YAML style;
 * - compose's `entrypoint` then `command` (docs.docker.com compose file reference, "entrypoint", "command"), each a
 *   list or a string the shell way split;
 * - a compose healthcheck's `test: [CMD, …]` list, its items after `CMD`;
 * - a list under `argv` or `cmd` (43a-11): Ansible's `command` module's `argv` (docs.ansible.com ansible.builtin.command:
 *   "Passes the command as a list rather than a string"), an image config's `Cmd`, any program's list of a command's words.
 * Each word keeps where it came from: the key, and the item's index in a list (none for a string's words).
 */
export interface CommandWord {
  readonly key: string;
  readonly index?: number;
  /** The list item or string the word was read from. */
  readonly item: unknown;
  /** The word itself; `;` for an item that is no text (it ends the command there). */
  readonly word: string;
}

/** The words of `record[key]`: a list's items, or a string's words (where `split`). */
function wordsAt(record: Record<string, unknown>, key: string, split: boolean, from = 0): CommandWord[] {
  const value = record[key];
  if (Array.isArray(value))
    return value.slice(from).map((item, i) => ({ key, index: i + from, item, word: typeof item === 'string' ? item : ';' }));
  if (split && typeof value === 'string') return shellWords(value).map((word) => ({ key, item: value, word }));
  return [];
}

/** The command lines `record` runs (see above); none where it has no such key. */
export function commandLines(record: Record<string, unknown>): CommandWord[][] {
  const lines: CommandWord[][] = [];
  if ('entrypoint' in record) lines.push([...wordsAt(record, 'entrypoint', true), ...wordsAt(record, 'command', true)]);
  else lines.push([...wordsAt(record, 'command', false), ...wordsAt(record, 'args', false)]);
  const test = record.test;
  if (Array.isArray(test) && test[0] === 'CMD') lines.push(wordsAt(record, 'test', false, 1));
  for (const key of ['argv', 'cmd', 'Cmd']) if (Array.isArray(record[key])) lines.push(wordsAt(record, key, false));
  return lines.filter((line) => line.length > 0);
}
