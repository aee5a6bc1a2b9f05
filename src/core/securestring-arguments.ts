import { literalsIn } from './powershell-literals';
import { splatsIn } from './powershell-splats';

/**
 * Attack round 43a-9: PowerShell's `ConvertTo-SecureString` takes its parameters in any order
 * (learn.microsoft.com powershell/module/microsoft.powershell.security/convertto-securestring: `-String` is position 0,
 * `-AsPlainText` and `-Force` are switches, `-SecureKey` and `-Key` take a value; a parameter may be written by any
 * prefix that names it alone, about_Parameters): with `-AsPlainText` anywhere in the command, the plain text given
 * (`-String "pw"`, `-String:"pw"`, or the first positional argument) is a credential, before or after the switches:
 * `ConvertTo-SecureString -AsPlainText -Force -String 'pw'`, `… -AsPlainText -Force 'pw'`, `… -AsPlainText -String 'pw' -Force`.
 * The command ends at `)`, `;`, `|` or a line's end outside quotes (its backtick continuations joined by the caller).
 */

/** A quoted value (PowerShell doubles a quote inside; a backslash escapes none). */
const QUOTED = String.raw`"(?:[^"\n]|"")*"|'(?:[^'\n]|'')*'`;
/**
 * One word of the command after the cmdlet: a parameter (maybe with its colon value), a quoted value, a bare word, a
 * here-string's opener ending its line (`@'`, `@"`: powershell-literals.ts reads its text), a quoted value in
 * parentheses (`('pw')`, a grouping expression): the last two since 44a-6.
 */
const WORD = new RegExp(
  String.raw`[ \t]+(?:-([A-Za-z]\w*)(?::(${QUOTED}|[^\s();|]*))?|(${QUOTED})|([^\s"'();|]+)|@(["'])[ \t]*(?=\r?\n)|\(+[ \t]*(${QUOTED})[ \t]*\)+)(?=[\s();|]|$)`,
  'dy',
);
const CMDLET = /ConvertTo-SecureString(?![\w-])/gi;
/** A splat among the command's words (`@a`). */
const WORD_SPLAT = /[ \t](@[A-Za-z_]\w*)(?=[\s();|]|$)/;
/** The most words of one command read. */
const MAX_WORDS = 16;

/** Whether `written` (a parameter's name as written) names `name`, as a prefix at least `least` characters long. */
const names = (written: string, name: string, least: number): boolean => written.length >= least && name.startsWith(written.toLowerCase());

/** What a variable given as the plain text stands for: no literal. */
const REFERENCE = { value: '', span: [0, 0] as [number, number] };

/** The value of `word`'s group, its span inside its quotes where quoted. */
function valueOf(word: RegExpExecArray, group: number): { value: string; span: [number, number] } {
  const [start, end] = word.indices![group];
  const quoted = /^["']/.test(word[group]) ? 1 : 0;
  return { value: word[group], span: [start + quoted, end - quoted] };
}

/** The spans of the plain texts ConvertTo-SecureString -AsPlainText converts in `text` (quoted: inside the quotes). */
export function secureStringPlainTexts(text: string): Array<{ value: string; span: [number, number] }> {
  const found: Array<{ value: string; span: [number, number] }> = [];
  const literals = literalsIn(text);
  const splats = splatsIn(text);
  for (const cmdlet of text.matchAll(CMDLET)) {
    let plain = false;
    // What the next value is: `-String`'s (the plain text), another parameter's (`-Key`, `-SecureKey`), or a positional one.
    let next: 'string' | 'other' | undefined;
    let given: { value: string; span: [number, number] } | undefined;
    WORD.lastIndex = cmdlet.index + cmdlet[0].length;
    let wordsEnd = WORD.lastIndex;
    for (let n = 0, word: RegExpExecArray | null; n < MAX_WORDS && (word = WORD.exec(text)); n++) {
      wordsEnd = WORD.lastIndex;
      const [, parameter, colonValue, quoted, bare] = word;
      if (parameter !== undefined) {
        if (names(parameter, 'asplaintext', 2)) plain = true;
        const isString = names(parameter, 'string', 2);
        if (colonValue !== undefined) {
          if (isString) given = valueOf(word, 2);
          next = undefined;
        } else next = isString ? 'string' : names(parameter, 'securekey', 2) || names(parameter, 'key', 1) ? 'other' : undefined;
        continue;
      }
      // A variable (`$plain`, `$env:PW`) or a splat (`@args`) refers: the plain text is given, but no literal; but for a
      // variable set to a literal above (`$p = @'…'@`, `$p = 'pw'`: powershell-literals.ts), which is that literal.
      const hereString = word[5] !== undefined ? literals.hereString(word.index + word[0].indexOf('@')) : undefined;
      // The command's words go on after a here-string's closer (`"@ -AsPlainText -Force`).
      if (hereString?.after !== undefined) WORD.lastIndex = hereString.after;
      const value =
        word[5] !== undefined
          ? (hereString ?? REFERENCE)
          : /^[$@]/.test(bare ?? '')
            ? (literals.setBefore(bare!, cmdlet.index) ?? REFERENCE)
            : valueOf(word, quoted !== undefined ? 3 : word[6] !== undefined ? 6 : 4);
      if (next === 'string' || (next === undefined && !given && bare !== '-')) given = value;
      next = undefined;
    }
    // A splat's hashtable (`@a`, `$a = @{ String = 'pw'; AsPlainText = $true }`: powershell-splats.ts, 45a-11) gives its keys.
    for (const entry of splats(WORD_SPLAT.exec(text.slice(cmdlet.index, wordsEnd))?.[1] ?? '', cmdlet.index) ?? []) {
      if (names(entry.key, 'asplaintext', 2) && !/^\$false$/i.test(entry.written)) plain = true;
      if (names(entry.key, 'string', 2))
        given = entry.literal ?? (literals.setBefore(entry.written, cmdlet.index) || (/^[$@]/.test(entry.written) ? REFERENCE : undefined));
    }
    if (plain && given && given !== REFERENCE && given.span[1] > given.span[0]) found.push(given);
  }
  return found;
}
