import { physicalOrResolved } from './physical-path';
import { fromUserFolder } from './user-folder';

/**
 * The folders every command reads from the environment. An empty value means unset, as an empty
 * K3S_VIP_LOCK_WAIT_SECONDS does: `K3S_VIP_DIST_DIR=` (a blanked export) must not make `/` or the
 * working folder the output, nor the messages name a folder that was never used.
 *
 * A value with a `..` in it is resolved here, once, as the kernel resolves it (physical-path.ts): Node's path
 * functions fold `<link>/../x` as text (beside the link) where the kernel follows the link first (beside its
 * target), so a folder listed through the raw value and its files read through `join` would be two folders.
 * A relative value is taken from the folder the command was typed in (user-folder.ts), the defaults from the project.
 */
function envDir(value: string | undefined, fallback: string, env: NodeJS.ProcessEnv): string {
  if (!value) return fallback;
  const path = fromUserFolder(value, env);
  return path.split('/').includes('..') ? physicalOrResolved(path) : path;
}

/** The config folder: K3S_VIP_CONFIG_DIR, or `config` when unset or empty. */
export function configDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return envDir(env.K3S_VIP_CONFIG_DIR, 'config', env);
}

/** The output folder: K3S_VIP_DIST_DIR, or `dist` when unset or empty. */
export function distDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return envDir(env.K3S_VIP_DIST_DIR, 'dist', env);
}
