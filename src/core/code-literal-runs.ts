/**
 * Runs of string literals in code that make one argument list, whatever the language builds it with (50a-2, 52a-12): a
 * list or an array (`["mysql", "-u", …]`, Go's `[]string{…}`, Rust's `vec![…]`, C#'s `new[] { … }`), a call's arguments
 * (`exec.Command("vault", "login", …)`, `new ProcessBuilder(…)`), a builder's calls (`.args([…])`, `.arg("a").arg(…)`),
 * statements that add to a list, and literals joined into one word (`'--token=' + '…'`). Between two words stand only
 * commas, blanks, line breaks, brackets and these constructors, or a method called on what a call gave (`).args(`): a
 * variable or another call (`token`, `env("T")`) ends the run, as its value is not written here. Read for K3s by
 * k3s-code-args.ts and k3s-short-token.ts, for every command by code-list-secrets.ts (round 55).
 */

/** One word: its text and where each of its literals' texts starts in the code. */
export interface CodeWord {
  word: string;
  pieces: Array<{ start: number; text: string }>;
}

/** The quotes a literal opens and closes with, and how long one is read. */
const QUOTES = `"'\``;
const MAX_LITERAL = 4096;
/** What joins two literals into one word. */
const JOIN = /[ \t]{0,64}\+[ \t]{0,64}/y;
/**
 * What may stand between two words of one list (the longer forms first: the first that matches is taken): blanks, line breaks, commas, brackets, `&`, `vec!`, `new T[]`,
 * `[]T`, a list's constructor (`List.of(`, `listOf(`, `arrayOf(`, `Arrays.asList(`, Go's `append(`), or a method
 * after a call's `)` (on the next line too, as a chain is written); the argument list's name as a label or set (Swift's
 * `arguments: [`, `task.arguments = [` after `task.executableURL = URL(…k3s)`, Erlang's `{args, [`, .NET's `{ Arguments =
 * "…" }`), and PowerShell's `@(` and parameters (`-ArgumentList`, `-NoNewWindow`; 51a-8); C#'s `new[] {`, `new
 * List<string> {` and statements that add to a list (`psi.ArgumentList.Add("…");`, `args.push(…);`; 52a-12).
 */
const GLUE =
  /(?:\[\]\w{1,32}|new(?:[ \t]+\w{1,32}(?:<[\w ,]{1,64}>)?)?[ \t]*(?:\[[ \t]*\]|\([ \t]*\))?(?=[ \t]*\{)|[ \t]|\\?\r?\n|[,()[\]{}&@]|vec!|(?:List\.of|listOf|arrayOf|mutableListOf|Arrays\.asList|append)(?=\()|(?<=\)\s{0,64})\.[ \t]*\w{1,32}(?=[ \t]*\()|;(?=\s{0,64}(?:\w{1,32}\.){1,4}(?:[Aa]dd|push|[Aa]ppend|extend)\()|(?<![\w.])(?:\w{1,32}\.){1,4}(?:[Aa]dd|push|[Aa]ppend|extend)(?=\()|(?<![\w.])(?:\w{1,32}\.){0,4}(?:[Aa]rg(?:ument)?s|[Aa]rgv|[Aa]rgument[Ll]ist)[ \t]*(?:=(?![=>])|:(?![:=])|,)|(?<=[ \t])-[A-Za-z]\w{0,31}(?=[ \t])){1,161}/y;
/**
 * How long the glue between two words may be, how many words a list has and how many literals a word joins, at most.
 * GLUE takes MAX_GLUE + 1 pieces at most (each one character or more: the same test), so V8's stack does not grow with
 * a run of line breaks (review61-4).
 */
const MAX_GLUE = 160;
const MAX_WORDS = 200;
const MAX_PIECES = 16;

/**
 * The literal at `at`, if one starts there (no escape or line break in it, nor `$` in a template): its text, where the
 * text starts, and where the literal ends. Read by hand, as a regular expression's match arrays cost more (round 52).
 */
export function literalAt(code: string, at: number): { text: string; start: number; end: number } | undefined {
  const quote = code[at];
  if (quote === undefined || !QUOTES.includes(quote)) return undefined;
  const limit = Math.min(code.length, at + 2 + MAX_LITERAL);
  for (let i = at + 1; i < limit; i++) {
    const c = code[i];
    if (c === quote) {
      const text = code.slice(at + 1, i);
      // An interpolated string (Python `f"-p{password}"`, C# `$"…{x}"`) holds a variable there, not a literal word.
      if (/(?<![\w$])(?:[fF][rR]?|[rR][fF]|\$@?|@\$)$/.test(code.slice(Math.max(0, at - 3), at)) && text.includes('{')) return undefined;
      return { text, start: at + 1, end: i + 1 };
    }
    if (c === '\n' || c === '\\' || (c === '$' && quote === '`')) return undefined;
  }
  return undefined;
}

/**
 * Every run of literals in `code` that the same glue joins into one list, wherever it starts (a list built first, `args
 * := []string{…}` then `exec.Command("k3s", args...)`, or in pieces, `args += ['--token', '…']`; 52a-12), and Ruby's
 * `%w[…]` lists of words.
 */
export function codeLiteralRuns(code: string, startsList?: (word: string) => boolean): CodeWord[][] {
  const runs: CodeWord[][] = [];
  const quotes = /["'`]/g;
  for (let quote = quotes.exec(code); quote; quote = quotes.exec(code)) {
    const first = literalAt(code, quote.index);
    if (!first) continue;
    const words: CodeWord[] = [{ word: first.text, pieces: [{ start: first.start, text: first.text }] }];
    quotes.lastIndex = wordsAfter(code, words, first.end, startsList);
    runs.push(words);
  }
  for (const list of code.matchAll(RUBY_WORDS)) {
    const inner = list[1] ?? list[2] ?? list[3];
    const at = list.index + 3;
    runs.push([...inner.matchAll(/\S+/g)].map((word) => ({ word: word[0], pieces: [{ start: at + word.index, text: word[0] }] })));
  }
  return runs;
}

/** Ruby's `%w[agent --token …]` (and `%W`, with any of its brackets). */
// No opening bracket inside either, so a run of `%w[` reads each part once.
const RUBY_WORDS = /%[wW](?:\[([^[\]\n]{1,4096})\]|\(([^()\n]{1,4096})\)|\{([^{}\n]{1,4096})\})/g;

/** Reads the words that glue joins after `end` into `words`; where the list ends (before a word that `startsList` after other words). */
export function wordsAfter(code: string, words: CodeWord[], end: number, startsList?: (word: string) => boolean): number {
  while (words.length < MAX_WORDS) {
    JOIN.lastIndex = end;
    const word = words[words.length - 1];
    const joined = word.pieces.length < MAX_PIECES && JOIN.test(code) && literalAt(code, JOIN.lastIndex);
    if (joined) {
      word.word += joined.text;
      word.pieces.push({ start: joined.start, text: joined.text });
      end = joined.end;
      continue;
    }
    GLUE.lastIndex = end;
    const next = GLUE.test(code) && GLUE.lastIndex - end <= MAX_GLUE ? literalAt(code, GLUE.lastIndex) : undefined;
    // A command's word after other words starts the next list (k3s-code-args.ts: a `k3s` word, read from its head).
    if (!next || (startsList?.(next.text) && !startsList(words[words.length - 1].word))) break;
    words.push({ word: next.text, pieces: [{ start: next.start, text: next.text }] });
    end = next.end;
  }
  return end;
}

/** Where in the code a word's text from `offset` to `end` stands (through the literals it joins). */
export function wordSpan({ pieces }: CodeWord, offset: number, end: number): [number, number] {
  const at = (n: number, last: boolean): number => {
    for (const piece of pieces) {
      if (n < piece.text.length || (last && n === piece.text.length)) return piece.start + n;
      n -= piece.text.length;
    }
    const final = pieces[pieces.length - 1];
    return final.start + final.text.length;
  };
  return [at(offset, false), at(end, true)];
}
