import { ansiEnd, ansiText, closingBrace, closingParen, functionAt, printedWords, quote, setOperands, trapAction } from './shell-syntax';

/**
 * 86b-1, 87a-1, 87a-3, 87a-5: a shell script read as the simple commands it runs (POSIX.1-2017 XCU 2.2 Quoting, 2.3
 * Token Recognition, 2.4 Reserved Words, 2.6.2 Parameter Expansion, 2.6.3 Command Substitution, 2.7.4 Here-Document,
 * 2.9 Shell Commands). Commands are split at `;`, `&&`, `||`, `|`, `&`, newlines and parentheses; a reserved word that
 * opens or joins a compound command (`if … then`, `while … do`, `{`, `!`) is dropped from the command's start; adjacent
 * quoted parts make one word (`'traef''ik'`, `t\raefik`); a `#` comment and a redirection's target are no words.
 *
 * Parameters hold every value the script may give them, in text order, not by control flow: `$NAME`, `${NAME}`, `$0`,
 * `$1`… and `$@` (unquoted: split at blanks; `"$@"` one word each) take the values of the container's env, the script's
 * operands, an assignment-only command (`T=traefik`), `export`/`local`… `NAME=value`, `shift`, `set -- …`, a `for NAME in …` list (each word), a function call's
 * words (inside its body, read where it is called), `${NAME:-word}`/`${NAME-word}` (the word when unset),
 * `${NAME:=word}`/`${NAME=word}` (which also set it) and a command substitution whose commands only print words
 * (`$(echo …)`, `$(command -v traefik || echo /x/traefik)`: each printed line is a value). A name with no known value
 * stays as written, so it runs no program this reads. A command is read once for each combination of values (at most
 * MAX_READINGS). A substitution's commands are read as commands too; a here-document is its command's stdin, and so is
 * what a pipe gives from `cat` of one, from a command that only prints words or from a `( … )`/`{ …; }` of such (a shell that reads its script from stdin
 * runs it, command-wrappers.ts). A function's body is read where it is called by name (a call runs no program), and
 * once more at the end when it is never called so; an alias's text is read where its name starts a command. `$'…'`
 * (ANSI-C quoting of bash, ksh and ash) is one quoted word with its escapes decoded. A case pattern (words before a `)` that closes no `(`)
 * is no command.
 *
 * A `trap` action is read where the trap is set, as the script it runs (88b-1).
 *
 * The reader is bounded on hostile scripts: BUDGET characters read in all, each read READ_COST more (scripts within
 * scripts, function bodies and substitutions re-read and values expanded included; the rest is left unread), MAX_DEPTH
 * levels, MAX_VALUES values of at most MAX_VALUE_LENGTH characters per parameter (a longer value is unknown), and
 * MAX_WORDS words of MAX_COMMAND_LENGTH characters in all per reading of a command (88b-3: `"$@"` passed on eight times a call).
 */

/** Reserved words after which the next command starts (2.4); `for`, `case` and `select` are read by their reader. */
const OPENING = new Set(['if', 'then', 'else', 'elif', 'fi', 'while', 'until', 'do', 'done', 'esac', '{', '}', '!']);
/** Words that open a compound command, whose output a pipe after its end gives (88b-2); `(` opens one too. */
const GROUPS = new Set(['{', 'if', 'while', 'until', 'for', 'case', 'select']);
const ASSIGNMENT = /^([A-Za-z_]\w*)=(.*)$/s;
/** Commands whose `NAME=value` operands set the variable (2.14 `export`, `readonly`; `local`, `declare`, `typeset` of bash and ksh). */
const DECLARING = new Set(['export', 'readonly', 'local', 'declare', 'typeset']);
const PARAMETER = /\$(?:\{([A-Za-z_]\w*|\d+|[@*#])\}|([A-Za-z_]\w*|\d|[@*#]))/y;
/** `${NAME op word}` with a default, an assignment, an alternative or an error word (2.6.2). */
const WITH_WORD = /\$\{([A-Za-z_]\w*|\d+|[@*])(:?[-=+?])/y;
/** The default field separators (2.5.3 IFS): `$IFS` splits where it is not set otherwise. */
const DEFAULT_VARS: ReadonlyArray<[string, string]> = [['IFS', ' \t\n']];
const MAX_DEPTH = 8;
const MAX_VALUES = 8;
const MAX_VALUE_LENGTH = 4096;
const MAX_READINGS = 16;
/** 88b-3: what one reading of a command carries (`"$@"` eight times over nested calls multiplies words): the rest is not read. */
const MAX_WORDS = 256;
const MAX_COMMAND_LENGTH = 16_384;
export const BUDGET = 262_144;
/** What each read costs besides its characters, so that many tiny re-reads (a function calling itself) end too. */
const READ_COST = 64;

/** A simple command: its words, and the here-document its stdin reads, once the script is read. */
export interface SimpleCommand {
  readonly words: readonly string[];
  readonly input: { stdin?: string };
}

/** What a script shares with the functions it calls (a substitution gets a copy): parameters, functions, the budget left. */
interface Shell {
  readonly vars: Map<string, readonly string[]>;
  args: readonly string[];
  readonly functions: Map<string, string>;
  readonly budget: { left: number };
  /** The functions called by name: the others' bodies are read once the script is (a `trap` or dispatch may run them). */
  readonly called: Set<string>;
  /** `alias NAME=text`: a command whose first word is NAME runs the text (ash, dash and ksh expand aliases in scripts). */
  readonly aliases: Map<string, string>;
}

/** One reading of the command being read: its words so far, and the word being built. */
interface Reading {
  words: string[];
  word: string | undefined;
  /** The characters it carries, to stop at MAX_COMMAND_LENGTH. */
  size: number;
}

const fresh = (): Reading[] => [{ words: [], word: undefined, size: 0 }];
const full = (reading: Reading): boolean => reading.words.length >= MAX_WORDS || reading.size >= MAX_COMMAND_LENGTH;
const known = (values: Iterable<string>): string[] => [...new Set(values)].filter((v) => v.length <= MAX_VALUE_LENGTH).slice(0, MAX_VALUES);
const copy = (shell: Shell): Shell => ({
  ...shell,
  vars: new Map(shell.vars),
  functions: new Map(shell.functions),
  aliases: new Map(shell.aliases),
});

/** The simple commands of `script` run with `vars` (env vars, `$0`) and positional parameters `args`. */
export function simpleCommands(
  script: string,
  vars: ReadonlyMap<string, string>,
  args: readonly string[],
  budget = { left: BUDGET },
): SimpleCommand[] {
  const all = new Map<string, readonly string[]>([...DEFAULT_VARS, ...vars].map(([name, value]) => [name, [value]]));
  const shell: Shell = { vars: all, args: [...args], functions: new Map(), budget, called: new Set(), aliases: new Map() };
  const commands = read(script, shell, 0);
  shell.args = [];
  for (const [name, body] of shell.functions) if (!shell.called.has(name)) commands.push(...read(body, shell, 1));
  return commands.filter((command) => command.words.length > 0);
}

function read(script: string, shell: Shell, depth: number): SimpleCommand[] {
  shell.budget.left -= script.length + READ_COST;
  if (depth > MAX_DEPTH || shell.budget.left < 0) return [];
  const commands: SimpleCommand[] = [];
  let readings = fresh();
  /** What the next word is: a redirection's file, or a here-document's delimiter, whose lines are its command's stdin. */
  let redirect: 'file' | '<<' | '<<-' | undefined;
  let input: { stdin?: string } = {};
  const heredocs: Array<{ delimiter: string; strip: boolean; input: { stdin?: string } }> = [];
  let open = 0;
  /** What the commands since a group opened printed, in order (88b-2). */
  let printedRun: string[] = [];

  const lookup = (name: string): readonly string[] | undefined => {
    if (name === '@' || name === '*') return [shell.args.join(' ')];
    if (name === '#') return [String(shell.args.length)];
    if (/^[1-9]\d*$/.test(name)) return shell.args[Number(name) - 1] === undefined ? undefined : [shell.args[Number(name) - 1]];
    return shell.vars.get(name);
  };
  const assign = (name: string, values: Iterable<string>): void => {
    const kept = known(values);
    if (kept.length) shell.vars.set(name, kept);
    else shell.vars.delete(name);
  };
  const pushWord = (reading: Reading): void => {
    if (reading.words.length === 0 && GROUPS.has(reading.word ?? '')) printedRun = [];
    if (reading.word !== undefined && !(reading.words.length === 0 && OPENING.has(reading.word)) && !full(reading))
      reading.words.push(reading.word);
    reading.word = undefined;
  };
  const endWord = (): void => {
    const word = readings.find((reading) => reading.word !== undefined)?.word;
    if (word !== undefined && redirect) {
      if (redirect !== 'file') heredocs.push({ delimiter: word, strip: redirect === '<<-', input });
      redirect = undefined;
      for (const reading of readings) reading.word = undefined;
    } else readings.forEach(pushWord);
  };
  /** Runs one reading of a command: `set`, `for` and function calls change parameters; a call runs the body, not a program. */
  const run = (words: readonly string[], stdin: { stdin?: string }): void => {
    const [name, ...rest] = words;
    if (DECLARING.has(name)) for (const found of rest.map((word) => ASSIGNMENT.exec(word))) if (found) assign(found[1], [found[2]]);
    if (name === 'alias') for (const found of rest.map((word) => ASSIGNMENT.exec(word))) if (found) shell.aliases.set(found[1], found[2]);
    const action = name === 'trap' ? trapAction(rest) : undefined;
    if (action !== undefined) commands.push(...read(action, shell, depth + 1));
    if (name === 'shift') shell.args = shell.args.slice(Number(/^\d+$/.test(rest[0] ?? '') ? rest[0] : 1));
    const alias = shell.aliases.get(name);
    if (alias !== undefined) commands.push(...read(`${alias} ${rest.map(quote).join(' ')}`, { ...shell, aliases: new Map() }, depth + 1));
    const operands = name === 'set' ? setOperands(rest) : undefined;
    if (operands) shell.args = operands;
    if ((name === 'for' || name === 'select') && rest[1] === 'in') assign(rest[0], rest.slice(2));
    if ((name === 'for' || name === 'select') && rest.length === 1) assign(rest[0], shell.args);
    const body = shell.functions.get(name);
    if (body !== undefined) {
      const caller = shell.args;
      shell.args = rest;
      shell.called.add(name);
      commands.push(...read(body, shell, depth + 1));
      shell.args = caller;
    } else commands.push({ words, input: stdin });
  };
  /**
   * What a pipe gives the next command's stdin: a here-document through `cat`, or the words a command prints
   * (`echo 'traefik …' | sh`); else nothing this reads.
   */
  const piped = (words: readonly string[] | undefined, given: { stdin?: string }): { stdin?: string } => {
    if (words?.[0] === 'cat' && words.slice(1).every((word) => word === '-')) return given;
    const printed = words && printedWords(words);
    return printed === undefined ? {} : { stdin: printed };
  };
  const endCommand = (pipe = false): void => {
    endWord();
    const found = new Map(readings.map((reading) => [JSON.stringify(reading.words), reading.words]));
    const each = [...found.values()];
    const output = each[0]?.length ? piped(each[0], input) : {};
    if (output.stdin !== undefined) printedRun.push(output.stdin);
    const assignments = each.map((words) => words.map((w) => ASSIGNMENT.exec(w)));
    if (assignments.every((list) => list.every(Boolean))) {
      const names = new Set(assignments.flatMap((list) => list.map((found) => found![1])));
      for (const name of names)
        assign(
          name,
          assignments.flatMap((list) => list.filter((f) => f![1] === name).map((f) => f![2])),
        );
    } else for (const words of each) run(words, input);
    readings = fresh();
    redirect = undefined;
    // 88b-2: a `( … )` or `{ …; }` ends in a command of no words; what it pipes is what its commands printed.
    const group = each.every((words) => words.length === 0) && printedRun.length ? { stdin: printedRun.join('\n') } : output;
    input = pipe ? group : {};
    if (pipe) printedRun = [];
  };
  /** The lines after `from` that are here-documents, each up to the line that is its delimiter: its command's stdin. */
  const afterHeredocs = (from: number): number => {
    let at = from;
    for (const { delimiter, strip, input: target } of heredocs.splice(0)) {
      const lines: string[] = [];
      for (let end = 0; end >= 0 && at < script.length;) {
        end = script.indexOf('\n', at);
        const line = script.slice(at, end < 0 ? undefined : end);
        at = end < 0 ? script.length : end + 1;
        if ((strip ? line.replace(/^\t+/, '') : line) === delimiter) break;
        lines.push(strip ? line.replace(/^\t+/, '') : line);
      }
      target.stdin = lines.join('\n');
    }
    return at;
  };
  /** Appends text to a reading's word; unquoted text is split at blanks, except in an assignment's value (2.9.1). */
  const appendTo = (reading: Reading, text: string, quoted: boolean): void => {
    const value = /^[A-Za-z_]\w*=/.test(reading.word ?? '') && reading.words.every((word) => ASSIGNMENT.test(word));
    for (const char of text) {
      if (full(reading)) return;
      reading.size += 1;
      if (!quoted && !value && /\s/.test(char)) pushWord(reading);
      else reading.word = (reading.word ?? '') + char;
    }
  };
  const append = (text: string, quoted: boolean): void => readings.forEach((reading) => appendTo(reading, text, quoted));
  /** Appends one of `values` to each reading: a reading for each (at most MAX_READINGS). */
  const appendValues = (values: readonly string[], quoted: boolean): void => {
    const next: Reading[] = [];
    for (const reading of readings)
      for (const value of values.slice(0, MAX_READINGS - next.length)) {
        shell.budget.left -= value.length;
        const branch = { words: [...reading.words], word: reading.word, size: reading.size };
        appendTo(branch, value, quoted);
        next.push(branch);
      }
    readings = next;
  };
  /** The values a word gives (a default's, `${NAME:-word}`), read in a copy of the shell. */
  const wordValues = (text: string): string[] =>
    known(read(`: ${text}`, copy(shell), depth + 1).map((command) => command.words.slice(1).join(' ')));
  /** A substitution's commands are read as commands; its value is what they print, else it stays unknown. */
  const substitute = (text: string, quoted: boolean, shown: string): void => {
    const inner = read(text, copy(shell), depth + 1);
    commands.push(...inner);
    const printed = known(inner.map((command) => printedWords(command.words)).filter((p): p is string => p !== undefined));
    if (printed.length) appendValues(printed, quoted);
    else append(shown, true);
  };
  /** `${NAME op word}`: the parameter's values, or the word's when it is unset (`:` also when empty). */
  const withWord = (i: number, quoted: boolean): number | undefined => {
    WITH_WORD.lastIndex = i;
    const found = WITH_WORD.exec(script);
    if (!found) return undefined;
    const close = closingBrace(script, WITH_WORD.lastIndex);
    const [, name, op] = found;
    const values = lookup(name);
    const set = values !== undefined && (!op.startsWith(':') || values.some((value) => value !== ''));
    const word = (): string[] => wordValues(script.slice(WITH_WORD.lastIndex, close));
    const kind = op.replace(':', '');
    const result = kind === '+' ? (set ? word() : ['']) : kind === '?' || set ? values : word();
    if (kind === '=' && !set && result && /^[A-Za-z_]/.test(name)) assign(name, result);
    if (result?.length) appendValues(result, quoted);
    else append(script.slice(i, close + 1), true);
    return close + 1;
  };
  /** Reads a `$` at `i`: a substitution, a parameter with a word, or a parameter; returns the index after it. */
  const dollar = (i: number, quoted: boolean): number => {
    if (script[i + 1] === "'" && !quoted) {
      const end = ansiEnd(script, i + 2);
      append(ansiText(script.slice(i + 2, end)), true);
      for (const reading of readings) reading.word ??= '';
      return end + 1;
    }
    if (script[i + 1] === '(') {
      const end = closingParen(script, i + 2);
      substitute(script.slice(i + 2, end - 1), quoted, '$(…)');
      return end;
    }
    const after = withWord(i, quoted);
    if (after !== undefined) return after;
    PARAMETER.lastIndex = i;
    const found = PARAMETER.exec(script);
    if (!found) {
      append('$', true);
      return i + 1;
    }
    const name = found[1] ?? found[2];
    if (name === '@' && quoted) {
      // 88b-3: each word read costs the budget, and a reading takes no more than it carries.
      for (const [k, arg] of shell.args.entries()) {
        shell.budget.left -= arg.length + 1;
        if (shell.budget.left < 0 || readings.every(full)) break;
        if (k > 0)
          for (const reading of readings) {
            if (!full(reading)) reading.words.push(reading.word ?? '');
            reading.word = '';
          }
        append(arg, true);
      }
      return PARAMETER.lastIndex;
    }
    const values = lookup(name);
    if (values?.length) appendValues(values, quoted);
    else append(found[0], true);
    return PARAMETER.lastIndex;
  };
  const atStart = (): boolean => readings.every((reading) => reading.words.length === 0 && reading.word === undefined);
  let i = 0;
  while (i < script.length) {
    const char = script[i];
    const definition = atStart() && /[A-Za-z_]/.test(char) ? functionAt(script, i) : undefined;
    if (definition) {
      shell.functions.set(definition.name, definition.body);
      i = definition.end;
    } else if (char === "'") {
      const end = script.indexOf("'", i + 1);
      append(script.slice(i + 1, end < 0 ? undefined : end), true);
      for (const reading of readings) reading.word ??= '';
      i = end < 0 ? script.length : end + 1;
    } else if (char === '"' && shell.args.length === 0 && /^"\$(@|\{@\})"/.test(script.slice(i, i + 6))) {
      i += script[i + 2] === '@' ? 4 : 6; // `"$@"` with no parameters is no word (2.5.2)
    } else if (char === '"') {
      for (const reading of readings) reading.word ??= '';
      for (i += 1; i < script.length && script[i] !== '"';) {
        if (script[i] === '\\' && /[$`"\\\n]/.test(script[i + 1] ?? '')) {
          if (script[i + 1] !== '\n') append(script[i + 1], true);
          i += 2;
        } else if (script[i] === '$') i = dollar(i, true);
        else append(script[(i += 1) - 1], true);
      }
      i += 1;
    } else if (char === '\\') {
      if (script[i + 1] !== '\n') append(script[i + 1] ?? '', true);
      i += 2;
    } else if (char === '$') i = dollar(i, false);
    else if (char === '`') {
      const end = script.indexOf('`', i + 1);
      substitute(script.slice(i + 1, end < 0 ? undefined : end), false, '`…`');
      i = end < 0 ? script.length : end + 1;
    } else if (char === '#' && readings.every((reading) => reading.word === undefined))
      i = script.indexOf('\n', i) < 0 ? script.length : script.indexOf('\n', i);
    else if (char === '<' || char === '>') {
      for (const reading of readings) if (reading.word !== undefined && /^\d+$/.test(reading.word)) reading.word = undefined;
      endWord();
      const operator = /^[<>][<>&|]*-?/.exec(script.slice(i, i + 4))![0];
      redirect = operator === '<<' || operator === '<<-' ? operator : 'file';
      i += operator.length;
    } else if (char === ')' && open === 0) {
      readings = fresh();
      i += 1;
    } else if (/[;&|\n()]/.test(char)) {
      if (char === '(') open += 1;
      if (char === '(') printedRun = [];
      if (char === ')') open -= 1;
      endCommand(char === '|' && script[i + 1] !== '|' && script[i - 1] !== '|');
      i = char === '\n' ? afterHeredocs(i + 1) : i + 1;
    } else if (/\s/.test(char)) {
      endWord();
      i += 1;
    } else {
      append(char, true);
      i += 1;
    }
  }
  endCommand();
  afterHeredocs(script.length);
  return commands;
}
