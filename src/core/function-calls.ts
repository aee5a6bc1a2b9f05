import { bodies, oneLine } from './fed-stdin';
import { probeOf, singleQuoted, textSpans, type Probe, type ProbeEdit } from './probe-spans';

/**
 * A call of a shell function the same text defines, read as the function's body run there (attack round 46a-2):
 * bash(1) "FUNCTIONS": "When a function is executed, the arguments to the function become the positional parameters
 * during its execution", and its commands read the standard input the call is given. So `setpw() { sudo -S true; }`
 * then `setpw <<< 'pw'`, `echo 'pw' | setpw`, `setpw <<EOF`, `setpw < /tmp/p` (a file written from a literal) feed
 * its body that input, and `f() { mysql -p"$1"; }` then `f 'pw'` gives mysql the literal. The probe writes each call
 * as its body in a group (`{ sudo -S true; }`, fed-stdin.ts oneLine: each character where it stands), its literal
 * arguments in the places of `$1`…`$9`, `${1}`…`${9}` and `"$@"`, and the call's redirections and pipes left as they
 * stand, so the readers of a fed group (group-input.ts, read-builtin.ts, fed-files.ts, variable-literals.ts) read it.
 * A body with a here-doc is written as it stands, over its lines (`$1` in the here-doc's lines written as it is). A call
 * inside the function's own body (a recursion) is left as it stands.
 */

/** How many calls one probe writes, and through how many calls a call in a body is followed (`g() { f "$1"; }`). */
const MAX_CALLS = 64;
const MAX_DEPTH = 2;
/**
 * How far after the last call's line a probe goes (its here-doc's lines): findings further on are the text's own, and
 * the probe's size is its read's time. The probe ends at a line's end.
 */
const MAX_TAIL = 1 << 16;
/** The longest argument written in a body (a longer one is no password: the probe's size is its read's time). */
const MAX_ARGUMENT = 4096;

/** How many of a name's places in the text are looked at, and how far back on its line a command's start is. */
const MAX_PLACES = 4096;
const REACH = 80;
/** What stands before a command's first word on its line: its start, a separator, a group's opening, a keyword. */
const COMMAND_START = /(?:^|[;&|(]|(?<!\$)\{|(?<![\w-])(?:if|while|until|then|do|else|elif|time|!))[ \t]*$/;
/** What follows a call's name: a blank, a separator, a redirection, the end (not `(`: a definition). */
const CALL_END = /^(?![ \t]*\()(?:[ \t]|[\n;&|)<>]|$)/;

/** An argument after the name (a redirection, a separator or a line's end ends them). */
const ARGUMENT = /[ \t]+((?:'[^'\n]*'|"(?:[^"\\\n]|\\.)*"|\\.|[^\s;&|()<>'"\\])+)/y;
/** An argument that is a literal: single-quoted, double-quoted with nothing expanded, or bare. */
const LITERAL = /^(?:'([^']*)'|"([^"$\x60\\]*)"|([^'"$\x60\\]+))$/;
/** A positional parameter in a body: `$1`…`$9`, `${1}`…`${9}`, or `"$@"` as a word. */
const POSITIONAL = /"\$@"|\$\{([1-9])\}|\$([1-9])/y;

interface Argument {
  value: string;
  map: number[];
}

/** The call's literal arguments (undefined where one is not a literal) and where they end. */
function argumentsAt(text: string, from: number): { args: Array<Argument | undefined>; end: number } {
  const args: Array<Argument | undefined> = [];
  let end = from;
  for (ARGUMENT.lastIndex = from; args.length < 9;) {
    const word = ARGUMENT.exec(text);
    // A descriptor's number before a redirection (`3<<<…`) is no argument.
    if (!word || (/^\d+$/.test(word[1]) && /[<>]/.test(text[ARGUMENT.lastIndex] ?? ''))) break;
    end = ARGUMENT.lastIndex;
    const at = end - word[1].length;
    const literal = LITERAL.exec(word[1]);
    const k = literal ? [1, 2, 3].find((group) => literal[group] !== undefined)! : 0;
    const start = at + (k === 3 ? 0 : 1);
    const value = literal && literal[k].length <= MAX_ARGUMENT ? literal[k] : undefined;
    args.push(value === undefined ? undefined : { value, map: Array.from({ length: value.length }, (_, j) => start + j) });
  }
  return { args, end };
}

/** An argument written where the body's `$N` stands: escaped in double quotes, else single-quoted. */
function written(arg: Argument, inDouble: boolean): { written: string; map: number[] } {
  if (!inDouble) return singleQuoted(arg.value, arg.map);
  let out = '';
  const map: number[] = [];
  for (let k = 0; k < arg.value.length; k++) {
    if (/[\\"$\x60]/.test(arg.value[k])) [out, map[map.length]] = [`${out}\\`, -1];
    out += arg.value[k];
    map.push(arg.map[k]);
  }
  return { written: out, map };
}

/** A here-doc's operator and delimiter (not a here-string's `<<<`). */
const HERE_DOC = /(?<!<)<<(-?)[ \t]*(['"]?)\\?([\w.-]+)\2/y;

/** A here-doc a body's line opens: its delimiter, whether tabs before it are stripped, whether its lines are expanded. */
interface HereDoc {
  delimiter: string;
  strip: boolean;
  expand: boolean;
}

/**
 * The body with the call's literal arguments in its positional parameters' places: in double quotes escaped, in a
 * here-doc's lines as they are (not in a quoted delimiter's: bash(1) "Here Documents"), elsewhere single-quoted.
 */
function withArguments(
  body: { written: string; places: number[] },
  args: ReadonlyArray<Argument | undefined>,
): { written: string; map: number[] } {
  if (!args.length || !body.written.includes('$')) return { written: body.written, map: body.places };
  const text = body.written;
  let out = '';
  const map: number[] = [];
  const copy = (from: number, to: number): void => {
    out += text.slice(from, to);
    for (let k = from; k < to; k++) map.push(body.places[k]);
  };
  let [inDouble, inSingle] = [false, false];
  let opened: HereDoc | undefined;
  let doc: HereDoc | undefined;
  for (let k = 0; k < text.length; k++) {
    const c = text[k];
    if (c === '\n') {
      [inDouble, inSingle, doc, opened] = [false, false, opened ?? doc, undefined];
      copy(k, k + 1);
      // A here-doc's delimiter line ends it (copied as it stands).
      const next = text.indexOf('\n', k + 1);
      const end = next < 0 ? text.length : next;
      const line = text.slice(k + 1, end);
      if (doc && (doc.strip ? line.replace(/^\t+/, '') : line) === doc.delimiter) {
        copy(k + 1, end);
        doc = undefined;
        k = end - 1;
      }
      continue;
    }
    HERE_DOC.lastIndex = k;
    const here = !doc && !inSingle && !inDouble && c === '<' ? HERE_DOC.exec(text) : null;
    if (here) {
      opened ??= { delimiter: here[3], strip: here[1] === '-', expand: !here[2] && !here[0].includes('\\') };
      copy(k, HERE_DOC.lastIndex);
      k = HERE_DOC.lastIndex - 1;
      continue;
    }
    POSITIONAL.lastIndex = k;
    const quoting = doc ? c === '$' && doc.expand : !inSingle && (c === '$' || (c === '"' && !inDouble));
    const parameter = quoting ? POSITIONAL.exec(text) : null;
    const all = parameter?.[0] === '"$@"';
    const arg = parameter && !all ? args[Number(parameter[1] ?? parameter[2]) - 1] : undefined;
    if (parameter && (all ? args.every(Boolean) : arg)) {
      const raw = (one: Argument): { written: string; map: number[] } => ({ written: one.value, map: one.map });
      const parts = all ? args.map((one) => singleQuoted(one!.value, one!.map)) : [doc ? raw(arg!) : written(arg!, inDouble)];
      parts.forEach((part, j) => {
        if (j > 0) [out, map[map.length]] = [`${out} `, -1];
        out += part.written;
        for (const at of part.map) map.push(at);
      });
      k = POSITIONAL.lastIndex - 1;
      continue;
    }
    if (doc) copy(k, k + 1);
    else if (c === '\\' && !inSingle) copy(k, ++k + 1);
    else {
      if (c === '"' && !inSingle) inDouble = !inDouble;
      else if (c === "'" && !inDouble) inSingle = !inSingle;
      copy(k, k + 1);
    }
  }
  return { written: out, map };
}

/** A body as written (a body with a here-doc: its lines stay lines), its blanks and `;` around left out. */
function asWritten(text: string, [start, end]: [number, number]): { written: string; places: number[] } {
  while (start < end && /[\s;]/.test(text[start])) start++;
  while (end > start && /[\s;]/.test(text[end - 1])) end--;
  return { written: text.slice(start, end), places: Array.from({ length: end - start }, (_, k) => start + k) };
}

/** Whether the probe's character `at` lies in a part an edit wrote (a function's body run at a call). */
const inEdit = ({ parts }: Probe, at: number): boolean => parts.some(({ from, to, edit }) => edit && from <= at && at < to);

/** Where a probe of `text` ends: a line's end MAX_TAIL characters after the line of the last call written (`last`). */
function probeEnd(text: string, last: number): number {
  const line = text.indexOf('\n', last);
  const end = line < 0 ? -1 : text.indexOf('\n', line + MAX_TAIL);
  return end < 0 ? text.length : end;
}

/**
 * The probe of `text` with each call of a function it defines that is given something (an input: a redirection, a
 * pipe before it, the script's own from `exec`; or a literal argument its body reads) written as the body run there;
 * where `text` is a probe (`inside`), each call in a body it wrote (given what that call was). None where no call is.
 */
export function callProbe(text: string, inside?: Probe): Probe | undefined {
  if (!text.includes('{') || !/\(\)|(?<![\w-])function[ \t]/.test(text)) return undefined;
  const functions = bodies(text);
  if (functions.size === 0) return undefined;
  // The script's own input given by `exec` (variable-literals.ts writes it fed to each later line): every call is fed.
  const execFed = /(?<![\w-])exec[ \t]+0?<(?!&-)/.test(text);
  const edits: ProbeEdit[] = [];
  for (const [name, span] of functions) {
    for (let at = text.indexOf(name), n = 0; at >= 0 && n < MAX_PLACES && edits.length < MAX_CALLS; at = text.indexOf(name, at + 1), n++) {
      const end = at + name.length;
      // A call: the name as a word at a command's start, outside its own body (a recursion).
      if (/[\w$-]/.test(text[at - 1] ?? '') || !CALL_END.test(text.slice(end, end + 16))) continue;
      const before = text.slice(Math.max(0, at - REACH), at);
      const line = before.lastIndexOf('\n') + 1;
      if (!COMMAND_START.test(line === 0 && at > REACH ? `x${before}` : before.slice(line))) continue;
      if ((at >= span[0] && at < span[1]) || (inside && !inEdit(inside, at))) continue;
      const lines = /(?<!<)<<(?!<)/.test(text.slice(...span));
      const body = lines ? asWritten(text, span) : oneLine(text, span);
      if (!body.written) continue;
      const { args, end: last } = argumentsAt(text, end);
      // Fed itself, by a pipe, by `exec`, or by the group it is a command of (`{ setpw; } 3<<< 'pw'`, 47a-16).
      const after = text.slice(last, last + REACH);
      const fed = /^[^\n;&|)]*</.test(after) || /\|&?[ \t]*$/.test(before) || execFed || /^[^\n]*?[})][ \t]*[0-9]?<(?!&-)/.test(after);
      if (!inside && !fed && !(args.some(Boolean) && body.written.includes('$'))) continue;
      const run = withArguments(body, args);
      const source = { span: [at, last] as [number, number], value: text.slice(at, last) };
      const [open, close] = ['{ ', lines ? '\n}' : '; }'];
      edits.push({
        at,
        end: last,
        written: `${open}${run.written}${close}`,
        map: [-1, -1, ...run.map, ...close.split('').map(() => -1)],
        source,
      });
    }
  }
  if (edits.length === 0) return undefined;
  const end = probeEnd(text, Math.max(...edits.map((edit) => edit.end)));
  return probeOf(end < text.length ? text.slice(0, end) : text, edits);
}

type Found = { spans: Array<[number, number]>; option?: string };

/**
 * `read` made to find, besides what it finds in a text, what it finds in its calls of its functions (callProbe), and
 * in the calls those bodies make in turn (MAX_DEPTH), each finding where it lies in the text.
 */
export const withFunctionCalls =
  (read: (text: string) => Found) =>
  (text: string): Found => {
    const found = read(text);
    const probes: Probe[] = [];
    for (let probe = callProbe(text); probe && probes.push(probe) < MAX_DEPTH;) {
      const last = probe;
      probe = callProbe(last.probe, last);
    }
    let { option } = found;
    const spans = [...found.spans];
    for (let k = 0; k < probes.length; k++) {
      const inProbe = read(probes[k].probe);
      option ??= inProbe.option;
      // Back through each probe to the text.
      let at = inProbe.spans;
      for (let j = k; j >= 0; j--) at = textSpans(probes[j], at);
      spans.push(...at);
    }
    return spans.length > found.spans.length ? { spans, option } : found;
  };
