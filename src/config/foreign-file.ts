import type { YAMLSeq } from 'yaml';
import { isNode } from '../core/yaml';
import { allowedKeys } from './config-shape';

/**
 * Why a file that is a list is no config, and what to write (79b-18): a config item behind a stray `- ` (its keys are a
 * config's) is un-indented by the spaces between the dash and its first key. Names only keys a config has. Items that
 * each hold other keys of a config (`- kubeVip: …` then `- traefik: …`) are one config's parts, every dash a slip
 * (80a-16); items that repeat a key are clusters of their own.
 */
export function listFile(data: readonly unknown[], seq: YAMLSeq, text: string): string {
  const items = `a list of ${data.length} item${data.length === 1 ? '' : 's'}, not a mapping of keys`;
  const known = new Set(allowedKeys([]));
  const keysOf = (item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item) ? Object.keys(item).filter((key) => known.has(key)) : [];
  const keys = keysOf(data[0]);
  const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
  const dash = seq.range?.[0] ?? 0;
  const item = seq.items[0];
  if (!keys.length || !isNode(item) || !item.range) {
    return `is ${items}, so it is not a k3s-vip config: write a mapping of keys (top-level keys ${allowedKeys([]).join(', ')})`;
  }
  const indent = item.range[0] - dash;
  const spaces = `${indent} space${indent === 1 ? '' : 's'}`;
  const parts = oneConfigParts(data, seq, text, keysOf);
  if (parts) {
    const all = data.flatMap(keysOf);
    const dashes = parts.dashes.map(lineOf);
    const by = parts.indents.every((n) => n === indent) ? `by ${spaces}` : 'by the spaces after its dash';
    return (
      `is ${items}: its items hold the keys of one config (${all.join(', ')}): remove the "- " on lines ` +
      `${dashes.slice(0, -1).join(', ')} and ${dashes[dashes.length - 1]} and un-indent the lines under each ${by}, so the keys stand at the top level`
    );
  }
  const rest = data.length > 1 ? `, and keep one cluster per file (the other ${data.length - 1} in files of their own)` : '';
  return (
    `is ${items}: its first item holds a config's keys (${keys.join(', ')}): remove the "- " on line ${lineOf(dash)} and un-indent ` +
    `the lines under it by ${spaces}, so the keys stand at the top level${rest}`
  );
}

/** Where each item's dash stands and how far its keys are indented past it, when the items are parts of one config. */
function oneConfigParts(
  data: readonly unknown[],
  seq: YAMLSeq,
  text: string,
  keysOf: (item: unknown) => string[],
): { dashes: number[]; indents: number[] } | undefined {
  if (data.length < 2) return undefined;
  const seen = new Set<string>();
  for (const item of data) {
    const keys = keysOf(item);
    // Only a config's keys, each once over all items: another key, or one written twice, is no slip of dashes.
    if (!keys.length || keys.length !== Object.keys(item as object).length || keys.some((key) => seen.has(key))) return undefined;
    keys.forEach((key) => seen.add(key));
  }
  const dashes: number[] = [];
  const indents: number[] = [];
  for (const node of seq.items) {
    if (!isNode(node) || !node.range) return undefined;
    const start = node.range[0];
    // The item's own dash: the last one before its first key, on its line.
    const dash = text.lastIndexOf('-', start - 1);
    if (dash < 0 || text.slice(dash + 1, start).trim() !== '') return undefined;
    dashes.push(dash);
    indents.push(start - dash);
  }
  return { dashes, indents };
}

/**
 * Why a file is no k3s-vip config at all, or undefined: text or a number (a link to /etc/passwd reads as one long
 * string, a link to a key file as one word) or a
 * mapping of several keys none of which a config has (another tool's YAML). Said once, showing nothing of the file,
 * rather than one "unknown key" per line of it; one unknown key beside none known is still a typo, and says so.
 */
export function foreignFile(data: unknown): string | undefined {
  const fix = `: point at a k3s-vip config (top-level keys ${allowedKeys([]).join(', ')}), or move the file out of the config folder`;
  // Any text or number, never quoted: a linked key file is one line.
  if (typeof data === 'string') return `is ${data.length} characters of text, not a mapping of keys, so it is not a k3s-vip config${fix}`;
  if (typeof data === 'number' || typeof data === 'bigint')
    return `is a number, not a mapping of keys, so it is not a k3s-vip config${fix}`;
  if (!data || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const keys = Object.keys(data);
  const known = new Set(allowedKeys([]));
  if (keys.length < 3 || keys.some((key) => known.has(key))) return undefined;
  return `has ${keys.length} top-level keys and none of a k3s-vip config, so it is not one${fix}`;
}
