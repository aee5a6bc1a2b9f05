/**
 * A small reader of POSIX sh scripts (the text of an init container's `sh -c`), enough to tell which commands surely
 * run and in which order: simple commands with their words and redirections, `;`, newlines, `&&`, `||`, `|`, `&`, `!`,
 * `( ... )` and `{ ...; }`. Quotes, backslashes and `#` comments are read as sh reads them (POSIX XCU 2.2, 2.3, 2.9).
 * A word whose value the shell computes (`$`, a backquote, a glob, `~`) is `undefined`: this tool does not know it.
 * Anything else (if, while, for, case, functions, here-documents) makes the script unreadable: `undefined`.
 */

/** A word's value, or undefined when the shell computes it (expansion, substitution, glob). */
export type Word = string | undefined;
export interface Redirect {
  /** `>`, `>>` or `>|` write the target (the shell opens it O_TRUNC or O_APPEND); `<` reads it. */
  readonly op: '>' | '>>' | '<';
  readonly target: Word;
}
export type Shell =
  | { readonly kind: 'command'; readonly words: readonly Word[]; readonly redirects: readonly Redirect[] }
  | { readonly kind: 'and' | 'or'; readonly left: Shell; readonly right: Shell }
  | { readonly kind: 'list'; readonly items: readonly Shell[] }
  | { readonly kind: 'pipe'; readonly items: readonly Shell[] }
  | { readonly kind: 'not' | 'background'; readonly body: Shell }
  | { readonly kind: 'group'; readonly body: Shell; readonly subshell: boolean };

type Token = { readonly op: string } | { readonly word: Word };
const RESERVED = new Set([
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'while',
  'until',
  'do',
  'done',
  'for',
  'case',
  'esac',
  'function',
  'select',
  '[[',
]);

/** The tokens of a script, or undefined for what this reader does not take (here-documents, `;;`, unclosed quotes). */
function tokenize(text: string): Token[] | undefined {
  const tokens: Token[] = [];
  let word = '';
  let started = false;
  let known = true;
  const end = () => {
    if (started) tokens.push({ word: known ? word : undefined });
    [word, started, known] = ['', false, true];
  };
  /** The index after a `$(...)`, `${...}` or backquoted text starting at `i`, or -1 when it never closes. */
  const skipSubstitution = (i: number): number => {
    if (text[i] === '`') return text.indexOf('`', i + 1) < 0 ? -1 : text.indexOf('`', i + 1) + 1;
    const [open, close] = text[i + 1] === '(' ? ['(', ')'] : text[i + 1] === '{' ? ['{', '}'] : ['', ''];
    if (!open) return i + 1;
    let depth = 0;
    for (let j = i + 1; j < text.length; j++) {
      if (text[j] === open) depth++;
      else if (text[j] === close && --depth === 0) return j + 1;
    }
    return -1;
  };
  for (let i = 0; i < text.length;) {
    const c = text[i];
    const two = text.slice(i, i + 2);
    if (c === '\\') {
      if (text[i + 1] !== '\n') [word, started] = [word + (text[i + 1] ?? ''), true];
      i += 2;
    } else if (c === "'") {
      const close = text.indexOf("'", i + 1);
      if (close < 0) return undefined;
      [word, started, i] = [word + text.slice(i + 1, close), true, close + 1];
    } else if (c === '"') {
      started = true;
      for (i++; i < text.length && text[i] !== '"';) {
        if (text[i] === '\\' && '$`"\\\n'.includes(text[i + 1] ?? '')) [word, i] = [word + text[i + 1], i + 2];
        else if (text[i] === '$' || text[i] === '`') {
          known = false;
          i = skipSubstitution(i);
          if (i < 0) return undefined;
        } else word += text[i++];
      }
      if (i >= text.length) return undefined;
      i++;
    } else if (c === '$' || c === '`') {
      [known, started] = [false, true];
      i = skipSubstitution(i);
      if (i < 0) return undefined;
    } else if (c === '#' && !started) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === ' ' || c === '\t') {
      end();
      i++;
    } else if (two === '<<' || two === ';;') {
      return undefined;
    } else if (c === '>' || c === '<' || (two === '&>' && !started)) {
      // A word of digits right before the operator is its file descriptor (`2>`), not a word of the command.
      if (/^\d+$/.test(word) && known) [word, started] = ['', false];
      end();
      const op = /^(&>>|&>|>>|>\||>&|<&|<>|>|<)/.exec(text.slice(i))?.[0] ?? c;
      tokens.push({ op: op === '>|' || op === '&>' ? '>' : op === '&>>' ? '>>' : op });
      i += op.length;
    } else if (two === '&&' || two === '||') {
      end();
      tokens.push({ op: two });
      i += 2;
    } else if (';&|()\n'.includes(c)) {
      end();
      tokens.push({ op: c });
      i++;
    } else {
      if ('*?['.includes(c) || (c === '~' && !started)) known = false;
      [word, started] = [word + c, true];
      i++;
    }
  }
  end();
  return tokens;
}

/** The script's commands, or undefined when this reader cannot tell what it runs. */
export function parseShell(text: string): Shell | undefined {
  const read = tokenize(text);
  if (!read) return undefined;
  const tokens: Token[] = read;
  let at = 0;
  const isOp = (op: string) => at < tokens.length && 'op' in tokens[at] && (tokens[at] as { op: string }).op === op;
  const wordAt = (word: string) => at < tokens.length && 'word' in tokens[at] && (tokens[at] as { word: Word }).word === word;
  const newlines = () => {
    while (isOp('\n')) at++;
  };
  class Unreadable extends Error {}
  const fail = (): never => {
    throw new Unreadable();
  };

  /** A list up to `closing` (a `)` op or a `}` word), or the end of the script. */
  function list(closing?: string): Shell {
    const items: Shell[] = [];
    for (;;) {
      while (isOp('\n') || isOp(';')) at++;
      if (at >= tokens.length || (closing === ')' && isOp(')')) || (closing === '}' && wordAt('}'))) break;
      let item = andOr();
      if (isOp('&')) [item, at] = [{ kind: 'background', body: item }, at + 1];
      else if (!(isOp(';') || isOp('\n') || at >= tokens.length || (closing === ')' && isOp(')')) || (closing === '}' && wordAt('}'))))
        fail();
      items.push(item);
    }
    return { kind: 'list', items };
  }
  function andOr(): Shell {
    let left = pipeline();
    while (isOp('&&') || isOp('||')) {
      const kind = isOp('&&') ? 'and' : 'or';
      at++;
      newlines();
      left = { kind, left, right: pipeline() };
    }
    return left;
  }
  function pipeline(): Shell {
    const negated = wordAt('!');
    if (negated) at++;
    const items = [command()];
    while (isOp('|')) {
      at++;
      newlines();
      items.push(command());
    }
    const piped: Shell = items.length > 1 ? { kind: 'pipe', items } : items[0];
    return negated ? { kind: 'not', body: piped } : piped;
  }
  function command(): Shell {
    if (isOp('(')) {
      at++;
      const body = list(')');
      if (!isOp(')')) fail();
      at++;
      return { kind: 'group', body, subshell: true };
    }
    if (wordAt('{')) {
      at++;
      const body = list('}');
      if (!wordAt('}')) fail();
      at++;
      return { kind: 'group', body, subshell: false };
    }
    const words: Word[] = [];
    const redirects: Redirect[] = [];
    for (; at < tokens.length;) {
      const token = tokens[at];
      if ('word' in token) {
        if (!words.length && token.word !== undefined && RESERVED.has(token.word)) fail();
        words.push(token.word);
        at++;
      } else if (['>', '>>', '<', '>&', '<&', '<>'].includes(token.op)) {
        const target = tokens[at + 1];
        if (!target || !('word' in target)) fail();
        const value = (target as { word: Word }).word;
        // `>&1`, `2>&-`: a copy of a file descriptor, no file; `<>` opens for reading and writing without truncating.
        if (!((token.op === '>&' || token.op === '<&') && value !== undefined && /^(\d+|-)$/.test(value)))
          redirects.push({
            op: token.op === '<' || token.op === '<&' ? '<' : token.op === '<>' ? '>>' : token.op === '>>' ? '>>' : '>',
            target: value,
          });
        at += 2;
      } else break;
    }
    if (!words.length && !redirects.length) fail();
    return { kind: 'command', words, redirects };
  }
  try {
    const script = list();
    return at < tokens.length ? undefined : script;
  } catch (error) {
    if (error instanceof Unreadable) return undefined;
    throw error;
  }
}
