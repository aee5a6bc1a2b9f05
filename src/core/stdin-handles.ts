import { shellWords } from './secret-arguments';

/**
 * Writes of a literal through a handle on the standard input of a program a text starts (attack round 46a-3), for
 * code-input.ts, which reads each as that program given the literal on `<<<`:
 * - a handle is a name bound to a standard input: to an expression naming one (Go's `in, _ := cmd.StdinPipe()`,
 *   Java's `p.getOutputStream()` and `p.outputWriter()` (Java 17), Kotlin's `p.outputStream`, C#'s `p.StandardInput`,
 *   Python's and Node's `p.stdin`, Python's `with p.stdin as f`), or to a writer wrapping a handle (`new
 *   PrintWriter(p.getOutputStream())`, `new BufferedWriter(new OutputStreamWriter(os))`, `bufio.NewWriter(in)`,
 *   `using var w = p.StandardInput`): any right side that names a standard input or a handle binds the name on its
 *   left, and a later assignment of the name to anything else unbinds it (a keyword argument `stdin=PIPE` names none);
 *   Ruby's Open3 `popen3`/`popen2`/`popen2e`/`pipeline_w` and `IO.popen` bind the first name they give (`i, o, e, t =
 *   Open3.popen3(…)`, a block's `{ |i, o, e, t|`, `IO.popen(…) do |io|`);
 * - a write is a handle's method whose name says it writes (`w.println("…")`, `in.Write([]byte("…"))`,
 *   `i.puts "…"`, `sw.WriteLine("…")`, `io << "…"`), or a call given the handle first (`io.WriteString(in, "…")`,
 *   `fmt.Fprintln(in, "…")`): the first literal after it, past names, `()`, `[]` and `(` only.
 * Round 47a-7: pexpect's `child = pexpect.spawn(…)` (and `with … as child`) binds `child` (its `send`/`sendline` write
 * to the program's terminal, which `sudo -S`, `passwd --stdin`, chpasswd read as their input); Python's `p =
 * os.popen(cmd, "w")` binds `p`, and `os.popen(cmd, "w").write("…")` writes to its own program; Perl's `open(my $fh,
 * "|-", …)` and `open(FH, "| cmd")` bind the handle (`print $fh "…"`, `printf FH "…"`, `print {$fh} "…"`); PHP's
 * `proc_open(cmd, $spec, $pipes)` makes `$pipes[0]` the input (`fwrite($pipes[0], "…")`, `fputs`, `fprintf`).
 * Round 48a-7: PHP's `$h = popen(cmd, "w")` binds `$h` (`fwrite($h, …)`); Perl's `say` writes as `print` does, and
 * IPC::Open2's `open2($out, $in, …)` / IPC::Open3's `open3($in, …)` bind the input; Python's `print("…", file=p.stdin)`
 * writes its literal to the handle named after it; a write's list of literals (`printf $fh "%s\n", '…'`, `print $fh
 * 'root:', '…'`, PHP's `'root:' . '…'`) is read as each literal and as all of them one after the other (`joined`).
 * The program is the one code-input.ts finds before the write (the nearest call that names a reader of standard input).
 */

/** A write found: where it starts, its literal's opening quote and the literal's prefix (`b`, `f`; C#'s `$` as `f`). */
export interface HandleFeed {
  index: number;
  quoteAt: number;
  prefix: string;
  /** The `(` of the call that starts the program written to, where the write says (`os.popen(…).write(…)`). */
  program?: number;
  /** The quotes of the literals written after it in the same list, its value with theirs (`print $fh 'root:', '…'`, 48a-7). */
  joined?: number[];
}

/** What a text that may write to a started program's standard input holds. */
export const HANDLE_CLUE = /std_?in|output(?:stream|writer)|standardinput|popen|pipeline_w|spawn|proc_open|open[23]|["']\|/i;

/** An expression naming a standard input (also a name like `stdin`, which code-input.ts's feeds take for one). */
const SOURCE =
  /(?<![\w"'`$])(?:[Ss]td_?[Ii]n\w*|STDIN\w*|StandardInput\w*|(?:get)?[Oo]utputStream\w*|outputWriter)(?!\w|[ \t]*[=:](?![=:]))/;
/** Ruby's calls that give a standard input first: Open3's and IO's popen. */
const POPEN = /(?<![\w$])(?:popen(?:2e?|3)|pipeline_w|IO[ \t]*\.[ \t]*popen)[ \t]*\(?/g;

/** An assignment (`w =`, `var w =`, `in, _ :=`, `using var w =`), its names, then its right side's start. */
const ASSIGNMENT = /(?<![\w.$])([A-Za-z_]\w*)((?:[ \t]*,[ \t]*[A-Za-z_]\w*){0,8})[ \t]*:?=(?![=>~])[ \t]*/g;
/** Python's `with <expression> as <name>`. */
const WITH_AS = /(?<![\w.])with[ \t]+([^\n:]{1,256}?)[ \t]+as[ \t]+([A-Za-z_]\w*)/g;

/** A literal's prefix (Python's `b`, `r`, `f`; C#'s `@`, `$`) then its quote, after names, `()`, `[]` and `(`. */
const LITERAL_AFTER = String.raw`(?:[\w.]|\(\)|[ \t(&*[\]]){0,32}?(?<![\w])([bBrRuU]{0,2}|[fF][rR]?|[rR][fF]|@|\$@?)(["'\x60])`;
/** A write through the handle named first: a writing method (`.write`, `.println`, `.puts`, `.WriteLine`), Ruby's `<<`. */
const METHOD_WRITE = new RegExp(
  String.raw`(?<![\w.$])([A-Za-z_]\w*)[ \t]*(?:\.[ \t]*(?:write|print|puts|append|send|format)\w*[ \t]*\(?|<<)` + LITERAL_AFTER,
  'gi',
);
/** A call given the handle first (`io.WriteString(in, "…")`, `fmt.Fprintf(in, "…")`), then its literal. */
const CALL_WRITE = new RegExp(String.raw`(?<![\w$])[\w.]{1,64}[ \t]*\([ \t]*&?([A-Za-z_]\w*)[ \t]*,` + LITERAL_AFTER, 'g');
/**
 * Writes through the handles of other languages (attack round 47a-7): Perl's `print $fh "…"`, `printf FH "…"`, PHP's
 * `fwrite($pipes[0], "…")` (`$pipes` named by its `proc_open`: its first is the program's standard input), and Python's
 * `os.popen(cmd, "w").write("…")` (no name: its own program's; group 1 empty).
 */
const PRINT_WRITE = new RegExp(
  String.raw`(?<![\w$>.-])(?:printf?|say)[ \t]+\{?[ \t]*\$?([A-Za-z_]\w*)\}?[ \t]+(?=["'])` + LITERAL_AFTER,
  'g',
);
/** PHP's `fwrite($pipes[0], …)` (group 1 the pipes' name) or `fwrite($h, …)` (group 2: a handle `$h = popen(cmd, "w")` gives, 48a-7). */
const PIPES_WRITE = new RegExp(
  String.raw`(?<![\w$])(?:fwrite|fputs|fprintf)[ \t]*\([ \t]*\$(?:([A-Za-z_]\w*)[ \t]*\[[ \t]*0[ \t]*\]|([A-Za-z_]\w*))[ \t]*,` +
    LITERAL_AFTER,
  'g',
);
/**
 * Python's `print("…", file=p.stdin)` (48a-7): the literal first, then the handle (group 3; standard input where it names
 * one, `p.stdin`, or a name bound to one).
 */
const FILE_PRINT =
  /(?<![\w.$])print[ \t]*\([ \t]*([bBrRuU]{0,2}|[fF][rR]?|[rR][fF])(["'])(?:(?!\2)[^\\\n]|\\.){0,4096}\2[^()\n]{0,128}?(?<![\w.])file[ \t]*=[ \t]*([A-Za-z_][\w.]{0,128})/g;
/** Perl's IPC::Open2 `open2($out, $in, …)` (its second argument the input) and IPC::Open3 `open3($in, …)` (its first, 48a-7). */
const OPEN2 =
  /(?<![\w$])open(?:2[ \t]*\([ \t]*(?:(?:my|our|local)[ \t]+)?\\?[$*]?\w+[ \t]*,|3[ \t]*\()[ \t]*(?:(?:my|our|local)[ \t]+)?\\?[$*]?([A-Za-z_]\w*)[ \t]*,/g;
/** PHP's `$h = popen(cmd, "w")`: `$h` writes to the command's standard input (48a-7). */
const PHP_POPEN = /(?<![\w$])\$([A-Za-z_]\w*)[ \t]*=[ \t]*popen[ \t]*\(/g;
/** How many literals of one write's list are read (`printf $fh "%s\n", '…'`: the format, then its arguments). */
const MAX_LISTED = 8;

/** The quotes of the literals of a list from the one at `quoteAt` (`"%s\n", 'a', "b"`): each after a `,` or Perl's `.`. */
export function listedLiterals(text: string, quoteAt: number): number[] {
  const quotes = [quoteAt];
  for (let at = quoteAt; quotes.length < MAX_LISTED;) {
    const quote = text[at];
    let i = at + 1;
    for (; i < text.length && i < at + 4096 && text[i] !== quote && text[i] !== '\n'; i++) if (text[i] === '\\') i++;
    if (text[i] !== quote) break;
    const next = /^[ \t]*[,.][ \t]*(["'])/.exec(text.slice(i + 1, i + 64));
    if (!next) break;
    at = i + next[0].length;
    quotes.push(at);
  }
  return quotes;
}

const POPEN_WRITE = new RegExp(String.raw`(?<![\w$])popen[ \t]*\([^()\n]{0,512}\)()[ \t]*\.[ \t]*write\w*[ \t]*\(` + LITERAL_AFTER, 'g');
/** What starts a program and gives a handle on its input (`child = pexpect.spawn(…)`, `p = os.popen(cmd, "w")`). */
const STARTS = /^(?:[\w.]+[ \t]*\.[ \t]*)?(?:spawnu?|PopenSpawn|popen)[ \t]*\(/;
/** Perl's `open(my $fh, "|-", …)` and `open(FH, "| cmd")`: the handle writes to the command's standard input. */
const PERL_OPEN = /(?<![\w$])open[ \t]*\(?[ \t]*(?:(?:my|our|local)[ \t]+)?\$?([A-Za-z_]\w*)[ \t]*,[ \t]*(["'])(?:\|-|\|[^"'\n]+)\2/g;
/** PHP's `proc_open(`: its third argument names the pipes. */
const PROC_OPEN = /(?<![\w$])proc_open[ \t]*\(/g;

/** The `$name` of the third argument of the call whose `(` ends at `at` (depth-aware, within 1024 characters). */
function thirdArgument(text: string, at: number): string | undefined {
  let [depth, commas, start] = [0, 0, at];
  const end = Math.min(text.length, at + 1024);
  for (let i = at; i < end; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const close = text.indexOf(c, i + 1);
      if (close < 0 || close >= end) return undefined;
      i = close;
    } else if (c === '(' || c === '[' || c === '{') depth++;
    else if ((c === ')' || c === ']' || c === '}') && depth-- === 0) return commas === 2 ? text.slice(start, i) : undefined;
    else if (c === ',' && depth === 0 && ++commas === 2) start = i + 1;
    else if (c === ',' && depth === 0 && commas === 3) return text.slice(start, i);
  }
  return undefined;
}

/** How far an assignment's right side is read, and the most writes read in one text. */
const MAX_SIDE = 256;
const MAX_EVENTS = 1 << 16;

/** The right side of an assignment from `at`: to a `;`, or a line's end outside parentheses, within MAX_SIDE. */
function sideAt(text: string, at: number): string {
  let depth = 0;
  const end = Math.min(text.length, at + MAX_SIDE);
  for (let i = at; i < end; i++) {
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ';' || (c === '\n' && depth <= 0)) return text.slice(at, i);
  }
  return text.slice(at, end);
}

/** Whether `side` names a standard input or one of `handles`. */
function namesInput(side: string, handles: ReadonlySet<string>): boolean {
  if (SOURCE.test(side)) return true;
  for (const word of side.match(/(?<![\w.$])[A-Za-z_]\w*/g) ?? []) if (handles.has(word)) return true;
  return false;
}

/** After Ruby's popen call at `at`: its `)` (where it has parentheses), then the first name of a block's `|…|`. */
function blockName(text: string, at: number, open: boolean): { at: number; name: string } | undefined {
  let i = at;
  if (open) {
    let depth = 1;
    const end = Math.min(text.length, at + 1024);
    for (; i < end && depth > 0; i++) {
      const c = text[i];
      if (c === '"' || c === "'") {
        const close = text.indexOf(c, i + 1);
        if (close < 0 || close >= end) return undefined;
        i = close;
      } else if (c === '(') depth++;
      else if (c === ')') depth--;
    }
    if (depth > 0) return undefined;
  } else {
    // `Open3.popen3 "sudo", "-S", "true" do |i, …|`: to the line's end.
    const line = text.indexOf('\n', at);
    i = line < 0 ? text.length : line;
    const block = /(?:\{|\bdo)[ \t]*\|[ \t]*([A-Za-z_]\w*)[^\n]*$/.exec(text.slice(at, i));
    return block ? { at: at + block.index, name: block[1] } : undefined;
  }
  const block = /^[ \t]*(?:\{|do\b)[ \t\n]*\|[ \t]*([A-Za-z_]\w*)/.exec(text.slice(i, i + 128));
  return block ? { at: i, name: block[1] } : undefined;
}

/** Each write of a literal through a handle on a standard input in `text` (HandleFeed), in the text's order. */
export function handleFeeds(text: string): HandleFeed[] {
  if (!HANDLE_CLUE.test(text)) return [];
  // Writes, then the bindings of the names written through (a name bound, or bound to something else), in the text's order.
  const events: Array<{ at: number; name: string; bound?: boolean; side?: string; feed?: HandleFeed }> = [];
  const others = /print|fwrite|fputs|popen|say/.test(text) ? [PRINT_WRITE, PIPES_WRITE, POPEN_WRITE] : [];
  for (const pattern of [METHOD_WRITE, CALL_WRITE, ...others])
    for (const match of text.matchAll(pattern)) {
      const piped = pattern === PIPES_WRITE;
      // `fwrite($h, …)` through a handle of PHP's popen: named `$h` (48a-7).
      const name = piped && match[1] === undefined ? `$${match[2]}` : match[1];
      const given = piped ? match[3] : match[2];
      const quoteAt = match.index + match[0].length - 1;
      const prefix = given.startsWith('$') ? 'f' : given;
      const program = pattern === POPEN_WRITE ? match.index + match[0].indexOf('(') : undefined;
      // Perl's `print`/`printf`/`say` and PHP's writes take a list: its literals are written one after the other (48a-7).
      const listed = piped || pattern === PRINT_WRITE ? listedLiterals(text, quoteAt).slice(1) : [];
      const joined = listed.length ? listed : undefined;
      events.push({ at: match.index, name, feed: { index: match.index, quoteAt, prefix, program, joined } });
      for (const at of listed) events.push({ at: match.index, name, feed: { index: match.index, quoteAt: at, prefix: '' } });
      if (events.length >= MAX_EVENTS) break;
    }
  for (const match of text.includes('file') ? text.matchAll(FILE_PRINT) : []) {
    // `file=p.stdin` names a standard input: bound as `os.popen(…).write(…)`'s own is (name '').
    const name = SOURCE.test(match[3]) ? '' : match[3];
    const quoteAt = match.index + match[0].indexOf(match[2], match[0].indexOf('('));
    events.push({ at: match.index, name, feed: { index: match.index, quoteAt, prefix: match[1] } });
    if (events.length >= MAX_EVENTS) break;
  }
  if (events.length === 0) return [];
  // What is read of right sides and after popen calls, in all: linear in the text (`a=a=a=…` on one line).
  let budget = 2 * text.length + 65536;
  const written = new Set(events.map(({ name }) => name));
  // `os.popen(…, "w").write(…)`: its own program's input.
  if (written.has('')) events.push({ at: -1, name: '', bound: true });
  for (const match of text.includes('open') ? text.matchAll(PERL_OPEN) : [])
    if (written.has(match[1])) events.push({ at: match.index, name: match[1], bound: true });
  for (const match of text.includes('open') ? text.matchAll(OPEN2) : [])
    if (written.has(match[1])) events.push({ at: match.index, name: match[1], bound: true });
  for (const match of text.includes('popen') ? text.matchAll(PHP_POPEN) : [])
    if (written.has(`$${match[1]}`)) events.push({ at: match.index, name: `$${match[1]}`, bound: true });
  for (const match of text.includes('proc_open') ? text.matchAll(PROC_OPEN) : []) {
    const pipes = /^[ \t]*&?\$([A-Za-z_]\w*)[ \t]*$/.exec(thirdArgument(text, match.index + match[0].length) ?? '');
    if (pipes && written.has(pipes[1])) events.push({ at: match.index, name: pipes[1], bound: true });
    if ((budget -= 1024) < 0) break;
  }
  for (const match of text.matchAll(ASSIGNMENT)) {
    if (!written.has(match[1])) continue;
    const side = sideAt(text, match.index + match[0].length);
    if ((budget -= side.length + 16) < 0) break;
    // Ruby's `i, o, e, t = Open3.popen3(…)` gives standard input first, `io = IO.popen(…)` an input and output.
    const popen =
      /^IO[ \t]*\.[ \t]*popen\b/.test(side) ||
      (match[2] !== '' && /^(?:[\w.]+\.)?(?:popen(?:2e?|3)|pipeline_w)\b/.test(side)) ||
      (match[2] === '' && STARTS.test(side));
    events.push({ at: match.index, name: match[1], bound: popen || undefined, side });
  }
  for (const match of text.matchAll(WITH_AS))
    if (written.has(match[2])) events.push({ at: match.index, name: match[2], side: match[1], bound: STARTS.test(match[1]) || undefined });
  for (const match of text.matchAll(POPEN)) {
    if ((budget -= 256) < 0) break;
    const block = blockName(text, match.index + match[0].length, match[0].endsWith('('));
    if (block && written.has(block.name)) events.push({ at: block.at, name: block.name, bound: true });
  }
  events.sort((a, b) => a.at - b.at);
  const handles = new Set<string>();
  const feeds: HandleFeed[] = [];
  for (const { name, bound, side, feed } of events) {
    if (feed) {
      if (handles.has(name)) feeds.push(feed);
    } else if (bound || namesInput(side!, handles)) handles.add(name);
    else handles.delete(name);
  }
  return feeds;
}

/**
 * The name of what a call looks up by a literal key, before its `(` (`os.Getenv(`, `System.getenv(`,
 * `Environment.GetEnvironmentVariable(`, `os.environ.get(`, `getProperty(`, `fetch(`, `lookup(`, `readFile(`), or an
 * index's `[` (`ENV["PW"]`, `os.environ["PW"]`).
 */
const LOOKUP =
  /(?:\[|(?<![\w$])(?:[Gg]et|[Ff]etch|[Ll]ookup|[Rr]ead|[Ll]oad)\w*[ \t]*\(|[Ee]nv(?:iron\w*)?[ \t]*\(|\w(?:Variable|Property|Env|Setting|Secret)s?[ \t]*\()[ \t]*$/;

/**
 * Whether the literal of `feed` is no value written (code-input.ts's feeds): a key a value is looked up by
 * (`in.Write([]byte(os.Getenv("PW")))`, `w.println(System.getenv("PW"))`, `i.puts ENV["PW"]`: LOOKUP), or a
 * double-quoted text interpolating one (Ruby's `"#{pw}"`).
 */
export function notWritten(text: string, feed: HandleFeed, value: string): boolean {
  const before = text.slice(Math.max(0, feed.quoteAt - feed.prefix.length - 64), feed.quoteAt - feed.prefix.length);
  // Python's `writelines([…])` opens a list there, no index (49a-6).
  const lookup = LOOKUP.test(before) && !/writelines[ \t]*\([ \t]*\[[ \t]*$/.test(before);
  return lookup || (text[feed.quoteAt] !== "'" && /#\{/.test(value));
}

/**
 * A call's literals as the command's words, where the call says how (attack round 46a-3): C#'s `Process.Start(file,
 * arguments)` and `new ProcessStartInfo(file, arguments)` take the arguments as one command line; Ruby's
 * `IO.popen(cmd, "r+")`, Open3's popen and Python's `os.popen(cmd, "w")` take a mode after the command, which is no
 * word, Perl's `open(FH, "|-", …)` one before it (47a-7); one literal is a command line.
 */
export function commandWords(before: string, items: readonly string[]): string[] {
  if (items.length === 2 && /(?:ProcessStartInfo|Process[ \t]*\.[ \t]*Start)[ \t]*$/.test(before))
    return [items[0], ...shellWords(items[1])];
  if (items.length > 1 && /popen\w*[ \t]*$/.test(before) && /^[rwa]\+?[bt]?(?::[\w-]+)*$/.test(items[items.length - 1]))
    return commandWords('', items.slice(0, -1));
  // Perl's `open(my $fh, "|-", "cmd", …)` and `open(FH, "| cmd")` (47a-7): the mode is no word.
  if (/(?<![\w$])open[ \t]*$/.test(before) && /^\|-?$|^\|(?=[ \t]*[^\s|])/.test(items[0] ?? ''))
    return commandWords('', items[0].length > 2 ? [items[0].slice(1)] : items.slice(1));
  return items.length === 1 ? shellWords(items[0]) : [...items];
}

/** C#'s `FileName = "…"` and its `Arguments = "…"` nearby (an initializer's, or `psi.Arguments = …` after it). */
const FILE_NAME = /(?<![\w$])FileName[ \t]*=[ \t]*@?"([^"\\\n]{1,256})"/g;
const ARGUMENTS = /(?<![\w$])Arguments[ \t]*=[ \t]*@?"([^"\\\n]{0,1024})"/g;

/**
 * C#'s ProcessStartInfo set by its properties (`new ProcessStartInfo { FileName = "sudo", Arguments = "-S true" }`, or
 * `psi.FileName = …; psi.Arguments = …;`): the command, as a call code-input.ts reads, at the first of the two and
 * ending after the last. The arguments are looked for within 256 characters before the file's name and 512 after.
 */
export function startInfoCalls(text: string): Array<{ at: number; end: number; words: string[] }> {
  const calls: Array<{ at: number; end: number; words: string[] }> = [];
  if (!text.includes('FileName')) return calls;
  for (const file of text.matchAll(FILE_NAME)) {
    const from = Math.max(0, file.index - 256);
    const near = [...text.slice(from, file.index + file[0].length + 512).matchAll(ARGUMENTS)];
    const args = near.sort((a, b) => Math.abs(a.index + from - file.index) - Math.abs(b.index + from - file.index))[0];
    const argsAt = args ? from + args.index : file.index;
    const at = Math.min(file.index, argsAt);
    const end = Math.max(file.index + file[0].length, args ? argsAt + args[0].length : 0);
    calls.push({ at, end, words: [file[1], ...(args ? shellWords(args[1]) : [])] });
    if (calls.length >= 64) break;
  }
  return calls;
}

/** Perl's `open my $fh, '|-', 'cmd', …` and `open FH, '| cmd'` without parentheses: the mode, then the command's literals. */
const PERL_OPEN_BARE =
  /(?<![\w$])open[ \t]+(?:(?:my|our|local)[ \t]+)?\$?[A-Za-z_]\w*[ \t]*,[ \t]*(["'])(\|-|\|[^"'\n]+)\1((?:[ \t]*,[ \t]*(["'])[^"'\n]*\4){0,32})/g;

/** Perl's piped opens without parentheses (47a-7), as calls code-input.ts reads: at the `open`, ending after its literals. */
export function perlOpenCalls(text: string): Array<{ at: number; end: number; words: string[] }> {
  const calls: Array<{ at: number; end: number; words: string[] }> = [];
  if (!/open[ \t]/.test(text)) return calls;
  for (const match of text.matchAll(PERL_OPEN_BARE)) {
    const rest = [...match[3].matchAll(/(["'])([^"'\n]*)\1/g)].map((literal) => literal[2]);
    const words = match[2] === '|-' ? commandWords('', rest) : shellWords(match[2].slice(1));
    if (words.length) calls.push({ at: match.index, end: match.index + match[0].length, words });
    if (calls.length >= 64) break;
  }
  return calls;
}
