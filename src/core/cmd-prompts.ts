/**
 * Windows cmd's `set /p NAME=prompt` (48a-17): cmd shows the text after `=` and sets NAME to the line it then reads,
 * from the console or from a redirect (`set /p DB_PASSWORD=<pw.txt`); the text is a prompt, never NAME's value
 * (learn.microsoft.com/windows-server/administration/windows-commands/set_1, "/p: Sets the value of variable to a
 * line of input entered by the user"). Only a text that reads as a prompt is taken for one: nothing, a redirect from a
 * file, or words that end in `:`, `?` or `>` or run over a blank (`Enter password: `, `Password for bob? `); one word
 * alone (`set /p PW=Zq7mWx9Lp2`) stays a value, as someone may have meant `set PW=…`.
 */

/** `set /p ` (maybe `set /p "`) just before a key, after a line's start, a command separator or a quote it stands in. */
const SET_P = /(?:^|[\s&|(@"'])set[ \t]+\/p[ \t]+"?$/i;
/** A redirect from a file: `<pw.txt`, `< "%~dp0pw.txt"`, `<nul`. */
const REDIRECT = /^<[ \t]*(?:"[^"\n]{1,260}"|[^\s"&|<>]{1,260})[ \t]*$/;
/** A prompt's word: letters (maybe in brackets, with `'` or `-`), maybe a stop after it; or a short number (`(min 12)`). */
const PROMPT_WORD = /^\(?(?:[A-Za-z][A-Za-z'-]{0,40}|\d{1,3})\)?[:?>.,]?$/;

/** Whether the key at `keyAt` follows `set /p` and its text from `valueAt` (to its line's end or quote) is a prompt. */
export function setsFromPrompt(text: string, keyAt: number, valueAt: number): boolean {
  const before = text.slice(Math.max(0, keyAt - 16), keyAt);
  if (!SET_P.test(before)) return false;
  // A prompt is short: at most 300 characters are read (a long line is not searched for its end from each key).
  const line = text
    .slice(valueAt, valueAt + 300)
    .split('\n')[0]
    .replace(/\r$/, '');
  // Quoted (`set /p "PW=Password: "`), or the command quoted in a text of code or YAML (`"set /p PW=Password: "`), the
  // prompt ends at the quote (maybe escaped: `\"`); else cmd's prompt runs to the line's end or a `&` that starts the
  // next command, or a redirect after a blank.
  const quote = /^[ \t]*</.test(line) ? null : /["']/.exec(line);
  const prompt = (quote ? line.slice(0, quote.index).replace(/\\$/, '') : line.replace(/&.*$/, '')).replace(/^[ \t]+/, '');
  if (prompt.trim() === '' || REDIRECT.test(prompt)) return true;
  const words = prompt
    .replace(/[ \t]+(?:[12]?>|<).*$/, '')
    .trim()
    .split(/[ \t]+/);
  if (!words.every((word) => PROMPT_WORD.test(word))) return false;
  return words.length > 1 || /[:?>]$/.test(words[0]);
}

/** A line that is one `set /p NAME=prompt` and nothing after it (no `&`, `|`): no reader takes its prompt for a value. */
export function isSetPromptLine(line: string): boolean {
  if (line.length > 400) return false;
  // Linear: the blanks before and after `@` are one run each (65a, a line of 100 kB of blanks took 24 s).
  const head = /^[ \t]*(?:@[ \t]*)?set[ \t]+\/p[ \t]+("?)[A-Za-z_][\w.-]{0,127}=/i.exec(line);
  if (!head || /[&|]/.test(line)) return false;
  const key = /[A-Za-z_][\w.-]*=$/.exec(head[0])![0];
  return setsFromPrompt(line, head[0].length - key.length, head[0].length);
}

/**
 * 70a-8: a label that ends a prompt string, then the variable the answer goes to (`read -s -p "Password: " PW; mysql
 * -p"$PW"`, bash's `read -p prompt NAME`: gnu.org/software/bash/manual/bash.html, "Bash Builtins", read): the `"` after
 * `Password: ` closes the prompt, so what follows is no quoted value; the password is typed, then referred to.
 */

/** A closing `"`, blanks, then a variable's name ending the command (`PW;`, `PW &&`, `PW` at the line's end). */
const PROMPT_END = /^"[ \t]+[A-Za-z_]\w{0,63}(?=[ \t]*(?:$|[;&|\n]))/;

// Each label of a text asks: the text's double quotes are found once (the last text asked of is kept).
let lastText: string | undefined;
let lastQuotes: number[] = [];

/** Whether the `"` at `at` closes a string opened before it (an odd count of `"` before `at`) and a variable's name follows. */
export function closesPromptString(text: string, at: number): boolean {
  if (!PROMPT_END.test(text.slice(at, at + 80))) return false;
  if (text !== lastText) {
    lastText = text;
    lastQuotes = [];
    for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) lastQuotes.push(i);
  }
  let [low, high] = [0, lastQuotes.length];
  while (low < high) {
    const mid = (low + high) >> 1;
    if (lastQuotes[mid] < at) low = mid + 1;
    else high = mid;
  }
  return low % 2 === 1;
}
