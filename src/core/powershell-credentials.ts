import { commandPasswordSpans } from './secrets-commands';
import { setsSecret } from './secrets-text';

/**
 * Attack round 42a-4: PowerShell's ways of writing a password that the shell readers do not see
 * (learn.microsoft.com/powershell, about_Parameters, about_Pipelines, about_Special_Characters):
 * - a parameter's colon form `-Password:"value"` (`-Name:value` binds the value to the parameter as `-Name value` does);
 * - a literal as a pipeline's first element: PowerShell writes a string literal to the pipeline, so `'pw' |
 *   ConvertTo-SecureString -AsPlainText` converts it and `'pw' | docker login --password-stdin` feeds it as `echo`
 *   would; `Write-Output` (alias `write`) and `Write-Host` before it alike;
 * - `New-Object NetworkCredential|PSCredential -ArgumentList "user", "pw"` (the constructor's second argument);
 * - a backtick at a line's end after a blank continues the command on the next line (backtickJoined): such a text's
 *   commands are read again, joined, by the command readers (secrets-commands.ts).
 * A value that refers (`$pw`, `$env:PW`, `(Read-Host -AsSecureString)`) is none: its `$` or `(` comes first.
 */

/** What such a value is called in findings (`FoundSecret.what`). */
export const POWERSHELL_CREDENTIAL =
  'a PowerShell credential written as plain text (a -Password parameter in its colon form, a literal piped into ConvertTo-SecureString or a password reader, ' +
  'New-Object NetworkCredential -ArgumentList)';

/** A quoted value, to its closing quote on the line (PowerShell doubles a quote inside; a backslash escapes none). */
const QUOTED = String.raw`"(?:[^"\n]|"")*"|'(?:[^'\n]|'')*'`;

/** The text with each backtick continuation (a blank, a backtick, a line break) blanked: its lines read as one, at the same offsets. */
export const backtickJoined = (text: string): string =>
  text.includes('`') ? text.replace(/(?<=[ \t])`\r?\n/g, (continuation) => ' '.repeat(continuation.length)) : text;

/**
 * `-Name:value`: a parameter's colon form, its value quoted (blanks may come between) or a word (not a variable, an
 * expression, a hashtable).
 */
// A CMake cache entry's type (`-DNAME:STRING=value`) is none: name-value-pairs.ts reads that form.
const COLON = new RegExp(
  String.raw`(?<![\w-])-([A-Za-z][\w]{0,63}):(?!(?:STRING|BOOL|PATH|FILEPATH|INTERNAL|UNINITIALIZED)=)(?:[ \t]+(?=["']))?(${QUOTED}|[^\s"'$(@{:][^\s;|)}]*)`,
  'dg',
);

/** A literal (maybe written by Write-Output, `write`, `echo`) piped into ConvertTo-SecureString -AsPlainText. */
const CONVERTED = new RegExp(
  String.raw`(?:^|[\s;=({])(?:(?:Write-Output|Write-Host|write|echo)[ \t]+)?(${QUOTED})[ \t]*\|[ \t]*ConvertTo-SecureString\b[^\n;|)]{0,256}?[ \t]-AsPlainText\b`,
  'dgim',
);
/**
 * A literal starting a pipeline (at a line's start, after `;`, `(`, `{`, `&&`, `||`, an assignment's `=`: `$r = 'pw' |`,
 * not an option's glued value, 44a-10: `kubectl … -o jsonpath='{.data.password}' | base64 -d`), maybe written by
 * Write-Output or `write`, then its `|`: `echo 'pw' |` is the command readers' own.
 */
const PIPED = new RegExp(
  String.raw`(?:^|[;({]|(?:=(?<=\$[\w:.]+[ \t]*=)|[ \t]=)|&&|\|\|)[ \t]*(?:(?:Write-Output|Write-Host|write)[ \t]+)?(${QUOTED})[ \t]*\|(?!\|)`,
  'dgim',
);

/** `New-Object [-TypeName] …NetworkCredential|PSCredential -ArgumentList [@(]"user", "pw"`. */
const ARGUMENT_LIST = new RegExp(
  String.raw`New-Object[ \t]+(?:-TypeName[ \t]+)?[\w.]*(?:NetworkCredential|PSCredential)[ \t]+-ArgumentList[ \t]+(?:@?\([ \t]*)?` +
    String.raw`(?:${QUOTED}|[^\s,]+)[ \t]*,[ \t]*(${QUOTED})`,
  'dgi',
);

/** How far a pipeline after a literal is read (characters to its line's end), and the longest joined line read again. */
const MAX_PIPELINE = 2048;
const MAX_JOINED = 16_384;

/** The inside of a quoted value's span. */
const inside = ([start, end]: [number, number]): [number, number] => [start + 1, end - 1];

/** Where a text holds a PowerShell credential of one of these forms: the value's span (inside its quotes). */
export function powershellCredentialSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const joined = backtickJoined(text);
  if (/-[A-Za-z]\w*:/.test(joined))
    for (const match of joined.matchAll(COLON)) {
      const [start, end] = match.indices![2];
      // keytool's and jarsigner's `-storepass:env NAME`, `-keypass:file PATH` name where the password is, not it
      // (docs.oracle.com/en/java/javase/21/docs/specs/man/keytool.html, "Common Command Options").
      if (/^(?:env|file)$/.test(match[2])) continue;
      const quoted = /^["']/.test(match[2]) ? 1 : 0;
      // A value of punctuation only (`-Password:…` in prose) is none.
      if (/[\p{L}\p{N}]/u.test(match[2]) && setsSecret(match[1], match[2])) spans.push([start + quoted, end - quoted]);
    }
  if (/New-Object/i.test(joined))
    for (const match of joined.matchAll(ARGUMENT_LIST)) if (setsSecret('password', match[1])) spans.push(inside(match.indices![1]));
  if (/ConvertTo-SecureString/i.test(joined))
    for (const match of joined.matchAll(CONVERTED)) if (setsSecret('password', match[1])) spans.push(inside(match.indices![1]));
  if (/["'][ \t]*\|/.test(joined)) spans.push(...pipedLiteralSpans(joined));
  if (joined !== text) spans.push(...continuedCommandSpans(text, joined));
  return spans;
}

/** A piece of text read as a command line, the offset of its first character in the text, and the span a finding must fall in. */
interface Piece {
  line: string;
  offset: number;
  within: [number, number];
}

/** The command readers' spans (secrets-commands.ts) in the pieces, read in one text (a line each), as offsets in the text. */
function commandSpansIn(pieces: readonly Piece[]): Array<[number, number]> {
  if (pieces.length === 0) return [];
  const starts: number[] = [];
  let at = 0;
  for (const { line } of pieces) [starts[starts.length], at] = [at, at + line.length + 1];
  const spans: Array<[number, number]> = [];
  for (const [from, to] of commandPasswordSpans(pieces.map(({ line }) => line).join('\n'))) {
    // The piece the span starts in: the last whose start is not after it.
    let [low, high] = [0, starts.length - 1];
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle] <= from) low = middle;
      else high = middle - 1;
    }
    const { offset, within } = pieces[low];
    const [start, end] = [from - starts[low] + offset, to - starts[low] + offset];
    if (start >= within[0] && end <= within[1]) spans.push([start, end]);
  }
  return spans;
}

/**
 * The lines a backtick continued (`docker login -u bob \`` then `-p "pw"` on the next line), joined, read again by the
 * command readers as one line each (up to MAX_JOINED characters: a longer one is no command written by hand).
 */
function continuedCommandSpans(text: string, joined: string): Array<[number, number]> {
  const pieces: Piece[] = [];
  for (let at = 0; at <= joined.length;) {
    const found = joined.indexOf('\n', at);
    const end = found < 0 ? joined.length : found;
    const line = joined.slice(at, end);
    if (line.length <= MAX_JOINED && line !== text.slice(at, end)) pieces.push({ line, offset: at, within: [at, end] });
    at = end + 1;
  }
  return commandSpansIn(pieces);
}

/**
 * A literal piped into a reader of a password on standard input: each such
 * pipeline is read as `echo <literal> | …` by the command readers (secrets-commands.ts), to its line's end, all in one
 * reading; a password they find in the literal is one. Together the pipelines cover at most a few times the text.
 */
function pipedLiteralSpans(text: string): Array<[number, number]> {
  const pieces: Piece[] = [];
  let budget = 4 * text.length + MAX_PIPELINE;
  for (const match of text.matchAll(PIPED)) {
    const [start, end] = match.indices![1];
    const lineEnd = text.indexOf('\n', end);
    const rest = text.slice(end, Math.min(lineEnd < 0 ? text.length : lineEnd, end + MAX_PIPELINE));
    if ((budget -= rest.length + end - start) < 0) break;
    pieces.push({ line: `echo ${match[1]}${rest}`, offset: start - 'echo '.length, within: [start, end] });
  }
  return commandSpansIn(pieces);
}
