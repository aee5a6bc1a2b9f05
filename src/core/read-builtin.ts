import { literalWritten, WRITER, type Literal } from './fed-literals';
import { blanks, hereDoc, type Input, MAX_WRITER, reading, redirectionAt, redirectionsFrom, type Word, wordAt } from './read-redirections';

/**
 * The `read`, `mapfile` and `readarray` builtins (attack round 45a-1..3), modelled once as bash(1) "SHELL BUILTIN
 * COMMANDS" has them, with what each is fed from the script's own literals:
 * - options parsed as bash's getopt does, glued or apart (`-ru3`, `-rp 'pw: '`, `-u 3 -p x`): read's `-a NAME -d DELIM
 *   -i TEXT -n N -N N -p PROMPT -t T -u FD` take an argument, mapfile's `-d -n -O -s -u -C -c`;
 * - the line read split on IFS ("The characters in the value of the IFS variable are used to split the line into
 *   words ... the last NAME gets the rest"; `IFS= read` splits nothing; `-a` fills an array; `-d` ends the line at its
 *   first character, `-n N` after N characters, `-N N` takes N characters unsplit); no NAME sets REPLY; mapfile puts
 *   each line in an element (`-t` drops its delimiter, `-O` the first index, `-s` lines skipped; MAPFILE by default);
 * - its input: a here-string, a here-doc, `< <(echo …)` on the command itself; else its standard input (or `-u N`,
 *   `<&N`) as given to the `{ …; }`, `( … )`, `while …; do …; done`, `if`/`case` it stands in ("Compound Commands":
 *   the redirections after the closing apply to every command of it, `3<<<'…'` on the group is read by `-u 3`), or by
 *   `echo …`/`printf …` piped into that compound command. Reads of one input take its lines in turn.
 * A read from a file or a command holds no literal of the text: its names are set to nothing known.
 * variable-literals.ts writes each reference of a name so set as the value (`${L[0]}`, `${A[1]}` of an array).
 */

export interface ReadAssignment {
  name: string;
  value?: string;
  /** Each character's place in the text (-1: none). */
  map?: number[];
  /** Where the command ends: references after it read the value. */
  after: number;
}

interface Command {
  kind: 'read' | 'mapfile';
  names: string[];
  options: Map<string, Word>;
  inputs: Map<string, Input>;
  end: number;
}

const COMMAND = /(?<![^\s;&|({])(?:IFS=(?:'[^'\n]*'|"[^"\n]*"|[^\s;&|]*)[ \t]+)?(read|mapfile|readarray)(?=[ \t]|$)/gm;
const READ_ARGS = 'adinNptu';
const MAPFILE_ARGS = 'dnOsuCc';
/** How many commands are read, and how many compound commands a text is read through for their input. */
const MAX_COMMANDS = 64;
const MAX_REGIONS = 256;
const MAX_PIPES = 16;
const MAX_ELEMENTS = 64;
/** How far after the last read its compound command's closing is looked for (characters). */
const MAX_BODY = 1 << 16;

/** The `read`/`mapfile` command whose name ends at `k`: its options, names and redirections. */
function commandAt(text: string, kind: Command['kind'], k: number): Command {
  const command: Command = { kind, names: [], options: new Map(), inputs: new Map(), end: k };
  const withArgs = kind === 'read' ? READ_ARGS : MAPFILE_ARGS;
  let options = true;
  let pending: string | undefined;
  for (let n = 0; n < 64; n++) {
    k = blanks(text, k);
    if (k >= text.length || /[\n;&|)#]/.test(text[k])) break;
    const redirection = redirectionAt(text, k);
    if (redirection) {
      if (redirection.fd && redirection.input) command.inputs.set(redirection.fd, redirection.input);
      k = command.end = redirection.end;
      continue;
    }
    const word = wordAt(text, k);
    if (word.end === k) break;
    const raw = text.slice(word.at, word.end);
    if (raw === '}' && !pending) break;
    k = command.end = word.end;
    if (pending) {
      command.options.set(pending, word);
      pending = undefined;
    } else if (options && raw === '--') options = false;
    else if (options && /^-\w/.test(raw)) {
      for (let j = 1; j < raw.length; j++) {
        if (!withArgs.includes(raw[j])) continue;
        if (j + 1 < raw.length)
          command.options.set(raw[j], { at: word.at + j + 1, end: word.end, literal: wordAt(text, word.at + j + 1).literal });
        else pending = raw[j];
        break;
      }
    } else {
      options = false;
      if (/^[A-Za-z_]\w{0,127}$/.test(raw)) command.names.push(raw);
    }
  }
  return command;
}

/** A compound command of the script and what its redirections (or a writer piped into it) give each descriptor. */
interface Region {
  open: number;
  close: number;
  inputs: Map<string, Input>;
}

const OPENERS = /^(?:\{|while|until|for|select|if|case)$/;
const CLOSER_OF: Record<string, RegExp> = { '}': /^\{$/, done: /^(?:while|until|for|select)$/, fi: /^if$/, esac: /^case$/, ')': /^\($/ };

/** The literal a writer piped into the compound command opened at `open` writes (`echo 'pw' | while …`). */
function pipedInto(text: string, open: number): Literal | undefined {
  let k = open - 1;
  while (k >= 0 && /[ \t]/.test(text[k])) k--;
  if (text[k] !== '|' || text[k - 1] === '|') return undefined;
  let start = k - 1;
  while (start >= 0 && k - start < MAX_WRITER && !/[\n;&|({]/.test(text[start])) start--;
  if (start >= 0 && !/[\n;&|({]/.test(text[start])) return undefined;
  const stage = text.slice(start + 1, k);
  const written = new RegExp(String.raw`^[ \t]*(${WRITER})[ \t]*$`, 'd').exec(stage);
  return written ? literalWritten(text, start + 1 + written.indices![1][0], written[1]) : undefined;
}

/** A word's end as wordAt reads it (a quote left open: the text's end), without its value. */
const WORD_END = /(?:'[^']*(?:'|$)|"(?:[^"\\]|\\[\s\S])*(?:"|$)|\\[\s\S]?|[^\s;&|()<>'"\\])+/y;
/** A here-doc's operator and delimiter. */
const HERE_DOC = /<<(-?)[ \t]*(['"]?)\\?([\w.-]+)\2/y;
/** Text that may give a compound command an input: a redirection after its closing, a pipe before its opening. */
const FED_COMPOUND = /(?:[})]|(?<![\w-])(?:done|fi|esac))[ \t]*\d*<|\|[ \t]*(?:[{(]|(?:while|until|for|select|if|case)(?![\w-]))/;

/** The compound commands of `text` with an input given to them (one pass; quotes, comments and here-docs skipped). */
function fedRegions(text: string, until: number): Region[] {
  const regions: Region[] = [];
  if (!FED_COMPOUND.test(text)) return regions;
  const stack: Array<{ word: string; at: number; piped?: Literal }> = [];
  const docs: Array<{ delimiter: string; strip: boolean }> = [];
  let command = true;
  let pipes = 0;
  const push = (word: string, at: number): void => {
    let before = at - 1;
    while (text[before] === ' ' || text[before] === '\t') before--;
    const piped = pipes < MAX_PIPES && text[before] === '|' ? (pipes++, pipedInto(text, at)) : undefined;
    if (stack.push({ word, at, piped }) > MAX_REGIONS) stack.shift();
  };
  const close = (word: string, at: number, end: number): void => {
    const opener = CLOSER_OF[word];
    let k = stack.length - 1;
    while (k >= 0 && !opener.test(stack[k].word)) k--;
    if (k < 0) return;
    const open = stack[k];
    stack.length = k;
    // Only a redirection (`<…`, `N<…`) after the closing gives it an input.
    const inputs = /[\d<]/.test(text[blanks(text, end)] ?? '') ? redirectionsFrom(text, end) : new Map<string, Input>();
    if (open.piped && !inputs.has('0')) inputs.set('0', { literal: open.piped });
    if (inputs.size && regions.length < MAX_REGIONS) regions.push({ open: open.at, close: at, inputs });
  };
  for (let k = 0, last = Math.min(text.length, until); k < last;) {
    const c = text[k];
    if (c === '\n') {
      command = true;
      for (const doc of docs.length ? docs.splice(0) : docs) {
        const lines = hereDoc(text, k, doc.delimiter, doc.strip);
        if (!lines) break;
        k = lines.end;
      }
      k++;
    } else if (/[ \t]/.test(c)) k++;
    else if (c === ';' || c === '&' || c === '|') {
      command = true;
      k++;
    } else if (c === '(') {
      push('(', k);
      command = true;
      k++;
    } else if (c === ')') {
      if (stack[stack.length - 1]?.word !== 'case') close(')', k, k + 1);
      command = false;
      k++;
    } else if (c === '#' && (k === 0 || /\s/.test(text[k - 1]))) {
      const end = text.indexOf('\n', k);
      k = end < 0 ? text.length : end;
    } else if (c === '<' || c === '>') {
      HERE_DOC.lastIndex = k;
      const match = text[k + 2] === '<' ? null : HERE_DOC.exec(text);
      if (match) docs.push({ delimiter: match[3], strip: match[1] === '-' });
      k = match ? HERE_DOC.lastIndex : k + 1;
    } else {
      WORD_END.lastIndex = k;
      const end = WORD_END.test(text) ? WORD_END.lastIndex : k + 1;
      // Keywords count where a command starts (an assignment or a keyword before keeps it so).
      const raw: string = command ? text.slice(k, end) : '';
      if (command && OPENERS.test(raw)) push(raw, k);
      else if (command && /^(?:\}|done|fi|esac)$/.test(raw)) close(raw, k, end);
      command = command && /^(?:do|then|else|elif|!|\{|time|[A-Za-z_]\w*=\S*)$/.test(raw);
      k = end;
    }
  }
  return regions;
}

/** The literal `input` holds from `from`, up to what one read takes (`delimiter`; `count` characters at most). */
function lineOf(input: Literal, from: number, delimiter: string | undefined, count?: number): { line: Literal; next: number } {
  let k = from;
  const limit = count === undefined ? input.value.length : Math.min(input.value.length, from + count);
  while (k < limit) {
    if (delimiter === undefined && (input.value[k] === '\n' || input.value.startsWith('\\n', k))) break;
    if (delimiter !== undefined && delimiter !== '' && input.value[k] === delimiter) break;
    k++;
  }
  const next = k < input.value.length ? k + (input.value.startsWith('\\n', k) && delimiter === undefined ? 2 : 1) : k;
  return { line: { value: input.value.slice(from, k), map: input.map.slice(from, k) }, next };
}

const slice = (literal: Literal, from: number, to: number): Literal => ({
  value: literal.value.slice(from, to),
  map: literal.map.slice(from, to),
});

/** `line` split on `ifs` into at most `names` fields (the last the rest; every field where `names` is undefined). */
function fields(line: Literal, ifs: string, names?: number): Literal[] {
  if (ifs === '') return [line];
  const space = (c: string): boolean => /[ \t\n]/.test(c) && ifs.includes(c);
  const out: Literal[] = [];
  let k = 0;
  let end = line.value.length;
  while (k < end && space(line.value[k])) k++;
  while (end > k && space(line.value[end - 1])) end--;
  while (k < end && out.length < MAX_ELEMENTS) {
    if (names !== undefined && out.length === names - 1) {
      out.push(slice(line, k, end));
      break;
    }
    let stop = k;
    while (stop < end && !ifs.includes(line.value[stop])) stop++;
    out.push(slice(line, k, stop));
    k = stop;
    while (k < end && space(line.value[k])) k++;
    if (k < end && ifs.includes(line.value[k])) {
      k++;
      while (k < end && space(line.value[k])) k++;
    }
  }
  return out;
}

/** The IFS a command at `at` splits with: its own `IFS=…` prefix, else the last `IFS=…` before it, else blanks. */
function ifsAt(text: string, at: number, prefix: string): string {
  const own = /^IFS=(?:'([^']*)'|"([^"]*)"|(\S*))/.exec(prefix);
  if (own) return own[3]?.startsWith("$'") ? own[3].slice(2, -1).replace(/\\n/g, '\n').replace(/\\t/g, '\t') : (own[1] ?? own[2] ?? own[3]);
  const before = text.lastIndexOf('IFS=', at);
  if (before < 0 || /\w/.test(text[before - 1] ?? '')) return ' \t\n';
  const set = /^IFS=(?:'([^'\n]*)'|"([^"\n]*)"|([^\s;&|$]*))(?=[\s;&|]|$)/.exec(text.slice(before, before + 64));
  return set ? (set[1] ?? set[2] ?? set[3]) : ' \t\n';
}

/** The assignments every `read`/`mapfile`/`readarray` of `text` makes, in order. */
export function readAssignments(text: string): ReadAssignment[] {
  if (!/(?<![\w-])(?:read|mapfile|readarray)(?![\w-])/.test(text)) return [];
  reading();
  let regions: Region[] | undefined;
  const taken = new Map<Literal, number>();
  const found: ReadAssignment[] = [];
  const matches: RegExpExecArray[] = [];
  for (const match of text.matchAll(COMMAND)) if (matches.push(match) >= MAX_COMMANDS) break;
  // A compound command around a read closes within MAX_BODY characters of the last read (a text is not read further).
  const until = (matches[matches.length - 1]?.index ?? 0) + MAX_BODY;
  for (const match of matches) {
    const kind = match[1] === 'read' ? 'read' : 'mapfile';
    const command = commandAt(text, kind, match.index + match[0].length);
    const input = inputOf(command, match.index, () => (regions ??= fedRegions(text, until)));
    const from = input ? (taken.get(input) ?? 0) : 0;
    const set = (name: string, value?: Literal): void => {
      found.push({ name, value: value?.value, map: value?.map, after: command.end });
    };
    const delimiterOption = command.options.get('d')?.literal?.value;
    const delimiter = delimiterOption === undefined ? undefined : (delimiterOption[0] ?? '');
    if (kind === 'mapfile') {
      const array = command.names[0] ?? 'MAPFILE';
      const index = Number(command.options.get('O')?.literal?.value ?? 0) || 0;
      let k = from;
      const skip = Number(command.options.get('s')?.literal?.value ?? 0) || 0;
      const elements: Literal[] = [];
      for (let line = 0; input && k < input.value.length && elements.length < MAX_ELEMENTS; line++) {
        const read = lineOf(input, k, delimiter);
        if (line >= skip) elements.push(read.line);
        k = read.next;
      }
      if (input) taken.set(input, k);
      if (!elements.length) set(array);
      elements.forEach((element, j) => set(`${array}[${index + j}]`, element));
      if (elements.length) set(array, elements[0]);
      continue;
    }
    const exact = command.options.get('N')?.literal?.value;
    const count = Number(exact ?? command.options.get('n')?.literal?.value);
    // At the input's end read sets nothing known (bash: it returns failure, the names empty).
    const read =
      input && from < input.value.length
        ? lineOf(input, from, exact === undefined ? delimiter : '', Number.isFinite(count) ? count : undefined)
        : undefined;
    if (input && read) taken.set(input, read.next);
    const array = command.options.get('a');
    const names = array ? [text.slice(array.at, array.end)] : command.names.length ? command.names : ['REPLY'];
    if (!read) {
      for (const name of names) set(name);
      continue;
    }
    const ifs = exact !== undefined ? '' : ifsAt(text, match.index, match[0]);
    if (array) {
      const elements = fields(read.line, ifs);
      elements.forEach((element, j) => set(`${names[0]}[${j}]`, element));
      set(names[0], elements[0]);
      continue;
    }
    // One name with the default IFS: the line without its leading and trailing blanks; several: a field each.
    const split = fields(read.line, ifs, names.length);
    names.forEach((name, j) => set(name, split[j] ?? { value: '', map: [] }));
  }
  return found;
}

/** The literal a command reads: its own redirection's, else its descriptor's as a compound command around it is given. */
function inputOf(command: Command, at: number, regions: () => Region[]): Literal | undefined {
  let fd = command.options.get('u') ? undefined : '0';
  const u = command.options.get('u');
  if (u) fd = u.literal?.value;
  for (let hops = 0; fd !== undefined && hops < 4; hops++) {
    const own = command.inputs.get(fd);
    if (!own) break;
    if ('literal' in own) return own.literal;
    if ('none' in own) return undefined;
    fd = own.dup;
  }
  if (fd === undefined) return undefined;
  let best: Region | undefined;
  for (const region of regions()) {
    if (region.open < at && at < region.close && region.inputs.has(fd) && (!best || region.open > best.open)) best = region;
  }
  const given = best?.inputs.get(fd);
  return given && 'literal' in given ? given.literal : undefined;
}

/** The `read … -u FD …` commands after `from`: where FD is written and where the command ends. */
export function readsOfDescriptor(text: string, from: number): Array<{ fd: string; at: number; end: number; commandEnd: number }> {
  const found: Array<{ fd: string; at: number; end: number; commandEnd: number }> = [];
  const command = new RegExp(COMMAND.source, 'gm');
  command.lastIndex = from;
  reading();
  for (let match = command.exec(text), n = 0; match && n < MAX_COMMANDS; match = command.exec(text), n++) {
    const parsed = commandAt(text, match[1] === 'read' ? 'read' : 'mapfile', match.index + match[0].length);
    const u = parsed.options.get('u');
    if (u) found.push({ fd: text.slice(u.at, u.end), at: u.at, end: u.end, commandEnd: parsed.end });
  }
  return found;
}
