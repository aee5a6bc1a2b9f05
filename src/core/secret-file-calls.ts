import { isPlaceholder } from './placeholders';
import { isWrittenSecret, secretFile } from './secret-file-names';

/**
 * 67a-6, 67a-7, 67a-8: a literal that a program's file call writes into a file named like a secret is that secret
 * (secret-file-contents.ts reads the commonest calls; these are the rest):
 * - Go `os.WriteFile(p, []byte("…"), 0600)` (pkg.go.dev/os#WriteFile), Ruby `File.write(p, "…")` (IO.write), Java
 *   `Files.writeString(Path.of(p), "…")` / `Files.write(…, "…".getBytes())`, C# and PowerShell
 *   `File.WriteAllText(@"p", "…")` / `[IO.File]::WriteAllText('p', '…')`, Rust `fs::write(p, "…")` (doc.rust-lang.org
 *   std/fs/fn.write), PHP `file_put_contents(p, '…')`, Python `Path(p).write_bytes(b"…")`, and any of them with the path
 *   built by `path.join(dir, 'token')`, `Path.of(…)`, `Paths.get(…)`, `filepath.Join(…)`, `new File(dir, "token")`
 *   (its quoted parts joined);
 * - Python `print("…", file=open(p, "w"))` (a file opened, then written by name: secret-file-handles.ts);
 * - PowerShell's `Add-Content`/`Set-Content`/`Out-File` with a bare or quoted value, named or positional
 *   (learn.microsoft.com PowerShell Microsoft.PowerShell.Management/Add-Content: `-Path`, `-Value`; Out-File:
 *   `-FilePath`, `-InputObject`), and `'…' > path` (about_Redirection).
 * A variable, a call or a placeholder written writes no literal.
 */

const QUOTED = `("[^"\\n]*"|'[^'\\n]*')`;
/** A path argument: a quoted path (C#'s `@"…"` too) or a call that joins quoted parts (at most 256 characters). */
export const PATH_ARG = `(?:@?${QUOTED}|(?:(?:os\\.)?path\\.(?:join|resolve)|Path\\.of|Paths\\.get|Path|filepath\\.Join|Path\\.Combine|(?:new[ \\t]+)?File)\\(([^()\\n]{0,256})\\))`;
/** Calls that take the path then the content: the receiver and name, then `(path, [[]byte(|b]"…"`. */
const PATH_THEN_VALUE = new RegExp(
  `(?:\\b(?:os|ioutil)\\.WriteFile|\\b(?:File|IO)\\.(?:write|binwrite)|\\bFiles\\.write(?:String)?|(?:\\bFile\\.|\\]::)(?:WriteAll(?:Text|Bytes)|AppendAllText)|\\bfs::write|\\bfile_put_contents|\\b(?:write|append)FileSync|\\b(?:write|append)File)\\([ \\t]*${PATH_ARG}[ \\t]*,[ \\t]*(?:\\[\\]byte\\(|b)?${QUOTED}`,
  'g',
);
/** Python's `Path(p).write_bytes(b"…")`. */
const WRITE_BYTES = new RegExp(`\\bPath\\([ \\t]*${QUOTED}[ \\t]*\\)\\.write_(?:bytes|text)\\([ \\t]*b?${QUOTED}`, 'g');
/** Python's `print("…", file=open(p, "w"))`. */
const PRINT_OPEN = new RegExp(
  `\\bprint\\([ \\t]*${QUOTED}[ \\t]*,[^()\\n]{0,64}\\bfile[ \\t]*=[ \\t]*open\\([ \\t]*${QUOTED}[ \\t]*,[ \\t]*(?:mode[ \\t]*=[ \\t]*)?["'][wax]`,
  'g',
);
/** A path argument's text: the quoted path, or a join's quoted parts (`path.join(dir, 'token')` is `…/token`). */
export function pathOf(quoted: string | undefined, joined: string | undefined): string | undefined {
  if (quoted !== undefined) return quoted.slice(1, -1);
  const parts = [...(joined ?? '').matchAll(/"([^"\n]*)"|'([^'\n]*)'|([^,\s]+)/g)].map((p) => p[1] ?? p[2] ?? '*');
  return parts.length > 0 && /^["']/.test((joined ?? '').trim().split(',').at(-1)!.trim()) ? parts.join('/') : undefined;
}

/** A literal (its text and start) when it is one: not empty, a placeholder or a template. */
export function literal(word: string, at: number): [string, number] | undefined {
  const quoted = /^["']/.test(word);
  const value = quoted ? word.slice(1, -1) : word;
  if (!value.trim() || /^[$(@{[]|\{\{|\$\{|#\{/.test(value) || isPlaceholder(value.trim())) return undefined;
  return [value, at + (quoted ? 1 : 0)];
}

function judged(found: Array<[number, number]>, path: string | undefined, value: [string, number] | undefined): void {
  const kind = path === undefined ? undefined : secretFile(path);
  if (!kind || !value || !isWrittenSecret(kind, value[0].replace(/(?:\\r)?\\n$/, ''), path!)) return;
  found.push([value[1], value[1] + value[0].length]);
}

/** Where a group's text starts in its match (`match.index` + offset of the group, searched after `after`). */
const groupAt = (match: RegExpMatchArray, group: string, after: number): number => match.index! + match[0].indexOf(group, after);

function callSpans(text: string, found: Array<[number, number]>): void {
  for (const match of text.matchAll(PATH_THEN_VALUE)) {
    const value = match[3];
    // A literal joined to a variable or formatted (`"Bearer " + t`, `"%s" % t`) is not the content alone.
    if (/^[ \t]*(?:\+|%|\.format\b|\.\.)/.test(text.slice(match.index + match[0].length, match.index + match[0].length + 16))) continue;
    judged(found, pathOf(match[1], match[2]), literal(value, groupAt(match, value, match[0].lastIndexOf(value))));
  }
  for (const match of text.matchAll(WRITE_BYTES))
    judged(found, match[1].slice(1, -1), literal(match[2], groupAt(match, match[2], match[0].lastIndexOf(match[2]))));
  for (const match of text.matchAll(PRINT_OPEN)) judged(found, match[2].slice(1, -1), literal(match[1], groupAt(match, match[1], 0)));
}

/** A PowerShell word: quoted, or bare to a blank, `;`, `|` or `)`. */
const PS_WORD = /"[^"\n]*"|'[^'\n]*'|[^\s;|)]+/g;
/** The cmdlets, their path and value parameters, and the order of their positional ones. */
const CMDLET = /(?<![\w-])(Set-Content|Add-Content|Out-File|New-Item|Tee-Object)(?=[ \t])([^;|\n]{0,512})/gi;
const PATH_PARAMETER = /^-(?:Path|LiteralPath|FilePath|PSPath|LP)$/i;
const VALUE_PARAMETER = /^-(?:Value|InputObject)$/i;
/** Parameters that take a value (the rest are switches: `-Force`, `-NoNewline`, `-Append`). */
const VALUED_PARAMETER =
  /^-(?:Encoding|Width|Stream|Filter|Include|Exclude|Credential|ErrorAction|WarningAction|Delimiter|ItemType|Type|Variable)$/i;
/** Cmdlets whose second positional word is the value (Out-File's is its encoding; New-Item, Tee-Object have none). */
const POSITIONAL_VALUE = /^(?:Set|Add)-Content$/i;
/** A quoted literal piped into what follows (`'…' | `, `Write-Output "…" | `), at a line's or statement's start. */
const PIPED_LITERAL = /(?:^|[\n;{(=])[ \t]*(?:(?:Write-Output|echo|write)[ \t]+)?("[^"\n]*"|'[^'\n]*')[ \t]*\|[ \t]*$/i;

/**
 * PowerShell's `Add-Content C:\x\token.txt bananabread`, `Out-File -FilePath p -InputObject '…'`, and kin; 67w-4:
 * `New-Item -Path p [-Name n] -Value '…'` and `'…' | Tee-Object [-FilePath] p` (learn.microsoft.com PowerShell
 * Microsoft.PowerShell.Management/New-Item: `-Path` at position 0, `-Name`, `-Value` named or piped;
 * Microsoft.PowerShell.Utility/Tee-Object: `-FilePath` at position 0, `-InputObject` named or piped), and any of them
 * fed a literal through a pipe (`'…' | Set-Content p`).
 */
function cmdletSpans(text: string, found: Array<[number, number]>): void {
  for (const match of text.matchAll(CMDLET)) {
    const at = match.index + match[1].length;
    let path: string | undefined;
    let name: string | undefined;
    let value: [string, number] | undefined;
    const positional: Array<[string, number]> = [];
    const words = [...match[2].matchAll(PS_WORD)].map((w) => [w[0], at + w.index] as [string, number]);
    for (let i = 0; i < words.length; i++) {
      const [word] = words[i];
      if (PATH_PARAMETER.test(word)) path = words[++i]?.[0];
      else if (/^-Name$/i.test(word)) name = words[++i]?.[0];
      else if (VALUE_PARAMETER.test(word)) value = words[++i] && literal(...words[i]);
      else if (VALUED_PARAMETER.test(word)) i++;
      else if (!word.startsWith('-')) positional.push(words[i]);
    }
    path ??= positional.shift()?.[0];
    if (value === undefined && POSITIONAL_VALUE.test(match[1]) && positional[0]) value = literal(...positional[0]);
    if (value === undefined) {
      const piped = PIPED_LITERAL.exec(text.slice(Math.max(0, match.index - 512), match.index));
      if (piped) value = literal(piped[1], match.index - piped[0].length + piped[0].indexOf(piped[1]));
    }
    const unquote = (word: string) => word.replace(/^(["'])(.*)\1$/, '$2');
    if (name !== undefined) path = `${path === undefined ? '.' : unquote(path)}\\${unquote(name)}`;
    if (path !== undefined) judged(found, unquote(path), value);
  }
}

/** PowerShell's `'…' > path` (a string's output redirected), at a line's or statement's start. */
const PS_REDIRECT = new RegExp(
  `(?:^|[;{])[ \\t]*(?:Write-Output[ \\t]+)?${QUOTED}[ \\t]*[1*]?>>?[ \\t]*("[^"\\n]+"|'[^'\\n]+'|[^\\s;|'"]+)`,
  'gm',
);

function redirectSpans(text: string, found: Array<[number, number]>): void {
  for (const match of text.matchAll(PS_REDIRECT))
    judged(found, match[2].replace(/^(["'])(.*)\1$/, '$2'), literal(match[1], groupAt(match, match[1], 0)));
}

/** The literals these calls write into files named like secrets (secret-file-contents.ts gathers them). */
export function secretFileCallSpans(text: string): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  if (/write|File|file_put|fs::/i.test(text)) callSpans(text, found);
  if (/-Content|Out-File|New-Item|Tee-Object/i.test(text)) cmdletSpans(text, found);
  if (text.includes('>')) redirectSpans(text, found);
  return found;
}
