import { callListAt } from './call-lists';

/**
 * Exec-form command lists written inside a text (attack round 40a-3): a compose healthcheck's `test: ["CMD",
 * "mysqladmin", "ping", "-uroot", "-p…"]`, a Dockerfile's `CMD […]`, `ENTRYPOINT […]`, `HEALTHCHECK CMD […]`, a YAML
 * flow list `[redis-cli, -a, …]`, a program's `subprocess.run(["mysql", …])`. Each item is one word of one command, as
 * a pod's `command` list already is (exec-commands.ts execCommandPasswords): secrets-commands.ts reads such a line's
 * words with the list's items standing as a command of their own.
 */

/** A list found on a line: where it starts and ends (after its `]`), and its items' texts. */
interface List {
  start: number;
  end: number;
  items: string[];
}

/** The longest a list is read (characters from its `[`); a line's whole scan stays within a few times its length. */
const MAX_LIST = 4096;

/** A JSON string's text (`"a\"b"`), its escapes undone; as written where it is no valid JSON. */
function jsonText(quoted: string): string {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return quoted.slice(1, -1);
  }
}

/**
 * The list of strings starting at `line[from]` (a `[`): items JSON or YAML double-quoted, YAML single-quoted (`''` a
 * quote) or plain (no `,[]{}` nor quote), separated by commas, `least` items (two: `[ -f x ]`, `[x]` are none); and how
 * many characters were read to find it or fail.
 */
function listAt(line: string, from: number, least = 2): { list?: List; scanned: number } {
  const items: string[] = [];
  const limit = Math.min(line.length, from + MAX_LIST);
  let i = from + 1;
  // Blanks, and block comments between items (`'-p', /* pw *\/ '…'`, 45a-7): one left open reads to the limit.
  const blanks = (): void => {
    for (;;) {
      while (i < limit && (line[i] === ' ' || line[i] === '\t')) i++;
      if (i >= limit || line[i] !== '/' || line[i + 1] !== '*') return;
      for (i += 2; i < limit && !(line[i] === '*' && line[i + 1] === '/');) i++;
      i = Math.min(limit, i + 2);
    }
  };
  for (;;) {
    blanks();
    const first = line[i];
    const itemStart = i;
    if (first === '"') {
      for (i++; i < limit && line[i] !== '"'; i++) if (line[i] === '\\') i++;
      if (i >= limit) return { scanned: i - from };
      items.push(jsonText(line.slice(itemStart, ++i)));
    } else if (first === "'") {
      for (i++; i < limit && (line[i] !== "'" || line[i + 1] === "'"); i++) if (line[i] === "'") i++;
      if (i >= limit) return { scanned: i - from };
      items.push(line.slice(itemStart + 1, i++).replace(/''/g, "'"));
    } else {
      while (i < limit && !/[,[\]{}"'\r\n]/.test(line[i])) i++;
      const plain = line.slice(itemStart, i).trim();
      if (!plain || plain.startsWith('#')) return { scanned: i - from + 1 };
      items.push(plain);
    }
    blanks();
    if (line[i] === ',') {
      i++;
      // A trailing comma before the `]` (Python's, JavaScript's, Go's: 43a-11).
      blanks();
      if (line[i] === ']' && items.length >= least) return { list: { start: from, end: i + 1, items }, scanned: i - from + 1 };
    } else if (line[i] === ']' && items.length >= least) return { list: { start: from, end: i + 1, items }, scanned: i - from + 1 };
    else return { scanned: i - from + 1 };
  }
}

/** The lists of strings on `line`, in order, and a call's literals (call-lists.ts); a list is not read inside another. */
function listsOn(line: string): List[] {
  const lists: List[] = [];
  // Each `[` or `(` starts a reading; together they read at most a few times the line (a hostile line of `["a", "[", …`).
  let budget = 4 * line.length + MAX_LIST;
  const opens = /[[(]/g;
  for (let open = opens.exec(line); open && budget > 0; open = opens.exec(line)) {
    const at = open.index;
    const { list, scanned } = line[at] === '(' ? callListAt(line, at, at + MAX_LIST) : listAt(line, at);
    budget -= scanned;
    if (!list) continue;
    lists.push(list);
    opens.lastIndex = list.end;
  }
  return lists;
}

/**
 * The words of `line` (`wordsOf`: a shell's reading of a text) where each list of strings on it stands as a command
 * of its own (`;` before and after its items): undefined where the line holds none.
 */
export function execFormWords(line: string, wordsOf: (text: string) => string[]): string[] | undefined {
  const lists = line.includes('[') || line.includes('(') ? listsOn(line) : [];
  if (lists.length === 0) return undefined;
  const words: string[] = [];
  let at = 0;
  for (const { start, end, items } of lists) {
    words.push(...wordsOf(line.slice(at, start)), ';', ...items, ';');
    at = end;
  }
  words.push(...wordsOf(line.slice(at)));
  return words;
}

/** The items of the list of strings (one at least) that starts at `text[from]` (a `[`) and ends on its line, or undefined. */
export const listItemsAt = (text: string, from: number): string[] | undefined => listAt(text, from, 1).list?.items;
/** Where the list of strings (two items at least) starting at `text[from]` ends (after its `]`), if it is one; and how far it was read. */
export function listEndAt(text: string, from: number): { end?: number; scanned: number } {
  const { list, scanned } = listAt(text, from);
  return { end: list?.end, scanned };
}
