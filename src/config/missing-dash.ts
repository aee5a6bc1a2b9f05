import { mayQuote } from '../core/quotable';
import { REDACTED } from '../core/secrets';
import { quotableLine } from './yaml-secrets';

/**
 * A key written at the indentation of the list's dashes, without its own dash (`  - name: a` ... `  name: b`):
 * the parser only sees badly indented keys. Covers the lines of that would-be item.
 */
export function missingDash(
  text: string,
  offset: number,
  secretAt: (listOffset: number, key: string) => boolean,
): { offset: number; listOffset: number; lines: number[]; message: string } | undefined {
  const allLines = text.split('\n');
  const lineIndex = text.slice(0, offset).split('\n').length - 1;
  const indentOf = (l: string) => /^ */.exec(l)![0].length;
  const isContent = (l: string) => l.trim() !== '' && !l.trim().startsWith('#');
  const keyLine = /^( *)([^\s#-][^:#]*):(\s|$)/.exec(allLines[lineIndex]);
  if (!keyLine) return undefined;
  const indent = keyLine[1].length;
  let above = lineIndex - 1;
  while (above >= 0 && !(isContent(allLines[above]) && indentOf(allLines[above]) <= indent)) above--;
  if (above < 0 || indentOf(allLines[above]) !== indent || !allLines[above].trimStart().startsWith('- ')) return undefined;
  const covered = [lineIndex + 1];
  for (let next = lineIndex + 1; next < allLines.length; next++) {
    if (!isContent(allLines[next])) continue;
    if (indentOf(allLines[next]) < indent || allLines[next].trimStart().startsWith('-')) break;
    covered.push(next + 1);
  }
  const lineOffset = offset - (text.lastIndexOf('\n', offset - 1) + 1);
  const keyOffset = offset - lineOffset + indent;
  const aboveOffset = allLines.slice(0, above).reduce((sum, l) => sum + l.length + 1, 0) + indent;
  const key = keyLine[2].trim();
  return {
    offset: keyOffset,
    listOffset: aboveOffset,
    lines: covered,
    message:
      `${JSON.stringify(mayQuote(key) ? key : REDACTED)} is at the indentation of the list's dashes but has no "-": ` +
      `write "- ${quotableLine(allLines[lineIndex], secretAt(aboveOffset, key))}" to start a new item`,
  };
}
