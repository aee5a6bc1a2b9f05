/**
 * Where a redirection of standard input from a literal (fed-reads.ts: `< /tmp/p`, `<&3`) stands in its command, and
 * what the probe writes for it besides the here-string (attack round 45a-4, 45a-5):
 * - a redirection before the command's words (`< /tmp/p read -r PW`, `<&3 chpasswd`) applies to the command all the
 *   same (bash(1) "REDIRECTION": redirections "may appear anywhere within a simple command"): the probe writes the
 *   command's words, then the here-string, so the readers that look after a command (`read NAME <<<…`) see it;
 * - the functions the text defines (`setpw() { chpasswd; }`, `function setpw { … }`), their bodies on one line: a
 *   call of one (`setpw <&3`, `setpw <<< …`, `… | setpw`, function-calls.ts) runs its body with the call's input
 *   (bash(1) "FUNCTIONS"), read as the body in a group in the name's place (`{ chpasswd; } <&3`).
 */

/** How far before a redirection its command's start is looked for, and after it its words. */
const REACH = 256;
/** How long a function's body is read, and how many definitions are read. */
const MAX_BODY = 2048;
const MAX_FUNCTIONS = 32;

/** The command's words after a redirection at its start (plain words: no substitution, quote or other redirection). */
const WORDS_AFTER = /^[ \t]+([^\s;&|()<>$\x60'"\\][^\n;&|()<>$\x60'"\\]*?)[ \t]*(?=$|[\n;&|)])/;

/** Whether the redirection at `at` stands first in its command (a line's start, a separator, a group's start before it). */
export function atCommandStart(text: string, at: number): boolean {
  // Looked for within REACH characters (a line's start further back is no command start read here).
  const before = text.slice(Math.max(0, at - REACH), at);
  const line = before.lastIndexOf('\n');
  return /[;&|({][ \t]*$/.test(before) || ((line >= 0 || at <= REACH) && /^[ \t]*$/.test(before.slice(line + 1)));
}

/** The command's words after a redirection (ending at `end`) that stands first in its command: their span. */
export function wordsAfter(text: string, at: number, end: number): [number, number] | undefined {
  if (!atCommandStart(text, at)) return undefined;
  const words = WORDS_AFTER.exec(text.slice(end, end + REACH));
  if (!words) return undefined;
  const from = end + words[0].indexOf(words[1]);
  return [from, from + words[1].length];
}

/** The text's functions, by name: each body's span (a single entry cache: a text's probes ask again). */
let cached: { text: string; bodies: Map<string, [number, number]> } | undefined;

const DEFINITION = /(?<![\w-])(?:function[ \t]+([A-Za-z_][\w-]{0,63})(?:[ \t]*\(\))?|([A-Za-z_][\w-]{0,63})[ \t]*\(\))[ \t\n]*\{/g;

export function bodies(text: string): Map<string, [number, number]> {
  if (cached?.text === text) return cached.bodies;
  const found = new Map<string, [number, number]>();
  let tried = 0;
  for (const match of text.includes('{') ? text.matchAll(DEFINITION) : []) {
    if (++tried > MAX_FUNCTIONS) break;
    // The body: up to the first `}` that stands as a word (after a blank, a `;` or a line break: a group's end).
    const start = match.index + match[0].length;
    const close = /(?:^|[\s;])\}/m.exec(text.slice(start, start + MAX_BODY));
    if (close) found.set(match[1] ?? match[2], [start, start + close.index + close[0].length - 1]);
  }
  cached = { text, bodies: found };
  return found;
}

/**
 * A body on one line (the group readers read `{ …; }` so): a line break is a `;` where it ends a command, else a blank;
 * its leading and trailing blanks and `;` left out. Each character's place.
 */
export function oneLine(text: string, [start, end]: [number, number]): { written: string; places: number[] } {
  let written = '';
  const places: number[] = [];
  let last = ';';
  for (let k = start; k < end; k++) {
    const c = text[k] === '\n' ? (/[;&|{(]/.test(last) ? ' ' : ';') : text[k];
    if (!/\s/.test(c)) last = c;
    if (places.length === 0 && /[\s;]/.test(c)) continue;
    written += c;
    places.push(text[k] === '\n' ? -1 : k);
  }
  let to = written.length;
  while (to > 0 && /[\s;]/.test(written[to - 1])) to--;
  return { written: written.slice(0, to), places: places.slice(0, to) };
}
