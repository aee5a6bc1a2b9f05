import type { CST, Document, LineCounter } from 'yaml';
import type { Path } from '../core/problem';
import { mayQuote } from '../core/quotable';
import { isMap, isScalar, yaml } from '../core/yaml';
import { lexedTooDeep, MAX_ENTRIES } from '../core/yaml-depth';

export { MAX_ENTRIES };
import { atOrUnderAny } from '../core/dropped';
import { addDuplicateKeyErrors } from '../core/duplicate-key-errors';
import { isSecretKey, redact, REDACTED } from '../core/secrets';
import { isImageOrHostName } from '../core/image-names';
import { isPlainlyNotSecret } from '../core/secrets-keys';
import { checkContent, inBlockScalarText, shownName } from './yaml-content';
import type { At, InputProblem, PathAt, SecretAt } from './yaml-problem';
import { aliasResolver, isSecretInDoc, MERGE_KEY } from './yaml-secrets';
import { isEmptyDocument, nodePath } from './document-nodes';
import { judgesAny, syntaxCut } from './syntax-cut';
import { dropCollectionKeys } from './collection-keys';
import { describeYamlErrors } from './yaml-syntax';
import { keepLastOfEachKey, onlyLocalErrors } from './duplicate-keys';
import { misplacedBlanks } from './unicode-blanks';
import { isChartValues } from './literal-tokens';
import { besideTabLines, notFromTabLines, tabAdvice, tabLineRuns } from './tab-indent';
import { besideDashTabs } from './dash-tab';

export type { InputProblem } from './yaml-problem';
export { orPastSyntaxCut } from './syntax-cut';

/**
 * The YAML reading layer: bytes -> text -> YAML document -> plain data, refusing hostile or broken
 * input with one located message per mistake instead of a parser message or a stack trace.
 */

/** Real configs are a few KiB; the bound keeps parse time and memory small for any file handed in by mistake. */
export const MAX_FILE_BYTES = 1024 * 1024;
/**
 * The deepest real key is 7 levels down (kubeVip.services.ipPool.namespaces.<ns>.range[0]); 32 leaves room
 * and keeps the recursive readers (YAML composer, schema, rules) far from the JavaScript stack limit.
 */
export const MAX_DEPTH = 32;

export interface YamlInput {
  /** The parsed document, for locating later problems; absent when the input could not be parsed safely. */
  readonly doc?: Document.Parsed;
  readonly lines: LineCounter;
  /**
   * The document as plain data; absent when there are problems, unless each of them left its value out of it: a merge
   * key (`leftOut`), or a value or key refused and `dropped` (a control character, a `__proto__` key), or is a key
   * written twice (`duplicateKey`: the last value is read), for the rest to be judged in the same run.
   */
  readonly data?: unknown;
  readonly problems: InputProblem[];
  /** With a syntax error: the offset its line starts at; a finding about the data there or after is not reported. */
  readonly judgedBefore?: number;
}

/** Decodes a file's bytes as strict UTF-8, or says where and why it cannot. */
export function decodeConfigBytes(bytes: Uint8Array): { text?: string; problem?: InputProblem } {
  const tooBig = sizeProblem(bytes.length);
  if (tooBig) return { problem: tooBig };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    // A UTF-16 byte-order mark (FF FE or FE FF): the usual Windows "Unicode" save, said as such (69a-29).
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
      return {
        problem: { line: 1, column: 1, path: [], message: 'is UTF-16 (it starts with a UTF-16 byte-order mark): save the file as UTF-8' },
      };
    }
    const bad = firstInvalidUtf8(bytes);
    // Not lastIndexOf(…, -1): a negative start counts from the end, which put a first-byte error past the last line.
    const lineStart = bad > 0 ? bytes.lastIndexOf(0x0a, bad - 1) + 1 : 0;
    const line = bytes.subarray(0, lineStart).filter((b) => b === 0x0a).length + 1;
    const column = new TextDecoder().decode(bytes.subarray(lineStart, bad)).length + 1;
    const byte = bytes[bad].toString(16).toUpperCase().padStart(2, '0');
    return { problem: { line, column, path: [], message: `is not valid UTF-8 (byte 0x${byte}): save the file as UTF-8` } };
  }
}

export function sizeProblem(bytes: number): InputProblem | undefined {
  if (bytes <= MAX_FILE_BYTES) return undefined;
  // In bytes: a size rounded to MiB reads "1.0 MiB" a byte over the limit, as if it were within it (66c-4).
  const count = (n: number) => n.toLocaleString('en-US');
  return {
    path: [],
    message: `is ${count(bytes)} bytes; a config file may be at most ${count(MAX_FILE_BYTES)} bytes (1 MiB; real ones are a few KiB): is it the right file?`,
  };
}

/**
 * Where the first bad sequence starts. The largest prefix that decodes as a stream (a cut sequence is fine there)
 * ends at the first byte that cannot continue it; when that prefix itself ends in a cut sequence (`caf\xe9 `),
 * the sequence's lead byte is the bad one.
 */
function firstInvalidUtf8(bytes: Uint8Array): number {
  const decodes = (end: number, stream = true) => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end), { stream });
      return true;
    } catch {
      return false;
    }
  };
  let [good, bad] = [0, bytes.length];
  while (bad - good > 1) {
    const middle = Math.floor((good + bad) / 2);
    if (decodes(middle)) good = middle;
    else bad = middle;
  }
  if (decodes(good, false)) return good;
  let lead = good - 1;
  while (lead > 0 && good - lead < 4 && (bytes[lead] & 0xc0) === 0x80) lead--;
  return lead;
}

/**
 * A file saved with classic-Mac line ends (CR alone, no LF anywhere) read with LF ones: YAML reads a lone CR as a line
 * break (YAML 1.2.2 §5.4 b-break, https://yaml.org/spec/1.2.2/#54-line-break-characters), the parser used here does
 * not. Same length, so every offset and line stays. A stray CR in an LF file is still refused as a control character.
 */
export function withLineFeeds(text: string): string {
  return text.includes('\r') && !text.includes('\n') ? text.replaceAll('\r', '\n') : text;
}

/** Parses config text into data, refusing what the schema must never see. */
export function readYaml(text: string, knownKeys: ReadonlySet<string>): YamlInput {
  const lines = new yaml.LineCounter();
  const tooBig = sizeProblem(Buffer.byteLength(text));
  if (tooBig) return { lines, problems: [tooBig] };

  // Nesting on one line (`? ? ? …`) runs the parser itself out of stack: found by the lexer first (core/yaml-depth.ts).
  // Deep flow collections the parser reads, and checkBounds below names their path.
  const deep = lexedTooDeep(yaml, text, false);
  if (deep !== undefined) {
    const line = text.slice(0, deep).split('\n').length;
    const column = deep - text.lastIndexOf('\n', deep - 1);
    return {
      lines,
      problems: [
        { line, column, path: [], message: `nests deeper than ${MAX_DEPTH} levels; a config needs 7 at most: is it the right file?` },
      ],
    };
  }
  const tokens = Array.from(new yaml.Parser(lines.addNewLine).parse(text));
  const at = (offset: number) => ({ line: lines.linePos(offset).line, column: lines.linePos(offset).col });
  const oversized = checkBounds(tokens, at);
  if (oversized.length) return { lines, problems: oversized };

  // Keys written twice are found in linear time (core/duplicate-key-errors.ts), not by the package's own check.
  const composer = new yaml.Composer({ uniqueKeys: false, prettyErrors: false });
  const [doc, ...after] = composer.compose(tokens, true, text.length) as Iterable<Document.Parsed>;
  addDuplicateKeyErrors(doc);
  // 78b-20: an empty document after `---` (a generator's trailing `---`, only comments) holds no second cluster.
  const secondDoc = after.find((next) => !isEmptyDocument(next));
  if (after.length) {
    // 77a-13: the first document is still read and judged, so one run names every problem (its offsets are the file's).
    const first = readYaml(text.slice(0, tokens.filter((token) => token.type === 'document')[1]?.offset ?? after[0].range[0]), knownKeys);
    if (!secondDoc) return first;
    const message = `holds a second YAML document (after \`---\` near line ${at(secondDoc.range[0]).line}): keep one cluster per file`;
    return { ...first, problems: [...first.problems, { ...at(secondDoc.range[0]), path: [], message }] };
  }
  // 83a-13: a tab after a list dash is one problem, said at its line; the text with a space there is read and judged.
  const dashed = besideDashTabs(doc, text, (read) => readYaml(read, knownKeys));
  if (dashed) return dashed;
  const resolve = aliasResolver(doc);
  const pathAt = (offset: number) => nodePath(doc.contents, offset, [], resolve);
  const secretAt = (path: Path) => isSecretInDoc(doc.contents, path, resolve);
  const blockText = inBlockScalarText(doc, text);
  const scalarPath = scalarAt(doc, pathAt);
  const { characters: controls, tabs, tabLines, runStarts } = controlCharacters(text, at, pathAt, blockText, scalarPath);
  const underValues = (offset: number) => isChartValues(pathAt(offset));
  // A glued secret key in chart values is one text there (`- password:abc`): that text is left out, the rest still judged.
  const heldText = (offset: number) => (underValues(offset) ? scalarPath(offset) : undefined);
  const spacing = missingSpaceAfterColon(text, knownKeys, at, pathAt, secretAt, blockText, heldText);
  // 70a-17: a list item's blank after `key:` is its text's (`- password:<NBSP>x`) unless the parser fails on its line.
  const failsOn = (offset: number) => doc.errors.some((error) => at(error.pos[0]).line === at(offset).line);
  const blanks = misplacedBlanks(text, at, blockText, (offset) => underValues(offset) && !failsOn(offset));
  const besideTabs: InputProblem[] = [];
  if (tabs.length && !spacing.length && !blanks.length) {
    const rest = besideTabLines(text, tabLines, (read) => readYaml(read, knownKeys), runStarts);
    // Read past a syntax error (78b-4) only if the error comes before the tab lines: after them, the blanked lines'
    // children were read at the wrong nesting, and what was judged is not the user's file.
    // 79b-3: the tab line said at the key path it most likely has, with the spaces to write.
    // 84b-9: each later run of tab lines at its own place, what it hides (its item) left out apart.
    const places = [rest.place, ...runStarts.map((_, i) => rest.runPlaces?.[i])];
    const starts = [tabLines[0], ...runStarts];
    tabs.splice(
      0,
      tabs.length,
      ...tabs.map((tab, i) => ({
        ...tab,
        path: places[i]?.path ?? [],
        message: `${tab.message}${tabAdvice(places[i], tab.line!, text.slice(starts[i], text.indexOf('\n', starts[i]) >>> 0))}`,
      })),
    );
    if (rest.data !== undefined && (rest.judgedBefore === undefined || rest.judgedBefore <= tabLines[0]))
      return {
        ...rest,
        problems: [
          ...tabs.map((tab, i) => ({
            ...tab,
            dropped: i === 0 ? rest.dropped : (places[i]?.within ?? rest.dropped),
            missingIn: rest.missingIn,
          })),
          ...rest.problems,
        ],
      };
    // Unreadable without its tab lines too: the slips the blanking cannot have caused are said beside the tab (76b-6).
    besideTabs.push(
      ...rest.problems.filter((p) =>
        notFromTabLines(
          p,
          tabLines.map((offset) => at(offset).line!),
        ),
      ),
    );
  }
  // 70a-3: so one run reports every problem, as a control character's does (both leave out the text they are in).
  const held = doc.errors.length === 0 && spacing.every((p) => p.dropped);
  const characters = held ? [...controls, ...spacing] : controls;
  if (tabs.length || blanks.length || (spacing.length && !held))
    return { doc, lines, problems: [...characters, ...tabs, ...besideTabs, ...blanks, ...(held ? [] : spacing)] };

  const syntax = describeYamlErrors({ doc, text, at, pathAt, secretAt, resolve });
  // Keys written twice are problems of their own: the rest is still read (the last value winning) and judged; so are
  // bad escapes, whose value is judged with the backslash kept, as the advice writes it (80a-8).
  const local = onlyLocalErrors(doc, syntax) ? syntax : [];
  // A stray control character may be what the parser stumbled on: said alone, as the likelier cause.
  if (syntax.length && !local.length && characters.length) return { doc, lines, problems: characters };
  // 78b-4: other syntax errors leave what was read before their line to be judged (syntax-cut.ts).
  const cut = syntax.length && !local.length ? syntaxCut(doc, syntax, lines) : undefined;
  if (cut !== undefined && !judgesAny(doc, cut)) return { doc, lines, problems: syntax };
  if (local.length) keepLastOfEachKey(doc);
  // An unknown tag (`!Ref`, `!custom`) is only a warning to the parser, which then drops it silently.
  // A secret that starts with "!" is read as a tag: say so without the text.
  const tags = doc.warnings
    .filter((w) => w.code === 'TAG_RESOLVE_FAILED')
    .map((w) => {
      const path = pathAt(w.pos[0]);
      const tag = shownName(text.slice(w.pos[0], w.pos[1]), secretAt(path));
      const message =
        tag === undefined
          ? `"${REDACTED}" starts with "!", which YAML reads as a tag: quote the value`
          : `${JSON.stringify(tag)} is a YAML tag this config does not know: remove it and write the plain value`;
      return { ...at(w.pos[0]), path, message };
    });
  if (tags.length) return { doc, lines, problems: [...syntax, ...characters, ...tags] };

  // A control character in the text leaves out the value or key that holds it (none in a comment), and the rest is
  // still judged: with the content's problems, one run reports every problem.
  // The content's own message on the same value or key (its decoded text holds the character too) would repeat it.
  const written = atOrUnderAny(characters.flatMap((p) => (p.dropped ? [p.dropped] : [])));
  // Past a syntax error's line the parser's recovery, not the file, speaks (a line read as a key): not said (78b-4).
  const beforeCut = (p: InputProblem) => cut === undefined || (p.line !== undefined && lines.lineStarts[p.line - 1] < cut);
  const found = checkContent(doc, at, secretAt, resolve).filter((p) => (!p.dropped || !written(p.dropped)) && beforeCut(p));
  const content = [...characters, ...found];
  if (content.some((p) => !p.leftOut && !p.dropped && !characters.includes(p))) return { doc, lines, problems: [...syntax, ...content] };
  dropCollectionKeys(doc, resolve);
  // Aliases are bounded by checkContent, so the parser's own alias limit (100 uses) would only refuse real configs.
  // A value whose aliases expand past the bound is read as null, never expanded (81b-20).
  const expanded = found.filter((p) => p.overExpanded);
  const readable = expanded.length ? doc.clone() : doc;
  for (const { path } of expanded) readable.setIn(path, null);
  let data: unknown;
  try {
    data = readable.toJS({ maxAliasCount: -1 });
  } catch (e) {
    // 81a-15: past a syntax error the parser's recovery can leave an alias whose anchor it read into a broken text
    // (`x: "&a "b"` then `y: *a`); the syntax problems say what to fix, and nothing of the data can be trusted.
    // An alias to an anchor in a value left out for its size (above) has nothing to stand for either.
    if (!(e instanceof ReferenceError) || (!syntax.length && !expanded.length)) throw e;
    return { doc, lines, problems: [...syntax, ...content] };
  }
  const valueAt = (path: Path) => path.reduce<unknown>((node, key) => (node as Record<string | number, unknown> | undefined)?.[key], data);
  for (const { path, leftOut, dropped } of content) {
    const map = leftOut ? valueAt(path) : undefined;
    if (map && typeof map === 'object') delete (map as Record<string, unknown>)[MERGE_KEY];
    // A refused value or key is left out, so the rest is still judged and one run reports every problem.
    if (dropped?.length) leaveOut(valueAt(dropped.slice(0, -1)), dropped[dropped.length - 1]);
  }
  return { doc, lines, data, problems: [...syntax, ...content], ...(cut !== undefined && { judgedBefore: cut }) };
}

/** Leaves `key` out of `parent`: a map's key as if absent, a list's item as `null` (its followers keep their index and line). */
function leaveOut(parent: unknown, key: string | number): void {
  if (Array.isArray(parent) && typeof key === 'number') parent[key] = null;
  else if (parent && typeof parent === 'object') delete (parent as Record<string, unknown>)[key];
}

/** Nesting depth and entries per collection, checked on the parser's tokens before the (recursive) composer runs. */
function checkBounds(tokens: CST.Token[], at: At): InputProblem[] {
  const problems: InputProblem[] = [];
  const pending: Array<{ token: CST.Token | null | undefined; depth: number; path: Path }> = tokens
    .filter((t): t is CST.Document => t.type === 'document')
    .map((t) => ({ token: t.value, depth: 0, path: [] }));
  while (pending.length) {
    const { token, depth, path } = pending.pop()!;
    if (!token || (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection')) continue;
    if (depth === MAX_DEPTH) {
      const message = `nests deeper than ${MAX_DEPTH} levels; a config needs 7 at most: is it the right file?`;
      problems.push({ ...at(token.offset), path, message });
      continue;
    }
    const isList = token.type === 'block-seq' || (token.type === 'flow-collection' && token.start.source === '[');
    if (token.items.length > MAX_ENTRIES) {
      const message = `has ${token.items.length} entries; at most ${MAX_ENTRIES} are allowed in one ${isList ? 'list' : 'mapping'}`;
      problems.push({ ...at(token.offset), path, message });
      continue;
    }
    token.items.forEach((item, index) => {
      const key = isList ? index : ((item.key && yaml.CST.resolveAsScalar(item.key, true, () => undefined)?.value) ?? '?');
      for (const token of [item.key, item.value]) pending.push({ token, depth: depth + 1, path: [...path, key] });
    });
  }
  return problems;
}

/** In the raw text: everything of CONTROL_CHARACTER except the \n and \r\n line ends. */
// eslint-disable-next-line no-control-regex -- as above
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]|\t|\r(?!\n)/g;
const CONTROL_NAMES: Record<number, string> = { 0: 'NUL', 9: 'TAB', 13: 'CR', 27: 'ESC', 127: 'DEL' };

/** `U+0000 NUL` */
function describeChar(char: string): string {
  const code = char.charCodeAt(0);
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}${CONTROL_NAMES[code] ? ` ${CONTROL_NAMES[code]}` : ''}`;
}

/**
 * Control characters anywhere in the text (values, keys, comments): invisible in editors and never part of a valid value.
 * Only \n and \r\n line ends are allowed, and a tab that does not indent: YAML allows one in a comment or between
 * tokens, and a value's tabs are judged once decoded (multi-line text under traefik.values may hold them).
 * Tabs that indent are one message for the file: the usual editor setting mistake. A tab after a block scalar's
 * indentation (`|` text holding YAML with a tab in a value) is that text's content, judged once decoded.
 */
function controlCharacters(
  text: string,
  at: At,
  pathAt: PathAt,
  blockText: (offset: number) => boolean,
  scalarPath: (offset: number) => Path | undefined,
): { characters: InputProblem[]; tabs: InputProblem[]; tabLines: number[]; runStarts: number[] } {
  const problems: InputProblem[] = [];
  const tabIndented: number[] = [];
  for (const match of text.matchAll(CONTROL)) {
    const offset = match.index!;
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    const indenting = match[0] === '\t' && /^[ \t]*$/.test(text.slice(lineStart, offset)) && !blockText(offset);
    if (indenting) {
      if (tabIndented.at(-1) !== lineStart) tabIndented.push(lineStart);
      continue;
    }
    if (match[0] === '\t') continue;
    const contentStart = lineStart + /^[ \t]*/.exec(text.slice(lineStart))![0].length;
    const message = `holds the control character ${describeChar(match[0])}, which a config file must not contain: remove it`;
    const dropped = scalarPath(offset);
    problems.push({ ...at(offset), path: pathAt(Math.max(offset, contentStart)), message, ...(dropped ? { dropped } : {}) });
  }
  const tabs: InputProblem[] = [];
  // 84b-9: one problem per run of tab lines (each list item's own, tab-indent.ts tabLineRuns).
  const runs = tabLineRuns(text, tabIndented);
  for (const run of runs) {
    const [first, ...more] = run.map((offset) => at(offset).line!);
    const also = more.length ? ` (so do line${more.length > 1 ? 's' : ''} ${more.join(', ')})` : '';
    const offset = run[0] + /^ */.exec(text.slice(run[0]))![0].length;
    // No key path: with tabs in the indentation, the parser's idea of the nesting is not the user's.
    tabs.push({ ...at(offset), path: [], message: `line ${first} uses a tab for indentation; YAML needs spaces${also}` });
  }
  return { characters: problems, tabs, tabLines: tabIndented, runStarts: runs.slice(1).map((run) => run[0]) };
}

/**
 * The key path of the value or key whose text holds `offset`, or undefined (a comment, the blanks between tokens):
 * what a control character there is left out of, for the rest to be judged (a key, as the pair it names).
 */
function scalarAt(doc: Document.Parsed, pathAt: PathAt): (offset: number) => Path | undefined {
  const holds = (node: unknown, offset: number) => isScalar(node) && !!node.range && node.range[0] <= offset && offset < node.range[1];
  const keyHolding = (map: unknown, offset: number) => (isMap(map) ? map.items.find((pair) => holds(pair.key, offset)) : undefined);
  return (offset) => {
    const path = pathAt(offset);
    const node = doc.getIn(path, true);
    if (path.length && holds(node, offset)) return path;
    // A key's first character is not in the path pathAt gives (it starts there): the map's pair holding it is.
    const own = keyHolding(node, offset);
    if (own) return [...path, String((own.key as { value: unknown }).value)];
    const parent = path.length ? keyHolding(doc.getIn(path.slice(0, -1), true), offset) : undefined;
    return parent ? path : undefined;
  };
}

/** C0 and C1 control characters but tab, and DEL: never advised back into a line (62b-8). */
// eslint-disable-next-line no-control-regex -- these are what it finds
const UNWRITTEN = /[\x00-\x08\x0a-\x1f\x7f-\x9f]/g;
const spaced = (key: string, value: string): string => {
  const written = value.replace(UNWRITTEN, '');
  if (written === value) return `write \`${key}: ${value}\``;
  return written === '' ? `remove the control character after the colon` : `write \`${key}: ${written}\`, without the control character`;
};

/** 70a-3: the advice for a secret's key glued to its value: written with a space or not, the secret may not be in the config. */
const SECRET_ADVICE =
  'either way a secret there would be written to dist/, which is committed to Git: keep it in a Kubernetes Secret and reference it (e.g. env valueFrom.secretKeyRef)';

/**
 * `host:value` (no space after the colon) is one plain string in YAML, so the key silently disappears or the
 * lines below stop parsing. Only known config keys count: `fd00:1::5` is an IPv6 address, not a key.
 */
function missingSpaceAfterColon(
  text: string,
  knownKeys: ReadonlySet<string>,
  at: At,
  pathAt: PathAt,
  secretAt: SecretAt,
  blockText: (offset: number) => boolean,
  heldText: (offset: number) => Path | undefined,
): InputProblem[] {
  const problems: InputProblem[] = [];
  for (const match of text.matchAll(/^([ ]*(?:- +)?)([A-Za-z][\w-]*):([^\s#][^\n#]*?)[ ]*(?:#.*)?$/gm)) {
    const [, lead, key, rawValue] = match;
    // A line of a `|` or `>` block is text, not YAML (an /etc/group's `traefik:x:65532:`, 58a-14): no key to space; a
    // secret's name there (`password:abc`) is still said so, the secret readers judging the text besides.
    if (!isSecretKey(key) && blockText(match.index! + match[1].length)) continue;
    // `password:abc` is a key only the raw line shows: its name says the text after the colon is a secret.
    if (!(knownKeys.has(key) || isSecretKey(key)) || rawValue.startsWith(':') || rawValue.startsWith('//')) continue;
    // A Service's host and port or an image's tag (`- redis-password:6379`, `- token-service:1.2`): one text, as meant (57a-10).
    if (!knownKeys.has(key) && isImageOrHostName(`${key}:${rawValue}`, 0, key, rawValue)) continue;
    // Nor a value that plainly is none under that name (`- htpasswd:/etc/htpasswd`, an `--auth` mode's argument: 60a-13).
    if (!knownKeys.has(key) && isPlainlyNotSecret(rawValue, [key])) continue;
    const offset = match.index! + lead.length;
    const held = knownKeys.has(key) ? undefined : heldText(offset);
    // A list item's text is the item: no key of it is named (70a-3: `args[0].password` named none the data has).
    const path = held && lead.includes('-') ? held : [...pathAt(offset), key];
    // Shown with its shapes redacted (`?access_token=<redacted>`) where nothing else of it may be a secret.
    const shapesHidden = redact(rawValue);
    const value = secretAt(path) || !mayQuote(shapesHidden) || !mayQuote(`${key}:${shapesHidden}`) ? REDACTED : shapesHidden;
    // 70a-3: a control character in the place of the space is named (its own finding says to remove it).
    const glue = rawValue[0].replace(UNWRITTEN, '') === '' ? ` (the control character ${describeChar(rawValue[0])} stands there)` : '';
    // Judged as the text the data holds where it holds one (a reference there is no secret: `password:${DB_PASSWORD}`).
    const advice = isSecretKey(key) && secretAt(held ?? path) ? SECRET_ADVICE : spaced(key, value);
    problems.push({
      ...at(offset),
      path,
      message: `\`${key}:${value}\` has no space after the colon${glue}, so YAML reads it as one text: ${advice}`,
      ...(held ? { dropped: held } : {}),
    });
  }
  return problems;
}
