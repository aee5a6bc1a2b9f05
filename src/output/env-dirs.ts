/**
 * The folders every command reads from the environment. An empty value means unset, as an empty
 * K3S_VIP_LOCK_WAIT_SECONDS does: `K3S_VIP_DIST_DIR=` (a blanked export) must not make `/` or the
 * working folder the output, nor the messages name a folder that was never used.
 */

/** The config folder: K3S_VIP_CONFIG_DIR, or `config` when unset or empty. */
export function configDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env.K3S_VIP_CONFIG_DIR || 'config';
}

/** The output folder: K3S_VIP_DIST_DIR, or `dist` when unset or empty. */
export function distDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env.K3S_VIP_DIST_DIR || 'dist';
}
