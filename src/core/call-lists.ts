/**
 * A program's call given a command as string literals (attack round 41a-7): Go's `exec.Command("redis-cli", "-a", …)`,
 * Java's `new ProcessBuilder("mysql", "-p…")` or `new ProcessBuilder(List.of(…))`, Node's `spawn("sshpass", ["-p", …])`
 * and `execFile(…)`. Its string arguments, with those of a list or a call inside it (`[…]`, `List.of(…)`,
 * `new String[]{…}`), are one command's words, as a Python `subprocess.run([…])` list's are (exec-form-lists.ts): read
 * from the `(` to its `)`, or to the first argument that is no literal (`process.env.PW`, a callback), where the
 * literals read so far stand alone. Text in parentheses that starts with a word (`(see "a", "b")`, `$(cat f)`) is none.
 * Round 44a-6: names passed before the command (Go's `exec.CommandContext(ctx, "redis-cli", …)`) are passed over; a
 * call inside that makes no list (`os.Getenv("PW")`) is a value that is no literal; a builder's chain goes on
 * (Rust's `Command::new("redis-cli").arg("-a").args(&["…"])`, Java's `new ProcessBuilder().command(…)`: the literals of
 * `.arg(`, `.args(`, `.command(` are words, any other method's arguments, `.env("K", "v")`, are passed over).
 * Round 45a-7: a block comment between the arguments (`/* user *\/`, as C writes it) is blanks; `least`: the fewest literals a list has.
 */

/** A call's literals: where the reading started (its `(`) and stopped, and the literals' texts. */
export interface CallList {
  start: number;
  end: number;
  items: string[];
}

/** A double-quoted literal's text, its escapes undone where it is JSON; as written otherwise. */
function literalText(quoted: string): string {
  try {
    return quoted.startsWith('"') ? (JSON.parse(quoted) as string) : quoted.slice(1, -1);
  } catch {
    return quoted.slice(1, -1);
  }
}

/** An identifier that opens a list inside the arguments (`List.of(`, `Arrays.asList(`, `new String[]{`, `vec![`). */
const OPENER =
  /^(?:new[ \t]+[A-Za-z_][\w.]*(?:[ \t]*\[\])?[ \t]*[({]|(?:[A-Za-z_][\w.]*\.)?(?:of|asList|listOf|arrayOf|mutableListOf|newArrayList|list|tuple|array)[ \t]*\(|vec![ \t]*[[(])/;

/** A name passed before a call's first literal (`ctx, `, `r.Context(), `, Perl's `my $fh, `: 47a-7, a glob `\*IN, `: 48a-7): no word of the command. */
const LEADING_NAME = /^(?:(?:my|our|local)[ \t]+)?\\?[&$*]?[A-Za-z_][\w.]*(?:\(\))?[ \t]*,/;

/** A builder's next method after a `)` (`.arg(`, `.args(`, `.env(`), read on past blanks and line breaks made blanks. */
const CHAINED = /^[ \t]*\.[ \t]*([A-Za-z_]\w*)[ \t]*\(/;

/** Where the arguments of a call whose `(` is `line[from]` end (after its `)`): quotes and nested brackets skipped. */
function skipCall(line: string, from: number, end: number): number {
  let [i, depth, quote] = [from, 0, ''];
  for (; i < end; i++) {
    const c = line[i];
    if (quote && c === '\\') i++;
    else if (quote) quote = c === quote ? '' : quote;
    else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '(' && ++depth) continue;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return end;
}

/**
 * The literals of the call whose `(` is `line[from]`, `least` at least, read up to its `)` or to a word that opens no list
 * nor call; and how many characters were read. `limit`: how far it may read.
 */
export function callListAt(line: string, from: number, limit: number, least = 2): { list?: CallList; scanned: number } {
  const items: string[] = [];
  let [i, depth, unclosed] = [from + 1, 1, 0];
  const end = Math.min(line.length, limit);
  while (i < end && depth > 0) {
    const c = line[i];
    if (c === '"' || c === "'" || c === '`') {
      const start = i;
      for (i++; i < end && line[i] !== c; i++) if (line[i] === '\\') i++;
      if (i >= end) break;
      items.push(literalText(line.slice(start, ++i)));
    } else if (c === ' ' || c === '\t' || c === ',' || c === '[' || c === ']' || c === '{' || c === '}' || c === '&') i++;
    else if (c === '/' && line[i + 1] === '*') {
      // A block comment between the arguments (`"mysql", /* user */ "-u"`, 45a-7): blanks, to its `*/`.
      let close = i + 2;
      while (close + 1 < end && !(line[close] === '*' && line[close + 1] === '/')) close++;
      if (close + 1 >= end) {
        unclosed = close - i;
        break;
      }
      i = close + 2;
    } else if (c === '(' || c === ')') {
      depth += c === '(' ? 1 : -1;
      i++;
      // A builder's chain: `.arg(`, `.args(`, `.command(` read on, any other method passed over.
      for (
        let chained = depth === 0 ? CHAINED.exec(line.slice(i, i + 256)) : null;
        chained;
        chained = CHAINED.exec(line.slice(i, i + 256))
      ) {
        if (chained[1] === 'arg' || chained[1] === 'args' || chained[1] === 'command') {
          [i, depth] = [i + chained[0].length, 1];
          break;
        }
        i = skipCall(line, i + chained[0].length - 1, end);
      }
    } else {
      const head = line.slice(i, i + 256);
      const leading = items.length === 0 && depth === 1 ? LEADING_NAME.exec(head) : null;
      const opener = leading ?? OPENER.exec(head);
      if (!opener) break;
      i += opener[0].length;
      if (opener[0].endsWith('(')) depth++;
    }
  }
  const list = items.length >= least ? { start: from, end: i, items } : undefined;
  return { list, scanned: i - from + 1 + unclosed };
}
