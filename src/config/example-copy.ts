import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { formatPath, printable } from '../core/problem';
import { yaml } from '../core/yaml';

/** Keys whose values belong to one network or site, which a copy must not keep unread. */
const SITE_KEYS = new Set(['interface', 'address', 'loadBalancerIPs', 'ips', 'range', 'cidr', 'nodeCidr', 'host', 'email', 'repoURL']);
/** Site keys whose example value is often right as it is (`eth0`): listed to check, never warned about. */
const OFTEN_RIGHT = new Set(['interface']);

/**
 * A site value as a message shows it: text as it is, or JSON-quoted when it holds a line break or another
 * unprintable character (printable); binary data (`!!binary`) by its size only, as its decoded text may be a secret.
 */
function siteText(value: unknown): string {
  if (value instanceof Uint8Array) return `(binary data, ${value.length} bytes, not shown)`;
  return printable(typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value)));
}

/** A value under a site-specific key: its key path, and its value as a message shows it (a list's items each on their own). */
export interface SiteValue {
  readonly path: string;
  readonly key: string;
  readonly values: readonly string[];
}

/** Every value under a site-specific key of parsed config data, in file order. */
export function siteValues(value: unknown, path: Array<string | number> = []): SiteValue[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => siteValues(item, [...path, i]));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) =>
    SITE_KEYS.has(key)
      ? [{ path: printable(formatPath([...path, key])), key, values: (Array.isArray(child) ? child : [child]).map(siteText) }]
      : siteValues(child, [...path, key]),
  );
}

const COPIED_FROM = /^# Copied from (\S+) by `npm run new`/m;

/**
 * The line `npm run new` writes into a copy of an example (named relative to the copy's folder): while
 * the copy holds the example's addresses, hosts and e-mails, synth warns; deleting the line ends that.
 */
export function copiedFromLine(example: string): string {
  return `# Copied from ${example} by \`npm run new\`: synth warns while the example's addresses, hosts and e-mails are left; delete this line once they are yours.`;
}

/** What a copy of an example still holds of it. */
export interface ExampleLeftovers {
  /** Line of the "Copied from" comment. */
  readonly line: number;
  /** The example, as the comment names it. */
  readonly example: string;
  /** `key.path value` of every value still equal to one of the example's. */
  readonly values: readonly string[];
}

/**
 * The example values a config created by `npm run new` still holds, or undefined: no "Copied from"
 * line (the repository's own configs, copies of clusters), the example is gone, or nothing is left.
 */
export function exampleLeftovers(file: string, text: string): ExampleLeftovers | undefined {
  const match = COPIED_FROM.exec(text);
  if (!match) return undefined;
  let example: SiteValue[];
  let copy: SiteValue[];
  try {
    example = siteValues(yaml.parse(readFileSync(join(dirname(file), match[1]), 'utf8')));
    copy = siteValues(yaml.parse(text));
  } catch {
    return undefined;
  }
  const theirs = new Set(example.filter((v) => !OFTEN_RIGHT.has(v.key)).flatMap((v) => v.values));
  const values = copy
    .filter((v) => !OFTEN_RIGHT.has(v.key))
    .flatMap((v) => v.values.filter((item) => theirs.has(item)).map((item) => `${v.path} ${item}`));
  if (!values.length) return undefined;
  return { line: text.slice(0, match.index).split('\n').length, example: match[1], values };
}
