import type { Document, Node } from 'yaml';
import { Path, quotedText } from '../core/problem';
import { mayQuote, mayQuoteControlText } from '../core/quotable';
import { REDACTED } from '../core/secrets';
import { CONTROL_CHARACTER, controlCharacterProblem, keyPlace } from '../core/snapshot';
import { secretLineProblems } from '../core/secret-place';
import { isAlias, isMap, isNode, isScalar, isSeq } from '../core/yaml';
import type { At, InputProblem, Resolve, SecretAt } from './yaml-problem';
import { keyText, MERGE_KEY } from './yaml-secrets';
import { k3sTokenLineMessage, TOKEN_MESSAGE_START } from './literal-tokens';

/** A line's finding that is a K3s token (secret-place.ts secretLineProblems). */
const tokenLine = (found: { message: string; textLine?: number }): boolean =>
  found.textLine !== undefined && found.message.startsWith(`${TOKEN_MESSAGE_START} (K10…::…), on its line ${found.textLine}`);

/** Values after expanding aliases (`*name`): far above any real config, far below an "alias bomb". */
const MAX_EXPANDED_VALUES = 100_000;

/** Keys that name JavaScript object internals: never a config key, and unsafe in records. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * A tag, anchor or alias as written (`!abc`, `&abc`, `*abc`), for a message: quoted only where mayQuote allows it
 * and the value it stands on is no secret; otherwise what YAML read it as, with the name left out.
 */
export function shownName(written: string, secret: boolean): string | undefined {
  return secret || !mayQuote(written) ? undefined : written;
}

/** Why an alias cannot stand (no anchor, or a loop), or undefined; a secret starting with "*" (so read as an alias) is not quoted. */
function aliasProblemOf(name: string, source: Node | undefined, loop: boolean, secret: boolean): string | undefined {
  if (source && !loop) return undefined;
  const target = source ? 'a value that contains it (a loop)' : 'no anchor';
  const alias = shownName(`*${name}`, secret);
  if (alias === undefined) return `"${REDACTED}" starts with "*", which YAML reads as an alias to ${target}: quote the value`;
  const fix = source ? 'write the value out' : `define \`&${name}\` on a value above it, or write the value out`;
  return `${alias} refers to ${target}: ${fix}`;
}

/** The nodes of `node` (itself too) that carry an anchor, aliases not followed. */
function anchoredNodes(node: Node): Node[] {
  const found: Node[] = [];
  const pending: unknown[] = [node];
  while (pending.length) {
    const next = pending.pop();
    if (!isNode(next) || isAlias(next)) continue;
    if (next.anchor) found.push(next);
    if (isMap(next)) for (const pair of next.items) pending.push(pair.key, pair.value);
    else if (isSeq(next)) pending.push(...next.items);
  }
  return found;
}

/** 82a-20: an alias to a value left out for its size, or to one inside it; a secret starting with "*" is not quoted. */
function oversizedAliasProblem(name: string, value: { line?: number; within: boolean }, secret: boolean): string {
  const target = `${value.within ? 'a value within the one' : 'the value'}${value.line === undefined ? '' : ` on line ${value.line}`}`;
  const size = `holds more than ${MAX_EXPANDED_VALUES} values once its aliases (*name) are expanded`;
  const alias = shownName(`*${name}`, secret);
  if (alias === undefined)
    return `"${REDACTED}" starts with "*", which YAML reads as an alias to ${target}, which ${size}: quote the value`;
  return `${alias} refers to ${target}, which ${size}: write out the values meant here`;
}

/**
 * Keys and values the schema must never see: prototype keys (silently dropped or harmful in plain objects),
 * control characters written as escapes ("\u0000", "\n" in a key), and aliases that are undefined, circular
 * or expand to an "alias bomb". A merge key is reported `leftOut`: the data is read without it.
 */
export function checkContent(doc: Document.Parsed, at: At, secretAt: SecretAt, resolve: Resolve): InputProblem[] {
  const problems: InputProblem[] = [];
  const anchors = new Map<string, Node>();
  const sizes = new Map<Node, number>();
  const open = new Set<Node>();
  /** The anchored nodes in a value left out for its size, each with that value's line (82a-20). */
  const leftOut = new Map<Node, { line?: number; within: boolean }>();
  let aliasProblem = false;
  /** `dropped`: the value this problem leaves out of the data, which is still judged (the others stop the reading). */
  const report = (node: Node | undefined, path: Path, message: string, dropped?: Path) =>
    problems.push({ ...(node?.range ? at(node.range[0]) : {}), path, message, ...(dropped ? { dropped } : {}) });

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
      // 82a-20: an alias to a value left out for its size (or into one) is left out too, and said where it is.
      const gone = leftOut.get(source!);
      if (gone) {
        const message = oversizedAliasProblem(node.source, gone, secretAt(path));
        problems.push({ ...(node.range ? at(node.range[0]) : {}), path, message, dropped: path, overExpanded: true });
        return 1;
      }
      return sizes.get(source!)!;
    }
    if (node.anchor) anchors.set(node.anchor, node);
    open.add(node);
    let size = 1;
    if (isScalar(node)) {
      const control = typeof node.value === 'string' ? controlCharacterProblem(node.value, path) : undefined;
      // Judged only for a message: reading a long value for secrets is the dearest step of this walk.
      if (control)
        report(
          node,
          path,
          `${quotedText(node.value as string, (text) => secretAt(path) || !mayQuoteControlText(text), REDACTED)} ${control}`,
          path,
        );
      // 67a-21: the value is left out before the secret rules read it: a secret it holds is said in the same run.
      // 79a-6: a K3s token's with the advice every other K3s token message gives (k3s.tokenFile), not a Secret's.
      if (control)
        for (const found of secretLineProblems(node.value as string, path))
          report(node, path, tokenLine(found) ? k3sTokenLineMessage(found.textLine!) : found.message, path);
      // `password: &abc`: a text that starts with "&" is read as an anchor, and the value silently becomes empty.
      if (node.anchor && node.value === null && !node.source) {
        const anchor = shownName(`&${node.anchor}`, secretAt(path));
        report(
          node,
          path,
          `${anchor === undefined ? `"${REDACTED}" starts with "&", which YAML reads as` : `${anchor} is`} an anchor on an empty value: quote the value if it is text`,
          path,
        );
      }
    } else if (isMap(node)) {
      for (const [index, pair] of node.items.entries()) {
        const key = keyText(pair.key, resolve);
        const keyNode = isNode(pair.key) ? pair.key : undefined;
        if (key === MERGE_KEY) {
          // Left out of the data (readYaml), so the rest of the document is still checked.
          const message = 'merge keys (`<<: *anchor`) are not supported: write the keys out in full';
          const written = node.items.map((p) => keyText(p.key, resolve)).filter((k) => k !== MERGE_KEY);
          problems.push({ ...(keyNode?.range ? at(keyNode.range[0]) : {}), path, leftOut: { written }, message });
        } else if (PROTOTYPE_KEYS.has(key)) {
          report(
            keyNode,
            [...path, key],
            `${JSON.stringify(key)} is not allowed as a key: it names a JavaScript object internal; rename it`,
            [...path, key],
          );
        } else if (CONTROL_CHARACTER.test(key)) {
          // Not quoted: it may be lines of text. Its place among the map's keys says which (48a-18).
          report(keyNode, path, `has a key that holds a control character (a line break?): ${keyPlace(index, node.items.length)}`, [
            ...path,
            key,
          ]);
        } else if (!isScalar(resolve(pair.key))) {
          // Left out of the data (collection-keys.ts), so the rest of the document is still judged (78b-21).
          report(keyNode, path, 'a key must be a plain name, not a list or mapping', [...path, key]);
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
      const message = `holds more than ${MAX_EXPANDED_VALUES} values once its aliases (*name) are expanded; a config needs far fewer: write the values out`;
      // 81b-20: below the top, the value is left out of the data (yaml-input.ts reads it without its aliases), so the
      // rest of the file is still judged; it counts as one value from here on.
      if (!path.length) {
        aliasProblem = true;
        report(node, path, message);
        return size;
      }
      problems.push({ ...(node.range ? at(node.range[0]) : {}), path, message, dropped: path, overExpanded: true });
      sizes.set(node, 1);
      const line = node.range ? at(node.range[0]).line : undefined;
      for (const anchored of anchoredNodes(node)) leftOut.set(anchored, { line, within: anchored !== node });
      return 1;
    }
    return size;
  };
  walk(doc.contents, []);
  return problems;
}

/**
 * Whether the character at `offset` of `text` is a block scalar's (`|`, `>`) content: on one of its content lines,
 * past the spaces that indent the block. YAML indents with spaces only, and what follows them is text, tabs too
 * (YAML 1.2.2 §8.1.1.1 and §6.1, l-nb-literal-text), so a tab there is data, not indentation. The block's
 * indentation is taken as its least indented non-blank line's, the line the parser detects it on.
 */
export function inBlockScalarText(doc: Document.Parsed, text: string): (offset: number) => boolean {
  let blocks: Array<{ start: number; end: number; indent: number }> | undefined;
  const walk = (node: unknown) => {
    if (isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') && node.range) {
      const start = text.indexOf('\n', node.range[0]) + 1;
      const lines = text
        .slice(start, node.range[1])
        .split('\n')
        .filter((line) => /\S/.test(line));
      const indent = lines.reduce((least, line) => Math.min(least, leadingSpaces(line)), Infinity);
      if (start > 0 && lines.length) blocks!.push({ start, end: node.range[1], indent });
    } else if (isMap(node)) node.items.forEach((pair) => [pair.key, pair.value].forEach(walk));
    else if (isSeq(node)) node.items.forEach(walk);
  };
  return (offset) => {
    // Found once, at the first tab that may indent.
    if (!blocks) {
      blocks = [];
      walk(doc.contents);
    }
    const before = text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset);
    return blocks.some(({ start, end, indent }) => offset >= start && offset < end && leadingSpaces(before) >= indent);
  };
}

const leadingSpaces = (line: string) => /^ */.exec(line)![0].length;
