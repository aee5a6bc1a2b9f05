/**
 * 86b-1: a shell script read as the simple commands it runs (POSIX.1-2017 XCU 2.2 Quoting, 2.3 Token Recognition, 2.4
 * Reserved Words, 2.6.2 Parameter Expansion, 2.9 Shell Commands). Commands are split at `;`, `&&`, `||`, `|`, `&`,
 * newlines and parentheses; a reserved word that opens or joins a compound command (`if … then`, `while … do`, `{`, `!`)
 * is dropped from the command's start; adjacent quoted parts make one word (`'traef''ik'`, `t\raefik`); a command
 * substitution (`$(…)`, backquotes) is read as commands of its own and stays unknown in its word; a `#` comment, a
 * redirection's target and a here-document are no words. `$NAME`, `${NAME}`, `$0`… and `$@` are the value `vars` gives (unquoted: split at
 * blanks), an assignment-only command (`T=traefik`) sets one for the commands after it; a name with no known value stays
 * as written, so it runs no program this reads. A case pattern (words before a `)` that closes no `(`) is no command.
 */

/** Reserved words after which the next command starts (2.4); `for`, `case` and `select` are read by their reader. */
const OPENING = new Set(['if', 'then', 'else', 'elif', 'fi', 'while', 'until', 'do', 'done', 'esac', '{', '}', '!']);
const ASSIGNMENT = /^([A-Za-z_]\w*)=(.*)$/s;
const PARAMETER = /\$(?:\{([A-Za-z_]\w*|\d+|[@*])\}|([A-Za-z_]\w*|\d|[@*]))/y;
/** The default field separators (2.5.3 IFS): `$IFS` splits where it is not set otherwise. */
const DEFAULT_VARS: ReadonlyArray<[string, string]> = [['IFS', ' \t\n']];
/** How deep substitutions are read: deeper text is left unread. */
const MAX_DEPTH = 8;

/** The index just past the `)` that closes the substitution opened before `from`, or the script's end. */
function closingParen(script: string, from: number): number {
  let depth = 1;
  for (let i = from; i < script.length; i += 1) {
    if (script[i] === '\\') i += 1;
    else if (script[i] === '(') depth += 1;
    else if (script[i] === ')' && --depth === 0) return i + 1;
  }
  return script.length;
}

/** The simple commands of `script`, each as its words, with `$NAME` read from `given` (env vars, `$0`, `$1`… and `$@`). */
export function simpleCommands(script: string, given: ReadonlyMap<string, string>, depth = 0): string[][] {
  if (depth > MAX_DEPTH) return [];
  const vars = new Map([...DEFAULT_VARS, ...given]);
  const commands: string[][] = [];
  let words: string[] = [];
  let word: string | undefined;
  /** What the next word is: a redirection's file, or a here-document's delimiter (2.7.4), whose lines are no commands. */
  let redirect: 'file' | 'heredoc' | undefined;
  const delimiters: string[] = [];
  let open = 0;
  const endWord = (): void => {
    if (word !== undefined && redirect) {
      if (redirect === 'heredoc') delimiters.push(word);
      redirect = undefined;
    } else if (word !== undefined && !(words.length === 0 && OPENING.has(word))) words.push(word);
    word = undefined;
  };
  const endCommand = (): void => {
    endWord();
    const assignments = words.map((w) => ASSIGNMENT.exec(w));
    if (assignments.every(Boolean)) for (const found of assignments) vars.set(found![1], found![2]);
    else commands.push(words);
    words = [];
    redirect = undefined;
  };
  /** The index after the here-documents that start at `from`: each up to the line that is its delimiter. */
  const afterHeredocs = (from: number): number => {
    let at = from;
    for (const delimiter of delimiters.splice(0)) {
      for (let end = 0; end >= 0 && at < script.length;) {
        end = script.indexOf('\n', at);
        const line = script.slice(at, end < 0 ? undefined : end);
        at = end < 0 ? script.length : end + 1;
        if (line.replace(/^\t+/, '') === delimiter) break;
      }
    }
    return at;
  };
  const append = (text: string, quoted: boolean): void => {
    for (const char of text) {
      if (!quoted && /\s/.test(char)) endWord();
      else word = (word ?? '') + char;
    }
  };
  /** Reads a `$` at `i`: a substitution's commands, or a parameter; returns the index after it. */
  const dollar = (i: number, quoted: boolean): number => {
    if (script[i + 1] === '(') {
      const end = closingParen(script, i + 2);
      commands.push(...simpleCommands(script.slice(i + 2, end - 1), vars, depth + 1));
      append('$(…)', true);
      return end;
    }
    PARAMETER.lastIndex = i;
    const found = PARAMETER.exec(script);
    if (!found) {
      append('$', true);
      return i + 1;
    }
    const value = vars.get(found[1] ?? found[2]);
    append(value ?? found[0], quoted || value === undefined);
    return PARAMETER.lastIndex;
  };
  let i = 0;
  while (i < script.length) {
    const char = script[i];
    if (char === "'") {
      const end = script.indexOf("'", i + 1);
      append(script.slice(i + 1, end < 0 ? undefined : end), true);
      word ??= '';
      i = end < 0 ? script.length : end + 1;
    } else if (char === '"') {
      word ??= '';
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
      commands.push(...simpleCommands(script.slice(i + 1, end < 0 ? undefined : end), vars, depth + 1));
      append('`…`', true);
      i = end < 0 ? script.length : end + 1;
    } else if (char === '#' && word === undefined) i = script.indexOf('\n', i) < 0 ? script.length : script.indexOf('\n', i);
    else if (char === '<' || char === '>') {
      if (word !== undefined && /^\d+$/.test(word)) word = undefined;
      endWord();
      const operator = /^[<>][<>&|]*-?/.exec(script.slice(i))![0];
      redirect = /^<<-?$/.test(operator) ? 'heredoc' : 'file';
      i += operator.length;
    } else if (char === ')' && open === 0) {
      words = [];
      word = undefined;
      i += 1;
    } else if (/[;&|\n()]/.test(char)) {
      if (char === '(') open += 1;
      if (char === ')') open -= 1;
      endCommand();
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
  return commands.filter((command) => command.length > 0);
}
