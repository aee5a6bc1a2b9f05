/**
 * K3s' words as code hands them to a process (50a-2): a quoted `k3s` (maybe with its path) and the literals after it
 * that make one argument list, whatever the language builds it with: a list or an array (`execve("/usr/local/bin/k3s",
 * ["k3s", "agent", …], envp)`, `os.execvp('k3s', ['k3s', …])`, `exec(new String[]{"k3s", …})`, Go's `[]string{…}`,
 * Rust's `vec![…]`/`&[…]`, Go's `append(`), a builder's calls (`Command::new("k3s").args(["agent", …])`, `.arg("agent").arg(…)`), and
 * literals joined into one word (`'--token=' + '…'`). Between two words stand only commas, blanks, line breaks,
 * brackets and these constructors, or a method called on what a call gave (`).args(`): a variable or another call
 * (`token`, `env("T")`) ends the list, as its value is not written here (code-literal-runs.ts reads the runs).
 * k3s-short-token.ts reads the words as K3s does.
 */
import { type CodeWord, codeLiteralRuns as literalRuns, literalAt, wordsAfter } from './code-literal-runs';

export { type CodeWord, wordSpan } from './code-literal-runs';

/**
 * A quoted `k3s` word (a list's first literal), or a bare one that PowerShell's `Start-Process` starts (`Start-Process
 * k3s -ArgumentList "agent","--token","…"`, `-FilePath /usr/local/bin/k3s`; 51a-8).
 */
const HEAD =
  /(?<![\w.-])(["'`])(?:[A-Za-z]:)?(?:[\w.-]*\/)*k3s(?:\.exe)?\1|(?<=(?:[Ss]tart-[Pp]rocess|saps)[ \t]{1,64}(?:-[Ff]ile[Pp]ath[ \t]{1,64})?|(?<![&\w])&[ \t]{1,8})(?:[A-Za-z]:)?(?:[\w.-]*[/\\])*k3s(?:\.exe)?(?=[ \t])/g;
/** A literal's text that is the `k3s` word. */
const K3S_WORD = /^(?:[A-Za-z]:)?(?:[\w.-]*\/)*k3s(?:\.exe)?$/;
/** A `k3s` word after K3s' own words starts the next list (read from its head). */
const startsK3s = (word: string): boolean => K3S_WORD.test(word);
/** Every run of literals in `code` (code-literal-runs.ts), a `k3s` word after others starting the next. */
export const codeLiteralRuns = (code: string): CodeWord[][] => literalRuns(code, startsK3s);
/** The argument lists in `code` that start with a quoted `k3s` word, each as its words (the `k3s` word first). */
export function k3sCodeArgLists(code: string): CodeWord[][] {
  const lists: CodeWord[][] = [];
  const heads = new RegExp(HEAD);
  for (let head = heads.exec(code); head; head = heads.exec(code)) {
    const bare = head[1] === undefined; // PowerShell's `Start-Process k3s`, `& k3s.exe`
    const first = bare ? { text: head[0], start: head.index, end: head.index + head[0].length } : literalAt(code, head.index)!;
    const words: CodeWord[] = [{ word: first.text, pieces: [{ start: first.start, text: first.text }] }];
    heads.lastIndex = wordsAfter(code, words, first.end, startsK3s);
    if (words.length > 1) lists.push(words);
  }
  // PowerShell's parameters in any order (known limit 53): `Start-Process -ArgumentList '--token','…' -FilePath k3s`.
  if (/-FilePath/i.test(code))
    for (const call of code.matchAll(ARGUMENTS_FIRST)) {
      const words: CodeWord[] = [{ word: 'k3s', pieces: [{ start: call.index, text: 'k3s' }] }];
      wordsAfter(code, words, call.index + call[0].length, startsK3s);
      if (words.length > 1) lists.push(words);
    }
  return lists;
}

/** `Start-Process` whose `-FilePath` is K3s, up to its `-ArgumentList` when that comes first (on one line). */
const ARGUMENTS_FIRST =
  /(?<![\w-])(?:[Ss]tart-[Pp]rocess|saps)[ \t]+(?=[^\n]{0,1024}-[Ff]ile[Pp]ath[ \t]+["']?(?:[A-Za-z]:)?(?:[\w.-]*[/\\])*k3s(?:\.exe)?["']?(?![\w.-]))(?:-(?![Aa]rgument[Ll]ist)[A-Za-z]\w{0,31}(?:[ \t]+(?!-)[^\s]{1,256})?[ \t]+){0,8}-[Aa]rgument[Ll]ist/g;
