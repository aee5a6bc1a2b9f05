import type { Document, Node } from 'yaml';
import { formatPath, type Path } from '../core/problem';
import { mayQuote } from '../core/quotable';
import { unclosedQuote } from '../core/yaml-documents';
import { isMap, isNode, isScalar, isSeq } from '../core/yaml';
import { duplicateKeyStart } from './duplicate-keys';
import { indentSlips } from './indent-slip';
import { misindentedKey } from './misindented-key';
import { compactMapping, flowCompactMapping } from './compact-mapping';
import { missingDash } from './missing-dash';
import type { At, InputProblem, PathAt, Resolve, SecretAt } from './yaml-problem';
import { keyText, quotableLine } from './yaml-secrets';

/** What the reading layer knows of a parsed document, to say where a problem is and whether a value is a secret. */
export interface DocContext {
  readonly doc: Document.Parsed;
  readonly text: string;
  readonly at: At;
  readonly pathAt: PathAt;
  readonly secretAt: SecretAt;
  readonly resolve: Resolve;
}

/**
 * The parser's errors in the user's words; follow-on errors of one mistake are dropped. The parser's own words
 * are quoted only where mayQuote allows them and the line they are about: they may quote the raw text.
 */
export function describeYamlErrors({ doc, text, at, pathAt, secretAt, resolve }: DocContext): InputProblem[] {
  const problems: InputProblem[] = [];
  const reportedMaps = new Set<unknown>();
  const coveredLines = new Set<number>();
  const escapedValues = new Set<string>();
  const slipOfLine = new Map(indentSlips(text).flatMap((slip) => slip.lines.map((l) => [l, slip] as const)));
  // A quote left open runs to the end of the file, where the parser places its error: one message, where it opens,
  // instead of the errors the text after it gives (it is all read as one text).
  const quote = doc.errors.some((error) => error.message.startsWith('Missing closing')) ? unclosedQuote(doc, text) : undefined;
  if (quote) {
    const message = `opens a quote (${quote.mark}) that is never closed, so YAML reads the rest of the file as this text: end the value with ${quote.mark}`;
    problems.push({ ...at(quote.offset), path: pathAt(quote.offset), message });
  }
  // Likewise a flow collection left open (`version: [v1.2.3`): the parser reads the lines after it into it and complains
  // about them too; one message, where it opens.
  // 79b-2: one before an unclosed quote is said too (the quote's text cannot have opened it).
  const flow = unclosedFlow(doc, text, quote?.offset);
  if (flow) problems.unshift({ ...at(flow.offset), path: pathAt(flow.offset), message: flow.message });
  // A stray closer (`[a]]`) ends what YAML can read: every token after it is "unexpected" too. One message, at the first.
  const stray = quote || flow ? undefined : doc.errors.find((e) => STRAY_TOKEN.test(e.message));
  if (stray) {
    const mark = /^Unexpected \S+ token in YAML stream: "([\]}:,-])"/.exec(stray.message)?.[1];
    const message = `has a stray ${mark ? `"${mark}"` : 'token'} here, so YAML can read nothing after it: remove it, or quote the value`;
    problems.push({ ...at(stray.pos[0]), path: pathAt(stray.pos[0]), message });
  }
  for (const error of doc.errors) {
    const offset = error.pos[0];
    if (quote && offset >= quote.offset) continue;
    const { line } = at(offset);
    if (coveredLines.has(line!)) continue;
    // A tab after `key:` before a map on the same line (`logs:<TAB>general: x`): the parser's next error on the line,
    // the map nested on one line, is the problem and says what to write (83a-13); a tab before a value is allowed.
    if (error.code === 'TAB_AS_INDENT' && doc.errors.some((next) => next.pos[0] > offset && at(next.pos[0]).line === line)) continue;
    // A line a space off in a list: one message about it, instead of the parser's about its neighbours.
    const slip = slipOfLine.get(line!);
    if (slip) {
      slip.lines.forEach((l) => coveredLines.add(l));
      problems.push({ ...at(slip.offset), path: slip.path, message: slip.message });
      continue;
    }
    // The parser's follow-on words of an open flow collection or a stray token (said above); an indent slip is its own.
    if ((flow && offset >= flow.offset) || (stray && offset >= stray.pos[0] && STRAY_TOKEN.test(error.message))) continue;
    if (error.code === 'DUPLICATE_KEY') {
      const start = duplicateKeyStart(doc, offset) ?? offset;
      const duplicate = findPair(doc.contents, start, [], resolve);
      if (duplicate && !reportedMaps.has(duplicate.map)) {
        reportedMaps.add(duplicate.map);
        const line = quotableLine(lineAt(text, start), secretAt(duplicate.path));
        problems.push({ ...at(start), path: duplicate.path, message: duplicateKeyMessage(duplicate, line, at), duplicateKey: true });
      }
      continue;
    }
    // 80a-8: `"…\d…"`, a backslash double quotes read as an escape: said once per value, with what to write.
    if (error.code === 'BAD_DQ_ESCAPE') {
      const escape = badEscape(doc, text, offset, pathAt, secretAt);
      if (escape) {
        if (!escapedValues.has(formatPath(escape.path))) problems.push({ ...at(offset), ...escape });
        escapedValues.add(formatPath(escape.path));
        continue;
      }
    }
    const undashed = missingDash(text, offset, (listOffset, key) => {
      // The item above: its `name` may make this key's value a secret (an env entry's `value`).
      const list = pathAt(listOffset);
      const items = resolve(doc.getIn(list, true));
      return secretAt([...list, isSeq(items) ? items.items.length - 1 : 0, key]);
    });
    if (undashed) {
      undashed.lines.forEach((l) => coveredLines.add(l));
      problems.push({ ...at(undashed.offset), path: pathAt(undashed.listOffset), message: undashed.message });
      continue;
    }
    // The parser's words name neither the key nor its indentation: said at the key, with the indent to write (76b-6).
    const misindented = error.message.startsWith('All mapping items must start at the same column')
      ? misindentedKey(text, offset, pathAt)
      : undefined;
    if (misindented) {
      problems.push({ ...at(misindented.offset), path: misindented.path, message: misindented.message });
      continue;
    }
    const compact = error.message.startsWith('Nested mappings are not allowed in compact mappings')
      ? compactMapping(doc, text, offset, pathAt, secretAt)
      : error.code === 'BLOCK_IN_FLOW'
        ? flowCompactMapping(doc, text, offset, pathAt, secretAt)
        : undefined;
    if (compact) {
      problems.push({ ...at(offset), ...compact });
      continue;
    }
    problems.push({
      ...at(offset),
      path: pathAt(offset),
      message: textAfterClose(error.message, text, offset) ?? parserWords(error.message, lineAt(text, offset), pathAt(offset), secretAt),
    });
  }
  return problems;
}

/**
 * A bad escape in a double-quoted value (eemeli/yaml src/compose/resolve-flow-scalar.ts, v2.9.1: "Invalid escape sequence"),
 * most often a regexp's `\d` in a Traefik rule: the parser keeps the backslash, which is what the advice writes, so the
 * value and the rest of the file are still judged. Undefined where the escape is in no value (a key): the parser's words
 * then stand.
 */
function badEscape(
  doc: Document.Parsed,
  text: string,
  offset: number,
  pathAt: PathAt,
  secretAt: SecretAt,
): Pick<InputProblem, 'path' | 'message' | 'badEscape'> | undefined {
  const path = pathAt(offset);
  const node = doc.getIn(path, true);
  if (!path.length || !isScalar(node) || !node.range || offset < node.range[0] || offset >= node.range[1]) return undefined;
  const sequence = /^\\(?:x[^"]{0,2}|u[^"]{0,4}|U[^"]{0,8}|.)/su.exec(text.slice(offset, node.range[1] - 1))?.[0] ?? '';
  const shown = !secretAt(path) && mayQuote(sequence) && /^\\[!-~]+$/.test(sequence) ? `"${sequence}"` : 'a backslash';
  return {
    path,
    badEscape: true,
    message:
      `holds ${shown} in double quotes, where YAML reads a backslash as an escape and knows none such: ` +
      `write \\\\${shown === 'a backslash' ? '' : sequence.slice(1)} to keep the backslash, or quote the value with single quotes ('…'), which keep it as written`,
  };
}

/** The parser's words for a token it cannot place: after the first, every later token of the stream gets them too. */
const STRAY_TOKEN = /^Unexpected \S+ token in YAML stream/;

/**
 * The flow collection the parser's first "must ... end with a ]" (or `}`) error is about: the innermost `[` or `{`
 * still open where the parser gave up, found by one pass over the text before it that skips quoted text and comments.
 * Undefined when none is open (the parser's own words then stand).
 */
function unclosedFlow(doc: Document.Parsed, text: string, before = Infinity): { offset: number; message: string } | undefined {
  const error = doc.errors.find((e) => /^Flow (?:sequence|mapping|map)\b.*end with a [\]}]/.test(e.message) && e.pos[0] < before);
  if (!error) return undefined;
  const open: number[] = [];
  for (let i = 0; i < error.pos[0] && i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const end = text.indexOf(c, i + 1);
      const line = text.indexOf('\n', i + 1);
      if (end >= 0 && (line < 0 || end < line || c === '"')) i = end;
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      const line = text.indexOf('\n', i);
      i = line < 0 ? text.length : line;
    } else if (c === '[' || c === '{') open.push(i);
    else if ((c === ']' || c === '}') && open.length && text[open[open.length - 1]] === (c === ']' ? '[' : '{')) open.pop();
  }
  const offset = open.pop();
  if (offset === undefined) return undefined;
  const [mark, close, kind] = text[offset] === '[' ? ['[', ']', 'list'] : ['{', '}', 'map'];
  return {
    offset,
    message: `opens a flow ${kind} (${mark}) that is never closed, so YAML reads the lines after it into it: end it with ${close}, or quote the value`,
  };
}

/**
 * Text after a closed quote or flow collection on its line (`value: 'a b' extra`): the parser's "Unexpected scalar at
 * node end" says nothing to write, and its words may quote a secret. Told from the character before the stray text.
 */
function textAfterClose(message: string, text: string, offset: number): string | undefined {
  if (!/^Unexpected \S+ at node end/.test(message)) return undefined;
  const before = text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset).trimEnd();
  const close = before[before.length - 1];
  if (close === "'" || close === '"') return `has text after its closing quote (${close}): put it inside the quotes or remove it`;
  if (close === ']' || close === '}')
    return `has text after its closing ${close}: put it inside the ${close === ']' ? 'list' : 'map'} or remove it`;
  return undefined;
}

/** The parser's words, or where they may quote a secret (`|abc` read as a block scalar header), a description instead. */
function parserWords(message: string, line: string, path: Path, secretAt: SecretAt): string {
  const words = message.split('\n')[0];
  const key = /^\s*(?:-\s+)*(["']?)([^\s:#"']+)\1\s*:/.exec(line)?.[2];
  const secret = secretAt(path) || (key !== undefined && secretAt([...path, key])) || !mayQuote(words) || !mayQuote(line);
  return secret
    ? "invalid YAML where a secret stands (the parser's words are not shown: they may quote it): write the value in quotes"
    : `invalid YAML: ${words}`;
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
  /** Written in braces (`{a: 1, a: 2}`): no new item can start inside it. */
  readonly flow: boolean;
  readonly path: Path;
}

/** The mapping whose key starts at `offset`, with the offset of that key's first occurrence. */
function findPair(node: unknown, offset: number, path: Path, resolve: Resolve, inListItem = false): FoundPair | undefined {
  if (isMap(node)) {
    const index = node.items.findIndex((pair) => isNode(pair.key) && pair.key.range?.[0] === offset);
    if (index >= 0) {
      const key = keyText(node.items[index].key, resolve);
      const first = node.items.find((pair) => keyText(pair.key, resolve) === key)!.key as Node;
      return { map: node, key, first: first.range![0], inListItem, flow: node.flow === true, path: [...path, key] };
    }
    for (const pair of node.items) {
      const found = findPair(pair.value, offset, [...path, keyText(pair.key, resolve)], resolve);
      if (found) return found;
    }
  }
  if (isSeq(node)) {
    for (const [index, item] of node.items.entries()) {
      const found = findPair(item, offset, [...path, index], resolve, true);
      if (found) return found;
    }
  }
  return undefined;
}

function duplicateKeyMessage(pair: FoundPair, line: string, at: At): string {
  const firstLine = at(pair.first).line;
  // 84a-9: in braces the second key is no new item's first (a new item cannot start inside `{…}`): one is to go.
  if (pair.inListItem && !pair.flow) {
    return (
      `appears a second time in this list item (first on line ${firstLine}): ` +
      `if a new item starts here, write "- ${line}" at the indentation of the other dashes`
    );
  }
  return `is set twice (first on line ${firstLine}): keep one`;
}
