import { readdirSync } from 'node:fs';
import { extname } from 'node:path';

/** What makes a file in the config folder a cluster's config (loadConfigDir reads the same). */
const CONFIG_EXTENSIONS = ['.yaml', '.yml'];

/** Whether an entry of the config folder is named like a config: `<cluster>.yaml`, or only `.yaml` (which loading refuses). */
export const namedLikeConfig = (name: string): boolean =>
  CONFIG_EXTENSIONS.includes(extname(name).toLowerCase()) || CONFIG_EXTENSIONS.includes(name.toLowerCase());

/**
 * The names of the clusters in `dir`: every entry named like a config, sorted (sub-folders such as examples/ are
 * not clusters). A folder `x.yaml` or a file named only `.yaml` counts too, so that loading refuses it by name
 * rather than synth skipping it without a word. Undefined when `dir` cannot be read; loading it then says why.
 */
export function clusterNames(dir: string): string[] | undefined {
  try {
    return readdirSync(dir)
      .filter(namedLikeConfig)
      .map((name) => name.slice(0, -extname(name).length || name.length))
      .sort();
  } catch {
    return undefined;
  }
}
