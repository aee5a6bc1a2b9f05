import type { CST, Document, LineCounter, Node } from 'yaml';
import { isAlias, isMap, isNode, isScalar, isSeq, yaml } from '../core/yaml';
import { indentSlips } from './indent-slip';
import { CONTROL_CHARACTER, controlCharacterProblem } from '../core/snapshot';
import { isSecretKey, redact, REDACTED, secretValues } from '../core/secrets';
import { missingDash } from './missing-dash';
import { isSecretInDoc, quotableLine } from './yaml-secrets';

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
/** A cluster has tens of Ingresses, not thousands; the bound also caps the pairwise checks (duplicate VIPs, routes). */
export const MAX_ENTRIES = 1000;
/** Values after expanding aliases (`*name`): far above any real config, far below an "alias bomb". */
const MAX_EXPANDED_VALUES = 100_000;

/** Keys that name JavaScript object internals: never a config key, and unsafe in records. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

type Path = Array<string | number>;
/** Line and column (1-based) of an offset into the text. */
type At = (offset: number) => Pick<InputProblem, 'line' | 'column'>;
/** Key path of the node at an offset into the text. */
type PathAt = (offset: number) => Path;
/** Whether the value at a key path is a secret, which no message may quote. */
type SecretAt = (path: Path) => boolean;

/** A problem of the input, located by line and column (1-based) and key path. */
export interface InputProblem {
  readonly line?: number;
  readonly column?: number;
  readonly path: Path;
  readonly message: string;
  /** Set when the data was read without a merge key's keys: findings at or below `path` may follow from them,
   * except under the keys `written` beside it (a merge is shallow: those are the user's own). */
  readonly leftOut?: { readonly written: readonly string[] };
}

export interface YamlInput {
  /** The parsed document, for locating later problems; absent when the input could not be parsed safely. */
  readonly doc?: Document.Parsed;
  readonly lines: LineCounter;
  /** The document as plain data; absent when there are problems, unless all of them are `leftOut` (merge keys). */
  readonly data?: unknown;
  readonly problems: InputProblem[];
}

/** Decodes a file's bytes as strict UTF-8, or says where and why it cannot. */
export function decodeConfigBytes(bytes: Uint8Array): { text?: string; problem?: InputProblem } {
  const tooBig = sizeProblem(bytes.length);
  if (tooBig) return { problem: tooBig };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const lineStart = bytes.lastIndexOf(0x0a, bad - 1) + 1;
    const line = bytes.subarray(0, lineStart).filter((b) => b === 0x0a).length + 1;
    const column = new TextDecoder().decode(bytes.subarray(lineStart, bad)).length + 1;
    const byte = bytes[bad].toString(16).toUpperCase().padStart(2, '0');
    return { problem: { line, column, path: [], message: `is not valid UTF-8 (byte 0x${byte}): save the file as UTF-8` } };
  }
}

export function sizeProblem(bytes: number): InputProblem | undefined {
  if (bytes <= MAX_FILE_BYTES) return undefined;
  const size = `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  return { path: [], message: `is ${size}; a config file may be at most 1 MiB (real ones are a few KiB): is it the right file?` };
}

/** The largest prefix that decodes (as a stream, so a cut sequence is fine) ends at the first bad byte. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  const decodes = (end: number) => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end), { stream: true });
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
  return good;
}

/** YAML 1.1's merge key; YAML 1.2 (this reader) would read it as a key named `<<`. */
const MERGE_KEY = '<<';

/** Parses config text into data, refusing what the schema must never see. */
export function readYaml(text: string, knownKeys: ReadonlySet<string>): YamlInput {
  const lines = new yaml.LineCounter();
  const tooBig = sizeProblem(Buffer.byteLength(text));
  if (tooBig) return { lines, problems: [tooBig] };

  const tokens = Array.from(new yaml.Parser(lines.addNewLine).parse(text));
  const at = (offset: number) => ({ line: lines.linePos(offset).line, column: lines.linePos(offset).col });
  const oversized = checkBounds(tokens, at);
  if (oversized.length) return { lines, problems: oversized };

  const composer = new yaml.Composer({ uniqueKeys: true, prettyErrors: false });
  const [doc, secondDoc] = composer.compose(tokens, true, text.length) as Iterable<Document.Parsed>;
  if (secondDoc) {
    const message = `holds a second YAML document (after \`---\` near line ${at(secondDoc.range[0]).line}): keep one cluster per file`;
    return { doc, lines, problems: [{ ...at(secondDoc.range[0]), path: [], message }] };
  }
  const pathAt = (offset: number) => nodePath(doc.contents, offset, []);
  const secretAt = (path: Path) => isSecretInDoc(doc.contents, path);
  const textProblems = [...controlCharacters(text, at, pathAt), ...missingSpaceAfterColon(text, knownKeys, at, pathAt, secretAt)];
  if (textProblems.length) return { doc, lines, problems: textProblems };

  const syntax = describeYamlErrors(doc, text, at, pathAt, secretAt);
  if (syntax.length) return { doc, lines, problems: syntax };
  // An unknown tag (`!Ref`, `!custom`) is only a warning to the parser, which then drops it silently.
  // A secret that starts with "!" is read as a tag: say so without the text.
  const tags = doc.warnings
    .filter((w) => w.code === 'TAG_RESOLVE_FAILED')
    .map((w) => {
      const path = pathAt(w.pos[0]);
      const message = secretAt(path)
        ? `"${REDACTED}" starts with "!", which YAML reads as a tag: quote the value`
        : `${JSON.stringify(text.slice(w.pos[0], w.pos[1]))} is a YAML tag this config does not know: remove it and write the plain value`;
      return { ...at(w.pos[0]), path, message };
    });
  if (tags.length) return { doc, lines, problems: tags };

  const content = checkContent(doc, at, secretAt);
  if (content.some((p) => !p.leftOut)) return { doc, lines, problems: content };
  // Aliases are bounded by checkContent, so the parser's own alias limit (100 uses) would only refuse real configs.
  const data: unknown = doc.toJS({ maxAliasCount: -1 });
  for (const { path } of content) {
    const map = path.reduce<unknown>((node, key) => (node as Record<string | number, unknown> | undefined)?.[key], data);
    if (map && typeof map === 'object') delete (map as Record<string, unknown>)[MERGE_KEY];
  }
  return { doc, lines, data, problems: content };
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

/** The key path of the deepest node at `offset`; a key that starts at `offset` is not part of it. */
function nodePath(node: unknown, offset: number, path: Path): Path {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isNode(pair.key) ? pair.key : undefined;
      const value = isNode(pair.value) ? pair.value : undefined;
      const end = value?.range?.[2] ?? key?.range?.[2] ?? -1;
      if (key?.range && key.range[0] < offset && offset < Math.max(end, key.range[2])) {
        const inner = [...path, keyText(pair.key)];
        return value?.range && value.range[0] <= offset ? nodePath(value, offset, inner) : inner;
      }
    }
  }
  if (isSeq(node)) {
    const index = node.items.findIndex((item) => isNode(item) && item.range && item.range[0] <= offset && offset < item.range[2]);
    if (index >= 0) return nodePath(node.items[index], offset, [...path, index]);
  }
  return path;
}

function keyText(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
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
 * Tabs that indent are one message for the file: the usual editor setting mistake.
 */
function controlCharacters(text: string, at: At, pathAt: PathAt): InputProblem[] {
  const problems: InputProblem[] = [];
  const tabIndented: number[] = [];
  for (const match of text.matchAll(CONTROL)) {
    const offset = match.index!;
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    const indenting = match[0] === '\t' && /^[ \t]*$/.test(text.slice(lineStart, offset));
    if (indenting) {
      if (tabIndented.at(-1) !== lineStart) tabIndented.push(lineStart);
      continue;
    }
    if (match[0] === '\t') continue;
    const contentStart = lineStart + /^[ \t]*/.exec(text.slice(lineStart))![0].length;
    const message = `holds the control character ${describeChar(match[0])}, which a config file must not contain: remove it`;
    problems.push({ ...at(offset), path: pathAt(Math.max(offset, contentStart)), message });
  }
  if (tabIndented.length) {
    const [first, ...more] = tabIndented.map((offset) => at(offset).line!);
    const also = more.length ? ` (so do line${more.length > 1 ? 's' : ''} ${more.join(', ')})` : '';
    const offset = tabIndented[0] + /^ */.exec(text.slice(tabIndented[0]))![0].length;
    // No key path: with tabs in the indentation, the parser's idea of the nesting is not the user's.
    problems.push({ ...at(offset), path: [], message: `line ${first} uses a tab for indentation; YAML needs spaces${also}` });
  }
  return problems;
}

/**
 * `host:value` (no space after the colon) is one plain string in YAML, so the key silently disappears or the
 * lines below stop parsing. Only known config keys count: `fd00:1::5` is an IPv6 address, not a key.
 */
function missingSpaceAfterColon(text: string, knownKeys: ReadonlySet<string>, at: At, pathAt: PathAt, secretAt: SecretAt): InputProblem[] {
  const problems: InputProblem[] = [];
  for (const match of text.matchAll(/^([ ]*(?:- +)?)([A-Za-z][\w-]*):([^\s#][^\n#]*?)[ ]*(?:#.*)?$/gm)) {
    const [, lead, key, rawValue] = match;
    // `password:abc` is a key only the raw line shows: its name says the text after the colon is a secret.
    if (!(knownKeys.has(key) || isSecretKey(key)) || rawValue.startsWith(':') || rawValue.startsWith('//')) continue;
    const offset = match.index! + lead.length;
    const path = [...pathAt(offset), key];
    const value = secretAt(path) ? REDACTED : redact(rawValue);
    problems.push({
      ...at(offset),
      path,
      message: `\`${key}:${value}\` has no space after the colon, so YAML reads it as one text: write \`${key}: ${value}\``,
    });
  }
  return problems;
}

/** The parser's errors in the user's words; follow-on errors of one mistake are dropped. */
function describeYamlErrors(doc: Document.Parsed, text: string, at: At, pathAt: PathAt, secretAt: SecretAt): InputProblem[] {
  const problems: InputProblem[] = [];
  const reportedMaps = new Set<unknown>();
  const coveredLines = new Set<number>();
  const slipOfLine = new Map(indentSlips(text).flatMap((slip) => slip.lines.map((l) => [l, slip] as const)));
  for (const error of doc.errors) {
    const offset = error.pos[0];
    const { line } = at(offset);
    if (coveredLines.has(line!)) continue;
    // A line a space off in a list: one message about it, instead of the parser's about its neighbours.
    const slip = slipOfLine.get(line!);
    if (slip) {
      slip.lines.forEach((l) => coveredLines.add(l));
      problems.push({ ...at(slip.offset), path: slip.path, message: slip.message });
      continue;
    }
    if (error.code === 'DUPLICATE_KEY') {
      const duplicate = findPair(doc.contents, offset, []);
      if (duplicate && !reportedMaps.has(duplicate.map)) {
        reportedMaps.add(duplicate.map);
        const line = quotableLine(lineAt(text, offset), secretAt(duplicate.path));
        problems.push({ ...at(offset), path: duplicate.path, message: duplicateKeyMessage(duplicate, line, at) });
      }
      continue;
    }
    const undashed = missingDash(text, offset, (listOffset, key) => {
      // The item above: its `name` may make this key's value a secret (an env entry's `value`).
      const list = pathAt(listOffset);
      const items = doc.getIn(list, true);
      return secretAt([...list, isSeq(items) ? items.items.length - 1 : 0, key]);
    });
    if (undashed) {
      undashed.lines.forEach((l) => coveredLines.add(l));
      problems.push({ ...at(undashed.offset), path: pathAt(undashed.listOffset), message: undashed.message });
      continue;
    }
    // The parser's words may quote the text (`|abc` read as a block scalar header): not where a secret stands.
    const path = pathAt(offset);
    const words = error.message.split('\n')[0];
    const secret =
      secretAt(path) || secretAt([...path, quotableLine(lineAt(text, offset), false).split(':')[0]]) || secretValues([words]).length > 0;
    const message = secret
      ? "invalid YAML where a secret stands (the parser's words are not shown: they may quote it): write the value in quotes"
      : `invalid YAML: ${words}`;
    problems.push({ ...at(offset), path, message });
  }
  return problems;
}

function lineAt(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', offset);
  return text.slice(start, end < 0 ? undefined : end);
}

interface FoundPair {
  readonly map: unknown;
  readonly key: string;
  readonly first: number;
  readonly inListItem: boolean;
  readonly path: Path;
}

/** The mapping whose key starts at `offset`, with the offset of that key's first occurrence. */
function findPair(node: unknown, offset: number, path: Path, inListItem = false): FoundPair | undefined {
  if (isMap(node)) {
    const index = node.items.findIndex((pair) => isNode(pair.key) && pair.key.range?.[0] === offset);
    if (index >= 0) {
      const key = keyText(node.items[index].key);
      const first = node.items.find((pair) => keyText(pair.key) === key)!.key as Node;
      return { map: node, key, first: first.range![0], inListItem, path: [...path, key] };
    }
    for (const pair of node.items) {
      const found = findPair(pair.value, offset, [...path, keyText(pair.key)]);
      if (found) return found;
    }
  }
  if (isSeq(node)) {
    for (const [index, item] of node.items.entries()) {
      const found = findPair(item, offset, [...path, index], true);
      if (found) return found;
    }
  }
  return undefined;
}

function duplicateKeyMessage(pair: FoundPair, line: string, at: At): string {
  const firstLine = at(pair.first).line;
  if (pair.inListItem) {
    return (
      `appears a second time in this list item (first on line ${firstLine}): ` +
      `if a new item starts here, write "- ${line}" at the indentation of the other dashes`
    );
  }
  return `is set twice (first on line ${firstLine}): keep one`;
}

/** Why an alias cannot stand (no anchor, or a loop), or undefined; a secret starting with "*" (so read as an alias) is not quoted. */
function aliasProblemOf(name: string, source: Node | undefined, loop: boolean, secret: boolean): string | undefined {
  if (source && !loop) return undefined;
  const target = source ? 'a value that contains it (a loop)' : 'no anchor';
  if (secret) return `"${REDACTED}" starts with "*", which YAML reads as an alias to ${target}: quote the value`;
  const fix = source ? 'write the value out' : `define \`&${name}\` on a value above it, or write the value out`;
  return `*${name} refers to ${target}: ${fix}`;
}

/**
 * Keys and values the schema must never see: prototype keys (silently dropped or harmful in plain objects),
 * control characters written as escapes ("\u0000", "\n" in a key), and aliases that are undefined, circular
 * or expand to an "alias bomb".
 */
function checkContent(doc: Document.Parsed, at: At, secretAt: SecretAt): InputProblem[] {
  const problems: InputProblem[] = [];
  const anchors = new Map<string, Node>();
  const sizes = new Map<Node, number>();
  const open = new Set<Node>();
  let aliasProblem = false;
  const report = (node: Node | undefined, path: Path, message: string) =>
    problems.push({ ...(node?.range ? at(node.range[0]) : {}), path, message });

  const walk = (node: unknown, path: Path): number => {
    if (!isNode(node)) return 1;
    if (isAlias(node)) {
      const source = anchors.get(node.source);
      if (aliasProblem) return 1;
      const problem = aliasProblemOf(node.source, source, !!source && open.has(source), secretAt(path));
      if (problem) {
        aliasProblem = true;
        report(node, path, problem);
        return 1;
      }
      return sizes.get(source!)!;
    }
    if (node.anchor) anchors.set(node.anchor, node);
    open.add(node);
    let size = 1;
    if (isScalar(node)) {
      const control = typeof node.value === 'string' ? controlCharacterProblem(node.value, path) : undefined;
      if (control) report(node, path, `${secretAt(path) ? `"${REDACTED}"` : JSON.stringify(node.value)} ${control}`);
      // `password: &abc`: a text that starts with "&" is read as an anchor, and the value silently becomes empty.
      if (node.anchor && node.value === null && !node.source) {
        const anchor = secretAt(path) ? `"${REDACTED}" starts with "&", which YAML reads as` : `&${node.anchor} is`;
        report(node, path, `${anchor} an anchor on an empty value: quote the value if it is text`);
      }
    } else if (isMap(node)) {
      for (const pair of node.items) {
        const key = keyText(pair.key);
        const keyNode = isNode(pair.key) ? pair.key : undefined;
        if (key === MERGE_KEY) {
          // Left out of the data (readYaml), so the rest of the document is still checked.
          const message = 'merge keys (`<<: *anchor`) are not supported: write the keys out in full';
          const written = node.items.map((p) => keyText(p.key)).filter((k) => k !== MERGE_KEY);
          problems.push({ ...(keyNode?.range ? at(keyNode.range[0]) : {}), path, leftOut: { written }, message });
        } else if (PROTOTYPE_KEYS.has(key)) {
          report(
            keyNode,
            [...path, key],
            `${JSON.stringify(key)} is not allowed as a key: it names a JavaScript object internal; rename it`,
          );
        } else if (CONTROL_CHARACTER.test(key)) {
          report(keyNode, path, 'has a key that holds a control character (a line break?): remove it'); // not quoted: it may be lines of text
        } else if (!isScalar(pair.key)) {
          report(keyNode, path, 'a key must be a plain name, not a list or mapping');
        }
        size += walk(pair.value, [...path, key]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        size += walk(item, [...path, index]);
      });
    }
    open.delete(node);
    sizes.set(node, size);
    if (size > MAX_EXPANDED_VALUES && !aliasProblem) {
      aliasProblem = true;
      const message = `holds more than ${MAX_EXPANDED_VALUES} values once its aliases (*name) are expanded; a config needs far fewer`;
      report(node, path, `${message}: write the values out`);
    }
    return size;
  };
  walk(doc.contents, []);
  return problems;
}
