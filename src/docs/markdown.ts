/** Markdown pieces of the generated READMEs that must hold any text safely. */

/** The longest run of backticks in `text`, so a fence or code span around it can be longer. */
const longestBacktickRun = (text: string) => Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));

/** A fenced shell block; its fence outlasts any backticks in the lines. */
export const sh = (...lines: string[]): string[] => {
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(lines.join('\n')) + 1));
  return [`${fence}sh`, ...lines, fence];
};

/** `text` as a Markdown code span (CommonMark 6.1): a fence longer than any backtick run inside, padded where needed. */
export function code(text: string): string {
  const fence = '`'.repeat(longestBacktickRun(text) + 1);
  const pad = /^`|`$/.test(text) ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** One shell word: plain when it holds only characters no POSIX shell treats specially, else in single quotes. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}
