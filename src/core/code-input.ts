import { callListAt } from './call-lists';
import { probeOf, singleQuoted, textSpans, type ProbeEdit } from './probe-spans';
import { shellWords } from './secret-arguments';
import {
  commandWords,
  HANDLE_CLUE,
  handleFeeds,
  listedLiterals,
  notWritten,
  perlOpenCalls,
  startInfoCalls,
  type HandleFeed,
} from './stdin-handles';
import { isStdinReader, stdinPasswords, stdinReading } from './stdin-passwords';

/**
 * A literal a program writes to the standard input of a command it runs (attack round 45a-10), read as the shell's
 * `<<<` would be (stdin-passwords.ts, with its readers' table): the command is a call's literals (call-lists.ts, one
 * at least: Go's `exec.Command("chpasswd")`, Python's `subprocess.run(["chpasswd"], …)`, Node's `execSync('chpasswd',
 * …)`), the literal is the first one after a word that feeds it, on the call's line or a later one (up to MAX_AFTER):
 * - a keyword or a field `input=` / `input:` (Python subprocess's `input=`, Node child_process's `{ input: … }`),
 *   `stdin_data:` (Ruby's Open3);
 * - `communicate(` (Python's `Popen.communicate(input=…)`, `communicate(b"…")`);
 * - a word naming standard input before it: Go's `cmd.Stdin = strings.NewReader("…")`, `io.WriteString(stdin, "…")`,
 *   Python's `p.stdin.write(b"…")`, Node's `child.stdin.end('…')`, Rust's `stdin.write_all(b"…")`, C#'s
 *   `p.StandardInput.WriteLine("…")`, Java's `p.getOutputStream().write("…".getBytes())`, Kotlin's `p.outputStream`;
 * - a write through a handle bound to a standard input or a writer wrapping one (stdin-handles.ts, 46a-3: Go's
 *   `in.Write(…)` after `in, _ := cmd.StdinPipe()`, Java's `w.println(…)` on a `PrintWriter(p.getOutputStream())`,
 *   Ruby's `i.puts …` in a popen3 block).
 * The feed is the call's own (its literals' reading stopped at `input=`), or the nearest call before it whose literals
 * name a reader; a call before that which runs another program (RUNNER: `exec.Command(`, `run(`, `Popen(`, `spawn(`)
 * owns it instead (`run(["cat"], input="a:b")` after a chpasswd call is cat's).
 * Only names, `()`, blanks and `=:(,&*[]` stand between that word and the literal (`[]byte(`, `strings.NewReader(`), so a
 * text that only speaks of standard input (`log.Print("stdin closed")`) is none. The probe (probe-spans.ts) writes
 * `<command's words> <<< '<literal>'` on a line of its own where the literal stood, each of its characters mapped to
 * the text's; the command readers (secrets-commands.ts) read it so: a `user:password` line to chpasswd, the first line
 * to `sudo -S`, no reference (`f"{pw}"`, `${pw}`), no format (`%s`), no hash (`chpasswd -e`).
 */

/** How far after a call's `(` its input is looked for, and how far a call's literals are read. */
const MAX_AFTER = 2048;
const MAX_CALL = 4096;
/** How many `(` before a feed are tried as the command's call. */
const MAX_CALLS = 16;
/** The most literals written into one probe. */
const MAX_EDITS = 64;
/** The longest literal read (a triple-quoted one over lines too). */
const MAX_LITERAL = 4096;

/** A word that feeds standard input, then names and the like, then a literal's prefix (Python's `b`, `r`, `f`) and quote. */
const FEED =
  /(?<![\w"'`$])(?:[Ss]td_?[Ii]n\w*|STDIN\w*|StandardInput\w*|(?:get)?[Oo]utputStream\w*|input(?=[ \t]*[=:](?!=))|communicate(?=[ \t]*\())(?:[\w.]|\(\)|[ \t=:(,&*[\]]){0,64}?(?<![\w])([bBrRuU]{0,2}|[fF][rR]?|[rR][fF])(["'`])/g;

/** A command's name: its last path part. */
const nameOf = (word: string): string => word.replace(/^.*[/\\]/s, '').replace(/\.exe$/i, '');

/** The literal whose quote is `text[at]`: its text's span (inside the quotes), if it closes within MAX_LITERAL. */
function literalAt(text: string, at: number): [number, number] | undefined {
  const quote = text[at];
  const triple = quote !== '`' && text.startsWith(quote.repeat(3), at);
  const start = at + (triple ? 3 : 1);
  const end = Math.min(text.length, start + MAX_LITERAL);
  for (let i = start; i < end; i++) {
    if (text[i] === '\\') i++;
    else if (triple ? text.startsWith(quote.repeat(3), i) : text[i] === quote) return [start, i];
    else if (text[i] === '\n' && !triple && quote !== '`') return undefined;
  }
  return undefined;
}

/**
 * Whether `value` on the standard input of the command `words` may hold a password: as its reader reads it (a
 * `user:password` line for chpasswd: stdin-passwords.ts), any value for Redis or a reader inside a word (`sh -c …`).
 */
function mayHoldPassword(words: readonly string[], value: string): boolean {
  for (let k = 0; k < words.length; k++) {
    const name = nameOf(words[k]);
    if (!isStdinReader(name)) continue;
    const rule = stdinReading(name, words, k);
    if (rule && (rule.reading === 'redis' || stdinPasswords(rule.reading, value).length > 0)) return true;
  }
  return words.some((word) => /\s/.test(word));
}

/** A call that runs a program, by its name (`exec.Command(`, `subprocess.run(`, `Popen(`, `spawnSync(`, `Command::new(`). */
const RUNNER =
  /(?<![\w$])(?:new|run|call|check_call|check_output|system|[Pp]open\d?e?|proc_open|spawn\w*|exec\w*|Command\w*|capture\w*|ProcessBuilder|pipeline\w*|Process[ \t]*\.[ \t]*Start|ProcessStartInfo)[ \t]*$/;

/** A call's literals as a command's words, whether one names a reader of standard input, where the reading stopped. */
interface Call {
  words: string[];
  reads: boolean;
  /** Whether its name says it runs a program (RUNNER). */
  runs: boolean;
  end: number;
  scanned: number;
}

/** The call whose `(` is `flat[at]` (Call). */
function callAt(flat: string, at: number): Call {
  const { list, scanned } = callListAt(flat, at, at + MAX_CALL, 1);
  const before = flat.slice(Math.max(0, at - 64), at);
  // Perl's `open(FH, "| cmd")`, `open(my $fh, "|-", …)` runs a program (47a-7).
  const runs = RUNNER.test(before) || (/(?<![\w$])open[ \t]*$/.test(before) && /^\|/.test(list?.items[0] ?? ''));
  if (!list) return { words: [], reads: false, runs, end: at + scanned - 1, scanned };
  const words = commandWords(before, list.items);
  const reads = words.some((word) => isStdinReader(nameOf(word)) || shellWords(word).some((inner) => isStdinReader(nameOf(inner))));
  return { words, reads, runs, end: list.end, scanned };
}

/** The indexes of `(` in `text`, ascending. */
function opensOf(text: string): number[] {
  const opens: number[] = [];
  for (let i = text.indexOf('('); i >= 0; i = text.indexOf('(', i + 1)) opens.push(i);
  return opens;
}

/** The place in `opens` (ascending) of the last one at or before `at`, -1 if none. */
function lastAtOrBefore(opens: readonly number[], at: number): number {
  let [low, high] = [0, opens.length - 1];
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (opens[mid] <= at) low = mid + 1;
    else high = mid - 1;
  }
  return high;
}

/** The probe's edits of `text`: each literal fed to a reader's call, written as that command given it on `<<<`. */
function codeInputEdits(text: string): ProbeEdit[] {
  const edits: ProbeEdit[] = [];
  if (!/std_?in|input|communicate|outputstream/i.test(text) && !HANDLE_CLUE.test(text)) return edits;
  let flat: string | undefined;
  // The `(` of the text, found once: a backward search per feed would read the whole text for each (attack34 rows).
  let opens: number[] | undefined;
  const calls = new Map<number, Call>();
  let budget = 4 * text.length + MAX_CALL;
  let done = 0;
  const feeds: HandleFeed[] = [...text.matchAll(FEED)].map((feed) => {
    const quoteAt = feed.index + feed[0].length - 1;
    // A list written line after line (Python's `p.stdin.writelines(["bob:", "…", "\n"])`, 49a-6): its literals joined.
    const joined = /writelines[ \t]*\([ \t]*\[[ \t]*[bBrRuUfF]{0,2}["']$/.test(feed[0]) ? listedLiterals(text, quoteAt).slice(1) : [];
    return { index: feed.index, quoteAt, prefix: feed[1], joined: joined.length ? joined : undefined };
  });
  feeds.push(...handleFeeds(text));
  feeds.sort((a, b) => a.quoteAt - b.quoteAt);
  for (const feed of feeds) {
    const quoteAt = feed.quoteAt;
    const span = literalAt(text, quoteAt);
    if (!span || span[0] < done || budget <= 0) continue;
    // A list's literals written one after the other (`print $fh 'root:', '…', "\n"`): one value, to the last's end.
    const spans = [span, ...(feed.joined ?? []).map((at) => literalAt(text, at))];
    const joined = spans.slice(
      0,
      Math.max(
        1,
        spans.findIndex((part) => !part),
      ),
    ) as Array<[number, number]>;
    const places = joined.flatMap(([from, to]) => Array.from({ length: to - from }, (_, k) => from + k));
    const value = joined.map((part) => text.slice(...part)).join('');
    // An f-string's `{pw}` is a reference; a lookup's key is no value.
    if (!value || (/f/i.test(feed.prefix) && value.includes('{')) || notWritten(text, feed, value)) continue;
    flat ??= text.replace(/[\r\n]/g, ' ');
    if (!opens) {
      opens = opensOf(flat);
      // C#'s ProcessStartInfo set by its properties is a call too, at its first property; Perl's open without parentheses at its `open`.
      for (const { at, end, words } of [...startInfoCalls(flat), ...perlOpenCalls(flat)]) {
        opens.push(at);
        calls.set(at, { words, reads: words.some((word) => isStdinReader(nameOf(word))), runs: true, end, scanned: 0 });
      }
      opens.sort((a, b) => a - b);
    }
    // The nearest call before the feed whose literals name a reader (and end before it).
    let place = lastAtOrBefore(opens, quoteAt + 1);
    let open = place >= 0 ? opens[place] : -1;
    for (let tries = 0; open >= 0 && feed.index - open <= MAX_AFTER && tries < MAX_CALLS && budget > 0; tries++) {
      // Each `(` read once (feeds one after the other look back at the same calls).
      let call = calls.get(open);
      if (!call) calls.set(open, (call = callAt(flat, open)));
      budget -= Math.max(call.scanned, 64);
      call.scanned = 0;
      // The feed's own call (its reading stopped at `input=`), or the nearest program run before it, owns it.
      const owns =
        open === feed.program || call.end === feed.index || (call.end <= quoteAt && (call.reads || (call.runs && call.words.length > 0)));
      if (owns && (!call.reads || !mayHoldPassword(call.words, value) || edits.length >= MAX_EDITS)) break;
      if (owns) {
        // An escaped backslash is one (`\\n` in a YAML-quoted text is the program's `\n`).
        const map: number[] = [];
        let unescaped = '';
        for (let k = 0; k < value.length; k++) {
          map.push(places[k]);
          unescaped += value[k];
          if (value[k] === '\\' && value[k + 1] === '\\') k++;
        }
        const quoted = singleQuoted(unescaped, map);
        const command = call.words.map((word) => singleQuoted(word, []).written).join(' ');
        const head = `\n${command} <<< `;
        const last = joined[joined.length - 1][1];
        edits.push({
          at: span[0],
          end: last,
          written: `${head}${quoted.written}\n`,
          map: [...Array<number>(head.length).fill(-1), ...quoted.map, -1],
          source: { span: [span[0], last], value },
        });
        done = last;
        break;
      }
      place--;
      open = place >= 0 ? opens[place] : -1;
    }
  }
  return edits;
}

type Found = { spans: Array<[number, number]>; option?: string };

/** `read` (secrets-commands.ts's reading of a text's command lines), and its findings in the probe of literals fed in code. */
export const fedInCode =
  (read: (text: string) => Found) =>
  (text: string): Found => {
    const found = read(text);
    const edits = codeInputEdits(text);
    if (edits.length === 0) return found;
    const probe = probeOf(text, edits);
    const inProbe = read(probe.probe);
    const spans = textSpans(probe, inProbe.spans);
    return spans.length ? { spans: [...found.spans, ...spans], option: found.option ?? inProbe.option } : found;
  };
