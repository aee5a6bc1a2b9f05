import { statSync } from 'node:fs';
import { posix } from 'node:path';
import { yaml } from '../core/yaml';
import { printable } from '../core/problem';
import { OddEntry } from '../output/odd-entries';

/**
 * What `npm run validate` could not read, so that it never says "every object conforms" over files it skipped
 * (attack 56b-11): the entries that are no regular file (a link, a FIFO: listFiles leaves them out, as check
 * does), and the `resources` a kustomization.yaml lists that are not there. Kustomize (kubernetes-sigs/kustomize
 * api/krusty) fails a build on a missing resource, and a link or FIFO is deployed, or blocks, unchecked.
 */
export interface Unread {
  /** One line: the path, what it is, what to do. */
  readonly line: string;
  /** Whether validate must fail for it: a listed resource missing or unreadable, or a manifest it could not read. */
  readonly fatal: boolean;
}

const MANIFEST = /\.(ya?ml|json)$/i;

/** The `resources` entries of a kustomization's text that name a local path (not a URL), or none when it does not parse. */
function listedResources(text: string): string[] {
  let parsed: unknown;
  try {
    parsed = yaml.parse(text);
  } catch {
    return [];
  }
  const resources = parsed && typeof parsed === 'object' ? (parsed as { resources?: unknown }).resources : undefined;
  return Array.isArray(resources) ? resources.filter((r): r is string => typeof r === 'string' && !r.includes('://')) : [];
}

/**
 * The unread entries of `distDir`: `files` (dist-relative path -> text) are the regular files read, `odd` the
 * other entries (oddEntries).
 */
export function unreadEntries(distDir: string, files: ReadonlyMap<string, string>, odd: readonly OddEntry[]): Unread[] {
  const unread: Unread[] = [];
  const oddAt = new Map(odd.map((entry) => [entry.path, entry.kind]));
  const listed = new Set<string>();
  for (const [path, text] of files) {
    if (posix.basename(path) !== 'kustomization.yaml') continue;
    for (const resource of listedResources(text)) {
      const target = posix.normalize(posix.join(posix.dirname(path), resource));
      if (files.has(target) || target.startsWith('../')) continue;
      // The entry itself, or a linked folder on its way (`sub/` a link, `sub/a.yaml` listed).
      const parts = target.split('/');
      const oddPath = parts.map((_, i) => parts.slice(0, i + 1).join('/')).find((prefix) => oddAt.has(prefix));
      // A folder kustomize builds; a regular file validate does not read (not .yaml/.json) is no manifest either.
      if (oddPath === undefined && statSync(`${distDir}/${target}`, { throwIfNoEntry: false })) continue;
      if (oddPath !== undefined) listed.add(oddPath);
      const what =
        oddPath === undefined
          ? 'which is missing'
          : `${oddPath === target ? 'which is' : `inside ${printable(oddPath)},`} ${oddAt.get(oddPath)} validate does not read`;
      // Synth writes through no non-file: one in the way goes first, or the advice would send the user round (66c-6).
      const advice =
        oddPath === undefined
          ? 'run `npm run synth`, or remove it from the list'
          : `move ${printable(oddPath)} away, then run \`npm run synth\` (it writes through no non-file), or remove it from the list`;
      const line = `${printable(path)} lists ${printable(resource)}, ${what}: ${advice}`;
      unread.push({ line, fatal: true });
    }
  }
  for (const entry of odd) {
    if (listed.has(entry.path)) continue;
    const manifest = MANIFEST.test(entry.path);
    const line = `${printable(entry.path)} is ${entry.kind}, so validate did not read it${manifest ? ': make it a regular file, or remove it' : ''}`;
    unread.push({ line, fatal: manifest });
  }
  return unread;
}
