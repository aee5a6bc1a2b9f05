import { isPlaceholder } from './placeholders';
import { isWrittenSecret, secretFile } from './secret-file-names';
import { inflated } from './gzip-members';
import { secretFileCallSpans } from './secret-file-calls';
import { secretFileHandleSpans } from './secret-file-handles';
import { withoutTrailingComment } from './trailing-comments';

/**
 * 66a-7: a literal laid down as a file's content by a tool that names the file and the content side by side, the
 * commonest ways to write /etc/rancher/k3s/cluster-token:
 * - Ansible's copy module (docs.ansible.com ansible.builtin.copy: `content`, `dest`), as YAML keys or `key=value`
 *   words (`-a "content=… dest=…"`, `copy: content=… dest=…`);
 * - cloud-init's `write_files` items (cloudinit.readthedocs.io reference/modules "Write Files": `path`, `content`,
 *   `encoding: b64|base64|gzip+b64`), whose base64 content is decoded and judged;
 * - PowerShell's `'…' | Out-File path`, `Set-Content|Add-Content -Path p -Value '…'`; Python's `open(p, "w").write("…")`,
 *   `Path(p).write_text("…")`; Node's `fs.writeFileSync(p, '…')`, `writeFile`, `appendFileSync`.
 * Which files are secret: secret-file-names.ts. A templated (`{{ k3s_token }}`, `${token}`) or read content writes none.
 */

/** A YAML line's indentation, list dash, key and the rest (`  - path: /x`). */
const KEY_LINE = /^([ \t]*)(-[ \t]+)?([A-Za-z_][\w.-]{0,63})[ \t]*:(?:[ \t]+(.*))?$/;
/** How many lines a mapping's keys are looked for around its `dest`/`path` (a task or a write_files item is short). */
const MAPPING_LINES = 64;
/** Keys that name the file, and the key of its content. */
const TARGET_KEY = /^(?:dest|path)$/;

type Kind = NonNullable<ReturnType<typeof secretFile>>;

interface KeyLine {
  column: number;
  item: boolean;
  key: string;
  rest: string;
  at: number;
}

/** Whether a content value is written literally (not a template, a reference, a placeholder or empty). */
const isLiteral = (value: string): boolean => !!value.trim() && !/\{\{|\$\{?\w|\{%/.test(value) && !isPlaceholder(value.trim());

/** A scalar's text without its quotes. */
const unquoted = (value: string): string => withoutTrailingComment(value.replace(/^(["'])(.*)\1$/, '$2'));

/**
 * Base64 decoded as UTF-8, or undefined (not base64, or not text). 67a-11: `gz+b64`/`gzip+base64` content is gunzipped
 * first, as cloud-init does (cloudinit/config/cc_write_files.py `decode_perms`/`extract_contents`: gz then b64); a
 * stream that inflates past gzip-members.ts's bound or is damaged is '' (unread: judged as any literal).
 */
function decoded(value: string, gzipped = false): string | undefined {
  const bare = value.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(bare)) return undefined;
  let bytes: Buffer = Buffer.from(bare, 'base64');
  if (gzipped) {
    const plain = inflated(bytes);
    if (plain === undefined || typeof plain === 'string') return '';
    bytes = plain;
  }
  const text = bytes.toString('utf8');
  return text.includes('\uFFFD') ? undefined : text;
}

/**
 * Whether a mapping (YAML here, JSON or a flow mapping in secret-file-flow-maps.ts) that writes `content` with
 * `encoding` into `path`, a file of `kind`, writes a secret: a literal content, decoded where cloud-init decodes it.
 */
export function writesSecret(kind: Kind, path: string, content: string, encoding: string): boolean {
  if (!isLiteral(content)) return false;
  const judged = /b64|base64/i.test(encoding) ? decoded(content, /gz/i.test(encoding)) : content;
  return judged === '' ? kind === 'any' : judged !== undefined && isWrittenSecret(kind, judged, path);
}

/** A content key's value in YAML lines: its scalar, or a block scalar's (`|`, `>`) more-indented lines; and its span. */
function contentOf(lines: readonly KeyLine[], raw: readonly string[], n: number): [string, number, number] | undefined {
  const line = lines[n];
  const rest = line.rest.trim();
  if (rest && !/^[|>][-+]?\d?$/.test(rest)) {
    const value = unquoted(rest);
    const start = line.at + raw[n].indexOf(rest) + (value !== rest ? 1 : 0);
    return [value, start, start + value.length];
  }
  const body: string[] = [];
  let end = line.at + raw[n].length;
  for (let i = n + 1; i < raw.length && (!raw[i].trim() || /^[ \t]*/.exec(raw[i])![0].length > line.column); i++) {
    body.push(raw[i].trim());
    end = lines[i].at + raw[i].length;
  }
  const first = n + 1 < raw.length ? lines[n + 1].at : end;
  return body.length > 0 ? [body.join('\n').trim(), first, end] : undefined;
}

/** YAML mappings (an Ansible task's module, a cloud-init write_files item) whose `dest`/`path` is a secret file. */
function yamlContentSpans(text: string): Array<[number, number]> {
  const raw = text.split('\n');
  const lines: KeyLine[] = [];
  for (let i = 0, at = 0; i < raw.length; at += raw[i].length + 1, i++) {
    const key = KEY_LINE.exec(raw[i].replace(/\r$/, ''));
    const column = key ? key[1].length + (key[2]?.length ?? 0) : /^[ \t]*/.exec(raw[i])![0].length;
    lines.push({ column, item: !!key?.[2], key: key?.[3] ?? '', rest: key?.[4] ?? '', at });
  }
  const found: Array<[number, number]> = [];
  for (let n = 0; n < lines.length; n++) {
    if (!TARGET_KEY.test(lines[n].key)) continue;
    const kind = secretFile(unquoted(lines[n].rest.trim()));
    if (!kind) continue;
    // The mapping's lines: up to its item's dash, down to a shallower line or the next item.
    const { column } = lines[n];
    const sibling = (i: number) => raw[i].trim() !== '' && lines[i].column === column && lines[i].key !== '';
    let first = n;
    // At most MAPPING_LINES either side: a hostile text of many keys stays linear.
    while (!lines[first].item && first > 0 && n - first < MAPPING_LINES && (!raw[first - 1].trim() || lines[first - 1].column >= column))
      first--;
    const keys: number[] = [];
    const last = Math.min(lines.length, n + MAPPING_LINES);
    for (let i = first; i < last && (i === first || !raw[i].trim() || lines[i].column > column || (sibling(i) && !lines[i].item)); i++)
      if (sibling(i)) keys.push(i);
    const content = keys.find((i) => lines[i].key === 'content');
    const value = content === undefined ? undefined : contentOf(lines, raw, content);
    const encoding = keys.map((i) => lines[i]).find((line) => line.key === 'encoding')?.rest;
    if (value && writesSecret(kind, unquoted(lines[n].rest.trim()), value[0], unquoted(encoding?.trim() ?? '')))
      found.push([value[1], value[2]]);
  }
  return found;
}

/** One `key=value` word (Ansible's free form), quoted or bare; a closing quote of the whole argument is left out. */
const KV_WORD = (key: string) => new RegExp(`(?<![\\w.-])${key}=("[^"\\n]*"|'[^'\\n]*'|[^\\s"']+)`);

/** Ansible's `content=… dest=…` words on one line. */
function keyValueSpans(text: string): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  for (const line of text.matchAll(/^.*\bcontent=.*$/gm)) {
    const content = KV_WORD('content').exec(line[0]);
    const dest = KV_WORD('(?:dest|path)').exec(line[0]);
    const kind = dest ? secretFile(unquoted(dest[1])) : undefined;
    if (!content || !kind) continue;
    const value = unquoted(content[1]);
    if (!isLiteral(value) || !isWrittenSecret(kind, value, dest![1])) continue;
    const start = line.index + content.index + content[0].length - content[1].length + (value !== content[1] ? 1 : 0);
    found.push([start, start + value.length]);
  }
  return found;
}

const QUOTED = `("[^"\\n]*"|'[^'\\n]*')`;
/** Calls that write a quoted literal into a quoted path: [regex, index of the path group, index of the value group]. */
const CALLS: ReadonlyArray<[RegExp, number, number]> = [
  // PowerShell: `'…' | Out-File [-FilePath] path` (also after Write-Output/echo).
  [
    new RegExp(`${QUOTED}[ \\t]*\\|[ \\t]*Out-File(?:[ \\t]+-(?:FilePath|LiteralPath))?[ \\t]+("[^"\\n]+"|'[^'\\n]+'|[^\\s|;'"]+)`, 'gi'),
    2,
    1,
  ],
  [
    new RegExp(
      `(?:Set|Add)-Content[ \\t]+(?:-(?:Path|LiteralPath)[ \\t]+)?("[^"\\n]+"|'[^'\\n]+'|[^\\s|;'"-][^\\s|;'"]*)[ \\t]+(?:-Value[ \\t]+)?${QUOTED}`,
      'gi',
    ),
    1,
    2,
  ],
  [
    new RegExp(
      `(?:Set|Add)-Content[ \\t]+-Value[ \\t]+${QUOTED}[ \\t]+-(?:Path|LiteralPath)[ \\t]+("[^"\\n]+"|'[^'\\n]+'|[^\\s|;'"]+)`,
      'gi',
    ),
    2,
    1,
  ],
  // Python: `open(p, "w").write("…")`, `Path(p).write_text("…")`.
  [
    new RegExp(
      `open\\([ \\t]*${QUOTED}[ \\t]*,[ \\t]*(?:mode[ \\t]*=[ \\t]*)?["'][wax]b?\\+?["'][^)\\n]{0,64}\\)\\.write\\([ \\t]*${QUOTED}`,
      'g',
    ),
    1,
    2,
  ],
  [new RegExp(`Path\\([ \\t]*${QUOTED}[ \\t]*\\)\\.write_text\\([ \\t]*${QUOTED}`, 'g'), 1, 2],
  // Node: `fs.writeFileSync(p, '…')`, `writeFile`, `appendFile[Sync]`, `fs.promises.writeFile`.
  [new RegExp(`\\b(?:write|append)File(?:Sync)?\\([ \\t]*${QUOTED}[ \\t]*,[ \\t]*${QUOTED}`, 'g'), 1, 2],
];

/** Literals that PowerShell, Python and Node calls write into secret files. */
function callSpans(text: string): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  for (const [call, pathAt, valueAt] of CALLS)
    for (const match of text.matchAll(call)) {
      const path = unquoted(match[pathAt]);
      const kind = secretFile(path);
      const value = match[valueAt].slice(1, -1);
      if (!kind || !isLiteral(value) || !isWrittenSecret(kind, value.replace(/\\n$/, ''), path)) continue;
      const start =
        match.index + match[0].indexOf(match[valueAt], valueAt > pathAt ? match[0].indexOf(match[pathAt]) + match[pathAt].length : 0) + 1;
      found.push([start, start + value.length]);
    }
  return found;
}

/** The literals these tools write into files named like secrets (secret-file-writes.ts gathers them). */
export function secretFileContentSpans(text: string): Array<[number, number]> {
  return [
    ...(/content/.test(text) && /dest|path/.test(text) ? [...yamlContentSpans(text), ...keyValueSpans(text)] : []),
    ...(/Out-File|-Content|write|File/.test(text) ? callSpans(text) : []),
    ...secretFileCallSpans(text),
    ...secretFileHandleSpans(text),
  ];
}
