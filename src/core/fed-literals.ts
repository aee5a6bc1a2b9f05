/**
 * The text a command of a script writes from literals (fed-files.ts follows it into files, descriptors and
 * coprocesses), each character with its place in the script (a probe's finding in it is the script's there):
 * - `echo [-n|-e] WORD…`: its words, a blank between;
 * - `printf [--] FORMAT [ARG…]`: the format with each conversion filled by the next argument (`%%` a `%`), the format
 *   used again while arguments are left (POSIX printf: "The format operand shall be reused as often as necessary to
 *   satisfy the argument operands"), 44a-3: `printf 'root:%s\n' 'pw' > /tmp/p`;
 * - a here-doc's lines (`exec 3<<EOF`, `cat > /tmp/p <<-'EOF'`: 44a-1), `<<-` without their leading tabs (bash(1)
 *   "Here Documents").
 * A WORD is literal pieces written together (`'root:'"pw"`, `root:pw`): single-quoted, double-quoted with nothing
 * expanded, bare. Escapes (`\n`) are kept as written: the readers read `\n` as a line break. A line break of a text
 * written so is `\n` too (one line: a here-string's).
 */

/** One literal piece of a word (no capture group: a part of larger patterns). */
const PIECE = String.raw`'[^'\n]*'|"[^"\n$\x60\\]*"|[^\s'"$\x60;&|()<>\\]+`;
/** A literal word: pieces written together (a bare piece matched a character at a time: no two ways to split a run). */
export const WORD = String.raw`(?:'[^'\n]*'|"[^"\n$\x60\\]*"|[^\s'"$\x60;&|()<>\\])+`;
/** A command that writes literals (`echo`/`printf` and up to 128 words), maybe by its path: literalWritten reads its text. */
export const WRITER = String.raw`(?<![\w-])(?:/(?:usr/)?bin/)?(?:echo(?:[ \t]+-[neE]+)*|printf(?:[ \t]+--)?)(?:[ \t]+${WORD}){1,128}(?=[ \t]*(?:$|[\s;&|)<>]))`;

/** A literal text and each character's place in the script. */
export interface Literal {
  value: string;
  map: number[];
}

/** How long a literal is read (a longer one is cut: a password is read in its first lines). */
const MAX_LITERAL = 4096;
/** How far a here-doc's delimiter is looked for. */
const MAX_HERE_DOC = 1 << 17;
/** How many words of a command or a here-string are read. */
const MAX_WORDS = 128;
/** How often a printf format is used again for its arguments. */
const MAX_ROUNDS = 16;

/** The words of a WRITER's text from `at` in `text` (to `end`), each a literal. */
function wordsOf(text: string, at: number, end: number): Literal[] {
  const words: Literal[] = [];
  const piece = new RegExp(`[ \\t]*(${PIECE})`, 'y');
  piece.lastIndex = at;
  let word: Literal | undefined;
  for (let match = piece.exec(text); match && piece.lastIndex <= end; match = piece.exec(text)) {
    if ((match[0] !== match[1] || !word) && words.length >= MAX_WORDS) break;
    if (match[0] !== match[1] || !word) words.push((word = { value: '', map: [] }));
    const quoted = /^['"]/.test(match[1]) ? 1 : 0;
    const start = match.index + match[0].length - match[1].length + quoted;
    const value = match[1].slice(quoted, match[1].length - quoted);
    word.value += value;
    for (let k = 0; k < value.length; k++) word.map.push(start + k);
  }
  return words;
}

/** The text the WRITER matched at `at` (its match `written`) writes. */
export function literalWritten(text: string, at: number, written: string): Literal | undefined {
  const command = /^(?:\/(?:usr\/)?bin\/)?(echo|printf)(?:[ \t]+(?:-[neE]+|--)(?=[ \t]))*/.exec(written)!;
  const words = wordsOf(text, at + command[0].length, at + written.length);
  if (words.length === 0) return undefined;
  const literal = command[1] === 'echo' ? joined(words, ' ') : printed(words[0], words.slice(1));
  return literal.value ? cut(literal) : undefined;
}

/** The literal words from `at` to `end` of `text` (a here-string's), a blank between. */
export function wordsLiteral(text: string, at: number, end: number): Literal | undefined {
  const literal = joined(wordsOf(text, at, end), ' ');
  return literal.value ? cut(literal) : undefined;
}

/** `words` one after the other, `between` (placed nowhere) between each two. */
function joined(words: readonly Literal[], between: string): Literal {
  const literal: Literal = { value: '', map: [] };
  words.forEach((word, k) => {
    if (k > 0) add(literal, between, []);
    add(literal, word.value, word.map);
  });
  return literal;
}

function add(literal: Literal, value: string, map: readonly number[]): void {
  literal.value += value;
  for (let k = 0; k < value.length; k++) literal.map.push(map[k] ?? -1);
}

const cut = ({ value, map }: Literal): Literal => ({ value: value.slice(0, MAX_LITERAL), map: map.slice(0, MAX_LITERAL) });

/** A printf's output: `format` with its conversions filled by `args` (a conversion left without one: empty). */
function printed(format: Literal, args: readonly Literal[]): Literal {
  const literal: Literal = { value: '', map: [] };
  const conversion = /%%|%[-+ #0-9.*]*[a-zA-Z]/g;
  let next = 0;
  for (let round = 0; round < MAX_ROUNDS && literal.value.length < MAX_LITERAL; round++) {
    let done = 0;
    let filled = false;
    for (const match of format.value.matchAll(conversion)) {
      add(literal, format.value.slice(done, match.index), format.map.slice(done, match.index));
      done = match.index + match[0].length;
      if (match[0] === '%%') add(literal, '%', [format.map[match.index]]);
      else if (next < args.length) {
        add(literal, args[next].value, args[next].map);
        [filled, next] = [true, next + 1];
      }
    }
    add(literal, format.value.slice(done), format.map.slice(done));
    if (!filled || next >= args.length) break;
  }
  return literal;
}

/**
 * The lines of the here-doc whose operator (`<<`, `<<-`) and delimiter end at `at` (its lines begin on the next line),
 * and where it ends (its delimiter line's end): a delimiter quoted or not (its lines are read as written either way).
 */
export function hereDocLines(text: string, at: number, delimiter: string, strip: boolean): { literal: Literal; end: number } | undefined {
  let start = text.indexOf('\n', at) + 1;
  if (start <= 0) return undefined;
  const lines: Literal[] = [];
  let size = 0;
  // Its lines are looked through for the delimiter up to MAX_HERE_DOC characters (each line's end found once).
  for (const last = Math.min(text.length, start + MAX_HERE_DOC); start < last;) {
    const stop = text.indexOf('\n', start);
    const end = stop < 0 ? text.length : stop;
    const line = text.slice(start, end).replace(/\r$/, '');
    // Its end: the delimiter alone on a line (indented too: a script inside YAML, as secrets-commands.ts reads one).
    if (line.trim() === delimiter) return { literal: cut(joined(lines, '\\n')), end };
    const indent = strip ? /^\t*/.exec(line)![0].length : 0;
    const value = line.slice(indent);
    if (size < MAX_LITERAL) lines.push({ value, map: Array.from({ length: value.length }, (_, k) => start + indent + k) });
    size += line.length + 2;
    start = end + 1;
  }
  // Not ended: bash reads it to the text's end ("here-document delimited by end-of-file").
  return start >= text.length ? { literal: cut(joined(lines, '\\n')), end: text.length } : undefined;
}
