import type { YAMLSeq } from 'yaml';
import { isNode } from '../core/yaml';
import { allowedKeys } from './config-shape';

/**
 * Why a file that is a list is no config, and what to write (79b-18): a config item behind a stray `- ` (its keys are a
 * config's) is un-indented by the spaces between the dash and its first key. Names only keys a config has.
 */
export function listFile(data: readonly unknown[], seq: YAMLSeq, text: string): string {
  const items = `a list of ${data.length} item${data.length === 1 ? '' : 's'}, not a mapping of keys`;
  const first: unknown = data[0];
  const known = new Set(allowedKeys([]));
  const keys = first && typeof first === 'object' && !Array.isArray(first) ? Object.keys(first).filter((key) => known.has(key)) : [];
  const dash = seq.range?.[0] ?? 0;
  const item = seq.items[0];
  const line = text.slice(0, dash).split('\n').length;
  if (!keys.length || !isNode(item) || !item.range) {
    return `is ${items}, so it is not a k3s-vip config: write a mapping of keys (top-level keys ${allowedKeys([]).join(', ')})`;
  }
  const indent = item.range[0] - dash;
  const rest = data.length > 1 ? `, and keep one cluster per file (the other ${data.length - 1} in files of their own)` : '';
  return (
    `is ${items}: its first item holds a config's keys (${keys.join(', ')}): remove the "- " on line ${line} and un-indent ` +
    `the lines under it by ${indent} space${indent === 1 ? '' : 's'}, so the keys stand at the top level${rest}`
  );
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
