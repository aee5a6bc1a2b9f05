import { commandPasswordSpans } from './secrets-commands';

/**
 * Attack round 40a-7: Apache Ant's `<exec executable="mysql"><arg value="-ppw"/></exec>` (and `<apply>`, which takes the
 * same arguments) runs one command line that no line of the text holds: the executable, then each `<arg>` in order, a
 * `value`, `file` or `path` one word, a `line` split at blanks (ant.apache.org/manual/Tasks/exec.html, "Command-line
 * Arguments"); the deprecated `command` attribute is a whole command line. That line is read as any command line is
 * (secrets-commands.ts), and a password it finds is the span the element holds it at (the whole element where the
 * element writes it with character references). The exec-maven-plugin's `<configuration>` alike: its `<executable>`, then
 * each `<arguments><argument>` in order (mojohaus.org/exec-maven-plugin exec-mojo.html).
 */

/** What such a password is called in findings (`FoundSecret.what`). */
export const ANT_EXEC_SECRET =
  'a password on the command line an Ant <exec> or <apply> runs (executable and <arg> elements), or a Maven exec <configuration>';

const START = /<(exec|apply)(?=[\s>/])/g;
const ATTRIBUTE = /\s([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const ARG = /<arg(?=[\s/>])([^>]*)>/g;
const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** An attribute's value with its character references undone. */
const decoded = (value: string): string =>
  value.replace(/&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|(amp|lt|gt|quot|apos));/gi, (_, dec, hex, name) =>
    dec || hex ? String.fromCodePoint(Math.min(0x10ffff, parseInt(dec ?? hex, dec ? 10 : 16))) : ENTITIES[name.toLowerCase()],
  );

/** The attributes of a start tag's text, decoded. */
function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const [, name, double, single] of tag.matchAll(ATTRIBUTE)) found.set(name.toLowerCase(), decoded(double ?? single));
  return found;
}

/** A word quoted for a shell: one word, whatever it holds. */
const quoted = (word: string): string => `'${word.replace(/'/g, "'\\''")}'`;

/** The spans of the passwords the command line `words` sets, in the text's part from `start` to `end`. */
function passwordSpans(words: readonly string[], text: string, start: number, end: number): Array<[number, number]> {
  const line = words.join(' ');
  const part = text.slice(start, end);
  return commandPasswordSpans(line).map(([from, to]): [number, number] => {
    const at = part.indexOf(line.slice(from, to));
    return at < 0 ? [start, end] : [start + at, start + at + to - from];
  });
}

const MAVEN_EXECUTABLE = /<executable>([^<]*)<\/executable>/g;
const MAVEN_ARGUMENT = /<argument>([^<]*)<\/argument>/g;

/** Where a Maven exec `<configuration>` runs a command line that sets a password: its first `<executable>` and its arguments. */
function mavenExecSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let read = 0;
  for (const executable of text.matchAll(MAVEN_EXECUTABLE)) {
    // The configuration that holds it, read once whatever number of executables it holds; each part of the text is
    // searched once (back to the last one read, forward to its end).
    if (executable.index < read) continue;
    const back = text.slice(read, executable.index).lastIndexOf('<configuration');
    const close = text.indexOf('</configuration>', executable.index);
    const [start, end] = [back < 0 ? executable.index : read + back, close < 0 ? text.length : close];
    read = end;
    const words = [quoted(decoded(executable[1].trim()))];
    for (const [, argument] of text.slice(start, end).matchAll(MAVEN_ARGUMENT)) words.push(quoted(decoded(argument)));
    if (words.length > 1) spans.push(...passwordSpans(words, text, start, end));
  }
  return spans;
}

/** Where a text's Ant `<exec>` and `<apply>` elements, or a Maven exec configuration, run a command line that sets a password. */
export function antExecSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = text.includes('<executable>') ? mavenExecSpans(text) : [];
  if (!/<(?:exec|apply)/.test(text)) return spans;
  // Where the next end tag stands: found once for all the starts before it; a start inside an element read is skipped,
  // so each part of the text is read once (no scan to the end from each start).
  const close = new Map<string, number>();
  let read = 0;
  for (const start of text.matchAll(START)) {
    if (start.index < read) continue;
    const tagEnd = text.indexOf('>', start.index);
    if (tagEnd < 0) break;
    const own = attributes(text.slice(start.index, tagEnd));
    const selfClosing = text[tagEnd - 1] === '/';
    if (!selfClosing && (close.get(start[1]) ?? -1) < tagEnd) {
      const next = text.indexOf(`</${start[1]}>`, tagEnd);
      close.set(start[1], next < 0 ? text.length : next);
    }
    const end = selfClosing ? tagEnd + 1 : close.get(start[1])!;
    read = end;
    const words: string[] = [];
    const executable = own.get('executable');
    if (executable !== undefined) words.push(quoted(executable));
    const command = own.get('command');
    if (command !== undefined) words.push(command);
    if (!selfClosing)
      for (const [, tag] of text.slice(tagEnd, end).matchAll(ARG)) {
        const arg = attributes(tag);
        const one = arg.get('value') ?? arg.get('file') ?? arg.get('path');
        if (one !== undefined) words.push(quoted(one));
        else if (arg.get('line') !== undefined) words.push(arg.get('line')!);
      }
    if (words.length < 2 && command === undefined) continue;
    spans.push(...passwordSpans(words, text, start.index, end));
  }
  return spans;
}
