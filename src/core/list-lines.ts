import { callListAt } from './call-lists';
import { listEndAt } from './exec-form-lists';

/**
 * An exec-form list of strings written over several lines (a round-42 known gap): a Dockerfile's `HEALTHCHECK CMD [`,
 * `CMD [`, `ENTRYPOINT [`, `RUN [` with one item a line, `\` at the lines' ends or not; a program's `[` list of a
 * command's words. Docker reads an exec-form list as a JSON array, and a line ended by `\` as continued
 * (docs.docker.com reference/dockerfile, "Shell and exec form"); the same list without the `\` is how JSON, a YAML
 * flow list or a program writes it over lines. Either is one command, as the same list on one line is
 * (exec-form-lists.ts). secrets-commands.ts reads a text's command lines with each such list
 * on one line: its line breaks, and a `\` before one, made blanks (the text keeps its length, so a password's span in
 * it is the written text's too). So is a call's argument list a line opens and leaves open (43a-11: Go's
 * `exec.Command("mysql",` then an argument a line, Ruby's `system('sshpass',`, call-lists.ts), read to its `)` or to
 * its first argument that is no literal.
 */

/** The longest a list is read from its `[` (exec-form-lists.ts reads as far). */
const MAX_LIST = 4096;

/**
 * `text` with the line breaks (and a `\` before one) made blanks, each character where it stood; and a comment that
 * ends a line after a list's or call's opener or an item's comma, or fills a line (`'-a',  # auth`, `// the client`:
 * 44a-6), blanks too, so a list over lines reads on past it.
 */
const blanked = (text: string): string =>
  text
    .replace(
      /((?:^|[,[(])[ \t]*)(#|\/\/(?=[ \t]|$))([^\n]*)/gm,
      (_, before: string, mark: string, rest: string) => before + ' '.repeat(mark.length + rest.length),
    )
    .replace(/\\(?=\r?\n)|[\r\n]/g, ' ');

/** A line that goes on a builder's chain (`    .arg("-a")`, `.env("K", "v")`: Rust's `Command`, call-lists.ts). */
const CHAIN_LINE = /^[ \t]*\.[ \t]*[A-Za-z_]\w*[ \t]*\(/;

/** Where the literals of the call whose `(` is `text[from]` stop being read (call-lists.ts), if it has two; how far it read. */
function callEndAt(text: string, from: number): { end?: number; scanned: number } {
  const { list, scanned } = callListAt(text, from, from + MAX_LIST);
  return { end: list?.end, scanned };
}

/**
 * `text` with each list of strings that a line opens and leaves open (its last `[`, no `]` after it) and that closes on
 * a later line written on one line; the text itself where there is none.
 */
export function listsOnOneLine(text: string): string {
  if (!(text.includes('[') || text.includes('(')) || !text.includes('\n')) return text;
  const flat = blanked(text);
  const parts: string[] = [];
  let done = 0;
  // A reading stops at the first word that is no list's (the next line's `[` too): together they read a few times the
  // text at most (a hostile `CMD [` or `[ "a",` on every line).
  let budget = 4 * text.length + MAX_LIST;
  for (let lineStart = 0; lineStart < text.length && budget > 0;) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    // Searched within the line only (a search back from its end would cross the lines before).
    const line = text.slice(lineStart, lineEnd);
    const open = lineStart + line.lastIndexOf('[');
    // A call the line closes at its end, a builder's chain going on below it (`Command::new("x")` then `.arg(`).
    const chain = CHAIN_LINE.test(text.slice(lineEnd + 1, lineEnd + 257)) ? /\([^()\n]*\)[ \t\r]*$/.exec(line)?.index : undefined;
    const call = lineStart + (chain ?? line.lastIndexOf('('));
    let next = lineEnd + 1;
    // A list's `[` first, then a call's `(`, each one the line leaves open.
    for (const [at, close, endAt] of [
      [open, ']', (from: number) => listEndAt(flat, from)],
      [call, ')', (from: number) => callEndAt(flat, from)],
    ] as const) {
      const closed = line.lastIndexOf(close) > at - lineStart && !(close === ')' && chain !== undefined);
      if (at < Math.max(lineStart, done) || closed || newline < 0) continue;
      const { end, scanned } = endAt(at);
      budget -= scanned;
      if (end === undefined || end <= lineEnd) continue;
      parts.push(text.slice(done, at), flat.slice(at, end));
      done = end;
      // The line the list ends on is read from its end on.
      next = text.lastIndexOf('\n', end - 1) + 1;
      break;
    }
    lineStart = next;
  }
  return parts.length === 0 ? text : parts.join('') + text.slice(done);
}
