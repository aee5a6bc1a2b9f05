/**
 * A program's call given a command as string literals (attack round 41a-7): Go's `exec.Command("redis-cli", "-a", …)`,
 * Java's `new ProcessBuilder("mysql", "-p…")` or `new ProcessBuilder(List.of(…))`, Node's `spawn("sshpass", ["-p", …])`
 * and `execFile(…)`. Its string arguments, with those of a list or a call inside it (`[…]`, `List.of(…)`,
 * `new String[]{…}`), are one command's words, as a Python `subprocess.run([…])` list's are (exec-form-lists.ts): read
 * from the `(` to its `)`, or to the first argument that is no literal (`process.env.PW`, a callback), where the
 * literals read so far stand alone. Text in parentheses that starts with a word (`(see "a", "b")`, `$(cat f)`) is none.
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

/** An identifier that opens a list or a call inside the arguments (`List.of(`, `Arrays.asList(`, `new String[]{`). */
const OPENER = /^(?:new[ \t]+)?[A-Za-z_][\w.]*(?:[ \t]*\[\])?[ \t]*[({]/;

/**
 * The literals of the call whose `(` is `line[from]`, two at least, read up to its `)` or to a word that opens no list
 * nor call; and how many characters were read. `limit`: how far it may read.
 */
export function callListAt(line: string, from: number, limit: number): { list?: CallList; scanned: number } {
  const items: string[] = [];
  let [i, depth] = [from + 1, 1];
  const end = Math.min(line.length, limit);
  while (i < end && depth > 0) {
    const c = line[i];
    if (c === '"' || c === "'" || c === '`') {
      const start = i;
      for (i++; i < end && line[i] !== c; i++) if (line[i] === '\\') i++;
      if (i >= end) break;
      items.push(literalText(line.slice(start, ++i)));
    } else if (c === ' ' || c === '\t' || c === ',' || c === '[' || c === ']' || c === '{' || c === '}') i++;
    else if (c === '(' || c === ')') {
      depth += c === '(' ? 1 : -1;
      i++;
    } else {
      const opener = OPENER.exec(line.slice(i, i + 256));
      if (!opener) break;
      i += opener[0].length;
      if (opener[0].endsWith('(')) depth++;
    }
  }
  const list = items.length > 1 ? { start: from, end: i, items } : undefined;
  return { list, scanned: i - from + 1 };
}
