import { withFedFiles } from './fed-files';
import { withFunctionCalls } from './function-calls';
import type { ProbeEdit } from './probe-spans';
import { putSecretAssignments, withSecretVariables } from './secret-variables';
import { withLiterals } from './variable-literals';

/**
 * A shell's `-c` script read as a script of its own (attack round 45a-6): `sh -c 'chpasswd <<EOF` … `EOF'` feeds
 * chpasswd the here-doc's lines, though the text's line `EOF'` is no delimiter line (the script's is `EOF`, the quote
 * removed: sh(1p) "-c: Read commands from the command_string operand"). The probe (fed-files.ts) writes the shell, its
 * options and the quoted script as the script's text after quote removal, each character's place kept, so the
 * readers of here-docs, here-strings and pipes read its lines as lines. Only a script over several lines with a
 * here-document (`<<`) is written so: a one-line script is read by stdin-wrappers.ts.
 */

/** A shell or runner (`sh`, `bash`, `/bin/sh`, `su root`, `runuser -u u --`), up to 4 words, then `-c`/`-ec`/`--command` and a quoted script. */
const C_SCRIPT = new RegExp(
  String.raw`(?<![\w-])(?:/(?:usr/)?bin/)?(?:(?:ba|z|da|k|a|mk)?sh|su|runuser|flock)(?:[ \t]+[^\s'"\x60;&|()<>]+){0,4}?[ \t]+(?:-[A-Za-z]*c|--command)[ \t]+(?:'([^']*)'|"((?:[^"\\]|\\[^])*)")`,
  'dg',
);

/** How many scripts one text has written so. */
const MAX_SCRIPTS = 16;

/** The edits writing each `-c` script over several lines with a here-doc as its text (a double-quoted one unescaped). */
export function scriptEdits(text: string): ProbeEdit[] {
  const edits: ProbeEdit[] = [];
  if (!text.includes('<<') || !text.includes('c')) return edits;
  for (const match of text.matchAll(C_SCRIPT)) {
    const k = match[1] !== undefined ? 1 : 2;
    const script = match[k];
    if (!script.includes('<<') || !script.includes('\n')) continue;
    const start = match.indices![k][0];
    let written = '';
    const map: number[] = [];
    for (let j = 0; j < script.length; j++) {
      // In double quotes a backslash escapes `$`, `` ` ``, `"`, `\` and a line break (bash(1) QUOTING).
      if (k === 2 && script[j] === '\\' && /[$`"\\\n]/.test(script[j + 1] ?? '')) j++;
      if (k === 2 && script[j - 1] === '\\' && script[j] === '\n') continue;
      written += script[j];
      map.push(start + j);
    }
    const end = match.index + match[0].length;
    edits.push({ at: match.index, end, written, map, source: { span: [start, start + script.length], value: script } });
    if (edits.length >= MAX_SCRIPTS) break;
  }
  return edits;
}

type Found = { spans: Array<[number, number]>; option?: string };

/**
 * `read` made to find, besides what it finds in a text, what it finds in each `-c` script over several lines with a
 * here-doc read as its own text (scriptEdits: read alone, so a text of many scripts is read once more at most), each
 * finding where it lies in the text (its characters' places).
 */
export const withScripts =
  (read: (text: string) => Found) =>
  (text: string): Found => {
    const found = read(text);
    const spans: Array<[number, number]> = [];
    let option = found.option;
    for (const { written, map, source } of scriptEdits(text)) {
      const inScript = read(written);
      option ??= inScript.option;
      for (const [start, end] of inScript.spans) {
        let [low, high] = [Infinity, -1];
        for (let k = start; k < end; k++) if (map![k] >= 0) [low, high] = [Math.min(low, map![k]), Math.max(high, map![k])];
        spans.push(high >= 0 ? [low, high + 1] : source!.span);
      }
    }
    return spans.length ? { spans: [...found.spans, ...spans], option } : found;
  };

/**
 * A reader of a text's commands (secrets-commands.ts) made to read them also through the text's variables
 * (variable-literals.ts), files and descriptors (fed-files.ts), in its `-c` scripts over several lines and in the calls
 * of its functions (function-calls.ts), and to find the literals the text puts into variables named like a secret
 * (secret-variables.ts).
 */
export const withTextReads = (read: (text: string) => Found): ((text: string) => Found) =>
  withFunctionCalls(withScripts((text) => withLiterals(text, withFedFiles(withSecretVariables(read)), putSecretAssignments)));
