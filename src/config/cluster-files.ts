import { readdirSync } from 'node:fs';
import { extname } from 'node:path';

/** What makes a file in the config folder a cluster's config (loadConfigDir reads the same). */
const CONFIG_EXTENSIONS = ['.yaml', '.yml'];

/**
 * The names of the clusters in `dir`: its `<cluster>.yaml` files and links, sorted (sub-folders such as
 * examples/ are not clusters). Undefined when `dir` cannot be read; loading it then says why.
 */
export function clusterNames(dir: string): string[] | undefined {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((entry) => (entry.isFile() || entry.isSymbolicLink()) && CONFIG_EXTENSIONS.includes(extname(entry.name).toLowerCase()))
      .map((entry) => entry.name.slice(0, -extname(entry.name).length))
      .sort();
  } catch {
    return undefined;
  }
}
