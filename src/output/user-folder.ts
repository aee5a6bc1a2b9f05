import { isAbsolute } from 'node:path';

/** This project's npm scripts that take a path (package.json): npm runs each in the project root. */
const PATH_TAKING_SCRIPTS = new Set(['synth', 'check', 'validate', 'k3s:install', 'new']);

/**
 * A path the user typed (`--dir ../mf`, `K3S_VIP_DIST_DIR=../out`), taken from the folder it was typed in. npm runs a
 * script in the project root and leaves the folder it was started in in INIT_CWD (npm docs, "npm run-script": "the
 * original working directory ... is available as INIT_CWD"); outside npm the working folder is that folder already.
 * Joined as text, not folded: a `..` is left for physicalPath to take the kernel's way (after any link before it).
 */
export function fromUserFolder(path: string, env: NodeJS.ProcessEnv = process.env): string {
  const typedIn = PATH_TAKING_SCRIPTS.has(env.npm_lifecycle_event ?? '') ? env.INIT_CWD : undefined;
  if (!typedIn || !isAbsolute(typedIn) || isAbsolute(path) || typedIn === process.cwd()) return path;
  return `${typedIn.replace(/\/+$/, '')}/${path}`;
}
